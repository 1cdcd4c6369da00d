//! The GitHub Action's script (`ci/github-action.sh`, run by `action.yml`)
//! under the environment GitHub gives it: a throwaway repository with a
//! base and a head commit, a pull-request event file, a job summary file,
//! and `curl` replaced by a stand-in that records the API calls and
//! answers the comment listing, so the comment is created on the first run
//! and updated on the second.

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;
use support::repo::Repo;

const BASE: &str = "score fit\nrule sales_ready: sales >= 55 => fit +40\n\
    rule engaged: marketing >= 30 => fit +20\ntier sql: fit >= 60\ntier mql: fit >= 40\n";
const LEADS: &str = "{\"id\":\"T-1\",\"sales\":40,\"marketing\":40}\n{\"id\":\"T-2\",\"sales\":60,\"marketing\":0}\n";
const FAKE_CURL: &str = r#"#!/usr/bin/env bash
# Records each call; answers GET with $FAKE_COMMENTS.
echo "curl $*" >> "$FAKE_LOG"
case " $* " in
  *" -X "*) ;;
  *) cat "$FAKE_COMMENTS" ;;
esac
"#;

struct Setup {
    repo: Repo,
    scratch: PathBuf,
}

fn setup(name: &str) -> Setup {
    let repo = Repo::new(name);
    repo.commit(&[("icp/rules.icp", BASE), ("leads.jsonl", LEADS)], "base");
    let base = repo.git(&["rev-parse", "HEAD"]);
    let head = BASE.replace(">= 55", ">= 35");
    repo.commit(
        &[
            ("icp/rules.icp", &head),
            (
                "icp/extra.icp",
                "score fit\nrule unused_let: employees > 1 => fit +1\nlet spare = employees > 2\n",
            ),
        ],
        "lower the threshold",
    );
    let scratch = repo.root.with_extension("github");
    let _ = std::fs::remove_dir_all(&scratch);
    std::fs::create_dir_all(scratch.join("bin")).expect("scratch space");
    let curl = scratch.join("bin/curl");
    std::fs::write(&curl, FAKE_CURL).expect("scratch space");
    make_executable(&curl);
    let event = format!("{{\"pull_request\":{{\"number\":7,\"base\":{{\"sha\":\"{base}\"}}}}}}");
    std::fs::write(scratch.join("event.json"), event).expect("scratch space");
    std::fs::write(scratch.join("comments.json"), "[]").expect("scratch space");
    Setup { repo, scratch }
}

fn make_executable(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    let mut permissions = std::fs::metadata(path).expect("exists").permissions();
    permissions.set_mode(0o755);
    std::fs::set_permissions(path, permissions).expect("chmod");
}

fn run_action(setup: &Setup) -> std::process::Output {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("ci/github-action.sh");
    let icpc_dir = Path::new(env!("CARGO_BIN_EXE_icpc"))
        .parent()
        .expect("a directory");
    let path = format!(
        "{}:{}:{}",
        setup.scratch.join("bin").display(),
        icpc_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let mut command = Command::new("bash");
    support::repo::fixed(&mut command)
        .arg(script)
        .current_dir(&setup.repo.root)
        .env("PATH", path)
        .env("GITHUB_WORKSPACE", &setup.repo.root)
        .env("GITHUB_EVENT_PATH", setup.scratch.join("event.json"))
        .env("GITHUB_STEP_SUMMARY", setup.scratch.join("summary.md"))
        .env("GITHUB_REPOSITORY", "acme/icp")
        .env("GITHUB_API_URL", "https://api.github.test")
        .env("INPUT_LEADS", "leads.jsonl")
        .env("INPUT_AS_OF", "2025-06-30")
        .env("INPUT_TOKEN", "fake-token")
        .env("FAKE_LOG", setup.scratch.join("curl.log"))
        .env("FAKE_COMMENTS", setup.scratch.join("comments.json"));
    command.output().expect("bash runs")
}

fn read(path: PathBuf) -> String {
    std::fs::read_to_string(path).unwrap_or_default()
}

#[test]
fn the_action_annotates_diffs_against_the_base_and_comments_once() {
    let setup = setup("action");
    let first = run_action(&setup);
    let stdout = String::from_utf8_lossy(&first.stdout);
    assert!(first.status.success(), "{first:?}");
    assert!(stdout.contains("::warning file=icp/extra.icp"), "{stdout}");
    let summary = read(setup.scratch.join("summary.md"));
    assert!(summary.starts_with("<!-- icpc-diff -->\n"), "{summary}");
    insta::assert_snapshot!("action_summary", summary);
    let calls = read(setup.scratch.join("curl.log"));
    assert!(
        calls.contains("https://api.github.test/repos/acme/icp/issues/7/comments?per_page=100"),
        "{calls}"
    );
    assert!(calls.contains("-X POST"), "{calls}");
    assert!(
        calls.contains("Authorization: Bearer fake-token"),
        "{calls}"
    );

    std::fs::write(
        setup.scratch.join("comments.json"),
        "[{\"id\":42,\"body\":\"<!-- icpc-diff -->\\nold\"}]",
    )
    .expect("scratch space");
    std::fs::remove_file(setup.scratch.join("curl.log")).expect("the log exists");
    let second = run_action(&setup);
    assert!(second.status.success(), "{second:?}");
    let calls = read(setup.scratch.join("curl.log"));
    assert!(calls.contains("-X PATCH"), "{calls}");
    assert!(
        calls.contains("https://api.github.test/repos/acme/icp/issues/comments/42"),
        "{calls}"
    );
    assert!(!calls.contains("-X POST"), "{calls}");
}

#[test]
fn a_rule_file_with_errors_fails_the_action() {
    let setup = setup("action_errors");
    setup.repo.commit(
        &[(
            "icp/rules.icp",
            "score fit\nrule broken: employees >= => fit +1\n",
        )],
        "break it",
    );
    let output = run_action(&setup);
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains("::error file=icp/rules.icp,line=2"),
        "{stdout}"
    );
}

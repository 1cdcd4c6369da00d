//! Rule files read from git (`REV:PATH`) and the provenance of verdicts,
//! end to end in a throwaway repository: every command that takes a rule
//! file reads it at a revision; a bad revision or path is exit 2; verdicts
//! carry the rule set's fingerprint and the commit (and whether the file
//! had uncommitted changes).

mod support;

use insta_cmd::assert_cmd_snapshot;
use support::repo::Repo;

const RULES: &str = "\
score fit
rule saas: industry in [SaaS, Fintech] => fit +30
rule sized: employees >= 55 => fit +20
rule no_students: email ends_with \".edu\" => disqualify \"students\"
tier A: fit >= 50
tier B: otherwise
";

const LEADS: &str = "\
{\"id\":\"L1\",\"industry\":\"SaaS\",\"employees\":40,\"email\":\"a@b.com\"}
{\"id\":\"L2\",\"industry\":\"Retail\",\"employees\":900,\"email\":\"c@d.edu\"}
";

/// Three commits: the rules, a comment added, a threshold lowered.
fn history(name: &str) -> Repo {
    let repo = Repo::new(name);
    repo.commit(&[("icp/rules.icp", RULES), ("leads.jsonl", LEADS)], "rules");
    let commented = format!("# sized: 55 employees is where sales starts\n{RULES}");
    repo.commit(&[("icp/rules.icp", &commented)], "a comment");
    let lowered = commented.replace(">= 55", ">= 35");
    repo.commit(&[("icp/rules.icp", &lowered)], "lower the threshold");
    repo
}

fn stdout(repo: &Repo, args: &[&str]) -> String {
    let output = repo.icpc(args).output().expect("icpc runs");
    assert!(output.status.success(), "{args:?}: {output:?}");
    String::from_utf8(output.stdout).expect("UTF-8")
}

fn ruleset_of(verdicts: &str) -> String {
    let first: serde_json::Value =
        serde_json::from_str(verdicts.lines().next().expect("a verdict")).expect("JSON");
    first["ruleset"].as_str().expect("a ruleset").to_string()
}

#[test]
fn eval_reads_the_rules_at_a_revision_and_names_the_commit() {
    let repo = history("eval_at_revision");
    assert_cmd_snapshot!(repo.icpc(&["eval", "HEAD~2:icp/rules.icp", "leads.jsonl"]));
}

#[test]
fn a_comment_keeps_the_ruleset_and_a_threshold_changes_it() {
    let repo = history("fingerprint");
    let eval = |rev: &str| ruleset_of(&stdout(&repo, &["eval", rev, "leads.jsonl"]));
    let first = eval("HEAD~2:icp/rules.icp");
    assert_eq!(
        first,
        eval("HEAD~1:icp/rules.icp"),
        "a comment is no change"
    );
    assert_ne!(first, eval("HEAD:icp/rules.icp"), "a threshold is");
    assert_eq!(eval("HEAD:icp/rules.icp"), eval("icp/rules.icp"));
}

#[test]
fn a_working_tree_file_names_head_and_whether_it_was_edited() {
    let repo = history("work_tree");
    let head = repo.git(&["rev-parse", "HEAD"]);
    let verdict = |text: &str| -> serde_json::Value {
        serde_json::from_str(text.lines().next().expect("a verdict")).expect("JSON")
    };
    let clean = verdict(&stdout(&repo, &["eval", "icp/rules.icp", "leads.jsonl"]));
    assert_eq!(clean["rules_commit"], head.as_str());
    assert_eq!(clean["rules_dirty"], false);
    repo.write("icp/rules.icp", &format!("{RULES}# edited\n"));
    let edited = verdict(&stdout(&repo, &["eval", "icp/rules.icp", "leads.jsonl"]));
    assert_eq!(edited["rules_commit"], head.as_str());
    assert_eq!(edited["rules_dirty"], true);
}

#[test]
fn a_path_inside_a_directory_is_relative_to_the_current_directory() {
    let repo = history("relative_path");
    let output = repo
        .icpc(&["check", "HEAD:rules.icp"])
        .current_dir(repo.root.join("icp"))
        .output()
        .expect("icpc runs");
    assert!(output.status.success(), "{output:?}");
}

#[test]
fn a_revision_that_does_not_exist_is_exit_2() {
    let repo = history("bad_revision");
    assert_cmd_snapshot!(repo.icpc(&["eval", "nope:icp/rules.icp", "leads.jsonl"]));
}

#[test]
fn a_path_that_does_not_exist_at_the_revision_is_exit_2() {
    let repo = history("bad_path");
    assert_cmd_snapshot!(repo.icpc(&["check", "HEAD~1:icp/missing.icp"]));
}

#[test]
fn a_directory_is_not_a_rule_file() {
    let repo = history("directory");
    assert_cmd_snapshot!(repo.icpc(&["plan", "HEAD:icp"]));
}

#[test]
fn outside_a_repository_rev_path_says_so() {
    let directory = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("not_a_repo");
    std::fs::create_dir_all(&directory).expect("a scratch directory");
    let repo = Repo { root: directory };
    let output = (repo.icpc(&["check", "main:rules.icp"]))
        .env("GIT_CEILING_DIRECTORIES", env!("CARGO_TARGET_TMPDIR"))
        .output()
        .expect("icpc runs");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("cannot read `main:rules.icp`: not in a git repository"),
        "{stderr}"
    );
}

#[test]
fn check_fmt_plan_and_explain_take_rev_path() {
    let repo = history("every_command");
    assert_cmd_snapshot!(repo.icpc(&["check", "HEAD~1:icp/rules.icp", "--format", "short"]));
    assert_cmd_snapshot!(repo.icpc(&["fmt", "--check", "HEAD~1:icp/rules.icp"]));
    assert_cmd_snapshot!(repo.icpc(&["fmt", "HEAD:icp/rules.icp"]));
    let plan = stdout(&repo, &["plan", "HEAD~2:icp/rules.icp"]);
    assert!(plan.contains("55"), "{plan}");
    let explained = stdout(
        &repo,
        &[
            "explain",
            "HEAD:icp/rules.icp",
            "leads.jsonl",
            "--id",
            "L1",
            "--as-of",
            "2025-06-30",
        ],
    );
    assert!(explained.starts_with("lead L1"), "{explained}");
}

#[test]
fn diff_compares_two_revisions_and_a_revision_with_the_work_tree() {
    let repo = history("diff_revisions");
    assert_cmd_snapshot!(repo.icpc(&[
        "diff",
        "HEAD~2:icp/rules.icp",
        "HEAD~1:icp/rules.icp",
        "--exit-code",
    ]));
    assert_cmd_snapshot!(repo.icpc(&[
        "diff",
        "HEAD~1:icp/rules.icp",
        "icp/rules.icp",
        "--leads",
        "leads.jsonl",
        "--as-of",
        "2025-06-30",
        "--exit-code",
    ]));
}

/// `git diff ARGS` with `icpc diff --git` as the diff driver of `.icp` files.
fn git_diff(repo: &Repo, args: &[&str]) -> std::process::Command {
    let driver = format!("diff.icp.command={} diff --git", env!("CARGO_BIN_EXE_icpc"));
    let mut command = std::process::Command::new("git");
    support::repo::fixed(&mut command)
        .current_dir(&repo.root)
        .env_remove("NO_COLOR")
        .args(["-c", &driver, "diff"])
        .args(args);
    command
}

const INCLUDING: &str = "\
include \"shared/negative.icp\"
score fit
rule saas: industry == SaaS => fit +30
tier A: fit >= 30
";

#[test]
fn the_git_diff_driver_follows_includes_where_git_says_which_version() {
    let repo = Repo::new("diff_driver_includes");
    let students = "rule students: email ends_with \".edu\" => disqualify \"students\"\n";
    repo.commit(
        &[
            (".gitattributes", "*.icp diff=icp\n"),
            ("icp/rules.icp", INCLUDING),
            ("icp/shared/negative.icp", students),
        ],
        "rules",
    );
    let rivals =
        format!("{students}rule rivals: email ends_with \"rival.com\" => disqualify \"rivals\"\n");
    repo.write("icp/shared/negative.icp", &rivals);
    repo.write("icp/rules.icp", &INCLUDING.replace("+30", "+40"));
    // The index against the work tree: each version's includes are its own.
    assert_cmd_snapshot!(git_diff(&repo, &["--", "icp/rules.icp"]));
    repo.commit(&[], "rivals and a higher score");
    // Two commits: git does not say which commit the old version is from.
    assert_cmd_snapshot!(git_diff(&repo, &["HEAD~1", "HEAD", "--", "icp/rules.icp"]));
}

//! docs/ci.md is executed: every ```sh block runs, line by line, in a
//! throwaway repository shaped like the examples (rules/icp.icp on `main`,
//! edited on a branch, leads/sample.jsonl), with the icpc under test on
//! PATH; the GitLab job's `script:` lines run with the variables GitLab
//! sets; the GitHub workflow may use only inputs that action.yml declares;
//! the pre-commit config only hooks that .pre-commit-hooks.yaml declares
//! (ci/pre-commit.sh runs them with the real pre-commit).

mod support;

use std::path::Path;
use std::process::Command;
use support::repo::Repo;

const RULES: &str = "score fit\n\nrule sales_ready: sales >= 55 => fit +40\n\
    rule engaged: marketing >= 30 => fit +20\n\ntier sql: fit >= 60\ntier mql: fit >= 40\n";
const LEADS: &str = "{\"id\":\"T-1\",\"sales\":40,\"marketing\":40}\n{\"id\":\"T-2\",\"sales\":60,\"marketing\":0}\n";

/// `(info, body)` of every fenced block.
fn blocks(markdown: &str) -> Vec<(String, String)> {
    let mut blocks = Vec::new();
    let mut open: Option<(String, String)> = None;
    for line in markdown.lines() {
        match (&mut open, line.strip_prefix("```")) {
            (None, Some(info)) => open = Some((info.trim().to_string(), String::new())),
            (Some(_), Some(_)) => blocks.extend(open.take()),
            (Some((_, body)), None) => {
                body.push_str(line);
                body.push('\n');
            }
            (None, None) => {}
        }
    }
    blocks
}

fn doc() -> Vec<(String, String)> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/ci.md");
    blocks(&std::fs::read_to_string(path).expect("docs/ci.md"))
}

fn example_repo(name: &str) -> Repo {
    let repo = Repo::new(name);
    repo.commit(
        &[("rules/icp.icp", RULES), ("leads/sample.jsonl", LEADS)],
        "rules",
    );
    repo.git(&["checkout", "--quiet", "-b", "lower-threshold"]);
    repo.commit(
        &[("rules/icp.icp", &RULES.replace(">= 55", ">= 35"))],
        "lower the threshold",
    );
    repo
}

fn run_line(repo: &Repo, line: &str, envs: &[(&str, String)]) {
    let icpc_dir = Path::new(env!("CARGO_BIN_EXE_icpc"))
        .parent()
        .expect("a directory");
    let path = format!(
        "{}:{}",
        icpc_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let mut command = Command::new("bash");
    support::repo::fixed(&mut command)
        .args(["-euo", "pipefail", "-c", line])
        .current_dir(&repo.root)
        .env("PATH", path)
        .env("GIT_PAGER", "cat");
    for (key, value) in envs {
        command.env(key, value);
    }
    let output = command.output().expect("bash runs");
    assert!(output.status.success(), "`{line}` failed: {output:?}");
}

#[test]
fn every_shell_command_in_docs_ci_runs() {
    let repo = example_repo("ci_docs_shell");
    let mut count = 0;
    for (_, body) in doc().iter().filter(|(info, _)| info == "sh") {
        for line in body.lines().filter(|line| !line.trim().is_empty()) {
            run_line(&repo, line, &[]);
            count += 1;
        }
    }
    assert!(count >= 6, "only {count} commands");
    let report = std::fs::read_to_string(repo.root.join("icpc-diff.md")).expect("the report");
    assert!(
        report.starts_with("**icpc diff**: 0 to add, 1 to change"),
        "{report}"
    );
    let icpc_dir = Path::new(env!("CARGO_BIN_EXE_icpc"))
        .parent()
        .expect("a directory");
    let path = format!(
        "{}:{}",
        icpc_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let shown = (Command::new("git").args(["diff", "HEAD~1", "--", "rules/icp.icp"]))
        .current_dir(&repo.root)
        .env("PATH", path)
        .output()
        .expect("git runs");
    let shown = String::from_utf8_lossy(&shown.stdout);
    assert!(
        shown.contains("icpc diff a/rules/icp.icp -> b/rules/icp.icp"),
        "{shown}"
    );
    assert!(shown.contains("~ rule `sales_ready` changed"), "{shown}");
}

#[test]
fn the_gitlab_job_script_runs_with_gitlabs_variables() {
    let repo = example_repo("ci_docs_gitlab");
    let base = repo.git(&["rev-parse", "main"]);
    let (_, job) = (doc().into_iter())
        .find(|(info, body)| info == "yaml" && body.contains(".gitlab-ci.yml"))
        .expect("a GitLab job");
    let script: Vec<String> = job
        .lines()
        .skip_while(|line| line.trim() != "script:")
        .skip(1)
        .take_while(|line| line.trim_start().starts_with("- "))
        .map(|line| line.trim_start().trim_start_matches("- ").to_string())
        .collect();
    assert_eq!(script.len(), 3, "{job}");
    for line in &script {
        run_line(
            &repo,
            line,
            &[("CI_MERGE_REQUEST_DIFF_BASE_SHA", base.clone())],
        );
    }
    let report = std::fs::read_to_string(repo.root.join("icpc-diff.md")).expect("the report");
    assert!(report.contains("1 of 2 leads change tier"), "{report}");
}

#[test]
fn the_workflow_uses_only_inputs_the_action_declares() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let action = std::fs::read_to_string(root.join("action.yml")).expect("action.yml");
    let inputs: Vec<String> = action
        .lines()
        .skip_while(|line| *line != "inputs:")
        .skip(1)
        .take_while(|line| line.starts_with(' '))
        .filter(|line| line.starts_with("  ") && !line.starts_with("   ") && line.ends_with(':'))
        .map(|line| line.trim().trim_end_matches(':').to_string())
        .collect();
    assert!(inputs.contains(&"token".to_string()), "{inputs:?}");
    let (_, workflow) = (doc().into_iter())
        .find(|(info, body)| info == "yaml" && body.contains(".github/workflows"))
        .expect("a workflow");
    let with: Vec<String> = workflow
        .lines()
        .skip_while(|line| !line.contains("uses: acme/icpc@"))
        .skip(2)
        .map(|line| line.trim().split(':').next().unwrap_or("").to_string())
        .collect();
    assert!(!with.is_empty());
    for key in with {
        assert!(
            inputs.contains(&key),
            "`{key}` is not an input of action.yml ({inputs:?})"
        );
    }
    assert!(action.contains("ci/github-action.sh"));
}

#[test]
fn the_pre_commit_config_names_hooks_the_repository_declares() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let hooks = std::fs::read_to_string(root.join(".pre-commit-hooks.yaml")).expect("the hooks");
    let (_, config) = (doc().into_iter())
        .find(|(info, body)| info == "yaml" && body.contains(".pre-commit-config.yaml"))
        .expect("a pre-commit config");
    let ids: Vec<&str> = (config.lines())
        .filter_map(|line| line.trim().strip_prefix("- id: "))
        .collect();
    assert_eq!(ids, ["icpc-check", "icpc-fmt", "icpc-test"]);
    for id in ids {
        assert!(hooks.contains(&format!("- id: {id}\n")), "{id}");
    }
}

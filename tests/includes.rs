//! `include` end to end: the files of `tests/fixtures/include/` checked,
//! formatted, scored and tested by the `icpc` binary (run there, so names
//! in the output are short and stable). Diagnostics point into the file
//! they are about, in every format; a file included twice is read once.

use insta_cmd::assert_cmd_snapshot;
use std::path::PathBuf;
use std::process::Command;

mod support;

fn fixtures() -> PathBuf {
    support::cli::fixtures("include")
}

fn icpc(args: &[&str]) -> Command {
    support::cli::icpc_in(&fixtures(), args)
}

#[test]
fn a_file_with_includes_checks_clean_and_scores() {
    assert_cmd_snapshot!(icpc(&["check", "main.icp"]));
    assert_cmd_snapshot!(icpc(&["eval", "main.icp", "leads.jsonl"]));
}

#[test]
fn each_file_is_formatted_on_its_own() {
    for file in [
        "main.icp",
        "shared/negative.icp",
        "shared/schema.icp",
        "broken/bad_field.icp",
    ] {
        let output = icpc(&["fmt", "--check", file]).output().expect("icpc runs");
        assert!(output.status.success(), "{file}: {output:?}");
    }
}

#[test]
fn an_include_that_is_not_there_suggests_a_file() {
    assert_cmd_snapshot!(icpc(&["check", "not_found.icp"]));
}

#[test]
fn a_cycle_of_includes_shows_the_chain() {
    assert_cmd_snapshot!(icpc(&["check", "cycle_a.icp", "--format", "short"]));
}

#[test]
fn a_name_defined_in_two_files_points_at_both() {
    assert_cmd_snapshot!(icpc(&["check", "duplicate.icp"]));
}

#[test]
fn an_error_in_an_included_file_points_into_it_in_every_format() {
    for format in ["human", "short", "json", "github", "sarif"] {
        insta::with_settings!({ snapshot_suffix => format }, {
            assert_cmd_snapshot!(icpc(&["check", "error_in_included.icp", "--format", format]));
        });
    }
}

#[test]
fn eval_and_test_reject_a_file_whose_include_is_missing() {
    assert_cmd_snapshot!(icpc(&["eval", "not_found.icp", "leads.jsonl"]));
}

fn fixture(file: &str) -> String {
    std::fs::read_to_string(fixtures().join(file)).expect("fixture is readable")
}

/// A repository holding main.icp and what it includes, committed once as
/// shipped and once with the shared negative ICP changed.
fn repository(name: &str) -> support::repo::Repo {
    let repo = support::repo::Repo::new(name);
    let files = [
        "main.icp",
        "leads.jsonl",
        "shared/schema.icp",
        "shared/negative.icp",
    ];
    let shipped: Vec<(&str, String)> = files.iter().map(|file| (*file, fixture(file))).collect();
    let shipped: Vec<(&str, &str)> = shipped.iter().map(|(f, t)| (*f, t.as_str())).collect();
    repo.commit(&shipped, "shipped");
    let negative = fixture("shared/negative.icp").replace("\".edu\"", "\".ac.uk\"");
    repo.commit(&[("shared/negative.icp", &negative)], "students in the UK");
    repo
}

fn ruleset(output: &std::process::Output) -> String {
    let text = String::from_utf8_lossy(&output.stdout).into_owned();
    let at = text.find("\"ruleset\":\"").expect("a ruleset") + 11;
    text[at..at + 32].to_string()
}

#[test]
fn the_fingerprint_covers_included_files() {
    let repo = repository("include-fingerprint");
    let eval = |rules: &str| {
        repo.icpc(&["eval", rules, "leads.jsonl"])
            .output()
            .expect("icpc runs")
    };
    assert_eq!(
        ruleset(&eval("HEAD~1:main.icp")),
        ruleset(
            &icpc(&["eval", "main.icp", "leads.jsonl"])
                .output()
                .expect("icpc runs")
        )
    );
    assert_ne!(
        ruleset(&eval("HEAD~1:main.icp")),
        ruleset(&eval("main.icp"))
    );
}

#[test]
fn diff_sees_a_change_in_an_included_file_at_each_revision() {
    let repo = repository("include-diff");
    assert_cmd_snapshot!(repo.icpc(&[
        "diff",
        "HEAD~1:main.icp",
        "main.icp",
        "--leads",
        "leads.jsonl"
    ]));
}

#[test]
fn test_runs_the_examples_of_a_file_with_includes() {
    let repo = repository("include-test");
    repo.commit(
        &[(
            "examples.icp",
            "include \"main.icp\"\n\nexample \"student\": {email: \"kim@ox.ac.uk\"} => disqualified \"student or academic\"\n",
        )],
        "examples",
    );
    assert_cmd_snapshot!(repo.icpc(&["test", "examples.icp"]));
}

#[test]
fn a_shared_file_is_tested_through_the_files_that_include_it() {
    let repo = repository("include-coverage");
    repo.commit(
        &[
            (
                "coverage/shared/negative.icp",
                "schema {\n  email: text\n  employees: int\n}\n\nrule student: email ends_with \".edu\" => disqualify \"student\"\n",
            ),
            (
                "coverage/sales.icp",
                "include \"shared/negative.icp\"\n\nscore fit\n\nrule big: employees >= 100 => fit +10\n\ntier A: fit >= 10\ntier B: otherwise\n\nexample \"student\": {email: \"kim@uni.edu\", employees: 500} => disqualified \"student\"\nexample \"big\": {email: \"kim@acme.com\", employees: 500} => tier A\nexample \"just below\": {email: \"kim@acme.com\", employees: 99} => tier B\nexample \"at\": {email: \"kim@acme.com\", employees: 100} => tier A\nexample \"unknown\": {} => tier B\n",
            ),
        ],
        "a shared negative ICP",
    );
    // The directory: the shared file is covered by sales.icp's examples.
    assert_cmd_snapshot!(repo.icpc(&["test", "coverage", "--min-coverage", "100"]));
    // Named alone it is still a file to test, and has nothing to run.
    let alone = repo
        .icpc(&["test", "coverage/shared/negative.icp"])
        .output()
        .expect("icpc runs");
    assert_eq!(alone.status.code(), Some(2), "{alone:?}");
}

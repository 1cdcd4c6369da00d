//! The `icpc` binary end to end: snapshots of stdout, stderr and the exit
//! code of `icpc check` and `icpc fmt` on the files in `tests/fixtures/cli/`
//! (commands run there, so names in the output are short and stable).
//! Output is never a terminal here, so it is never coloured.

use insta_cmd::assert_cmd_snapshot;
use std::path::PathBuf;
use std::process::Command;

mod support;

fn fixtures() -> PathBuf {
    support::cli::fixtures("cli")
}

fn icpc(args: &[&str]) -> Command {
    support::cli::icpc_in(&fixtures(), args)
}

fn output_of(args: &[&str]) -> std::process::Output {
    icpc(args).output().expect("icpc runs")
}

#[test]
fn check_clean_file() {
    assert_cmd_snapshot!(icpc(&["check", "clean_rules.icp"]));
}

#[test]
fn check_errors_human() {
    assert_cmd_snapshot!(icpc(&["check", "syntax_errors.icp"]));
}

#[test]
fn check_errors_short() {
    assert_cmd_snapshot!(icpc(&["check", "syntax_errors.icp", "--format", "short"]));
}

#[test]
fn check_errors_json() {
    assert_cmd_snapshot!(icpc(&["check", "syntax_errors.icp", "--format", "json"]));
}

#[test]
fn check_errors_github() {
    assert_cmd_snapshot!(icpc(&["check", "syntax_errors.icp", "--format", "github"]));
}

#[test]
fn check_errors_sarif() {
    assert_cmd_snapshot!(icpc(&["check", "syntax_errors.icp", "--format", "sarif"]));
}

#[test]
fn check_help_and_secondary_labels_human() {
    assert_cmd_snapshot!(icpc(&["check", "name_errors.icp"]));
}

#[test]
fn check_help_and_secondary_labels_json() {
    assert_cmd_snapshot!(icpc(&["check", "name_errors.icp", "--format", "json"]));
}

#[test]
fn check_help_and_secondary_labels_github() {
    assert_cmd_snapshot!(icpc(&["check", "name_errors.icp", "--format", "github"]));
}

#[test]
fn check_deny_warnings() {
    assert_cmd_snapshot!(icpc(&["check", "unnamed_rule.icp", "--deny", "warnings"]));
}

#[test]
fn check_glob_expanded_without_a_shell() {
    assert_cmd_snapshot!(icpc(&["check", "*.icp", "--format", "short"]));
}

#[test]
fn check_missing_file() {
    assert_cmd_snapshot!(icpc(&["check", "clean_rules.icp", "no_such_file.icp"]));
}

#[test]
fn check_glob_matching_nothing() {
    assert_cmd_snapshot!(icpc(&["check", "rules/*.icp"]));
}

#[test]
fn check_not_utf8() {
    assert_cmd_snapshot!(icpc(&["check", "not_utf8.icp"]));
}

#[test]
fn check_stdin() {
    assert_cmd_snapshot!(
        icpc(&["check", "-", "--format", "short"]).pass_stdin("score fit\nrule a: x ==\n")
    );
}

#[test]
fn check_without_files_is_a_usage_error() {
    assert_cmd_snapshot!(icpc(&["check"]));
}

#[test]
fn fmt_check_shows_a_diff() {
    assert_cmd_snapshot!(icpc(&[
        "fmt",
        "--check",
        "messy_layout.icp",
        "clean_rules.icp"
    ]));
}

#[test]
fn fmt_stdin_to_stdout() {
    let messy = std::fs::read(fixtures().join("messy_layout.icp")).expect("fixture");
    assert_cmd_snapshot!(icpc(&["fmt", "-"]).pass_stdin(messy));
}

#[test]
fn fmt_refuses_a_file_with_syntax_errors() {
    assert_cmd_snapshot!(icpc(&["fmt", "--check", "syntax_errors.icp"]));
}

#[test]
fn fmt_rewrites_in_place() {
    let dir = std::env::temp_dir().join(format!("icpc-fmt-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("rules.icp");
    std::fs::copy(fixtures().join("messy_layout.icp"), &path).expect("copy");
    let status = icpc(&["fmt", path.to_str().expect("UTF-8 path")])
        .status()
        .expect("runs");
    assert!(status.success());
    let formatted = std::fs::read_to_string(&path).expect("formatted file");
    let again = icpc(&["fmt", "--check", path.to_str().expect("UTF-8 path")])
        .output()
        .expect("runs");
    std::fs::remove_dir_all(&dir).expect("cleanup");
    assert!(formatted.starts_with("# A valid file"), "{formatted}");
    assert!(
        again.status.success(),
        "a formatted file needs no more formatting"
    );
}

#[test]
fn check_help_documents_exit_codes() {
    let output = output_of(&["check", "--help"]);
    let help = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success());
    assert!(
        help.contains("Exit codes:") && help.contains("2  usage error"),
        "{help}"
    );
}

#[test]
fn color_always_colours_and_never_does_not() {
    let coloured = output_of(&["check", "syntax_errors.icp", "--color", "always"]);
    assert!(coloured.stdout.contains(&0x1b), "escape codes expected");
    let plain = output_of(&["--color", "never", "check", "syntax_errors.icp"]);
    assert!(!plain.stdout.contains(&0x1b), "no escape codes expected");
}

#[test]
fn json_and_sarif_outputs_parse() {
    for format in ["json", "sarif"] {
        let output = output_of(&["check", "*.icp", "--format", format]);
        let value: serde_json::Value = serde_json::from_slice(&output.stdout).expect("valid JSON");
        assert!(value.is_array() || value["runs"].is_array(), "{format}");
    }
}

#[test]
fn plan_shows_shared_predicates() {
    assert_cmd_snapshot!(icpc(&["plan", "clean_rules.icp"]));
}

#[test]
fn plan_with_every_pass_off() {
    assert_cmd_snapshot!(icpc(&["plan", "clean_rules.icp", "--unoptimized"]));
}

#[test]
fn plan_of_a_file_with_errors_fails_with_its_diagnostics() {
    assert_cmd_snapshot!(icpc(&["plan", "name_errors.icp"]));
}

#[test]
fn plan_rejects_an_unknown_pass() {
    assert_cmd_snapshot!(icpc(&["plan", "clean_rules.icp", "--no-pass", "shar"]));
}

#[test]
fn explain_changes_two_fields_that_only_help_together() {
    assert_cmd_snapshot!(icpc(&[
        "explain",
        "whatif_rules.icp",
        "whatif_leads.jsonl",
        "--id",
        "W-1"
    ]));
}

#[test]
fn explain_fix_keeps_fields() {
    assert_cmd_snapshot!(icpc(&[
        "explain",
        "whatif_rules.icp",
        "whatif_leads.jsonl",
        "--id",
        "W-1",
        "--fix",
        "industry",
        "--format",
        "json"
    ]));
}

#[test]
fn explain_vary_changes_only_those_fields() {
    assert_cmd_snapshot!(icpc(&[
        "explain",
        "whatif_rules.icp",
        "whatif_leads.jsonl",
        "--id",
        "W-2",
        "--vary",
        "title,tech",
        "--target-tier",
        "B"
    ]));
}

#[test]
fn explain_max_changes_bounds_the_search() {
    assert_cmd_snapshot!(icpc(&[
        "explain",
        "whatif_rules.icp",
        "whatif_leads.jsonl",
        "--id",
        "W-1",
        "--max-changes",
        "1",
        "--format",
        "json"
    ]));
}

#[test]
fn explain_says_an_answer_over_incomplete_classes_is_no_proof() {
    assert_cmd_snapshot!(icpc(&[
        "explain",
        "whatif_incomplete.icp",
        "whatif_incomplete.jsonl",
        "--id",
        "I-1",
        "--target-tier",
        "all"
    ]));
}

#[test]
fn explain_names_incomplete_classes_in_json() {
    assert_cmd_snapshot!(icpc(&[
        "explain",
        "whatif_incomplete.icp",
        "whatif_incomplete.jsonl",
        "--id",
        "I-1",
        "--target-tier",
        "all",
        "--format",
        "json"
    ]));
}

#[test]
fn explain_fix_rejects_an_unknown_field() {
    assert_cmd_snapshot!(icpc(&[
        "explain",
        "whatif_rules.icp",
        "whatif_leads.jsonl",
        "--id",
        "W-1",
        "--fix",
        "industy"
    ]));
}

/// `icpc` run in `tests/fixtures/test/`, where the example fixtures are.
fn icpc_test(args: &[&str]) -> Command {
    let mut command = icpc(&["test"]);
    command.args(args).current_dir(fixtures().join("../test"));
    command
}

#[test]
fn test_all_pass_exits_0() {
    assert_cmd_snapshot!(icpc_test(&[
        "every_expectation_met.icp",
        "as_of_fixes_the_day.icp"
    ]));
}

#[test]
fn test_a_failure_exits_1_with_expected_actual_and_why() {
    assert_cmd_snapshot!(icpc_test(&[
        "wrong_tier_fails.icp",
        "--as-of",
        "2025-06-30"
    ]));
}

#[test]
fn test_junit() {
    assert_cmd_snapshot!(icpc_test(&[
        "wrong_score_fails.icp",
        "every_expectation_met.icp",
        "--format",
        "junit",
        "--as-of",
        "2025-06-30"
    ]));
}

#[test]
fn test_json_with_filter() {
    assert_cmd_snapshot!(icpc_test(&[
        "every_expectation_met.icp",
        "--format",
        "json",
        "--filter",
        "student"
    ]));
}

#[test]
fn test_a_file_that_does_not_compile_exits_2() {
    let mut command = icpc(&["test", "name_errors.icp"]);
    command.current_dir(fixtures());
    assert_cmd_snapshot!(command);
}

#[test]
fn test_with_no_examples_exits_2() {
    assert_cmd_snapshot!(icpc(&["test", "clean_rules.icp"]));
}

#[test]
fn test_help_documents_exit_codes() {
    let output = output_of(&["test", "--help"]);
    let help = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success());
    assert!(
        help.contains("Exit codes:") && help.contains("1  an example failed"),
        "{help}"
    );
}

#[test]
fn test_coverage_below_the_minimum_exits_1() {
    let mut command = icpc(&[
        "test",
        "missing_boundaries.icp",
        "--min-coverage",
        "90",
        "--mutants",
    ]);
    command.current_dir(fixtures().join("../coverage"));
    assert_cmd_snapshot!(command);
}

#[test]
fn explain_keeps_fields_marked_fixed() {
    assert_cmd_snapshot!(icpc(&[
        "explain",
        "whatif_fixed.icp",
        "whatif_leads.jsonl",
        "--id",
        "W-2",
        "--target-tier",
        "B"
    ]));
}

#[test]
fn explain_vary_overrides_fixed_marks() {
    assert_cmd_snapshot!(icpc(&[
        "explain",
        "whatif_fixed.icp",
        "whatif_leads.jsonl",
        "--id",
        "W-1",
        "--vary",
        "industry,employees,tech"
    ]));
}

#[test]
fn explain_source_adds_the_annotated_rules() {
    assert_cmd_snapshot!(icpc(&[
        "explain",
        "whatif_rules.icp",
        "whatif_leads.jsonl",
        "--id",
        "W-1",
        "--source"
    ]));
}

#[test]
fn check_scores_prints_the_score_space() {
    assert_cmd_snapshot!(icpc(&["check", "score_space.icp", "--scores"]));
}

#[test]
fn check_scores_refuses_json() {
    assert_cmd_snapshot!(icpc(&[
        "check",
        "score_space.icp",
        "--scores",
        "--format",
        "json"
    ]));
}

#[test]
fn check_score_lints_in_json() {
    assert_cmd_snapshot!(icpc(&["check", "score_space.icp", "--format", "json"]));
}

//! `icpc eval` and `icpc explain` end to end, one snapshot per fixture:
//! every `tests/fixtures/eval/<case>.icp` is scored on its `<case>.jsonl`
//! or `<case>.csv` (verdicts on stdout, rejected lines and the totals on
//! stderr), then again with `--explain`; the shipped examples are scored
//! with `--summary`, and a few of their leads explained.

mod support;

use insta_cmd::assert_cmd_snapshot;
use std::path::Path;
use std::process::Command;

fn icpc(args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_icpc"));
    command
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("NO_COLOR")
        // Verdicts name the commit of the work tree a rule file was read
        // in; this checkout's commit is no part of the fixtures.
        .env("GIT_DIR", "/nonexistent/icpc-tests");
    command
}

/// The leads beside a fixture: `<case>.jsonl`, else `<case>.csv`.
fn leads_of(rules: &Path) -> String {
    let jsonl = rules.with_extension("jsonl");
    let leads = if jsonl.exists() {
        jsonl
    } else {
        rules.with_extension("csv")
    };
    relative(&leads)
}

fn relative(path: &Path) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    path.strip_prefix(root)
        .unwrap_or(path)
        .display()
        .to_string()
}

#[test]
fn eval_fixtures() {
    insta::glob!("fixtures/eval/*.icp", |path| {
        let (rules, leads) = (relative(path), leads_of(path));
        assert_cmd_snapshot!(icpc(&[
            "eval",
            &rules,
            &leads,
            "--as-of",
            "2025-06-30",
            "--jobs",
            "2"
        ]));
    });
}

#[test]
fn eval_fixtures_explained() {
    insta::glob!("fixtures/eval/*.icp", |path| {
        let (rules, leads) = (relative(path), leads_of(path));
        if leads.ends_with(".jsonl") {
            assert_cmd_snapshot!(icpc(&[
                "eval",
                &rules,
                &leads,
                "--as-of",
                "2025-06-30",
                "--explain"
            ]));
        }
    });
}

#[test]
fn examples_with_summary() {
    insta::glob!(
        concat!(env!("CARGO_MANIFEST_DIR"), "/examples"),
        "*.icp",
        |path| {
            let rules = relative(path);
            let leads = relative(&support::example_leads(path));
            assert_cmd_snapshot!(icpc(&[
                "eval",
                &rules,
                &leads,
                "--as-of",
                "2025-06-30",
                "--summary"
            ]));
        }
    );
}

/// The CRM exports of examples/crm/ (`<export>.icp` beside `<export>.csv`),
/// scored as shipped, with the start-of-run column listing.
#[test]
fn crm_examples() {
    insta::glob!(
        concat!(env!("CARGO_MANIFEST_DIR"), "/examples/crm"),
        "*.icp",
        |path| {
            let rules = relative(path);
            let leads = relative(&path.with_extension("csv"));
            assert_cmd_snapshot!(icpc(&[
                "eval",
                &rules,
                &leads,
                "--as-of",
                "2025-06-30",
                "--columns",
                "--summary"
            ]));
        }
    );
}

/// Runs that score nothing a pipeline can use fail with exit 2 and say
/// why: each `tests/fixtures/exit/<case>.icp` beside its leads.
#[test]
fn useless_runs_exit_2() {
    insta::glob!("fixtures/exit/*.icp", |path| {
        let leads = leads_of(path);
        assert_cmd_snapshot!(icpc(&[
            "eval",
            &relative(path),
            &leads,
            "--as-of",
            "2025-06-30"
        ]));
    });
}

/// Results for a CRM import: input columns kept after `id`, reasons and
/// warnings; rejected records written as CSV with their line and reason.
#[test]
fn csv_results_keep_columns_and_reject_as_csv() {
    let errors = std::env::temp_dir().join("icpc-crm-rejected.csv");
    let mut command = icpc(&[
        "eval",
        "tests/fixtures/eval/csv_input.icp",
        "tests/fixtures/eval/csv_input.csv",
        "--as-of",
        "2025-06-30",
        "--format",
        "csv",
        "--keep",
        "industry,notes",
    ]);
    command.arg("--errors").arg(&errors);
    assert_cmd_snapshot!(command);
    insta::assert_snapshot!(std::fs::read_to_string(&errors).expect("errors written"));
}

/// `explain --id` of a rejected record says it was rejected, where and why.
#[test]
fn explain_a_rejected_lead() {
    assert_cmd_snapshot!(icpc(&[
        "explain",
        "tests/fixtures/eval/csv_input.icp",
        "tests/fixtures/eval/csv_input.csv",
        "--id",
        "c4",
        "--as-of",
        "2025-06-30"
    ]));
}

/// A value of the wrong type is shown as the text the record held, and
/// what would it take says to fix it.
#[test]
fn explain_shows_the_text_of_a_wrong_typed_value() {
    assert_cmd_snapshot!(icpc(&[
        "explain",
        "examples/crm/salesforce-accounts.icp",
        "examples/crm/salesforce-accounts.csv",
        "--id",
        "0015g00000A4",
        "--as-of",
        "2025-06-30"
    ]));
}

/// Every subcommand's `--help` lists its exit codes.
#[test]
fn every_subcommand_documents_its_exit_codes() {
    for command in [
        "check", "fmt", "eval", "explain", "plan", "diff", "test", "init",
    ] {
        let output = icpc(&[command, "--help"]).output().expect("icpc runs");
        let help = String::from_utf8_lossy(&output.stdout);
        assert!(
            help.contains("Exit codes:"),
            "`icpc {command} --help`:\n{help}"
        );
        for code in ["  0  ", "  2  "] {
            assert!(
                help.contains(code),
                "`icpc {command} --help` lacks `{code}`"
            );
        }
    }
}

#[test]
fn explain_a_lead_in_text() {
    assert_cmd_snapshot!(icpc(&[
        "explain",
        "examples/quickstart.icp",
        "examples/quickstart.jsonl",
        "--id",
        "Q-004",
        "--as-of",
        "2025-06-30"
    ]));
}

#[test]
fn explain_a_lead_by_line_in_json_with_a_target_tier() {
    assert_cmd_snapshot!(icpc(&[
        "explain",
        "examples/tech-midmarket.icp",
        "examples/tech-midmarket.jsonl",
        "--line",
        "3",
        "--target-tier",
        "B",
        "--format",
        "json",
        "--as-of",
        "2025-06-30"
    ]));
}

#[test]
fn explain_a_disqualified_lead() {
    assert_cmd_snapshot!(icpc(&[
        "explain",
        "tests/fixtures/eval/disqualification.icp",
        "tests/fixtures/eval/disqualification.jsonl",
        "--id",
        "student",
        "--as-of",
        "2025-06-30"
    ]));
}

#[test]
fn explain_a_rejected_line() {
    assert_cmd_snapshot!(icpc(&[
        "explain",
        "tests/fixtures/eval/malformed_lines.icp",
        "tests/fixtures/eval/malformed_lines.jsonl",
        "--line",
        "2",
        "--as-of",
        "2025-06-30"
    ]));
}

#[test]
fn explain_an_unknown_id() {
    assert_cmd_snapshot!(icpc(&[
        "explain",
        "examples/quickstart.icp",
        "examples/quickstart.jsonl",
        "--id",
        "nope",
        "--as-of",
        "2025-06-30"
    ]));
}

#[test]
fn eval_summary_as_json() {
    assert_cmd_snapshot!(icpc(&[
        "eval",
        "examples/quickstart.icp",
        "examples/quickstart.jsonl",
        "--as-of",
        "2025-06-30",
        "--summary",
        "--summary-format",
        "json",
        "--output",
        "/dev/null"
    ]));
}

#[test]
fn eval_csv_output() {
    assert_cmd_snapshot!(icpc(&[
        "eval",
        "examples/quickstart.icp",
        "examples/quickstart.jsonl",
        "--as-of",
        "2025-06-30",
        "--format",
        "csv"
    ]));
}

#[test]
fn eval_strict_fails_on_rejected_lines() {
    assert_cmd_snapshot!(icpc(&[
        "eval",
        "tests/fixtures/eval/malformed_lines.icp",
        "tests/fixtures/eval/malformed_lines.jsonl",
        "--as-of",
        "2025-06-30",
        "--strict"
    ]));
}

#[test]
fn eval_rules_that_do_not_compile() {
    assert_cmd_snapshot!(icpc(&[
        "eval",
        "tests/fixtures/cli/name_errors.icp",
        "examples/quickstart.jsonl",
        "--as-of",
        "2025-06-30"
    ]));
}

/// The outcome letters of a tree-form clause and every clause under it,
/// depth first: what the compact form writes for it.
fn letters(clause: &serde_json::Value, out: &mut String) {
    let outcome = clause["outcome"].as_str().unwrap_or("?");
    out.push_str(&outcome[..1]);
    for operand in clause["operands"].as_array().into_iter().flatten() {
        letters(operand, out);
    }
}

/// `--explain=compact` is the tree explanation, letter by letter: every
/// rule's and tier's clauses in the same order with the same outcomes, on
/// every eval fixture.
#[test]
fn compact_explanations_are_the_tree_ones_letter_by_letter() {
    insta::glob!("fixtures/eval/*.icp", |path| {
        let (rules, leads) = (relative(path), leads_of(path));
        if !leads.ends_with(".jsonl") {
            return;
        }
        let run = |form: &str| {
            let args = ["eval", &rules, &leads, "--as-of", "2025-06-30", form];
            let output = icpc(&args).output().expect("icpc runs");
            String::from_utf8(output.stdout).expect("UTF-8 output")
        };
        let (full, compact) = (run("--explain=tree"), run("--explain=compact"));
        assert_eq!(full.lines().count(), compact.lines().count(), "{rules}");
        for (full, compact) in full.lines().zip(compact.lines()) {
            let full: serde_json::Value = serde_json::from_str(full).expect("JSON");
            let compact: serde_json::Value = serde_json::from_str(compact).expect("JSON");
            let (full, compact) = (&full["explanation"], &compact["explanation"]);
            assert_eq!(compact["form"], "compact");
            let rules: Vec<String> = (full["rules"].as_array().into_iter().flatten())
                .map(|rule| {
                    let mut out = String::new();
                    letters(&rule["condition"], &mut out);
                    out
                })
                .collect();
            let tiers: Vec<String> = (full["tiers"].as_array().into_iter().flatten())
                .map(|tier| {
                    let mut out = tier["outcome"].as_str().unwrap_or("?")[..1].to_string();
                    if tier["condition"].is_object() {
                        letters(&tier["condition"], &mut out);
                    }
                    out
                })
                .collect();
            assert_eq!(compact["rules"], serde_json::json!(rules), "{rules:?}");
            assert_eq!(compact["tiers"], serde_json::json!(tiers));
            assert_eq!(compact["decided_by"], full["decided_by"]);
            let disqualified: Vec<&serde_json::Value> =
                (full["disqualified_by"].as_array().into_iter().flatten())
                    .map(|entry| &entry["rule"])
                    .collect();
            assert_eq!(compact["disqualified_by"], serde_json::json!(disqualified));
        }
    });
}

/// The deciding tests of a tree-form clause, read off the tree as
/// docs/explain.md defines them: a false `and` (a true `or`) by its first
/// false (true) operand, an unknown one by its unknown operands, a true
/// `and` (a false `or`) by all of them; skipped clauses decide nothing.
fn deciding(clause: &serde_json::Value, out: &mut Vec<serde_json::Value>) {
    let outcome = clause["outcome"].as_str().unwrap_or("?");
    let operands = clause["operands"].as_array().cloned().unwrap_or_default();
    let decisive = match clause["op"].as_str() {
        Some("and") => "false",
        Some("or") => "true",
        Some("test") if outcome != "skipped" => {
            let mut leaf = clause.clone();
            leaf.as_object_mut().map(|leaf| leaf.remove("op"));
            return out.push(leaf);
        }
        Some("test") => return,
        _ => return operands.iter().for_each(|inner| deciding(inner, out)),
    };
    let chosen: Vec<&serde_json::Value> = match outcome {
        "skipped" => Vec::new(),
        "unknown" => (operands.iter())
            .filter(|operand| operand["outcome"] == "unknown")
            .collect(),
        _ if outcome == decisive => (operands.iter())
            .find(|operand| operand["outcome"] == decisive)
            .into_iter()
            .collect(),
        _ => operands.iter().collect(),
    };
    chosen
        .into_iter()
        .for_each(|operand| deciding(operand, out));
}

/// The full explanation is the tree one with each condition replaced by
/// its deciding tests (none for a rule that fired, and no identity where
/// it is the rule's name), on every eval fixture.
#[test]
fn full_explanations_are_the_deciding_tests_of_the_tree() {
    insta::glob!("fixtures/eval/*.icp", |path| {
        let (rules, leads) = (relative(path), leads_of(path));
        if !leads.ends_with(".jsonl") {
            return;
        }
        let run = |form: &str| {
            let args = ["eval", &rules, &leads, "--as-of", "2025-06-30", form];
            let output = icpc(&args).output().expect("icpc runs");
            String::from_utf8(output.stdout).expect("UTF-8 output")
        };
        let (full, tree) = (run("--explain"), run("--explain=tree"));
        assert_eq!(full.lines().count(), tree.lines().count(), "{rules}");
        for (full, tree) in full.lines().zip(tree.lines()) {
            let full: serde_json::Value = serde_json::from_str(full).expect("JSON");
            let mut expected: serde_json::Value = serde_json::from_str(tree).expect("JSON");
            let explanation = &mut expected["explanation"];
            explanation
                .as_object_mut()
                .map(|object| object.remove("form"));
            for part in ["rules", "tiers", "segments"] {
                let entries = (explanation.get_mut(part))
                    .and_then(serde_json::Value::as_array_mut)
                    .into_iter()
                    .flatten();
                for entry in entries {
                    let mut tests = Vec::new();
                    if entry["condition"].is_object() {
                        deciding(&entry["condition"], &mut tests);
                    }
                    let entry = entry.as_object_mut().expect("an object");
                    entry.remove("condition");
                    if entry.get("identity") == entry.get("rule") {
                        entry.remove("identity");
                    }
                    if entry.get("fired") != Some(&serde_json::Value::Bool(true)) {
                        entry.insert("deciding".into(), serde_json::json!(tests));
                    }
                }
            }
            assert_eq!(full, expected, "{rules}");
        }
    });
}

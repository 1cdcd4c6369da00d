//! Several profiles in one run: `icpc eval --profile NAME=FILE ... LEADS`
//! on the shipped Acme marketing and sales profiles (which share
//! `examples/shared/acme.icp`): one line per lead with both verdicts, in
//! JSON Lines and CSV, each profile's verdict exactly what a run of that
//! profile alone gives, the summaries side by side and the cross-tab.

use insta_cmd::assert_cmd_snapshot;
use std::path::Path;
use std::process::Command;

mod support;

fn icpc(args: &[&str]) -> Command {
    support::cli::icpc_in(Path::new(env!("CARGO_MANIFEST_DIR")), args)
}

const ACME: [&str; 7] = [
    "eval",
    "--profile",
    "marketing=examples/acme-marketing.icp",
    "--profile",
    "sales=examples/acme-sales.icp",
    "examples/acme-leads.jsonl",
    "--as-of=2025-06-30",
];

fn acme(extra: &[&str]) -> Command {
    let mut args: Vec<&str> = ACME.to_vec();
    args.extend(extra);
    icpc(&args)
}

fn json_lines(command: &mut Command) -> Vec<serde_json::Value> {
    let output = command.output().expect("icpc runs");
    assert!(output.status.success(), "{output:?}");
    (String::from_utf8_lossy(&output.stdout).lines())
        .map(|line| serde_json::from_str(line).expect("a JSON line"))
        .collect()
}

#[test]
fn one_line_per_lead_with_each_profile_under_its_name() {
    assert_cmd_snapshot!(acme(&[]));
}

#[test]
fn csv_with_the_summaries_side_by_side_and_the_crosstab() {
    assert_cmd_snapshot!(acme(&["--format", "csv", "--summary", "--jobs", "2"]));
}

#[test]
fn the_summary_and_crosstab_as_json() {
    assert_cmd_snapshot!(acme(&[
        "--summary",
        "--summary-format",
        "json",
        "--output",
        "/dev/null"
    ]));
}

#[test]
fn each_profile_gets_what_it_gets_alone() {
    let together = json_lines(&mut acme(&["--jobs", "3"]));
    for profile in ["marketing", "sales"] {
        let alone = json_lines(&mut icpc(&[
            "eval",
            &format!("examples/acme-{profile}.icp"),
            "examples/acme-leads.jsonl",
            "--as-of=2025-06-30",
        ]));
        assert_eq!(alone.len(), together.len());
        for (single, both) in alone.iter().zip(&together) {
            let verdict = &both["profiles"][profile];
            assert_eq!(single["id"], both["id"]);
            for key in ["scores", "tier", "disqualified", "matched", "reasons"] {
                assert_eq!(
                    single[key], verdict[key],
                    "{profile} {key} of {}",
                    single["id"]
                );
            }
            assert_eq!(single["ruleset"], both["rulesets"][profile]);
            let segments = single.get("segments").cloned();
            assert_eq!(segments, verdict.get("segments").cloned());
        }
    }
}

#[test]
fn a_field_two_profiles_type_differently_is_an_error() {
    assert_cmd_snapshot!(icpc(&[
        "eval",
        "--profile",
        "number=tests/fixtures/profiles/size_as_number.icp",
        "--profile",
        "text=tests/fixtures/profiles/size_as_text.icp",
        "tests/fixtures/profiles/leads.jsonl",
    ]));
}

#[test]
fn profile_arguments_are_checked() {
    for args in [
        vec![
            "eval",
            "--profile",
            "examples/acme-sales.icp",
            "examples/acme-leads.jsonl",
        ],
        vec![
            "eval",
            "--profile",
            "a=examples/acme-sales.icp",
            "--profile",
            "a=examples/acme-marketing.icp",
            "examples/acme-leads.jsonl",
        ],
        vec![
            "eval",
            "--profile",
            "a=examples/acme-sales.icp",
            "examples/acme-marketing.icp",
            "examples/acme-leads.jsonl",
        ],
        vec![
            "eval",
            "--profile",
            "a=examples/acme-sales.icp",
            "examples/acme-leads.jsonl",
            "--explain",
        ],
    ] {
        let output = icpc(&args).output().expect("icpc runs");
        assert_eq!(output.status.code(), Some(2), "{args:?}: {output:?}");
    }
}

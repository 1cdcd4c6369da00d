//! `icpc explain --target-segment`: what would it take aimed at a segment,
//! end to end on the shipped marketing example (its segments test fields
//! and final scores), in text and JSON, and the diagnostics of a wrong
//! name. The answers' exactness is the brute-force property in
//! tests/whatif_exact.rs.

use insta_cmd::assert_cmd_snapshot;
use std::process::Command;

fn explain(args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_icpc"));
    command
        .args([
            "explain",
            "examples/acme-marketing.icp",
            "examples/acme-leads.jsonl",
            "--as-of",
            "2025-06-30",
        ])
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("NO_COLOR")
        .env("GIT_DIR", "/nonexistent/icpc-tests");
    command
}

/// A segment that tests a field and a final score: moving the country
/// is enough, and the text ends with the tier the changed lead gets.
#[test]
fn explain_aims_at_a_segment() {
    assert_cmd_snapshot!(explain(&[
        "--id",
        "AC-101",
        "--target-segment",
        "emea_nurture"
    ]));
}

/// A disqualified lead is in no segment: lifting the disqualifier is part
/// of the answer.
#[test]
fn explain_aims_at_a_segment_in_json() {
    assert_cmd_snapshot!(explain(&[
        "--line",
        "6",
        "--target-segment",
        "hand_raisers",
        "--format",
        "json"
    ]));
}

#[test]
fn explain_says_when_the_lead_already_is_in_the_segment() {
    assert_cmd_snapshot!(explain(&[
        "--id",
        "AC-103",
        "--target-segment",
        "emea_nurture"
    ]));
}

#[test]
fn explain_rejects_an_unknown_segment() {
    assert_cmd_snapshot!(explain(&["--id", "AC-101", "--target-segment", "emea"]));
}

#[test]
fn explain_takes_a_tier_or_a_segment_not_both() {
    assert_cmd_snapshot!(explain(&[
        "--id",
        "AC-101",
        "--target-segment",
        "emea_nurture",
        "--target-tier",
        "mql"
    ]));
}

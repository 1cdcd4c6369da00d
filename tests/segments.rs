//! Segments and audiences end to end: `icpc eval --split-by tier|segment
//! --out-dir DIR` on the shipped marketing profile writes one file per tier
//! or segment whose record counts add up with the run summary, in CSV and
//! JSON Lines, `--keep` columns included.

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A fresh scratch directory for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("segments")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

/// Runs `icpc eval` on the marketing profile with a JSON summary; returns
/// the summary and the stderr lines before it.
fn split(by: &str, dir: &Path, extra: &[&str]) -> (serde_json::Value, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_icpc"))
        .args([
            "eval",
            "examples/acme-marketing.icp",
            "examples/acme-leads.jsonl",
        ])
        .args(["--as-of", "2025-06-30", "--split-by", by, "--out-dir"])
        .arg(dir)
        .args(["--summary", "--summary-format", "json"])
        .args(extra)
        .current_dir(root())
        .env("GIT_DIR", "/nonexistent/icpc-tests")
        .output()
        .expect("icpc runs");
    assert!(output.status.success(), "{output:?}");
    assert!(
        output.stdout.is_empty(),
        "the verdicts go to the files only"
    );
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    let json = stderr.lines().last().expect("a summary line");
    let summary = serde_json::from_str(json).expect("the summary is JSON");
    (summary, stderr)
}

/// Records in a file: lines, less the CSV header row.
fn records(path: &Path, csv: bool) -> u64 {
    let text = std::fs::read_to_string(path).expect("the file was written");
    let lines = text.lines().count() as u64;
    if csv { lines - 1 } else { lines }
}

#[test]
fn split_by_segment_counts_add_up_with_the_summary() {
    let dir = scratch("by-segment");
    let (summary, report) = split("segment", &dir, &["--format", "csv", "--keep", "email"]);
    let mut total = 0;
    for segment in summary["segments"].as_array().expect("segments") {
        let name = segment["segment"].as_str().expect("a name");
        let count = records(&dir.join(format!("{name}.csv")), true);
        assert_eq!(count, segment["leads"].as_u64().expect("a count"), "{name}");
        assert!(
            report.contains(&format!("{name}.csv ({count} lead")),
            "{report}"
        );
        total += count;
    }
    let none = records(&dir.join("_no_segment.csv"), true);
    assert_eq!(none, summary["no_segment"].as_u64().expect("a count"));
    // A lead in several segments is in each file: the files hold at least
    // every scored lead once.
    assert!(total + none >= summary["scored"].as_u64().expect("scored"));
    let header = std::fs::read_to_string(dir.join("hand_raisers.csv")).expect("written");
    assert!(
        header.starts_with("id,email,fit,engagement,tier,segments,"),
        "{header}"
    );
}

#[test]
fn split_by_tier_puts_every_scored_lead_in_one_file() {
    let dir = scratch("by-tier");
    let (summary, _) = split("tier", &dir, &[]);
    let mut total = 0;
    for tier in summary["tiers"].as_array().expect("tiers") {
        let name = tier["tier"].as_str().expect("a name");
        let count = records(&dir.join(format!("{name}.jsonl")), false);
        assert_eq!(count, tier["leads"].as_u64().expect("a count"), "{name}");
        total += count;
    }
    let disqualified = records(&dir.join("_disqualified.jsonl"), false);
    let no_tier = records(&dir.join("_no_tier.jsonl"), false);
    assert_eq!(
        disqualified,
        summary["disqualified"].as_u64().expect("a count")
    );
    assert_eq!(no_tier, summary["no_tier"].as_u64().expect("a count"));
    assert_eq!(
        total + disqualified + no_tier,
        summary["scored"].as_u64().expect("scored")
    );
}

#[test]
fn split_by_segment_needs_segments() {
    let output = Command::new(env!("CARGO_BIN_EXE_icpc"))
        .args([
            "eval",
            "examples/acme-sales.icp",
            "examples/acme-leads.jsonl",
        ])
        .args(["--split-by", "segment", "--out-dir"])
        .arg(scratch("none"))
        .current_dir(root())
        .output()
        .expect("icpc runs");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("declares no segment to split by"),
        "{stderr}"
    );
}

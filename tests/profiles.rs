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

/// Runs the Acme pair with `args`, which ask for a JSON summary: the
/// summary, and the whole of standard error it was read from.
fn summarised(args: &[&str]) -> (serde_json::Value, String) {
    let output = acme(args).output().expect("icpc runs");
    assert!(output.status.success(), "{output:?}");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    let summary = (stderr.lines())
        .find(|line| line.starts_with('{'))
        .map(|line| serde_json::from_str(line).expect("the JSON summary"))
        .expect("a summary");
    (summary, stderr)
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
            "--format",
            "csv",
        ],
    ] {
        let output = icpc(&args).output().expect("icpc runs");
        assert_eq!(output.status.code(), Some(2), "{args:?}: {output:?}");
    }
}

#[test]
fn each_profile_explains_its_verdict_as_it_does_alone() {
    let together = json_lines(&mut acme(&["--explain", "--jobs", "2"]));
    for profile in ["marketing", "sales"] {
        let alone = json_lines(&mut icpc(&[
            "eval",
            &format!("examples/acme-{profile}.icp"),
            "examples/acme-leads.jsonl",
            "--as-of=2025-06-30",
            "--explain",
        ]));
        assert_eq!(alone.len(), together.len());
        for (single, both) in alone.iter().zip(&together) {
            let explanation = &both["profiles"][profile]["explanation"];
            assert!(explanation.is_object(), "{profile} of {}", single["id"]);
            assert_eq!(
                &single["explanation"], explanation,
                "{profile} of {}",
                single["id"]
            );
        }
    }
}

#[test]
fn explained_profiles_in_the_compact_form() {
    assert_cmd_snapshot!(acme(&["--explain=compact", "--keep", "email"]));
}

fn scratch(name: &str) -> std::path::PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("profiles")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

#[test]
fn split_by_tier_writes_each_profiles_audiences_whose_counts_add_up() {
    let dir = scratch("by-tier");
    let (summary, stderr) = summarised(&[
        "--split-by",
        "tier",
        "--out-dir",
        &dir.display().to_string(),
        "--summary",
        "--summary-format",
        "json",
    ]);
    for profile in ["marketing", "sales"] {
        let each = &summary["profiles"][profile];
        let mut files: Vec<(String, u64)> = (each["tiers"].as_array().expect("tiers").iter())
            .map(|tier| {
                let name = tier["tier"].as_str().expect("a name").to_string();
                (name, tier["leads"].as_u64().expect("a count"))
            })
            .collect();
        files.push((
            "_disqualified".into(),
            each["disqualified"].as_u64().expect("n"),
        ));
        files.push(("_no_tier".into(), each["no_tier"].as_u64().expect("n")));
        let mut total = 0;
        for (name, count) in files {
            let path = dir.join(profile).join(format!("{name}.jsonl"));
            let text = std::fs::read_to_string(&path).expect("every file is written");
            let lines: Vec<serde_json::Value> = (text.lines())
                .map(|line| serde_json::from_str(line).expect("a JSON line"))
                .collect();
            assert_eq!(lines.len() as u64, count, "{}", path.display());
            for line in &lines {
                let verdict = &line["profiles"][profile];
                let expected = match name.as_str() {
                    "_disqualified" => verdict["disqualified"] == true,
                    "_no_tier" => verdict["tier"].is_null() && verdict["disqualified"] == false,
                    tier => verdict["tier"] == tier && verdict["disqualified"] == false,
                };
                assert!(expected, "{}: {line}", path.display());
            }
            total += count;
        }
        assert_eq!(
            total,
            summary["scored"].as_u64().expect("scored"),
            "{profile}"
        );
        assert!(stderr.contains(&format!("{}/{profile}/_no_tier.jsonl", dir.display())));
    }
}

#[test]
fn split_by_segment_writes_the_audiences_of_the_profiles_with_segments() {
    let dir = scratch("by-segment");
    let (summary, _) = summarised(&[
        "--split-by",
        "segment",
        "--out-dir",
        &dir.display().to_string(),
        "--format",
        "csv",
        "--summary",
        "--summary-format",
        "json",
    ]);
    let marketing = &summary["profiles"]["marketing"];
    let mut files: Vec<(String, u64)> = (marketing["segments"].as_array().expect("segments"))
        .iter()
        .map(|segment| {
            let name = segment["segment"].as_str().expect("a name").to_string();
            (name, segment["leads"].as_u64().expect("a count"))
        })
        .collect();
    files.push((
        "_no_segment".into(),
        marketing["no_segment"].as_u64().expect("n"),
    ));
    for (name, count) in files {
        let path = dir.join("marketing").join(format!("{name}.csv"));
        let text = std::fs::read_to_string(&path).expect("every file is written");
        assert!(text.starts_with("id,marketing_fit,"), "{}", path.display());
        assert_eq!(text.lines().count() as u64 - 1, count, "{}", path.display());
    }
    // The sales profile declares no segment: it has no audiences.
    assert!(!dir.join("sales").exists());
}

#[test]
fn split_by_segment_needs_a_profile_with_segments() {
    let dir = scratch("no-segment");
    assert_cmd_snapshot!(icpc(&[
        "eval",
        "--profile",
        "sales=examples/acme-sales.icp",
        "--profile",
        "again=examples/acme-sales.icp",
        "examples/acme-leads.jsonl",
        "--split-by",
        "segment",
        "--out-dir",
        &dir.display().to_string()
    ]));
}

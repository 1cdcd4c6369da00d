//! `icpc diff` end to end. Every `tests/fixtures/diff/<case>.old.icp` is
//! compared with `<case>.new.icp` (and, when `<case>.jsonl` exists, scored
//! on those leads), one snapshot per format. The migration matrix and every
//! witness are checked against the reference interpreter, which scores
//! each version on its own, on the fixtures' leads and on generated ones.

mod support;

use icpc::RuleSet;
use icpc::verdict::{Context, Verdict};
use insta_cmd::assert_cmd_snapshot;
use serde_json::Value as Json;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

const AS_OF: Context = Context { as_of: 20_269 };

fn fixtures() -> PathBuf {
    support::cli::fixtures("diff")
}

fn icpc(args: &[&str]) -> Command {
    support::cli::icpc_in(&fixtures(), args)
}

/// `<case>` of every fixture pair.
fn cases() -> Vec<String> {
    let mut cases: Vec<String> = std::fs::read_dir(fixtures())
        .expect("the fixtures directory")
        .filter_map(|entry| {
            let name = entry.ok()?.file_name().to_string_lossy().to_string();
            name.strip_suffix(".old.icp").map(str::to_string)
        })
        .collect();
    cases.sort();
    cases
}

fn args_of(case: &str, format: &str) -> Vec<String> {
    let mut args = vec![
        "diff".to_string(),
        format!("{case}.old.icp"),
        format!("{case}.new.icp"),
        "--format".to_string(),
        format.to_string(),
        "--as-of".to_string(),
        "2025-06-30".to_string(),
    ];
    if fixtures().join(format!("{case}.jsonl")).exists() {
        args.extend(["--leads".to_string(), format!("{case}.jsonl")]);
    }
    args
}

#[test]
fn diff_fixtures() {
    for case in cases() {
        for format in ["human", "markdown", "json"] {
            let args = args_of(&case, format);
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            insta::with_settings!({snapshot_suffix => format!("{case}-{format}")}, {
                assert_cmd_snapshot!(icpc(&args));
            });
        }
    }
}

fn rules(path: &Path) -> RuleSet {
    let text = std::fs::read_to_string(path).expect("a fixture");
    support::files::compile_at(path, text)
}

/// `null` for no tier, `"disqualified"`, or the tier's name.
fn outcome(rules: &RuleSet, verdict: &Verdict) -> Json {
    if verdict.disqualified {
        return Json::from("disqualified");
    }
    verdict.tier.map_or(Json::Null, |tier| {
        Json::from(rules.program().tiers[tier as usize].name.as_str())
    })
}

fn scores(rules: &RuleSet, verdict: &Verdict) -> BTreeMap<String, i64> {
    (rules.program().scores.iter().zip(&verdict.scores))
        .map(|(score, value)| (score.name.clone(), *value))
        .collect()
}

/// Each version alone, by the reference interpreter: `(from, to) -> count`.
fn independent_matrix(old: &RuleSet, new: &RuleSet, leads: &str) -> BTreeMap<String, u64> {
    let mut cells = BTreeMap::new();
    for line in leads.lines() {
        let (Ok(before), Ok(after)) = (old.record_from_json(line), new.record_from_json(line))
        else {
            continue;
        };
        let before = outcome(old, &icpc::interp::eval(old.program(), &before, &AS_OF));
        let after = outcome(new, &icpc::interp::eval(new.program(), &after, &AS_OF));
        *cells.entry(format!("{before} -> {after}")).or_default() += 1;
    }
    cells
}

fn reported_matrix(report: &Json) -> BTreeMap<String, u64> {
    (report["migration"]
        .as_array()
        .expect("a migration list")
        .iter())
    .map(|cell| {
        (
            format!("{} -> {}", cell["from"], cell["to"]),
            cell["count"].as_u64().expect("a count"),
        )
    })
    .collect()
}

/// Each witness, re-scored by the interpreter, has the outcomes the
/// report says, and they differ.
fn check_witnesses(old: &RuleSet, new: &RuleSet, report: &Json) {
    for witness in report["witnesses"].as_array().expect("witnesses") {
        let lead = witness["lead"].as_object().expect("a lead");
        let before = icpc::interp::eval(
            old.program(),
            &old.record_from_map(lead).expect("a record"),
            &AS_OF,
        );
        let after = icpc::interp::eval(
            new.program(),
            &new.record_from_map(lead).expect("a record"),
            &AS_OF,
        );
        assert_eq!(
            witness["old"]["tier"],
            outcome(old, &before)
                .as_str()
                .filter(|o| *o != "disqualified")
                .map_or(Json::Null, Json::from)
        );
        assert_eq!(witness["new"]["disqualified"], after.disqualified);
        let differs = outcome(old, &before) != outcome(new, &after)
            || scores(old, &before) != scores(new, &after);
        assert!(differs, "witness {witness} does not differ");
    }
}

fn diff_json(old: &Path, new: &Path, leads: &Path) -> Json {
    let output = icpc(&[
        "diff",
        &old.display().to_string(),
        &new.display().to_string(),
        "--leads",
        &leads.display().to_string(),
        "--format",
        "json",
        "--as-of",
        "2025-06-30",
        "--jobs",
        "2",
    ])
    .output()
    .expect("icpc runs");
    assert!(output.status.success(), "{output:?}");
    serde_json::from_slice(&output.stdout).expect("JSON")
}

#[test]
fn the_migration_matrix_and_witnesses_agree_with_each_version_scored_alone() {
    for case in cases() {
        let leads_path = fixtures().join(format!("{case}.jsonl"));
        let Ok(leads) = std::fs::read_to_string(&leads_path) else {
            continue;
        };
        let (old_path, new_path) = (
            fixtures().join(format!("{case}.old.icp")),
            fixtures().join(format!("{case}.new.icp")),
        );
        let (old, new) = (rules(&old_path), rules(&new_path));
        let report = diff_json(&old_path, &new_path, &leads_path);
        assert_eq!(
            reported_matrix(&report),
            independent_matrix(&old, &new, &leads),
            "{case}"
        );
        check_witnesses(&old, &new, &report);
        let generated = generated_leads(3_000, &case);
        let path = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("diff-{case}.jsonl"));
        std::fs::write(&path, &generated).expect("scratch space");
        let report = diff_json(&old_path, &new_path, &path);
        assert_eq!(
            reported_matrix(&report),
            independent_matrix(&old, &new, &generated),
            "{case}, generated"
        );
        check_witnesses(&old, &new, &report);
    }
}

/// Leads over the fixtures' fields: values around their thresholds,
/// missing values, values of the wrong type.
fn generated_leads(count: usize, seed: &str) -> String {
    let mut state = seed.bytes().fold(0x9e37_79b9_7f4a_7c15u64, |state, byte| {
        state.rotate_left(5) ^ u64::from(byte)
    });
    let mut next = move |below: u64| {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (state >> 33) % below
    };
    let industries = ["SaaS", "saas", "Fintech", "Retail", "Insurance"];
    let countries = ["US", "CA", "DE", "FR", "GB"];
    let emails = ["a@x.com", "b@rival.com", "c@uni.edu", "d@RIVAL.COM"];
    let mut out = String::new();
    for index in 0..count {
        let mut members = vec![format!("\"id\":\"G-{index}\"")];
        let mut member =
            |name: &str, value: String, next: &mut dyn FnMut(u64) -> u64| match next(10) {
                0 => {}
                1 => members.push(format!("\"{name}\":\"n/a\"")),
                _ => members.push(format!("\"{name}\":{value}")),
            };
        member("sales", next(80).to_string(), &mut next);
        member("marketing", next(60).to_string(), &mut next);
        member("employees", (next(1200)).to_string(), &mut next);
        member("visits", next(30).to_string(), &mut next);
        member("revenue", (next(3) * 1_000_000).to_string(), &mut next);
        member(
            "industry",
            format!("\"{}\"", industries[next(5) as usize]),
            &mut next,
        );
        member(
            "country",
            format!("\"{}\"", countries[next(5) as usize]),
            &mut next,
        );
        member(
            "email",
            format!("\"{}\"", emails[next(4) as usize]),
            &mut next,
        );
        out.push('{');
        out.push_str(&members.join(","));
        out.push_str("}\n");
    }
    out
}

#[test]
fn exit_code_is_1_when_an_outcome_changes_and_0_when_none_can() {
    let status = |case: &str| {
        let args = args_of(case, "json");
        let mut args: Vec<&str> = args.iter().map(String::as_str).collect();
        args.push("--exit-code");
        icpc(&args).output().expect("icpc runs").status.code()
    };
    assert_eq!(status("threshold_lowered"), Some(1));
    assert_eq!(status("layout_and_comments_only"), Some(0));
    assert_eq!(status("reordered_renamed_folded"), Some(0));
}

#[test]
fn a_field_retyped_that_both_versions_test_cannot_be_scored_in_one_pass() {
    assert_cmd_snapshot!(icpc(&[
        "diff",
        "schema_and_unnamed_rules.old.icp",
        "schema_and_unnamed_rules.new.icp",
        "--leads",
        "threshold_lowered.jsonl",
    ]));
}

#[test]
fn markdown_stays_under_the_comment_limit_and_says_it_was_cut() {
    let many = |threshold: u32| -> String {
        let mut text = String::from("score fit\n");
        for index in 0..3_000 {
            text.push_str(&format!(
                "rule r{index}: employees > {} => fit +1\n",
                threshold + index
            ));
        }
        text.push_str("tier A: fit >= 10\ntier B: otherwise\n");
        text
    };
    let old = RuleSet::compile("old.icp", many(10)).expect("compiles");
    let new = RuleSet::compile("new.icp", many(11)).expect("compiles");
    let diff = icpc::diff::Diff::new(&old, &new);
    let markdown = icpc::diff::markdown::render(&diff);
    assert!(markdown.chars().count() <= icpc::diff::markdown::LIMIT);
    assert!(
        markdown.starts_with("**icpc diff**: 0 to add, 3000 to change, 0 to remove"),
        "{}",
        &markdown[..200]
    );
    assert!(markdown.contains("**Cut** to stay under GitHub's comment limit"));
}

#[test]
fn formatting_any_shipped_rule_file_keeps_its_ruleset_and_changes_no_outcome() {
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let mut checked = 0;
    for entry in std::fs::read_dir(examples).expect("examples/") {
        let path = entry.expect("an entry").path();
        if path.extension().is_none_or(|ext| ext != "icp") {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("readable");
        let source = icpc::source::Source::new(path.display().to_string(), text.clone());
        let file = icpc::syntax::parse(&source).into_result().expect("parses");
        let formatted = icpc::format::format(&file, &source);
        let old = support::files::compile_at(&path, text);
        let new = support::files::compile_at(&path, formatted);
        assert_eq!(old.fingerprint(), new.fingerprint(), "{}", path.display());
        let diff = icpc::diff::Diff::new(&old, &new);
        assert!(
            diff.changes.list.is_empty(),
            "{}: {:?}",
            path.display(),
            diff.changes.list
        );
        assert!(!diff.outcomes_change());
        checked += 1;
    }
    assert!(checked >= 5);
}

fn diff_json_without_leads(old: &Path, new: &Path) -> Json {
    let output = icpc(&[
        "diff",
        &old.display().to_string(),
        &new.display().to_string(),
        "--format",
        "json",
        "--as-of",
        "2025-06-30",
    ])
    .output()
    .expect("icpc runs");
    assert!(output.status.success(), "{output:?}");
    serde_json::from_slice(&output.stdout).expect("JSON")
}

#[test]
fn witnesses_without_data_differ_and_claimed_equivalences_hold() {
    for case in cases() {
        let (old_path, new_path) = (
            fixtures().join(format!("{case}.old.icp")),
            fixtures().join(format!("{case}.new.icp")),
        );
        let (old, new) = (rules(&old_path), rules(&new_path));
        let report = diff_json_without_leads(&old_path, &new_path);
        check_witnesses(&old, &new, &report);
        let claimed_equal = report["outcomes_change"] == Json::Bool(false);
        if claimed_equal {
            let leads = generated_leads(5_000, &format!("{case}-equal"));
            for line in leads.lines() {
                let before = icpc::interp::eval(
                    old.program(),
                    &old.record_from_json(line).expect("a record"),
                    &AS_OF,
                );
                let after = icpc::interp::eval(
                    new.program(),
                    &new.record_from_json(line).expect("a record"),
                    &AS_OF,
                );
                assert_eq!(
                    outcome(&old, &before),
                    outcome(&new, &after),
                    "{case}: {line}"
                );
                assert_eq!(
                    scores(&old, &before),
                    scores(&new, &after),
                    "{case}: {line}"
                );
            }
        }
        if report["search"].get("error").is_some() {
            continue;
        }
        let witnessed = report["witnesses"]
            .as_array()
            .is_some_and(|found| !found.is_empty());
        assert_eq!(witnessed, !claimed_equal, "{case}");
    }
}

//! `icpc test` as a library: every file in `tests/fixtures/test/` is one
//! case, run with the day fixed and snapshotted as the human report; one
//! file is also shown as JSON and JUnit. Properties: a file whose examples
//! all pass fails, naming the example's line, as soon as one expected tier
//! is changed; and a file's examples do not change what `eval` computes.

mod support;

use icpc::RuleSet;
use icpc::testing::{self, report};
use std::path::Path;
use support::two_sections;

/// 2025-06-30: the day fixtures without `as_of` are judged on.
const TODAY: i32 = 20_269;

fn options() -> testing::Options {
    testing::Options {
        as_of: None,
        today: TODAY,
        filter: None,
        coverage: false,
        mutants: false,
        suggest: false,
    }
}

fn measured() -> testing::Options {
    testing::Options {
        coverage: true,
        mutants: true,
        ..options()
    }
}

fn compile(path: &Path) -> RuleSet {
    let source = support::load_with_includes(path);
    RuleSet::from_source(source.clone(), &icpc::plan::Options::default()).unwrap_or_else(|errors| {
        panic!(
            "{}:\n{}",
            path.display(),
            support::render_diagnostics(&source, &errors)
        )
    })
}

fn report_of<'r>(rules: &'r RuleSet, options: &testing::Options) -> report::Report<'r> {
    report::Report {
        files: vec![report::File::Ran(Box::new(report::Tested::new(
            rules,
            testing::run(rules, options),
        )))],
    }
}

#[test]
fn fixtures() {
    insta::glob!("fixtures/test/*.icp", |path| {
        let rules = compile(path);
        let text = report_of(&rules, &options()).to_text();
        insta::assert_snapshot!(two_sections(rules.source(), &text));
    });
}

/// Every file in `tests/fixtures/coverage/`: its report with coverage and
/// surviving mutants.
#[test]
fn coverage_and_mutants() {
    insta::glob!("fixtures/coverage/*.icp", |path| {
        let rules = compile(path);
        let report = report::Report {
            files: vec![report::File::Ran(Box::new(testing::test(
                &rules,
                &measured(),
            )))],
        };
        insta::assert_snapshot!(two_sections(rules.source(), &report.to_text()));
    });
}

#[test]
fn coverage_and_mutants_as_json() {
    let rules = compile(Path::new("tests/fixtures/coverage/missing_boundaries.icp"));
    let report = report::Report {
        files: vec![report::File::Ran(Box::new(testing::test(
            &rules,
            &measured(),
        )))],
    };
    let json = report.to_json();
    insta::assert_snapshot!(serde_json::to_string_pretty(&json).expect("JSON prints"));
}

/// The fast mutant run (one rule's plan first, the whole plan only where
/// a verdict can change) kills exactly the mutants that running every
/// passing example on the whole mutated plan kills.
#[test]
fn mutants_are_judged_as_by_the_whole_mutated_plan() {
    let mut judged = 0;
    for directory in ["tests/fixtures/coverage", "tests/fixtures/test", "examples"] {
        for entry in std::fs::read_dir(directory).expect("fixtures are readable") {
            let path = entry.expect("fixture entry").path();
            if path.extension().is_none_or(|extension| extension != "icp") {
                continue;
            }
            let rules = compile(&path);
            let run = testing::run(&rules, &options());
            let context = icpc::verdict::Context { as_of: run.as_of };
            for mutant in testing::mutants::run(&rules, &run) {
                let mutated = mutant.mutation.apply(rules.program());
                let plan = icpc::plan::plan(&mutated, &icpc::plan::Options::default());
                let killed = run
                    .results
                    .iter()
                    .filter(|result| result.passed())
                    .any(|result| {
                        let example = &rules.suite().examples[result.example];
                        let verdict =
                            icpc::eval::eval(&plan, &testing::record(&rules, example), &context);
                        !testing::holds(example, &mutated, &verdict)
                    });
                assert_eq!(
                    killed,
                    mutant.killed,
                    "{}: {}",
                    path.display(),
                    mutant.mutation.description
                );
                judged += 1;
            }
        }
    }
    assert!(judged > 50, "only {judged} mutants");
}

#[test]
fn failures_as_json() {
    let rules = compile(Path::new("tests/fixtures/test/wrong_score_fails.icp"));
    let json = report_of(&rules, &options()).to_json();
    insta::assert_snapshot!(serde_json::to_string_pretty(&json).expect("JSON prints"));
}

#[test]
fn failures_as_junit() {
    let rules = compile(Path::new(
        "tests/fixtures/test/disqualification_expectations.icp",
    ));
    insta::assert_snapshot!(report_of(&rules, &options()).to_junit());
}

#[test]
fn the_filter_keeps_examples_by_name() {
    let rules = compile(Path::new("tests/fixtures/test/every_expectation_met.icp"));
    let options = testing::Options {
        filter: Some("t".to_string()),
        ..options()
    };
    let run = testing::run(&rules, &options);
    let names: Vec<&str> = (run.results.iter())
        .map(|result| rules.suite().examples[result.example].name.as_str())
        .collect();
    assert_eq!(names, ["top", "nothing", "student"]);
}

#[test]
fn the_flag_overrides_the_files_day() {
    let rules = compile(Path::new("tests/fixtures/test/as_of_fixes_the_day.icp"));
    assert_eq!(testing::run(&rules, &options()).failed(), 0);
    let later = testing::Options {
        as_of: Some(TODAY + 60),
        ..options()
    };
    assert_eq!(testing::run(&rules, &later).failed(), 1);
}

/// Every fixture whose examples all pass, with one `tier X` changed to
/// another tier: that example fails, and the report names its line.
#[test]
fn one_altered_expectation_fails_at_its_line() {
    let mut checked = 0;
    for entry in std::fs::read_dir("tests/fixtures/test").expect("fixtures are readable") {
        let path = entry.expect("fixture entry").path();
        let rules = compile(&path);
        if testing::run(&rules, &options()).failed() > 0 {
            continue;
        }
        let text = &rules.source().text;
        for example in &rules.suite().examples {
            let line = rules.source().line(example.span.start);
            let written = rules.source().slice(example.span);
            let Some(at) = written.find("=> tier ") else {
                continue;
            };
            let tier_start = at + "=> tier ".len();
            let tier_end = tier_start
                + written[tier_start..]
                    .find(|c: char| !c.is_alphanumeric() && c != '_')
                    .unwrap_or(written.len() - tier_start);
            let tier = &written[tier_start..tier_end];
            let other = (rules.program().tiers.iter())
                .map(|tier| tier.name.as_str())
                .find(|name| *name != tier)
                .expect("two tiers");
            let start = example.span.start as usize;
            let altered = format!(
                "{}{}{}",
                &text[..start + tier_start],
                other,
                &text[start + tier_end..]
            );
            let altered = RuleSet::compile(rules.source().name.clone(), altered)
                .expect("the altered file compiles");
            let report = report_of(&altered, &options());
            assert_eq!(report.failed(), 1, "{}: {}", path.display(), example.name);
            let location = format!("{}:{line}:1", rules.source().name);
            assert!(report.to_text().contains(&location), "{location}");
            checked += 1;
        }
    }
    assert!(checked > 0, "no example was altered");
}

/// Examples are not rules: the same file without them scores leads alike.
#[test]
fn examples_do_not_change_the_program() {
    let path = Path::new("tests/fixtures/test/every_expectation_met.icp");
    let rules = compile(path);
    let without: String = (rules.source().text.lines())
        .filter(|line| !line.starts_with("example ") && !line.starts_with("as_of "))
        .map(|line| format!("{line}\n"))
        .collect();
    let bare = RuleSet::compile("bare.icp", without).expect("compiles without examples");
    assert_eq!(rules.program(), bare.program());
    assert!(bare.suite().examples.is_empty());
}

/// Every suggestion is right today: with every suggested line pasted in,
/// all examples pass, and no goal or mutant that got a suggestion is left
/// uncovered or alive.
#[test]
fn pasted_suggestions_pass_and_cover_what_they_were_for() {
    let suggesting = testing::Options {
        suggest: true,
        ..measured()
    };
    let mut pasted = 0;
    for entry in std::fs::read_dir("tests/fixtures/coverage").expect("fixtures are readable") {
        let path = entry.expect("fixture entry").path();
        let rules = compile(&path);
        let before = testing::test(&rules, &suggesting);
        let suggestions = before.suggestions.clone().unwrap_or_default();
        let mut text = rules.source().text.clone();
        for suggestion in &suggestions {
            text.push_str(&suggestion.line);
            text.push('\n');
        }
        let after =
            RuleSet::compile(rules.source().name.clone(), text).expect("suggestions compile");
        let tested = testing::test(&after, &measured());
        assert_eq!(tested.run.failed(), 0, "{}", path.display());
        let reasons: Vec<&str> = suggestions.iter().map(|s| s.reason.as_str()).collect();
        let coverage = tested.coverage.as_ref().expect("measured");
        for goal in coverage.uncovered() {
            assert!(
                !reasons.iter().any(|reason| reason.contains(&goal.hint)),
                "{}: still uncovered: {}",
                path.display(),
                goal.hint
            );
        }
        for mutant in tested
            .mutants
            .iter()
            .flatten()
            .filter(|mutant| !mutant.killed)
        {
            let description = &mutant.mutation.description;
            assert!(
                !reasons
                    .iter()
                    .any(|reason| reason.contains(description.as_str())),
                "{}: still alive: {description}",
                path.display()
            );
        }
        pasted += suggestions.len();
    }
    assert!(pasted > 10, "only {pasted} suggestions");
}

#[test]
fn suggestions() {
    let rules = compile(Path::new("tests/fixtures/coverage/weak_examples.icp"));
    let options = testing::Options {
        suggest: true,
        ..measured()
    };
    let report = report::Report {
        files: vec![report::File::Ran(Box::new(testing::test(&rules, &options)))],
    };
    insta::assert_snapshot!(report.to_text());
}

/// The shipped examples carry their tests: every file in `examples/` has
/// examples, all pass, cover every goal and catch every mutant.
#[test]
fn every_shipped_example_file_is_fully_tested() {
    let mut files = 0;
    for entry in std::fs::read_dir("examples").expect("examples/ exists") {
        let path = entry.expect("readable entry").path();
        if path.extension().is_none_or(|extension| extension != "icp") {
            continue;
        }
        let rules = compile(&path);
        assert!(
            !rules.suite().examples.is_empty(),
            "{} has no examples",
            path.display()
        );
        let tested = testing::test(&rules, &measured());
        let report = report::Report {
            files: vec![report::File::Ran(Box::new(tested.clone()))],
        };
        assert_eq!(tested.run.failed(), 0, "{}", report.to_text());
        assert_eq!(
            report.coverage_percent(),
            Some(100.0),
            "{}",
            report.to_text()
        );
        assert_eq!(report.survivors(), 0, "{}", report.to_text());
        files += 1;
    }
    assert!(files >= 7, "only {files} example files");
}

/// `--leads`: per rule, fired in examples, fired on leads, unknown on
/// leads; rules that no lead fires and rules no example fires are named.
#[test]
fn coverage_on_real_leads() {
    let rules = compile(Path::new("tests/fixtures/coverage/weak_examples.icp"));
    let leads = "{\"industry\": \"SaaS\", \"tech\": [\"HubSpot\"]}\n\
                 {\"industry\": \"Retail\", \"tech\": [\"Excel\"], \"email\": \"a@b.edu\"}\n\
                 {\"tech\": [\"Salesforce\"]}\n\
                 not json\n";
    let mut tested = testing::test(&rules, &options());
    let measured = testing::leads::measure(
        &rules,
        &tested.run,
        "leads.jsonl",
        icpc::stream::InputFormat::Jsonl,
        leads.as_bytes(),
    )
    .expect("leads are read");
    assert_eq!((measured.scored, measured.rejected), (3, 1));
    tested.leads = Some(measured);
    let report = report::Report {
        files: vec![report::File::Ran(Box::new(tested))],
    };
    insta::assert_snapshot!(report.to_text());
    let json = report.to_json();
    assert_eq!(json["files"][0]["leads"]["untested"][0], "penalty");
}

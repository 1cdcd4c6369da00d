//! The solver on small programs: answers are verified by evaluation, and
//! the simplest change wins.

use super::{Answer, Blocker, Change, Limits, Solver, apply};
use crate::record::{Record, Value};
use crate::verdict::Context;

const RULES: &str = r#"
schema {
  id: text
  industry: text
  employees: int
  revenue: number
  title: text
  email: text
  tech: list<text>
}
score fit
let crms = [Salesforce, HubSpot]
rule core: industry in [SaaS, Fintech] and employees 10..1000 => fit +30
rule budget: revenue >= 5_000_000 => fit +20
rule senior: title matches /\b(vp|head)\b/i => fit +15
rule crm: tech has any crms => fit +10
rule student: email ends_with ".edu" => disqualify "students are not buyers"
tier A: fit >= 60
tier B: fit >= 30
tier C: otherwise
"#;

fn program() -> crate::ir::Program {
    match crate::compile(&crate::source::Source::new("t.icp", RULES)) {
        Ok(checked) => checked.program,
        Err(errors) => panic!("{errors:?}"),
    }
}

fn record(program: &crate::ir::Program, values: &[(&str, Value)]) -> Record {
    let mut record = Record {
        values: vec![Value::Missing; program.fields.len()],
        ..Record::default()
    };
    for (name, value) in values {
        let field = program.field_id(name).expect("field exists");
        record.values[field.0 as usize] = value.clone();
    }
    record
}

const CONTEXT: Context = Context { as_of: 20_269 };

fn answer(values: &[(&str, Value)], target: u32) -> (crate::ir::Program, Record, Answer) {
    let program = program();
    let record = record(&program, values);
    let answer = solve(&program, &record, target);
    (program, record, answer)
}

fn solve(program: &crate::ir::Program, record: &Record, target: u32) -> Answer {
    let plan = crate::plan::plan(program, &crate::plan::Options::default());
    Solver::new(program, &plan, &CONTEXT).solve(record, target, &Limits::default())
}

fn text(value: &str) -> Value {
    Value::Text(value.to_string())
}

#[test]
fn one_field_at_its_boundary() {
    let (program, _, answer) = answer(
        &[
            ("industry", text("SaaS")),
            ("employees", Value::Number(8.0)),
            ("revenue", Value::Number(6e6)),
            ("title", text("VP Sales")),
        ],
        0,
    );
    let employees = program.field_id("employees").expect("field");
    let Answer::Reachable {
        changes, verdict, ..
    } = answer
    else {
        panic!("{answer:?}");
    };
    let expected = Change {
        field: employees,
        value: Value::Number(10.0),
    };
    assert_eq!(changes, [expected]);
    assert_eq!(verdict.tier, Some(0));
}

#[test]
fn several_fields_none_enough_alone() {
    let values = [
        ("industry", text("Retail")),
        ("employees", Value::Number(50.0)),
        ("title", text("Manager")),
    ];
    let (program, record, answer) = answer(&values, 0);
    let Answer::Reachable { changes, .. } = answer else {
        panic!("{answer:?}");
    };
    assert!(changes.len() >= 2, "{changes:?}");
    let evaluate = |record: &Record| crate::interp::eval(&program, record, &CONTEXT);
    assert_eq!(evaluate(&apply(&record, &changes)).tier, Some(0));
    for change in &changes {
        assert_ne!(
            evaluate(&apply(&record, std::slice::from_ref(change))).tier,
            Some(0)
        );
    }
}

#[test]
fn a_disqualified_lead_may_be_lifted() {
    let (program, _, answer) = answer(
        &[
            ("email", text("a@b.edu")),
            ("industry", text("SaaS")),
            ("employees", Value::Number(50.0)),
        ],
        1,
    );
    let email = program.field_id("email").expect("field");
    let Answer::Reachable {
        changes, verdict, ..
    } = answer
    else {
        panic!("{answer:?}");
    };
    assert_eq!(changes.len(), 1);
    assert_eq!(changes[0].field, email);
    assert!(!verdict.disqualified);
}

#[test]
fn fixed_fields_stay() {
    let program = program();
    let plan = crate::plan::plan(&program, &crate::plan::Options::default());
    let record = record(&program, &[("employees", Value::Number(8.0))]);
    let fixed = ["industry", "employees"].map(|name| program.field_id(name).expect("field"));
    let limits = Limits {
        fixed: fixed.to_vec(),
        ..Limits::default()
    };
    let answer = Solver::new(&program, &plan, &CONTEXT).solve(&record, 1, &limits);
    let Answer::Reachable { changes, .. } = answer else {
        panic!("{answer:?}");
    };
    assert!(
        changes.iter().all(|change| !fixed.contains(&change.field)),
        "{changes:?}"
    );
    assert_eq!(changes.len(), 2, "{changes:?}");
}

#[test]
fn already_in_a_better_tier() {
    let values = [
        ("industry", text("SaaS")),
        ("employees", Value::Number(50.0)),
        ("revenue", Value::Number(6e6)),
    ];
    let (_, _, answer) = answer(&values, 2);
    assert_eq!(answer, Answer::AlreadyThere { tier: 1 });
}

#[test]
fn scores_no_rule_can_give() {
    let text = "score fit\nrule a: x == 1 => fit +10\ntier A: fit >= 100\ntier B: otherwise\n";
    let program = crate::compile(&crate::source::Source::new("t.icp", text))
        .expect("compiles")
        .program;
    let record = record(&program, &[]);
    let answer = solve(&program, &record, 0);
    assert_eq!(answer, Answer::Unreachable(Blocker::ScoresOutOfReach));
}

/// A group already full: the nearest miss of its other rule fires it, but
/// its points go over the cap, so the miss says it adds nothing.
#[test]
fn a_miss_whose_points_a_full_group_swallows_adds_nothing() {
    let text = "schema {\n  n: int\n  t: text\n}\nscore fit\n\
        rule a: n > 10 => fit +10\nrule b: t == SaaS => fit +10\nrule c: t == Fintech => fit +5\n\
        group g at most 10: a, b\ntier A: fit >= 15\ntier B: otherwise\n";
    let rules = crate::RuleSet::compile("t.icp", text).expect("compiles");
    let record = rules.record_from_json(r#"{"n": 20}"#).expect("a lead");
    let solver = Solver::new(rules.program(), rules.plan(), &CONTEXT);
    let misses = solver.nearest_misses(&record, &Limits::default());
    let adds_nothing: Vec<(u32, bool)> = (misses.found.iter())
        .map(|miss| (miss.rule, miss.adds_nothing))
        .collect();
    assert_eq!(adds_nothing, [(1, true), (2, false)]);
    let explained = rules
        .explain_with(record, &CONTEXT, 0, &Limits::default())
        .expect("tier A");
    let text = explained.to_text("leads.jsonl");
    assert!(
        text.contains("b (fit +10) would fire with t: missing -> \"SaaS\", but would add nothing"),
        "{text}"
    );
    assert_eq!(
        explained.to_json()["nearest_misses"][0]["adds_nothing"],
        true
    );
    assert!(explained.to_json()["nearest_misses"][1]["adds_nothing"].is_null());
}

/// The lead of `several_fields_none_enough_alone`, and the plan of RULES.
fn two_changes() -> (crate::ir::Program, crate::plan::Plan, Record) {
    let program = program();
    let plan = crate::plan::plan(&program, &crate::plan::Options::default());
    let values = [
        ("industry", text("Retail")),
        ("employees", Value::Number(50.0)),
        ("title", text("Manager")),
    ];
    let record = record(&program, &values);
    (program, plan, record)
}

/// Whatever the work limit, an answer has the fewest changes; one found
/// by a level the limit cut short says so, and one that says it is
/// complete is the answer without a limit.
#[test]
fn an_answer_of_a_level_cut_short_says_so_and_is_still_the_fewest() {
    let (program, plan, record) = two_changes();
    let solver = Solver::new(&program, &plan, &CONTEXT);
    let full = solver.solve(&record, 0, &Limits::default());
    let Answer::Reachable { changes: best, .. } = &full else {
        panic!("{full:?}");
    };
    let mut cut_short = 0;
    for work in 1..3_000 {
        let limits = Limits {
            work,
            ..Limits::default()
        };
        match solver.solve(&record, 0, &limits) {
            Answer::Reachable {
                changes, complete, ..
            } => {
                assert_eq!(changes.len(), best.len(), "work {work}: {changes:?}");
                if complete {
                    assert_eq!(&changes, best, "work {work}");
                } else {
                    cut_short += 1;
                }
            }
            Answer::Unreachable(Blocker::Stopped { proven }) => {
                assert!(proven < best.len(), "work {work}");
            }
            other @ (Answer::AlreadyThere { .. }
            | Answer::AlreadyIn
            | Answer::Unreachable(
                Blocker::ScoresOutOfReach | Blocker::FixedFields | Blocker::NotWithin { .. },
            )) => panic!("work {work}: {other:?}"),
        }
    }
    assert!(cut_short > 0, "no limit cut a level short");
}

/// A nearest-miss search stopped by the work limit before it found a
/// change is listed as stopped, not dropped.
#[test]
fn a_miss_search_stopped_by_the_limit_is_listed() {
    let (program, plan, record) = two_changes();
    let solver = Solver::new(&program, &plan, &CONTEXT);
    let full = solver.nearest_misses(&record, &Limits::default());
    assert!(full.stopped.is_empty());
    let mut stopped = 0;
    for work in 1..200 {
        let limits = Limits {
            work,
            ..Limits::default()
        };
        let misses = solver.nearest_misses(&record, &limits);
        for (rule, proven) in &misses.stopped {
            stopped += 1;
            assert!(misses.found.iter().all(|miss| miss.rule != *rule));
            let miss = full.found.iter().find(|miss| miss.rule == *rule);
            assert!(miss.is_none_or(|miss| miss.changes.len() > *proven));
        }
        assert_eq!(misses.found.len() + misses.stopped.len(), full.found.len());
    }
    assert!(stopped > 0, "no miss search stopped");
}

/// What `icpc explain` says of a search cut short, in text and JSON: the
/// least work limit that cuts the tier search's level short, and the least
/// that stops a nearest-miss search.
#[test]
fn searches_cut_short_are_named_in_the_explanation() {
    let rules = crate::RuleSet::compile("t.icp", RULES).expect("compiles");
    let (_, _, record) = two_changes();
    let limits = |work: usize| Limits {
        work,
        ..Limits::default()
    };
    let explain = |work: usize| {
        (rules.explain_with(record.clone(), &CONTEXT, 0, &limits(work))).expect("tier A")
    };
    let answer_cut = (1..3_000)
        .find(|work| {
            matches!(
                explain(*work).answer,
                Answer::Reachable {
                    complete: false,
                    ..
                }
            )
        })
        .expect("a limit cuts the answer's level short");
    let miss_cut = (1..3_000)
        .find(|work| {
            let misses = explain(*work).misses;
            !misses.stopped.is_empty() && !misses.found.is_empty()
        })
        .expect("a limit stops one miss search and not another");
    let mut out = String::new();
    for work in [answer_cut, miss_cut] {
        let explained = explain(work);
        let json = explained.to_json();
        out.push_str(&format!(
            "== work limit {work}\n{}\n{:#}\n{:#}\n{:#}\n",
            explained.to_text("leads.jsonl"),
            json["what_would_it_take"],
            json["nearest_misses"],
            json["nearest_misses_stopped"],
        ));
    }
    insta::assert_snapshot!(out);
}

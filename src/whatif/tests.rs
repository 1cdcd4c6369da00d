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
    let Answer::Reachable { changes, verdict } = answer else {
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
    let Answer::Reachable { changes, verdict } = answer else {
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

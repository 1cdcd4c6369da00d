//! The solver on small programs: answers are verified by evaluation, and
//! the simplest change wins.

use super::{Answer, Blocker, Change, Limits, apply, solve};
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
    let evaluate = |record: &Record| crate::interp::eval(&program, record, &CONTEXT);
    let answer = solve(
        &program,
        &record,
        target,
        &CONTEXT,
        &evaluate,
        Limits::default(),
    );
    (program, record, answer)
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
fn disqualified_leads_are_not_argued_with() {
    let (_, _, answer) = answer(&[("email", text("a@b.edu"))], 0);
    assert_eq!(
        answer,
        Answer::Unreachable(Blocker::Disqualified { rules: vec![4] })
    );
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
    let evaluate = |record: &Record| crate::interp::eval(&program, record, &CONTEXT);
    let answer = solve(&program, &record, 0, &CONTEXT, &evaluate, Limits::default());
    assert_eq!(answer, Answer::Unreachable(Blocker::ScoresOutOfReach));
}

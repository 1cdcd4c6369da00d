//! Unit tests of the checker's program output; diagnostics are covered by
//! the fixtures in `tests/fixtures/check/`.

use crate::ir;
use crate::source::Source;

fn program(text: &str) -> ir::Program {
    match crate::compile(&Source::new("t.icp", text)) {
        Ok(checked) => checked.program,
        Err(diagnostics) => panic!("{diagnostics:#?}"),
    }
}

#[test]
fn lets_expand_into_let_nodes_with_spans_in_the_declaration() {
    let text = "score fit\nlet big = employees > 10\nrule r: big => fit +1\n";
    let program = program(text);
    let condition = &program.rules[0].condition;
    let ir::CondKind::Let { name, body } = &condition.kind else {
        panic!("expected a let node, got {condition:?}");
    };
    assert_eq!(name, "big");
    assert_eq!(
        &text[body.span.start as usize..body.span.end as usize],
        "employees > 10"
    );
}

#[test]
fn schemaless_fields_are_inferred_in_order_of_first_use() {
    let text = "score fit\nrule a: tech has HubSpot and seen within 3 days => fit +1\n\
                rule b: email is missing or name contains x => fit +1\n";
    let fields: Vec<(String, ir::Type)> = program(text)
        .fields
        .into_iter()
        .map(|field| (field.name, field.ty))
        .collect();
    let expected = [
        ("tech", ir::Type::TextList),
        ("seen", ir::Type::Date),
        ("email", ir::Type::Any),
        ("name", ir::Type::Text),
    ];
    let expected: Vec<(String, ir::Type)> = expected
        .iter()
        .map(|(name, ty)| (name.to_string(), *ty))
        .collect();
    assert_eq!(fields, expected);
}

#[test]
fn unnamed_rules_take_their_line_and_has_becomes_has_any() {
    let program = program("score fit\n\ntech has HubSpot => fit -2\n");
    let rule = &program.rules[0];
    assert_eq!((rule.name.as_str(), rule.named), ("line 3", false));
    assert_eq!(
        rule.effect,
        ir::Effect::Add {
            score: ir::ScoreId(0),
            delta: -2
        }
    );
    let ir::CondKind::Pred(pred) = &rule.condition.kind else {
        panic!("expected a predicate");
    };
    assert_eq!(pred.test, ir::PredTest::HasAny(vec!["HubSpot".to_string()]));
}

#[test]
fn dates_become_day_numbers_and_tiers_test_scores() {
    let program = program("score fit\nrule r: seen > 1970-01-02 => fit +1\ntier A: fit >= 1\n");
    let ir::CondKind::Pred(pred) = &program.rules[0].condition.kind else {
        panic!("expected a predicate");
    };
    assert_eq!(
        pred.test,
        ir::PredTest::Compare(crate::ast::CompareOp::Gt, ir::Literal::Date(1))
    );
    let Some(ir::Cond {
        kind: ir::CondKind::Pred(tier),
        ..
    }) = &program.tiers[0].condition
    else {
        panic!("expected a tier predicate");
    };
    assert_eq!(tier.subject, ir::Subject::Score(ir::ScoreId(0)));
}

#[test]
fn long_let_chains_are_reported_not_overflowed() {
    let mut text = String::from("score fit\nlet l0 = employees > 1\n");
    for index in 1..20_000 {
        text.push_str(&format!(
            "let l{index} = l{} and employees > {index}\n",
            index - 1
        ));
    }
    text.push_str("rule r: l19999 => fit +1\n");
    let Err(diagnostics) = crate::compile(&Source::new("t.icp", text)) else {
        panic!("a 20,000-let chain should not check");
    };
    let too_deep: Vec<_> = diagnostics
        .iter()
        .filter(|diagnostic| diagnostic.code == crate::diagnostic::Code::TooDeep)
        .collect();
    assert_eq!(
        too_deep.len(),
        1,
        "reported once, at the first let too deep"
    );
}

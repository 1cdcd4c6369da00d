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
fn lets_become_shared_let_nodes_with_spans_in_the_declaration() {
    let text = "score fit\nlet big = employees > 10\nrule r: big => fit +1\n";
    let program = program(text);
    let condition = &program.rules[0].condition;
    let ir::CondKind::Let(id) = &condition.kind else {
        panic!("expected a let node, got {condition:?}");
    };
    let let_ = program.let_(*id);
    assert_eq!(let_.name, "big");
    let slice = |span: crate::source::Span| &text[span.start as usize..span.end as usize];
    assert_eq!(slice(let_.body.span), "employees > 10");
    assert_eq!(slice(let_.span), "let big = employees > 10");
    assert_eq!(slice(let_.name_span), "big");
    assert_eq!(slice(condition.span), "big");
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
        rule.effects,
        [ir::Effect::Add {
            score: ir::ScoreId(0),
            delta: -2
        }]
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

#[test]
fn a_test_keeps_its_id_and_the_spans_of_its_field_operator_and_values() {
    let text = "score fit\nlet crms = [HubSpot, Pipedrive]\n\
                rule r: tech has any crms and employees 10..1000 => fit +1\n\
                tier A: otherwise\n";
    let program = program(text);
    let slice = |span: crate::source::Span| &text[span.start as usize..span.end as usize];
    let ir::CondKind::And(operands) = &program.rules[0].condition.kind else {
        panic!("expected an and");
    };
    let preds: Vec<&ir::Pred> = (operands.iter())
        .filter_map(|operand| match &operand.kind {
            ir::CondKind::Pred(pred) => Some(pred),
            ir::CondKind::And(_)
            | ir::CondKind::Or(_)
            | ir::CondKind::Not(_)
            | ir::CondKind::Let(_) => None,
        })
        .collect();
    let ids: Vec<u32> = preds.iter().map(|pred| pred.id.0).collect();
    assert_eq!(ids, [0, 1]);
    assert_eq!(program.pred_count, 2);
    let [has, range] = preds.as_slice() else {
        panic!("expected two tests");
    };
    assert_eq!(slice(has.spans.subject), "tech");
    assert_eq!(slice(has.spans.op), "has any");
    let values: Vec<&str> = has.spans.values.iter().map(|span| slice(*span)).collect();
    assert_eq!(values, ["HubSpot", "Pipedrive"]);
    let values: Vec<&str> = range.spans.values.iter().map(|span| slice(*span)).collect();
    assert_eq!(values, ["10", "1000"]);
    assert_eq!(program.rules[0].name_span.map(slice), Some("r"));
    assert_eq!(program.tiers[0].otherwise.map(slice), Some("otherwise"));
    assert_eq!(slice(program.tiers[0].name_span), "A");
}

#[test]
fn a_rule_keeps_its_identity_when_it_moves() {
    let before = "score fit\nemployees > 10 => fit +1\nrule named: country == US => fit +2\n";
    let after = "score fit\n\n\nrule named: country == US => fit +2\n\nemployees > 10 => fit +1\n";
    let identities = |text: &str| {
        let program = program(text);
        let mut identities: Vec<String> = (program.rules.iter())
            .map(|rule| rule.identity(&program))
            .collect();
        identities.sort();
        identities
    };
    let moved = identities(after);
    assert_eq!(identities(before), moved);
    assert!(moved.contains(&"named".to_string()));
    assert!(moved.iter().any(|identity| identity.starts_with('#')));
    let changed =
        identities("score fit\nemployees > 11 => fit +1\nrule named: country == US => fit +2\n");
    assert_ne!(changed, moved);
}

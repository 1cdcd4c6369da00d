//! The JSON form of an explanation (documented in docs/explain.md).
//!
//! `version` changes whenever a key is renamed or removed, so that tools
//! reading explanations can tell.

use super::Context;
use crate::record::Value;
use crate::trace::{Clause, ClauseKind, Outcome, Trace};
use crate::verdict::Verdict;
use serde_json::{Map, Value as Json, json};

/// The version of the explanation's JSON shape.
pub const JSON_VERSION: u32 = 1;

/// The `explanation` object of one record.
pub fn to_json(context: Context<'_>, verdict: &Verdict, trace: &Trace) -> Json {
    let program = context.program;
    let rules: Vec<Json> = trace
        .rules
        .iter()
        .map(|rule_trace| {
            let rule = &program.rules[rule_trace.rule as usize];
            let mut object = location(context, rule.span.start);
            object.insert("rule".into(), json!(rule.name));
            object.insert("fired".into(), json!(rule_trace.fired));
            object.insert("outcome".into(), json!(rule_trace.clause.outcome.as_str()));
            object.insert("effect".into(), json!(context.effect_text(&rule.effect)));
            object.insert("condition".into(), clause_json(context, &rule_trace.clause));
            Json::Object(object)
        })
        .collect();
    let tiers: Vec<Json> = trace
        .tiers
        .iter()
        .map(|tier_trace| {
            let tier = &program.tiers[tier_trace.tier as usize];
            let mut object = location(context, tier.span.start);
            object.insert("tier".into(), json!(tier.name));
            object.insert("outcome".into(), json!(tier_trace.outcome.as_str()));
            let condition = tier_trace
                .clause
                .as_ref()
                .map_or(json!("otherwise"), |clause| clause_json(context, clause));
            object.insert("condition".into(), condition);
            Json::Object(object)
        })
        .collect();
    let disqualified_by: Vec<Json> = trace
        .disqualified_by
        .iter()
        .map(|&index| {
            let rule = &program.rules[index as usize];
            let reason = match &rule.effect {
                crate::ir::Effect::Disqualify { reason } => reason.as_str(),
                crate::ir::Effect::Add { .. } => "",
            };
            json!({ "rule": rule.name, "reason": reason })
        })
        .collect();
    let decided_by = verdict
        .tier
        .map(|tier| json!(program.tiers[tier as usize].name));
    json!({
        "version": JSON_VERSION,
        "rules": rules,
        "tiers": tiers,
        "decided_by": decided_by,
        "disqualified_by": disqualified_by,
    })
}

fn location(context: Context<'_>, offset: u32) -> Map<String, Json> {
    let position = context.source.position(offset);
    let mut object = Map::new();
    object.insert("line".into(), json!(position.line));
    object.insert("column".into(), json!(position.column));
    object
}

fn clause_json(context: Context<'_>, clause: &Clause) -> Json {
    let mut object = location(context, clause.span.start);
    object.insert("text".into(), json!(context.source.slice(clause.span)));
    object.insert("outcome".into(), json!(outcome_word(clause.outcome)));
    match &clause.kind {
        ClauseKind::And(operands) | ClauseKind::Or(operands) => {
            let op = if matches!(clause.kind, ClauseKind::And(_)) {
                "and"
            } else {
                "or"
            };
            object.insert("op".into(), json!(op));
            let operands: Vec<Json> = operands
                .iter()
                .map(|operand| clause_json(context, operand))
                .collect();
            object.insert("operands".into(), Json::Array(operands));
        }
        ClauseKind::Not(inner) => {
            object.insert("op".into(), json!("not"));
            object.insert(
                "operands".into(),
                Json::Array(vec![clause_json(context, inner)]),
            );
        }
        ClauseKind::Let { name, body } => {
            object.insert("op".into(), json!("let"));
            object.insert("let".into(), json!(name));
            object.insert(
                "operands".into(),
                Json::Array(vec![clause_json(context, body)]),
            );
        }
        ClauseKind::Test { subject, value } => {
            object.insert("op".into(), json!("test"));
            let key = match subject {
                crate::ir::Subject::Field(_) => "field",
                crate::ir::Subject::Score(_) => "score",
            };
            object.insert(key.into(), json!(context.subject_name(*subject)));
            object.insert("value".into(), value_json(value));
        }
    }
    Json::Object(object)
}

fn outcome_word(outcome: Outcome) -> &'static str {
    outcome.as_str()
}

/// A record value as JSON: missing is `null`, dates are `YYYY-MM-DD`,
/// whole numbers are integers.
pub fn value_json(value: &Value) -> Json {
    match value {
        Value::Missing => Json::Null,
        Value::Number(number) if number.fract() == 0.0 && number.abs() < 9.0e15 => {
            json!(*number as i64)
        }
        Value::Number(number) => json!(number),
        Value::Text(text) | Value::Present(text) => json!(text),
        Value::Bool(flag) => json!(flag),
        Value::Date(day) => json!(crate::date::format(*day)),
        Value::List(items) => json!(items),
    }
}

//! Candidate changes: for each predicate on a field, values that make it
//! true (and, for thresholds, the values just across its boundary).
//!
//! Candidates are proposals only; the search evaluates every one, so a
//! value that does not do what it was meant to is simply never chosen.

use super::Change;
use crate::ir::{self, CondKind, Literal, PredTest, Subject, Type};
use crate::record::{Record, Value};
use crate::verdict::Context;
use std::collections::HashSet;

/// A change and what it costs (1 per field, plus how far the value moves).
#[derive(Debug, Clone)]
pub struct Candidate {
    /// The change.
    pub change: Change,
    /// Lower is a smaller, more plausible change.
    pub cost: f64,
}

/// Every candidate change for the fields the rules test, cheapest first
/// within each field, fields in program order.
pub fn collect(program: &ir::Program, record: &Record, context: &Context) -> Vec<Candidate> {
    let mut proposals: Vec<(ir::FieldId, Value)> = Vec::new();
    let mut entered = HashSet::new();
    for rule in &program.rules {
        visit(
            program,
            &rule.condition,
            &mut entered,
            &mut |field, test| {
                let ty = program.field(field).ty;
                for value in values_for(test, ty, record.get(field), context) {
                    if !proposals.iter().any(|(f, v)| *f == field && *v == value) {
                        proposals.push((field, value));
                    }
                }
            },
        );
    }
    let mut candidates: Vec<Candidate> = proposals
        .into_iter()
        .filter(|(field, value)| record.get(*field) != value)
        .map(|(field, value)| Candidate {
            cost: cost(record.get(field), &value),
            change: Change { field, value },
        })
        .collect();
    candidates.sort_by(|a, b| {
        a.change
            .field
            .cmp(&b.change.field)
            .then(a.cost.total_cmp(&b.cost))
    });
    candidates
}

/// Calls `found` on every field test in source order; a let's tests at its
/// first use only (`entered`), since later uses propose the same values.
fn visit(
    program: &ir::Program,
    cond: &ir::Cond,
    entered: &mut HashSet<ir::LetId>,
    found: &mut dyn FnMut(ir::FieldId, &PredTest),
) {
    match &cond.kind {
        CondKind::And(operands) | CondKind::Or(operands) => {
            for operand in operands {
                visit(program, operand, entered, found);
            }
        }
        CondKind::Not(inner) => visit(program, inner, entered, found),
        CondKind::Let(id) => {
            if entered.insert(*id) {
                visit(program, &program.let_(*id).body, entered, found);
            }
        }
        CondKind::Pred(pred) => match pred.subject {
            Subject::Field(field) => found(field, &pred.test),
            Subject::Score(_) => {}
        },
    }
}

/// Values of a field that satisfy (or sit at the edge of) one test.
fn values_for(test: &PredTest, ty: Type, current: &Value, context: &Context) -> Vec<Value> {
    match test {
        PredTest::Compare(_, literal) => around(literal, ty),
        PredTest::In { values, negated } => {
            let mut out: Vec<Value> = values
                .iter()
                .filter_map(|literal| typed(literal, ty))
                .collect();
            if *negated {
                out.push(other_than(ty));
            }
            out
        }
        PredTest::Range(low, high) => {
            let mut out = around(low, ty);
            out.extend(around(high, ty));
            out
        }
        PredTest::HasAny(items) => items
            .iter()
            .map(|item| with_items(current, std::slice::from_ref(item)))
            .collect(),
        PredTest::HasAll(items) => vec![with_items(current, items)],
        PredTest::Text(op, text) => text_values(*op, text, current),
        PredTest::Matches {
            pattern,
            case_insensitive,
        } => super::regex_samples::matching(pattern, *case_insensitive, current),
        PredTest::Missing(true) => vec![Value::Missing],
        PredTest::Missing(false) => vec![placeholder(ty)],
        PredTest::Within(days) => {
            let days = i32::try_from(*days).unwrap_or(i32::MAX);
            vec![
                Value::Date(context.as_of),
                Value::Date(context.as_of.saturating_sub(days)),
            ]
        }
    }
}

/// The literal and its neighbours one step either side.
fn around(literal: &Literal, ty: Type) -> Vec<Value> {
    match literal {
        Literal::Number(n) => [*n - 1.0, *n, *n + 1.0]
            .into_iter()
            .map(Value::Number)
            .collect(),
        Literal::Date(day) => [*day - 1, *day, *day + 1]
            .into_iter()
            .map(Value::Date)
            .collect(),
        Literal::Bool(_) => vec![Value::Bool(true), Value::Bool(false)],
        Literal::Text(_) => typed(literal, ty)
            .into_iter()
            .chain([other_than(ty)])
            .collect(),
    }
}

fn typed(literal: &Literal, ty: Type) -> Option<Value> {
    match (literal, ty) {
        (Literal::Number(n), Type::Int | Type::Number) => Some(Value::Number(*n)),
        (Literal::Text(text), Type::Text | Type::Any) => Some(Value::Text(text.clone())),
        (Literal::Bool(b), Type::Bool) => Some(Value::Bool(*b)),
        (Literal::Date(day), Type::Date) => Some(Value::Date(*day)),
        (Literal::Number(_) | Literal::Text(_) | Literal::Bool(_) | Literal::Date(_), _) => None,
    }
}

fn other_than(ty: Type) -> Value {
    match ty {
        Type::Text | Type::Any => Value::Text("other".to_string()),
        Type::Int | Type::Number | Type::Bool | Type::Date | Type::TextList => placeholder(ty),
    }
}

/// A plain present value of the type.
fn placeholder(ty: Type) -> Value {
    match ty {
        Type::Int | Type::Number => Value::Number(1.0),
        Type::Text => Value::Text("yes".to_string()),
        Type::Any => Value::Present("yes".to_string()),
        Type::Bool => Value::Bool(true),
        Type::Date => Value::Date(0),
        Type::TextList => Value::List(vec!["yes".to_string()]),
    }
}

fn with_items(current: &Value, items: &[String]) -> Value {
    let mut list = match current {
        Value::List(list) => list.clone(),
        Value::Missing
        | Value::Number(_)
        | Value::Text(_)
        | Value::Bool(_)
        | Value::Date(_)
        | Value::Present(_) => Vec::new(),
    };
    for item in items {
        if !list
            .iter()
            .any(|existing| existing.eq_ignore_ascii_case(item))
        {
            list.push(item.clone());
        }
    }
    Value::List(list)
}

fn text_values(op: crate::ast::TextOp, text: &str, current: &Value) -> Vec<Value> {
    let mut out = vec![Value::Text(text.to_string())];
    if let Value::Text(now) = current {
        out.push(Value::Text(match op {
            crate::ast::TextOp::Contains => format!("{now} {text}"),
            crate::ast::TextOp::StartsWith => format!("{text}{now}"),
            crate::ast::TextOp::EndsWith => format!("{now}{text}"),
        }));
    }
    out
}

/// 1 per changed field, plus the relative size of a numeric move.
fn cost(current: &Value, new: &Value) -> f64 {
    match (current, new) {
        (Value::Number(old), Value::Number(value)) => {
            1.0 + (value - old).abs() / old.abs().max(1.0)
        }
        (Value::Date(old), Value::Date(value)) => 1.0 + f64::from((value - old).abs()) / 365.0,
        (Value::Missing, _) => 1.5,
        (Value::List(_), Value::List(_)) => 1.1,
        _ => 1.2,
    }
}

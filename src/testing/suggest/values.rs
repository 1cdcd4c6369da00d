//! Values and facts the suggester needs from the program: list items,
//! the field of a test, values that make tests false.

use crate::ir;
use crate::record::Value;

/// Every member of every `in` and `has` list, as a value of its field (a
/// text for `in`, a one-item list for `has`): value classes put the members
/// of one list together, but a mutant that removes one member is told
/// apart only by that member.
pub fn list_members(program: &ir::Program) -> Vec<(ir::FieldId, Value)> {
    let mut members = Vec::new();
    for condition in program.conditions() {
        super::super::each_pred(condition, &mut |pred| {
            let ir::Subject::Field(field) = pred.subject else {
                return;
            };
            match &pred.test {
                ir::PredTest::In { values, .. } => {
                    members.extend(values.iter().filter_map(|value| match value {
                        ir::Literal::Text(text) => Some((field, Value::Text(text.clone()))),
                        ir::Literal::Number(_) | ir::Literal::Bool(_) | ir::Literal::Date(_) => {
                            None
                        }
                    }))
                }
                ir::PredTest::HasAny(items) | ir::PredTest::HasAll(items) => members
                    .extend((items.iter()).map(|item| (field, Value::List(vec![item.clone()])))),
                ir::PredTest::Compare(..)
                | ir::PredTest::Range(..)
                | ir::PredTest::Text(..)
                | ir::PredTest::Matches { .. }
                | ir::PredTest::Missing(_)
                | ir::PredTest::Within(_) => {}
            }
        });
    }
    members
}

/// The field a predicate tests, if it tests one.
pub fn pred_field(program: &ir::Program, pred: ir::PredId) -> Option<ir::FieldId> {
    let mut found = None;
    for condition in program.conditions() {
        super::super::each_pred(condition, &mut |candidate| {
            if candidate.id == pred
                && let ir::Subject::Field(field) = candidate.subject
            {
                found = Some(field);
            }
        });
    }
    found
}

/// Values that make most tests on a field false: a word no list holds, an
/// empty list, a number and a date far from any threshold.
pub fn others(ty: ir::Type) -> impl Iterator<Item = Value> {
    let values = match ty {
        ir::Type::Text => vec![Value::Text("Other".to_string())],
        ir::Type::TextList => vec![
            Value::List(Vec::new()),
            Value::List(vec!["Other".to_string()]),
        ],
        ir::Type::Int | ir::Type::Number => vec![Value::Number(0.0)],
        ir::Type::Bool => vec![Value::Bool(false), Value::Bool(true)],
        ir::Type::Date => vec![Value::Date(0)],
        ir::Type::Any => vec![Value::Present("other".to_string())],
    };
    values.into_iter()
}

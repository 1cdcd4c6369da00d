//! Values and facts the suggester needs from the program: list items,
//! the field of a test, values that make tests false.

use crate::ir;
use crate::record::Value;

/// Every item of every `has` list, with its field: a list holding just one
/// of them tells `has all` from a shorter `has all`.
pub fn list_items(program: &ir::Program) -> Vec<(ir::FieldId, String)> {
    let mut items = Vec::new();
    for condition in program.conditions() {
        super::super::each_pred(condition, &mut |pred| {
            if let (ir::Subject::Field(field), ir::PredTest::HasAll(values)) =
                (pred.subject, &pred.test)
            {
                items.extend(values.iter().map(|value| (field, value.clone())));
            }
        });
    }
    items
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

//! Which of several answers with the same number of changes is given:
//! the one that erases fewest present values (making a value missing to
//! dodge a test is a last resort), then the one that changes fewest
//! present values (filling in a missing value comes first), then the one with the smallest moves of numbers and dates
//! (each relative to the value it moves from), then the first by field
//! names and values. Nothing here depends on the order of the schema or
//! the rules, so neither does the answer.

use super::Change;
use crate::ir;
use crate::record::{Record, Value};
use std::cmp::Ordering;

/// How much an answer asks of a lead; less is preferred.
#[derive(Debug, Clone, PartialEq)]
pub struct Cost {
    erased: usize,
    present: usize,
    moves: f64,
    names: Vec<(String, String)>,
}

impl Cost {
    /// The cost of changing `record` by `changes`.
    pub fn of(program: &ir::Program, record: &Record, changes: &[Change]) -> Cost {
        let mut cost = Cost {
            erased: 0,
            present: 0,
            moves: 0.0,
            names: Vec::new(),
        };
        for change in changes {
            let before = record.get(change.field);
            if !matches!(before, Value::Missing) {
                cost.present += 1;
                cost.erased += usize::from(matches!(change.value, Value::Missing));
            }
            cost.moves += distance(before, &change.value);
            let name = program.field(change.field).name.clone();
            cost.names.push((name, format!("{:?}", change.value)));
        }
        cost.names.sort();
        cost
    }

    /// Whether this answer is preferred to one of cost `other`.
    pub fn better_than(&self, other: &Cost) -> bool {
        let order = (self.erased.cmp(&other.erased))
            .then(self.present.cmp(&other.present))
            .then(self.moves.total_cmp(&other.moves))
            .then_with(|| self.names.cmp(&other.names));
        order == Ordering::Less
    }
}

/// How far a number or date moves, relative to where it was; 0 for other
/// changes.
fn distance(before: &Value, after: &Value) -> f64 {
    match (before, after) {
        (Value::Number(old), Value::Number(new)) => (new - old).abs() / old.abs().max(1.0),
        (Value::Date(old), Value::Date(new)) => f64::from((new - old).abs()) / 365.0,
        _ => 0.0,
    }
}

//! Which of several answers with the same number of changes is given:
//! the one that erases fewest present values (making a value missing to
//! dodge a test is a last resort), then the one that changes fewest
//! present values (filling in a missing value comes first), then the one with the smallest moves of numbers and dates
//! (each relative to the value it moves from), then the first by field
//! names and values. Nothing here depends on the order of the schema or
//! the rules, so neither does the answer.

use crate::record::Value;
use std::cmp::Ordering;

/// How much an answer asks of a lead; less is preferred.
#[derive(Debug, Clone, PartialEq)]
pub struct Cost {
    erased: usize,
    present: usize,
    moves: f64,
    names: Vec<(String, String)>,
}

/// What one change asks of a lead, names aside.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Part {
    erased: bool,
    present: bool,
    moves: f64,
}

impl Part {
    /// Whether one change is preferred to another of the same field, as
    /// [`Cost::better_than`] orders answers that differ only there
    /// (`shown`: each new value as `Debug` shows it).
    pub fn cheaper_than(&self, other: &Part, shown: &str, other_shown: &str) -> bool {
        let order = (self.erased.cmp(&other.erased))
            .then(self.present.cmp(&other.present))
            .then(self.moves.total_cmp(&other.moves))
            .then_with(|| shown.cmp(other_shown));
        order == Ordering::Less
    }

    /// The part of changing `before` to `after`.
    pub fn of(before: &Value, after: &Value) -> Part {
        let present = !matches!(before, Value::Missing);
        Part {
            erased: present && matches!(after, Value::Missing),
            present,
            moves: distance(before, after),
        }
    }
}

impl Cost {
    /// The cost of changes given, in field order, as each one's part, the
    /// field's name and the new value as shown by `Debug`.
    pub fn new<'a>(changes: impl Iterator<Item = (Part, &'a str, &'a str)>) -> Cost {
        let mut cost = Cost {
            erased: 0,
            present: 0,
            moves: 0.0,
            names: Vec::new(),
        };
        for (part, name, shown) in changes {
            cost.erased += usize::from(part.erased);
            cost.present += usize::from(part.present);
            cost.moves += part.moves;
            cost.names.push((name.to_owned(), shown.to_owned()));
        }
        cost.names.sort();
        cost
    }

    /// Whether an answer made of `parts` may be preferred to this one:
    /// `false` only when it is worse whatever its names (moves are summed
    /// in another order here, so only a clear difference counts).
    pub fn may_lose_to(&self, parts: impl Iterator<Item = Part>) -> bool {
        let (mut erased, mut present, mut moves) = (0, 0, 0.0);
        for part in parts {
            erased += usize::from(part.erased);
            present += usize::from(part.present);
            moves += part.moves;
        }
        let slack = 1e-9 * (1.0 + self.moves.abs());
        (erased, present) < (self.erased, self.present)
            || ((erased, present) == (self.erased, self.present) && moves <= self.moves + slack)
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

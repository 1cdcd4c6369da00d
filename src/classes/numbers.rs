//! Numbers and dates: the line split at every value a test names
//! (thresholds, range ends, `in` members, the edges `as_of - N` and
//! `as_of` of every `within N days`), into the split points themselves and
//! the open stretches between them. Each piece is one candidate class
//! member; `int` and `date` pieces hold whole numbers only, so a stretch
//! with no whole number in it (between 10 and 11) is no piece at all.

use crate::ir::{Literal, PredTest, Type};
use crate::record::Value;

/// An interval of the number line (dates as days since 1970-01-01).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Piece {
    /// Lower end (`-inf` for none).
    pub low: f64,
    /// Upper end (`+inf` for none).
    pub high: f64,
    /// Whether `low` itself belongs.
    pub low_in: bool,
    /// Whether `high` itself belongs.
    pub high_in: bool,
}

impl Piece {
    fn contains(&self, value: f64) -> bool {
        let above = if self.low_in {
            value >= self.low
        } else {
            value > self.low
        };
        let below = if self.high_in {
            value <= self.high
        } else {
            value < self.high
        };
        above && below
    }

    /// The smallest member: the end itself, else the value just beside it
    /// (the next whole number, or one more when that stays inside, else
    /// the middle).
    fn lowest(&self, whole: bool) -> f64 {
        if self.low_in {
            self.low
        } else if whole {
            self.low.floor() + 1.0
        } else if self.contains(self.low + 1.0) {
            self.low + 1.0
        } else {
            self.low + (self.high - self.low) / 2.0
        }
    }

    /// The largest member, like [`Piece::lowest`] from above.
    fn highest(&self, whole: bool) -> f64 {
        if self.high_in {
            self.high
        } else if whole {
            self.high.ceil() - 1.0
        } else if self.contains(self.high - 1.0) {
            self.high - 1.0
        } else {
            self.high - (self.high - self.low) / 2.0
        }
    }

    /// The member closest to `value` (the value itself when inside).
    fn closest(&self, value: f64, whole: bool) -> Option<f64> {
        let member = if self.contains(value) {
            value
        } else if value < self.low {
            self.lowest(whole)
        } else {
            self.highest(whole)
        };
        (member.is_finite() && self.contains(member)).then_some(member)
    }

    /// A member to stand for the piece: the value just above its lower
    /// end, or just below its upper end when it has no lower end.
    fn representative(&self, whole: bool) -> Option<f64> {
        let value = match (self.low.is_finite(), self.high.is_finite()) {
            (true, _) => self.lowest(whole),
            (false, true) => self.highest(whole),
            (false, false) => 0.0,
        };
        (value.is_finite() && self.contains(value)).then_some(value)
    }
}

/// One candidate value per piece, with its piece.
pub fn candidates(tests: &[&PredTest], ty: Type, as_of: i32) -> Vec<(Value, Option<Piece>)> {
    let mut points: Vec<f64> = tests
        .iter()
        .flat_map(|test| points(test, as_of))
        .filter(|point| point.is_finite())
        .collect();
    points.sort_by(f64::total_cmp);
    points.dedup();
    let whole = matches!(ty, Type::Int | Type::Date);
    let mut pieces = Vec::with_capacity(points.len() * 2 + 1);
    let mut low = f64::NEG_INFINITY;
    for point in points.iter().copied().chain([f64::INFINITY]) {
        pieces.push(Piece {
            low,
            high: point,
            low_in: false,
            high_in: false,
        });
        if point.is_finite() && (!whole || point.fract() == 0.0) {
            pieces.push(Piece {
                low: point,
                high: point,
                low_in: true,
                high_in: true,
            });
        }
        low = point;
    }
    pieces
        .into_iter()
        .filter_map(|piece| {
            let value = piece.representative(whole)?;
            Some((value_of(value, ty)?, Some(piece)))
        })
        .collect()
}

/// The member of one of `pieces` closest to `current` (the lower on a tie).
pub fn nearest(pieces: &[Piece], current: &Value, ty: Type) -> Option<Value> {
    let now = match current {
        Value::Number(number) => *number,
        Value::Date(day) => f64::from(*day),
        Value::Missing | Value::Text(_) | Value::Bool(_) | Value::List(_) | Value::Present(_) => {
            return None;
        }
    };
    let whole = matches!(ty, Type::Int | Type::Date);
    let best = pieces
        .iter()
        .filter_map(|piece| piece.closest(now, whole))
        .min_by(|a, b| {
            (a - now)
                .abs()
                .total_cmp(&(b - now).abs())
                .then(a.total_cmp(b))
        })?;
    value_of(best, ty)
}

fn value_of(value: f64, ty: Type) -> Option<Value> {
    match ty {
        Type::Date => {
            let day = (value >= f64::from(i32::MIN) && value <= f64::from(i32::MAX))
                .then_some(value as i32)?;
            Some(Value::Date(day))
        }
        Type::Int | Type::Number => Some(Value::Number(value)),
        Type::Text | Type::Bool | Type::TextList | Type::Any => None,
    }
}

/// The values where a test's outcome can change.
fn points(test: &PredTest, as_of: i32) -> Vec<f64> {
    let literal = |literal: &Literal| match literal {
        Literal::Number(number) => Some(*number),
        Literal::Date(day) => Some(f64::from(*day)),
        Literal::Text(_) | Literal::Bool(_) => None,
    };
    match test {
        PredTest::Compare(_, value) => literal(value).into_iter().collect(),
        PredTest::In { values, .. } => values.iter().filter_map(literal).collect(),
        PredTest::Range(low, high) => [low, high].into_iter().filter_map(literal).collect(),
        PredTest::Within(days) => {
            let start = i64::from(as_of).saturating_sub(*days);
            vec![start.max(i64::from(i32::MIN)) as f64, f64::from(as_of)]
        }
        PredTest::HasAny(_)
        | PredTest::HasAll(_)
        | PredTest::Text(..)
        | PredTest::Matches { .. }
        | PredTest::Missing(_) => Vec::new(),
    }
}

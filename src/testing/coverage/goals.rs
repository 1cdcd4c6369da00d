//! The goals of coverage, read off the checked program: each with the span
//! it is about and the one-line hint that says what example is missing.

use crate::ast::CompareOp;
use crate::ir;
use crate::source::{Source, Span};
use crate::trace::Outcome;

/// One thing an example should exercise.
#[derive(Debug, Clone, PartialEq)]
pub struct Goal {
    /// What must happen.
    pub kind: GoalKind,
    /// The text it is about: a rule, a test, a bound's value, a tier.
    pub span: Span,
    /// What example is missing, e.g. "no example with `employees` just below 10".
    pub hint: String,
}

/// The kinds of goal.
#[derive(Debug, Clone, PartialEq)]
pub enum GoalKind {
    /// The rule (index into `Program::rules`) fires, or does not.
    Fires {
        /// The rule.
        rule: u32,
        /// Fires (true) or does not (false).
        fires: bool,
    },
    /// The tier (index into `Program::tiers`) is reached.
    Tier(u32),
    /// The lead is in the segment (index into `Program::segments`), or not.
    Segment {
        /// The segment.
        segment: u32,
        /// In it (true) or not (false).
        member: bool,
    },
    /// The test comes out so: true, false, or unknown (its field missing).
    Truth {
        /// The test.
        pred: ir::PredId,
        /// `True`, `False` or `Unknown`.
        outcome: Outcome,
    },
    /// The field's value lies on one side of a threshold, one step from it.
    Boundary {
        /// The field (int, number or date).
        field: ir::FieldId,
        /// The threshold (a date as its day number).
        threshold: f64,
        /// Where the value must lie.
        side: Side,
    },
}

/// Where a value lies against a threshold `t`; a step is 1 (a day for dates).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// In `[t - 1, t)`.
    JustBelow,
    /// Exactly `t`.
    At,
    /// In `(t, t + 1]`.
    JustAbove,
}

impl Side {
    /// Whether `value` lies on this side of `threshold`.
    pub fn holds(self, value: f64, threshold: f64) -> bool {
        match self {
            Side::JustBelow => value < threshold && value >= threshold - 1.0,
            Side::At => value == threshold,
            Side::JustAbove => value > threshold && value <= threshold + 1.0,
        }
    }

    fn words(self) -> &'static str {
        match self {
            Side::JustBelow => "just below",
            Side::At => "at",
            Side::JustAbove => "just above",
        }
    }
}

/// Every goal of `program`, in source order; `as_of` places `within`'s
/// boundary; hints quote tests from `source`.
pub fn goals(program: &ir::Program, source: &Source, as_of: i32) -> Vec<Goal> {
    let mut goals = Vec::new();
    for (index, rule) in program.rules.iter().enumerate() {
        let span = rule.name_span.unwrap_or(rule.span);
        for fires in [true, false] {
            let does = if fires { "fires" } else { "does not fire" };
            goals.push(Goal {
                kind: GoalKind::Fires {
                    rule: index as u32,
                    fires,
                },
                span,
                hint: format!("no example where rule `{}` {does}", rule.name),
            });
        }
    }
    for condition in program.conditions() {
        super::super::each_pred(condition, &mut |pred| {
            if let ir::Subject::Field(field) = pred.subject {
                pred_goals(program, source, pred, field, as_of, &mut goals);
            }
        });
    }
    for (index, tier) in program.tiers.iter().enumerate() {
        goals.push(Goal {
            kind: GoalKind::Tier(index as u32),
            span: tier.name_span,
            hint: format!("no example reaches tier `{}`", tier.name),
        });
    }
    for (index, segment) in program.segments.iter().enumerate() {
        for member in [true, false] {
            let is = if member { "is" } else { "is not" };
            goals.push(Goal {
                kind: GoalKind::Segment {
                    segment: index as u32,
                    member,
                },
                span: segment.name_span,
                hint: format!("no example {is} in segment `{}`", segment.name),
            });
        }
    }
    goals.sort_by_key(|goal| goal.span.start);
    goals
}

fn pred_goals(
    program: &ir::Program,
    source: &Source,
    pred: &ir::Pred,
    field: ir::FieldId,
    as_of: i32,
    goals: &mut Vec<Goal>,
) {
    let name = &program.field(field).name;
    let test_span = pred.spans.subject.join(pred.spans.op);
    // The whole test as written; a named list's items are inside its let.
    let written = match pred.spans.values.last() {
        Some(value) if value.start >= pred.spans.op.start => test_span.join(*value),
        Some(_) | None => test_span,
    };
    let value_span = |index: usize| pred.spans.values.get(index).copied().unwrap_or(test_span);
    let boundary = |side: Side, threshold: f64, shown: String, span: Span| Goal {
        kind: GoalKind::Boundary {
            field,
            threshold,
            side,
        },
        span,
        hint: format!("no example with `{name}` {} {shown}", side.words()),
    };
    let truth = |outcome: Outcome, hint: String| Goal {
        kind: GoalKind::Truth {
            pred: pred.id,
            outcome,
        },
        span: test_span,
        hint,
    };
    match &pred.test {
        ir::PredTest::Compare(op, literal) if ordered(literal) => {
            let (threshold, shown) = threshold(literal);
            let sides: &[Side] = match op {
                CompareOp::Lt | CompareOp::Ge => &[Side::JustBelow, Side::At],
                CompareOp::Le | CompareOp::Gt => &[Side::At, Side::JustAbove],
                CompareOp::Eq | CompareOp::Ne => &[Side::JustBelow, Side::At, Side::JustAbove],
            };
            for side in sides {
                goals.push(boundary(*side, threshold, shown.clone(), value_span(0)));
            }
        }
        ir::PredTest::Range(low, high) => {
            let (low_value, low_shown) = threshold(low);
            let (high_value, high_shown) = threshold(high);
            for side in [Side::JustBelow, Side::At] {
                goals.push(boundary(side, low_value, low_shown.clone(), value_span(0)));
            }
            for side in [Side::At, Side::JustAbove] {
                goals.push(boundary(
                    side,
                    high_value,
                    high_shown.clone(),
                    value_span(1),
                ));
            }
        }
        ir::PredTest::Within(days) => {
            let oldest = i64::from(as_of) - days;
            let shown =
                i32::try_from(oldest).map_or_else(|_| oldest.to_string(), crate::date::format);
            for side in [Side::JustBelow, Side::At] {
                goals.push(boundary(side, oldest as f64, shown.clone(), value_span(0)));
            }
        }
        ir::PredTest::HasAny(values) if values.len() == 1 => {
            let value = &values[0];
            goals.push(truth(
                Outcome::True,
                format!("no example with `{name}` holding {value}"),
            ));
            goals.push(truth(
                Outcome::False,
                format!("no example with `{name}` without {value}"),
            ));
        }
        ir::PredTest::In { .. } | ir::PredTest::HasAny(_) | ir::PredTest::HasAll(_) => {
            let (member, other) = list_words(&pred.test);
            goals.push(truth(
                Outcome::True,
                format!("no example with `{name}` {member}"),
            ));
            goals.push(truth(
                Outcome::False,
                format!("no example with `{name}` {other}"),
            ));
        }
        ir::PredTest::Compare(..)
        | ir::PredTest::Text(..)
        | ir::PredTest::Matches { .. }
        | ir::PredTest::Missing(_) => {
            // One item of `contains any LIST` is named by its own test.
            let test = match &pred.test {
                ir::PredTest::Text(op, needle) if source.slice(pred.spans.op) != op.as_str() => {
                    format!("{name} {} {}", op.as_str(), crate::format::quoted(needle))
                }
                ir::PredTest::Compare(..)
                | ir::PredTest::In { .. }
                | ir::PredTest::Range(..)
                | ir::PredTest::HasAny(_)
                | ir::PredTest::HasAll(_)
                | ir::PredTest::Text(..)
                | ir::PredTest::Matches { .. }
                | ir::PredTest::Missing(_)
                | ir::PredTest::Within(_) => source.slice(written).to_string(),
            };
            for outcome in [Outcome::True, Outcome::False] {
                let hint = format!("no example where `{test}` is {}", outcome.as_str());
                goals.push(truth(outcome, hint));
            }
        }
    }
    if !matches!(pred.test, ir::PredTest::Missing(_)) {
        goals.push(truth(
            Outcome::Unknown,
            format!("no example with `{name}` missing"),
        ));
    }
}

fn ordered(literal: &ir::Literal) -> bool {
    matches!(literal, ir::Literal::Number(_) | ir::Literal::Date(_))
}

fn threshold(literal: &ir::Literal) -> (f64, String) {
    match literal {
        ir::Literal::Number(number) => (*number, number.to_string()),
        ir::Literal::Date(day) => (f64::from(*day), crate::date::format(*day)),
        ir::Literal::Text(text) => (f64::NAN, format!("{text:?}")),
        ir::Literal::Bool(flag) => (f64::NAN, flag.to_string()),
    }
}

/// How a list test's member and non-member cases read in a hint.
fn list_words(test: &ir::PredTest) -> (&'static str, &'static str) {
    match test {
        ir::PredTest::In { negated: false, .. } => ("in the list", "outside the list"),
        ir::PredTest::In { negated: true, .. } => ("outside the list", "in the list"),
        ir::PredTest::HasAll(_) => (
            "holding every item of the list",
            "missing an item of the list",
        ),
        ir::PredTest::HasAny(_)
        | ir::PredTest::Compare(..)
        | ir::PredTest::Range(..)
        | ir::PredTest::Text(..)
        | ir::PredTest::Matches { .. }
        | ir::PredTest::Missing(_)
        | ir::PredTest::Within(_) => ("holding an item of the list", "holding none of the list"),
    }
}

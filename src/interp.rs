//! The reference interpreter: the oracle the optimized plan is tested against.
//!
//! Takes an `ir::Program`, one record and the as-of date; gives the
//! [`Verdict`]. It walks the condition trees directly, in the plainest way
//! that follows language-core.md word for word: nothing is shared, cached,
//! reordered or precompiled, so its correctness can be read off the page.
//! It is slow on purpose (it lowercases and compiles regexes per test);
//! `eval` is the fast path, and property tests demand both agree.

use crate::ast::{CompareOp, TextOp};
use crate::ir;
use crate::record::{Record, Value};
use crate::verdict::{Context, Truth, Verdict};
use std::borrow::Cow;

/// Scores one record.
pub fn eval(program: &ir::Program, record: &Record, context: &Context) -> Verdict {
    let mut verdict = Verdict {
        scores: vec![0; program.scores.len()],
        ..Verdict::default()
    };
    let rule_facts = Facts {
        record,
        scores: None,
        as_of: context.as_of,
    };
    for (index, rule) in program.rules.iter().enumerate() {
        if condition(program, &rule.condition, &rule_facts) == Truth::True {
            verdict.matched.push(index as u32);
            for effect in &rule.effects {
                apply(effect, &mut verdict);
            }
        }
    }
    if !verdict.disqualified {
        let tier_facts = Facts {
            scores: Some(&verdict.scores),
            ..rule_facts
        };
        let tier = program.tiers.iter().position(|tier| {
            tier.condition
                .as_ref()
                .is_none_or(|condition_| condition(program, condition_, &tier_facts) == Truth::True)
        });
        verdict.tier = tier.map(|index| index as u32);
    }
    verdict
}

/// Adds a fired rule's effect to the verdict; scores saturate, never overflow.
pub fn apply(effect: &ir::Effect, verdict: &mut Verdict) {
    match effect {
        ir::Effect::Add { score, delta } => {
            if let Some(total) = verdict.scores.get_mut(score.0 as usize) {
                *total = total.saturating_add(*delta);
            }
        }
        ir::Effect::Disqualify { .. } => verdict.disqualified = true,
    }
}

/// What a condition can read: the record, and the scores once rules are done.
#[derive(Debug, Clone, Copy)]
pub struct Facts<'a> {
    /// The lead.
    pub record: &'a Record,
    /// Final scores (tier conditions); `None` while rules run, when a score
    /// subject reads as missing.
    pub scores: Option<&'a [i64]>,
    /// The as-of date, days since 1970-01-01.
    pub as_of: i32,
}

impl<'a> Facts<'a> {
    /// The value a subject has: a field's, or a score as a number.
    pub fn value(&self, subject: ir::Subject) -> Cow<'a, Value> {
        match subject {
            ir::Subject::Field(field) => Cow::Borrowed(self.record.get(field)),
            ir::Subject::Score(score) => {
                let total = self.scores.and_then(|scores| scores.get(score.0 as usize));
                Cow::Owned(total.map_or(Value::Missing, |total| Value::Number(*total as f64)))
            }
        }
    }
}

/// The three-valued outcome of a condition; a let is evaluated afresh at
/// every use (plain, not fast).
pub fn condition(program: &ir::Program, cond: &ir::Cond, facts: &Facts<'_>) -> Truth {
    match &cond.kind {
        ir::CondKind::And(operands) => operands.iter().fold(Truth::True, |acc, operand| {
            acc.and(condition(program, operand, facts))
        }),
        ir::CondKind::Or(operands) => operands.iter().fold(Truth::False, |acc, operand| {
            acc.or(condition(program, operand, facts))
        }),
        ir::CondKind::Not(inner) => !condition(program, inner, facts),
        ir::CondKind::Let(id) => condition(program, &program.let_(*id).body, facts),
        ir::CondKind::Pred(pred) => test(&facts.value(pred.subject), &pred.test, facts.as_of),
    }
}

/// The outcome of a test on a missing value: unknown, except for
/// `is missing` / `is present`, which are never unknown.
pub fn on_missing(test: &ir::PredTest) -> Truth {
    match test {
        ir::PredTest::Missing(missing) => Truth::from_bool(*missing),
        ir::PredTest::Compare(..)
        | ir::PredTest::In { .. }
        | ir::PredTest::Range(..)
        | ir::PredTest::HasAny(_)
        | ir::PredTest::HasAll(_)
        | ir::PredTest::Text(..)
        | ir::PredTest::Matches { .. }
        | ir::PredTest::Within(_) => Truth::Unknown,
    }
}

/// The outcome of one test on one value. Missing values are unknown except
/// for `is missing` / `is present`; a value whose kind does not fit the
/// literal is unknown too.
pub fn test(value: &Value, test: &ir::PredTest, as_of: i32) -> Truth {
    if let Value::Missing = value {
        return on_missing(test);
    }
    match test {
        ir::PredTest::Missing(missing) => Truth::from_bool(!missing),
        ir::PredTest::Compare(op, literal) => compare(value, *op, literal),
        ir::PredTest::In { values, negated } => {
            let any = values.iter().fold(Truth::False, |acc, literal| {
                acc.or(compare(value, CompareOp::Eq, literal))
            });
            if *negated { !any } else { any }
        }
        ir::PredTest::Range(low, high) => {
            compare(value, CompareOp::Ge, low).and(compare(value, CompareOp::Le, high))
        }
        ir::PredTest::HasAny(items) => with_list(value, |list| {
            items
                .iter()
                .any(|item| list.iter().any(|element| same_text(element, item)))
        }),
        ir::PredTest::HasAll(items) => with_list(value, |list| {
            items
                .iter()
                .all(|item| list.iter().any(|element| same_text(element, item)))
        }),
        ir::PredTest::Text(op, needle) => with_text(value, |text| {
            let (text, needle) = (lower(text), lower(needle));
            match op {
                TextOp::Contains => text.contains(&needle),
                TextOp::StartsWith => text.starts_with(&needle),
                TextOp::EndsWith => text.ends_with(&needle),
            }
        }),
        ir::PredTest::Matches {
            pattern,
            case_insensitive,
        } => match regex::RegexBuilder::new(pattern)
            .case_insensitive(*case_insensitive)
            .build()
        {
            Ok(regex) => with_text(value, |text| regex.is_match(text)),
            Err(_) => Truth::Unknown,
        },
        ir::PredTest::Within(days) => match value {
            Value::Date(date) => {
                let (date, as_of) = (i64::from(*date), i64::from(as_of));
                Truth::from_bool(as_of.saturating_sub(*days) <= date && date <= as_of)
            }
            Value::Missing
            | Value::Number(_)
            | Value::Text(_)
            | Value::Bool(_)
            | Value::List(_)
            | Value::Present(_) => Truth::Unknown,
        },
    }
}

/// `value OP literal`; unknown when their kinds differ. Text ignores case.
fn compare(value: &Value, op: CompareOp, literal: &ir::Literal) -> Truth {
    let ordering = match (value, literal) {
        (Value::Number(left), ir::Literal::Number(right)) => left.partial_cmp(right),
        (Value::Date(left), ir::Literal::Date(right)) => Some(left.cmp(right)),
        (Value::Bool(left), ir::Literal::Bool(right)) => Some(left.cmp(right)),
        (Value::Text(left), ir::Literal::Text(right)) => Some(lower(left).cmp(&lower(right))),
        _ => None,
    };
    ordering.map_or(Truth::Unknown, |ordering| {
        Truth::from_bool(op.holds(ordering))
    })
}

fn same_text(left: &str, right: &str) -> bool {
    lower(left) == lower(right)
}

/// Case folding: every code point to its simple lowercase (`İ` to `i`,
/// `Σ` to `σ` even at a word's end).
fn lower(text: &str) -> String {
    let mut out = String::new();
    for char in text.chars() {
        if char == '\u{130}' {
            out.push('i');
        } else {
            out.extend(char.to_lowercase().take(1));
        }
    }
    out
}

fn with_text(value: &Value, holds: impl FnOnce(&str) -> bool) -> Truth {
    match value {
        Value::Text(text) => Truth::from_bool(holds(text)),
        Value::Missing
        | Value::Number(_)
        | Value::Bool(_)
        | Value::Date(_)
        | Value::List(_)
        | Value::Present(_) => Truth::Unknown,
    }
}

fn with_list(value: &Value, holds: impl FnOnce(&[String]) -> bool) -> Truth {
    match value {
        Value::List(list) => Truth::from_bool(holds(list)),
        Value::Missing
        | Value::Number(_)
        | Value::Text(_)
        | Value::Bool(_)
        | Value::Date(_)
        | Value::Present(_) => Truth::Unknown,
    }
}

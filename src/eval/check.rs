//! Leaf tests: one compiled [`Check`] against one record value.
//!
//! The meaning of each test is `semantics`' (the missing-data rule,
//! ordering, `within`, case folding); this file only dispatches a compiled
//! [`Check`] on the value's kind: a value of another kind than the test
//! expects is unknown. Folding copies into the evaluator's buffer only when
//! the text has ASCII capitals, and allocates only for non-ASCII text.

use super::Evaluator;
use crate::ir;
use crate::plan::Num;
use crate::plan::compile::{Check, Compare, FoldedSet};
use crate::record::{Record, Value};
use crate::semantics::{self, equal_folded, fold_into, ordered};
use crate::verdict::Truth;
use regex_automata::{Input, PatternID, PatternSet};

impl Evaluator<'_> {
    /// The outcome of a leaf test on the record.
    pub(super) fn test(&mut self, record: &Record, subject: ir::Subject, check: &Check) -> Truth {
        let score;
        let value = match subject {
            ir::Subject::Field(field) => record.get(field),
            ir::Subject::Score(id) => {
                score = self
                    .scores
                    .get(id.0 as usize)
                    .cloned()
                    .unwrap_or(Value::Missing);
                &score
            }
        };
        self.check(check, value)
    }

    /// The outcome of a leaf test on a value.
    pub(super) fn check(&mut self, check: &Check, value: &Value) -> Truth {
        match (check, value) {
            (Check::Compare(test), value) => compare(test, value, self.as_of),
            (_, Value::Missing) => Truth::Unknown,
            (Check::NumberIn(numbers), Value::Number(value)) if !value.is_nan() => {
                Truth::from_bool(numbers.contains(&Num::new(*value)))
            }
            (Check::HasAny(set), Value::List(list)) => {
                let folded = &mut self.folded;
                Truth::from_bool(list.iter().any(|element| in_set(folded, set, element)))
            }
            (Check::HasAll(items), Value::List(list)) => {
                let folded = &mut self.folded;
                let mut has =
                    |item: &str| (list.iter()).any(|element| equal_folded(folded, element, item));
                Truth::from_bool(items.iter().all(|item| has(item)))
            }
            (Check::Regex(regex), Value::Text(text)) => Truth::from_bool(regex.is_match(text)),
            (Check::InSet { set, index }, Value::Text(text)) => {
                Truth::from_bool(self.set_hit(*set as usize, *index as usize, text))
            }
            (check, Value::Text(text)) => text_test(check, text, &mut self.folded),
            (
                _,
                Value::Number(_)
                | Value::Bool(_)
                | Value::Date(_)
                | Value::List(_)
                | Value::Present(_),
            ) => Truth::Unknown,
        }
    }

    /// Whether pattern `index` of regex set `set` matches; the set runs once
    /// per record (all its patterns test the same subject).
    fn set_hit(&mut self, set: usize, index: usize, text: &str) -> bool {
        let hits = self.set_matches(set, text);
        PatternID::new(index).is_ok_and(|pattern| hits.contains(pattern))
    }

    /// The patterns of regex set `set` that match `text`, the subject of
    /// all its patterns; found once per record.
    pub(super) fn set_matches(&mut self, set: usize, text: &str) -> &PatternSet {
        if self.set_generations[set] != self.generation {
            let hits = &mut self.set_hits[set];
            hits.clear();
            self.plan.compiled.regex_sets[set].which_overlapping_matches(&Input::new(text), hits);
            self.set_generations[set] = self.generation;
        }
        &self.set_hits[set]
    }
}

/// Text tests, ignoring case; other checks on text are unknown. ASCII text
/// is compared in place (its ASCII lowercase is its `to_lowercase`, and an
/// operand with non-ASCII bytes never equals it), other text is folded.
fn text_test(check: &Check, text: &str, buffer: &mut String) -> Truth {
    let ascii = text.is_ascii();
    match check {
        Check::Text(op, literal) if ascii => {
            let lowered = text.bytes().map(|byte| byte.to_ascii_lowercase());
            ordered(*op, Some(lowered.cmp(literal.bytes())))
        }
        Check::Text(op, literal) => ordered(*op, Some(fold_into(buffer, text).cmp(literal))),
        Check::TextIn(set) => Truth::from_bool(in_set(buffer, set, text)),
        Check::Contains(finder) => {
            Truth::from_bool(finder.find(fold_into(buffer, text).as_bytes()).is_some())
        }
        Check::StartsWith(prefix) if ascii => {
            let head = text.as_bytes().get(..prefix.len());
            Truth::from_bool(head.is_some_and(|head| head.eq_ignore_ascii_case(prefix.as_bytes())))
        }
        Check::StartsWith(prefix) => {
            Truth::from_bool(fold_into(buffer, text).starts_with(&**prefix))
        }
        Check::EndsWith(suffix) if ascii => {
            let tail =
                (text.len().checked_sub(suffix.len())).map(|start| &text.as_bytes()[start..]);
            Truth::from_bool(tail.is_some_and(|tail| tail.eq_ignore_ascii_case(suffix.as_bytes())))
        }
        Check::EndsWith(suffix) => Truth::from_bool(fold_into(buffer, text).ends_with(&**suffix)),
        Check::Compare(_)
        | Check::NumberIn(_)
        | Check::HasAny(_)
        | Check::HasAll(_)
        | Check::Regex(_)
        | Check::InSet { .. } => Truth::Unknown,
    }
}

/// A number, date, boolean or presence test of one value; a value of
/// another kind than the test reads (or a missing one) is unknown to it.
#[inline]
pub(super) fn compare(test: &Compare, value: &Value, as_of: i32) -> Truth {
    match (test, value) {
        (Compare::Missing(missing), value) => semantics::presence(*missing, value),
        (Compare::Number(..) | Compare::NumberRange(..), Value::Number(value)) => {
            test.on_number(*value).unwrap_or(Truth::Unknown)
        }
        (Compare::Date(op, date), Value::Date(value)) => ordered(*op, Some(value.cmp(date))),
        (Compare::Bool(op, expected), Value::Bool(value)) => {
            ordered(*op, Some(value.cmp(expected)))
        }
        (Compare::Within(days), Value::Date(date)) => {
            Truth::from_bool(semantics::within(*date, as_of, *days))
        }
        (
            Compare::Number(..)
            | Compare::NumberRange(..)
            | Compare::Date(..)
            | Compare::Bool(..)
            | Compare::Within(_),
            _,
        ) => Truth::Unknown,
    }
}

/// Whether the text, case-folded, is in the set; ASCII text is compared to
/// a short set's items in place.
fn in_set(buffer: &mut String, set: &FoldedSet, text: &str) -> bool {
    match set {
        FoldedSet::Few(items) if text.is_ascii() => {
            items.iter().any(|item| text.eq_ignore_ascii_case(item))
        }
        FoldedSet::Few(_) | FoldedSet::Many(_) => set.contains(fold_into(buffer, text)),
    }
}

//! W203: conditions that can never be true.
//!
//! Conservative: a condition is reported only when it certainly never
//! holds. Within one `and` chain (lets and nested `and`s flattened), the
//! bounds of each field are intersected: numeric and date bounds as
//! intervals, `==`/`in` text and bool values as sets; `is missing` with any
//! other test of the same field never holds either, since a test of a
//! missing field is unknown. A test against an empty list never holds; an
//! `or` never holds when none of its operands can. `not` is not analysed.
//!
//! Lets are shared, so the analysis is too: a let's verdict is memoized,
//! and an `and` chain takes each let's operands once however often the
//! chain uses it (a repeated operand adds no new fact). A chain of lets
//! that doubles at each step costs its written size, not its expansion.

use crate::check::errors::Never;
use crate::ir;
use crate::source::Span;
use std::collections::{HashMap, HashSet};

/// The W203 analysis of one program, with its per-let memo.
pub struct Analysis<'p> {
    program: &'p ir::Program,
    lets: HashMap<ir::LetId, Option<Never>>,
}

impl<'p> Analysis<'p> {
    /// An analysis of `program` that has not looked at anything yet.
    pub fn new(program: &'p ir::Program) -> Analysis<'p> {
        Analysis {
            program,
            lets: HashMap::new(),
        }
    }

    /// Why `cond` can never be true, if it certainly cannot.
    pub fn never_true(&mut self, cond: &'p ir::Cond) -> Option<Never> {
        match &cond.kind {
            ir::CondKind::Pred(pred) => empty_list(pred, cond.span),
            ir::CondKind::Let(id) => {
                if let Some(known) = self.lets.get(id) {
                    return known.clone();
                }
                let verdict = self.never_true(&self.program.let_(*id).body);
                self.lets.insert(*id, verdict.clone());
                verdict
            }
            ir::CondKind::Not(_) => None,
            ir::CondKind::Or(operands) => {
                let mut first = None;
                for operand in operands {
                    let reason = self.never_true(operand)?;
                    first.get_or_insert(reason);
                }
                first
            }
            ir::CondKind::And(_) => {
                let mut operands = Vec::new();
                flatten(self.program, cond, &mut HashSet::new(), &mut operands);
                self.conjunction(&operands)
            }
        }
    }

    fn conjunction(&mut self, operands: &[&'p ir::Cond]) -> Option<Never> {
        let mut facts: HashMap<ir::FieldId, Facts> = HashMap::new();
        for operand in operands {
            if let Some(never) = self.never_true(operand) {
                return Some(never);
            }
            let (field, pred) = match &operand.kind {
                ir::CondKind::Pred(
                    pred @ ir::Pred {
                        subject: ir::Subject::Field(field),
                        ..
                    },
                ) => (*field, pred),
                ir::CondKind::Pred(_)
                | ir::CondKind::Let(_)
                | ir::CondKind::Or(_)
                | ir::CondKind::Not(_)
                | ir::CondKind::And(_) => continue,
            };
            let program = self.program;
            let name = || {
                program
                    .fields
                    .get(field.0 as usize)
                    .map_or(String::new(), |field| field.name.clone())
            };
            if let Some(never) = facts
                .entry(field)
                .or_default()
                .add(&pred.test, operand.span, name)
            {
                return Some(never);
            }
        }
        None
    }
}

fn empty_list(pred: &ir::Pred, span: Span) -> Option<Never> {
    match &pred.test {
        ir::PredTest::In {
            values,
            negated: false,
        } if values.is_empty() => Some(Never::EmptyList(span)),
        ir::PredTest::HasAny(values) if values.is_empty() => Some(Never::EmptyList(span)),
        ir::PredTest::Compare(_, _)
        | ir::PredTest::In { .. }
        | ir::PredTest::Range(_, _)
        | ir::PredTest::HasAny(_)
        | ir::PredTest::HasAll(_)
        | ir::PredTest::Text(_, _)
        | ir::PredTest::Matches { .. }
        | ir::PredTest::Missing(_)
        | ir::PredTest::Within(_) => None,
    }
}

/// The operands of an `and` chain, through nested `and`s and lets; each
/// let is entered once (`entered`), since its operands repeat nothing new.
fn flatten<'c>(
    program: &'c ir::Program,
    cond: &'c ir::Cond,
    entered: &mut HashSet<ir::LetId>,
    out: &mut Vec<&'c ir::Cond>,
) {
    match &cond.kind {
        ir::CondKind::And(operands) => {
            for operand in operands {
                flatten(program, operand, entered, out);
            }
        }
        ir::CondKind::Let(id) => {
            if entered.insert(*id) {
                flatten(program, &program.let_(*id).body, entered, out);
            }
        }
        ir::CondKind::Or(_) | ir::CondKind::Not(_) | ir::CondKind::Pred(_) => out.push(cond),
    }
}

/// What an `and` chain has required of one field so far.
#[derive(Default)]
struct Facts {
    low: Option<(f64, bool, Span)>,
    high: Option<(f64, bool, Span)>,
    values: Option<(HashSet<String>, Span)>,
    missing: Option<Span>,
    other: Option<Span>,
}

impl Facts {
    /// Adds one test; why the chain never holds, if it now cannot.
    fn add(
        &mut self,
        test: &ir::PredTest,
        span: Span,
        field: impl Fn() -> String,
    ) -> Option<Never> {
        if let ir::PredTest::Missing(true) = test {
            self.missing.get_or_insert(span);
        } else {
            self.other.get_or_insert(span);
        }
        if let (Some(missing), Some(other)) = (self.missing, self.other) {
            return Some(Never::MissingAndTested {
                field: field(),
                missing,
                test: other,
            });
        }
        self.bounds(test, span);
        let contradiction = |first: Span| {
            Some(Never::Contradiction {
                field: field(),
                first,
                second: span,
            })
        };
        if let (Some((low, low_inclusive, low_span)), Some((high, high_inclusive, high_span))) =
            (self.low, self.high)
            && (low > high || (low == high && !(low_inclusive && high_inclusive)))
        {
            return contradiction(if low_span == span {
                high_span
            } else {
                low_span
            });
        }
        match (set(test), &mut self.values) {
            (None, _) => None,
            (Some(values), None) => {
                self.values = Some((values, span));
                None
            }
            (Some(values), Some((known, first))) => {
                known.retain(|value| values.contains(value));
                if known.is_empty() {
                    contradiction(*first)
                } else {
                    None
                }
            }
        }
    }

    /// Narrows the interval of a numeric or date test.
    fn bounds(&mut self, test: &ir::PredTest, span: Span) {
        let (low, high) = interval(test);
        if let Some((value, inclusive)) = low {
            raise(&mut self.low, (value, inclusive, span), 1.0);
        }
        if let Some((value, inclusive)) = high {
            raise(&mut self.high, (value, inclusive, span), -1.0);
        }
    }
}

/// The lower and upper bounds, `(value, inclusive)`, a test puts on a number or date.
type Bound = Option<(f64, bool)>;

fn interval(test: &ir::PredTest) -> (Bound, Bound) {
    use crate::ast::CompareOp::{Eq, Ge, Gt, Le, Lt, Ne};
    match test {
        ir::PredTest::Compare(op, literal) => {
            let Some(value) = number(literal) else {
                return (None, None);
            };
            match op {
                Eq => (Some((value, true)), Some((value, true))),
                Ge => (Some((value, true)), None),
                Gt => (Some((value, false)), None),
                Le => (None, Some((value, true))),
                Lt => (None, Some((value, false))),
                Ne => (None, None),
            }
        }
        ir::PredTest::Range(low, high) => (
            number(low).map(|value| (value, true)),
            number(high).map(|value| (value, true)),
        ),
        ir::PredTest::In { .. }
        | ir::PredTest::HasAny(_)
        | ir::PredTest::HasAll(_)
        | ir::PredTest::Text(_, _)
        | ir::PredTest::Matches { .. }
        | ir::PredTest::Missing(_)
        | ir::PredTest::Within(_) => (None, None),
    }
}

/// Replaces `bound` when `new` is tighter; `direction` 1 for lows, -1 for highs.
fn raise(bound: &mut Option<(f64, bool, Span)>, new: (f64, bool, Span), direction: f64) {
    let tighter = bound.is_none_or(|(value, inclusive, _)| {
        new.0 * direction > value * direction || (new.0 == value && inclusive && !new.1)
    });
    if tighter {
        *bound = Some(new);
    }
}

fn number(literal: &ir::Literal) -> Option<f64> {
    match literal {
        ir::Literal::Number(number) => Some(*number),
        ir::Literal::Date(days) => Some(f64::from(*days)),
        ir::Literal::Text(_) | ir::Literal::Bool(_) => None,
    }
}

/// The values an `==` or `in` test of text or bool allows, lowercased.
fn set(test: &ir::PredTest) -> Option<HashSet<String>> {
    let text = |literal: &ir::Literal| match literal {
        ir::Literal::Text(text) => Some(text.to_lowercase()),
        ir::Literal::Bool(flag) => Some(flag.to_string()),
        ir::Literal::Number(_) | ir::Literal::Date(_) => None,
    };
    match test {
        ir::PredTest::Compare(crate::ast::CompareOp::Eq, literal) => {
            text(literal).map(|value| HashSet::from([value]))
        }
        ir::PredTest::In {
            values,
            negated: false,
        } => values.iter().map(text).collect(),
        ir::PredTest::Compare(_, _)
        | ir::PredTest::In { .. }
        | ir::PredTest::Range(_, _)
        | ir::PredTest::HasAny(_)
        | ir::PredTest::HasAll(_)
        | ir::PredTest::Text(_, _)
        | ir::PredTest::Matches { .. }
        | ir::PredTest::Missing(_)
        | ir::PredTest::Within(_) => None,
    }
}

//! The search space of one lead: the fields that may change, each with
//! its classes and the class it is in now, and every predicate's outcome
//! on the lead as it is.

use super::Limits;
use super::bounds::Truths;
use super::index::Index;
use super::preference::Part;
use crate::classes::{ClassId, Classes, FieldClasses};
use crate::eval::Evaluator;
use crate::ir::{self, FieldId};
use crate::record::{Record, Value};
use crate::semantics;
use crate::verdict::Truth;
use std::cell::OnceCell;

/// What the search knows before it starts.
pub struct Space<'a> {
    /// The program.
    pub program: &'a ir::Program,
    /// Which rules read which predicates.
    pub index: &'a Index,
    /// Each predicate's outcome on the lead as it is, by `PredId` (a score
    /// read by a rule is missing, as while rules run).
    pub base: Vec<Truths>,
    /// [`Space::base`] with every field's predicates free: what any lead
    /// could get.
    pub any_lead: Vec<Truths>,
    /// The fields that may change and that some test reads, by name.
    pub slots: Vec<Slot<'a>>,
    /// The record as it is.
    pub record: &'a Record,
}

/// A field the search may change.
pub struct Slot<'a> {
    /// The field.
    pub field: FieldId,
    /// Its classes.
    pub classes: &'a FieldClasses,
    /// The class of its current value (`None` should it fall in none).
    pub current: Option<ClassId>,
    /// Each of its predicates' outcomes on its current value.
    pub now: Vec<Truth>,
    /// Each of its predicates' outcomes over all its classes.
    pub anything: Vec<Truths>,
    /// Per class: the move into it, found once per lead (every search of
    /// the lead asks for the same ones).
    moves: Vec<OnceCell<Move>>,
}

/// A field moved into one of its classes.
#[derive(Debug, Clone, PartialEq)]
pub struct Move {
    /// The member of the class nearest the current value, checked to lie
    /// in it ([`FieldClasses::value_in`]).
    pub value: Value,
    /// [`Move::value`] as `Debug` shows it (answers of equal cost are
    /// told apart by it).
    pub shown: String,
    /// What the move asks of the lead.
    pub part: Part,
}

impl Slot<'_> {
    /// The move of this field into `class`.
    pub fn moved(&self, evaluator: &mut Evaluator<'_>, record: &Record, class: ClassId) -> &Move {
        self.moves[class].get_or_init(|| {
            let current = record.get(self.field);
            let value = self.classes.value_in(evaluator, class, current);
            Move {
                part: Part::of(current, &value),
                shown: format!("{value:?}"),
                value,
            }
        })
    }
}

impl<'a> Space<'a> {
    /// The space of `record` under `limits` (its fixed fields stay).
    pub fn new(
        program: &'a ir::Program,
        index: &'a Index,
        classes: &'a Classes,
        evaluator: &mut Evaluator<'_>,
        record: &'a Record,
        limits: &Limits,
    ) -> Space<'a> {
        let mut base = vec![Truths::ALL; program.pred_count as usize];
        for condition in program.conditions() {
            missing_scores(condition, &mut base);
        }
        let any_lead = base.clone();
        let mut slots = Vec::new();
        for field in classes.fields() {
            if field.preds().is_empty() {
                continue;
            }
            let value = record.get(field.field());
            // The first class is the missing values': no need to ask.
            let now = match value {
                Value::Missing => field.classes()[0].outcomes.clone(),
                Value::Number(_)
                | Value::Text(_)
                | Value::Bool(_)
                | Value::Date(_)
                | Value::List(_)
                | Value::Present(_) => field.outcomes(evaluator, value),
            };
            for (pred, truth) in field.preds().iter().zip(&now) {
                base[pred.0 as usize] = Truths::one(*truth);
            }
            if limits.fixed.contains(&field.field()) {
                continue;
            }
            let mut anything = vec![Truths::default(); field.preds().len()];
            for class in field.classes() {
                for (set, truth) in anything.iter_mut().zip(&class.outcomes) {
                    *set = set.union(Truths::one(*truth));
                }
            }
            slots.push(Slot {
                field: field.field(),
                classes: field,
                current: match value {
                    Value::Missing => Some(0),
                    Value::Number(_)
                    | Value::Text(_)
                    | Value::Bool(_)
                    | Value::Date(_)
                    | Value::List(_)
                    | Value::Present(_) => field.class_of(evaluator, value),
                },
                now,
                anything,
                moves: (0..field.classes().len())
                    .map(|_| OnceCell::new())
                    .collect(),
            });
        }
        slots.sort_by(|a, b| {
            program
                .field(a.field)
                .name
                .cmp(&program.field(b.field).name)
        });
        Space {
            program,
            index,
            base,
            any_lead,
            slots,
            record,
        }
    }
}

/// A rule's test of a score reads it as missing.
fn missing_scores(cond: &ir::Cond, base: &mut [Truths]) {
    match &cond.kind {
        ir::CondKind::And(operands) | ir::CondKind::Or(operands) => {
            operands
                .iter()
                .for_each(|operand| missing_scores(operand, base));
        }
        ir::CondKind::Not(inner) => missing_scores(inner, base),
        ir::CondKind::Let(_) => {}
        ir::CondKind::Pred(pred) => {
            if let ir::Subject::Score(_) = pred.subject {
                base[pred.id.0 as usize] = Truths::one(semantics::on_missing(&pred.test));
            }
        }
    }
}

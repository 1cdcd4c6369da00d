//! Whether a firing found for one rule is clean: no disqualifier fires on
//! it. The lints ask of every rule whether it can fire on a lead no
//! disqualifier stops; the search that answers it in general watches
//! every disqualifier and walks every field they read, but most rules
//! fire cleanly on the first lead that fires them, and that lead differs
//! from the empty one only in the rule's own fields. So the disqualifiers
//! are judged once on the empty lead and, for each firing, again only
//! those that read a changed field.

use super::bounds::{self, Truths};
use super::index::Index;
use super::space::Space;
use crate::classes::ClassId;
use crate::ir::{self, FieldId};
use crate::verdict::Truth;

/// The disqualifiers of a program, judged on a space's lead.
pub struct Check<'a> {
    program: &'a ir::Program,
    /// Per field: the disqualifiers that read it.
    by_field: Vec<Vec<usize>>,
    /// The disqualifiers that fire on the lead as it is.
    firing_now: Vec<usize>,
}

impl<'a> Check<'a> {
    /// The disqualifiers of `program` on `space`'s lead.
    pub fn new(program: &'a ir::Program, index: &Index, space: &Space<'_>) -> Check<'a> {
        let mut by_field = vec![Vec::new(); program.fields.len()];
        let mut firing_now = Vec::new();
        let mut lets = vec![None; program.lets.len()];
        let pred = |pred: &ir::Pred| space.base[pred.id.0 as usize];
        for (id, (rule, fields)) in program.rules.iter().zip(&index.rule_fields).enumerate() {
            if !rule.disqualifies() {
                continue;
            }
            for field in fields {
                by_field[field.0 as usize].push(id);
            }
            lets.fill(None);
            if bounds::cond(program, &rule.condition, &pred, &mut lets).has(Truth::True) {
                firing_now.push(id);
            }
        }
        Check {
            program,
            by_field,
            firing_now,
        }
    }

    /// Whether no disqualifier fires on the space's lead with the slots of
    /// `choice` moved into their classes (decided exactly: the other
    /// fields hold the lead's values).
    pub fn is_clean(&self, space: &Space<'_>, choice: &[(usize, ClassId)]) -> bool {
        if !self.firing_now.is_empty() {
            return false;
        }
        let program = self.program;
        let moved: Vec<(FieldId, &[ir::PredId], &[Truth])> = (choice.iter())
            .map(|(slot, class)| {
                let slot = &space.slots[*slot];
                let outcomes = &slot.classes.classes()[*class].outcomes;
                (slot.field, slot.classes.preds(), &outcomes[..])
            })
            .collect();
        let pred = |pred: &ir::Pred| {
            if let ir::Subject::Field(field) = pred.subject
                && let Some((_, preds, outcomes)) = moved.iter().find(|(of, ..)| *of == field)
                && let Ok(at) = preds.binary_search(&pred.id)
            {
                return Truths::one(outcomes[at]);
            }
            space.base[pred.id.0 as usize]
        };
        let mut lets = vec![None; program.lets.len()];
        (moved.iter())
            .flat_map(|(field, ..)| &self.by_field[field.0 as usize])
            .all(|rule| {
                lets.fill(None);
                let condition = &program.rules[*rule].condition;
                !bounds::cond(program, condition, &pred, &mut lets).has(Truth::True)
            })
    }
}

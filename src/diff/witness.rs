//! Without data: for each change, can any lead's outcome (tier, scores,
//! disqualification) change, and if so a concrete witness lead scored by
//! both versions.
//!
//! Built on the value classes of `crate::classes`, taken over the union
//! of both versions ([`super::union`]): two values of a field in one class
//! are told apart by no test of either version, so both verdicts of a lead
//! depend only on the class of each field, and trying one representative
//! per class covers every lead. Leads are tried by increasing number of
//! present fields (so a witness is as small as the search finds), each
//! scored by both versions' plans. When every combination of classes was
//! tried, "no lead changes" is a fact; when there are too many, the search
//! first tries the fields each changed rule tests on their own, then all
//! fields up to a budget, and says how far it went.

use super::changes::{Changes, Kind};
use super::compare::{Tables, lead_json};
use super::migration::verdict_json;
use super::union::{self, TypeConflict};
use crate::classes::Classes;
use crate::eval::Evaluator;
use crate::ir::{self, FieldId};
use crate::plan;
use crate::record::{Record, Value};
use crate::ruleset::RuleSet;
use crate::verdict::Context;
use serde_json::{Map, Value as Json};
use std::ops::ControlFlow;

/// The most combinations of value classes tried all together (a complete
/// search, when there are no more).
pub const BUDGET: u64 = 100_000;
/// When there are more: leads tried over the fields each changed rule
/// tests, shared among the rules (at least [`FOCUS_MINIMUM`] each), before
/// `BUDGET / 2` more over all fields.
pub const FOCUS_BUDGET: u64 = 50_000;
/// See [`FOCUS_BUDGET`].
pub const FOCUS_MINIMUM: u64 = 500;

/// A lead whose outcome differs, with both verdicts.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    /// The lead's present values.
    pub lead: Map<String, Json>,
    /// `{"tier", "disqualified", "scores", "matched"}` under the old rules.
    pub old: Json,
    /// The same under the new rules.
    pub new: Json,
}

/// What the search found.
#[derive(Debug, Clone, PartialEq)]
pub struct Search {
    /// Per change (parallel to `Changes::list`): a lead it takes part in
    /// changing, if one was found.
    pub per_change: Vec<Option<Found>>,
    /// Per change: whether a lead can tell it at all (rules and tiers;
    /// lets, lists and fields act through them).
    pub attributable: Vec<bool>,
    /// The first lead found whose outcome differs.
    pub any: Option<Found>,
    /// Whether every combination of value classes was tried.
    pub exhaustive: bool,
    /// Whether no rule, tier or score changed what it does (then no lead
    /// can change, whatever its values, and nothing was tried).
    pub same_behaviour: bool,
    /// Leads tried.
    pub tried: u64,
    /// Combinations of value classes in all (saturating).
    pub space: u128,
}

/// Searches for leads whose outcome differs between `old` and `new`.
pub fn search(
    old: &RuleSet,
    new: &RuleSet,
    changes: &Changes,
    context: &Context,
) -> Result<Search, TypeConflict> {
    let union = union::union(old.program(), new.program())?;
    let mut reader = union.reader.clone();
    reader.number_preds();
    let reader_plan = plan::plan(&reader, &plan::Options::default());
    let classes = Classes::build(&reader, &reader_plan, context);
    let old_plan = plan::plan(&union.old, &plan::Options::default());
    let tables = Tables::new(old.program(), new.program(), changes);
    let relevant: Vec<(FieldId, usize)> = (classes.fields().iter())
        .filter(|field| field.classes().len() > 1)
        .map(|field| (field.field(), field.classes().len()))
        .collect();
    let space = (relevant.iter()).fold(1u128, |space, (_, count)| {
        space.saturating_mul(*count as u128)
    });
    let attributable: Vec<bool> = (0..changes.list.len())
        .map(|index| changes.list[index].behaviour && tables.attributable(index))
        .collect();
    let mut searcher = Searcher {
        tables: &tables,
        classes: &classes,
        reader: &reader,
        old_eval: Evaluator::new(&old_plan, context),
        new_eval: Evaluator::new(new.plan(), context),
        old_program: old.program(),
        new_program: new.program(),
        record: Record {
            values: vec![Value::Missing; reader.fields.len()],
            ..Record::default()
        },
        tried: 0,
        budget: BUDGET,
        wanted: (0..changes.list.len())
            .filter(|index| attributable[*index])
            .collect(),
        per_change: vec![None; changes.list.len()],
        any: None,
    };
    let same_behaviour = !changes.behaviour();
    let exhaustive = if same_behaviour {
        false
    } else if space <= u128::from(BUDGET) {
        searcher.levels(&relevant).is_continue()
    } else {
        let wanted = searcher.wanted.clone();
        let share = (FOCUS_BUDGET / wanted.len().max(1) as u64).max(FOCUS_MINIMUM);
        for index in wanted {
            let focus = focus_fields(&union.old, new.program(), &changes.list[index], &relevant);
            searcher.budget = searcher.tried + share;
            let _ = searcher.levels(&focus);
        }
        searcher.budget = searcher.tried + BUDGET / 2;
        if !(searcher.wanted.is_empty() && searcher.any.is_some()) {
            let _ = searcher.levels(&relevant);
        }
        false
    };
    Ok(Search {
        per_change: searcher.per_change,
        attributable,
        any: searcher.any,
        exhaustive,
        same_behaviour,
        tried: searcher.tried,
        space,
    })
}

struct Searcher<'a> {
    tables: &'a Tables<'a>,
    classes: &'a Classes,
    reader: &'a ir::Program,
    old_eval: Evaluator<'a>,
    new_eval: Evaluator<'a>,
    old_program: &'a ir::Program,
    new_program: &'a ir::Program,
    record: Record,
    tried: u64,
    budget: u64,
    wanted: Vec<usize>,
    per_change: Vec<Option<Found>>,
    any: Option<Found>,
}

impl Searcher<'_> {
    /// Tries leads with 0, 1, 2, ... of `fields` present. `Break` when
    /// the budget ran out or every wanted change has a witness.
    fn levels(&mut self, fields: &[(FieldId, usize)]) -> ControlFlow<()> {
        for present in 0..=fields.len() {
            self.choose(fields, 0, present)?;
        }
        ControlFlow::Continue(())
    }

    /// Every way to give `present` more of `fields[start..]` a
    /// non-missing class.
    fn choose(
        &mut self,
        fields: &[(FieldId, usize)],
        start: usize,
        present: usize,
    ) -> ControlFlow<()> {
        if present == 0 {
            return self.try_lead();
        }
        for at in start..fields.len() {
            if fields.len() - at < present {
                break;
            }
            let (field, count) = fields[at];
            for class in 1..count {
                let value = self.classes.field(field).classes()[class]
                    .representative
                    .clone();
                self.record.values[field.0 as usize] = value;
                let flow = self.choose(fields, at + 1, present - 1);
                self.record.values[field.0 as usize] = Value::Missing;
                flow?;
            }
        }
        ControlFlow::Continue(())
    }

    fn try_lead(&mut self) -> ControlFlow<()> {
        if self.tried >= self.budget {
            return ControlFlow::Break(());
        }
        self.tried += 1;
        let old = self.old_eval.eval(&self.record);
        let new = self.new_eval.eval(&self.record);
        let (from, to, differs) = self.tables.compare(old, new);
        if differs {
            let found = || Found {
                lead: lead_json(self.reader, &self.record),
                old: verdict_json(self.old_program, old),
                new: verdict_json(self.new_program, new),
            };
            let tables = self.tables;
            let (involved, still): (Vec<usize>, Vec<usize>) = (self.wanted.iter())
                .partition(|index| tables.involves(**index, old, new, from, to));
            if !involved.is_empty() || self.any.is_none() {
                let found = found();
                for index in involved {
                    self.per_change[index] = Some(found.clone());
                }
                self.any.get_or_insert(found);
                self.wanted = still;
            }
        }
        if self.wanted.is_empty() && self.any.is_some() {
            ControlFlow::Break(())
        } else {
            ControlFlow::Continue(())
        }
    }
}

/// The relevant fields the rules of a change test, in either version:
/// the rule itself, a group's members, or the rules adding to a score
/// whose bounds changed.
fn focus_fields(
    old: &ir::Program,
    new: &ir::Program,
    change: &super::changes::Change,
    relevant: &[(FieldId, usize)],
) -> Vec<(FieldId, usize)> {
    let mut used = Vec::new();
    let (before, after) = change.indexes;
    for (program, index) in [(old, before), (new, after)] {
        let rules: Vec<u32> = match change.kind {
            Kind::Rule => index.into_iter().collect(),
            Kind::Group => (index.and_then(|group| program.caps.groups.get(group as usize)))
                .map_or_else(Vec::new, |group| group.rules.clone()),
            Kind::Score => (0..program.rules.len() as u32)
                .filter(|rule| adds_to(program, *rule, change.name()))
                .collect(),
            Kind::Field | Kind::List | Kind::Let | Kind::Tier => Vec::new(),
        };
        for rule in rules
            .iter()
            .filter_map(|rule| program.rules.get(*rule as usize))
        {
            fields_of(program, &rule.condition, &mut used);
        }
    }
    (relevant.iter())
        .filter(|(field, _)| used.contains(field))
        .copied()
        .collect()
}

/// Whether rule `rule` of `program` changes the score named `score`.
fn adds_to(program: &ir::Program, rule: u32, score: &str) -> bool {
    (program.rules[rule as usize].effects.iter()).any(|effect| match effect {
        ir::Effect::Add { score: id, .. } => program.score(*id).name == score,
        ir::Effect::Disqualify { .. } => false,
    })
}

fn fields_of(program: &ir::Program, condition: &ir::Cond, used: &mut Vec<FieldId>) {
    match &condition.kind {
        ir::CondKind::And(operands) | ir::CondKind::Or(operands) => {
            operands
                .iter()
                .for_each(|operand| fields_of(program, operand, used));
        }
        ir::CondKind::Not(inner) => fields_of(program, inner, used),
        ir::CondKind::Let(id) => fields_of(program, &program.let_(*id).body, used),
        ir::CondKind::Pred(pred) => {
            if let ir::Subject::Field(field) = pred.subject
                && !used.contains(&field)
            {
                used.push(field);
            }
        }
    }
}

/// `tier A, fit 40` / `disqualified, fit 10` / `no tier, fit 0`, for reports.
pub fn describe(verdict: &Json) -> String {
    let tier = if verdict["disqualified"] == Json::Bool(true) {
        "disqualified".to_string()
    } else {
        (verdict["tier"].as_str()).map_or("no tier".to_string(), |tier| format!("tier {tier}"))
    };
    let scores: Vec<String> = (verdict["scores"].as_object().into_iter().flatten())
        .map(|(score, value)| format!("{score} {value}"))
        .collect();
    if scores.is_empty() {
        tier
    } else {
        format!("{tier}, {}", scores.join(", "))
    }
}

/// A lead's values as one line: `{sales: 35, email: "a@b.edu"}`.
pub fn lead_text(lead: &Map<String, Json>) -> String {
    let parts: Vec<String> = lead
        .iter()
        .map(|(field, value)| format!("{field}: {value}"))
        .collect();
    format!("{{{}}}", parts.join(", "))
}

//! `icpc diff --leads`: one pass over the leads, each read once (by the
//! union's reader, [`super::union`]) and scored by both versions; the
//! streaming driver does the reading, threads and input order, and each
//! worker keeps its own [`Migration`], merged at the end.

use super::changes::{Changes, Kind, Status};
use super::migration::{self, Migration, Outcome, Sample, Witness};
use super::union::{self, TypeConflict};
use crate::eval::Evaluator;
use crate::ir;
use crate::plan;
use crate::record::{Record, Value};
use crate::ruleset::RuleSet;
use crate::stream::{self, Settings, Sink};
use crate::summary::Summary;
use crate::verdict::{Context, Verdict};
use std::io::{self, Read};
use std::sync::Mutex;

/// Why a run over leads could not be made.
#[derive(Debug)]
pub enum Error {
    /// Reading the leads or writing the reports failed.
    Io(io::Error),
    /// A field both versions test changed type.
    TypeConflict(TypeConflict),
}

/// Scores every lead of `input` with both versions. Rejected lines go to
/// `sink` as `icpc eval` reports them; `settings.output` is ignored.
pub fn run(
    old: &RuleSet,
    new: &RuleSet,
    changes: &Changes,
    context: &Context,
    settings: &Settings,
    input: impl Read + Send,
    sink: &mut dyn Sink,
) -> Result<(Migration, Summary), Error> {
    let union = union::union(old.program(), new.program()).map_err(Error::TypeConflict)?;
    let old_plan = plan::plan(&union.old, &plan::Options::default());
    let tables = Tables::new(old.program(), new.program(), changes);
    let shared = Mutex::new(Migration::default());
    let new_scorer = || -> Box<stream::Scorer<'_>> {
        let mut local = Local {
            migration: Migration::default(),
            shared: &shared,
        };
        local.migration.moves = vec![migration::Moves::default(); changes.list.len()];
        let mut old_eval = Evaluator::new(&old_plan, context);
        let mut new_eval = Evaluator::new(new.plan(), context);
        let tables = &tables;
        let reader = &union.reader;
        Box::new(move |record, verdict, _| {
            let before = old_eval.eval(record);
            let after = new_eval.eval(record);
            tables.count(&mut local.migration, record, before, after, reader);
            verdict.clone_from(after);
        })
    };
    let settings = Settings {
        output: crate::output::Format::None,
        ..settings.clone()
    };
    let summary =
        stream::run(&union.reader, &new_scorer, &settings, input, sink).map_err(Error::Io)?;
    let mut migration = shared
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    migration.outcomes = tables.outcomes.clone();
    if migration.moves.is_empty() {
        migration.moves = vec![migration::Moves::default(); changes.list.len()];
    }
    Ok((migration, summary))
}

/// A worker's migration, added into the shared one when dropped.
struct Local<'a> {
    migration: Migration,
    shared: &'a Mutex<Migration>,
}

impl Drop for Local<'_> {
    fn drop(&mut self) {
        if let Ok(mut shared) = self.shared.lock() {
            shared.merge(&self.migration);
        }
    }
}

/// What counting a lead needs, built once from both programs.
struct Tables<'p> {
    old: &'p ir::Program,
    new: &'p ir::Program,
    outcomes: Vec<Outcome>,
    /// Outcome index of each old / new tier.
    old_tiers: Vec<usize>,
    new_tiers: Vec<usize>,
    /// Scores in both: (name, old index, new index).
    common: Vec<(String, usize, usize)>,
    /// Scores in one version only: (old?, index).
    single: Vec<(bool, usize)>,
    /// Per change: what to check for a lead whose outcome differs.
    attribution: Vec<Attribution>,
}

enum Attribution {
    Rule {
        old: Option<u32>,
        new: Option<u32>,
        effect_changed: bool,
    },
    Tier(String),
    None,
}

impl<'p> Tables<'p> {
    fn new(old: &'p ir::Program, new: &'p ir::Program, changes: &Changes) -> Tables<'p> {
        let outcomes = outcomes(old, new);
        let index = |name: &str| {
            (outcomes.iter())
                .position(|outcome| *outcome == Outcome::Tier(name.to_string()))
                .unwrap_or(0)
        };
        let old_tiers = old.tiers.iter().map(|tier| index(&tier.name)).collect();
        let new_tiers = new.tiers.iter().map(|tier| index(&tier.name)).collect();
        let mut common = Vec::new();
        let mut single = Vec::new();
        for (at, score) in new.scores.iter().enumerate() {
            match old.scores.iter().position(|found| found.name == score.name) {
                Some(before) => common.push((score.name.clone(), before, at)),
                None => single.push((false, at)),
            }
        }
        for (at, score) in old.scores.iter().enumerate() {
            if !new.scores.iter().any(|found| found.name == score.name) {
                single.push((true, at));
            }
        }
        let attribution = changes
            .list
            .iter()
            .map(|change| match (change.kind, change.status) {
                (Kind::Rule, _) => Attribution::Rule {
                    old: change.rules.0,
                    new: change.rules.1,
                    effect_changed: effect_changed(old, new, change.rules),
                },
                (Kind::Tier, Status::Removed) => Attribution::Tier(
                    change
                        .old
                        .as_ref()
                        .map(|side| side.name.clone())
                        .unwrap_or_default(),
                ),
                (Kind::Tier, _) => Attribution::Tier(change.name().to_string()),
                _ => Attribution::None,
            })
            .collect();
        Tables {
            old,
            new,
            outcomes,
            old_tiers,
            new_tiers,
            common,
            single,
            attribution,
        }
    }

    fn outcome(&self, verdict: &Verdict, tiers: &[usize]) -> usize {
        let last = self.outcomes.len() - 1;
        match (verdict.disqualified, verdict.tier) {
            (true, _) => last,
            (false, Some(tier)) => tiers.get(tier as usize).copied().unwrap_or(last - 1),
            (false, None) => last - 1,
        }
    }

    fn count(
        &self,
        migration: &mut Migration,
        record: &Record,
        old: &Verdict,
        new: &Verdict,
        reader: &ir::Program,
    ) {
        let (from, to) = (
            self.outcome(old, &self.old_tiers),
            self.outcome(new, &self.new_tiers),
        );
        let sample = || Sample {
            line: record.line,
            id: record.id.clone().unwrap_or_else(|| record.line.to_string()),
        };
        migration.count(from, to, sample);
        migration.compared += 1;
        let mut rescored = false;
        for (name, before, after) in &self.common {
            let delta = new.scores[*after].saturating_sub(old.scores[*before]);
            *migration
                .deltas
                .entry(name.clone())
                .or_default()
                .entry(delta)
                .or_default() += 1;
            rescored |= delta != 0;
        }
        rescored |= self.single.iter().any(|&(in_old, at)| {
            if in_old {
                old.scores[at] != 0
            } else {
                new.scores[at] != 0
            }
        });
        if from == to && !rescored {
            return;
        }
        migration.changed += 1;
        for (moves, attribution) in migration.moves.iter_mut().zip(&self.attribution) {
            if self.involved(attribution, old, new, from, to) {
                match to.cmp(&from) {
                    std::cmp::Ordering::Less => moves.up += 1,
                    std::cmp::Ordering::Greater => moves.down += 1,
                    std::cmp::Ordering::Equal => moves.rescored += 1,
                }
            }
        }
        if migration.witnesses.len() < migration::WITNESSES {
            migration.witnesses.push(Witness {
                sample: sample(),
                lead: lead_json(reader, record),
                old: migration::verdict_json(self.old, old),
                new: migration::verdict_json(self.new, new),
            });
        }
    }

    fn involved(
        &self,
        attribution: &Attribution,
        old: &Verdict,
        new: &Verdict,
        from: usize,
        to: usize,
    ) -> bool {
        let fired = |verdict: &Verdict, rule: Option<u32>| {
            rule.is_some_and(|rule| verdict.matched.binary_search(&rule).is_ok())
        };
        match attribution {
            Attribution::Rule {
                old: before,
                new: after,
                effect_changed,
            } => {
                let (was, is) = (fired(old, *before), fired(new, *after));
                was != is || (was && *effect_changed)
            }
            Attribution::Tier(name) => {
                let outcome = Outcome::Tier(name.clone());
                self.outcomes.get(from) == Some(&outcome) || self.outcomes.get(to) == Some(&outcome)
            }
            Attribution::None => false,
        }
    }
}

fn effect_changed(old: &ir::Program, new: &ir::Program, rules: (Option<u32>, Option<u32>)) -> bool {
    let (Some(before), Some(after)) = rules else {
        return true;
    };
    let effect = |program: &ir::Program, rule: u32| {
        program
            .rules
            .get(rule as usize)
            .map(|rule| ir::canon::Canon::new(program).effect(&rule.effect))
    };
    effect(old, before) != effect(new, after)
}

/// Tiers best first (new order; an old-only tier after its old
/// predecessor), then no tier, then disqualified.
fn outcomes(old: &ir::Program, new: &ir::Program) -> Vec<Outcome> {
    let mut names: Vec<String> = new.tiers.iter().map(|tier| tier.name.clone()).collect();
    let mut after = 0;
    for tier in &old.tiers {
        match names.iter().position(|name| *name == tier.name) {
            Some(at) => after = after.max(at + 1),
            None => {
                names.insert(after, tier.name.clone());
                after += 1;
            }
        }
    }
    let mut outcomes: Vec<Outcome> = names.into_iter().map(Outcome::Tier).collect();
    outcomes.push(Outcome::NoTier);
    outcomes.push(Outcome::Disqualified);
    outcomes
}

fn lead_json(reader: &ir::Program, record: &Record) -> serde_json::Map<String, serde_json::Value> {
    let mut lead = serde_json::Map::new();
    if let Some(id) = &record.id {
        lead.insert("id".to_string(), serde_json::Value::from(id.as_str()));
    }
    for (field, value) in reader.fields.iter().zip(&record.values) {
        if *value != Value::Missing {
            lead.insert(field.name.clone(), crate::explain::value_json(value));
        }
    }
    lead
}

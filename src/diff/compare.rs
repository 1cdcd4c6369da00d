//! Comparing one lead's two verdicts: its outcome under each version
//! (tiers ranked best first, then no tier, then disqualified), whether
//! its tier, scores or disqualification differ, which changes take part
//! in the difference, and how a lead is counted into a migration. Shared
//! by the run over leads and the witness search.

use super::changes::{Changes, Kind, Status};
use super::migration::{self, Migration, Outcome, Sample, Witness};
use crate::ir;
use crate::record::{Record, Value};
use crate::verdict::Verdict;

/// What comparing a lead's two verdicts needs, built once from both
/// programs (also used by the witness search).
pub(super) struct Tables<'p> {
    old: &'p ir::Program,
    new: &'p ir::Program,
    pub(super) outcomes: Vec<Outcome>,
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
    /// A score whose bounds changed: its old and new index.
    Score(usize, usize),
    /// A capped group: its index in the old and the new version.
    Group(Option<u32>, Option<u32>),
    None,
}

impl<'p> Tables<'p> {
    pub(super) fn new(old: &'p ir::Program, new: &'p ir::Program, changes: &Changes) -> Tables<'p> {
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
                    old: change.indexes.0,
                    new: change.indexes.1,
                    effect_changed: effect_changed(old, new, change.indexes),
                },
                (Kind::Tier, Status::Removed) => Attribution::Tier(
                    change
                        .old
                        .as_ref()
                        .map(|side| side.name.clone())
                        .unwrap_or_default(),
                ),
                (Kind::Tier, _) => Attribution::Tier(change.name().to_string()),
                (Kind::Score, Status::Changed) => {
                    let at = |program: &ir::Program| {
                        (program.scores.iter()).position(|score| score.name == change.name())
                    };
                    match (at(old), at(new)) {
                        (Some(before), Some(after)) => Attribution::Score(before, after),
                        _ => Attribution::None,
                    }
                }
                (Kind::Group, _) => Attribution::Group(change.indexes.0, change.indexes.1),
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

    /// The outcome indexes of both verdicts and whether the lead's tier,
    /// scores or disqualification differ.
    pub(super) fn compare(&self, old: &Verdict, new: &Verdict) -> (usize, usize, bool) {
        let from = self.outcome(old, &self.old_tiers);
        let to = self.outcome(new, &self.new_tiers);
        let rescored = (self.common.iter())
            .any(|(_, before, after)| old.scores[*before] != new.scores[*after])
            || (self.single.iter()).any(|&(in_old, at)| {
                if in_old {
                    old.scores[at] != 0
                } else {
                    new.scores[at] != 0
                }
            });
        (from, to, from != to || rescored)
    }

    /// Whether change `index` takes part in a lead's difference.
    pub(super) fn involves(
        &self,
        index: usize,
        old: &Verdict,
        new: &Verdict,
        from: usize,
        to: usize,
    ) -> bool {
        (self.attribution.get(index))
            .is_some_and(|attribution| self.involved(attribution, old, new, from, to))
    }

    /// Whether a lead can tell change `index` at all (rules, tiers, score
    /// bounds and groups).
    pub(super) fn attributable(&self, index: usize) -> bool {
        !matches!(self.attribution.get(index), Some(Attribution::None) | None)
    }

    pub(super) fn count(
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
            Attribution::Score(before, after) => old.scores.get(*before) != new.scores.get(*after),
            // A cap takes part when one of its rules fired: only then can
            // it have held a total back.
            Attribution::Group(before, after) => {
                let members_fired =
                    |program: &ir::Program, verdict: &Verdict, group: Option<u32>| {
                        (group.and_then(|group| program.caps.groups.get(group as usize)))
                            .is_some_and(|group| {
                                (group.rules.iter())
                                    .any(|rule| verdict.matched.binary_search(rule).is_ok())
                            })
                    };
                members_fired(self.old, old, *before) || members_fired(self.new, new, *after)
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
            .map(|rule| ir::canon::Canon::new(program).effects(&rule.effects))
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

pub(super) fn lead_json(
    reader: &ir::Program,
    record: &Record,
) -> serde_json::Map<String, serde_json::Value> {
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

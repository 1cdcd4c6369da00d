//! The tally of `icpc diff --leads`: every lead scored by both versions,
//! counted into the migration matrix (old outcome x new outcome, the
//! unchanged diagonal included), per change how many leads it moved up or
//! down, the distribution of score changes, a few sample leads per cell
//! and the first leads whose outcome differs (witnesses).
//!
//! One [`Migration`] per worker thread, merged when the run ends; samples
//! and witnesses keep the lowest line numbers, so the result does not
//! depend on which thread scored what.

use crate::verdict::Verdict;
use serde_json::{Map, Value as Json};
use std::collections::BTreeMap;

/// Sample leads kept per migration cell.
pub const SAMPLES: usize = 3;
/// Witnesses kept (the first by line).
pub const WITNESSES: usize = 20;

/// What a lead gets, as far as a migration is concerned.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Outcome {
    /// A tier, by name.
    Tier(String),
    /// No tier held (and not disqualified).
    NoTier,
    /// Disqualified.
    Disqualified,
}

impl Outcome {
    /// `A`, `no tier`, `disqualified`.
    pub fn label(&self) -> &str {
        match self {
            Outcome::Tier(name) => name,
            Outcome::NoTier => "no tier",
            Outcome::Disqualified => "disqualified",
        }
    }

    /// The tier's name, `"disqualified"`, or `null`.
    pub fn to_json(&self) -> Json {
        match self {
            Outcome::Tier(name) => Json::from(name.as_str()),
            Outcome::NoTier => Json::Null,
            Outcome::Disqualified => Json::from("disqualified"),
        }
    }
}

/// A lead named in a report.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Sample {
    /// 1-based input line.
    pub line: u64,
    /// Its `id`, else its line number.
    pub id: String,
}

/// One migration cell.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cell {
    /// Leads that went from the row's outcome to the column's.
    pub count: u64,
    /// The first few, by line (off the diagonal only).
    pub samples: Vec<Sample>,
}

/// Leads a change moved: up (to a better outcome), down, or rescored
/// within the same outcome.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Moves {
    /// To a better tier (or out of disqualification).
    pub up: u64,
    /// To a worse tier (or into disqualification).
    pub down: u64,
    /// Same tier, other scores.
    pub rescored: u64,
}

/// A lead whose outcome differs, scored by both versions.
#[derive(Debug, Clone, PartialEq)]
pub struct Witness {
    /// Where and who.
    pub sample: Sample,
    /// The lead's values of the fields either version tests (present ones).
    pub lead: Map<String, Json>,
    /// `{"tier", "scores", "disqualified", "matched"}` under the old rules.
    pub old: Json,
    /// The same under the new rules.
    pub new: Json,
}

/// The whole tally.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Migration {
    /// Outcomes best first: the tiers (new order, old-only tiers after
    /// their old predecessor), no tier, disqualified.
    pub outcomes: Vec<Outcome>,
    /// `(old, new)` indexes into `outcomes` -> cell.
    pub cells: BTreeMap<(usize, usize), Cell>,
    /// Per change (parallel to `Changes::list`).
    pub moves: Vec<Moves>,
    /// Per score in both versions: new minus old -> leads.
    pub deltas: BTreeMap<String, BTreeMap<i64, u64>>,
    /// The first leads whose outcome differs.
    pub witnesses: Vec<Witness>,
    /// Leads scored by both versions.
    pub compared: u64,
    /// Of those, leads whose tier, scores or disqualification differ.
    pub changed: u64,
}

impl Migration {
    /// The cells that hold sample leads (those off the diagonal), in
    /// matrix order.
    pub fn sampled_cells(&self) -> Vec<(&(usize, usize), &Cell)> {
        (self.cells.iter())
            .filter(|(_, cell)| !cell.samples.is_empty())
            .collect()
    }

    /// The indexes into `outcomes` of those some non-empty cell holds, in
    /// order: the rows and columns a printed matrix needs.
    pub fn used_outcomes(&self) -> Vec<usize> {
        (0..self.outcomes.len())
            .filter(|index| (self.cells.keys()).any(|(from, to)| from == index || to == index))
            .collect()
    }

    /// Adds `other` into this one.
    pub fn merge(&mut self, other: &Migration) {
        for (key, cell) in &other.cells {
            let mine = self.cells.entry(*key).or_default();
            mine.count += cell.count;
            mine.samples.extend(cell.samples.iter().cloned());
            mine.samples.sort();
            mine.samples.truncate(SAMPLES);
        }
        if self.moves.len() < other.moves.len() {
            self.moves.resize(other.moves.len(), Moves::default());
        }
        for (mine, theirs) in self.moves.iter_mut().zip(&other.moves) {
            mine.up += theirs.up;
            mine.down += theirs.down;
            mine.rescored += theirs.rescored;
        }
        for (score, deltas) in &other.deltas {
            let mine = self.deltas.entry(score.clone()).or_default();
            for (delta, count) in deltas {
                *mine.entry(*delta).or_default() += count;
            }
        }
        self.witnesses.extend(other.witnesses.iter().cloned());
        self.witnesses.sort_by(|a, b| a.sample.cmp(&b.sample));
        self.witnesses.truncate(WITNESSES);
        self.compared += other.compared;
        self.changed += other.changed;
    }

    /// Counts one lead into a cell.
    pub fn count(&mut self, old: usize, new: usize, sample: impl FnOnce() -> Sample) {
        let cell = self.cells.entry((old, new)).or_default();
        cell.count += 1;
        if old != new && cell.samples.len() < SAMPLES {
            cell.samples.push(sample());
        }
    }

    /// Leads whose tier or disqualification changed.
    pub fn moved(&self) -> u64 {
        (self.cells.iter())
            .filter(|((old, new), _)| old != new)
            .map(|(_, cell)| cell.count)
            .sum()
    }

    /// The `(from, to, count)` cells that disqualify leads newly (`appear`)
    /// or no longer (`!appear`).
    pub fn disqualifications(&self, appear: bool) -> u64 {
        let disqualified = self
            .outcomes
            .iter()
            .position(|outcome| *outcome == Outcome::Disqualified);
        (self.cells.iter())
            .filter(|((old, new), _)| {
                old != new && Some(if appear { *new } else { *old }) == disqualified
            })
            .map(|(_, cell)| cell.count)
            .sum()
    }
}

/// A verdict's `{"tier", "scores", "disqualified", "matched"}` for a witness.
pub fn verdict_json(program: &crate::ir::Program, verdict: &Verdict) -> Json {
    let scores: Map<String, Json> = (program.scores.iter().zip(&verdict.scores))
        .map(|(score, value)| (score.name.clone(), Json::from(*value)))
        .collect();
    let matched: Vec<Json> = (verdict.matched.iter())
        .filter_map(|&rule| program.rules.get(rule as usize))
        .map(|rule| Json::from(rule.name.as_str()))
        .collect();
    let tier = (verdict.tier)
        .and_then(|tier| program.tiers.get(tier as usize))
        .map_or(Json::Null, |tier| Json::from(tier.name.as_str()));
    serde_json::json!({
        "tier": tier,
        "disqualified": verdict.disqualified,
        "scores": scores,
        "matched": matched,
    })
}

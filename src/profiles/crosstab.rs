//! The cross-tab of two profiles on the same leads: how many leads got
//! each pair of outcomes (tier, disqualified, no tier), and the gap teams
//! argue about: the leads the first profile qualifies (its first tier)
//! that the other rejects (disqualifies, gives no tier, or only its
//! `otherwise` tier), with the other profile's rules that made it so:
//! disqualifiers and score-lowering rules that fired, and score-raising
//! rules that did not fire (missing data counted apart: unknown).

use super::Profiles;
use crate::ir;
use crate::trace::{Outcome, Trace};
use crate::verdict::Verdict;
use serde_json::{Value as Json, json};
use std::fmt::Write as _;

/// Two profiles' outcomes side by side.
#[derive(Debug, Clone, PartialEq)]
pub struct CrossTab {
    /// The first profile's index (rows).
    pub first: usize,
    /// The other profile's index (columns).
    pub other: usize,
    /// Leads per (row outcome, column outcome); outcomes are the tiers in
    /// order, then disqualified, then no tier.
    pub counts: Vec<Vec<u64>>,
    /// Leads the first profile puts in its first tier and the other rejects.
    pub gap: u64,
    /// Per rule of the other profile, over the gap's leads.
    pub rules: Vec<RuleGap>,
}

/// What one rule of the rejecting profile did on the gap's leads.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RuleGap {
    /// It fired (a disqualifier, or a rule that lowers a score).
    pub fired: u64,
    /// It raises a score and did not fire: its condition was false.
    pub missed: u64,
    /// It raises a score and could not fire: missing data.
    pub unknown: u64,
}

impl CrossTab {
    /// An empty cross-tab of profile `first` against profile `other`.
    pub fn new(profiles: &Profiles, first: usize, other: usize) -> CrossTab {
        let outcomes = |index: usize| profiles.programs[index].tiers.len() + 2;
        CrossTab {
            first,
            other,
            counts: vec![vec![0; outcomes(other)]; outcomes(first)],
            gap: 0,
            rules: vec![RuleGap::default(); profiles.programs[other].rules.len()],
        }
    }

    /// Counts one lead's verdicts (by every profile) and traces.
    pub fn add(&mut self, profiles: &Profiles, verdicts: &[Verdict], traces: &[Trace]) {
        let (first, other) = (&verdicts[self.first], &verdicts[self.other]);
        let program = &profiles.programs[self.other];
        let row = outcome(&profiles.programs[self.first], first);
        let column = outcome(program, other);
        self.counts[row][column] += 1;
        let qualified = !first.disqualified && first.tier == Some(0);
        if !(qualified && rejects(program, other)) {
            return;
        }
        self.gap += 1;
        for rule_trace in &traces[self.other].rules {
            let rule = &program.rules[rule_trace.rule as usize];
            let counts = &mut self.rules[rule_trace.rule as usize];
            match (rule_trace.clause.outcome, lowers(rule)) {
                (Outcome::True, true) => counts.fired += 1,
                (Outcome::False, false) => counts.missed += 1,
                (Outcome::Unknown, false) => counts.unknown += 1,
                (Outcome::True, false)
                | (Outcome::False | Outcome::Unknown | Outcome::Skipped, true)
                | (Outcome::Skipped, false) => {}
            }
        }
    }

    /// Adds another worker's counts.
    pub fn merge(&mut self, other: &CrossTab) {
        for (mine, theirs) in self.counts.iter_mut().zip(&other.counts) {
            for (mine, theirs) in mine.iter_mut().zip(theirs) {
                *mine += theirs;
            }
        }
        self.gap += other.gap;
        for (mine, theirs) in self.rules.iter_mut().zip(&other.rules) {
            mine.fired += theirs.fired;
            mine.missed += theirs.missed;
            mine.unknown += theirs.unknown;
        }
    }

    /// The table and the gap's reasons, for a terminal.
    pub fn to_text(&self, profiles: &Profiles) -> String {
        let names = &profiles.names;
        let (first, other) = (&names[self.first], &names[self.other]);
        let rows = labels(&profiles.programs[self.first]);
        let columns = labels(&profiles.programs[self.other]);
        let width = (rows.iter().chain(&columns))
            .map(|label| label.chars().count())
            .chain([first.len() + other.len() + 4])
            .max()
            .unwrap_or(0);
        let mut out = String::new();
        let _ = writeln!(out, "\n{first} (rows) by {other} (columns)");
        let _ = write!(out, "  {:<width$}", format!("{first} \\ {other}"));
        for column in &columns {
            let _ = write!(out, "  {column:>width$}");
        }
        out.push('\n');
        for (row, counts) in rows.iter().zip(&self.counts) {
            let _ = write!(out, "  {row:<width$}");
            for count in counts {
                let _ = write!(out, "  {count:>width$}");
            }
            out.push('\n');
        }
        let top = &profiles.programs[self.first].tiers;
        let Some(top) = top.first() else {
            return out;
        };
        let _ = writeln!(
            out,
            "\n{} of {first}'s `{}` leads {other} rejects (disqualified, no tier or its `otherwise` tier)",
            self.gap, top.name
        );
        for line in self.reasons(&profiles.programs[self.other]) {
            let _ = writeln!(out, "  {line}");
        }
        out
    }

    /// The reasons: the rules that fired against the leads first
    /// (`1 disqualified by outside_territory ("...")`, `2 lowered by
    /// too_small (fit -30)`), then the score-raising rules they lacked
    /// (`4 without champion (committee +15), 1 of them unknown`), each
    /// group most frequent first, the lacking ones cut at eight.
    fn reasons(&self, program: &ir::Program) -> Vec<String> {
        let mut fired: Vec<(u64, String)> = Vec::new();
        let mut lacking: Vec<(u64, String)> = Vec::new();
        for (rule, counts) in program.rules.iter().zip(&self.rules) {
            if counts.fired > 0 {
                let how = match rule.disqualify_reason() {
                    Some(reason) => format!("disqualified by {} ({reason:?})", rule.name),
                    None => format!("lowered by {} ({})", rule.name, effects(program, rule)),
                };
                fired.push((counts.fired, format!("{} {how}", counts.fired)));
            }
            let without = counts.missed + counts.unknown;
            if without > 0 {
                let unknown = if counts.unknown > 0 {
                    format!(", {} of them unknown (missing data)", counts.unknown)
                } else {
                    String::new()
                };
                let effect = effects(program, rule);
                let line = format!("{without} without {} ({effect}){unknown}", rule.name);
                lacking.push((without, line));
            }
        }
        fired.sort_by_key(|line| std::cmp::Reverse(line.0));
        lacking.sort_by_key(|line| std::cmp::Reverse(line.0));
        (fired.into_iter().map(|(_, line)| line))
            .chain(lacking.into_iter().take(8).map(|(_, line)| line))
            .collect()
    }

    /// The cross-tab as JSON.
    pub fn to_json(&self, profiles: &Profiles) -> Json {
        let program = &profiles.programs[self.other];
        let rules: Vec<Json> = (program.rules.iter().zip(&self.rules))
            .filter(|(_, counts)| **counts != RuleGap::default())
            .map(|(rule, counts)| {
                json!({
                    "rule": rule.name,
                    "fired": counts.fired,
                    "missed": counts.missed,
                    "unknown": counts.unknown,
                })
            })
            .collect();
        json!({
            "rows": profiles.names[self.first],
            "columns": profiles.names[self.other],
            "row_outcomes": labels(&profiles.programs[self.first]),
            "column_outcomes": labels(program),
            "counts": self.counts,
            "gap": self.gap,
            "gap_rules": rules,
        })
    }
}

/// The outcome index of a verdict: its tier, else disqualified, else no tier.
fn outcome(program: &ir::Program, verdict: &Verdict) -> usize {
    match (verdict.disqualified, verdict.tier) {
        (true, _) => program.tiers.len(),
        (false, Some(tier)) => tier as usize,
        (false, None) => program.tiers.len() + 1,
    }
}

/// The names of the outcomes, as [`outcome`] numbers them.
fn labels(program: &ir::Program) -> Vec<String> {
    (program.tiers.iter().map(|tier| tier.name.clone()))
        .chain(["disqualified".to_owned(), "no tier".to_owned()])
        .collect()
}

/// Whether a profile rejects a lead: disqualified, no tier, or its
/// `otherwise` tier.
fn rejects(program: &ir::Program, verdict: &Verdict) -> bool {
    match (verdict.disqualified, verdict.tier) {
        (true, _) | (false, None) => true,
        (false, Some(tier)) => program.tiers[tier as usize].condition.is_none(),
    }
}

/// Whether firing can only hold a lead back: it disqualifies, or lowers
/// scores without raising any.
fn lowers(rule: &ir::Rule) -> bool {
    rule.disqualifies()
        || rule
            .effects
            .iter()
            .all(|effect| matches!(effect, ir::Effect::Add { delta, .. } if *delta < 0))
}

/// `fit +25, intent +5`
fn effects(program: &ir::Program, rule: &ir::Rule) -> String {
    let parts: Vec<String> = (rule.effects.iter())
        .map(|effect| match effect {
            ir::Effect::Add { score, delta } => {
                format!("{} {delta:+}", program.score(*score).name)
            }
            ir::Effect::Disqualify { reason } => format!("disqualify {reason:?}"),
        })
        .collect();
    parts.join(", ")
}

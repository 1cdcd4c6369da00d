//! The run summary: what ops looks at after scoring a file. The totals the
//! streaming driver counts (bytes, records, scored, rejected, missing CSV
//! columns) and, when the run tallies, the tier distribution, per-rule fire
//! counts and shares, per-rule counts of leads where the rule could not be
//! told for missing data (and which fields), score distributions.
//!
//! One type for both halves, so a front end gets one value back from a run.
//! Tallies of threads [`merge`](Summary::merge), so the result does not
//! depend on thread scheduling; all maps are ordered.

use crate::explain::leaves;
use crate::ir;
use crate::record::Value;
use crate::trace::{ClauseKind, Outcome, Trace};
use crate::verdict::Verdict;
use serde_json::{Value as Json, json};
use std::collections::BTreeMap;
use std::fmt::Write;

/// Counts over a run.
///
/// The per-tier, per-rule and per-score counts stay zero unless the run
/// tallied (`stream::scoring::Options::tally`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Summary {
    /// Input bytes consumed.
    pub bytes: u64,
    /// Records read: every non-blank line of JSON Lines, every record of
    /// CSV after the header (one may span lines); scored + rejected.
    pub records: u64,
    /// Records scored.
    pub scored: u64,
    /// Records read with at least one used field present.
    pub with_values: u64,
    /// Whether the rules read any field at all (a file of constant rules
    /// reads none, and then nothing is missing).
    pub fields_used: bool,
    /// Lines rejected as unreadable.
    pub rejected: u64,
    /// CSV: where each used field is read from; those without a column
    /// are missing in every record.
    pub columns: Vec<crate::data::csv::ColumnMatch>,
    /// CSV: the delimiter between cells, and whether it was detected.
    pub delimiter: Option<crate::data::csv::delimiter::Delimiter>,
    /// Leads per tier, indexed like `ir::Program::tiers`.
    pub tiers: Vec<u64>,
    /// Leads with no tier that were not disqualified.
    pub no_tier: u64,
    /// Disqualified leads.
    pub disqualified: u64,
    /// Leads per segment, indexed like `ir::Program::segments` (a lead in
    /// several counts in each).
    pub segments: Vec<u64>,
    /// Per segment: leads whose condition was unknown (missing data), so
    /// not in it.
    pub segment_unknown: Vec<u64>,
    /// Leads in no segment (disqualified ones included), when the program
    /// has segments: with `segments` these are what `--split-by segment`
    /// writes.
    pub no_segment: u64,
    /// Per rule: leads where it fired.
    pub fired: Vec<u64>,
    /// Per rule: leads where its condition was unknown.
    pub unknown: Vec<u64>,
    /// Per rule: missing field -> leads where it made the rule unknown.
    pub unknown_fields: Vec<BTreeMap<u32, u64>>,
    /// Per score: value -> leads.
    pub scores: Vec<BTreeMap<i64, u64>>,
}

impl Summary {
    /// Why the run scored nothing a pipeline can use, if so: no record,
    /// every record rejected, or every used field missing in every record.
    pub fn useless(&self) -> Option<String> {
        if self.records == 0 {
            return Some("the input holds no records".to_owned());
        }
        if self.scored == 0 {
            return Some(format!("all {} records were rejected", self.records));
        }
        if self.fields_used && self.with_values == 0 {
            let hint = if self.missing_columns().next().is_some() {
                "no column holds the fields the rules use (W410)"
            } else {
                "check the column names or keys, and the input format"
            };
            return Some(format!(
                "every field the rules use is missing in every record ({} scored); {hint}",
                self.scored
            ));
        }
        None
    }

    /// Used fields the CSV header lacks (missing in every record).
    pub fn missing_columns(&self) -> impl Iterator<Item = &crate::data::csv::ColumnMatch> {
        self.columns
            .iter()
            .filter(|matched| matched.column.is_none())
    }

    /// An empty summary with a tally for each tier, rule and score of `program`.
    pub fn new(program: &ir::Program) -> Summary {
        Summary {
            tiers: vec![0; program.tiers.len()],
            segments: vec![0; program.segments.len()],
            segment_unknown: vec![0; program.segments.len()],
            fired: vec![0; program.rules.len()],
            unknown: vec![0; program.rules.len()],
            unknown_fields: vec![BTreeMap::new(); program.rules.len()],
            scores: vec![BTreeMap::new(); program.scores.len()],
            ..Summary::default()
        }
    }

    /// Tallies one scored record and its trace (the driver counts it as
    /// scored, so this does not).
    pub fn add(&mut self, verdict: &Verdict, trace: &Trace) {
        match (verdict.disqualified, verdict.tier) {
            (true, _) => self.disqualified += 1,
            (false, Some(tier)) => self.tiers[tier as usize] += 1,
            (false, None) => self.no_tier += 1,
        }
        for (index, value) in verdict.scores.iter().enumerate() {
            *self.scores[index].entry(*value).or_default() += 1;
        }
        for segment in &verdict.segments {
            self.segments[*segment as usize] += 1;
        }
        if verdict.segments.is_empty() && !self.segments.is_empty() {
            self.no_segment += 1;
        }
        for segment_trace in &trace.segments {
            if segment_trace.outcome == Outcome::Unknown {
                self.segment_unknown[segment_trace.segment as usize] += 1;
            }
        }
        for rule_trace in &trace.rules {
            let rule = rule_trace.rule as usize;
            match rule_trace.clause.outcome {
                Outcome::True => self.fired[rule] += 1,
                Outcome::Unknown => {
                    self.unknown[rule] += 1;
                    for field in missing_fields(&rule_trace.clause) {
                        *self.unknown_fields[rule].entry(field).or_default() += 1;
                    }
                }
                Outcome::False | Outcome::Skipped => {}
            }
        }
    }

    /// Adds another summary of the same program (a thread's tally).
    pub fn merge(&mut self, other: &Summary) {
        self.bytes += other.bytes;
        self.records += other.records;
        self.with_values += other.with_values;
        self.scored += other.scored;
        self.rejected += other.rejected;
        self.no_tier += other.no_tier;
        self.disqualified += other.disqualified;
        self.no_segment += other.no_segment;
        add_all(&mut self.tiers, &other.tiers);
        add_all(&mut self.segments, &other.segments);
        add_all(&mut self.segment_unknown, &other.segment_unknown);
        add_all(&mut self.fired, &other.fired);
        add_all(&mut self.unknown, &other.unknown);
        for (mine, theirs) in self.unknown_fields.iter_mut().zip(&other.unknown_fields) {
            merge_counts(mine, theirs);
        }
        for (mine, theirs) in self.scores.iter_mut().zip(&other.scores) {
            merge_counts(mine, theirs);
        }
    }
}

fn add_all(mine: &mut [u64], theirs: &[u64]) {
    for (a, b) in mine.iter_mut().zip(theirs) {
        *a += b;
    }
}

fn merge_counts<K: Ord + Copy>(mine: &mut BTreeMap<K, u64>, theirs: &BTreeMap<K, u64>) {
    for (key, count) in theirs {
        *mine.entry(*key).or_default() += count;
    }
}

/// Fields whose missing value made a test unknown.
fn missing_fields(clause: &crate::trace::Clause) -> Vec<u32> {
    let mut fields: Vec<u32> = leaves(clause)
        .into_iter()
        .filter_map(|leaf| match &leaf.kind {
            ClauseKind::Test {
                subject: ir::Subject::Field(field),
                value: Value::Missing,
            } if leaf.outcome == Outcome::Unknown => Some(field.0),
            ClauseKind::Test { .. }
            | ClauseKind::And(_)
            | ClauseKind::Or(_)
            | ClauseKind::Not(_)
            | ClauseKind::Let { .. } => None,
        })
        .collect();
    fields.sort_unstable();
    fields.dedup();
    fields
}

fn share(count: u64, total: u64) -> f64 {
    if total == 0 {
        0.0
    } else {
        count as f64 / total as f64
    }
}

impl Summary {
    /// The summary as JSON (`--summary-format json`).
    pub fn to_json(&self, program: &ir::Program) -> Json {
        let tiers: Vec<Json> = (program.tiers.iter().zip(&self.tiers))
            .map(|(tier, count)| json!({ "tier": tier.name, "leads": count, "share": share(*count, self.scored) }))
            .collect();
        let rules: Vec<Json> = (program.rules.iter().enumerate())
            .map(|(index, rule)| {
                let fields: serde_json::Map<String, Json> = (self.unknown_fields[index].iter())
                    .map(|(field, count)| {
                        (program.fields[*field as usize].name.clone(), json!(count))
                    })
                    .collect();
                json!({
                    "rule": rule.name,
                    "fired": self.fired[index],
                    "share": share(self.fired[index], self.scored),
                    "unknown": self.unknown[index],
                    "unknown_fields": fields,
                })
            })
            .collect();
        let scores: serde_json::Map<String, Json> = (program.scores.iter().zip(&self.scores))
            .map(|(score, counts)| {
                let values: Vec<Json> = counts.iter().map(|(value, n)| json!([value, n])).collect();
                (score.name.clone(), json!(values))
            })
            .collect();
        let mut summary = json!({
            "records": self.records,
            "scored": self.scored,
            "rejected": self.rejected,
            "disqualified": self.disqualified,
            "no_tier": self.no_tier,
            "tiers": tiers,
            "rules": rules,
            "scores": scores,
        });
        if !program.segments.is_empty() {
            let segments: Vec<Json> = (program.segments.iter().enumerate())
                .map(|(index, segment)| {
                    let count = self.segments[index];
                    json!({
                        "segment": segment.name,
                        "leads": count,
                        "share": share(count, self.scored),
                        "unknown": self.segment_unknown[index],
                    })
                })
                .collect();
            summary["segments"] = json!(segments);
            summary["no_segment"] = json!(self.no_segment);
        }
        summary
    }

    /// The summary for a terminal: bar charts of tiers, a rule table.
    pub fn to_text(&self, program: &ir::Program) -> String {
        let mut out = String::new();
        let total = self.scored;
        let _ = writeln!(
            out,
            "{} records read, {} scored, {} rejected",
            self.records, self.scored, self.rejected
        );
        let _ = writeln!(out, "\ntiers");
        let mut rows: Vec<(String, u64)> = (program.tiers.iter().zip(&self.tiers))
            .map(|(tier, n)| (tier.name.clone(), *n))
            .collect();
        rows.push(("disqualified".to_string(), self.disqualified));
        if self.no_tier > 0 {
            rows.push(("no tier".to_string(), self.no_tier));
        }
        let width = rows
            .iter()
            .map(|(name, _)| name.chars().count())
            .max()
            .unwrap_or(0);
        for (name, count) in &rows {
            let bar = "█".repeat((share(*count, total) * 40.0).round() as usize);
            let _ = writeln!(
                out,
                "  {name:<width$}  {count:>9}  {:>5.1}%  {bar}",
                100.0 * share(*count, total)
            );
        }
        if !program.segments.is_empty() {
            self.segments_text(program, &mut out);
        }
        let _ = writeln!(
            out,
            "\nrules                          fired    share    unknown  missing fields"
        );
        for (index, rule) in program.rules.iter().enumerate() {
            let fields: Vec<String> = (self.unknown_fields[index].iter())
                .map(|(field, n)| format!("{} ({n})", program.fields[*field as usize].name))
                .collect();
            let _ = writeln!(
                out,
                "  {:<26} {:>9}  {:>5.1}%  {:>9}  {}",
                rule.name,
                self.fired[index],
                100.0 * share(self.fired[index], total),
                self.unknown[index],
                fields.join(", ")
            );
        }
        for (score, counts) in program.scores.iter().zip(&self.scores) {
            let _ = writeln!(out, "\n{} {}", score.name, distribution(counts));
        }
        out
    }
}

impl Summary {
    /// The segments table: leads in each (a lead may be in several), those
    /// left out by missing data, and the leads in none.
    fn segments_text(&self, program: &ir::Program, out: &mut String) {
        let total = self.scored;
        let width = (program.segments.iter())
            .map(|segment| segment.name.chars().count())
            .chain([10])
            .max()
            .unwrap_or(0);
        let _ = writeln!(out, "\n{:<width$}      leads   share  unknown", "segments");
        for (index, segment) in program.segments.iter().enumerate() {
            let count = self.segments[index];
            let _ = writeln!(
                out,
                "  {:<width$}  {count:>9}  {:>5.1}%  {:>7}",
                segment.name,
                100.0 * share(count, total),
                self.segment_unknown[index]
            );
        }
        let _ = writeln!(
            out,
            "  {:<width$}  {:>9}  {:>5.1}%",
            "no segment",
            self.no_segment,
            100.0 * share(self.no_segment, total)
        );
    }
}

/// `min 0, median 30, max 95, mean 31.2`.
fn distribution(counts: &BTreeMap<i64, u64>) -> String {
    let total: u64 = counts.values().sum();
    if total == 0 {
        return "no leads".to_string();
    }
    let sum: f64 = counts
        .iter()
        .map(|(value, n)| *value as f64 * *n as f64)
        .sum();
    let mut seen = 0;
    let median = counts
        .iter()
        .find(|(_, n)| {
            seen += **n;
            seen * 2 >= total
        })
        .map_or(0, |(value, _)| *value);
    let min = counts.keys().next().copied().unwrap_or(0);
    let max = counts.keys().next_back().copied().unwrap_or(0);
    format!(
        "min {min}, median {median}, max {max}, mean {:.1}",
        sum / total as f64
    )
}

/// A summary kept by one worker thread and added into a shared one when
/// dropped, so that parallel scoring needs no lock per record and the
/// total does not depend on which thread scored what.
pub struct Tally<'a> {
    /// This thread's counts.
    pub local: Summary,
    shared: &'a std::sync::Mutex<Summary>,
}

impl<'a> Tally<'a> {
    /// An empty tally that will add into `shared`.
    pub fn new(program: &ir::Program, shared: &'a std::sync::Mutex<Summary>) -> Tally<'a> {
        Tally {
            local: Summary::new(program),
            shared,
        }
    }
}

impl Drop for Tally<'_> {
    fn drop(&mut self) {
        if let Ok(mut shared) = self.shared.lock() {
            shared.merge(&self.local);
        }
    }
}

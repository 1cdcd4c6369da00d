//! The scorer every front end runs: the fast evaluator alone, on batches of
//! records, or, when the run explains or tallies, record by record, the traced evaluation whose trace becomes each
//! record's `explanation` member and feeds the run summary.
//!
//! Each worker thread gets its own scorer and its own tally; the tallies
//! merge into the run's one [`Summary`] as the threads finish, so counting
//! needs no lock per record and the total does not depend on scheduling.

use crate::eval::Evaluator;
use crate::explain;
use crate::plan::Plan;
use crate::stream::{self, BatchScorer, Scorer, Settings, Sink};
use crate::summary::{Summary, Tally};
use crate::verdict;
use std::io::{self, Read};
use std::sync::Mutex;

/// What scoring a record produces beyond its verdict.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// The as-of day of `within N days`.
    pub context: verdict::Context,
    /// Add an `explanation` member of this form to every JSON verdict
    /// (docs/explain.md).
    pub explain: Option<explain::Form>,
    /// Count tiers, rule fires and unknowns into the summary.
    pub tally: bool,
    /// JSON members added to every verdict object, each after a comma
    /// (`provenance::Provenance::json_members`); empty for none.
    pub members: Vec<u8>,
}

/// Scores every lead of `input` with `plan`, writing to `sink`: the totals
/// of the run and, with [`Options::tally`], its tallies, in one summary.
pub fn run(
    plan: &Plan,
    rules: explain::Rules<'_>,
    options: &Options,
    settings: &Settings,
    input: impl Read + Send,
    sink: &mut dyn Sink,
) -> io::Result<Summary> {
    let tally = Mutex::new(Summary::new(rules.program));
    let mut summary = if options.explain.is_none() && !options.tally {
        let new_scorer = || batch(plan, options);
        stream::run_batched(rules.program, &new_scorer, settings, input, sink)?
    } else {
        let new_scorer = || new(plan, rules, options, options.tally.then_some(&tally));
        stream::run(rules.program, &new_scorer, settings, input, sink)?
    };
    if options.tally {
        let tally = tally
            .into_inner()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        summary.merge(&tally);
    }
    Ok(summary)
}

/// A scorer of whole batches for one worker thread, when the run neither
/// explains nor tallies: the bit-sliced evaluator (decision 015).
pub fn batch<'a>(plan: &'a Plan, options: &Options) -> Box<BatchScorer<'a>> {
    let mut evaluator = Evaluator::new(plan, &options.context);
    let members = options.members.clone();
    Box::new(move |records, verdicts, extras| {
        evaluator.eval_batch(records, verdicts);
        for extra in extras {
            extra.extend_from_slice(&members);
        }
    })
}

/// A new scorer for one worker thread; its tally (if any) adds into `shared`
/// when the scorer is dropped.
pub fn new<'a>(
    plan: &'a Plan,
    rules: explain::Rules<'a>,
    options: &Options,
    shared: Option<&'a Mutex<Summary>>,
) -> Box<Scorer<'a>> {
    let mut evaluator = Evaluator::new(plan, &options.context);
    let members = options.members.clone();
    if options.explain.is_none() && shared.is_none() {
        return Box::new(move |record, verdict, extra| {
            verdict.clone_from(evaluator.eval(record));
            extra.extend_from_slice(&members);
        });
    }
    let program = rules.program;
    let mut tally = shared.map(|shared| Tally::new(program, shared));
    let writer = (options.explain).map(|form| explain::JsonWriter::new(rules, form));
    // Without a tally only the flat trace is walked, into reused buffers.
    let mut steps = crate::trace::Steps::default();
    Box::new(move |record, verdict, extra| {
        if let Some(tally) = tally.as_mut() {
            let (traced, trace) = crate::trace::trace(&mut evaluator, program, record);
            tally.local.add(&traced, &trace);
            *verdict = traced;
            steps = trace.steps;
        } else {
            verdict.clone_from(evaluator.eval(record));
            crate::trace::steps(&mut evaluator, program, record, verdict, &mut steps);
        }
        extra.extend_from_slice(&members);
        if let Some(writer) = &writer {
            extra.extend_from_slice(b",\"explanation\":");
            let steps = &steps;
            let lead = explain::Lead {
                program,
                record,
                verdict,
                steps,
            };
            writer.write(extra, lead);
        }
    })
}

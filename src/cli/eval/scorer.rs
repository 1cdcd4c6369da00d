//! The per-thread scorer of `icpc eval`: the fast evaluator alone, or,
//! with `--explain` or `--summary`, the traced evaluation whose trace
//! becomes the record's `explanation` and feeds the run summary.

use icpc::explain;
use icpc::summary::{Summary, Tally};
use icpc::{eval::Evaluator, pipeline, plan::Plan, verdict::Context};
use std::sync::Mutex;

/// What each record's scoring produces beyond its verdict.
#[derive(Clone, Copy)]
pub struct Extras<'a> {
    /// `--explain`: the explanation context (program and rule source).
    pub explain: Option<explain::Context<'a>>,
    /// `--summary`: the summary the threads add into.
    pub summary: Option<&'a Mutex<Summary>>,
}

/// A new scorer for one worker thread.
pub fn new<'a>(
    plan: &'a Plan,
    program: &'a icpc::ir::Program,
    context: &'a Context,
    extras: Extras<'a>,
) -> Box<pipeline::Score<'a>> {
    let mut evaluator = Evaluator::new(plan, context);
    if extras.explain.is_none() && extras.summary.is_none() {
        return Box::new(move |record, verdict, _| verdict.clone_from(evaluator.eval(record)));
    }
    let mut tally = extras.summary.map(|shared| Tally::new(program, shared));
    let writer = extras.explain.map(explain::JsonWriter::new);
    Box::new(move |record, verdict, extra| {
        let (traced, trace) = icpc::trace::trace(&mut evaluator, program, record);
        if let Some(tally) = tally.as_mut() {
            tally.local.add(&traced, &trace);
        }
        if let Some(writer) = &writer {
            extra.extend_from_slice(b",\"explanation\":");
            writer.write(extra, program, &traced, &trace);
        }
        *verdict = traced;
    })
}

//! `icpc test`: runs a file's examples against its rules and says, for
//! each one that fails, what was expected, what came out and why.
//!
//! In: a compiled [`RuleSet`] (its examples are in [`RuleSet::suite`]) and
//! the [`Options`] of the run. Out: a [`Run`] per file, which the reports
//! (`report`: human text, JSON, JUnit XML) render; no IO here. An example
//! is a record built exactly as a reader would build it and scored by the
//! same plan as `icpc eval`; a failure's explanation is the one `icpc
//! explain` gives (`explain::summary_sentence`), not a second explainer.
//! `coverage` measures what the examples exercise, `mutants` which small
//! changes to the rules they would not notice, `leads` what a sample of
//! real leads does beside them.

pub mod coverage;
mod judge;
pub mod leads;
pub mod mutants;
pub mod report;
pub mod suggest;

pub use judge::{Miss, holds, judge, outcome_text};

use crate::RuleSet;
use crate::eval::Evaluator;
use crate::ir;
use crate::record::{Record, Value};
use crate::verdict::{self, Verdict};

/// How to run the examples.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// `--as-of`: overrides the file's own `as_of`.
    pub as_of: Option<i32>,
    /// The day used when neither the flag nor the file fixes one.
    pub today: i32,
    /// `--filter`: run only the examples whose name contains this text.
    pub filter: Option<String>,
    /// `--coverage`: measure what the examples exercise.
    pub coverage: bool,
    /// `--mutants`: find the mutants no example catches.
    pub mutants: bool,
    /// `--suggest`: an example line for each uncovered goal and surviving mutant.
    pub suggest: bool,
}

/// One file's examples, run.
#[derive(Debug, Clone)]
pub struct Run {
    /// The day `within N days` counted from.
    pub as_of: i32,
    /// One per example the filter kept, in file order.
    pub results: Vec<Outcome>,
}

/// One example's result.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// Index into `RuleSet::suite().examples`.
    pub example: usize,
    /// What the rules made of it.
    pub verdict: Verdict,
    /// The expectations that did not hold; empty when it passed.
    pub misses: Vec<Miss>,
}

impl Outcome {
    /// Whether every expectation held.
    pub fn passed(&self) -> bool {
        self.misses.is_empty()
    }
}

impl Run {
    /// How many examples passed.
    pub fn passed(&self) -> usize {
        self.results.iter().filter(|result| result.passed()).count()
    }

    /// How many examples failed.
    pub fn failed(&self) -> usize {
        self.results.len() - self.passed()
    }
}

/// The day a file's examples are judged on: the flag, else the file's
/// `as_of`, else today.
pub fn as_of(suite: &ir::Suite, options: &Options) -> i32 {
    options.as_of.or(suite.as_of).unwrap_or(options.today)
}

/// Everything `icpc test` does for one file: runs its examples, then
/// measures coverage and runs mutants when the options ask.
pub fn test<'r>(rules: &'r RuleSet, options: &Options) -> report::Tested<'r> {
    let run = run(rules, options);
    let coverage = options.coverage.then(|| coverage::measure(rules, &run));
    let mutants = options.mutants.then(|| mutants::run(rules, &run));
    let suggestions = options.suggest.then(|| {
        suggest::suggest(
            rules,
            &run,
            coverage.as_ref(),
            mutants.as_deref().unwrap_or_default(),
        )
    });
    report::Tested {
        rules,
        run,
        coverage,
        mutants,
        leads: None,
        suggestions,
    }
}

/// Runs every example of `rules` that the filter keeps.
pub fn run(rules: &RuleSet, options: &Options) -> Run {
    let suite = rules.suite();
    let context = verdict::Context {
        as_of: as_of(suite, options),
    };
    let mut evaluator = rules.evaluator(&context);
    let results = (suite.examples.iter().enumerate())
        .filter(|(_, example)| {
            (options.filter.as_deref()).is_none_or(|filter| example.name.contains(filter))
        })
        .map(|(index, example)| {
            let record = record(rules, example);
            let verdict = evaluator.eval(&record).clone();
            let misses = judge(rules.program(), example, &verdict);
            Outcome {
                example: index,
                verdict,
                misses,
            }
        })
        .collect();
    Run {
        as_of: context.as_of,
        results,
    }
}

/// The lead an example describes: its fields as given, every other field
/// missing; its id is the example's name and its line the example's line.
pub fn record(rules: &RuleSet, example: &ir::Example) -> Record {
    let program = rules.program();
    let mut values = vec![Value::Missing; program.fields.len()];
    for given in &example.givens {
        values[given.field.0 as usize] = given.value.clone();
    }
    Record {
        values,
        id: Some(example.name.clone()),
        line: rules.source().line(example.span.start) as u64,
        warnings: Vec::new(),
    }
}

/// Calls `on_pred` on every test of `cond`, in source order, without
/// entering lets (their bodies are conditions of their own).
fn each_pred(cond: &ir::Cond, on_pred: &mut impl FnMut(&ir::Pred)) {
    match &cond.kind {
        ir::CondKind::And(operands) | ir::CondKind::Or(operands) => {
            operands
                .iter()
                .for_each(|operand| each_pred(operand, on_pred));
        }
        ir::CondKind::Not(inner) => each_pred(inner, on_pred),
        ir::CondKind::Let(_) => {}
        ir::CondKind::Pred(pred) => on_pred(pred),
    }
}

/// Scores one example with a fresh evaluator (reports use it to trace a
/// failure; runs keep one evaluator for all examples).
pub fn evaluator<'r>(rules: &'r RuleSet, run: &Run) -> Evaluator<'r> {
    rules.evaluator(&verdict::Context { as_of: run.as_of })
}

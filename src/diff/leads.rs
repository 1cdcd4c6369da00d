//! `icpc diff --leads`: one pass over the leads, each read once (by the
//! union's reader, [`super::union`]) and scored by both versions; the
//! streaming driver does the reading, threads and input order, and each
//! worker keeps its own [`Migration`], merged at the end.

use super::changes::Changes;
use super::compare::Tables;
use super::migration::{self, Migration};
use super::union::{self, TypeConflict};
use crate::eval::Evaluator;
use crate::plan;
use crate::ruleset::RuleSet;
use crate::stream::{self, Settings, Sink};
use crate::summary::Summary;
use crate::verdict::Context;
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

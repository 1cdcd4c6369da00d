//! Coverage on real leads (`icpc test --leads FILE`): beside what the
//! examples exercise, what a sample of real leads does. Per rule: how many
//! examples fired it, how many leads fired it, and on how many leads
//! missing data left it unknown, so "dead in practice" (never fires on
//! real data) and "untested" (never fired by an example) show side by side.
//!
//! The leads are scored by the same streaming driver as `icpc eval
//! --summary`; their verdicts are counted, not written.

use super::Run;
use crate::RuleSet;
use crate::stream::{InputFormat, Settings, Sink, scoring};
use crate::summary::Summary;
use crate::{output, verdict};
use std::io::{self, Read};

/// What the leads and the examples did, per rule.
#[derive(Debug, Clone, PartialEq)]
pub struct Leads {
    /// The leads file's name, as reports show it.
    pub name: String,
    /// Leads scored.
    pub scored: u64,
    /// Lines that could not be read.
    pub rejected: u64,
    /// Per rule (indexed like `Program::rules`): examples where it fired.
    pub examples_fired: Vec<u64>,
    /// Per rule: leads where it fired.
    pub fired: Vec<u64>,
    /// Per rule: leads where missing data left it unknown.
    pub unknown: Vec<u64>,
}

impl Leads {
    /// Rules that fire in an example but never on a lead.
    pub fn dead_in_practice(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.fired.len())
            .filter(|rule| self.fired[*rule] == 0 && self.examples_fired[*rule] > 0)
    }

    /// Rules that no example fires.
    pub fn untested(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.fired.len()).filter(|rule| self.examples_fired[*rule] == 0)
    }
}

/// Scores the leads of `input` (named `name`, read as `format`) on the day
/// of `run`, beside what `run`'s examples fired.
pub fn measure(
    rules: &RuleSet,
    run: &Run,
    name: &str,
    format: InputFormat,
    input: impl Read + Send,
) -> io::Result<Leads> {
    let settings = Settings {
        input: format,
        output: output::Format::Jsonl,
        errors: output::ErrorFormat::Json,
        jobs: 1,
        chunk_size: 1 << 20,
        score: true,
        keep: Vec::new(),
    };
    let options = scoring::Options {
        context: verdict::Context { as_of: run.as_of },
        explain: None,
        tally: true,
        members: Vec::new(),
    };
    let summary: Summary = rules.score_stream(&settings, &options, input, &mut Discard)?;
    let mut examples_fired = vec![0u64; rules.program().rules.len()];
    for result in &run.results {
        for rule in &result.verdict.matched {
            examples_fired[*rule as usize] += 1;
        }
    }
    Ok(Leads {
        name: name.to_string(),
        scored: summary.scored,
        rejected: summary.rejected,
        examples_fired,
        fired: summary.fired,
        unknown: summary.unknown,
    })
}

/// Counts without writing: the verdicts and rejections are not wanted here.
struct Discard;

impl Sink for Discard {
    fn output(&mut self, _bytes: &[u8]) -> io::Result<()> {
        Ok(())
    }

    fn errors(&mut self, _bytes: &[u8]) -> io::Result<()> {
        Ok(())
    }
}

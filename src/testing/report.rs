//! A whole `icpc test` run over many files, rendered for a person (text),
//! a machine (JSON) or a CI test reporter (JUnit XML).
//!
//! Files are reported in the order given, examples in file order. A
//! failure shows where the example is, each expectation that did not hold
//! against what came out, and why: the explanation `icpc explain` gives.
//! Coverage and surviving mutants, when asked for, follow per file
//! (`sections`).

mod junit;
mod sections;

use super::coverage::{self, Coverage};
use super::leads::Leads;
use super::mutants::Mutant;
use super::suggest::Suggestion;
use super::{Outcome, Run, outcome_text};
use crate::RuleSet;
use crate::explain;
use crate::ir;
use crate::record::Record;
use crate::source::Span;
use crate::trace::Trace;
use serde_json::{Value as Json, json};
use std::fmt::Write;

/// Version of the JSON form (`docs/testing.md`).
pub const JSON_VERSION: u32 = 1;

/// One file whose examples ran.
#[derive(Debug, Clone)]
pub struct Tested<'a> {
    /// The compiled file.
    pub rules: &'a RuleSet,
    /// What its examples came to.
    pub run: Run,
    /// What they exercise (`--coverage`).
    pub coverage: Option<Coverage>,
    /// Which mutants they catch (`--mutants`).
    pub mutants: Option<Vec<Mutant>>,
    /// What real leads do beside them (`--leads`).
    pub leads: Option<Leads>,
    /// Examples to add (`--suggest`).
    pub suggestions: Option<Vec<Suggestion>>,
}

impl<'a> Tested<'a> {
    /// A file's examples run, without coverage or mutants.
    pub fn new(rules: &'a RuleSet, run: Run) -> Tested<'a> {
        Tested {
            rules,
            run,
            coverage: None,
            mutants: None,
            leads: None,
            suggestions: None,
        }
    }
}

/// One file of a run: its examples run, or why they could not be.
#[derive(Debug, Clone)]
pub enum File<'a> {
    /// The file compiled; its examples ran.
    Ran(Box<Tested<'a>>),
    /// The file did not compile (its diagnostics are reported apart).
    Broken {
        /// The file's name.
        name: String,
        /// How many errors it has.
        errors: usize,
    },
}

/// Every file of one `icpc test`.
#[derive(Debug, Clone, Default)]
pub struct Report<'a> {
    /// In the order given.
    pub files: Vec<File<'a>>,
}

impl Report<'_> {
    /// Examples that passed, over all files.
    pub fn passed(&self) -> usize {
        self.tested().map(|tested| tested.run.passed()).sum()
    }

    /// Examples that failed, over all files.
    pub fn failed(&self) -> usize {
        self.tested().map(|tested| tested.run.failed()).sum()
    }

    /// Files that could not run.
    pub fn broken(&self) -> usize {
        self.files.len() - self.tested().count()
    }

    /// Coverage over all files, in percent; `None` unless measured.
    pub fn coverage_percent(&self) -> Option<f64> {
        let (met, total) = self.coverage_counts()?;
        Some(coverage::percent(met, total))
    }

    fn coverage_counts(&self) -> Option<(usize, usize)> {
        let measured: Vec<&Coverage> = (self.tested())
            .filter_map(|tested| tested.coverage.as_ref())
            .collect();
        (!measured.is_empty()).then(|| {
            let met = measured.iter().map(|coverage| coverage.met()).sum();
            let total = measured.iter().map(|coverage| coverage.goals.len()).sum();
            (met, total)
        })
    }

    /// Mutants that no example caught, over all files.
    pub fn survivors(&self) -> usize {
        (self.tested())
            .filter_map(|tested| tested.mutants.as_ref())
            .map(|mutants| mutants.iter().filter(|mutant| !mutant.killed).count())
            .sum()
    }

    fn tested(&self) -> impl Iterator<Item = &Tested<'_>> {
        self.files.iter().filter_map(|file| match file {
            File::Ran(tested) => Some(&**tested),
            File::Broken { .. } => None,
        })
    }

    /// For a person: every failure with its explanation, a line per file
    /// that could not run, coverage and surviving mutants when measured,
    /// and last `N passed, M failed`.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        for file in &self.files {
            match file {
                File::Ran(tested) => {
                    let failures = tested.run.results.iter().filter(|result| !result.passed());
                    for result in failures {
                        out.push_str(&failure_text(tested.rules, &tested.run, result));
                        out.push('\n');
                    }
                    sections::text(tested, &mut out);
                    sections::leads_text(tested, &mut out);
                    sections::suggestions_text(tested, &mut out);
                }
                File::Broken { name, errors } => {
                    let plural = if *errors == 1 { "" } else { "s" };
                    let _ = writeln!(
                        out,
                        "{name}: could not run its examples ({errors} error{plural})"
                    );
                }
            }
        }
        if let Some((met, total)) = self.coverage_counts()
            && self.tested().count() > 1
        {
            let percent = coverage::percent(met, total);
            let _ = writeln!(
                out,
                "coverage: {met} of {total} goals ({percent:.1}%) in all files"
            );
        }
        let _ = writeln!(out, "{} passed, {} failed", self.passed(), self.failed());
        out
    }

    /// For a machine: totals, then every file and example; failures carry
    /// their explanation in the form of `icpc explain --format json`.
    pub fn to_json(&self) -> Json {
        let files: Vec<Json> = (self.files.iter())
            .map(|file| match file {
                File::Ran(tested) => file_json(tested),
                File::Broken { name, errors } => json!({
                    "file": name,
                    "errors": errors,
                    "examples": [],
                }),
            })
            .collect();
        let mut report = json!({
            "version": JSON_VERSION,
            "passed": self.passed(),
            "failed": self.failed(),
            "broken_files": self.broken(),
            "files": files,
        });
        if let Some((met, total)) = self.coverage_counts() {
            report["coverage"] = json!({
                "goals": total,
                "covered": met,
                "percent": coverage::percent(met, total),
            });
        }
        report
    }

    /// JUnit XML: a `testsuite` per file, a `testcase` per example.
    pub fn to_junit(&self) -> String {
        junit::render(self)
    }
}

/// `FILE:LINE:COL`
pub fn location(rules: &RuleSet, span: Span) -> String {
    let position = rules.source().position(span.start);
    format!(
        "{}:{}:{}",
        rules.source().name,
        position.line,
        position.column
    )
}

fn example<'r>(rules: &'r RuleSet, result: &Outcome) -> &'r ir::Example {
    &rules.suite().examples[result.example]
}

fn failure_text(rules: &RuleSet, run: &Run, result: &Outcome) -> String {
    let example = example(rules, result);
    let mut out = format!(
        "FAIL {}: example {:?}\n",
        location(rules, example.span),
        example.name
    );
    for (expected, actual) in misses(rules, result) {
        let _ = writeln!(out, "  expected {expected}, got {actual}");
    }
    let (_, trace) = trace(rules, run, result);
    let why = explain::summary_sentence(rules.rules(), &result.verdict, &trace);
    out.push_str("  why:\n");
    for line in why.lines() {
        let _ = writeln!(out, "    {line}");
    }
    out
}

/// Each expectation that did not hold, as written, beside what came out.
fn misses(rules: &RuleSet, result: &Outcome) -> Vec<(String, String)> {
    let example = example(rules, result);
    (result.misses.iter())
        .map(|miss| {
            let span = example.expectations[miss.expectation].span;
            let written = rules.source().slice(span).trim();
            (format!("`{written}`"), miss.actual.clone())
        })
        .collect()
}

fn trace(rules: &RuleSet, run: &Run, result: &Outcome) -> (Record, Trace) {
    let record = super::record(rules, example(rules, result));
    let mut evaluator = super::evaluator(rules, run);
    let trace = crate::trace::trace(&mut evaluator, rules.program(), &record).1;
    (record, trace)
}

fn file_json(tested: &Tested<'_>) -> Json {
    let (rules, run) = (tested.rules, &tested.run);
    let examples: Vec<Json> = (run.results.iter())
        .map(|result| {
            let example = example(rules, result);
            let position = rules.source().position(example.span.start);
            let expected: Vec<&str> = (example.expectations.iter())
                .map(|expectation| rules.source().slice(expectation.span).trim())
                .collect();
            let mut entry = json!({
                "name": example.name,
                "line": position.line,
                "column": position.column,
                "passed": result.passed(),
                "expected": expected,
                "actual": outcome_text(rules.program(), &result.verdict),
                "scores": scores_json(rules.program(), &result.verdict),
            });
            if !result.passed() {
                let misses: Vec<Json> = (misses(rules, result).into_iter())
                    .map(|(expected, actual)| {
                        json!({"expected": expected.trim_matches('`'), "actual": actual})
                    })
                    .collect();
                let (record, trace) = trace(rules, run, result);
                entry["misses"] = Json::Array(misses);
                entry["explanation"] =
                    explain::to_json(rules.rules(), &record, &result.verdict, &trace);
            }
            entry
        })
        .collect();
    let mut file = json!({
        "file": rules.source().name,
        "as_of": crate::date::format(run.as_of),
        "passed": run.passed(),
        "failed": run.failed(),
        "errors": 0,
        "examples": examples,
    });
    sections::json(tested, &mut file);
    file
}

fn scores_json(program: &ir::Program, verdict: &crate::verdict::Verdict) -> Json {
    let scores: serde_json::Map<String, Json> = (program.scores.iter().zip(&verdict.scores))
        .map(|(score, value)| (score.name.clone(), json!(value)))
        .collect();
    Json::Object(scores)
}

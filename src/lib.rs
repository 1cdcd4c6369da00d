//! icpc: the compiler and evaluator of the ICP rule language.
//!
//! Most callers need one type, [`RuleSet`]: compile a rule file once,
//! then evaluate, explain and score streams of leads, from as many
//! threads as you like (it is `Send + Sync`, and a clone is an `Arc`).
//!
//! ```
//! use icpc::RuleSet;
//! use icpc::verdict::Context;
//!
//! let rules = RuleSet::compile("rules.icp", "\
//! schema {
//!   industry: text
//!   employees: int
//! }
//! score fit
//! rule saas: industry in [SaaS, Fintech] => fit +30
//! rule mid: employees 10..1000 => fit +20
//! tier A: fit >= 50
//! tier B: otherwise
//! ").expect("the rules compile");
//! let as_of = Context { as_of: 20_269 };
//!
//! // Compile once, evaluate many.
//! for (line, lead) in [r#"{"industry":"saas","employees":120}"#, r#"{"employees":5}"#].iter().enumerate() {
//!     let record = rules.record_from_json(lead).expect("a JSON object");
//!     let verdict = rules.evaluate(&record, &as_of);
//!     assert_eq!(verdict.tier, Some(if line == 0 { 0 } else { 1 }));
//! }
//!
//! // Explain one lead, and what would it take to reach tier A.
//! let lead = rules.record_from_json(r#"{"id":"L7","industry":"SaaS","employees":4}"#).expect("a JSON object");
//! let target = rules.tier("A").expect("tier A exists");
//! let explanation = rules.explain(lead, &as_of, target).expect("A is a tier");
//! let text = explanation.to_text("leads.jsonl");
//! assert!(text.starts_with("lead L7 (leads.jsonl line 1)"));
//! assert!(text.contains("employees"));
//! assert_eq!(explanation.to_json()["id"], "L7");
//! ```
//!
//! The pipeline behind it, one module per stage, none of which does IO:
//!
//! ```text
//! source::Source --syntax::parse--> ast::File --check::check--> ir::Program
//!   --plan::plan--> plan::Plan
//! lead bytes --data--> record::Record --eval--> verdict::Verdict --trace--> trace::Trace
//!   --explain / output--> text, JSON, CSV;   stream: many leads, in input order
//! ```
//!
//! Diagnostics of every stage are one type (`diagnostic::Diagnostic`),
//! rendered by `render`. The binary (`src/main.rs`, `src/cli/`) reads files
//! and prints; this library only computes.
#![deny(clippy::print_stdout, clippy::print_stderr)]

// pest without its `std` feature (no per-rule stack probe, decision 027)
// generates code that names `::alloc`.
extern crate alloc;

// Foundations every stage shares.
pub mod diagnostic;
pub mod source;

// The front end: text -> checked program.
pub mod ast;
pub mod check;
pub mod include;
pub mod ir;
pub mod syntax;

// The back end: program -> plan -> verdicts of records.
pub mod classes;
pub mod data;
pub mod eval;
pub mod interp;
pub mod plan;
pub mod record;
pub mod semantics;
pub mod sql;
pub mod trace;
pub mod verdict;
pub mod whatif;

// What a run produces and how it is written.
pub mod diff;
pub mod explain;
pub mod output;
pub mod profiles;
pub mod provenance;
pub mod stream;
pub mod summary;

// The facade over all of it.
pub mod ruleset;
pub mod testing;

// Helpers and the other tools built on the front end.
pub mod date;
pub mod format;
pub mod render;
pub mod scores;
pub mod starter;
pub mod suggest;

pub use ruleset::RuleSet;

use diagnostic::Diagnostic;
use source::Source;

/// Parses and checks a rule file: the front end in one call.
///
/// On failure, every error in the file, in source order: the syntax error
/// of each declaration that did not parse and the check errors of those
/// that did (none about names whose own declaration is broken). A file
/// with errors gets no lint warnings.
pub fn compile(source: &Source) -> Result<check::Checked, Vec<Diagnostic>> {
    front_end(source, check::check)
}

/// [`compile`] with the score-space lints (W301-W306) too: what `icpc
/// check` reports.
pub fn lint(source: &Source) -> Result<check::Checked, Vec<Diagnostic>> {
    front_end(source, check::check_scores)
}

type Checker = fn(&ast::File, &Source) -> Result<check::Checked, Vec<Diagnostic>>;

fn front_end(source: &Source, check: Checker) -> Result<check::Checked, Vec<Diagnostic>> {
    let parsed = syntax::parse(source);
    let mut diagnostics = parsed.diagnostics;
    if !source.is_joined() {
        diagnostics.extend(include::unfollowed(&parsed.file));
    }
    match check(&parsed.file, source) {
        Ok(checked) if diagnostics.is_empty() => return Ok(checked),
        Ok(_) => {}
        Err(errors) => diagnostics.extend(errors),
    }
    diagnostic::sort(&mut diagnostics);
    Err(diagnostics)
}

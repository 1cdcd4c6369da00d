//! icpc: the compiler and evaluator of the ICP rule language.
//!
//! The pipeline, one module per stage, none of which does IO:
//!
//! ```text
//! Source --syntax::parse--> ast::File --check::check--> ir::Program
//!        --plan::plan--> plan::Plan --eval::eval(record)--> Verdict --explain--> text / JSON
//! ```
//!
//! Diagnostics of every stage are one type (`diagnostic::Diagnostic`),
//! rendered by `render`. The binary (`src/main.rs`, `src/cli/`) reads files
//! and prints; this library only computes.
//!
//! Scoring one lead from library code:
//!
//! ```
//! use icpc::record::{Record, Value};
//! use icpc::source::Source;
//!
//! let source = Source::new("rules.icp", "schema {\n  employees: int\n}\nscore fit\nrule mid: employees 10..1000 => fit +30\ntier A: fit >= 30\ntier B: otherwise\n");
//! let program = icpc::compile(&source).expect("the rules compile").program;
//! let plan = icpc::plan::plan(&program, &icpc::plan::Options::default());
//! let record = Record { values: vec![Value::Number(120.0)], ..Record::default() };
//! let verdict = icpc::eval::eval(&plan, &record, &icpc::verdict::Context { as_of: 20_269 });
//! assert_eq!(verdict.scores, [30]);
//! assert_eq!(verdict.tier, Some(0));
//! ```
#![deny(clippy::print_stdout, clippy::print_stderr)]

pub mod ast;
pub mod check;
pub mod data;
pub mod date;
pub mod diagnostic;
pub mod eval;
pub mod explain;
pub mod format;
pub mod interp;
pub mod ir;
pub mod output;
pub mod pipeline;
pub mod plan;
pub mod record;
pub mod render;
pub mod semantics;
pub mod source;
pub mod suggest;
pub mod summary;
pub mod syntax;
pub mod trace;
pub mod verdict;
pub mod whatif;

use diagnostic::Diagnostic;
use source::Source;

/// Parses and checks a rule file: the front end in one call.
///
/// On failure, every error in the file, in source order: the syntax error
/// of each declaration that did not parse and the check errors of those
/// that did (none about names whose own declaration is broken). A file
/// with errors gets no lint warnings.
pub fn compile(source: &Source) -> Result<check::Checked, Vec<Diagnostic>> {
    let parsed = syntax::parse(source);
    let mut diagnostics = parsed.diagnostics;
    match check::check(&parsed.file, source) {
        Ok(checked) if diagnostics.is_empty() => return Ok(checked),
        Ok(_) => {}
        Err(errors) => diagnostics.extend(errors),
    }
    diagnostic::sort(&mut diagnostics);
    Err(diagnostics)
}

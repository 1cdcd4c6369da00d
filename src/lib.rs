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
/// On failure, every error and warning found, in source order (a file with
/// syntax errors is not checked).
pub fn compile(source: &Source) -> Result<check::Checked, Vec<Diagnostic>> {
    let file = syntax::parse(source).map_err(|mut diagnostics| {
        diagnostic::sort(&mut diagnostics);
        diagnostics
    })?;
    check::check(&file, source)
}

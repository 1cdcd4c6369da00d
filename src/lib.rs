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
pub mod data;
pub mod date;
pub mod diagnostic;
pub mod ir;
pub mod output;
pub mod pipeline;
pub mod record;
pub mod source;
pub mod verdict;

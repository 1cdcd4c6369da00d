//! Parsing: source text to the untyped AST.
//!
//! `parse` runs a lexical pre-scan (comments, unterminated literals,
//! nesting depth, where declarations start), then parses each declaration
//! on its own with pest, so that a syntax error stays within its
//! declaration and every error in the file is reported. A declaration
//! starts on an unindented line; indented lines continue it. pest's types
//! never leave this module.

mod describe;
mod errors;
mod lower;
mod scan;

use crate::ast;
use crate::diagnostic::Diagnostic;
use crate::source::{Source, Span};
use pest::Parser;

mod grammar {
    /// The pest parser generated from `grammar/icp.pest`.
    #[derive(pest_derive::Parser)]
    #[grammar = "../grammar/icp.pest"]
    pub struct IcpParser;
}

use grammar::{IcpParser, Rule};

pub use scan::MAX_DEPTH;

/// Parses a rule file; on failure returns every syntax error found.
pub fn parse(source: &Source) -> Result<ast::File, Vec<Diagnostic>> {
    let text = source.text.as_str();
    let scan = scan::scan(text);
    if !scan.problems.is_empty() {
        return Err(scan.problems.iter().map(errors::lexical).collect());
    }
    let mut items = Vec::new();
    let mut diagnostics = Vec::new();
    let mut bounds = scan.declaration_starts.clone();
    bounds.push(text.len());
    for window in bounds.windows(2) {
        match parse_declaration(text, window[0], window[1]) {
            Ok(Some(item)) => items.push(item),
            Ok(None) => {}
            Err(diagnostic) => diagnostics.push(diagnostic),
        }
    }
    if !diagnostics.is_empty() {
        return Err(diagnostics);
    }
    Ok(ast::File {
        items,
        comments: scan.comments,
        span: Span::new(0, text.len()),
    })
}

/// Parses the one declaration in `text[start..end]` (`None` if it holds
/// only comments). Each declaration is parsed on its own, so an error in
/// one never hides the next.
fn parse_declaration(
    text: &str,
    start: usize,
    end: usize,
) -> Result<Option<ast::Item>, Diagnostic> {
    let slice = &text[start..end];
    if IcpParser::parse(Rule::end_of_file, slice).is_ok() {
        return Ok(None);
    }
    let mut pairs = IcpParser::parse(Rule::item, slice)
        .map_err(|error| errors::parse_error(text, start, end, &error))?;
    let Some(pair) = pairs.next() else {
        return Err(errors::internal(Span::new(start, end), Rule::item));
    };
    let lowerer = lower::Lowerer { base: start };
    lowerer
        .item(pair)
        .map(Some)
        .map_err(|internal| errors::internal(internal.span, internal.rule))
}

#[cfg(test)]
mod tests;

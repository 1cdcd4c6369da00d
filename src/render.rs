//! Rendering diagnostics: `Diagnostic`s of one or more files to text.
//!
//! In: one [`Report`] per file (its [`Source`] and its diagnostics). Out: a
//! `String` in one of five [`Format`]s. Nothing here does IO or decides
//! about colour: the CLI says whether it wants colour. Every format lists a
//! file's diagnostics in source order, files in the order given; lines and
//! columns are 1-based, columns counted in characters.
//!
//! - `human`: the rustc look (codespan-reporting), help and notes as `= ` lines;
//! - `short`: exactly one line per diagnostic, `FILE:LINE:COL: SEVERITY[CODE]: MESSAGE`;
//! - `json`: one JSON array of objects (the `json` submodule documents its fields);
//! - `github`: GitHub Actions workflow commands (the `github` submodule);
//! - `sarif`: a SARIF 2.1.0 log with the whole code catalogue as rules.

mod github;
mod json;
mod sarif;
mod terminal;

use crate::diagnostic::Diagnostic;
use crate::source::{Position, Source, Span};

/// The five renderings of diagnostics; the module doc says what each is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Source snippets with carets, labels and help (the rustc look).
    Human,
    /// One line per diagnostic: `FILE:LINE:COL: SEVERITY[CODE]: MESSAGE`.
    Short,
    /// A JSON array with every field of every diagnostic.
    Json,
    /// GitHub Actions annotations (`::error file=...::message`).
    Github,
    /// SARIF 2.1.0, for code-scanning tools.
    Sarif,
}

/// The diagnostics of one file.
#[derive(Debug, Clone, Copy)]
pub struct Report<'a> {
    /// The file they are about.
    pub source: &'a Source,
    /// Its diagnostics, in any order.
    pub diagnostics: &'a [Diagnostic],
}

impl Report<'_> {
    /// The diagnostics in source order (then by code).
    fn ordered(&self) -> Vec<&Diagnostic> {
        let mut ordered: Vec<&Diagnostic> = self.diagnostics.iter().collect();
        ordered.sort_by_key(|diagnostic| (diagnostic.primary_span(), diagnostic.code));
        ordered
    }
}

/// Renders every report in `format`; `color` adds ANSI colour to `human`
/// and `short` (the other formats are for machines and never coloured).
pub fn render(format: Format, reports: &[Report], color: bool) -> String {
    match format {
        Format::Human => terminal::render(reports, terminal::Style::Rich, color),
        Format::Short => terminal::render(reports, terminal::Style::Short, color),
        Format::Json => json::render(reports),
        Format::Github => github::render(reports),
        Format::Sarif => sarif::render(reports),
    }
}

/// Where a span starts and ends, as lines and columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Region {
    /// The first character.
    start: Position,
    /// Just past the last character (exclusive, as SARIF and JSON give it).
    end: Position,
    /// The last character itself (inclusive, as GitHub annotations give it).
    last: Position,
}

impl Region {
    fn of(source: &Source, span: Span) -> Region {
        let end = span.end.max(span.start);
        let last = source
            .text
            .get(..end as usize)
            .and_then(|prefix| prefix.char_indices().next_back())
            .map_or(span.start, |(offset, _)| to_offset(offset).max(span.start));
        Region {
            start: source.position(span.start),
            end: source.position(end),
            last: source.position(last),
        }
    }
}

fn to_offset(offset: usize) -> u32 {
    u32::try_from(offset).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests;

//! `--format json`: one JSON array (a single document, so any JSON parser
//! reads it whole) holding one object per diagnostic, files in the order
//! given, each file's diagnostics in source order:
//!
//! ```json
//! [{"file": "rules.icp", "code": "E201", "name": "unknown-field",
//!   "severity": "error", "message": "unknown field `employes`",
//!   "help": "did you mean `employees`?", "notes": [],
//!   "start": {"line": 12, "column": 7, "offset": 310},
//!   "end": {"line": 12, "column": 15, "offset": 318},
//!   "labels": [{"primary": true, "message": "not in the schema",
//!               "start": {...}, "end": {...}}]}]
//! ```
//!
//! `start`/`end` are those of the primary label; `end` is exclusive (just
//! past the last character); `help` is `null` when there is none.

use super::{Region, Report};
use crate::diagnostic::{Diagnostic, Label};
use crate::source::{Source, Span};
use serde::Serialize;

#[derive(Serialize)]
struct Entry<'a> {
    file: &'a str,
    code: &'static str,
    name: &'static str,
    severity: &'static str,
    message: &'a str,
    help: Option<&'a str>,
    notes: &'a [String],
    start: Point,
    end: Point,
    labels: Vec<LabelEntry<'a>>,
}

#[derive(Serialize)]
struct LabelEntry<'a> {
    primary: bool,
    message: &'a str,
    start: Point,
    end: Point,
}

/// A place in the file: 1-based line and column (characters), byte offset.
#[derive(Serialize)]
struct Point {
    line: usize,
    column: usize,
    offset: u32,
}

/// Renders the array, pretty-printed, with a final line break.
pub fn render(reports: &[Report]) -> String {
    let entries: Vec<Entry> = reports
        .iter()
        .flat_map(|report| {
            report
                .ordered()
                .into_iter()
                .map(|diagnostic| entry(report.source, diagnostic))
        })
        .collect();
    let mut text = serde_json::to_string_pretty(&entries).unwrap_or_else(|_| "[]".to_string());
    text.push('\n');
    text
}

fn entry<'a>(source: &'a Source, diagnostic: &'a Diagnostic) -> Entry<'a> {
    let (start, end) = points(source, diagnostic.primary_span());
    Entry {
        file: &source.name,
        code: diagnostic.code.as_str(),
        name: diagnostic.code.name(),
        severity: diagnostic.severity().as_str(),
        message: &diagnostic.message,
        help: diagnostic.help.as_deref(),
        notes: &diagnostic.notes,
        start,
        end,
        labels: diagnostic
            .labels
            .iter()
            .map(|label| label_entry(source, label))
            .collect(),
    }
}

fn label_entry<'a>(source: &Source, label: &'a Label) -> LabelEntry<'a> {
    let (start, end) = points(source, label.span);
    LabelEntry {
        primary: label.primary,
        message: &label.message,
        start,
        end,
    }
}

fn points(source: &Source, span: Span) -> (Point, Point) {
    let region = Region::of(source, span);
    let start = Point {
        line: region.start.line,
        column: region.start.column,
        offset: span.start,
    };
    let end = Point {
        line: region.end.line,
        column: region.end.column,
        offset: span.end,
    };
    (start, end)
}

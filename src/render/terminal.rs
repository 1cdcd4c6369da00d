//! The two formats for people, through codespan-reporting: `human` (the
//! rustc look: snippet, carets, labels, `= note:` and `= help:` lines) and
//! `short` (one `FILE:LINE:COL: SEVERITY[CODE]: MESSAGE` line each).
//!
//! Colour is ANSI escapes written into the string, only when asked for.

use super::Report;
use crate::diagnostic::{Diagnostic, Severity};
use codespan_reporting::diagnostic as codespan;
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::{self, DisplayStyle, Styles, StylesWriter, termcolor};

/// Which of codespan's layouts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// Source snippets with carets under each label (`--format human`).
    Rich,
    /// One line per diagnostic, no snippet (`--format short`).
    Short,
}

/// Renders every report in the given style.
pub fn render(reports: &[Report], style: Style, color: bool) -> String {
    let config = term::Config {
        display_style: match style {
            Style::Rich => DisplayStyle::Rich,
            Style::Short => DisplayStyle::Short,
        },
        ..term::Config::default()
    };
    let mut buffer = if color {
        termcolor::Buffer::ansi()
    } else {
        termcolor::Buffer::no_color()
    };
    let styles = Styles::default();
    for report in reports {
        let file = SimpleFile::new(report.source.name.as_str(), report.source.text.as_str());
        for diagnostic in report.ordered() {
            let converted = convert(diagnostic, style, &report.source.text);
            let mut writer = StylesWriter::new(&mut buffer, &styles);
            if term::emit_to_write_style(&mut writer, &config, &file, &converted).is_err() {
                // A span outside the file (a bug upstream) must still not hide the problem.
                let fallback = convert(&without_labels(diagnostic), style, "");
                let mut writer = StylesWriter::new(&mut buffer, &styles);
                let _ignored = term::emit_to_write_style(&mut writer, &config, &file, &fallback);
            }
        }
    }
    String::from_utf8_lossy(buffer.as_slice()).into_owned()
}

/// Our diagnostic in codespan's terms. In the short style every line break
/// in the message becomes a space, so that each diagnostic stays one line.
fn convert(diagnostic: &Diagnostic, style: Style, text: &str) -> codespan::Diagnostic<()> {
    let severity = match diagnostic.severity() {
        Severity::Error => codespan::Severity::Error,
        Severity::Warning => codespan::Severity::Warning,
    };
    let message = match style {
        Style::Rich => diagnostic.message.clone(),
        Style::Short => diagnostic.message.replace(['\r', '\n'], " "),
    };
    let labels = diagnostic
        .labels
        .iter()
        .map(|label| {
            let make = if label.primary {
                codespan::Label::primary
            } else {
                codespan::Label::secondary
            };
            make((), clamp(text, label.span.range())).with_message(label.message.as_str())
        })
        .collect();
    let notes = diagnostic
        .notes
        .iter()
        .map(|note| format!("note: {note}"))
        .chain(diagnostic.help.iter().map(|help| format!("help: {help}")))
        .collect();
    codespan::Diagnostic::new(severity)
        .with_code(diagnostic.code.as_str())
        .with_message(message)
        .with_labels(labels)
        .with_notes(notes)
}

fn without_labels(diagnostic: &Diagnostic) -> Diagnostic {
    Diagnostic {
        labels: Vec::new(),
        ..diagnostic.clone()
    }
}

/// A byte range cut to the text and to character boundaries, so that a
/// span from a bug upstream can never make the renderer fail.
fn clamp(text: &str, range: std::ops::Range<usize>) -> std::ops::Range<usize> {
    let floor = |mut offset: usize| {
        offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        offset
    };
    let start = floor(range.start);
    start..floor(range.end).max(start)
}

//! `--format github`: one GitHub Actions workflow command per diagnostic,
//! so that a pull request shows it on the changed line:
//!
//! ```text
//! ::error file=rules.icp,line=12,col=7,endLine=12,endColumn=14,title=E201 unknown-field::unknown field `employes`%0Ahelp: did you mean `employees`?
//! ```
//!
//! `endColumn` is inclusive (the last character). Escaping follows the
//! workflow-command rules of `@actions/core`: in the message `%`, `\r`, `\n`
//! become `%25`, `%0D`, `%0A`; property values also escape `:` and `,`.

use super::{Region, Report};
use crate::diagnostic::Diagnostic;
use crate::source::Source;
use std::fmt::Write;

/// Renders one line per diagnostic.
pub fn render(reports: &[Report]) -> String {
    let mut out = String::new();
    for report in reports {
        for diagnostic in report.ordered() {
            command(&mut out, report.source, diagnostic);
        }
    }
    out
}

fn command(out: &mut String, source: &Source, diagnostic: &Diagnostic) {
    let region = Region::of(source, diagnostic.primary_span());
    let title = format!("{} {}", diagnostic.code, diagnostic.code.name());
    let mut message = diagnostic.message.clone();
    for note in &diagnostic.notes {
        message.push_str("\nnote: ");
        message.push_str(note);
    }
    if let Some(help) = &diagnostic.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    let _infallible = writeln!(
        out,
        "::{} file={},line={},col={},endLine={},endColumn={},title={}::{}",
        diagnostic.severity().as_str(),
        escape_property(&source.name),
        region.start.line,
        region.start.column,
        region.last.line,
        region.last.column,
        escape_property(&title),
        escape_data(&message),
    );
}

/// Escapes a message (the text after `::`).
pub fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value (`file=...`, `title=...`).
pub fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

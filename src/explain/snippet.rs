//! The rule file's source, annotated with what each test saw: the
//! rustc look of codespan-reporting, one snippet per rule, a label under
//! every test with its outcome and the record's value.

use super::{Rules, leaves, sentence::value_text};
use crate::trace::{ClauseKind, Outcome, Trace};
use codespan_reporting::diagnostic::{Diagnostic, Label};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::{self, Config, termcolor::Buffer};

/// Every rule's source with labels under its tests; fired rules' labels
/// are primary. `color` adds terminal colours.
pub fn annotated_rules(context: Rules<'_>, trace: &Trace, color: bool) -> String {
    // One file per part of the source, so a rule from an included file is
    // shown with that file's name and lines.
    let parts = context.source.parts();
    let mut files = SimpleFiles::new();
    for part in &parts {
        files.add(part.name.as_str(), &context.source.text[part.span.range()]);
    }
    let locate = |span: crate::source::Span| {
        let index = parts
            .iter()
            .rposition(|part| part.span.start <= span.start)
            .unwrap_or(0);
        let base = parts.get(index).map_or(0, |part| part.span.start) as usize;
        (index, span.start as usize - base..span.end as usize - base)
    };
    let mut buffer = if color {
        Buffer::ansi()
    } else {
        Buffer::no_color()
    };
    let config = Config::default();
    for rule_trace in &trace.rules {
        let rule = &context.program.rules[rule_trace.rule as usize];
        let verdict_word = match rule_trace.clause.outcome {
            Outcome::True => "fired",
            Outcome::Unknown => "unknown (missing data)",
            Outcome::False | Outcome::Skipped => "did not fire",
        };
        let labels = leaves(&rule_trace.clause)
            .into_iter()
            .filter_map(|leaf| match &leaf.kind {
                ClauseKind::Test { value, .. } => {
                    let message = format!("{}: {}", leaf.outcome.as_str(), value_text(value));
                    let (file, range) = locate(leaf.span);
                    let label = if leaf.outcome == Outcome::True {
                        Label::primary(file, range)
                    } else {
                        Label::secondary(file, range)
                    };
                    Some(label.with_message(message))
                }
                ClauseKind::And(_)
                | ClauseKind::Or(_)
                | ClauseKind::Not(_)
                | ClauseKind::Let { .. } => None,
            })
            .collect();
        let diagnostic = Diagnostic::note()
            .with_message(format!(
                "rule `{}` {verdict_word} ({})",
                rule.name,
                context.effects_text(&rule.effects)
            ))
            .with_labels(labels);
        if term::emit_to_write_style(&mut buffer, &config, &files, &diagnostic).is_err() {
            break;
        }
    }
    String::from_utf8_lossy(buffer.as_slice()).into_owned()
}

//! The prose of syntax errors, in one place.

use super::Rule;
use super::describe::describe;
use super::scan::{MAX_DEPTH, Problem};
use crate::diagnostic::{Code, Diagnostic};
use crate::source::Span;
use pest::error::{ErrorVariant, InputLocation};

/// A problem found by the lexical pre-scan.
pub fn lexical(problem: &Problem) -> Diagnostic {
    match *problem {
        Problem::UnterminatedString(span) => Diagnostic::new(
            Code::Unterminated,
            "unterminated string",
            span,
            "this string is not closed",
        )
        .with_help("add a closing `\"` before the end of the line"),
        Problem::UnterminatedRegex(span) => Diagnostic::new(
            Code::Unterminated,
            "unterminated regex",
            span,
            "this regex is not closed",
        )
        .with_help(
            "add a closing `/` before the end of the line; write `\\/` for a slash inside it",
        ),
        Problem::Unclosed(span, opener) => {
            let closer = match opener {
                b'(' => ')',
                b'[' => ']',
                _ => '}',
            };
            let opener = char::from(opener);
            Diagnostic::new(
                Code::Unterminated,
                format!("unclosed `{opener}`"),
                span,
                format!("this `{opener}` is never closed"),
            )
            .with_help(format!(
                "add a closing `{closer}` before the declaration ends"
            ))
        }
        Problem::TooDeep(span) => Diagnostic::new(
            Code::TooDeep,
            format!("conditions nested more than {MAX_DEPTH} levels deep"),
            span,
            "too deep here",
        )
        .with_help("split the condition into named `let`s"),
        Problem::TypeTooDeep(span) => Diagnostic::new(
            Code::TooDeep,
            format!("types nested more than {MAX_DEPTH} levels deep"),
            span,
            "too deep here",
        )
        .with_help("a field's type needs a `list<` or two, not more"),
    }
}

/// A pest error on the declaration `text[base..end]`.
pub fn parse_error(
    text: &str,
    base: usize,
    end: usize,
    error: &pest::error::Error<Rule>,
) -> Diagnostic {
    let offset = base
        + match error.location {
            InputLocation::Pos(position) => position,
            InputLocation::Span((start, _)) => start,
        };
    let expected = match &error.variant {
        ErrorVariant::ParsingError { positives, .. } => expected_list(positives),
        ErrorVariant::CustomError { message } => message.clone(),
    };
    let (span, found) = found_at(text, end, offset);
    let mut diagnostic = Diagnostic::new(
        Code::Syntax,
        format!("expected {expected}, found {found}"),
        span,
        format!("expected {expected}"),
    );
    if let Some(help) = help_for(text.get(span.range()).unwrap_or("")) {
        diagnostic = diagnostic.with_help(help);
    }
    diagnostic
}

/// A pair the lowering did not expect: a bug in icpc, reported, not panicked.
pub fn internal(span: Span, grammar_rule: Rule) -> Diagnostic {
    Diagnostic::new(
        Code::Syntax,
        "the parser could not read this declaration",
        span,
        "here",
    )
    .with_note(format!(
        "this is a bug in icpc (unexpected {grammar_rule:?}); please report it with the file"
    ))
}

/// "a value, a list or `]`": descriptions deduplicated, in a stable order.
fn expected_list(rules: &[Rule]) -> String {
    let mut words: Vec<&str> = rules
        .iter()
        .map(|grammar_rule| describe(*grammar_rule))
        .collect();
    words.sort_unstable();
    words.dedup();
    match words.as_slice() {
        [] => "something else".to_string(),
        [only] => (*only).to_string(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

/// The span and description of what stands at `offset` in the declaration
/// ending at `end`. When nothing but whitespace and comments separates it
/// from the previous token across a line break, the problem is the end of
/// that line, so the error points there.
fn found_at(text: &str, end: usize, offset: usize) -> (Span, String) {
    let offset = offset.min(end);
    let before = trim_end_with_comments(&text[..offset]);
    let crosses_line = text[before.len()..offset].contains('\n');
    if offset >= end || crosses_line {
        let what = if end >= text.trim_end().len() {
            "end of file"
        } else {
            "end of line"
        };
        return (Span::new(before.len(), before.len()), what.to_string());
    }
    let rest = &text[offset..end];
    let word_length = rest
        .char_indices()
        .find(|(_, c)| !(c.is_alphanumeric() || *c == '_'))
        .map_or(rest.len(), |(index, _)| index);
    let length = if word_length == 0 {
        rest.char_indices()
            .find(|(_, c)| {
                c.is_alphanumeric() || c.is_whitespace() || matches!(c, '"' | '[' | '(' | '/')
            })
            .map_or(rest.len(), |(index, _)| {
                index.max(rest.chars().next().map_or(0, char::len_utf8))
            })
    } else {
        word_length
    };
    let token = &rest[..length];
    (
        Span::new(offset, offset + length),
        format!("`{}`", token.escape_debug()),
    )
}

/// Trims trailing whitespace and whole comment lines.
pub fn trim_end_with_comments(text: &str) -> &str {
    let mut trimmed = text.trim_end();
    loop {
        let line_start = trimmed.rfind('\n').map_or(0, |newline| newline + 1);
        if !trimmed[line_start..].trim_start().starts_with('#') || line_start == 0 {
            return trimmed;
        }
        trimmed = trimmed[..line_start].trim_end();
    }
}

fn help_for(found: &str) -> Option<String> {
    match found {
        "AND" | "OR" | "NOT" | "And" | "Or" | "Not" => {
            Some(format!("write `{}` in lowercase", found.to_lowercase()))
        }
        "and" | "or" | "not" | "in" | "has" | "is" | "within" | "matches" | "contains"
        | "starts_with" | "ends_with" | "true" | "false" | "otherwise" | "disqualify" => {
            Some(format!("`{found}` is a keyword; choose another name"))
        }
        "=" => Some("compare with `==`".to_string()),
        _ if found.starts_with(['.', '@', '-']) => {
            Some("quote text that is not a plain word, like \".edu\"".to_string())
        }
        "'" => Some("quote text with double quotes: \"like this\"".to_string()),
        _ => None,
    }
}

//! Regex literals: flags and patterns checked with the regex engine.
//!
//! Takes an `ast::Regex` and the source it came from; reports an unknown
//! flag at the flag, and a pattern the engine rejects at the exact place
//! inside the pattern that `regex-syntax` names, with its reason (E208).
//! A pattern that passes here compiles in every backend that uses the
//! `regex` crate.

use super::errors;
use crate::ast;
use crate::diagnostic::Diagnostic;
use crate::source::{Source, Span};

/// Checks a regex literal; the errors found, if any.
pub fn check(regex: &ast::Regex, source: &Source) -> Result<(), Vec<Diagnostic>> {
    let mut problems = Vec::new();
    let flags_start = (regex.span.end as usize).saturating_sub(regex.flags.len());
    for (offset, flag) in regex.flags.char_indices() {
        if flag != 'i' {
            let start = flags_start + offset;
            problems.push(errors::unknown_regex_flag(
                flag,
                Span::new(start, start + flag.len_utf8()),
            ));
        }
    }
    if let Err(problem) = pattern(regex, source) {
        problems.push(problem);
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}

/// Checks the pattern, pointing into it when the engine says where.
fn pattern(regex: &ast::Regex, source: &Source) -> Result<(), Diagnostic> {
    let case_insensitive = regex.case_insensitive();
    let parsed = regex_syntax::ParserBuilder::new()
        .case_insensitive(case_insensitive)
        .build()
        .parse(&regex.pattern);
    if let Err(error) = parsed {
        let located = if let regex_syntax::Error::Parse(error) = &error {
            Some((
                error.kind().to_string(),
                error.span().start.offset,
                error.span().end.offset,
            ))
        } else if let regex_syntax::Error::Translate(error) = &error {
            Some((
                error.kind().to_string(),
                error.span().start.offset,
                error.span().end.offset,
            ))
        } else {
            None
        };
        let (reason, start, end) =
            located.unwrap_or_else(|| (error.to_string(), 0, regex.pattern.len()));
        let body_start = regex.span.start as usize + 1;
        let body = source.slice(Span::new(body_start, flags_start(regex)));
        let span = Span::new(
            body_start + source_offset(body, start),
            body_start + source_offset(body, end.max(start + 1)),
        );
        return Err(errors::bad_regex(&reason, span));
    }
    regex::RegexBuilder::new(&regex.pattern)
        .case_insensitive(case_insensitive)
        .build()
        .map(drop)
        .map_err(|error| errors::bad_regex(&engine_reason(&error), regex.span))
}

/// Where the closing `/` is.
fn flags_start(regex: &ast::Regex) -> usize {
    (regex.span.end as usize).saturating_sub(regex.flags.len() + 1)
}

/// The byte offset in the written body of an offset in the pattern, where
/// each `\/` of the body is one `/` of the pattern.
fn source_offset(body: &str, pattern_offset: usize) -> usize {
    let bytes = body.as_bytes();
    let (mut pattern, mut written) = (0, 0);
    while pattern < pattern_offset && written < bytes.len() {
        let escaped_slash = bytes[written] == b'\\' && bytes.get(written + 1) == Some(&b'/');
        written += if escaped_slash { 2 } else { 1 };
        pattern += 1;
    }
    written.min(bytes.len())
}

/// The last line of a regex engine error: the reason without the pattern.
fn engine_reason(error: &regex::Error) -> String {
    let text = error.to_string();
    let last = text.lines().last().unwrap_or("");
    last.strip_prefix("error: ").unwrap_or(last).to_string()
}

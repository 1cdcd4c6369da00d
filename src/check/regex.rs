//! Regex literals: flags and patterns checked with the regex engine.
//!
//! Takes an `ast::Regex` and the source it came from; reports an unknown
//! flag at the flag, and a pattern the engine rejects at the exact place
//! inside the pattern that `regex-syntax` names, with its reason (E208).
//! A pattern that passes here compiles in every backend that uses the
//! `regex` crate (the same syntax and size limit).

use super::errors;
use crate::ast;
use crate::diagnostic::Diagnostic;
use crate::source::{Source, Span};
use regex_automata::nfa::thompson;
use rustc_hash::FxHashSet;

/// The size limit of the `regex` crate's default builder, in bytes.
const SIZE_LIMIT: usize = 10 * (1 << 20);

/// The patterns already found valid in one file, without and with the `i`
/// flag: rule files repeat their patterns, and each check builds an NFA
/// (decision 023).
#[derive(Debug, Default)]
pub struct Valid([FxHashSet<Box<str>>; 2]);

/// Checks a regex literal; the errors found, if any. A pattern in `valid`
/// is not built again; one that passes is added.
pub fn check(
    regex: &ast::Regex,
    source: &Source,
    valid: &mut Valid,
) -> Result<(), Vec<Diagnostic>> {
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
    let known = &mut valid.0[usize::from(regex.case_insensitive())];
    if !known.contains(regex.pattern.as_str()) {
        match pattern(regex, source) {
            Ok(()) => {
                known.insert(regex.pattern.as_str().into());
            }
            Err(problem) => problems.push(problem),
        }
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
    let hir = match parsed {
        Ok(hir) => hir,
        Err(error) => return Err(located(regex, source, &error)),
    };
    // The size check of the `regex` crate, without building the whole
    // matcher (which costs far more than checking needs).
    thompson::Compiler::new()
        .configure(thompson::Config::new().nfa_size_limit(Some(SIZE_LIMIT)))
        .build_from_hir(&hir)
        .map(drop)
        .map_err(|error| errors::bad_regex(&error.to_string(), regex.span))
}

/// A syntax error, pointed at where in the pattern the engine says it is.
fn located(regex: &ast::Regex, source: &Source, error: &regex_syntax::Error) -> Diagnostic {
    let located = if let regex_syntax::Error::Parse(error) = error {
        Some((error.kind().to_string(), *error.span()))
    } else if let regex_syntax::Error::Translate(error) = error {
        Some((error.kind().to_string(), *error.span()))
    } else {
        None
    };
    let (reason, start, end) = match located {
        Some((reason, span)) => (reason, span.start.offset, span.end.offset),
        None => (error.to_string(), 0, regex.pattern.len()),
    };
    let body_start = regex.span.start as usize + 1;
    let body = source.slice(Span::new(body_start, flags_start(regex)));
    let span = Span::new(
        body_start + source_offset(body, start),
        body_start + source_offset(body, end.max(start + 1)),
    );
    errors::bad_regex(&reason, span)
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

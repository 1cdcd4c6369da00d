//! Silencing lints with comments.
//!
//! `# icpc: allow(W206, unused-let)` on the line before a declaration, or
//! on one of its lines, silences those lints for that declaration;
//! `# icpc: allow-file(W206)` anywhere silences them for the whole file:
//! the file it is written in, so a shared file's allows are its own and
//! neither silence nor are silenced by the files that include it.
//! Lints are named by code or by name (`diagnostic::Code::parse`). An
//! `icpc:` comment that is not understood, or names an unknown code or an
//! error, is itself reported (W207). Errors are never silenced.

use super::errors;
use crate::ast;
use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::source::{Source, Span};
use std::collections::{HashMap, HashSet};

/// Where an `allow` applies.
enum Scope {
    File,
    Declaration,
}

/// Drops the warnings that `allow` comments silence; adds W207 for bad ones.
pub fn apply(file: &ast::File, source: &Source, diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let lines: Vec<(usize, usize)> = file
        .items
        .iter()
        .map(|item| {
            let span = item.span();
            (
                source.joined_line(span.start),
                source.joined_line(span.end.saturating_sub(1).max(span.start)),
            )
        })
        .collect();
    let mut per_item: Vec<HashSet<Code>> = vec![HashSet::new(); file.items.len()];
    // Per file (by name) the codes its `allow-file` comments silence.
    let mut whole_file: HashMap<&str, HashSet<Code>> = HashMap::new();
    let mut problems = Vec::new();
    for comment in &file.comments {
        let Some((scope, codes)) = directive(comment, &mut problems) else {
            continue;
        };
        match scope {
            Scope::File => (whole_file.entry(source.file_name(comment.span.start)))
                .or_default()
                .extend(codes),
            Scope::Declaration => {
                if let Some(item) = target(&lines, source.joined_line(comment.span.start)) {
                    per_item[item].extend(codes);
                }
            }
        }
    }
    let starts: Vec<u32> = file.items.iter().map(|item| item.span().start).collect();
    diagnostics
        .into_iter()
        .chain(problems)
        .filter(|diagnostic| {
            let start = diagnostic.primary_span().start;
            let item = starts
                .partition_point(|item_start| *item_start <= start)
                .checked_sub(1);
            let in_file = whole_file.get(source.file_name(start));
            let silenced = in_file.is_some_and(|codes| codes.contains(&diagnostic.code))
                || item.is_some_and(|item| per_item[item].contains(&diagnostic.code));
            diagnostic.severity() == Severity::Error || !silenced
        })
        .collect()
}

/// The declaration an allow comment on `line` applies to: the one whose
/// lines include it, else the one starting on the next line.
fn target(lines: &[(usize, usize)], line: usize) -> Option<usize> {
    let after = lines.partition_point(|(start, _)| *start <= line);
    if let Some(index) = after.checked_sub(1)
        && lines[index].1 >= line
    {
        return Some(index);
    }
    lines
        .get(after)
        .filter(|(start, _)| *start == line + 1)
        .map(|_| after)
}

/// Parses an `# icpc: ...` comment; `None` for ordinary comments and bad ones.
fn directive(comment: &ast::Comment, problems: &mut Vec<Diagnostic>) -> Option<(Scope, Vec<Code>)> {
    let body = comment.text.strip_prefix('#')?.trim_start();
    let rest = body.strip_prefix("icpc:")?.trim();
    let (scope, inner) = if let Some(inner) = rest.strip_prefix("allow-file(") {
        (Scope::File, inner)
    } else if let Some(inner) = rest.strip_prefix("allow(") {
        (Scope::Declaration, inner)
    } else {
        problems.push(errors::malformed_allow(comment.span));
        return None;
    };
    let Some(list) = inner.strip_suffix(')') else {
        problems.push(errors::malformed_allow(comment.span));
        return None;
    };
    // `list` is a slice of the comment's text: its offset in that text.
    let list_offset = list.as_ptr() as usize - comment.text.as_ptr() as usize;
    let mut codes = Vec::new();
    let mut offset = 0;
    for entry in list.split(',') {
        let trimmed = entry.trim();
        let start = comment.span.start as usize
            + list_offset
            + offset
            + (entry.len() - entry.trim_start().len());
        offset += entry.len() + 1;
        if trimmed.is_empty() {
            continue;
        }
        let span = Span::new(start, start + trimmed.len());
        match Code::parse(trimmed) {
            Some(code) if code.severity() == Severity::Warning => codes.push(code),
            Some(_) => problems.push(errors::not_a_lint(trimmed, span)),
            None => problems.push(errors::unknown_lint(trimmed, span)),
        }
    }
    Some((scope, codes))
}

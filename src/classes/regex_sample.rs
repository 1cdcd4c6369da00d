//! Strings a regex matches, generated from its structure (regex-syntax's
//! HIR): a literal is itself, a class gives a letter or digit it holds (and
//! a space, when it holds one, so that `.*` can separate two words that
//! `\b` must keep apart), a repetition its least count (and one, when that
//! is zero), an alternation each branch. Case-insensitive patterns parse
//! with the flag, so `/\bmarketing\b.*\bmanager\b/i` gives
//! `marketing manager`. Only strings the real regex matches are kept.

use regex_syntax::hir::{Class, Hir, HirKind, Look};

/// At most this many variants of any part of a pattern.
const MAX_VARIANTS: usize = 16;
/// Repetitions longer than this are not written out.
const MAX_LENGTH: usize = 256;

/// Where a pattern is anchored: `^...` must open a text, `...$` end it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Anchors {
    /// The pattern starts with `^` (or `\A`).
    pub start: bool,
    /// The pattern ends with `$` (or `\z`).
    pub end: bool,
}

/// Up to four strings `pattern` matches (none for a pattern that does
/// not compile), and where it is anchored.
pub fn samples(pattern: &str, case_insensitive: bool) -> (Vec<String>, Anchors) {
    let none = Anchors {
        start: false,
        end: false,
    };
    let Ok(regex) = regex::RegexBuilder::new(pattern)
        .case_insensitive(case_insensitive)
        .build()
    else {
        return (Vec::new(), none);
    };
    let Ok(hir) = regex_syntax::ParserBuilder::new()
        .case_insensitive(case_insensitive)
        .build()
        .parse(pattern)
    else {
        return (Vec::new(), none);
    };
    let properties = hir.properties();
    let anchors = Anchors {
        start: properties.look_set_prefix().contains(Look::Start),
        end: properties.look_set_suffix().contains(Look::End),
    };
    let mut found: Vec<String> = Vec::new();
    for sample in variants(&hir) {
        if regex.is_match(&sample) && !found.contains(&sample) {
            found.push(sample);
            if found.len() == 4 {
                break;
            }
        }
    }
    (found, anchors)
}

fn variants(hir: &Hir) -> Vec<String> {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => vec![String::new()],
        HirKind::Literal(literal) => {
            vec![String::from_utf8_lossy(&literal.0).into_owned()]
        }
        HirKind::Class(class) => class_chars(class).into_iter().map(String::from).collect(),
        HirKind::Repetition(repetition) => {
            let inner = variants(&repetition.sub);
            let mut counts = vec![repetition.min as usize];
            if repetition.min == 0 && repetition.max != Some(0) {
                counts.push(1);
            }
            let mut out = Vec::new();
            for count in counts {
                for part in &inner {
                    if part.len() * count <= MAX_LENGTH {
                        out.push(part.repeat(count));
                    }
                }
            }
            out.truncate(MAX_VARIANTS);
            out
        }
        HirKind::Capture(capture) => variants(&capture.sub),
        HirKind::Concat(parts) => parts.iter().fold(vec![String::new()], |heads, part| {
            let tails = variants(part);
            let mut out = Vec::new();
            for head in &heads {
                for tail in &tails {
                    if out.len() < MAX_VARIANTS {
                        out.push(format!("{head}{tail}"));
                    }
                }
            }
            out
        }),
        HirKind::Alternation(branches) => {
            let mut out: Vec<String> = branches.iter().flat_map(variants).collect();
            out.truncate(MAX_VARIANTS);
            out
        }
    }
}

/// A letter or digit of the class (else its first character), and a
/// space when the class holds one.
fn class_chars(class: &Class) -> Vec<char> {
    let ranges: Vec<(char, char)> = match class {
        Class::Unicode(unicode) => (unicode.ranges().iter())
            .map(|range| (range.start(), range.end()))
            .collect(),
        Class::Bytes(bytes) => (bytes.ranges().iter())
            .filter(|range| range.start().is_ascii())
            .map(|range| (char::from(range.start()), char::from(range.end().min(0x7f))))
            .collect(),
    };
    let holds = |c: char| ranges.iter().any(|(start, end)| *start <= c && c <= *end);
    let preferred = ('a'..='z')
        .chain('A'..='Z')
        .chain('0'..='9')
        .find(|c| holds(*c))
        .or_else(|| ranges.first().map(|(start, _)| *start));
    preferred
        .into_iter()
        .chain(holds(' ').then_some(' '))
        .collect()
}

//! Texts: candidates for every joint outcome of a field's text tests.
//!
//! Equality and `in` literals are candidates as written (one per folded
//! form). The other tests (`starts_with`, `contains`, `ends_with`,
//! `matches`) each give pieces that make them hold (a regex its generated
//! samples, `regex_sample`), and every combination of those tests gives a
//! text that joins their pieces, prefixes first, suffixes last, words
//! apart: `VP marketing manager.io`. A test that does not end up as
//! intended in such a text only means that combination is found elsewhere
//! or not at all; the evaluator decides every candidate's class.
//!
//! Tests written more than once (a large file repeats `title contains
//! "vp"` in many rules) count once: a copy gives no outcome its original
//! does not. Past [`ALL_COMBINATIONS`] tests, pairs are taken of the
//! distinct pieces rather than of the tests, so that many tests built
//! from a few words cost what the words do.

use super::regex_sample;
use crate::ast::TextOp;
use crate::ir::{Literal, PredTest};
use crate::record::Value;
use crate::semantics;
use rustc_hash::FxHashSet;

/// Up to this many distinct pattern tests, every combination of them is
/// tried; beyond, every pair of distinct pieces and all of the tests
/// together.
const ALL_COMBINATIONS: usize = 8;
/// At most this many ways to pick one piece per test of a combination.
const MAX_CHOICES: usize = 16;
/// Up to this many distinct pieces, every pair of them is tried; beyond,
/// none (the classes are incomplete already, and pairs grow with the
/// square: 5,000 `contains` on one field made 12.5 million).
const MAX_PAIRED: usize = 256;

/// Where a piece goes in a combined text.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Place {
    Start,
    Middle,
    End,
}

/// Candidate texts for a `text` field, and whether they are complete:
/// whether every joint outcome of the field's tests that some text has is
/// among theirs. Past [`ALL_COMBINATIONS`] pattern tests only pairs of
/// pieces and all of them together are tried, so a class that needs three
/// tests true and a fourth false may be missing: a search over such a
/// field can prove that something happens, never that it cannot.
pub fn candidates(tests: &[&PredTest]) -> (Vec<Value>, bool) {
    let tests = distinct(tests);
    // A case-sensitive regex tells `SaaS` from `saas`: then every
    // candidate comes as written, in lower and in upper case.
    let case_matters = tests.iter().any(|test| {
        matches!(
            test,
            PredTest::Matches {
                case_insensitive: false,
                ..
            }
        )
    });
    let mut seen = FxHashSet::default();
    let mut out = Vec::new();
    let mut push = |text: String| {
        if case_matters {
            for variant in [text.to_lowercase(), text.to_uppercase(), text] {
                if seen.insert(variant.clone()) {
                    out.push(Value::Text(variant));
                }
            }
        } else if seen.insert(semantics::fold(&text).into_owned()) {
            out.push(Value::Text(text));
        }
    };
    for literal in tests.iter().flat_map(|test| literals(test)) {
        push(literal.to_string());
    }
    let pieces: Vec<Vec<(Place, String)>> = tests.iter().filter_map(|test| pieces(test)).collect();
    for options in &pieces {
        for piece in options {
            for glue in GLUES {
                push(join(&[piece], glue));
            }
        }
    }
    let complete = pieces.len() <= ALL_COMBINATIONS;
    if complete {
        for subset in subsets(pieces.len()) {
            for chosen in choices(&subset, &pieces) {
                for glue in GLUES {
                    push(join(&chosen, glue));
                }
            }
        }
    } else {
        let mut each: Vec<&(Place, String)> = Vec::new();
        for piece in pieces.iter().flatten() {
            if !each.contains(&piece) {
                each.push(piece);
            }
        }
        let paired = if each.len() <= MAX_PAIRED {
            each.len()
        } else {
            0
        };
        for (at, first) in each[..paired].iter().enumerate() {
            for second in &each[at + 1..paired] {
                for glue in GLUES {
                    push(join(&[first, second], glue));
                }
            }
        }
        let all: Vec<usize> = (0..pieces.len()).collect();
        for chosen in choices(&all, &pieces) {
            for glue in GLUES {
                push(join(&chosen, glue));
            }
        }
    }
    push(String::new());
    push("x".to_string());
    (out, complete)
}

/// Each test once, in first-written order.
fn distinct<'a>(tests: &[&'a PredTest]) -> Vec<&'a PredTest> {
    let mut out: Vec<&PredTest> = Vec::new();
    for test in tests {
        if !out.contains(test) {
            out.push(test);
        }
    }
    out
}

/// Candidates for an `any` field (only presence and `in` apply).
pub fn any_candidates(tests: &[&PredTest]) -> Vec<Value> {
    let mut seen = FxHashSet::default();
    (tests.iter().flat_map(|test| literals(test)))
        .chain(["x"])
        .filter(|text| seen.insert(semantics::fold(text).into_owned()))
        .map(|text| Value::Present(text.to_string()))
        .collect()
}

fn literals<'a>(test: &'a PredTest) -> Vec<&'a str> {
    let text = |literal: &'a Literal| match literal {
        Literal::Text(text) => Some(text.as_str()),
        Literal::Number(_) | Literal::Bool(_) | Literal::Date(_) => None,
    };
    match test {
        PredTest::Compare(_, literal) => text(literal).into_iter().collect(),
        PredTest::In { values, .. } => values.iter().filter_map(text).collect(),
        PredTest::Range(..)
        | PredTest::HasAny(_)
        | PredTest::HasAll(_)
        | PredTest::Text(..)
        | PredTest::Matches { .. }
        | PredTest::Missing(_)
        | PredTest::Within(_) => Vec::new(),
    }
}

/// Texts that make a pattern test hold, with where they go; `None` for
/// other tests (and for a regex no sample was found for).
fn pieces(test: &PredTest) -> Option<Vec<(Place, String)>> {
    match test {
        PredTest::Text(op, text) => {
            let place = match op {
                TextOp::StartsWith => Place::Start,
                TextOp::Contains => Place::Middle,
                TextOp::EndsWith => Place::End,
            };
            Some(vec![(place, text.clone())])
        }
        PredTest::Matches {
            pattern,
            case_insensitive,
        } => {
            let (samples, anchors) = regex_sample::samples(pattern, *case_insensitive);
            let place = match (anchors.start, anchors.end) {
                (true, _) => Place::Start,
                (false, true) => Place::End,
                (false, false) => Place::Middle,
            };
            (!samples.is_empty()).then(|| samples.into_iter().map(|s| (place, s)).collect())
        }
        PredTest::Compare(..)
        | PredTest::In { .. }
        | PredTest::Range(..)
        | PredTest::HasAny(_)
        | PredTest::HasAll(_)
        | PredTest::Missing(_)
        | PredTest::Within(_) => None,
    }
}

/// One piece per test of `subset`, every way (a regex has several
/// samples), at most [`MAX_CHOICES`] ways.
fn choices<'a>(
    subset: &[usize],
    pieces: &'a [Vec<(Place, String)>],
) -> Vec<Vec<&'a (Place, String)>> {
    let mut out = vec![Vec::new()];
    for &index in subset {
        out = (out.iter())
            .flat_map(|chosen| {
                pieces[index].iter().map(move |piece| {
                    let mut chosen = chosen.clone();
                    chosen.push(piece);
                    chosen
                })
            })
            .take(MAX_CHOICES)
            .collect();
    }
    out
}

/// Index sets of `count` pattern tests to combine (two or more each).
fn subsets(count: usize) -> Vec<Vec<usize>> {
    (0u32..1 << count)
        .filter(|mask| mask.count_ones() >= 2)
        .map(|mask| (0..count).filter(|bit| mask & (1 << bit) != 0).collect())
        .collect()
}

/// How pieces are put together: a word apart; glued; glued between other
/// word characters (so that a `\b` around a piece fails while its
/// `contains` still holds); a word apart between other words (so that a
/// prefix no longer opens the text, nor a suffix ends it).
const GLUES: [Glue; 4] = [Glue::Spaced, Glue::Glued, Glue::Inside, Glue::Padded];

#[derive(Clone, Copy)]
enum Glue {
    Spaced,
    Glued,
    Inside,
    Padded,
}

/// Prefixes, then middle pieces, then suffixes, put together by `glue`.
fn join(pieces: &[&(Place, String)], glue: Glue) -> String {
    let part = |place: Place, separator: &str| {
        (pieces.iter())
            .filter(|(at, _)| *at == place)
            .map(|(_, text)| text.as_str())
            .collect::<Vec<_>>()
            .join(separator)
    };
    let (start, end) = (part(Place::Start, ""), part(Place::End, ""));
    match glue {
        Glue::Inside => format!("{start}x{}x{end}", part(Place::Middle, "x")),
        Glue::Glued => format!("{start}{}{end}", part(Place::Middle, "")),
        Glue::Spaced | Glue::Padded => {
            let text = [start, part(Place::Middle, " "), end]
                .into_iter()
                .filter(|part| !part.is_empty())
                .collect::<Vec<_>>()
                .join(" ");
            match glue {
                Glue::Padded => format!("x {text} x"),
                Glue::Spaced | Glue::Glued | Glue::Inside => text,
            }
        }
    }
}

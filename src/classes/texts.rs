//! Texts: a class for every joint outcome of a field's text tests, grown
//! piece by piece.
//!
//! Equality and `in` literals are candidates as written (one per folded
//! form). The other tests (`starts_with`, `contains`, `ends_with`,
//! `matches`) each give pieces that make them hold (a regex its generated
//! samples, `regex_sample`). Each piece alone, in every layout, opens the
//! first classes; then every class found so far is combined with every
//! piece it does not hold yet (prefixes first, suffixes last, words apart:
//! `VP marketing manager.io`), and a combination is kept only when its
//! joint outcome over all the field's tests is new. So the work follows
//! the classes that exist, not the 2^n combinations of tests (the
//! fourteen-pattern title fixture has 5,148 classes, not 2^16), and pieces
//! that land alike in every layout grow once. The evaluator decides every
//! candidate's outcomes (`Sink::add`).
//!
//! The growth stops at a fixed point, where no piece added to any class in
//! any layout gives a new outcome: then the field is called complete. A
//! text's outcome on a literal, a prefix, a `contains` or a word-bounded
//! regex without `.*` depends only on which pieces it holds and where
//! (opening it, inside a word, a word apart), which is what the layouts
//! vary; so for a text of the tests' words, adding its pieces one at a
//! time to the class of those already added walks through classes the
//! growth found, and the last is the text's. The property test in
//! `tests/classes.rs` checks this over random fields of such tests. It is
//! not exact beyond them: pieces are joined in the order the tests are
//! written (`marketing vp` against `/\bvp\b.*\bmarketing\b/i`), a text
//! is cased as a whole (against a case-sensitive regex), and one layout
//! pads both ends or neither (a prefix that fails beside a suffix that
//! holds), so such outcomes can be missing from a field called complete,
//! as they could before (decision 029). Past [`MAX_CLASSES`] classes, or
//! once the classes waiting to grow cannot fit in [`MAX_PROBES`]
//! candidates, the growth stops early, and the field is not complete.
//!
//! Tests written more than once (a large file repeats `title contains
//! "vp"` in many rules) count once: a copy gives no outcome its original
//! does not.

use super::{ClassId, Put, Sink, regex_sample};
use crate::ast::TextOp;
use crate::ir::{Literal, PredTest};
use crate::record::Value;
use crate::semantics;
use rustc_hash::{FxHashMap, FxHashSet};

/// The growth stops at this many classes of a field.
const MAX_CLASSES: usize = 8_192;
/// ... or after asking the outcomes of this many candidate texts.
const MAX_PROBES: usize = 1 << 17;

/// Where a piece goes in a combined text.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Place {
    Start,
    Middle,
    End,
}

/// Grows the classes of a `text` field from its tests into `sink`, which
/// asks each candidate's outcomes. Returns whether the classes are
/// complete: whether every joint outcome of the field's tests that some
/// text has is among them. When not (the growth stopped at its cap), a
/// search over the field can prove that something happens, never that it
/// cannot; then only the classes of single pieces, of pairs and of all
/// the pieces together are kept, since more would cost every search over
/// the field and prove nothing.
pub fn grow(tests: &[&PredTest], sink: &mut dyn Sink) -> bool {
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
    let mut grower = Grower {
        sink,
        variants: if case_matters { 3 } else { 1 },
        seen: FxHashMap::default(),
        probes: 0,
        classes: 0,
        opened: 0,
    };
    for literal in tests.iter().flat_map(|test| literals(test)) {
        grower.try_text(literal.to_string());
    }
    let mut pieces: Vec<(Place, String)> = Vec::new();
    for piece in tests.iter().filter_map(|test| pieces_of(test)).flatten() {
        if !pieces.contains(&piece) {
            pieces.push(piece);
        }
    }
    // Per class, the set of pieces (ascending indexes) its representative
    // was made of; the classes to grow, in the order they opened; every
    // set tried.
    let mut made_of: FxHashMap<ClassId, Vec<usize>> = FxHashMap::default();
    let mut queue: Vec<ClassId> = Vec::new();
    let mut tried: FxHashSet<Vec<usize>> = FxHashSet::default();
    // Pieces that land in the same classes in every layout (the samples
    // `intern` and `junior` of one regex) grow alike: the shortest grows.
    let mut by_signature: FxHashMap<Vec<ClassId>, usize> = FxHashMap::default();
    for at in 0..pieces.len() {
        let signature = grower.try_pieces(&pieces, vec![at], &mut made_of, &mut queue);
        tried.insert(vec![at]);
        let best = by_signature.entry(signature).or_insert(at);
        let size = |at: usize| (pieces[at].1.len(), &pieces[at].1);
        if size(at) < size(*best) {
            *best = at;
        }
    }
    let mut growing: Vec<usize> = by_signature.into_values().collect();
    growing.sort_unstable();
    let per_class = growing.len() * GLUES.len() * grower.variants;
    // The classes of single pieces are queued first; once they are grown,
    // every class up to here is one of a piece or a pair.
    let singles = queue.len();
    let mut pairs = None;
    let mut next = 0;
    while next < queue.len() {
        if next == singles {
            pairs = Some(grower.opened);
        }
        // Stop as soon as the classes waiting to grow would take more
        // candidates than are left: the field cannot be completed.
        let pending = (queue.len() - next) * per_class / 4;
        if grower.classes >= MAX_CLASSES || grower.probes + pending > MAX_PROBES {
            break;
        }
        for &at in &growing {
            let base = &made_of[&queue[next]];
            let Err(slot) = base.binary_search(&at) else {
                continue;
            };
            let mut grown = base.clone();
            grown.insert(slot, at);
            if tried.insert(grown.clone()) {
                grower.try_pieces(&pieces, grown, &mut made_of, &mut queue);
            }
        }
        next += 1;
    }
    let complete = next == queue.len();
    if !complete {
        let keep = pairs.unwrap_or(grower.opened);
        grower.sink.drop_from(keep);
        grower.seen.retain(|_, class| *class < keep);
        // And the text that holds every piece, which passes the most tests.
        grower.try_pieces(&pieces, growing, &mut made_of, &mut queue);
    }
    grower.try_text(String::new());
    grower.try_text("x".to_string());
    complete
}

/// Candidates asked so far, and the classes they opened.
struct Grower<'a> {
    sink: &'a mut dyn Sink,
    /// Casings asked of each text: 3 when case matters, else 1.
    variants: usize,
    /// Texts asked (folded unless case matters), and their classes.
    seen: FxHashMap<String, ClassId>,
    probes: usize,
    classes: usize,
    /// One past the last class opened.
    opened: ClassId,
}

impl Grower<'_> {
    /// Puts a text (in each casing, when case matters) in its class,
    /// asking the outcomes of those not asked before.
    fn try_text(&mut self, text: String) -> Vec<Put> {
        let casings = match self.variants {
            1 => vec![(semantics::fold(&text).into_owned(), text)],
            _ => [text.to_lowercase(), text.to_uppercase(), text]
                .map(|variant| (variant.clone(), variant))
                .into(),
        };
        (casings.into_iter())
            .map(|(key, text)| match self.seen.get(&key) {
                Some(class) => Put::Joined(*class),
                None => {
                    self.probes += 1;
                    let put = self.sink.add(Value::Text(text));
                    if let Put::Opened(class) = put {
                        self.classes += 1;
                        self.opened = class + 1;
                    }
                    self.seen.insert(key, put.class());
                    put
                }
            })
            .collect()
    }

    /// Asks the pieces at `chosen` joined in every layout; a class one of
    /// them opened is queued to grow, and a class one of them now stands
    /// for grows from these pieces. Returns the class of each layout and
    /// casing.
    fn try_pieces(
        &mut self,
        pieces: &[(Place, String)],
        chosen: Vec<usize>,
        made_of: &mut FxHashMap<ClassId, Vec<usize>>,
        queue: &mut Vec<ClassId>,
    ) -> Vec<ClassId> {
        let joined: Vec<&(Place, String)> = chosen.iter().map(|at| &pieces[*at]).collect();
        let mut classes = Vec::new();
        for glue in GLUES {
            for put in self.try_text(join(&joined, glue)) {
                match put {
                    Put::Opened(class) => {
                        queue.push(class);
                        made_of.insert(class, chosen.clone());
                    }
                    Put::Stands(class) => {
                        made_of.insert(class, chosen.clone());
                    }
                    Put::Joined(_) => {}
                }
                classes.push(put.class());
            }
        }
        classes
    }
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
fn pieces_of(test: &PredTest) -> Option<Vec<(Place, String)>> {
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

//! Compilation: the optimized arena to its executable form, once per plan.
//!
//! Each node becomes an [`Exec`] at the same index: sets become
//! [`FoldedSet`]s, `contains` a precompiled substring finder, regexes
//! compile once (and regex sets once per set). A regex that does not
//! compile (the checker rejects those, so this is defence) is unknown.

use super::dispatch::Dispatch;
use super::{Arena, Node, NodeId, Num, Test};
use crate::ast::{CompareOp, TextOp};
use crate::ir;
use crate::semantics::ordered;
use crate::verdict::Truth;
use memchr::memmem;
use regex_automata::{MatchKind, meta, nfa::thompson::WhichCaptures, util::syntax};
use rustc_hash::FxHashSet;

/// The executable plan: one [`Exec`] per arena node, plus the regex sets.
#[derive(Debug)]
pub struct Compiled {
    /// Indexed like `Arena::nodes`.
    pub exec: Vec<Exec>,
    /// Regex sets, indexed by [`Check::InSet`]'s `set`.
    pub regex_sets: Vec<meta::Regex>,
    /// What rules reach, by field then node: the per-record fast path.
    pub dispatch: Dispatch,
}

/// An executable node.
#[derive(Debug)]
pub enum Exec {
    /// A constant outcome.
    Const(Truth),
    /// Kleene conjunction.
    And(Box<[NodeId]>),
    /// Kleene disjunction.
    Or(Box<[NodeId]>),
    /// Negation.
    Not(NodeId),
    /// A leaf.
    Test(ir::Subject, Check),
}

/// An executable test; text operands are case-folded.
#[derive(Debug)]
pub enum Check {
    /// A number, date, boolean or presence test.
    Compare(Compare),
    /// Text comparison, ignoring case.
    Text(CompareOp, Box<str>),
    /// The number is in the set.
    NumberIn(FxHashSet<Num>),
    /// The text is in the set.
    TextIn(FoldedSet),
    /// The list holds one of the set.
    HasAny(FoldedSet),
    /// The list holds each of these.
    HasAll(Box<[Box<str>]>),
    /// The folded text contains the needle.
    Contains(Box<memmem::Finder<'static>>),
    /// The folded text starts with this.
    StartsWith(Box<str>),
    /// The folded text ends with this.
    EndsWith(Box<str>),
    /// A regex of its own.
    Regex(regex::Regex),
    /// Pattern `index` of regex set `set`.
    InSet {
        /// Index into [`Compiled::regex_sets`].
        set: u32,
        /// The pattern's index in its set.
        index: u32,
    },
}

/// A leaf test that reads one number, date or boolean (or only whether the
/// value is there), compared in place.
#[derive(Debug, Clone, Copy)]
pub enum Compare {
    /// `is missing` (`true`) / `is present` (`false`).
    Missing(bool),
    /// Number comparison.
    Number(CompareOp, f64),
    /// `low <= x <= high`.
    NumberRange(f64, f64),
    /// Date comparison.
    Date(CompareOp, i32),
    /// Boolean comparison.
    Bool(CompareOp, bool),
    /// The date lies in `[as_of - days, as_of]`.
    Within(i64),
}

impl Compare {
    /// The outcome of a number comparison on a number; `None` for the
    /// other tests. One meaning for the one-by-one test and the per-field
    /// threshold table (`dispatch::NumberIndex`), which is built from it.
    #[inline(always)]
    pub fn on_number(&self, value: f64) -> Option<Truth> {
        match self {
            Compare::Number(op, number) => Some(ordered(*op, value.partial_cmp(number))),
            Compare::NumberRange(low, high) => {
                let above = ordered(CompareOp::Ge, value.partial_cmp(low));
                Some(above.and(ordered(CompareOp::Le, value.partial_cmp(high))))
            }
            Compare::Missing(_) | Compare::Date(..) | Compare::Bool(..) | Compare::Within(_) => {
                None
            }
        }
    }
}

/// Folded text for membership tests: a short list scanned, or a hash set.
#[derive(Debug)]
pub enum FoldedSet {
    /// Up to [`FoldedSet::SCAN_LIMIT`] items, compared one by one.
    Few(Box<[Box<str>]>),
    /// More items, hashed.
    Many(FxHashSet<Box<str>>),
}

impl FoldedSet {
    /// Past this many items hashing beats scanning.
    pub const SCAN_LIMIT: usize = 8;

    fn new(items: &[Box<str>]) -> FoldedSet {
        if items.len() <= Self::SCAN_LIMIT {
            FoldedSet::Few(items.into())
        } else {
            FoldedSet::Many(items.iter().cloned().collect())
        }
    }

    /// Whether the set holds this already-folded text.
    pub fn contains(&self, folded: &str) -> bool {
        match self {
            FoldedSet::Few(items) => items.iter().any(|item| **item == *folded),
            FoldedSet::Many(items) => items.contains(folded),
        }
    }
}

/// Compiles every node of the arena.
pub fn compile(arena: &Arena) -> Compiled {
    let (regex_sets, members) = regex_sets(arena);
    let exec: Vec<Exec> = (arena.nodes.iter().zip(members))
        .map(|(node, member)| exec(node, member))
        .collect();
    let dispatch = super::dispatch::dispatch(arena, &exec);
    Compiled {
        exec,
        regex_sets,
        dispatch,
    }
}

fn exec(node: &Node, member: Option<(u32, u32)>) -> Exec {
    match node {
        Node::Const(truth) => Exec::Const(*truth),
        Node::And(operands) => Exec::And(operands.as_slice().into()),
        Node::Or(operands) => Exec::Or(operands.as_slice().into()),
        Node::Not(inner) => Exec::Not(*inner),
        Node::Test(subject, test) => match check(test, member) {
            Some(check) => Exec::Test(*subject, check),
            None => Exec::Const(Truth::Unknown),
        },
    }
}

/// The executable test; `None` for a regex that does not compile.
fn check(test: &Test, member: Option<(u32, u32)>) -> Option<Check> {
    Some(match test {
        Test::Missing(missing) => Check::Compare(Compare::Missing(*missing)),
        Test::Number(op, number) => Check::Compare(Compare::Number(*op, number.get())),
        Test::NumberRange(low, high) => Check::Compare(Compare::NumberRange(low.get(), high.get())),
        Test::Date(op, date) => Check::Compare(Compare::Date(*op, *date)),
        Test::Bool(op, value) => Check::Compare(Compare::Bool(*op, *value)),
        Test::NumberIn(numbers) => Check::NumberIn(numbers.iter().copied().collect()),
        Test::Text(op, text) => Check::Text(*op, text.clone()),
        Test::TextIn(items) => Check::TextIn(FoldedSet::new(items)),
        Test::HasAny(items) => Check::HasAny(FoldedSet::new(items)),
        Test::HasAll(items) => Check::HasAll(items.as_slice().into()),
        Test::Affix(TextOp::Contains, needle) => Check::Contains(Box::new(
            memmem::Finder::new(needle.as_bytes()).into_owned(),
        )),
        Test::Affix(TextOp::StartsWith, prefix) => Check::StartsWith(prefix.clone()),
        Test::Affix(TextOp::EndsWith, suffix) => Check::EndsWith(suffix.clone()),
        Test::Matches {
            pattern,
            case_insensitive,
            ..
        } => match member {
            Some((set, index)) => Check::InSet { set, index },
            None => Check::Regex(
                regex::RegexBuilder::new(pattern)
                    .case_insensitive(*case_insensitive)
                    .build()
                    .ok()?,
            ),
        },
        Test::Within(days) => Check::Compare(Compare::Within(*days)),
    })
}

/// Builds the regex sets the `regex_set` pass tagged; gives, per node, its
/// `(set, index)` if it is evaluated in a set that built.
fn regex_sets(arena: &Arena) -> (Vec<meta::Regex>, Vec<Option<(u32, u32)>>) {
    let mut members = vec![None; arena.nodes.len()];
    let mut sets = Vec::new();
    let tags = arena.nodes.iter().filter_map(|node| match node {
        Node::Test(_, Test::Matches { set, .. }) => *set,
        Node::Test(..) | Node::Const(_) | Node::And(_) | Node::Or(_) | Node::Not(_) => None,
    });
    let Some(last) = tags.max() else {
        return (sets, members);
    };
    for tag in 0..=last {
        let mut patterns = Vec::new();
        let mut nodes = Vec::new();
        for (index, node) in arena.nodes.iter().enumerate() {
            if let Node::Test(
                _,
                Test::Matches {
                    pattern,
                    case_insensitive,
                    set: Some(set),
                },
            ) = node
                && *set == tag
            {
                patterns.push(flagged(pattern, *case_insensitive));
                nodes.push(index);
            }
        }
        if let Some(regex) = build_set(&patterns) {
            let set = sets.len() as u32;
            sets.push(regex);
            for (position, node) in nodes.into_iter().enumerate() {
                members[node] = Some((set, position as u32));
            }
        }
    }
    (sets, members)
}

/// A pattern with its `i` flag written in, as a set's pattern.
pub(super) fn flagged(pattern: &str, case_insensitive: bool) -> String {
    let flag = if case_insensitive { "(?i)" } else { "" };
    format!("{flag}{pattern}")
}

/// A set with the configuration `regex::RegexSet` uses, so that each
/// pattern matches exactly what `regex::Regex` matches.
fn build_set(patterns: &[String]) -> Option<meta::Regex> {
    if patterns.is_empty() {
        return None;
    }
    let config = meta::Config::new()
        .nfa_size_limit(Some(10 * (1 << 20)))
        .hybrid_cache_capacity(2 * (1 << 20))
        .match_kind(MatchKind::All)
        .utf8_empty(true)
        .which_captures(WhichCaptures::None);
    meta::Builder::new()
        .configure(config)
        .syntax(syntax::Config::new().utf8(true))
        .build_many(patterns)
        .ok()
}

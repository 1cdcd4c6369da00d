//! Dispatch: the part of the plan that rules reach, laid out so that one
//! record costs what its fields cost, not what its rules cost.
//!
//! The leaf tests rules reach are grouped by the field they read
//! ([`FieldTests`]): a field's value is fetched once per record, and all its
//! `==`/`!=`/`in` tests are answered by one case fold and one hash lookup
//! ([`EqualIndex`]), all its `has any`/`has all` tests by one lookup per
//! list item ([`MemberIndex`]), all its `contains`/`starts_with`/`ends_with`
//! tests by one Aho-Corasick scan ([`AffixIndex`]), its `matches` tests
//! that are word alternations by one lookup per word of ASCII text
//! ([`Words`], decision 031), its other `matches` tests by one run of its
//! regex set ([`RegexIndex`]), all its number comparisons by one search of
//! a threshold table ([`NumberIndex`]), and its `within` tests by one
//! search of a table of ages; the rest (dates, presence, single regexes)
//! are tested one by one. The and/or/not nodes rules reach are then
//! computed in one forward sweep ([`Step`]s, children first) without recursion or short-circuit
//! branches. Decision 012 has the figures. The nodes only tiers reach get
//! a second, smaller layout ([`TierPhase`]) that a batch computes once the
//! scores are final (decision 025); segments, and clauses only the trace
//! asks about, stay with the lazy evaluator.
//!
//! INVARIANT: every node a [`Step`] reads is a step before it or a leaf of
//! some [`FieldTests`], so one pass over the fields then the steps leaves
//! every rule root computed.

use super::compile::{Check, Compare, Exec, flagged};
use super::words::{self, Matches, Words};
use super::{Arena, Node, NodeId, Test};
use crate::ast::{CompareOp, TextOp};
use crate::ir;
use crate::verdict::Truth;
use aho_corasick::AhoCorasick;
use rustc_hash::FxHashMap;

/// The rule phase of a plan, field by field, then node by node.
#[derive(Debug, Default)]
pub struct Dispatch {
    /// One group per subject that rules test, in order of first test.
    pub fields: Vec<FieldTests>,
    /// Every leaf of `fields`, in node order.
    pub leaves: Vec<NodeId>,
    /// The and/or/not/constant nodes rules reach, children first.
    pub steps: Vec<Step>,
    /// The operands of the steps' `and`/`or`, each step a range of it.
    pub operands: Vec<NodeId>,
    /// Per node: whether the sweep computes it (a step or a leaf above).
    pub swept: Vec<bool>,
    /// The nodes tiers reach and the sweep does not compute.
    pub tiers: TierPhase,
}

/// The nodes that tier conditions reach beyond the rule phase, for a batch
/// to compute over its words once each record's scores are final: each
/// leaf tested per record (on its final scores, or its field), then the
/// steps, children first, their operands in [`Dispatch::operands`].
///
/// INVARIANT: every node a step reads is a swept node, a leaf here or a
/// step before it.
#[derive(Debug, Default)]
pub struct TierPhase {
    /// The leaf tests, in node order, with the subject each reads.
    pub leaves: Vec<(NodeId, ir::Subject)>,
    /// The and/or/not/constant nodes, children first.
    pub steps: Vec<Step>,
}

/// One computed node of the sweep.
#[derive(Debug, Clone, Copy)]
pub struct Step {
    /// The node it computes.
    pub node: NodeId,
    /// How.
    pub kind: StepKind,
}

/// What a [`Step`] computes.
#[derive(Debug, Clone, Copy)]
pub enum StepKind {
    /// A constant.
    Const(Truth),
    /// Kleene `and` of `operands[start..end]`.
    And(u32, u32),
    /// Kleene `or` of `operands[start..end]`.
    Or(u32, u32),
    /// Negation.
    Not(NodeId),
}

/// Every leaf test rules make of one subject.
#[derive(Debug)]
pub struct FieldTests {
    /// The field (or score) tested.
    pub subject: ir::Subject,
    /// Its `==`, `!=` and `in` tests on text.
    pub equal: Option<EqualIndex>,
    /// Its `has any` and `has all` tests.
    pub members: Option<MemberIndex>,
    /// Its `contains`, `starts_with` and `ends_with` tests.
    pub affixes: Option<AffixIndex>,
    /// Its comparisons of numbers to numbers.
    pub numbers: Option<NumberIndex>,
    /// Its `within` tests, as a table of a date's age in days (`as_of -
    /// date`): `within N days` holds on the ages `0..=N`.
    pub ages: Option<NumberIndex>,
    /// Its comparisons of dates and booleans, and presence tests.
    pub compares: Vec<(NodeId, Compare)>,
    /// Its `matches` tests that are word alternations.
    pub words: Option<Words>,
    /// Its other `matches` tests that run in a regex set.
    pub regexes: Option<RegexIndex>,
    /// Every other test (regexes, text ordering), each through the lazy
    /// evaluator.
    pub single: Vec<NodeId>,
}

/// `==`, `!=` and `in` tests of one text field: on text, each test gives
/// its `miss` outcome unless the folded text is a key of `hits`, which
/// lists the tests (indexes into `leaves`) that give the opposite; on
/// anything else, unknown.
#[derive(Debug, Default)]
pub struct EqualIndex {
    /// Each test's node and its outcome on text it does not name.
    pub leaves: Vec<(NodeId, Truth)>,
    /// Folded text to the tests it flips.
    pub hits: FxHashMap<Box<str>, Vec<u32>>,
}

/// `has any` / `has all` tests of one list field: each folded list item
/// sets, per test it names, the bit of its position in that test's list
/// (bit 0 for `has any`); on a list, `has any` holds when some bit is set,
/// `has all` when all its items' bits are.
#[derive(Debug, Default)]
pub struct MemberIndex {
    /// Each test: its node, whether it is `has all`, and its item count.
    pub leaves: Vec<(NodeId, bool, u32)>,
    /// Folded item to `(test, bit)` pairs.
    pub items: FxHashMap<Box<str>, Vec<(u32, u32)>>,
}

/// `contains` / `starts_with` / `ends_with` tests of one text field: one
/// automaton over the (non-empty, folded) needles of `contains` finds every
/// one that occurs in the folded text; each prefix or suffix needle is
/// compared at the start and the end of the text.
#[derive(Debug)]
pub struct AffixIndex {
    /// Each test's node.
    pub leaves: Vec<NodeId>,
    /// Pattern `p` of the automaton is the needle of these tests.
    pub patterns: Vec<Vec<u32>>,
    /// The `contains` needles; none without a `contains` test.
    pub automaton: Option<AhoCorasick>,
    /// The prefix and suffix needles.
    pub edges: Vec<Edge>,
}

/// The `matches` tests of one field that run in its regex set: on text,
/// each holds when the set finds its pattern and fails otherwise; on
/// anything else, unknown. The set runs once per record for all of them.
#[derive(Debug)]
pub struct RegexIndex {
    /// The set, an index into `Compiled::regex_sets`.
    pub set: u32,
    /// Each test's node.
    pub leaves: Vec<NodeId>,
    /// Per pattern of the set, the test (an index into `leaves`) it
    /// answers, if rules reach it.
    pub patterns: Vec<Option<u32>>,
}

/// The number comparisons (`<`, `==`, ranges, ...) of one field, as a
/// table: the literals and range ends, sorted and without duplicates, cut
/// the numbers into classes (below the first, the first, between the first
/// and the second, ...), and within a class every test has one outcome, so
/// a number is tested by one search for its class and a read of the
/// class's bits (one per test that holds; the rest fail). A NaN, or any
/// other value, is unknown to every test. Each class's bits are those
/// [`Compare::on_number`] gives on a number of the class, so the table
/// means what the one-by-one test means.
#[derive(Debug)]
pub struct NumberIndex {
    /// Each test's node; bit `j` of a class is test `j`.
    pub leaves: Vec<NodeId>,
    /// The thresholds, ascending, none NaN, no two equal.
    thresholds: Vec<f64>,
    /// Words of bits per class.
    words: usize,
    /// Class `c`'s bits: `holds[c * words..(c + 1) * words]`.
    holds: Vec<u64>,
}

impl NumberIndex {
    /// The table of these tests, each a number comparison whose literals
    /// are not NaN.
    fn new(tests: &[(NodeId, Compare)]) -> NumberIndex {
        let mut thresholds: Vec<f64> = (tests.iter())
            .flat_map(|(_, test)| match test {
                Compare::Number(_, number) => [Some(*number), None],
                Compare::NumberRange(low, high) => [Some(*low), Some(*high)],
                Compare::Missing(_)
                | Compare::Date(..)
                | Compare::Bool(..)
                | Compare::Within(_) => [None, None],
            })
            .flatten()
            .collect();
        thresholds.sort_by(f64::total_cmp);
        // `-0.0 == 0.0`: one class, as the comparisons see them.
        thresholds.dedup_by(|next, kept| next == kept);
        let words = tests.len().div_ceil(64);
        let classes = 2 * thresholds.len() + 1;
        let mut holds = vec![0; classes * words];
        for class in 0..classes {
            // A number of the class: the threshold itself, or the next
            // number below the threshold above (above the last, the next
            // number above it). An empty class (nothing between two
            // neighbours) is never searched.
            let at = class / 2;
            let number = match (class % 2, thresholds.get(at)) {
                (1, Some(threshold)) => *threshold,
                (_, Some(threshold)) => threshold.next_down(),
                (_, None) => thresholds.last().map_or(0.0, |last| last.next_up()),
            };
            for (test, (_, compare)) in tests.iter().enumerate() {
                if compare.on_number(number) == Some(Truth::True) {
                    holds[class * words + test / 64] |= 1 << (test % 64);
                }
            }
        }
        NumberIndex {
            leaves: tests.iter().map(|(node, _)| *node).collect(),
            thresholds,
            words,
            holds,
        }
    }

    /// The bits of the tests that hold on `number` (not NaN); the others
    /// fail.
    #[inline]
    pub fn holds(&self, number: f64) -> &[u64] {
        let below = self
            .thresholds
            .partition_point(|threshold| *threshold < number);
        let at = self.thresholds.get(below) == Some(&number);
        let class = 2 * below + usize::from(at);
        &self.holds[class * self.words..(class + 1) * self.words]
    }
}

/// A `starts_with` or `ends_with` needle of one field and its tests.
#[derive(Debug)]
pub struct Edge {
    /// The folded needle.
    pub needle: Box<str>,
    /// Each test (an index into `AffixIndex::leaves`) and whether it tests
    /// the end (`ends_with`) rather than the start.
    pub tests: Vec<(u32, bool)>,
}

/// Most items a `has all` tracks in its bitmask; longer lists are tested
/// on their own.
const MEMBER_BITS: usize = 64;

/// Fewest number comparisons of one field that make a [`NumberIndex`]:
/// below it, testing each in place costs less than the search (at 13
/// rules, one test a field, the table cost 150 instructions a lead more;
/// decision 025).
const NUMBER_TABLE: usize = 4;

/// Lays out the nodes rules reach.
pub(super) fn dispatch(arena: &Arena, exec: &[Exec]) -> Dispatch {
    let mut reached = reached_by_rules(arena);
    let mut fields: Vec<Builder> = Vec::new();
    let mut groups: FxHashMap<ir::Subject, usize> = FxHashMap::default();
    let mut dispatch = Dispatch::default();
    for (index, node) in arena.nodes.iter().enumerate() {
        if !reached[index] {
            continue;
        }
        let id = NodeId(index as u32);
        let exec = match (&exec[index], node) {
            (Exec::Test(subject, check), Node::Test(_, test)) => {
                let group = *groups.entry(*subject).or_insert_with(|| {
                    fields.push(Builder::new(*subject));
                    fields.len() - 1
                });
                dispatch.leaves.push(id);
                match check {
                    Check::Compare(compare @ Compare::Number(_, number)) if !number.is_nan() => {
                        fields[group].numbers.push((id, *compare));
                    }
                    Check::Compare(compare @ Compare::NumberRange(low, high))
                        if !low.is_nan() && !high.is_nan() =>
                    {
                        fields[group].numbers.push((id, *compare));
                    }
                    Check::Compare(compare @ Compare::Within(_)) => {
                        fields[group].within.push((id, *compare));
                    }
                    Check::Compare(compare) => fields[group].compares.push((id, *compare)),
                    Check::InSet { set, index } => {
                        fields[group].matches(id, test, Some((*set, *index)))
                    }
                    Check::Regex(_) => fields[group].matches(id, test, None),
                    Check::Text(..)
                    | Check::NumberIn(_)
                    | Check::TextIn(_)
                    | Check::HasAny(_)
                    | Check::HasAll(_)
                    | Check::Contains(_)
                    | Check::StartsWith(_)
                    | Check::EndsWith(_) => fields[group].add(id, test),
                }
                continue;
            }
            // Compile keeps a node's kind: a test executes as a test or,
            // when it cannot run (a bad regex), as a constant.
            (Exec::Test(..), Node::Const(_) | Node::And(_) | Node::Or(_) | Node::Not(_)) => {
                reached[index] = false;
                continue;
            }
            (exec @ (Exec::Const(_) | Exec::And(_) | Exec::Or(_) | Exec::Not(_)), _) => exec,
        };
        if let Some(step) = dispatch.step(id, exec) {
            dispatch.steps.push(step);
        }
    }
    dispatch.fields = fields.into_iter().map(Builder::build).collect();
    dispatch.swept = reached;
    dispatch.tier_phase(arena, exec);
    dispatch
}

impl Dispatch {
    /// The step that computes an and/or/not/constant node, its operands
    /// appended; `None` for a test, which is a leaf.
    fn step(&mut self, node: NodeId, exec: &Exec) -> Option<Step> {
        let mut push = |operands: &[NodeId]| {
            let start = self.operands.len() as u32;
            self.operands.extend_from_slice(operands);
            (start, self.operands.len() as u32)
        };
        let kind = match exec {
            Exec::Const(truth) => StepKind::Const(*truth),
            Exec::And(operands) => {
                let (start, end) = push(operands);
                StepKind::And(start, end)
            }
            Exec::Or(operands) => {
                let (start, end) = push(operands);
                StepKind::Or(start, end)
            }
            Exec::Not(inner) => StepKind::Not(*inner),
            Exec::Test(..) => return None,
        };
        Some(Step { node, kind })
    }

    /// Lays out the nodes tiers reach that the sweep does not compute.
    fn tier_phase(&mut self, arena: &Arena, exec: &[Exec]) {
        let reached = reached_from(arena, arena.tiers.iter().flatten());
        for (index, exec) in exec.iter().enumerate() {
            if !reached[index] || self.swept[index] {
                continue;
            }
            let node = NodeId(index as u32);
            match (exec, self.step(node, exec)) {
                (_, Some(step)) => self.tiers.steps.push(step),
                (Exec::Test(subject, _), None) => self.tiers.leaves.push((node, *subject)),
                (Exec::Const(_) | Exec::And(_) | Exec::Or(_) | Exec::Not(_), None) => {}
            }
        }
    }
}

/// Which nodes some rule's condition reaches.
fn reached_by_rules(arena: &Arena) -> Vec<bool> {
    reached_from(arena, &arena.rules)
}

/// Which nodes these roots reach.
fn reached_from<'a>(arena: &Arena, roots: impl IntoIterator<Item = &'a NodeId>) -> Vec<bool> {
    let mut reached = vec![false; arena.nodes.len()];
    for root in roots {
        reached[root.0 as usize] = true;
    }
    // Parents come after children: one backward sweep marks every descendant.
    for index in (0..arena.nodes.len()).rev() {
        if reached[index] {
            for child in arena.nodes[index].children() {
                reached[child.0 as usize] = true;
            }
        }
    }
    reached
}

/// One subject's tests, sorted into kinds while the arena is read.
struct Builder {
    subject: ir::Subject,
    equal: EqualIndex,
    members: MemberIndex,
    affixes: Vec<(NodeId, TextOp, Box<str>)>,
    numbers: Vec<(NodeId, Compare)>,
    within: Vec<(NodeId, Compare)>,
    compares: Vec<(NodeId, Compare)>,
    matches: Vec<Matches>,
    single: Vec<NodeId>,
}

impl Builder {
    fn new(subject: ir::Subject) -> Builder {
        Builder {
            subject,
            equal: EqualIndex::default(),
            members: MemberIndex::default(),
            affixes: Vec::new(),
            numbers: Vec::new(),
            within: Vec::new(),
            compares: Vec::new(),
            matches: Vec::new(),
            single: Vec::new(),
        }
    }

    /// A `matches` test, in regex set `member` or on its own.
    fn matches(&mut self, node: NodeId, test: &Test, member: Option<(u32, u32)>) {
        let Test::Matches {
            pattern,
            case_insensitive,
            ..
        } = test
        else {
            self.single.push(node);
            return;
        };
        let pattern = flagged(pattern, *case_insensitive);
        self.matches.push(Matches {
            node,
            pattern,
            member,
        });
    }

    fn add(&mut self, id: NodeId, test: &Test) {
        match test {
            Test::Text(CompareOp::Eq, text) => self.equal(id, Truth::False, [text]),
            Test::Text(CompareOp::Ne, text) => self.equal(id, Truth::True, [text]),
            Test::TextIn(items) => self.equal(id, Truth::False, items),
            Test::HasAny(items) => self.member(id, false, items),
            Test::HasAll(items) if items.len() <= MEMBER_BITS => self.member(id, true, items),
            Test::Affix(op, needle) if !needle.is_empty() => {
                self.affixes.push((id, *op, needle.clone()));
            }
            Test::Text(CompareOp::Lt | CompareOp::Le | CompareOp::Gt | CompareOp::Ge, _)
            | Test::HasAll(_)
            | Test::Affix(..)
            | Test::Matches { .. }
            | Test::Missing(_)
            | Test::Number(..)
            | Test::NumberRange(..)
            | Test::NumberIn(_)
            | Test::Date(..)
            | Test::Bool(..)
            | Test::Within(_) => self.single.push(id),
        }
    }

    fn equal<'a>(
        &mut self,
        id: NodeId,
        miss: Truth,
        texts: impl IntoIterator<Item = &'a Box<str>>,
    ) {
        let leaf = self.equal.leaves.len() as u32;
        self.equal.leaves.push((id, miss));
        for text in texts {
            let flipped = self.equal.hits.entry(text.clone()).or_default();
            if flipped.last() != Some(&leaf) {
                flipped.push(leaf);
            }
        }
    }

    fn member(&mut self, id: NodeId, all: bool, items: &[Box<str>]) {
        let leaf = self.members.leaves.len() as u32;
        self.members.leaves.push((id, all, items.len() as u32));
        // Items are sorted and without duplicates (lowering), so each of a
        // `has all` has its own bit; `has any` needs only one.
        for (bit, item) in items.iter().enumerate() {
            let bit = if all { bit as u32 } else { 0 };
            let entry = self.members.items.entry(item.clone()).or_default();
            entry.push((leaf, bit));
        }
    }

    fn build(self) -> FieldTests {
        let affixes = self.affix_index();
        let Builder {
            subject,
            equal,
            members,
            mut numbers,
            mut within,
            mut compares,
            matches,
            mut single,
            ..
        } = self;
        if numbers.len() < NUMBER_TABLE {
            compares.append(&mut numbers);
        }
        if within.len() < NUMBER_TABLE {
            compares.append(&mut within);
        }
        let (words, regexes) = regex_tests(matches, &mut single);
        let affixes = match affixes {
            Ok(index) => index,
            Err(leaves) => {
                single.extend(leaves);
                None
            }
        };
        FieldTests {
            subject,
            equal: (!equal.leaves.is_empty()).then_some(equal),
            members: (!members.leaves.is_empty()).then_some(members),
            affixes,
            numbers: (!numbers.is_empty()).then(|| NumberIndex::new(&numbers)),
            ages: (!within.is_empty()).then(|| NumberIndex::new(&ages(&within))),
            compares,
            words,
            regexes,
            single,
        }
    }

    /// The automaton and edges of the affix tests; if the automaton does
    /// not build, their nodes, to be tested one by one.
    fn affix_index(&self) -> Result<Option<AffixIndex>, Vec<NodeId>> {
        if self.affixes.is_empty() {
            return Ok(None);
        }
        let mut needles: Vec<&str> = Vec::new();
        let mut patterns: Vec<Vec<u32>> = Vec::new();
        let mut edges: Vec<Edge> = Vec::new();
        let mut by_needle: FxHashMap<(&str, bool), usize> = FxHashMap::default();
        for (leaf, (_, op, needle)) in self.affixes.iter().enumerate() {
            let leaf = leaf as u32;
            let contains = *op == TextOp::Contains;
            let at_end = *op == TextOp::EndsWith;
            let next = match contains {
                true => needles.len(),
                false => edges.len(),
            };
            let at = *by_needle.entry((needle, contains)).or_insert(next);
            match (contains, at == next) {
                (true, true) => {
                    needles.push(needle);
                    patterns.push(vec![leaf]);
                }
                (true, false) => patterns[at].push(leaf),
                (false, true) => edges.push(Edge {
                    needle: needle.clone(),
                    tests: vec![(leaf, at_end)],
                }),
                (false, false) => edges[at].tests.push((leaf, at_end)),
            }
        }
        let leaves = self.affixes.iter().map(|(id, ..)| *id).collect();
        let automaton = match needles.is_empty() {
            true => None,
            false => match AhoCorasick::new(&needles) {
                Ok(automaton) => Some(automaton),
                Err(_) => return Err(leaves),
            },
        };
        Ok(Some(AffixIndex {
            leaves,
            patterns,
            automaton,
            edges,
        }))
    }
}

/// `within N days` as the range of ages `0..=N` it holds on (`as_of - date`,
/// which is never more than 2^33 days apart); a negative `N` holds on no
/// age, and past 2^40 every age is inside.
fn ages(within: &[(NodeId, Compare)]) -> Vec<(NodeId, Compare)> {
    let range = |days: i64| Compare::NumberRange(0.0, days.clamp(-1, 1 << 40) as f64);
    (within.iter())
        .filter_map(|(node, test)| match test {
            Compare::Within(days) => Some((*node, range(*days))),
            Compare::Missing(_)
            | Compare::Number(..)
            | Compare::NumberRange(..)
            | Compare::Date(..)
            | Compare::Bool(..) => None,
        })
        .collect()
}

/// A field's `matches` tests: the word alternations to a [`Words`], the
/// rest of its set to a [`RegexIndex`], and a test of no set (or of
/// another set) to `single`.
fn regex_tests(
    matches: Vec<Matches>,
    single: &mut Vec<NodeId>,
) -> (Option<Words>, Option<RegexIndex>) {
    let (words, rest) = words::split(matches);
    let (members, others): (Vec<_>, Vec<_>) =
        rest.into_iter().partition(|test| test.member.is_some());
    single.extend(others.iter().map(|test| test.node));
    (words, set_tests(members, single))
}

/// Tests of the set of the first of them; a test of another set is tested
/// on its own (the `regex_set` pass makes one set per subject).
fn set_tests(members: Vec<Matches>, single: &mut Vec<NodeId>) -> Option<RegexIndex> {
    let set = members.first()?.member?.0;
    let mut index = RegexIndex {
        set,
        leaves: Vec::new(),
        patterns: Vec::new(),
    };
    for test in members {
        let Some((_, pattern)) = test.member.filter(|(of, _)| *of == set) else {
            single.push(test.node);
            continue;
        };
        let pattern = pattern as usize;
        if index.patterns.len() <= pattern {
            index.patterns.resize(pattern + 1, None);
        }
        index.patterns[pattern] = Some(index.leaves.len() as u32);
        index.leaves.push(test.node);
    }
    Some(index)
}

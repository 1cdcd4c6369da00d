//! The plan: a checked program lowered for fast batch evaluation.
//!
//! `plan(&ir::Program, &Options) -> Plan` cannot fail. Conditions become a
//! flat arena of [`Node`]s addressed by [`NodeId`]; with the `share` pass a
//! predicate that forty rules, lets or tiers use is one node, evaluated once
//! per record. Text literals are case-folded once, lists become folded sets,
//! regexes compile once. The optimizer is the ordered list [`PASSES`] of
//! small pure rewrites, one file each, each of which [`Options`] can switch
//! off; none changes any verdict (tests/plan_equivalence.rs proves it
//! against `interp`).
//!
//! INVARIANT: in [`Arena::nodes`], children come before their parents, so
//! one forward sweep sees every child before its parent.

pub mod compile;
pub mod dispatch;
mod display;
mod flatten;
mod fold;
mod lower;
mod options;
mod order;
mod regex_set;
mod rewrite;
mod share;
#[cfg(test)]
pub(crate) mod tests;
pub mod words;

pub use options::{Options, PASSES, Pass};

use crate::ast::{CompareOp, TextOp};
use crate::ir;
use crate::verdict::Truth;

/// Index of a node in [`Arena::nodes`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NodeId(pub u32);

/// One node of the condition graph.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Node {
    /// A constant outcome.
    Const(Truth),
    /// A test of one field or score.
    Test(ir::Subject, Test),
    /// Kleene conjunction of the operands.
    And(Vec<NodeId>),
    /// Kleene disjunction of the operands.
    Or(Vec<NodeId>),
    /// Negation (`not unknown` is unknown).
    Not(NodeId),
}

impl Node {
    /// The node's operands (none for leaves).
    pub fn children(&self) -> &[NodeId] {
        match self {
            Node::Const(_) | Node::Test(..) => &[],
            Node::And(operands) | Node::Or(operands) => operands,
            Node::Not(inner) => std::slice::from_ref(inner),
        }
    }

    /// The same node with every child id mapped.
    pub fn map_children(self, mut map: impl FnMut(NodeId) -> NodeId) -> Node {
        match self {
            Node::Const(_) | Node::Test(..) => self,
            Node::And(operands) => Node::And(operands.into_iter().map(map).collect()),
            Node::Or(operands) => Node::Or(operands.into_iter().map(map).collect()),
            Node::Not(inner) => Node::Not(map(inner)),
        }
    }
}

/// A number literal by its bits, so that nodes can be hashed; `-0` is `0`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Num(u64);

impl Num {
    /// Wraps a number.
    pub fn new(value: f64) -> Num {
        Num((value + 0.0).to_bits())
    }

    /// The number.
    pub fn get(self) -> f64 {
        f64::from_bits(self.0)
    }
}

/// What a leaf tests. Text operands are already case-folded
/// (`str::to_lowercase`); a value of another kind than the test expects
/// makes the test unknown, as in `interp`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Test {
    /// `is missing` (`true`) / `is present` (`false`).
    Missing(bool),
    /// Number comparison.
    Number(CompareOp, Num),
    /// `low <= x <= high` on numbers.
    NumberRange(Num, Num),
    /// The number is one of these (sorted, without duplicates): a numeric
    /// `in` list, hashed whatever its length.
    NumberIn(Vec<Num>),
    /// Date comparison.
    Date(CompareOp, i32),
    /// Boolean comparison.
    Bool(CompareOp, bool),
    /// Text comparison, ignoring case.
    Text(CompareOp, Box<str>),
    /// The text is one of these (folded, sorted, without duplicates).
    TextIn(Vec<Box<str>>),
    /// The list holds one of these (folded, sorted, without duplicates).
    HasAny(Vec<Box<str>>),
    /// The list holds all of these (folded, sorted, without duplicates).
    HasAll(Vec<Box<str>>),
    /// `contains` / `starts_with` / `ends_with`, ignoring case.
    Affix(TextOp, Box<str>),
    /// `matches`; `set` is the regex set it is evaluated in, if any.
    Matches {
        /// The pattern as written.
        pattern: Box<str>,
        /// The `i` flag.
        case_insensitive: bool,
        /// Index of its regex set (`regex_set` pass).
        set: Option<u32>,
    },
    /// The date lies in `[as_of - days, as_of]`.
    Within(i64),
}

/// The condition graph and its roots: what the passes rewrite.
#[derive(Debug, Clone, PartialEq)]
pub struct Arena {
    /// Every node; children before parents.
    pub nodes: Vec<Node>,
    /// Each rule's condition, in file order.
    pub rules: Vec<NodeId>,
    /// Each tier's condition (`None` for `otherwise`), in file order.
    pub tiers: Vec<Option<NodeId>>,
    /// Each segment's condition, in file order (read after the tier, with
    /// the final scores, like a tier's).
    pub segments: Vec<NodeId>,
    /// The node of every `ir::Pred`, indexed by its `ir::PredId`: the trace
    /// reads clause outcomes here, even of clauses the passes folded away.
    pub preds: Vec<NodeId>,
    /// Whether equal nodes are one node (set by the `share` pass).
    pub shared: bool,
}

impl Arena {
    /// The node behind an id.
    pub fn node(&self, id: NodeId) -> &Node {
        &self.nodes[id.0 as usize]
    }

    /// Every root: rules, tiers, segments, then predicate nodes.
    pub fn roots(&self) -> impl Iterator<Item = NodeId> + '_ {
        let tiers = self.tiers.iter().flatten();
        (self.rules.iter().chain(tiers))
            .chain(&self.segments)
            .chain(&self.preds)
            .copied()
    }
}

/// What the plan keeps of a rule besides its condition.
#[derive(Debug, Clone, PartialEq)]
pub struct Rule {
    /// The rule's name.
    pub name: String,
    /// Its effects, in the order written.
    pub effects: Vec<ir::Effect>,
}

/// A program ready to evaluate.
#[derive(Debug)]
pub struct Plan {
    /// The optimized condition graph.
    pub arena: Arena,
    /// Rules in file order (conditions in [`Arena::rules`]).
    pub rules: Vec<Rule>,
    /// Tier names in file order (conditions in [`Arena::tiers`]).
    pub tiers: Vec<String>,
    /// Segment names in file order (conditions in [`Arena::segments`]).
    pub segments: Vec<String>,
    /// Field names, indexed by `ir::FieldId`.
    pub fields: Vec<String>,
    /// Score names, indexed by `ir::ScoreId`.
    pub scores: Vec<String>,
    /// Score bounds and capped groups, applied once the rules have run.
    pub caps: ir::Caps,
    /// The names of the passes that ran, in order.
    pub passes: Vec<&'static str>,
    /// The executable form of the arena.
    pub compiled: compile::Compiled,
}

/// Lowers a checked program and runs the enabled passes.
pub fn plan(program: &ir::Program, options: &Options) -> Plan {
    let mut arena = lower::lower(program);
    let mut passes = Vec::new();
    for (pass, enabled) in PASSES.iter().zip(options.enabled) {
        if enabled {
            arena = (pass.run)(arena);
            passes.push(pass.name);
        }
    }
    let compiled = compile::compile(&arena);
    Plan {
        rules: program
            .rules
            .iter()
            .map(|rule| Rule {
                name: rule.name.clone(),
                effects: rule.effects.clone(),
            })
            .collect(),
        tiers: program.tiers.iter().map(|tier| tier.name.clone()).collect(),
        segments: (program.segments.iter())
            .map(|segment| segment.name.clone())
            .collect(),
        fields: program
            .fields
            .iter()
            .map(|field| field.name.clone())
            .collect(),
        caps: program.caps.clone(),
        scores: program
            .scores
            .iter()
            .map(|score| score.name.clone())
            .collect(),
        passes,
        arena,
        compiled,
    }
}

impl Plan {
    /// The fields the plan reads, ascending: readers fill only these slots.
    pub fn used_fields(&self) -> Vec<ir::FieldId> {
        let mut fields: Vec<ir::FieldId> = (self.arena.nodes.iter())
            .filter_map(|node| match node {
                Node::Test(ir::Subject::Field(field), _) => Some(*field),
                Node::Test(ir::Subject::Score(_), _)
                | Node::Const(_)
                | Node::And(_)
                | Node::Or(_)
                | Node::Not(_) => None,
            })
            .collect();
        fields.sort_unstable();
        fields.dedup();
        fields
    }
}

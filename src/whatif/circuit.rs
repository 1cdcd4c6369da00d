//! The rules' conditions as one circuit, for incremental bounds: when a
//! search moves a field, only the nodes on the paths from its predicates
//! up to the rules' roots change, so only those are computed again.
//!
//! Every condition node of every rule and let body is one node with a
//! link to its parent (a root links to its rule or let; a let's uses are
//! listed with the let). A search side holds per node its possible
//! outcomes ([`Values`]), and per `and`/`or` node how many operands can
//! be true, false, unknown, and how many rule out every outcome past
//! false (for `and`; past true for `or`): the node's outcomes follow from
//! those four counts, so an operand's change costs one step, however
//! many operands the node has (an `and` chain of 10,000 tests). A change
//! climbs only while it changes something, and only into the trees a
//! search watches ([`Live`]). With every predicate's outcomes non-empty,
//! a node's outcomes are those [`bounds::cond`] computes from scratch.

use super::bounds::Truths;
use crate::ir::{self, CondKind, PredId};
use crate::verdict::Truth;

/// No node (a predicate outside every rule and let: tiers, segments).
const NONE: u32 = u32::MAX;

/// The fewest nodes (the rule's and those of the lets it reads) for which
/// a rule is kept in the circuit. A smaller rule is cheaper recomputed
/// from scratch ([`bounds::cond`] stops at its first false operand) than
/// climbed and counted, and the per-walk setup of its nodes costs more
/// than it saves (decision 030: the crossover lies between 8 and 16
/// `and`ed tests; 64 is on the safe side of it).
pub const LARGE: u32 = 64;

/// The circuit of a program's rules and lets, built once per program.
#[derive(Debug, Clone)]
pub struct Circuit {
    nodes: Vec<Node>,
    /// Per node: where its operands (`and`, `or`, `not`) lie in
    /// `operands`, start and count.
    ranges: Vec<(u32, u32)>,
    operands: Vec<u32>,
    /// Per rule: its condition's root.
    rule_roots: Vec<u32>,
    /// Per let: its body's root.
    let_roots: Vec<u32>,
    /// Per tree (rules, then lets): its uses of lets, each a let and the
    /// node that uses it.
    tree_uses: Vec<Vec<(u32, u32)>>,
    /// Per predicate: its node, or [`NONE`].
    pred_nodes: Vec<u32>,
    /// Per rule: at least [`LARGE`] nodes, so kept in the circuit.
    large: Vec<bool>,
}

#[derive(Debug, Clone, Copy)]
struct Node {
    kind: Kind,
    up: Up,
    /// The tree it lies in: a rule's index, or the rules' count plus a
    /// let's.
    tree: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    And,
    Or,
    Not,
    Let(u32),
    Pred(PredId),
}

/// What a node's outcomes feed.
#[derive(Debug, Clone, Copy)]
enum Up {
    Node(u32),
    Rule,
    Let(u32),
}

impl Circuit {
    /// The circuit of `program`'s rule conditions and let bodies.
    pub fn new(program: &ir::Program) -> Circuit {
        let mut circuit = Circuit {
            nodes: Vec::new(),
            ranges: Vec::new(),
            operands: Vec::new(),
            rule_roots: Vec::with_capacity(program.rules.len()),
            let_roots: Vec::with_capacity(program.lets.len()),
            tree_uses: Vec::with_capacity(program.rules.len() + program.lets.len()),
            pred_nodes: vec![NONE; program.pred_count as usize],
            large: Vec::with_capacity(program.rules.len()),
        };
        let trees = (program.rules.iter().map(|rule| (&rule.condition, Up::Rule))).chain(
            (program.lets.iter().enumerate()).map(|(id, let_)| (&let_.body, Up::Let(id as u32))),
        );
        let mut sizes = Vec::with_capacity(circuit.tree_uses.capacity());
        for (tree, (condition, up)) in trees.enumerate() {
            let mut uses = Vec::new();
            let root = circuit.add(condition, up, tree as u32, &mut uses);
            circuit.tree_uses.push(uses);
            sizes.push(circuit.nodes.len() as u32 - root);
            match up {
                Up::Rule => circuit.rule_roots.push(root),
                Up::Let(_) | Up::Node(_) => circuit.let_roots.push(root),
            }
        }
        let mut totals = vec![None; circuit.let_roots.len()];
        for rule in 0..circuit.rule_roots.len() {
            let size = circuit.size(rule, &sizes, &mut totals);
            circuit.large.push(size >= LARGE);
        }
        circuit
    }

    /// Tree `tree`'s nodes and those of the lets it reads (a let read
    /// twice counted twice: this is a bound, saturating), each let's
    /// total kept in `totals`.
    fn size(&self, tree: usize, sizes: &[u32], totals: &mut [Option<u32>]) -> u32 {
        let offset = self.rule_roots.len();
        let mut size = sizes[tree];
        for (id, _) in &self.tree_uses[tree] {
            let total = match totals[*id as usize] {
                Some(total) => total,
                None => {
                    let total = self.size(offset + *id as usize, sizes, totals);
                    totals[*id as usize] = Some(total);
                    total
                }
            };
            size = size.saturating_add(total);
        }
        size
    }

    /// Whether rule `rule` is kept in the circuit (at least [`LARGE`]
    /// nodes); a smaller one is recomputed from scratch.
    pub fn large(&self, rule: usize) -> bool {
        self.large[rule]
    }

    /// Adds `cond`'s nodes (operands after their parent) and returns its
    /// root.
    fn add(&mut self, cond: &ir::Cond, up: Up, tree: u32, uses: &mut Vec<(u32, u32)>) -> u32 {
        let id = self.nodes.len() as u32;
        let kind = match &cond.kind {
            CondKind::And(_) => Kind::And,
            CondKind::Or(_) => Kind::Or,
            CondKind::Not(_) => Kind::Not,
            CondKind::Let(let_id) => Kind::Let(let_id.0),
            CondKind::Pred(pred) => Kind::Pred(pred.id),
        };
        self.nodes.push(Node { kind, up, tree });
        self.ranges.push((0, 0));
        let operands: &[ir::Cond] = match &cond.kind {
            CondKind::And(operands) | CondKind::Or(operands) => operands,
            CondKind::Not(inner) => std::slice::from_ref(&**inner),
            CondKind::Let(let_id) => {
                uses.push((let_id.0, id));
                &[]
            }
            CondKind::Pred(pred) => {
                self.pred_nodes[pred.id.0 as usize] = id;
                &[]
            }
        };
        let children: Vec<u32> = (operands.iter())
            .map(|operand| self.add(operand, Up::Node(id), tree, uses))
            .collect();
        self.ranges[id as usize] = (self.operands.len() as u32, children.len() as u32);
        self.operands.extend(children);
        id
    }

    fn operands(&self, node: u32) -> &[u32] {
        let (start, count) = self.ranges[node as usize];
        &self.operands[start as usize..(start + count) as usize]
    }

    /// The possible outcomes of rule `rule`'s condition on `values`' side
    /// (kept up to date while the rule's tree is live).
    pub fn rule(&self, values: &Values, rule: usize) -> Truths {
        values.truths[self.rule_roots[rule] as usize]
    }

    /// Computes every live tree's nodes from scratch, predicates read
    /// from `table` (by `PredId`): lets before the trees that use them.
    pub fn evaluate(&self, values: &mut Values, live: &Live, table: &[Truths]) {
        let rules = self.rule_roots.len();
        for id in &live.lets {
            self.compute(values, self.let_roots[*id as usize], table);
        }
        for tree in &live.rules {
            debug_assert!(*tree < rules);
            self.compute(values, self.rule_roots[*tree], table);
        }
    }

    /// Computes `node` and its operands, bottom up (a let use reads its
    /// let's root, computed before).
    fn compute(&self, values: &mut Values, node: u32, table: &[Truths]) -> Truths {
        let at = node as usize;
        let truths = match self.nodes[at].kind {
            Kind::Pred(pred) => table[pred.0 as usize],
            Kind::Let(id) => values.truths[self.let_roots[id as usize] as usize],
            Kind::Not => {
                let inner = self.operands(node)[0];
                self.compute(values, inner, table).not()
            }
            Kind::And | Kind::Or => {
                let mut counts = Counts::default();
                let and = self.nodes[at].kind == Kind::And;
                for operand in self.operands(node) {
                    counts.add(self.compute(values, *operand, table), and, 1);
                }
                let arity = self.ranges[at].1;
                values.counts[at] = counts;
                counts.truths(and, arity)
            }
        };
        values.truths[at] = truths;
        truths
    }

    /// Sets predicate `pred` to `truths` on `values`' side and updates
    /// every live node that depends on it (a predicate outside the live
    /// trees changes nothing here).
    pub fn set(&self, values: &mut Values, live: &Live, pred: PredId, truths: Truths) {
        debug_assert!(
            truths != Truths::default(),
            "every predicate has an outcome"
        );
        let leaf = self.pred_nodes[pred.0 as usize];
        if leaf == NONE || !live.trees[self.nodes[leaf as usize].tree as usize] {
            return;
        }
        let old = std::mem::replace(&mut values.truths[leaf as usize], truths);
        if old == truths {
            return;
        }
        // Each change climbs at once while it changes something; a let's
        // change is queued for each use and those climb in turn, in the
        // order they were made (a node reached twice through a let used
        // twice changes twice, and its parent must see both in turn).
        let mut queue = std::mem::take(&mut values.queue);
        let mut next = 0;
        let mut change = Some((leaf, old, truths));
        while let Some((node, old, new)) = change {
            change = match self.nodes[node as usize].up {
                Up::Rule => None,
                Up::Node(parent) => {
                    let at = parent as usize;
                    let before = values.truths[at];
                    let after = match self.nodes[at].kind {
                        Kind::Not => new.not(),
                        Kind::And | Kind::Or => {
                            let and = self.nodes[at].kind == Kind::And;
                            let counts = &mut values.counts[at];
                            counts.add(old, and, -1);
                            counts.add(new, and, 1);
                            counts.truths(and, self.ranges[at].1)
                        }
                        Kind::Let(_) | Kind::Pred(_) => before,
                    };
                    values.truths[at] = after;
                    (after != before).then_some((parent, before, after))
                }
                Up::Let(id) => {
                    for user in &live.uses[id as usize] {
                        let before = std::mem::replace(&mut values.truths[*user as usize], new);
                        if before != new {
                            queue.push((*user, before, new));
                        }
                    }
                    None
                }
            };
            if change.is_none() && next < queue.len() {
                change = Some(queue[next]);
                next += 1;
            }
        }
        queue.clear();
        values.queue = queue;
    }
}

/// Per `and`/`or` node: how many operands can be true, false, unknown,
/// and how many can be neither unknown nor what the node's outcome needs
/// to pass beyond false (`and`: true; `or`: false).
#[derive(Debug, Clone, Copy, Default)]
struct Counts {
    t: u32,
    f: u32,
    u: u32,
    /// `and`: operands that can only be false; `or`: only true.
    stuck: u32,
}

impl Counts {
    fn add(&mut self, truths: Truths, and: bool, sign: i32) {
        let has = |truth| i32::from(truths.has(truth));
        let (t, f, u) = (has(Truth::True), has(Truth::False), has(Truth::Unknown));
        let passes = if and { t } else { f };
        self.t = self.t.wrapping_add_signed(t * sign);
        self.f = self.f.wrapping_add_signed(f * sign);
        self.u = self.u.wrapping_add_signed(u * sign);
        self.stuck = self
            .stuck
            .wrapping_add_signed((1 - u) * (1 - passes) * sign);
    }

    /// The node's outcomes, Kleene logic over sets: an `and` can be true
    /// when every operand can, false when one can, unknown when one can
    /// and every one can be unknown or true (dually for `or`).
    fn truths(self, and: bool, arity: u32) -> Truths {
        let (t, f) = if and {
            (self.t == arity, self.f > 0)
        } else {
            (self.t > 0, self.f == arity)
        };
        let u = self.u > 0 && self.stuck == 0;
        let mut truths = Truths::default();
        for (on, truth) in [(f, Truth::False), (u, Truth::Unknown), (t, Truth::True)] {
            if on {
                truths = truths.union(Truths::one(truth));
            }
        }
        truths
    }
}

/// One search side's node outcomes and counts.
#[derive(Default)]
pub struct Values {
    truths: Vec<Truths>,
    counts: Vec<Counts>,
    /// Scratch for [`Circuit::set`].
    queue: Vec<(u32, Truths, Truths)>,
}

impl Values {
    /// Room for every node of `circuit` (computed by [`Circuit::evaluate`]).
    pub fn new(circuit: &Circuit) -> Values {
        Values {
            truths: vec![Truths::default(); circuit.nodes.len()],
            counts: vec![Counts::default(); circuit.nodes.len()],
            queue: Vec::new(),
        }
    }
}

/// The trees one search watches: its rules and the lets they use, lets
/// in an order where each comes after those it uses, and per let its uses
/// in live trees (a let shared by thousands of rules is used by the few a
/// search watches).
#[derive(Debug, Default)]
pub struct Live {
    /// Per tree (rules, then lets): live.
    trees: Vec<bool>,
    rules: Vec<usize>,
    lets: Vec<u32>,
    /// Per let: the nodes of live trees that use it.
    uses: Vec<Vec<u32>>,
}

impl Live {
    /// No tree live, for `circuit`.
    pub fn new(circuit: &Circuit) -> Live {
        Live {
            trees: vec![false; circuit.tree_uses.len()],
            rules: Vec::new(),
            lets: Vec::new(),
            uses: vec![Vec::new(); circuit.let_roots.len()],
        }
    }

    /// Makes `rules` and the lets they use live.
    pub fn start(&mut self, circuit: &Circuit, rules: &[usize]) {
        for rule in rules {
            self.trees[*rule] = true;
            self.rules.push(*rule);
            self.reach(circuit, *rule);
        }
    }

    /// Makes the lets tree `tree` uses live, each after those it uses.
    fn reach(&mut self, circuit: &Circuit, tree: usize) {
        let offset = circuit.rule_roots.len();
        for (id, user) in &circuit.tree_uses[tree] {
            self.uses[*id as usize].push(*user);
            let let_tree = offset + *id as usize;
            if !std::mem::replace(&mut self.trees[let_tree], true) {
                self.reach(circuit, let_tree);
                self.lets.push(*id);
            }
        }
    }

    /// Makes every tree dead again.
    pub fn clear(&mut self, circuit: &Circuit) {
        let offset = circuit.rule_roots.len();
        for rule in self.rules.drain(..) {
            self.trees[rule] = false;
        }
        for id in self.lets.drain(..) {
            self.trees[offset + id as usize] = false;
            self.uses[id as usize].clear();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Circuit, Live, Values};
    use crate::verdict::Truth;
    use crate::whatif::bounds::{self, Truths};
    use proptest::prelude::*;

    /// A condition's shape; leaves pick a test or an earlier let.
    #[derive(Debug, Clone)]
    enum Shape {
        Leaf(u8),
        And(Vec<Shape>),
        Or(Vec<Shape>),
        Not(Box<Shape>),
    }

    const TESTS: [&str; 8] = [
        "a > 1",
        "a 2..5",
        "a is missing",
        "b == x",
        "b in [x, y]",
        "b contains \"q\"",
        "c == true",
        "c is present",
    ];

    fn shape() -> impl Strategy<Value = Shape> {
        any::<u8>()
            .prop_map(Shape::Leaf)
            .prop_recursive(4, 32, 4, |inner| {
                prop_oneof![
                    prop::collection::vec(inner.clone(), 1..5).prop_map(Shape::And),
                    prop::collection::vec(inner.clone(), 1..5).prop_map(Shape::Or),
                    inner.prop_map(|shape| Shape::Not(Box::new(shape))),
                ]
            })
    }

    /// `shape` as ICP text, its leaves using the first `lets` lets.
    fn render(shape: &Shape, lets: usize, out: &mut String) {
        let joined = |operands: &[Shape], word: &str, out: &mut String| {
            out.push('(');
            for (index, operand) in operands.iter().enumerate() {
                if index > 0 {
                    out.push_str(word);
                }
                render(operand, lets, out);
            }
            out.push(')');
        };
        match shape {
            Shape::Leaf(pick) => {
                let pick = usize::from(*pick);
                if lets > 0 && pick % 3 == 0 {
                    out.push_str(&format!("l{}", pick / 3 % lets));
                } else {
                    out.push_str(TESTS[pick % TESTS.len()]);
                }
            }
            Shape::And(operands) => joined(operands, " and ", out),
            Shape::Or(operands) => joined(operands, " or ", out),
            Shape::Not(inner) => {
                out.push_str("not (");
                render(inner, lets, out);
                out.push(')');
            }
        }
    }

    fn program(lets: &[Shape], rules: &[Shape]) -> crate::ir::Program {
        let mut text = String::from("schema {\n  a: int\n  b: text\n  c: bool\n}\nscore fit\n");
        for (index, shape) in lets.iter().enumerate() {
            text.push_str(&format!("let l{index} = "));
            render(shape, index, &mut text);
            text.push('\n');
        }
        for (index, shape) in rules.iter().enumerate() {
            text.push_str(&format!("rule r{index}: "));
            render(shape, lets.len(), &mut text);
            text.push_str(" => fit +1\n");
        }
        match crate::compile(&crate::source::Source::new("t.icp", text.as_str())) {
            Ok(checked) => checked.program,
            Err(errors) => panic!("{text}\n{errors:?}"),
        }
    }

    /// A non-empty set of outcomes from its bits.
    fn truths(bits: u8) -> Truths {
        let all = [Truth::False, Truth::Unknown, Truth::True];
        let mut truths = Truths::default();
        for (at, truth) in all.into_iter().enumerate() {
            if bits & (1 << at) != 0 {
                truths = truths.union(Truths::one(truth));
            }
        }
        truths
    }

    proptest! {
        /// After any sequence of predicate changes, every live rule's
        /// outcomes are those computed from scratch over the table, and
        /// clearing leaves nothing live.
        #[test]
        fn incremental_outcomes_equal_the_full_recomputation(
            lets in prop::collection::vec(shape(), 0..4),
            rules in prop::collection::vec(shape(), 1..5),
            live_mask in any::<u8>(),
            start in prop::collection::vec(1u8..8, 64),
            changes in prop::collection::vec((any::<u16>(), 1u8..8), 1..40),
        ) {
            let program = program(&lets, &rules);
            let preds = program.pred_count as usize;
            let mut table: Vec<Truths> =
                (0..preds).map(|at| truths(start[at % start.len()])).collect();
            let circuit = Circuit::new(&program);
            let watched: Vec<usize> = (0..program.rules.len())
                .filter(|rule| live_mask & (1 << (rule % 8)) != 0)
                .collect();
            let mut live = Live::new(&circuit);
            live.start(&circuit, &watched);
            let mut values = Values::new(&circuit);
            circuit.evaluate(&mut values, &live, &table);
            for (pred, bits) in changes {
                let pred = usize::from(pred) % preds;
                table[pred] = truths(bits);
                circuit.set(&mut values, &live, crate::ir::PredId(pred as u32), table[pred]);
                for rule in &watched {
                    let mut scratch = vec![None; program.lets.len()];
                    let lookup = |test: &crate::ir::Pred| table[test.id.0 as usize];
                    let condition = &program.rules[*rule].condition;
                    let full = bounds::cond(&program, condition, &lookup, &mut scratch);
                    prop_assert_eq!(circuit.rule(&values, *rule), full, "rule r{}", rule);
                }
            }
            live.clear(&circuit);
            prop_assert!(live.trees.iter().all(|tree| !tree));
            prop_assert!(live.uses.iter().all(Vec::is_empty));
        }
    }
}

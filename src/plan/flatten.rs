//! Pass `flatten`: `a and (b and c)` becomes `and(a, b, c)`, likewise for
//! `or`. Kleene `and`/`or` are associative, so the outcome is unchanged;
//! fewer nodes means fewer memo writes and one short-circuit loop.
//!
//! The arena is a DAG (lets are shared, `share` interns), so splicing
//! could copy a shared child's operands into every parent: a chain of
//! lets that doubles at each step would grow exponentially. Two rules keep
//! it linear: a repeated operand is dropped (`x and x` is `x` in Kleene
//! logic too), and a child is spliced only while the parent stays within
//! [`MAX_OPERANDS`].

/// The most operands splicing may give one node.
const MAX_OPERANDS: usize = 64;

use super::rewrite::{Builder, rewrite};
use super::{Arena, Node, NodeId};
use rustc_hash::FxHashSet;

/// Splices same-operator operands into their parent.
pub(super) fn run(arena: Arena) -> Arena {
    rewrite(arena, |builder, node| {
        let node = match node {
            Node::And(operands) => Node::And(splice(builder, operands, is_and)),
            Node::Or(operands) => Node::Or(splice(builder, operands, is_or)),
            Node::Const(_) | Node::Test(..) | Node::Not(_) => node,
        };
        builder.add(node)
    })
}

fn is_and(node: &Node) -> Option<&[NodeId]> {
    match node {
        Node::And(operands) => Some(operands),
        Node::Const(_) | Node::Test(..) | Node::Or(_) | Node::Not(_) => None,
    }
}

fn is_or(node: &Node) -> Option<&[NodeId]> {
    match node {
        Node::Or(operands) => Some(operands),
        Node::Const(_) | Node::Test(..) | Node::And(_) | Node::Not(_) => None,
    }
}

/// Operands with every operand of the same operator replaced by its own
/// operands (already flat, since children are rebuilt first).
fn splice(
    builder: &Builder,
    operands: Vec<NodeId>,
    same: fn(&Node) -> Option<&[NodeId]>,
) -> Vec<NodeId> {
    let mut flat: Vec<NodeId> = Vec::with_capacity(operands.len());
    let mut seen: FxHashSet<NodeId> = FxHashSet::default();
    let mut push = |flat: &mut Vec<NodeId>, operand: NodeId| {
        if seen.insert(operand) {
            flat.push(operand);
        }
    };
    for (index, operand) in operands.iter().enumerate() {
        let rest = operands.len() - index - 1;
        match same(builder.node(*operand)) {
            Some(inner) if flat.len() + inner.len() + rest <= MAX_OPERANDS => {
                inner.iter().for_each(|inner| push(&mut flat, *inner));
            }
            Some(_) | None => push(&mut flat, *operand),
        }
    }
    flat
}

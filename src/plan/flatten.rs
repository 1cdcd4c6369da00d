//! Pass `flatten`: `a and (b and c)` becomes `and(a, b, c)`, likewise for
//! `or`. Kleene `and`/`or` are associative, so the outcome is unchanged;
//! fewer nodes means fewer memo writes and one short-circuit loop.

use super::rewrite::{Builder, rewrite};
use super::{Arena, Node, NodeId};

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
    let mut flat = Vec::with_capacity(operands.len());
    for operand in operands {
        match same(builder.node(operand)) {
            Some(inner) => flat.extend_from_slice(inner),
            None => flat.push(operand),
        }
    }
    flat
}

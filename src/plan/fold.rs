//! Pass `fold`: constant folding and Kleene identities.
//!
//! `not` of a constant is a constant and `not not a` is `a`; in `and`/`or`
//! the identity (`true` / `false`) is dropped, the absorbing constant
//! (`false` / `true`) decides, duplicate operands go (`a and a` is `a`),
//! and a single operand stands for itself. Duplicates are found by
//! hashing, so an `or` of 100,000 operands folds in linear time. Constants come from lowering:
//! a score tested inside a rule reads as missing, an invalid regex is
//! unknown, `x in []` is `x is missing and unknown`.

use super::rewrite::{Builder, rewrite};
use super::{Arena, Node, NodeId};
use crate::verdict::Truth;
use rustc_hash::FxHashSet;

/// Folds every node bottom-up.
pub(super) fn run(arena: Arena) -> Arena {
    rewrite(arena, |builder, node| match node {
        Node::Not(inner) => negate(builder, inner),
        Node::And(operands) => junction(builder, operands, Truth::True, Node::And),
        Node::Or(operands) => junction(builder, operands, Truth::False, Node::Or),
        Node::Const(_) | Node::Test(..) => builder.add(node),
    })
}

fn negate(builder: &mut Builder, inner: NodeId) -> NodeId {
    match builder.node(inner) {
        Node::Const(truth) => builder.add(Node::Const(!*truth)),
        Node::Not(twice) => *twice,
        Node::Test(..) | Node::And(_) | Node::Or(_) => builder.add(Node::Not(inner)),
    }
}

/// Folds an `and` (identity `true`) or an `or` (identity `false`).
fn junction(
    builder: &mut Builder,
    operands: Vec<NodeId>,
    identity: Truth,
    make: fn(Vec<NodeId>) -> Node,
) -> NodeId {
    let absorbing = !identity;
    let mut kept: Vec<NodeId> = Vec::with_capacity(operands.len());
    // Equal operands are one id once `share` ran; before, equal nodes are
    // found by value. Either way one hash lookup per operand.
    let mut seen: FxHashSet<&Node> = FxHashSet::default();
    for operand in operands {
        let node = builder.node(operand);
        if *node == Node::Const(identity) {
            continue;
        }
        if *node == Node::Const(absorbing) {
            return builder.add(Node::Const(absorbing));
        }
        if seen.insert(node) {
            kept.push(operand);
        }
    }
    match kept.as_slice() {
        [] => builder.add(Node::Const(identity)),
        [only] => *only,
        [_, _, ..] => builder.add(make(kept)),
    }
}

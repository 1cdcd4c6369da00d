//! Pass `order`: inside `and`/`or`, operands that are cheap and likely to
//! decide go first, so short-circuiting skips the expensive ones.
//!
//! Kleene `and`/`or` are commutative, so order never changes an outcome.
//! For independent tests the expected cost of an `and` is least when
//! operands are sorted by `cost / P(false)`, of an `or` by `cost / P(true)`;
//! costs and probabilities are rough static guesses. The sort is stable:
//! ties keep source order.

use super::rewrite::rewrite;
use super::{Arena, Node, NodeId, Test};
use crate::ast::CompareOp;
use crate::verdict::Truth;

/// Guessed cost (arbitrary units) and probability of being true.
#[derive(Debug, Clone, Copy)]
struct Estimate {
    cost: f64,
    chance: f64,
}

/// Sorts the operands of every `and`/`or`.
pub(super) fn run(arena: Arena) -> Arena {
    let mut estimates: Vec<Estimate> = Vec::new();
    rewrite(arena, |builder, node| {
        let node = match node {
            Node::And(operands) => Node::And(sorted(operands, &estimates, |e| 1.0 - e.chance)),
            Node::Or(operands) => Node::Or(sorted(operands, &estimates, |e| e.chance)),
            Node::Const(_) | Node::Test(..) | Node::Not(_) => node,
        };
        let estimate = estimate(&node, &estimates);
        let id = builder.add(node);
        if estimates.len() <= id.0 as usize {
            estimates.resize(id.0 as usize + 1, estimate);
        }
        id
    })
}

fn sorted(
    mut operands: Vec<NodeId>,
    estimates: &[Estimate],
    deciding: fn(&Estimate) -> f64,
) -> Vec<NodeId> {
    let rank = |id: &NodeId| {
        let estimate = estimates[id.0 as usize];
        estimate.cost / deciding(&estimate).max(0.01)
    };
    operands.sort_by(|left, right| rank(left).total_cmp(&rank(right)));
    operands
}

fn estimate(node: &Node, estimates: &[Estimate]) -> Estimate {
    let of = |id: &NodeId| estimates[id.0 as usize];
    match node {
        Node::Const(truth) => Estimate {
            cost: 0.0,
            chance: match truth {
                Truth::False => 0.0,
                Truth::Unknown => 0.5,
                Truth::True => 1.0,
            },
        },
        Node::Test(_, test) => test_estimate(test),
        Node::And(operands) => Estimate {
            cost: operands.iter().map(|id| of(id).cost).sum(),
            chance: operands.iter().map(|id| of(id).chance).product(),
        },
        Node::Or(operands) => Estimate {
            cost: operands.iter().map(|id| of(id).cost).sum(),
            chance: 1.0
                - operands
                    .iter()
                    .map(|id| 1.0 - of(id).chance)
                    .product::<f64>(),
        },
        Node::Not(inner) => Estimate {
            cost: of(inner).cost,
            chance: 1.0 - of(inner).chance,
        },
    }
}

fn test_estimate(test: &Test) -> Estimate {
    let (cost, chance) = match test {
        Test::Missing(true) => (1.0, 0.1),
        Test::Missing(false) => (1.0, 0.9),
        Test::Number(op, _) | Test::Date(op, _) | Test::Bool(op, _) => (2.0, compare_chance(*op)),
        Test::NumberRange(..) => (2.0, 0.3),
        Test::NumberIn(numbers) => (3.0, (0.05 * numbers.len() as f64).min(0.5)),
        Test::Within(_) => (2.0, 0.2),
        Test::Text(op, _) => (4.0, compare_chance(*op)),
        Test::TextIn(items) => (5.0, (0.05 * items.len() as f64).min(0.5)),
        Test::Affix(..) => (6.0, 0.2),
        Test::HasAny(_) => (8.0, 0.2),
        Test::HasAll(_) => (8.0, 0.1),
        Test::Matches { set: Some(_), .. } => (30.0, 0.2),
        Test::Matches { set: None, .. } => (60.0, 0.2),
    };
    Estimate { cost, chance }
}

fn compare_chance(op: CompareOp) -> f64 {
    match op {
        CompareOp::Eq => 0.1,
        CompareOp::Ne => 0.9,
        CompareOp::Lt | CompareOp::Le | CompareOp::Gt | CompareOp::Ge => 0.5,
    }
}

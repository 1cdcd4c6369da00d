//! How far a verdict's scores are from a tier's condition, and whether any
//! combination of rules could satisfy it at all.

use crate::ast::CompareOp;
use crate::ir::{self, CondKind, Literal, PredTest, Subject};
use crate::verdict::Verdict;

/// 0 when the verdict is in the target tier; otherwise a positive distance
/// (points missing, summed over `and`, least over `or`).
pub fn distance(program: &ir::Program, target: u32, verdict: &Verdict) -> f64 {
    if verdict.tier == Some(target) {
        return 0.0;
    }
    if verdict.disqualified {
        return f64::INFINITY;
    }
    match &program.tiers[target as usize].condition {
        Some(condition) => 1.0 + of(program, condition, &verdict.scores),
        None => 1.0,
    }
}

fn of(program: &ir::Program, cond: &ir::Cond, scores: &[i64]) -> f64 {
    match &cond.kind {
        CondKind::And(operands) => operands
            .iter()
            .map(|operand| of(program, operand, scores))
            .sum(),
        CondKind::Or(operands) => operands
            .iter()
            .map(|operand| of(program, operand, scores))
            .fold(f64::INFINITY, f64::min),
        CondKind::Not(inner) => f64::from(u8::from(of(program, inner, scores) == 0.0)),
        CondKind::Let(id) => of(program, &program.let_(*id).body, scores),
        CondKind::Pred(pred) => match pred.subject {
            Subject::Score(score) => pred_distance(&pred.test, scores[score.0 as usize] as f64),
            Subject::Field(_) => 0.0,
        },
    }
}

fn pred_distance(test: &PredTest, score: f64) -> f64 {
    let number = |literal: &Literal| match literal {
        Literal::Number(n) => *n,
        Literal::Text(_) | Literal::Bool(_) | Literal::Date(_) => 0.0,
    };
    match test {
        PredTest::Compare(op, literal) => {
            let n = number(literal);
            match op {
                CompareOp::Ge => (n - score).max(0.0),
                CompareOp::Gt => (n + 1.0 - score).max(0.0),
                CompareOp::Le => (score - n).max(0.0),
                CompareOp::Lt => (score - n + 1.0).max(0.0),
                CompareOp::Eq => (score - n).abs(),
                CompareOp::Ne => f64::from(u8::from(score == n)),
            }
        }
        PredTest::Range(low, high) => {
            (number(low) - score).max(0.0) + (score - number(high)).max(0.0)
        }
        PredTest::In {
            values,
            negated: false,
        } => values
            .iter()
            .map(|value| (number(value) - score).abs())
            .fold(f64::INFINITY, f64::min),
        PredTest::In {
            values,
            negated: true,
        } => f64::from(u8::from(values.iter().any(|v| number(v) == score))),
        PredTest::HasAny(_)
        | PredTest::HasAll(_)
        | PredTest::Text(..)
        | PredTest::Matches { .. }
        | PredTest::Missing(_)
        | PredTest::Within(_) => 0.0,
    }
}

/// Whether some scores within what the rules can give satisfy the tier.
/// Conservative: `false` only when the tier is certainly out of reach.
pub fn tier_reachable(program: &ir::Program, target: u32) -> bool {
    let mut bounds = vec![(0i64, 0i64); program.scores.len()];
    for rule in &program.rules {
        if let ir::Effect::Add { score, delta } = rule.effect {
            let (low, high) = &mut bounds[score.0 as usize];
            if delta < 0 {
                *low = low.saturating_add(delta);
            } else {
                *high = high.saturating_add(delta);
            }
        }
    }
    match &program.tiers[target as usize].condition {
        Some(condition) => can_be(program, condition, true, &bounds),
        None => true,
    }
}

fn can_be(program: &ir::Program, cond: &ir::Cond, want: bool, bounds: &[(i64, i64)]) -> bool {
    match &cond.kind {
        CondKind::And(operands) if want => operands
            .iter()
            .all(|operand| can_be(program, operand, true, bounds)),
        CondKind::And(operands) => operands
            .iter()
            .any(|operand| can_be(program, operand, false, bounds)),
        CondKind::Or(operands) if want => operands
            .iter()
            .any(|operand| can_be(program, operand, true, bounds)),
        CondKind::Or(operands) => operands
            .iter()
            .all(|operand| can_be(program, operand, false, bounds)),
        CondKind::Not(inner) => can_be(program, inner, !want, bounds),
        CondKind::Let(id) => can_be(program, &program.let_(*id).body, want, bounds),
        CondKind::Pred(pred) => match pred.subject {
            Subject::Score(score) => {
                let (low, high) = bounds[score.0 as usize];
                (low..=high)
                    .take(100_000)
                    .any(|value| holds(&pred.test, value as f64) == want)
                    || (high - low) > 100_000
            }
            Subject::Field(_) => true,
        },
    }
}

fn holds(test: &PredTest, score: f64) -> bool {
    pred_distance(test, score) == 0.0
}

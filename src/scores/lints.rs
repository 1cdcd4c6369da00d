//! The score-space lints (W301-W306) of `icpc check`, from the facts of
//! [`Space`]: a tier no scores within reach satisfy, a tier threshold
//! beyond its score's reach, a rule whose score no tier reads, a rule that
//! only fires on disqualified leads, and ranges of one field that overlap
//! or leave a narrow gap across rules adding to the same score.

use super::{Firing, Space, errors};
use crate::ast::CompareOp;
use crate::diagnostic::Diagnostic;
use crate::ir::{self, CondKind, Literal, PredTest, Subject};

/// Every score-space warning of `program`, in no particular order.
pub fn lints(program: &ir::Program, space: &Space) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    tiers(program, space, &mut out);
    unread_scores(program, space, &mut out);
    for (rule, firing) in program.rules.iter().zip(&space.firing) {
        if *firing == Firing::OnlyDisqualified && rule.changes_scores() && !rule.disqualifies() {
            out.push(errors::dead_under_disqualifiers(
                &rule.name,
                rule.condition.span,
            ));
        }
    }
    ranges(program, &mut out);
    out
}

/// W301 and W302.
fn tiers(program: &ir::Program, space: &Space, out: &mut Vec<Diagnostic>) {
    for (index, tier) in program.tiers.iter().enumerate() {
        let Some(condition) = &tier.condition else {
            continue;
        };
        let mut tests = Vec::new();
        score_tests(program, condition, &mut tests);
        for pred in tests {
            if let Subject::Score(score) = pred.subject
                && let Some(bound) = beyond(&pred.test, space.ranges[score.0 as usize])
            {
                let name = &program.score(score).name;
                let span = pred
                    .spans
                    .subject
                    .join(*pred.spans.values.last().unwrap_or(&pred.spans.op));
                out.push(errors::threshold_out_of_reach(name, span, bound));
            }
        }
        if !space.reachable[index] {
            out.push(errors::tier_out_of_reach(
                &tier.name,
                tier.span,
                program,
                &space.ranges,
            ));
        }
    }
}

/// The score tests of a tier condition, each let once.
fn score_tests<'a>(program: &'a ir::Program, cond: &'a ir::Cond, out: &mut Vec<&'a ir::Pred>) {
    match &cond.kind {
        CondKind::And(operands) | CondKind::Or(operands) => {
            operands
                .iter()
                .for_each(|operand| score_tests(program, operand, out));
        }
        CondKind::Not(_) => {}
        CondKind::Let(id) => score_tests(program, &program.let_(*id).body, out),
        CondKind::Pred(pred) => {
            if !out.iter().any(|seen| seen.id == pred.id) {
                out.push(pred);
            }
        }
    }
}

/// The reach a test's threshold lies beyond (`(most, true)` above the
/// most, `(least, false)` below the least), if it does.
fn beyond(test: &PredTest, (low, high): (i64, i64)) -> Option<(i64, bool)> {
    let number = |literal: &Literal| match literal {
        Literal::Number(number) => Some(*number),
        Literal::Text(_) | Literal::Bool(_) | Literal::Date(_) => None,
    };
    let (low_f, high_f) = (low as f64, high as f64);
    match test {
        PredTest::Compare(op, literal) => {
            let n = number(literal)?;
            match op {
                CompareOp::Ge | CompareOp::Eq if n > high_f => Some((high, true)),
                CompareOp::Gt if n >= high_f => Some((high, true)),
                CompareOp::Le | CompareOp::Eq if n < low_f => Some((low, false)),
                CompareOp::Lt if n <= low_f => Some((low, false)),
                CompareOp::Ge
                | CompareOp::Gt
                | CompareOp::Le
                | CompareOp::Lt
                | CompareOp::Eq
                | CompareOp::Ne => None,
            }
        }
        PredTest::Range(from, to) => {
            let (from, to) = (number(from)?, number(to)?);
            if from > high_f {
                Some((high, true))
            } else if to < low_f {
                Some((low, false))
            } else {
                None
            }
        }
        PredTest::In { .. }
        | PredTest::HasAny(_)
        | PredTest::HasAll(_)
        | PredTest::Text(..)
        | PredTest::Matches { .. }
        | PredTest::Missing(_)
        | PredTest::Within(_) => None,
    }
}

/// W303: rules adding to a score no tier reads (when some tier reads one).
fn unread_scores(program: &ir::Program, space: &Space, out: &mut Vec<Diagnostic>) {
    let mut read = vec![false; program.scores.len()];
    for tier in &program.tiers {
        if let Some(condition) = &tier.condition {
            let mut tests = Vec::new();
            score_tests(program, condition, &mut tests);
            for pred in tests {
                if let Subject::Score(score) = pred.subject {
                    read[score.0 as usize] = true;
                }
            }
        }
    }
    if !read.iter().any(|read| *read) {
        return;
    }
    for (rule, firing) in program.rules.iter().zip(&space.firing) {
        let unread = rule.adds().find(|(score, _)| !read[score.0 as usize]);
        if let Some((score, _)) = unread
            && rule.adds().all(|(score, _)| !read[score.0 as usize])
            && *firing == Firing::Yes
        {
            out.push(errors::no_tier_effect(
                &rule.name,
                rule.span,
                &program.score(score).name,
            ));
        }
    }
}

/// A rule whose whole condition is one range test, and what it adds to.
struct Banded<'a> {
    rule: &'a ir::Rule,
    field: ir::FieldId,
    score: ir::ScoreId,
    low: f64,
    high: f64,
    span: crate::source::Span,
}

/// W305 and W306: per field and score, ranges sorted by their low end.
fn ranges(program: &ir::Program, out: &mut Vec<Diagnostic>) {
    let mut bands: Vec<Banded<'_>> = program
        .rules
        .iter()
        .filter_map(|rule| banded(program, rule))
        .collect();
    bands.sort_by(|a, b| {
        (a.field, a.score)
            .cmp(&(b.field, b.score))
            .then(a.low.total_cmp(&b.low))
            .then(a.high.total_cmp(&b.high))
    });
    for pair in bands.windows(2) {
        let (first, second) = (&pair[0], &pair[1]);
        if (first.field, first.score) != (second.field, second.score) {
            continue;
        }
        let whole = matches!(
            program.field(first.field).ty,
            ir::Type::Int | ir::Type::Date
        );
        let field = &program.field(first.field).name;
        if second.low <= first.high {
            out.push(errors::overlapping_ranges(
                field,
                second.span,
                &second.rule.name,
                first.span,
                &first.rule.name,
            ));
        } else if narrow_gap(first.high, second.low, whole) {
            out.push(errors::range_gap(
                field,
                second.span,
                &second.rule.name,
                first.span,
                first.high,
                second.low,
            ));
        }
    }
}

/// Between two ranges, a gap that looks like an off-by-one: a single
/// whole number missing (`1..10`, `12..50`), or less than 1 for numbers.
fn narrow_gap(high: f64, low: f64, whole: bool) -> bool {
    if whole {
        low - high == 2.0
    } else {
        low - high < 1.0
    }
}

fn banded<'a>(program: &'a ir::Program, rule: &'a ir::Rule) -> Option<Banded<'a>> {
    let mut adds = rule.adds();
    let (Some((score, _)), None) = (adds.next(), adds.next()) else {
        return None;
    };
    let mut cond = &rule.condition;
    while let CondKind::Let(id) = &cond.kind {
        cond = &program.let_(*id).body;
    }
    let CondKind::Pred(pred) = &cond.kind else {
        return None;
    };
    let (Subject::Field(field), PredTest::Range(low, high)) = (pred.subject, &pred.test) else {
        return None;
    };
    let number = |literal: &Literal| match literal {
        Literal::Number(number) => Some(*number),
        Literal::Date(day) => Some(f64::from(*day)),
        Literal::Text(_) | Literal::Bool(_) => None,
    };
    Some(Banded {
        rule,
        field,
        score,
        low: number(low)?,
        high: number(high)?,
        span: pred
            .spans
            .subject
            .join(*pred.spans.values.last().unwrap_or(&pred.spans.op)),
    })
}

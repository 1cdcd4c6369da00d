//! W204: tiers that no lead can reach.
//!
//! A tier after `otherwise` is unreachable. Otherwise each tier condition
//! is turned, when it can be, into a union of boxes: per score, a closed
//! interval of whole numbers (scores are integers and never unknown). A
//! tier is unreachable when its boxes are all empty, or each lies inside a
//! box of an earlier tier (that tier takes those leads first). Conditions
//! with `not`, `not in` or too many boxes are not analysed. A let's boxes
//! are computed once and memoized, however often tiers use it.

use crate::check::errors;
use crate::diagnostic::Diagnostic;
use crate::ir;
use std::collections::HashMap;

/// The boxes of each let analysed so far (`None`: not analysable).
type Memo = HashMap<ir::LetId, Option<Vec<Region>>>;

/// The most boxes one condition may expand to before the analysis gives up.
const MAX_BOXES: usize = 64;

/// Per score index, the interval `[low, high]` of whole numbers a box allows;
/// scores not listed are unconstrained.
type Region = Vec<(u32, f64, f64)>;

/// Reports unreachable tiers of `program`.
pub fn check(program: &ir::Program, diagnostics: &mut Vec<Diagnostic>) {
    let mut earlier: Vec<(&ir::Tier, Vec<Region>)> = Vec::new();
    let mut otherwise: Option<&ir::Tier> = None;
    let mut memo = Memo::new();
    for tier in &program.tiers {
        if let Some(catch_all) = otherwise {
            diagnostics.push(errors::tier_after_otherwise(
                &tier.name,
                tier.span,
                catch_all.span,
            ));
            continue;
        }
        let Some(condition) = &tier.condition else {
            otherwise = Some(tier);
            continue;
        };
        let Some(regions) = regions(program, condition, &mut memo) else {
            continue;
        };
        let regions: Vec<Region> = regions
            .into_iter()
            .filter(|region| !empty(region))
            .collect();
        if regions.is_empty() {
            diagnostics.push(errors::tier_never_true(&tier.name, tier.span));
            continue;
        }
        if let Some(covering) = covered(&regions, &earlier) {
            diagnostics.push(errors::tier_covered(&tier.name, tier.span, &covering));
        }
        earlier.push((tier, regions));
    }
}

/// The earlier tiers that together take every lead of `regions`, if they do.
fn covered<'t>(
    regions: &[Region],
    earlier: &[(&'t ir::Tier, Vec<Region>)],
) -> Option<Vec<(&'t str, crate::source::Span)>> {
    let mut covering: Vec<(&str, crate::source::Span)> = Vec::new();
    for region in regions {
        let (tier, _) = earlier
            .iter()
            .find(|(_, outer)| outer.iter().any(|outer| contains(outer, region)))?;
        if !covering.iter().any(|(name, _)| *name == tier.name) {
            covering.push((&tier.name, tier.span));
        }
    }
    Some(covering)
}

/// The condition as a union of boxes, if it is made only of score bounds.
fn regions(program: &ir::Program, cond: &ir::Cond, memo: &mut Memo) -> Option<Vec<Region>> {
    let regions = match &cond.kind {
        ir::CondKind::Pred(pred) => pred_regions(pred)?,
        ir::CondKind::Let(id) => {
            if let Some(known) = memo.get(id) {
                return known.clone();
            }
            let found = regions(program, &program.let_(*id).body, memo);
            memo.insert(*id, found.clone());
            found?
        }
        ir::CondKind::Not(_) => return None,
        ir::CondKind::Or(operands) => {
            let mut union = Vec::new();
            for operand in operands {
                union.extend(regions(program, operand, memo)?);
            }
            union
        }
        ir::CondKind::And(operands) => {
            let mut product = vec![Region::new()];
            for operand in operands {
                let operand = regions(program, operand, memo)?;
                product = product
                    .iter()
                    .flat_map(|left| operand.iter().map(move |right| intersect(left, right)))
                    .collect();
                if product.len() > MAX_BOXES {
                    return None;
                }
            }
            product
        }
    };
    (regions.len() <= MAX_BOXES).then_some(regions)
}

fn pred_regions(pred: &ir::Pred) -> Option<Vec<Region>> {
    use crate::ast::CompareOp::{Eq, Ge, Gt, Le, Lt, Ne};
    let ir::Subject::Score(score) = pred.subject else {
        return None;
    };
    let single = |low: f64, high: f64| Some(vec![vec![(score.0, low, high)]]);
    let (min, max) = (f64::NEG_INFINITY, f64::INFINITY);
    match &pred.test {
        ir::PredTest::Compare(op, literal) => {
            let value = number(literal)?;
            match op {
                Eq => single(value.ceil(), value.floor()),
                Ge => single(value.ceil(), max),
                Gt => single(value.floor() + 1.0, max),
                Le => single(min, value.floor()),
                Lt => single(min, value.ceil() - 1.0),
                Ne => Some(vec![
                    vec![(score.0, min, value.ceil() - 1.0)],
                    vec![(score.0, value.floor() + 1.0, max)],
                ]),
            }
        }
        ir::PredTest::Range(low, high) => single(number(low)?.ceil(), number(high)?.floor()),
        ir::PredTest::In {
            values,
            negated: false,
        } => values
            .iter()
            .map(|value| number(value).map(|value| vec![(score.0, value.ceil(), value.floor())]))
            .collect(),
        ir::PredTest::In { negated: true, .. }
        | ir::PredTest::HasAny(_)
        | ir::PredTest::HasAll(_)
        | ir::PredTest::Text(_, _)
        | ir::PredTest::Matches { .. }
        | ir::PredTest::Missing(_)
        | ir::PredTest::Within(_) => None,
    }
}

fn number(literal: &ir::Literal) -> Option<f64> {
    match literal {
        ir::Literal::Number(number) => Some(*number),
        ir::Literal::Text(_) | ir::Literal::Bool(_) | ir::Literal::Date(_) => None,
    }
}

fn intersect(left: &Region, right: &Region) -> Region {
    let mut merged = left.clone();
    for &(score, low, high) in right {
        match merged.iter_mut().find(|(known, _, _)| *known == score) {
            Some(bound) => {
                bound.1 = bound.1.max(low);
                bound.2 = bound.2.min(high);
            }
            None => merged.push((score, low, high)),
        }
    }
    merged
}

fn empty(region: &Region) -> bool {
    region.iter().any(|(_, low, high)| low > high)
}

/// Whether every lead in `inner` is also in `outer`.
fn contains(outer: &Region, inner: &Region) -> bool {
    outer.iter().all(|&(score, low, high)| {
        let (inner_low, inner_high) = inner
            .iter()
            .find(|(known, _, _)| *known == score)
            .map_or((f64::NEG_INFINITY, f64::INFINITY), |&(_, low, high)| {
                (low, high)
            });
        inner_low >= low && inner_high <= high
    })
}

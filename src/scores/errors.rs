//! The words of the score-space lints (W301-W306).

use crate::diagnostic::{Code, Diagnostic};
use crate::ir;
use crate::source::Span;

/// W301: a tier no scores within reach satisfy.
pub fn tier_out_of_reach(
    name: &str,
    span: Span,
    program: &ir::Program,
    ranges: &[(i64, i64)],
) -> Diagnostic {
    let reach: Vec<String> = (program.scores.iter().zip(ranges))
        .map(|(score, (low, high))| format!("{} {low}..{high}", score.name))
        .collect();
    Diagnostic::new(
        Code::TierOutOfReach,
        format!("no combination of rules reaches tier `{name}`"),
        span,
        "out of reach",
    )
    .with_note(format!(
        "on a lead that gets a tier, scores reach {}",
        reach.join(", ")
    ))
    .with_help("lower its thresholds, or add rules that give these scores")
}

/// W302: a tier threshold beyond what its score can reach.
pub fn threshold_out_of_reach(score: &str, span: Span, (bound, above): (i64, bool)) -> Diagnostic {
    let (side, reach) = if above {
        ("above", "at most")
    } else {
        ("below", "at least")
    };
    Diagnostic::new(
        Code::ThresholdOutOfReach,
        format!("this threshold is {side} what `{score}` can reach"),
        span,
        format!("`{score}` is {reach} {bound}"),
    )
    .with_help(format!(
        "`{score}` adds up the rules that can fire on a lead that gets a tier"
    ))
}

/// W303: a rule whose score no tier reads.
pub fn no_tier_effect(rule: &str, span: Span, score: &str) -> Diagnostic {
    Diagnostic::new(
        Code::NoTierEffect,
        format!("rule `{rule}` never changes a lead's tier"),
        span,
        format!("no tier reads `{score}`"),
    )
    .with_help(format!(
        "test `{score}` in a tier, or allow this lint if `{score}` is only reported"
    ))
}

/// W304: a rule that only fires on disqualified leads.
pub fn dead_under_disqualifiers(rule: &str, condition: Span) -> Diagnostic {
    Diagnostic::new(
        Code::DeadUnderDisqualifiers,
        format!("rule `{rule}` only fires on leads that are disqualified"),
        condition,
        "true only where a disqualifier fires",
    )
    .with_help("a disqualified lead gets no tier; check the condition against the disqualify rules")
}

/// W305: two ranges of one field that overlap across rules.
pub fn overlapping_ranges(
    field: &str,
    span: Span,
    rule: &str,
    other: Span,
    other_rule: &str,
) -> Diagnostic {
    Diagnostic::new(
        Code::OverlappingRanges,
        format!("ranges of `{field}` in `{other_rule}` and `{rule}` overlap"),
        span,
        "overlaps",
    )
    .with_label(other, "this range")
    .with_help(
        "a value in both gets both rules' points; make the ends meet without sharing a value",
    )
}

/// W306: two ranges of one field that leave a narrow gap.
pub fn range_gap(
    field: &str,
    span: Span,
    rule: &str,
    other: Span,
    high: f64,
    low: f64,
) -> Diagnostic {
    Diagnostic::new(
        Code::RangeGap,
        format!("the ranges of `{field}` leave a gap between {high} and {low}"),
        span,
        format!("`{rule}` starts here"),
    )
    .with_label(other, "the range before ends here")
    .with_help(
        "a value in the gap gets neither rule's points; start this range where the other ends",
    )
}

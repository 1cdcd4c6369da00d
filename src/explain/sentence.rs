//! Plain-language explanations a sales rep can read:
//! "core_segment gave fit +30: industry = "SaaS", employees = 120".

use super::{Rules, leaves};
use crate::ir;
use crate::record::{Record, Value};
use crate::trace::{Clause, ClauseKind, Outcome, Trace};
use crate::verdict::Verdict;
use std::fmt::Write;

/// A value as a person reads it: text quoted, missing as `missing`.
pub fn value_text(value: &Value) -> String {
    match value {
        Value::Missing => "missing".to_string(),
        Value::Number(number) => number.to_string(),
        Value::Text(text) | Value::Present(text) => format!("{text:?}"),
        Value::Bool(flag) => flag.to_string(),
        Value::Date(day) => crate::date::format(*day),
        Value::List(items) => format!("[{}]", items.join(", ")),
    }
}

/// A field's value in a record as a person reads it; a value counted as
/// missing for its type shows the text the record held:
/// `"1,200" (not an int, counted as missing)`.
pub fn record_value_text(record: &Record, field: ir::FieldId) -> String {
    match record
        .warnings
        .iter()
        .find(|warning| warning.field == field)
    {
        Some(warning) => format!(
            "{} (not {} {}, counted as missing)",
            warning.found,
            article(warning.expected),
            warning.expected.as_str()
        ),
        None => value_text(record.get(field)),
    }
}

fn article(ty: ir::Type) -> &'static str {
    match ty {
        ir::Type::Int | ir::Type::Any => "an",
        ir::Type::Number
        | ir::Type::Text
        | ir::Type::Bool
        | ir::Type::Date
        | ir::Type::TextList => "a",
    }
}

/// The verdict in a few lines: the tier and scores (or the disqualification),
/// one line per rule that fired, could not be told, or did not fire, and
/// why the better tiers were not reached.
pub fn summary_sentence(context: Rules<'_>, verdict: &Verdict, trace: &Trace) -> String {
    summary_of(context, None, verdict, trace)
}

/// [`summary_sentence`] for a record: a test left unknown by a value of the
/// wrong type shows the text the record held.
pub fn record_summary(
    context: Rules<'_>,
    record: &Record,
    verdict: &Verdict,
    trace: &Trace,
) -> String {
    summary_of(context, Some(record), verdict, trace)
}

fn summary_of(
    context: Rules<'_>,
    record: Option<&Record>,
    verdict: &Verdict,
    trace: &Trace,
) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}", headline(context, verdict));
    for rule_trace in &trace.rules {
        let rule = &context.program.rules[rule_trace.rule as usize];
        let effect = context.effects_text(&rule.effects);
        let clause = &rule_trace.clause;
        let line = match clause.outcome {
            Outcome::True => {
                let held = facts(context, record, clause, Outcome::True);
                if rule.disqualifies() {
                    format!("! {} disqualified it: {held}", rule.name)
                } else {
                    format!("+ {} gave {effect}: {held}", rule.name)
                }
            }
            Outcome::Unknown => format!(
                "? {} ({effect}) could not fire: {}",
                rule.name,
                facts(context, record, clause, Outcome::Unknown)
            ),
            Outcome::False | Outcome::Skipped => format!(
                "- {} ({effect}) did not fire: {}",
                rule.name,
                facts(context, record, clause, Outcome::False)
            ),
        };
        let _ = writeln!(out, "  {line}");
    }
    for tier_trace in &trace.tiers {
        let tier = &context.program.tiers[tier_trace.tier as usize];
        if let (Outcome::False | Outcome::Unknown, Some(clause)) =
            (tier_trace.outcome, &tier_trace.clause)
        {
            let _ = writeln!(
                out,
                "  tier {} not reached: {}",
                tier.name,
                facts(context, record, clause, Outcome::False)
            );
        }
    }
    out
}

/// A verdict's scores as `fit 50, intent 0`.
pub fn scores_text(program: &ir::Program, verdict: &Verdict) -> String {
    let scores: Vec<String> = (program.scores.iter().zip(&verdict.scores))
        .map(|(score, value)| format!("{} {value}", score.name))
        .collect();
    scores.join(", ")
}

/// A verdict in one line: `tier A (fit 60, intent 10)`, `no tier (...)`,
/// `disqualified: REASON (...)`.
pub fn headline(context: Rules<'_>, verdict: &Verdict) -> String {
    let scores = scores_text(context.program, verdict);
    if verdict.disqualified {
        let reasons: Vec<&str> = (verdict.matched.iter())
            .filter_map(|&index| context.program.rules[index as usize].disqualify_reason())
            .collect();
        return format!("disqualified: {} ({scores})", reasons.join("; "));
    }
    match verdict.tier {
        Some(tier) => format!(
            "tier {} ({scores})",
            context.program.tiers[tier as usize].name
        ),
        None => format!("no tier ({scores})"),
    }
}

/// The leaf tests with the given outcome, as `field = value` facts; for
/// false ones, the clause that failed is quoted too.
fn facts(context: Rules<'_>, record: Option<&Record>, clause: &Clause, wanted: Outcome) -> String {
    let mut parts = Vec::new();
    for leaf in leaves(clause) {
        let ClauseKind::Test { subject, value } = &leaf.kind else {
            continue;
        };
        let outcome = effective_outcome(clause, leaf);
        if outcome != wanted {
            continue;
        }
        let name = context.subject_name(*subject);
        let text = context.source.slice(leaf.span);
        parts.push(match outcome {
            Outcome::Unknown => match (record, subject) {
                (Some(record), ir::Subject::Field(field))
                    if record
                        .warnings
                        .iter()
                        .any(|warning| warning.field == *field) =>
                {
                    format!(
                        "{name} = {}, so `{text}` is unknown",
                        record_value_text(record, *field)
                    )
                }
                (Some(_) | None, _) => format!("{name} is missing, so `{text}` is unknown"),
            },
            Outcome::False => format!("{name} = {} fails `{text}`", value_text(value)),
            Outcome::True | Outcome::Skipped => format!("{name} = {}", value_text(value)),
        });
    }
    if parts.is_empty() {
        return format!(
            "`{}` is {}",
            context.source.slice(clause.span),
            clause.outcome.as_str()
        );
    }
    parts.join(", ")
}

/// A leaf's outcome as it bears on the whole: under an odd number of
/// `not`s, a true test is what made the clause false.
fn effective_outcome(root: &Clause, leaf: &Clause) -> Outcome {
    let negations = count_nots(root, leaf).unwrap_or(0);
    match (leaf.outcome, negations % 2 == 1) {
        (Outcome::True, true) => Outcome::False,
        (Outcome::False, true) => Outcome::True,
        (outcome, _) => outcome,
    }
}

fn count_nots(clause: &Clause, leaf: &Clause) -> Option<usize> {
    if std::ptr::eq(clause, leaf) {
        return Some(0);
    }
    match &clause.kind {
        ClauseKind::And(operands) | ClauseKind::Or(operands) => operands
            .iter()
            .find_map(|operand| count_nots(operand, leaf)),
        ClauseKind::Not(inner) => count_nots(inner, leaf).map(|count| count + 1),
        ClauseKind::Let { body, .. } => count_nots(body, leaf),
        ClauseKind::Test { .. } => None,
    }
}

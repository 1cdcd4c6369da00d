//! The compact explanation (`icpc eval --explain=compact`): the same trace
//! as the full form, one letter per clause, for runs that explain every
//! lead of a large file.
//!
//! Each rule is a string of outcome letters (`t` true, `f` false, `u`
//! unknown, `s` skipped) of its clauses in the order the full form lists
//! them: the condition, then its operands depth first, a let's clause
//! before its body. A rule fired exactly when its string starts with `t`.
//! A tier's string is its outcome, then its condition's letters
//! (`otherwise` has none). Texts, positions and values are left out: they
//! are the same for every lead (the rule file) or already in the record.

use crate::ir;
use crate::output::json_string;
use crate::trace::{Clause, ClauseKind, Outcome, Trace};
use crate::verdict::Verdict;

/// Appends the compact `explanation` object of one record to `out`.
pub fn write(out: &mut Vec<u8>, program: &ir::Program, verdict: &Verdict, trace: &Trace) {
    out.extend_from_slice(b"{\"version\":");
    out.extend_from_slice(itoa::Buffer::new().format(super::JSON_VERSION).as_bytes());
    out.extend_from_slice(b",\"form\":\"compact\",\"rules\":[");
    for (index, rule) in trace.rules.iter().enumerate() {
        comma(out, index);
        out.push(b'"');
        letters(out, &rule.clause);
        out.push(b'"');
    }
    out.extend_from_slice(b"],\"tiers\":[");
    for (index, tier) in trace.tiers.iter().enumerate() {
        comma(out, index);
        out.push(b'"');
        out.push(letter(tier.outcome));
        if let Some(clause) = &tier.clause {
            letters(out, clause);
        }
        out.push(b'"');
    }
    out.extend_from_slice(b"],\"decided_by\":");
    match verdict.tier {
        Some(tier) => json_string(out, &program.tiers[tier as usize].name),
        None => out.extend_from_slice(b"null"),
    }
    out.extend_from_slice(b",\"disqualified_by\":[");
    for (index, rule) in trace.disqualified_by.iter().enumerate() {
        comma(out, index);
        json_string(out, &program.rules[*rule as usize].name);
    }
    out.extend_from_slice(b"]}");
}

/// The letters of a clause and of every clause under it, depth first.
fn letters(out: &mut Vec<u8>, clause: &Clause) {
    out.push(letter(clause.outcome));
    match &clause.kind {
        ClauseKind::And(operands) | ClauseKind::Or(operands) => {
            operands.iter().for_each(|operand| letters(out, operand));
        }
        ClauseKind::Not(inner) => letters(out, inner),
        ClauseKind::Let { body, .. } => letters(out, body),
        ClauseKind::Test { .. } => {}
    }
}

fn letter(outcome: Outcome) -> u8 {
    match outcome {
        Outcome::True => b't',
        Outcome::False => b'f',
        Outcome::Unknown => b'u',
        Outcome::Skipped => b's',
    }
}

fn comma(out: &mut Vec<u8>, index: usize) {
    if index > 0 {
        out.push(b',');
    }
}

//! The compact explanation (`icpc eval --explain=compact`): the same trace
//! as the tree form, one letter per clause, for runs that explain every
//! lead of a large file.
//!
//! Each rule is a string of outcome letters (`t` true, `f` false, `u`
//! unknown, `s` skipped) of its clauses in the order the tree form lists
//! them: the condition, then its operands depth first, a let's clause
//! before its body. A rule fired exactly when its string starts with `t`.
//! A tier's string is its outcome, then its condition's letters
//! (`otherwise` has none). Texts, positions and values are left out: they
//! are the same for every lead (the rule file) or already in the record.

use super::Lead;
use crate::output::json_string;
use crate::trace::Outcome;

/// Appends the compact `explanation` object of one record to `out`.
pub fn write(out: &mut Vec<u8>, lead: Lead<'_>) {
    let steps = lead.steps;
    out.extend_from_slice(b"{\"version\":");
    out.extend_from_slice(itoa::Buffer::new().format(super::JSON_VERSION).as_bytes());
    out.extend_from_slice(b",\"form\":\"compact\",\"rules\":[");
    for (index, root) in steps.rules.iter().enumerate() {
        comma(out, index);
        out.push(b'"');
        letters(out, lead, *root);
        out.push(b'"');
    }
    out.extend_from_slice(b"],\"tiers\":[");
    for (index, (outcome, root)) in steps.tiers.iter().enumerate() {
        comma(out, index);
        out.push(b'"');
        out.push(letter(*outcome));
        if let Some(root) = root {
            letters(out, lead, *root);
        }
        out.push(b'"');
    }
    out.extend_from_slice(b"],\"decided_by\":");
    match lead.verdict.tier {
        Some(tier) => json_string(out, &lead.program.tiers[tier as usize].name),
        None => out.extend_from_slice(b"null"),
    }
    out.extend_from_slice(b",\"disqualified_by\":[");
    for (index, rule) in steps.disqualified_by.iter().enumerate() {
        comma(out, index);
        json_string(out, &lead.program.rules[*rule as usize].name);
    }
    out.extend_from_slice(b"]}");
}

/// The letters of a clause and of every clause under it: its run of steps,
/// which are in that order already.
fn letters(out: &mut Vec<u8>, lead: Lead<'_>, root: u32) {
    let end = lead.steps.steps[root as usize].end as usize;
    let run = &lead.steps.steps[root as usize..end];
    out.extend(run.iter().map(|step| letter(step.outcome)));
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

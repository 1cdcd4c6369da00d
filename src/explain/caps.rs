//! What the caps removed from one lead's scores, for explanations:
//! `engagement: intent +45 capped at +30`, `fit 110 capped at 100`.
//!
//! Read off the verdict's fired rules through `semantics::cap::capped`, so
//! an explanation names exactly the caps that changed a total.

use crate::ir;
use crate::output::json_string;
use crate::semantics::cap::{self, Capped};
use crate::verdict::Verdict;

/// The caps that changed a total of this verdict, in file order.
pub fn applied(program: &ir::Program, verdict: &Verdict) -> Vec<Capped> {
    if program.caps.is_empty() {
        return Vec::new();
    }
    let fired =
        (verdict.matched.iter()).map(|&rule| (rule, &program.rules[rule as usize].effects[..]));
    cap::capped(&program.caps, program.scores.len(), fired)
}

/// One cap as a sentence: `engagement: intent +45 capped at +30`, or for a
/// score's own bounds `fit 110 capped at 100`.
pub fn sentence(program: &ir::Program, capped: &Capped) -> String {
    let score = &program.scores[capped.score].name;
    match capped.group {
        Some(group) => format!(
            "{}: {score} {:+} capped at {:+}",
            program.caps.groups[group].name, capped.total, capped.capped
        ),
        None => format!("{score} {} capped at {}", capped.total, capped.capped),
    }
}

/// Appends `,"caps":[...]` to an explanation object when the program has
/// caps (files without caps keep the shape they had).
pub fn write_json(out: &mut Vec<u8>, program: &ir::Program, verdict: &Verdict) {
    if program.caps.is_empty() {
        return;
    }
    out.extend_from_slice(b",\"caps\":[");
    for (index, capped) in applied(program, verdict).iter().enumerate() {
        if index > 0 {
            out.push(b',');
        }
        out.extend_from_slice(b"{\"group\":");
        match capped.group {
            Some(group) => json_string(out, &program.caps.groups[group].name),
            None => out.extend_from_slice(b"null"),
        }
        out.extend_from_slice(b",\"score\":");
        json_string(out, &program.scores[capped.score].name);
        let numbers = format!(",\"total\":{},\"capped\":{}}}", capped.total, capped.capped);
        out.extend_from_slice(numbers.as_bytes());
    }
    out.push(b']');
}

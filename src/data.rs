//! Lead-record readers: bytes of one input line -> a typed [`Lead`].
//!
//! Two formats share one contract: [`jsonl::Reader`] and [`csv::Reader`]
//! fill only the slots of the fields a program uses (plus the record `id`),
//! typing each raw value by its field's `ir::Type` through [`coerce`]. A line
//! that cannot be read at all is a [`RecordError`] (E401..E406), never a
//! panic; a value of the wrong type is `Value::Missing` plus a
//! `record::TypeWarning`. Readers reuse the [`Lead`] they are given, so a
//! steady stream of records allocates nothing.

pub(crate) mod bytemask;
pub mod coerce;
pub mod csv;
pub mod jsonl;
mod lead;
pub mod limits;

pub use lead::{Id, Lead};

use crate::diagnostic::Code;
use crate::ir;

/// A line that could not be read as a record; the run goes on without it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordError {
    /// 1-based line number in the input.
    pub line: u64,
    /// E401 malformed, E402 not an object, E403 not UTF-8, E404 wrong field
    /// count, E405 line too long, E406 list too long.
    pub code: Code,
    /// What is wrong, lowercase, no final period.
    pub reason: String,
}

/// The fields a reader must fill: every field a rule, tier or let tests,
/// in `FieldId` order.
pub fn used_fields(program: &ir::Program) -> Vec<ir::FieldId> {
    let mut used = vec![false; program.fields.len()];
    // Each let body is one of the conditions: uses need not be followed.
    for condition in program.conditions() {
        mark_fields(condition, &mut used);
    }
    used.iter()
        .enumerate()
        .filter(|(_, used)| **used)
        .map(|(index, _)| ir::FieldId(index as u32))
        .collect()
}

fn mark_fields(condition: &ir::Cond, used: &mut [bool]) {
    match &condition.kind {
        ir::CondKind::And(operands) | ir::CondKind::Or(operands) => {
            operands
                .iter()
                .for_each(|operand| mark_fields(operand, used));
        }
        ir::CondKind::Not(inner) => mark_fields(inner, used),
        ir::CondKind::Let(_) => {}
        ir::CondKind::Pred(pred) => match pred.subject {
            ir::Subject::Field(field) => {
                if let Some(slot) = used.get_mut(field.0 as usize) {
                    *slot = true;
                }
            }
            ir::Subject::Score(_) => {}
        },
    }
}

/// Whether a line holds nothing but whitespace (skipped, not counted).
pub fn is_blank(line: &[u8]) -> bool {
    line.iter().all(|byte| matches!(byte, b' ' | b'\t' | b'\r'))
}

/// The line as text, or the E403 error for its first invalid byte.
/// `simdutf8` checks 32 or 16 bytes at a time (AVX2 or SSE4.2, chosen at
/// run time; std's check was 0.7 instructions a byte, 4% of reading a JSON
/// line); only a line that fails is checked again, by std, for where.
#[inline]
pub fn utf8_line(line: &[u8], number: u64) -> Result<&str, RecordError> {
    if let Ok(text) = simdutf8::basic::from_utf8(line) {
        return Ok(text);
    }
    std::str::from_utf8(line).map_err(|error| RecordError {
        line: number,
        code: Code::RecordNotUtf8,
        reason: format!("invalid UTF-8 at byte {}", error.valid_up_to() + 1),
    })
}

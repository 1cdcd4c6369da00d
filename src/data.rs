//! Lead-record readers: bytes of one input line -> a typed [`Lead`].
//!
//! Two formats share one contract: [`jsonl::Reader`] and [`csv::Reader`]
//! fill only the slots of the fields a program uses (plus the record `id`),
//! typing each raw value by its field's `ir::Type` through [`coerce`]. A line
//! that cannot be read at all is a [`RecordError`] (E401..E406), never a
//! panic; a value of the wrong type is `Value::Missing` plus a
//! `record::TypeWarning`. Readers reuse the [`Lead`] they are given, so a
//! steady stream of records allocates nothing.

pub mod coerce;
pub mod csv;
pub mod jsonl;
pub mod limits;

use crate::diagnostic::Code;
use crate::ir;
use crate::record::{Record, Value};

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

/// How the output names a record: by its id, always as text (a JSON
/// number id is written as its digits, as the same export read as CSV
/// would give it), or by its line number, always a number; so the kind of
/// an output `id` says which it is (docs/decisions/010-record-ids.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Id<'a> {
    /// The record's id (a text or a JSON number id, as written).
    Text(&'a str),
    /// No usable id: the 1-based line number.
    Line(u64),
}

/// A record being read, plus what the readers keep between records.
///
/// INVARIANT: `record.values.len()` equals the program's field count.
#[derive(Debug, Clone, Default)]
pub struct Lead {
    /// The typed record the evaluators see.
    pub record: Record,
    /// The input values `--keep` asked for, in order: CSV cells as text,
    /// or (when `kept_json`) JSON values as written, empty when absent.
    pub kept: Vec<String>,
    /// Whether `kept` holds JSON values (JSON Lines input).
    pub kept_json: bool,
    /// Problems with the record that name no field, in words (an id that
    /// cannot name the record); written with its warnings.
    pub notes: Vec<String>,
    spares: Spares,
}

/// Strings and lists of earlier records, kept for reuse.
#[derive(Debug, Clone, Default)]
struct Spares {
    texts: Vec<String>,
    lists: Vec<Vec<String>>,
}

impl Spares {
    fn recycle(&mut self, value: Value) {
        match value {
            Value::Text(text) | Value::Present(text) => self.texts.push(text),
            Value::List(list) => self.lists.push(list),
            Value::Missing | Value::Number(_) | Value::Bool(_) | Value::Date(_) => {}
        }
    }
}

impl Lead {
    /// An empty lead with one slot per program field.
    pub fn new(program: &ir::Program) -> Lead {
        Lead {
            record: Record {
                values: vec![Value::Missing; program.fields.len()],
                ..Record::default()
            },
            ..Lead::default()
        }
    }

    /// Clears every slot for the record on `line`, keeping the buffers.
    pub fn reset(&mut self, line: u64) {
        for value in &mut self.record.values {
            self.spares
                .recycle(std::mem::replace(value, Value::Missing));
        }
        if let Some(id) = self.record.id.take() {
            self.spares.texts.push(id);
        }
        self.spares.texts.append(&mut self.kept);
        self.spares.texts.append(&mut self.notes);
        self.record.line = line;
        self.record.warnings.clear();
    }

    /// How the output names this record.
    pub fn id(&self) -> Id<'_> {
        match &self.record.id {
            Some(id) => Id::Text(id),
            None => Id::Line(self.record.line),
        }
    }

    /// Sets the record's id from text.
    pub fn set_id(&mut self, id: &str) {
        let mut text = self.spare_text();
        text.push_str(id);
        if let Some(old) = self.record.id.replace(text) {
            self.spares.texts.push(old);
        }
    }

    /// Drops the record's id (it is named by its line), with a note saying why.
    pub fn unusable_id(&mut self, note: String) {
        if let Some(old) = self.record.id.take() {
            self.spares.texts.push(old);
        }
        self.notes.push(note);
    }

    /// An empty string, reused from an earlier record when possible.
    pub fn spare_text(&mut self) -> String {
        let mut text = self.spares.texts.pop().unwrap_or_default();
        text.clear();
        text
    }

    /// An empty list, reused from an earlier record when possible.
    pub fn spare_list(&mut self) -> Vec<String> {
        let mut list = self.spares.lists.pop().unwrap_or_default();
        self.spares.texts.append(&mut list);
        list
    }

    /// Stores a value in a slot (the last of duplicate keys wins).
    pub fn store(&mut self, field: ir::FieldId, value: Value) {
        if !self.record.warnings.is_empty() {
            self.record
                .warnings
                .retain(|warning| warning.field != field);
        }
        if let Some(slot) = self.record.values.get_mut(field.0 as usize) {
            self.spares.recycle(std::mem::replace(slot, value));
        }
    }
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
pub fn utf8_line(line: &[u8], number: u64) -> Result<&str, RecordError> {
    std::str::from_utf8(line).map_err(|error| RecordError {
        line: number,
        code: Code::RecordNotUtf8,
        reason: format!("invalid UTF-8 at byte {}", error.valid_up_to() + 1),
    })
}

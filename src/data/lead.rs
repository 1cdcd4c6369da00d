//! The record a reader fills, and the buffers it reuses between records.
//!
//! A steady stream of records allocates nothing: a slot's string is
//! overwritten in place by the next record's value of the same field, and
//! other strings and lists go to spares that later values take from.

use crate::ir;
use crate::record::{Record, Value};

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
/// INVARIANT: `record.values.len()` and `filled.len()` equal the
/// program's field count.
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
    /// Per slot, the record number it was last filled for: a slot not
    /// filled for this record still holds the last one's value (its buffer
    /// reused in place) until [`finish`](Lead::finish) clears it.
    filled: Vec<u64>,
    /// Counts the records read, from 1.
    generation: u64,
    spares: Spares,
}

/// Strings and lists of earlier records, kept for reuse.
#[derive(Debug, Clone, Default)]
struct Spares {
    texts: Vec<String>,
    lists: Vec<Vec<String>>,
}

impl Spares {
    /// Keeps `value`'s buffer, when it has one. A buffer that owns no
    /// memory (the empty list [`Lead::take_list`] leaves in its slot) is
    /// dropped: kept, the spares would grow by one per record read.
    #[inline]
    fn recycle(&mut self, value: Value) {
        match value {
            Value::Text(text) | Value::Present(text) if text.capacity() > 0 => {
                self.texts.push(text);
            }
            Value::List(list) if list.capacity() > 0 => self.lists.push(list),
            Value::Text(_)
            | Value::Present(_)
            | Value::List(_)
            | Value::Missing
            | Value::Number(_)
            | Value::Bool(_)
            | Value::Date(_) => {}
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
            filled: vec![0; program.fields.len()],
            ..Lead::default()
        }
    }

    /// Starts the record on `line`, keeping the buffers: slots keep their
    /// values until filled again or [`finish`](Lead::finish)ed.
    pub fn reset(&mut self, line: u64) {
        self.generation += 1;
        if let Some(id) = self.record.id.take() {
            self.spares.texts.push(id);
        }
        self.spares.texts.append(&mut self.kept);
        self.spares.texts.append(&mut self.notes);
        self.record.line = line;
        self.record.warnings.clear();
    }

    /// Ends a record that was read: every slot not filled for it is
    /// missing. A reader calls it before it returns a record.
    pub fn finish(&mut self) {
        for (slot, &filled) in self.record.values.iter_mut().zip(&self.filled) {
            if filled != self.generation && *slot != Value::Missing {
                self.spares.recycle(std::mem::replace(slot, Value::Missing));
            }
        }
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
    #[inline]
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

    /// An empty list for a `list<text>` slot: the one the slot held, when
    /// it held one (its item strings go to the spares).
    pub fn take_list(&mut self, field: ir::FieldId) -> Vec<String> {
        match self.record.values.get_mut(field.0 as usize) {
            Some(Value::List(list)) => {
                let mut list = std::mem::take(list);
                self.spares.texts.append(&mut list);
                list
            }
            Some(_) | None => self.spare_list(),
        }
    }

    /// Stores a value in a slot (the last of duplicate keys wins).
    #[inline]
    pub fn store(&mut self, field: ir::FieldId, value: Value) {
        if let Some(slot) = self.claim(field) {
            let old = std::mem::replace(slot, value);
            self.spares.recycle(old);
        }
    }

    /// The empty string of a `text` (or, when `present`, an `any`) slot to
    /// write the value into: the buffer the slot held, when it held one.
    #[inline]
    pub fn text_slot(&mut self, field: ir::FieldId, present: bool) -> Option<&mut String> {
        // The usual case: the slot holds last record's string of its kind.
        let index = field.0 as usize;
        let same_kind = match self.record.values.get(index) {
            Some(Value::Text(_)) => !present,
            Some(Value::Present(_)) => present,
            Some(_) | None => false,
        };
        if same_kind && self.record.warnings.is_empty() {
            self.filled[index] = self.generation;
            return match self.record.values.get_mut(index) {
                Some(Value::Text(text) | Value::Present(text)) => {
                    text.clear();
                    Some(text)
                }
                Some(_) | None => None,
            };
        }
        self.text_slot_replacing(field, present)
    }

    /// [`text_slot`](Lead::text_slot) when the slot holds something else.
    #[inline(never)]
    fn text_slot_replacing(&mut self, field: ir::FieldId, present: bool) -> Option<&mut String> {
        let fresh = match self.record.get(field) {
            Value::Text(_) | Value::Present(_) => String::new(),
            Value::Missing
            | Value::Number(_)
            | Value::Bool(_)
            | Value::Date(_)
            | Value::List(_) => self.spare_text(),
        };
        let slot = self.claim(field)?;
        // A text slot holds text or nothing: whatever else it held is dropped.
        let text = match std::mem::replace(slot, Value::Missing) {
            Value::Text(text) | Value::Present(text) => text,
            Value::Missing
            | Value::Number(_)
            | Value::Bool(_)
            | Value::Date(_)
            | Value::List(_) => fresh,
        };
        *slot = if present {
            Value::Present(text)
        } else {
            Value::Text(text)
        };
        match slot {
            Value::Text(text) | Value::Present(text) => {
                text.clear();
                Some(text)
            }
            Value::Missing
            | Value::Number(_)
            | Value::Bool(_)
            | Value::Date(_)
            | Value::List(_) => None,
        }
    }

    /// Whether the slot was filled for this record.
    #[inline]
    pub fn is_filled(&self, field: ir::FieldId) -> bool {
        self.filled.get(field.0 as usize) == Some(&self.generation)
    }

    /// Marks a slot filled for this record (a later duplicate key drops
    /// the warning of an earlier one) and gives it.
    #[inline]
    fn claim(&mut self, field: ir::FieldId) -> Option<&mut Value> {
        if !self.record.warnings.is_empty() {
            self.record
                .warnings
                .retain(|warning| warning.field != field);
        }
        let index = field.0 as usize;
        *self.filled.get_mut(index)? = self.generation;
        self.record.values.get_mut(index)
    }
}

#[cfg(test)]
mod tests {
    use super::Lead;
    use crate::ir::FieldId;
    use crate::record::{Record, Value};

    /// A list slot refilled record after record keeps a bounded set of
    /// spare buffers (it once grew by an empty list per record).
    #[test]
    fn refilling_a_list_slot_keeps_the_spares_bounded() {
        let mut lead = Lead {
            record: Record {
                values: vec![Value::Missing; 2],
                ..Record::default()
            },
            filled: vec![0; 2],
            ..Lead::default()
        };
        for line in 1..=1_000 {
            lead.reset(line);
            let mut list = lead.take_list(FieldId(0));
            for item in ["abm", "nurture"] {
                let mut text = lead.spare_text();
                text.push_str(item);
                list.push(text);
            }
            lead.store(FieldId(0), Value::List(list));
            lead.finish();
        }
        assert!(lead.spares.lists.len() <= 1, "{}", lead.spares.lists.len());
        assert!(lead.spares.texts.len() <= 2, "{}", lead.spares.texts.len());
    }
}

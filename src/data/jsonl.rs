//! JSON Lines reader: one line of JSON text -> the used slots of a [`Lead`].
//!
//! A hand-written lazy scanner (see docs/decisions/002-readers.md for the
//! measurements that chose it): it walks the object once, looks each key up
//! in a small table of the keys the program uses (dotted names reach into
//! nested objects), types the wanted values on the spot and skips the rest
//! without building a tree. Skipped values are still validated, so a line
//! is accepted exactly when it is one valid JSON object (RFC 8259).

mod scan;
#[cfg(test)]
mod tests;

use crate::data::{self, Lead, RecordError, limits};
use crate::diagnostic::Code;
use crate::ir::{self, FieldId, Type};
use crate::semantics::value_format::ValueFormat;
use scan::{Fail, Problem, Scanner};

/// Reads JSON Lines records for one program; cheap to share between threads.
#[derive(Debug, Clone)]
pub struct Reader {
    /// `tables[0]` is the top-level object; nested objects follow.
    tables: Vec<Table>,
}

/// The wanted keys of one object, bucketed by key length for a quick lookup.
#[derive(Debug, Clone, Default)]
struct Table {
    by_length: Vec<Vec<Entry>>,
}

/// What to do with the value of one wanted key.
#[derive(Debug, Clone)]
struct Entry {
    key: Box<str>,
    /// The slot the value fills, typed.
    slot: Option<(FieldId, Type)>,
    /// The field's declared format.
    format: Option<ValueFormat>,
    /// The top-level `id`: also names the record in the output.
    id: bool,
    /// An object value descends into this table.
    nested: Option<usize>,
}

impl Reader {
    /// A reader filling `used` fields of `program` (and the record id).
    /// A field with columns (`from "Key"`, or a preset's) is read from
    /// those top-level keys as written; one without is read by its name,
    /// dots reaching into nested objects.
    pub fn new(program: &ir::Program, used: &[FieldId]) -> Reader {
        let mut reader = Reader {
            tables: vec![Table::default()],
        };
        for key in program.id_columns() {
            reader.entry(0, key).id = true;
        }
        for &field in used {
            let declared = program.field(field);
            let slot = Some((field, declared.ty));
            if !declared.columns.is_empty() {
                for key in &declared.columns {
                    let entry = reader.entry(0, key);
                    entry.slot = slot;
                    entry.format.clone_from(&declared.format);
                }
                continue;
            }
            if declared.name.contains('.') {
                let entry = reader.entry(0, &declared.name);
                entry.slot = slot;
                entry.format.clone_from(&declared.format);
            }
            let mut table = 0;
            let mut parts = declared.name.split('.').peekable();
            while let Some(part) = parts.next() {
                if parts.peek().is_none() {
                    let entry = reader.entry(table, part);
                    entry.slot = slot;
                    entry.format.clone_from(&declared.format);
                } else {
                    table = reader.nested_table(table, part);
                }
            }
        }
        reader
    }

    /// Reads one line (without its line terminator) into `lead`.
    pub fn read(&self, line: &[u8], number: u64, lead: &mut Lead) -> Result<(), RecordError> {
        lead.reset(number);
        limits::check_line(line, number)?;
        let text = data::utf8_line(line, number)?;
        let mut scanner = Scanner::new(text);
        scanner.skip_whitespace();
        let outcome = if scanner.peek() == Some(b'{') {
            self.object(&mut scanner, 0, 0, lead)
                .and_then(|()| scanner.finish())
        } else {
            return Err(not_an_object(&mut scanner, text, number));
        };
        outcome.map_err(|fail| malformed(text, fail, number))
    }

    fn object(
        &self,
        scanner: &mut Scanner,
        table: usize,
        depth: usize,
        lead: &mut Lead,
    ) -> Result<(), Fail> {
        scanner.open(depth)?;
        if scanner.close(b'}') {
            return Ok(());
        }
        loop {
            let key = scanner.key()?;
            match self.tables[table].find(&key) {
                Some(entry) => self.field_value(scanner, entry, depth, lead)?,
                None => scanner.skip_value(depth + 1)?,
            }
            if scanner.separator(b'}')? {
                return Ok(());
            }
        }
    }

    fn field_value(
        &self,
        scanner: &mut Scanner,
        entry: &Entry,
        depth: usize,
        lead: &mut Lead,
    ) -> Result<(), Fail> {
        let start = scanner.position();
        match (entry.nested, scanner.peek()) {
            (Some(table), Some(b'{')) => self.object(scanner, table, depth + 1, lead)?,
            (_, _) => match entry.slot {
                Some((field, ty)) => {
                    scanner.typed_value(field, ty, entry.format.as_ref(), depth + 1, lead)?
                }
                None => scanner.skip_value(depth + 1)?,
            },
        }
        if entry.id {
            scanner.set_id(start, lead);
        }
        Ok(())
    }

    fn entry(&mut self, table: usize, key: &str) -> &mut Entry {
        let bucket = self.tables[table].bucket(key.len());
        let index = match bucket.iter().position(|entry| &*entry.key == key) {
            Some(index) => index,
            None => {
                bucket.push(Entry {
                    key: key.into(),
                    slot: None,
                    format: None,
                    id: false,
                    nested: None,
                });
                bucket.len() - 1
            }
        };
        &mut bucket[index]
    }

    fn nested_table(&mut self, table: usize, key: &str) -> usize {
        let next = self.tables.len();
        let entry = self.entry(table, key);
        match entry.nested {
            Some(existing) => existing,
            None => {
                entry.nested = Some(next);
                self.tables.push(Table::default());
                next
            }
        }
    }
}

impl Table {
    fn bucket(&mut self, length: usize) -> &mut Vec<Entry> {
        if self.by_length.len() <= length {
            self.by_length.resize_with(length + 1, Vec::new);
        }
        &mut self.by_length[length]
    }

    fn find(&self, key: &str) -> Option<&Entry> {
        // A plain byte loop: keys are short, and a memcmp call costs more.
        let same = |entry: &&Entry| entry.key.bytes().zip(key.bytes()).all(|(a, b)| a == b);
        self.by_length.get(key.len())?.iter().find(same)
    }
}

/// E402 for a line that is valid JSON but not an object, else E401.
fn not_an_object(scanner: &mut Scanner, text: &str, number: u64) -> RecordError {
    let kind = match scanner.peek() {
        Some(b'[') => "an array",
        Some(b'"') => "a string",
        Some(b't' | b'f') => "a boolean",
        Some(b'n') => "null",
        Some(_) | None => "a number",
    };
    match scanner.skip_value(0).and_then(|()| scanner.finish()) {
        Ok(()) => RecordError {
            line: number,
            code: Code::NotAnObject,
            reason: format!("expected a JSON object, found {kind}"),
        },
        Err(fail) => malformed(text, fail, number),
    }
}

fn malformed(text: &str, fail: Fail, number: u64) -> RecordError {
    let column = text
        .get(..fail.position)
        .map_or(fail.position, |prefix| prefix.chars().count())
        + 1;
    let reason = match fail.problem {
        Problem::ListTooLong => return limits::list_too_long(column, number),
        Problem::Invalid(_) if fail.position >= text.len() => {
            "invalid JSON: unexpected end of line".to_owned()
        }
        Problem::Invalid(what) => format!("invalid JSON: {what} at column {column}"),
    };
    RecordError {
        line: number,
        code: Code::MalformedRecord,
        reason,
    }
}

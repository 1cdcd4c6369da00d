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

use crate::data::{self, Lead, RecordError, coerce, limits};
use crate::diagnostic::Code;
use crate::ir::{self, FieldId, Type};
use crate::semantics::value_format::ValueFormat;
use scan::{Fail, Problem, Scanner};

/// Reads JSON Lines records for one program; cheap to share between threads.
#[derive(Debug, Clone)]
pub struct Reader {
    /// `tables[0]` is the top-level object; nested objects follow.
    tables: Vec<Table>,
    /// How many top-level keys `--keep` copies.
    kept: usize,
}

/// The wanted keys of one object, bucketed by a hash of their length and
/// first and last bytes: a key no rule reads (most keys of a lead) mostly
/// lands in an empty bucket, and a wanted one in a bucket of one.
#[derive(Debug, Clone)]
struct Table {
    buckets: Vec<Vec<Entry>>,
    /// Where the object is, dotted (`company.hq`); empty at the top.
    path: String,
    /// Every field read from inside this object, however deep: missing,
    /// with a warning, when the record holds something else in its place.
    below: Vec<(FieldId, Type)>,
}

/// Buckets per table; a power of two.
const BUCKETS: usize = 64;

impl Default for Table {
    fn default() -> Table {
        Table {
            buckets: vec![Vec::new(); BUCKETS],
            path: String::new(),
            below: Vec::new(),
        }
    }
}

/// The bucket of a key.
#[inline(always)]
fn bucket_of(key: &[u8]) -> usize {
    let (first, last) = match key {
        [] => (0, 0),
        [first, .., last] => (*first, *last),
        [only] => (*only, *only),
    };
    let mixed = (key.len() as u32)
        .wrapping_mul(0x9e37)
        .wrapping_add(u32::from(first).wrapping_mul(0x85eb))
        .wrapping_add(u32::from(last).wrapping_mul(0xc2b3));
    (mixed ^ (mixed >> 7)) as usize & (BUCKETS - 1)
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
    /// The value is copied to the output (`--keep`) at this index.
    kept: Option<usize>,
}

impl Reader {
    /// A reader filling `used` fields of `program` (and the record id).
    /// A field with columns (`from "Key"`, or a preset's) is read from
    /// those keys, one without from its name; dots reach into nested
    /// objects, and a top-level key spelled with the dots counts too.
    pub fn new(program: &ir::Program, used: &[FieldId]) -> Reader {
        let mut reader = Reader {
            tables: vec![Table::default()],
            kept: 0,
        };
        for key in program.id_columns() {
            reader.entry(0, key).id = true;
        }
        for &field in used {
            let declared = program.field(field);
            if declared.columns.is_empty() {
                reader.source(field, declared, &declared.name);
            }
            for key in &declared.columns {
                reader.source(field, declared, key);
            }
        }
        reader
    }

    /// Reads `field` from `key`.
    fn source(&mut self, field: FieldId, declared: &ir::Field, key: &str) {
        self.each_entry(key, Some((field, declared.ty)), |entry| {
            entry.slot = Some((field, declared.ty));
            entry.format.clone_from(&declared.format);
        });
    }

    /// Applies `apply` to the entries `key` names: a top-level key as
    /// written and, when it holds dots, also the path into nested objects
    /// that it spells (`Owner.Name` is a column of Salesforce's reports and
    /// a nested object of its API). The objects on the path note `field`.
    fn each_entry(
        &mut self,
        key: &str,
        field: Option<(FieldId, Type)>,
        mut apply: impl FnMut(&mut Entry),
    ) {
        let mut table = 0;
        let mut parts = key.split('.').peekable();
        while let Some(part) = parts.next() {
            if parts.peek().is_none() {
                apply(self.entry(table, part));
            } else {
                table = self.nested_table(table, part);
                self.tables[table].below.extend(field);
            }
        }
        if key.contains('.') {
            apply(self.entry(0, key));
        }
    }

    /// Copies the values of these keys (dots reach into nested objects) to
    /// the output, as written (`--keep`); gives the names. JSON records
    /// need not share their keys, so `all` is refused: name them.
    pub fn keep(&mut self, wanted: &[String]) -> Result<Vec<String>, String> {
        if wanted.iter().any(|name| name == "all") {
            return Err(
                "`--keep all` needs a CSV header; with JSON Lines input name the keys to keep"
                    .to_owned(),
            );
        }
        self.kept = wanted.len();
        for (index, name) in wanted.iter().enumerate() {
            self.each_entry(name.trim(), None, |entry| entry.kept = Some(index));
        }
        Ok(wanted.iter().map(|name| name.trim().to_owned()).collect())
    }

    /// Reads one line (without its line terminator) into `lead`.
    pub fn read(&self, line: &[u8], number: u64, lead: &mut Lead) -> Result<(), RecordError> {
        lead.reset(number);
        lead.kept_json = true;
        for _ in 0..self.kept {
            let empty = lead.spare_text();
            lead.kept.push(empty);
        }
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
        outcome.map_err(|fail| malformed(text, fail, number))?;
        lead.finish();
        Ok(())
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
            let entry = match scanner.plain_key() {
                Some(key) => self.tables[table].find(key),
                None => self.tables[table].find(scanner.key()?.as_bytes()),
            };
            match entry {
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
            (nested, _) => {
                match entry.slot {
                    Some((field, ty)) => {
                        scanner.typed_value(field, ty, entry.format.as_ref(), depth + 1, lead)?
                    }
                    None => scanner.skip_value(depth + 1)?,
                }
                if let Some(table) = nested {
                    self.not_an_object(table, scanner.since(start), lead);
                }
            }
        }
        if entry.id {
            scanner.set_id(&entry.key, start, lead);
        }
        if let Some(index) = entry.kept {
            let raw = scanner.since(start);
            if let Some(kept) = lead.kept.get_mut(index) {
                kept.clear();
                kept.push_str(raw);
            }
        }
        Ok(())
    }

    /// A value that is no object where fields are read from inside one:
    /// each of those fields is missing with a warning quoting it (`null`
    /// is absence, and warns of nothing).
    fn not_an_object(&self, table: usize, raw: &str, lead: &mut Lead) {
        if raw == "null" {
            return;
        }
        let table = &self.tables[table];
        for &(field, expected) in &table.below {
            if !lead.is_filled(field) {
                let found = format!("{raw} where `{}` should be an object", table.path);
                coerce::wrong(lead, field, expected, found);
            }
        }
    }

    fn entry(&mut self, table: usize, key: &str) -> &mut Entry {
        let bucket = self.tables[table].bucket(key);
        let index = match bucket.iter().position(|entry| &*entry.key == key) {
            Some(index) => index,
            None => {
                bucket.push(Entry {
                    key: key.into(),
                    slot: None,
                    format: None,
                    id: false,
                    nested: None,
                    kept: None,
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
                let path = match self.tables[table].path.as_str() {
                    "" => key.to_owned(),
                    outer => format!("{outer}.{key}"),
                };
                self.tables.push(Table {
                    path,
                    ..Table::default()
                });
                next
            }
        }
    }
}

impl Table {
    fn bucket(&mut self, key: &str) -> &mut Vec<Entry> {
        &mut self.buckets[bucket_of(key.as_bytes())]
    }

    #[inline(always)]
    fn find(&self, key: &[u8]) -> Option<&Entry> {
        let bucket = &self.buckets[bucket_of(key)];
        bucket
            .iter()
            .find(|entry| same_key(entry.key.as_bytes(), key))
    }
}

/// Whether two keys are equal. A key of 4 to 16 bytes (most keys) is
/// compared as two overlapping words, inline: `==` on slices calls
/// `memcmp`, which cost more than the rest of a key lookup.
#[inline(always)]
fn same_key(wanted: &[u8], key: &[u8]) -> bool {
    fn word<const N: usize>(bytes: &[u8], at: usize) -> Option<&[u8; N]> {
        bytes.get(at..)?.first_chunk::<N>()
    }
    let len = key.len();
    if wanted.len() != len {
        return false;
    }
    match len {
        8..=16 => {
            word::<8>(wanted, 0) == word(key, 0) && word::<8>(wanted, len - 8) == word(key, len - 8)
        }
        4..=7 => {
            word::<4>(wanted, 0) == word(key, 0) && word::<4>(wanted, len - 4) == word(key, len - 4)
        }
        _ => wanted == key,
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

//! CSV reader: one line of a CSV file with a header row -> the used slots of a [`Lead`].
//!
//! The header names the columns; a column whose name is a used field fills
//! that slot, the `id` column names the record, other columns are skipped.
//! Cells are split by `csv_core` (the engine of the `csv` crate) and typed by
//! [`coerce`]: an empty cell is missing, `list<text>` cells split on a
//! separator (`;` by default). Every record is one physical line: a quoted
//! cell left open at the end of its line is an unbalanced quote (E401), so
//! one bad line never swallows the lines after it; a row with more or fewer
//! cells than the header is E404.

use crate::data::{self, Lead, RecordError, coerce};
use crate::diagnostic::Code;
use crate::ir::{self, FieldId, Type};

/// Reads CSV rows for one program; clone one per thread.
#[derive(Debug)]
pub struct Reader {
    /// Per column: the slot it fills, if any.
    columns: Vec<Option<(FieldId, Type)>>,
    id_column: Option<usize>,
    separator: char,
    missing: Vec<String>,
    parser: csv_core::Reader,
    cells: Vec<u8>,
    ends: Vec<usize>,
}

impl Clone for Reader {
    /// A fresh `csv_core` parser rather than a copy: csv-core 0.1's own
    /// `Clone` copies only part of its state machine, and the copy misparses.
    fn clone(&self) -> Reader {
        Reader {
            columns: self.columns.clone(),
            id_column: self.id_column,
            separator: self.separator,
            missing: self.missing.clone(),
            parser: csv_core::Reader::new(),
            cells: Vec::new(),
            ends: Vec::new(),
        }
    }
}

impl Reader {
    /// A reader for rows under `header` (the first line, without terminator).
    pub fn new(
        program: &ir::Program,
        used: &[FieldId],
        header: &[u8],
        separator: char,
    ) -> Result<Reader, RecordError> {
        let mut reader = Reader {
            columns: Vec::new(),
            id_column: None,
            separator,
            missing: Vec::new(),
            parser: csv_core::Reader::new(),
            cells: Vec::new(),
            ends: Vec::new(),
        };
        let count = reader.split(header, 1)?;
        let names: Vec<String> = cells(&reader.cells, &reader.ends[..count])
            .map(str::to_owned)
            .collect();
        reader.id_column = names.iter().position(|name| name.trim() == "id");
        reader.columns = vec![None; names.len()];
        for &field in used {
            let declared = program.field(field);
            match names.iter().position(|name| name.trim() == declared.name) {
                Some(column) => reader.columns[column] = Some((field, declared.ty)),
                None => reader.missing.push(declared.name.clone()),
            }
        }
        Ok(reader)
    }

    /// Used fields with no column in the header: missing in every record.
    pub fn missing_columns(&self) -> &[String] {
        &self.missing
    }

    /// Reads one line (without its line terminator) into `lead`.
    pub fn read(&mut self, line: &[u8], number: u64, lead: &mut Lead) -> Result<(), RecordError> {
        lead.reset(number);
        let count = self.split(line, number)?;
        let width = self.columns.len();
        if count != width {
            return Err(RecordError {
                line: number,
                code: Code::WrongFieldCount,
                reason: format!("expected {width} fields as in the header, found {count}"),
            });
        }
        for (column, cell) in cells(&self.cells, &self.ends[..count]).enumerate() {
            if Some(column) == self.id_column && !cell.is_empty() {
                lead.set_id(cell, false);
            }
            match self.columns[column] {
                Some((_, _)) if cell.is_empty() => {}
                Some((field, Type::TextList)) => {
                    coerce::list_cell(lead, field, cell, self.separator)
                }
                Some((field, ty)) => coerce::text(lead, field, ty, cell, || coerce::quoted(cell)),
                None => {}
            }
        }
        Ok(())
    }

    /// Splits one line into `self.cells` / `self.ends`; returns the cell count.
    fn split(&mut self, line: &[u8], number: u64) -> Result<usize, RecordError> {
        data::utf8_line(line, number)?;
        if memchr::memchr(b'"', line).is_some() && ends_inside_quotes(line) {
            return Err(malformed(
                number,
                "unbalanced quote: a quoted cell is not closed on its line",
            ));
        }
        if memchr::memchr(b'\r', line).is_some() {
            return Err(malformed(number, "carriage return inside a row"));
        }
        self.cells.resize(line.len().max(1), 0);
        self.ends.resize(self.columns.len().max(1) + 1, 0);
        self.parser.reset();
        Ok(self.parse(line))
    }

    /// Runs `csv_core` over a whole line; returns the cells written.
    /// More cells than `ends` can hold grow it (the count check rejects them).
    fn parse(&mut self, line: &[u8]) -> usize {
        let (mut input, mut written, mut cells) = (line, 0, 0);
        loop {
            let (result, read, out, ends) =
                self.parser
                    .read_record(input, &mut self.cells[written..], &mut self.ends[cells..]);
            input = &input[read..];
            written += out;
            cells += ends;
            match result {
                csv_core::ReadRecordResult::Record | csv_core::ReadRecordResult::End => {
                    return cells;
                }
                csv_core::ReadRecordResult::InputEmpty => {}
                csv_core::ReadRecordResult::OutputFull => {
                    self.cells.resize(self.cells.len() * 2, 0)
                }
                csv_core::ReadRecordResult::OutputEndsFull => {
                    self.ends.resize(self.ends.len() * 2, 0)
                }
            }
        }
    }
}

/// The cells `csv_core` wrote: `ends[i]` is where cell `i` ends in `bytes`.
/// INVARIANT: the bytes are a valid UTF-8 line minus some ASCII quotes, so
/// every end lies on a char boundary.
fn cells<'a>(bytes: &'a [u8], ends: &'a [usize]) -> impl Iterator<Item = &'a str> + 'a {
    let written = ends.last().copied().unwrap_or(0);
    // One check for the whole row rather than one per cell.
    let text = bytes
        .get(..written)
        .and_then(|row| std::str::from_utf8(row).ok())
        .unwrap_or("");
    (0..ends.len()).map(move |index| {
        let start = if index == 0 { 0 } else { ends[index - 1] };
        text.get(start..ends[index]).unwrap_or("")
    })
}

/// Whether a quoted cell is still open at the end of the line (RFC 4180
/// quoting: a cell that starts with `"` ends at a `"` not doubled).
fn ends_inside_quotes(line: &[u8]) -> bool {
    let mut inside = false;
    let mut cell_start = true;
    let mut index = 0;
    while index < line.len() {
        let byte = line[index];
        if inside {
            if byte == b'"' {
                if line.get(index + 1) == Some(&b'"') {
                    index += 1;
                } else {
                    inside = false;
                }
            }
        } else if cell_start && byte == b'"' {
            inside = true;
        }
        cell_start = !inside && byte == b',';
        index += 1;
    }
    inside
}

fn malformed(line: u64, reason: &str) -> RecordError {
    RecordError {
        line,
        code: Code::MalformedRecord,
        reason: reason.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn open_quotes_are_found() {
        assert!(ends_inside_quotes(b"a,\"b"));
        assert!(!ends_inside_quotes(b"a,\"b,\"\"c\"\"\",d"));
        assert!(!ends_inside_quotes(b"5\" screen,x"));
        assert!(ends_inside_quotes(b"\"a\"\""));
    }
}

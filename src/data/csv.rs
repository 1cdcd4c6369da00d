//! CSV reader: one RFC 4180 record under a header row -> the used slots of a [`Lead`].
//!
//! The header names the columns; a column whose name is a used field fills
//! that slot, the `id` column names the record, other columns are skipped.
//! Where a record ends and how it splits into cells is [`frame`] (quoted
//! cells may hold delimiters, doubled quotes and line breaks); cells are
//! typed by [`coerce`]: an empty cell is missing, a typed cell (`int`,
//! `number`, `bool`, `date`) is read without the spaces around it, and
//! `list<text>` cells split on a separator (`;` by default). A record with
//! more or fewer cells than the header is E404; two header cells with one
//! name are E412, so a column is never chosen silently.

pub mod delimiter;
pub mod frame;

use crate::data::{self, Lead, RecordError, coerce, limits};
use crate::diagnostic::Code;
use crate::ir::{self, FieldId, Type};
use frame::{Cells, Frame, Problem};

/// Reads CSV records for one program; clone one per thread.
#[derive(Debug, Clone)]
pub struct Reader {
    /// Per column: the slot it fills, if any.
    columns: Vec<Option<(FieldId, Type)>>,
    id_column: Option<usize>,
    separator: char,
    delimiter: u8,
    missing: Vec<String>,
    cells: Cells,
}

impl Reader {
    /// A reader for records under the header cells `names` (read on `line`).
    pub fn new(
        program: &ir::Program,
        used: &[FieldId],
        names: &[String],
        line: u64,
        delimiter: u8,
        separator: char,
    ) -> Result<Reader, RecordError> {
        let names: Vec<&str> = names.iter().map(|name| name.trim()).collect();
        duplicate_names(&names, line)?;
        let mut reader = Reader {
            columns: vec![None; names.len()],
            id_column: names.iter().position(|name| *name == "id"),
            separator,
            delimiter,
            missing: Vec::new(),
            cells: Cells::default(),
        };
        for &field in used {
            let declared = program.field(field);
            match names.iter().position(|name| *name == declared.name) {
                Some(column) => reader.columns[column] = Some((field, declared.ty)),
                None => reader.missing.push(declared.name.clone()),
            }
        }
        Ok(reader)
    }

    /// A reader under a header given as one record's text (line 1).
    pub fn from_header(
        program: &ir::Program,
        used: &[FieldId],
        header: &[u8],
        delimiter: u8,
        separator: char,
    ) -> Result<Reader, RecordError> {
        let mut cells = Cells::default();
        let text = split(header, 1, delimiter, &mut cells)?;
        let names: Vec<String> = cells.iter(text).map(str::to_owned).collect();
        Reader::new(program, used, &names, 1, delimiter, separator)
    }

    /// Used fields with no column in the header: missing in every record.
    pub fn missing_columns(&self) -> &[String] {
        &self.missing
    }

    /// Reads one record (its bytes as framed, terminator included or not)
    /// that starts on line `number` into `lead`.
    pub fn read(&mut self, record: &[u8], number: u64, lead: &mut Lead) -> Result<(), RecordError> {
        lead.reset(number);
        let text = split(record, number, self.delimiter, &mut self.cells)?;
        let (width, count) = (self.columns.len(), self.cells.len());
        if count != width {
            return Err(RecordError {
                line: number,
                code: Code::WrongFieldCount,
                reason: format!("expected {width} fields as in the header, found {count}"),
            });
        }
        for (column, cell) in self.cells.iter(text).enumerate() {
            if Some(column) == self.id_column && !cell.is_empty() {
                lead.set_id(cell, false);
            }
            match self.columns[column] {
                Some((_, _)) if cell.is_empty() => {}
                Some((field, Type::TextList)) => {
                    coerce::list_cell(lead, field, cell, self.separator)
                }
                Some((field, ty @ (Type::Text | Type::Any))) => {
                    coerce::text(lead, field, ty, cell, || coerce::quoted(cell))
                }
                Some((field, ty)) => {
                    let trimmed = cell.trim();
                    if !trimmed.is_empty() {
                        coerce::text(lead, field, ty, trimmed, || coerce::quoted(cell))
                    }
                }
                None => {}
            }
        }
        Ok(())
    }
}

/// Splits one whole record into `cells`, or says why it cannot be read;
/// gives the record as text.
fn split<'a>(
    record: &'a [u8],
    number: u64,
    delimiter: u8,
    cells: &mut Cells,
) -> Result<&'a str, RecordError> {
    limits::check_line(record, number)?;
    let text = data::utf8_line(record, number)?;
    match frame::frame(record, delimiter, true, Some(cells)) {
        Frame::Record { .. } => Ok(text),
        Frame::Blank { .. } => {
            cells.one_empty();
            Ok(text)
        }
        Frame::Broken { problem, .. } => Err(problem_error(problem, number)),
        // INVARIANT: with `at_end`, a frame is never incomplete.
        Frame::Incomplete => Err(problem_error(
            Problem::UnclosedQuote {
                column: 1,
                limit: false,
            },
            number,
        )),
    }
}

/// The report of a record that [`frame`] found broken.
pub fn problem_error(problem: Problem, line: u64) -> RecordError {
    let (code, reason) = match problem {
        Problem::UnclosedQuote {
            column,
            limit: false,
        } => (
            Code::UnclosedQuote,
            format!("the quoted cell in column {column} is not closed before the end of the input"),
        ),
        Problem::UnclosedQuote {
            column,
            limit: true,
        } => (
            Code::UnclosedQuote,
            format!(
                "the quoted cell in column {column} is not closed within {} lines or {} bytes",
                limits::MAX_RECORD_LINES,
                limits::MAX_LINE_BYTES
            ),
        ),
        Problem::StrayQuote { column } => (
            Code::StrayQuote,
            format!(
                "a quote inside the unquoted cell in column {column}; quote the cell and double its quotes"
            ),
        ),
        Problem::TextAfterQuote {
            column,
            lines_later: 0,
        } => (
            Code::StrayQuote,
            format!(
                "text after the closing quote of the cell in column {column}; double a quote that belongs to the cell"
            ),
        ),
        Problem::TextAfterQuote {
            column,
            lines_later,
        } => (
            Code::StrayQuote,
            format!(
                "the quoted cell in column {column} closes on line {}, and text follows its closing quote; is a quote missing, or not doubled?",
                line + lines_later
            ),
        ),
        Problem::CarriageReturn => (
            Code::MalformedRecord,
            "carriage return inside a row".to_owned(),
        ),
    };
    RecordError { line, code, reason }
}

/// E412 for the first header name given twice, naming both columns.
fn duplicate_names(names: &[&str], line: u64) -> Result<(), RecordError> {
    for (later, name) in names.iter().enumerate() {
        if name.is_empty() {
            continue;
        }
        if let Some(first) = names[..later].iter().position(|earlier| earlier == name) {
            return Err(RecordError {
                line,
                code: Code::DuplicateColumn,
                reason: format!(
                    "the header names `{name}` twice, in columns {} and {}",
                    first + 1,
                    later + 1
                ),
            });
        }
    }
    Ok(())
}

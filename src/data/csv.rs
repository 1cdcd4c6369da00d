//! CSV reader: one RFC 4180 record under a header row -> the used slots of a [`Lead`].
//!
//! The header names the columns; a used field is read from the first of
//! its columns (`from`, its preset's headers, else its name) that the
//! header has, the id column names the record, other columns are skipped.
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
use crate::semantics::value_format::ValueFormat;
use frame::{Cells, Frame, Problem};

/// Reads CSV records for one program; clone one per thread.
#[derive(Debug, Clone)]
pub struct Reader {
    /// Per column: the slot it fills, if any.
    columns: Vec<Option<Slot>>,
    id_column: Option<usize>,
    separator: String,
    delimiter: u8,
    matches: Vec<ColumnMatch>,
    cells: Cells,
    /// Columns copied to the output (`--keep`), in order.
    keep: Vec<usize>,
    names: Vec<String>,
}

/// What one column fills.
#[derive(Debug, Clone)]
struct Slot {
    field: FieldId,
    ty: Type,
    format: Option<ValueFormat>,
}

/// Where a used field is read from, or why it is missing: the start-of-run
/// report (`icpc eval` prints the unmatched ones, W410, and with
/// `--columns` every one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnMatch {
    /// The field's name.
    pub field: String,
    /// The header it is read from; `None` when no column holds it.
    pub column: Option<String>,
    /// The headers it was looked for under, in order.
    pub looked_for: Vec<String>,
    /// For a missing field, the closest header, if one is close.
    pub suggestion: Option<String>,
}

impl Reader {
    /// A reader for records under the header cells `names` (read on
    /// `line`): each used field takes the first of its columns present.
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
        let position = |wanted: &[&str]| {
            wanted
                .iter()
                .find_map(|want| names.iter().position(|name| name == want))
        };
        let mut reader = Reader {
            columns: vec![None; names.len()],
            id_column: position(&program.id_columns()),
            separator: separator.to_string(),
            delimiter,
            matches: Vec::new(),
            cells: Cells::default(),
            keep: Vec::new(),
            names: names.iter().map(|&name| name.to_owned()).collect(),
        };
        for &field in used {
            let declared = program.field(field);
            let wanted = declared.sources();
            let column = position(&wanted);
            if let Some(column) = column {
                reader.columns[column] = Some(Slot {
                    field,
                    ty: declared.ty,
                    format: declared.format.clone(),
                });
            }
            reader.matches.push(ColumnMatch {
                field: declared.name.clone(),
                column: column.map(|column| names[column].to_owned()),
                looked_for: wanted.iter().map(|&name| name.to_owned()).collect(),
                suggestion: match column {
                    Some(_) => None,
                    None => crate::suggest::closest_header(&wanted, &names).map(str::to_owned),
                },
            });
        }
        Ok(reader)
    }

    /// Keeps the columns `wanted` names (`all`: every column but the id
    /// column) for the output; gives their header names, or the first name
    /// that is no column.
    pub fn keep(&mut self, wanted: &[String]) -> Result<Vec<String>, String> {
        self.keep = if wanted.iter().any(|name| name == "all") {
            (0..self.names.len())
                .filter(|&column| Some(column) != self.id_column)
                .collect()
        } else {
            let mut columns = Vec::new();
            for name in wanted {
                match self.names.iter().position(|header| header == name.trim()) {
                    Some(column) => columns.push(column),
                    None => return Err(name.clone()),
                }
            }
            columns
        };
        Ok(self
            .keep
            .iter()
            .map(|&column| self.names[column].clone())
            .collect())
    }

    /// Where each used field is read from, in field order.
    pub fn matches(&self) -> &[ColumnMatch] {
        &self.matches
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
        if !self.keep.is_empty() {
            let cells: Vec<&str> = self.cells.iter(text).collect();
            for &column in &self.keep {
                let mut kept = lead.spare_text();
                kept.push_str(cells.get(column).copied().unwrap_or(""));
                lead.kept.push(kept);
            }
        }
        for (column, cell) in self.cells.iter(text).enumerate() {
            if Some(column) == self.id_column && !cell.is_empty() {
                lead.set_id(cell);
            }
            let Some(slot) = &self.columns[column] else {
                continue;
            };
            if cell.is_empty() {
                continue;
            }
            let format = slot.format.as_ref();
            match slot.ty {
                Type::TextList => {
                    let separator = format
                        .and_then(ValueFormat::separator)
                        .unwrap_or(&self.separator);
                    coerce::list_cell(lead, slot.field, cell, separator)
                }
                ty @ (Type::Text | Type::Any) => {
                    coerce::text(lead, slot.field, ty, format, cell, || coerce::quoted(cell))
                }
                ty @ (Type::Int | Type::Number | Type::Bool | Type::Date) => {
                    let trimmed = cell.trim();
                    if !trimmed.is_empty() {
                        coerce::text(lead, slot.field, ty, format, trimmed, || {
                            coerce::quoted(cell)
                        })
                    }
                }
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

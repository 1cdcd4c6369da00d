//! Reports of rejected lines: a `data::RecordError` (code, reason, line
//! number, all data) -> one line of text for a terminal or of JSON for a
//! file. The only writer of these reports; `icpc explain` reads the error
//! itself, never this text.

use super::json_string;
use crate::data::RecordError;

/// How rejected lines are reported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ErrorFormat {
    /// `NAME:LINE: error[E401]: reason`, for a terminal.
    Text {
        /// The input's name (its path, or `-`).
        name: String,
    },
    /// `{"line":..,"code":..,"reason":..,"text":..}` per line, for a file.
    Json,
    /// `line,code,reason,text` rows under [`CSV_HEADER`], for a `.csv` file.
    Csv,
}

/// The header row of rejected records written as CSV.
pub const CSV_HEADER: &str = "line,code,reason,text\n";

/// `NAME:LINE: error[CODE]: reason`, without a line break.
pub fn text(name: &str, error: &RecordError) -> String {
    format!(
        "{name}:{}: error[{}]: {}",
        error.line, error.code, error.reason
    )
}

/// Appends the report of a rejected line; `line` is its raw text.
pub fn write(out: &mut Vec<u8>, format: &ErrorFormat, error: &RecordError, line: &[u8]) {
    match format {
        ErrorFormat::Text { name } => {
            out.extend_from_slice(text(name, error).as_bytes());
            out.push(b'\n');
        }
        ErrorFormat::Json => {
            out.extend_from_slice(b"{\"line\":");
            out.extend_from_slice(itoa::Buffer::new().format(error.line).as_bytes());
            out.extend_from_slice(b",\"code\":\"");
            out.extend_from_slice(error.code.as_str().as_bytes());
            out.extend_from_slice(b"\",\"reason\":");
            json_string(out, &error.reason);
            out.extend_from_slice(b",\"text\":");
            json_string(out, &String::from_utf8_lossy(line));
            out.extend_from_slice(b"}\n");
        }
        ErrorFormat::Csv => {
            out.extend_from_slice(itoa::Buffer::new().format(error.line).as_bytes());
            out.push(b',');
            out.extend_from_slice(error.code.as_str().as_bytes());
            out.push(b',');
            super::csv_cell(out, &error.reason);
            out.push(b',');
            super::csv_cell(out, &String::from_utf8_lossy(line));
            out.push(b'\n');
        }
    }
}

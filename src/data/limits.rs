//! Bounds on one lead record, so that a run's memory is set by its chunk
//! buffers and these numbers, never by one broken or hostile line (a CSV
//! line holding a 52-million-item list once took 4.3 GB).
//!
//! A record beyond a bound is rejected like any unreadable line (E405,
//! E406) and the run goes on. docs/errors.md documents both numbers.

use crate::data::RecordError;
use crate::diagnostic::Code;

/// The longest line a reader accepts, in bytes: 1 MiB, a hundred times
/// the widest CRM export row we have seen.
pub const MAX_LINE_BYTES: usize = 1 << 20;

/// The most items a `list<text>` value may hold.
pub const MAX_LIST_ITEMS: usize = 10_000;

/// E405 when `line` is longer than [`MAX_LINE_BYTES`].
pub fn check_line(line: &[u8], number: u64) -> Result<(), RecordError> {
    if line.len() <= MAX_LINE_BYTES {
        return Ok(());
    }
    Err(RecordError {
        line: number,
        code: Code::LineTooLong,
        reason: format!(
            "the line is {} bytes long, more than the limit of {MAX_LINE_BYTES}",
            line.len()
        ),
    })
}

/// E406 for a list value, starting at 1-based `column`, with more than
/// [`MAX_LIST_ITEMS`] items.
pub fn list_too_long(column: usize, number: u64) -> RecordError {
    RecordError {
        line: number,
        code: Code::ListTooLong,
        reason: format!("the list at column {column} has more than {MAX_LIST_ITEMS} items"),
    }
}

/// The most lines one CSV record may cover: a quoted cell still open after
/// this many line breaks is a broken quote (E410), and reading goes on
/// from the line after the one the record started on.
pub const MAX_RECORD_LINES: u64 = 1_000;

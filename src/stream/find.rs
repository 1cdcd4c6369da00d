//! Finding one lead in a stream, for `icpc explain --id/--line`: reads
//! chunk by chunk and stops at the first match, so explaining the first
//! lead of a huge file costs what a one-lead file costs.
//!
//! A line that cannot be read comes back as its `data::RecordError` (code,
//! reason, line number), never as rendered text. With `--line`, only that
//! line is read; with `--id`, every record up to the match. An unreadable
//! record has no id; when no readable one has the wanted id, the first
//! rejected record whose text holds it is reported instead. A CSV record is
//! found by the line it starts on.

use super::chunks::{Chunk, Chunks};
use super::worker::LineReader;
use crate::data::{Lead, RecordError};
use crate::ir;
use crate::record::Record;
use crate::stream::InputFormat;
use std::io::{self, Read};

/// Chunks small enough that an early match stops reading early.
const CHUNK_SIZE: usize = 64 * 1024;

/// Which lead to find.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Wanted {
    /// The first lead whose `id` is exactly this.
    Id(String),
    /// The lead on this 1-based line.
    Line(u64),
}

/// What the search found.
#[derive(Debug, Clone, PartialEq)]
pub enum Found {
    /// The lead, read and typed.
    Record(Record),
    /// The wanted line exists but cannot be read; or, for an id, no
    /// readable record has it and a rejected record's text holds it.
    Rejected(RecordError),
    /// No lead has the id, or the line is blank or past the end.
    Nothing,
}

/// Reads `input` until the wanted lead, then stops.
pub fn find(
    program: &ir::Program,
    format: InputFormat,
    input: impl Read,
    wanted: &Wanted,
) -> io::Result<Found> {
    let mut chunks = Chunks::new(input, CHUNK_SIZE);
    let Some(mut reader) = LineReader::new(program, format, &mut chunks)? else {
        return Ok(Found::Nothing);
    };
    let mut lead = Lead::new(program);
    // A rejected record has no id, but one whose text holds the wanted id
    // is most likely it: reported when no readable record has the id.
    let mut rejected = None;
    while let Some(chunk) = chunks.next_chunk(Chunk::default())? {
        for piece in chunk.records() {
            if matches!(wanted, Wanted::Line(n) if *n != piece.line) {
                continue;
            }
            let read = reader.read(piece, &mut lead);
            match (read, wanted) {
                (Err(error), Wanted::Line(_)) => return Ok(Found::Rejected(error)),
                (Ok(()), Wanted::Line(_)) => return Ok(Found::Record(lead.record)),
                (Ok(()), Wanted::Id(id)) if lead.record.id.as_deref() == Some(id) => {
                    return Ok(Found::Record(lead.record));
                }
                (Err(error), Wanted::Id(id))
                    if rejected.is_none()
                        && memchr::memmem::find(piece.bytes, id.as_bytes()).is_some() =>
                {
                    rejected = Some(error);
                }
                (Ok(()) | Err(_), Wanted::Id(_)) => {}
            }
        }
        if matches!(wanted, Wanted::Line(n) if *n < chunk.first_line) {
            break;
        }
    }
    Ok(rejected.map_or(Found::Nothing, Found::Rejected))
}

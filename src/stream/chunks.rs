//! Input bytes -> chunks of whole records, each with the number of its first line.
//!
//! A chunk ends where a record ends, so no record is ever split between two
//! workers. For JSON Lines that is any newline. For CSV, a newline inside a
//! quoted cell is not a record's end: the chunker frames every record with
//! `data::csv::frame` (the same state machine the reader splits cells with)
//! and hands the frames to the worker, so a chunk boundary never falls
//! inside a quoted cell and the framing is done once. Buffers come from the
//! caller and go back to it, so memory stays bounded by their number and
//! the longest record (which the limits of `data::limits` bound for CSV).

use crate::data::csv::delimiter::{self, Delimiter};
use crate::data::csv::frame::{self, Cells, Frame, Problem};
use std::io::{self, Read};

/// A run of whole records.
#[derive(Debug, Default)]
pub struct Chunk {
    /// Position in the input (0, 1, 2...), for putting results back in order.
    #[cfg_attr(
        not(feature = "threads"),
        expect(dead_code, reason = "only worker threads deliver out of order")
    )]
    pub sequence: u64,
    /// 1-based number of the first line.
    pub first_line: u64,
    /// The records, each ending with `\n` but perhaps the last.
    pub bytes: Vec<u8>,
    /// CSV only: every non-blank record of `bytes`, in order.
    pub frames: Vec<Framed>,
    /// Whether `frames` lists the records (CSV) or each line is one (JSON Lines).
    pub framed: bool,
}

/// One record of a chunk, as [`Chunk::records`] gives them.
#[derive(Debug, Clone, Copy)]
pub struct Piece<'a> {
    /// The line it starts on.
    pub line: u64,
    /// Its bytes, without the final line terminator.
    pub bytes: &'a [u8],
    /// Why it cannot be read, when the framing already knows.
    pub problem: Option<Problem>,
}

impl Chunk {
    /// The chunk's non-blank records in order.
    pub fn records(&self) -> Box<dyn Iterator<Item = Piece<'_>> + '_> {
        if self.framed {
            return Box::new(self.frames.iter().map(|framed| Piece {
                line: framed.line,
                bytes: crate::stream::trim_line(&self.bytes[framed.start..framed.end]),
                problem: framed.problem,
            }));
        }
        let ends = memchr::memchr_iter(b'\n', &self.bytes).chain(std::iter::once(self.bytes.len()));
        let mut start = 0;
        let lines = (self.first_line..)
            .zip(ends)
            .filter_map(move |(line, end)| {
                let bytes = crate::stream::trim_line(self.bytes.get(start..end)?);
                start = end + 1;
                (!crate::data::is_blank(bytes)).then_some(Piece {
                    line,
                    bytes,
                    problem: None,
                })
            });
        Box::new(lines)
    }
}

/// One CSV record of a chunk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Framed {
    /// Where it starts in the chunk's bytes.
    pub start: usize,
    /// Where it ends (after its terminator).
    pub end: usize,
    /// The line it starts on.
    pub line: u64,
    /// Why it cannot be read (then it covers its first line only).
    pub problem: Option<Problem>,
}

/// A CSV header row, taken out of the stream.
#[derive(Debug, Clone)]
pub struct Header {
    /// The header's cells.
    pub names: Vec<String>,
    /// The line it starts on.
    pub line: u64,
    /// The delimiter, given or detected.
    pub delimiter: Delimiter,
}

/// Cuts an input stream into chunks.
pub struct Chunks<R> {
    input: R,
    chunk_size: usize,
    carry: Vec<u8>,
    next_line: u64,
    next_sequence: u64,
    at_start: bool,
    at_end: bool,
    /// CSV: the delimiter records are framed with.
    csv: Option<u8>,
}

impl<R: Read> Chunks<R> {
    /// Chunks of about `chunk_size` bytes (more when a record is longer).
    pub fn new(input: R, chunk_size: usize) -> Chunks<R> {
        Chunks {
            input,
            chunk_size: chunk_size.max(1),
            carry: Vec::new(),
            next_line: 1,
            next_sequence: 0,
            at_start: true,
            at_end: false,
            csv: None,
        }
    }

    /// Makes the chunks after this one about `chunk_size` bytes long.
    pub fn set_chunk_size(&mut self, chunk_size: usize) {
        self.chunk_size = chunk_size.max(1);
    }

    /// The first non-blank record, as a CSV header, taken out of the
    /// stream; the chunks after it are framed as CSV. The delimiter is
    /// `given`, or detected from the header's first line. `Ok(None)` when
    /// the input has no such record; `Err` with the header's line when it
    /// cannot be read.
    pub fn csv_header(
        &mut self,
        given: Option<u8>,
    ) -> io::Result<Option<Result<Header, (u64, Problem)>>> {
        let delimiter = match given {
            Some(byte) => Delimiter {
                byte,
                detected: false,
            },
            None => match self.first_line()? {
                Some(line) => delimiter::detect(line),
                None => return Ok(None),
            },
        };
        self.csv = Some(delimiter.byte);
        let mut cells = Cells::default();
        loop {
            match frame::frame(&self.carry, delimiter.byte, self.at_end, Some(&mut cells)) {
                Frame::Incomplete => self.fill_carry()?,
                Frame::Blank { .. } if self.carry.is_empty() => return Ok(None),
                Frame::Blank { len } => self.take(len, 1),
                Frame::Broken { len, problem } => {
                    let line = self.next_line;
                    self.take(len, 1);
                    return Ok(Some(Err((line, problem))));
                }
                Frame::Record { len, lines } => {
                    let line = self.next_line;
                    let text = String::from_utf8_lossy(&self.carry[..len]).into_owned();
                    self.take(len, lines);
                    // Replacement characters are not ASCII: the cells stay.
                    frame::frame(text.as_bytes(), delimiter.byte, true, Some(&mut cells));
                    let names = cells.iter(&text).map(str::to_owned).collect();
                    return Ok(Some(Ok(Header {
                        names,
                        line,
                        delimiter,
                    })));
                }
            }
        }
    }

    /// The first non-blank line, read but left in the stream.
    pub fn first_line(&mut self) -> io::Result<Option<&[u8]>> {
        loop {
            let mut start = 0;
            let mut found = None;
            for newline in memchr::memchr_iter(b'\n', &self.carry) {
                if !crate::data::is_blank(&self.carry[start..newline]) {
                    found = Some((start, newline));
                    break;
                }
                start = newline + 1;
            }
            if found.is_none() && self.at_end {
                found = Some((start, self.carry.len()));
            }
            if let Some((start, end)) = found {
                let line = &self.carry[start..end];
                return Ok((!crate::data::is_blank(line)).then_some(line));
            }
            self.fill_carry()?;
        }
    }

    fn take(&mut self, len: usize, lines: u64) {
        self.carry.drain(..len);
        self.next_line += lines;
    }

    fn fill_carry(&mut self) -> io::Result<()> {
        let mut carry = std::mem::take(&mut self.carry);
        let filled = self.fill(&mut carry);
        self.carry = carry;
        filled
    }

    /// The next chunk, read into the buffers of `used` (a chunk done with,
    /// or `Chunk::default()`); `None` at the end of the input.
    pub fn next_chunk(&mut self, used: Chunk) -> io::Result<Option<Chunk>> {
        let Chunk {
            bytes: mut buffer,
            mut frames,
            ..
        } = used;
        buffer.clear();
        buffer.append(&mut self.carry);
        frames.clear();
        let mut chunk = Chunk {
            sequence: self.next_sequence,
            first_line: self.next_line,
            bytes: Vec::new(),
            frames,
            framed: self.csv.is_some(),
        };
        match self.csv {
            Some(delimiter) => self.cut_records(&mut buffer, delimiter, &mut chunk.frames)?,
            None => self.cut_lines(&mut buffer)?,
        }
        if buffer.is_empty() {
            return Ok(None);
        }
        chunk.bytes = buffer;
        self.next_sequence += 1;
        if self.csv.is_none() {
            self.next_line += memchr::memchr_iter(b'\n', &chunk.bytes).count() as u64;
        }
        Ok(Some(chunk))
    }

    /// JSON Lines: ends `buffer` at the last newline past the chunk size.
    fn cut_lines(&mut self, buffer: &mut Vec<u8>) -> io::Result<()> {
        let mut scanned = 0;
        loop {
            if buffer.len() >= self.chunk_size || self.at_end {
                match memchr::memrchr(b'\n', &buffer[scanned..]) {
                    Some(newline) => {
                        self.carry
                            .extend_from_slice(&buffer[scanned + newline + 1..]);
                        buffer.truncate(scanned + newline + 1);
                        return Ok(());
                    }
                    None if self.at_end => return Ok(()),
                    None => scanned = buffer.len(),
                }
            }
            self.fill(buffer)?;
        }
    }

    /// CSV: frames records into `frames` until the chunk size is passed,
    /// then ends `buffer` after the last of them.
    fn cut_records(
        &mut self,
        buffer: &mut Vec<u8>,
        delimiter: u8,
        frames: &mut Vec<Framed>,
    ) -> io::Result<()> {
        let mut position = 0;
        while position < self.chunk_size {
            if position == buffer.len() && self.at_end {
                break;
            }
            let found = frame::frame(&buffer[position..], delimiter, self.at_end, None);
            let framed = |end, problem| Framed {
                start: position,
                end,
                line: self.next_line,
                problem,
            };
            let (len, lines) = match found {
                Frame::Incomplete => {
                    self.fill(buffer)?;
                    continue;
                }
                Frame::Blank { len } => (len, 1),
                Frame::Record { len, lines } => {
                    frames.push(framed(position + len, None));
                    (len, lines)
                }
                Frame::Broken { len, problem } => {
                    frames.push(framed(position + len, Some(problem)));
                    (len, 1)
                }
            };
            position += len;
            self.next_line += lines;
        }
        self.carry.extend_from_slice(&buffer[position..]);
        buffer.truncate(position);
        Ok(())
    }

    /// Appends up to a chunk's worth of input to `buffer`; drops a leading
    /// byte-order mark; notes the end of the input.
    fn fill(&mut self, buffer: &mut Vec<u8>) -> io::Result<()> {
        let before = buffer.len();
        let least = self.chunk_size.clamp(4 * 1024, 64 * 1024);
        let wanted = self.chunk_size.saturating_sub(before).max(least) as u64;
        let read = (&mut self.input).take(wanted).read_to_end(buffer)?;
        if self.at_start && (buffer.len() >= 3 || read == 0) {
            self.at_start = false;
            if buffer.starts_with(b"\xef\xbb\xbf") {
                buffer.drain(..3);
            }
        }
        self.at_end = read == 0;
        Ok(())
    }
}

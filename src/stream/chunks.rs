//! Input bytes -> chunks of whole lines, each with the number of its first line.
//!
//! A chunk ends at a newline (except the last of the input), so no line is
//! ever split between two workers. Buffers come from the caller and go back
//! to it, so memory stays bounded by their number and the longest line.

use std::io::{self, Read};

/// A run of whole lines.
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
    /// The lines, each ending with `\n` but perhaps the last.
    pub bytes: Vec<u8>,
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
}

impl<R: Read> Chunks<R> {
    /// Chunks of about `chunk_size` bytes (more when a line is longer).
    pub fn new(input: R, chunk_size: usize) -> Chunks<R> {
        Chunks {
            input,
            chunk_size: chunk_size.max(1),
            carry: Vec::new(),
            next_line: 1,
            next_sequence: 0,
            at_start: true,
            at_end: false,
        }
    }

    /// The first non-blank line (a CSV header) and its number, taken out of
    /// the stream; `None` when the input has no such line.
    pub fn header(&mut self) -> io::Result<Option<(Vec<u8>, u64)>> {
        loop {
            while let Some(newline) = memchr::memchr(b'\n', &self.carry) {
                let line: Vec<u8> = self.carry.drain(..=newline).collect();
                let number = self.next_line;
                self.next_line += 1;
                let line = crate::stream::trim_line(&line);
                if !crate::data::is_blank(line) {
                    return Ok(Some((line.to_vec(), number)));
                }
            }
            if self.at_end {
                let line = std::mem::take(&mut self.carry);
                let blank = crate::data::is_blank(crate::stream::trim_line(&line));
                return Ok(
                    (!blank).then(|| (crate::stream::trim_line(&line).to_vec(), self.next_line))
                );
            }
            let mut carry = std::mem::take(&mut self.carry);
            self.fill(&mut carry)?;
            self.carry = carry;
        }
    }

    /// The next chunk, read into `buffer`; `None` at the end of the input.
    pub fn next_chunk(&mut self, mut buffer: Vec<u8>) -> io::Result<Option<Chunk>> {
        buffer.clear();
        buffer.append(&mut self.carry);
        let mut scanned = 0;
        loop {
            if buffer.len() >= self.chunk_size || self.at_end {
                match memchr::memrchr(b'\n', &buffer[scanned..]) {
                    Some(newline) => {
                        self.carry
                            .extend_from_slice(&buffer[scanned + newline + 1..]);
                        buffer.truncate(scanned + newline + 1);
                        break;
                    }
                    None if self.at_end => break,
                    None => scanned = buffer.len(),
                }
            }
            self.fill(&mut buffer)?;
        }
        if buffer.is_empty() {
            return Ok(None);
        }
        let chunk = Chunk {
            sequence: self.next_sequence,
            first_line: self.next_line,
            bytes: buffer,
        };
        self.next_sequence += 1;
        self.next_line += memchr::memchr_iter(b'\n', &chunk.bytes).count() as u64;
        Ok(Some(chunk))
    }

    /// Appends up to a chunk's worth of input to `buffer`; drops a leading
    /// byte-order mark; notes the end of the input.
    fn fill(&mut self, buffer: &mut Vec<u8>) -> io::Result<()> {
        let before = buffer.len();
        let wanted = self.chunk_size.saturating_sub(before).max(64 * 1024) as u64;
        let read = (&mut self.input).take(wanted).read_to_end(buffer)?;
        if self.at_start && buffer.len() >= 3 {
            self.at_start = false;
            if buffer.starts_with(b"\xef\xbb\xbf") {
                buffer.drain(..3);
            }
        }
        self.at_end = read == 0;
        Ok(())
    }
}

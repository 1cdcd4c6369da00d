//! RFC 4180 records: where one CSV record ends, and (when asked) its cells.
//!
//! One state machine for both jobs, so the chunker, which cuts the input
//! between records, and the reader, which splits a record into cells, can
//! never disagree about where a record ends. A cell is quoted when its first
//! byte after optional spaces is `"`; inside it `""` is a quote, and
//! delimiters and line breaks (LF or CRLF) are text; after the closing quote
//! only spaces, the delimiter or the end of the record may follow. A quote
//! anywhere else is a stray quote.
//!
//! A record that breaks these rules, or whose quoted cell runs past the
//! limits of `data::limits`, is [`Frame::Broken`] and covers only its first
//! line: the reader resynchronises on the next line, so a broken quote never
//! swallows the records after it. A line that starts inside a quoted cell
//! holds the cell's closing quote, which is a stray quote there, so the tail
//! of a broken record is never read as a record of its own.

use crate::data::bytemask;
use crate::data::limits::{MAX_LINE_BYTES, MAX_RECORD_LINES};

/// What the bytes at the start of a buffer hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Frame {
    /// A record of `len` bytes (its line break included) on `lines` lines.
    Record {
        /// Bytes, terminator included.
        len: usize,
        /// Physical lines it covers (1 unless a quoted cell holds line breaks).
        lines: u64,
    },
    /// An empty line or one of spaces only: skipped, never counted.
    Blank {
        /// Bytes, terminator included.
        len: usize,
    },
    /// A record that cannot be read; rejecting its first line (`len`
    /// bytes) and reading on from the next one resynchronises.
    Broken {
        /// Bytes of the first line, terminator included.
        len: usize,
        /// What is wrong.
        problem: Problem,
    },
    /// The bytes end inside a record: more input decides.
    Incomplete,
}

/// Why a record cannot be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    /// A quoted cell (in 1-based `column`) still open at the end of the
    /// input, or past `MAX_RECORD_LINES` lines or `MAX_LINE_BYTES` bytes.
    UnclosedQuote {
        /// The cell's column.
        column: usize,
        /// Whether a limit stopped it (rather than the end of the input).
        limit: bool,
    },
    /// A quote inside an unquoted cell.
    StrayQuote {
        /// The cell's column.
        column: usize,
    },
    /// Text between a closing quote and the next delimiter.
    TextAfterQuote {
        /// The cell's column.
        column: usize,
        /// Line breaks between the record's start and the closing quote.
        lines_later: u64,
    },
    /// A carriage return that does not end a line, outside quotes.
    CarriageReturn,
}

/// The cells of one record: most are ranges of the record itself; a
/// quoted cell with doubled quotes is unescaped into a buffer of its own,
/// so a record is copied only where it must be.
#[derive(Debug, Clone, Default)]
pub struct Cells {
    spans: Vec<CellSpan>,
    unescaped: Vec<u8>,
    /// The current cell's pieces so far, and the first one's range.
    pieces: u32,
    first: (usize, usize),
    owned_start: usize,
}

/// Where one cell's text is: `start..end` of the record, or of the
/// unescaped buffer when `owned`.
#[derive(Debug, Clone, Copy)]
struct CellSpan {
    start: usize,
    end: usize,
    owned: bool,
}

impl Cells {
    /// The number of cells.
    pub fn len(&self) -> usize {
        self.spans.len()
    }

    /// Whether the record had no cells (never after a framed record).
    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    /// The cells of `record`, the text they were split from.
    /// INVARIANT: cells split a record at ASCII bytes, so the unescaped
    /// buffer is UTF-8 too (else its cells read as empty).
    pub fn iter<'a>(&'a self, record: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        let unescaped = std::str::from_utf8(&self.unescaped).unwrap_or("");
        self.spans.iter().map(move |span| {
            let text = if span.owned { unescaped } else { record };
            text.get(span.start..span.end).unwrap_or("")
        })
    }

    /// The text of cell `index` of `record` (empty past the last cell).
    #[inline]
    pub fn get<'a>(&'a self, index: usize, record: &'a str) -> &'a str {
        let Some(span) = self.spans.get(index) else {
            return "";
        };
        if span.owned {
            let bytes = self.unescaped.get(span.start..span.end).unwrap_or_default();
            std::str::from_utf8(bytes).unwrap_or("")
        } else {
            record.get(span.start..span.end).unwrap_or("")
        }
    }

    fn clear(&mut self) {
        self.spans.clear();
        self.unescaped.clear();
        self.pieces = 0;
    }

    fn push(&mut self, bytes: &[u8], from: usize, to: usize) {
        match self.pieces {
            0 => self.first = (from, to),
            1 => {
                self.owned_start = self.unescaped.len();
                let (first_from, first_to) = self.first;
                self.unescaped
                    .extend_from_slice(&bytes[first_from..first_to]);
                self.unescaped.extend_from_slice(&bytes[from..to]);
            }
            _ => self.unescaped.extend_from_slice(&bytes[from..to]),
        }
        self.pieces += 1;
    }

    fn end_cell(&mut self) {
        let span = match self.pieces {
            0 => CellSpan {
                start: 0,
                end: 0,
                owned: false,
            },
            1 => CellSpan {
                start: self.first.0,
                end: self.first.1,
                owned: false,
            },
            _ => CellSpan {
                start: self.owned_start,
                end: self.unescaped.len(),
                owned: true,
            },
        };
        self.spans.push(span);
        self.pieces = 0;
    }

    /// A cell that is the plain range `from..to` of the record.
    fn plain(&mut self, from: usize, to: usize) {
        self.spans.push(CellSpan {
            start: from,
            end: to,
            owned: false,
        });
    }

    /// One empty cell (a blank record read as a row).
    pub fn one_empty(&mut self) {
        self.clear();
        self.end_cell();
    }
}

/// Frames the record at the start of `bytes`; `at_end` says no input
/// follows. With `cells`, also splits it (cleared first).
pub fn frame(bytes: &[u8], delimiter: u8, at_end: bool, cells: Option<&mut Cells>) -> Frame {
    match cells {
        Some(cells) => {
            cells.clear();
            let quick = match at_end {
                true => quoteless_record(bytes, delimiter, cells),
                false => None,
            };
            quick.unwrap_or_else(|| general(bytes, delimiter, at_end, Some(cells)))
        }
        None => quoteless_line(bytes).unwrap_or_else(|| general(bytes, delimiter, at_end, None)),
    }
}

/// [`frame`] without its shortcuts for quote-free lines: the one-pass
/// path for plain lines, then the state machine.
fn general(bytes: &[u8], delimiter: u8, at_end: bool, mut cells: Option<&mut Cells>) -> Frame {
    if let Some((text_end, len)) = plain_line(bytes, delimiter, at_end, cells.as_deref_mut()) {
        if crate::data::is_blank(&bytes[..text_end]) {
            if let Some(cells) = cells.as_deref_mut() {
                cells.clear();
            }
            return Frame::Blank { len };
        }
        return Frame::Record { len, lines: 1 };
    }
    if let Some(cells) = cells.as_deref_mut() {
        cells.clear();
    }
    let newline = memchr::memchr(b'\n', bytes);
    match newline {
        Some(newline) if crate::data::is_blank(&bytes[..newline]) => {
            return Frame::Blank { len: newline + 1 };
        }
        None if !at_end => return Frame::Incomplete,
        None if crate::data::is_blank(bytes) => return Frame::Blank { len: bytes.len() },
        Some(_) | None => {}
    }
    // Splitting gets one whole record: one scan says whether any cell can
    // hold a carriage return. Framing scans on, so each cell checks.
    let carriage_returns = cells.is_none() || memchr::memchr(b'\r', bytes).is_some();
    let mut scan = Scan {
        bytes,
        delimiter,
        at_end,
        carriage_returns,
        cells,
        position: 0,
        column: 1,
        lines: 1,
    };
    match scan.record() {
        Ok(frame) => frame,
        Err(Stop::Incomplete) => Frame::Incomplete,
        Err(Stop::Broken(problem)) => broken(bytes, at_end, problem),
    }
}

/// Framing alone (the chunker's job) of the commonest line: one that ends
/// in a line feed and holds no quote, nor a carriage return but one just
/// before the line feed, is one record whatever its cells, so two `memchr`
/// calls frame it (most CRM exports quote few cells). Everything else goes
/// to [`plain_line`] and the state machine; splitting cells, to
/// [`quoteless_record`] first.
fn quoteless_line(bytes: &[u8]) -> Option<Frame> {
    let newline = memchr::memchr(b'\n', bytes)?;
    let text = &bytes[..newline];
    let text = text.strip_suffix(b"\r").unwrap_or(text);
    if memchr::memchr2(b'"', b'\r', text).is_some() {
        return None;
    }
    let len = newline + 1;
    Some(if crate::data::is_blank(text) {
        Frame::Blank { len }
    } else {
        Frame::Record { len, lines: 1 }
    })
}

/// Splitting (the reader's job) of the commonest whole record: one with no
/// quote, line feed or carriage return is its cells cut at every delimiter
/// (or blank), so one `memchr3` and one delimiter mask per 64-byte block
/// split it, without the quote bookkeeping of [`plain_line`]. `None` for
/// every other record, and for a delimiter that is one of those bytes.
fn quoteless_record(bytes: &[u8], delimiter: u8, cells: &mut Cells) -> Option<Frame> {
    if matches!(delimiter, b'"' | b'\n' | b'\r')
        || memchr::memchr3(b'"', b'\n', b'\r', bytes).is_some()
    {
        return None;
    }
    let len = bytes.len();
    if crate::data::is_blank(bytes) {
        return Some(Frame::Blank { len });
    }
    let mut start = 0;
    for (base, block) in (0..).step_by(64).zip(bytes.chunks(64)) {
        let [mut bits] = bytemask::masks(block, [delimiter]);
        while bits != 0 {
            let at = base + bits.trailing_zeros() as usize;
            cells.plain(start, at);
            start = at + 1;
            bits &= bits - 1;
        }
    }
    cells.plain(start, len);
    Some(Frame::Record { len, lines: 1 })
}

/// The common case, without the state machine: a first line that ends in
/// a line feed (or, `at_end`, the input's end), with no carriage return but
/// one before its end, whose every quote opens or closes a quoted cell
/// (`"a, b"`, no doubled quote, no padding, no line break inside) is one
/// record. One pass over 64-byte blocks finds where quoted stretches are
/// (a prefix XOR of the quote bits), the first line feed outside them, and
/// the delimiters outside them that cut the cells; anything else goes to
/// the state machine, which finds the same record or says what is wrong.
/// Gives where the line's text ends and its length, line feed included.
fn plain_line(
    bytes: &[u8],
    delimiter: u8,
    at_end: bool,
    mut cells: Option<&mut Cells>,
) -> Option<(usize, usize)> {
    let mut base = 0;
    let mut start = 0;
    // All ones when a quoted stretch is open at the block's start.
    let mut carry = 0_u64;
    let (mut quote_count, mut quoted_cells) = (0, 0);
    let mut cell = |from: usize, to: usize, cells: Option<&mut Cells>| {
        let quoted = to >= from + 2 && bytes[from] == b'"' && bytes[to - 1] == b'"';
        quoted_cells += u32::from(quoted);
        if let Some(cells) = cells {
            let edge = usize::from(quoted);
            cells.plain(from + edge, to - edge);
        }
    };
    loop {
        let [newlines, quotes, returns, delimiters] =
            bytemask::masks(&bytes[base..], [b'\n', b'"', b'\r', delimiter]);
        let last = base + 64 >= bytes.len();
        let inside = prefix_xor(quotes) ^ carry;
        // Only what comes before the first line feed outside quotes counts.
        let ends = newlines & !inside;
        let before = ends.wrapping_sub(1) & !ends;
        let (end, len) = match ends {
            0 if last && at_end => (bytes.len(), bytes.len()),
            0 => (usize::MAX, 0),
            _ => {
                let end = base + ends.trailing_zeros() as usize;
                (end, end + 1)
            }
        };
        let found = end != usize::MAX;
        let final_return = found && end > base && bytes[end - 1] == b'\r';
        let allowed = if final_return {
            1_u64 << (end - 1 - base)
        } else {
            0
        };
        if newlines & inside & before != 0 || returns & before & !allowed != 0 {
            return None;
        }
        quote_count += (quotes & before).count_ones();
        let mut bits = delimiters & !inside & before;
        while bits != 0 {
            let at = base + bits.trailing_zeros() as usize;
            cell(start, at, cells.as_deref_mut());
            start = at + 1;
            bits &= bits - 1;
        }
        if found {
            cell(start, end - usize::from(final_return), cells.as_deref_mut());
            // Two quotes per quoted cell, and none anywhere else.
            return (quote_count == 2 * quoted_cells)
                .then_some((end - usize::from(final_return), len));
        }
        if last {
            return None;
        }
        carry = 0_u64.wrapping_sub(inside >> 63);
        base += 64;
    }
}

/// Bit `i` set when an odd number of the bits `0..=i` of `x` are: with
/// quote bits, the bytes from an opening quote up to its closing one.
fn prefix_xor(mut x: u64) -> u64 {
    for shift in [1, 2, 4, 8, 16, 32] {
        x ^= x << shift;
    }
    x
}

/// A broken record covers its first line, once that line is whole.
fn broken(bytes: &[u8], at_end: bool, problem: Problem) -> Frame {
    match memchr::memchr(b'\n', bytes) {
        Some(newline) => Frame::Broken {
            len: newline + 1,
            problem,
        },
        None if at_end => Frame::Broken {
            len: bytes.len(),
            problem,
        },
        None => Frame::Incomplete,
    }
}

enum Stop {
    Incomplete,
    Broken(Problem),
}

struct Scan<'a, 'c> {
    bytes: &'a [u8],
    delimiter: u8,
    at_end: bool,
    carriage_returns: bool,
    cells: Option<&'c mut Cells>,
    position: usize,
    column: usize,
    lines: u64,
}

/// How a cell ended.
enum End {
    Delimiter,
    Record(usize),
}

impl Scan<'_, '_> {
    fn record(&mut self) -> Result<Frame, Stop> {
        loop {
            let end = if self.quote_ahead() {
                self.quoted()?
            } else {
                self.unquoted()?
            };
            if let Some(cells) = self.cells.as_deref_mut() {
                cells.end_cell();
            }
            match end {
                End::Delimiter => self.column += 1,
                End::Record(len) => {
                    return Ok(Frame::Record {
                        len,
                        lines: self.lines,
                    });
                }
            }
        }
    }

    /// Whether the cell at `position` opens with a quote after spaces;
    /// if so, moves past the quote.
    fn quote_ahead(&mut self) -> bool {
        let rest = &self.bytes[self.position..];
        let spaces = rest.iter().take_while(|&&byte| byte == b' ').count();
        if rest.get(spaces) == Some(&b'"') {
            self.position += spaces + 1;
            true
        } else {
            false
        }
    }

    fn push(&mut self, from: usize, to: usize) {
        if let Some(cells) = self.cells.as_deref_mut() {
            cells.push(self.bytes, from, to);
        }
    }

    fn unquoted(&mut self) -> Result<End, Stop> {
        let start = self.position;
        let rest = &self.bytes[start..];
        let Some(offset) = memchr::memchr3(self.delimiter, b'"', b'\n', rest) else {
            if !self.at_end {
                return Err(Stop::Incomplete);
            }
            self.cell_text(start, self.bytes.len())?;
            return Ok(End::Record(self.bytes.len()));
        };
        let found = start + offset;
        match self.bytes[found] {
            b'"' => Err(Stop::Broken(Problem::StrayQuote {
                column: self.column,
            })),
            b'\n' => {
                let text_end = if found > start && self.bytes[found - 1] == b'\r' {
                    found - 1
                } else {
                    found
                };
                self.cell_text(start, text_end)?;
                Ok(End::Record(found + 1))
            }
            _ => {
                self.cell_text(start, found)?;
                self.position = found + 1;
                Ok(End::Delimiter)
            }
        }
    }

    /// An unquoted cell's text: no carriage return may be in it.
    fn cell_text(&mut self, from: usize, to: usize) -> Result<(), Stop> {
        let text = &self.bytes[from..to];
        // At the very end of the input, a final `\r` ends the line.
        let text = match text.strip_suffix(b"\r") {
            Some(stripped) if self.at_end && to == self.bytes.len() => stripped,
            Some(_) | None => text,
        };
        if self.carriage_returns && memchr::memchr(b'\r', text).is_some() {
            return Err(Stop::Broken(Problem::CarriageReturn));
        }
        self.push(from, from + text.len());
        Ok(())
    }

    /// A quoted cell from just after its opening quote.
    fn quoted(&mut self) -> Result<End, Stop> {
        loop {
            let start = self.position;
            let Some(offset) = memchr::memchr(b'"', &self.bytes[start..]) else {
                self.count_lines(start, self.bytes.len())?;
                return Err(if self.at_end {
                    self.unclosed(false)
                } else {
                    Stop::Incomplete
                });
            };
            let quote = start + offset;
            self.count_lines(start, quote)?;
            self.push(start, quote);
            match self.bytes.get(quote + 1) {
                Some(b'"') => {
                    self.push(quote, quote + 1);
                    self.position = quote + 2;
                }
                None if !self.at_end => return Err(Stop::Incomplete),
                Some(_) | None => {
                    self.position = quote + 1;
                    return self.after_quote();
                }
            }
        }
    }

    /// Adds the line breaks of a quoted stretch; stops past the limits.
    fn count_lines(&mut self, from: usize, to: usize) -> Result<(), Stop> {
        self.lines += memchr::memchr_iter(b'\n', &self.bytes[from..to]).count() as u64;
        if self.lines > MAX_RECORD_LINES || to > MAX_LINE_BYTES {
            return Err(self.unclosed(true));
        }
        Ok(())
    }

    fn unclosed(&self, limit: bool) -> Stop {
        Stop::Broken(Problem::UnclosedQuote {
            column: self.column,
            limit,
        })
    }

    /// After a closing quote: spaces, then a delimiter or the record's end.
    fn after_quote(&mut self) -> Result<End, Stop> {
        let rest = &self.bytes[self.position..];
        let spaces = rest.iter().take_while(|&&byte| byte == b' ').count();
        let at = self.position + spaces;
        match (self.bytes.get(at), self.bytes.get(at + 1)) {
            (Some(&byte), _) if byte == self.delimiter => {
                self.position = at + 1;
                Ok(End::Delimiter)
            }
            (Some(b'\n'), _) => Ok(End::Record(at + 1)),
            (Some(b'\r'), Some(b'\n')) => Ok(End::Record(at + 2)),
            (Some(b'\r'), None) if self.at_end => Ok(End::Record(at + 1)),
            (None, _) if self.at_end => Ok(End::Record(at)),
            (Some(b'\r'), None) | (None, _) => Err(Stop::Incomplete),
            (Some(b'\r'), Some(_)) => Err(Stop::Broken(Problem::CarriageReturn)),
            (Some(_), _) => Err(Stop::Broken(Problem::TextAfterQuote {
                column: self.column,
                lines_later: self.lines - 1,
            })),
        }
    }
}

#[cfg(test)]
mod tests;

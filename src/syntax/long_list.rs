//! Long list literals, parsed a piece at a time.
//!
//! pest keeps one token queue for a whole parse, two 40-byte tokens per
//! pair and four pairs per list value: a list of 100,000 strings peaked at
//! 42 MB in it (decision 027). A declaration holding a list literal longer
//! than [`Pieces::long`] bytes is parsed with the inside of that list
//! taken out (`[]`; the lowering puts the offsets after it back where they
//! were, `uncut`), and the inside is parsed on its own with the `list_items` rule, [`Pieces::chunk`] values
//! at a time. Each piece holds whole values (it is cut just after a comma
//! outside strings and comments), so the pieces accept exactly what the
//! list accepts. When any piece fails, the caller parses the declaration
//! as written, so a syntax error is found and described as before.

use super::scan::Bracket;
use std::ops::Range;

/// When a list is long and how many values a piece holds.
#[derive(Debug, Clone, Copy)]
pub struct Pieces {
    /// A list whose inside is longer than this many bytes is parsed in pieces.
    pub long: usize,
    /// About this many values per piece.
    pub chunk: usize,
}

/// The sizes `parse` uses: a piece's queue stays under 200 kB.
pub const PIECES: Pieces = Pieces {
    long: 16 * 1024,
    chunk: 1024,
};

/// The insides (brackets excluded) of the long list literals that lie in
/// `start..end`, as offsets into the text: a `[` whose next bracket is its
/// `]`, since values never hold brackets outside strings.
pub fn insides(brackets: &[Bracket], start: usize, end: usize, long: usize) -> Vec<Range<usize>> {
    let first = brackets.partition_point(|bracket| bracket.offset < start);
    let within = brackets[first..]
        .iter()
        .take_while(|bracket| bracket.offset < end);
    within
        .clone()
        .zip(within.skip(1))
        .filter(|(open, close)| open.byte == b'[' && close.byte == b']')
        .map(|(open, close)| open.offset + 1..close.offset)
        .filter(|inside| inside.len() > long)
        .collect()
}

/// `text` with every range of `insides` (offsets into it, in order)
/// taken out, and the cuts: where each was in the text left, and how long.
pub fn cut(text: &str, insides: &[Range<usize>]) -> (String, Vec<Cut>) {
    let mut left = String::with_capacity(text.len());
    let mut cuts = Vec::with_capacity(insides.len());
    let mut from = 0;
    for inside in insides {
        left.push_str(&text[from..inside.start]);
        cuts.push(Cut {
            at: left.len(),
            len: inside.len(),
        });
        from = inside.end;
    }
    left.push_str(&text[from..]);
    (left, cuts)
}

/// A list's inside taken out of a declaration before pest reads it.
#[derive(Debug, Clone, Copy)]
pub struct Cut {
    /// Where it was, in the text left: the offset of the list's `]`.
    pub at: usize,
    /// How many bytes it held.
    pub len: usize,
}

/// Where an offset of the text left by `cuts` lies in the text as written.
pub fn uncut(cuts: &[Cut], at: usize) -> usize {
    at + (cuts.iter())
        .take_while(|cut| cut.at <= at)
        .map(|cut| cut.len)
        .sum::<usize>()
}

/// Splits a list's inside into pieces of about `chunk` values each, every
/// piece but the last ending just after a comma that lies outside strings
/// and comments.
pub fn pieces(inside: &str, chunk: usize) -> Vec<Range<usize>> {
    let bytes = inside.as_bytes();
    let mut pieces = Vec::new();
    let (mut start, mut commas, mut index) = (0, 0, 0);
    while index < bytes.len() {
        match bytes[index] {
            b'"' => index = string_end(bytes, index),
            b'#' => {
                index = memchr::memchr(b'\n', &bytes[index..]).map_or(bytes.len(), |at| index + at)
            }
            b',' => {
                commas += 1;
                if commas == chunk {
                    pieces.push(start..index + 1);
                    (start, commas) = (index + 1, 0);
                }
            }
            _ => {}
        }
        index += 1;
    }
    if start < bytes.len() || pieces.is_empty() {
        pieces.push(start..bytes.len());
    }
    pieces
}

/// The offset of the quote that closes the string opening at `open`, or
/// of the line break (or end) where it is left open.
fn string_end(bytes: &[u8], open: usize) -> usize {
    let mut index = open + 1;
    while index < bytes.len() {
        match bytes[index] {
            b'\\' => index += 1,
            b'"' | b'\n' | b'\r' => return index,
            _ => {}
        }
        index += 1;
    }
    bytes.len()
}

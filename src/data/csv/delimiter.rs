//! Which byte separates the cells of a CSV file: given by the user, or
//! detected from the header row.
//!
//! Exports use `,` (most), `;` (Excel where the decimal mark is a comma),
//! tab and `|`. Detection counts each candidate outside quotes on the
//! header's first line and takes the most frequent; a tie goes to the one
//! listed first, and a header with none of them (one column) is `,`.

/// The delimiters icpc reads, in the order ties are broken.
pub const CANDIDATES: [u8; 4] = [b',', b';', b'\t', b'|'];

/// The delimiter of a CSV file and how it was chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Delimiter {
    /// The byte between cells.
    pub byte: u8,
    /// Whether it was detected from the header (not given).
    pub detected: bool,
}

impl Delimiter {
    /// How the delimiter reads in messages: `,` `;` `tab` `|`.
    pub fn name(self) -> &'static str {
        match self.byte {
            b';' => ";",
            b'\t' => "tab",
            b'|' => "|",
            _ => ",",
        }
    }
}

/// The most frequent candidate outside quotes on `first_line`.
pub fn detect(first_line: &[u8]) -> Delimiter {
    let mut counts = [0usize; CANDIDATES.len()];
    let mut quoted = false;
    for &byte in first_line {
        if byte == b'"' {
            quoted = !quoted;
        } else if !quoted && let Some(index) = CANDIDATES.iter().position(|&c| c == byte) {
            counts[index] += 1;
        }
    }
    let mut best = 0;
    for index in 1..CANDIDATES.len() {
        if counts[index] > counts[best] {
            best = index;
        }
    }
    Delimiter {
        byte: CANDIDATES[best],
        detected: true,
    }
}

/// A delimiter named on the command line: one of `,` `;` `|`, or `tab` / `\t`.
pub fn parse(text: &str) -> Option<u8> {
    match text {
        "," => Some(b','),
        ";" => Some(b';'),
        "|" => Some(b'|'),
        "tab" | "\\t" | "\t" => Some(b'\t'),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_most_frequent_candidate_outside_quotes_wins() {
        assert_eq!(detect(b"id;name;\"a,b,c\"").byte, b';');
        assert_eq!(detect(b"id\tname\temployees").byte, b'\t');
        assert_eq!(detect(b"id|name").byte, b'|');
        assert_eq!(detect(b"id,name;x").byte, b',');
        assert_eq!(detect(b"id").byte, b',');
    }
}

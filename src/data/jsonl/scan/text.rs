//! Byte-level helpers of the JSON scanner: finding the end of a string,
//! decoding escapes, and reading short integers exactly.
//!
//! Each takes bytes or text already delimited by `scan::Scanner` and
//! returns a value; none of them can fail on input the scanner accepted.

/// The first `"` or `\\` in `bytes`, eight bytes at a time: JSON strings in
/// leads are short, and a word-at-a-time loop beats a SIMD call on them.
pub(super) fn quote_or_backslash(bytes: &[u8]) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let zero_byte = |word: u64| word.wrapping_sub(ONES) & !word & HIGHS;
    let mut chunks = bytes.chunks_exact(8);
    let mut offset = 0;
    for chunk in chunks.by_ref() {
        let Ok(array) = <[u8; 8]>::try_from(chunk) else {
            break;
        };
        let word = u64::from_le_bytes(array);
        let hits = zero_byte(word ^ (ONES * u64::from(b'"')))
            | zero_byte(word ^ (ONES * u64::from(b'\\')));
        if hits != 0 {
            // The lowest flagged byte is always a true hit.
            return Some(offset + (hits.trailing_zeros() / 8) as usize);
        }
        offset += 8;
    }
    let tail = chunks.remainder();
    tail.iter()
        .position(|&byte| byte == b'"' || byte == b'\\')
        .map(|index| offset + index)
}

/// An integer of at most 16 characters (so at most 15 digits plus a sign,
/// exact in an f64).
pub(super) fn small_integer(raw: &str) -> f64 {
    let (negative, digits) = match raw.strip_prefix('-') {
        Some(digits) => (true, digits),
        None => (false, raw),
    };
    let magnitude = digits
        .bytes()
        .fold(0_i64, |acc, digit| acc * 10 + i64::from(digit - b'0'));
    let value = magnitude as f64;
    if negative { -value } else { value }
}

/// Decodes the escapes of a string already checked by `skip_string`.
/// A lone surrogate becomes U+FFFD.
pub(super) fn unescape(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let decoded = match chars.next() {
            Some('b') => '\u{8}',
            Some('f') => '\u{c}',
            Some('n') => '\n',
            Some('r') => '\r',
            Some('t') => '\t',
            Some('u') => unicode_escape(&mut chars),
            Some(other) => other,
            None => break,
        };
        out.push(decoded);
    }
    out
}

fn unicode_escape(chars: &mut std::str::Chars) -> char {
    let high = hex4(chars);
    if (0xD800..0xDC00).contains(&high) {
        let mut lookahead = chars.clone();
        if lookahead.next() == Some('\\') && lookahead.next() == Some('u') {
            let low = hex4(&mut lookahead);
            if (0xDC00..0xE000).contains(&low) {
                *chars = lookahead;
                let code = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00);
                return char::from_u32(code).unwrap_or('\u{fffd}');
            }
        }
    }
    char::from_u32(high).unwrap_or('\u{fffd}')
}

fn hex4(chars: &mut std::str::Chars) -> u32 {
    (0..4).fold(0, |acc, _| {
        acc * 16
            + chars
                .next()
                .and_then(|digit| digit.to_digit(16))
                .unwrap_or(0)
    })
}

#[cfg(test)]
mod tests {
    use super::quote_or_backslash;

    #[test]
    fn finds_the_first_quote_or_backslash_at_any_offset() {
        for length in 0..40 {
            for at in 0..length {
                for special in [b'"', b'\\'] {
                    let mut bytes = vec![b'a'; length];
                    bytes[at] = special;
                    if at + 1 < length {
                        bytes[at + 1] = b'"';
                    }
                    assert_eq!(quote_or_backslash(&bytes), Some(at));
                }
            }
            assert_eq!(quote_or_backslash(&vec![0xe9; length]), None);
        }
    }
}

//! Byte-level helpers of the JSON scanner: decoding escapes and reading
//! short integers exactly.
//!
//! Each takes bytes or text already delimited by `scan::Scanner` and
//! returns a value; none of them can fail on input the scanner accepted.

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

//! Letter case: text comparisons (`==`, `!=`, `in`, `has`, `contains`,
//! `starts_with`, `ends_with`) compare the case-folded forms of both sides,
//! and the folded form of a text is the simple (one code point to one)
//! Unicode lowercase mapping of each of its code points: `İ` folds to `i`
//! and `Σ` to `σ` wherever it stands (no final `ς`), and `ß` stays `ß`.
//! This, not `str::to_lowercase`, is the definition because every SQL
//! engine can compute it (`lower()` on DuckDB and PostgreSQL; Spark after
//! replacing `İ` and `Σ`, see `sql::dialect`), so `icpc sql` agrees with
//! `icpc eval` on non-ASCII text. `matches` is the exception: it is
//! case-sensitive unless the regex has the `i` flag, so nothing is folded
//! for it.
//!
//! [`fold`] is the definition, for literals at compile time; [`fold_into`]
//! and [`equal_folded`] give the same answer per record without allocating
//! on ASCII text.

use std::borrow::Cow;

/// The case-folded form of a text, borrowed when folding changes nothing.
pub fn fold(text: &str) -> Cow<'_, str> {
    if text.is_ascii() && !text.bytes().any(|byte| byte.is_ascii_uppercase()) {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(lowercase(text))
    }
}

/// The simple lowercase mapping, code point by code point. `char::to_lowercase`
/// is one code point for every character but `İ` (whose simple mapping is `i`).
fn lowercase(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    lowercase_into(&mut out, text);
    out
}

/// [`lowercase`] appended to `out`, ASCII characters mapped without a table.
fn lowercase_into(out: &mut String, text: &str) {
    out.extend(text.chars().map(|char| match char {
        ascii if ascii.is_ascii() => ascii.to_ascii_lowercase(),
        '\u{130}' => 'i',
        other => other.to_lowercase().next().unwrap_or(other),
    }));
}

/// [`fold`] written into a reused `buffer`: borrows lowercase ASCII text,
/// lowercases other text into the buffer, which allocates only when it
/// grows.
pub fn fold_into<'a>(buffer: &'a mut String, text: &'a str) -> &'a str {
    // One pass with no early exit (the compiler vectorises it): the high
    // bits of all bytes, and whether any is an ASCII capital.
    let (high, capitals) = (text.bytes()).fold((0_u8, 0_u8), |(high, capitals), byte| {
        let capital = u8::from(byte.wrapping_sub(b'A') < 26);
        (high | byte, capitals | capital)
    });
    let ascii = high < 0x80;
    if ascii && capitals == 0 {
        return text;
    }
    buffer.clear();
    if ascii {
        buffer.push_str(text);
        buffer.make_ascii_lowercase();
    } else {
        lowercase_into(buffer, text);
    }
    buffer
}

/// Whether `text`, folded, is `folded` (an operand folded already).
// INVARIANT: for ASCII text, the fold is the ASCII lowercase, so an
// ASCII-insensitive comparison with the folded operand is the same test.
pub fn equal_folded(buffer: &mut String, text: &str, folded: &str) -> bool {
    if text.is_ascii() {
        text.eq_ignore_ascii_case(folded)
    } else {
        fold_into(buffer, text) == folded
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_is_unicode_lowercase() {
        let mut buffer = String::new();
        for text in ["saas", "SaaS", "ÉCOLE", "Straße", "\u{212A}elvin", ""] {
            assert_eq!(fold(text), text.to_lowercase());
            assert_eq!(fold_into(&mut buffer, text), text.to_lowercase());
            assert!(equal_folded(&mut buffer, text, &text.to_lowercase()));
        }
        // What every SQL engine's `lower()` can agree on: no final sigma,
        // and `İ` is one code point.
        assert_eq!(fold("ΟΔΟΣ"), "οδοσ");
        assert_eq!(fold("İSTANBUL"), "istanbul");
        assert_eq!(fold("ς"), "ς");
        assert_eq!(fold("ß"), "ß");
        let multiple = (char::MIN..=char::MAX).filter(|char| char.to_lowercase().count() != 1);
        assert_eq!(multiple.collect::<Vec<_>>(), ['\u{130}']);
        assert!(matches!(fold("saas"), Cow::Borrowed(_)));
        // Folding into a buffer that holds longer text replaces it whole.
        assert_eq!(
            fold_into(&mut buffer, "A Longer ASCII Text"),
            "a longer ascii text"
        );
        assert_eq!(fold_into(&mut buffer, "ÉtÉ"), "été");
        assert_eq!(fold_into(&mut buffer, "İx"), "ix");
        assert!(!equal_folded(&mut buffer, "SaaS", "fintech"));
    }
}

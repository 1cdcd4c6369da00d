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
    text.chars()
        .map(|char| match char {
            '\u{130}' => 'i',
            other => other.to_lowercase().next().unwrap_or(other),
        })
        .collect()
}

/// [`fold`] written into a reused `buffer`: borrows lowercase ASCII text,
/// lowercases other ASCII in place, and allocates only for non-ASCII text.
pub fn fold_into<'a>(buffer: &'a mut String, text: &'a str) -> &'a str {
    if text.is_ascii() {
        if !text.bytes().any(|byte| byte.is_ascii_uppercase()) {
            return text;
        }
        buffer.clear();
        buffer.push_str(text);
        buffer.make_ascii_lowercase();
    } else {
        *buffer = lowercase(text);
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
        assert!(!equal_folded(&mut buffer, "SaaS", "fintech"));
    }
}

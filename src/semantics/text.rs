//! Letter case: text comparisons (`==`, `!=`, `in`, `has`, `contains`,
//! `starts_with`, `ends_with`) compare the case-folded forms of both sides,
//! and the folded form of a text is `str::to_lowercase` of it (Unicode,
//! not only ASCII). `matches` is the exception: it is case-sensitive
//! unless the regex has the `i` flag, so nothing is folded for it.
//!
//! [`fold`] is the definition, for literals at compile time; [`fold_into`]
//! and [`equal_folded`] give the same answer per record without allocating
//! on ASCII text.

use std::borrow::Cow;

/// The case-folded form of a text: its `str::to_lowercase`, borrowed when
/// that changes nothing.
pub fn fold(text: &str) -> Cow<'_, str> {
    if text.is_ascii() && !text.bytes().any(|byte| byte.is_ascii_uppercase()) {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.to_lowercase())
    }
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
        *buffer = text.to_lowercase();
    }
    buffer
}

/// Whether `text`, folded, is `folded` (an operand folded already).
// INVARIANT: for ASCII text, `to_lowercase` is the ASCII lowercase, so an
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
        assert!(matches!(fold("saas"), Cow::Borrowed(_)));
        assert!(!equal_folded(&mut buffer, "SaaS", "fintech"));
    }
}

//! Text in a record read as the schema's type (language-core.md,
//! "Meaning"): text that is exactly a number is that number (every CSV cell
//! is text), an `int` needs a whole value, a `bool` is `true` / `false` in
//! any case (spreadsheets write `TRUE`), a `date` is `YYYY-MM-DD` or a
//! timestamp that starts with one. Anything else is the wrong type, which
//! the readers turn into a missing value and a warning.

use crate::date;

/// Text that is exactly a decimal number: optional sign, digits with an
/// optional fraction, optional exponent; no spaces, no thousands
/// separators, no `inf` / `nan`, nothing that overflows to infinity.
pub fn number_text(text: &str) -> Option<f64> {
    let bytes = text.as_bytes();
    let allowed =
        |byte: &u8| byte.is_ascii_digit() || matches!(byte, b'+' | b'-' | b'.' | b'e' | b'E');
    if !bytes.iter().all(allowed) || !bytes.iter().any(u8::is_ascii_digit) {
        return None;
    }
    text.parse::<f64>().ok().filter(|number| number.is_finite())
}

/// Whether a number fits an `int` field: `250` and `250.0` do, `2.5` not.
pub fn is_whole(number: f64) -> bool {
    number.is_finite() && number.fract() == 0.0
}

/// `true` / `false` in any letter case.
pub fn bool_text(text: &str) -> Option<bool> {
    if text.eq_ignore_ascii_case("true") {
        Some(true)
    } else if text.eq_ignore_ascii_case("false") {
        Some(false)
    } else {
        None
    }
}

/// A date field's text as days since 1970-01-01.
pub fn date_text(text: &str) -> Option<i32> {
    date::parse(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_text_is_strict() {
        assert_eq!(number_text("250"), Some(250.0));
        assert_eq!(number_text("-2.5e3"), Some(-2500.0));
        assert_eq!(number_text(" 250"), None);
        assert_eq!(number_text("1,200"), None);
        assert_eq!(number_text("inf"), None);
        assert_eq!(number_text("e"), None);
        assert_eq!(number_text("1e999"), None);
    }

    #[test]
    fn whole_bool_and_date_text() {
        assert!(is_whole(250.0) && !is_whole(2.5) && !is_whole(f64::NAN));
        assert_eq!(bool_text("TRUE"), Some(true));
        assert_eq!(bool_text("False"), Some(false));
        assert_eq!(bool_text("yes"), None);
        assert_eq!(date_text("2025-06-30T08:00:00Z"), Some(20_269));
        assert_eq!(date_text("30/06/2025"), None);
    }
}

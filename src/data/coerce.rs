//! Raw values -> typed `record::Value`s, shared by the JSON Lines and CSV readers.
//!
//! Each function takes one raw value (a JSON string, number or bool, or a
//! CSV cell) and the type of the slot it goes to, and stores either the
//! typed value or `Value::Missing` plus a `record::TypeWarning`. What text
//! means for each type is `semantics` (its `coerce` rules); this module
//! only applies them to JSON's kinds of values. An `any` field is present
//! whatever its value.

use crate::data::{Lead, limits};
use crate::ir::{FieldId, Type};
use crate::record::{TypeWarning, Value};
use crate::semantics;
use crate::semantics::value_format::ValueFormat;

/// A text value (a JSON string or a CSV cell), read in the field's
/// declared `format` and, failing that, as the language reads text. `found`
/// renders the value as the record wrote it, for the warning; it runs only
/// on a wrong type. False when it is a list of more than
/// `limits::MAX_LIST_ITEMS` items (the record is rejected, E406).
#[must_use]
#[inline]
pub fn text(
    lead: &mut Lead,
    field: FieldId,
    ty: Type,
    format: Option<&ValueFormat>,
    text: &str,
    found: impl FnOnce() -> String,
) -> bool {
    let value = match ty {
        Type::Text | Type::Any => {
            if let Some(slot) = lead.text_slot(field, ty == Type::Any) {
                slot.push_str(text);
            }
            return true;
        }
        Type::Int | Type::Number => {
            let formatted = format.and_then(|format| format.number(text));
            // Plain digits are whole: no `is_whole` (a `trunc` call) for them.
            let whole = if formatted.is_none() {
                whole_number(text)
            } else {
                None
            };
            match whole {
                Some(number) => Value::Number(number),
                None => match formatted.or_else(|| semantics::number_text(text)) {
                    Some(number) if ty == Type::Number || semantics::is_whole(number) => {
                        Value::Number(number)
                    }
                    Some(_) | None => return wrong_value(lead, field, ty, found()),
                },
            }
        }
        Type::Bool => match format
            .and_then(|format| format.boolean(text))
            .or_else(|| lower_bool(text))
            .or_else(|| semantics::bool_text(text))
        {
            Some(value) => Value::Bool(value),
            None => return wrong_value(lead, field, ty, found()),
        },
        Type::Date => match format
            .and_then(|format| format.date(text))
            .or_else(|| semantics::date_text(text))
        {
            Some(days) => Value::Date(days),
            None => return wrong_value(lead, field, ty, found()),
        },
        Type::TextList => match format.and_then(ValueFormat::separator) {
            Some(separator) => return list_cell(lead, field, text, separator),
            None => return wrong_value(lead, field, ty, found()),
        },
    };
    lead.store(field, value);
    true
}

fn wrong_value(lead: &mut Lead, field: FieldId, expected: Type, found: String) -> bool {
    wrong(lead, field, expected, found);
    true
}

/// A JSON number, `raw` as written and `value` as parsed.
#[inline]
pub fn number(lead: &mut Lead, field: FieldId, ty: Type, raw: &str, value: f64) {
    match ty {
        Type::Number => lead.store(field, Value::Number(value)),
        Type::Int if semantics::is_whole(value) => lead.store(field, Value::Number(value)),
        Type::Any => present(lead, field, raw),
        Type::Int | Type::Text | Type::Bool | Type::Date | Type::TextList => {
            wrong(lead, field, ty, raw.to_owned());
        }
    }
}

/// A JSON `true` / `false`.
#[inline]
pub fn boolean(lead: &mut Lead, field: FieldId, ty: Type, value: bool) {
    match ty {
        Type::Bool => lead.store(field, Value::Bool(value)),
        Type::Any => present(lead, field, if value { "true" } else { "false" }),
        Type::Int | Type::Number | Type::Text | Type::Date | Type::TextList => {
            wrong(lead, field, ty, value.to_string());
        }
    }
}

/// A CSV cell (or, with a declared separator, a JSON string) for a
/// `list<text>` field: items split on `separator`, each trimmed, empty
/// items dropped. False, and the list cut at the limit, when it has more
/// than `limits::MAX_LIST_ITEMS` items (the record is rejected, E406).
#[must_use]
pub fn list_cell(lead: &mut Lead, field: FieldId, cell: &str, separator: &str) -> bool {
    let mut list = lead.take_list(field);
    let mut within = true;
    let mut push = |item: &str| {
        let item = trim(item);
        if item.is_empty() {
            return;
        }
        if list.len() == limits::MAX_LIST_ITEMS {
            within = false;
            return;
        }
        let mut owned = lead.spare_text();
        owned.push_str(item);
        list.push(owned);
    };
    // A one-byte separator (`;`, `,`, `|`) splits on a byte, not a substring.
    match separator.as_bytes() {
        &[byte] if byte.is_ascii() => {
            let mut start = 0;
            let ends = memchr::memchr_iter(byte, cell.as_bytes()).chain([cell.len()]);
            for end in ends {
                // Cut at an ASCII byte: always a char boundary.
                push(cell.get(start..end).unwrap_or_default());
                start = end + 1;
            }
        }
        _ => cell.split(separator).for_each(&mut push),
    }
    lead.store(field, Value::List(list));
    within
}

/// `str::trim`, with a shortcut for the usual cell that starts and ends
/// with a visible ASCII character (nothing to trim).
#[inline]
pub fn trim(text: &str) -> &str {
    match text.as_bytes() {
        [first, .., last] if first.is_ascii_graphic() && last.is_ascii_graphic() => text,
        [only] if only.is_ascii_graphic() => text,
        _ => text.trim(),
    }
}

/// Any non-null value of an `any` field, as its text.
#[inline]
pub fn present(lead: &mut Lead, field: FieldId, raw: &str) {
    if let Some(slot) = lead.text_slot(field, true) {
        slot.push_str(raw);
    }
}

/// Text of at most 15 digits, optionally after a `-`: its value, exact,
/// without the float parser (`semantics::number_text` gives the same).
#[inline]
pub fn whole_number(text: &str) -> Option<f64> {
    let (negative, digits) = match text.strip_prefix('-') {
        Some(digits) => (true, digits),
        None => (false, text),
    };
    if digits.is_empty() || digits.len() > 15 {
        return None;
    }
    let mut value = 0_i64;
    for byte in digits.bytes() {
        if !byte.is_ascii_digit() {
            return None;
        }
        value = value * 10 + i64::from(byte - b'0');
    }
    let value = value as f64;
    Some(if negative { -value } else { value })
}

/// `true` / `false` as usually written, without the case-folding compare
/// (`semantics::bool_text` gives the same and also reads `TRUE`).
#[inline]
pub fn lower_bool(text: &str) -> Option<bool> {
    match text.as_bytes() {
        b"true" => Some(true),
        b"false" => Some(false),
        _ => None,
    }
}

/// A value of the wrong type: missing, with a warning.
pub fn wrong(lead: &mut Lead, field: FieldId, expected: Type, found: String) {
    lead.store(field, Value::Missing);
    lead.record.warnings.push(TypeWarning {
        field,
        expected,
        found,
    });
}

/// A JSON-quoted rendering of text, for warnings about CSV cells.
pub fn quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| format!("\"{text}\""))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Texts near the edges: signs, dots, exponents, spaces, non-ASCII
    /// digits, 15 and 16 digits, `true` / `false` in any case and cut short.
    fn texts() -> impl Strategy<Value = String> {
        prop_oneof![
            "[-+0-9.eE \u{660}-\u{669}\u{ff10}]{0,20}",
            "-?[0-9]{1,18}",
            "[+-]?[0-9]{0,16}(\\.[0-9]{0,3})?([eE][+-]?[0-9]{0,4})?",
            "[ \t]?(t|T)(r|R)(u|U)(e|E)?[ \t]?",
            "(f|F)(a|A)(l|L)(s|S)(e|E)?x?",
            ".{0,8}",
        ]
    }

    proptest! {
        /// The digits shortcut gives the generic reading, bit for bit, and
        /// only whole values, so an `int` field may skip `is_whole`.
        #[test]
        fn whole_number_is_number_text(text in texts()) {
            if let Some(fast) = whole_number(&text) {
                let generic = semantics::number_text(&text);
                prop_assert_eq!(generic.map(f64::to_bits), Some(fast.to_bits()));
                prop_assert!(semantics::is_whole(fast));
            }
        }

        /// The lower-case shortcut agrees with the case-folding reading.
        #[test]
        fn lower_bool_is_bool_text(text in texts()) {
            if let Some(fast) = lower_bool(&text) {
                prop_assert_eq!(semantics::bool_text(&text), Some(fast));
            }
        }
    }

    #[test]
    fn shortcuts_on_edges() {
        assert_eq!(
            whole_number("-0").map(f64::to_bits),
            Some((-0.0_f64).to_bits())
        );
        assert_eq!(whole_number("999999999999999"), Some(999_999_999_999_999.0));
        assert_eq!(whole_number("1000000000000000"), None);
        assert_eq!(whole_number("1e3"), None);
        assert_eq!(whole_number("+1"), None);
        assert_eq!(lower_bool("TRUE"), None);
        assert_eq!(lower_bool("false"), Some(false));
    }
}

//! Raw values -> typed `record::Value`s, shared by the JSON Lines and CSV readers.
//!
//! Each function takes one raw value (a JSON string, number or bool, or a
//! CSV cell) and the type of the slot it goes to, and stores either the
//! typed value or `Value::Missing` plus a `record::TypeWarning`. The rules,
//! from language-core.md: text that is exactly a number is that number for
//! `int` / `number` fields (an `int` needs a whole value: `"250"` and `250.0`
//! are fine, `"2.5"` is the wrong type); `bool` fields take `true`/`false`
//! (text too, any case, as spreadsheets write `TRUE`); `date` fields take
//! `YYYY-MM-DD` or a timestamp; an `any` field is present whatever its value.

use crate::data::Lead;
use crate::date;
use crate::ir::{FieldId, Type};
use crate::record::{TypeWarning, Value};

/// A text value (a JSON string or a CSV cell). `found` renders the value as
/// the record wrote it, for the warning; it runs only on a wrong type.
pub fn text(lead: &mut Lead, field: FieldId, ty: Type, text: &str, found: impl FnOnce() -> String) {
    let value = match ty {
        Type::Text | Type::Any => {
            let mut owned = lead.spare_text();
            owned.push_str(text);
            if ty == Type::Text {
                Value::Text(owned)
            } else {
                Value::Present(owned)
            }
        }
        Type::Int | Type::Number => match number_text(text) {
            Some(number) if ty == Type::Number || is_whole(number) => Value::Number(number),
            Some(_) | None => return wrong(lead, field, ty, found()),
        },
        Type::Bool if text.eq_ignore_ascii_case("true") => Value::Bool(true),
        Type::Bool if text.eq_ignore_ascii_case("false") => Value::Bool(false),
        Type::Date => match date::parse(text) {
            Some(days) => Value::Date(days),
            None => return wrong(lead, field, ty, found()),
        },
        Type::Bool | Type::TextList => return wrong(lead, field, ty, found()),
    };
    lead.store(field, value);
}

/// A JSON number, `raw` as written and `value` as parsed.
pub fn number(lead: &mut Lead, field: FieldId, ty: Type, raw: &str, value: f64) {
    match ty {
        Type::Number => lead.store(field, Value::Number(value)),
        Type::Int if is_whole(value) => lead.store(field, Value::Number(value)),
        Type::Any => present(lead, field, raw),
        Type::Int | Type::Text | Type::Bool | Type::Date | Type::TextList => {
            wrong(lead, field, ty, raw.to_owned());
        }
    }
}

/// A JSON `true` / `false`.
pub fn boolean(lead: &mut Lead, field: FieldId, ty: Type, value: bool) {
    match ty {
        Type::Bool => lead.store(field, Value::Bool(value)),
        Type::Any => present(lead, field, if value { "true" } else { "false" }),
        Type::Int | Type::Number | Type::Text | Type::Date | Type::TextList => {
            wrong(lead, field, ty, value.to_string());
        }
    }
}

/// A CSV cell for a `list<text>` field: items split on `separator`, each
/// trimmed, empty items dropped.
pub fn list_cell(lead: &mut Lead, field: FieldId, cell: &str, separator: char) {
    let mut list = lead.spare_list();
    for item in cell
        .split(separator)
        .map(str::trim)
        .filter(|item| !item.is_empty())
    {
        let mut owned = lead.spare_text();
        owned.push_str(item);
        list.push(owned);
    }
    lead.store(field, Value::List(list));
}

/// Any non-null value of an `any` field, as its text.
pub fn present(lead: &mut Lead, field: FieldId, raw: &str) {
    let mut owned = lead.spare_text();
    owned.push_str(raw);
    lead.store(field, Value::Present(owned));
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

/// Text that is exactly a decimal number: optional sign, digits with an
/// optional fraction, optional exponent; no spaces, no `inf`/`nan`.
pub fn number_text(text: &str) -> Option<f64> {
    let bytes = text.as_bytes();
    let allowed =
        |byte: &u8| byte.is_ascii_digit() || matches!(byte, b'+' | b'-' | b'.' | b'e' | b'E');
    if !bytes.iter().all(allowed) || !bytes.iter().any(u8::is_ascii_digit) {
        return None;
    }
    text.parse::<f64>().ok().filter(|number| number.is_finite())
}

fn is_whole(number: f64) -> bool {
    number.is_finite() && number.fract() == 0.0
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
}

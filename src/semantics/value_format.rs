//! Declared value formats (`format "..."` on a schema field): how an export
//! writes numbers, booleans, dates and lists, read exactly as declared and
//! never guessed.
//!
//! A format is parsed once, by the checker, from the field's type and the
//! declaration's text ([`ValueFormat::parse`]; a bad one is E413 with the
//! reason this module gives). The readers then apply it to the record's
//! text before the language's own reading (`semantics::coerce`), which
//! still applies: a field declared `format "1,234"` also reads `1234`.
//! Text that the format does not allow stays missing with a warning, as
//! every wrong-typed value does.

mod date;
mod number;

pub use date::DateFormat;
pub use number::NumberFormat;

use crate::ir::Type;

/// How the values of one field are written.
#[derive(Debug, Clone, PartialEq)]
pub enum ValueFormat {
    /// `int` / `number`: `"1,234.5"`, `"$1,234"`, `"1.234,5 €"`, `"12.5%"`.
    Number(NumberFormat),
    /// `bool`: `"yes/no"`: the word for true, then the word for false.
    Bool {
        /// The word for true (compared ignoring case).
        yes: String,
        /// The word for false.
        no: String,
    },
    /// `date`: a pattern such as `"MM/DD/YYYY"` or `"YYYY-MM-DD hh:mm:ss Z"`.
    Date(DateFormat),
    /// `list<text>`: the text between items, such as `","`.
    List {
        /// Between items (items are trimmed).
        separator: String,
    },
}

impl ValueFormat {
    /// The format a field of type `ty` declares with `spec`, or why not.
    pub fn parse(ty: Type, spec: &str) -> Result<ValueFormat, String> {
        match ty {
            Type::Int | Type::Number => NumberFormat::parse(spec).map(ValueFormat::Number),
            Type::Bool => bool_words(spec),
            Type::Date => DateFormat::parse(spec).map(ValueFormat::Date),
            Type::TextList => match spec.trim() {
                "" if spec.is_empty() => Err("a list separator cannot be empty".to_owned()),
                "" => Ok(ValueFormat::List {
                    separator: " ".to_owned(),
                }),
                separator => Ok(ValueFormat::List {
                    separator: separator.to_owned(),
                }),
            },
            Type::Text | Type::Any => Err(format!(
                "a `{}` field is read as written and takes no format",
                ty.as_str()
            )),
        }
    }

    /// The number `text` holds in this format (int and number fields).
    pub fn number(&self, text: &str) -> Option<f64> {
        match self {
            ValueFormat::Number(format) => format.read(text),
            ValueFormat::Bool { .. } | ValueFormat::Date(_) | ValueFormat::List { .. } => None,
        }
    }

    /// The bool `text` holds in this format.
    pub fn boolean(&self, text: &str) -> Option<bool> {
        match self {
            ValueFormat::Bool { yes, no } => {
                let text = text.trim();
                if text.eq_ignore_ascii_case(yes) {
                    Some(true)
                } else if text.eq_ignore_ascii_case(no) {
                    Some(false)
                } else {
                    None
                }
            }
            ValueFormat::Number(_) | ValueFormat::Date(_) | ValueFormat::List { .. } => None,
        }
    }

    /// The day `text` holds in this format (days since 1970-01-01, UTC).
    pub fn date(&self, text: &str) -> Option<i32> {
        match self {
            ValueFormat::Date(format) => format.read(text),
            ValueFormat::Number(_) | ValueFormat::Bool { .. } | ValueFormat::List { .. } => None,
        }
    }

    /// The list separator, for `list<text>` fields.
    pub fn separator(&self) -> Option<&str> {
        match self {
            ValueFormat::List { separator } => Some(separator),
            ValueFormat::Number(_) | ValueFormat::Bool { .. } | ValueFormat::Date(_) => None,
        }
    }
}

/// `"yes/no"`: two different words around one `/`.
fn bool_words(spec: &str) -> Result<ValueFormat, String> {
    let words: Vec<&str> = spec.split('/').map(str::trim).collect();
    match words.as_slice() {
        [yes, no] if !yes.is_empty() && !no.is_empty() && !yes.eq_ignore_ascii_case(no) => {
            Ok(ValueFormat::Bool {
                yes: (*yes).to_owned(),
                no: (*no).to_owned(),
            })
        }
        _ => Err("a bool format is the word for true and the word for false around a `/`, like \"yes/no\" or \"1/0\"".to_owned()),
    }
}

#[cfg(test)]
mod tests;

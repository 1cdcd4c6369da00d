//! The prose of type errors: values that do not fit (E205), operators that
//! do not apply (E206), conflicting uses without a schema (E217).

use crate::ast;
use crate::check::types::OpKind;
use crate::diagnostic::{Code, Diagnostic};
use crate::ir;
use crate::source::Span;

/// E206: an operator that does not apply to the subject's type.
pub fn bad_operator(
    op: &str,
    subject: &str,
    ty: Option<ir::Type>,
    span: Span,
    help: Option<&str>,
) -> Diagnostic {
    let (message, label) = match ty {
        Some(ty) => (
            format!("`{op}` does not apply to {} field `{subject}`", ty.as_str()),
            format!("not for {} fields", ty.as_str()),
        ),
        None => (
            format!("`{op}` does not apply to score `{subject}`"),
            "not for scores".to_string(),
        ),
    };
    let diagnostic = Diagnostic::new(Code::BadOperator, message, span, label);
    match help {
        Some(help) => diagnostic.with_help(help),
        None => diagnostic,
    }
}

/// E205: a value of the wrong kind for its field.
pub fn type_mismatch(
    field: &str,
    expected: ir::Type,
    value: &ast::Value,
    declaration: Option<(Span, ir::Type)>,
) -> Diagnostic {
    let (found, kind) = describe_value(value);
    let wants = wanted(expected);
    let diagnostic = Diagnostic::new(
        Code::TypeMismatch,
        format!("expected {wants} for `{field}`, found {found}"),
        value.span,
        format!("{kind}, not {wants}"),
    );
    let diagnostic = match declaration {
        Some((span, ty)) => diagnostic.with_label(
            span,
            format!("`{field}` is declared `{}` here", ty.as_str()),
        ),
        None => diagnostic,
    };
    match mismatch_help(expected, value) {
        Some(help) => diagnostic.with_help(help),
        None => diagnostic,
    }
}

/// What a type wants, for prose.
fn wanted(ty: ir::Type) -> &'static str {
    match ty {
        ir::Type::Int | ir::Type::Number => "a number",
        ir::Type::Text => "text",
        ir::Type::Bool => "`true` or `false`",
        ir::Type::Date => "a date",
        ir::Type::TextList => "a list",
        ir::Type::Any => "a value",
    }
}

/// A value as prose, and its kind in a word.
fn describe_value(value: &ast::Value) -> (String, &'static str) {
    match &value.kind {
        ast::ValueKind::Number(number) => (format!("the number `{}`", number.raw), "a number"),
        ast::ValueKind::Text(text) if text.quoted => {
            (format!("the text `\"{}\"`", text.value), "text")
        }
        ast::ValueKind::Text(text) => (format!("the text `{}`", text.value), "text"),
        ast::ValueKind::Bool(flag) => (format!("`{flag}`"), "a bool"),
        ast::ValueKind::Date(date) => (format!("the date `{date}`"), "a date"),
    }
}

fn mismatch_help(expected: ir::Type, value: &ast::Value) -> Option<String> {
    match (&value.kind, expected) {
        (ast::ValueKind::Text(text), ir::Type::Int | ir::Type::Number)
            if text.value.trim().parse::<f64>().is_ok() =>
        {
            Some(format!(
                "write the number without quotes: `{}`",
                text.value.trim()
            ))
        }
        (ast::ValueKind::Text(text), ir::Type::Date)
            if crate::date::parse(&text.value).is_some() =>
        {
            Some(format!("write the date without quotes: `{}`", text.value))
        }
        (ast::ValueKind::Number(number), ir::Type::Text) => Some(format!(
            "to compare as text, write it in quotes: `\"{}\"`",
            number.raw
        )),
        (ast::ValueKind::Date(date), ir::Type::Text) => Some(format!(
            "to compare as text, write it in quotes: `\"{date}\"`"
        )),
        (ast::ValueKind::Text(_) | ast::ValueKind::Number(_), ir::Type::Bool) => {
            Some("write `true` or `false`".to_string())
        }
        (
            ast::ValueKind::Number(_)
            | ast::ValueKind::Text(_)
            | ast::ValueKind::Bool(_)
            | ast::ValueKind::Date(_),
            ir::Type::Int
            | ir::Type::Number
            | ir::Type::Text
            | ir::Type::Bool
            | ir::Type::Date
            | ir::Type::TextList
            | ir::Type::Any,
        ) => None,
    }
}

/// How to test a field of type `ty` instead of with an operator of `kind`.
pub fn operator_help(kind: OpKind, ty: ir::Type) -> Option<&'static str> {
    use ir::Type::{Any, Bool, Date, Int, Number, Text, TextList};
    match (kind, ty) {
        (OpKind::Equality | OpKind::In | OpKind::Text | OpKind::Matches, TextList) => {
            Some("test a list field with `has`, `has any` or `has all`")
        }
        (OpKind::Ordering | OpKind::Range, Text) => {
            Some("compare text with `==`, `in` or `starts_with`")
        }
        (OpKind::Has, Text) => Some("test a text field with `==`, `in` or `contains`"),
        (OpKind::Has | OpKind::Text | OpKind::Matches, Int | Number) => {
            Some("compare numbers with `==`, `<`, `>` or a range like `10..1000`")
        }
        (OpKind::Has | OpKind::Text | OpKind::Matches | OpKind::In, Date) => {
            Some("compare dates with `<`, `>`, a range or `within N days`")
        }
        (
            OpKind::Ordering
            | OpKind::Range
            | OpKind::In
            | OpKind::Has
            | OpKind::Text
            | OpKind::Matches,
            Bool,
        ) => Some("test a bool field with `== true` or `== false`"),
        (OpKind::Within, Int | Number | Text | Bool | TextList) => {
            Some("`within N days` tests date fields")
        }
        (_, Any) => Some("declare the field's type in a `schema` block"),
        (
            OpKind::Equality
            | OpKind::Ordering
            | OpKind::In
            | OpKind::Range
            | OpKind::Has
            | OpKind::Text
            | OpKind::Matches
            | OpKind::Presence
            | OpKind::Within,
            Int | Number | Text | Bool | Date | TextList,
        ) => None,
    }
}

/// E217: a field used as two different types without a schema.
pub fn conflicting_use(
    name: &str,
    ty: ir::Type,
    span: Span,
    first: ir::Type,
    first_span: Span,
) -> Diagnostic {
    Diagnostic::new(
        Code::ConflictingUse,
        format!(
            "`{name}` is used as {} and as {}",
            type_phrase(first),
            type_phrase(ty)
        ),
        span,
        format!("used as {} here", type_phrase(ty)),
    )
    .with_label(
        first_span,
        format!("used as {} here first", type_phrase(first)),
    )
    .with_help(format!("declare the type of `{name}` in a `schema` block"))
}

/// A type with its article, for prose.
fn type_phrase(ty: ir::Type) -> &'static str {
    match ty {
        ir::Type::Int => "an int",
        ir::Type::Number => "a number",
        ir::Type::Text => "text",
        ir::Type::Bool => "a bool",
        ir::Type::Date => "a date",
        ir::Type::TextList => "a list",
        ir::Type::Any => "any value",
    }
}

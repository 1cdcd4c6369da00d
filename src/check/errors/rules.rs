//! The prose of the richer-rule diagnostics (E80x): several effects in one
//! rule, named patterns, and the text tests over a list.

use crate::ast;
use crate::diagnostic::{Code, Diagnostic};
use crate::source::Span;

/// E801: one rule changes a score twice, or disqualifies twice.
pub fn repeated_effect(second: &ast::Effect, first: &ast::Effect) -> Diagnostic {
    let (message, help) = match second {
        ast::Effect::Score { score, .. } => (
            format!("rule changes the score `{}` twice", score.name),
            "add the points up into one change".to_string(),
        ),
        ast::Effect::Disqualify { .. } => (
            "rule disqualifies twice".to_string(),
            "keep one `disqualify` and put both reasons in its text".to_string(),
        ),
    };
    Diagnostic::new(
        Code::RepeatedEffect,
        message,
        second.span(),
        "second change",
    )
    .with_label(first.span(), "first change here")
    .with_help(help)
}

/// E802: a pattern let used as a condition (`rule r: senior => ...`).
pub fn pattern_as_condition(name: &str, span: Span, definition: Span) -> Diagnostic {
    Diagnostic::new(
        Code::MisusedPattern,
        format!("`{name}` is a pattern, not a condition"),
        span,
        "used as a condition",
    )
    .with_label(definition, "defined as a pattern here")
    .with_help(format!("test a field with it, like `title matches {name}`"))
}

/// E802: a pattern let used as another kind of operand (a list).
pub fn pattern_as_operand(name: &str, span: Span, definition: Span, wanted: &str) -> Diagnostic {
    Diagnostic::new(
        Code::MisusedPattern,
        format!("`{name}` is a pattern, not a {wanted}"),
        span,
        format!("used as a {wanted}"),
    )
    .with_label(definition, "defined as a pattern here")
    .with_help(format!(
        "a pattern goes after `matches`: `title matches {name}`"
    ))
}

/// E802: a name after `matches` that is a condition or a list.
pub fn not_a_pattern(name: &str, kind: &str, span: Span, definition: Span) -> Diagnostic {
    Diagnostic::new(
        Code::MisusedPattern,
        format!("`{name}` is a {kind}, not a pattern"),
        span,
        "used as a pattern",
    )
    .with_label(definition, format!("defined as a {kind} here"))
    .with_help(format!(
        "`matches` takes a regex or a let that names one, like `let {name} = /.../i`"
    ))
}

/// E803: `contains any` with no list after it, which once read as the
/// text "any".
pub fn ambiguous_any(op: &str, span: Span) -> Diagnostic {
    Diagnostic::new(
        Code::AmbiguousAny,
        format!("`{op} any` needs a list"),
        span,
        "a list is expected after `any`",
    )
    .with_help(format!(
        "write `{op} any [a, b]` or a list's name to test several texts, or `{op} \"any\"` for the word"
    ))
}

/// E804: `contains any []`, which no text passes.
pub fn empty_text_any(op: &str, span: Span) -> Diagnostic {
    Diagnostic::new(
        Code::EmptyAnyList,
        format!("`{op} any` over an empty list never holds"),
        span,
        "no items",
    )
    .with_help("add the texts to test, or remove the test")
}

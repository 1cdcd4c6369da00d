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

/// E805: a group names a rule that does not exist.
pub fn unknown_group_rule(rule: &ast::Ident, group: &str, suggestion: Option<&str>) -> Diagnostic {
    let diagnostic = Diagnostic::new(
        Code::UnknownGroupRule,
        format!("group `{group}` names the unknown rule `{}`", rule.name),
        rule.span,
        "no rule has this name",
    );
    match suggestion {
        Some(name) => diagnostic.with_help(format!("did you mean `{name}`?")),
        None => diagnostic.with_help("a group lists named rules: `rule NAME: ... => ...`"),
    }
}

/// E806: a rule listed in two groups, or twice in one.
pub fn rule_in_two_groups(rule: &ast::Ident, first: Span) -> Diagnostic {
    Diagnostic::new(
        Code::RuleInTwoGroups,
        format!("rule `{}` is in a group already", rule.name),
        rule.span,
        "listed again",
    )
    .with_label(first, "first listed here")
    .with_help("a rule's points count towards one group: keep it in one")
}

/// E807: a bound that is not a whole number.
pub fn bound_not_whole(limit: &ast::Number) -> Diagnostic {
    Diagnostic::new(
        Code::BadBounds,
        format!("`{}` is not a whole number of points", limit.raw),
        limit.span,
        "not a whole number",
    )
    .with_help("scores are whole numbers: write a whole bound")
}

/// E807: `at most` (or `at least`) written twice on one declaration.
pub fn bound_twice(bound: &ast::CapBound, first: Span) -> Diagnostic {
    let word = if bound.most { "at most" } else { "at least" };
    Diagnostic::new(
        Code::BadBounds,
        format!("`{word}` is given twice"),
        bound.span,
        "second bound",
    )
    .with_label(first, "first bound here")
    .with_help("keep one bound of each side")
}

/// E807: `at least` above `at most`.
pub fn bounds_crossed(low: Span, high: Span) -> Diagnostic {
    Diagnostic::new(
        Code::BadBounds,
        "`at least` is above `at most`",
        low,
        "the low bound",
    )
    .with_label(high, "the high bound")
    .with_help("no total fits both bounds: swap or correct them")
}

/// E807: a group bound that 0 does not satisfy.
pub fn group_bound_excludes_zero(bound: &ast::CapBound) -> Diagnostic {
    let (word, wanted) = if bound.most {
        ("at most", "0 or more")
    } else {
        ("at least", "0 or less")
    };
    Diagnostic::new(
        Code::BadBounds,
        format!("a group's `{word}` must be {wanted}"),
        bound.span,
        "excludes 0",
    )
    .with_help(
        "a group whose rules do not fire adds nothing, so its bounds must let 0 through; bound the score instead",
    )
}

//! The prose of example diagnostics (E601-E608).

use super::did_you_mean;
use crate::diagnostic::{Code, Diagnostic};
use crate::ir;
use crate::source::Span;

/// E601: a record field the rules do not know.
pub fn example_unknown_field(
    name: &str,
    span: Span,
    has_schema: bool,
    suggestion: Option<&str>,
) -> Diagnostic {
    let label = if has_schema {
        "not in the schema"
    } else {
        "no rule tests it"
    };
    let diagnostic = Diagnostic::new(
        Code::ExampleUnknownField,
        format!("unknown field `{name}` in example"),
        span,
        label,
    );
    match (suggestion, has_schema) {
        (Some(_), _) => did_you_mean(diagnostic, suggestion),
        (None, true) => diagnostic.with_help(format!(
            "declare `{name}` in the `schema` block, or remove it from the example"
        )),
        (None, false) => diagnostic.with_help("remove it: no rule reads it, so it cannot matter"),
    }
}

/// E602: a value that does not fit its field's type.
pub fn example_wrong_type(field: &str, ty: ir::Type, found: &str, span: Span) -> Diagnostic {
    let help = match ty {
        ir::Type::Int => "write a whole number, like `200`".to_string(),
        ir::Type::Number => "write a number, like `2.5` or `5_000_000`".to_string(),
        ir::Type::Text => "write a word or quoted text, like `SaaS` or \"VP Sales\"".to_string(),
        ir::Type::Bool => "write `true` or `false`".to_string(),
        ir::Type::Date => "write a date, like `2025-06-30`".to_string(),
        ir::Type::TextList => format!("write a list, like `{field}: [HubSpot, Slack]`"),
        ir::Type::Any => "write one value, not a list".to_string(),
    };
    let article = if matches!(ty, ir::Type::Int | ir::Type::Any) {
        "an"
    } else {
        "a"
    };
    Diagnostic::new(
        Code::ExampleWrongType,
        format!(
            "`{field}` is {article} {} field, but the example gives it {found}",
            ty.as_str()
        ),
        span,
        format!("not {article} {} value", ty.as_str()),
    )
    .with_help(help)
}

/// E603: an expected tier that is not declared.
pub fn example_unknown_tier(name: &str, span: Span, suggestion: Option<&str>) -> Diagnostic {
    let diagnostic = Diagnostic::new(
        Code::ExampleUnknownTier,
        format!("unknown tier `{name}`"),
        span,
        "not a declared tier",
    );
    match suggestion {
        Some(_) => did_you_mean(diagnostic, suggestion),
        None => diagnostic.with_help("expect one of the file's tiers, or `no tier`"),
    }
}

/// E609: an expected segment that is not declared.
pub fn example_unknown_segment(name: &str, span: Span, suggestion: Option<&str>) -> Diagnostic {
    let diagnostic = Diagnostic::new(
        Code::ExampleUnknownSegment,
        format!("unknown segment `{name}`"),
        span,
        "not a declared segment",
    );
    match suggestion {
        Some(_) => did_you_mean(diagnostic, suggestion),
        None => {
            diagnostic.with_help("expect one of the file's segments (`segment NAME: CONDITION`)")
        }
    }
}

/// E604: an expected value of an undeclared score.
pub fn example_unknown_score(name: &str, span: Span, suggestion: Option<&str>) -> Diagnostic {
    let diagnostic = Diagnostic::new(
        Code::ExampleUnknownScore,
        format!("unknown score `{name}`"),
        span,
        "not a declared score",
    );
    match suggestion {
        Some(_) => did_you_mean(diagnostic, suggestion),
        None => diagnostic.with_help(format!(
            "expect a declared score, or declare it with `score {name}`"
        )),
    }
}

/// E605: two examples with one name.
pub fn duplicate_example(name: &str, span: Span, first: Span) -> Diagnostic {
    Diagnostic::new(
        Code::DuplicateExample,
        format!("example `{name}` is defined twice"),
        span,
        "defined again here",
    )
    .with_label(first, "first defined here")
    .with_help("give each example its own name, so a failure names one case")
}

/// E606: `fires` naming no rule.
pub fn example_unknown_rule(name: &str, span: Span, suggestion: Option<&str>) -> Diagnostic {
    let diagnostic = Diagnostic::new(
        Code::ExampleUnknownRule,
        format!("unknown rule `{name}`"),
        span,
        "no rule has this name",
    );
    match suggestion {
        Some(_) => did_you_mean(diagnostic, suggestion),
        None => diagnostic
            .with_help("name a rule by its name, or an unnamed rule by its line, like \"line 12\""),
    }
}

/// E607: a field written twice in one record.
pub fn repeated_example_field(name: &str, span: Span, first: Span) -> Diagnostic {
    Diagnostic::new(
        Code::RepeatedExampleField,
        format!("field `{name}` is given twice"),
        span,
        "given again here",
    )
    .with_label(first, "first given here")
    .with_help("keep one value; a record has one value per field")
}

/// E608: two expectations that cannot both hold; `what` is the message.
pub fn contradictory_expectation(what: &str, span: Span, first: Span) -> Diagnostic {
    Diagnostic::new(
        Code::ContradictoryExpectation,
        what,
        span,
        "cannot hold together with the first",
    )
    .with_label(first, "first expectation here")
    .with_help("keep the one outcome the team agreed on")
}

/// E602: a score expected at a value that is not a whole number.
pub fn example_bad_score(score: &str, raw: &str, span: Span) -> Diagnostic {
    Diagnostic::new(
        Code::ExampleWrongType,
        format!("score `{score}` holds whole numbers, but the example expects `{raw}`"),
        span,
        "not a whole number",
    )
    .with_help("expect a whole number of points, like `fit 30`")
}

//! The prose of every check diagnostic, in one place.
//!
//! Each function takes the facts of one problem and words it following the
//! style guide: a lowercase message without a final period and with user
//! names in backticks, a primary label saying what is at the span, secondary
//! labels for related places, and a one-sentence help when a fix is known.
//! Lint prose (W2xx) lives in `errors/lints.rs`, the prose of types and
//! operators (E205, E206, E217) in `errors/types.rs`, of examples (E6xx)
//! in `errors/examples.rs`, of the richer rules (E80x) in `errors/rules.rs`.

mod examples;
mod lints;
mod rules;
mod types;

pub use examples::*;
pub use lints::*;
pub use rules::*;
pub use types::*;

use crate::ast;
use crate::diagnostic::{Code, Diagnostic};
use crate::source::Span;

fn did_you_mean(diagnostic: Diagnostic, suggestion: Option<&str>) -> Diagnostic {
    match suggestion {
        Some(name) => diagnostic.with_help(format!("did you mean `{name}`?")),
        None => diagnostic,
    }
}

/// E214: a second `schema` block.
pub fn duplicate_schema(span: Span, first: Span) -> Diagnostic {
    Diagnostic::new(
        Code::DuplicateSchema,
        "more than one `schema` block",
        span,
        "second schema",
    )
    .with_label(first, "first schema here")
    .with_help("merge the fields into the first `schema` block")
}

/// E413: a `format` that does not fit its field's type.
pub fn bad_format(spec: &ast::Text, reason: &str) -> Diagnostic {
    Diagnostic::new(
        Code::BadFormat,
        format!("`{}` is not a format icpc can read", spec.value),
        spec.span,
        "this format",
    )
    .with_help(reason.to_owned())
}

/// E414: `schema from NAME` with no preset of that name.
pub fn unknown_preset(name: &ast::Ident) -> Diagnostic {
    let known: Vec<&str> = super::presets::PRESETS
        .iter()
        .map(|preset| preset.name)
        .collect();
    let diagnostic = Diagnostic::new(
        Code::UnknownPreset,
        format!("there is no schema preset `{}`", name.name),
        name.span,
        "unknown preset",
    );
    match crate::suggest::did_you_mean(&name.name, known.iter().copied()) {
        Some(close) => diagnostic.with_help(format!("did you mean `{close}`?")),
        None => diagnostic.with_help(format!("the presets are: {}", known.join(", "))),
    }
}

/// E204: a name declared twice.
pub fn duplicate_name(kind: &str, name: &str, span: Span, first: Span) -> Diagnostic {
    Diagnostic::new(
        Code::DuplicateName,
        format!("{kind} `{name}` is defined twice"),
        span,
        "defined again here",
    )
    .with_label(first, "first defined here")
    .with_help(format!("rename or remove one of the two {kind}s"))
}

/// E215: a scalar type with an element type (`int<text>`).
pub fn type_takes_no_element(name: &str, span: Span) -> Diagnostic {
    Diagnostic::new(
        Code::UnknownType,
        format!("type `{name}` takes no element type"),
        span,
        "not a type",
    )
    .with_help(format!("write `{name}`"))
}

/// E215: a list of something other than text.
pub fn list_of_text_only(span: Span) -> Diagnostic {
    Diagnostic::new(
        Code::UnknownType,
        "lists can only hold text",
        span,
        "not a type",
    )
    .with_help("write `list<text>`")
}

/// E215: an unknown type name.
pub fn unknown_type(name: &str, span: Span, suggestion: Option<&str>) -> Diagnostic {
    let diagnostic = Diagnostic::new(
        Code::UnknownType,
        format!("unknown type `{name}`"),
        span,
        "not a type",
    );
    match suggestion {
        Some(_) => did_you_mean(diagnostic, suggestion),
        None => diagnostic.with_help("use `int`, `number`, `text`, `bool`, `date` or `list<text>`"),
    }
}

/// E104: a `_` separator not between two digits.
pub fn misplaced_separator(raw: &str, span: Span) -> Diagnostic {
    Diagnostic::new(
        Code::BadNumber,
        format!("malformed number `{raw}`"),
        span,
        "misplaced `_`",
    )
    .with_help("put each `_` between two digits, like `5_000_000`")
}

/// E104: a number too large to represent.
pub fn number_out_of_range(raw: &str, span: Span) -> Diagnostic {
    Diagnostic::new(
        Code::BadNumber,
        format!("number `{raw}` is too large"),
        span,
        "out of range",
    )
}

/// E105: a date literal that is not a calendar date.
pub fn bad_date(text: &str, span: Span) -> Diagnostic {
    Diagnostic::new(
        Code::BadDate,
        format!("`{text}` is not a valid date"),
        span,
        "no such day",
    )
    .with_help("write a real calendar date as `YYYY-MM-DD`")
}

/// E207: lets that refer to each other in a cycle; `steps` are (from, to, reference).
pub fn let_cycle(steps: &[(&str, &str, Span)]) -> Diagnostic {
    let names: Vec<String> = steps
        .iter()
        .map(|(from, _, _)| format!("`{from}`"))
        .collect();
    let message = match names.as_slice() {
        [only] => format!("let {only} refers to itself"),
        _ => format!("lets {} refer to each other in a cycle", names.join(", ")),
    };
    let mut labels = steps
        .iter()
        .map(|(from, to, span)| (*span, format!("`{from}` uses `{to}`")));
    let Some((span, label)) = labels.next() else {
        return Diagnostic::new(Code::LetCycle, message, Span::default(), "");
    };
    labels
        .fold(
            Diagnostic::new(Code::LetCycle, message, span, label),
            |diagnostic, (span, label)| diagnostic.with_label(span, label),
        )
        .with_help("write one of the conditions out in full to break the cycle")
}

/// E103: a let whose expansion nests too deeply or grows too large.
pub fn let_too_large(name: &str, span: Span) -> Diagnostic {
    Diagnostic::new(
        Code::TooDeep,
        format!("let `{name}` expands to a condition too large to check"),
        span,
        "uses too many nested lets",
    )
    .with_help("flatten the chain of lets that use each other")
}

/// E203: a name that no let defines.
pub fn unknown_name(
    name: &str,
    span: Span,
    suggestion: Option<&str>,
    bool_field: bool,
) -> Diagnostic {
    let diagnostic = Diagnostic::new(
        Code::UnknownName,
        format!("unknown name `{name}`"),
        span,
        "no `let` defines this",
    );
    match (suggestion, bool_field) {
        (Some(_), _) => did_you_mean(diagnostic, suggestion),
        (None, true) => diagnostic.with_help(format!("to test the field, write `{name} == true`")),
        (None, false) => diagnostic.with_help(format!("define it with `let {name} = ...`")),
    }
}

/// E213: a list let used as a condition.
pub fn list_as_condition(name: &str, span: Span, definition: Span) -> Diagnostic {
    Diagnostic::new(
        Code::WrongKindOfName,
        format!("`{name}` is a list, not a condition"),
        span,
        "used as a condition",
    )
    .with_label(definition, "defined as a list here")
    .with_help(format!(
        "test a field against it, like `industry in {name}`"
    ))
}

/// E213: a condition let used as a list.
pub fn condition_as_list(name: &str, span: Span, definition: Span) -> Diagnostic {
    Diagnostic::new(
        Code::WrongKindOfName,
        format!("`{name}` is a condition, not a list"),
        span,
        "used as a list",
    )
    .with_label(definition, "defined as a condition here")
    .with_help("use a list here, like `[SaaS, Fintech]`")
}

/// E201: a field the schema does not declare.
pub fn unknown_field(name: &str, span: Span, suggestion: Option<&str>) -> Diagnostic {
    let diagnostic = Diagnostic::new(
        Code::UnknownField,
        format!("unknown field `{name}`"),
        span,
        "not in the schema",
    );
    match suggestion {
        Some(_) => did_you_mean(diagnostic, suggestion),
        None => diagnostic.with_help(format!(
            "declare it in the `schema` block, like `{name}: text`"
        )),
    }
}

/// E216: a score tested in a rule condition.
pub fn score_in_rule(name: &str, span: Span, definition: Span) -> Diagnostic {
    Diagnostic::new(
        Code::ScoreInRule,
        format!("score `{name}` is tested in a rule"),
        span,
        "a score, not a field",
    )
    .with_label(definition, "declared as a score here")
    .with_help("rules test lead fields; test scores in a `tier`")
}

/// E210: a tier condition that tests a field.
pub fn field_in_tier(name: &str, span: Span) -> Diagnostic {
    Diagnostic::new(
        Code::TierNotOnScores,
        format!("tier condition tests field `{name}`"),
        span,
        "a field, not a score",
    )
    .with_help("tiers test scores only; score the field in a rule instead")
}

/// E202: a score that is not declared.
pub fn unknown_score(name: &str, span: Span, suggestion: Option<&str>) -> Diagnostic {
    let diagnostic = Diagnostic::new(
        Code::UnknownScore,
        format!("unknown score `{name}`"),
        span,
        "not a declared score",
    );
    match suggestion {
        Some(_) => did_you_mean(diagnostic, suggestion),
        None => diagnostic.with_help(format!("declare it with `score {name}`")),
    }
}

/// E205: `within` with a fractional number of days.
pub fn fractional_days(raw: &str, span: Span) -> Diagnostic {
    Diagnostic::new(
        Code::TypeMismatch,
        format!("`within` counts whole days, found `{raw}`"),
        span,
        "not a whole number",
    )
    .with_help("round to a whole number of days")
}

/// E104: `within` with a number of days too large to count.
pub fn too_many_days(raw: &str, span: Span) -> Diagnostic {
    Diagnostic::new(
        Code::BadNumber,
        format!("`{raw}` days is too many"),
        span,
        "out of range",
    )
    .with_help("use a number of days below 1_000_000")
}

/// E212: a range written high to low.
pub fn backwards_range(low: &str, high: &str, span: Span) -> Diagnostic {
    Diagnostic::new(
        Code::BackwardsRange,
        format!("range `{low}..{high}` is backwards"),
        span,
        "high end first",
    )
    .with_help(format!("write `{high}..{low}`"))
}

/// E208: a regex the regex engine rejects.
pub fn bad_regex(reason: &str, span: Span) -> Diagnostic {
    Diagnostic::new(
        Code::BadRegex,
        format!("invalid regex: {reason}"),
        span,
        reason.to_string(),
    )
}

/// E208: a regex flag other than `i`.
pub fn unknown_regex_flag(flag: char, span: Span) -> Diagnostic {
    Diagnostic::new(
        Code::BadRegex,
        format!("unknown regex flag `{flag}`"),
        span,
        "not a flag",
    )
    .with_help("the only flag is `i`, to ignore case")
}

/// E209: a score change with a fractional part.
pub fn fractional_effect(raw: &str, span: Span) -> Diagnostic {
    Diagnostic::new(
        Code::BadEffect,
        format!("score changes must be whole numbers, found `{raw}`"),
        span,
        "not a whole number",
    )
    .with_help("round the points to a whole number")
}

/// E209: a score change too large to add up safely.
pub fn effect_too_large(raw: &str, span: Span, limit: i64) -> Diagnostic {
    Diagnostic::new(
        Code::BadEffect,
        format!("score change `{raw}` is too large"),
        span,
        "too many points",
    )
    .with_help(format!("use at most {limit} points per rule"))
}

/// E211: `otherwise` before the last tier.
pub fn otherwise_not_last(name: &str, span: Span, last: Span) -> Diagnostic {
    Diagnostic::new(
        Code::OtherwiseNotLast,
        format!("`otherwise` tier `{name}` is not the last tier"),
        span,
        "catches every lead",
    )
    .with_label(last, "this tier comes after it")
    .with_help(format!(
        "move tier `{name}` to the end: tiers are tried top to bottom"
    ))
}

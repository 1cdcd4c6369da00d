//! Types: schema type names, which operators apply to which type, and
//! literal values converted to typed `ir::Literal`s.
//!
//! Pure functions of the facts they are given; the diagnostics they return
//! come from `errors`. A mismatch between a value and a type is returned as
//! [`Problem::Mismatch`] so the caller, who knows the field, words it.

use super::errors;
use crate::ast;
use crate::date;
use crate::diagnostic::Diagnostic;
use crate::ir;

/// The types a schema can name, as written.
const TYPE_NAMES: [(&str, ir::Type); 5] = [
    ("int", ir::Type::Int),
    ("number", ir::Type::Number),
    ("text", ir::Type::Text),
    ("bool", ir::Type::Bool),
    ("date", ir::Type::Date),
];

/// Names from other languages and what they are called here.
const TYPE_ALIASES: [(&str, &str); 14] = [
    ("string", "text"),
    ("str", "text"),
    ("varchar", "text"),
    ("integer", "int"),
    ("long", "int"),
    ("float", "number"),
    ("double", "number"),
    ("decimal", "number"),
    ("numeric", "number"),
    ("real", "number"),
    ("boolean", "bool"),
    ("datetime", "date"),
    ("timestamp", "date"),
    ("array", "list<text>"),
];

/// The type a schema declaration names.
pub fn resolve(ty: &ast::TypeName) -> Result<ir::Type, Diagnostic> {
    let name = ty.name.name.as_str();
    let scalar = TYPE_NAMES.iter().find(|(known, _)| *known == name);
    match (name, scalar, &ty.element) {
        (_, Some((_, scalar)), None) => Ok(*scalar),
        (_, Some(_), Some(_)) => Err(errors::type_takes_no_element(name, ty.span)),
        ("list", None, Some(element))
            if element.name.name == "text" && element.element.is_none() =>
        {
            Ok(ir::Type::TextList)
        }
        ("list", None, _) => Err(errors::list_of_text_only(ty.span)),
        (_, None, _) => Err(errors::unknown_type(name, ty.name.span, suggest_type(name))),
    }
}

fn suggest_type(name: &str) -> Option<&'static str> {
    let lowered = name.to_lowercase();
    TYPE_ALIASES
        .iter()
        .find(|(alias, _)| *alias == lowered)
        .map(|(_, known)| *known)
        .or_else(|| {
            let known = TYPE_NAMES
                .iter()
                .map(|(known, _)| *known)
                .chain(["list<text>"]);
            crate::suggest::did_you_mean(name, known)
        })
}

/// What an operator does, grouped by the types it applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpKind {
    /// `==`, `!=`
    Equality,
    /// `<`, `<=`, `>`, `>=`
    Ordering,
    /// `in`, `not in`
    In,
    /// `A..B`
    Range,
    /// `has`, `has any`, `has all`
    Has,
    /// `contains`, `starts_with`, `ends_with`
    Text,
    /// `matches`
    Matches,
    /// `is missing`, `is present`
    Presence,
    /// `within N days`
    Within,
}

impl OpKind {
    /// The kind of a test's operator.
    pub fn of(op: &ast::TestOp) -> OpKind {
        match op {
            ast::TestOp::Compare(ast::CompareOp::Eq | ast::CompareOp::Ne, _) => OpKind::Equality,
            ast::TestOp::Compare(_, _) => OpKind::Ordering,
            ast::TestOp::In { .. } => OpKind::In,
            ast::TestOp::Range(_, _) => OpKind::Range,
            ast::TestOp::Has(_) | ast::TestOp::HasQuantified(_, _) => OpKind::Has,
            ast::TestOp::Text(_, _) | ast::TestOp::TextAny(_, _) => OpKind::Text,
            ast::TestOp::Matches(_) | ast::TestOp::MatchesNamed(_) => OpKind::Matches,
            ast::TestOp::Missing(_) => OpKind::Presence,
            ast::TestOp::Within(_) => OpKind::Within,
        }
    }

    /// Whether the operator applies to a field of type `ty`.
    pub fn applies_to(self, ty: ir::Type) -> bool {
        use ir::Type::{Any, Bool, Date, Int, Number, Text, TextList};
        match self {
            OpKind::Equality => matches!(ty, Int | Number | Text | Bool | Date),
            OpKind::Ordering | OpKind::Range => matches!(ty, Int | Number | Date),
            OpKind::In => matches!(ty, Int | Number | Text | Any),
            OpKind::Has => ty == TextList,
            OpKind::Text | OpKind::Matches => ty == Text,
            OpKind::Presence => matches!(ty, Int | Number | Text | Bool | Date | TextList | Any),
            OpKind::Within => ty == Date,
        }
    }
}

/// The operator of a test as the user wrote it, for messages.
pub fn op_name(op: &ast::TestOp) -> &'static str {
    match op {
        ast::TestOp::Compare(compare, _) => compare.as_str(),
        ast::TestOp::In { negated: false, .. } => "in",
        ast::TestOp::In { negated: true, .. } => "not in",
        ast::TestOp::Range(_, _) => "..",
        ast::TestOp::Has(_) => "has",
        ast::TestOp::HasQuantified(ast::Quantifier::Any, _) => "has any",
        ast::TestOp::HasQuantified(ast::Quantifier::All, _) => "has all",
        ast::TestOp::Text(text, _) => text.as_str(),
        ast::TestOp::TextAny(ast::TextOp::Contains, _) => "contains any",
        ast::TestOp::TextAny(ast::TextOp::StartsWith, _) => "starts_with any",
        ast::TestOp::TextAny(ast::TextOp::EndsWith, _) => "ends_with any",
        ast::TestOp::Matches(_) | ast::TestOp::MatchesNamed(_) => "matches",
        ast::TestOp::Missing(true) => "is missing",
        ast::TestOp::Missing(false) => "is present",
        ast::TestOp::Within(_) => "within",
    }
}

/// Why a value could not become a literal.
#[derive(Debug)]
pub enum Problem {
    /// The value is of another kind than the type wants (the caller reports it).
    Mismatch,
    /// The value is malformed (E104, E105), already worded.
    Invalid(Diagnostic),
}

/// `value` as a literal of type `ty` (use `Text` for list elements).
pub fn literal(value: &ast::Value, ty: ir::Type) -> Result<ir::Literal, Problem> {
    use ir::Type::{Any, Bool, Date, Int, Number, Text, TextList};
    match (&value.kind, ty) {
        (ast::ValueKind::Number(number), Int | Number) => self::number(number)
            .map(ir::Literal::Number)
            .map_err(Problem::Invalid),
        (ast::ValueKind::Text(text), Text) => Ok(ir::Literal::Text(text.value.clone())),
        (ast::ValueKind::Bool(flag), Bool) => Ok(ir::Literal::Bool(*flag)),
        (ast::ValueKind::Date(text), Date) => self::date(text, value.span)
            .map(ir::Literal::Date)
            .map_err(Problem::Invalid),
        (
            ast::ValueKind::Number(_)
            | ast::ValueKind::Text(_)
            | ast::ValueKind::Bool(_)
            | ast::ValueKind::Date(_),
            Int | Number | Text | Bool | Date | TextList | Any,
        ) => Err(Problem::Mismatch),
    }
}

/// The type a value suggests on its own (for schema-less inference).
pub fn implied(value: &ast::Value) -> ir::Type {
    match value.kind {
        ast::ValueKind::Number(_) => ir::Type::Number,
        ast::ValueKind::Text(_) => ir::Type::Text,
        ast::ValueKind::Bool(_) => ir::Type::Bool,
        ast::ValueKind::Date(_) => ir::Type::Date,
    }
}

/// A number literal's value: `_` only between digits, finite.
pub fn number(number: &ast::Number) -> Result<f64, Diagnostic> {
    let raw = number.raw.as_str();
    let misplaced = raw.contains("__")
        || raw.ends_with('_')
        || raw.contains("_.")
        || raw.contains("._")
        || raw.starts_with("-_");
    let value = number
        .digits()
        .parse::<f64>()
        .ok()
        .filter(|value| value.is_finite());
    match value {
        Some(value) if !misplaced => Ok(value),
        Some(_) => Err(errors::misplaced_separator(raw, number.span)),
        None => Err(errors::number_out_of_range(raw, number.span)),
    }
}

/// A number that must be whole (an effect amount, a count of days).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Whole {
    /// It is whole and fits.
    Value(i64),
    /// It has a fractional part.
    Fraction,
    /// It is whole but too large.
    TooLarge,
}

/// A whole-number literal; E104 when it is malformed.
pub fn whole(number: &ast::Number) -> Result<Whole, Diagnostic> {
    self::number(number)?;
    if !number.is_integer() {
        return Ok(Whole::Fraction);
    }
    Ok(number
        .digits()
        .parse::<i64>()
        .map_or(Whole::TooLarge, Whole::Value))
}

/// A date literal's day number; E105 when it is not a real date.
pub fn date(text: &str, span: crate::source::Span) -> Result<i32, Diagnostic> {
    date::parse(text).ok_or_else(|| errors::bad_date(text, span))
}

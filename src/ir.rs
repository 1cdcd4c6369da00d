//! The checked program: names resolved, values typed, lets expanded.
//!
//! `check::check` builds it; every backend lowers from it: the optimized
//! `plan`, the reference `interp`, explanations, and later SQL. Spans point
//! at the text the user wrote (inside a let's body for expanded lets).

use crate::ast::{CompareOp, TextOp};
use crate::source::Span;

/// A field's value type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Type {
    /// Whole numbers.
    Int,
    /// Any number.
    Number,
    /// Text (compared ignoring case).
    Text,
    /// `true` / `false`.
    Bool,
    /// A calendar date (`YYYY-MM-DD`, or a timestamp's date part).
    Date,
    /// `list<text>`
    TextList,
    /// Used only with `is missing` / `is present` in a schema-less file:
    /// any non-null value counts as present.
    Any,
}

impl Type {
    /// The type as the schema language writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            Type::Int => "int",
            Type::Number => "number",
            Type::Text => "text",
            Type::Bool => "bool",
            Type::Date => "date",
            Type::TextList => "list<text>",
            Type::Any => "any",
        }
    }
}

/// Index into [`Program::fields`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FieldId(pub u32);

/// Index into [`Program::scores`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ScoreId(pub u32);

/// A lead-record field the program knows.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// Its name (dotted for nested JSON objects).
    pub name: String,
    /// Its type: declared, or inferred from use in a schema-less file.
    pub ty: Type,
    /// Its declaration, or its first use when there is no schema.
    pub span: Span,
}

/// A score dimension; every dimension starts at 0.
#[derive(Debug, Clone, PartialEq)]
pub struct Score {
    /// Its name.
    pub name: String,
    /// Its declaration.
    pub span: Span,
}

/// The whole checked program.
#[derive(Debug, Clone, PartialEq)]
pub struct Program {
    /// Whether the file declared a schema (else field types were inferred).
    pub has_schema: bool,
    /// Declared fields, then (schema-less) fields in order of first use.
    pub fields: Vec<Field>,
    /// Score dimensions in declaration order.
    pub scores: Vec<Score>,
    /// Rules in file order.
    pub rules: Vec<Rule>,
    /// Tiers in file order; the first that holds wins.
    pub tiers: Vec<Tier>,
}

impl Program {
    /// The field with this name.
    pub fn field_id(&self, name: &str) -> Option<FieldId> {
        self.fields
            .iter()
            .position(|field| field.name == name)
            .map(|index| FieldId(index as u32))
    }

    /// The field behind an id.
    pub fn field(&self, id: FieldId) -> &Field {
        &self.fields[id.0 as usize]
    }

    /// The score behind an id.
    pub fn score(&self, id: ScoreId) -> &Score {
        &self.scores[id.0 as usize]
    }
}

/// A rule: when its condition is true, its effect applies.
#[derive(Debug, Clone, PartialEq)]
pub struct Rule {
    /// Its name, or `line N` for an unnamed rule.
    pub name: String,
    /// Whether the user named it.
    pub named: bool,
    /// When it fires.
    pub condition: Cond,
    /// What it does.
    pub effect: Effect,
    /// The whole rule.
    pub span: Span,
}

/// What a rule does.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Adds `delta` (may be negative) to a score.
    Add {
        /// The dimension.
        score: ScoreId,
        /// Points added.
        delta: i64,
    },
    /// Disqualifies the lead.
    Disqualify {
        /// Why, as written.
        reason: String,
    },
}

/// A tier: the first whose condition holds is the lead's tier.
#[derive(Debug, Clone, PartialEq)]
pub struct Tier {
    /// Its name.
    pub name: String,
    /// `None` for `otherwise`; conditions test scores only.
    pub condition: Option<Cond>,
    /// The whole declaration.
    pub span: Span,
}

/// A condition with three-valued meaning (true, false, unknown).
#[derive(Debug, Clone, PartialEq)]
pub struct Cond {
    /// What kind.
    pub kind: CondKind,
    /// The text it came from.
    pub span: Span,
}

/// The kinds of condition.
#[derive(Debug, Clone, PartialEq)]
pub enum CondKind {
    /// True when every operand is; false when any is false; else unknown.
    And(Vec<Cond>),
    /// True when any operand is; false when every one is false; else unknown.
    Or(Vec<Cond>),
    /// Negation; `not unknown` is unknown.
    Not(Box<Cond>),
    /// A let, expanded; kept as a node so explanations can name it.
    Let {
        /// The let's name.
        name: String,
        /// Its condition (spans inside the let's declaration).
        body: Box<Cond>,
    },
    /// A test of one field or score.
    Pred(Pred),
}

/// What a predicate tests.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Subject {
    /// A record field (unknown when missing).
    Field(FieldId),
    /// A score (tier conditions only; never unknown).
    Score(ScoreId),
}

/// A typed constant.
#[derive(Debug, Clone, PartialEq)]
pub enum Literal {
    /// Any number (int fields hold whole numbers).
    Number(f64),
    /// Text as written (comparisons fold case).
    Text(String),
    /// A boolean.
    Bool(bool),
    /// Days since 1970-01-01.
    Date(i32),
}

/// A test of one subject.
#[derive(Debug, Clone, PartialEq)]
pub enum PredTest {
    /// `== != < <= > >=`; text compares ignoring case.
    Compare(CompareOp, Literal),
    /// `in [..]` / `not in [..]`.
    In {
        /// The set.
        values: Vec<Literal>,
        /// `not in`
        negated: bool,
    },
    /// `low <= x <= high`
    Range(Literal, Literal),
    /// `has V` / `has any [..]`: the list holds at least one of these.
    HasAny(Vec<String>),
    /// `has all [..]`: the list holds every one of these.
    HasAll(Vec<String>),
    /// `contains` / `starts_with` / `ends_with`, ignoring case.
    Text(TextOp, String),
    /// `matches /re/` (case-insensitive with the `i` flag).
    Matches {
        /// The pattern; it compiled when checked.
        pattern: String,
        /// The `i` flag.
        case_insensitive: bool,
    },
    /// `is missing` (`true`) / `is present` (`false`); never unknown.
    Missing(bool),
    /// The date lies in `[as_of - days, as_of]`.
    Within(i64),
}

/// One test: subject and operation.
#[derive(Debug, Clone, PartialEq)]
pub struct Pred {
    /// What is tested.
    pub subject: Subject,
    /// How.
    pub test: PredTest,
}

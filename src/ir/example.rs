//! The checked examples of a file: records typed for their fields and
//! expected outcomes resolved to tier, score and rule indexes.
//!
//! They sit beside the program, not in it (`check::Checked::suite`): the
//! plan and `icpc eval` never see them, and a mutated program (`icpc test
//! --mutants`) is judged by the same examples.

use super::{FieldId, ScoreId};
use crate::record::Value;
use crate::source::Span;

/// Every example of one file, in file order, and the day they are judged on.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Suite {
    /// `as_of DATE` in the file (days since 1970-01-01), if it fixes one.
    pub as_of: Option<i32>,
    /// In file order.
    pub examples: Vec<Example>,
}

/// One example: a record and what the rules must make of it.
#[derive(Debug, Clone, PartialEq)]
pub struct Example {
    /// Its name, unique in the file.
    pub name: String,
    /// The name as written (quotes included).
    pub name_span: Span,
    /// The whole declaration.
    pub span: Span,
    /// The fields written, each typed as a reader would type it; every
    /// other field is missing.
    pub givens: Vec<Given>,
    /// In source order, at least one; they never contradict each other.
    pub expectations: Vec<Expectation>,
}

/// One field of an example's record.
#[derive(Debug, Clone, PartialEq)]
pub struct Given {
    /// The field.
    pub field: FieldId,
    /// Its value, never `Value::Missing`.
    pub value: Value,
    /// `field: value` as written.
    pub span: Span,
}

/// One part of the expected outcome.
#[derive(Debug, Clone, PartialEq)]
pub struct Expectation {
    /// What must hold.
    pub kind: ExpectationKind,
    /// As written.
    pub span: Span,
}

/// What an expectation demands of the verdict.
#[derive(Debug, Clone, PartialEq)]
pub enum ExpectationKind {
    /// Not disqualified, and this tier (index into `Program::tiers`).
    Tier(u32),
    /// Not disqualified, and no tier holds.
    NoTier,
    /// Disqualified; with a reason, by a rule with exactly that reason.
    Disqualified(Option<String>),
    /// The rule (index into `Program::rules`) fires, or (`fires: false`) does not.
    Fires {
        /// The rule.
        rule: u32,
        /// Whether it must fire.
        fires: bool,
    },
    /// The score ends at this value.
    Score {
        /// The dimension.
        score: ScoreId,
        /// Its value.
        value: i64,
    },
    /// The lead is in the segment (index into `Program::segments`), or
    /// (`member: false`) is not.
    Segment {
        /// The segment.
        segment: u32,
        /// Whether the lead must be in it.
        member: bool,
    },
}

//! Score bounds and capped groups (`score fit at most 100`, `group
//! engagement at most 30: ...`), as the checker resolved them.
//!
//! What they mean (each group's total held within its bounds, then each
//! score's) is `semantics::cap`; this is only the data. Programs without
//! caps hold an empty [`Caps`], and every backend takes the plain path.

use crate::source::Span;

/// The bounds a total is held within; `None` leaves that side open.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Bounds {
    /// `at least N`
    pub at_least: Option<i64>,
    /// `at most N`
    pub at_most: Option<i64>,
}

impl Bounds {
    /// Whether neither side is bounded.
    pub fn is_open(self) -> bool {
        self.at_least.is_none() && self.at_most.is_none()
    }
}

/// Rules whose total contribution to each score is held within `bounds`.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    /// Its name, as explanations show it.
    pub name: String,
    /// The name as written.
    pub name_span: Span,
    /// The whole declaration.
    pub span: Span,
    /// Applied to the group's total of each score separately.
    pub bounds: Bounds,
    /// Its rules, as indexes into `Program::rules`, in file order.
    pub rules: Vec<u32>,
}

/// Every bound of a program.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Caps {
    /// Empty, or one per score (indexed like `Program::scores`).
    pub scores: Vec<Bounds>,
    /// The groups in file order.
    pub groups: Vec<Group>,
    /// Empty, or one per rule: the group it belongs to.
    /// INVARIANT: a rule is in at most one group (the checker's E806).
    pub group_of: Vec<Option<u32>>,
}

impl Caps {
    /// Whether nothing is bounded: scores are plain sums.
    pub fn is_empty(&self) -> bool {
        self.groups.is_empty() && self.scores.iter().all(|bounds| bounds.is_open())
    }

    /// The bounds of score `score` (open when none were declared).
    pub fn score(&self, score: usize) -> Bounds {
        self.scores.get(score).copied().unwrap_or_default()
    }

    /// The group rule `rule` belongs to, if any.
    pub fn group(&self, rule: u32) -> Option<usize> {
        (self.group_of.get(rule as usize).copied().flatten()).map(|group| group as usize)
    }
}

//! The outcome of scoring one lead, shared by every evaluator.
//!
//! The optimized `eval` and the reference `interp` both produce a
//! [`Verdict`]; property tests demand they agree. Indexes refer to the
//! `ir::Program` the plan was built from.

/// What the evaluators need besides the record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Context {
    /// The as-of date for `within N days`, as days since 1970-01-01.
    pub as_of: i32,
}

/// One lead's result.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Verdict {
    /// Score per dimension, indexed like `ir::Program::scores`.
    pub scores: Vec<i64>,
    /// Index into `ir::Program::tiers`; `None` when disqualified or no tier holds.
    pub tier: Option<u32>,
    /// Whether a `disqualify` rule fired.
    pub disqualified: bool,
    /// Indexes into `ir::Program::rules` of the rules that fired, in file order.
    pub matched: Vec<u32>,
    /// Indexes into `ir::Program::segments` of the segments the lead is
    /// in, in file order: those whose condition is true (unknown is not
    /// in); none when disqualified.
    pub segments: Vec<u32>,
}

/// A three-valued truth, SQL's logic: the outcome of a condition.
///
/// Ordered `False < Unknown < True`, so Kleene `and` is the minimum and
/// `or` the maximum; both are commutative, which lets the plan reorder
/// operands freely.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Truth {
    /// Holds not.
    False,
    /// Cannot tell (missing data).
    Unknown,
    /// Holds.
    True,
}

impl Truth {
    /// `True` or `False`.
    pub fn from_bool(value: bool) -> Truth {
        if value { Truth::True } else { Truth::False }
    }

    /// Kleene conjunction: false wins, then unknown.
    pub fn and(self, other: Truth) -> Truth {
        self.min(other)
    }

    /// Kleene disjunction: true wins, then unknown.
    pub fn or(self, other: Truth) -> Truth {
        self.max(other)
    }

    /// The word explanations and plans print.
    pub fn as_str(self) -> &'static str {
        match self {
            Truth::False => "false",
            Truth::Unknown => "unknown",
            Truth::True => "true",
        }
    }
}

impl std::ops::Not for Truth {
    type Output = Truth;

    /// `not unknown` is unknown.
    fn not(self) -> Truth {
        match self {
            Truth::False => Truth::True,
            Truth::Unknown => Truth::Unknown,
            Truth::True => Truth::False,
        }
    }
}

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
}

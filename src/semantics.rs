//! The meaning of the language, in one place: what a test gives on a
//! missing value, how a fired rule changes a verdict, how text ignores
//! case, how ordered comparisons and `within N days` decide, and how raw
//! record text becomes a number, a bool or a date.
//!
//! Every backend cites these functions instead of restating the rules: the
//! plan lowering (`plan::lower`), the fast evaluator (`eval`), the record
//! readers (`data::coerce`), and the SQL backend when it comes. The one
//! deliberate exception is the reference interpreter (`interp`), which
//! spells the same rules out again in its own plain code: it is the second
//! opinion the plan-vs-interpreter property test asks, and it would agree
//! with anything if it called these functions
//! (docs/decisions/006-semantics-and-features.md).
//!
//! ```
//! use icpc::semantics;
//! use icpc::verdict::Truth;
//!
//! // `employees > 10` on a lead without `employees` is unknown, never false,
//! // so `not (employees > 10)` does not fire either.
//! let test = icpc::ir::PredTest::Compare(icpc::ast::CompareOp::Gt, icpc::ir::Literal::Number(10.0));
//! assert_eq!(semantics::on_missing(&test), Truth::Unknown);
//! assert_eq!(semantics::on_missing(&icpc::ir::PredTest::Missing(true)), Truth::True);
//! // `industry == SaaS` matches "saas" and "SAAS".
//! assert_eq!(semantics::fold("SaaS"), "saas");
//! ```

mod coerce;
mod compare;
mod effect;
mod missing;
mod text;
pub mod value_format;

pub use coerce::{bool_text, date_text, is_whole, number_text};
pub use compare::{ordered, within};
pub use effect::{apply, gets_tier, scores};
pub use missing::{on_missing, presence};
pub use text::{equal_folded, fold, fold_into};

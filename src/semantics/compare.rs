//! Ordered comparisons and `within N days`.
//!
//! `==`, `!=`, `<`, `<=`, `>`, `>=` and ranges (`low..high`, both ends
//! included) compare a value with a literal of its own kind; when the two
//! do not order (a NaN) the test is unknown, like a missing value.
//! `within N days` holds for a date from `as_of - N` to `as_of`, both
//! included: a date after the as-of day (in the future) is not within.

use crate::ast::CompareOp;
use crate::verdict::Truth;
use std::cmp::Ordering;

/// `op` applied to the ordering of a value and a literal; `None` (values
/// that do not order) is unknown.
pub fn ordered(op: CompareOp, ordering: Option<Ordering>) -> Truth {
    ordering.map_or(Truth::Unknown, |ordering| {
        Truth::from_bool(op.holds(ordering))
    })
}

/// Whether `date` is within `days` days before `as_of` (days since
/// 1970-01-01); no overflow whatever `days` is.
pub fn within(date: i32, as_of: i32, days: i64) -> bool {
    let (date, as_of) = (i64::from(date), i64::from(as_of));
    as_of.saturating_sub(days) <= date && date <= as_of
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn within_includes_both_ends_and_not_the_future() {
        assert!(within(100, 130, 30));
        assert!(within(130, 130, 30));
        assert!(!within(99, 130, 30));
        assert!(!within(131, 130, 30));
        assert!(within(i32::MIN, 0, i64::MAX));
    }

    #[test]
    fn unordered_values_are_unknown() {
        assert_eq!(
            ordered(CompareOp::Eq, 1.0_f64.partial_cmp(&f64::NAN)),
            Truth::Unknown
        );
        assert_eq!(ordered(CompareOp::Le, Some(Ordering::Less)), Truth::True);
    }
}

//! The missing-data rule (language-core.md, "Meaning": SQL's three-valued
//! logic): a test on a missing value is unknown, except `is missing` /
//! `is present`, which ask about presence and are never unknown. A value of another kind than the
//! test expects was already made missing by the reader (with a warning),
//! and a score read by a rule condition is missing too: scores are final
//! only once every rule has run, so only tiers see them.

use crate::ir;
use crate::record::Value;
use crate::verdict::Truth;

/// The outcome of `test` on a missing value.
pub fn on_missing(test: &ir::PredTest) -> Truth {
    match test {
        ir::PredTest::Missing(missing) => Truth::from_bool(*missing),
        ir::PredTest::Compare(..)
        | ir::PredTest::In { .. }
        | ir::PredTest::Range(..)
        | ir::PredTest::HasAny(_)
        | ir::PredTest::HasAll(_)
        | ir::PredTest::Text(..)
        | ir::PredTest::Matches { .. }
        | ir::PredTest::Within(_) => Truth::Unknown,
    }
}

/// `is missing` (`missing` true) or `is present` (`missing` false) on any
/// value: true or false, never unknown.
pub fn presence(missing: bool, value: &Value) -> Truth {
    Truth::from_bool(missing == matches!(value, Value::Missing))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presence_tests_are_never_unknown() {
        assert_eq!(presence(true, &Value::Missing), Truth::True);
        assert_eq!(presence(false, &Value::Missing), Truth::False);
        assert_eq!(presence(true, &Value::Bool(false)), Truth::False);
        assert_eq!(presence(false, &Value::Bool(false)), Truth::True);
        assert_eq!(on_missing(&ir::PredTest::Missing(false)), Truth::False);
    }

    #[test]
    fn other_tests_on_missing_values_are_unknown() {
        assert_eq!(on_missing(&ir::PredTest::Within(30)), Truth::Unknown);
        let none = ir::PredTest::In {
            values: Vec::new(),
            negated: true,
        };
        assert_eq!(on_missing(&none), Truth::Unknown);
    }
}

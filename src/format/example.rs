//! The canonical line of an example:
//! `example "name": {field: value, ...} => tier A, fit 30`.

use super::condition;
use crate::ast;

/// The whole declaration on one line, entries and expectations in the
/// order written.
pub fn declaration(example: &ast::Example) -> String {
    let entries: Vec<String> = example.record.iter().map(entry).collect();
    let expectations: Vec<String> = example.expectations.iter().map(expectation).collect();
    format!(
        "example {}: {{{}}} => {}",
        condition::quoted(&example.name.value),
        entries.join(", "),
        expectations.join(", ")
    )
}

fn entry(entry: &ast::Entry) -> String {
    let value = match &entry.value {
        ast::EntryValue::Value(value) => condition::value(value),
        ast::EntryValue::List(list) => condition::list(list),
    };
    format!("{}: {value}", entry.field.name)
}

fn expectation(expectation: &ast::Expectation) -> String {
    match &expectation.kind {
        ast::ExpectationKind::Tier(tier) => format!("tier {}", tier.name),
        ast::ExpectationKind::NoTier => "no tier".to_string(),
        ast::ExpectationKind::Disqualified(None) => "disqualified".to_string(),
        ast::ExpectationKind::Disqualified(Some(reason)) => {
            format!("disqualified {}", condition::quoted(&reason.value))
        }
        ast::ExpectationKind::Fires { rule, negated } => {
            let name = if rule.quoted {
                condition::quoted(&rule.value)
            } else {
                rule.value.clone()
            };
            let not = if *negated { "not " } else { "" };
            format!("{not}fires {name}")
        }
        ast::ExpectationKind::Score { score, value } => format!("{} {}", score.name, value.raw),
        ast::ExpectationKind::Segment { segment, negated } => {
            let not = if *negated { "not in " } else { "" };
            format!("{not}segment {}", segment.name)
        }
    }
}

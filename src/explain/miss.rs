//! Nearest misses, rendered: for each scoring rule that did not fire, the
//! fewest changes that make it fire and what it would add.

use super::{Rules, json::value_json, sentence::value_text};
use crate::record::Record;
use crate::whatif::{Change, Miss};
use serde_json::{Value as Json, json};

/// In text, at most this many misses (fewest changes first); JSON has all.
const SHOWN: usize = 5;

/// `nearest misses:` and one line per rule, fewest changes first, or
/// nothing when there are none.
pub fn misses_text(rules: Rules<'_>, record: &Record, misses: &[Miss]) -> String {
    if misses.is_empty() {
        return String::new();
    }
    let mut order: Vec<&Miss> = misses.iter().collect();
    order.sort_by_key(|miss| miss.changes.len());
    let mut out = String::from("nearest misses:\n");
    for miss in order.iter().take(SHOWN) {
        let rule = &rules.program.rules[miss.rule as usize];
        let changes: Vec<String> = (miss.changes.iter())
            .map(|change| change_text(rules, record, change))
            .collect();
        out.push_str(&format!(
            "  {} ({}) would fire with {}\n",
            rule.name,
            rules.effects_text(&rule.effects),
            changes.join(", ")
        ));
    }
    if misses.len() > SHOWN {
        out.push_str(&format!(
            "  and {} more (`--format json` lists every one)\n",
            misses.len() - SHOWN
        ));
    }
    out
}

fn change_text(rules: Rules<'_>, record: &Record, change: &Change) -> String {
    format!(
        "{}: {} -> {}",
        rules.program.field(change.field).name,
        super::reach::fix_text(record, change.field),
        value_text(&change.value)
    )
}

/// `[{"rule", "effect", "changes": [{"field", "from", "value"}]}]`, in
/// file order.
pub fn misses_json(rules: Rules<'_>, record: &Record, misses: &[Miss]) -> Json {
    let misses: Vec<Json> = (misses.iter())
        .map(|miss| {
            let rule = &rules.program.rules[miss.rule as usize];
            let changes: Vec<Json> = (miss.changes.iter())
                .map(|change| {
                    json!({
                        "field": rules.program.field(change.field).name,
                        "from": value_json(record.get(change.field)),
                        "value": value_json(&change.value),
                    })
                })
                .collect();
            json!({
                "rule": rule.name,
                "effect": rules.effects_text(&rule.effects),
                "changes": changes,
            })
        })
        .collect();
    Json::Array(misses)
}

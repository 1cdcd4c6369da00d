//! Nearest misses, rendered: for each scoring rule that did not fire, the
//! fewest changes that make it fire and what it would add; a miss whose
//! points a full cap would swallow is said to add nothing, and rules whose
//! search stopped at its limit are named, not dropped.

use super::{Rules, json::value_json, sentence::value_text};
use crate::record::Record;
use crate::whatif::{Change, Miss, Misses};
use serde_json::{Value as Json, json};

/// In text, at most this many misses (fewest changes first); JSON has all.
const SHOWN: usize = 5;

/// `nearest misses:` and one line per rule, fewest changes first (those
/// that would add nothing last), then the rules whose search stopped; or
/// nothing when there are none.
pub fn misses_text(rules: Rules<'_>, record: &Record, misses: &Misses) -> String {
    if misses.found.is_empty() && misses.stopped.is_empty() {
        return String::new();
    }
    let mut order: Vec<&Miss> = misses.found.iter().collect();
    order.sort_by_key(|miss| (miss.adds_nothing, miss.changes.len()));
    let mut out = String::from("nearest misses:\n");
    for miss in order.iter().take(SHOWN) {
        let rule = &rules.program.rules[miss.rule as usize];
        let changes: Vec<String> = (miss.changes.iter())
            .map(|change| change_text(rules, record, change))
            .collect();
        out.push_str(&format!(
            "  {} ({}) would fire with {}",
            rule.name,
            rules.effects_text(&rule.effects),
            changes.join(", ")
        ));
        if miss.adds_nothing {
            out.push_str(", but would add nothing: its points go over a full cap");
        }
        if !miss.complete {
            out.push_str(" (the search stopped at its limit: another change of as many fields may be preferred)");
        }
        out.push('\n');
    }
    if misses.found.len() > SHOWN {
        out.push_str(&format!(
            "  and {} more (`--format json` lists every one)\n",
            misses.found.len() - SHOWN
        ));
    }
    for (rule, proven) in &misses.stopped {
        let rule = &rules.program.rules[*rule as usize];
        out.push_str(&format!(
            "  {} ({}): {}\n",
            rule.name,
            rules.effects_text(&rule.effects),
            super::reach::stopped_text(*proven, "fires"),
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
/// file order; `"adds_nothing": true` on a miss whose points a full cap
/// would swallow, `"complete": false` on one found by a search that
/// stopped at its limit.
pub fn misses_json(rules: Rules<'_>, record: &Record, misses: &Misses) -> Json {
    let misses: Vec<Json> = (misses.found.iter())
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
            let mut out = json!({
                "rule": rule.name,
                "effect": rules.effects_text(&rule.effects),
                "changes": changes,
            });
            if miss.adds_nothing {
                out["adds_nothing"] = json!(true);
            }
            if !miss.complete {
                out["complete"] = json!(false);
            }
            out
        })
        .collect();
    Json::Array(misses)
}

/// `[{"rule", "effect", "proven"}]`: the rules whose nearest-miss search
/// stopped at its limit with no change found, and how many changed fields
/// it ruled out.
pub fn stopped_misses_json(rules: Rules<'_>, misses: &Misses) -> Json {
    let stopped = (misses.stopped.iter()).map(|(rule, proven)| {
        let rule = &rules.program.rules[*rule as usize];
        json!({
            "rule": rule.name,
            "effect": rules.effects_text(&rule.effects),
            "proven": proven,
        })
    });
    Json::Array(stopped.collect())
}

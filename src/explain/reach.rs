//! "What would it take", rendered: the solver's answer as sentences and
//! as JSON whose changes can be applied to the record as they are.

use super::{Rules, json::value_json, sentence::value_text};
use crate::ir;
use crate::record::Record;
use crate::verdict::Verdict;
use crate::whatif::{Answer, Blocker};
use serde_json::{Value as Json, json};

/// The answer as JSON: `status` (`already`, `reachable`, `unreachable`),
/// the `changes` as `{"field", "from", "value"}`, the rules the changes
/// make fire or stop firing, and the resulting tier and scores.
pub fn reach_json(
    context: Rules<'_>,
    record: &Record,
    before: &Verdict,
    target: u32,
    answer: &Answer,
) -> Json {
    let program = context.program;
    let target_name = &program.tiers[target as usize].name;
    match answer {
        Answer::AlreadyThere { tier } => json!({
            "target_tier": target_name,
            "status": "already",
            "tier": program.tiers[*tier as usize].name,
        }),
        Answer::Reachable { changes, verdict } => {
            let changes: Vec<Json> = (changes.iter())
                .map(|change| {
                    json!({
                        "field": program.field(change.field).name,
                        "from": value_json(record.get(change.field)),
                        "value": value_json(&change.value),
                    })
                })
                .collect();
            let (fired, unfired) = rule_changes(program, before, verdict);
            json!({
                "target_tier": target_name,
                "status": "reachable",
                "changes": changes,
                "newly_fired": fired,
                "no_longer_fired": unfired,
                "result": { "tier": verdict.tier.map(|tier| &program.tiers[tier as usize].name), "scores": scores_json(program, verdict) },
            })
        }
        Answer::Unreachable(blocker) => json!({
            "target_tier": target_name,
            "status": "unreachable",
            "reason": blocker_text(blocker),
        }),
    }
}

/// The answer in sentences.
pub fn reach_text(
    context: Rules<'_>,
    record: &Record,
    before: &Verdict,
    target: u32,
    answer: &Answer,
) -> String {
    let program = context.program;
    let target_name = &program.tiers[target as usize].name;
    match answer {
        Answer::AlreadyThere { tier } => {
            format!(
                "already in tier {}, at or above tier {target_name}\n",
                program.tiers[*tier as usize].name
            )
        }
        Answer::Reachable { changes, verdict } => {
            let mut out = format!("what would it take to reach tier {target_name}:\n");
            for change in changes {
                let name = &program.field(change.field).name;
                let from = fix_text(record, change.field);
                out.push_str(&format!(
                    "  {name}: {from} -> {}\n",
                    value_text(&change.value)
                ));
            }
            let (fired, unfired) = rule_changes(program, before, verdict);
            if !fired.is_empty() {
                out.push_str(&format!(
                    "  then {} {}\n",
                    fired.join(", "),
                    verb(fired.len())
                ));
            }
            if !unfired.is_empty() {
                out.push_str(&format!(
                    "  and {} no longer {}\n",
                    unfired.join(", "),
                    verb(unfired.len())
                ));
            }
            out.push_str(&format!(
                "  reaching tier {target_name} ({})\n",
                super::sentence::scores_text(program, verdict)
            ));
            out
        }
        Answer::Unreachable(blocker) => {
            format!(
                "no change can reach tier {target_name}: {}\n",
                blocker_text(blocker)
            )
        }
    }
}

/// `fires` for one rule, `fire` for several.
fn verb(count: usize) -> &'static str {
    if count == 1 { "fires" } else { "fire" }
}

fn rule_changes(
    program: &ir::Program,
    before: &Verdict,
    after: &Verdict,
) -> (Vec<String>, Vec<String>) {
    let describe = |index: &u32| {
        let rule = &program.rules[*index as usize];
        let adds: Vec<String> = (rule.adds())
            .map(|(score, delta)| format!("{} {delta:+}", program.score(score).name))
            .collect();
        if adds.is_empty() {
            rule.name.clone()
        } else {
            format!("{} ({})", rule.name, adds.join(", "))
        }
    };
    let fired = after
        .matched
        .iter()
        .filter(|rule| !before.matched.contains(rule))
        .map(describe)
        .collect();
    let unfired = before
        .matched
        .iter()
        .filter(|rule| !after.matched.contains(rule))
        .map(describe)
        .collect();
    (fired, unfired)
}

fn scores_json(program: &ir::Program, verdict: &Verdict) -> Json {
    let scores: serde_json::Map<String, Json> = (program.scores.iter().zip(&verdict.scores))
        .map(|(score, value)| (score.name.clone(), json!(value)))
        .collect();
    Json::Object(scores)
}

fn blocker_text(blocker: &Blocker) -> String {
    match blocker {
        Blocker::ScoresOutOfReach => {
            "its condition needs scores that no combination of rules can give".to_string()
        }
        Blocker::FixedFields => "no change of the fields that may change reaches it".to_string(),
        Blocker::Stopped { proven } => format!(
            "no change of up to {proven} fields reaches it, and the search for more stopped at its limit"
        ),
        Blocker::NotWithin { max_changes } => {
            let fields = if *max_changes == 1 { "field" } else { "fields" };
            format!("no change of up to {max_changes} {fields} reaches it")
        }
    }
}

/// The value a change starts from; a value of the wrong type is named as
/// the text to fix: `fix "1,200" (not an int, counted as missing)`.
pub fn fix_text(record: &Record, field: crate::ir::FieldId) -> String {
    let shown = super::sentence::record_value_text(record, field);
    if record.warnings.iter().any(|warning| warning.field == field) {
        format!("fix {shown}")
    } else {
        shown
    }
}

//! "What would it take", rendered: the solver's answer as sentences and
//! as JSON whose changes can be applied to the record as they are.

use super::{Rules, json::value_json, sentence::value_text};
use crate::ir;
use crate::record::Record;
use crate::verdict::Verdict;
use crate::whatif::{Answer, Blocker, Target};
use serde_json::{Value as Json, json};

/// The target's name, and its member in JSON: `target_tier` or
/// `target_segment`.
fn target_name(program: &ir::Program, target: Target) -> (&str, &'static str) {
    match target {
        Target::Tier(tier) => (&program.tiers[tier as usize].name, "target_tier"),
        Target::Segment(segment) => (&program.segments[segment as usize].name, "target_segment"),
    }
}

/// The answer as JSON: `status` (`already`, `reachable`, `unreachable`),
/// the `changes` as `{"field", "from", "value"}`, the rules the changes
/// make fire or stop firing, and the resulting tier and scores;
/// `"complete": false` when the search stopped at its limit in the level
/// of the answer; `"incomplete_classes"`, the fields of `incomplete`, when
/// the answer or "unreachable" rests on classes that are not complete.
pub fn reach_json(
    context: Rules<'_>,
    record: &Record,
    before: &Verdict,
    target: Target,
    answer: &Answer,
    incomplete: &[ir::FieldId],
) -> Json {
    let program = context.program;
    let (name, key) = target_name(program, target);
    let out = match answer {
        Answer::AlreadyThere { tier } => json!({
            "status": "already",
            "tier": program.tiers[*tier as usize].name,
        }),
        Answer::AlreadyIn => json!({
            "status": "already",
            "tier": before.tier.map(|tier| &program.tiers[tier as usize].name),
        }),
        Answer::Reachable {
            changes,
            verdict,
            complete,
        } => {
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
            let mut out = json!({
                "status": "reachable",
                "changes": changes,
                "newly_fired": fired,
                "no_longer_fired": unfired,
                "result": { "tier": verdict.tier.map(|tier| &program.tiers[tier as usize].name), "scores": scores_json(program, verdict) },
            });
            if !complete {
                out["complete"] = json!(false);
            }
            out
        }
        Answer::Unreachable(blocker) => json!({
            "status": "unreachable",
            "reason": blocker_text(blocker),
        }),
    };
    // The target first, as it reads.
    let mut first = serde_json::Map::new();
    first.insert(key.to_string(), json!(name));
    if let Json::Object(members) = out {
        first.extend(members);
    }
    if rests_on_classes(answer) && !incomplete.is_empty() {
        let names: Vec<&str> = (incomplete.iter())
            .map(|field| program.field(*field).name.as_str())
            .collect();
        first.insert("incomplete_classes".to_string(), json!(names));
    }
    Json::Object(first)
}

/// Whether an answer says no fewer changes do, or none does, because the
/// search tried every class: an answer of two changes or more (one change
/// is the fewest there is), or an unreachable tier that the scores alone do
/// not rule out.
fn rests_on_classes(answer: &Answer) -> bool {
    match answer {
        Answer::Reachable { changes, .. } => changes.len() > 1,
        Answer::Unreachable(Blocker::FixedFields | Blocker::NotWithin { .. }) => true,
        Answer::AlreadyThere { .. }
        | Answer::AlreadyIn
        | Answer::Unreachable(Blocker::ScoresOutOfReach | Blocker::Stopped { .. }) => false,
    }
}

/// What an answer over the incomplete classes of `incomplete` is worth:
/// `(not a proof: only some values of title were tried)`.
fn incomplete_text(program: &ir::Program, incomplete: &[ir::FieldId], answer: &Answer) -> String {
    let names: Vec<&str> = (incomplete.iter())
        .map(|field| program.field(*field).name.as_str())
        .collect();
    let claim = match answer {
        Answer::Unreachable(_) => "not a proof",
        Answer::AlreadyThere { .. } | Answer::AlreadyIn | Answer::Reachable { .. } => {
            "fewer changes may do"
        }
    };
    format!(
        "  ({claim}: only some values of {} were tried)\n",
        names.join(", ")
    )
}

/// The answer in sentences, with a last line saying it is no proof when
/// it rests on the incomplete classes of `incomplete`.
pub fn reach_text(
    context: Rules<'_>,
    record: &Record,
    before: &Verdict,
    target: Target,
    answer: &Answer,
    incomplete: &[ir::FieldId],
) -> String {
    let mut out = answer_text(context, record, before, target, answer);
    if rests_on_classes(answer) && !incomplete.is_empty() {
        out.push_str(&incomplete_text(context.program, incomplete, answer));
    }
    out
}

fn answer_text(
    context: Rules<'_>,
    record: &Record,
    before: &Verdict,
    target: Target,
    answer: &Answer,
) -> String {
    let program = context.program;
    let (name, _) = target_name(program, target);
    let (goal, reaching) = match target {
        Target::Tier(_) => (
            format!("reach tier {name}"),
            format!("reaching tier {name}"),
        ),
        Target::Segment(_) => (
            format!("put the lead in segment {name}"),
            format!("joining segment {name}"),
        ),
    };
    match answer {
        Answer::AlreadyThere { tier } => {
            format!(
                "already in tier {}, at or above tier {name}\n",
                program.tiers[*tier as usize].name
            )
        }
        Answer::AlreadyIn => format!("already in segment {name}\n"),
        Answer::Reachable {
            changes,
            verdict,
            complete,
        } => {
            let mut out = format!("what would it take to {goal}:\n");
            for change in changes {
                let field = &program.field(change.field).name;
                let from = fix_text(record, change.field);
                out.push_str(&format!(
                    "  {field}: {from} -> {}\n",
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
            let tier = match (target, verdict.tier) {
                (Target::Segment(_), Some(tier)) => {
                    format!("tier {}, ", program.tiers[tier as usize].name)
                }
                (Target::Segment(_) | Target::Tier(_), _) => String::new(),
            };
            out.push_str(&format!(
                "  {reaching} ({tier}{})\n",
                super::sentence::scores_text(program, verdict)
            ));
            if !complete {
                out.push_str(&format!("  ({})\n", unfinished_text(changes.len())));
            }
            out
        }
        Answer::Unreachable(blocker) => {
            format!("no change can {goal}: {}\n", blocker_text(blocker))
        }
    }
}

/// What a search stopped at its limit with no answer proved, `verb` (as
/// `reaches`) saying what no change does.
pub fn stopped_text(proven: usize, verb: &str) -> String {
    match proven {
        0 => "the search stopped at its limit before it tried a change".to_string(),
        1 => {
            format!("no change of 1 field {verb} it, and the search for more stopped at its limit")
        }
        _ => format!(
            "no change of up to {proven} fields {verb} it, and the search for more stopped at its limit"
        ),
    }
}

/// What an answer found by a search that stopped at its limit is worth.
pub fn unfinished_text(changes: usize) -> String {
    let fields = if changes == 1 { "field" } else { "fields" };
    format!(
        "the search stopped at its limit before comparing every change of {changes} {fields}: none of fewer reaches it, another of {changes} may be preferred"
    )
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
        Blocker::Stopped { proven } => stopped_text(*proven, "reaches"),
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

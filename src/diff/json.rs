//! `icpc diff --format json`: one object with the versions, `changes`,
//! `notes`, `outcomes_change`, `leads` (totals, or `null` without leads),
//! `migration` (a `{"from", "to", "count", "samples"}` per non-empty cell,
//! the unchanged diagonal included; a tier name, `"disqualified"`, or
//! `null` for no tier), `score_changes` and `witnesses` (leads whose
//! outcome differs, with both outcomes).

use super::Diff;
use super::changes::{Change, Side};
use serde_json::{Value as Json, json};

/// The report for tools.
pub fn render(diff: &Diff) -> Json {
    let (leads, migration, score_changes, witnesses) = match &diff.leads {
        None => (Json::Null, Vec::new(), json!({}), Vec::new()),
        Some((migration, summary)) => {
            let cells = (migration.cells.iter())
                .map(|((from, to), cell)| {
                    let samples: Vec<Json> = (cell.samples.iter())
                        .map(|sample| json!({"id": sample.id, "line": sample.line}))
                        .collect();
                    json!({
                        "from": migration.outcomes[*from].to_json(),
                        "to": migration.outcomes[*to].to_json(),
                        "count": cell.count,
                        "samples": samples,
                    })
                })
                .collect();
            let scores: serde_json::Map<String, Json> = (migration.deltas.iter())
                .map(|(score, deltas)| {
                    let deltas: Vec<Json> = (deltas.iter())
                        .map(|(delta, count)| json!({"delta": delta, "count": count}))
                        .collect();
                    (score.clone(), Json::from(deltas))
                })
                .collect();
            let witnesses = (migration.witnesses.iter())
                .map(|witness| {
                    json!({
                        "id": witness.sample.id,
                        "line": witness.sample.line,
                        "lead": witness.lead,
                        "old": witness.old,
                        "new": witness.new,
                    })
                })
                .collect();
            let totals = json!({
                "records": summary.records,
                "scored": migration.compared,
                "rejected": summary.rejected,
                "changed": migration.changed,
                "moved": migration.moved(),
                "newly_disqualified": migration.disqualifications(true),
                "no_longer_disqualified": migration.disqualifications(false),
            });
            (totals, cells, Json::Object(scores), witnesses)
        }
    };
    let moves = diff.leads.as_ref().map(|(migration, _)| &migration.moves);
    let changes: Vec<Json> = (diff.changes.list.iter().enumerate())
        .map(|(index, change)| change_json(change, moves.and_then(|moves| moves.get(index))))
        .collect();
    json!({
        "old": {"name": diff.old.name, "ruleset": diff.old.ruleset},
        "new": {"name": diff.new.name, "ruleset": diff.new.ruleset},
        "outcomes_change": diff.outcomes_change(),
        "changes": changes,
        "notes": diff.changes.notes,
        "leads": leads,
        "migration": migration,
        "score_changes": score_changes,
        "witnesses": witnesses,
    })
}

fn change_json(change: &Change, moves: Option<&super::migration::Moves>) -> Json {
    let side = |side: &Option<Side>| match side {
        Some(side) => json!({"name": side.name, "line": side.line, "text": side.text}),
        None => Json::Null,
    };
    let mut object = json!({
        "kind": change.kind.as_str(),
        "status": change.status.as_str(),
        "name": change.name(),
        "behaviour": change.behaviour,
        "note": change.note,
        "old": side(&change.old),
        "new": side(&change.new),
    });
    if let (Some(moves), Some(map)) = (moves, object.as_object_mut()) {
        map.insert(
            "leads".to_string(),
            json!({"up": moves.up, "down": moves.down, "rescored": moves.rescored}),
        );
    }
    object
}

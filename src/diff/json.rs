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
    let search = match &diff.search {
        Some(Ok(search)) => Some(search),
        Some(Err(_)) | None => None,
    };
    let changes: Vec<Json> = (diff.changes.list.iter().enumerate())
        .map(|(index, change)| {
            let mut object = change_json(change, moves.and_then(|moves| moves.get(index)));
            if let (Some(search), Some(map)) = (search, object.as_object_mut()) {
                let (outcomes, witness) =
                    match search.per_change.get(index).and_then(Option::as_ref) {
                        _ if !search.attributable.get(index).copied().unwrap_or(false) => {
                            (Json::Null, Json::Null)
                        }
                        Some(found) => (Json::from("can change"), found_json(None, found)),
                        None if search.exhaustive => (Json::from("cannot change"), Json::Null),
                        None => (Json::from("unknown"), Json::Null),
                    };
                map.insert("outcomes".to_string(), outcomes);
                map.insert("witness".to_string(), witness);
            }
            object
        })
        .collect();
    let witnesses = match (diff.leads.is_some(), search) {
        (false, Some(search)) => search_witnesses(diff, search),
        _ => witnesses,
    };
    let search_json = match &diff.search {
        Some(Ok(search)) => {
            json!({"exhaustive": search.exhaustive, "same_behaviour": search.same_behaviour, "tried": search.tried, "space": search.space.to_string()})
        }
        Some(Err(conflict)) => json!({"error": format!("field `{}` changed type", conflict.field)}),
        None => Json::Null,
    };
    json!({
        "old": {"name": diff.old.name, "ruleset": diff.old.ruleset},
        "new": {"name": diff.new.name, "ruleset": diff.new.ruleset},
        "outcomes_change": diff.outcomes_change(),
        "changes": changes,
        "notes": diff.changes.notes,
        "search": search_json,
        "leads": leads,
        "migration": migration,
        "score_changes": score_changes,
        "witnesses": witnesses,
    })
}

fn found_json(change: Option<&str>, found: &super::witness::Found) -> Json {
    let mut object = json!({"lead": found.lead, "old": found.old, "new": found.new});
    if let (Some(change), Some(map)) = (change, object.as_object_mut()) {
        map.insert("change".to_string(), Json::from(change));
    }
    object
}

/// Without leads: each change's witness, then the first difference found
/// when no change has one of its own.
fn search_witnesses(diff: &Diff, search: &super::witness::Search) -> Vec<Json> {
    let mut found: Vec<Json> = (diff.changes.list.iter().zip(&search.per_change))
        .filter_map(|(change, found)| Some(found_json(Some(change.name()), found.as_ref()?)))
        .collect();
    if found.is_empty()
        && let Some(any) = &search.any
    {
        found.push(found_json(None, any));
    }
    found
}

fn change_json(change: &Change, moves: Option<&super::migration::Moves>) -> Json {
    let side = |side: &Option<Side>| match side {
        Some(side) => {
            json!({"name": side.name, "file": side.file, "line": side.line, "text": side.text})
        }
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

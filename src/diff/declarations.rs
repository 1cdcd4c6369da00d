//! The declarations other than rules, matched across versions by name:
//! schema fields (by type), scores, named lists (as sets of items), lets
//! (by their canonical body, so a let renamed is `Renamed`) and tiers (by
//! condition and by the order they are tried in).

use super::changes::{Change, Kind, Side, Status, Version, change};
use crate::ast;
use std::collections::HashMap;

pub(super) fn fields(old: &Version, new: &Version, list: &mut Vec<Change>) {
    let (old_p, new_p) = (old.program(), new.program());
    if !old_p.has_schema && !new_p.has_schema {
        return;
    }
    for field in &new_p.fields {
        let side = new.side(&field.name, field.span);
        match old_p.field_id(&field.name).map(|id| old_p.field(id)) {
            None => list.push(change(Kind::Field, Status::Added, None, Some(side))),
            Some(before) if before.ty != field.ty => {
                let mut changed = change(
                    Kind::Field,
                    Status::Changed,
                    Some(old.side(&before.name, before.span)),
                    Some(side),
                );
                changed.note = Some(format!("{} -> {}", before.ty.as_str(), field.ty.as_str()));
                list.push(changed);
            }
            Some(_) => {}
        }
    }
    for field in old_p
        .fields
        .iter()
        .filter(|field| new_p.field_id(&field.name).is_none())
    {
        let side = old.side(&field.name, field.span);
        list.push(change(Kind::Field, Status::Removed, Some(side), None));
    }
}

pub(super) fn scores(old: &Version, new: &Version, list: &mut Vec<Change>) {
    let names = |version: &Version| -> Vec<String> {
        version
            .program()
            .scores
            .iter()
            .map(|score| score.name.clone())
            .collect()
    };
    let (old_names, new_names) = (names(old), names(new));
    for score in &new.program().scores {
        if !old_names.contains(&score.name) {
            let side = new.side(&score.name, score.span);
            list.push(change(Kind::Score, Status::Added, None, Some(side)));
        }
    }
    for score in &old.program().scores {
        if !new_names.contains(&score.name) {
            let side = old.side(&score.name, score.span);
            list.push(change(Kind::Score, Status::Removed, Some(side), None));
        }
    }
}

/// The named lists of a file: name -> (sorted lowercase items, side).
fn named_lists(version: &Version) -> Vec<(String, Vec<String>, Side)> {
    let mut lists = Vec::new();
    for let_ in version.file.lets() {
        if let ast::LetValue::List(values) = &let_.value {
            let mut items: Vec<String> = values.items.iter().map(item_text).collect();
            items.sort_unstable();
            items.dedup();
            lists.push((
                let_.name.name.clone(),
                items,
                version.side(&let_.name.name, let_.span),
            ));
        }
    }
    lists
}

fn item_text(value: &ast::Value) -> String {
    match &value.kind {
        ast::ValueKind::Text(text) => text.value.to_lowercase(),
        ast::ValueKind::Number(number) => number.digits(),
        ast::ValueKind::Bool(flag) => flag.to_string(),
        ast::ValueKind::Date(date) => date.clone(),
    }
}

pub(super) fn lists(old: &Version, new: &Version, list: &mut Vec<Change>) {
    let (old_lists, new_lists) = (named_lists(old), named_lists(new));
    let entries = |lists: &[(String, Vec<String>, Side)]| {
        lists
            .iter()
            .map(|(name, items, side)| (name.clone(), items.join("\u{1f}"), side.clone()))
            .collect()
    };
    let mut found = pair(entries(&old_lists), entries(&new_lists), Kind::List);
    for changed in found
        .iter_mut()
        .filter(|change| change.status == Status::Changed)
    {
        let items = |lists: &[(String, Vec<String>, Side)], side: &Option<Side>| {
            let name = side.as_ref().map_or("", |side| side.name.as_str());
            lists
                .iter()
                .find(|(found, _, _)| found == name)
                .map(|(_, items, _)| items.clone())
                .unwrap_or_default()
        };
        let (before, after) = (
            items(&old_lists, &changed.old),
            items(&new_lists, &changed.new),
        );
        let added: Vec<&String> = after.iter().filter(|item| !before.contains(item)).collect();
        let removed: Vec<&String> = before.iter().filter(|item| !after.contains(item)).collect();
        let mut note = Vec::new();
        if !added.is_empty() {
            note.push(format!("+{added:?}"));
        }
        if !removed.is_empty() {
            note.push(format!("-{removed:?}"));
        }
        changed.note = Some(note.join(" "));
    }
    list.extend(found);
}

pub(super) fn lets(old: &Version, new: &Version, list: &mut Vec<Change>) {
    let entries = |version: &Version| -> Vec<(String, String, Side)> {
        let mut seen: Vec<&str> = Vec::new();
        let mut entries = Vec::new();
        for let_ in &version.program().lets {
            if seen.contains(&let_.name.as_str()) {
                continue;
            }
            seen.push(&let_.name);
            let side = version.side(&let_.name, let_.span);
            entries.push((let_.name.clone(), version.canon.cond(&let_.body), side));
        }
        entries
    };
    list.extend(pair(entries(old), entries(new), Kind::Let));
}

/// Pairs named declarations `(name, canonical text, side)`: same name and
/// text is no change, same name another text `Changed`, another name the
/// same text (one removed, one added) `Renamed`.
pub(super) fn pair(
    old: Vec<(String, String, Side)>,
    new: Vec<(String, String, Side)>,
    kind: Kind,
) -> Vec<Change> {
    let old_by_name: HashMap<&str, usize> = old
        .iter()
        .enumerate()
        .map(|(index, (name, _, _))| (name.as_str(), index))
        .collect();
    let new_names: HashMap<&str, usize> = new
        .iter()
        .enumerate()
        .map(|(index, (name, _, _))| (name.as_str(), index))
        .collect();
    let mut gone: Vec<usize> = (0..old.len())
        .filter(|index| !new_names.contains_key(old[*index].0.as_str()))
        .collect();
    let mut found = Vec::new();
    for (name, text, side) in &new {
        match old_by_name.get(name.as_str()).map(|index| &old[*index]) {
            Some((_, before, _)) if before == text => {}
            Some((_, _, before)) => found.push(change(
                kind,
                Status::Changed,
                Some(before.clone()),
                Some(side.clone()),
            )),
            None => match gone.iter().position(|index| old[*index].1 == *text) {
                Some(at) => {
                    let before = old[gone.remove(at)].2.clone();
                    found.push(change(
                        kind,
                        Status::Renamed,
                        Some(before),
                        Some(side.clone()),
                    ));
                }
                None => found.push(change(kind, Status::Added, None, Some(side.clone()))),
            },
        }
    }
    for index in gone {
        found.push(change(
            kind,
            Status::Removed,
            Some(old[index].2.clone()),
            None,
        ));
    }
    found
}

pub(super) fn tiers(old: &Version, new: &Version, list: &mut Vec<Change>) {
    let entries = |version: &Version| -> Vec<(String, String, Side)> {
        (version.program().tiers.iter())
            .map(|tier| {
                (
                    tier.name.clone(),
                    version.canon.tier(tier),
                    version.side(&tier.name, tier.span),
                )
            })
            .collect()
    };
    let (old_tiers, new_tiers) = (entries(old), entries(new));
    let mut found = pair(old_tiers.clone(), new_tiers.clone(), Kind::Tier);
    // A tier renamed changes the verdicts' `tier`: it is a behaviour change.
    for renamed in found
        .iter_mut()
        .filter(|change| change.status == Status::Renamed)
    {
        renamed.status = Status::Changed;
        renamed.behaviour = true;
    }
    let common =
        |from: &[(String, String, Side)], other: &[(String, String, Side)]| -> Vec<String> {
            from.iter()
                .map(|(name, _, _)| name.clone())
                .filter(|name| other.iter().any(|(found, _, _)| found == name))
                .collect()
        };
    let (old_order, new_order) = (
        common(&old_tiers, &new_tiers),
        common(&new_tiers, &old_tiers),
    );
    for (index, name) in new_order.iter().enumerate() {
        if old_order.get(index) == Some(name) || found.iter().any(|change| change.name() == name) {
            continue;
        }
        let side = |tiers: &[(String, String, Side)]| {
            tiers
                .iter()
                .find(|(found, _, _)| found == name)
                .map(|(_, _, side)| side.clone())
        };
        let mut moved = change(
            Kind::Tier,
            Status::Moved,
            side(&old_tiers),
            side(&new_tiers),
        );
        moved.note = Some(format!("now tried {} of {}", index + 1, new_order.len()));
        found.push(moved);
    }
    list.extend(found);
}

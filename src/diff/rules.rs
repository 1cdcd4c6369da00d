//! Rules matched across versions: named rules by name (or, renamed, by
//! behaviour), unnamed rules by identity, then by behaviour, then in order
//! among those with the same effect (an edited condition).

use super::changes::{Change, Kind, Side, Status, Version, change};
use crate::ir;

struct Entry {
    index: u32,
    named: bool,
    identity: String,
    behaviour: String,
    key: String,
    effect: String,
    side: Side,
}

fn entries(version: &Version) -> Vec<Entry> {
    let program = version.program();
    (program.rules.iter().enumerate())
        .map(|(index, rule)| Entry {
            index: index as u32,
            named: rule.named,
            identity: rule.identity(program),
            behaviour: version.canon.rule(rule),
            key: ir::key::rule(program, rule),
            effect: version.canon.effects(&rule.effects),
            side: version.side(&rule.name, rule.span),
        })
        .collect()
}

/// Appends the rule changes from `old` to `new`: by identity first (a
/// named rule's name, an unnamed rule's key hash), then by behaviour (a
/// rename or a rewrite), then unnamed rules by effect (an edited
/// condition); the rest are added or removed.
pub(super) fn rules(old: &Version, new: &Version, list: &mut Vec<Change>) {
    let (old_rules, new_rules) = (entries(old), entries(new));
    let mut taken = vec![false; old_rules.len()];
    let free = |taken: &mut [bool], wanted: &dyn Fn(&Entry) -> bool| {
        let index =
            (0..old_rules.len()).find(|&index| !taken[index] && wanted(&old_rules[index]))?;
        taken[index] = true;
        Some(&old_rules[index])
    };
    let mut unmatched = Vec::new();
    for rule in &new_rules {
        let same_identity =
            |found: &Entry| found.named == rule.named && found.identity == rule.identity;
        match free(&mut taken, &same_identity) {
            Some(before) => list.extend(compare(before, rule)),
            None => unmatched.push(rule),
        }
    }
    let mut added = Vec::new();
    for rule in unmatched {
        match free(&mut taken, &|found: &Entry| {
            found.behaviour == rule.behaviour
        }) {
            Some(before) => {
                let renamed = rule.named || before.named;
                let status = if renamed {
                    Status::Renamed
                } else {
                    Status::Rewritten
                };
                list.push(pair(status, Some(before), Some(rule)));
            }
            None => added.push(rule),
        }
    }
    for rule in added {
        let edited = |found: &Entry| !rule.named && !found.named && found.effect == rule.effect;
        match free(&mut taken, &edited) {
            Some(before) => list.extend(compare(before, rule)),
            None => list.push(pair(Status::Added, None, Some(rule))),
        }
    }
    for (before, _) in old_rules.iter().zip(&taken).filter(|(_, taken)| !**taken) {
        list.push(pair(Status::Removed, Some(before), None));
    }
}

/// A rule change between the rules given.
fn pair(status: Status, old: Option<&Entry>, new: Option<&Entry>) -> Change {
    let side = |entry: Option<&Entry>| entry.map(|entry| entry.side.clone());
    let mut found = change(Kind::Rule, status, side(old), side(new));
    found.indexes = (old.map(|entry| entry.index), new.map(|entry| entry.index));
    found
}

/// A matched pair: no change, rewritten, or changed.
fn compare(old: &Entry, new: &Entry) -> Option<Change> {
    let status = if old.behaviour != new.behaviour {
        Status::Changed
    } else if old.key != new.key {
        Status::Rewritten
    } else {
        return None;
    };
    let mut found = pair(status, Some(old), Some(new));
    if status == Status::Changed && old.side.text == new.side.text {
        found.note =
            Some("written the same; a let, list or field type it uses changed".to_string());
    }
    Some(found)
}

//! Rules matched across versions: named rules by name (or, renamed, by
//! behaviour), unnamed rules by identity, then by behaviour, then in order
//! among those with the same effect (an edited condition).

use super::changes::{Change, Kind, Side, Status, Version, change};
use crate::ir;

struct Entry {
    index: u32,
    named: bool,
    name: String,
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
            name: rule.name.clone(),
            identity: rule.identity(program),
            behaviour: version.canon.rule(rule),
            key: ir::key::rule(program, rule),
            effect: version.canon.effect(&rule.effect),
            side: version.side(&rule.name, rule.span),
        })
        .collect()
}

/// Appends the rule changes from `old` to `new`.
pub(super) fn rules(old: &Version, new: &Version, list: &mut Vec<Change>) {
    let (old_rules, new_rules) = (entries(old), entries(new));
    let mut taken = vec![false; old_rules.len()];
    let mut unmatched = Vec::new();
    for rule in &new_rules {
        let by_identity = (0..old_rules.len()).find(|&index| {
            !taken[index]
                && old_rules[index].named == rule.named
                && old_rules[index].identity == rule.identity
        });
        match by_identity {
            Some(index) => {
                taken[index] = true;
                list.extend(compare(&old_rules[index], rule));
            }
            None => unmatched.push(rule),
        }
    }
    let mut added = Vec::new();
    for rule in unmatched {
        let same = (0..old_rules.len()).find(|&index| {
            !taken[index]
                && !new_rules.iter().any(|found| {
                    found.named && found.name == old_rules[index].name && old_rules[index].named
                })
                && old_rules[index].behaviour == rule.behaviour
        });
        match same {
            Some(index) => {
                taken[index] = true;
                let status = if rule.named || old_rules[index].named {
                    Status::Renamed
                } else {
                    Status::Rewritten
                };
                list.push(with_rules(
                    change(
                        Kind::Rule,
                        status,
                        Some(old_rules[index].side.clone()),
                        Some(rule.side.clone()),
                    ),
                    &old_rules[index],
                    rule,
                ));
            }
            None => added.push(rule),
        }
    }
    for rule in added {
        let edited = (!rule.named)
            .then(|| {
                (0..old_rules.len()).find(|&index| {
                    !taken[index]
                        && !old_rules[index].named
                        && old_rules[index].effect == rule.effect
                })
            })
            .flatten();
        match edited {
            Some(index) => {
                taken[index] = true;
                list.extend(compare(&old_rules[index], rule));
            }
            None => list.push(with_rules(
                change(Kind::Rule, Status::Added, None, Some(rule.side.clone())),
                &NONE,
                rule,
            )),
        }
    }
    for (index, old_rule) in old_rules
        .iter()
        .enumerate()
        .filter(|(index, _)| !taken[*index])
    {
        let removed = change(
            Kind::Rule,
            Status::Removed,
            Some(old_rule.side.clone()),
            None,
        );
        list.push(Change {
            rules: (Some(index as u32), None),
            ..removed
        });
    }
}

const NONE: Entry = Entry {
    index: u32::MAX,
    named: false,
    name: String::new(),
    identity: String::new(),
    behaviour: String::new(),
    key: String::new(),
    effect: String::new(),
    side: Side {
        name: String::new(),
        line: 0,
        text: String::new(),
    },
};

fn with_rules(mut change: Change, old: &Entry, new: &Entry) -> Change {
    let index = |entry: &Entry| (entry.index != u32::MAX).then_some(entry.index);
    change.rules = (index(old), index(new));
    change
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
    let mut found = with_rules(
        change(
            Kind::Rule,
            status,
            Some(old.side.clone()),
            Some(new.side.clone()),
        ),
        old,
        new,
    );
    if status == Status::Changed && old.side.text == new.side.text {
        found.note =
            Some("written the same; a let, list or field type it uses changed".to_string());
    }
    Some(found)
}

//! Lists: what `has`, `has any` and `has all` can see of a list is which
//! of the items they name it holds. Items named by exactly the same tests
//! are interchangeable but for `has all`, so each such group has three
//! states (none of its items, some, all), and the candidates are every
//! combination of group states, several items added at once; other
//! items a list holds change no outcome.

use crate::ir::PredTest;
use crate::record::Value;
use crate::semantics;
use rustc_hash::FxHashMap;

/// Beyond this many combinations of group states, only single groups
/// (some, all) and every group together are tried.
const MAX_COMBINATIONS: usize = 4096;

/// The folded, sorted items the tests name, and one candidate list per
/// combination of group states.
pub fn candidates(tests: &[&PredTest]) -> (Vec<String>, Vec<Value>) {
    let mut groups: Vec<Vec<String>> = Vec::new();
    let mut group_of: FxHashMap<Vec<usize>, usize> = FxHashMap::default();
    for (item, naming) in naming_tests(tests) {
        let next = groups.len();
        let group = *group_of.entry(naming).or_insert(next);
        if group == next {
            groups.push(Vec::new());
        }
        groups[group].push(item);
    }
    let mut named: Vec<String> = (groups.iter().flatten())
        .map(|item| semantics::fold(item).into_owned())
        .collect();
    named.sort();
    let states: Vec<Vec<&[String]>> = groups.iter().map(|group| group_states(group)).collect();
    let count = states.iter().try_fold(1usize, |count, states| {
        count
            .checked_mul(states.len())
            .filter(|count| *count <= MAX_COMBINATIONS)
    });
    let lists = match count {
        Some(_) => combinations(&states),
        None => few(&groups),
    };
    (named, lists.into_iter().map(Value::List).collect())
}

/// Each named item (as first written, in first-seen order, one per folded
/// form) with the indexes of the tests that name it.
fn naming_tests(tests: &[&PredTest]) -> Vec<(String, Vec<usize>)> {
    let mut items: Vec<(String, Vec<usize>)> = Vec::new();
    let mut index: FxHashMap<String, usize> = FxHashMap::default();
    for (test_index, test) in tests.iter().enumerate() {
        let (PredTest::HasAny(names) | PredTest::HasAll(names)) = test else {
            continue;
        };
        for name in names {
            let folded = semantics::fold(name).into_owned();
            let next = items.len();
            let at = *index.entry(folded).or_insert(next);
            if at == next {
                items.push((name.clone(), Vec::new()));
            }
            if items[at].1.last() != Some(&test_index) {
                items[at].1.push(test_index);
            }
        }
    }
    items
}

/// None of the group's items, the first only, all of them.
fn group_states(group: &[String]) -> Vec<&[String]> {
    let mut states = vec![&group[..0], &group[..1]];
    if group.len() > 1 {
        states.push(group);
    }
    states
}

fn combinations(states: &[Vec<&[String]>]) -> Vec<Vec<String>> {
    let mut lists = vec![Vec::new()];
    for group in states {
        lists = lists
            .iter()
            .flat_map(|list| {
                group.iter().map(move |state| {
                    let mut list: Vec<String> = list.clone();
                    list.extend(state.iter().cloned());
                    list
                })
            })
            .collect();
    }
    lists
}

fn few(groups: &[Vec<String>]) -> Vec<Vec<String>> {
    let mut lists = vec![Vec::new()];
    for group in groups {
        lists.push(group[..1].to_vec());
        lists.push(group.clone());
    }
    lists.push(groups.iter().flatten().cloned().collect());
    lists
}

/// `current` with its named items replaced by `target`'s: the edit that
/// moves a list into `target`'s class and keeps the rest of it.
pub fn edit(current: &[String], named: &[String], target: &Value) -> Value {
    let Value::List(wanted) = target else {
        return target.clone();
    };
    let mut list: Vec<String> = (current.iter())
        .filter(|item| {
            named
                .binary_search(&semantics::fold(item).into_owned())
                .is_err()
        })
        .cloned()
        .collect();
    list.extend(wanted.iter().cloned());
    Value::List(list)
}

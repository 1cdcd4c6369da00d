//! Pass `regex_set`: when two or more `matches` tests read the same field,
//! they join one regex set, which finds every pattern that matches in one
//! scan of the text; each test then reads its own answer.
//!
//! Only the `set` tag of the tests changes; `compile` builds the sets, and
//! falls back to single regexes if a set does not build.

use super::rewrite::rewrite;
use super::{Arena, Node, Test};
use crate::ir;

/// Tags `matches` tests that share a subject with a set index, in order of
/// first appearance.
pub(super) fn run(arena: Arena) -> Arena {
    let subjects = grouped_subjects(&arena);
    rewrite(arena, |builder, node| {
        let node = match node {
            Node::Test(
                subject,
                Test::Matches {
                    pattern,
                    case_insensitive,
                    ..
                },
            ) => {
                let set = subjects.iter().position(|grouped| *grouped == subject);
                let test = Test::Matches {
                    pattern,
                    case_insensitive,
                    set: set.map(|set| set as u32),
                };
                Node::Test(subject, test)
            }
            Node::Const(_) | Node::Test(..) | Node::And(_) | Node::Or(_) | Node::Not(_) => node,
        };
        builder.add(node)
    })
}

/// Subjects with at least two `matches` tests, in order of first appearance.
fn grouped_subjects(arena: &Arena) -> Vec<ir::Subject> {
    let mut counts: Vec<(ir::Subject, usize)> = Vec::new();
    for node in &arena.nodes {
        if let Node::Test(subject, Test::Matches { .. }) = node {
            match counts.iter_mut().find(|(seen, _)| seen == subject) {
                Some((_, count)) => *count += 1,
                None => counts.push((*subject, 1)),
            }
        }
    }
    counts
        .into_iter()
        .filter(|(_, count)| *count >= 2)
        .map(|(subject, _)| subject)
        .collect()
}

//! Pass `share`: hash-consing. Equal nodes (same test of the same subject,
//! or the same operator over the same operands) become one node, so a
//! predicate used by many rules, lets or tiers is evaluated once per record.
//! From here on every pass builds with interning on.

use super::Arena;
use super::rewrite::rewrite;

/// Interns every node bottom-up.
pub(super) fn run(arena: Arena) -> Arena {
    let arena = Arena {
        shared: true,
        ..arena
    };
    rewrite(arena, |builder, node| builder.add(node))
}

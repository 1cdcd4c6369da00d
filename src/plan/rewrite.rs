//! The machinery every pass shares: an interning node builder and a
//! bottom-up rebuild of the reachable part of an arena.
//!
//! A pass hands [`rewrite`] a function from a node (children already
//! rebuilt) to its replacement. INVARIANT the passes keep: a replacement
//! has the same outcome as the node on every record; that is what lets the
//! trace read clause outcomes from the rebuilt arena.

use super::{Arena, Node, NodeId};
use rustc_hash::FxHashMap;

/// Builds a new node list; with interning on, equal nodes get one id.
#[derive(Debug, Default)]
pub(super) struct Builder {
    nodes: Vec<Node>,
    interned: Option<FxHashMap<Node, NodeId>>,
}

impl Builder {
    /// An empty builder; `shared` turns interning on.
    pub(super) fn new(shared: bool) -> Builder {
        Builder {
            nodes: Vec::new(),
            interned: shared.then(FxHashMap::default),
        }
    }

    /// Adds a node whose children are already in this builder.
    pub(super) fn add(&mut self, node: Node) -> NodeId {
        let id = NodeId(self.nodes.len() as u32);
        match &mut self.interned {
            Some(interned) => *interned.entry(node.clone()).or_insert_with(|| {
                self.nodes.push(node);
                id
            }),
            None => {
                self.nodes.push(node);
                id
            }
        }
    }

    /// A node added before.
    pub(super) fn node(&self, id: NodeId) -> &Node {
        &self.nodes[id.0 as usize]
    }

    /// The nodes built, children before parents.
    pub(super) fn into_nodes(self) -> Vec<Node> {
        self.nodes
    }
}

/// Rebuilds every node reachable from a root, bottom-up, through `replace`,
/// and points the roots at the replacements. Unreachable nodes are dropped.
pub(super) fn rewrite(
    arena: Arena,
    mut replace: impl FnMut(&mut Builder, Node) -> NodeId,
) -> Arena {
    let reachable = reachable(&arena);
    let mut builder = Builder::new(arena.shared);
    let mut new_ids = vec![NodeId(0); arena.nodes.len()];
    for (index, node) in arena.nodes.into_iter().enumerate() {
        if reachable[index] {
            // INVARIANT: children precede parents, so their new ids are set.
            let node = node.map_children(|child| new_ids[child.0 as usize]);
            new_ids[index] = replace(&mut builder, node);
        }
    }
    let map = |id: NodeId| new_ids[id.0 as usize];
    Arena {
        nodes: builder.into_nodes(),
        rules: arena.rules.into_iter().map(map).collect(),
        tiers: arena.tiers.into_iter().map(|tier| tier.map(map)).collect(),
        segments: arena.segments.into_iter().map(map).collect(),
        preds: arena.preds.into_iter().map(map).collect(),
        shared: arena.shared,
    }
}

/// Which nodes a root reaches.
fn reachable(arena: &Arena) -> Vec<bool> {
    let mut reachable = vec![false; arena.nodes.len()];
    for root in arena.roots() {
        reachable[root.0 as usize] = true;
    }
    // Parents come after children: one backward sweep marks every descendant.
    for index in (0..arena.nodes.len()).rev() {
        if reachable[index] {
            for child in arena.nodes[index].children() {
                reachable[child.0 as usize] = true;
            }
        }
    }
    reachable
}

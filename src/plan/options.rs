//! Which optimization passes run, and in what order.
//!
//! [`PASSES`] is the pipeline of the optimizer; [`Options`] switches passes
//! off by name (`icpc plan --no-pass order`), so a reviewer or a bug hunt
//! can see what each one does. Every pass keeps every verdict unchanged.

use super::{Arena, flatten, fold, order, regex_set, share};

/// An optimization pass.
#[derive(Debug, Clone, Copy)]
pub struct Pass {
    /// Its name, as `--no-pass NAME` spells it.
    pub name: &'static str,
    /// What it does, in a few words.
    pub summary: &'static str,
    pub(super) run: fn(Arena) -> Arena,
}

/// The passes, in the order they run.
pub const PASSES: [Pass; 5] = [
    Pass {
        name: "share",
        summary: "one node for equal predicates and subconditions",
        run: share::run,
    },
    Pass {
        name: "flatten",
        summary: "nested and/or into one n-ary and/or",
        run: flatten::run,
    },
    Pass {
        name: "fold",
        summary: "constants, double negation, duplicate and single operands",
        run: fold::run,
    },
    Pass {
        name: "order",
        summary: "cheap and decisive operands first",
        run: order::run,
    },
    Pass {
        name: "regex_set",
        summary: "one regex set for the patterns tested on one field",
        run: regex_set::run,
    },
];

/// Which passes run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    pub(super) enabled: [bool; PASSES.len()],
}

impl Default for Options {
    /// Every pass.
    fn default() -> Options {
        Options {
            enabled: [true; PASSES.len()],
        }
    }
}

impl Options {
    /// No pass: the plan is the program lowered as it is.
    pub fn none() -> Options {
        Options {
            enabled: [false; PASSES.len()],
        }
    }

    /// Switches a pass on or off by name; `false` if no pass has that name.
    pub fn set(&mut self, name: &str, enabled: bool) -> bool {
        match PASSES.iter().position(|pass| pass.name == name) {
            Some(index) => {
                self.enabled[index] = enabled;
                true
            }
            None => false,
        }
    }

    /// Whether the pass with this name runs.
    pub fn enabled(&self, name: &str) -> bool {
        PASSES
            .iter()
            .zip(self.enabled)
            .any(|(pass, enabled)| enabled && pass.name == name)
    }
}

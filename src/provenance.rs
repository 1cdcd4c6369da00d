//! Where a verdict came from: the rule set's fingerprint and, when the
//! rule file came from git, the commit it was read at. `icpc eval` writes
//! it into every verdict, so a score can be traced to the exact rules and
//! re-produced with `icpc eval REV:PATH`.
//!
//! The library finds no commits (it does no IO); the front end says which
//! commit it read the file at.

use crate::output::json_string;

/// A verdict's origin.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Provenance {
    /// [`crate::ir::fingerprint::fingerprint`] of the program.
    pub ruleset: String,
    /// The commit id the rule file was read at, if it came from git.
    pub commit: Option<String>,
    /// Whether the file had uncommitted changes against `commit`.
    pub dirty: bool,
}

impl Provenance {
    /// The JSON members added to each verdict object, each after a comma:
    /// `,"ruleset":"…"` and, from git, `,"rules_commit":"…","rules_dirty":false`.
    pub fn json_members(&self) -> Vec<u8> {
        let mut out = b",\"ruleset\":".to_vec();
        json_string(&mut out, &self.ruleset);
        if let Some(commit) = &self.commit {
            out.extend_from_slice(b",\"rules_commit\":");
            json_string(&mut out, commit);
            out.extend_from_slice(if self.dirty {
                b",\"rules_dirty\":true"
            } else {
                b",\"rules_dirty\":false"
            });
        }
        out
    }
}

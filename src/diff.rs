//! `icpc diff OLD NEW`: what changed between two versions of a rule file,
//! and what it does to leads.
//!
//! [`changes::changes`] compares the two checked programs declaration by
//! declaration; with leads, [`leads::run`] scores every lead with both
//! versions in one pass and tallies a [`migration::Migration`]. [`Diff`]
//! holds both and renders them for a terminal, a pull-request comment
//! (markdown) or tools (JSON). Nothing here reads files or runs git: the
//! CLI hands over the two rule sets and the leads' bytes.

pub mod changes;
pub mod json;
pub mod leads;
pub mod markdown;
pub mod migration;
mod rules;
pub mod text;
pub mod union;

use crate::ruleset::RuleSet;
use crate::summary::Summary;

/// One version in a report: its name (`main:rules.icp`) and fingerprint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Named {
    /// As the user named it.
    pub name: String,
    /// `ir::fingerprint` of its program.
    pub ruleset: String,
}

/// Everything `icpc diff` reports.
#[derive(Debug, Clone)]
pub struct Diff {
    /// The old version.
    pub old: Named,
    /// The new version.
    pub new: Named,
    /// What changed in the rules.
    pub changes: changes::Changes,
    /// With `--leads`: the tally and the run's totals.
    pub leads: Option<(migration::Migration, Summary)>,
}

impl Diff {
    /// The changes between two rule sets, without leads.
    pub fn new(old: &RuleSet, new: &RuleSet) -> Diff {
        let named = |rules: &RuleSet| Named {
            name: rules.source().name.clone(),
            ruleset: rules.fingerprint(),
        };
        Diff {
            old: named(old),
            new: named(new),
            changes: changes::changes(old, new),
            leads: None,
        }
    }

    /// Whether any lead's outcome changes: on the leads when there are
    /// some, else whether any change does something else.
    pub fn outcomes_change(&self) -> bool {
        match &self.leads {
            Some((migration, _)) => migration.changed > 0,
            None => self.changes.behaviour(),
        }
    }
}

/// `1 rule`, `2 rules`.
pub(crate) fn count(count: u64, noun: &str) -> String {
    if count == 1 {
        format!("1 {noun}")
    } else {
        format!("{count} {noun}s")
    }
}

/// Terraform-plan style: `2 to add, 1 to change, 0 to remove`.
pub(crate) fn plan_line(changes: &changes::Changes) -> String {
    use changes::Status;
    let with = |statuses: &[Status]| {
        (changes.list.iter())
            .filter(|change| change.behaviour && statuses.contains(&change.status))
            .count()
    };
    let same = changes
        .list
        .iter()
        .filter(|change| !change.behaviour)
        .count();
    let mut line = format!(
        "{} to add, {} to change, {} to remove",
        with(&[Status::Added]),
        with(&[Status::Changed, Status::Moved]),
        with(&[Status::Removed])
    );
    if same > 0 {
        line.push_str(&format!(", {same} rewritten or renamed without effect"));
    }
    line
}

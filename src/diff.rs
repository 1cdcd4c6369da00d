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
mod compare;
mod declarations;
pub mod json;
pub mod leads;
pub mod markdown;
pub mod migration;
mod rules;
pub mod text;
pub mod union;
pub mod witness;

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
    /// The search for witness leads without data; `Err` when a field
    /// both versions test changed type.
    pub search: Option<Result<witness::Search, union::TypeConflict>>,
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
            search: None,
        }
    }

    /// Adds the search for witness leads (as of `context`'s day).
    pub fn search(&mut self, old: &RuleSet, new: &RuleSet, context: &crate::verdict::Context) {
        self.search = Some(witness::search(old, new, &self.changes, context));
    }

    /// Whether any lead's outcome changes: on the leads when there are
    /// some, else whether any change does something else.
    pub fn outcomes_change(&self) -> bool {
        match (&self.leads, &self.search) {
            (Some((migration, _)), _) => migration.changed > 0,
            (None, Some(Ok(search))) if search.any.is_some() => true,
            (None, Some(Ok(search))) if search.exhaustive || search.same_behaviour => false,
            (None, _) => self.changes.behaviour(),
        }
    }
}

/// What the search says of change `index`, in words: the witness, or that
/// no lead changes by it, or how far the search went; `None` when the
/// change is not one a lead can tell (lets, lists and fields act through
/// rules and tiers; rewrites change nothing).
pub(crate) fn witness_line(diff: &Diff, index: usize) -> Option<String> {
    let Some(Ok(search)) = &diff.search else {
        return None;
    };
    if !search.attributable.get(index).copied().unwrap_or(false) {
        return None;
    }
    Some(
        match search.per_change.get(index).and_then(Option::as_ref) {
            Some(found) => format!(
                "e.g. {}: {} -> {}",
                witness::lead_text(&found.lead),
                witness::describe(&found.old),
                witness::describe(&found.new)
            ),
            None if search.exhaustive => format!(
                "no lead's outcome changes by it (all {} combinations of value classes tried)",
                search.space
            ),
            None => format!(
                "no witness found ({} leads tried of {} combinations of value classes)",
                search.tried, search.space
            ),
        },
    )
}

/// The search's conclusion for the whole diff, in words.
pub(crate) fn search_line(diff: &Diff) -> Option<String> {
    match diff.search.as_ref()? {
        Err(conflict) => Some(format!(
            "no witness search: field `{}` is {} in the old version and {} in the new one",
            conflict.field,
            conflict.old.as_str(),
            conflict.new.as_str()
        )),
        Ok(search) => Some(match &search.any {
            Some(found) => format!(
                "outcomes change, e.g. {}: {} -> {}",
                witness::lead_text(&found.lead),
                witness::describe(&found.old),
                witness::describe(&found.new)
            ),
            None if search.same_behaviour => {
                "no lead's outcome can change: every rule, tier and score does the same in both versions"
                    .to_string()
            }
            None if search.exhaustive => format!(
                "no lead's outcome can change: every combination of value classes ({}) scored by both versions",
                search.space
            ),
            None => format!(
                "no lead with another outcome found in {} of {} combinations of value classes",
                search.tried, search.space
            ),
        }),
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

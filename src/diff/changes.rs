//! What changed between two versions of a rule file, declaration by
//! declaration: fields, scores, lists, lets, rules and tiers added,
//! removed, changed, renamed, moved or only rewritten.
//!
//! Declarations are matched by name; unnamed rules by their identity
//! (`ir::Rule::identity`, the hash of their canonical key), then by
//! behaviour, then in order among those with the same effect. Whether a
//! declaration changed is decided on behaviour-level canonical texts
//! (`ir::canon`): a rule whose text differs but whose canonical text is
//! the same (a let renamed, a condition folded into a let, operands or
//! list items reordered) is `Rewritten`, and says it cannot change an
//! outcome. Layout, comments and the order of declarations are noted for
//! the whole file ([`Changes::notes`]).

use crate::ast;
use crate::ir::{self, canon::Canon};
use crate::ruleset::RuleSet;
use std::collections::HashMap;

/// What kind of declaration changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A schema field.
    Field,
    /// A score dimension.
    Score,
    /// `let NAME = [..]`
    List,
    /// `let NAME = CONDITION`
    Let,
    /// A rule.
    Rule,
    /// A tier.
    Tier,
}

impl Kind {
    /// The word reports use.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Field => "field",
            Kind::Score => "score",
            Kind::List => "list",
            Kind::Let => "let",
            Kind::Rule => "rule",
            Kind::Tier => "tier",
        }
    }
}

/// How it changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Only in the new version.
    Added,
    /// Only in the old version.
    Removed,
    /// In both, doing something else.
    Changed,
    /// The same declaration under another name.
    Renamed,
    /// A tier tried at another place.
    Moved,
    /// Written differently, doing the same.
    Rewritten,
}

impl Status {
    /// The word reports use.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Added => "added",
            Status::Removed => "removed",
            Status::Changed => "changed",
            Status::Renamed => "renamed",
            Status::Moved => "moved",
            Status::Rewritten => "rewritten",
        }
    }
}

/// A declaration in one version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Side {
    /// Its name (`line N` for an unnamed rule).
    pub name: String,
    /// 1-based line.
    pub line: usize,
    /// Its source text, on one line.
    pub text: String,
}

/// One declaration's change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// What was changed.
    pub kind: Kind,
    /// How.
    pub status: Status,
    /// Before (none when added).
    pub old: Option<Side>,
    /// After (none when removed).
    pub new: Option<Side>,
    /// More words: `int -> number`, `+[Pipedrive] -[Zoho]`, ...
    pub note: Option<String>,
    /// Whether the declaration now does something else (false for
    /// renames of lets and lists, rewrites, and rules renamed).
    pub behaviour: bool,
    /// The rule's index in the old / new program (rules only).
    pub rules: (Option<u32>, Option<u32>),
}

impl Change {
    /// The name, new if there is one.
    pub fn name(&self) -> &str {
        (self.new.as_ref().or(self.old.as_ref())).map_or("", |side| side.name.as_str())
    }
}

/// Every change, in the order of the new file (removals where they were).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Changes {
    /// Declaration changes.
    pub list: Vec<Change>,
    /// Changes to the file as a whole: layout, comments, order.
    pub notes: Vec<String>,
}

impl Changes {
    /// Whether any change can change what a verdict says. Rules, tiers
    /// and scores decide it: a let, list or field type acts only through
    /// the rules and tiers that use it, which are changed themselves.
    pub fn behaviour(&self) -> bool {
        (self.list.iter()).any(|change| {
            change.behaviour && matches!(change.kind, Kind::Rule | Kind::Tier | Kind::Score)
        })
    }
}

/// The changes from `old` to `new`.
pub fn changes(old: &RuleSet, new: &RuleSet) -> Changes {
    let (old_v, new_v) = (Version::new(old), Version::new(new));
    let mut list = Vec::new();
    fields(&old_v, &new_v, &mut list);
    scores(&old_v, &new_v, &mut list);
    lists(&old_v, &new_v, &mut list);
    lets(&old_v, &new_v, &mut list);
    super::rules::rules(&old_v, &new_v, &mut list);
    tiers(&old_v, &new_v, &mut list);
    let notes = notes(&old_v, &new_v, &list);
    Changes { list, notes }
}

/// One version: the rule set, its AST (for lists) and canonical texts.
pub(super) struct Version<'r> {
    pub rules: &'r RuleSet,
    pub file: ast::File,
    pub canon: Canon<'r>,
}

impl<'r> Version<'r> {
    fn new(rules: &'r RuleSet) -> Version<'r> {
        Version {
            rules,
            file: crate::syntax::parse(rules.source()).file,
            canon: Canon::new(rules.program()),
        }
    }

    pub fn program(&self) -> &'r ir::Program {
        self.rules.program()
    }

    /// A declaration's side: its name, line and one-line text.
    pub fn side(&self, name: &str, span: crate::source::Span) -> Side {
        let source = self.rules.source();
        Side {
            name: name.to_string(),
            line: source.position(span.start).line,
            text: source
                .slice(span)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" "),
        }
    }
}

pub(super) fn change(kind: Kind, status: Status, old: Option<Side>, new: Option<Side>) -> Change {
    Change {
        kind,
        status,
        behaviour: !matches!(status, Status::Renamed | Status::Rewritten),
        old,
        new,
        note: None,
        rules: (None, None),
    }
}

fn fields(old: &Version, new: &Version, list: &mut Vec<Change>) {
    let (old_p, new_p) = (old.program(), new.program());
    if !old_p.has_schema && !new_p.has_schema {
        return;
    }
    for field in &new_p.fields {
        let side = new.side(&field.name, field.span);
        match old_p.field_id(&field.name).map(|id| old_p.field(id)) {
            None => list.push(change(Kind::Field, Status::Added, None, Some(side))),
            Some(before) if before.ty != field.ty => {
                let mut changed = change(
                    Kind::Field,
                    Status::Changed,
                    Some(old.side(&before.name, before.span)),
                    Some(side),
                );
                changed.note = Some(format!("{} -> {}", before.ty.as_str(), field.ty.as_str()));
                list.push(changed);
            }
            Some(_) => {}
        }
    }
    for field in old_p
        .fields
        .iter()
        .filter(|field| new_p.field_id(&field.name).is_none())
    {
        let side = old.side(&field.name, field.span);
        list.push(change(Kind::Field, Status::Removed, Some(side), None));
    }
}

fn scores(old: &Version, new: &Version, list: &mut Vec<Change>) {
    let names = |version: &Version| -> Vec<String> {
        version
            .program()
            .scores
            .iter()
            .map(|score| score.name.clone())
            .collect()
    };
    let (old_names, new_names) = (names(old), names(new));
    for score in &new.program().scores {
        if !old_names.contains(&score.name) {
            let side = new.side(&score.name, score.span);
            list.push(change(Kind::Score, Status::Added, None, Some(side)));
        }
    }
    for score in &old.program().scores {
        if !new_names.contains(&score.name) {
            let side = old.side(&score.name, score.span);
            list.push(change(Kind::Score, Status::Removed, Some(side), None));
        }
    }
}

/// The named lists of a file: name -> (sorted lowercase items, side).
fn named_lists(version: &Version) -> Vec<(String, Vec<String>, Side)> {
    let mut lists = Vec::new();
    for item in &version.file.items {
        if let ast::Item::Let(let_) = item
            && let ast::LetValue::List(values) = &let_.value
        {
            let mut items: Vec<String> = values.items.iter().map(item_text).collect();
            items.sort_unstable();
            items.dedup();
            lists.push((
                let_.name.name.clone(),
                items,
                version.side(&let_.name.name, let_.span),
            ));
        }
    }
    lists
}

fn item_text(value: &ast::Value) -> String {
    match &value.kind {
        ast::ValueKind::Text(text) => text.value.to_lowercase(),
        ast::ValueKind::Number(number) => number.digits(),
        ast::ValueKind::Bool(flag) => flag.to_string(),
        ast::ValueKind::Date(date) => date.clone(),
    }
}

fn lists(old: &Version, new: &Version, list: &mut Vec<Change>) {
    let (old_lists, new_lists) = (named_lists(old), named_lists(new));
    let entries = |lists: &[(String, Vec<String>, Side)]| {
        lists
            .iter()
            .map(|(name, items, side)| (name.clone(), items.join("\u{1f}"), side.clone()))
            .collect()
    };
    let mut found = pair(entries(&old_lists), entries(&new_lists), Kind::List);
    for changed in found
        .iter_mut()
        .filter(|change| change.status == Status::Changed)
    {
        let items = |lists: &[(String, Vec<String>, Side)], side: &Option<Side>| {
            let name = side.as_ref().map_or("", |side| side.name.as_str());
            lists
                .iter()
                .find(|(found, _, _)| found == name)
                .map(|(_, items, _)| items.clone())
                .unwrap_or_default()
        };
        let (before, after) = (
            items(&old_lists, &changed.old),
            items(&new_lists, &changed.new),
        );
        let added: Vec<&String> = after.iter().filter(|item| !before.contains(item)).collect();
        let removed: Vec<&String> = before.iter().filter(|item| !after.contains(item)).collect();
        let mut note = Vec::new();
        if !added.is_empty() {
            note.push(format!("+{added:?}"));
        }
        if !removed.is_empty() {
            note.push(format!("-{removed:?}"));
        }
        changed.note = Some(note.join(" "));
    }
    list.extend(found);
}

fn lets(old: &Version, new: &Version, list: &mut Vec<Change>) {
    let entries = |version: &Version| -> Vec<(String, String, Side)> {
        let mut seen: Vec<&str> = Vec::new();
        let mut entries = Vec::new();
        for let_ in &version.program().lets {
            if seen.contains(&let_.name.as_str()) {
                continue;
            }
            seen.push(&let_.name);
            let side = version.side(&let_.name, let_.span);
            entries.push((let_.name.clone(), version.canon.cond(&let_.body), side));
        }
        entries
    };
    list.extend(pair(entries(old), entries(new), Kind::Let));
}

/// Pairs named declarations `(name, canonical text, side)`: same name and
/// text is no change, same name another text `Changed`, another name the
/// same text (one removed, one added) `Renamed`.
pub(super) fn pair(
    old: Vec<(String, String, Side)>,
    new: Vec<(String, String, Side)>,
    kind: Kind,
) -> Vec<Change> {
    let old_by_name: HashMap<&str, usize> = old
        .iter()
        .enumerate()
        .map(|(index, (name, _, _))| (name.as_str(), index))
        .collect();
    let new_names: HashMap<&str, usize> = new
        .iter()
        .enumerate()
        .map(|(index, (name, _, _))| (name.as_str(), index))
        .collect();
    let mut gone: Vec<usize> = (0..old.len())
        .filter(|index| !new_names.contains_key(old[*index].0.as_str()))
        .collect();
    let mut found = Vec::new();
    for (name, text, side) in &new {
        match old_by_name.get(name.as_str()).map(|index| &old[*index]) {
            Some((_, before, _)) if before == text => {}
            Some((_, _, before)) => found.push(change(
                kind,
                Status::Changed,
                Some(before.clone()),
                Some(side.clone()),
            )),
            None => match gone.iter().position(|index| old[*index].1 == *text) {
                Some(at) => {
                    let before = old[gone.remove(at)].2.clone();
                    found.push(change(
                        kind,
                        Status::Renamed,
                        Some(before),
                        Some(side.clone()),
                    ));
                }
                None => found.push(change(kind, Status::Added, None, Some(side.clone()))),
            },
        }
    }
    for index in gone {
        found.push(change(
            kind,
            Status::Removed,
            Some(old[index].2.clone()),
            None,
        ));
    }
    found
}

fn tiers(old: &Version, new: &Version, list: &mut Vec<Change>) {
    let entries = |version: &Version| -> Vec<(String, String, Side)> {
        (version.program().tiers.iter())
            .map(|tier| {
                (
                    tier.name.clone(),
                    version.canon.tier(tier),
                    version.side(&tier.name, tier.span),
                )
            })
            .collect()
    };
    let (old_tiers, new_tiers) = (entries(old), entries(new));
    let mut found = pair(old_tiers.clone(), new_tiers.clone(), Kind::Tier);
    // A tier renamed changes the verdicts' `tier`: it is a behaviour change.
    for renamed in found
        .iter_mut()
        .filter(|change| change.status == Status::Renamed)
    {
        renamed.status = Status::Changed;
        renamed.behaviour = true;
    }
    let common =
        |from: &[(String, String, Side)], other: &[(String, String, Side)]| -> Vec<String> {
            from.iter()
                .map(|(name, _, _)| name.clone())
                .filter(|name| other.iter().any(|(found, _, _)| found == name))
                .collect()
        };
    let (old_order, new_order) = (
        common(&old_tiers, &new_tiers),
        common(&new_tiers, &old_tiers),
    );
    for (index, name) in new_order.iter().enumerate() {
        if old_order.get(index) == Some(name) || found.iter().any(|change| change.name() == name) {
            continue;
        }
        let side = |tiers: &[(String, String, Side)]| {
            tiers
                .iter()
                .find(|(found, _, _)| found == name)
                .map(|(_, _, side)| side.clone())
        };
        let mut moved = change(
            Kind::Tier,
            Status::Moved,
            side(&old_tiers),
            side(&new_tiers),
        );
        moved.note = Some(format!("now tried {} of {}", index + 1, new_order.len()));
        found.push(moved);
    }
    list.extend(found);
}

/// Layout, comments, and the order of rules.
fn notes(old: &Version, new: &Version, list: &[Change]) -> Vec<String> {
    let mut notes = Vec::new();
    let (old_text, new_text) = (&old.rules.source().text, &new.rules.source().text);
    if old_text == new_text {
        notes.push("the files are identical".to_string());
        return notes;
    }
    let comments = |version: &Version| -> Vec<String> {
        version
            .file
            .comments
            .iter()
            .map(|comment| comment.text.trim().to_string())
            .collect()
    };
    if comments(old) != comments(new) {
        notes.push("comments changed".to_string());
    }
    let order = |version: &Version| -> Vec<String> {
        let program = version.program();
        program
            .rules
            .iter()
            .map(|rule| rule.identity(program))
            .collect()
    };
    let (old_order, new_order) = (order(old), order(new));
    let kept: Vec<&String> = old_order
        .iter()
        .filter(|name| new_order.contains(name))
        .collect();
    let now: Vec<&String> = new_order
        .iter()
        .filter(|name| old_order.contains(name))
        .collect();
    if kept != now {
        notes.push("rules reordered (the order of rules changes no outcome)".to_string());
    }
    let format = |version: &Version| crate::format::format(&version.file, version.rules.source());
    if format(old) == format(new) {
        notes.push("only the layout changed: both versions format to the same text".to_string());
    }
    let outcomes = Changes {
        list: list.to_vec(),
        notes: Vec::new(),
    };
    if !outcomes.behaviour() {
        notes.push(
            "no change to what any lead gets: tiers, scores and disqualifications stay the same"
                .to_string(),
        );
    }
    notes
}

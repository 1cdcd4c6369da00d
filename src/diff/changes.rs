//! What changed between two versions of a rule file, declaration by
//! declaration: fields, scores (and their bounds), lists, lets, rules,
//! capped groups and tiers added, removed, changed, renamed, moved or only
//! rewritten.
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

use super::declarations;
use crate::ast;
use crate::ir::{self, canon::Canon};
use crate::ruleset::RuleSet;

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
    /// `group NAME at most N: RULE, ...`
    Group,
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
            Kind::Group => "group",
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
    /// The included file it is declared in (`shared/acme.icp`); `None`
    /// in the file the version is named after.
    pub file: Option<String>,
    /// 1-based line, in its file.
    pub line: usize,
    /// Its source text, on one line.
    pub text: String,
}

impl Side {
    /// `line 12`, or `shared/acme.icp line 12` in an included file.
    pub fn place(&self) -> String {
        match &self.file {
            Some(file) => format!("{file} line {}", self.line),
            None => format!("line {}", self.line),
        }
    }

    /// Where a declaration was and is: `line 3 -> 5`, `shared/a.icp line
    /// 3 -> 5`, or both places when it moved between files.
    pub fn places(old: Option<&Side>, new: Option<&Side>) -> String {
        match (old, new) {
            (Some(old), Some(new)) if old.file == new.file => {
                format!("{} -> {}", old.place(), new.line)
            }
            (Some(old), Some(new)) => format!("{} -> {}", old.place(), new.place()),
            (Some(side), None) | (None, Some(side)) => side.place(),
            (None, None) => String::new(),
        }
    }
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
    /// The declaration's index in the old / new program, for rules
    /// (`Program::rules`) and groups (`Caps::groups`); `None` otherwise.
    pub indexes: (Option<u32>, Option<u32>),
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
    /// Whether any change can change what a verdict says. Rules, tiers,
    /// scores (their bounds) and groups decide it: a let, list or field
    /// type acts only through the rules and tiers that use it, which are
    /// changed themselves.
    pub fn behaviour(&self) -> bool {
        (self.list.iter()).any(|change| {
            change.behaviour
                && matches!(
                    change.kind,
                    Kind::Rule | Kind::Tier | Kind::Score | Kind::Group
                )
        })
    }
}

/// The changes from `old` to `new`.
pub fn changes(old: &RuleSet, new: &RuleSet) -> Changes {
    let (old_v, new_v) = (Version::new(old), Version::new(new));
    let mut list = Vec::new();
    declarations::fields(&old_v, &new_v, &mut list);
    declarations::scores(&old_v, &new_v, &mut list);
    declarations::lists(&old_v, &new_v, &mut list);
    declarations::lets(&old_v, &new_v, &mut list);
    super::rules::rules(&old_v, &new_v, &mut list);
    declarations::groups(&old_v, &new_v, &mut list);
    declarations::tiers(&old_v, &new_v, &mut list);
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

    /// A declaration's side: its name, file, line and one-line text.
    pub fn side(&self, name: &str, span: crate::source::Span) -> Side {
        let source = self.rules.source();
        Side {
            name: name.to_string(),
            file: (source.is_included(span.start))
                .then(|| source.file_name(span.start).to_string()),
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
        indexes: (None, None),
    }
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

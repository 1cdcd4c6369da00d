//! The checked program: names resolved, values typed, lets shared.
//!
//! `check::check` builds it; every backend lowers from it: the optimized
//! `plan`, the reference `interp`, explanations, and later SQL. Spans point
//! at the text the user wrote (inside a let's body for a let's tests).
//!
//! A let's condition is held once, in [`Program::lets`], and every use is a
//! [`CondKind::Let`] reference to it, so the program grows with the file,
//! not with how often lets are used (a chain of lets that doubles at each
//! step stays small). A consumer that must stay linear follows a reference
//! once per let (memoized by [`LetId`]), never once per use.
//!
//! Every predicate has a [`PredId`]: positions are data, so the plan, the
//! trace and a language server find a test by its id, not by counting.

pub mod canon;
mod example;
pub mod fingerprint;
pub mod key;
pub mod print;

pub use example::{Example, Expectation, ExpectationKind, Given, Suite};

use crate::ast::{CompareOp, TextOp};
use crate::source::Span;

/// A field's value type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Type {
    /// Whole numbers.
    Int,
    /// Any number.
    Number,
    /// Text (compared ignoring case).
    Text,
    /// `true` / `false`.
    Bool,
    /// A calendar date (`YYYY-MM-DD`, or a timestamp's date part).
    Date,
    /// `list<text>`
    TextList,
    /// Used only with `is missing` / `is present` in a schema-less file:
    /// any non-null value counts as present.
    Any,
}

impl Type {
    /// The type as the schema language writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            Type::Int => "int",
            Type::Number => "number",
            Type::Text => "text",
            Type::Bool => "bool",
            Type::Date => "date",
            Type::TextList => "list<text>",
            Type::Any => "any",
        }
    }
}

/// Index into [`Program::fields`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FieldId(pub u32);

/// Index into [`Program::scores`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ScoreId(pub u32);

/// A lead-record field the program knows.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// Its name (dotted for nested JSON objects).
    pub name: String,
    /// Its type: declared, or inferred from use in a schema-less file.
    pub ty: Type,
    /// Marked `fixed` in the schema: what would it take keeps it unless
    /// told to vary it.
    pub fixed: bool,
    /// Its declaration, or its first use when there is no schema.
    pub span: Span,
    /// The CSV columns (or JSON keys) to read it from, the first present
    /// wins: its `from`, or its preset's headers; empty reads it by name.
    pub columns: Vec<String>,
    /// Its declared `format`, if any.
    pub format: Option<crate::semantics::value_format::ValueFormat>,
}

impl Field {
    /// A field read by its own name, in no declared format.
    pub fn new(name: impl Into<String>, ty: Type, span: Span) -> Field {
        Field {
            name: name.into(),
            ty,
            span,
            fixed: false,
            columns: Vec::new(),
            format: None,
        }
    }

    /// The columns it is read from: its `columns`, else its name.
    pub fn sources(&self) -> Vec<&str> {
        if self.columns.is_empty() {
            vec![self.name.as_str()]
        } else {
            self.columns.iter().map(String::as_str).collect()
        }
    }
}

/// A score dimension; every dimension starts at 0.
#[derive(Debug, Clone, PartialEq)]
pub struct Score {
    /// Its name.
    pub name: String,
    /// Its declaration.
    pub span: Span,
}

/// Index into [`Program::lets`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct LetId(pub u32);

/// A predicate's identity: unique in its program, dense in
/// `0..Program::pred_count`, so backends index tables by it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PredId(pub u32);

/// The whole checked program.
#[derive(Debug, Clone, PartialEq)]
pub struct Program {
    /// Whether the file declared a schema (else field types were inferred).
    pub has_schema: bool,
    /// Declared fields, then (schema-less) fields in order of first use.
    pub fields: Vec<Field>,
    /// Score dimensions in declaration order.
    pub scores: Vec<Score>,
    /// Rules in file order.
    pub rules: Vec<Rule>,
    /// Tiers in file order; the first that holds wins.
    pub tiers: Vec<Tier>,
    /// The condition lets that rules and tiers use, each lowered once per
    /// context it is used in (a let used by a rule and by a tier is two
    /// entries: its tests name fields in one, scores in the other).
    /// INVARIANT: a let's body refers only to lets before it.
    pub lets: Vec<Let>,
    /// How many predicates the program holds; their ids are `0..pred_count`.
    pub pred_count: u32,
}

impl Program {
    /// The columns (or JSON keys) the record id is read from: those of the
    /// field `id`, else `id`.
    pub fn id_columns(&self) -> Vec<&str> {
        match self.fields.iter().find(|field| field.name == "id") {
            Some(field) => field.sources(),
            None => vec!["id"],
        }
    }

    /// The field with this name.
    pub fn field_id(&self, name: &str) -> Option<FieldId> {
        self.fields
            .iter()
            .position(|field| field.name == name)
            .map(|index| FieldId(index as u32))
    }

    /// The field behind an id.
    pub fn field(&self, id: FieldId) -> &Field {
        &self.fields[id.0 as usize]
    }

    /// The score behind an id.
    pub fn score(&self, id: ScoreId) -> &Score {
        &self.scores[id.0 as usize]
    }

    /// The let behind an id.
    pub fn let_(&self, id: LetId) -> &Let {
        &self.lets[id.0 as usize]
    }

    /// Every condition held once: rules, tiers, then let bodies. Walking
    /// these without following let uses visits each predicate exactly once.
    pub fn conditions(&self) -> impl Iterator<Item = &Cond> {
        let tiers = self.tiers.iter().filter_map(|tier| tier.condition.as_ref());
        let lets = self.lets.iter().map(|let_| &let_.body);
        self.rules
            .iter()
            .map(|rule| &rule.condition)
            .chain(tiers)
            .chain(lets)
    }

    /// Gives every predicate a fresh id in the order of [`Program::conditions`]
    /// and sets `pred_count`: for programs built by hand (tests, generators);
    /// `check` numbers its programs itself.
    pub fn number_preds(&mut self) {
        let mut next = 0u32;
        let conditions = (self.rules.iter_mut().map(|rule| &mut rule.condition))
            .chain(
                self.tiers
                    .iter_mut()
                    .filter_map(|tier| tier.condition.as_mut()),
            )
            .chain(self.lets.iter_mut().map(|let_| &mut let_.body));
        for condition in conditions {
            number(condition, &mut next);
        }
        self.pred_count = next;
    }
}

fn number(cond: &mut Cond, next: &mut u32) {
    match &mut cond.kind {
        CondKind::And(operands) | CondKind::Or(operands) => {
            operands
                .iter_mut()
                .for_each(|operand| number(operand, next));
        }
        CondKind::Not(inner) => number(inner, next),
        CondKind::Let(_) => {}
        CondKind::Pred(pred) => {
            pred.id = PredId(*next);
            *next += 1;
        }
    }
}

/// A let's condition, shared by every use.
#[derive(Debug, Clone, PartialEq)]
pub struct Let {
    /// Its name.
    pub name: String,
    /// The name where the let is defined.
    pub name_span: Span,
    /// The whole definition, `let NAME = ...`.
    pub span: Span,
    /// Its condition (spans inside the definition).
    pub body: Cond,
}

/// A rule: when its condition is true, its effect applies.
#[derive(Debug, Clone, PartialEq)]
pub struct Rule {
    /// Its name, or `line N` for an unnamed rule.
    pub name: String,
    /// Whether the user named it.
    pub named: bool,
    /// The name as written; `None` for an unnamed rule.
    pub name_span: Option<Span>,
    /// When it fires.
    pub condition: Cond,
    /// What it does, in the order written; never empty, at most one
    /// change per score and one `disqualify` (the checker's E801).
    pub effects: Vec<Effect>,
    /// The whole rule.
    pub span: Span,
}

impl Rule {
    /// An identity that survives moving the rule in the file, for `icpc
    /// diff` and editors: its name when named, else `#` and a stable hash
    /// (64-bit FNV-1a, hex) of its canonical key ([`key::rule`]), so an
    /// unnamed rule keeps its identity until its condition or effect
    /// changes. Two unnamed rules with the same key (a W205 repeat) share
    /// it. A let used in it is keyed by name: editing the let's body keeps
    /// the rule's identity.
    pub fn identity(&self, program: &Program) -> String {
        if self.named {
            return self.name.clone();
        }
        let hash = key::rule(program, self)
            .bytes()
            .fold(0xcbf2_9ce4_8422_2325u64, |hash, byte| {
                (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
            });
        format!("#{hash:016x}")
    }
}

impl Rule {
    /// The points it adds to each score, in the order written.
    pub fn adds(&self) -> impl Iterator<Item = (ScoreId, i64)> + '_ {
        self.effects.iter().filter_map(|effect| match effect {
            Effect::Add { score, delta } => Some((*score, *delta)),
            Effect::Disqualify { .. } => None,
        })
    }

    /// The points it adds to `score` (0 when it does not change it).
    pub fn delta(&self, score: ScoreId) -> i64 {
        (self.adds())
            .filter(|(changed, _)| *changed == score)
            .map(|(_, delta)| delta)
            .sum()
    }

    /// Why it disqualifies a lead, when it does.
    pub fn disqualify_reason(&self) -> Option<&str> {
        self.effects.iter().find_map(|effect| match effect {
            Effect::Disqualify { reason } => Some(reason.as_str()),
            Effect::Add { .. } => None,
        })
    }

    /// Whether firing disqualifies the lead.
    pub fn disqualifies(&self) -> bool {
        self.disqualify_reason().is_some()
    }

    /// Whether firing changes a score.
    pub fn changes_scores(&self) -> bool {
        self.adds().next().is_some()
    }
}

/// What a rule does.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Adds `delta` (may be negative) to a score.
    Add {
        /// The dimension.
        score: ScoreId,
        /// Points added.
        delta: i64,
    },
    /// Disqualifies the lead.
    Disqualify {
        /// Why, as written.
        reason: String,
    },
}

/// A tier: the first whose condition holds is the lead's tier.
#[derive(Debug, Clone, PartialEq)]
pub struct Tier {
    /// Its name.
    pub name: String,
    /// The name as written.
    pub name_span: Span,
    /// `None` for `otherwise`; conditions test scores only.
    pub condition: Option<Cond>,
    /// The `otherwise` keyword, for an `otherwise` tier.
    pub otherwise: Option<Span>,
    /// The whole declaration.
    pub span: Span,
}

/// A condition with three-valued meaning (true, false, unknown).
#[derive(Debug, Clone, PartialEq)]
pub struct Cond {
    /// What kind.
    pub kind: CondKind,
    /// The text it came from (for a let use, the name where it is used).
    pub span: Span,
}

/// The kinds of condition.
#[derive(Debug, Clone, PartialEq)]
pub enum CondKind {
    /// True when every operand is; false when any is false; else unknown.
    And(Vec<Cond>),
    /// True when any operand is; false when every one is false; else unknown.
    Or(Vec<Cond>),
    /// Negation; `not unknown` is unknown.
    Not(Box<Cond>),
    /// A use of a let: its condition is `Program::let_(id).body`, shared by
    /// every use, and explanations can name it.
    Let(LetId),
    /// A test of one field or score.
    Pred(Pred),
}

/// What a predicate tests.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Subject {
    /// A record field (unknown when missing).
    Field(FieldId),
    /// A score (tier conditions only; never unknown).
    Score(ScoreId),
}

/// A typed constant.
#[derive(Debug, Clone, PartialEq)]
pub enum Literal {
    /// Any number (int fields hold whole numbers).
    Number(f64),
    /// Text as written (comparisons fold case).
    Text(String),
    /// A boolean.
    Bool(bool),
    /// Days since 1970-01-01.
    Date(i32),
}

/// A test of one subject.
#[derive(Debug, Clone, PartialEq)]
pub enum PredTest {
    /// `== != < <= > >=`; text compares ignoring case.
    Compare(CompareOp, Literal),
    /// `in [..]` / `not in [..]`.
    In {
        /// The set.
        values: Vec<Literal>,
        /// `not in`
        negated: bool,
    },
    /// `low <= x <= high`
    Range(Literal, Literal),
    /// `has V` / `has any [..]`: the list holds at least one of these.
    HasAny(Vec<String>),
    /// `has all [..]`: the list holds every one of these.
    HasAll(Vec<String>),
    /// `contains` / `starts_with` / `ends_with`, ignoring case.
    Text(TextOp, String),
    /// `matches /re/` (case-insensitive with the `i` flag).
    Matches {
        /// The pattern; it compiled when checked.
        pattern: String,
        /// The `i` flag.
        case_insensitive: bool,
    },
    /// `is missing` (`true`) / `is present` (`false`); never unknown.
    Missing(bool),
    /// The date lies in `[as_of - days, as_of]`.
    Within(i64),
}

/// One test: subject and operation.
#[derive(Debug, Clone, PartialEq)]
pub struct Pred {
    /// Its identity in the program.
    pub id: PredId,
    /// What is tested.
    pub subject: Subject,
    /// How.
    pub test: PredTest,
    /// Where its parts are written.
    pub spans: PredSpans,
}

impl Pred {
    /// A test built by hand (tests, generators): id 0 and empty spans until
    /// [`Program::number_preds`] numbers it.
    pub fn new(subject: Subject, test: PredTest) -> Pred {
        Pred {
            id: PredId(0),
            subject,
            test,
            spans: PredSpans::default(),
        }
    }
}

/// Where the parts of a test are written, for labels and editors.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PredSpans {
    /// The field or score name.
    pub subject: Span,
    /// The operator's keyword(s).
    pub op: Span,
    /// Each operand value in order (of a named list: inside its `let`);
    /// empty for `is missing` / `is present`, one for `within N days`.
    pub values: Vec<Span>,
}

//! The untyped syntax tree, mirroring the grammar one type per rule.
//!
//! Produced by `syntax::parse`, consumed by `check` and `format`. Names are
//! not resolved and values not typed yet; every node keeps its [`Span`].
//! `and`/`or` chains are n-ary so that long chains never nest deeply.
//! `Display` prints s-expressions, the form parse snapshots use.

use crate::source::Span;
use std::fmt;

/// A whole rule file.
#[derive(Debug, Clone, PartialEq)]
pub struct File {
    /// Declarations in source order.
    pub items: Vec<Item>,
    /// Every `#` comment, in source order (the formatter keeps them).
    pub comments: Vec<Comment>,
    /// From the first byte to the last: what a file-wide diagnostic points at.
    pub span: Span,
    /// Declarations that did not parse (the parser reported each), in
    /// source order; empty for a file that parsed.
    pub broken: Vec<Broken>,
}

/// A declaration that did not parse, by what its first words still show.
/// The checker counts these names as declared, so that a use of a name
/// whose own line is broken is not reported a second time as unknown.
#[derive(Debug, Clone, PartialEq)]
pub enum Broken {
    /// `schema {` and the field names its lines still show.
    Schema {
        /// The `schema` keyword.
        span: Span,
        /// Every field name found in the block.
        fields: Vec<Ident>,
    },
    /// `score NAME`
    Score(Ident),
    /// `let NAME = ...`
    Let(Ident),
    /// `rule NAME: ...`
    Rule(Ident),
    /// `tier NAME: ...`
    Tier(Ident),
    /// `segment NAME: ...`
    Segment(Ident),
}

/// A `#` comment, the `#` included, the line end excluded.
#[derive(Debug, Clone, PartialEq)]
pub struct Comment {
    /// The comment's text, starting with `#`.
    pub text: String,
    /// From the `#` to just before the line end.
    pub span: Span,
}

/// One top-level declaration, the unit that parse errors stop at.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// `include "shared.icp"`: another file's declarations (see `include`).
    Include(Include),
    /// `schema { ... }`
    Schema(Schema),
    /// `score fit`
    Score(Score),
    /// `let mid_market = employees 10..1000`
    Let(Let),
    /// `rule x: CONDITION => EFFECT`
    Rule(Rule),
    /// `tier A: fit >= 60`
    Tier(Tier),
    /// `segment enterprise: employees >= 1000 and fit >= 40`
    Segment(Segment),
    /// `example "name": {FIELD: VALUE, ...} => tier A, fit 30`
    Example(Example),
    /// `as_of 2025-06-30`: the day the file's examples are judged on.
    AsOf(AsOf),
    /// `group engagement at most 30: opened_email, visited_pricing`
    Group(Group),
}

impl Item {
    /// The span of the whole declaration.
    pub fn span(&self) -> Span {
        match self {
            Item::Include(include) => include.span,
            Item::Schema(schema) => schema.span,
            Item::Score(score) => score.span,
            Item::Group(group) => group.span,
            Item::Let(let_) => let_.span,
            Item::Rule(rule) => rule.span,
            Item::Tier(tier) => tier.span,
            Item::Segment(segment) => segment.span,
            Item::Example(example) => example.span,
            Item::AsOf(as_of) => as_of.span,
        }
    }

    /// The condition the declaration holds, if it has one: a rule's, a
    /// segment's, a tier's (not `otherwise`) or a condition let's body.
    pub fn condition(&self) -> Option<&Expr> {
        match self {
            Item::Rule(rule) => Some(&rule.condition),
            Item::Segment(segment) => Some(&segment.condition),
            Item::Tier(tier) => tier.condition.as_ref(),
            Item::Let(let_) => match &let_.value {
                LetValue::Condition(body) => Some(body),
                LetValue::List(_) | LetValue::Pattern(_) => None,
            },
            Item::Include(_)
            | Item::Schema(_)
            | Item::Score(_)
            | Item::Group(_)
            | Item::Example(_)
            | Item::AsOf(_) => None,
        }
    }
}

/// `Item::as_KIND()` (the declaration if it is of that kind) and
/// `File::KINDS()` (those of the file in source order), so that code about
/// one kind does not match every kind and a new kind touches only this file.
macro_rules! kinds {
    ($($variant:ident($ty:ident): $as:ident, $all:ident;)*) => {
        impl Item {
            $(
                #[doc = concat!("The declaration if it is a `", stringify!($ty), "`.")]
                pub fn $as(&self) -> Option<&$ty> {
                    if let Item::$variant(inner) = self { Some(inner) } else { None }
                }
            )*
        }

        impl File {
            $(
                #[doc = concat!("Every `", stringify!($ty), "` of the file in source order.")]
                pub fn $all(&self) -> impl Iterator<Item = &$ty> {
                    self.items.iter().filter_map(Item::$as)
                }
            )*
        }
    };
}

kinds! {
    Include(Include): as_include, includes;
    Schema(Schema): as_schema, schemas;
    Score(Score): as_score, scores;
    Let(Let): as_let, lets;
    Rule(Rule): as_rule, rules;
    Tier(Tier): as_tier, tiers;
    Segment(Segment): as_segment, segments;
    Example(Example): as_example, examples;
    AsOf(AsOf): as_as_of, as_ofs;
    Group(Group): as_group, groups;
}

/// A name as written, e.g. a let, score, rule or tier name.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Ident {
    /// The identifier's characters; no normalisation (names are case-sensitive).
    pub name: String,
    /// The name alone, for labels like "first defined here".
    pub span: Span,
}

/// `schema { NAME: TYPE ... }`
#[derive(Debug, Clone, PartialEq)]
pub struct Schema {
    /// `from PRESET`: the export whose standard column names fields
    /// without a `from` of their own are read from.
    pub preset: Option<Ident>,
    /// Declared fields in order.
    pub fields: Vec<FieldDecl>,
    /// From `schema` to the closing `}`.
    pub span: Span,
}

/// `employees: int` inside a schema.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldDecl {
    /// The field (possibly dotted, `company.size`).
    pub name: FieldPath,
    /// As written; the checker resolves it to an `ir::Type`.
    pub ty: TypeName,
    /// The `fixed` mark, if written: what would it take keeps the field.
    pub fixed: Option<Span>,
    /// `from "Number of Employees"`: the column or JSON key it is read from.
    pub source: Option<Text>,
    /// `format "1,234"`: how the export writes its values.
    pub format: Option<Text>,
    /// From the field name to the end of the declaration.
    pub span: Span,
}

/// A type as written: `int`, `text`, `list<text>`.
#[derive(Debug, Clone, PartialEq)]
pub struct TypeName {
    /// The outer name (`list` for `list<text>`).
    pub name: Ident,
    /// The element type of `list<...>`.
    pub element: Option<Box<TypeName>>,
    /// From the outer name to the closing `>`.
    pub span: Span,
}

/// `score fit`, `score fit at least 0 at most 100`
#[derive(Debug, Clone, PartialEq)]
pub struct Score {
    /// The name rules add to (`fit +30`) and tiers test (`fit >= 60`).
    pub name: Ident,
    /// The bounds its total is held within, in source order.
    pub bounds: Vec<CapBound>,
    /// From `score` to the name or the last bound.
    pub span: Span,
}

/// `group engagement at most 30: opened_email, visited_pricing`: rules
/// whose total contribution to each score is held within the bounds.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    /// The name explanations show ("engagement +45 capped at +30").
    pub name: Ident,
    /// At least one, in source order.
    pub bounds: Vec<CapBound>,
    /// The rules in the group, by name, in source order.
    pub rules: Vec<Ident>,
    /// From `group` to the last rule name.
    pub span: Span,
}

/// `at most 30` or `at least -20`.
#[derive(Debug, Clone, PartialEq)]
pub struct CapBound {
    /// `at most` rather than `at least`.
    pub most: bool,
    /// The limit as written (the checker demands a whole number).
    pub limit: Number,
    /// From `at` to the number.
    pub span: Span,
}

/// `let NAME = CONDITION` or `let NAME = [v, ...]`.
#[derive(Debug, Clone, PartialEq)]
pub struct Let {
    /// The name its uses refer to (E204 if declared twice).
    pub name: Ident,
    /// The condition or list substituted wherever the name is used.
    pub value: LetValue,
    /// From `let` to the end of the value.
    pub span: Span,
}

/// What a let names. A bare name (`let a = b`) parses as a condition; the
/// checker decides whether `b` is a condition or a list.
#[derive(Debug, Clone, PartialEq)]
pub enum LetValue {
    /// `let mid_market = employees 10..1000`
    Condition(Expr),
    /// `let crms = [Salesforce, HubSpot]`
    List(List),
    /// `let senior = /\b(vp|head|chief)\b/i`, used as `title matches senior`
    Pattern(Regex),
}

/// `rule NAME: CONDITION => EFFECT`; the name is optional.
#[derive(Debug, Clone, PartialEq)]
pub struct Rule {
    /// `None` for an unnamed rule (named after its line).
    pub name: Option<Ident>,
    /// Fires the rule only when it is true, never when unknown.
    pub condition: Expr,
    /// Applied to the verdict when the rule fires, in the order written;
    /// at least one (`=> fit +10, intent +5`).
    pub effects: Vec<Effect>,
    /// From `rule` to the end of the effect.
    pub span: Span,
}

/// What a rule does when it fires.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// `fit +30`, `fit -10`
    Score {
        /// The `score` declaration it adds to, by name.
        score: Ident,
        /// `+` is false, `-` is true.
        negative: bool,
        /// The amount as written (the checker demands a whole number).
        amount: Number,
        /// From the score name to the amount.
        span: Span,
    },
    /// `disqualify "reason"`
    Disqualify {
        /// Shown in explanations and the `reasons` of a verdict.
        reason: Text,
        /// From `disqualify` to the closing quote.
        span: Span,
    },
}

impl Effect {
    /// The effect as written.
    pub fn span(&self) -> Span {
        match self {
            Effect::Score { span, .. } | Effect::Disqualify { span, .. } => *span,
        }
    }
}

/// `tier NAME: CONDITION` or `tier NAME: otherwise`.
#[derive(Debug, Clone, PartialEq)]
pub struct Tier {
    /// The label verdicts carry (`tier: A`).
    pub name: Ident,
    /// `None` for `otherwise`.
    pub condition: Option<Expr>,
    /// The `otherwise` keyword, when that is the condition.
    pub otherwise: Option<Span>,
    /// From `tier` to the end of the condition or `otherwise`.
    pub span: Span,
}

/// `segment NAME: CONDITION`: an audience a lead is in when the condition
/// holds, over fields and final scores (see `docs/language.md`).
#[derive(Debug, Clone, PartialEq)]
pub struct Segment {
    /// The label verdicts list (`segments: [enterprise]`).
    pub name: Ident,
    /// Tests on fields and scores.
    pub condition: Expr,
    /// From `segment` to the end of the condition.
    pub span: Span,
}

/// `example "NAME": {FIELD: VALUE, ...} => EXPECTATION, ...`: a record and
/// the outcome the team agreed on, which `icpc test` checks.
#[derive(Debug, Clone, PartialEq)]
pub struct Example {
    /// The name reports show (E605 if two examples share it).
    pub name: Text,
    /// The record's fields in source order; a field not written is missing.
    pub record: Vec<Entry>,
    /// The braces and what is between them.
    pub record_span: Span,
    /// At least one, in source order.
    pub expectations: Vec<Expectation>,
    /// From `example` to the last expectation.
    pub span: Span,
}

/// `FIELD: VALUE` inside an example's record.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The field, as the schema (or a rule) names it.
    pub field: FieldPath,
    /// A value, or a list for `list<text>` fields.
    pub value: EntryValue,
    /// From the field name to the end of the value.
    pub span: Span,
}

/// What an example's field holds.
#[derive(Debug, Clone, PartialEq)]
pub enum EntryValue {
    /// `200`, `SaaS`, `"VP Sales"`, `true`, `2025-06-20`
    Value(Value),
    /// `[HubSpot, Slack]`
    List(List),
}

impl EntryValue {
    /// The value or the list's brackets.
    pub fn span(&self) -> Span {
        match self {
            EntryValue::Value(value) => value.span,
            EntryValue::List(list) => list.span,
        }
    }
}

/// One part of an example's expected outcome.
#[derive(Debug, Clone, PartialEq)]
pub struct Expectation {
    /// What is expected.
    pub kind: ExpectationKind,
    /// The expectation as written.
    pub span: Span,
}

/// The kinds of expectation.
#[derive(Debug, Clone, PartialEq)]
pub enum ExpectationKind {
    /// `tier A`: not disqualified, and `A` is the tier.
    Tier(Ident),
    /// `no tier`: not disqualified, and no tier holds.
    NoTier,
    /// `disqualified`, or `disqualified "reason"`: a disqualify rule with
    /// this reason fired.
    Disqualified(Option<Text>),
    /// `fires RULE` / `not fires RULE`: the rule fires, or does not.
    Fires {
        /// The rule's name, or `"line 37"` for an unnamed rule.
        rule: Text,
        /// `not fires`
        negated: bool,
    },
    /// `fit 30`: the score's value.
    Score {
        /// The score dimension.
        score: Ident,
        /// Its expected value (a whole number, maybe negative).
        value: Number,
    },
}

/// `include "shared.icp"`
#[derive(Debug, Clone, PartialEq)]
pub struct Include {
    /// The path as written, relative to the including file.
    pub path: Text,
    /// From `include` to the closing quote.
    pub span: Span,
}

/// `as_of 2025-06-30`
#[derive(Debug, Clone, PartialEq)]
pub struct AsOf {
    /// The day, as written.
    pub date: Value,
    /// From `as_of` to the date.
    pub span: Span,
}

/// A condition: a tree of `and` / `or` / `not` over tests and let names.
#[derive(Debug, Clone, PartialEq)]
pub struct Expr {
    /// The connective, test or let name at the root.
    pub kind: ExprKind,
    /// The text it covers (parentheses included when written).
    pub span: Span,
}

/// The kinds of condition.
#[derive(Debug, Clone, PartialEq)]
pub enum ExprKind {
    /// `a or b or c` (two or more operands).
    Or(Vec<Expr>),
    /// `a and b and c` (two or more operands).
    And(Vec<Expr>),
    /// `not a`
    Not(Box<Expr>),
    /// A let name used as a condition.
    Name(Ident),
    /// A test of one field (or, in a tier, one score).
    Test(Test),
}

/// `FIELD <operator> <operand>`
#[derive(Debug, Clone, PartialEq)]
pub struct Test {
    /// The field, or the score in a tier condition.
    pub field: FieldPath,
    /// The operator and its operand.
    pub op: TestOp,
    /// The operator's keyword(s), for labels.
    pub op_span: Span,
}

/// A field name, possibly dotted for nested records (`company.size`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct FieldPath {
    /// The name as written, dots included.
    pub name: String,
    /// The path as written, dots included.
    pub span: Span,
}

/// `==`, `!=`, `<`, `<=`, `>`, `>=`: the operators of `FIELD OP VALUE`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CompareOp {
    /// `==`
    Eq,
    /// `!=`
    Ne,
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `>`
    Gt,
    /// `>=`
    Ge,
}

impl CompareOp {
    /// The operator as written.
    pub fn as_str(self) -> &'static str {
        match self {
            CompareOp::Eq => "==",
            CompareOp::Ne => "!=",
            CompareOp::Lt => "<",
            CompareOp::Le => "<=",
            CompareOp::Gt => ">",
            CompareOp::Ge => ">=",
        }
    }

    /// Whether `left OP right` holds, given how `left` orders against `right`.
    pub fn holds(self, ordering: std::cmp::Ordering) -> bool {
        use std::cmp::Ordering::{Equal, Greater, Less};
        match self {
            CompareOp::Eq => ordering == Equal,
            CompareOp::Ne => ordering != Equal,
            CompareOp::Lt => ordering == Less,
            CompareOp::Le => ordering != Greater,
            CompareOp::Gt => ordering == Greater,
            CompareOp::Ge => ordering != Less,
        }
    }
}

/// Which elements `has` asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Quantifier {
    /// `has any LIST`
    Any,
    /// `has all LIST`
    All,
}

/// The substring operators on text, all ignoring case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TextOp {
    /// `contains`
    Contains,
    /// `starts_with`
    StartsWith,
    /// `ends_with`
    EndsWith,
}

impl TextOp {
    /// The keyword as the user writes it (and the formatter prints it).
    pub fn as_str(self) -> &'static str {
        match self {
            TextOp::Contains => "contains",
            TextOp::StartsWith => "starts_with",
            TextOp::EndsWith => "ends_with",
        }
    }
}

/// The operator of a test and its operand.
#[derive(Debug, Clone, PartialEq)]
pub enum TestOp {
    /// `== V`, `< V`, ...
    Compare(CompareOp, Value),
    /// `in LIST` (`negated`: `not in LIST`)
    In {
        /// `not in` rather than `in`.
        negated: bool,
        /// A literal list or a let that names one.
        list: ListRef,
    },
    /// `A..B`, both ends included.
    Range(Value, Value),
    /// `has V`
    Has(Value),
    /// `has any LIST`, `has all LIST`
    HasQuantified(Quantifier, ListRef),
    /// `contains "s"`, `starts_with "s"`, `ends_with "s"`
    Text(TextOp, Value),
    /// `contains any LIST`, `starts_with any LIST`, `ends_with any LIST`:
    /// true when the text passes the test with at least one of the items.
    TextAny(TextOp, ListRef),
    /// `matches /re/i`
    Matches(Regex),
    /// `matches senior`: a let that names a regex.
    MatchesNamed(Ident),
    /// `is missing` (`true`) or `is present` (`false`).
    Missing(bool),
    /// `within N days`
    Within(Number),
}

/// A list literal or a let name that names one.
#[derive(Debug, Clone, PartialEq)]
pub enum ListRef {
    /// `[a, b]`
    Literal(List),
    /// A let's name standing for its list (`tech has any crms`).
    Name(Ident),
}

impl ListRef {
    /// The literal's brackets, or the let name.
    pub fn span(&self) -> Span {
        match self {
            ListRef::Literal(list) => list.span,
            ListRef::Name(name) => name.span,
        }
    }
}

/// `[v, ...]`
#[derive(Debug, Clone, PartialEq)]
pub struct List {
    /// In source order, duplicates kept.
    pub items: Vec<Value>,
    /// Brackets included.
    pub span: Span,
}

/// A literal value: the operand of a test.
#[derive(Debug, Clone, PartialEq)]
pub struct Value {
    /// Number, text, bool or date; typed against the field by the checker.
    pub kind: ValueKind,
    /// The literal as written, quotes included.
    pub span: Span,
}

/// The kinds of literal value.
#[derive(Debug, Clone, PartialEq)]
pub enum ValueKind {
    /// `30`, `5_000_000`, `-2.5`
    Number(Number),
    /// `"Zoho CRM"` or a bare word `SaaS`.
    Text(Text),
    /// `true`, `false`
    Bool(bool),
    /// `2025-06-30`
    Date(String),
}

/// A number as written (digit separators kept for the formatter).
#[derive(Debug, Clone, PartialEq)]
pub struct Number {
    /// The literal, sign and `_` included.
    pub raw: String,
    /// The literal as written, sign included.
    pub span: Span,
}

impl Number {
    /// The literal without `_` separators, ready for `str::parse`.
    pub fn digits(&self) -> String {
        self.raw.chars().filter(|c| *c != '_').collect()
    }

    /// Whether it has no decimal point.
    pub fn is_integer(&self) -> bool {
        !self.raw.contains('.')
    }
}

/// Text: quoted (escapes resolved) or a bare word.
#[derive(Debug, Clone, PartialEq)]
pub struct Text {
    /// The text after escape processing.
    pub value: String,
    /// Whether it was written in quotes.
    pub quoted: bool,
    /// Quotes included when quoted.
    pub span: Span,
}

/// `/pattern/flags`
#[derive(Debug, Clone, PartialEq)]
pub struct Regex {
    /// The pattern between the slashes (`\/` unescaped to `/`).
    pub pattern: String,
    /// The flags after the closing slash as written (the checker accepts `i`).
    pub flags: String,
    /// Slashes and flags included.
    pub span: Span,
}

impl Regex {
    /// Whether the `i` flag is set.
    pub fn case_insensitive(&self) -> bool {
        self.flags.contains('i')
    }
}

// ---- s-expression display (parse snapshots) ----

impl fmt::Display for File {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for item in &self.items {
            writeln!(f, "{item}")?;
        }
        Ok(())
    }
}

impl fmt::Display for Item {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Item::Include(include) => write!(f, "(include {:?})", include.path.value),
            Item::Schema(schema) => {
                write!(f, "(schema")?;
                if let Some(preset) = &schema.preset {
                    write!(f, " (from {})", preset.name)?;
                }
                for field in &schema.fields {
                    write!(f, " ({} {}", field.name.name, field.ty)?;
                    if field.fixed.is_some() {
                        write!(f, " fixed")?;
                    }
                    if let Some(source) = &field.source {
                        write!(f, " (from {:?})", source.value)?;
                    }
                    if let Some(format) = &field.format {
                        write!(f, " (format {:?})", format.value)?;
                    }
                    write!(f, ")")?;
                }
                write!(f, ")")
            }
            Item::Score(score) => {
                write!(f, "(score {}", score.name.name)?;
                score
                    .bounds
                    .iter()
                    .try_for_each(|bound| write!(f, " {bound}"))?;
                write!(f, ")")
            }
            Item::Group(group) => {
                write!(f, "(group {}", group.name.name)?;
                group
                    .bounds
                    .iter()
                    .try_for_each(|bound| write!(f, " {bound}"))?;
                for rule in &group.rules {
                    write!(f, " {}", rule.name)?;
                }
                write!(f, ")")
            }
            Item::Let(let_) => match &let_.value {
                LetValue::Condition(expr) => write!(f, "(let {} {expr})", let_.name.name),
                LetValue::List(list) => write!(f, "(let {} {list})", let_.name.name),
                LetValue::Pattern(regex) => write!(f, "(let {} {regex})", let_.name.name),
            },
            Item::Rule(rule) => {
                let name = rule.name.as_ref().map_or("_", |name| name.name.as_str());
                write!(f, "(rule {name} {}", rule.condition)?;
                for effect in &rule.effects {
                    write!(f, " {effect}")?;
                }
                write!(f, ")")
            }
            Item::Tier(tier) => match &tier.condition {
                Some(condition) => write!(f, "(tier {} {condition})", tier.name.name),
                None => write!(f, "(tier {} otherwise)", tier.name.name),
            },
            Item::Segment(segment) => {
                write!(f, "(segment {} {})", segment.name.name, segment.condition)
            }
            Item::Example(example) => write!(f, "{example}"),
            Item::AsOf(as_of) => write!(f, "(as-of {})", as_of.date),
        }
    }
}

impl fmt::Display for Example {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "(example {} (record", self.name)?;
        for entry in &self.record {
            match &entry.value {
                EntryValue::Value(value) => write!(f, " ({} {value})", entry.field.name)?,
                EntryValue::List(list) => write!(f, " ({} {list})", entry.field.name)?,
            }
        }
        write!(f, ")")?;
        for expectation in &self.expectations {
            match &expectation.kind {
                ExpectationKind::Tier(tier) => write!(f, " (tier {})", tier.name)?,
                ExpectationKind::NoTier => write!(f, " (no-tier)")?,
                ExpectationKind::Disqualified(None) => write!(f, " (disqualified)")?,
                ExpectationKind::Disqualified(Some(reason)) => {
                    write!(f, " (disqualified {reason})")?
                }
                ExpectationKind::Fires { rule, negated } => {
                    let op = if *negated { "not-fires" } else { "fires" };
                    write!(f, " ({op} {rule})")?
                }
                ExpectationKind::Score { score, value } => {
                    write!(f, " ({} {})", score.name, value.raw)?
                }
            }
        }
        write!(f, ")")
    }
}

impl fmt::Display for TypeName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.element {
            Some(element) => write!(f, "{}<{element}>", self.name.name),
            None => f.write_str(&self.name.name),
        }
    }
}

impl fmt::Display for CapBound {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let word = if self.most { "at-most" } else { "at-least" };
        write!(f, "({word} {})", self.limit.raw)
    }
}

impl fmt::Display for Effect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Effect::Score {
                score,
                negative,
                amount,
                ..
            } => {
                let sign = if *negative { '-' } else { '+' };
                write!(f, "({} {sign}{})", score.name, amount.raw)
            }
            Effect::Disqualify { reason, .. } => write!(f, "(disqualify {reason})"),
        }
    }
}

impl fmt::Display for Expr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let chain = |f: &mut fmt::Formatter<'_>, op: &str, operands: &[Expr]| {
            write!(f, "({op}")?;
            for operand in operands {
                write!(f, " {operand}")?;
            }
            write!(f, ")")
        };
        match &self.kind {
            ExprKind::Or(operands) => chain(f, "or", operands),
            ExprKind::And(operands) => chain(f, "and", operands),
            ExprKind::Not(inner) => write!(f, "(not {inner})"),
            ExprKind::Name(name) => write!(f, "{}", name.name),
            ExprKind::Test(test) => write!(f, "{test}"),
        }
    }
}

impl fmt::Display for Test {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let field = &self.field.name;
        match &self.op {
            TestOp::Compare(op, value) => write!(f, "({} {field} {value})", op.as_str()),
            TestOp::In { negated, list } => {
                let op = if *negated { "not-in" } else { "in" };
                write!(f, "({op} {field} {list})")
            }
            TestOp::Range(low, high) => write!(f, "(range {field} {low} {high})"),
            TestOp::Has(value) => write!(f, "(has {field} {value})"),
            TestOp::HasQuantified(Quantifier::Any, list) => write!(f, "(has-any {field} {list})"),
            TestOp::HasQuantified(Quantifier::All, list) => write!(f, "(has-all {field} {list})"),
            TestOp::Text(op, value) => write!(f, "({} {field} {value})", op.as_str()),
            TestOp::TextAny(op, list) => write!(f, "({}-any {field} {list})", op.as_str()),
            TestOp::Matches(regex) => write!(f, "(matches {field} {regex})"),
            TestOp::MatchesNamed(name) => write!(f, "(matches {field} {})", name.name),
            TestOp::Missing(true) => write!(f, "(missing {field})"),
            TestOp::Missing(false) => write!(f, "(present {field})"),
            TestOp::Within(days) => write!(f, "(within {field} {})", days.raw),
        }
    }
}

impl fmt::Display for ListRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ListRef::Literal(list) => write!(f, "{list}"),
            ListRef::Name(name) => f.write_str(&name.name),
        }
    }
}

impl fmt::Display for List {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "[")?;
        for (index, item) in self.items.iter().enumerate() {
            if index > 0 {
                write!(f, " ")?;
            }
            write!(f, "{item}")?;
        }
        write!(f, "]")
    }
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            ValueKind::Number(number) => f.write_str(&number.raw),
            ValueKind::Text(text) => write!(f, "{text}"),
            ValueKind::Bool(value) => write!(f, "{value}"),
            ValueKind::Date(date) => write!(f, "@{date}"),
        }
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", self.value)
    }
}

impl fmt::Display for Regex {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "/{}/{}", self.pattern, self.flags)
    }
}

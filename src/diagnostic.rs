//! The one diagnostic type of every stage, and the catalogue of codes.
//!
//! Error sites build a [`Diagnostic`] from facts through small constructor
//! functions that hold the prose of their stage; the library never renders
//! (see `render`). Severity follows from the [`Code`].
//!
//! A [`Diagnostic`] is plain data with serde support, for library users
//! that ship diagnostics elsewhere (an editor, a web page): its code is
//! written as users write it (`"E201"`), spans as byte offsets.
//!
//! ```
//! use icpc::diagnostic::{Code, Diagnostic};
//! use icpc::source::Span;
//!
//! let diagnostic = Diagnostic::new(Code::UnknownField, "unknown field `employe`", Span::new(5, 12), "not in the schema");
//! let json = serde_json::to_string(&diagnostic).expect("diagnostics serialize");
//! assert!(json.starts_with(r#"{"code":"E201","message":"unknown field `employe`""#));
//! let back: Diagnostic = serde_json::from_str(&json).expect("and deserialize");
//! assert_eq!(back, diagnostic);
//! ```

use crate::source::Span;
use serde::{Deserialize, Serialize};

/// How bad a diagnostic is; derived from its code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// A lint: the file still compiles.
    Warning,
    /// The file cannot be used.
    Error,
}

impl Severity {
    /// `error` or `warning`, as every output format writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

macro_rules! codes {
    ($( $(#[$doc:meta])* $variant:ident = $code:literal, $name:literal, $summary:literal; )*) => {
        /// The catalogue of diagnostic codes: `E1xx` syntax, `E2xx` names and
        /// types, `W2xx` lints, `E4xx`/`W4xx` lead data, `E6xx` examples,
        /// `E80x` richer rules, `E85x` includes. `docs/errors.md` has a
        /// section for each, kept in step by a test.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Code {
            $( $(#[$doc])* $variant, )*
        }

        impl Code {
            /// Every code, in catalogue order.
            pub const ALL: &'static [Code] = &[ $( Code::$variant, )* ];

            /// The code as users write it, e.g. `E201`.
            pub fn as_str(self) -> &'static str {
                match self { $( Code::$variant => $code, )* }
            }

            /// A kebab-case name, usable instead of the code in `allow` comments.
            pub fn name(self) -> &'static str {
                match self { $( Code::$variant => $name, )* }
            }

            /// One line saying what the code is about (for SARIF and docs).
            pub fn summary(self) -> &'static str {
                match self { $( Code::$variant => $summary, )* }
            }
        }
    };
}

codes! {
    /// The file is not UTF-8 text.
    NotUtf8 = "E100", "not-utf8", "the file is not UTF-8 text";
    /// The parser met something it did not expect.
    Syntax = "E101", "syntax", "syntax error";
    /// A string, list or regex literal is not closed.
    Unterminated = "E102", "unterminated", "a quoted string, list or regex is not closed";
    /// Parentheses, `not`s or `list<` types nested too deeply.
    TooDeep = "E103", "too-deep", "conditions or types nested too deeply";
    /// A number literal that is not a valid number.
    BadNumber = "E104", "bad-number", "a number literal is out of range or malformed";
    /// A date literal that is not a real calendar date.
    BadDate = "E105", "bad-date", "a date literal is not a valid calendar date";
    /// A rule names a field the schema does not declare.
    UnknownField = "E201", "unknown-field", "a field that the schema does not declare";
    /// An effect or tier names an undeclared score.
    UnknownScore = "E202", "unknown-score", "a score dimension that is not declared";
    /// A name that is neither a let nor a list.
    UnknownName = "E203", "unknown-name", "a name that no `let` defines";
    /// The same name declared twice.
    DuplicateName = "E204", "duplicate-name", "a name declared more than once";
    /// A value that does not fit the field's type.
    TypeMismatch = "E205", "type-mismatch", "a value that does not fit the field's type";
    /// An operator that does not apply to the field's type.
    BadOperator = "E206", "bad-operator", "an operator that does not apply to the field's type";
    /// Lets that refer to each other in a cycle.
    LetCycle = "E207", "let-cycle", "lets that refer to each other in a cycle";
    /// A regex the regex engine rejects.
    BadRegex = "E208", "bad-regex", "an invalid regular expression";
    /// A score change that is not a whole number.
    BadEffect = "E209", "bad-effect", "a score change that is not a whole number";
    /// A tier condition that tests a field instead of a score.
    TierNotOnScores = "E210", "tier-not-on-scores", "a tier condition that tests anything but scores";
    /// `otherwise` before the last tier.
    OtherwiseNotLast = "E211", "otherwise-not-last", "`otherwise` that is not the last tier";
    /// A range whose low end is above its high end.
    BackwardsRange = "E212", "backwards-range", "a range written high to low";
    /// A list used as a condition, or a condition used as a list.
    WrongKindOfName = "E213", "wrong-kind-of-name", "a list where a condition is expected, or the reverse";
    /// More than one `schema` block.
    DuplicateSchema = "E214", "duplicate-schema", "more than one schema block";
    /// A type name the schema does not know.
    UnknownType = "E215", "unknown-type", "a type that the schema language does not have";
    /// A score tested in a rule condition.
    ScoreInRule = "E216", "score-in-rule", "a score tested in a rule condition";
    /// A field used with two incompatible types in a schema-less file.
    ConflictingUse = "E217", "conflicting-use", "a field used as two different types without a schema";
    /// A let that is never used.
    UnusedLet = "W201", "unused-let", "a let that no rule uses";
    /// A score that no rule changes.
    UnusedScore = "W202", "unused-score", "a score that no rule changes";
    /// A rule whose condition can never hold.
    NeverFires = "W203", "never-fires", "a rule whose condition can never hold";
    /// A tier no lead can reach.
    UnreachableTier = "W204", "unreachable-tier", "a tier that no lead can reach";
    /// The same condition written twice.
    DuplicateCondition = "W205", "duplicate-condition", "the same condition written twice";
    /// A rule without a name.
    UnnamedRule = "W206", "unnamed-rule", "a rule without a name";
    /// An `icpc:` comment that does not name lints to allow.
    BadAllow = "W207", "bad-allow", "an `icpc:` comment that does not name lints to allow";
    /// A tier that no combination of rules reaches.
    TierOutOfReach = "W301", "tier-out-of-reach", "a tier that no combination of rules reaches";
    /// A tier threshold beyond what its score can reach.
    ThresholdOutOfReach = "W302", "threshold-out-of-reach", "a tier threshold beyond what its score can reach";
    /// A rule whose score no tier reads.
    NoTierEffect = "W303", "no-tier-effect", "a rule that never changes a lead's tier";
    /// A rule that fires only on disqualified leads.
    DeadUnderDisqualifiers = "W304", "dead-under-disqualifiers", "a rule that only fires on leads a disqualifier disqualifies";
    /// Ranges of one field that overlap across rules.
    OverlappingRanges = "W305", "overlapping-ranges", "ranges of one field that overlap across rules";
    /// Ranges of one field that leave a narrow gap.
    RangeGap = "W306", "range-gap", "ranges of one field that leave a narrow gap across rules";
    /// A lead line that is not valid JSON or CSV.
    MalformedRecord = "E401", "malformed-record", "a lead record that cannot be read";
    /// A JSON line that is not an object.
    NotAnObject = "E402", "not-an-object", "a JSON line that is not an object";
    /// A lead line that is not UTF-8.
    RecordNotUtf8 = "E403", "record-not-utf8", "a lead record that is not UTF-8";
    /// A CSV row with the wrong number of fields.
    WrongFieldCount = "E404", "wrong-field-count", "a CSV row with the wrong number of fields";
    /// A lead line longer than `data::limits::MAX_LINE_BYTES`.
    LineTooLong = "E405", "line-too-long", "a lead line longer than the limit";
    /// A list value with more items than `data::limits::MAX_LIST_ITEMS`.
    ListTooLong = "E406", "list-too-long", "a list value with more items than the limit";
    /// A quoted CSV cell not closed before the end of the input or the limits.
    UnclosedQuote = "E410", "unclosed-quote", "a quoted CSV cell that is never closed";
    /// A quote where RFC 4180 allows none: inside an unquoted cell, or
    /// followed by text before the delimiter.
    StrayQuote = "E411", "stray-quote", "a quote inside an unquoted CSV cell or after a closing quote";
    /// Two CSV header cells with the same name.
    DuplicateColumn = "E412", "duplicate-column", "a CSV header that names a column twice";
    /// A `format` on a schema field that does not fit the field's type.
    BadFormat = "E413", "bad-format", "a schema field format that cannot be read";
    /// `schema from NAME` with no such preset.
    UnknownPreset = "E414", "unknown-preset", "a schema preset that does not exist";
    /// Used fields that no CSV column holds (missing in every record).
    UnmatchedColumn = "W410", "unmatched-column", "a field that no column of the input holds";
    /// A value of the wrong type in a record (counted as missing).
    WrongType = "W401", "wrong-type", "a record value of the wrong type, counted as missing";
    /// A regex construct that has no exact equivalent in the SQL dialect.
    SqlUntranslatableRegex = "E501", "sql-untranslatable-regex", "a regex that cannot be written exactly for the SQL engine";
    /// A score named like a fixed output column of `icpc sql`.
    SqlColumnClash = "E502", "sql-column-clash", "a score named like an output column of `icpc sql`";
    /// Two names that Spark SQL, which ignores case in names, takes as one.
    SqlCaseClash = "E503", "sql-case-clash", "two fields or scores whose names differ only in case (Spark SQL)";
    /// An example's record names a field the rules do not know.
    ExampleUnknownField = "E601", "example-unknown-field", "an example field that the rules do not know";
    /// An example's value does not fit its field's type.
    ExampleWrongType = "E602", "example-wrong-type", "an example value that does not fit the field's type";
    /// An example expects a tier that is not declared.
    ExampleUnknownTier = "E603", "example-unknown-tier", "an expected tier that is not declared";
    /// An example expects a value of a score that is not declared.
    ExampleUnknownScore = "E604", "example-unknown-score", "an expected score that is not declared";
    /// Two examples share a name.
    DuplicateExample = "E605", "duplicate-example", "two examples with the same name";
    /// `fires` names a rule that does not exist.
    ExampleUnknownRule = "E606", "example-unknown-rule", "an expected rule that does not exist";
    /// A field written twice in one example's record.
    RepeatedExampleField = "E607", "repeated-example-field", "a field written twice in one example";
    /// Expectations of one example that cannot all hold.
    ContradictoryExpectation = "E608", "contradictory-expectation", "expectations of one example that cannot all hold";
    /// An example expects a segment that is not declared.
    ExampleUnknownSegment = "E609", "example-unknown-segment", "an expected segment that is not declared";
    /// One rule changes a score twice, or disqualifies twice.
    RepeatedEffect = "E801", "repeated-effect", "a rule that changes one score twice or disqualifies twice";
    /// A pattern let where a condition or list is expected, or another let after `matches`.
    MisusedPattern = "E802", "misused-pattern", "a named pattern used as a condition or list, or a name after `matches` that is no pattern";
    /// `contains any` (or `starts_with any`, `ends_with any`) without a list.
    AmbiguousAny = "E803", "ambiguous-any", "`any` after a text operator without a list";
    /// `contains any []`: a list with no items.
    EmptyAnyList = "E804", "empty-any-list", "a text test over an empty list, which never holds";
    /// A group names a rule that does not exist.
    UnknownGroupRule = "E805", "unknown-group-rule", "a capped group that names a rule that does not exist";
    /// A rule listed in two groups, or twice in one.
    RuleInTwoGroups = "E806", "rule-in-two-groups", "a rule listed in more than one capped group";
    /// Bounds that are not whole, repeated, crossed, or (in a group) exclude 0.
    BadBounds = "E807", "bad-bounds", "score or group bounds that no total can meet as written";
    /// An `include` whose file does not exist.
    IncludeNotFound = "E850", "include-not-found", "an included file that cannot be found";
    /// Files that include each other in a cycle.
    IncludeCycle = "E851", "include-cycle", "files that include each other in a cycle";
    /// An `include` whose file exists but cannot be read.
    IncludeUnreadable = "E852", "include-unreadable", "an included file that cannot be read";
    /// An `include` in a file compiled without a loader to follow it.
    IncludeWithoutLoader = "E853", "include-without-loader", "an include in rules compiled without a file loader";
}

impl Code {
    /// Errors stop compilation; warnings are lints.
    pub fn severity(self) -> Severity {
        if self.as_str().starts_with('W') {
            Severity::Warning
        } else {
            Severity::Error
        }
    }

    /// Finds a code by its code (`W206`) or its name (`unnamed-rule`).
    pub fn parse(text: &str) -> Option<Code> {
        Code::ALL
            .iter()
            .copied()
            .find(|code| code.as_str().eq_ignore_ascii_case(text) || code.name() == text)
    }
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// Reads a code as [`Code::parse`] does: `"E201"` or `"unknown-field"`.
impl<'de> Deserialize<'de> for Code {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Code, D::Error> {
        let text = String::deserialize(deserializer)?;
        Code::parse(&text)
            .ok_or_else(|| serde::de::Error::custom(format!("unknown diagnostic code `{text}`")))
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A span with a few words about what is there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Label {
    /// Byte offsets into the file the diagnostic is about.
    pub span: Span,
    /// What is at the span, in a few words (may be empty).
    pub message: String,
    /// The primary label is the place of the problem; others give context.
    pub primary: bool,
}

/// One problem found in a file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    /// The catalogue entry; gives the severity.
    pub code: Code,
    /// What is wrong: lowercase, no final period, names in backticks.
    pub message: String,
    /// The primary label first, then secondary ones.
    pub labels: Vec<Label>,
    /// How to fix it, one lowercase sentence.
    pub help: Option<String>,
    /// Context that is neither the problem nor its fix (what a lint
    /// assumed, where a value came from); rendered as `= note:` lines.
    pub notes: Vec<String>,
}

impl Diagnostic {
    /// A diagnostic with a primary label.
    pub fn new(
        code: Code,
        message: impl Into<String>,
        span: Span,
        label: impl Into<String>,
    ) -> Self {
        Diagnostic {
            code,
            message: message.into(),
            labels: vec![Label {
                span,
                message: label.into(),
                primary: true,
            }],
            help: None,
            notes: Vec::new(),
        }
    }

    /// Adds a secondary label.
    pub fn with_label(mut self, span: Span, message: impl Into<String>) -> Self {
        self.labels.push(Label {
            span,
            message: message.into(),
            primary: false,
        });
        self
    }

    /// Sets the fix hint.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Adds a note (see [`Diagnostic::notes`]).
    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }

    /// The severity, from the code.
    pub fn severity(&self) -> Severity {
        self.code.severity()
    }

    /// The span of the primary label (or an empty span).
    pub fn primary_span(&self) -> Span {
        self.labels
            .iter()
            .find(|label| label.primary)
            .map_or(Span::default(), |label| label.span)
    }
}

/// Sorts diagnostics into source order (then by code), as every renderer shows them.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by_key(|diagnostic| (diagnostic.primary_span(), diagnostic.code));
}

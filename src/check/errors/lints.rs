//! The prose of lint warnings (W2xx).

use crate::diagnostic::{Code, Diagnostic};
use crate::source::Span;

/// Why a rule's condition can never be true (facts for W203).
#[derive(Debug, Clone, PartialEq)]
pub enum Never {
    /// Two tests of one field that no value passes together.
    Contradiction {
        /// The field.
        field: String,
        /// The earlier test.
        first: Span,
        /// The test that contradicts it.
        second: Span,
    },
    /// `is missing` and-ed with another test of the same field.
    MissingAndTested {
        /// The field.
        field: String,
        /// The `is missing` test.
        missing: Span,
        /// The other test.
        test: Span,
    },
    /// A test against an empty list.
    EmptyList(Span),
}

/// W201: a let nothing uses.
pub fn unused_let(name: &str, span: Span) -> Diagnostic {
    Diagnostic::new(
        Code::UnusedLet,
        format!("let `{name}` is never used"),
        span,
        "defined here, used nowhere",
    )
    .with_help(format!("use `{name}` in a rule, or remove it"))
}

/// W202: a score no rule changes.
pub fn unused_score(name: &str, span: Span) -> Diagnostic {
    Diagnostic::new(
        Code::UnusedScore,
        format!("score `{name}` is never changed"),
        span,
        "no rule changes this score",
    )
    .with_help(format!(
        "add a rule with `=> {name} +N`, or remove the score"
    ))
}

/// W203: a rule whose condition is never true.
pub fn never_fires(rule: &str, condition: Span, why: &Never) -> Diagnostic {
    let diagnostic = Diagnostic::new(
        Code::NeverFires,
        format!("rule `{rule}` can never fire"),
        condition,
        "never true",
    );
    match why {
        Never::Contradiction {
            field,
            first,
            second,
        } => diagnostic
            .with_label(*first, "this test")
            .with_label(*second, "contradicts this one")
            .with_help(format!("no value of `{field}` passes both tests")),
        Never::MissingAndTested {
            field,
            missing,
            test,
        } => diagnostic
            .with_label(*missing, "requires the field to be missing")
            .with_label(*test, "requires a value")
            .with_help(format!(
                "a missing `{field}` fails every other test; did you mean `or`?"
            )),
        Never::EmptyList(list) if *list == condition => {
            diagnostic.with_help("an empty list matches nothing; add values to it")
        }
        Never::EmptyList(list) => diagnostic
            .with_label(*list, "an empty list matches nothing")
            .with_help("add values to the list"),
    }
}

/// W204: a tier after an `otherwise` tier.
pub fn tier_after_otherwise(name: &str, span: Span, otherwise: Span) -> Diagnostic {
    Diagnostic::new(
        Code::UnreachableTier,
        format!("tier `{name}` can never be reached"),
        span,
        "never reached",
    )
    .with_label(otherwise, "`otherwise` takes every lead first")
    .with_help("move the `otherwise` tier to the end")
}

/// W204: a tier whose leads all stop at earlier tiers.
pub fn tier_covered(name: &str, span: Span, earlier: &[(&str, Span)]) -> Diagnostic {
    let labels = earlier
        .iter()
        .map(|(earlier, span)| (*span, format!("tier `{earlier}` takes these leads first")));
    labels
        .fold(
            Diagnostic::new(
                Code::UnreachableTier,
                format!("tier `{name}` can never be reached"),
                span,
                "never reached",
            ),
            |diagnostic, (span, label)| diagnostic.with_label(span, label),
        )
        .with_help(format!(
            "tiers are tried top to bottom: move `{name}` above the tiers that take its leads"
        ))
}

/// W204: a tier whose condition is never true.
pub fn tier_never_true(name: &str, span: Span) -> Diagnostic {
    Diagnostic::new(
        Code::UnreachableTier,
        format!("tier `{name}` can never be reached"),
        span,
        "never true",
    )
    .with_help("no scores pass every test of this condition; check the bounds")
}

/// W205: a condition written twice in one `and`/`or` chain.
pub fn duplicate_condition(chain: &str, span: Span, first: Span) -> Diagnostic {
    Diagnostic::new(
        Code::DuplicateCondition,
        format!("the same condition is written twice in one `{chain}` chain"),
        span,
        "written again here",
    )
    .with_label(first, "first written here")
    .with_help("remove one of them")
}

/// W205: a rule with the same condition and effect as an earlier one.
pub fn duplicate_rule(name: &str, span: Span, first: &str, first_span: Span) -> Diagnostic {
    Diagnostic::new(
        Code::DuplicateCondition,
        format!("rule `{name}` repeats rule `{first}`"),
        span,
        "same condition and effect",
    )
    .with_label(first_span, format!("`{first}` is written here"))
    .with_help("remove one of them: both fire together and count twice")
}

/// W206: a rule without a name.
pub fn unnamed_rule(line: usize, span: Span) -> Diagnostic {
    Diagnostic::new(
        Code::UnnamedRule,
        format!("rule on line {line} has no name"),
        span,
        format!("shown as `line {line}`"),
    )
    .with_help("add `rule NAME:` before the condition, so explanations can name it")
}

/// W207: an `allow` entry that names no lint.
pub fn unknown_lint(entry: &str, span: Span) -> Diagnostic {
    Diagnostic::new(
        Code::BadAllow,
        format!("unknown lint `{entry}`"),
        span,
        "not a lint",
    )
    .with_help("name a warning by code (`W206`) or name (`unnamed-rule`)")
}

/// W207: an `allow` entry that names an error.
pub fn not_a_lint(entry: &str, span: Span) -> Diagnostic {
    Diagnostic::new(
        Code::BadAllow,
        format!("`{entry}` is an error and cannot be allowed"),
        span,
        "not a warning",
    )
    .with_help("fix the error instead; only warnings (`W...`) can be allowed")
}

/// W207: an `icpc:` comment that is not `allow(...)` or `allow-file(...)`.
pub fn malformed_allow(span: Span) -> Diagnostic {
    Diagnostic::new(
        Code::BadAllow,
        "malformed `icpc:` comment",
        span,
        "not understood",
    )
    .with_help("write `# icpc: allow(W206)` or `# icpc: allow-file(unused-let)`")
}

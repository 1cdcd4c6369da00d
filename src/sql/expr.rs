//! Conditions as SQL boolean expressions in which NULL is *unknown*.
//!
//! SQL's `AND`, `OR`, `NOT` and comparisons with NULL are the language's
//! three-valued logic (language-core.md), so `and` / `or` / `not` map one
//! to one. What SQL would get wrong is spelled out here: an empty list is
//! not `IN ()`, a test that holds for every present value is TRUE only when
//! the value is present (else unknown), `contains` uses `strpos`, never
//! LIKE (whose `%` and `_` are wildcards), and text is compared folded.

use super::regex;
use super::{Dialect, Options};
use crate::ast::{CompareOp, TextOp};
use crate::diagnostic::{Code, Diagnostic};
use crate::ir::{Cond, CondKind, Literal, Pred, PredTest, Program, Subject, Type};
use crate::semantics;
use std::collections::BTreeSet;

/// Names of the columns the statement computes, shared by its stages.
pub mod column {
    /// A field's value as read.
    pub fn field(name: &str) -> String {
        name.to_owned()
    }
    /// A text or list field, case-folded.
    pub fn folded(index: u32) -> String {
        format!("__icp_folded_{index}")
    }
    /// Whether a list field holds a NULL item (then it is missing).
    pub fn null_item(index: u32) -> String {
        format!("__icp_null_item_{index}")
    }
    /// A let's truth.
    pub fn let_(index: u32) -> String {
        format!("__icp_let_{index}")
    }
    /// Whether a rule fired.
    pub fn rule(index: usize) -> String {
        format!("__icp_rule_{index}")
    }
    /// A score's total.
    pub fn score(index: u32) -> String {
        format!("__icp_score_{index}")
    }
}

/// Writes conditions of one program for one engine, collecting the regexes
/// it cannot write (E501) and the fields whose folded form they read.
pub struct Writer<'a> {
    pub program: &'a Program,
    pub options: &'a Options,
    pub problems: &'a mut Vec<Diagnostic>,
    /// Fields (by index) whose folded column a condition reads: only
    /// those are folded, once per row.
    pub folded: BTreeSet<u32>,
}

impl Writer<'_> {
    fn dialect(&self) -> Dialect {
        self.options.dialect
    }

    fn ident(&self, name: &str) -> String {
        self.dialect().ident(name)
    }

    /// The condition as a SQL boolean expression (NULL for unknown).
    pub fn cond(&mut self, cond: &Cond) -> String {
        match &cond.kind {
            CondKind::And(operands) => self.join(operands, " AND "),
            CondKind::Or(operands) => self.join(operands, " OR "),
            CondKind::Not(inner) => format!("(NOT {})", self.cond(inner)),
            CondKind::Let(id) => self.ident(&column::let_(id.0)),
            CondKind::Pred(pred) => self.pred(pred),
        }
    }

    fn join(&mut self, operands: &[Cond], separator: &str) -> String {
        let parts: Vec<String> = operands.iter().map(|operand| self.cond(operand)).collect();
        format!("({})", parts.join(separator))
    }

    /// A test of a list column that may hold NULL items (typed columns)
    /// reads it as missing then. The check is a boolean column computed
    /// once; the list itself is not copied through a `CASE`, which cost
    /// DuckDB three times as much as the check.
    fn pred(&mut self, pred: &Pred) -> String {
        let test = self.test(pred);
        let Subject::Field(id) = pred.subject else {
            return test;
        };
        if self.program.field(id).ty != Type::TextList || self.options.text_columns {
            return test;
        }
        let value = self.ident(&column::field(&self.program.field(id).name));
        let null_item = self.ident(&column::null_item(id.0));
        match pred.test {
            PredTest::Missing(true) => format!("({value} IS NULL OR {null_item})"),
            PredTest::Missing(false) => format!("({value} IS NOT NULL AND NOT {null_item})"),
            PredTest::Compare(..)
            | PredTest::In { .. }
            | PredTest::Range(..)
            | PredTest::HasAny(_)
            | PredTest::HasAll(_)
            | PredTest::Text(..)
            | PredTest::Matches { .. }
            | PredTest::Within(_) => format!("(CASE WHEN {null_item} THEN NULL ELSE {test} END)"),
        }
    }

    fn test(&mut self, pred: &Pred) -> String {
        let dialect = self.dialect();
        let (value, folded) = match pred.subject {
            Subject::Field(id) => {
                let field = self.program.field(id);
                let folded = (matches!(field.ty, Type::Text | Type::TextList)
                    && reads_folded(&pred.test, self.dialect()))
                .then(|| {
                    self.folded.insert(id.0);
                    self.ident(&column::folded(id.0))
                });
                (self.ident(&column::field(&field.name)), folded)
            }
            Subject::Score(id) => (self.ident(&column::score(id.0)), None),
        };
        let folded = folded.unwrap_or_else(|| value.clone());
        match &pred.test {
            PredTest::Missing(true) => format!("({value} IS NULL)"),
            PredTest::Missing(false) => format!("({value} IS NOT NULL)"),
            PredTest::Compare(op, literal) => self.compare(&value, &folded, *op, literal),
            PredTest::In { values, negated } => {
                if values.is_empty() {
                    return when_present(&value, if *negated { "TRUE" } else { "FALSE" });
                }
                let subject = if matches!(values.first(), Some(Literal::Text(_))) {
                    &folded
                } else {
                    &value
                };
                let items: Vec<String> = values.iter().map(|value| self.literal(value)).collect();
                let not = if *negated { "NOT " } else { "" };
                format!("({subject} {not}IN ({}))", items.join(", "))
            }
            PredTest::Range(low, high) => format!(
                "({} AND {})",
                self.compare(&value, &folded, CompareOp::Ge, low),
                self.compare(&value, &folded, CompareOp::Le, high)
            ),
            PredTest::HasAny(items) | PredTest::HasAll(items) if items.is_empty() => when_present(
                &value,
                if matches!(pred.test, PredTest::HasAll(_)) {
                    "TRUE"
                } else {
                    "FALSE"
                },
            ),
            PredTest::HasAny(items) => match dialect.has_any_folding(&value, &fold_all(items)) {
                Some(test) => test,
                None => dialect.has_any(&folded, &fold_all(items)),
            },
            PredTest::HasAll(items) => dialect.has_all(&folded, &fold_all(items)),
            PredTest::Text(op, needle) => {
                let needle = semantics::fold(needle);
                if needle.is_empty() {
                    return when_present(&value, "TRUE");
                }
                let length = needle.chars().count();
                let needle = dialect.text(&needle);
                match op {
                    TextOp::Contains => format!("({} > 0)", dialect.position(&folded, &needle)),
                    // The fold maps code point to code point, so the
                    // affix of the folded text is the folded affix.
                    TextOp::StartsWith if folds_affix(dialect) => format!(
                        "({} = {needle})",
                        dialect.fold(&format!("substr({value}, 1, {length})"))
                    ),
                    TextOp::EndsWith if folds_affix(dialect) => format!(
                        "({} = {needle})",
                        dialect.fold(&format!("right({value}, {length})"))
                    ),
                    TextOp::StartsWith => format!("(substr({folded}, 1, {length}) = {needle})"),
                    TextOp::EndsWith => format!("(right({folded}, {length}) = {needle})"),
                }
            }
            PredTest::Matches {
                pattern,
                case_insensitive,
            } => match regex::translate(pattern, *case_insensitive, dialect) {
                Ok(translated) => dialect.regex_match(&value, &translated),
                Err(problem) => {
                    let span = pred.spans.values.first().copied().unwrap_or(pred.spans.op);
                    self.problems.push(
                        Diagnostic::new(
                            Code::SqlUntranslatableRegex,
                            format!(
                                "this regex cannot be written exactly for {}",
                                dialect.title()
                            ),
                            span,
                            problem.construct,
                        )
                        .with_help("rewrite the regex without it, or use `contains`, `starts_with` or `ends_with`"),
                    );
                    "NULL".to_owned()
                }
            },
            PredTest::Within(days) => {
                let as_of = i64::from(self.options.as_of);
                let latest = date_literal(self.options.as_of);
                // Day 1 of year 1: earlier bounds hold for every date.
                let first_day = i64::from(crate::date::days_from_civil(1, 1, 1).unwrap_or(0));
                let earliest = as_of.saturating_sub(*days);
                if earliest <= first_day {
                    format!("({value} <= {latest})")
                } else {
                    let earliest = date_literal(i32::try_from(earliest).unwrap_or(i32::MAX));
                    format!("({value} BETWEEN {earliest} AND {latest})")
                }
            }
        }
    }

    fn compare(&self, value: &str, folded: &str, op: CompareOp, literal: &Literal) -> String {
        let symbol = match op {
            CompareOp::Eq => "=",
            CompareOp::Ne => "<>",
            CompareOp::Lt => "<",
            CompareOp::Le => "<=",
            CompareOp::Gt => ">",
            CompareOp::Ge => ">=",
        };
        let right = self.literal(literal);
        match (literal, op) {
            (Literal::Text(_), CompareOp::Eq | CompareOp::Ne) => {
                format!("({folded} {symbol} {right})")
            }
            (Literal::Text(_), _) => {
                let dialect = self.dialect();
                format!(
                    "({} {symbol} {})",
                    dialect.ordered_text(folded),
                    dialect.ordered_text(&right)
                )
            }
            _ => format!("({value} {symbol} {right})"),
        }
    }

    /// A literal as SQL; text folded (it is compared with folded text).
    fn literal(&self, literal: &Literal) -> String {
        let dialect = self.dialect();
        match literal {
            Literal::Number(number) => {
                if semantics::is_whole(*number) && number.abs() < 9_007_199_254_740_992.0 {
                    format!("{}", *number as i64)
                } else {
                    format!("CAST({number:e} AS {})", dialect.double())
                }
            }
            Literal::Text(text) => dialect.text(&semantics::fold(text)),
            Literal::Bool(true) => "TRUE".to_owned(),
            Literal::Bool(false) => "FALSE".to_owned(),
            Literal::Date(days) => date_literal(*days),
        }
    }
}

/// Whether `starts_with` and `ends_with` fold only the affix they compare
/// (cheaper than folding the whole text) rather than read the folded
/// column. Not on Spark, whose fold is a 3 KB `translate()` per use.
fn folds_affix(dialect: Dialect) -> bool {
    match dialect {
        Dialect::DuckDb | Dialect::Postgres => true,
        Dialect::Spark => false,
    }
}

/// Whether a test on a text or list field compares its folded form.
fn reads_folded(test: &PredTest, dialect: Dialect) -> bool {
    match test {
        PredTest::Text(TextOp::StartsWith | TextOp::EndsWith, _) => !folds_affix(dialect),
        PredTest::Compare(_, literal) | PredTest::Range(literal, _) => {
            matches!(literal, Literal::Text(_))
        }
        PredTest::In { values, .. } => matches!(values.first(), Some(Literal::Text(_))),
        PredTest::HasAny(items) => dialect.has_any_folding("", items).is_none(),
        PredTest::Text(..) | PredTest::HasAll(_) => true,
        PredTest::Missing(_) | PredTest::Matches { .. } | PredTest::Within(_) => false,
    }
}

/// `outcome` when the value is present, unknown (NULL) when it is missing.
fn when_present(value: &str, outcome: &str) -> String {
    format!("(CASE WHEN {value} IS NULL THEN NULL ELSE {outcome} END)")
}

fn fold_all(items: &[String]) -> Vec<String> {
    items
        .iter()
        .map(|item| semantics::fold(item).into_owned())
        .collect()
}

/// A date literal; every engine reads `DATE 'YYYY-MM-DD'`.
pub fn date_literal(days: i32) -> String {
    format!("DATE '{}'", crate::date::format(days))
}

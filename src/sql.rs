//! `icpc sql`: the checked program lowered to one SQL statement that gives,
//! for every row of a table, the verdict `icpc eval` gives for that lead.
//!
//! The statement is a chain of CTEs over the input relation: the fields
//! read in their types (`sql::fields`), their case-folded forms, the lets
//! (each computed once, as a column, in dependency order), every rule's
//! firing as a boolean, the scores; the final `SELECT` gives the output
//! contract `id`, one column per score, `tier`, `disqualified`, `matched`,
//! `reasons`. NULL is *unknown* all the way through, so SQL's own
//! three-valued logic is the language's, and a rule fires only on TRUE.
//!
//! What differs between engines is in [`Dialect`]; regexes are rewritten
//! from their parsed form ([`regex`]) so each engine matches exactly the
//! strings the `regex` crate matches, or a diagnostic (E501) names the
//! construct that cannot be written for that engine. No IO here.

mod dialect;
mod expr;
mod fields;
mod query;
pub mod regex;

pub use dialect::{Dialect, spark_fold_table};

use crate::diagnostic::{Code, Diagnostic};
use crate::ir::Program;
use crate::source::Span;

/// What `icpc sql` is asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// The engine the SQL is written for.
    pub dialect: Dialect,
    /// The input relation: a table or view name (quoted as one identifier,
    /// dots splitting schema and table), or a parenthesized query.
    pub table: String,
    /// The as-of date of `within N days`, days since 1970-01-01; compiled in
    /// as a literal, never the engine's current date.
    pub as_of: i32,
    /// Wrap the statement as a view of that name.
    pub view: Option<View>,
    /// Every input column is text (a CSV loaded as text), read the way
    /// `icpc eval` reads a CSV cell; else columns have the schema's types.
    pub text_columns: bool,
    /// The item separator of a `list<text>` text column (`;`, as the CSV
    /// reader's default).
    pub list_separator: char,
}

/// The view `icpc sql` wraps the statement in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct View {
    /// Its name (dots split schema and view, as for the input table).
    pub name: String,
    /// `CREATE OR REPLACE TEMPORARY VIEW`: it lasts the session, and Spark
    /// builds it over a temporary view (the usual way a job registers its
    /// input), where it refuses a permanent one.
    pub temporary: bool,
}

/// The SQL statement for `program`, or why it cannot be written exactly.
pub fn compile(program: &Program, options: &Options) -> Result<String, Vec<Diagnostic>> {
    let mut problems = Vec::new();
    check_scores(program, options.dialect, &mut problems);
    if options.dialect == Dialect::Spark {
        check_case(program, &mut problems);
    }
    let statement = query::statement(program, options, &mut problems);
    if problems.is_empty() {
        Ok(statement)
    } else {
        crate::diagnostic::sort(&mut problems);
        Err(problems)
    }
}

/// `CREATE TABLE` for an input relation the statement reads: an `id` and
/// one column per field, in the schema's types (or all text, with
/// `text_columns`). `any` fields (presence only) are text.
pub fn input_table(program: &Program, options: &Options) -> String {
    let dialect = options.dialect;
    let mut columns = Vec::new();
    if program.field_id("id").is_none() {
        columns.push(format!("{} {}", dialect.ident("id"), dialect.text_type()));
    }
    for field in &program.fields {
        let ty = if options.text_columns {
            dialect.text_type().to_owned()
        } else {
            dialect.column_type(field.ty)
        };
        columns.push(format!("{} {ty}", dialect.ident(&field.name)));
    }
    format!(
        "CREATE TABLE {} (\n  {}\n);\n",
        query::qualified(options, &options.table),
        columns.join(",\n  ")
    )
}

/// Output columns the contract fixes; a score of the same name would clash.
const CONTRACT_COLUMNS: [&str; 5] = ["id", "tier", "disqualified", "matched", "reasons"];

/// E502 when a score is named like a contract column (ignoring case on
/// Spark, whose names do). Sums need no check: E209 caps a rule at 10^12
/// points, so a BIGINT sum cannot overflow below about nine million rules,
/// and then the engine raises, never wraps.
fn check_scores(program: &Program, dialect: Dialect, problems: &mut Vec<Diagnostic>) {
    let same = |score: &str, column: &str| match dialect {
        Dialect::DuckDb | Dialect::Postgres => score == column,
        Dialect::Spark => score.to_lowercase() == column,
    };
    for score in &program.scores {
        let segments = !program.segments.is_empty() && same(&score.name, "segments");
        if segments
            || CONTRACT_COLUMNS
                .iter()
                .any(|column| same(&score.name, column))
        {
            problems.push(score_clashes(&score.name, score.span));
        }
    }
}

/// E503 on Spark, which resolves names ignoring case: two fields (or the
/// input's `id` and a field), or two scores, whose names differ only in
/// case would be one column.
fn check_case(program: &Program, problems: &mut Vec<Diagnostic>) {
    let mut fields: Vec<(&str, Option<Span>)> = Vec::new();
    if program.field_id("id").is_none() {
        fields.push(("id", None));
    }
    fields.extend(
        program
            .fields
            .iter()
            .map(|field| (field.name.as_str(), Some(field.span))),
    );
    let scores = program
        .scores
        .iter()
        .map(|score| (score.name.as_str(), Some(score.span)));
    for (kind, names) in [("field", fields), ("score", scores.collect())] {
        for (index, &(name, span)) in names.iter().enumerate() {
            let earlier = names[..index]
                .iter()
                .find(|(other, _)| other.to_lowercase() == name.to_lowercase());
            if let (Some(&(other, other_span)), Some(span)) = (earlier, span) {
                problems.push(names_differ_in_case(kind, name, span, other, other_span));
            }
        }
    }
}

fn names_differ_in_case(
    kind: &str,
    name: &str,
    span: Span,
    other: &str,
    other_span: Option<Span>,
) -> Diagnostic {
    let diagnostic = Diagnostic::new(
        Code::SqlCaseClash,
        format!(
            "{kind} `{name}` and `{other}` are one column in Spark SQL, which ignores case in names"
        ),
        span,
        format!("the same name as `{other}` but for case"),
    )
    .with_help(format!("rename one of the two {kind}s"));
    match other_span {
        Some(other_span) => diagnostic.with_label(other_span, format!("`{other}` is here")),
        None => diagnostic.with_note("the input relation has an `id` column"),
    }
}

fn score_clashes(name: &str, span: Span) -> Diagnostic {
    Diagnostic::new(
        Code::SqlColumnClash,
        format!("score `{name}` has the name of an output column of `icpc sql`"),
        span,
        "named like a fixed column",
    )
    .with_help("rename the score: `id`, `tier`, `disqualified`, `matched` and `reasons` are taken")
}

//! Each field read from its input column the way `icpc eval` reads it: a
//! value of the wrong type is NULL (missing), never an engine error.
//!
//! Typed columns are taken as they are, but numbers become DOUBLE (eval
//! compares every number as an `f64`, so a BIGINT beyond 2^53 compares as
//! eval's rounded value does), an `int` that is not whole is missing, a
//! timestamp counts by its date part, and a list holding a NULL is missing.
//! Text columns (`--text-columns`) follow `semantics::coerce`: an empty
//! cell is missing, numbers must be exactly a decimal number, booleans
//! `true`/`false` in any case, dates `YYYY-MM-DD` or a timestamp starting
//! with one, lists split on the separator.

use super::{Dialect, Options};
use crate::ir::Type;

/// The expression of a field of type `ty` read from `column`.
pub fn read(column: &str, ty: Type, options: &Options) -> String {
    let dialect = options.dialect;
    if options.text_columns {
        let cell = format!("NULLIF({column}, '')");
        return from_text(&cell, ty, options);
    }
    let double = dialect.double();
    match ty {
        Type::Int => {
            let value = format!("CAST({column} AS {double})");
            let whole = whole(&value, dialect);
            match integer_typed(column, dialect) {
                Some(integer) => format!("CASE WHEN {integer} OR {whole} THEN {value} END"),
                None => format!("CASE WHEN {whole} THEN {value} END"),
            }
        }
        Type::Number => format!("CAST({column} AS {double})"),
        Type::Date => format!("CAST({column} AS DATE)"),
        Type::TextList | Type::Text | Type::Bool | Type::Any => column.to_owned(),
    }
}

/// A condition that holds when the column has an integer type, which the
/// engine decides before it reads a row: DuckDB folds `typeof()` to a
/// constant, so the whole-number check costs nothing on a BIGINT column
/// (5 ms of CPU per column over the benchmark's 200,000 leads otherwise).
fn integer_typed(column: &str, dialect: Dialect) -> Option<String> {
    match dialect {
        Dialect::DuckDb => Some(format!(
            "typeof({column}) IN ('TINYINT', 'SMALLINT', 'INTEGER', 'BIGINT', 'HUGEINT', 'UTINYINT', 'USMALLINT', 'UINTEGER', 'UBIGINT', 'UHUGEINT')"
        )),
        Dialect::Postgres | Dialect::Spark => None,
    }
}

/// Whether a number (not NULL) is whole. Spark's `floor()` of a DOUBLE is
/// a BIGINT, which saturates (`floor(1e300)` is 2^63 - 1): there the
/// remainder decides.
fn whole(value: &str, dialect: Dialect) -> String {
    match dialect {
        Dialect::DuckDb | Dialect::Postgres => format!("floor({value}) = {value}"),
        Dialect::Spark => format!("{value} % 1 = 0"),
    }
}

/// Rust's `f64` syntax limited to `semantics::number_text`'s characters.
fn number(dialect: Dialect) -> String {
    let end = super::regex::text_end(dialect);
    format!("^[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?{end}")
}
/// PostgreSQL casts through NUMERIC, which refuses exponents past 131072:
/// there, longer exponents are not read (a documented limitation).
const NUMBER_SHORT_EXPONENT: &str = "^[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]{1,5})?$";
fn date_start(dialect: Dialect) -> String {
    let end = super::regex::text_end(dialect);
    format!("^[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}}([Tt ]|{end})")
}

fn from_text(cell: &str, ty: Type, options: &Options) -> String {
    let dialect = options.dialect;
    let double = dialect.double();
    match (ty, dialect) {
        (Type::Text | Type::Any, _) => cell.to_owned(),
        (Type::Bool, _) => {
            format!("CASE lower({cell}) WHEN 'true' THEN TRUE WHEN 'false' THEN FALSE END")
        }
        (Type::TextList, _) => dialect.split_list(cell, options.list_separator),
        (Type::Int | Type::Number, Dialect::DuckDb) => {
            let value = format!("TRY_CAST({cell} AS DOUBLE)");
            let whole = if ty == Type::Int {
                format!(" AND floor({value}) = {value}")
            } else {
                String::new()
            };
            format!(
                "CASE WHEN regexp_matches({cell}, {}) AND isfinite({value}){whole} THEN {value} END",
                dialect.text(&number(dialect))
            )
        }
        (Type::Int | Type::Number, Dialect::Spark) => {
            // Java's parser also reads `1.5d`, `Infinity` and padded text:
            // only text the regex accepted reaches it.
            let value = format!("try_cast({cell} AS DOUBLE)");
            let whole = if ty == Type::Int {
                format!(" AND {}", whole(&value, dialect))
            } else {
                String::new()
            };
            format!(
                "CASE WHEN {cell} RLIKE {} THEN CASE WHEN abs({value}) < CAST('Infinity' AS DOUBLE){whole} THEN {value} END END",
                dialect.text(&number(dialect))
            )
        }
        (Type::Int | Type::Number, Dialect::Postgres) => {
            let exact = format!("CAST({cell} AS NUMERIC)");
            let whole = if ty == Type::Int {
                format!(" AND trunc({exact}) = {exact}")
            } else {
                String::new()
            };
            // CASE evaluates its branches in order, so the casts only see
            // text the regex accepted.
            format!(
                "CASE WHEN {cell} ~ {} THEN CASE WHEN abs({exact}) <= 1.7976931348623157e308{whole} THEN CAST({exact} AS {double}) END END",
                dialect.text(NUMBER_SHORT_EXPONENT)
            )
        }
        (Type::Date, Dialect::DuckDb) => format!(
            "CASE WHEN regexp_matches({cell}, {}) THEN TRY_CAST(substr({cell}, 1, 10) AS DATE) END",
            dialect.text(&date_start(dialect))
        ),
        (Type::Date, Dialect::Spark) => format!(
            "CASE WHEN {cell} RLIKE {} THEN try_cast(substr({cell}, 1, 10) AS DATE) END",
            dialect.text(&date_start(dialect))
        ),
        (Type::Date, Dialect::Postgres) => {
            let year = format!("CAST(substr({cell}, 1, 4) AS INTEGER)");
            let month = format!("CAST(substr({cell}, 6, 2) AS INTEGER)");
            let day = format!("CAST(substr({cell}, 9, 2) AS INTEGER)");
            let leap = format!("({year} % 4 = 0 AND ({year} % 100 <> 0 OR {year} % 400 = 0))");
            let days_in_month = format!(
                "CASE WHEN {month} IN (4, 6, 9, 11) THEN 30 WHEN {month} = 2 THEN CASE WHEN {leap} THEN 29 ELSE 28 END ELSE 31 END"
            );
            format!(
                "CASE WHEN {cell} ~ {} THEN CASE WHEN {year} >= 1 AND {month} BETWEEN 1 AND 12 AND {day} BETWEEN 1 AND {days_in_month} THEN CAST(substr({cell}, 1, 10) AS DATE) END END",
                dialect.text(&date_start(dialect))
            )
        }
    }
}

//! `icpc sql RULES --dialect ENGINE`: prints the SQL statement that gives,
//! for every row of a table, the verdict `icpc eval` gives (docs/sql.md).

use super::output::{self, Stream};
use super::{EXIT_PROBLEMS, Global};
use icpc::render::{self, Format, Report};
use icpc::sql::{Dialect, Options, View};
use std::process::ExitCode;

/// The engines `--dialect` names.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum Engine {
    /// DuckDB (1.3 or later)
    Duckdb,
    /// PostgreSQL (12 or later, UTF-8 database)
    Postgres,
    /// Spark SQL (3.5 or later)
    Spark,
}

/// Arguments of `icpc sql`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The rule file: a path, or `REV:PATH` to read it from git.
    rules: String,
    /// The SQL engine to write for.
    #[arg(long, value_enum)]
    dialect: Engine,
    /// The input relation: a table or view (`schema.table`), or a query in
    /// parentheses; it needs an `id` column and one column per field.
    #[arg(long, value_name = "NAME", default_value = "leads")]
    table: String,
    /// The as-of date of `within N days`, compiled in as a literal;
    /// defaults to today in UTC, as for `icpc eval`.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = super::eval::parse_as_of)]
    as_of: Option<i32>,
    /// Write `CREATE OR REPLACE VIEW NAME AS ...` instead of a query.
    #[arg(long, value_name = "NAME")]
    create_view: Option<String>,
    /// Write `CREATE OR REPLACE TEMPORARY VIEW NAME AS ...`: it lasts the
    /// session; on Spark it can read a temporary view, a permanent one not.
    #[arg(long, value_name = "NAME", conflicts_with = "create_view", value_parser = unqualified)]
    create_temp_view: Option<String>,
    /// Every input column is text (a CSV loaded as text), read as `icpc
    /// eval` reads CSV cells: text that is not a valid value is missing.
    #[arg(long)]
    text_columns: bool,
    /// Print the `CREATE TABLE` of the input table the SQL expects instead.
    #[arg(long, conflicts_with_all = ["create_view", "create_temp_view"])]
    table_ddl: bool,
    /// With `--text-columns`: the separator of items in list cells.
    #[arg(long, value_name = "CHAR", default_value_t = ';')]
    list_separator: char,
}

/// Runs `icpc sql`.
pub fn run(args: &Args, global: &Global) -> miette::Result<ExitCode> {
    let rules = super::rules::load(&args.rules, &icpc::plan::Options::default(), global)?;
    let options = Options {
        dialect: match args.dialect {
            Engine::Duckdb => Dialect::DuckDb,
            Engine::Postgres => Dialect::Postgres,
            Engine::Spark => Dialect::Spark,
        },
        table: args.table.clone(),
        as_of: args.as_of.unwrap_or_else(super::eval::today),
        view: (args.create_view.clone().map(|name| (name, false)))
            .or_else(|| args.create_temp_view.clone().map(|name| (name, true)))
            .map(|(name, temporary)| View { name, temporary }),
        text_columns: args.text_columns,
        list_separator: args.list_separator,
    };
    if args.table_ddl {
        output::write_stdout(&icpc::sql::input_table(rules.program(), &options))?;
        return Ok(ExitCode::SUCCESS);
    }
    match rules.sql(&options) {
        Ok(statement) => {
            output::write_stdout(&statement)?;
            Ok(ExitCode::SUCCESS)
        }
        Err(diagnostics) => {
            let report = Report {
                source: rules.source(),
                diagnostics: &diagnostics,
            };
            let color = global.color.enabled(Stream::Stderr);
            output::write_stderr(&render::render(Format::Human, &[report], color))?;
            Ok(ExitCode::from(EXIT_PROBLEMS))
        }
    }
}

/// A temporary view lives in the session's own schema: every engine
/// refuses a schema in its name.
fn unqualified(name: &str) -> Result<String, String> {
    if name.contains('.') {
        Err("a temporary view takes a name without a schema (no `.`)".to_owned())
    } else {
        Ok(name.to_owned())
    }
}

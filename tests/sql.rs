//! `icpc sql`: the SQL written for every shipped example (snapshots, to
//! review what changes), the diagnostics of what cannot be written exactly,
//! and the size of the SQL staying linear in the rule file. That the SQL
//! gives `icpc eval`'s verdicts on real engines is `tests/sql/harness.py`,
//! run by `.ci/run`.

use icpc::RuleSet;
use icpc::render::{self, Report};
use icpc::sql::{Dialect, Options, View};

mod support;

const DIALECTS: [Dialect; 3] = [Dialect::DuckDb, Dialect::Postgres, Dialect::Spark];

fn options(dialect: Dialect) -> Options {
    Options {
        dialect,
        table: "leads".to_owned(),
        as_of: icpc::date::parse("2025-06-30").expect("a date"),
        view: None,
        text_columns: false,
        list_separator: ';',
    }
}

/// The statement with Spark's fold table (two literals of 1,400
/// characters, the same in every `translate()`) shown by name.
fn readable(sql: String) -> String {
    sql.replace(icpc::sql::spark_fold_table(), "<fold table>")
}

fn compile(path: &str) -> RuleSet {
    let text = std::fs::read_to_string(path).expect("rule file is readable");
    support::files::compile_at(std::path::Path::new(path), text)
}

#[test]
fn shipped_examples() {
    let mut paths: Vec<_> = std::fs::read_dir("examples")
        .expect("examples/ is readable")
        .map(|entry| entry.expect("entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "icp"))
        .collect();
    paths.sort();
    assert!(paths.len() >= 8);
    for path in paths {
        let rules = compile(&path.to_string_lossy());
        let stem = path.file_stem().expect("a name").to_string_lossy();
        for dialect in DIALECTS {
            let sql = rules
                .sql(&options(dialect))
                .expect("examples compile to SQL");
            insta::assert_snapshot!(
                format!("example_{stem}_{}", dialect.as_str()),
                readable(sql)
            );
        }
    }
}

#[test]
fn views_and_text_columns() {
    let rules = compile("examples/quickstart.icp");
    for dialect in DIALECTS {
        let mut options = options(dialect);
        options.view = Some(View {
            name: "analytics.icp_verdicts".to_owned(),
            temporary: false,
        });
        options.text_columns = true;
        let sql = rules.sql(&options).expect("quickstart compiles to SQL");
        insta::assert_snapshot!(format!("text_view_{}", dialect.as_str()), readable(sql));
        let ddl = icpc::sql::input_table(rules.program(), &options);
        insta::assert_snapshot!(format!("text_table_{}", dialect.as_str()), ddl);
    }
}

#[test]
fn temporary_views() {
    // Spark builds no permanent view over a temporary one, the usual way a
    // job registers its input: `--create-temp-view` is for that.
    let rules = compile("examples/quickstart.icp");
    for dialect in DIALECTS {
        let mut options = options(dialect);
        options.view = Some(View {
            name: "icp_verdicts".to_owned(),
            temporary: true,
        });
        let sql = rules.sql(&options).expect("quickstart compiles to SQL");
        let head = format!(
            "CREATE OR REPLACE TEMPORARY VIEW {} AS\nWITH ",
            dialect.ident("icp_verdicts")
        );
        assert!(sql.starts_with(&head), "{}", &sql[..80]);
    }
}

#[test]
fn diagnostics() {
    for name in ["untranslatable_regex", "column_clash", "case_clash"] {
        let path = format!("tests/fixtures/sql/{name}.icp");
        let rules = compile(&path);
        let mut out = String::new();
        for dialect in DIALECTS {
            out.push_str(&format!("-- {}\n", dialect.as_str()));
            if let Err(diagnostics) = rules.sql(&options(dialect)) {
                let report = Report {
                    source: rules.source(),
                    diagnostics: &diagnostics,
                };
                out.push_str(&render::render(render::Format::Human, &[report], false));
            }
        }
        insta::assert_snapshot!(format!("diagnostics_{name}"), out);
    }
}

#[test]
fn spark_folds_by_the_language_table() {
    // Java's `lower()` gives `i̇` for `İ`, a final `ς`, and `ı` for `I` in
    // a Turkish JVM: Spark folds with `translate()` and this table instead.
    let table = icpc::sql::spark_fold_table();
    let (from, to) = table.split_once("', '").expect("two literals");
    let (from, to): (Vec<char>, Vec<char>) = (
        from.trim_start_matches('\'').chars().collect(),
        to.trim_end_matches('\'').chars().collect(),
    );
    assert_eq!(from.len(), to.len());
    assert!(from.len() > 1_000, "{} characters", from.len());
    for (upper, lower) in [
        ('I', 'i'),
        ('İ', 'i'),
        ('Σ', 'σ'),
        ('\u{212A}', 'k'),
        ('Å', 'å'),
    ] {
        let at = from
            .iter()
            .position(|&char| char == upper)
            .expect("in the table");
        assert_eq!(to[at], lower, "{upper}");
    }
    for unchanged in ['ß', 'ς', 'i', '\''] {
        assert!(!from.contains(&unchanged), "{unchanged}");
    }
}

#[test]
fn lets_are_computed_once() {
    // Each let uses the one before twice: inlined, the SQL would double
    // at every step; as CTE columns it grows by a line per let.
    let mut text = String::from("schema {\n  a: int\n}\nscore s\nlet l0 = a > 1\n");
    for index in 1..40 {
        let previous = index - 1;
        text.push_str(&format!(
            "let l{index} = l{previous} and (l{previous} or a > {index})\n"
        ));
    }
    text.push_str("rule r: l39 => s +1\n");
    let rules = RuleSet::compile("chain.icp", text).expect("compiles");
    let sql = rules
        .sql(&options(Dialect::Postgres))
        .expect("compiles to SQL");
    assert!(sql.len() < 20_000, "{} bytes", sql.len());
}

//! Fixture-driven snapshots of every stage: each file under
//! `tests/fixtures/<stage>/` is one case; its snapshot shows the source and
//! the stage's output. Guards: `ok/` fixtures must have no errors (and, for
//! check, no warnings), `err/` fixtures at least one error, `warn/` fixtures
//! no error and at least one warning; every AST node lies inside its
//! parent's span.

mod support;

use icpc::source::Source;
use support::{load, render_diagnostics, two_sections};

#[test]
fn parse_ok() {
    insta::glob!("fixtures/parse/ok/*.icp", |path| {
        let source = load(path);
        let file = icpc::syntax::parse(&source)
            .into_result()
            .unwrap_or_else(|errors| {
                panic!(
                    "{}:\n{}",
                    path.display(),
                    render_diagnostics(&source, &errors)
                )
            });
        support::assert_spans_nested(&file);
        insta::assert_snapshot!(two_sections(&source, &file.to_string()));
    });
}

#[test]
fn parse_err() {
    insta::glob!("fixtures/parse/err/*.icp", |path| {
        let source = load(path);
        let errors = match icpc::syntax::parse(&source).into_result() {
            Ok(_) => panic!("{} parsed without errors", path.display()),
            Err(errors) => errors,
        };
        insta::assert_snapshot!(two_sections(&source, &render_diagnostics(&source, &errors)));
    });
}

/// A fixture that must compile: its source and checked program.
fn compile_clean(path: &std::path::Path) -> (icpc::source::Source, icpc::check::Checked) {
    let source = load(path);
    match icpc::compile(&source) {
        Ok(checked) => (source, checked),
        Err(errors) => panic!(
            "{}:\n{}",
            path.display(),
            render_diagnostics(&source, &errors)
        ),
    }
}

#[test]
fn check_ok() {
    insta::glob!("fixtures/check/ok/*.icp", |path| {
        let (source, checked) = compile_clean(path);
        assert!(
            checked.warnings.is_empty(),
            "{}:\n{}",
            path.display(),
            render_diagnostics(&source, &checked.warnings)
        );
        let program = support::program::show(&checked.program);
        insta::assert_snapshot!(two_sections(&source, &program));
    });
}

#[test]
fn check_err() {
    insta::glob!("fixtures/check/err/*.icp", |path| {
        let source = load(path);
        let diagnostics = match icpc::compile(&source) {
            Ok(_) => panic!("{} checked without errors", path.display()),
            Err(diagnostics) => diagnostics,
        };
        insta::assert_snapshot!(two_sections(
            &source,
            &render_diagnostics(&source, &diagnostics)
        ));
    });
}

#[test]
fn check_warn() {
    insta::glob!("fixtures/check/warn/*.icp", |path| {
        let (source, checked) = compile_clean(path);
        assert!(
            !checked.warnings.is_empty(),
            "{} has no warnings",
            path.display()
        );
        insta::assert_snapshot!(two_sections(
            &source,
            &render_diagnostics(&source, &checked.warnings)
        ));
    });
}

#[test]
fn plan() {
    insta::glob!("fixtures/plan/*.icp", |path| {
        let (source, checked) = compile_clean(path);
        let plan_with = |options| icpc::plan::plan(&checked.program, &options).to_string();
        let output = format!(
            "=== all passes off\n{}\n=== all passes on\n{}",
            plan_with(icpc::plan::Options::none()),
            plan_with(icpc::plan::Options::default())
        );
        insta::assert_snapshot!(two_sections(&source, &output));
    });
}

#[test]
fn source_survives_any_line_ending() {
    let text = "score fit\r\nrule a: x == 1 => fit +1\r\n";
    assert!(
        icpc::syntax::parse(&Source::new("crlf.icp", text))
            .diagnostics
            .is_empty()
    );
}

/// Score-space fixtures go through `icpc::lint`, as `icpc check` does.
fn lint_clean(path: &std::path::Path) -> (icpc::source::Source, icpc::check::Checked) {
    let source = support::load_with_includes(path);
    match icpc::lint(&source) {
        Ok(checked) => (source, checked),
        Err(errors) => panic!(
            "{}:\n{}",
            path.display(),
            render_diagnostics(&source, &errors)
        ),
    }
}

#[test]
fn check_scores_warn() {
    insta::glob!("fixtures/scores/warn/*.icp", |path| {
        let (source, checked) = lint_clean(path);
        assert!(
            checked
                .warnings
                .iter()
                .any(|warning| warning.code.as_str().starts_with("W3")),
            "{} has no score-space warning",
            path.display()
        );
        insta::assert_snapshot!(two_sections(
            &source,
            &render_diagnostics(&source, &checked.warnings)
        ));
    });
}

#[test]
fn check_scores_ok() {
    insta::glob!("fixtures/scores/ok/*.icp", |path| {
        let (source, checked) = lint_clean(path);
        assert!(
            checked.warnings.is_empty(),
            "{}:\n{}",
            path.display(),
            render_diagnostics(&source, &checked.warnings)
        );
    });
}

/// Every shipped example gets no score-space warning either: real rule
/// files that work are not flagged.
#[test]
fn examples_get_no_score_space_warnings() {
    let mut paths: Vec<std::path::PathBuf> = std::fs::read_dir("examples")
        .expect("examples")
        .map(|entry| entry.expect("entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "icp"))
        .collect();
    paths.sort();
    for path in paths {
        let (source, checked) = lint_clean(&path);
        let score_space: Vec<_> = (checked.warnings.iter())
            .filter(|warning| warning.code.as_str().starts_with("W3"))
            .cloned()
            .collect();
        assert!(
            score_space.is_empty(),
            "{}:\n{}",
            path.display(),
            render_diagnostics(&source, &score_space)
        );
    }
}

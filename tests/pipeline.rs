//! Fixture-driven snapshots of every stage: each file under
//! `tests/fixtures/<stage>/` is one case; its snapshot shows the source and
//! the stage's output. Guards: `ok/` fixtures must have no errors, `err/`
//! fixtures at least one, and every AST node lies inside its parent's span.

mod support;

use icpc::source::Source;
use support::{load, render_diagnostics, two_sections};

#[test]
fn parse_ok() {
    insta::glob!("fixtures/parse/ok/*.icp", |path| {
        let source = load(path);
        let file = icpc::syntax::parse(&source).unwrap_or_else(|errors| {
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
        let errors = match icpc::syntax::parse(&source) {
            Ok(_) => panic!("{} parsed without errors", path.display()),
            Err(errors) => errors,
        };
        insta::assert_snapshot!(two_sections(&source, &render_diagnostics(&source, &errors)));
    });
}

#[test]
fn source_survives_any_line_ending() {
    let text = "score fit\r\nrule a: x == 1 => fit +1\r\n";
    assert!(icpc::syntax::parse(&Source::new("crlf.icp", text)).is_ok());
}

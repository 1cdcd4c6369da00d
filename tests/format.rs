//! `icpc fmt`'s layout: snapshots of messy fixtures and their canonical
//! form, and the two invariants over generated trees and every rule file
//! in the repository: formatting is idempotent, and the formatted text
//! parses to the same tree as the original (spans aside, compared through
//! the AST's s-expression `Display`).

#[path = "format/strategy.rs"]
mod strategy;
mod support;

use icpc::source::Source;
use proptest::prelude::*;
use std::path::{Path, PathBuf};
use support::{load, two_sections};

/// Parses and formats, panicking with the diagnostics if it does not parse.
fn format_source(source: &Source) -> String {
    let file = icpc::syntax::parse(source)
        .into_result()
        .unwrap_or_else(|errors| {
            panic!(
                "{} does not parse:\n{}",
                source.name,
                support::render_diagnostics(source, &errors)
            )
        });
    icpc::format::format(&file, source)
}

/// Both invariants for one source that parses.
fn assert_stable(source: &Source) {
    let original = icpc::syntax::parse(source)
        .into_result()
        .expect("the original parses");
    let formatted = icpc::format::format(&original, source);
    let reparsed_source = Source::new(source.name.clone(), formatted.clone());
    let reparsed = icpc::syntax::parse(&reparsed_source)
        .into_result()
        .unwrap_or_else(|errors| {
            panic!(
                "formatted {} does not parse:\n{formatted}\n{}",
                source.name,
                support::render_diagnostics(&reparsed_source, &errors)
            )
        });
    assert_eq!(
        original.to_string(),
        reparsed.to_string(),
        "tree changed:\n{formatted}"
    );
    let again = icpc::format::format(&reparsed, &reparsed_source);
    assert_eq!(formatted, again, "not idempotent");
    assert_eq!(
        original.comments.len(),
        reparsed.comments.len(),
        "comments lost:\n{formatted}"
    );
}

#[test]
fn fixtures_format_canonically() {
    insta::glob!("fixtures/format/*.icp", |path| {
        let source = load(path);
        assert_stable(&source);
        insta::assert_snapshot!(two_sections(&source, &format_source(&source)));
    });
}

/// Every `.icp` file under `dir`, recursively.
fn rule_files(dir: &Path, found: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            rule_files(&path, found);
        } else if path.extension().is_some_and(|extension| extension == "icp") {
            found.push(path);
        }
    }
}

#[test]
fn every_rule_file_in_the_repository_formats_stably() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rule_files(&root.join("tests/fixtures"), &mut files);
    rule_files(&root.join("examples"), &mut files);
    rule_files(&root.join("docs"), &mut files);
    let mut formatted = 0;
    for path in &files {
        let Ok(bytes) = std::fs::read(path) else {
            continue;
        };
        let Ok(source) = Source::from_bytes(path.display().to_string(), bytes) else {
            continue;
        };
        if icpc::syntax::parse(&source).into_result().is_ok() {
            assert_stable(&source);
            formatted += 1;
        }
    }
    assert!(formatted > 0, "no rule file found to format");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn generated_trees_print_parse_back_and_stay_put(file in strategy::file()) {
        let empty = Source::new("generated.icp", "");
        let text = icpc::format::format(&file, &empty);
        let source = Source::new("generated.icp", text.clone());
        let parsed = icpc::syntax::parse(&source).into_result().map_err(|errors| {
            TestCaseError::fail(format!("{text}\n{}", support::render_diagnostics(&source, &errors)))
        })?;
        prop_assert_eq!(file.to_string(), parsed.to_string(), "{}", text);
        prop_assert_eq!(&text, &icpc::format::format(&parsed, &source));
    }
}

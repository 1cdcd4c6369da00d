//! The grammar against the one before decision 017 (kept frozen in
//! `tests/fixtures/grammar/before-017.pest`): on every declaration of every
//! fixture and example, and on every prefix of it that ends before a space,
//! both accept the same text with the same pairs, or both reject it at the
//! same place expecting the same rules, so no syntax error changes.

use crate::syntax::{IcpParser, Rule, scan, split};
use pest::Parser;
use std::path::{Path, PathBuf};

mod before {
    /// The parser of the grammar as it was before decision 017.
    #[derive(pest_derive::Parser)]
    #[grammar = "../tests/fixtures/grammar/before-017.pest"]
    pub struct Parser;
}

/// Every pair of a parse as (rule, start, end).
type Pairs = Vec<(String, usize, usize)>;

/// Where a parse failed, and the rules it expected there.
type Failure = (String, Vec<String>);

/// What a parse shows: every pair, or where it failed and what it expected.
fn outcome<R: pest::RuleType>(
    result: Result<pest::iterators::Pairs<'_, R>, pest::error::Error<R>>,
) -> Result<Pairs, Failure> {
    match result {
        Ok(pairs) => Ok(pairs
            .flatten()
            .map(|pair| {
                let span = pair.as_span();
                (format!("{:?}", pair.as_rule()), span.start(), span.end())
            })
            .collect()),
        Err(error) => {
            let expected = match &error.variant {
                pest::error::ErrorVariant::ParsingError { positives, .. } => {
                    let mut names: Vec<String> =
                        positives.iter().map(|rule| format!("{rule:?}")).collect();
                    names.sort();
                    names
                }
                pest::error::ErrorVariant::CustomError { message } => vec![message.clone()],
            };
            Err((format!("{:?}", error.location), expected))
        }
    }
}

pub(super) fn icp_files(dir: &Path, found: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            icp_files(&path, found);
        } else if path.extension().is_some_and(|extension| extension == "icp") {
            found.push(path);
        }
    }
}

/// The declarations of `text` as the parser splits them, and the prefixes
/// of each that end just before a space.
fn slices(text: &str) -> Vec<&str> {
    let scan = scan::scan(text);
    let mut slices = Vec::new();
    let mut start = 0;
    while start < text.len() {
        let end = split::extent(text, &scan, start).end;
        let declaration = &text[start..end];
        slices.extend(
            declaration
                .match_indices(' ')
                .map(|(at, _)| &declaration[..at]),
        );
        slices.push(declaration);
        start = end;
    }
    slices
}

#[test]
fn the_grammar_accepts_and_rejects_what_it_did_before() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    icp_files(&root.join("tests/fixtures"), &mut files);
    icp_files(&root.join("examples"), &mut files);
    files.sort();
    assert!(files.len() > 100, "the fixture corpus is missing");
    let (mut accepted, mut rejected) = (0, 0);
    for path in &files {
        let Ok(text) = std::fs::read_to_string(path) else {
            continue;
        };
        for slice in slices(&text) {
            let now = outcome(IcpParser::parse(Rule::item, slice));
            let then = outcome(before::Parser::parse(before::Rule::item, slice));
            assert_eq!(now, then, "{}: {slice:?}", path.display());
            if now.is_ok() {
                accepted += 1;
            } else {
                rejected += 1;
            }
        }
    }
    assert!(
        accepted > 1000 && rejected > 1000,
        "{accepted} accepted, {rejected} rejected"
    );
}

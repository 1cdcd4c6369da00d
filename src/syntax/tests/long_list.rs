//! Long lists parsed a piece at a time give the same file and the same
//! errors as lists parsed whole (`long_list`).

use crate::syntax::long_list::Pieces;
use crate::syntax::{Parsed, parse_text, scan};
use std::path::Path;

/// Every list parsed whole.
const WHOLE: Pieces = Pieces {
    long: usize::MAX,
    chunk: usize::MAX,
};

/// Every non-empty list parsed in pieces of `chunk` values.
fn tiny(chunk: usize) -> Pieces {
    Pieces { long: 0, chunk }
}

fn shown(parsed: &Parsed) -> String {
    format!("{:?}\n{:?}", parsed.file, parsed.diagnostics)
}

fn same(text: &str, what: &str) {
    let whole = shown(&parse_text(text, 7, WHOLE, |_| true));
    for chunk in [1, 2, 3, 1024] {
        let pieces = shown(&parse_text(text, 7, tiny(chunk), |_| true));
        assert_eq!(pieces, whole, "{what}, pieces of {chunk}");
    }
}

const LISTS: &str = r#"schema { industry: text  tech: list<text>  size: int  seen: date }
let big = [SaaS, "Zoho, CRM", "a \"quoted, one\"", Retail&Co, e-commerce, a.b, # a comment, "with a quote
  x_1, # another ] one
  "tab	and ü", 12, -2.5, 1_000, 2025-06-30, true, false,
]
rule r: industry in ["x", y, "z,w"] and tech has any [HubSpot, "Slack"] => fit +1
rule s: size in [1, 2, 3, 5_000] and seen in [2025-01-01, 2025-02-01] => fit +2
rule t: industry not in [a] or tech has all [b, c,] => fit +3
example "e": {industry: SaaS, tech: [HubSpot, "Slack, Inc"]} => fit 3
rule u: industry in [a, , b] => fit +1
rule v: industry in [a, b c] => fit +1
rule w: industry in [a, /x/] => fit +1
rule x: industry in [a, "open] => fit +1
let empty = [ ]
"#;

#[test]
fn long_lists_of_every_kind_of_value_parse_as_whole_lists_do() {
    same(LISTS, "the list cases");
    let parsed = parse_text(LISTS, 0, tiny(2), |_| true);
    assert_eq!(parsed.diagnostics.len(), 4, "{:?}", parsed.diagnostics);
}

#[test]
fn a_valid_long_list_is_parsed_in_pieces() {
    let values: Vec<String> = (0..3000).map(|at| format!("\"v{at}\"")).collect();
    let text = format!("let big = [{}]\n", values.join(", "));
    let scan = scan::scan(&text);
    let insides = crate::syntax::long_list::insides(&scan.brackets, 0, text.len(), 1024);
    let insides = insides.clone();
    assert_eq!(insides, vec![11..text.len() - 2]);
    let pieces = crate::syntax::long_list::pieces(&text[insides[0].clone()], 1024);
    assert_eq!(pieces.len(), 3);
    let parser = crate::syntax::FileParser {
        text: &text,
        base: 0,
        pieces: tiny(1024),
        scan,
        items: Vec::new(),
        broken: Vec::new(),
        diagnostics: Vec::new(),
    };
    let item = parser.parse_in_pieces(0, text.len(), &insides);
    assert!(matches!(item, Some(Some(_))), "{item:?}");
    same(&text, "3,000 values");
}

#[test]
fn every_fixture_and_example_parses_the_same_in_pieces() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    super::grammar_change::icp_files(&root.join("tests/fixtures"), &mut files);
    super::grammar_change::icp_files(&root.join("examples"), &mut files);
    assert!(files.len() > 100, "the fixture corpus is missing");
    for path in &files {
        if let Ok(text) = std::fs::read_to_string(path) {
            same(&text, &path.display().to_string());
        }
    }
}

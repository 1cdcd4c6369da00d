//! The diagnostic catalogue kept in step: every `diagnostic::Code` has a
//! `## CODE: name` section in docs/errors.md and every section a code;
//! every check code (E2xx, W2xx, E6xx) appears in at least one check fixture
//! snapshot; and every example in docs/errors.md is executed: an ```icp
//! block compiles, an ```icp,error block fails, and the ```text block that
//! follows either one is exactly what the real short renderer (`icpc check
//! --format short`) prints for it, every line of it.

use icpc::diagnostic::{Code, Diagnostic};
use icpc::render::{self, Report};
use icpc::source::Source;
use std::collections::BTreeSet;

const ERRORS_MD: &str = include_str!("../docs/errors.md");

fn headings() -> BTreeSet<String> {
    ERRORS_MD
        .lines()
        .filter_map(|line| line.strip_prefix("## "))
        .filter(|title| title.len() > 5 && title.as_bytes()[4] == b':')
        .map(str::to_string)
        .collect()
}

fn heading(code: Code) -> String {
    format!("{}: {}", code.as_str(), code.name().replace('-', " "))
}

#[test]
fn every_code_has_a_section_and_every_section_a_code() {
    let documented = headings();
    let expected: BTreeSet<String> = Code::ALL.iter().map(|code| heading(*code)).collect();
    let missing: Vec<&String> = expected.difference(&documented).collect();
    let unknown: Vec<&String> = documented.difference(&expected).collect();
    assert!(
        missing.is_empty(),
        "codes without a section in docs/errors.md: {missing:?}"
    );
    assert!(
        unknown.is_empty(),
        "sections of no code in docs/errors.md: {unknown:?}"
    );
}

#[test]
fn every_check_code_has_a_fixture() {
    let snapshots = std::fs::read_dir("tests/snapshots").expect("snapshot directory is readable");
    let mut text = String::new();
    for entry in snapshots {
        let path = entry.expect("snapshot entry is readable").path();
        let name = path
            .file_name()
            .map(|name| name.to_string_lossy().to_string())
            .unwrap_or_default();
        if name.starts_with("pipeline__check_") {
            text.push_str(&std::fs::read_to_string(&path).expect("snapshot is readable"));
        }
    }
    let uncovered: Vec<&str> = Code::ALL
        .iter()
        .map(|code| code.as_str())
        .filter(|code| {
            ["E2", "W2", "W3", "E6"]
                .iter()
                .any(|prefix| code.starts_with(prefix))
        })
        .filter(|code| !text.contains(&format!("[{code}]")))
        .collect();
    assert!(
        uncovered.is_empty(),
        "check codes without a fixture: {uncovered:?}"
    );
}

/// One fenced block of the document: its info string, its text, and
/// whether only blank lines separate it from the block before.
struct Block {
    info: String,
    text: String,
    follows: bool,
}

fn blocks() -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut lines = ERRORS_MD.lines();
    let mut follows = false;
    while let Some(line) = lines.next() {
        let Some(info) = line.strip_prefix("```") else {
            follows &= line.trim().is_empty();
            continue;
        };
        let body: Vec<&str> = lines.by_ref().take_while(|line| *line != "```").collect();
        blocks.push(Block {
            info: info.to_string(),
            text: body.join("\n"),
            follows,
        });
        follows = true;
    }
    blocks
}

/// The diagnostics exactly as `icpc check --format short` prints them,
/// through the real renderer, without colour.
fn short(source: &Source, diagnostics: &[Diagnostic]) -> String {
    let report = Report {
        source,
        diagnostics,
    };
    render::render(render::Format::Short, &[report], false)
        .trim_end()
        .to_string()
}

#[test]
fn every_example_produces_the_documented_output() {
    let blocks = blocks();
    let mut checked = 0;
    for (index, block) in blocks.iter().enumerate() {
        let text = &block.text;
        let should_fail = match block.info.as_str() {
            "icp" => false,
            "icp,error" => true,
            _ => continue,
        };
        let source = Source::new("rules.icp", format!("{text}\n"));
        let diagnostics = match (icpc::lint(&source), should_fail) {
            (Ok(checked), false) => checked.warnings,
            (Err(diagnostics), true) => diagnostics,
            (Ok(_), true) => panic!("this example should fail but compiles:\n{text}"),
            (Err(diagnostics), false) => {
                panic!(
                    "this example should compile:\n{text}\n{}",
                    short(&source, &diagnostics)
                )
            }
        };
        if let Some(next) = blocks.get(index + 1)
            && next.info == "text"
            && next.follows
        {
            assert_eq!(
                short(&source, &diagnostics),
                next.text,
                "output of:\n{text}"
            );
        }
        checked += 1;
    }
    assert!(
        checked >= 30,
        "only {checked} examples found in docs/errors.md"
    );
}

//! Never a panic, whatever the input: random bytes and random mutations of
//! every fixture go through decoding, parsing, checking, formatting,
//! every renderer and `icpc test` (coverage and mutants included); and the hard cases by name: a BOM, CRLF line ends, deep
//! nesting (a clear error, not a stack overflow), a 10 MB file, binary
//! garbage (E100).

use icpc::diagnostic::{Code, Diagnostic, Severity};
use icpc::render::{self, Format, Report};
use icpc::source::Source;
use proptest::prelude::*;
use std::path::Path;
use std::sync::LazyLock;

/// The whole front end on some bytes; returns the diagnostics. Panics
/// (failing the test) only if formatting a file that parsed changes its
/// meaning, produces text that does not parse, or is not idempotent.
fn front_end(bytes: Vec<u8>) -> Vec<Diagnostic> {
    let (source, not_utf8) = Source::decode("input.icp", bytes);
    let diagnostics = match not_utf8 {
        Some(diagnostic) => vec![diagnostic],
        None => match icpc::syntax::parse(&source).into_result() {
            Ok(file) => {
                let checked = icpc::compile(&source);
                let formatted = icpc::format::format(&file, &source);
                let formatted_source = Source::new("formatted.icp", formatted.clone());
                let again = icpc::syntax::parse(&formatted_source)
                    .into_result()
                    .unwrap_or_else(|_| panic!("formatted text does not parse:\n{formatted}"));
                assert_eq!(file.to_string(), again.to_string(), "{formatted}");
                assert_eq!(formatted, icpc::format::format(&again, &formatted_source));
                run_examples(&source);
                checked.map_or_else(|diagnostics| diagnostics, |checked| checked.warnings)
            }
            Err(diagnostics) => diagnostics,
        },
    };
    let report = Report {
        source: &source,
        diagnostics: &diagnostics,
    };
    for format in [
        Format::Human,
        Format::Short,
        Format::Json,
        Format::Github,
        Format::Sarif,
    ] {
        render::render(format, &[report], true);
    }
    diagnostics
}

/// Every fixture file's bytes, read once.
static FIXTURES: LazyLock<Vec<Vec<u8>>> = LazyLock::new(fixture_texts);

/// `icpc test` with coverage and mutants on a file that compiles: every
/// example is judged and every goal and mutant accounted for, never a panic.
fn run_examples(source: &Source) {
    let Ok(rules) = icpc::RuleSet::from_source(source.clone(), &icpc::plan::Options::default())
    else {
        return;
    };
    let options = icpc::testing::Options {
        as_of: Some(20_269),
        coverage: true,
        mutants: true,
        ..icpc::testing::Options::default()
    };
    let tested = icpc::testing::test(&rules, &options);
    assert_eq!(tested.run.results.len(), rules.suite().examples.len());
    let report = icpc::testing::report::Report {
        files: vec![icpc::testing::report::File::Ran(Box::new(tested))],
    };
    let _ = (report.to_text(), report.to_json(), report.to_junit());
}

fn fixture_texts() -> Vec<Vec<u8>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut texts = Vec::new();
    let mut dirs = vec![root];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).expect("fixture dir").flatten() {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|extension| extension == "icp") {
                texts.push(std::fs::read(&path).expect("fixture readable"));
            }
        }
    }
    texts.sort();
    texts
}

/// One edit of a byte string; positions are taken modulo its length.
#[derive(Debug, Clone)]
enum Mutation {
    Insert(usize, u8),
    Delete(usize),
    Replace(usize, u8),
}

fn interesting_byte() -> impl Strategy<Value = u8> {
    prop_oneof![
        prop::sample::select(b"()[]{}\"/\\#:=<>!.,-+_ \n\r\tanotri0159".to_vec()),
        any::<u8>(),
    ]
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), interesting_byte()).prop_map(|(at, byte)| Mutation::Insert(at, byte)),
        any::<usize>().prop_map(Mutation::Delete),
        (any::<usize>(), interesting_byte()).prop_map(|(at, byte)| Mutation::Replace(at, byte)),
    ]
}

fn mutate(mut bytes: Vec<u8>, mutations: &[Mutation]) -> Vec<u8> {
    for mutation in mutations {
        let len = bytes.len();
        match *mutation {
            Mutation::Insert(at, byte) => bytes.insert(at % (len + 1), byte),
            Mutation::Delete(at) if len > 0 => {
                bytes.remove(at % len);
            }
            Mutation::Replace(at, byte) if len > 0 => bytes[at % len] = byte,
            Mutation::Delete(_) | Mutation::Replace(..) => {}
        }
    }
    bytes
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn random_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        front_end(bytes);
    }

    #[test]
    fn random_ascii_never_panics(text in "[ -~\n]{0,300}") {
        front_end(text.into_bytes());
    }

    #[test]
    fn mutated_fixtures_never_panic(
        index in any::<prop::sample::Index>(),
        mutations in prop::collection::vec(mutation(), 1..6),
    ) {
        let original = index.get(&FIXTURES).clone();
        front_end(mutate(original, &mutations));
    }
}

fn codes(diagnostics: &[Diagnostic]) -> Vec<Code> {
    diagnostics
        .iter()
        .map(|diagnostic| diagnostic.code)
        .collect()
}

fn errors(diagnostics: &[Diagnostic]) -> Vec<Code> {
    let errors = diagnostics
        .iter()
        .filter(|d| d.severity() == Severity::Error);
    errors.map(|diagnostic| diagnostic.code).collect()
}

#[test]
fn byte_order_mark_is_accepted() {
    let diagnostics = front_end(b"\xef\xbb\xbfscore fit\nrule a: x == 1 => fit +1\n".to_vec());
    assert_eq!(errors(&diagnostics), []);
}

#[test]
fn crlf_line_ends_are_accepted() {
    let text = "# comment\r\nschema {\r\n  x: int # trailing\r\n}\r\n\r\nscore fit\r\nrule a: x == 1 => fit +1\r\n";
    assert_eq!(errors(&front_end(text.as_bytes().to_vec())), []);
}

#[test]
fn a_thousand_nested_parentheses_are_a_clear_error() {
    let text = format!(
        "score fit\nrule a: {}x == 1{} => fit +1\n",
        "(".repeat(1000),
        ")".repeat(1000)
    );
    assert_eq!(codes(&front_end(text.into_bytes())), [Code::TooDeep]);
}

#[test]
fn ten_thousand_nots_are_a_clear_error() {
    let text = format!(
        "score fit\nrule a: {}x == 1 => fit +1\n",
        "not ".repeat(10_000)
    );
    assert_eq!(codes(&front_end(text.into_bytes())), [Code::TooDeep]);
}

#[test]
fn binary_garbage_is_not_utf8() {
    let garbage: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8)
        .collect();
    assert_eq!(codes(&front_end(garbage)), [Code::NotUtf8]);
}

#[test]
fn ten_megabyte_file_parses() {
    let mut text = String::from("schema {\n  employees: int\n  industry: text\n}\nscore fit\n");
    let mut index = 0;
    while text.len() < 10 * 1024 * 1024 {
        text.push_str(&format!(
            "rule r{index}: industry in [SaaS, \"Fin Tech\"] and employees {index}..{} => fit +1 # note\n",
            index + 10
        ));
        index += 1;
    }
    let source = Source::new("big.icp", text);
    let file = icpc::syntax::parse(&source)
        .into_result()
        .expect("a big file parses");
    assert_eq!(file.items.len(), index + 2);
}

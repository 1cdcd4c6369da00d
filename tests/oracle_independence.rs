//! The reference interpreter is a second opinion only while nothing on the
//! fast path calls it: if `eval` or `plan` borrowed a function from
//! `interp`, the plan-vs-interpreter property test would check that code
//! against itself. This test reads the library's sources and fails on any
//! use of `interp` outside `src/interp.rs` and test files (`tests.rs`);
//! the shared meaning lives in `src/semantics/`, which `interp` does not
//! call either.

use std::path::{Path, PathBuf};

fn sources(dir: &Path, found: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("src/ is readable")
        .map(|entry| entry.expect("a directory entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            sources(&path, found);
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            found.push(path);
        }
    }
}

fn uses(text: &str, needle: &str) -> Vec<usize> {
    (text.lines().enumerate())
        .filter(|(_, line)| !line.trim_start().starts_with("//") && line.contains(needle))
        .map(|(index, _)| index + 1)
        .collect()
}

#[test]
fn nothing_outside_tests_calls_the_reference_interpreter() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&src, &mut files);
    let mut offenders = Vec::new();
    for path in files {
        let name = path.strip_prefix(&src).expect("under src/");
        if name == Path::new("interp.rs") || name.ends_with("tests.rs") {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("a readable source file");
        for line in uses(&text, "interp::")
            .into_iter()
            .chain(uses(&text, "crate::interp"))
        {
            offenders.push(format!("src/{}:{line}", name.display()));
        }
    }
    assert!(
        offenders.is_empty(),
        "fast-path code calls interp: {offenders:?}"
    );
}

#[test]
fn the_interpreter_keeps_its_own_code() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/interp.rs");
    let text = std::fs::read_to_string(path).expect("src/interp.rs is readable");
    assert_eq!(uses(&text, "semantics"), Vec::<usize>::new());
}

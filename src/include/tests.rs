use super::*;
use std::collections::HashMap;

/// Files in memory, named by path; includes are relative to nothing.
struct Files(HashMap<&'static str, &'static str>);

impl Loader for Files {
    fn load(&mut self, _from: &str, path: &str) -> Result<Loaded, LoadError> {
        match self.0.get(path) {
            Some(text) => Ok(Loaded {
                name: path.to_string(),
                key: path.to_string(),
                bytes: text.as_bytes().to_vec(),
            }),
            None => Err(LoadError::NotFound {
                looked_at: path.to_string(),
                nearby: self.0.keys().map(|name| name.to_string()).collect(),
            }),
        }
    }
}

fn files(list: &[(&'static str, &'static str)]) -> Files {
    Files(list.iter().copied().collect())
}

#[test]
fn included_files_come_first_and_once() {
    let mut loader = files(&[
        ("schema.icp", "score fit\n"),
        (
            "lists.icp",
            "include \"schema.icp\"\nlet big = employees > 100",
        ),
    ]);
    let root = Source::new(
        "main.icp",
        "include \"schema.icp\"\ninclude \"lists.icp\"\nbig => fit +1\n",
    );
    let resolved = resolve(root, &mut loader);
    assert!(resolved.diagnostics.is_empty());
    let names: Vec<String> = resolved
        .source
        .parts()
        .into_iter()
        .map(|p| p.name)
        .collect();
    assert_eq!(names, ["schema.icp", "lists.icp", "main.icp"]);
    assert!(crate::compile(&resolved.source).is_ok());
}

#[test]
fn a_missing_include_suggests_a_file_and_points_into_its_file() {
    let mut loader = files(&[
        ("shared.icp", "include \"negativ.icp\"\n"),
        ("negative.icp", ""),
    ]);
    let root = Source::new("main.icp", "include \"shared.icp\"\n");
    let resolved = resolve(root, &mut loader);
    let [diagnostic] = resolved.diagnostics.as_slice() else {
        panic!("{:?}", resolved.diagnostics)
    };
    assert_eq!(diagnostic.code, Code::IncludeNotFound);
    assert_eq!(
        diagnostic.help.as_deref(),
        Some("did you mean `negative.icp`?")
    );
    let start = diagnostic.primary_span().start;
    assert_eq!(resolved.source.location(start), "shared.icp:1:9");
    let reports = by_file(&resolved.source, &resolved.diagnostics);
    assert_eq!(reports[0].0.name, "shared.icp");
    assert_eq!(
        reports[0].0.slice(reports[0].1[0].primary_span()),
        "\"negativ.icp\""
    );
}

#[test]
fn a_cycle_shows_the_chain() {
    let mut loader = files(&[
        ("a.icp", "include \"b.icp\"\n"),
        ("b.icp", "include \"a.icp\"\n"),
    ]);
    let root = Source::new("main.icp", "include \"a.icp\"\n");
    let resolved = resolve(root, &mut loader);
    let [diagnostic] = resolved.diagnostics.as_slice() else {
        panic!("{:?}", resolved.diagnostics)
    };
    assert_eq!(diagnostic.code, Code::IncludeCycle);
    assert_eq!(diagnostic.notes, ["the includes: a.icp -> b.icp -> a.icp"]);
}

#[test]
fn a_diagnostic_at_the_start_of_an_included_file_is_reported_once_there() {
    let mut loader = files(&[
        ("a.icp", "schema {\n  a: int\n}\n"),
        ("b.icp", "schema {\n  b: int\n}\n"),
    ]);
    let root = Source::new(
        "main.icp",
        "include \"a.icp\"\ninclude \"b.icp\"\nscore fit\nrule r: a > 1 => fit +1\n",
    );
    let resolved = resolve(root, &mut loader);
    let errors = crate::compile(&resolved.source).expect_err("two schemas");
    let reports = by_file(&resolved.source, &errors);
    let with_errors: Vec<(&str, usize)> = (reports.iter())
        .filter(|(_, diagnostics)| !diagnostics.is_empty())
        .map(|(file, diagnostics)| (file.name.as_str(), diagnostics.len()))
        .collect();
    assert_eq!(with_errors, [("b.icp", 1)]);
}

#[test]
fn a_name_defined_in_two_files_is_a_duplicate_with_both_places() {
    let mut loader = files(&[("shared.icp", "score fit\nlet big = employees > 100\n")]);
    let root = Source::new(
        "main.icp",
        "include \"shared.icp\"\nlet big = employees > 10\nbig => fit +1\n",
    );
    let resolved = resolve(root, &mut loader);
    let errors = crate::compile(&resolved.source).expect_err("a duplicate");
    let reports = by_file(&resolved.source, &errors);
    let [(file, diagnostics)] = reports.as_slice() else {
        panic!("{reports:?}")
    };
    assert_eq!(file.name, "main.icp");
    assert_eq!(diagnostics[0].code, Code::DuplicateName);
    assert!(
        diagnostics[0]
            .notes
            .iter()
            .any(|note| note.ends_with("at shared.icp:2:5")),
        "{:?}",
        diagnostics[0].notes
    );
}

#[test]
fn an_include_compiled_without_a_loader_is_an_error() {
    let errors = crate::compile(&Source::new("r.icp", "include \"x.icp\"\nscore fit\n"))
        .expect_err("not followed");
    assert_eq!(errors[0].code, Code::IncludeWithoutLoader);
}

#[test]
fn a_chain_of_includes_thousands_deep_is_read_without_recursion() {
    const DEPTH: usize = 20_000;
    let name = |at: usize| -> &'static str { Box::leak(format!("f{at}.icp").into_boxed_str()) };
    let mut loader = Files(
        (1..DEPTH)
            .map(|at| {
                let text = if at + 1 < DEPTH {
                    format!("include \"{}\"\nscore s{at}\n", name(at + 1))
                } else {
                    format!("score s{at}\n")
                };
                (name(at), &*Box::leak(text.into_boxed_str()))
            })
            .collect(),
    );
    let root = Source::new("f0.icp", "include \"f1.icp\"\nscore s0\n");
    let resolved = resolve(root, &mut loader);
    assert!(resolved.diagnostics.is_empty());
    let parts = resolved.source.parts();
    assert_eq!(parts.len(), DEPTH);
    assert_eq!(parts[0].name, name(DEPTH - 1));
    assert_eq!(parts[DEPTH - 1].name, "f0.icp");
}

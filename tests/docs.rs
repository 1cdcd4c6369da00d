//! Docs and examples are tests: every ```icp block in docs/ and README.md
//! compiles, every ```icp,error block fails to, every file in
//! examples/ checks clean (no errors, no warnings), and every `$ icpc`
//! command in docs/testing.md prints what the page shows.

use icpc::source::Source;
use std::path::Path;

mod support;

/// `(info string, code, line)` of every fenced block tagged `icp...`.
fn icp_blocks(markdown: &str) -> Vec<(String, String, usize)> {
    let mut blocks = Vec::new();
    let mut open: Option<(String, String, usize)> = None;
    for (index, line) in markdown.lines().enumerate() {
        match (&mut open, line.trim_start().strip_prefix("```")) {
            (None, Some(info)) if info.starts_with("icp") => {
                open = Some((info.trim().to_string(), String::new(), index + 1))
            }
            (Some(_), Some(_)) => blocks.extend(open.take()),
            (Some((_, code, _)), None) => {
                code.push_str(line);
                code.push('\n');
            }
            (None, _) => {}
        }
    }
    blocks
}

fn markdown_files() -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = std::fs::read_dir("docs")
        .expect("docs/ exists")
        .map(|entry| entry.expect("readable entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "md"))
        .collect();
    files.push(Path::new("README.md").to_path_buf());
    files.sort();
    files
}

#[test]
fn every_icp_block_in_the_docs_compiles_or_fails_as_tagged() {
    let mut failures = Vec::new();
    let mut count = 0;
    for path in markdown_files() {
        let Ok(markdown) = std::fs::read_to_string(&path) else {
            continue;
        };
        for (info, code, line) in icp_blocks(&markdown) {
            count += 1;
            let result = icpc::compile(&Source::new("block.icp", code.clone()));
            let should_fail = info.contains("error");
            if result.is_err() != should_fail {
                failures.push(format!(
                    "{}:{line} ({info}): {:?}",
                    path.display(),
                    result.err()
                ));
            }
        }
    }
    assert!(count > 20, "only {count} icp blocks found");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Every rule file in examples/ and its subdirectories (examples/crm/).
fn example_rule_files() -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    let mut directories = vec![std::path::PathBuf::from("examples")];
    while let Some(directory) = directories.pop() {
        for entry in std::fs::read_dir(&directory).expect("examples/ is readable") {
            let path = entry.expect("readable entry").path();
            if path.is_dir() {
                directories.push(path);
            } else if path.extension().is_some_and(|ext| ext == "icp") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

#[test]
fn every_example_checks_clean() {
    let mut checked = 0;
    for path in example_rule_files() {
        match icpc::compile(&support::files::read(&path)) {
            Ok(checked_program) => assert!(
                checked_program.warnings.is_empty(),
                "{}: {:?}",
                path.display(),
                checked_program.warnings
            ),
            Err(errors) => panic!("{}: {errors:?}", path.display()),
        }
        checked += 1;
    }
    assert!(checked >= 7, "only {checked} examples");
}

#[test]
fn every_example_is_formatted() {
    for path in example_rule_files() {
        let source = Source::new(
            path.display().to_string(),
            std::fs::read_to_string(&path).expect("UTF-8"),
        );
        let file = icpc::syntax::parse(&source)
            .into_result()
            .expect("example parses");
        assert_eq!(
            icpc::format::format(&file, &source),
            source.text,
            "{} is not formatted",
            path.display()
        );
    }
}

/// `(command, expected stdout)` of every `$ icpc ...` line of the ```console
/// blocks in `markdown`; the output is every line up to the next `$` line.
fn console_commands(markdown: &str) -> Vec<(String, String)> {
    let mut commands: Vec<(String, String)> = Vec::new();
    let mut inside = false;
    for line in markdown.lines() {
        if line.trim_start().starts_with("```") {
            inside = !inside && line.trim_start() == "```console";
            continue;
        }
        if !inside {
            continue;
        }
        match line.strip_prefix("$ ") {
            Some(command) => commands.push((command.to_string(), String::new())),
            None => {
                if let Some((_, output)) = commands.last_mut() {
                    output.push_str(line);
                    output.push('\n');
                }
            }
        }
    }
    commands
}

/// Every `$ icpc ...` command in docs/testing.md runs, from the repository
/// root, and prints exactly what the page shows.
#[test]
fn every_command_in_the_testing_guide_prints_what_it_shows() {
    run_commands_of("docs/testing.md");
}

/// The same for the CRM guide, whose commands score the shipped exports.
#[test]
fn every_command_in_the_crm_guide_prints_what_it_shows() {
    run_commands_of("docs/crm.md");
}

/// The language reference's commands (includes, profiles, segments).
#[test]
fn every_command_in_the_language_reference_prints_what_it_shows() {
    run_commands_of("docs/language.md");
}

/// The errors page shows the includes' errors as the binary prints them.
#[test]
fn every_command_in_the_errors_page_prints_what_it_shows() {
    run_commands_of("docs/errors.md");
}

/// The CRM guide lists every preset with every field and header it knows.
#[test]
fn the_crm_guide_lists_every_preset() {
    let markdown = std::fs::read_to_string("docs/crm.md").expect("docs/crm.md exists");
    for preset in icpc::check::presets::PRESETS {
        assert!(markdown.contains(&format!("`{}`, {}", preset.name, preset.describes)));
        for (field, headers) in preset.columns {
            let names: Vec<String> = headers.iter().map(|header| format!("`{header}`")).collect();
            let row = format!("| `{field}` | {} |", names.join(", "));
            assert!(markdown.contains(&row), "{}: {row}", preset.name);
        }
    }
}

fn run_commands_of(page: &str) {
    let markdown = std::fs::read_to_string(page).expect("the page exists");
    let commands = console_commands(&markdown);
    assert!(commands.len() >= 3, "only {} commands", commands.len());
    for (command, expected) in commands {
        let mut words: Vec<&str> = command.split_whitespace().collect();
        assert_eq!(words.first(), Some(&"icpc"), "{command}");
        // `2>&1` at the end: the page shows stdout, then stderr.
        let both = words.last() == Some(&"2>&1");
        if both {
            words.pop();
        }
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_icpc"))
            .args(&words[1..])
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .output()
            .expect("icpc runs");
        let mut shown = String::from_utf8_lossy(&output.stdout).into_owned();
        if both {
            shown.push_str(&String::from_utf8_lossy(&output.stderr));
        }
        assert_eq!(shown, expected, "{command}");
    }
}

//! Unit tests of the details each format must get right; whole outputs are
//! snapshotted through the CLI in `tests/cli.rs`.

use super::*;
use crate::diagnostic::Code;

fn sample() -> (Source, Vec<Diagnostic>) {
    let source = Source::new("dir/my rules.icp", "score fit\nrule a: é == 1 => fit +1\n");
    let diagnostics = vec![
        Diagnostic::new(
            Code::UnknownField,
            "unknown field `é`",
            Span::new(18, 20),
            "here",
        )
        .with_help("a, b: 100%"),
        Diagnostic::new(
            Code::UnusedScore,
            "unused score `fit`",
            Span::new(6, 9),
            "never changed",
        ),
    ];
    (source, diagnostics)
}

fn rendered(format: Format) -> String {
    let (source, diagnostics) = sample();
    render(
        format,
        &[Report {
            source: &source,
            diagnostics: &diagnostics,
        }],
        false,
    )
}

#[test]
fn short_is_one_line_each_in_source_order_with_character_columns() {
    assert_eq!(
        rendered(Format::Short),
        "dir/my rules.icp:1:7: warning[W202]: unused score `fit`\n\
         dir/my rules.icp:2:9: error[E201]: unknown field `é`\n"
    );
}

#[test]
fn github_escapes_properties_and_data() {
    let output = rendered(Format::Github);
    let lines: Vec<&str> = output.lines().collect();
    assert_eq!(
        lines[1],
        "::error file=dir/my rules.icp,line=2,col=9,endLine=2,endColumn=9,\
         title=E201 unknown-field::unknown field `é`%0Ahelp: a, b: 100%25"
    );
    assert_eq!(github::escape_property("a:b,c%\r\n"), "a%3Ab%2Cc%25%0D%0A");
}

#[test]
fn json_is_one_array_with_positions_and_offsets() {
    let value: serde_json::Value = serde_json::from_str(&rendered(Format::Json)).unwrap();
    let entries = value.as_array().unwrap();
    assert_eq!(entries.len(), 2);
    assert_eq!(entries[1]["code"], "E201");
    assert_eq!(entries[1]["start"]["column"], 9);
    assert_eq!(entries[1]["end"]["column"], 10);
    assert_eq!(entries[1]["end"]["offset"], 20);
    assert_eq!(entries[1]["help"], "a, b: 100%");
}

#[test]
fn sarif_lists_the_catalogue_and_encodes_uris() {
    let value: serde_json::Value = serde_json::from_str(&rendered(Format::Sarif)).unwrap();
    assert_eq!(value["version"], "2.1.0");
    let run = &value["runs"][0];
    assert_eq!(
        run["tool"]["driver"]["rules"].as_array().unwrap().len(),
        Code::ALL.len()
    );
    let location = &run["results"][1]["locations"][0]["physicalLocation"];
    assert_eq!(location["artifactLocation"]["uri"], "dir/my%20rules.icp");
    assert_eq!(location["region"]["startColumn"], 9);
}

#[test]
fn human_shows_snippet_and_help() {
    let output = rendered(Format::Human);
    assert!(
        output.contains("error[E201]: unknown field `é`"),
        "{output}"
    );
    assert!(output.contains("= help: a, b: 100%"), "{output}");
    assert!(!output.contains('\u{1b}'), "no colour unless asked");
}

#[test]
fn spans_past_the_end_do_not_break_rendering() {
    let source = Source::new("r.icp", "é");
    let diagnostics = [Diagnostic::new(Code::Syntax, "odd", Span::new(1, 99), "")];
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
        assert!(render(format, &[report], true).contains("odd"));
    }
}

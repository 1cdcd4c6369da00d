//! Unit tests of the literal printers; whole files are snapshotted in
//! `tests/format.rs`.

use super::condition::{is_bare_word, quoted};
use super::format;
use crate::source::Source;

fn formatted(text: &str) -> String {
    let source = Source::new("t.icp", text);
    let file = crate::syntax::parse(&source)
        .into_result()
        .expect("test input parses");
    format(&file, &source)
}

#[test]
fn bare_words_follow_the_grammar() {
    for word in ["SaaS", "B2B", "a.b", "Q&A", "c++", "x-y", "_a"] {
        assert!(is_bare_word(word), "{word}");
    }
    for word in ["", "1a", "a b", "a.", "a..b", "true", "and", "é", "a/b"] {
        assert!(!is_bare_word(word), "{word}");
    }
}

#[test]
fn quoting_doubles_only_backslashes_that_would_escape() {
    assert_eq!(quoted(r"a\.b"), r#""a\.b""#);
    assert_eq!(quoted("say \"hi\"\n"), r#""say \"hi\"\n""#);
    assert_eq!(quoted(r"end\"), r#""end\\""#);
    assert_eq!(quoted(r"\n"), r#""\\n""#);
}

#[test]
fn spacing_and_parentheses_are_canonical() {
    let text = "score fit\nrule a:(x==1 or y  in[a,b])and not(z 1..2) => fit+1\n";
    assert_eq!(
        formatted(text),
        "score fit\n\nrule a: (x == 1 or y in [a, b]) and not z 1..2 => fit +1\n"
    );
}

#[test]
fn regex_slashes_and_escapes_stay_as_written() {
    let text = r"rule a: x matches /a\/b\\\/c\d/i => fit +1";
    assert_eq!(formatted(text), format!("{text}\n"));
}

#[test]
fn one_day_is_singular() {
    assert_eq!(
        formatted("rule a: d within 1 days => s +1"),
        "rule a: d within 1 day => s +1\n"
    );
}

#[test]
fn empty_file_stays_empty() {
    assert_eq!(formatted(""), "");
    assert_eq!(formatted("\n\n"), "");
}

//! A lexical pre-pass over the raw text, before pest sees it.
//!
//! It finds what the grammar keeps out of the tree or cannot report well:
//! comments (kept for the formatter), strings and regexes left open at the
//! end of their line, and nesting deep enough to exhaust a recursive
//! parser. It knows just enough of the lexical grammar to skip the insides
//! of strings, regexes and comments.

use crate::ast::Comment;
use crate::source::Span;

/// The deepest nesting of parentheses and `not`s the parser accepts.
pub const MAX_DEPTH: usize = 64;

/// What the scan found.
#[derive(Debug, Default)]
pub struct Scan {
    /// Every comment, in order.
    pub comments: Vec<Comment>,
    /// Problems the parser would report badly, in order.
    pub problems: Vec<Problem>,
    /// Byte offsets where declarations start: lines that begin at column 0
    /// outside any bracket, with something other than a comment or closer.
    pub declaration_starts: Vec<usize>,
}

/// A lexical problem.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    /// A `"` string with no closing quote on its line.
    UnterminatedString(Span),
    /// A `/` regex with no closing slash on its line.
    UnterminatedRegex(Span),
    /// Parentheses and `not`s nested beyond [`MAX_DEPTH`]; the span is the opener.
    TooDeep(Span),
}

/// Scans the whole text.
pub fn scan(text: &str) -> Scan {
    let bytes = text.as_bytes();
    let mut scan = Scan::default();
    let mut parens = Vec::new();
    let mut nots = 0usize;
    let mut reported_depth = false;
    let mut brackets = 0usize;
    let mut index = 0;
    while index < bytes.len() {
        let byte = bytes[index];
        let at_line_start = index == 0 || bytes[index - 1] == b'\n';
        if at_line_start && parens.is_empty() && brackets == 0 && starts_declaration(byte) {
            scan.declaration_starts.push(index);
        }
        let next = match byte {
            b'#' => {
                let end = line_end(bytes, index);
                scan.comments.push(Comment {
                    text: text[index..end].trim_end_matches('\r').to_string(),
                    span: Span::new(index, end - usize::from(bytes[..end].ends_with(b"\r"))),
                });
                end
            }
            b'"' | b'/' => skip_quoted(bytes, index, &mut scan.problems),
            b'(' => {
                parens.push(nots);
                nots = 0;
                index + 1
            }
            b')' => {
                nots = parens.pop().unwrap_or(0);
                index + 1
            }
            b'[' | b'{' => {
                brackets += 1;
                index + 1
            }
            b']' | b'}' => {
                brackets = brackets.saturating_sub(1);
                index + 1
            }
            b'n' if is_word_at(bytes, index, b"not") => {
                nots += 1;
                index + 3
            }
            byte if byte.is_ascii_alphanumeric() || byte == b'_' => {
                nots = 0;
                word_end(bytes, index)
            }
            _ => index + 1,
        };
        let depth = parens.len() + parens.iter().sum::<usize>() + nots;
        if depth > MAX_DEPTH && !reported_depth {
            reported_depth = true;
            scan.problems
                .push(Problem::TooDeep(Span::new(index, index + 1)));
        }
        index = next;
    }
    scan
}

/// Whether a line starting with this byte starts a new declaration
/// (rather than continuing the previous one or being a comment).
fn starts_declaration(byte: u8) -> bool {
    !matches!(
        byte,
        b' ' | b'\t' | b'\r' | b'\n' | b'#' | b')' | b']' | b'}'
    )
}

/// Skips a string or regex starting at `start`; reports it if unterminated.
fn skip_quoted(bytes: &[u8], start: usize, problems: &mut Vec<Problem>) -> usize {
    let quote = bytes[start];
    let mut index = start + 1;
    while index < bytes.len() {
        match bytes[index] {
            b'\\' => index += 2,
            b'\n' | b'\r' => break,
            byte if byte == quote => return index + 1,
            _ => index += 1,
        }
    }
    let end = index.min(bytes.len());
    let span = Span::new(start, end);
    problems.push(if quote == b'"' {
        Problem::UnterminatedString(span)
    } else {
        Problem::UnterminatedRegex(span)
    });
    end
}

fn line_end(bytes: &[u8], start: usize) -> usize {
    memchr::memchr(b'\n', &bytes[start..]).map_or(bytes.len(), |offset| start + offset)
}

fn word_end(bytes: &[u8], start: usize) -> usize {
    bytes[start..]
        .iter()
        .position(|byte| !(byte.is_ascii_alphanumeric() || *byte == b'_'))
        .map_or(bytes.len(), |offset| start + offset)
}

fn is_word_at(bytes: &[u8], index: usize, word: &[u8]) -> bool {
    let starts_word =
        index == 0 || !(bytes[index - 1].is_ascii_alphanumeric() || bytes[index - 1] == b'_');
    starts_word && word_end(bytes, index) == index + word.len() && bytes[index..].starts_with(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_are_found_outside_strings_and_regexes() {
        let scan = scan("a == \"#x\" # one\nb matches /#/ # two\r\n");
        let texts: Vec<_> = scan.comments.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(texts, ["# one", "# two"]);
        assert!(scan.problems.is_empty());
    }

    #[test]
    fn open_string_is_reported_at_its_quote() {
        let scan = scan("rule a: x == \"open\nscore fit");
        assert_eq!(
            scan.problems,
            [Problem::UnterminatedString(Span::new(13, 18))]
        );
    }

    #[test]
    fn declarations_start_at_unindented_lines_outside_brackets() {
        let text = "schema {\nid: text\n}\nscore fit\n# note\nrule a: x in [\nb] =>\n  fit +1\n";
        assert_eq!(scan(text).declaration_starts, [0, 20, 37]);
    }

    #[test]
    fn deep_nesting_is_reported_once() {
        let text = format!("{}a == 1{}", "(".repeat(100), ")".repeat(100));
        assert_eq!(scan(&text).problems.len(), 1);
        let nots = format!("{}a == 1", "not ".repeat(100));
        assert_eq!(scan(&nots).problems.len(), 1);
        assert!(
            scan("not a == 1 and not b == 2 and not c == 3")
                .problems
                .is_empty()
        );
    }
}

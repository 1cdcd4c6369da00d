//! A lexical pre-pass over the raw text, before pest sees it.
//!
//! It finds what the grammar keeps out of the tree or cannot report well:
//! comments (kept for the formatter), strings and regexes left open at the
//! end of their line, where brackets open and close, which lines could
//! start a declaration, and nesting deep enough to exhaust a recursive
//! parser. It knows just enough of the lexical grammar to skip the insides
//! of strings, regexes and comments; all of those end at their line's end,
//! so what it finds on one line never depends on an earlier declaration.

use crate::ast::Comment;
use crate::source::Span;

/// The deepest nesting of parentheses and `not`s the parser accepts, and
/// of `list<` in a type.
pub const MAX_DEPTH: usize = 64;

/// What the scan found, each list in text order.
#[derive(Debug, Default)]
pub struct Scan {
    /// Every comment.
    pub comments: Vec<Comment>,
    /// Strings and regexes left open at the end of their line.
    pub problems: Vec<Problem>,
    /// Every bracket, brace and parenthesis outside strings, regexes and comments.
    pub brackets: Vec<Bracket>,
    /// Lines that begin at column 0 with something other than a blank, a
    /// comment or a closer: where a declaration may start.
    pub line_starts: Vec<usize>,
}

/// One of `( ) [ ] { }` and where it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bracket {
    /// Its byte offset.
    pub offset: usize,
    /// The character itself.
    pub byte: u8,
}

impl Bracket {
    /// Whether it opens a group.
    pub fn opens(self) -> bool {
        matches!(self.byte, b'(' | b'[' | b'{')
    }
}

/// A lexical problem.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    /// A `"` string with no closing quote on its line.
    UnterminatedString(Span),
    /// A `/` regex with no closing slash on its line.
    UnterminatedRegex(Span),
    /// A bracket still open where its declaration ends; the span is the opener.
    Unclosed(Span, u8),
    /// Parentheses and `not`s nested beyond [`MAX_DEPTH`]; the span is the opener.
    TooDeep(Span),
    /// A type's `<` nested beyond [`MAX_DEPTH`]; the span is the `<`.
    TypeTooDeep(Span),
}

impl Problem {
    /// Where the problem is.
    pub fn span(self) -> Span {
        match self {
            Problem::UnterminatedString(span)
            | Problem::UnterminatedRegex(span)
            | Problem::Unclosed(span, _)
            | Problem::TooDeep(span)
            | Problem::TypeTooDeep(span) => span,
        }
    }
}

/// Scans the whole text.
pub fn scan(text: &str) -> Scan {
    let bytes = text.as_bytes();
    let mut scan = Scan::default();
    let mut index = 0;
    while index < bytes.len() {
        let byte = bytes[index];
        let at_line_start = index == 0 || bytes[index - 1] == b'\n';
        if at_line_start && starts_declaration(byte) {
            scan.line_starts.push(index);
        }
        index = match byte {
            b'#' => {
                let end = line_end(bytes, index);
                scan.comments.push(Comment {
                    text: text[index..end].trim_end_matches('\r').to_string(),
                    span: Span::new(index, end - usize::from(bytes[..end].ends_with(b"\r"))),
                });
                end
            }
            b'"' | b'/' => skip_quoted(bytes, index, &mut scan.problems),
            b'(' | b')' | b'[' | b']' | b'{' | b'}' => {
                scan.brackets.push(Bracket {
                    offset: index,
                    byte,
                });
                index + 1
            }
            byte if byte.is_ascii_alphanumeric() || byte == b'_' => word_end(bytes, index),
            _ => index + 1,
        };
    }
    scan
}

/// The first place in `text[start..end]` where parentheses and `not`s nest
/// deeper than [`MAX_DEPTH`], or the `<`s of a type do. Strings, regexes
/// and comments are skipped.
///
/// A type's `<` is one right after a name; it nests when that name itself
/// came right after such a `<` (`list<list<`). A comparison `a < b` starts
/// no chain that a later `<` could extend, since `b` is followed by
/// something else than `<`.
pub fn too_deep(text: &str, start: usize, end: usize) -> Option<Problem> {
    let bytes = &text.as_bytes()[..end];
    let mut parens = Vec::new();
    let mut nots = 0usize;
    let mut angles = 0usize;
    let mut last = Last::Other;
    let mut index = start;
    let mut ignored = Vec::new();
    while index < bytes.len() {
        let mut seen = Last::Other;
        let next = match bytes[index] {
            b'#' => line_end(bytes, index),
            b'"' | b'/' => skip_quoted(bytes, index, &mut ignored),
            b'(' => {
                parens.push(nots);
                nots = 0;
                index + 1
            }
            b')' => {
                nots = parens.pop().unwrap_or(0);
                index + 1
            }
            b'<' => {
                angles = match last {
                    Last::NameInType => angles + 1,
                    Last::Name => 1,
                    Last::Angle | Last::Other => 0,
                };
                seen = Last::Angle;
                index + 1
            }
            b'>' => {
                angles = angles.saturating_sub(1);
                index + 1
            }
            b' ' | b'\t' | b'\r' | b'\n' => {
                seen = last;
                index + 1
            }
            b'n' if is_word_at(bytes, index, b"not") => {
                nots += 1;
                index + 3
            }
            byte if byte.is_ascii_alphanumeric() || byte == b'_' => {
                nots = 0;
                seen = if last == Last::Angle {
                    Last::NameInType
                } else {
                    Last::Name
                };
                word_end(bytes, index)
            }
            _ => index + 1,
        };
        if parens.len() + parens.iter().sum::<usize>() + nots > MAX_DEPTH {
            return Some(Problem::TooDeep(Span::new(index, index + 1)));
        }
        if angles > MAX_DEPTH {
            return Some(Problem::TypeTooDeep(Span::new(index, index + 1)));
        }
        last = seen;
        index = next;
    }
    None
}

/// What [`too_deep`] saw last, blanks aside: enough to tell a type's `<`.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Last {
    /// A name.
    Name,
    /// A name right after a `<`: a `<` after it nests.
    NameInType,
    /// A `<`.
    Angle,
    /// Anything else.
    Other,
}

/// Whether a line starting with this byte may start a new declaration
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
    fn brackets_in_strings_regexes_and_comments_are_not_counted() {
        let scan = scan("a in [\"(\"] and b matches /[/ # {\n");
        let found: Vec<u8> = scan.brackets.iter().map(|bracket| bracket.byte).collect();
        assert_eq!(found, b"[]");
    }

    #[test]
    fn candidate_lines_are_unindented_and_not_comments_or_closers() {
        let text = "schema {\nid: text\n}\nscore fit\n# note\nrule a: x in [\nb] =>\n  fit +1\n";
        assert_eq!(scan(text).line_starts, [0, 9, 20, 37, 52]);
    }

    #[test]
    fn deep_nesting_is_found_in_its_range() {
        let text = format!("{}a == 1{}", "(".repeat(100), ")".repeat(100));
        assert!(too_deep(&text, 0, text.len()).is_some());
        let nots = format!("{}a == 1", "not ".repeat(100));
        assert!(too_deep(&nots, 0, nots.len()).is_some());
        let flat = "not a == 1 and not b == 2 and not c == 3";
        assert_eq!(too_deep(flat, 0, flat.len()), None);
    }

    #[test]
    fn deep_types_are_found_at_the_first_angle_too_many() {
        let text = format!(
            "schema {{ a: {}text{} }}",
            "list<".repeat(100),
            ">".repeat(100)
        );
        let opener = 12 + 5 * MAX_DEPTH + 4;
        assert_eq!(
            too_deep(&text, 0, text.len()),
            Some(Problem::TypeTooDeep(Span::new(opener, opener + 1)))
        );
        let spaced = format!("schema {{ a: {}text }}", "list < ".repeat(100));
        assert!(too_deep(&spaced, 0, spaced.len()).is_some());
        let shallow = format!("schema {{ {} }}", "a: list<list<text>>\n".repeat(100));
        assert_eq!(too_deep(&shallow, 0, shallow.len()), None);
    }

    #[test]
    fn comparisons_with_less_than_start_no_type() {
        let text = ["a < 1", "b < c", "d <= e", "f<g"]
            .repeat(100)
            .join(" and ");
        assert_eq!(too_deep(&text, 0, text.len()), None);
    }
}

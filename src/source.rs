//! Source text and byte spans.
//!
//! A [`Source`] is a rule file's name and text; a [`Span`] is a byte range
//! into that text. Every node from the AST to the explanation trace carries
//! a span, so any message can point at the text the user wrote.

use crate::diagnostic::{Code, Diagnostic};
use serde::{Deserialize, Serialize};

/// A half-open byte range `start..end` into a [`Source`]'s text.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize,
)]
pub struct Span {
    /// First byte of the range.
    pub start: u32,
    /// One past the last byte of the range.
    pub end: u32,
}

impl Span {
    /// A span from byte offsets.
    pub fn new(start: usize, end: usize) -> Span {
        Span {
            start: to_u32(start),
            end: to_u32(end),
        }
    }

    /// The smallest span covering both.
    pub fn join(self, other: Span) -> Span {
        Span {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }

    /// Whether `inner` lies within this span.
    pub fn contains(self, inner: Span) -> bool {
        self.start <= inner.start && inner.end <= self.end
    }

    /// The range as `usize`, for slicing.
    pub fn range(self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }
}

fn to_u32(offset: usize) -> u32 {
    u32::try_from(offset).unwrap_or(u32::MAX)
}

/// A 1-based line and column (column counted in characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Position {
    /// 1-based line number.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
}

/// A rule file: its display name and its text. A file that includes others
/// is one `Source` of several [`Part`]s (see `include`), so that one span
/// space covers every file and positions stay per file.
#[derive(Debug, Clone)]
pub struct Source {
    /// The name shown in diagnostics, usually the path.
    pub name: String,
    /// The text, without a byte-order mark.
    pub text: String,
    line_starts: Vec<usize>,
    /// The files joined into `text`, in order; empty for one file.
    parts: Vec<Part>,
}

/// One file of a joined [`Source`]: its name and where its text lies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    /// The file's name, as diagnostics show it.
    pub name: String,
    /// Its text within the joined text.
    pub span: Span,
    /// The index of its first line among the joined text's lines.
    first_line: usize,
}

/// Why bytes could not become a [`Source`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotUtf8 {
    /// Byte offset of the first invalid byte.
    pub offset: usize,
    /// 1-based line of the first invalid byte.
    pub line: usize,
}

impl Source {
    /// A source from text; a leading byte-order mark is dropped.
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Source {
        let mut text = text.into();
        if text.starts_with('\u{feff}') {
            text.drain(..'\u{feff}'.len_utf8());
        }
        let line_starts = std::iter::once(0)
            .chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1))
            .collect();
        Source {
            name: name.into(),
            text,
            line_starts,
            parts: Vec::new(),
        }
    }

    /// One source of several files, in order, under the name of `root`
    /// (which is one of them). Each file's text gets a line break if it
    /// has none at its end, so no declaration runs from one into the next.
    pub fn join(root: impl Into<String>, files: Vec<Source>) -> Source {
        let mut text = String::new();
        let mut spans = Vec::with_capacity(files.len());
        for file in &files {
            let start = text.len();
            text.push_str(&file.text);
            spans.push(Span::new(start, text.len()));
            if !text.is_empty() && !text.ends_with('\n') {
                text.push('\n');
            }
        }
        let mut joined = Source::new(root, text);
        joined.parts = files
            .into_iter()
            .zip(spans)
            .map(|(file, span)| Part {
                first_line: joined.line_index(span.start as usize),
                name: file.name,
                span,
            })
            .collect();
        joined
    }

    /// The files this source holds, in order: itself alone, or the parts
    /// [`Source::join`] put together.
    pub fn parts(&self) -> Vec<Part> {
        if self.parts.is_empty() {
            vec![Part {
                name: self.name.clone(),
                span: Span::new(0, self.text.len()),
                first_line: 0,
            }]
        } else {
            self.parts.clone()
        }
    }

    /// Whether this source was put together by [`Source::join`] (its
    /// includes followed), even from one file.
    pub fn is_joined(&self) -> bool {
        !self.parts.is_empty()
    }

    /// The part holding byte `offset` (the last part for the very end).
    fn part_at(&self, offset: u32) -> Option<&Part> {
        let index = self.parts.partition_point(|part| part.span.start <= offset);
        self.parts.get(index.checked_sub(1)?)
    }

    /// The name of the file that byte `offset` lies in.
    pub fn file_name(&self, offset: u32) -> &str {
        self.part_at(offset).map_or(&self.name, |part| &part.name)
    }

    /// Whether byte `offset` lies in an included file rather than in the
    /// file this source is named after.
    pub fn is_included(&self, offset: u32) -> bool {
        self.part_at(offset)
            .is_some_and(|part| part.name != self.name)
    }

    /// `FILE:LINE:COL` of byte `offset`, in the file it lies in.
    pub fn location(&self, offset: u32) -> String {
        let position = self.position(offset);
        format!(
            "{}:{}:{}",
            self.file_name(offset),
            position.line,
            position.column
        )
    }

    fn line_index(&self, offset: usize) -> usize {
        match self.line_starts.binary_search(&offset) {
            Ok(index) => index,
            Err(index) => index - 1,
        }
    }

    /// A source from raw bytes, which must be UTF-8.
    pub fn from_bytes(name: impl Into<String>, bytes: Vec<u8>) -> Result<Source, NotUtf8> {
        match String::from_utf8(bytes) {
            Ok(text) => Ok(Source::new(name, text)),
            Err(error) => {
                let offset = error.utf8_error().valid_up_to();
                let line = 1 + memchr::memchr_iter(b'\n', &error.as_bytes()[..offset]).count();
                Err(NotUtf8 { offset, line })
            }
        }
    }

    /// A source from raw bytes, for a tool that must show something either
    /// way: bytes that are not UTF-8 still give a source (each invalid
    /// sequence shown as U+FFFD) together with the E100 diagnostic pointing
    /// at the first invalid byte.
    pub fn decode(name: impl Into<String>, bytes: Vec<u8>) -> (Source, Option<Diagnostic>) {
        let name = name.into();
        match String::from_utf8(bytes) {
            Ok(text) => (Source::new(name, text), None),
            Err(error) => {
                let offset = error.utf8_error().valid_up_to();
                let bad = error.as_bytes().get(offset).copied().unwrap_or(0);
                let bom = usize::from(error.as_bytes().starts_with(b"\xef\xbb\xbf")) * 3;
                let source = Source::new(name, String::from_utf8_lossy(error.as_bytes()));
                let start = offset.saturating_sub(bom);
                let span = Span::new(start, start + char::REPLACEMENT_CHARACTER.len_utf8());
                let diagnostic = Diagnostic::new(
                    Code::NotUtf8,
                    "the file is not UTF-8 text",
                    span,
                    format!("byte 0x{bad:02X} is not UTF-8"),
                )
                .with_note(format!("the first invalid byte is at byte offset {offset}"))
                .with_help("save the file as UTF-8 (rule files are plain text)");
                (source, Some(diagnostic))
            }
        }
    }

    /// The text a span covers (empty if the span is out of range).
    pub fn slice(&self, span: Span) -> &str {
        self.text.get(span.range()).unwrap_or("")
    }

    /// 1-based line and column of a byte offset, counted in the file (the
    /// [`Part`]) it lies in.
    pub fn position(&self, offset: u32) -> Position {
        let first_line = self.part_at(offset).map_or(0, |part| part.first_line);
        let offset = (offset as usize).min(self.text.len());
        let line_index = self.line_index(offset);
        let line_start = self.line_starts[line_index];
        let column = self
            .text
            .get(line_start..offset)
            .map_or(offset - line_start, |prefix| prefix.chars().count());
        Position {
            line: line_index - first_line + 1,
            column: column + 1,
        }
    }

    /// The 1-based line of a byte offset in the whole joined text: unlike
    /// [`Source::line`], different in every file (for telling lines apart).
    pub fn joined_line(&self, offset: u32) -> usize {
        self.line_index((offset as usize).min(self.text.len())) + 1
    }

    /// The 1-based line number of a byte offset, in its file.
    pub fn line(&self, offset: u32) -> usize {
        self.position(offset).line
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_one_based_and_count_characters() {
        let source = Source::new("r.icp", "ab\n\u{e9}cd\n");
        assert_eq!(source.position(0), Position { line: 1, column: 1 });
        assert_eq!(source.position(3), Position { line: 2, column: 1 });
        assert_eq!(source.position(6), Position { line: 2, column: 3 });
    }

    #[test]
    fn a_joined_source_counts_positions_per_file() {
        let joined = Source::join(
            "main.icp",
            vec![
                Source::new("shared.icp", "score fit"),
                Source::new("main.icp", "a\nb\n"),
            ],
        );
        assert_eq!(joined.text, "score fit\na\nb\n");
        assert_eq!(joined.file_name(2), "shared.icp");
        assert_eq!(joined.file_name(12), "main.icp");
        assert_eq!(joined.position(12), Position { line: 2, column: 1 });
        assert_eq!(joined.location(4), "shared.icp:1:5");
        assert!(joined.is_included(0) && !joined.is_included(10));
        assert_eq!(joined.parts().len(), 2);
    }

    #[test]
    fn bom_is_dropped() {
        let source = Source::new("r.icp", "\u{feff}score fit");
        assert_eq!(source.text, "score fit");
    }

    #[test]
    fn decode_points_at_the_first_invalid_byte_after_a_bom() {
        let (source, diagnostic) = Source::decode("r.icp", b"\xef\xbb\xbfok\n\xff\xfe".to_vec());
        let diagnostic = diagnostic.expect("not UTF-8");
        assert_eq!(diagnostic.code, Code::NotUtf8);
        assert_eq!(source.slice(diagnostic.primary_span()), "\u{fffd}");
        assert_eq!(
            source.position(diagnostic.primary_span().start),
            Position { line: 2, column: 1 }
        );
        assert!(Source::decode("r.icp", b"ok".to_vec()).1.is_none());
    }

    #[test]
    fn invalid_utf8_reports_offset_and_line() {
        let error = Source::from_bytes("r.icp", b"ok\n\xff".to_vec()).unwrap_err();
        assert_eq!(error, NotUtf8 { offset: 3, line: 2 });
    }
}

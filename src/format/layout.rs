//! Lines, blank lines and comments: where each comment of the source goes
//! in the formatted text.
//!
//! The printer walks the declarations in order with a cursor into the
//! source. Comments before a declaration are printed before it; a comment
//! that starts on the line where a declaration (or schema field) ends is
//! kept at the end of that line; a comment inside a one-line declaration
//! is printed before it. A blank line is printed where the source has at
//! least one between two printed things, and where a new group of
//! declarations starts; never at the top or right after an opening brace.

use crate::ast;
use crate::source::{Source, Span};

/// Accumulates the formatted text.
pub struct Printer<'a> {
    text: &'a str,
    comments: &'a [ast::Comment],
    /// The first comment not printed yet.
    next_comment: usize,
    /// Source offset up to which everything has been printed.
    cursor: usize,
    /// The next printed line starts a new group (a blank line before it).
    group_blank: bool,
    /// The last printed line opened a block (no blank line after it).
    after_open: bool,
    out: String,
}

const INDENT: &str = "  ";

impl<'a> Printer<'a> {
    /// A printer for a file's source and comments (in source order).
    pub fn new(source: &'a Source, comments: &'a [ast::Comment]) -> Printer<'a> {
        Printer {
            text: &source.text,
            comments,
            next_comment: 0,
            cursor: 0,
            group_blank: false,
            after_open: false,
            out: String::new(),
        }
    }

    /// Prints a one-line declaration covering `span` in the source.
    pub fn line_declaration(&mut self, span: Span, new_group: bool, line: &str) {
        let (start, end) = self.bounds(span);
        self.group_blank = new_group;
        self.comments_before(start, "");
        let blank = self.gap_has_blank(start);
        while let Some(comment) = self.comment_before(end) {
            self.emit("", &comment.text, false);
        }
        self.emit("", line, blank);
        self.cursor = end;
        self.trailing_comment();
    }

    /// Prints a schema block, one field per line, with the comments inside it.
    pub fn schema(&mut self, schema: &ast::Schema, new_group: bool, fields: &[String]) {
        let (start, end) = self.bounds(schema.span);
        self.group_blank = new_group;
        self.comments_before(start, "");
        let blank = self.gap_has_blank(start);
        let head = match &schema.preset {
            Some(preset) => format!("schema from {} {{", preset.name),
            None => "schema {".to_owned(),
        };
        self.emit("", &head, blank);
        self.after_open = true;
        self.cursor = start;
        let first_field = schema
            .fields
            .first()
            .map_or(end, |field| field.span.start as usize);
        if self
            .next_on_same_line()
            .is_some_and(|offset| offset < first_field)
        {
            self.trailing_comment();
        }
        for (field, line) in schema.fields.iter().zip(fields) {
            let (field_start, field_end) = self.bounds(field.span);
            self.comments_before(field_start, INDENT);
            let blank = self.gap_has_blank(field_start);
            self.emit(INDENT, line, blank);
            self.cursor = field_end;
            self.trailing_comment();
        }
        self.comments_before(end, INDENT);
        self.after_open = false;
        self.emit("", "}", false);
        self.cursor = end;
        self.trailing_comment();
    }

    /// Prints the comments after the last declaration and returns the text.
    pub fn finish(mut self) -> String {
        self.comments_before(usize::MAX, "");
        self.out
    }

    /// Where a span's text starts and ends, the end moved back over any
    /// whitespace and comments: the parser's spans may include the trivia
    /// that follows the last token.
    fn bounds(&self, span: Span) -> (usize, usize) {
        let start = span.start as usize;
        let mut end = span.end as usize;
        loop {
            let Some(text) = self.text.get(start..end) else {
                return (start, end);
            };
            end = start + text.trim_end().len();
            let ending = self
                .comments
                .partition_point(|comment| (comment.span.end as usize) < end);
            match self.comments.get(ending) {
                Some(comment)
                    if comment.span.end as usize == end && comment.span.start as usize >= start =>
                {
                    end = comment.span.start as usize;
                }
                Some(_) | None => return (start, end),
            }
        }
    }

    /// Prints every comment that starts before `offset`, each on its own line.
    fn comments_before(&mut self, offset: usize, indent: &str) {
        while let Some(comment) = self.comment_before(offset) {
            let (start, end) = (comment.span.start as usize, comment.span.end as usize);
            let blank = self.gap_has_blank(start);
            self.emit(indent, &comment.text, blank);
            self.cursor = end;
        }
    }

    /// Takes the next comment if it starts before `offset`.
    fn comment_before(&mut self, offset: usize) -> Option<&'a ast::Comment> {
        let comment = self.comments.get(self.next_comment)?;
        if (comment.span.start as usize) < offset {
            self.next_comment += 1;
            Some(comment)
        } else {
            None
        }
    }

    /// Where the next comment starts, if it is on the cursor's line.
    fn next_on_same_line(&self) -> Option<usize> {
        let comment = self.comments.get(self.next_comment)?;
        let start = comment.span.start as usize;
        let between = self.text.get(self.cursor..start)?;
        (!between.contains('\n')).then_some(start)
    }

    /// Appends the next comment to the last line if it is on the cursor's line.
    fn trailing_comment(&mut self) {
        if self.next_on_same_line().is_none() {
            return;
        }
        if let Some(comment) = self.comment_before(usize::MAX) {
            self.out.pop();
            self.out.push(' ');
            self.out.push_str(comment.text.trim_end());
            self.out.push('\n');
            self.cursor = comment.span.end as usize;
        }
    }

    /// Whether the source between the cursor and `offset` has a blank line.
    fn gap_has_blank(&self, offset: usize) -> bool {
        self.text
            .get(self.cursor..offset)
            .is_some_and(|gap| gap.matches('\n').count() >= 2)
    }

    fn emit(&mut self, indent: &str, line: &str, blank: bool) {
        let group = std::mem::take(&mut self.group_blank);
        let after_open = std::mem::take(&mut self.after_open);
        if (blank || group) && !after_open && !self.out.is_empty() {
            self.out.push('\n');
        }
        self.out.push_str(indent);
        self.out.push_str(line.trim_end());
        self.out.push('\n');
    }
}

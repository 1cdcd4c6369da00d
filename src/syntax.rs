//! Parsing: source text to the untyped AST and the syntax errors.
//!
//! `parse` runs a lexical pre-scan (`scan`: comments, unterminated
//! literals, brackets, lines that may start a declaration), then parses
//! each declaration on its own with pest, so that a syntax error stays
//! within its declaration and every broken declaration in the file is
//! reported, once, at its first problem. A declaration starts on an
//! unindented line; indented lines, and unindented lines inside an open
//! bracket, continue it (`split`). When a declaration does not parse,
//! it ends at the first of those bracketed lines at or after the place
//! pest failed (or before the bracketed line it failed on, when that line
//! is a whole declaration by itself), and the next declaration is parsed
//! as if it were the first: an unclosed bracket or an unterminated string
//! never swallows the rest of the file. pest's types never leave this
//! module.

mod describe;
mod errors;
mod long_list;
mod lower;
mod recover;
mod scan;
mod split;

use crate::ast;
use crate::diagnostic::Diagnostic;
use crate::source::{Source, Span};
use pest::Parser;
use pest::error::InputLocation;
use std::cell::RefCell;
use std::collections::HashMap;
use std::ops::Range;

mod grammar {
    /// The pest parser generated from `grammar/icp.pest`.
    #[derive(pest_derive::Parser)]
    #[grammar = "../grammar/icp.pest"]
    pub struct IcpParser;
}

use grammar::{IcpParser, Rule};

pub use scan::MAX_DEPTH;

/// What parsing a file gives: every declaration that parsed, and one
/// syntax error per declaration that did not.
#[derive(Debug, Clone)]
pub struct Parsed {
    /// The declarations that parsed, with every comment; `file.broken`
    /// names the ones that did not.
    pub file: ast::File,
    /// The syntax errors (E1xx), in source order.
    pub diagnostics: Vec<Diagnostic>,
}

impl Parsed {
    /// The file when it has no syntax error, else the errors: for callers
    /// that need a whole file, like the formatter.
    pub fn into_result(self) -> Result<ast::File, Vec<Diagnostic>> {
        if self.diagnostics.is_empty() {
            Ok(self.file)
        } else {
            Err(self.diagnostics)
        }
    }
}

/// Parses a rule file, keeping going after each broken declaration. A
/// source joined from several files (`include`) is parsed file by file, so
/// a declaration never runs from one file into the next.
pub fn parse(source: &Source) -> Parsed {
    let mut parsed = Parsed {
        file: ast::File {
            items: Vec::new(),
            comments: Vec::new(),
            span: Span::new(0, source.text.len()),
            broken: Vec::new(),
        },
        diagnostics: Vec::new(),
    };
    for part in source.parts() {
        let one = parse_text(
            &source.text[part.span.range()],
            part.span.start as usize,
            long_list::PIECES,
            |_| true,
        );
        parsed.file.items.extend(one.file.items);
        parsed.file.comments.extend(one.file.comments);
        parsed.file.broken.extend(one.file.broken);
        parsed.diagnostics.extend(one.diagnostics);
    }
    parsed
}

/// The declarations of one file that may be `include`s, for
/// `include::resolve`, which needs them before the whole file is parsed:
/// only declarations whose text holds the word `include` are parsed. Every
/// declaration cut out of a declaration's extent stays inside it, so
/// skipping whole extents keeps exactly the includes a full parse finds.
pub fn parse_includes(source: &Source) -> ast::File {
    let word = memchr::memmem::Finder::new("include");
    parse_text(&source.text, 0, long_list::PIECES, |declaration| {
        word.find(declaration.as_bytes()).is_some()
    })
    .file
}

/// Parses the text of one file that starts `base` bytes into the source;
/// a declaration whose text `wanted` refuses is skipped unparsed.
fn parse_text(
    text: &str,
    base: usize,
    pieces: long_list::Pieces,
    wanted: impl Fn(&str) -> bool,
) -> Parsed {
    let mut parser = FileParser {
        text,
        base,
        pieces,
        scan: scan::scan(text),
        items: Vec::new(),
        broken: Vec::new(),
        diagnostics: Vec::new(),
    };
    let mut start = 0;
    while start < text.len() {
        let extent = split::extent(text, &parser.scan, start);
        start = if wanted(&text[start..extent.end]) {
            parser.declaration(start, extent)
        } else {
            extent.end
        };
    }
    let by = u32::try_from(base).unwrap_or(u32::MAX);
    let shift = |span: &mut Span| {
        span.start += by;
        span.end += by;
    };
    let mut comments = parser.scan.comments;
    comments
        .iter_mut()
        .for_each(|comment| shift(&mut comment.span));
    let mut diagnostics = parser.diagnostics;
    for diagnostic in &mut diagnostics {
        diagnostic
            .labels
            .iter_mut()
            .for_each(|label| shift(&mut label.span));
    }
    let mut broken = parser.broken;
    for broken in &mut broken {
        match broken {
            ast::Broken::Schema { span, fields } => {
                shift(span);
                fields.iter_mut().for_each(|field| shift(&mut field.span));
            }
            ast::Broken::Score(name)
            | ast::Broken::Let(name)
            | ast::Broken::Rule(name)
            | ast::Broken::Tier(name)
            | ast::Broken::Segment(name) => shift(&mut name.span),
        }
    }
    Parsed {
        file: ast::File {
            items: parser.items,
            comments,
            span: Span::new(base, base + text.len()),
            broken,
        },
        diagnostics,
    }
}

/// The state of one parse: the scan and what has been found so far.
struct FileParser<'a> {
    text: &'a str,
    /// Where `text` starts in the source: the items' spans count from there.
    base: usize,
    /// When a list literal is long enough to be parsed in pieces.
    pieces: long_list::Pieces,
    scan: scan::Scan,
    items: Vec<ast::Item>,
    broken: Vec<ast::Broken>,
    diagnostics: Vec<Diagnostic>,
}

impl FileParser<'_> {
    /// Parses the declaration starting at `start`; returns where the next one starts.
    fn declaration(&mut self, start: usize, extent: split::Extent) -> usize {
        if let Some(problem) = scan::too_deep(self.text, start, extent.end) {
            self.fail(start, extent.end, errors::lexical(&problem));
            return extent.end;
        }
        let error = match self.parse(start, extent.end) {
            Ok(item) => {
                self.items.extend(item);
                return extent.end;
            }
            Err(Failure::Internal(diagnostic)) => {
                self.fail(start, extent.end, diagnostic);
                return extent.end;
            }
            Err(Failure::Syntax(error)) => error,
        };
        let end = self.cut(start + error_offset(&error), &extent);
        let error = if end == extent.end {
            error
        } else {
            match self.parse(start, end) {
                Ok(item) => {
                    self.items.extend(item);
                    return end;
                }
                Err(Failure::Internal(diagnostic)) => {
                    self.fail(start, end, diagnostic);
                    return end;
                }
                Err(Failure::Syntax(error)) => error,
            }
        };
        let diagnostic = self.problem(start, end, &error);
        self.fail(start, end, diagnostic);
        end
    }

    /// Parses `text[start..end]` as one declaration: its long lists a
    /// piece at a time when every piece parses (`long_list`), else as
    /// written.
    fn parse(&self, start: usize, end: usize) -> Result<Option<ast::Item>, Failure> {
        let insides = long_list::insides(&self.scan.brackets, start, end, self.pieces.long);
        if !insides.is_empty()
            && let Some(item) = self.parse_in_pieces(start, end, &insides)
        {
            return Ok(item);
        }
        parse_declaration(self.text, self.base, start, end, Lowered::default())
    }

    /// The declaration `text[start..end]` with the lists whose `insides`
    /// are given parsed apart, or `None` when a piece or the rest fails.
    fn parse_in_pieces(
        &self,
        start: usize,
        end: usize,
        insides: &[Range<usize>],
    ) -> Option<Option<ast::Item>> {
        let mut lists = HashMap::new();
        for inside in insides {
            let mut values = Vec::new();
            for piece in long_list::pieces(&self.text[inside.clone()], self.pieces.chunk) {
                let at = inside.start + piece.start;
                let text = &self.text[at..inside.start + piece.end];
                let pair = IcpParser::parse(Rule::list_items, text).ok()?.next()?;
                values.extend(lower::Lowerer::new(self.base + at).list_items(pair).ok()?);
            }
            lists.insert(self.base + inside.start - 1, values);
        }
        let insides: Vec<_> = (insides.iter())
            .map(|inside| inside.start - start..inside.end - start)
            .collect();
        let (left, cuts) = long_list::cut(&self.text[start..end], &insides);
        let lowered = Lowered { lists, cuts };
        parse_declaration(&left, self.base + start, 0, left.len(), lowered).ok()
    }

    /// Where a declaration that failed at `failure` ends. Lines pest read
    /// without complaint stay in it; it ends at the first bracketed line at
    /// or after the failure, or, when the failure is on a bracketed line
    /// that is a whole declaration by itself, just before that line (a
    /// list left open above an unnamed rule).
    fn cut(&self, failure: usize, extent: &split::Extent) -> usize {
        let failure = next_token(self.text, failure, extent.end);
        let after = extent
            .continuations
            .iter()
            .position(|&line| line >= failure)
            .unwrap_or(extent.continuations.len());
        if after > 0 {
            let line = extent.continuations[after - 1];
            let own = split::extent(self.text, &self.scan, line).end;
            if matches!(self.parse(line, own), Ok(Some(_))) {
                return line;
            }
        }
        extent
            .continuations
            .get(after)
            .copied()
            .unwrap_or(extent.end)
    }

    /// The one error of the broken declaration `text[start..end]`: a string
    /// or regex left open (which is what confused pest), else a bracket
    /// left open when pest ran out of declaration, else what pest expected.
    fn problem(&self, start: usize, end: usize, error: &pest::error::Error<Rule>) -> Diagnostic {
        let lexical = self
            .scan
            .problems
            .iter()
            .find(|problem| (start..end).contains(&(problem.span().start as usize)));
        if let Some(problem) = lexical {
            return errors::lexical(problem);
        }
        let content_end = start + errors::trim_end_with_comments(&self.text[start..end]).len();
        if start + error_offset(error) >= content_end
            && let Some(problem) = split::unclosed(&self.scan, start, end)
        {
            return errors::lexical(&problem);
        }
        errors::parse_error(self.text, start, end, error)
    }

    fn fail(&mut self, start: usize, end: usize, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
        self.broken.extend(recover::broken(self.text, start, end));
    }
}

/// The long lists of a declaration parsed apart (`long_list`).
#[derive(Default)]
struct Lowered {
    /// Their values, by the source offset of their `[`.
    lists: HashMap<usize, Vec<ast::Value>>,
    /// Their insides, taken out of the text pest reads.
    cuts: Vec<long_list::Cut>,
}

/// Why a declaration did not become an item.
enum Failure {
    /// pest rejected the text: the user's mistake.
    Syntax(pest::error::Error<Rule>),
    /// The lowering met a pair it did not expect: a bug in icpc, reported.
    Internal(Diagnostic),
}

/// Parses the one declaration in `text[start..end]` (`None` if it holds
/// only comments); the item's spans count from `base`, the diagnostics'
/// from the start of `text`. `apart` holds the long lists parsed apart;
/// each must be used.
fn parse_declaration(
    text: &str,
    base: usize,
    start: usize,
    end: usize,
    apart: Lowered,
) -> Result<Option<ast::Item>, Failure> {
    let slice = &text[start..end];
    // Only white space and comments: no declaration, and no parse started.
    if next_token(slice, 0, slice.len()) == slice.len() {
        return Ok(None);
    }
    let mut pairs = IcpParser::parse(Rule::item, slice).map_err(Failure::Syntax)?;
    let Some(pair) = pairs.next() else {
        return Err(Failure::Internal(errors::internal(
            Span::new(start, end),
            Rule::item,
        )));
    };
    let lowerer = lower::Lowerer {
        lists: RefCell::new(apart.lists),
        cuts: apart.cuts,
        ..lower::Lowerer::new(base + start)
    };
    let item = lowerer.item(pair);
    if !lowerer.lists.borrow().is_empty() {
        return Err(Failure::Internal(errors::internal(
            Span::new(start, end),
            Rule::list_items,
        )));
    }
    item.map(Some).map_err(|internal| {
        // Diagnostics count from the start of `text`, as the others do.
        let span = Span::new(
            (internal.span.start as usize).saturating_sub(base),
            (internal.span.end as usize).saturating_sub(base),
        );
        Failure::Internal(errors::internal(span, internal.rule))
    })
}

/// Where in its slice pest gave up.
fn error_offset(error: &pest::error::Error<Rule>) -> usize {
    match error.location {
        InputLocation::Pos(position) => position,
        InputLocation::Span((start, _)) => start,
    }
}

/// The first offset from `offset` that is not white space or a comment.
fn next_token(text: &str, mut offset: usize, end: usize) -> usize {
    let bytes = text.as_bytes();
    while offset < end {
        match bytes[offset] {
            b' ' | b'\t' | b'\r' | b'\n' => offset += 1,
            b'#' => {
                offset = memchr::memchr(b'\n', &bytes[offset..end]).map_or(end, |at| offset + at)
            }
            _ => break,
        }
    }
    offset
}

#[cfg(test)]
mod tests;

//! Where one declaration ends, from the scan alone.
//!
//! A declaration runs from its first line to the next line that starts at
//! column 0 outside any bracket. A line inside an open bracket continues
//! it (a list or a schema may wrap onto unindented lines), unless the line
//! opens with a declaration head (`score fit`, `let x =`, `rule x:`,
//! `tier x:`, `schema {`): no valid declaration contains one of those, so
//! such a line always starts afresh and a bracket left open before it is
//! confined to its own declaration. The parser then decides, from where
//! pest failed, whether a broken declaration ends at one of the other
//! unindented lines inside its brackets (see `syntax.rs`).

use super::recover;
use super::scan::{Bracket, Problem, Scan};
use crate::source::Span;

/// The text a declaration may cover.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Extent {
    /// Just past its last line.
    pub end: usize,
    /// Unindented lines inside it that an open bracket made continuation
    /// lines: where it may be cut if it does not parse.
    pub continuations: Vec<usize>,
}

/// The extent of the declaration starting at `start`, with the bracket
/// count starting from zero there: nothing before `start` matters.
pub fn extent(text: &str, scan: &Scan, start: usize) -> Extent {
    let mut brackets = scan.brackets[first_at(&scan.brackets, start)..].iter();
    let mut pending = brackets.next();
    let mut depth = 0usize;
    let mut continuations = Vec::new();
    let first_line = scan.line_starts.partition_point(|&line| line <= start);
    for &line in &scan.line_starts[first_line..] {
        while let Some(bracket) = pending.filter(|bracket| bracket.offset < line) {
            depth = if bracket.opens() {
                depth + 1
            } else {
                depth.saturating_sub(1)
            };
            pending = brackets.next();
        }
        if depth == 0 || recover::is_head(&text[line..]) {
            return Extent {
                end: line,
                continuations,
            };
        }
        continuations.push(line);
    }
    Extent {
        end: text.len(),
        continuations,
    }
}

/// The outermost bracket of `text[start..end]` that is never closed in it.
pub fn unclosed(scan: &Scan, start: usize, end: usize) -> Option<Problem> {
    let from = first_at(&scan.brackets, start);
    let to = first_at(&scan.brackets, end);
    let mut open: Vec<Bracket> = Vec::new();
    for bracket in &scan.brackets[from..to] {
        if bracket.opens() {
            open.push(*bracket);
        } else {
            open.pop();
        }
    }
    open.first().map(|bracket| {
        Problem::Unclosed(Span::new(bracket.offset, bracket.offset + 1), bracket.byte)
    })
}

fn first_at(brackets: &[Bracket], offset: usize) -> usize {
    brackets.partition_point(|bracket| bracket.offset < offset)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::scan::scan;

    fn starts(text: &str) -> Vec<usize> {
        let scan = scan(text);
        let mut starts = vec![0];
        while let Some(&start) = starts.last() {
            let end = extent(text, &scan, start).end;
            if end >= text.len() {
                break;
            }
            starts.push(end);
        }
        starts
    }

    #[test]
    fn declarations_start_at_unindented_lines_outside_brackets() {
        let text = "schema {\nid: text\n}\nscore fit\n# note\nrule a: x in [\nb] =>\n  fit +1\n";
        assert_eq!(starts(text), [0, 20, 37]);
    }

    #[test]
    fn a_declaration_head_ends_an_open_bracket() {
        let text = "let crms = [a, b\nrule r: tech has any crms => fit +1\n";
        assert_eq!(starts(text), [0, 17]);
        let scan = scan(text);
        assert_eq!(
            unclosed(&scan, 0, 17),
            Some(Problem::Unclosed(Span::new(11, 12), b'['))
        );
        assert_eq!(unclosed(&scan, 17, text.len()), None);
    }

    #[test]
    fn unindented_lines_inside_brackets_are_possible_cuts() {
        let text = "rule a: x in [p,\nq] => fit +1\nb == 1 => fit +1\n";
        let scan = scan(text);
        assert_eq!(
            extent(text, &scan, 0),
            Extent {
                end: 30,
                continuations: vec![17]
            }
        );
    }
}

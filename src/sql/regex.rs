//! A `matches` regex rewritten for an engine so that it matches exactly
//! the strings the `regex` crate matches.
//!
//! The pattern is parsed with `regex-syntax`, as `check` parsed it, and the
//! parsed form printed back in the engine's syntax. The parsed form has no
//! flags left: the `i` flag is already classes of case variants (`[Vv]`,
//! `[Kk\x{212A}]`), `.` is the class of every character but `\n`, `\w` and
//! `\d` are their Unicode classes written out. So the engines' own flags,
//! their ASCII-only `\b` and `\w` (DuckDB's RE2), their `.` that matches a
//! newline (PostgreSQL), never come into play. Word boundaries become
//! lookarounds over the Unicode word class on PostgreSQL; RE2 has no
//! lookarounds, so on DuckDB a boundary is written only where it stands
//! at either end of the pattern next to a character known to be a word
//! (or a non-word) character, `\b(vp|head)\b` included. Anything else is
//! [`Untranslatable`], which `icpc sql` reports as E501.

use super::Dialect;
use regex_syntax::hir::{Class, ClassUnicode, ClassUnicodeRange, Hir, HirKind, Look};

/// A construct that has no exact equivalent in the engine's regexes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Untranslatable {
    /// The construct, in words (`a word boundary inside the pattern`).
    pub construct: String,
}

fn untranslatable<T>(construct: impl Into<String>) -> Result<T, Untranslatable> {
    Err(Untranslatable {
        construct: construct.into(),
    })
}

/// The pattern (with the `i` flag or not) in `dialect`'s regex syntax.
pub fn translate(
    pattern: &str,
    case_insensitive: bool,
    dialect: Dialect,
) -> Result<String, Untranslatable> {
    let hir = regex_syntax::ParserBuilder::new()
        .case_insensitive(case_insensitive)
        .build()
        .parse(pattern)
        .map_err(|error| Untranslatable {
            construct: error.to_string(),
        })?;
    Printer { dialect }.with_edge_boundaries(&hir)
}

/// The pattern that trims list items as the CSV reader does: Unicode
/// `White_Space` at either end of the item.
pub fn trim_pattern(dialect: Dialect) -> String {
    let ranges = [
        ('\t', '\r'),
        (' ', ' '),
        ('\u{85}', '\u{85}'),
        ('\u{A0}', '\u{A0}'),
        ('\u{1680}', '\u{1680}'),
        ('\u{2000}', '\u{200A}'),
        ('\u{2028}', '\u{2029}'),
        ('\u{202F}', '\u{202F}'),
        ('\u{205F}', '\u{205F}'),
        ('\u{3000}', '\u{3000}'),
    ];
    let class = ClassUnicode::new(
        ranges
            .iter()
            .map(|&(start, end)| ClassUnicodeRange::new(start, end)),
    );
    let mut space = String::new();
    Printer { dialect }.class(&class, &mut space);
    format!("^{space}+|{space}+{}", text_end(dialect))
}

/// A pattern that matches `text` literally.
pub fn literal(text: &str, dialect: Dialect) -> String {
    let mut out = String::new();
    for char in text.chars() {
        Printer { dialect }.char(char, &mut out);
    }
    out
}

/// The end of the text: Java's `$` also matches before a final line break.
pub fn text_end(dialect: Dialect) -> &'static str {
    match dialect {
        Dialect::DuckDb | Dialect::Postgres => "$",
        Dialect::Spark => "\\z",
    }
}

struct Printer {
    dialect: Dialect,
}

/// PostgreSQL's largest repetition bound (`DUPMAX`); RE2's is 1000, Java
/// has none.
fn repetition_limit(dialect: Dialect) -> u32 {
    match dialect {
        Dialect::DuckDb => 1000,
        Dialect::Postgres => 255,
        Dialect::Spark => u32::MAX,
    }
}

/// Whether the engine has lookarounds (RE2 has none).
fn has_lookaround(dialect: Dialect) -> bool {
    match dialect {
        Dialect::DuckDb => false,
        Dialect::Postgres | Dialect::Spark => true,
    }
}

/// The word characters of `\b`: Unicode's `\w`, or `[0-9A-Za-z_]` for an
/// ASCII boundary (`(?-u:\b)`).
fn word_class(ascii: bool) -> ClassUnicode {
    if ascii {
        return ClassUnicode::new(
            [('0', '9'), ('A', 'Z'), ('_', '_'), ('a', 'z')]
                .iter()
                .map(|&(start, end)| ClassUnicodeRange::new(start, end)),
        );
    }
    match regex_syntax::parse(r"\w").map(Hir::into_kind) {
        Ok(HirKind::Class(Class::Unicode(class))) => class,
        _ => unreachable!("`\\w` is a Unicode class"),
    }
}

/// A word-boundary assertion: which class, and what it asserts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Boundary {
    /// `\b`
    Either,
    /// `\B`
    Not,
    /// `\b{start}`: a word starts here.
    Start,
    /// `\b{end}`: a word ends here.
    End,
    /// `\b{start-half}`: no word character before.
    StartHalf,
    /// `\b{end-half}`: no word character after.
    EndHalf,
}

fn boundary(look: Look) -> Option<(Boundary, bool)> {
    Some(match look {
        Look::WordAscii => (Boundary::Either, true),
        Look::WordAsciiNegate => (Boundary::Not, true),
        Look::WordUnicode => (Boundary::Either, false),
        Look::WordUnicodeNegate => (Boundary::Not, false),
        Look::WordStartAscii => (Boundary::Start, true),
        Look::WordEndAscii => (Boundary::End, true),
        Look::WordStartUnicode => (Boundary::Start, false),
        Look::WordEndUnicode => (Boundary::End, false),
        Look::WordStartHalfAscii => (Boundary::StartHalf, true),
        Look::WordEndHalfAscii => (Boundary::EndHalf, true),
        Look::WordStartHalfUnicode => (Boundary::StartHalf, false),
        Look::WordEndHalfUnicode => (Boundary::EndHalf, false),
        Look::Start | Look::End | Look::StartLF | Look::EndLF | Look::StartCRLF | Look::EndCRLF => {
            return None;
        }
    })
}

/// The look of a boundary kind (the inverse of [`boundary`]).
fn boundary_look(kind: Boundary, ascii: bool) -> Look {
    match (kind, ascii) {
        (Boundary::Either, true) => Look::WordAscii,
        (Boundary::Not, true) => Look::WordAsciiNegate,
        (Boundary::Either, false) => Look::WordUnicode,
        (Boundary::Not, false) => Look::WordUnicodeNegate,
        (Boundary::Start, true) => Look::WordStartAscii,
        (Boundary::End, true) => Look::WordEndAscii,
        (Boundary::Start, false) => Look::WordStartUnicode,
        (Boundary::End, false) => Look::WordEndUnicode,
        (Boundary::StartHalf, true) => Look::WordStartHalfAscii,
        (Boundary::EndHalf, true) => Look::WordEndHalfAscii,
        (Boundary::StartHalf, false) => Look::WordStartHalfUnicode,
        (Boundary::EndHalf, false) => Look::WordEndHalfUnicode,
    }
}

/// Which characters can come next to a boundary: all word characters, none
/// of them, or either (then RE2 cannot express the boundary).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    Word,
    NonWord,
    Mixed,
}

fn side(class: Option<ClassUnicode>, word: &ClassUnicode) -> Side {
    let Some(class) = class else {
        return Side::Mixed;
    };
    let mut outside = class.clone();
    outside.difference(word);
    let mut inside = class;
    inside.intersect(word);
    if outside.ranges().is_empty() && !inside.ranges().is_empty() {
        Side::Word
    } else if inside.ranges().is_empty() && !outside.ranges().is_empty() {
        Side::NonWord
    } else {
        Side::Mixed
    }
}

/// The characters a match of `hir` can start with (`last`: end with);
/// `None` when it can match the empty string or starts with an assertion.
fn edge_class(hir: &Hir, last: bool) -> Option<ClassUnicode> {
    match hir.kind() {
        HirKind::Literal(literal) => {
            let text = std::str::from_utf8(&literal.0).ok()?;
            let char = if last {
                text.chars().next_back()?
            } else {
                text.chars().next()?
            };
            Some(ClassUnicode::new([ClassUnicodeRange::new(char, char)]))
        }
        HirKind::Class(Class::Unicode(class)) => Some(class.clone()),
        HirKind::Class(Class::Bytes(bytes)) if bytes.ranges().is_empty() => {
            Some(ClassUnicode::empty())
        }
        HirKind::Capture(capture) => edge_class(&capture.sub, last),
        HirKind::Repetition(repetition) if repetition.min >= 1 => edge_class(&repetition.sub, last),
        HirKind::Concat(items) => {
            // Parts that match only the empty string (`(?:|)`, which the
            // parser leaves after factoring `a|a`) do not reach the edge.
            let empty = |item: &&Hir| {
                item.properties().maximum_len() == Some(0)
                    && item.properties().look_set().is_empty()
            };
            let mut reaching = items.iter().filter(|item| !empty(item));
            let edge = if last {
                reaching.next_back()?
            } else {
                reaching.next()?
            };
            edge_class(edge, last)
        }
        HirKind::Alternation(alternatives) => {
            let mut union = ClassUnicode::empty();
            for alternative in alternatives {
                union.union(&edge_class(alternative, last)?);
            }
            Some(union)
        }
        HirKind::Class(Class::Bytes(_))
        | HirKind::Repetition(_)
        | HirKind::Empty
        | HirKind::Look(_) => None,
    }
}

impl Printer {
    /// RE2: a boundary first or last in the pattern becomes a class that
    /// consumes the neighbouring character (or the text's end), which
    /// changes where a match starts but never whether there is one.
    fn with_edge_boundaries(&self, hir: &Hir) -> Result<String, Untranslatable> {
        let mut items: Vec<&Hir> = match hir.kind() {
            HirKind::Concat(items) => items.iter().collect(),
            HirKind::Empty
            | HirKind::Literal(_)
            | HirKind::Class(_)
            | HirKind::Look(_)
            | HirKind::Repetition(_)
            | HirKind::Capture(_)
            | HirKind::Alternation(_) => vec![hir],
        };
        let look = |item: Option<&&Hir>| match item.map(|item| item.kind()) {
            Some(HirKind::Look(look)) => boundary(*look),
            _ => None,
        };
        let leading = look(items.first());
        if leading.is_some() {
            items.remove(0);
        }
        let trailing = if items.is_empty() {
            None
        } else {
            look(items.last())
        };
        if trailing.is_some() {
            items.pop();
        }
        let middle = Hir::concat(items.into_iter().cloned().collect());
        let mut out = String::new();
        let edge = |look: Option<(Boundary, bool)>, end: bool| -> Result<String, Untranslatable> {
            let Some((kind, ascii)) = look else {
                return Ok(String::new());
            };
            let inner = side(edge_class(&middle, end), &word_class(ascii));
            match self.edge(kind, ascii, inner, end) {
                Err(_) if has_lookaround(self.dialect) => {
                    let mut general = String::new();
                    self.look(boundary_look(kind, ascii), &mut general)?;
                    Ok(general)
                }
                other => other,
            }
        };
        let (start, end) = (edge(leading, false)?, edge(trailing, true)?);
        out.push_str(&start);
        self.hir(&middle, &mut out)?;
        out.push_str(&end);
        Ok(out)
    }

    /// The consuming form of a boundary at the start (or `end`) of the
    /// pattern, next to characters of `inner` kind.
    fn edge(
        &self,
        kind: Boundary,
        ascii: bool,
        inner: Side,
        end: bool,
    ) -> Result<String, Untranslatable> {
        let word = word_class(ascii);
        let mut non_word = word.clone();
        non_word.negate();
        let (mut word_text, mut non_word_text) = (String::new(), String::new());
        self.class(&word, &mut word_text);
        self.class(&non_word, &mut non_word_text);
        let outside_non_word = if end {
            format!("(?:{non_word_text}|$)")
        } else {
            format!("(?:^|{non_word_text})")
        };
        // Whether the character outside must be a word character (`true`)
        // or must not be one (`false`).
        let outside_is_word = match (kind, inner) {
            (Boundary::Either, Side::Word) | (Boundary::Not, Side::NonWord) => false,
            (Boundary::Either, Side::NonWord) | (Boundary::Not, Side::Word) => true,
            (Boundary::Start, Side::Word) if !end => false,
            (Boundary::End, Side::Word) if end => false,
            (Boundary::StartHalf, _) if !end => false,
            (Boundary::EndHalf, _) if end => false,
            _ => {
                return untranslatable(
                    "a word boundary that RE2 cannot express (only one first or last in the pattern, next to letters or next to non-letters)",
                );
            }
        };
        // PostgreSQL and Java look at the outside character without
        // consuming it.
        Ok(match (has_lookaround(self.dialect), outside_is_word, end) {
            (false, true, _) => word_text,
            (false, false, _) => outside_non_word,
            (true, true, false) => format!("(?<={word_text})"),
            (true, false, false) => format!("(?<!{word_text})"),
            (true, true, true) => format!("(?={word_text})"),
            (true, false, true) => format!("(?!{word_text})"),
        })
    }

    fn hir(&self, hir: &Hir, out: &mut String) -> Result<(), Untranslatable> {
        match hir.kind() {
            HirKind::Empty => out.push_str("(?:)"),
            HirKind::Literal(literal) => {
                let Ok(text) = std::str::from_utf8(&literal.0) else {
                    return untranslatable("a byte that is not UTF-8 text");
                };
                for char in text.chars() {
                    self.char(char, out);
                }
            }
            HirKind::Class(Class::Unicode(class)) => self.class(class, out),
            // The parser writes a class that matches nothing (`[^\s\S]`)
            // as an empty class of bytes.
            HirKind::Class(Class::Bytes(bytes)) if bytes.ranges().is_empty() => {
                self.class(&ClassUnicode::empty(), out);
            }
            HirKind::Class(Class::Bytes(_)) => {
                return untranslatable("a class of bytes (`(?-u)`)");
            }
            HirKind::Look(look) => self.look(*look, out)?,
            HirKind::Repetition(repetition) => {
                let limit = repetition_limit(self.dialect);
                if repetition.min > limit || repetition.max.is_some_and(|max| max > limit) {
                    return untranslatable(format!(
                        "a repetition count above {limit}, the largest {} takes",
                        self.dialect.title()
                    ));
                }
                out.push_str("(?:");
                self.hir(&repetition.sub, out)?;
                out.push(')');
                match (repetition.min, repetition.max) {
                    (0, None) => out.push('*'),
                    (1, None) => out.push('+'),
                    (0, Some(1)) => out.push('?'),
                    (min, None) => out.push_str(&format!("{{{min},}}")),
                    (min, Some(max)) if min == max => out.push_str(&format!("{{{min}}}")),
                    (min, Some(max)) => out.push_str(&format!("{{{min},{max}}}")),
                }
            }
            HirKind::Capture(capture) => {
                out.push_str("(?:");
                self.hir(&capture.sub, out)?;
                out.push(')');
            }
            HirKind::Concat(items) => {
                for item in items {
                    self.hir(item, out)?;
                }
            }
            HirKind::Alternation(alternatives) => {
                out.push_str("(?:");
                for (index, alternative) in alternatives.iter().enumerate() {
                    if index > 0 {
                        out.push('|');
                    }
                    self.hir(alternative, out)?;
                }
                out.push(')');
            }
        }
        Ok(())
    }

    fn look(&self, look: Look, out: &mut String) -> Result<(), Untranslatable> {
        match look {
            Look::Start => out.push('^'),
            Look::End => out.push_str(text_end(self.dialect)),
            Look::StartLF | Look::EndLF => match self.dialect {
                Dialect::DuckDb if look == Look::StartLF => out.push_str("(?m:^)"),
                Dialect::DuckDb => out.push_str("(?m:$)"),
                // Java's multi-line `^` never matches at the very end, and
                // its line breaks are more than `\n`: written out.
                Dialect::Spark if look == Look::StartLF => out.push_str("(?:^|(?<=\\x{A}))"),
                Dialect::Spark => out.push_str("(?:\\z|(?=\\x{A}))"),
                Dialect::Postgres => {
                    return untranslatable("a line anchor (`^` or `$` with the `m` flag)");
                }
            },
            Look::StartCRLF | Look::EndCRLF => {
                return untranslatable("a CRLF line anchor (the `R` flag)");
            }
            Look::WordAscii
            | Look::WordAsciiNegate
            | Look::WordUnicode
            | Look::WordUnicodeNegate
            | Look::WordStartAscii
            | Look::WordEndAscii
            | Look::WordStartUnicode
            | Look::WordEndUnicode
            | Look::WordStartHalfAscii
            | Look::WordEndHalfAscii
            | Look::WordStartHalfUnicode
            | Look::WordEndHalfUnicode => {
                let Some((kind, ascii)) = boundary(look) else {
                    unreachable!("a word boundary")
                };
                if !has_lookaround(self.dialect) {
                    return untranslatable(
                        "a word boundary inside the pattern (RE2 has no lookaround)",
                    );
                }
                let mut word = String::new();
                self.class(&word_class(ascii), &mut word);
                let (after, not_after) = (format!("(?={word})"), format!("(?!{word})"));
                let (before, not_before) = (format!("(?<={word})"), format!("(?<!{word})"));
                out.push_str(&match kind {
                    Boundary::Either => {
                        format!("(?:{before}{not_after}|{not_before}{after})")
                    }
                    Boundary::Not => format!("(?:{before}{after}|{not_before}{not_after})"),
                    Boundary::Start => format!("{not_before}{after}"),
                    Boundary::End => format!("{before}{not_after}"),
                    Boundary::StartHalf => not_before,
                    Boundary::EndHalf => not_after,
                });
            }
        }
        Ok(())
    }

    fn class(&self, class: &ClassUnicode, out: &mut String) {
        if class.ranges().is_empty() && self.dialect == Dialect::Spark {
            // Java strings may hold U+0000, which the class below matches.
            out.push_str("(?!)");
            return;
        }
        if class.ranges().is_empty() {
            // Matches nothing: no character, U+0000 included (DuckDB's
            // text may hold it; PostgreSQL's cannot, but takes the class).
            out.push_str("[^");
            self.char('\u{0}', out);
            out.push('-');
            self.char(char::MAX, out);
            out.push(']');
            return;
        }
        if let [range] = class.ranges()
            && range.start() == range.end()
        {
            self.char(range.start(), out);
            return;
        }
        out.push('[');
        for range in class.ranges() {
            self.char(range.start(), out);
            if range.end() != range.start() {
                out.push('-');
                self.char(range.end(), out);
            }
        }
        out.push(']');
    }

    /// A character as itself when it is an ASCII letter or digit, else as
    /// a hex escape, so no character is ever special.
    fn char(&self, char: char, out: &mut String) {
        if char.is_ascii_alphanumeric() {
            out.push(char);
            return;
        }
        let code = u32::from(char);
        match self.dialect {
            Dialect::DuckDb | Dialect::Spark => out.push_str(&format!("\\x{{{code:X}}}")),
            Dialect::Postgres if code <= 0xFFFF => out.push_str(&format!("\\u{code:04X}")),
            Dialect::Postgres => out.push_str(&format!("\\U{code:08X}")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edge_boundaries_on_duckdb_and_lookarounds_on_postgres() {
        let duck = translate(r"\b(vp|head)\b", true, Dialect::DuckDb).unwrap();
        assert!(duck.starts_with("(?:^|["), "{duck}");
        assert!(duck.ends_with("|$)"), "{duck}");
        let postgres = translate(r"\bvp\b", false, Dialect::Postgres).unwrap();
        assert!(postgres.starts_with("(?<![0-9"), "{postgres}");
        let inside = translate(r"a\bb", false, Dialect::Postgres).unwrap();
        assert!(inside.starts_with("a(?:(?<=["), "{inside}");
        assert!(translate(r"a\bb", false, Dialect::DuckDb).is_err());
        assert!(translate(r"\b(architect|architect)\b", true, Dialect::DuckDb).is_ok());
        assert!(translate(r"x{300}", false, Dialect::Postgres).is_err());
        assert!(translate(r"x{300}", false, Dialect::DuckDb).is_ok());
    }

    #[test]
    fn a_class_of_nothing_excludes_nul_too() {
        assert_eq!(
            translate(r"[^\s\S]", false, Dialect::DuckDb).unwrap(),
            r"[^\x{0}-\x{10FFFF}]"
        );
        assert_eq!(
            translate(r"a[^\s\S]?", false, Dialect::Postgres).unwrap(),
            r"a(?:[^\u0000-\U0010FFFF])?"
        );
        assert_eq!(
            translate(r"[^\s\S]", false, Dialect::Spark).unwrap(),
            "(?!)"
        );
    }

    #[test]
    fn special_characters_are_escaped() {
        assert_eq!(
            translate(r"a\.b", false, Dialect::DuckDb).unwrap(),
            r"a\x{2E}b"
        );
        assert_eq!(
            translate(r"a\.b", false, Dialect::Postgres).unwrap(),
            r"a\u002Eb"
        );
        assert_eq!(translate("^ab$", false, Dialect::Postgres).unwrap(), "^ab$");
    }
}

//! Word alternations: a `matches` regex that is a finite set of phrases
//! between word boundaries (`/\b(vp|vice president|c[eft]o)\b/i`, common
//! in title rules), answered on ASCII text by its words instead of a regex
//! run (decision 031).
//!
//! On ASCII text `\b` (Unicode or not) is the edge between `[0-9A-Za-z_]`
//! and anything else, and a phrase that starts and ends with a word byte
//! matches at `i` exactly when a maximal run of word bytes starts at `i`,
//! the text there starts with the phrase, and no word byte follows it. So
//! the text's runs, each looked up once by a phrase's first word, find
//! every pattern that matches. Case-insensitive classes (`[Vv]`, and
//! `[Kk\u{212A}]`, whose non-ASCII member no ASCII text holds) are matched
//! on the ASCII lowercase of the text. Anything else (a non-ASCII text, a
//! pattern with another construct, a case-sensitive letter, more than
//! 256 phrases, `MAX_PHRASES`) is left to the regex.

use super::NodeId;
use regex_syntax::hir::{Class, Hir, HirKind, Look};
use rustc_hash::FxHashMap;

/// Most phrases one pattern may stand for.
const MAX_PHRASES: usize = 256;

/// The phrases (ASCII, lowercase) that a pattern matches between word
/// boundaries, when it is exactly such an alternation; `pattern` carries
/// its flags (`(?i)...`) as the regex set spells it.
pub fn phrases(pattern: &str) -> Option<Vec<Box<[u8]>>> {
    let hir = regex_syntax::ParserBuilder::new()
        .build()
        .parse(pattern)
        .ok()?;
    let HirKind::Concat(items) = hir.kind() else {
        return None;
    };
    let [first, middle @ .., last] = &items[..] else {
        return None;
    };
    if !boundary(first) || !boundary(last) {
        return None;
    }
    let mut phrases = vec![Vec::new()];
    for item in middle {
        phrases = product(&phrases, &language(item)?)?;
    }
    phrases.sort();
    phrases.dedup();
    let edged = |phrase: &Vec<u8>| {
        (phrase.first().zip(phrase.last())).is_some_and(|(first, last)| word(*first) && word(*last))
    };
    (phrases.iter().all(edged)).then(|| phrases.into_iter().map(Vec::into_boxed_slice).collect())
}

/// Whether the byte is a word byte of ASCII text.
#[inline]
pub const fn word(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || byte == b'_'
}

fn boundary(hir: &Hir) -> bool {
    matches!(
        hir.kind(),
        HirKind::Look(Look::WordUnicode | Look::WordAscii)
    )
}

/// Every string `hir` matches within ASCII text, lowercase; `None` if it is
/// not a small finite set or tells case apart.
fn language(hir: &Hir) -> Option<Vec<Vec<u8>>> {
    match hir.kind() {
        HirKind::Empty => Some(vec![Vec::new()]),
        HirKind::Literal(literal) => {
            let plain = |byte: &u8| byte.is_ascii() && !byte.is_ascii_alphabetic();
            (literal.0.iter().all(plain)).then(|| vec![literal.0.to_vec()])
        }
        HirKind::Class(class) => {
            let bytes = ascii_members(class);
            let folds = |byte: u8| !byte.is_ascii_alphabetic() || bytes >> (byte ^ 0x20) & 1 != 0;
            // Each step clears the lowest bit of a set that is not empty.
            let nonzero = |bits: u128| Some(bits).filter(|bits| *bits != 0);
            let members = std::iter::successors(nonzero(bytes), |rest| nonzero(rest & (rest - 1)))
                .map(|rest| rest.trailing_zeros() as u8);
            if !members.clone().all(folds) {
                return None;
            }
            let lower = members.filter(|byte| !byte.is_ascii_uppercase());
            Some(lower.map(|byte| vec![byte]).collect())
        }
        HirKind::Capture(capture) => language(&capture.sub),
        HirKind::Concat(items) => {
            let mut strings = vec![Vec::new()];
            for item in items {
                strings = product(&strings, &language(item)?)?;
            }
            Some(strings)
        }
        HirKind::Alternation(branches) => {
            let mut strings = Vec::new();
            for branch in branches {
                strings.extend(language(branch)?);
                if strings.len() > MAX_PHRASES {
                    return None;
                }
            }
            Some(strings)
        }
        HirKind::Repetition(_) | HirKind::Look(_) => None,
    }
}

/// The ASCII members of a class, bit `b` for byte `b`.
fn ascii_members(class: &Class) -> u128 {
    let range = |start: u32, end: u32| match start {
        128.. => 0,
        _ => {
            let end = end.min(127);
            (u128::MAX >> (127 - end)) & (u128::MAX << start)
        }
    };
    match class {
        Class::Unicode(class) => (class.iter())
            .map(|r| range(u32::from(r.start()), u32::from(r.end())))
            .fold(0, |acc, bits| acc | bits),
        Class::Bytes(class) => (class.iter())
            .map(|r| range(u32::from(r.start()), u32::from(r.end())))
            .fold(0, |acc, bits| acc | bits),
    }
}

/// Each string of `heads` followed by each of `tails`, if not too many.
fn product(heads: &[Vec<u8>], tails: &[Vec<u8>]) -> Option<Vec<Vec<u8>>> {
    if heads.len() * tails.len() > MAX_PHRASES {
        return None;
    }
    let joined = |head: &Vec<u8>| -> Vec<Vec<u8>> {
        (tails.iter())
            .map(|tail| [&head[..], tail].concat())
            .collect()
    };
    Some(heads.iter().flat_map(joined).collect())
}

/// The phrases of some patterns, by their first word: a text's word runs,
/// each hashed and looked up once, give every pattern that matches the
/// text; each phrase found is compared whole, so two words of one hash
/// give no false hit.
#[derive(Debug, Default)]
pub struct WordIndex {
    /// The [`hash`] of a phrase's first word (its leading run of word
    /// bytes) to its range of `phrases`.
    first: FxHashMap<u64, (u32, u32)>,
    /// The phrases and the pattern of each, those of one hash together.
    phrases: Vec<(Box<[u8]>, u32)>,
    /// The shortest and longest first word: other runs need no lookup.
    lengths: (usize, usize),
}

/// Per byte: its ASCII lowercase if it is a word byte, else 0.
static WORD_LOWER: [u8; 256] = {
    let mut table = [0; 256];
    let mut byte = 0;
    while byte < 128 {
        if word(byte as u8) {
            table[byte] = (byte as u8).to_ascii_lowercase();
        }
        byte += 1;
    }
    table
};

/// The hash of a lowercase word so far, and its next byte.
#[inline(always)]
fn mix(hash: u64, lower: u8) -> u64 {
    (hash.rotate_left(5) ^ u64::from(lower)).wrapping_mul(0x517c_c1b7_2722_0a95)
}

/// The hash of a lowercase word.
fn hash(word: &[u8]) -> u64 {
    word.iter().fold(0, |hash, byte| mix(hash, *byte))
}

impl WordIndex {
    /// An index of these patterns' phrases (from [`phrases`]), pattern `p`
    /// the `p`th.
    pub fn new<'a>(patterns: impl IntoIterator<Item = &'a [Box<[u8]>]>) -> WordIndex {
        let mut phrases: Vec<(usize, Box<[u8]>, u32)> = Vec::new();
        for (pattern, of) in patterns.into_iter().enumerate() {
            for phrase in of {
                let head = phrase.iter().take_while(|byte| word(**byte)).count();
                phrases.push((head, phrase.clone(), pattern as u32));
            }
        }
        phrases.sort_by_key(|(head, phrase, _)| hash(&phrase[..*head]));
        let mut index = WordIndex {
            first: FxHashMap::default(),
            phrases: Vec::new(),
            lengths: (usize::MAX, 0),
        };
        for (head, phrase, pattern) in phrases {
            let at = index.phrases.len() as u32;
            let range = index.first.entry(hash(&phrase[..head])).or_insert((at, at));
            range.1 = at + 1;
            let (shortest, longest) = &mut index.lengths;
            (*shortest, *longest) = ((*shortest).min(head), (*longest).max(head));
            index.phrases.push((phrase, pattern));
        }
        index
    }

    /// Calls `hit` with each pattern that matches `text` (ASCII; a pattern
    /// may be given more than once).
    #[inline]
    pub fn find(&self, text: &[u8], mut hit: impl FnMut(u32)) {
        let (shortest, longest) = self.lengths;
        let mut at = 0;
        while at < text.len() {
            if WORD_LOWER[text[at] as usize] == 0 {
                at += 1;
                continue;
            }
            let (start, mut hash) = (at, 0);
            while let Some(lower @ 1..) = text.get(at).map(|byte| WORD_LOWER[*byte as usize]) {
                hash = mix(hash, lower);
                at += 1;
            }
            if !(shortest..=longest).contains(&(at - start)) {
                continue;
            }
            let Some((from, to)) = self.first.get(&hash) else {
                continue;
            };
            for (phrase, pattern) in &self.phrases[*from as usize..*to as usize] {
                let end = start + phrase.len();
                let same = |text: &[u8]| text.eq_ignore_ascii_case(phrase);
                if text.get(start..end).is_some_and(same)
                    && text.get(end).is_none_or(|byte| !word(*byte))
                {
                    hit(*pattern);
                }
            }
        }
    }
}

/// The `matches` tests of one field that are word alternations: on ASCII
/// text each holds when [`WordIndex::find`] gives its pattern and fails
/// otherwise; on anything else each is tested on its own (a regex set
/// still runs once per record).
#[derive(Debug)]
pub struct Words {
    /// Each test's node.
    pub leaves: Vec<NodeId>,
    /// Their phrases, test `t` pattern `t`.
    pub index: WordIndex,
}

/// One `matches` test that rules reach.
#[derive(Debug)]
pub(super) struct Matches {
    /// Its node.
    pub node: NodeId,
    /// The pattern with its flag, as the regex set spells it.
    pub pattern: String,
    /// Its regex set and its index there, if it is in one.
    pub member: Option<(u32, u32)>,
}

/// A field's `matches` tests: those that are word alternations as a
/// [`Words`], and the rest.
pub(super) fn split(tests: Vec<Matches>) -> (Option<Words>, Vec<Matches>) {
    let (words, rest): (Vec<_>, Vec<_>) = (tests.into_iter())
        .map(|test| (phrases(&test.pattern), test))
        .partition(|(phrases, _)| phrases.is_some());
    let rest = rest.into_iter().map(|(_, test)| test).collect();
    if words.is_empty() {
        return (None, rest);
    }
    let index = WordIndex::new(words.iter().flat_map(|(phrases, _)| phrases.as_deref()));
    let leaves = words.into_iter().map(|(_, test)| test.node).collect();
    (Some(Words { leaves, index }), rest)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn phrases_of(pattern: &str) -> Option<Vec<String>> {
        let phrases = phrases(pattern)?;
        Some(
            phrases
                .iter()
                .map(|p| String::from_utf8(p.to_vec()).unwrap())
                .collect(),
        )
    }

    #[test]
    fn alternations_between_boundaries_are_phrases() {
        assert_eq!(
            phrases_of(r"(?i)\b(vp|vice president|c[ef]o)\b"),
            Some(vec![
                "ceo".into(),
                "cfo".into(),
                "vice president".into(),
                "vp".into()
            ])
        );
        assert_eq!(phrases_of(r"(?i)\bk8s\b"), Some(vec!["k8s".into()]));
        assert_eq!(
            phrases_of(r"\b(2024|2025)\b"),
            Some(vec!["2024".into(), "2025".into()])
        );
        // No ASCII text holds `á`: the pattern never matches one.
        assert_eq!(phrases_of(r"(?i)\bdirectorá\b"), Some(vec![]));
    }

    #[test]
    fn other_constructs_are_left_to_the_regex() {
        for pattern in [
            r"\b(vp|head)\b",
            r"(?i)\b(vp|head)",
            r"(?i)^(vp|head)\b",
            r"(?i)\b(vp|head|)\b",
            r"(?i)\b(vp|head-)\b",
            r"(?i)\bv+p\b",
            r"(?i)\bv.{2}p\b",
            r"(?i)\b[a-z][a-z][a-z]\b",
            r"\bdirectorá\b",
            r"(?i)\b(vp|head)\b\b",
            "[",
        ] {
            assert_eq!(phrases_of(pattern), None, "{pattern}");
        }
    }

    #[test]
    fn runs_find_phrases_at_word_edges() {
        let patterns = [
            phrases(r"(?i)\b(vp|head)\b").unwrap(),
            phrases(r"(?i)\bvice president\b").unwrap(),
        ];
        let index = WordIndex::new(patterns.iter().map(|p| &p[..]));
        let found = |text: &str| {
            let mut hits = Vec::new();
            index.find(text.as_bytes(), |pattern| hits.push(pattern));
            hits.dedup();
            hits
        };
        assert_eq!(found("vp-marketing"), [0]);
        assert_eq!(found("vp_ sales"), [] as [u32; 0]);
        assert_eq!(found("vp2"), [] as [u32; 0]);
        assert_eq!(found(""), [] as [u32; 0]);
        assert_eq!(found("senior vice president, head"), [1, 0]);
        assert_eq!(found("vice presidential"), [] as [u32; 0]);
        assert_eq!(found("vice  president"), [] as [u32; 0]);
    }
}

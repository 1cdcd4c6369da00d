//! Pre-rendered pieces of a JSON Lines verdict line.
//!
//! What a line holds besides its id, numbers and warnings is picked from a
//! few names by small indexes (a score, a tier, a rule), so each piece is
//! rendered once per program, escaped and with its punctuation, and a line
//! becomes a few copies: the tier and the disqualified flag that follows it
//! are one copy (`},"tier":"A","disqualified":false,"matched":[`), each
//! matched rule another (`,"name"`). Decision 025 has the figures.

use super::json_string_bytes;
use crate::ir;

/// The pieces of one program's lines.
#[derive(Debug, Clone, Default)]
pub(super) struct Fragments {
    /// Per score: `"fit":` for the first, `,"intent":` for the others.
    pub scores: Vec<Vec<u8>>,
    /// Per tier, then one for no tier (`null`), by disqualified: from the
    /// end of the scores to the opening of `matched`; with segments, only
    /// to the tier's name (the segments come between).
    pub tiers: Vec<[Vec<u8>; 2]>,
    /// Per rule: `,"name"`.
    pub rules: Vec<Piece>,
}

/// Bytes a [`Piece`] holds in place.
const SHORT: usize = 16;

/// A piece of a line, short ones (most rule names) in a fixed array so
/// that writing one is a fixed-size copy and a truncation, not a call to
/// `memcpy` for a few bytes: at 300 rules a line names about 35 rules.
#[derive(Debug, Clone)]
pub(super) enum Piece {
    /// The first `len` bytes of the array.
    Short([u8; SHORT], u8),
    /// A longer piece.
    Long(Box<[u8]>),
}

impl Piece {
    fn new(bytes: &[u8]) -> Piece {
        match bytes.len() {
            len @ 0..=SHORT => {
                let mut array = [0; SHORT];
                array[..len].copy_from_slice(bytes);
                Piece::Short(array, len as u8)
            }
            _ => Piece::Long(bytes.into()),
        }
    }

    /// The piece's bytes.
    pub fn bytes(&self) -> &[u8] {
        match self {
            Piece::Short(array, len) => &array[..usize::from(*len)],
            Piece::Long(bytes) => bytes,
        }
    }

    /// Appends the piece to `out`.
    #[inline]
    pub fn write(&self, out: &mut Vec<u8>) {
        match self {
            Piece::Short(array, len) => {
                let end = out.len() + usize::from(*len);
                out.extend_from_slice(array);
                out.truncate(end);
            }
            Piece::Long(bytes) => out.extend_from_slice(bytes),
        }
    }
}

impl Fragments {
    /// The pieces of `program`'s lines.
    pub fn new(program: &ir::Program) -> Fragments {
        let segments = !program.segments.is_empty();
        let tier = |name: Option<&str>| {
            let mut head = b"},\"tier\":".to_vec();
            match name {
                Some(name) => head.extend(json_string_bytes(name)),
                None => head.extend_from_slice(b"null"),
            }
            [false, true].map(|disqualified| match (segments, disqualified) {
                (true, _) => head.clone(),
                (false, false) => [&head[..], b",\"disqualified\":false,\"matched\":["].concat(),
                (false, true) => [&head[..], b",\"disqualified\":true,\"matched\":["].concat(),
            })
        };
        let names = program.tiers.iter().map(|tier| Some(tier.name.as_str()));
        Fragments {
            scores: (program.scores.iter().enumerate())
                .map(|(index, score)| {
                    let comma: &[u8] = if index == 0 { b"" } else { b"," };
                    [comma, &json_string_bytes(&score.name), b":"].concat()
                })
                .collect(),
            tiers: names.chain([None]).map(tier).collect(),
            rules: (program.rules.iter())
                .map(|rule| Piece::new(&[&b","[..], &json_string_bytes(&rule.name)].concat()))
                .collect(),
        }
    }

    /// The piece after the scores for a verdict's tier (an index out of
    /// range is no tier) and disqualified flag.
    pub fn tier(&self, tier: Option<u32>, disqualified: bool) -> &[u8] {
        let none = self.tiers.len() - 1;
        let index = tier.map_or(none, |tier| (tier as usize).min(none));
        &self.tiers[index][usize::from(disqualified)]
    }
}

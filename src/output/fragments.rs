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
    pub rules: Vec<Vec<u8>>,
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
                .map(|rule| [&b","[..], &json_string_bytes(&rule.name)].concat())
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

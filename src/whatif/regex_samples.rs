//! Sample texts that a regex matches, for "what would it take" suggestions.
//!
//! The literals a regex needs (`vp`, `head` in `\b(vp|head)\b`) come from
//! regex-syntax's literal extractor; each sample is kept only if the real
//! regex matches it.

use crate::record::Value;
use regex_syntax::hir::literal::Extractor;

/// At most this many samples per regex.
const MAX_SAMPLES: usize = 6;

/// Texts matching the pattern: bare literals, and the current text with a
/// literal added, so a title like `Manager` can become `VP Manager`.
pub fn matching(pattern: &str, case_insensitive: bool, current: &Value) -> Vec<Value> {
    let Ok(regex) = regex::RegexBuilder::new(pattern)
        .case_insensitive(case_insensitive)
        .build()
    else {
        return Vec::new();
    };
    let Ok(hir) = regex_syntax::ParserBuilder::new()
        .case_insensitive(case_insensitive)
        .build()
        .parse(pattern)
    else {
        return Vec::new();
    };
    let sequence = Extractor::new().extract(&hir);
    let literals: Vec<String> = sequence
        .literals()
        .unwrap_or(&[])
        .iter()
        .filter_map(|literal| {
            std::str::from_utf8(literal.as_bytes())
                .ok()
                .map(str::to_string)
        })
        .filter(|literal| !literal.trim().is_empty())
        .collect();
    let mut samples = Vec::new();
    for literal in literals {
        let mut options = vec![literal.clone()];
        if let Value::Text(now) = current {
            options.push(format!("{literal} {now}"));
        }
        for option in options {
            if regex.is_match(&option) && !samples.contains(&option) {
                samples.push(option);
            }
        }
        if samples.len() >= MAX_SAMPLES {
            break;
        }
    }
    samples.into_iter().map(Value::Text).collect()
}

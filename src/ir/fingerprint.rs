//! The rule set's identity: a content hash of what the program does, for
//! provenance (`icpc eval` writes it as `ruleset` on every verdict).
//!
//! It hashes the program's canonical texts ([`canon`]), not its source, so
//! comments, layout, the order of rules, operands, list items and
//! declarations, let names and folding a condition into a let leave it
//! unchanged; anything a verdict can show changes it: a threshold, a list,
//! an effect, a rule's or score's name, a tier's name, condition or place,
//! a field's type, a score's bounds, a group's bounds or members. An
//! unnamed rule's `line N` name is left out, since it moves with the rule,
//! and so is a group's name, which only explanations show. A program
//! without caps hashes the text it hashed before caps existed.

use crate::ir::{self, canon};

/// The version of the hashed text: bump it when the text changes shape.
const VERSION: &str = "icpc-ruleset-1";

/// The program's fingerprint: 32 hex digits.
pub fn fingerprint(program: &ir::Program) -> String {
    let canon = canon::Canon::new(program);
    let mut scores: Vec<&str> = (program.scores.iter())
        .map(|score| score.name.as_str())
        .collect();
    scores.sort_unstable();
    let mut rules: Vec<String> = (program.rules.iter())
        .map(|rule| {
            let name = if rule.named { rule.name.as_str() } else { "" };
            format!("rule {name:?} {}\n", canon.rule(rule))
        })
        .collect();
    rules.sort_unstable();
    let mut text = format!("{VERSION}\nscores {scores:?}\n");
    text.extend(rules);
    for tier in &program.tiers {
        text.push_str(&format!("tier {:?} {}\n", tier.name, canon.tier(tier)));
    }
    // In file order: verdicts list a lead's segments in that order.
    for segment in &program.segments {
        let condition = canon.cond(&segment.condition);
        text.push_str(&format!("segment {:?} {condition}\n", segment.name));
    }
    caps(program, &mut text);
    canon::hex(canon::hash(text.as_bytes()))
}

/// Score bounds by score name, then groups as bounds and sorted members.
fn caps(program: &ir::Program, text: &mut String) {
    let caps = &program.caps;
    let mut bounded: Vec<String> = (program.scores.iter().enumerate())
        .filter(|(index, _)| !caps.score(*index).is_open())
        .map(|(index, score)| format!("bounds {:?} {:?}\n", score.name, caps.score(index)))
        .collect();
    bounded.sort_unstable();
    text.extend(bounded);
    let mut groups: Vec<String> = (caps.groups.iter())
        .map(|group| {
            let mut members: Vec<&str> = (group.rules.iter())
                .map(|rule| program.rules[*rule as usize].name.as_str())
                .collect();
            members.sort_unstable();
            format!("group {:?} {members:?}\n", group.bounds)
        })
        .collect();
    groups.sort_unstable();
    text.extend(groups);
}

#[cfg(test)]
mod tests {
    use crate::source::Source;

    fn of(text: &str) -> String {
        let checked = crate::compile(&Source::new("t.icp", text)).expect("compiles");
        super::fingerprint(&checked.program)
    }

    const BASE: &str = "score fit\nlet mid = employees 10..1000\n\
        rule a: industry in [SaaS, Fintech] and mid => fit +30\n\
        rule b: country == US => fit +5\ntier A: fit >= 30\ntier B: otherwise\n";

    #[test]
    fn comments_layout_order_and_lets_keep_it() {
        let same = "# a comment\nscore fit\n\nlet middle =   employees 10..1000\n\
            rule b: country == us => fit +5\n\
            rule a: middle and industry in [fintech, saas]   => fit +30\n\
            tier A: fit >= 30\ntier B: otherwise\n";
        assert_eq!(of(BASE), of(same));
        let folded = "score fit\nlet mid = employees 10..1000\n\
            let saas = industry in [SaaS, Fintech] and mid\n\
            rule a: saas => fit +30\n\
            rule b: country == US => fit +5\ntier A: fit >= 30\ntier B: otherwise\n";
        assert_eq!(of(BASE), of(folded));
        let grouped = format!("{BASE}group g at most 20: a, b\n");
        assert_eq!(of(&grouped), of(&grouped.replace("group g", "group h")));
        assert_ne!(of(&grouped), of(&grouped.replace("20", "25")));
    }

    #[test]
    fn behaviour_changes_it() {
        for changed in [
            BASE.replace("10..1000", "10..2000"),
            BASE.replace("+30", "+31"),
            BASE.replace("rule b", "rule c"),
            BASE.replace("tier A: fit >= 30\n", ""),
            BASE.replace("[SaaS, Fintech]", "[SaaS]"),
            BASE.replace("score fit", "score fit at most 100"),
            format!("{BASE}group g at most 20: a\n"),
        ] {
            assert_ne!(of(BASE), of(&changed), "{changed}");
        }
    }
}

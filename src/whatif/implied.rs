//! Rules a disqualifier fires on wherever they fire, seen from the text
//! alone: every conjunct of the disqualifier's condition is a conjunct of
//! the rule's (`segment_2 => disqualify` beside `segment_2 and industry in
//! [...] => fit +5`). Conjuncts are compared by their canonical key
//! (`ir::key`: equal keys, equal truth on every lead), and a let the rule
//! uses adds its body's conjuncts too, since the let holds where the rule
//! does. An `and` is true only where every operand is, so such a rule only
//! fires on disqualified leads, and the lints need no exhaustive search to
//! say so (on the generated 10,000-rule file, two thirds of the rules).
//! Any other rule is left to the search: this is a shortcut, never a
//! verdict of "fires cleanly".

use crate::ir::{self, CondKind};
use rustc_hash::FxHashMap;

/// Per rule of `program`: whether some other rule that disqualifies fires
/// wherever it does, by the test above.
pub fn covered(program: &ir::Program) -> Vec<bool> {
    let mut keys = Keys::default();
    // Each disqualifier's conjuncts, filed under its first.
    let mut by_first: FxHashMap<u32, Vec<(usize, Vec<u32>)>> = FxHashMap::default();
    for (index, rule) in program.rules.iter().enumerate() {
        if !rule.disqualifies() {
            continue;
        }
        let mut conjuncts = Vec::new();
        top_conjuncts(&rule.condition, &mut |cond| {
            conjuncts.push(keys.of(program, cond));
        });
        if let Some(first) = conjuncts.first() {
            by_first.entry(*first).or_default().push((index, conjuncts));
        }
    }
    let mut held = Vec::new();
    (program.rules.iter().enumerate())
        .map(|(index, rule)| {
            if rule.disqualifies() || by_first.is_empty() {
                return false;
            }
            held.clear();
            holds(program, &rule.condition, &mut keys, &mut held);
            held.iter().any(|key| {
                (by_first.get(key).into_iter().flatten()).any(|(other, conjuncts)| {
                    *other != index && conjuncts.iter().all(|needed| held.contains(needed))
                })
            })
        })
        .collect()
}

/// Calls `each` with the operands of a top-level `and`, or the condition
/// itself.
fn top_conjuncts<'a>(cond: &'a ir::Cond, each: &mut impl FnMut(&'a ir::Cond)) {
    match &cond.kind {
        CondKind::And(operands) => operands.iter().for_each(|operand| each(operand)),
        _ => each(cond),
    }
}

/// The keys of every condition true wherever `cond` is: its conjuncts,
/// and, for a let among them, the let's body's, through any depth.
fn holds(program: &ir::Program, cond: &ir::Cond, keys: &mut Keys, out: &mut Vec<u32>) {
    let mut conjuncts = Vec::new();
    top_conjuncts(cond, &mut |cond| conjuncts.push(cond));
    for conjunct in conjuncts {
        let key = keys.of(program, conjunct);
        if out.contains(&key) {
            continue;
        }
        out.push(key);
        if let CondKind::Let(id) = conjunct.kind {
            holds(program, &program.let_(id).body, keys, out);
        }
    }
}

/// Canonical keys, numbered: equal numbers, equal keys.
#[derive(Default)]
struct Keys {
    numbers: FxHashMap<String, u32>,
}

impl Keys {
    fn of(&mut self, program: &ir::Program, cond: &ir::Cond) -> u32 {
        let key = ir::key::cond(program, cond);
        let next = self.numbers.len() as u32;
        *self.numbers.entry(key).or_insert(next)
    }
}

#[cfg(test)]
mod tests {
    fn covered(text: &str) -> Vec<bool> {
        let schema = "schema {\n  n: int\n  t: text\n}\nscore fit\n";
        let rules = crate::RuleSet::compile("t.icp", &format!("{schema}{text}")).expect("compiles");
        super::covered(rules.program())
    }

    /// A disqualifier's conjuncts among the rule's, written out or
    /// through a let's body, cover it; an `or` of them, another test of
    /// the same field, or the disqualifier itself do not.
    #[test]
    fn a_rule_is_covered_by_every_conjunct_of_a_disqualifier() {
        let text = "let big = n > 10 and t == SaaS\n\
            rule d: n > 10 and t == saas => disqualify \"no\"\n\
            rule through_let: big => fit +1\n\
            rule written: t == SaaS and n > 10 and t contains \"a\" => fit +1\n\
            rule half: n > 10 => fit +1\n\
            rule either: n > 10 or t == SaaS => fit +1\n\
            rule other: n > 11 and t == SaaS => fit +1\n";
        assert_eq!(covered(text), [false, true, true, false, false, false]);
    }
}

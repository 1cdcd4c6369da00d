//! Rules a disqualifier fires on wherever they fire, seen from the text
//! alone (`segment_2 => disqualify` beside `segment_2 and industry in
//! [...] => fit +5`). What holds wherever a rule fires: each conjunct of
//! its condition, and for a let among them each of the let's body's,
//! compared by canonical key (`ir::key`: equal keys, equal truth on every
//! lead). A disqualifier's condition then surely holds when its key is
//! among those, an `and` of it when every operand surely holds, an `or`
//! when one does. Such a rule only fires on disqualified leads, and the
//! lints need no exhaustive search to say so (on the generated
//! 10,000-rule file, two thirds of the rules). Any other rule is left to
//! the search: this is a shortcut, never a verdict of "fires cleanly".

use crate::ir::{self, CondKind};
use rustc_hash::FxHashMap;

/// Per rule of `program`: whether some other rule that disqualifies fires
/// wherever it does, by the test above.
pub fn covered(program: &ir::Program) -> Vec<bool> {
    let mut keys = Keys::default();
    // Each disqualifier, filed under every key one of which must hold for
    // its condition to (`anchors`).
    let mut by_anchor: FxHashMap<u32, Vec<usize>> = FxHashMap::default();
    for (index, rule) in program.rules.iter().enumerate() {
        if !rule.disqualifies() {
            continue;
        }
        let mut found = Vec::new();
        anchors(program, &rule.condition, &mut keys, &mut found);
        found.sort_unstable();
        found.dedup();
        for key in found {
            by_anchor.entry(key).or_default().push(index);
        }
    }
    let mut held = Vec::new();
    (program.rules.iter().enumerate())
        .map(|(index, rule)| {
            if rule.disqualifies() || by_anchor.is_empty() {
                return false;
            }
            held.clear();
            holds(program, &rule.condition, &mut keys, &mut held);
            let mut candidates: Vec<usize> = (held.iter())
                .flat_map(|key| by_anchor.get(key).into_iter().flatten().copied())
                .filter(|other| *other != index)
                .collect();
            candidates.sort_unstable();
            candidates.dedup();
            (candidates.into_iter()).any(|other| {
                let condition = &program.rules[other].condition;
                surely(program, condition, &held, &mut keys)
            })
        })
        .collect()
}

/// Whether `cond` holds wherever every condition keyed in `held` does.
fn surely(program: &ir::Program, cond: &ir::Cond, held: &[u32], keys: &mut Keys) -> bool {
    if held.contains(&keys.of(program, cond)) {
        return true;
    }
    match &cond.kind {
        CondKind::And(operands) => {
            (operands.iter()).all(|operand| surely(program, operand, held, keys))
        }
        CondKind::Or(operands) => {
            (operands.iter()).any(|operand| surely(program, operand, held, keys))
        }
        CondKind::Let(id) => surely(program, &program.let_(*id).body, held, keys),
        CondKind::Not(_) | CondKind::Pred(_) => false,
    }
}

/// Keys one of which is in `held` wherever [`surely`] says `cond` holds:
/// its own, and those of its first operand (an `and`), of every operand
/// (an `or`) or of its body (a let).
fn anchors(program: &ir::Program, cond: &ir::Cond, keys: &mut Keys, out: &mut Vec<u32>) {
    out.push(keys.of(program, cond));
    match &cond.kind {
        CondKind::And(operands) => {
            if let Some(first) = operands.first() {
                anchors(program, first, keys, out);
            }
        }
        CondKind::Or(operands) => {
            for operand in operands {
                anchors(program, operand, keys, out);
            }
        }
        CondKind::Let(id) => anchors(program, &program.let_(*id).body, keys, out),
        CondKind::Not(_) | CondKind::Pred(_) => {}
    }
}

/// The keys of every condition true wherever `cond` is: its conjuncts,
/// and, for a let among them, the let's body's, through any depth.
fn holds(program: &ir::Program, cond: &ir::Cond, keys: &mut Keys, out: &mut Vec<u32>) {
    let key = keys.of(program, cond);
    if out.contains(&key) {
        return;
    }
    out.push(key);
    match &cond.kind {
        CondKind::And(operands) => {
            for operand in operands {
                holds(program, operand, keys, out);
            }
        }
        CondKind::Let(id) => holds(program, &program.let_(*id).body, keys, out),
        CondKind::Or(_) | CondKind::Not(_) | CondKind::Pred(_) => {}
    }
}

/// Canonical keys, numbered: equal numbers, equal keys. Each node of
/// the program's conditions is keyed once (by its address: the program
/// does not change while its rules are judged), so a condition asked
/// about again costs a lookup.
#[derive(Default)]
struct Keys {
    numbers: FxHashMap<String, u32>,
    nodes: FxHashMap<*const ir::Cond, u32>,
}

impl Keys {
    fn of(&mut self, program: &ir::Program, cond: &ir::Cond) -> u32 {
        if let Some(number) = self.nodes.get(&std::ptr::from_ref(cond)) {
            return *number;
        }
        let key = ir::key::cond(program, cond);
        let next = self.numbers.len() as u32;
        let number = *self.numbers.entry(key).or_insert(next);
        self.nodes.insert(std::ptr::from_ref(cond), number);
        number
    }
}

#[cfg(test)]
mod tests {
    fn covered(text: &str) -> Vec<bool> {
        let schema = "schema {\n  n: int\n  t: text\n}\nscore fit\n";
        let rules = crate::RuleSet::compile("t.icp", format!("{schema}{text}")).expect("compiles");
        super::covered(rules.program())
    }

    /// A disqualifier's conjuncts among the rule's, written out or
    /// through a let's body, cover it, and so does one side of a
    /// disqualifier's `or`; a rule's own `or`, another test of the same
    /// field, or the disqualifier itself do not.
    #[test]
    fn a_rule_is_covered_by_every_conjunct_of_a_disqualifier() {
        let text = "let big = n > 10 and t == SaaS\n\
            rule d: n > 10 and t == saas => disqualify \"no\"\n\
            rule through_let: big => fit +1\n\
            rule written: t == SaaS and n > 10 and t contains \"a\" => fit +1\n\
            rule half: n > 10 => fit +1\n\
            rule either: n > 10 or t == SaaS => fit +1\n\
            rule other: n > 11 and t == SaaS => fit +1\n\
            rule d2: t contains \"x\" or (n < 0 and big) => disqualify \"no\"\n\
            rule one_side: n < 0 and t == saas and big => fit +1\n";
        assert_eq!(
            covered(text),
            [false, true, true, false, false, false, false, true]
        );
    }
}

//! Canonical keys of conditions and rules: equal keys, same test written
//! the same way.
//!
//! Fields, scores and lets are written by name, not index, so a key means
//! the same in two versions of a file (a schema-less file numbers its
//! fields by first use, which moving a rule changes). Spans and predicate
//! ids are ignored, text that the evaluators compare
//! ignoring case is lowercased (regex patterns are kept as written), lists
//! are sorted sets, and a
//! let use is keyed by the let's name, not its body, so a key costs the
//! size of the condition as written, however deep its lets go. The lints
//! find repeats with them (W205); `icpc diff` and editors match rules
//! across versions of a file with them ([`ir::Rule::identity`]).
//!
//! The format is an s-expression meant for equality and hashing, not for
//! reading: `(and (employees > n10) let:mid_market)`.

use crate::ir;
use std::fmt::Write;

/// The key of a condition.
pub fn cond(program: &ir::Program, cond: &ir::Cond) -> String {
    let mut key = String::new();
    write_cond(program, cond, &mut key);
    key
}

/// The key of a rule: its condition and its effect (not its name).
pub fn rule(program: &ir::Program, rule: &ir::Rule) -> String {
    let mut key = cond(program, &rule.condition);
    let mut effects: Vec<String> = (rule.effects.iter())
        .map(|effect| match effect {
            ir::Effect::Add { score, delta } => format!("{}{delta:+}", program.score(*score).name),
            ir::Effect::Disqualify { reason } => format!("dq{reason:?}"),
        })
        .collect();
    // The order effects are written in changes nothing.
    effects.sort();
    write!(key, "=>{}", effects.join(",")).unwrap_or(());
    key
}

fn write_cond(program: &ir::Program, cond: &ir::Cond, key: &mut String) {
    let chain = |name: &str, operands: &[ir::Cond], key: &mut String| {
        key.push('(');
        key.push_str(name);
        for operand in operands {
            key.push(' ');
            write_cond(program, operand, key);
        }
        key.push(')');
    };
    match &cond.kind {
        ir::CondKind::And(operands) => chain("and", operands, key),
        ir::CondKind::Or(operands) => chain("or", operands, key),
        ir::CondKind::Not(inner) => {
            key.push_str("(not ");
            write_cond(program, inner, key);
            key.push(')');
        }
        ir::CondKind::Let(id) => write!(key, "let:{}", program.let_(*id).name).unwrap_or(()),
        ir::CondKind::Pred(pred) => write_pred(program, pred, key),
    }
}

/// The key of one test, e.g. `(employees > n10)`.
pub fn pred(program: &ir::Program, pred: &ir::Pred) -> String {
    let mut key = String::new();
    write_pred(program, pred, &mut key);
    key
}

fn write_pred(program: &ir::Program, pred: &ir::Pred, key: &mut String) {
    match pred.subject {
        ir::Subject::Field(field) => write!(key, "({} ", program.field(field).name),
        ir::Subject::Score(score) => write!(key, "(score:{} ", program.score(score).name),
    }
    .unwrap_or(());
    // Lists are sets to every evaluator: order and repeats do not count.
    let set = |mut items: Vec<String>| {
        items.sort_unstable();
        items.dedup();
        items.join(",")
    };
    let literals = |values: &[ir::Literal]| set(values.iter().map(literal).collect());
    let texts = |values: &[String]| set(values.iter().map(|text| text.to_lowercase()).collect());
    match &pred.test {
        ir::PredTest::Compare(op, value) => write!(key, "{} {}", op.as_str(), literal(value)),
        ir::PredTest::In { values, negated } => write!(key, "in{negated} [{}]", literals(values)),
        ir::PredTest::Range(low, high) => write!(key, "range {} {}", literal(low), literal(high)),
        ir::PredTest::HasAny(values) => write!(key, "hasany [{}]", texts(values)),
        ir::PredTest::HasAll(values) => write!(key, "hasall [{}]", texts(values)),
        ir::PredTest::Text(op, text) => write!(key, "{} {:?}", op.as_str(), text.to_lowercase()),
        ir::PredTest::Matches {
            pattern,
            case_insensitive,
        } => write!(key, "matches {pattern:?} {case_insensitive}"),
        ir::PredTest::Missing(missing) => write!(key, "missing {missing}"),
        ir::PredTest::Within(days) => write!(key, "within {days}"),
    }
    .unwrap_or(());
    key.push(')');
}

fn literal(literal: &ir::Literal) -> String {
    match literal {
        ir::Literal::Number(number) => format!("n{number}"),
        ir::Literal::Text(text) => format!("t{:?}", text.to_lowercase()),
        ir::Literal::Bool(flag) => format!("b{flag}"),
        ir::Literal::Date(days) => format!("d{days}"),
    }
}

#[cfg(test)]
mod tests {
    use crate::source::Source;

    #[test]
    fn keys_name_fields_so_they_mean_the_same_in_another_file() {
        let key = |text: &str| {
            let checked = crate::compile(&Source::new("t.icp", text)).expect("compiles");
            super::rule(&checked.program, &checked.program.rules[0])
        };
        let alone = key("score fit\nrule r: employees > 10 and industry == SaaS => fit +1\n");
        let after_another = key(
            "score fit\nrule r: employees > 10 and industry == saas => fit +1\n\
             rule s: country == US => fit +2\n",
        );
        assert_eq!(alone, after_another);
        assert_eq!(
            alone,
            r#"(and (employees > n10) (industry == t"saas"))=>fit+1"#
        );
    }
}

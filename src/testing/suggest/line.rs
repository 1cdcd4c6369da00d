//! A record and its verdict written as an example line of the language.

use crate::ir;
use crate::record::{Record, Value};
use crate::verdict::Verdict;

/// `{field: value, ...} => OUTCOME, score N, ...`: every field the record
/// has, in program order, and every score.
pub fn body(program: &ir::Program, record: &Record, verdict: &Verdict) -> String {
    let entries: Vec<String> = (program.fields.iter().enumerate())
        .filter_map(|(index, field)| {
            let value = record.values.get(index)?;
            value_text(value).map(|text| format!("{}: {text}", field.name))
        })
        .collect();
    format!(
        "{{{}}} => {}",
        entries.join(", "),
        outcome(program, verdict)
    )
}

/// The outcome as expectations: `tier A, fit 40, intent 10`, `no tier,
/// ...`, `disqualified "reason", ...`.
pub fn outcome(program: &ir::Program, verdict: &Verdict) -> String {
    let first = if verdict.disqualified {
        let reason = (verdict.matched.iter())
            .find_map(|rule| program.rules[*rule as usize].disqualify_reason());
        match reason {
            Some(reason) => format!("disqualified {}", crate::format::quoted(reason)),
            None => "disqualified".to_string(),
        }
    } else {
        super::super::outcome_text(program, verdict)
    };
    let scores = (program.scores.iter().zip(&verdict.scores))
        .map(|(score, value)| format!(", {} {value}", score.name));
    std::iter::once(first).chain(scores).collect()
}

fn value_text(value: &Value) -> Option<String> {
    Some(match value {
        Value::Missing => return None,
        Value::Number(number) => number.to_string(),
        Value::Text(text) | Value::Present(text) => word(text),
        Value::Bool(flag) => flag.to_string(),
        Value::Date(day) => crate::date::format(*day),
        Value::List(items) => {
            let items: Vec<String> = items.iter().map(|item| word(item)).collect();
            format!("[{}]", items.join(", "))
        }
    })
}

fn word(text: &str) -> String {
    if crate::format::is_bare_word(text) {
        text.to_string()
    } else {
        crate::format::quoted(text)
    }
}

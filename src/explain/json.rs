//! The JSON form of an explanation (documented in docs/explain.md).
//!
//! Explanations are written straight into the output buffer: everything
//! that depends only on the program (each clause's line, column and text,
//! each rule's name and effect) is rendered once in [`JsonWriter::new`],
//! so a record costs only its outcomes and values. `version` changes
//! whenever a key is renamed or removed, so tools can tell.

use super::Rules;
use crate::ir::{self, CondKind};
use crate::output::json_string;
use crate::record::Value;
use crate::source::Span;
use crate::trace::{Clause, ClauseKind, Trace};
use crate::verdict::Verdict;
use rustc_hash::FxHashMap;
use serde_json::Value as Json;

/// The version of the explanation's JSON shape.
pub const JSON_VERSION: u32 = 1;

/// Writes explanations of one program's verdicts as JSON.
pub struct JsonWriter {
    /// `"line":L,"column":C,"text":"..."` of every clause span.
    clauses: FxHashMap<Span, Vec<u8>>,
    /// Per rule: `{"line":L,"column":C,"rule":"name","identity":"…",`
    /// (`ir::Rule::identity`: the name, or `#` and a hash for an unnamed rule).
    rule_heads: Vec<Vec<u8>>,
    /// Per rule: `,"effect":"fit +30","condition":`.
    rule_effects: Vec<Vec<u8>>,
    /// Per tier: `{"line":L,"column":C,"tier":"A",`.
    tier_heads: Vec<Vec<u8>>,
    /// Field and score names as JSON strings.
    fields: Vec<Vec<u8>>,
    scores: Vec<Vec<u8>>,
    /// Per rule: `{"rule":"name","reason":"..."}` for disqualify rules.
    disqualifications: Vec<Vec<u8>>,
}

impl JsonWriter {
    /// Renders the program-dependent parts once.
    pub fn new(context: Rules<'_>) -> JsonWriter {
        let program = context.program;
        let mut clauses = FxHashMap::default();
        // Let bodies are among the conditions: uses need not be followed.
        for condition in program.conditions() {
            collect_clauses(context, condition, &mut clauses);
        }
        let quoted = |text: &str| {
            let mut out = Vec::new();
            json_string(&mut out, text);
            out
        };
        let head = |span: Span, key: &str, name: &str| {
            let mut out = b"{".to_vec();
            out.extend(place(context, span));
            out.extend(format!(",\"{key}\":").into_bytes());
            json_string(&mut out, name);
            out.push(b',');
            out
        };
        JsonWriter {
            clauses,
            rule_heads: program
                .rules
                .iter()
                .map(|rule| {
                    let mut out = head(rule.span, "rule", &rule.name);
                    out.extend_from_slice(b"\"identity\":");
                    json_string(&mut out, &rule.identity(program));
                    out.push(b',');
                    out
                })
                .collect(),
            rule_effects: (program.rules.iter())
                .map(|rule| {
                    let mut out = b",\"effect\":".to_vec();
                    json_string(&mut out, &context.effects_text(&rule.effects));
                    out.extend_from_slice(b",\"condition\":");
                    out
                })
                .collect(),
            tier_heads: program
                .tiers
                .iter()
                .map(|tier| head(tier.span, "tier", &tier.name))
                .collect(),
            fields: program
                .fields
                .iter()
                .map(|field| quoted(&field.name))
                .collect(),
            scores: program
                .scores
                .iter()
                .map(|score| quoted(&score.name))
                .collect(),
            disqualifications: (program.rules.iter())
                .map(|rule| {
                    let reason = rule.disqualify_reason().unwrap_or("");
                    let mut out = b"{\"rule\":".to_vec();
                    json_string(&mut out, &rule.name);
                    out.extend_from_slice(b",\"reason\":");
                    json_string(&mut out, reason);
                    out.push(b'}');
                    out
                })
                .collect(),
        }
    }

    /// Appends the `explanation` object of one record to `out`.
    pub fn write(
        &self,
        out: &mut Vec<u8>,
        program: &ir::Program,
        verdict: &Verdict,
        trace: &Trace,
    ) {
        out.extend_from_slice(format!("{{\"version\":{JSON_VERSION},\"rules\":[").as_bytes());
        for (index, rule_trace) in trace.rules.iter().enumerate() {
            comma(out, index);
            let rule = rule_trace.rule as usize;
            out.extend_from_slice(&self.rule_heads[rule]);
            out.extend_from_slice(if rule_trace.fired {
                b"\"fired\":true"
            } else {
                b"\"fired\":false"
            });
            outcome(out, rule_trace.clause.outcome.as_str());
            out.extend_from_slice(&self.rule_effects[rule]);
            self.clause(out, &rule_trace.clause);
            out.push(b'}');
        }
        out.extend_from_slice(b"],\"tiers\":[");
        for (index, tier_trace) in trace.tiers.iter().enumerate() {
            comma(out, index);
            out.extend_from_slice(&self.tier_heads[tier_trace.tier as usize]);
            out.extend_from_slice(b"\"outcome\":\"");
            out.extend_from_slice(tier_trace.outcome.as_str().as_bytes());
            out.extend_from_slice(b"\",\"condition\":");
            match &tier_trace.clause {
                Some(clause) => self.clause(out, clause),
                None => out.extend_from_slice(b"\"otherwise\""),
            }
            out.push(b'}');
        }
        out.extend_from_slice(b"],\"decided_by\":");
        match verdict.tier {
            Some(tier) => json_string(out, &program.tiers[tier as usize].name),
            None => out.extend_from_slice(b"null"),
        }
        out.extend_from_slice(b",\"disqualified_by\":[");
        for (index, rule) in trace.disqualified_by.iter().enumerate() {
            comma(out, index);
            out.extend_from_slice(&self.disqualifications[*rule as usize]);
        }
        out.extend_from_slice(b"]}");
    }

    fn clause(&self, out: &mut Vec<u8>, clause: &Clause) {
        out.push(b'{');
        if let Some(fixed) = self.clauses.get(&clause.span) {
            out.extend_from_slice(fixed);
            out.push(b',');
        }
        out.extend_from_slice(b"\"outcome\":\"");
        out.extend_from_slice(clause.outcome.as_str().as_bytes());
        out.extend_from_slice(b"\",\"op\":");
        match &clause.kind {
            ClauseKind::And(operands) => self.operands(out, b"\"and\"", operands.iter()),
            ClauseKind::Or(operands) => self.operands(out, b"\"or\"", operands.iter()),
            ClauseKind::Not(inner) => self.operands(out, b"\"not\"", std::iter::once(&**inner)),
            ClauseKind::Let { name, body } => {
                out.extend_from_slice(b"\"let\",\"let\":");
                json_string(out, name);
                self.operands(out, b"", std::iter::once(&**body));
            }
            ClauseKind::Test { subject, value } => {
                let (key, name): (&[u8], &[u8]) = match subject {
                    ir::Subject::Field(field) => {
                        (b"\"test\",\"field\":", &self.fields[field.0 as usize])
                    }
                    ir::Subject::Score(score) => {
                        (b"\"test\",\"score\":", &self.scores[score.0 as usize])
                    }
                };
                out.extend_from_slice(key);
                out.extend_from_slice(name);
                out.extend_from_slice(b",\"value\":");
                write_value(out, value);
            }
        }
        out.push(b'}');
    }

    fn operands<'c>(
        &self,
        out: &mut Vec<u8>,
        op: &[u8],
        operands: impl Iterator<Item = &'c Clause>,
    ) {
        out.extend_from_slice(op);
        out.extend_from_slice(b",\"operands\":[");
        for (index, operand) in operands.enumerate() {
            comma(out, index);
            self.clause(out, operand);
        }
        out.push(b']');
    }
}

/// `"line":L,"column":C` of a span, led by `"file":NAME` when the span
/// lies in an included file.
fn place(context: Rules<'_>, span: Span) -> Vec<u8> {
    let source = context.source;
    let position = source.position(span.start);
    let mut out = Vec::new();
    if source.is_included(span.start) {
        out.extend(b"\"file\":");
        json_string(&mut out, source.file_name(span.start));
        out.push(b',');
    }
    out.extend(format!("\"line\":{},\"column\":{}", position.line, position.column).into_bytes());
    out
}

fn collect_clauses(context: Rules<'_>, cond: &ir::Cond, clauses: &mut FxHashMap<Span, Vec<u8>>) {
    clauses.entry(cond.span).or_insert_with(|| {
        let mut out = place(context, cond.span);
        out.extend(b",\"text\":");
        json_string(&mut out, context.source.slice(cond.span));
        out
    });
    match &cond.kind {
        CondKind::And(operands) | CondKind::Or(operands) => {
            operands
                .iter()
                .for_each(|operand| collect_clauses(context, operand, clauses));
        }
        CondKind::Not(inner) => collect_clauses(context, inner, clauses),
        CondKind::Let(_) | CondKind::Pred(_) => {}
    }
}

fn comma(out: &mut Vec<u8>, index: usize) {
    if index > 0 {
        out.push(b',');
    }
}

fn outcome(out: &mut Vec<u8>, word: &str) {
    out.extend_from_slice(b",\"outcome\":\"");
    out.extend_from_slice(word.as_bytes());
    out.push(b'"');
}

fn write_value(out: &mut Vec<u8>, value: &Value) {
    match value {
        Value::Missing => out.extend_from_slice(b"null"),
        Value::Number(number) if number.fract() == 0.0 && number.abs() < 9.0e15 => {
            out.extend_from_slice(itoa::Buffer::new().format(*number as i64).as_bytes());
        }
        Value::Number(number) if number.is_finite() => {
            out.extend_from_slice(number.to_string().as_bytes())
        }
        Value::Number(_) => out.extend_from_slice(b"null"),
        Value::Text(text) | Value::Present(text) => json_string(out, text),
        Value::Bool(flag) => out.extend_from_slice(if *flag { b"true" } else { b"false" }),
        Value::Date(day) => json_string(out, &crate::date::format(*day)),
        Value::List(items) => {
            out.push(b'[');
            for (index, item) in items.iter().enumerate() {
                comma(out, index);
                json_string(out, item);
            }
            out.push(b']');
        }
    }
}

/// The `explanation` object of one record as a JSON value (for one-off
/// uses such as `icpc explain`; `eval --explain` writes bytes directly).
pub fn to_json(context: Rules<'_>, verdict: &Verdict, trace: &Trace) -> Json {
    let mut out = Vec::new();
    JsonWriter::new(context).write(&mut out, context.program, verdict, trace);
    serde_json::from_slice(&out).unwrap_or(Json::Null)
}

/// A record value as JSON: missing is `null`, dates are `YYYY-MM-DD`,
/// whole numbers are integers.
pub fn value_json(value: &Value) -> Json {
    let mut out = Vec::new();
    write_value(&mut out, value);
    serde_json::from_slice(&out).unwrap_or(Json::Null)
}

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
use crate::record::{Record, Value};
use crate::source::Span;
use crate::trace::{Outcome, StepKind, Steps, Trace, value};
use crate::verdict::Verdict;
use rustc_hash::FxHashMap;
use serde_json::Value as Json;
use std::io::Write;

/// The version of the explanation's JSON shape (2: the full form lists
/// deciding tests instead of every clause; the clause tree is `tree`).
pub const JSON_VERSION: u32 = 2;

/// Which explanation `icpc eval --explain` writes (docs/explain.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Form {
    /// Every rule's, tier's and segment's outcome, and the deciding tests
    /// (`explain::deciding`: text, position, outcome and value) of every
    /// rule that did not fire and of every tier and segment.
    #[default]
    Full,
    /// Every clause with its text, position, outcome and value, as a tree.
    Tree,
    /// One outcome letter per clause of the tree (`explain::compact`).
    Compact,
}

/// Writes explanations of one program's verdicts as JSON.
pub struct JsonWriter {
    /// Which explanation it writes.
    form: Form,
    /// `"line":L,"column":C,"text":"..."` of every clause span.
    clauses: FxHashMap<Span, Vec<u8>>,
    /// Per rule: `{"line":L,"column":C,"rule":"name","identity":"…",`
    /// (`ir::Rule::identity`: the name, or `#` and a hash for an unnamed
    /// rule; the full form leaves out an identity that is the name).
    rule_heads: Vec<Vec<u8>>,
    /// Per rule: `,"effect":"fit +30"`.
    rule_effects: Vec<Vec<u8>>,
    /// Per tier: `{"line":L,"column":C,"tier":"A",`.
    tier_heads: Vec<Vec<u8>>,
    /// Per segment: `{"line":L,"column":C,"segment":"name",`.
    segment_heads: Vec<Vec<u8>>,
    /// Field and score names as JSON strings.
    fields: Vec<Vec<u8>>,
    scores: Vec<Vec<u8>>,
    /// Per rule: `{"rule":"name","reason":"..."}` for disqualify rules.
    disqualifications: Vec<Vec<u8>>,
}

impl JsonWriter {
    /// Renders the program-dependent parts once.
    pub fn new(context: Rules<'_>, form: Form) -> JsonWriter {
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
            form,
            clauses,
            rule_heads: program
                .rules
                .iter()
                .map(|rule| {
                    let mut out = head(rule.span, "rule", &rule.name);
                    // The full form names an identity only where the name
                    // is not one (an unnamed rule's `line N`).
                    let identity = rule.identity(program);
                    if form == Form::Tree || identity != rule.name {
                        out.extend_from_slice(b"\"identity\":");
                        json_string(&mut out, &identity);
                        out.push(b',');
                    }
                    out
                })
                .collect(),
            rule_effects: (program.rules.iter())
                .map(|rule| {
                    let mut out = b",\"effect\":".to_vec();
                    json_string(&mut out, &context.effects_text(&rule.effects));
                    out
                })
                .collect(),
            tier_heads: program
                .tiers
                .iter()
                .map(|tier| head(tier.span, "tier", &tier.name))
                .collect(),
            segment_heads: (program.segments.iter())
                .map(|segment| head(segment.span, "segment", &segment.name))
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
    pub fn write(&self, out: &mut Vec<u8>, lead: Lead<'_>) {
        match self.form {
            Form::Compact => super::compact::write(out, lead),
            Form::Full | Form::Tree => {
                version(out);
                if self.form == Form::Tree {
                    out.extend_from_slice(b",\"form\":\"tree\"");
                }
                self.parts(out, lead);
            }
        }
    }

    /// Every rule, tier and segment, each condition written by the form.
    fn parts(&self, out: &mut Vec<u8>, lead: Lead<'_>) {
        let steps = lead.steps;
        out.extend_from_slice(b",\"rules\":[");
        for (rule, root) in steps.rules.iter().enumerate() {
            comma(out, rule);
            let outcome = steps.steps[*root as usize].outcome;
            out.extend_from_slice(&self.rule_heads[rule]);
            fired(out, outcome == Outcome::True);
            self::outcome(out, outcome.as_str());
            out.extend_from_slice(&self.rule_effects[rule]);
            if self.form == Form::Full && outcome == Outcome::True {
                // A fired rule's condition held: the full form names the
                // tests only of what did not fire (docs/explain.md).
                out.push(b'}');
            } else {
                self.condition(out, lead, Some(*root));
            }
        }
        out.extend_from_slice(b"],\"tiers\":[");
        for (tier, (outcome, root)) in steps.tiers.iter().enumerate() {
            comma(out, tier);
            out.extend_from_slice(&self.tier_heads[tier]);
            out.extend_from_slice(b"\"outcome\":\"");
            out.extend_from_slice(outcome.as_str().as_bytes());
            out.push(b'"');
            self.condition(out, lead, *root);
        }
        if !lead.program.segments.is_empty() {
            out.extend_from_slice(b"],\"segments\":[");
            for (segment, (outcome, root)) in steps.segments.iter().enumerate() {
                comma(out, segment);
                out.extend_from_slice(&self.segment_heads[segment]);
                out.extend_from_slice(if *outcome == Outcome::True {
                    b"\"in\":true"
                } else {
                    b"\"in\":false"
                });
                self::outcome(out, outcome.as_str());
                self.condition(out, lead, Some(*root));
            }
        }
        out.extend_from_slice(b"],\"decided_by\":");
        match lead.verdict.tier {
            Some(tier) => json_string(out, &lead.program.tiers[tier as usize].name),
            None => out.extend_from_slice(b"null"),
        }
        out.extend_from_slice(b",\"disqualified_by\":[");
        for (index, rule) in steps.disqualified_by.iter().enumerate() {
            comma(out, index);
            out.extend_from_slice(&self.disqualifications[*rule as usize]);
        }
        out.push(b']');
        super::caps::write_json(out, lead.program, lead.verdict);
        out.push(b'}');
    }

    /// A condition and the `}` closing its rule, tier or segment: the full
    /// form's `,"deciding":[...]`, or the tree form's `,"condition":{...}`
    /// (`"otherwise"` for a tier without one).
    fn condition(&self, out: &mut Vec<u8>, lead: Lead<'_>, root: Option<u32>) {
        if self.form == Form::Tree {
            out.extend_from_slice(b",\"condition\":");
            match root {
                Some(root) => self.clause(out, lead, root),
                None => out.extend_from_slice(b"\"otherwise\""),
            }
        } else {
            out.extend_from_slice(b",\"deciding\":[");
            if let Some(root) = root {
                let mut first = true;
                super::deciding::for_each(lead.steps, root, &mut |leaf| {
                    if !std::mem::take(&mut first) {
                        out.push(b',');
                    }
                    self.clause(out, lead, leaf);
                });
            }
            out.push(b']');
        }
        out.push(b'}');
    }

    /// A clause of the tree form with its operands; of the full form (a
    /// deciding test), without its `op`.
    fn clause(&self, out: &mut Vec<u8>, lead: Lead<'_>, index: u32) {
        let step = &lead.steps.steps[index as usize];
        out.push(b'{');
        if let Some(fixed) = self.clauses.get(&step.span) {
            out.extend_from_slice(fixed);
            out.push(b',');
        }
        out.extend_from_slice(b"\"outcome\":\"");
        out.extend_from_slice(step.outcome.as_str().as_bytes());
        out.push(b'"');
        let op: &[u8] = match step.kind {
            StepKind::And => b"\"and\"",
            StepKind::Or => b"\"or\"",
            StepKind::Not => b"\"not\"",
            StepKind::Let(id) => {
                out.extend_from_slice(b",\"op\":\"let\",\"let\":");
                json_string(out, &lead.program.let_(id).name);
                b""
            }
            StepKind::Test { subject, scored } => {
                if self.form == Form::Tree {
                    out.extend_from_slice(b",\"op\":\"test\"");
                }
                let (key, name): (&[u8], &[u8]) = match subject {
                    ir::Subject::Field(field) => (b",\"field\":", &self.fields[field.0 as usize]),
                    ir::Subject::Score(score) => (b",\"score\":", &self.scores[score.0 as usize]),
                };
                out.extend_from_slice(key);
                out.extend_from_slice(name);
                out.extend_from_slice(b",\"value\":");
                let scores = &lead.verdict.scores;
                write_value(out, &value(lead.record, scores, subject, scored));
                out.push(b'}');
                return;
            }
        };
        if !op.is_empty() {
            out.extend_from_slice(b",\"op\":");
            out.extend_from_slice(op);
        }
        out.extend_from_slice(b",\"operands\":[");
        for (position, operand) in lead.steps.operands(index).enumerate() {
            comma(out, position);
            self.clause(out, lead, operand);
        }
        out.extend_from_slice(b"]}");
    }
}

/// What one record's explanation is written from.
#[derive(Debug, Clone, Copy)]
pub struct Lead<'a> {
    /// The checked program.
    pub program: &'a ir::Program,
    /// The record as read (the values tests saw).
    pub record: &'a Record,
    /// Its verdict.
    pub verdict: &'a Verdict,
    /// Its trace, flat (`trace::steps`).
    pub steps: &'a Steps,
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

fn version(out: &mut Vec<u8>) {
    out.extend_from_slice(b"{\"version\":");
    out.extend_from_slice(itoa::Buffer::new().format(JSON_VERSION).as_bytes());
}

fn fired(out: &mut Vec<u8>, fired: bool) {
    out.extend_from_slice(if fired {
        b"\"fired\":true"
    } else {
        b"\"fired\":false"
    });
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
            // Written in place: `Display` of an `f64` into the buffer.
            let _ = write!(out, "{number}");
        }
        Value::Number(_) => out.extend_from_slice(b"null"),
        Value::Text(text) | Value::Present(text) => json_string(out, text),
        Value::Bool(flag) => out.extend_from_slice(if *flag { b"true" } else { b"false" }),
        Value::Date(day) => {
            let (year, month, day) = crate::date::civil_from_days(*day);
            let _ = write!(out, "\"{year:04}-{month:02}-{day:02}\"");
        }
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

/// The `explanation` object of one record as a JSON value, in the tree
/// form (for one-off uses such as `icpc explain`, where every clause is
/// worth showing; `eval --explain` writes bytes directly).
pub fn to_json(context: Rules<'_>, record: &Record, verdict: &Verdict, trace: &Trace) -> Json {
    let mut out = Vec::new();
    let lead = Lead {
        program: context.program,
        record,
        verdict,
        steps: &trace.steps,
    };
    JsonWriter::new(context, Form::Tree).write(&mut out, lead);
    serde_json::from_slice(&out).unwrap_or(Json::Null)
}

/// A record value as JSON: missing is `null`, dates are `YYYY-MM-DD`,
/// whole numbers are integers.
pub fn value_json(value: &Value) -> Json {
    let mut out = Vec::new();
    write_value(&mut out, value);
    serde_json::from_slice(&out).unwrap_or(Json::Null)
}

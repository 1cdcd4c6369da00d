//! Measures JSON Lines parsers on a file of leads, one thread, file in memory:
//! the 14 fields of the reference workload are extracted, the rest skipped.
//!
//! `cargo run --release -- leads.jsonl` (add `RUSTFLAGS="-C target-cpu=x86-64-v3"`
//! for sonic-rs's SIMD path). Prints MB/s per parser, best of three runs.

use icpc::data::{Lead, jsonl};
use icpc::ir::{self, Type};
use icpc::source::Span;
use serde::Deserialize;
use serde_json::value::RawValue;
use std::time::Instant;

const FIELDS: &[(&str, Type)] = &[
    ("id", Type::Text),
    ("email", Type::Text),
    ("industry", Type::Text),
    ("employees", Type::Int),
    ("revenue", Type::Number),
    ("country", Type::Text),
    ("title", Type::Text),
    ("department", Type::Text),
    ("tech", Type::TextList),
    ("funding_stage", Type::Text),
    ("last_activity", Type::Date),
    ("web_visits_30d", Type::Int),
    ("email_opens_30d", Type::Int),
    ("is_customer", Type::Bool),
];

/// The reference schema, with one rule that tests every field.
fn program() -> ir::Program {
    let present = |index: usize| ir::Cond {
        kind: ir::CondKind::Pred(ir::Pred {
            subject: ir::Subject::Field(ir::FieldId(index as u32)),
            test: ir::PredTest::Missing(false),
        }),
        span: Span::default(),
    };
    ir::Program {
        has_schema: true,
        fields: FIELDS
            .iter()
            .map(|(name, ty)| ir::Field::new(*name, *ty, Span::default()))
            .collect(),
        scores: Vec::new(),
        rules: vec![ir::Rule {
            name: "all".into(),
            named: true,
            condition: ir::Cond { kind: ir::CondKind::Or((0..FIELDS.len()).map(present).collect()), span: Span::default() },
            effect: ir::Effect::Disqualify { reason: String::new() },
            span: Span::default(),
        }],
        tiers: Vec::new(),
    }
}

/// The fields as raw JSON (typing happens later, and can fail per field).
#[derive(Deserialize)]
#[expect(dead_code, reason = "fields are parsed to be measured, not read")]
struct SerdeLead<'a> {
    #[serde(borrow)]
    id: Option<&'a RawValue>,
    #[serde(borrow)]
    email: Option<&'a RawValue>,
    #[serde(borrow)]
    industry: Option<&'a RawValue>,
    #[serde(borrow)]
    employees: Option<&'a RawValue>,
    #[serde(borrow)]
    revenue: Option<&'a RawValue>,
    #[serde(borrow)]
    country: Option<&'a RawValue>,
    #[serde(borrow)]
    title: Option<&'a RawValue>,
    #[serde(borrow)]
    department: Option<&'a RawValue>,
    #[serde(borrow)]
    tech: Option<&'a RawValue>,
    #[serde(borrow)]
    funding_stage: Option<&'a RawValue>,
    #[serde(borrow)]
    last_activity: Option<&'a RawValue>,
    #[serde(borrow)]
    web_visits_30d: Option<&'a RawValue>,
    #[serde(borrow)]
    email_opens_30d: Option<&'a RawValue>,
    #[serde(borrow)]
    is_customer: Option<&'a RawValue>,
}

const SONIC_KEYS: [&str; 14] = [
    "id", "email", "industry", "employees", "revenue", "country", "title", "department", "tech",
    "funding_stage", "last_activity", "web_visits_30d", "email_opens_30d", "is_customer",
];

fn measure(name: &str, bytes: &[u8], mut parse: impl FnMut(&[u8]) -> bool) {
    let mut best = f64::MAX;
    let mut accepted = 0;
    for _ in 0..3 {
        let started = Instant::now();
        accepted = bytes.split(|&byte| byte == b'\n').filter(|line| !line.is_empty() && parse(line)).count();
        best = best.min(started.elapsed().as_secs_f64());
    }
    println!("{name:<44} {:>7.0} MB/s  ({accepted} lines accepted)", bytes.len() as f64 / best / 1e6);
}

fn main() {
    let path = std::env::args().nth(1).expect("usage: parsers LEADS.jsonl");
    let bytes = std::fs::read(&path).expect("readable leads");
    let program = program();
    let used: Vec<ir::FieldId> = (0..FIELDS.len() as u32).map(ir::FieldId).collect();
    let reader = jsonl::Reader::new(&program, &used);
    let mut lead = Lead::new(&program);
    measure("split lines only", &bytes, |line| !line.is_empty());
    measure("icpc lazy scanner (typed slots)", &bytes, |line| reader.read(line, 1, &mut lead).is_ok());
    measure("serde_json struct of 14 RawValue", &bytes, |line| {
        serde_json::from_slice::<SerdeLead>(line).is_ok()
    });
    let mut tree = sonic_rs::PointerTree::new();
    for key in SONIC_KEYS {
        tree.add_path(&[key]);
    }
    measure("sonic-rs get_many (14 keys)", &bytes, |line| sonic_rs::get_many(line, &tree).is_ok());
    measure("sonic-rs Value (whole tree)", &bytes, |line| sonic_rs::from_slice::<sonic_rs::Value>(line).is_ok());
}

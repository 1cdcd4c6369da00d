//! Shared by the reader tests: a hand-built program with a field of every
//! type, a sink that collects bytes, and generated lead files.

use icpc::ir::{self, Type};
use icpc::record::{Record, Value};
use icpc::source::Span;
use icpc::stream::{self, Settings, Sink};
use icpc::summary::Summary;
use icpc::verdict::Verdict;

/// Fields of every type (one nested), a score, a scoring rule that tests
/// every field, a disqualifying rule and one tier.
pub fn program() -> ir::Program {
    let fields = [
        ("id", Type::Text),
        ("industry", Type::Text),
        ("employees", Type::Int),
        ("revenue", Type::Number),
        ("is_customer", Type::Bool),
        ("last_activity", Type::Date),
        ("tech", Type::TextList),
        ("company.size", Type::Int),
        ("extra", Type::Any),
    ];
    let present = |index: usize| ir::Cond {
        kind: ir::CondKind::Pred(ir::Pred::new(
            ir::Subject::Field(ir::FieldId(index as u32)),
            ir::PredTest::Missing(false),
        )),
        span: Span::default(),
    };
    let rule = |name: &str, condition: ir::Cond, effect: ir::Effect| ir::Rule {
        name: name.into(),
        named: true,
        name_span: None,
        condition,
        effects: vec![effect],
        span: Span::default(),
    };
    let mut program = ir::Program {
        has_schema: true,
        fields: fields
            .iter()
            .map(|(name, ty)| ir::Field::new(*name, *ty, Span::default()))
            .collect(),
        scores: vec![ir::Score {
            name: "fit".into(),
            span: Span::default(),
        }],
        rules: vec![
            rule(
                "every field",
                ir::Cond {
                    kind: ir::CondKind::Or((0..fields.len()).map(present).collect()),
                    span: Span::default(),
                },
                ir::Effect::Add {
                    score: ir::ScoreId(0),
                    delta: 1,
                },
            ),
            rule(
                "small",
                present(2),
                ir::Effect::Disqualify {
                    reason: "too \"small\"".into(),
                },
            ),
        ],
        tiers: vec![ir::Tier {
            name: "A".into(),
            name_span: Span::default(),
            condition: None,
            otherwise: Some(Span::default()),
            span: Span::default(),
        }],
        lets: Vec::new(),
        pred_count: 0,
    };
    program.number_preds();
    program
}

/// Collects everything written.
#[derive(Debug, Default)]
pub struct Collect {
    pub output: Vec<u8>,
    pub errors: Vec<u8>,
}

impl Sink for Collect {
    fn output(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        self.output.extend_from_slice(bytes);
        Ok(())
    }

    fn errors(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        self.errors.extend_from_slice(bytes);
        Ok(())
    }
}

/// Scores a record by the number of its present values.
pub fn count_present(record: &Record) -> Verdict {
    let present = record
        .values
        .iter()
        .filter(|value| **value != Value::Missing)
        .count();
    Verdict {
        scores: vec![present as i64],
        tier: Some(0),
        disqualified: false,
        matched: Vec::new(),
    }
}

/// `count` JSON lines, every seventh malformed and every eleventh blank.
pub fn sample_jsonl(count: usize) -> Vec<u8> {
    let mut out = String::new();
    for index in 0..count {
        match (index % 7, index % 11) {
            (_, 0) => out.push_str("   \n"),
            (0, _) => out.push_str(&format!("{{\"id\":\"L{index}\",\"employees\":\n")),
            (_, _) => out.push_str(&format!(
                "{{\"id\":\"L{index}\",\"employees\":{index},\"tech\":[\"a\",\"b\"],\"unused\":[{{}}]}}\n"
            )),
        }
    }
    out.into_bytes()
}

/// Output, error reports and summary of a run with [`count_present`];
/// fails only on a CSV header that cannot be read.
pub fn run_with(input: &[u8], settings: Settings) -> std::io::Result<(Vec<u8>, Vec<u8>, Summary)> {
    let mut sink = Collect::default();
    let new_scorer = || -> Box<stream::Scorer> {
        Box::new(|record, verdict, _| *verdict = count_present(record))
    };
    let summary = stream::run(&program(), &new_scorer, &settings, input, &mut sink)?;
    Ok((sink.output, sink.errors, summary))
}

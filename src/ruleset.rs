//! The library's front door: a rule file compiled once into a [`RuleSet`]
//! that evaluates, explains and scores streams from any number of threads.
//!
//! A `RuleSet` owns its source, checked program and plan behind one `Arc`,
//! so it is `Send + Sync` and a clone costs a reference count. Every
//! command of the binary and every later front end (test runner, language
//! server, bindings) goes through it rather than through the stages, so the
//! stages can change shape without breaking them.

use crate::check::Checked;
use crate::data::{Lead, RecordError, csv, jsonl, used_fields};
use crate::diagnostic::Diagnostic;
use crate::eval::{self, Evaluator};
use crate::explain::{self, Explanation};
use crate::ir;
use crate::plan::{self, Plan};
use crate::record::Record;
use crate::source::Source;
use crate::stream::{self, Found, InputFormat, Settings, Sink, Wanted, scoring};
use crate::summary::Summary;
use crate::verdict::{self, Verdict};
use crate::whatif;
use std::io::{self, Read};
use std::sync::Arc;

/// A compiled rule file, ready to score leads; cheap to clone and share.
#[derive(Debug, Clone)]
pub struct RuleSet {
    compiled: Arc<Compiled>,
}

#[derive(Debug)]
struct Compiled {
    source: Source,
    checked: Checked,
    plan: Plan,
}

impl RuleSet {
    /// Compiles rule text with every optimization pass on. On failure, every
    /// error and warning found, in source order.
    pub fn compile(
        name: impl Into<String>,
        text: impl Into<String>,
    ) -> Result<RuleSet, Vec<Diagnostic>> {
        RuleSet::from_source(Source::new(name, text), &plan::Options::default())
    }

    /// The SQL statement that computes `icpc eval`'s verdicts in a SQL
    /// engine (`icpc sql`); diagnostics (E5xx) for what the engine cannot
    /// compute exactly.
    pub fn sql(&self, options: &crate::sql::Options) -> Result<String, Vec<Diagnostic>> {
        crate::sql::compile(self.program(), options)
    }

    /// Compiles a source with the chosen plan passes (`icpc eval --no-pass`).
    pub fn from_source(
        source: Source,
        options: &plan::Options,
    ) -> Result<RuleSet, Vec<Diagnostic>> {
        let checked = crate::compile(&source)?;
        let plan = plan::plan(&checked.program, options);
        Ok(RuleSet {
            compiled: Arc::new(Compiled {
                source,
                checked,
                plan,
            }),
        })
    }

    /// A rule set over a program built directly, not parsed (generators,
    /// property tests, a front end with its own parser). Its source is empty
    /// and named `<program>`, so explanations quote no rule text.
    pub fn from_program(program: ir::Program, options: &plan::Options) -> RuleSet {
        let plan = plan::plan(&program, options);
        RuleSet {
            compiled: Arc::new(Compiled {
                source: Source::new("<program>", ""),
                checked: Checked {
                    program,
                    warnings: Vec::new(),
                    suite: ir::Suite::default(),
                    space: None,
                },
                plan,
            }),
        }
    }

    /// The rule file.
    pub fn source(&self) -> &Source {
        &self.compiled.source
    }

    /// The checked program (what every backend lowers from).
    pub fn program(&self) -> &ir::Program {
        &self.compiled.checked.program
    }

    /// The optimized plan the evaluator runs.
    pub fn plan(&self) -> &Plan {
        &self.compiled.plan
    }

    /// The file's examples and the day they are judged on (`icpc test`).
    pub fn suite(&self) -> &ir::Suite {
        &self.compiled.checked.suite
    }

    /// The rule set's fingerprint: unchanged by comments, layout and order,
    /// changed by anything a verdict can show ([`ir::fingerprint`]).
    pub fn fingerprint(&self) -> String {
        ir::fingerprint::fingerprint(self.program())
    }

    /// The lint warnings of a file that compiled, in source order.
    pub fn warnings(&self) -> &[Diagnostic] {
        &self.compiled.checked.warnings
    }

    /// The index of the tier named `name`.
    pub fn tier(&self, name: &str) -> Option<u32> {
        let index = self
            .program()
            .tiers
            .iter()
            .position(|tier| tier.name == name)?;
        u32::try_from(index).ok()
    }

    /// Scores one lead. For many leads on one thread, keep an [`evaluator`](Self::evaluator).
    pub fn evaluate(&self, record: &Record, context: &verdict::Context) -> Verdict {
        eval::eval(self.plan(), record, context)
    }

    /// An evaluator that reuses its buffers across leads (one per thread).
    pub fn evaluator(&self, context: &verdict::Context) -> Evaluator<'_> {
        Evaluator::new(self.plan(), context)
    }

    /// Explains one lead: its verdict, trace, and what would it take to reach
    /// tier `target`; `None` when `target` is not a tier's index.
    pub fn explain(
        &self,
        record: Record,
        context: &verdict::Context,
        target: u32,
    ) -> Option<Explanation<'_>> {
        self.explain_with(record, context, target, &whatif::Limits::default())
    }

    /// [`RuleSet::explain`] with what the search may change: at most
    /// `limits.max_changes` fields, none of `limits.fixed`.
    pub fn explain_with(
        &self,
        record: Record,
        context: &verdict::Context,
        target: u32,
        limits: &whatif::Limits,
    ) -> Option<Explanation<'_>> {
        self.explain_for(record, context, whatif::Target::Tier(target), limits)
    }

    /// [`RuleSet::explain_with`] aiming at a tier or a segment; `None`
    /// when there is no such tier or segment.
    pub fn explain_for(
        &self,
        record: Record,
        context: &verdict::Context,
        target: whatif::Target,
        limits: &whatif::Limits,
    ) -> Option<Explanation<'_>> {
        let exists = match target {
            whatif::Target::Tier(tier) => (tier as usize) < self.program().tiers.len(),
            whatif::Target::Segment(segment) => (segment as usize) < self.program().segments.len(),
        };
        exists.then(|| explain::explain(self.rules(), self.plan(), record, context, target, limits))
    }

    /// The program and source, as the explanation renderers take them.
    pub fn rules(&self) -> explain::Rules<'_> {
        explain::Rules {
            program: self.program(),
            source: self.source(),
        }
    }

    /// A lead from field name -> value pairs, typed exactly as a JSON line
    /// with these members would be (dotted names reach into nested objects).
    pub fn record_from_map(
        &self,
        map: &serde_json::Map<String, serde_json::Value>,
    ) -> Result<Record, RecordError> {
        let line = serde_json::Value::Object(map.clone()).to_string();
        self.record_from_json(&line)
    }

    /// A lead from one JSON Lines line (line number 1 in errors).
    pub fn record_from_json(&self, line: &str) -> Result<Record, RecordError> {
        let program = self.program();
        let mut lead = Lead::new(program);
        jsonl::Reader::new(program, &used_fields(program)).read(line.as_bytes(), 1, &mut lead)?;
        Ok(lead.record)
    }

    /// A lead from one CSV record under `header`, its delimiter detected
    /// from the header as `icpc eval` detects it; `list<text>` cells split
    /// on `separator`. The header is line 1, the row line 2.
    pub fn record_from_csv(
        &self,
        header: &str,
        row: &str,
        separator: char,
    ) -> Result<Record, RecordError> {
        let delimiter = csv::delimiter::detect(header.as_bytes()).byte;
        self.record_from_csv_delimited(header, row, delimiter, separator)
    }

    /// [`record_from_csv`](Self::record_from_csv) with the delimiter given
    /// (`b','`, `b';'`, `b'\t'` or `b'|'`).
    pub fn record_from_csv_delimited(
        &self,
        header: &str,
        row: &str,
        delimiter: u8,
        separator: char,
    ) -> Result<Record, RecordError> {
        let program = self.program();
        let used = used_fields(program);
        let mut reader =
            csv::Reader::from_header(program, &used, header.as_bytes(), delimiter, separator)?;
        let mut lead = Lead::new(program);
        reader.read(row.as_bytes(), 2, &mut lead)?;
        Ok(lead.record)
    }

    /// Scores every lead of `input` into `sink` (the batch path of `icpc
    /// eval`): verdicts in input order, rejected lines reported, and the
    /// run's summary back.
    pub fn score_stream(
        &self,
        settings: &Settings,
        options: &scoring::Options,
        input: impl Read + Send,
        sink: &mut dyn Sink,
    ) -> io::Result<Summary> {
        scoring::run(self.plan(), self.rules(), options, settings, input, sink)
    }

    /// Reads `input` until the wanted lead and stops there.
    pub fn find(
        &self,
        format: InputFormat,
        input: impl Read,
        wanted: &Wanted,
    ) -> io::Result<Found> {
        stream::find(self.program(), format, input, wanted)
    }
}

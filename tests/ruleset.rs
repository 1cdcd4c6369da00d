//! The library facade, `icpc::RuleSet`, from library code (not through the
//! binary): every `tests/fixtures/ruleset/<case>.icp` is compiled once, each
//! lead of `<case>.jsonl` is evaluated and explained, then the whole file is
//! scored as a stream with a tally; plus the promises a front end relies on:
//! one rule set shared by threads gives single-threaded results, records
//! built from a map, a JSON line or a CSV row are the same record, finding a
//! lead stops reading, and diagnostics serialize.

mod support;

use icpc::RuleSet;
use icpc::output::{self, ErrorFormat};
use icpc::record::Record;
use icpc::stream::{Found, InputFormat, Settings, Sink, Wanted, scoring};
use icpc::verdict::{Context, Verdict};
use std::io::{self, Read};

/// 2025-06-30, the as-of day of every fixture.
const AS_OF: Context = Context { as_of: 20_269 };

#[derive(Default)]
struct Collect {
    output: Vec<u8>,
    errors: Vec<u8>,
}

impl Sink for Collect {
    fn output(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.output.extend_from_slice(bytes);
        Ok(())
    }

    fn errors(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.errors.extend_from_slice(bytes);
        Ok(())
    }
}

fn settings(jobs: usize) -> Settings {
    Settings {
        input: InputFormat::Jsonl,
        output: output::Format::Jsonl,
        errors: ErrorFormat::Json,
        jobs,
        chunk_size: 64,
        score: true,
        keep: Vec::new(),
    }
}

fn compile(source: &icpc::source::Source) -> RuleSet {
    RuleSet::compile(source.name.clone(), source.text.clone()).expect("the fixture compiles")
}

/// One paragraph per lead: its verdict, then its explanation as text
/// (and, for the first lead, as JSON).
fn describe_leads(rules: &RuleSet, leads: &str) -> String {
    let mut out = String::new();
    for (index, line) in leads.lines().enumerate() {
        let number = index as u64 + 1;
        let mut record = match rules.record_from_json(line) {
            Ok(record) => record,
            Err(error) => {
                out.push_str(&format!(
                    "line {number}: rejected {}: {}\n\n",
                    error.code, error.reason
                ));
                continue;
            }
        };
        record.line = number;
        let verdict = rules.evaluate(&record, &AS_OF);
        out.push_str(&format!(
            "line {number}: {verdict:?}, {} warnings\n",
            record.warnings.len()
        ));
        let explanation = rules.explain(record, &AS_OF, 0).expect("tier 0 exists");
        assert_eq!(explanation.verdict, verdict, "explain and evaluate agree");
        out.push_str(&explanation.to_text("leads.jsonl"));
        out.push('\n');
        out.push_str(&explanation.source_text(false));
        if index == 0 {
            let json = serde_json::to_string_pretty(&explanation.to_json()).expect("JSON");
            out.push_str(&format!("\n{json}\n"));
        }
        out.push('\n');
    }
    out
}

#[test]
fn ruleset_fixtures() {
    insta::glob!("fixtures/ruleset/*.icp", |path| {
        let source = support::load(path);
        let rules = compile(&source);
        let leads = std::fs::read_to_string(path.with_extension("jsonl")).expect("leads");
        let mut out = describe_leads(&rules, &leads);
        let options = scoring::Options {
            context: AS_OF,
            explain: false,
            tally: true,
            members: Vec::new(),
        };
        let mut sink = Collect::default();
        let summary = (rules.score_stream(&settings(1), &options, leads.as_bytes(), &mut sink))
            .expect("in-memory input cannot fail");
        out.push_str("stream:\n");
        out.push_str(&String::from_utf8_lossy(&sink.output));
        out.push_str(&String::from_utf8_lossy(&sink.errors));
        out.push_str(&summary.to_text(rules.program()));
        insta::assert_snapshot!(support::two_sections(&source, &out));
    });
}

fn quickstart() -> (RuleSet, String) {
    let root = env!("CARGO_MANIFEST_DIR");
    let text = std::fs::read_to_string(format!("{root}/examples/quickstart.icp")).expect("rules");
    let leads =
        std::fs::read_to_string(format!("{root}/examples/quickstart.jsonl")).expect("leads");
    let rules = RuleSet::compile("quickstart.icp", text).expect("the example compiles");
    (rules, leads)
}

fn assert_send_sync<T: Send + Sync + Clone>() {}

#[test]
fn one_shared_rule_set_scores_on_threads_as_on_one() {
    assert_send_sync::<RuleSet>();
    let (rules, leads) = quickstart();
    let records: Vec<Record> = (leads.lines())
        .map(|line| rules.record_from_json(line).expect("a lead"))
        .collect();
    let verdicts: Vec<Verdict> = records
        .iter()
        .map(|record| rules.evaluate(record, &AS_OF))
        .collect();
    let explained = |rules: &RuleSet, record: &Record| {
        rules
            .explain(record.clone(), &AS_OF, 0)
            .expect("a tier")
            .to_json()
            .to_string()
    };
    let explanations: Vec<String> = records
        .iter()
        .map(|record| explained(&rules, record))
        .collect();
    std::thread::scope(|scope| {
        for thread in 0..4 {
            let (rules, records) = (rules.clone(), &records);
            let (verdicts, explanations) = (&verdicts, &explanations);
            scope.spawn(move || {
                let mut evaluator = rules.evaluator(&AS_OF);
                // Each thread starts elsewhere, so they overlap on every lead.
                for step in 0..records.len() {
                    let index = (step + thread * 5) % records.len();
                    assert_eq!(evaluator.eval(&records[index]), &verdicts[index]);
                    assert_eq!(explained(&rules, &records[index]), explanations[index]);
                }
            });
        }
    });
}

#[test]
fn a_stream_scored_on_threads_equals_one_thread() {
    let (rules, leads) = quickstart();
    let options = scoring::Options {
        context: AS_OF,
        explain: true,
        tally: true,
        members: Vec::new(),
    };
    let run = |jobs| {
        let mut sink = Collect::default();
        let summary = rules
            .score_stream(&settings(jobs), &options, leads.as_bytes(), &mut sink)
            .expect("runs");
        (sink.output, summary)
    };
    let (one, one_summary) = run(1);
    let (four, four_summary) = run(4);
    assert_eq!(
        String::from_utf8_lossy(&one),
        String::from_utf8_lossy(&four)
    );
    assert_eq!(one_summary, four_summary);
    assert_eq!(one_summary.scored, leads.lines().count() as u64);
    assert_eq!(
        one_summary.tiers.iter().sum::<u64>() + one_summary.disqualified + one_summary.no_tier,
        one_summary.scored
    );
}

#[test]
fn a_map_a_json_line_and_a_csv_row_make_the_same_record() {
    let source = support::load(std::path::Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/ruleset/mid_market_fit.icp"
    )));
    let rules = compile(&source);
    let json = r#"{"id":"R-9","industry":"SaaS","employees":"240","country":"US","tech":["Salesforce","HubSpot"]}"#;
    let from_json = rules.record_from_json(json).expect("a JSON object");
    let map: serde_json::Map<String, serde_json::Value> = serde_json::from_str(json).expect("JSON");
    let from_map = rules.record_from_map(&map).expect("a map");
    let from_csv = (rules.record_from_csv(
        "id,industry,employees,country,tech",
        "R-9,SaaS,240,US,Salesforce;HubSpot",
        ';',
    ))
    .expect("a CSV row");
    assert_eq!(from_map, from_json);
    assert_eq!(
        (&from_csv.values, &from_csv.id),
        (&from_json.values, &from_json.id)
    );
    assert_eq!(rules.evaluate(&from_csv, &AS_OF).scores, [45]);
    let european = (rules.record_from_csv(
        "id;industry;employees;country;tech",
        "R-9;SaaS;240;US;Salesforce,HubSpot",
        ',',
    ))
    .expect("a `;` row, detected from the header");
    assert_eq!(european, from_csv);
    let tabs = (rules.record_from_csv_delimited(
        "id\tindustry\temployees\tcountry\ttech",
        "R-9\tSaaS\t240\tUS\tSalesforce;HubSpot",
        b'\t',
        ';',
    ))
    .expect("a tab row, delimiter given");
    assert_eq!(tabs, from_csv);
    let error = rules.record_from_json("[1, 2]").expect_err("not an object");
    assert_eq!((error.code.as_str(), error.line), ("E402", 1));
}

/// A reader that counts the bytes taken from it.
struct Counting<'a> {
    bytes: &'a [u8],
    taken: &'a std::cell::Cell<usize>,
}

impl Read for Counting<'_> {
    fn read(&mut self, buffer: &mut [u8]) -> io::Result<usize> {
        let read = self.bytes.read(buffer)?;
        self.taken.set(self.taken.get() + read);
        Ok(read)
    }
}

#[test]
fn finding_the_first_lead_stops_reading() {
    let (rules, leads) = quickstart();
    let many = leads.repeat(20_000);
    let taken = std::cell::Cell::new(0);
    let input = Counting {
        bytes: many.as_bytes(),
        taken: &taken,
    };
    let found = rules
        .find(InputFormat::Jsonl, input, &Wanted::Id("Q-002".into()))
        .expect("reads");
    assert!(
        matches!(&found, Found::Record(record) if record.line == 2),
        "{found:?}"
    );
    assert!(
        taken.get() < 256 * 1024,
        "read {} of {} bytes",
        taken.get(),
        many.len()
    );
}

#[test]
fn a_rejected_line_is_found_as_data() {
    let leads = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/ruleset/disqualified_and_unreadable.jsonl"
    ))
    .expect("leads");
    let source = support::load(std::path::Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/ruleset/disqualified_and_unreadable.icp"
    )));
    let rules = compile(&source);
    let found = rules
        .find(InputFormat::Jsonl, &leads[..], &Wanted::Line(3))
        .expect("reads");
    let Found::Rejected(error) = found else {
        panic!("line 3 is malformed: {found:?}")
    };
    assert_eq!((error.code.as_str(), error.line), ("E401", 3));
    assert_eq!(
        rules
            .find(InputFormat::Jsonl, &leads[..], &Wanted::Line(9))
            .expect("reads"),
        Found::Nothing
    );
    // No readable record has the id D-3; the rejected line 3 holds it, and
    // `explain --id` says that line was rejected and why (issue 10).
    let Found::Rejected(error) = rules
        .find(InputFormat::Jsonl, &leads[..], &Wanted::Id("D-3".into()))
        .expect("reads")
    else {
        panic!("the rejected line 3 holds D-3")
    };
    assert_eq!((error.code.as_str(), error.line), ("E401", 3));
    assert_eq!(
        rules
            .find(InputFormat::Jsonl, &leads[..], &Wanted::Id("D-404".into()))
            .expect("reads"),
        Found::Nothing
    );
}

#[test]
fn diagnostics_serialize_with_their_code() {
    let diagnostics = RuleSet::compile("bad.icp", "score fit\nrule r: employees > 3 => fiit +1\n")
        .expect_err("unknown score");
    let json = serde_json::to_value(&diagnostics).expect("serializes");
    assert_eq!(json[0]["code"], diagnostics[0].code.as_str());
    assert!(
        json[0]["message"]
            .as_str()
            .is_some_and(|message| message.contains("fiit")),
        "{json}"
    );
}

#[path = "../examples/score_threads.rs"]
#[allow(
    dead_code,
    reason = "the example's main is for cargo run; the test calls its score()"
)]
mod score_threads;

#[test]
fn the_threads_example_scores_like_one_thread() {
    let (rules, leads) = quickstart();
    let text = rules.source().text.clone();
    let four = score_threads::score("quickstart.icp", &text, &leads, 4);
    assert_eq!(
        four,
        score_threads::score("quickstart.icp", &text, &leads, 1)
    );
    assert_eq!(four.len(), leads.lines().count());
    assert!(four[0].starts_with("Q-001 A fit="), "{}", four[0]);
}

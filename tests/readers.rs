//! Readers and the streaming driver: fixtures of lead files -> typed records,
//! output lines and rejected-line reports; plus the properties that hold for
//! any input (no panic, nothing lost, output order independent of threads).

#[path = "support/data.rs"]
mod support;

use icpc::output;
use icpc::output::ErrorFormat;
use icpc::record::{Record, Value};
use icpc::stream::{self, InputFormat, Settings};
use icpc::verdict::Verdict;
use std::sync::Mutex;
use support::{Collect, program};

/// One line per record: its line, id and every present value, then its warnings.
fn describe(record: &Record) -> String {
    let program = program();
    let mut text = format!("line {} id={:?}:", record.line, record.id);
    for (field, value) in program.fields.iter().zip(&record.values) {
        match value {
            Value::Missing => {}
            Value::Number(number) => text.push_str(&format!(" {}={number}", field.name)),
            Value::Text(value) | Value::Present(value) => {
                text.push_str(&format!(" {}={value:?}", field.name))
            }
            Value::Bool(value) => text.push_str(&format!(" {}={value}", field.name)),
            Value::Date(days) => {
                text.push_str(&format!(" {}={}", field.name, icpc::date::format(*days)))
            }
            Value::List(items) => text.push_str(&format!(" {}={items:?}", field.name)),
        }
    }
    for warning in &record.warnings {
        let name = &program.field(warning.field).name;
        text.push_str(&format!(
            "\n  warning: {name} expected {} found {}",
            warning.expected.as_str(),
            warning.found
        ));
    }
    text
}

/// Runs a fixture through the pipeline; its `#` comment line reads as
/// blank (after a byte-order mark, which is kept).
fn run_fixture(bytes: &[u8], input: InputFormat) -> String {
    let newline = bytes
        .iter()
        .position(|&byte| byte == b'\n')
        .unwrap_or(bytes.len());
    let mut data = bytes.to_vec();
    // A byte-order mark stays: it belongs before the comment line.
    let start = if data.starts_with(b"\xef\xbb\xbf") {
        3
    } else {
        0
    };
    data[start..newline].fill(b' ');
    let seen = Mutex::new(Vec::new());
    let new_scorer = || -> Box<stream::Scorer> {
        Box::new(|record: &Record, verdict: &mut Verdict, _: &mut Vec<u8>| {
            seen.lock().expect("lock").push(describe(record));
            *verdict = Verdict {
                scores: vec![record.warnings.len() as i64],
                ..Verdict::default()
            };
        })
    };
    let settings = settings(input, 1, 1 << 20);
    let mut sink = Collect::default();
    let summary = match stream::run(&program(), &new_scorer, &settings, &data[..], &mut sink) {
        Ok(summary) => summary,
        Err(error) => return format!("the run stops: {error}"),
    };
    let delimiter = summary
        .delimiter
        .map(|delimiter| format!(", delimiter `{}`", delimiter.name()))
        .unwrap_or_default();
    format!(
        "records:\n{}\noutput:\n{}errors:\n{}summary: {} records, {} scored, {} rejected, missing columns {:?}{delimiter}",
        seen.into_inner().expect("lock").join("\n"),
        String::from_utf8_lossy(&sink.output),
        String::from_utf8_lossy(&sink.errors),
        summary.records,
        summary.scored,
        summary.rejected,
        summary
            .missing_columns()
            .map(|matched| matched.field.as_str())
            .collect::<Vec<_>>(),
    )
}

fn settings(input: InputFormat, jobs: usize, chunk_size: usize) -> Settings {
    Settings {
        input,
        output: output::Format::Jsonl,
        errors: ErrorFormat::Text {
            name: "leads".into(),
        },
        jobs,
        chunk_size,
        score: true,
        keep: Vec::new(),
    }
}

#[test]
fn fixtures() {
    insta::glob!("fixtures/data/*.*", |path| {
        let bytes = std::fs::read(path).expect("fixture readable");
        let input = match path.extension().and_then(|extension| extension.to_str()) {
            Some("csv") => InputFormat::Csv {
                separator: ';',
                delimiter: None,
            },
            Some(_) | None => InputFormat::Jsonl,
        };
        let body = format!(
            "----- SOURCE\n{}\n----- OUTPUT\n{}",
            String::from_utf8_lossy(&bytes).trim_end(),
            run_fixture(&bytes, input)
        );
        insta::assert_snapshot!(body);
    });
}

/// The same input under every thread count and chunk size gives the same bytes.
#[test]
fn output_order_does_not_depend_on_threads_or_chunks() {
    let input = support::sample_jsonl(500);
    let expected =
        support::run_with(&input, settings(InputFormat::Jsonl, 1, 1 << 20)).expect("runs");
    for jobs in [1, 2, 3] {
        for chunk_size in [1, 7, 100, 4096] {
            let got = support::run_with(&input, settings(InputFormat::Jsonl, jobs, chunk_size))
                .expect("runs");
            assert_eq!(got, expected, "jobs {jobs}, chunk size {chunk_size}");
        }
    }
    assert_eq!(expected.2.scored + expected.2.rejected, expected.2.records);
    assert_eq!(expected.2.records, 500 - 46, "every eleventh line is blank");
}

#[test]
fn csv_output_quotes_cells() {
    let program = program();
    let writer = output::Writer::new(&program, output::Format::Csv);
    let mut out = Vec::new();
    writer.header(&mut out);
    let verdict = Verdict {
        scores: vec![30],
        tier: Some(0),
        disqualified: false,
        matched: vec![0],
    };
    writer.record(
        &mut out,
        icpc::data::Id::Text("a,\"b\""),
        &[],
        &verdict,
        &[],
    );
    let nothing = Verdict {
        scores: vec![0],
        ..Verdict::default()
    };
    writer.record(&mut out, icpc::data::Id::Line(7), &[], &nothing, &[]);
    assert_eq!(
        String::from_utf8_lossy(&out),
        "id,fit,tier,disqualified,matched,reasons,warnings\n\"a,\"\"b\"\"\",30,A,false,every field,,\n7,0,,false,,,\n"
    );
}

#[test]
fn json_output_follows_the_contract() {
    let program = program();
    let writer = output::Writer::new(&program, output::Format::Jsonl);
    let mut out = Vec::new();
    let verdict = Verdict {
        scores: vec![-5],
        tier: None,
        disqualified: true,
        matched: vec![0, 1],
    };
    let warning = icpc::record::TypeWarning {
        field: icpc::ir::FieldId(2),
        expected: icpc::ir::Type::Int,
        found: "\"about 200\"".into(),
    };
    writer.record(
        &mut out,
        icpc::data::Id::Text("17"),
        &[warning],
        &verdict,
        &[],
    );
    serde_json::from_slice::<serde_json::Value>(&out).expect("valid JSON");
    insta::assert_snapshot!(String::from_utf8_lossy(&out));
}

/// What `--format csv --keep all` writes reads back as the same records:
/// quoted cells, doubled quotes, line breaks and empty cells survive.
#[test]
fn csv_output_reads_back_with_the_same_values() {
    let input =
        b"id,industry,employees,revenue,is_customer,last_activity,tech,company.size,extra\n\
        a1,\"Fin \"\"tech\"\", B2B\",250,1.5,true,2025-06-01,HubSpot;Slack,12,x\n\
        a2,\"two\nlines\",,,false,,,,\n\
        a3,SaaS,7,,,,Salesforce,,\"a,b\"\n";
    let read = |bytes: &[u8], output: output::Format, keep: Vec<String>| {
        let seen = Mutex::new(Vec::new());
        let new_scorer = || -> Box<stream::Scorer> {
            Box::new(|record: &Record, verdict: &mut Verdict, _: &mut Vec<u8>| {
                seen.lock()
                    .expect("lock")
                    .push(describe(record).replace(&format!("line {} ", record.line), ""));
                *verdict = support::count_present(record);
            })
        };
        let settings = Settings {
            output,
            keep,
            ..settings(
                InputFormat::Csv {
                    separator: ';',
                    delimiter: None,
                },
                1,
                1 << 20,
            )
        };
        let mut sink = Collect::default();
        stream::run(&program(), &new_scorer, &settings, bytes, &mut sink).expect("runs");
        (seen.into_inner().expect("lock"), sink.output)
    };
    let (first, written) = read(input, output::Format::Csv, vec!["all".to_owned()]);
    let (second, _) = read(&written, output::Format::Jsonl, Vec::new());
    assert_eq!(first.len(), 3);
    assert_eq!(
        first,
        second,
        "written:\n{}",
        String::from_utf8_lossy(&written)
    );
}

/// Cells a spreadsheet would run as formulas are written as text.
#[test]
fn csv_output_escapes_formulas() {
    let mut out = Vec::new();
    for text in ["=HYPERLINK(\"x\")", "+1", "-5", "@SUM(A1)", "plain"] {
        output::csv_cell(&mut out, text);
        out.push(b'\n');
    }
    assert_eq!(
        String::from_utf8_lossy(&out),
        "\"'=HYPERLINK(\"\"x\"\")\"\n\"'+1\"\n\"'-5\"\n\"'@SUM(A1)\"\nplain\n"
    );
}

/// `--keep` with JSON Lines input: keys (dotted ones into nested objects)
/// copied as written into JSON output's `input`, and as cells into CSV
/// output, absent keys as `null` / an empty cell.
#[test]
fn json_input_keeps_keys_in_both_outputs() {
    let input = b"{\"id\":\"a1\",\"email\":\"x@y.io\",\"owner\":{\"name\":\"Ana\"},\"n\":[1,2]}\n\
        {\"id\":9,\"owner\":\"Ana\"}\n";
    let keep = ["email", "owner.name", "n"].map(str::to_owned).to_vec();
    let run = |output| {
        let settings = Settings {
            output,
            keep: keep.clone(),
            ..settings(InputFormat::Jsonl, 1, 1 << 20)
        };
        let (out, _, _) = support::run_with(input, settings).expect("runs");
        String::from_utf8(out).expect("UTF-8")
    };
    let json = run(output::Format::Jsonl);
    let inputs: Vec<serde_json::Value> = json
        .lines()
        .map(|line| serde_json::from_str::<serde_json::Value>(line).expect("JSON")["input"].clone())
        .collect();
    assert_eq!(
        inputs,
        [
            serde_json::json!({"email": "x@y.io", "owner.name": "Ana", "n": [1, 2]}),
            serde_json::json!({"email": null, "owner.name": null, "n": null}),
        ]
    );
    assert!(json.contains("\"id\":\"9\""), "{json}");
    let csv = run(output::Format::Csv);
    let rows: Vec<&str> = csv.lines().collect();
    assert!(rows[0].starts_with("id,email,owner.name,n,"), "{csv}");
    assert!(rows[1].starts_with("a1,x@y.io,Ana,\"[1,2]\","), "{csv}");
    assert!(rows[2].starts_with("9,,,,"), "{csv}");
}

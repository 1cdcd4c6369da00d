//! Properties of the readers over arbitrary bytes: they never panic, every
//! record is scored or rejected exactly once whatever the thread count and
//! chunk size, and a JSON line is accepted exactly when it is one valid
//! JSON object. For CSV, records written as RFC 4180 says (quoted cells
//! with delimiters, quotes and LF / CRLF line breaks) read back exactly,
//! and broken records between them never touch their neighbours, at 1 and
//! 2 threads and chunk sizes that cut inside quoted cells.

#[path = "support/data.rs"]
#[expect(
    dead_code,
    reason = "shared with tests/readers.rs, which uses the rest"
)]
mod support;

use icpc::data::{Lead, jsonl};
use icpc::output;
use icpc::output::ErrorFormat;
use icpc::stream::{InputFormat, Settings};
use proptest::prelude::*;

fn settings(input: InputFormat, jobs: usize, chunk_size: usize) -> Settings {
    Settings {
        input,
        output: output::Format::Jsonl,
        errors: ErrorFormat::Json,
        jobs,
        chunk_size,
        score: true,
        keep: Vec::new(),
    }
}

/// Lines made of JSON-ish pieces, so that many are valid and many almost.
fn jsonish_line() -> impl Strategy<Value = Vec<u8>> {
    let piece = prop_oneof![
        Just(&b"{"[..]),
        Just(&b"}"[..]),
        Just(&b"["[..]),
        Just(&b"]"[..]),
        Just(&b","[..]),
        Just(&b":"[..]),
        Just(&b"\"employees\""[..]),
        Just(&b"\"tech\""[..]),
        Just(&b"\"company\":{\"size\":"[..]),
        Just(&b"\"id\":"[..]),
        Just(&b"\"a\\u00e9\\n\""[..]),
        Just(&b"12"[..]),
        Just(&b"-0.5e3"[..]),
        Just(&b"true"[..]),
        Just(&b"null"[..]),
        Just(&b" "[..]),
        Just(&b"\xff"[..]),
        Just(&b"\"\xc3\xa9\""[..]),
    ];
    proptest::collection::vec(piece, 0..24).prop_map(|pieces| pieces.concat())
}

fn lines(line: impl Strategy<Value = Vec<u8>>) -> impl Strategy<Value = Vec<u8>> {
    proptest::collection::vec(line, 0..40).prop_map(|lines| lines.join(&b'\n'))
}

fn check_accounting(input: &[u8], format: InputFormat) {
    let Ok((output, errors, reference)) = support::run_with(input, settings(format, 1, 1 << 16))
    else {
        // Only a CSV header that cannot be read, or a first line in the
        // other format (CSV-looking when read as JSON Lines), stops a run.
        let first = input
            .split(|&byte| byte == b'\n')
            .find(|line| !icpc::data::is_blank(line))
            .unwrap_or_default()
            .trim_ascii_start();
        let csv_looking = !matches!(first.first(), Some(b'{' | b'[' | b'"'))
            && first.iter().any(|byte| b",;\t|".contains(byte));
        assert!(matches!(format, InputFormat::Csv { .. }) || csv_looking);
        return;
    };
    assert_eq!(reference.scored + reference.rejected, reference.records);
    assert_eq!(
        output.iter().filter(|&&byte| byte == b'\n').count() as u64,
        reference.scored
    );
    assert_eq!(
        errors.iter().filter(|&&byte| byte == b'\n').count() as u64,
        reference.rejected
    );
    if format == InputFormat::Jsonl {
        let non_blank = input
            .split(|&byte| byte == b'\n')
            .filter(|line| !icpc::data::is_blank(line))
            .count() as u64;
        assert_eq!(reference.records, non_blank);
    }
    for (jobs, chunk_size) in [(2, 1), (3, 17), (2, 64)] {
        let run = support::run_with(input, settings(format, jobs, chunk_size))
            .expect("as the reference run");
        assert_eq!(run.2, reference, "jobs {jobs}, chunk size {chunk_size}");
        assert_eq!(
            String::from_utf8_lossy(&run.1),
            String::from_utf8_lossy(&errors)
        );
        assert_eq!(
            String::from_utf8_lossy(&run.0),
            String::from_utf8_lossy(&output)
        );
    }
}

/// A cell's text: anything RFC 4180 can carry, line breaks included.
fn cell_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        "[a-c0-9 é]{1,4}",
        Just(",".to_owned()),
        Just(";".to_owned()),
        Just("\"".to_owned()),
        Just("\"\"".to_owned()),
        Just("\n".to_owned()),
        Just("\r\n".to_owned()),
        Just("\r".to_owned()),
    ];
    proptest::collection::vec(piece, 0..6).prop_map(|pieces| pieces.concat())
}

/// A cell as an export writes it: quoted when it must be (or when `quote`).
fn write_cell(text: &str, quote: bool) -> String {
    let needs = text.contains([',', '"', '\n', '\r']) || text.starts_with(' ');
    if quote || needs {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_owned()
    }
}

/// One record of a generated file: a good one (id text, another cell,
/// whether to quote the id) or a broken single line of one of three kinds.
#[derive(Debug, Clone)]
enum Row {
    Good(String, String, bool),
    Broken(u8),
}

fn row() -> impl Strategy<Value = Row> {
    prop_oneof![
        4 => (cell_text(), cell_text(), any::<bool>())
            .prop_map(|(id, other, quote)| Row::Good(id, other, quote)),
        1 => (0..3u8).prop_map(Row::Broken),
    ]
}

/// The file's bytes (header `id,industry`) and the ids expected back, in
/// order. Where broken rows are, every id is quoted: the quote left open
/// by a broken row then meets the next record's opening quote, followed
/// by its text, and the row breaks on its own line. (Were the next quote
/// anywhere else, the open quote and what follows could be one valid
/// record: RFC 4180 cannot tell them apart.)
fn csv_file(rows: &[Row], crlf: bool) -> (Vec<u8>, Vec<Option<String>>) {
    let end = if crlf { "\r\n" } else { "\n" };
    let broken = rows.iter().any(|row| matches!(row, Row::Broken(_)));
    let mut text = format!("id,industry{end}");
    let mut expected = Vec::new();
    for (index, row) in rows.iter().enumerate() {
        match row {
            Row::Good(id, other, quote) => {
                let id = format!("r{index}{id}");
                text.push_str(&write_cell(&id, *quote || broken));
                text.push(',');
                text.push_str(&write_cell(other, false));
                expected.push(Some(id));
            }
            Row::Broken(0) => text.push_str(&format!("B{index},\"open")),
            Row::Broken(1) => text.push_str(&format!("B{index},5\" screen")),
            Row::Broken(_) => text.push_str(&format!("\"B{index}\"x,1")),
        }
        text.push_str(end);
        if matches!(row, Row::Broken(_)) {
            expected.push(None);
        }
    }
    (text.into_bytes(), expected)
}

/// Every good record read back with its id, every broken one rejected,
/// the same under every thread count and chunk size.
fn check_round_trip(rows: &[Row], crlf: bool) {
    let (input, expected) = csv_file(rows, crlf);
    let format = InputFormat::Csv {
        separator: ';',
        delimiter: None,
    };
    let good = expected.iter().flatten().count() as u64;
    for (jobs, chunk_size) in [(1, 1 << 16), (1, 1), (2, 1), (2, 7), (2, 64), (1, 300)] {
        let (output, _, summary) =
            support::run_with(&input, settings(format, jobs, chunk_size)).expect("runs");
        assert_eq!(
            summary.records,
            expected.len() as u64,
            "jobs {jobs}, chunk size {chunk_size}"
        );
        assert_eq!(summary.scored, good, "jobs {jobs}, chunk size {chunk_size}");
        assert_eq!(summary.rejected, summary.records - good);
        let ids: Vec<String> = String::from_utf8_lossy(&output)
            .lines()
            .map(|line| {
                let value: serde_json::Value = serde_json::from_str(line).expect("JSON output");
                value["id"].as_str().unwrap_or_default().to_owned()
            })
            .collect();
        let wanted: Vec<&String> = expected.iter().flatten().collect();
        assert_eq!(
            ids.iter().collect::<Vec<_>>(),
            wanted,
            "jobs {jobs}, chunk size {chunk_size}"
        );
    }
}

/// A JSON value for a member of a lead object: every kind, escapes and
/// non-ASCII text included, nested objects with a key the program reads.
fn json_value() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        Just("\"Software\"".to_owned()),
        Just("\"caf\u{e9} \\\"x\\\" \\u00e9\\n\"".to_owned()),
        Just("\"\"".to_owned()),
        Just("\"2025-06-01\"".to_owned()),
        Just("\"12\"".to_owned()),
        Just("\"true\"".to_owned()),
        "-?(0|[1-9][0-9]{0,16})(\\.[0-9]{1,3})?(e[0-9])?",
        Just("true".to_owned()),
        Just("false".to_owned()),
        Just("null".to_owned()),
        Just("[\"Salesforce\",\"Hub\\u0053pot\"]".to_owned()),
        Just("[]".to_owned()),
        Just("[1,\"a\"]".to_owned()),
    ];
    leaf.prop_recursive(2, 8, 3, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..3)
                .prop_map(|items| format!("[{}]", items.join(","))),
            (inner.clone(), inner)
                .prop_map(|(size, other)| format!("{{\"size\":{size},\"other\":{other}}}")),
        ]
    })
}

/// Members of a lead object: keys the program reads (one spelled with an
/// escape, some twice) and keys it does not.
fn json_members() -> impl Strategy<Value = Vec<(String, String)>> {
    let key = prop_oneof![
        Just("id"),
        Just("industry"),
        Just("indus\\u0074ry"),
        Just("employees"),
        Just("revenue"),
        Just("is_customer"),
        Just("last_activity"),
        Just("tech"),
        Just("company"),
        Just("company.size"),
        Just("extra"),
        Just("source"),
        Just("unread key"),
    ];
    proptest::collection::vec((key.prop_map(str::to_owned), json_value()), 0..12)
}

/// One object's text; `spaced` puts a space before each top-level `:`,
/// which the scanner's fast key path leaves to the general one.
fn json_object(members: &[(String, String)], spaced: bool) -> Vec<u8> {
    let colon = if spaced { " :" } else { ":" };
    let members: Vec<String> = members
        .iter()
        .map(|(key, value)| format!("\"{key}\"{colon}{value}"))
        .collect();
    format!("{{{}}}", members.join(",")).into_bytes()
}

proptest! {
    #[test]
    fn the_fast_key_path_reads_what_the_general_one_does(members in json_members()) {
        let program = support::program();
        let reader = jsonl::Reader::new(&program, &icpc::data::used_fields(&program));
        let (mut fast, mut general) = (Lead::new(&program), Lead::new(&program));
        // The same lead twice fills slots that already hold values.
        for number in 1..=2 {
            let compact = json_object(&members, false);
            let fast_read = reader.read(&compact, number, &mut fast);
            let general_read = reader.read(&json_object(&members, true), number, &mut general);
            prop_assert_eq!(fast_read.is_ok(), general_read.is_ok(), "{}", String::from_utf8_lossy(&compact));
            prop_assert_eq!(&fast.record, &general.record, "{}", String::from_utf8_lossy(&compact));
            prop_assert_eq!(&fast.notes, &general.notes);
        }
    }

    #[test]
    fn framing_alone_finds_the_records_splitting_finds(
        input in "[a-c,\";\" 0-9\n\r]{0,200}",
        at_end in any::<bool>(),
    ) {
        use icpc::data::csv::frame::{Cells, Frame, frame};
        let bytes = input.as_bytes();
        let mut cells = Cells::default();
        let mut position = 0;
        while position < bytes.len() {
            let rest = &bytes[position..];
            let alone = frame(rest, b',', at_end, None);
            let split = frame(rest, b',', at_end, Some(&mut cells));
            prop_assert_eq!(alone, split, "at {} of {:?}", position, input);
            position += match alone {
                Frame::Record { len, .. } | Frame::Blank { len } | Frame::Broken { len, .. } => len,
                Frame::Incomplete => break,
            };
        }
    }

    #[test]
    fn rfc4180_records_read_back_whatever_the_threads_and_chunks(
        rows in proptest::collection::vec(row(), 0..30),
        crlf in any::<bool>(),
    ) {
        check_round_trip(&rows, crlf);
    }

    #[test]
    fn multi_line_csv_is_all_accounted_for(input in lines("[a-c,\";\" 0-9\\xe9\\n\\r]{0,30}".prop_map(String::into_bytes))) {
        check_accounting(&input, InputFormat::Csv { separator: ';', delimiter: None });
    }

    #[test]
    fn random_bytes_are_all_accounted_for(input in proptest::collection::vec(any::<u8>(), 0..600)) {
        check_accounting(&input, InputFormat::Jsonl);
        check_accounting(&input, InputFormat::Csv { separator: ';', delimiter: Some(b',') });
    }

    #[test]
    fn jsonish_lines_are_all_accounted_for(input in lines(jsonish_line())) {
        check_accounting(&input, InputFormat::Jsonl);
    }

    #[test]
    fn csvish_lines_are_all_accounted_for(input in lines("[a-c,\";\" 0-9\\xe9]{0,30}".prop_map(String::into_bytes))) {
        check_accounting(&input, InputFormat::Csv { separator: ';', delimiter: Some(b',') });
    }

    #[test]
    fn a_line_is_accepted_exactly_when_it_is_a_json_object(line in jsonish_line()) {
        let program = support::program();
        let reader = jsonl::Reader::new(&program, &icpc::data::used_fields(&program));
        let mut lead = Lead::new(&program);
        let ours = reader.read(&line, 1, &mut lead).is_ok();
        let theirs = serde_json::from_slice::<serde_json::Value>(&line).is_ok_and(|value| value.is_object());
        prop_assert_eq!(ours, theirs, "line {:?}", String::from_utf8_lossy(&line));
    }
}

//! Properties of the readers over arbitrary bytes: they never panic, every
//! non-blank line is scored or rejected exactly once whatever the thread
//! count and chunk size, and a JSON line is accepted exactly when it is one
//! valid JSON object.

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
        // Only a CSV header that cannot be read stops a run.
        assert!(matches!(format, InputFormat::Csv { .. }));
        return;
    };
    assert_eq!(reference.scored + reference.rejected, reference.lines);
    assert_eq!(
        output.iter().filter(|&&byte| byte == b'\n').count() as u64,
        reference.scored
    );
    assert_eq!(
        errors.iter().filter(|&&byte| byte == b'\n').count() as u64,
        reference.rejected
    );
    let non_blank = input
        .split(|&byte| byte == b'\n')
        .filter(|line| !icpc::data::is_blank(line))
        .count() as u64;
    let header = u64::from(matches!(format, InputFormat::Csv { .. }) && non_blank > 0);
    assert_eq!(reference.lines, non_blank - header);
    for (jobs, chunk_size) in [(2, 1), (3, 17)] {
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

proptest! {
    #[test]
    fn random_bytes_are_all_accounted_for(input in proptest::collection::vec(any::<u8>(), 0..600)) {
        check_accounting(&input, InputFormat::Jsonl);
        check_accounting(&input, InputFormat::Csv { separator: ';' });
    }

    #[test]
    fn jsonish_lines_are_all_accounted_for(input in lines(jsonish_line())) {
        check_accounting(&input, InputFormat::Jsonl);
    }

    #[test]
    fn csvish_lines_are_all_accounted_for(input in lines("[a-c,\";\" 0-9\\xe9]{0,30}".prop_map(String::into_bytes))) {
        check_accounting(&input, InputFormat::Csv { separator: ';' });
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

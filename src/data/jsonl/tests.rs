//! The record bounds of the JSON Lines reader: a line or a list beyond its
//! limit is one rejected record with its code, and the limits themselves
//! are accepted.

use super::Reader;
use crate::data::{self, Lead, limits};
use crate::diagnostic::Code;
use crate::record::Value;
use crate::source::Source;

fn reader() -> (Reader, Lead) {
    let source = Source::new(
        "rules.icp",
        "schema {\n  id: text\n  tech: list<text>\n}\nscore fit\nrule crm: tech has any [Salesforce] => fit +1\n",
    );
    let program = crate::compile(&source).expect("the rules compile").program;
    let reader = Reader::new(&program, &data::used_fields(&program));
    (reader, Lead::new(&program))
}

fn line_with_list(items: usize) -> Vec<u8> {
    let list = vec!["\"x\""; items].join(",");
    format!("{{\"id\":\"a\",\"tech\":[{list}]}}").into_bytes()
}

#[test]
fn a_list_at_the_limit_is_read_and_one_more_item_rejects_the_record() {
    let (reader, mut lead) = reader();
    reader
        .read(&line_with_list(limits::MAX_LIST_ITEMS), 1, &mut lead)
        .expect("a list at the limit is read");
    let lengths: Vec<usize> = lead
        .record
        .values
        .iter()
        .filter_map(|value| match value {
            Value::List(items) => Some(items.len()),
            Value::Missing
            | Value::Number(_)
            | Value::Text(_)
            | Value::Bool(_)
            | Value::Date(_)
            | Value::Present(_) => None,
        })
        .collect();
    assert_eq!(lengths, [limits::MAX_LIST_ITEMS]);
    let error = reader
        .read(&line_with_list(limits::MAX_LIST_ITEMS + 1), 2, &mut lead)
        .expect_err("one item more is rejected");
    assert_eq!(error.code, Code::ListTooLong);
    assert_eq!(error.line, 2);
    assert_eq!(
        error.reason,
        "the list at column 18 has more than 10000 items"
    );
}

#[test]
fn a_line_longer_than_the_limit_is_rejected_before_it_is_parsed() {
    let (reader, mut lead) = reader();
    let padding = |length: usize| {
        let mut line = b"{\"id\":\"a\",\"notes\":\"".to_vec();
        line.resize(length - 2, b'n');
        line.extend_from_slice(b"\"}");
        line
    };
    reader
        .read(&padding(limits::MAX_LINE_BYTES), 1, &mut lead)
        .expect("a line at the limit is read");
    let error = reader
        .read(&padding(limits::MAX_LINE_BYTES + 1), 3, &mut lead)
        .expect_err("one byte more is rejected");
    assert_eq!(error.code, Code::LineTooLong);
    assert_eq!(
        error.reason,
        "the line is 1048577 bytes long, more than the limit of 1048576"
    );
}

/// Slots reuse their buffers from record to record, but a value never
/// outlives its record: what a record lacks is missing, whatever came before.
#[test]
fn a_value_of_one_record_never_shows_in_the_next() {
    let (reader, mut lead) = reader();
    let lines: [&[u8]; 4] = [
        br#"{"id":"a","tech":["Salesforce","HubSpot"]}"#,
        br#"{"id":"b"}"#,
        br#"{"tech":["Slack"]}"#,
        br#"{"id":"d","tech":"not a list"}"#,
    ];
    let mut seen = Vec::new();
    for (line, number) in lines.iter().zip(1..) {
        reader.read(line, number, &mut lead).expect("readable");
        seen.push((lead.record.id.clone(), lead.record.values.clone()));
    }
    let list = |items: &[&str]| Value::List(items.iter().map(|&item| item.to_owned()).collect());
    let expected = [
        (Some("a"), list(&["Salesforce", "HubSpot"])),
        (Some("b"), Value::Missing),
        (None, list(&["Slack"])),
        (Some("d"), Value::Missing),
    ];
    for ((id, values), (want_id, want_tech)) in seen.iter().zip(expected) {
        assert_eq!(id.as_deref(), want_id);
        assert!(values.contains(&want_tech), "{values:?}");
        let present = values.iter().filter(|value| **value != Value::Missing);
        assert_eq!(present.count(), usize::from(want_tech != Value::Missing));
    }
}

/// The inline key compare agrees with `==` on keys of every length up to
/// 40, equal or differing in any one byte.
#[test]
fn the_fast_key_compare_agrees_with_slice_equality() {
    for len in 0..=40_usize {
        let key: Vec<u8> = (0..len).map(|at| b'a' + (at % 26) as u8).collect();
        assert!(super::same_key(&key, &key), "len {len}");
        for at in 0..len {
            let mut other = key.clone();
            other[at] ^= 0x20;
            assert!(!super::same_key(&key, &other), "len {len}, byte {at}");
        }
        let mut longer = key.clone();
        longer.push(b'x');
        assert!(!super::same_key(&key, &longer), "len {len}, longer");
    }
}

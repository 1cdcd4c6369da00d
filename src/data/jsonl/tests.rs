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

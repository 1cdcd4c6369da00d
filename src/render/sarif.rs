//! `--format sarif`: a SARIF 2.1.0 log for code-scanning tools.
//!
//! One run; its driver `icpc` lists the whole code catalogue as `rules`
//! (id, name, short description, default level), and each diagnostic is a
//! result pointing at its primary span, with secondary labels as related
//! locations. Columns count Unicode code points (`columnKind`), `endColumn`
//! is exclusive, as SARIF defines it.

use super::{Region, Report};
use crate::diagnostic::{Code, Diagnostic, Label, Severity};
use crate::source::{Source, Span};
use serde_json::{Value, json};

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// Renders the log, pretty-printed, with a final line break.
pub fn render(reports: &[Report]) -> String {
    let results: Vec<Value> = reports
        .iter()
        .flat_map(|report| {
            report
                .ordered()
                .into_iter()
                .map(|diagnostic| result(report.source, diagnostic))
        })
        .collect();
    let log = json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": driver() },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    let mut text = serde_json::to_string_pretty(&log).unwrap_or_default();
    text.push('\n');
    text
}

fn driver() -> Value {
    let rules: Vec<Value> = Code::ALL
        .iter()
        .map(|code| {
            json!({
                "id": code.as_str(),
                "name": code.name(),
                "shortDescription": { "text": code.summary() },
                "defaultConfiguration": { "level": level(code.severity()) },
            })
        })
        .collect();
    let mut driver = json!({
        "name": "icpc",
        "version": env!("CARGO_PKG_VERSION"),
        "rules": rules,
    });
    let uri = env!("CARGO_PKG_REPOSITORY");
    if !uri.is_empty() {
        driver["informationUri"] = json!(uri);
    }
    driver
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

fn result(source: &Source, diagnostic: &Diagnostic) -> Value {
    let mut text = diagnostic.message.clone();
    if let Some(help) = &diagnostic.help {
        text.push_str("\nhelp: ");
        text.push_str(help);
    }
    let rule_index = Code::ALL.iter().position(|code| *code == diagnostic.code);
    let related: Vec<Value> = diagnostic
        .labels
        .iter()
        .filter(|label| !label.primary)
        .enumerate()
        .map(|(index, label)| related_location(source, index, label))
        .collect();
    let mut result = json!({
        "ruleId": diagnostic.code.as_str(),
        "ruleIndex": rule_index,
        "level": level(diagnostic.severity()),
        "message": { "text": text },
        "locations": [location(source, diagnostic.primary_span())],
    });
    if !related.is_empty() {
        result["relatedLocations"] = Value::Array(related);
    }
    result
}

fn related_location(source: &Source, index: usize, label: &Label) -> Value {
    let mut location = location(source, label.span);
    location["id"] = json!(index);
    location["message"] = json!({ "text": label.message });
    location
}

fn location(source: &Source, span: Span) -> Value {
    let region = Region::of(source, span);
    json!({
        "physicalLocation": {
            "artifactLocation": { "uri": uri(&source.name) },
            "region": {
                "startLine": region.start.line,
                "startColumn": region.start.column,
                "endLine": region.end.line,
                "endColumn": region.end.column,
                "byteOffset": span.start,
                "byteLength": span.end.saturating_sub(span.start),
            },
        },
    })
}

/// A file name as a URI reference: `\` becomes `/`, and every byte outside
/// the unreserved set and `/` is percent-encoded; absolute paths get `file://`.
fn uri(name: &str) -> String {
    let path = name.replace('\\', "/");
    let mut encoded = String::with_capacity(path.len());
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            encoded.push(char::from(byte));
        } else {
            encoded.push_str(&format!("%{byte:02X}"));
        }
    }
    if encoded.starts_with('/') {
        format!("file://{encoded}")
    } else {
        encoded
    }
}

//! Helpers shared by the integration tests.
#![allow(dead_code, reason = "each test binary uses a different subset")]

pub mod cli;
pub mod files;
pub mod program;
pub mod repo;
pub mod rulegen;

use icpc::ast;
use icpc::diagnostic::Diagnostic;
use icpc::source::{Source, Span};
use std::path::Path;

/// Reads a fixture as a source named by its file name.
pub fn load(path: &Path) -> Source {
    let text = std::fs::read_to_string(path).expect("fixture is readable UTF-8");
    let name = path
        .file_name()
        .expect("fixture has a name")
        .to_string_lossy();
    Source::new(name, text)
}

/// [`load`] with what the file includes (named relative to its directory).
pub fn load_with_includes(path: &Path) -> Source {
    let source = load(path);
    files::within(
        path.parent().unwrap_or(Path::new("")),
        &source.name,
        source.text,
    )
}

/// A snapshot body in two sections: the source, then the output.
pub fn two_sections(source: &Source, output: &str) -> String {
    format!(
        "----- SOURCE\n{}\n----- OUTPUT\n{}",
        source.text.trim_end(),
        output.trim_end()
    )
}

/// Diagnostics as `FILE:LINE:COL: severity[CODE]: message` lines with labels and help,
/// independent of the renderer so that stage tests do not depend on it.
pub fn render_diagnostics(source: &Source, diagnostics: &[Diagnostic]) -> String {
    let mut out = String::new();
    for diagnostic in diagnostics {
        let span = diagnostic.primary_span();
        let start = source.position(span.start);
        out.push_str(&format!(
            "{}:{}:{}: {}[{}]: {}\n",
            source.name,
            start.line,
            start.column,
            diagnostic.severity().as_str(),
            diagnostic.code,
            diagnostic.message
        ));
        for label in &diagnostic.labels {
            let position = source.position(label.span.start);
            out.push_str(&format!(
                "  {} {}:{} `{}`: {}\n",
                if label.primary { "^" } else { "-" },
                position.line,
                position.column,
                source.slice(label.span),
                label.message
            ));
        }
        if let Some(help) = &diagnostic.help {
            out.push_str(&format!("  help: {help}\n"));
        }
        for note in &diagnostic.notes {
            out.push_str(&format!("  note: {note}\n"));
        }
    }
    out
}

/// Every expression's span lies within its parent's (and the item's).
pub fn assert_spans_nested(file: &ast::File) {
    for item in &file.items {
        if let Some(example) = item.as_example() {
            let entries = example.record.iter().map(|entry| entry.span);
            let expectations = example.expectations.iter().map(|expected| expected.span);
            for span in entries.chain(expectations).chain([example.record_span]) {
                assert!(item.span().contains(span), "{example} escapes its item");
            }
        }
        if let Some(condition) = item.condition() {
            assert_within(item.span(), condition);
        }
    }
}

fn assert_within(parent: Span, expr: &ast::Expr) {
    assert!(parent.contains(expr.span), "{expr} escapes its parent");
    match &expr.kind {
        ast::ExprKind::Or(operands) | ast::ExprKind::And(operands) => {
            operands
                .iter()
                .for_each(|operand| assert_within(expr.span, operand));
        }
        ast::ExprKind::Not(inner) => assert_within(expr.span, inner),
        ast::ExprKind::Name(name) => assert!(expr.span.contains(name.span)),
        ast::ExprKind::Test(test) => {
            assert!(expr.span.contains(test.field.span) && expr.span.contains(test.op_span));
        }
    }
}

/// The leads of an example rule file, as examples/README.md pairs them:
/// `NAME.jsonl` beside it, else `COMPANY-leads.jsonl`, where COMPANY is
/// NAME up to its first `-`.
pub fn example_leads(rules: &Path) -> std::path::PathBuf {
    let own = rules.with_extension("jsonl");
    if own.exists() {
        return own;
    }
    let stem = rules
        .file_stem()
        .map(|stem| stem.to_string_lossy().to_string())
        .unwrap_or_default();
    let company = stem.split('-').next().unwrap_or(&stem).to_string();
    rules.with_file_name(format!("{company}-leads.jsonl"))
}

//! JUnit XML, the format CI test reporters read: `testsuites` >
//! `testsuite` per file > `testcase` per example, a `failure` with the
//! expected-versus-actual lines and the explanation as its text, and a
//! file that could not run as a suite with one `error`.

use super::{File, Report, example, failure_text};
use std::fmt::Write;

/// The whole report as one XML document.
pub fn render(report: &Report<'_>) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let tests = report.passed() + report.failed();
    let _ = writeln!(
        out,
        "<testsuites name=\"icpc test\" tests=\"{tests}\" failures=\"{}\" errors=\"{}\">",
        report.failed(),
        report.broken()
    );
    for file in &report.files {
        match file {
            File::Ran(tested) => {
                let (rules, run) = (tested.rules, &tested.run);
                let name = escape(&rules.source().name);
                let _ = writeln!(
                    out,
                    "  <testsuite name=\"{name}\" tests=\"{}\" failures=\"{}\" errors=\"0\">",
                    run.results.len(),
                    run.failed()
                );
                for result in &run.results {
                    let example = example(rules, result);
                    let line = rules.source().line(example.span.start);
                    let _ = write!(
                        out,
                        "    <testcase name=\"{}\" classname=\"{name}\" file=\"{name}\" line=\"{line}\"",
                        escape(&example.name)
                    );
                    if result.passed() {
                        out.push_str("/>\n");
                        continue;
                    }
                    let message = (super::misses(rules, result).into_iter())
                        .map(|(expected, actual)| format!("expected {expected}, got {actual}"))
                        .collect::<Vec<_>>()
                        .join("; ");
                    let _ = writeln!(
                        out,
                        ">\n      <failure message=\"{}\" type=\"expectation\">{}</failure>\n    </testcase>",
                        escape(&message),
                        escape(&failure_text(rules, run, result))
                    );
                }
                out.push_str("  </testsuite>\n");
            }
            File::Broken { name, errors } => {
                let name = escape(name);
                let _ = writeln!(
                    out,
                    "  <testsuite name=\"{name}\" tests=\"0\" failures=\"0\" errors=\"1\">\n    \
                     <error message=\"the file does not compile ({errors} errors)\"/>\n  </testsuite>"
                );
            }
        }
    }
    out.push_str("</testsuites>\n");
    out
}

/// Text safe inside XML attributes and elements.
fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&apos;"),
            // XML 1.0 cannot carry other control characters at all.
            c if c.is_control() && c != '\n' && c != '\t' => escaped.push('\u{fffd}'),
            c => escaped.push(c),
        }
    }
    escaped
}

//! The start-of-run report on CSV columns: the fields no column holds
//! (W410, all together, each with the closest header as a suggestion) and,
//! when asked, where every used field is read from. Printed before the
//! first record is scored, so a mapping mistake shows at once.

use crate::data::csv::ColumnMatch;
use std::fmt::Write;

/// The W410 warning for the unmatched fields of `input`; empty when every
/// field has a column.
pub fn unmatched(input: &str, columns: &[ColumnMatch]) -> String {
    let missing: Vec<&ColumnMatch> = columns
        .iter()
        .filter(|matched| matched.column.is_none())
        .collect();
    let mut out = String::new();
    if missing.is_empty() {
        return out;
    }
    let fields = if missing.len() == 1 {
        "field"
    } else {
        "fields"
    };
    let _ = writeln!(
        out,
        "icpc: warning[W410]: `{input}` has no column for {} {fields}; missing in every record:",
        missing.len()
    );
    for matched in missing {
        let _ = write!(
            out,
            "  {}: no column {}",
            matched.field,
            looked_for(matched)
        );
        match &matched.suggestion {
            Some(header) => {
                let _ = writeln!(out, "; did you mean \"{header}\"?");
            }
            None => out.push('\n'),
        }
    }
    out.push_str("  (map a field to its column in the schema: `employees: int from \"Number of Employees\"`)\n");
    out
}

/// Every used field and the column it is read from, for `--columns`.
pub fn table(input: &str, columns: &[ColumnMatch]) -> String {
    let mut out = format!("icpc: columns of `{input}`:\n");
    let width = columns
        .iter()
        .map(|matched| matched.field.len())
        .max()
        .unwrap_or(0);
    for matched in columns {
        let source = match &matched.column {
            Some(header) => format!("\"{header}\""),
            None => format!("(none; looked for {})", looked_for(matched)),
        };
        let _ = writeln!(out, "  {:width$}  <- {source}", matched.field);
    }
    out
}

fn looked_for(matched: &ColumnMatch) -> String {
    let names: Vec<String> = matched
        .looked_for
        .iter()
        .map(|name| format!("\"{name}\""))
        .collect();
    names.join(" or ")
}

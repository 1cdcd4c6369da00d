//! The terminal report of `icpc diff`: the changes, old -> new with their
//! lines, then (with leads) the migration matrix, the leads each change
//! moved, score changes and sample leads. Colour (ANSI) only when asked.

use super::changes::{Change, Side, Status};
use super::migration::Migration;
use super::{Diff, count, plan_line, search_line, witness_line};
use crate::summary::Summary;
use std::fmt::Write;

struct Paint(bool);

impl Paint {
    fn paint(&self, code: &str, text: &str) -> String {
        if self.0 {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }
}

/// The report for people.
pub fn render(diff: &Diff, color: bool) -> String {
    let paint = Paint(color);
    let mut out = String::new();
    let bold = |text: &str| paint.paint("1", text);
    let _ = writeln!(
        out,
        "{}",
        bold(&format!("icpc diff {} -> {}", diff.old.name, diff.new.name))
    );
    if diff.old.ruleset == diff.new.ruleset {
        let _ = writeln!(out, "ruleset {} (unchanged)", diff.new.ruleset);
    } else {
        let _ = writeln!(out, "ruleset {} -> {}", diff.old.ruleset, diff.new.ruleset);
    }
    let _ = writeln!(out, "changes: {}", plan_line(&diff.changes));
    for (index, change) in diff.changes.list.iter().enumerate() {
        change_lines(&mut out, change, &paint);
        if let Some(line) = witness_line(diff, index) {
            let _ = writeln!(out, "    {line}");
        }
    }
    for note in &diff.changes.notes {
        let _ = writeln!(out, "note: {note}");
    }
    if let Some(line) = search_line(diff) {
        let _ = writeln!(out, "without data: {line}");
    }
    if let Some((migration, summary)) = &diff.leads {
        leads(&mut out, diff, migration, summary);
    }
    out
}

fn change_lines(out: &mut String, change: &Change, paint: &Paint) {
    let (mark, code) = match change.status {
        Status::Added => ("+", "32"),
        Status::Removed => ("-", "31"),
        Status::Changed | Status::Moved => ("~", "33"),
        Status::Renamed | Status::Rewritten => ("=", "36"),
    };
    let lines = Side::places(change.old.as_ref(), change.new.as_ref());
    let renamed = match (&change.old, &change.new) {
        (Some(old), Some(_)) if change.status == Status::Renamed => {
            format!(" (was `{}`)", old.name)
        }
        _ => String::new(),
    };
    let effect = if change.behaviour {
        ""
    } else {
        ", same behaviour"
    };
    let head = format!(
        "{mark} {} `{}`{renamed} {} ({lines}{effect})",
        change.kind.as_str(),
        change.name(),
        change.status.as_str()
    );
    let _ = writeln!(out, "{}", paint.paint(code, &head));
    if let Some(note) = &change.note {
        let _ = writeln!(out, "    {note}");
    }
    let show_text = matches!(
        change.status,
        Status::Changed | Status::Added | Status::Removed
    );
    if let (true, Some(old), Some(new)) = (show_text, &change.old, &change.new)
        && old.text == new.text
    {
        let _ = writeln!(out, "    {}", old.text);
    } else if show_text {
        if let Some(old) = &change.old {
            let _ = writeln!(out, "    {}", paint.paint("31", &format!("- {}", old.text)));
        }
        if let Some(new) = &change.new {
            let _ = writeln!(out, "    {}", paint.paint("32", &format!("+ {}", new.text)));
        }
    }
}

fn leads(out: &mut String, diff: &Diff, migration: &Migration, summary: &Summary) {
    let _ = writeln!(
        out,
        "\nleads: {} scored by both versions ({} records read, {} rejected); {} with another outcome, {} moved tier",
        migration.compared,
        summary.records,
        summary.rejected,
        migration.changed,
        migration.moved()
    );
    let appear = migration.disqualifications(true);
    let disappear = migration.disqualifications(false);
    if appear > 0 {
        let _ = writeln!(out, "  {} newly disqualified", count(appear, "lead"));
    }
    if disappear > 0 {
        let _ = writeln!(out, "  {} no longer disqualified", count(disappear, "lead"));
    }
    let _ = writeln!(
        out,
        "\nmigration (rows: old outcome, columns: new outcome):"
    );
    out.push_str(&matrix(migration));
    let moved: Vec<_> = (diff.changes.list.iter().zip(&migration.moves))
        .filter(|(_, moves)| moves.up + moves.down + moves.rescored > 0)
        .collect();
    if !moved.is_empty() {
        let _ = writeln!(
            out,
            "\nleads per change (a lead moved by two changes counts for both):"
        );
        for (change, moves) in moved {
            let _ = writeln!(
                out,
                "  {} `{}`: {} up, {} down, {} rescored in the same tier",
                change.kind.as_str(),
                change.name(),
                moves.up,
                moves.down,
                moves.rescored
            );
        }
    }
    let deltas: Vec<_> = migration
        .deltas
        .iter()
        .filter(|(_, deltas)| deltas.keys().any(|delta| *delta != 0))
        .collect();
    if !deltas.is_empty() {
        let _ = writeln!(out, "\nscore changes (new - old: leads):");
        for (score, deltas) in deltas {
            let parts: Vec<String> = deltas
                .iter()
                .map(|(delta, leads)| format!("{delta:+}: {leads}"))
                .collect();
            let _ = writeln!(out, "  {score}: {}", parts.join(", "));
        }
    }
    let samples = migration.sampled_cells();
    if !samples.is_empty() {
        let _ = writeln!(out, "\nsample leads:");
        for ((from, to), cell) in samples {
            let names: Vec<String> = cell
                .samples
                .iter()
                .map(|sample| format!("{} (line {})", sample.id, sample.line))
                .collect();
            let _ = writeln!(
                out,
                "  {} -> {}: {}",
                migration.outcomes[*from].label(),
                migration.outcomes[*to].label(),
                names.join(", ")
            );
        }
    }
}

/// The matrix as aligned text, with only the outcomes that occur.
pub fn matrix(migration: &Migration) -> String {
    let used = migration.used_outcomes();
    let labels: Vec<&str> = used
        .iter()
        .map(|index| migration.outcomes[*index].label())
        .collect();
    let width = labels
        .iter()
        .map(|label| label.len())
        .max()
        .unwrap_or(0)
        .max(5);
    let mut out = format!("  {:width$}", "");
    for label in &labels {
        let _ = write!(out, "  {label:>width$}");
    }
    out.push('\n');
    for (row, label) in used.iter().zip(&labels) {
        let _ = write!(out, "  {label:width$}");
        for column in &used {
            let count = migration
                .cells
                .get(&(*row, *column))
                .map_or(0, |cell| cell.count);
            let cell = if count == 0 {
                ".".to_string()
            } else {
                count.to_string()
            };
            let _ = write!(out, "  {cell:>width$}");
        }
        out.push('\n');
    }
    out
}

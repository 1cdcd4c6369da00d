//! The pull-request comment of `icpc diff --format markdown`: one summary
//! line first (terraform-plan style), disqualifications that appear or
//! disappear called out, then tables of changes, the migration matrix,
//! leads per change and sample leads. The comment is kept under GitHub's
//! 65,536-character limit: whole lines are dropped from the end and a
//! note says so.

use super::changes::Status;
use super::migration::Migration;
use super::{Diff, count, plan_line, search_line, witness_line};
use std::fmt::Write;

/// GitHub's limit on a comment's length, in characters.
pub const LIMIT: usize = 65_536;

/// The comment, at most [`LIMIT`] characters (`limit` in tests).
pub fn render(diff: &Diff) -> String {
    render_within(diff, LIMIT)
}

/// [`render`] cut to `limit` characters.
pub fn render_within(diff: &Diff, limit: usize) -> String {
    let text = full(diff);
    if text.chars().count() <= limit {
        return text;
    }
    let note = "\n> **Cut** to stay under GitHub's comment limit; run `icpc diff` locally for the whole report.\n";
    let budget = limit.saturating_sub(note.chars().count());
    let mut out = String::new();
    let mut used = 0;
    for line in text.split_inclusive('\n') {
        let length = line.chars().count();
        if used + length > budget {
            break;
        }
        out.push_str(line);
        used += length;
    }
    out.push_str(note);
    out
}

fn summary(diff: &Diff) -> String {
    let mut line = format!("**icpc diff**: {}", plan_line(&diff.changes));
    match &diff.leads {
        Some((migration, _)) => {
            let (up, down) = up_down(migration);
            let _ = write!(
                line,
                "; {} of {} change tier ({up} up, {down} down), {} rescored.",
                migration.moved(),
                count(migration.compared, "lead"),
                migration.changed - migration.moved()
            );
        }
        None if diff.outcomes_change() => line.push_str("; lead outcomes change."),
        None => line.push_str("; no lead's outcome changes."),
    }
    line
}

fn up_down(migration: &Migration) -> (u64, u64) {
    let mut up_down = (0, 0);
    for ((from, to), cell) in &migration.cells {
        match to.cmp(from) {
            std::cmp::Ordering::Less => up_down.0 += cell.count,
            std::cmp::Ordering::Greater => up_down.1 += cell.count,
            std::cmp::Ordering::Equal => {}
        }
    }
    up_down
}

fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('`', "'")
}

fn full(diff: &Diff) -> String {
    let mut out = summary(diff);
    out.push_str("\n\n");
    if let Some((migration, _)) = &diff.leads {
        let appear = migration.disqualifications(true);
        let disappear = migration.disqualifications(false);
        if appear > 0 {
            let _ = writeln!(
                out,
                "> [!WARNING]\n> {} newly disqualified.\n",
                count(appear, "lead")
            );
        }
        if disappear > 0 {
            let _ = writeln!(
                out,
                "> [!NOTE]\n> {} no longer disqualified.\n",
                count(disappear, "lead")
            );
        }
    }
    let _ = writeln!(
        out,
        "`{}` → `{}`, ruleset `{}` → `{}`\n",
        diff.old.name, diff.new.name, diff.old.ruleset, diff.new.ruleset
    );
    if !diff.changes.list.is_empty() {
        out.push_str("| | change | old | new |\n|---|---|---|---|\n");
        for change in &diff.changes.list {
            let mark = match change.status {
                Status::Added => "➕",
                Status::Removed => "➖",
                Status::Changed | Status::Moved => "✏️",
                Status::Renamed | Status::Rewritten => "🟰",
            };
            let side = |side: &Option<super::changes::Side>| {
                side.as_ref().map_or(String::new(), |side| {
                    format!("{}: `{}`", side.place(), cell(&side.text))
                })
            };
            let note = change
                .note
                .as_ref()
                .map_or(String::new(), |note| format!(" ({})", cell(note)));
            let _ = writeln!(
                out,
                "| {mark} | {} `{}` {}{note} | {} | {} |",
                change.kind.as_str(),
                cell(change.name()),
                change.status.as_str(),
                side(&change.old),
                side(&change.new)
            );
        }
        out.push('\n');
    }
    for note in &diff.changes.notes {
        let _ = writeln!(out, "- {note}");
    }
    if let Some(line) = search_line(diff) {
        let _ = writeln!(out, "\n### Without data\n\n{}\n", cell(&line));
        for (index, change) in diff.changes.list.iter().enumerate() {
            if let Some(line) = witness_line(diff, index) {
                let _ = writeln!(
                    out,
                    "- {} `{}`: {}",
                    change.kind.as_str(),
                    cell(change.name()),
                    cell(&line)
                );
            }
        }
    }
    if let Some((migration, summary)) = &diff.leads {
        leads(&mut out, diff, migration, summary);
    }
    out
}

fn leads(out: &mut String, diff: &Diff, migration: &Migration, summary: &crate::summary::Summary) {
    let _ = writeln!(
        out,
        "\n### Leads\n\n{} read, {} scored by both versions, {} rejected; {} with another outcome.\n",
        count(summary.records, "record"),
        migration.compared,
        summary.rejected,
        migration.changed
    );
    let used = migration.used_outcomes();
    out.push_str("| old ↓ new → |");
    for index in &used {
        let _ = write!(out, " {} |", cell(migration.outcomes[*index].label()));
    }
    out.push_str("\n|---|");
    out.push_str(&"---:|".repeat(used.len()));
    out.push('\n');
    for row in &used {
        let _ = write!(out, "| **{}** |", cell(migration.outcomes[*row].label()));
        for column in &used {
            let count = migration
                .cells
                .get(&(*row, *column))
                .map_or(0, |cell| cell.count);
            let _ = write!(
                out,
                " {} |",
                if count == 0 {
                    "·".to_string()
                } else {
                    count.to_string()
                }
            );
        }
        out.push('\n');
    }
    let moved: Vec<_> = (diff.changes.list.iter().zip(&migration.moves))
        .filter(|(_, moves)| moves.up + moves.down + moves.rescored > 0)
        .collect();
    if !moved.is_empty() {
        out.push_str("\n| change | up | down | rescored |\n|---|---:|---:|---:|\n");
        for (change, moves) in moved {
            let _ = writeln!(
                out,
                "| {} `{}` | {} | {} | {} |",
                change.kind.as_str(),
                cell(change.name()),
                moves.up,
                moves.down,
                moves.rescored
            );
        }
    }
    for (score, deltas) in &migration.deltas {
        if deltas.keys().all(|delta| *delta == 0) {
            continue;
        }
        let parts: Vec<String> = deltas
            .iter()
            .map(|(delta, leads)| format!("{delta:+}: {leads}"))
            .collect();
        let _ = writeln!(
            out,
            "\n`{}` changes (new − old: leads): {}",
            cell(score),
            parts.join(", ")
        );
    }
    let samples = migration.sampled_cells();
    if !samples.is_empty() {
        out.push_str("\n<details><summary>Sample leads</summary>\n\n");
        for ((from, to), samples) in samples {
            let names: Vec<String> = samples
                .samples
                .iter()
                .map(|sample| format!("`{}` (line {})", cell(&sample.id), sample.line))
                .collect();
            let _ = writeln!(
                out,
                "- {} → {}: {}",
                cell(migration.outcomes[*from].label()),
                cell(migration.outcomes[*to].label()),
                names.join(", ")
            );
        }
        out.push_str("\n</details>\n");
    }
}

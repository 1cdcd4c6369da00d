//! Verdicts -> output lines: JSON Lines per the `icpc eval` output contract, or CSV.
//!
//! A [`Writer`] is built once per program: every name (scores, rules, tiers,
//! disqualification reasons) is escaped up front, so writing a record only
//! copies bytes and formats integers into a caller's reused buffer. JSON
//! objects carry `id`, `scores` (declaration order), `tier`,
//! `disqualified`, `matched` (file order), `reasons` and `warnings`; a
//! program with segments adds `segments` after `tier` (a CSV column after
//! `tier`, names joined by `;`), one without keeps the shape it had.
//! [`rejected`] writes the reports of lines that could not be read.

pub mod columns;
mod fragments;
pub mod rejected;

pub use rejected::ErrorFormat;

use crate::data;
use crate::ir;
use crate::record::TypeWarning;
use crate::verdict::Verdict;
use fragments::Fragments;

/// The output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// One JSON object per line.
    Jsonl,
    /// A header row, then one row per record; `matched` joined by `;`.
    Csv,
    /// Nothing: a run that only tallies (`icpc diff --leads`).
    None,
    /// The id, the members (JSON) or cells (CSV) the scorer wrote, then
    /// the warnings: a front end that writes the verdicts itself (several
    /// profiles in one run, `profiles`). The CSV header row is `id` and the
    /// kept columns only, without a line end: the front end finishes it.
    Bare {
        /// CSV rather than JSON Lines.
        csv: bool,
    },
}

/// Writes verdicts of one program.
#[derive(Debug, Clone)]
pub struct Writer {
    format: Format,
    /// JSON: `"name":`; CSV: the escaped header cell.
    scores: Vec<Vec<u8>>,
    /// JSON: the quoted name; CSV: the raw name.
    rules: Vec<Vec<u8>>,
    tiers: Vec<Vec<u8>>,
    /// JSON: the quoted name; CSV: the raw name.
    segments: Vec<Vec<u8>>,
    /// Whether the program declares segments (and the output lists them).
    has_segments: bool,
    /// The quoted reason of each `disqualify` rule, by rule index.
    reasons: Vec<Option<Vec<u8>>>,
    fields: Vec<String>,
    /// CSV: the header cells of the input columns kept after `id`.
    kept: Vec<Vec<u8>>,
    /// The names of the kept input columns, as given.
    kept_names: Vec<String>,
    /// JSON Lines: the pieces of a line, rendered once.
    json: Fragments,
}

/// What the output says of a record besides its verdict.
#[derive(Debug, Clone, Copy)]
pub struct Input<'a> {
    /// How the record is named.
    pub id: data::Id<'a>,
    /// Values counted as missing for their type.
    pub warnings: &'a [TypeWarning],
    /// Problems that name no field.
    pub notes: &'a [String],
    /// The kept input values (see `data::Lead::kept`).
    pub kept: &'a [String],
    /// Whether `kept` holds JSON values.
    pub kept_json: bool,
}

impl<'a> Input<'a> {
    /// Everything the output says of a lead as read.
    pub fn of(lead: &'a data::Lead) -> Input<'a> {
        Input {
            id: lead.id(),
            warnings: &lead.record.warnings,
            notes: &lead.notes,
            kept: &lead.kept,
            kept_json: lead.kept_json,
        }
    }
}

impl Writer {
    /// A writer for verdicts of `program`.
    pub fn new(program: &ir::Program, format: Format) -> Writer {
        let name = |text: &str| match format {
            Format::Jsonl => json_string_bytes(text),
            Format::Csv | Format::None | Format::Bare { .. } => text.as_bytes().to_vec(),
        };
        let score_key = |text: &str| match format {
            Format::Jsonl => [json_string_bytes(text), b":".to_vec()].concat(),
            Format::Csv | Format::None | Format::Bare { .. } => csv_cell_bytes(text),
        };
        Writer {
            format,
            scores: program
                .scores
                .iter()
                .map(|score| score_key(&score.name))
                .collect(),
            rules: program.rules.iter().map(|rule| name(&rule.name)).collect(),
            tiers: program.tiers.iter().map(|tier| name(&tier.name)).collect(),
            segments: (program.segments.iter())
                .map(|segment| name(&segment.name))
                .collect(),
            has_segments: !program.segments.is_empty(),
            reasons: program.rules.iter().map(disqualify_reason).collect(),
            fields: program
                .fields
                .iter()
                .map(|field| field.name.clone())
                .collect(),
            kept: Vec::new(),
            kept_names: Vec::new(),
            json: match format {
                Format::Jsonl => Fragments::new(program),
                Format::Csv | Format::None | Format::Bare { .. } => Fragments::default(),
            },
        }
    }

    /// Writes these input columns (their header names, or JSON keys): in
    /// CSV after `id`, a name that one of the result columns or a score has
    /// written `input_NAME`; in JSON as the object `input`.
    pub fn keep(&mut self, names: &[String]) {
        let scores: Vec<String> = (self.scores.iter())
            .map(|score| String::from_utf8_lossy(score).trim_matches('"').to_owned())
            .collect();
        self.kept = names
            .iter()
            .map(|name| {
                let taken = CSV_COLUMNS.contains(&name.as_str()) || scores.contains(name);
                let name = if taken {
                    format!("input_{name}")
                } else {
                    name.clone()
                };
                csv_cell_bytes(&name)
            })
            .collect();
        self.kept_names = names.to_vec();
    }

    /// The text before the first record (the CSV header row): `id`, the
    /// scores, `tier`, `disqualified`, `matched`, `reasons`, `warnings`. A
    /// score named like one of the other columns is written `score_NAME`,
    /// so no header repeats.
    pub fn header(&self, out: &mut Vec<u8>) {
        if self.format == (Format::Bare { csv: true }) {
            out.extend_from_slice(b"id");
            for kept in &self.kept {
                out.push(b',');
                out.extend_from_slice(kept);
            }
        }
        if self.format == Format::Csv {
            out.extend_from_slice(b"id");
            for kept in &self.kept {
                out.push(b',');
                out.extend_from_slice(kept);
            }
            for score in &self.scores {
                out.push(b',');
                let text = String::from_utf8_lossy(score);
                if CSV_COLUMNS.contains(&text.trim_matches('"')) {
                    out.extend_from_slice(b"score_");
                }
                out.extend_from_slice(score);
            }
            out.extend_from_slice(b",tier");
            if self.has_segments {
                out.extend_from_slice(b",segments");
            }
            out.extend_from_slice(b",disqualified,matched,reasons,warnings\n");
        }
    }

    /// Appends one record's line to `out`; `extra` holds further JSON
    /// members (each starting with a comma) for the JSON object.
    pub fn record(
        &self,
        out: &mut Vec<u8>,
        id: data::Id,
        warnings: &[TypeWarning],
        verdict: &Verdict,
        extra: &[u8],
    ) {
        let input = Input {
            id,
            warnings,
            notes: &[],
            kept: &[],
            kept_json: false,
        };
        self.record_of(out, &input, verdict, extra);
    }

    /// [`record`](Writer::record) for a lead as read, with its notes and
    /// the values of the kept input columns.
    pub fn record_of(&self, out: &mut Vec<u8>, input: &Input, verdict: &Verdict, extra: &[u8]) {
        match self.format {
            Format::Jsonl => self.json(out, input, verdict, extra),
            Format::Csv => self.csv(out, input, verdict),
            Format::Bare { csv: false } => self.bare_json(out, input, extra),
            Format::Bare { csv: true } => self.bare_csv(out, input, extra),
            Format::None => {}
        }
    }

    fn json(&self, out: &mut Vec<u8>, input: &Input, verdict: &Verdict, extra: &[u8]) {
        // Room for a typical line, so that the pieces below do not grow it.
        out.reserve(LINE);
        out.extend_from_slice(b"{\"id\":");
        match input.id {
            data::Id::Text(text) => json_string(out, text),
            data::Id::Line(line) => integer(out, line),
        }
        out.extend_from_slice(b",\"scores\":{");
        for (key, value) in self.json.scores.iter().zip(&verdict.scores) {
            out.extend_from_slice(key);
            integer(out, *value);
        }
        out.extend_from_slice(self.json.tier(verdict.tier, verdict.disqualified));
        if self.has_segments {
            out.extend_from_slice(b",\"segments\":[");
            list(out, self.segment_names(verdict));
            out.push(b']');
            out.extend_from_slice(if verdict.disqualified {
                b",\"disqualified\":true,\"matched\":["
            } else {
                b",\"disqualified\":false,\"matched\":["
            });
        }
        let matched =
            (verdict.matched.iter()).filter_map(|&rule| self.json.rules.get(rule as usize));
        let mut matched = matched.peekable();
        if let Some(first) = matched.next() {
            // Each name comes with the comma before it, but the first.
            out.extend_from_slice(&first.bytes()[1..]);
        }
        for rule in matched {
            rule.write(out);
        }
        out.extend_from_slice(b"],\"reasons\":[");
        let reasons = verdict
            .matched
            .iter()
            .filter_map(|&rule| self.reasons.get(rule as usize)?.as_ref());
        list(out, reasons);
        out.extend_from_slice(b"],\"warnings\":[");
        for (index, warning) in self.warnings(input).enumerate() {
            if index > 0 {
                out.push(b',');
            }
            json_string(out, &warning);
        }
        out.push(b']');
        if !self.kept.is_empty() {
            self.json_kept(out, input);
        }
        out.extend_from_slice(extra);
        out.extend_from_slice(b"}\n");
    }

    /// `{"id":ID` and the scorer's members, `"warnings"` and `"input"`.
    fn bare_json(&self, out: &mut Vec<u8>, input: &Input, extra: &[u8]) {
        out.extend_from_slice(b"{\"id\":");
        match input.id {
            data::Id::Text(text) => json_string(out, text),
            data::Id::Line(line) => integer(out, line),
        }
        out.extend_from_slice(extra);
        out.extend_from_slice(b",\"warnings\":[");
        for (index, warning) in self.warnings(input).enumerate() {
            if index > 0 {
                out.push(b',');
            }
            json_string(out, &warning);
        }
        out.push(b']');
        if !self.kept.is_empty() {
            self.json_kept(out, input);
        }
        out.extend_from_slice(b"}\n");
    }

    /// The id, the kept cells, the scorer's cells, the warnings.
    fn bare_csv(&self, out: &mut Vec<u8>, input: &Input, extra: &[u8]) {
        self.csv_start(out, input);
        out.extend_from_slice(extra);
        out.push(b',');
        let warnings: Vec<String> = self.warnings(input).collect();
        csv_cell(out, &warnings.join("; "));
        out.push(b'\n');
    }

    /// `"input":{...}`: the kept input values by name, JSON values as
    /// written, CSV cells as strings, `null` when absent.
    fn json_kept(&self, out: &mut Vec<u8>, input: &Input) {
        out.extend_from_slice(b",\"input\":{");
        for (index, name) in self.kept_names.iter().enumerate() {
            if index > 0 {
                out.push(b',');
            }
            json_string(out, name);
            out.push(b':');
            match input.kept.get(index).map(String::as_str) {
                Some("") | None if input.kept_json => out.extend_from_slice(b"null"),
                Some(raw) if input.kept_json => out.extend_from_slice(raw.as_bytes()),
                Some(cell) => json_string(out, cell),
                None => out.extend_from_slice(b"null"),
            }
        }
        out.push(b'}');
    }

    fn csv(&self, out: &mut Vec<u8>, input: &Input, verdict: &Verdict) {
        self.csv_start(out, input);
        for value in &verdict.scores {
            out.push(b',');
            integer(out, *value);
        }
        self.csv_rest(out, input, verdict);
    }

    /// The id cell and the kept cells.
    fn csv_start(&self, out: &mut Vec<u8>, input: &Input) {
        match input.id {
            data::Id::Text(text) => csv_cell(out, text),
            data::Id::Line(line) => integer(out, line),
        }
        for index in 0..self.kept.len() {
            out.push(b',');
            let value = input.kept.get(index).map_or("", String::as_str);
            match value.strip_prefix('"') {
                Some(_) if input.kept_json => {
                    let text = serde_json::from_str::<String>(value).unwrap_or_default();
                    csv_cell(out, &text);
                }
                Some(_) | None => csv_cell(out, value),
            }
        }
    }

    fn csv_rest(&self, out: &mut Vec<u8>, input: &Input, verdict: &Verdict) {
        out.push(b',');
        if let Some(name) = self.tier(verdict) {
            csv_cell(out, &String::from_utf8_lossy(name));
        }
        if self.has_segments {
            out.push(b',');
            let names: Vec<&[u8]> = self.segment_names(verdict).map(Vec::as_slice).collect();
            csv_cell(out, &String::from_utf8_lossy(&names.join(&b';')));
        }
        out.extend_from_slice(if verdict.disqualified {
            b",true,"
        } else {
            b",false,"
        });
        let names: Vec<&[u8]> = verdict
            .matched
            .iter()
            .filter_map(|&rule| self.rules.get(rule as usize).map(Vec::as_slice))
            .collect();
        csv_cell(out, &String::from_utf8_lossy(&names.join(&b';')));
        out.push(b',');
        let reasons: Vec<String> = verdict
            .matched
            .iter()
            .filter_map(|&rule| self.reasons.get(rule as usize)?.as_ref())
            .map(|quoted| serde_json::from_slice::<String>(quoted).unwrap_or_default())
            .collect();
        csv_cell(out, &reasons.join("; "));
        out.push(b',');
        let warnings: Vec<String> = self.warnings(input).collect();
        csv_cell(out, &warnings.join("; "));
        out.push(b'\n');
    }

    /// The record's warnings in words: its type warnings, then its notes.
    fn warnings<'a>(&'a self, input: &'a Input) -> impl Iterator<Item = String> + 'a {
        (input.warnings.iter().map(|warning| self.warning(warning)))
            .chain(input.notes.iter().cloned())
    }

    fn segment_names<'v>(&'v self, verdict: &'v Verdict) -> impl Iterator<Item = &'v Vec<u8>> {
        (verdict.segments.iter()).filter_map(|&segment| self.segments.get(segment as usize))
    }

    fn tier(&self, verdict: &Verdict) -> Option<&Vec<u8>> {
        self.tiers.get(verdict.tier? as usize)
    }

    /// The text of a type warning, e.g.
    /// ``field `employees`: expected int, found "about 200"``.
    pub fn warning(&self, warning: &TypeWarning) -> String {
        let field = self
            .fields
            .get(warning.field.0 as usize)
            .map_or("?", String::as_str);
        format!(
            "field `{field}`: expected {}, found {}",
            warning.expected.as_str(),
            warning.found
        )
    }
}

/// Bytes reserved per JSON line: a verdict line of a small rule file.
const LINE: usize = 256;

fn disqualify_reason(rule: &ir::Rule) -> Option<Vec<u8>> {
    rule.disqualify_reason().map(json_string_bytes)
}

fn list<'a>(out: &mut Vec<u8>, items: impl Iterator<Item = &'a Vec<u8>>) {
    for (index, item) in items.enumerate() {
        if index > 0 {
            out.push(b',');
        }
        out.extend_from_slice(item);
    }
}

fn integer(out: &mut Vec<u8>, value: impl itoa::Integer) {
    out.extend_from_slice(itoa::Buffer::new().format(value).as_bytes());
}

fn json_string_bytes(text: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len() + 2);
    json_string(&mut out, text);
    out
}

/// Appends `text` as a JSON string literal.
pub fn json_string(out: &mut Vec<u8>, text: &str) {
    let bytes = text.as_bytes();
    // What ids and names hold: nothing to escape, found in one pass with no
    // early exit (vectorised), then copied whole.
    let plain = (bytes.iter()).fold(true, |plain, &byte| {
        plain & (byte >= 0x20) & (byte != b'"') & (byte != b'\\') & (byte != 0x7f)
    });
    if plain {
        out.reserve(bytes.len() + 2);
        out.push(b'"');
        out.extend_from_slice(bytes);
        out.push(b'"');
        return;
    }
    out.push(b'"');
    let mut start = 0;
    for (index, &byte) in bytes.iter().enumerate() {
        let escape: &[u8] = match byte {
            b'"' => b"\\\"",
            b'\\' => b"\\\\",
            b'\n' => b"\\n",
            b'\r' => b"\\r",
            b'\t' => b"\\t",
            0..0x20 | 0x7f => b"",
            _ => continue,
        };
        out.extend_from_slice(&bytes[start..index]);
        if escape.is_empty() {
            out.extend_from_slice(format!("\\u{byte:04x}").as_bytes());
        } else {
            out.extend_from_slice(escape);
        }
        start = index + 1;
    }
    out.extend_from_slice(&bytes[start..]);
    out.push(b'"');
}

fn csv_cell_bytes(text: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len());
    csv_cell(&mut out, text);
    out
}

/// The columns of `--format csv` besides `id` and the scores.
const CSV_COLUMNS: [&str; 7] = [
    "id",
    "tier",
    "segments",
    "disqualified",
    "matched",
    "reasons",
    "warnings",
];

/// Appends `text` as a CSV cell, quoted when it holds `,`, `"` or a line
/// break. Text that a spreadsheet would run as a formula (starting with
/// `=`, `+`, `-`, `@`, a tab or a carriage return) gets a leading `'`, as
/// OWASP advises, so an id like `=HYPERLINK(...)` stays text.
pub fn csv_cell(out: &mut Vec<u8>, text: &str) {
    let formula = text.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if !formula
        && !text
            .bytes()
            .any(|byte| matches!(byte, b',' | b'"' | b'\n' | b'\r'))
    {
        out.extend_from_slice(text.as_bytes());
        return;
    }
    out.push(b'"');
    if formula {
        out.push(b'\'');
    }
    out.extend_from_slice(text.replace('"', "\"\"").as_bytes());
    out.push(b'"');
}

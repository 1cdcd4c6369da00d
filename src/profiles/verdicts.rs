//! Each profile's verdict inside a lead's one line: in JSON Lines the
//! member `"profiles":{"NAME":{"scores":{...},"tier":...,"segments":[...],
//! "disqualified":...,"matched":[...],"reasons":[...]},...}`, in CSV the
//! cells `NAME_SCORE...,NAME_tier,[NAME_segments,]NAME_disqualified,
//! NAME_matched,NAME_reasons` per profile (names joined by `;`), as
//! `icpc eval` writes one profile's verdict.

use crate::ir;
use crate::output::{csv_cell, json_string};
use crate::verdict::Verdict;

/// One profile's names, escaped once.
#[derive(Debug, Clone)]
pub struct Writer {
    /// `"NAME":`
    key: Vec<u8>,
    scores: Vec<String>,
    rules: Vec<String>,
    tiers: Vec<String>,
    segments: Option<Vec<String>>,
    /// Each rule's disqualification reason.
    reasons: Vec<Option<String>>,
}

impl Writer {
    /// The writer of profile `name`.
    pub fn new(name: &str, program: &ir::Program) -> Writer {
        let mut key = Vec::new();
        json_string(&mut key, name);
        key.push(b':');
        Writer {
            key,
            scores: program
                .scores
                .iter()
                .map(|score| score.name.clone())
                .collect(),
            rules: program.rules.iter().map(|rule| rule.name.clone()).collect(),
            tiers: program.tiers.iter().map(|tier| tier.name.clone()).collect(),
            segments: (!program.segments.is_empty()).then(|| {
                (program.segments.iter())
                    .map(|segment| segment.name.clone())
                    .collect()
            }),
            reasons: (program.rules.iter())
                .map(|rule| rule.disqualify_reason().map(str::to_owned))
                .collect(),
        }
    }

    fn matched<'a>(&'a self, verdict: &'a Verdict) -> impl Iterator<Item = &'a str> + 'a {
        (verdict.matched.iter())
            .filter_map(|rule| self.rules.get(*rule as usize).map(String::as_str))
    }

    fn reasons<'a>(&'a self, verdict: &'a Verdict) -> impl Iterator<Item = &'a str> + 'a {
        (verdict.matched.iter()).filter_map(|rule| self.reasons.get(*rule as usize)?.as_deref())
    }

    fn segment_names<'a>(&'a self, verdict: &'a Verdict) -> Vec<&'a str> {
        let names = self.segments.as_deref().unwrap_or_default();
        (verdict.segments.iter())
            .filter_map(|segment| names.get(*segment as usize).map(String::as_str))
            .collect()
    }

    fn tier<'a>(&'a self, verdict: &Verdict) -> Option<&'a str> {
        self.tiers.get(verdict.tier? as usize).map(String::as_str)
    }

    fn json(&self, out: &mut Vec<u8>, verdict: &Verdict, explanation: &[u8]) {
        out.extend_from_slice(&self.key);
        out.extend_from_slice(b"{\"scores\":{");
        for (index, (name, value)) in self.scores.iter().zip(&verdict.scores).enumerate() {
            if index > 0 {
                out.push(b',');
            }
            json_string(out, name);
            out.push(b':');
            out.extend_from_slice(itoa::Buffer::new().format(*value).as_bytes());
        }
        out.extend_from_slice(b"},\"tier\":");
        match self.tier(verdict) {
            Some(name) => json_string(out, name),
            None => out.extend_from_slice(b"null"),
        }
        if self.segments.is_some() {
            out.extend_from_slice(b",\"segments\":");
            list(out, self.segment_names(verdict).into_iter());
        }
        out.extend_from_slice(if verdict.disqualified {
            b",\"disqualified\":true,\"matched\":"
        } else {
            b",\"disqualified\":false,\"matched\":"
        });
        list(out, self.matched(verdict));
        out.extend_from_slice(b",\"reasons\":");
        list(out, self.reasons(verdict));
        out.extend_from_slice(explanation);
        out.push(b'}');
    }

    fn csv(&self, out: &mut Vec<u8>, verdict: &Verdict) {
        for value in &verdict.scores {
            out.push(b',');
            out.extend_from_slice(itoa::Buffer::new().format(*value).as_bytes());
        }
        out.push(b',');
        if let Some(name) = self.tier(verdict) {
            csv_cell(out, name);
        }
        if self.segments.is_some() {
            out.push(b',');
            csv_cell(out, &self.segment_names(verdict).join(";"));
        }
        out.extend_from_slice(if verdict.disqualified {
            b",true,"
        } else {
            b",false,"
        });
        csv_cell(out, &self.matched(verdict).collect::<Vec<_>>().join(";"));
        out.push(b',');
        csv_cell(out, &self.reasons(verdict).collect::<Vec<_>>().join("; "));
    }
}

fn list<'a>(out: &mut Vec<u8>, items: impl Iterator<Item = &'a str>) {
    out.push(b'[');
    for (index, item) in items.enumerate() {
        if index > 0 {
            out.push(b',');
        }
        json_string(out, item);
    }
    out.push(b']');
}

/// Every profile's verdict of one lead, into the line's members or cells;
/// in JSON each verdict ends with its `explanations` member (empty for none).
pub fn write(
    writers: &[Writer],
    verdicts: &[Verdict],
    explanations: &[Vec<u8>],
    csv: bool,
    out: &mut Vec<u8>,
) {
    if csv {
        for (writer, verdict) in writers.iter().zip(verdicts) {
            writer.csv(out, verdict);
        }
        return;
    }
    out.extend_from_slice(b",\"profiles\":{");
    let each = writers.iter().zip(verdicts).zip(explanations);
    for (index, ((writer, verdict), explanation)) in each.enumerate() {
        if index > 0 {
            out.push(b',');
        }
        writer.json(out, verdict, explanation);
    }
    out.push(b'}');
}

/// The header cells after `id` and the kept columns, and the line end.
pub fn csv_header(names: &[String], programs: &[ir::Program]) -> Vec<u8> {
    let mut out = Vec::new();
    for (name, program) in names.iter().zip(programs) {
        let mut cell = |column: &str| {
            out.push(b',');
            csv_cell(&mut out, &format!("{name}_{column}"));
        };
        for score in &program.scores {
            cell(&score.name);
        }
        cell("tier");
        if !program.segments.is_empty() {
            cell("segments");
        }
        cell("disqualified");
        cell("matched");
        cell("reasons");
    }
    out.extend_from_slice(b",warnings\n");
    out
}

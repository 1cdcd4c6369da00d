//! One worker: a chunk of lines -> output lines, error reports and counts.
//!
//! Each worker owns its reader state and a batch of reused `data::Lead`s,
//! so threads share nothing but the program's evaluator. Records are read
//! into the batch until it holds [`BATCH`] (or the chunk ends), then scored
//! together and rendered in input order; a rejected record is reported as
//! it is read and takes no place in the batch. Blank lines are skipped;
//! every other record is either scored or rejected.

use crate::data::csv::delimiter::Delimiter;
use crate::data::{self, Lead, RecordError, csv, jsonl};
use crate::ir;
use crate::output::{self, ErrorFormat};
use crate::record::Value;
use crate::stream::chunks::{Chunk, Chunks, Piece};
use crate::stream::{BATCH, BatchScorer, InputFormat, Settings};
use crate::summary::Summary;
use crate::verdict::Verdict;
use std::io::{self, Read};

/// A processed chunk with its buffers (also how empty buffers travel).
#[derive(Debug, Default)]
pub(super) struct Finished {
    pub chunk: Chunk,
    pub output: Vec<u8>,
    /// Per verdict line of `output`: its tier and segments.
    pub routes: Vec<super::Routed>,
    /// The segments of every route, in order.
    pub segments: Vec<u32>,
    pub errors: Vec<u8>,
    pub scored: u64,
    pub rejected: u64,
    /// Records read with at least one used field present.
    pub with_values: u64,
}

/// The reader of one input format, ready for its record lines.
#[derive(Clone)]
pub(super) enum LineReader {
    Jsonl(jsonl::Reader),
    Csv(Box<csv::Reader>, Delimiter),
}

impl LineReader {
    /// A reader for `program`; for CSV, takes the header from `source`.
    /// `None` when a CSV input has no header (so no records either).
    pub fn new<R: Read>(
        program: &ir::Program,
        input: InputFormat,
        source: &mut Chunks<R>,
    ) -> io::Result<Option<LineReader>> {
        let used = data::used_fields(program);
        Ok(Some(match input {
            InputFormat::Jsonl => {
                if let Some(line) = source.first_line()?
                    && looks_like_csv(line)
                {
                    return Err(wrong_format(line, "CSV", "JSON Lines", "csv"));
                }
                LineReader::Jsonl(jsonl::Reader::new(program, &used))
            }
            InputFormat::Csv {
                separator,
                delimiter,
            } => {
                if let Some(line) = source.first_line()?
                    && line.trim_ascii_start().starts_with(b"{")
                {
                    return Err(wrong_format(line, "JSON Lines", "CSV", "jsonl"));
                }
                let header = match source.csv_header(delimiter)? {
                    None => return Ok(None),
                    Some(Ok(header)) => header,
                    Some(Err((line, problem))) => {
                        return Err(bad_header(&csv::problem_error(problem, line)));
                    }
                };
                let reader = csv::Reader::new(
                    program,
                    &used,
                    &header.names,
                    header.line,
                    header.delimiter.byte,
                    separator,
                )
                .map_err(|error| bad_header(&error))?;
                LineReader::Csv(Box::new(reader), header.delimiter)
            }
        }))
    }

    /// Reads one non-blank record into `lead`.
    pub fn read(&mut self, piece: Piece, lead: &mut Lead) -> Result<(), RecordError> {
        if let Some(problem) = piece.problem {
            lead.reset(piece.line);
            return Err(csv::problem_error(problem, piece.line));
        }
        match self {
            LineReader::Jsonl(reader) => reader.read(piece.bytes, piece.line, lead),
            LineReader::Csv(reader, _) => reader.read(piece.bytes, piece.line, lead),
        }
    }

    /// Keeps the named input columns (CSV) or top-level keys (JSON Lines)
    /// for the output.
    fn keep(&mut self, wanted: &[String]) -> io::Result<Vec<String>> {
        let kept = match self {
            LineReader::Jsonl(reader) => reader.keep(wanted),
            LineReader::Csv(reader, _) => reader
                .keep(wanted)
                .map_err(|name| format!("there is no column `{name}` to keep")),
        };
        kept.map_err(|message| io::Error::new(io::ErrorKind::InvalidInput, message))
    }

    /// The CSV delimiter and whether it was detected.
    fn delimiter(&self) -> Option<Delimiter> {
        match self {
            LineReader::Jsonl(_) => None,
            LineReader::Csv(_, delimiter) => Some(*delimiter),
        }
    }

    /// Where each used field is read from (CSV; JSON Lines has no header).
    fn matches(&self) -> &[csv::ColumnMatch] {
        match self {
            LineReader::Jsonl(_) => &[],
            LineReader::Csv(reader, _) => reader.matches(),
        }
    }
}

/// Everything one thread needs to turn lines into output, but its scorer.
#[derive(Clone)]
pub(super) struct Worker {
    reader: LineReader,
    /// The batch being read: [`BATCH`] leads, the first `filled` read.
    leads: Vec<Lead>,
    filled: usize,
    verdicts: Vec<Verdict>,
    extras: Vec<Vec<u8>>,
    writer: output::Writer,
    errors: ErrorFormat,
    score: bool,
}

impl Worker {
    /// A worker for `program`; for CSV, takes the header from `source`.
    /// `None` when a CSV input has no header (so no records either).
    pub fn new<R: Read>(
        program: &ir::Program,
        settings: &Settings,
        source: &mut Chunks<R>,
        summary: &mut Summary,
    ) -> io::Result<Option<Worker>> {
        let Some(mut reader) = LineReader::new(program, settings.input, source)? else {
            return Ok(None);
        };
        let mut writer = output::Writer::new(program, settings.output);
        if !settings.keep.is_empty() {
            writer.keep(&reader.keep(&settings.keep)?);
        }
        summary.columns = reader.matches().to_vec();
        summary.fields_used = !data::used_fields(program).is_empty();
        summary.delimiter = reader.delimiter();
        Ok(Some(Worker {
            reader,
            leads: vec![Lead::new(program); BATCH],
            filled: 0,
            verdicts: vec![Verdict::default(); BATCH],
            extras: vec![Vec::new(); BATCH],
            writer,
            errors: settings.errors.clone(),
            score: settings.score,
        }))
    }

    /// The output writer (for the CSV header row).
    pub fn writer(&self) -> &output::Writer {
        &self.writer
    }

    /// Reads, evaluates and renders every line of `chunk` into `buffers`.
    pub fn process(
        &mut self,
        chunk: Chunk,
        mut buffers: Finished,
        score: &mut BatchScorer,
    ) -> Finished {
        buffers.output.clear();
        buffers.routes.clear();
        buffers.segments.clear();
        buffers.errors.clear();
        buffers.scored = 0;
        buffers.rejected = 0;
        buffers.with_values = 0;
        for piece in chunk.records() {
            self.read(piece, &mut buffers);
            if self.filled == BATCH {
                self.score(&mut buffers, score);
            }
        }
        self.score(&mut buffers, score);
        buffers.chunk = chunk;
        buffers
    }

    /// Reads one record into the batch, or reports it rejected.
    fn read(&mut self, piece: Piece, buffers: &mut Finished) {
        let lead = &mut self.leads[self.filled];
        match self.reader.read(piece, lead) {
            Ok(()) => {
                if (lead.record.values.iter()).any(|value| *value != Value::Missing) {
                    buffers.with_values += 1;
                }
                match self.score {
                    true => self.filled += 1,
                    false => buffers.scored += 1,
                }
            }
            Err(error) => {
                output::rejected::write(&mut buffers.errors, &self.errors, &error, piece.bytes);
                buffers.rejected += 1;
            }
        }
    }

    /// Scores the records of the batch and renders them, in order.
    fn score(&mut self, buffers: &mut Finished, score: &mut BatchScorer) {
        let filled = std::mem::take(&mut self.filled);
        if filled == 0 {
            return;
        }
        let records: Vec<_> = self.leads[..filled]
            .iter()
            .map(|lead| &lead.record)
            .collect();
        let extras = &mut self.extras[..filled];
        extras.iter_mut().for_each(Vec::clear);
        score(&records, &mut self.verdicts[..filled], extras);
        let scored = self.leads.iter().zip(&self.verdicts).zip(&self.extras);
        for ((lead, verdict), extra) in scored.take(filled) {
            self.writer.record_of(
                &mut buffers.output,
                &output::Input::of(lead),
                verdict,
                extra,
            );
            let first = buffers.segments.len();
            buffers.segments.extend(&verdict.segments);
            buffers.routes.push(super::Routed {
                end: buffers.output.len(),
                tier: verdict.tier,
                disqualified: verdict.disqualified,
                segments: first..buffers.segments.len(),
            });
        }
        buffers.scored += filled as u64;
    }
}

/// Whether a first line reads as a CSV header rather than JSON: it does
/// not open a JSON value and holds a delimiter.
fn looks_like_csv(line: &[u8]) -> bool {
    let line = line.trim_ascii_start();
    let json = matches!(line.first(), Some(b'{' | b'[' | b'"'));
    !json
        && line
            .iter()
            .any(|byte| csv::delimiter::CANDIDATES.contains(byte))
}

/// The error for input of one format read as the other, from its first line.
fn wrong_format(line: &[u8], looks: &str, read_as: &str, flag: &str) -> io::Error {
    let shown: String = String::from_utf8_lossy(line).chars().take(60).collect();
    io::Error::new(
        io::ErrorKind::InvalidData,
        format!(
            "the input looks like {looks}, not {read_as}: its first line is `{shown}`; \
             pass `--input-format {flag}`"
        ),
    )
}

fn bad_header(error: &RecordError) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidData,
        format!(
            "the CSV header on line {} cannot be read: error[{}]: {}",
            error.line, error.code, error.reason
        ),
    )
}

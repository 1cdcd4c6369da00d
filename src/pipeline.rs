//! The streaming evaluation driver: an input stream -> output lines, in input order.
//!
//! The input is cut into chunks of whole lines (`pipeline::source`); worker threads
//! read each line into a `data::Lead`, evaluate it and render its output
//! line (or its `data::RecordError`) into the chunk's own buffers; the
//! caller's thread writes finished chunks to a [`Sink`] in input order.
//! A fixed set of buffers circulates between the stages, so memory stays
//! bounded whatever the input size. This module moves bytes between the
//! caller's `Read` and `Sink`; it opens no files and prints nothing.
//! INVARIANT: every non-blank line after a CSV header is counted exactly
//! once, as scored or as rejected.

mod source;
mod worker;

use crate::data::RecordError;
use crate::ir;
use crate::output;
use crate::record::Record;
use crate::verdict::Verdict;
use source::{Chunk, Source};
use std::io::{self, Read};
use std::sync::{Mutex, mpsc};
use worker::{Finished, Worker};

/// The format of the leads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputFormat {
    /// One JSON object per line.
    Jsonl,
    /// A header row, then one record per line; `list<text>` cells split on `separator`.
    Csv {
        /// Between the items of a `list<text>` cell.
        separator: char,
    },
}

/// How rejected lines are reported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ErrorFormat {
    /// `NAME:LINE: error[E401]: reason`, for a terminal.
    Text {
        /// The input's name (its path, or `-`).
        name: String,
    },
    /// `{"line":..,"code":..,"reason":..,"text":..}` per line, for a file.
    Json,
}

/// What to run.
#[derive(Debug, Clone)]
pub struct Settings {
    /// How to read the leads.
    pub input: InputFormat,
    /// How to write verdicts.
    pub output: output::Format,
    /// How to report rejected lines.
    pub errors: ErrorFormat,
    /// Worker threads; 1 runs everything on the caller's thread.
    pub jobs: usize,
    /// Bytes per chunk of lines.
    pub chunk_size: usize,
    /// `false` reads and counts records without evaluating or writing them:
    /// the parse-only baseline of the benchmark.
    pub score: bool,
}

/// Where the results go, in input order.
pub trait Sink {
    /// Verdict lines.
    fn output(&mut self, bytes: &[u8]) -> io::Result<()>;
    /// Reports of rejected lines.
    fn errors(&mut self, bytes: &[u8]) -> io::Result<()>;
    /// Called after each chunk with the totals so far.
    fn progress(&mut self, _summary: &Summary) {}
}

/// The totals of a run.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// Input bytes consumed.
    pub bytes: u64,
    /// Non-blank record lines (a CSV header is not one).
    pub lines: u64,
    /// Records evaluated.
    pub scored: u64,
    /// Lines that could not be read.
    pub rejected: u64,
    /// Used fields the CSV header lacks (missing in every record).
    pub missing_columns: Vec<String>,
}

/// Scores one record into a verdict (overwriting it); `eval::Evaluator` in
/// practice. The third argument starts empty for each record: JSON members
/// written there (`,"explanation":{...}`) are added to the record's output
/// object, which is how `--explain` rides on the same pipeline.
pub type Score<'a> = dyn FnMut(&Record, &mut Verdict, &mut Vec<u8>) + 'a;

/// Makes one scorer per worker thread (a scorer keeps scratch space, so
/// threads do not share one).
pub type NewScorer<'a> = dyn Fn() -> Box<Score<'a>> + Sync + 'a;

/// Reads every lead of `input`, evaluates it and writes the results to `sink`.
pub fn run(
    program: &ir::Program,
    new_scorer: &NewScorer,
    settings: &Settings,
    input: impl Read + Send,
    sink: &mut dyn Sink,
) -> io::Result<Summary> {
    let mut source = Source::new(input, settings.chunk_size);
    let mut summary = Summary::default();
    let Some(worker) = Worker::new(program, settings, &mut source, &mut summary)? else {
        return Ok(summary);
    };
    let mut header = Vec::new();
    worker.writer().header(&mut header);
    sink.output(&header)?;
    if settings.jobs <= 1 {
        run_inline(worker, &mut *new_scorer(), &mut source, sink, &mut summary)?;
    } else {
        run_parallel(
            worker,
            new_scorer,
            settings.jobs,
            &mut source,
            sink,
            &mut summary,
        )?;
    }
    Ok(summary)
}

fn run_inline<R: Read>(
    mut worker: Worker,
    score: &mut Score,
    source: &mut Source<R>,
    sink: &mut dyn Sink,
    summary: &mut Summary,
) -> io::Result<()> {
    let mut finished = Finished::default();
    while let Some(chunk) = source.next_chunk(std::mem::take(&mut finished.chunk.bytes))? {
        finished = worker.process(chunk, finished, score);
        deliver(&finished, sink, summary)?;
    }
    Ok(())
}

/// Reader thread -> `jobs` workers -> this thread, which restores input order.
fn run_parallel<R: Read + Send>(
    worker: Worker,
    new_scorer: &NewScorer,
    jobs: usize,
    source: &mut Source<R>,
    sink: &mut dyn Sink,
    summary: &mut Summary,
) -> io::Result<()> {
    let buffers = 2 * jobs + 2;
    let (free_sender, free_receiver) = mpsc::channel::<Finished>();
    let (work_sender, work_receiver) = mpsc::sync_channel::<(Chunk, Finished)>(jobs);
    let (done_sender, done_receiver) = mpsc::channel::<Finished>();
    for _ in 0..buffers {
        free_sender
            .send(Finished::default())
            .map_err(io::Error::other)?;
    }
    let work_receiver = Mutex::new(work_receiver);
    std::thread::scope(|scope| {
        let reader = scope.spawn(move || feed(source, &free_receiver, &work_sender));
        for _ in 0..jobs {
            let mut worker = worker.clone();
            let (work_receiver, done_sender) = (&work_receiver, done_sender.clone());
            scope.spawn(move || {
                let mut score = new_scorer();
                while let Some((chunk, buffers)) = next_work(work_receiver) {
                    if done_sender
                        .send(worker.process(chunk, buffers, &mut *score))
                        .is_err()
                    {
                        break;
                    }
                }
            });
        }
        drop(done_sender);
        let written = reorder(done_receiver, free_sender, sink, summary);
        let read = reader
            .join()
            .unwrap_or_else(|_| Err(io::Error::other("the reader thread panicked")));
        written.and(read)
    })
}

fn next_work(receiver: &Mutex<mpsc::Receiver<(Chunk, Finished)>>) -> Option<(Chunk, Finished)> {
    receiver.lock().ok()?.recv().ok()
}

/// Reads chunks into free buffers until the input ends or the writer stops.
fn feed<R: Read>(
    source: &mut Source<R>,
    free: &mpsc::Receiver<Finished>,
    work: &mpsc::SyncSender<(Chunk, Finished)>,
) -> io::Result<()> {
    while let Ok(mut buffers) = free.recv() {
        let Some(chunk) = source.next_chunk(std::mem::take(&mut buffers.chunk.bytes))? else {
            break;
        };
        if work.send((chunk, buffers)).is_err() {
            break;
        }
    }
    Ok(())
}

/// Writes finished chunks in sequence order and returns their buffers.
fn reorder(
    done: mpsc::Receiver<Finished>,
    free: mpsc::Sender<Finished>,
    sink: &mut dyn Sink,
    summary: &mut Summary,
) -> io::Result<()> {
    let mut waiting = std::collections::BTreeMap::new();
    let mut next = 0;
    for finished in done {
        waiting.insert(finished.chunk.sequence, finished);
        while let Some(finished) = waiting.remove(&next) {
            deliver(&finished, sink, summary)?;
            next += 1;
            // The reader may have stopped already; then the buffers just drop.
            let _ = free.send(finished);
        }
    }
    Ok(())
}

fn deliver(finished: &Finished, sink: &mut dyn Sink, summary: &mut Summary) -> io::Result<()> {
    sink.output(&finished.output)?;
    if !finished.errors.is_empty() {
        sink.errors(&finished.errors)?;
    }
    summary.bytes += finished.chunk.bytes.len() as u64;
    summary.lines += finished.scored + finished.rejected;
    summary.scored += finished.scored;
    summary.rejected += finished.rejected;
    sink.progress(summary);
    Ok(())
}

/// Strips a line's `\n` and `\r\n` terminator.
pub fn trim_line(line: &[u8]) -> &[u8] {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    line.strip_suffix(b"\r").unwrap_or(line)
}

/// Appends the report of a rejected line.
pub fn report(out: &mut Vec<u8>, format: &ErrorFormat, error: &RecordError, line: &[u8]) {
    match format {
        ErrorFormat::Text { name } => {
            let text = format!(
                "{name}:{}: error[{}]: {}\n",
                error.line, error.code, error.reason
            );
            out.extend_from_slice(text.as_bytes());
        }
        ErrorFormat::Json => {
            out.extend_from_slice(b"{\"line\":");
            out.extend_from_slice(error.line.to_string().as_bytes());
            out.extend_from_slice(b",\"code\":\"");
            out.extend_from_slice(error.code.as_str().as_bytes());
            out.extend_from_slice(b"\",\"reason\":");
            output::json_string(out, &error.reason);
            out.extend_from_slice(b",\"text\":");
            output::json_string(out, &String::from_utf8_lossy(line));
            out.extend_from_slice(b"}\n");
        }
    }
}

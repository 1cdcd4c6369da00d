//! The streaming driver: a stream of lead lines -> verdict lines and
//! rejected-line reports, in input order.
//!
//! The input is cut into chunks of whole lines (`stream::chunks`); worker threads
//! read each line into a `data::Lead`, evaluate it and render its output
//! line (or its `data::RecordError`) into the chunk's own buffers; the
//! caller's thread writes finished chunks to a [`Sink`] in input order.
//! Worker threads exist only with the `threads` feature; without it every
//! chunk is scored on the caller's thread, whatever [`Settings::jobs`] says.
//! A fixed set of buffers circulates between the stages, and each chunk's
//! size is paced by the output of the last (`stream::pace`), so memory
//! stays bounded whatever the input size and however much a lead writes. This module moves bytes between the
//! caller's `Read` and `Sink`; it opens no files and prints nothing.
//! INVARIANT: every non-blank record after a CSV header is counted exactly
//! once, as scored or as rejected.

mod chunks;
mod find;
mod pace;
pub mod scoring;
mod worker;

pub use find::{Found, Wanted, find};

use crate::ir;
use crate::output;
use crate::record::Record;
use crate::summary::Summary;
use crate::verdict::Verdict;
use chunks::Chunk;
use chunks::Chunks;
use pace::Pace;
use std::io::{self, Read};
#[cfg(feature = "threads")]
use std::sync::{Mutex, mpsc};
use worker::{Finished, Worker};

/// The format of the leads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputFormat {
    /// One JSON object per line.
    Jsonl,
    /// A header row, then RFC 4180 records; `list<text>` cells split on `separator`.
    Csv {
        /// Between the items of a `list<text>` cell.
        separator: char,
        /// Between cells; `None` detects it from the header row.
        delimiter: Option<u8>,
    },
}

/// What to run.
#[derive(Debug, Clone)]
pub struct Settings {
    /// How to read the leads.
    pub input: InputFormat,
    /// How to write verdicts.
    pub output: output::Format,
    /// How to report rejected lines.
    pub errors: output::ErrorFormat,
    /// Worker threads; 1 runs everything on the caller's thread.
    pub jobs: usize,
    /// Bytes per chunk of lines.
    pub chunk_size: usize,
    /// `false` reads and counts records without evaluating or writing them:
    /// the parse-only baseline of the benchmark.
    pub score: bool,
    /// CSV in and out: input columns written after `id`, by header name;
    /// `["all"]` keeps every column (but the id column, which is `id`).
    pub keep: Vec<String>,
}

/// What decides where one verdict line goes when a sink splits the output
/// (`icpc eval --split-by`): its tier and segments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Routed {
    /// Where the line ends in the delivered bytes (exclusive).
    pub end: usize,
    /// The tier's index; `None` with no tier.
    pub tier: Option<u32>,
    /// Whether the lead was disqualified.
    pub disqualified: bool,
    /// The lead's segments, a range of [`Routes::segments`].
    pub segments: std::ops::Range<usize>,
}

/// The routes of the verdict lines of one delivery, in order.
#[derive(Debug, Clone, Copy)]
pub struct Routes<'a> {
    /// One per verdict line.
    pub lines: &'a [Routed],
    /// Segment indexes of every line, each line's in its range.
    pub segments: &'a [u32],
}

/// Where the results go, in input order.
pub trait Sink {
    /// Verdict lines (and, first, a CSV header row).
    fn output(&mut self, bytes: &[u8]) -> io::Result<()>;
    /// Verdict lines of scored records with what each line's lead got, for
    /// a sink that splits them; by default the same as [`Sink::output`].
    fn routed(&mut self, bytes: &[u8], _routes: Routes<'_>) -> io::Result<()> {
        self.output(bytes)
    }
    /// Reports of rejected lines.
    fn errors(&mut self, bytes: &[u8]) -> io::Result<()>;
    /// Called after each chunk with the totals so far.
    fn progress(&mut self, _summary: &Summary) {}
    /// Called once before the first record with what the input's start
    /// told: the CSV delimiter and where each field is read from.
    fn start(&mut self, _summary: &Summary) {}
}

/// Scores one record into a verdict (overwriting it); [`scoring::new`] in
/// practice. The third argument starts empty for each record: JSON members
/// written there (`,"explanation":{...}`) are added to the record's output
/// object, which is how `--explain` rides on the same driver. Tests of the
/// readers pass their own.
pub type Scorer<'a> = dyn FnMut(&Record, &mut Verdict, &mut Vec<u8>) + 'a;

/// Makes one scorer per worker thread (a scorer keeps scratch space, so
/// threads do not share one).
pub type NewScorer<'a> = dyn Fn() -> Box<Scorer<'a>> + Sync + 'a;

/// Scores a batch of records (at most [`BATCH`]) into the verdicts beside
/// them, each record's extra JSON members into the buffer beside it (empty
/// on entry), as a [`Scorer`] would one by one: how the plain evaluation
/// runs its bit-sliced batches (`eval::Evaluator::eval_batch`).
pub type BatchScorer<'a> = dyn FnMut(&[&Record], &mut [Verdict], &mut [Vec<u8>]) + 'a;

/// Makes one batch scorer per worker thread.
pub type NewBatchScorer<'a> = dyn Fn() -> Box<BatchScorer<'a>> + Sync + 'a;

/// Records a worker hands its scorer at once: a word of lanes.
pub const BATCH: usize = crate::eval::LANES;

/// Reads every lead of `input`, scores it and writes the results to `sink`.
///
/// The summary holds the totals (bytes, lines, scored, rejected, missing
/// CSV columns); the scorer may add its tallies to it afterwards.
pub fn run(
    program: &ir::Program,
    new_scorer: &NewScorer,
    settings: &Settings,
    input: impl Read + Send,
    sink: &mut dyn Sink,
) -> io::Result<Summary> {
    let new_batch = || -> Box<BatchScorer> {
        let mut score = new_scorer();
        Box::new(move |records, verdicts, extras| {
            for ((record, verdict), extra) in records.iter().zip(verdicts).zip(extras) {
                score(record, verdict, extra);
            }
        })
    };
    run_batched(program, &new_batch, settings, input, sink)
}

/// [`run`] with a scorer of whole batches: records are read [`BATCH`] at a
/// time (rejected ones reported as they are read), scored together, then
/// written in input order.
pub fn run_batched(
    program: &ir::Program,
    new_scorer: &NewBatchScorer,
    settings: &Settings,
    input: impl Read + Send,
    sink: &mut dyn Sink,
) -> io::Result<Summary> {
    let pace = Pace::new(settings.chunk_size);
    let mut source = Chunks::new(input, pace.size());
    let mut summary = Summary::new(program);
    let Some(worker) = Worker::new(program, settings, &mut source, &mut summary)? else {
        return Ok(summary);
    };
    sink.start(&summary);
    let mut header = Vec::new();
    worker.writer().header(&mut header);
    sink.output(&header)?;
    #[cfg(feature = "threads")]
    if settings.jobs > 1 {
        run_parallel(
            worker,
            new_scorer,
            settings.jobs,
            (&mut source, pace),
            sink,
            &mut summary,
        )?;
        return Ok(summary);
    }
    let source = (&mut source, pace);
    run_inline(worker, &mut *new_scorer(), source, sink, &mut summary)?;
    Ok(summary)
}

fn run_inline<R: Read>(
    mut worker: Worker,
    score: &mut BatchScorer,
    (source, mut pace): (&mut Chunks<R>, Pace),
    sink: &mut dyn Sink,
    summary: &mut Summary,
) -> io::Result<()> {
    let mut finished = Finished::default();
    while let Some(chunk) = refill(source, &mut pace, &mut finished)? {
        finished = worker.process(chunk, finished, score);
        deliver(&finished, sink, summary)?;
    }
    Ok(())
}

/// Reader thread -> `jobs` workers -> this thread, which restores input order.
#[cfg(feature = "threads")]
fn run_parallel<R: Read + Send>(
    worker: Worker,
    new_scorer: &NewBatchScorer,
    jobs: usize,
    source: (&mut Chunks<R>, Pace),
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

#[cfg(feature = "threads")]
fn next_work(receiver: &Mutex<mpsc::Receiver<(Chunk, Finished)>>) -> Option<(Chunk, Finished)> {
    receiver.lock().ok()?.recv().ok()
}

/// Reads chunks into free buffers until the input ends or the writer stops.
#[cfg(feature = "threads")]
fn feed<R: Read>(
    (source, mut pace): (&mut Chunks<R>, Pace),
    free: &mpsc::Receiver<Finished>,
    work: &mpsc::SyncSender<(Chunk, Finished)>,
) -> io::Result<()> {
    while let Ok(mut buffers) = free.recv() {
        let Some(chunk) = refill(source, &mut pace, &mut buffers)? else {
            break;
        };
        if work.send((chunk, buffers)).is_err() {
            break;
        }
    }
    Ok(())
}

/// Writes finished chunks in sequence order and returns their buffers.
#[cfg(feature = "threads")]
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

/// The next chunk, read into the input buffer of `buffers`; its size is
/// paced by what the chunk these buffers held last wrote, and buffers that
/// grew far past what a chunk needs give their memory back.
fn refill<R: Read>(
    source: &mut Chunks<R>,
    pace: &mut Pace,
    buffers: &mut Finished,
) -> io::Result<Option<Chunk>> {
    let written = buffers.output.len() + buffers.errors.len();
    pace.observe(buffers.chunk.bytes.len(), written);
    pace.trim(&mut buffers.chunk.bytes);
    pace.trim(&mut buffers.output);
    pace.trim(&mut buffers.errors);
    pace.trim(&mut buffers.routes);
    pace.trim(&mut buffers.segments);
    pace.trim(&mut buffers.chunk.frames);
    source.set_chunk_size(pace.size());
    source.next_chunk(std::mem::take(&mut buffers.chunk))
}

fn deliver(finished: &Finished, sink: &mut dyn Sink, summary: &mut Summary) -> io::Result<()> {
    let routes = Routes {
        lines: &finished.routes,
        segments: &finished.segments,
    };
    sink.routed(&finished.output, routes)?;
    if !finished.errors.is_empty() {
        sink.errors(&finished.errors)?;
    }
    summary.bytes += finished.chunk.bytes.len() as u64;
    summary.records += finished.scored + finished.rejected;
    summary.scored += finished.scored;
    summary.with_values += finished.with_values;
    summary.rejected += finished.rejected;
    sink.progress(summary);
    Ok(())
}

/// Strips a line's `\n` and `\r\n` terminator.
pub fn trim_line(line: &[u8]) -> &[u8] {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    line.strip_suffix(b"\r").unwrap_or(line)
}

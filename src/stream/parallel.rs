//! Scoring on `jobs` threads: the caller's thread and `jobs - 1` helpers
//! each read their own next chunk (taking turns at the input) and score it;
//! the caller's thread also writes finished chunks in input order, between
//! its own chunks.
//!
//! So exactly `jobs` threads run, none of them only to move bytes: a
//! separate reader thread and a separate writer thread woke on the same
//! cores as the workers hundreds of times a run, and the bytes the kernel
//! copies in are parsed on the core that read them
//! (docs/decisions/032-two-thread-pipeline.md). A fixed set of buffers
//! circulates, so memory stays bounded; the caller's thread keeps one set
//! for itself, so it never waits for buffers that only it could free.

use crate::stream::chunks::{Chunk, Chunks};
use crate::stream::pace::Pace;
use crate::stream::worker::{Finished, Worker};
use crate::stream::{NewBatchScorer, Sink, deliver, refill};
use crate::summary::Summary;
use std::collections::BTreeMap;
use std::io::{self, Read};
use std::sync::{Mutex, mpsc};

/// Reads, scores and writes every chunk of `source` on `jobs` threads.
pub(super) fn run<R: Read + Send>(
    worker: Worker,
    new_scorer: &NewBatchScorer,
    jobs: usize,
    (source, pace): (&mut Chunks<R>, Pace),
    sink: &mut dyn Sink,
    summary: &mut Summary,
) -> io::Result<()> {
    let (free_sender, free_receiver) = mpsc::channel::<Finished>();
    let (done_sender, done_receiver) = mpsc::channel::<Finished>();
    // One set stays with this thread; two more per thread circulate.
    for _ in 1..2 * jobs + 2 {
        free_sender
            .send(Finished::default())
            .map_err(io::Error::other)?;
    }
    let shared = Shared {
        input: Mutex::new(Input {
            source,
            pace,
            failed: None,
            ended: false,
        }),
        free: Mutex::new(free_receiver),
    };
    let template = worker.clone();
    let written = std::thread::scope(|scope| {
        for _ in 1..jobs {
            let (template, shared, done_sender) = (&template, &shared, done_sender.clone());
            scope.spawn(move || {
                // Cloned here, so that its buffers come from this thread's
                // heap and share no cache line with another thread's.
                let mut worker = template.clone();
                let mut score = new_scorer();
                while let Some(mut buffers) = shared.free_buffers() {
                    let Some(chunk) = shared.read(&mut buffers) else {
                        break;
                    };
                    if (done_sender.send(worker.process(chunk, buffers, &mut *score))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(done_sender);
        let mut order = Order {
            waiting: BTreeMap::new(),
            next: 0,
            spare: Some(Finished::default()),
            free: Some(free_sender),
        };
        let written = order.work(
            worker,
            &mut *new_scorer(),
            &shared,
            &done_receiver,
            (sink, summary),
        );
        // Whatever happened, the helpers stop: no more input, no more buffers.
        shared.stop();
        order.free = None;
        written?;
        for finished in done_receiver {
            order.insert(finished);
            order.deliver(sink, summary)?;
        }
        order.deliver(sink, summary)
    });
    let input = shared.input.into_inner().map_err(|_| panicked())?;
    written.and(input.failed.map_or(Ok(()), Err))
}

/// What the threads share: the input, read in turns, and the free buffers.
struct Shared<'a, R> {
    input: Mutex<Input<'a, R>>,
    free: Mutex<mpsc::Receiver<Finished>>,
}

/// The input and its pace; `failed` keeps the first read error, after which
/// (or after the end) no thread reads again.
struct Input<'a, R> {
    source: &'a mut Chunks<R>,
    pace: Pace,
    failed: Option<io::Error>,
    ended: bool,
}

impl<R: Read> Shared<'_, R> {
    /// A helper's next free buffers; `None` once the caller's thread has
    /// stopped handing them out.
    fn free_buffers(&self) -> Option<Finished> {
        self.free.lock().ok()?.recv().ok()
    }

    /// Free buffers no helper is waiting for, if any (for the caller's
    /// thread, which must not wait for them).
    fn idle_buffers(&self) -> Option<Finished> {
        self.free.try_lock().ok()?.try_recv().ok()
    }

    /// The next chunk, read into `buffers`; `None` at the end of the input
    /// or after a read error (kept for the end of the run).
    fn read(&self, buffers: &mut Finished) -> Option<Chunk> {
        let mut input = self.input.lock().ok()?;
        if input.ended {
            return None;
        }
        let Input { source, pace, .. } = &mut *input;
        match refill(source, pace, buffers) {
            Ok(Some(chunk)) => Some(chunk),
            Ok(None) => {
                input.ended = true;
                None
            }
            Err(error) => {
                input.ended = true;
                input.failed = Some(error);
                None
            }
        }
    }

    fn stop(&self) {
        if let Ok(mut input) = self.input.lock() {
            input.ended = true;
        }
    }
}

/// The caller's side: finished chunks waiting for their turn to be written.
struct Order {
    waiting: BTreeMap<u64, Finished>,
    next: u64,
    /// This thread's own buffers, when it is not scoring into them.
    spare: Option<Finished>,
    /// Where written buffers go back to the helpers; `None` once they stop.
    free: Option<mpsc::Sender<Finished>>,
}

impl Order {
    /// Scores chunks on this thread until the input ends, writing every
    /// chunk whose turn has come after each one. Without buffers of its
    /// own or free ones, it waits for a helper's chunk, never for buffers.
    fn work<R: Read>(
        &mut self,
        mut worker: Worker,
        score: &mut crate::stream::BatchScorer,
        shared: &Shared<'_, R>,
        done: &mpsc::Receiver<Finished>,
        (sink, summary): (&mut dyn Sink, &mut Summary),
    ) -> io::Result<()> {
        loop {
            match self.spare.take().or_else(|| shared.idle_buffers()) {
                Some(mut buffers) => {
                    let Some(chunk) = shared.read(&mut buffers) else {
                        return Ok(());
                    };
                    self.insert(worker.process(chunk, buffers, score));
                }
                None => match done.recv() {
                    Ok(finished) => self.insert(finished),
                    // INVARIANT: with no buffers here, a helper holds some.
                    Err(_) => return Ok(()),
                },
            }
            while let Ok(finished) = done.try_recv() {
                self.insert(finished);
            }
            self.deliver(sink, summary)?;
        }
    }

    fn insert(&mut self, finished: Finished) {
        self.waiting.insert(finished.chunk.sequence, finished);
    }

    /// Writes the chunks whose turn has come; their buffers go to this
    /// thread first, then to the helpers.
    fn deliver(&mut self, sink: &mut dyn Sink, summary: &mut Summary) -> io::Result<()> {
        while let Some(finished) = self.waiting.remove(&self.next) {
            deliver(&finished, sink, summary)?;
            self.next += 1;
            if self.spare.is_none() {
                self.spare = Some(finished);
            } else if let Some(free) = &self.free {
                // A helper that has stopped already leaves them to drop.
                let _ = free.send(finished);
            }
        }
        Ok(())
    }
}

fn panicked() -> io::Error {
    io::Error::other("a thread panicked while reading the input")
}

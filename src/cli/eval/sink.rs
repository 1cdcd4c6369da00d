//! Where `icpc eval` reads and writes: files or the standard streams, and
//! the progress bar.
//!
//! The progress bar is drawn only when stderr is a terminal; reports of
//! rejected lines printed to stderr go around it, so the two never mix.

use crate::cli::eval::file_error;
use icpc::stream::Sink;
use icpc::summary::Summary;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::fs::File;
use std::io::{self, BufWriter, IsTerminal, Read, Write};
use std::path::Path;
use std::time::Instant;

/// An opened input and its size, when known.
pub struct Input {
    /// The bytes of the leads.
    pub reader: Box<dyn Read + Send>,
    /// The file's length (none for standard input).
    pub length: Option<u64>,
}

/// Opens a file, or standard input for `-`.
pub fn open_input(path: &Path) -> miette::Result<Input> {
    if path.as_os_str() == "-" {
        return Ok(Input {
            reader: Box::new(io::stdin()),
            length: None,
        });
    }
    let file = File::open(path).map_err(|error| file_error(path, "read", error))?;
    let length = file.metadata().ok().map(|metadata| metadata.len());
    Ok(Input {
        reader: Box::new(file),
        length,
    })
}

/// Verdicts to stdout or a file, error reports to stderr or a file.
pub struct Terminal {
    output: BufWriter<Box<dyn Write>>,
    errors: Option<BufWriter<File>>,
    progress: Option<ProgressBar>,
    started: Instant,
    /// The input's name and whether to list every column at the start.
    report: (String, bool),
}

impl Terminal {
    /// Creates the output files; starts a progress bar if stderr is a terminal.
    pub fn new(
        output: Option<&Path>,
        errors: Option<&Path>,
        length: Option<u64>,
        report: (String, bool),
    ) -> miette::Result<Terminal> {
        let output: Box<dyn Write> = match output {
            Some(path) => {
                Box::new(File::create(path).map_err(|error| file_error(path, "create", error))?)
            }
            None => Box::new(io::stdout()),
        };
        let errors = match errors {
            Some(path) => {
                let mut file =
                    File::create(path).map_err(|error| file_error(path, "create", error))?;
                let csv = path
                    .extension()
                    .is_some_and(|extension| extension.eq_ignore_ascii_case("csv"));
                if csv {
                    file.write_all(icpc::output::rejected::CSV_HEADER.as_bytes())
                        .map_err(|error| file_error(path, "write", error))?;
                }
                Some(file)
            }
            None => None,
        };
        Ok(Terminal {
            output: BufWriter::with_capacity(1 << 16, output),
            errors: errors.map(BufWriter::new),
            progress: io::stderr().is_terminal().then(|| progress_bar(length)),
            started: Instant::now(),
            report,
        })
    }

    /// Flushes the outputs and clears the progress bar.
    pub fn finish(&mut self) -> miette::Result<()> {
        if let Some(progress) = &self.progress {
            progress.finish_and_clear();
        }
        let flushed = self.output.flush().and_then(|()| match &mut self.errors {
            Some(errors) => errors.flush(),
            None => Ok(()),
        });
        flushed.map_err(|error| miette::miette!("cannot write the results: {error}"))
    }
}

impl Sink for Terminal {
    fn output(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.output.write_all(bytes)
    }

    fn errors(&mut self, bytes: &[u8]) -> io::Result<()> {
        match (&mut self.errors, &self.progress) {
            (Some(file), _) => file.write_all(bytes),
            (None, Some(progress)) => progress.suspend(|| io::stderr().write_all(bytes)),
            (None, None) => io::stderr().write_all(bytes),
        }
    }

    fn start(&mut self, summary: &Summary) {
        let (input, all) = &self.report;
        let mut text = icpc::output::columns::unmatched(input, &summary.columns);
        if *all && !summary.columns.is_empty() {
            text.push_str(&icpc::output::columns::table(input, &summary.columns));
        }
        if !text.is_empty() {
            let _ = self.errors(text.as_bytes());
        }
    }

    fn progress(&mut self, summary: &Summary) {
        if let Some(progress) = &self.progress {
            let seconds = self.started.elapsed().as_secs_f64().max(1e-3);
            progress.set_position(summary.bytes);
            progress.set_message(format!("{:.0} records/s", summary.records as f64 / seconds));
        }
    }
}

fn progress_bar(length: Option<u64>) -> ProgressBar {
    let (bar, template) = match length {
        Some(length) => (
            ProgressBar::new(length),
            "{bar:30} {bytes}/{total_bytes} {binary_bytes_per_sec} {msg} ETA {eta}",
        ),
        None => (
            ProgressBar::no_length(),
            "{spinner} {bytes} {binary_bytes_per_sec} {msg}",
        ),
    };
    bar.set_draw_target(ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template(template) {
        bar.set_style(style);
    }
    bar
}

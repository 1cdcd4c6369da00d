//! `icpc eval --split-by tier|segment --out-dir DIR`: the verdict lines
//! written to one file per tier or per segment instead of one stream, each
//! file ready to import as an audience (a CSV file starts with the header
//! row, so `--keep` columns come along).
//!
//! By tier: `TIER.EXT` for each tier, `_disqualified.EXT` and `_no_tier.EXT`;
//! every scored lead is in exactly one file. By segment: `SEGMENT.EXT` for
//! each segment and `_no_segment.EXT`; a lead in several segments is in
//! each of their files. Every file is created, empty ones too, so a
//! re-run never leaves a stale audience behind.

use super::sink::Terminal;
use icpc::ir;
use icpc::stream::{Routes, Sink};
use icpc::summary::Summary;
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

/// `--split-by`
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SplitBy {
    /// One file per tier, plus `_disqualified` and `_no_tier`.
    Tier,
    /// One file per segment (a lead in several is in each), plus `_no_segment`.
    Segment,
}

/// One output file and how many leads went into it.
struct Audience {
    path: PathBuf,
    file: BufWriter<File>,
    leads: u64,
}

/// A sink that writes each verdict line to its tier's or segments' files;
/// rejected lines, the progress bar and the start report go to `terminal`.
pub struct Split {
    terminal: Terminal,
    by: SplitBy,
    tiers: usize,
    audiences: Vec<Audience>,
}

impl Split {
    /// Creates `dir` and every file of the split (`extension` `csv` or `jsonl`).
    pub fn new(
        terminal: Terminal,
        by: SplitBy,
        program: &ir::Program,
        dir: &Path,
        extension: &str,
    ) -> miette::Result<Split> {
        let names: Vec<String> = match by {
            SplitBy::Tier => (program.tiers.iter().map(|tier| tier.name.clone()))
                .chain(["_disqualified".to_string(), "_no_tier".to_string()])
                .collect(),
            SplitBy::Segment => (program.segments.iter())
                .map(|segment| segment.name.clone())
                .chain(["_no_segment".to_string()])
                .collect(),
        };
        std::fs::create_dir_all(dir)
            .map_err(|error| super::file_error(dir, "create the directory", error))?;
        let audiences = names
            .iter()
            .map(|name| {
                let path = dir.join(format!("{name}.{extension}"));
                let file = File::create(&path)
                    .map_err(|error| super::file_error(&path, "create", error))?;
                Ok(Audience {
                    path,
                    file: BufWriter::with_capacity(1 << 16, file),
                    leads: 0,
                })
            })
            .collect::<miette::Result<Vec<Audience>>>()?;
        Ok(Split {
            terminal,
            by,
            tiers: program.tiers.len(),
            audiences,
        })
    }

    /// Flushes every file and the terminal; returns each file with its
    /// number of leads, in order.
    pub fn finish(mut self) -> miette::Result<Vec<(PathBuf, u64)>> {
        for audience in &mut self.audiences {
            audience
                .file
                .flush()
                .map_err(|error| super::file_error(&audience.path, "write", error))?;
        }
        self.terminal.finish()?;
        Ok(self
            .audiences
            .into_iter()
            .map(|audience| (audience.path, audience.leads))
            .collect())
    }

    fn write(&mut self, index: usize, line: &[u8]) -> io::Result<()> {
        let audience = &mut self.audiences[index];
        audience.leads += 1;
        audience.file.write_all(line)
    }
}

impl Sink for Split {
    /// Only the CSV header row comes this way: every file starts with it.
    fn output(&mut self, bytes: &[u8]) -> io::Result<()> {
        for audience in &mut self.audiences {
            audience.file.write_all(bytes)?;
        }
        Ok(())
    }

    fn routed(&mut self, bytes: &[u8], routes: Routes<'_>) -> io::Result<()> {
        let mut start = 0;
        for route in routes.lines {
            let line = &bytes[start..route.end];
            start = route.end;
            match self.by {
                SplitBy::Tier => {
                    let index = match (route.disqualified, route.tier) {
                        (true, _) => self.tiers,
                        (false, Some(tier)) => tier as usize,
                        (false, None) => self.tiers + 1,
                    };
                    self.write(index, line)?;
                }
                SplitBy::Segment => {
                    let segments = &routes.segments[route.segments.clone()];
                    if segments.is_empty() {
                        self.write(self.audiences.len() - 1, line)?;
                    }
                    for segment in segments {
                        self.write(*segment as usize, line)?;
                    }
                }
            }
        }
        Ok(())
    }

    fn errors(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.terminal.errors(bytes)
    }

    fn progress(&mut self, summary: &Summary) {
        self.terminal.progress(summary);
    }

    fn start(&mut self, summary: &Summary) {
        self.terminal.start(summary);
    }
}

//! `icpc eval --split-by tier|segment --out-dir DIR`: the verdict lines
//! written to one file per tier or per segment instead of one stream, each
//! file ready to import as an audience (a CSV file starts with the header
//! row, so `--keep` columns come along).
//!
//! By tier: `TIER.EXT` for each tier, `_disqualified.EXT` and `_no_tier.EXT`;
//! every scored lead is in exactly one file. By segment: `SEGMENT.EXT` for
//! each segment and `_no_segment.EXT`; a lead in several segments is in
//! each of their files. Every file is created, empty ones too, so a
//! re-run never leaves a stale audience behind. With `--profile`s, each
//! profile's files are in `DIR/PROFILE/`, each line the lead's whole line
//! (every profile's verdict), in the files its verdict in that profile
//! names (`icpc::profiles::Profiles::audiences`).

use super::sink::Terminal;
use icpc::ir;
use icpc::profiles;
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

impl From<SplitBy> for profiles::SplitBy {
    fn from(by: SplitBy) -> profiles::SplitBy {
        match by {
            SplitBy::Tier => profiles::SplitBy::Tier,
            SplitBy::Segment => profiles::SplitBy::Segment,
        }
    }
}

/// One output file and how many leads went into it.
struct Audience {
    path: PathBuf,
    file: BufWriter<File>,
    leads: u64,
}

/// How a line finds its files.
#[derive(Debug, Clone, Copy)]
enum Routing {
    /// By the verdict's tier (`tiers` of them, then disqualified, no tier).
    Tier { tiers: usize },
    /// By the verdict's segments, else the last file.
    Segment,
    /// The route's segments are the files' indexes (several profiles).
    Listed,
}

/// A sink that writes each verdict line to its tier's or segments' files;
/// rejected lines, the progress bar and the start report go to `terminal`.
pub struct Split {
    terminal: Terminal,
    routing: Routing,
    audiences: Vec<Audience>,
}

impl Split {
    /// Creates `dir` and every file of the split of one program
    /// (`extension` `csv` or `jsonl`).
    pub fn new(
        terminal: Terminal,
        by: SplitBy,
        program: &ir::Program,
        dir: &Path,
        extension: &str,
    ) -> miette::Result<Split> {
        let routing = match by {
            SplitBy::Tier => Routing::Tier {
                tiers: program.tiers.len(),
            },
            SplitBy::Segment => Routing::Segment,
        };
        let names = profiles::audience_names(program, by.into());
        let paths = names
            .iter()
            .map(|name| dir.join(format!("{name}.{extension}")));
        Split::create(terminal, routing, paths.collect())
    }

    /// The split of several profiles: `DIR/PROFILE/AUDIENCE.EXT` for each
    /// of `audiences` (profile name, audience name), in the order the
    /// scorer's routes index them.
    pub fn profiles(
        terminal: Terminal,
        audiences: &[(&str, String)],
        dir: &Path,
        extension: &str,
    ) -> miette::Result<Split> {
        let paths = (audiences.iter())
            .map(|(profile, name)| dir.join(profile).join(format!("{name}.{extension}")));
        Split::create(terminal, Routing::Listed, paths.collect())
    }

    /// Creates every file (and the directories they are in).
    fn create(terminal: Terminal, routing: Routing, paths: Vec<PathBuf>) -> miette::Result<Split> {
        let audiences = paths
            .into_iter()
            .map(|path| {
                if let Some(parent) = path.parent() {
                    std::fs::create_dir_all(parent).map_err(|error| {
                        super::file_error(parent, "create the directory", error)
                    })?;
                }
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
            routing,
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
            let segments = &routes.segments[route.segments.clone()];
            match self.routing {
                Routing::Tier { tiers } => {
                    let index = match (route.disqualified, route.tier) {
                        (true, _) => tiers,
                        (false, Some(tier)) => tier as usize,
                        (false, None) => tiers + 1,
                    };
                    self.write(index, line)?;
                }
                Routing::Segment if segments.is_empty() => {
                    self.write(self.audiences.len() - 1, line)?;
                }
                Routing::Segment | Routing::Listed => {
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

//! What subcommands share about printing: whether to colour, and the
//! summary line of a run.

use std::io::{IsTerminal, Write};

/// `--color`: when to colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    /// Colour when writing to a terminal and `NO_COLOR` is not set.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

/// An output stream.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stream {
    /// Standard output.
    Stdout,
    /// Standard error.
    Stderr,
}

impl ColorChoice {
    /// Whether to colour what goes to `stream`.
    pub fn enabled(self, stream: Stream) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                let terminal = match stream {
                    Stream::Stdout => std::io::stdout().is_terminal(),
                    Stream::Stderr => std::io::stderr().is_terminal(),
                };
                terminal && std::env::var_os("NO_COLOR").is_none_or(|value| value.is_empty())
            }
        }
    }
}

/// `1 error`, `2 warnings`, `0 files`: a count and its noun.
pub fn count(number: usize, noun: &str) -> String {
    let plural = if number == 1 { "" } else { "s" };
    format!("{number} {noun}{plural}")
}

/// Writes to standard output; a closed pipe (`icpc check ... | head`) is
/// not an error.
pub fn write_stdout(text: &str) -> miette::Result<()> {
    write_to(&mut std::io::stdout().lock(), text)
}

/// Writes to standard error, under the same rule.
pub fn write_stderr(text: &str) -> miette::Result<()> {
    write_to(&mut std::io::stderr().lock(), text)
}

fn write_to(stream: &mut impl Write, text: &str) -> miette::Result<()> {
    match stream
        .write_all(text.as_bytes())
        .and_then(|()| stream.flush())
    {
        Ok(()) => Ok(()),
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(error) => Err(miette::miette!("cannot write the output: {error}")),
    }
}

//! Includes: a rule file that reads another file's declarations
//! (`include "shared/schema.icp"`), for a schema, lets, lists or a negative
//! ICP shared by several profiles.
//!
//! The library does no IO: [`resolve`] asks a [`Loader`] the caller
//! supplies for each included file (the CLI reads paths relative to the
//! including file, or the same git revision). Every file is read once,
//! however many files include it; the files are joined into one
//! [`Source`] of several parts, each included file before the first file
//! that includes it, so one span space covers them all and every position
//! is counted in its own file. The joined source then compiles like one
//! file: a name defined in two of the files is the duplicate it would be in
//! one (E204), so a name means the same in every file that sees it.
//! [`by_file`] splits diagnostics back into one report per file for the
//! renderers.

use crate::ast;
use crate::diagnostic::{Code, Diagnostic};
use crate::source::{Source, Span};
use std::collections::HashSet;

/// Reads included files for [`resolve`].
pub trait Loader {
    /// The file that `path` (as written in an `include`) names, seen from
    /// the file named `from`.
    fn load(&mut self, from: &str, path: &str) -> Result<Loaded, LoadError>;

    /// The [`Loaded::key`] of the root file, named `name`, so that an
    /// include of the root is seen as the cycle it is.
    fn key(&mut self, name: &str) -> String {
        name.to_string()
    }
}

/// An included file as a [`Loader`] found it.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The name diagnostics show and later includes are relative to.
    pub name: String,
    /// What identifies the file: two includes of one key read it once
    /// (a canonical path, say).
    pub key: String,
    /// The file's bytes.
    pub bytes: Vec<u8>,
}

/// Why a [`Loader`] could not read an included file.
#[derive(Debug, Clone)]
pub enum LoadError {
    /// No such file; `nearby` are files that do exist where it was looked
    /// for (named as an `include` would write them), for did-you-mean.
    NotFound {
        /// Where it was looked for.
        looked_at: String,
        /// Names an `include` could use instead.
        nearby: Vec<String>,
    },
    /// The file exists but cannot be read.
    Unreadable(String),
}

/// A root file and everything it includes, joined.
#[derive(Debug, Clone)]
pub struct Resolved {
    /// One source of every file, the root last and named after it.
    pub source: Source,
    /// Includes that could not be followed (E850-E852), in the joined span
    /// space; a non-UTF-8 included file is its own E100.
    pub diagnostics: Vec<Diagnostic>,
}

/// Joins `root` with every file it includes, directly or not.
pub fn resolve(root: Source, loader: &mut dyn Loader) -> Resolved {
    let root_name = root.name.clone();
    let mut walk = Walk {
        loader,
        files: Vec::new(),
        done: HashSet::new(),
        chain: Vec::new(),
        problems: Vec::new(),
    };
    let key = walk.loader.key(&root_name);
    walk.visit(root, key);
    let files: Vec<Source> = walk.files;
    let problems = walk.problems;
    let joined = Source::join(root_name, files);
    let diagnostics = problems
        .into_iter()
        .map(|(file, mut diagnostic)| {
            let base = joined
                .parts()
                .into_iter()
                .find(|part| part.name == file)
                .map_or(0, |part| part.span.start);
            for label in &mut diagnostic.labels {
                label.span = Span {
                    start: label.span.start + base,
                    end: label.span.end + base,
                };
            }
            diagnostic
        })
        .collect();
    Resolved {
        source: joined,
        diagnostics,
    }
}

/// A file being read and its includes still to follow.
type OpenFile = (Source, std::vec::IntoIter<ast::Include>);

/// The depth-first walk of [`resolve`].
struct Walk<'a> {
    loader: &'a mut dyn Loader,
    /// Files in join order: each after everything it includes.
    files: Vec<Source>,
    /// Keys of files read (or being read).
    done: HashSet<String>,
    /// The files being read, outermost first: (key, name).
    chain: Vec<(String, String)>,
    /// Diagnostics, by the name of the file their spans are in.
    problems: Vec<(String, Diagnostic)>,
}

impl Walk<'_> {
    /// Reads `root` and, depth first, what it includes. The files being read
    /// are a stack of their own, not the call stack, so a chain of includes
    /// thousands of files deep cannot overflow it.
    fn visit(&mut self, root: Source, key: String) {
        let mut open = Vec::new();
        self.enter(root, key, &mut open);
        while let Some((file, pending)) = open.last_mut() {
            match pending.next() {
                Some(include) => {
                    if let Some((source, key)) = self.follow(file, &include) {
                        self.enter(source, key, &mut open);
                    }
                }
                None => {
                    self.chain.pop();
                    if let Some((file, _)) = open.pop() {
                        self.files.push(file);
                    }
                }
            }
        }
    }

    /// Starts reading `file`: it joins the chain, its includes still to follow.
    fn enter(&mut self, file: Source, key: String, open: &mut Vec<OpenFile>) {
        self.done.insert(key.clone());
        self.chain.push((key, file.name.clone()));
        let pending = includes(&file).into_iter();
        open.push((file, pending));
    }

    /// The file `include` names, if it is still to be read.
    fn follow(&mut self, from: &Source, include: &ast::Include) -> Option<(Source, String)> {
        let path = include.path.value.as_str();
        let loaded = match self.loader.load(&from.name, path) {
            Ok(loaded) => loaded,
            Err(error) => {
                let diagnostic = match error {
                    LoadError::NotFound { looked_at, nearby } => {
                        not_found(include, &looked_at, &nearby)
                    }
                    LoadError::Unreadable(why) => unreadable(include, &why),
                };
                self.problems.push((from.name.clone(), diagnostic));
                return None;
            }
        };
        if let Some(at) = self.chain.iter().position(|(key, _)| *key == loaded.key) {
            let mut names: Vec<&str> = self.chain[at..]
                .iter()
                .map(|(_, name)| name.as_str())
                .collect();
            names.push(&loaded.name);
            let diagnostic = cycle(include, &names);
            self.problems.push((from.name.clone(), diagnostic));
            return None;
        }
        if self.done.contains(&loaded.key) {
            return None;
        }
        let (source, not_utf8) = Source::decode(loaded.name.clone(), loaded.bytes);
        if let Some(diagnostic) = not_utf8 {
            self.problems.push((loaded.name.clone(), diagnostic));
        }
        Some((source, loaded.key))
    }
}

/// E853 for every `include` of a file compiled without [`resolve`]: its
/// declarations would silently be missing.
pub fn unfollowed(file: &ast::File) -> Vec<Diagnostic> {
    of_file(file)
        .iter()
        .map(|include| {
            Diagnostic::new(
                Code::IncludeWithoutLoader,
                format!(
                    "`{}` is included, but nothing reads included files here",
                    include.path.value
                ),
                include.span,
                "not followed",
            )
            .with_help(
                "compile through `icpc::include::resolve` with a loader (the `icpc` commands do)",
            )
        })
        .collect()
}

/// The `include` declarations of one file, in order.
fn includes(file: &Source) -> Vec<ast::Include> {
    of_file(&crate::syntax::parse_includes(file))
}

fn of_file(file: &ast::File) -> Vec<ast::Include> {
    file.includes().cloned().collect()
}

fn not_found(include: &ast::Include, looked_at: &str, nearby: &[String]) -> Diagnostic {
    let path = &include.path.value;
    let diagnostic = Diagnostic::new(
        Code::IncludeNotFound,
        format!("cannot find the included file `{path}`"),
        include.path.span,
        "no such file",
    )
    .with_note(format!("looked for `{looked_at}`"));
    match crate::suggest::did_you_mean(path, nearby.iter().map(String::as_str)) {
        Some(name) => diagnostic.with_help(format!("did you mean `{name}`?")),
        None => diagnostic.with_help(
            "the path is relative to the file that includes it, e.g. `shared/schema.icp`",
        ),
    }
}

fn unreadable(include: &ast::Include, why: &str) -> Diagnostic {
    Diagnostic::new(
        Code::IncludeUnreadable,
        format!("cannot read the included file `{}`", include.path.value),
        include.path.span,
        why.to_string(),
    )
    .with_help("include a readable rule file")
}

fn cycle(include: &ast::Include, names: &[&str]) -> Diagnostic {
    Diagnostic::new(
        Code::IncludeCycle,
        format!(
            "`{}` includes itself through other files",
            names.first().copied().unwrap_or_default()
        ),
        include.path.span,
        "this include closes the cycle",
    )
    .with_note(format!("the includes: {}", names.join(" -> ")))
    .with_help("move what the files share into a file that includes neither")
}

/// Diagnostics of a joined source as one report per file: each file as its
/// own source, the diagnostics whose primary label lies in it, their spans
/// counted in it. A label in another file becomes a note with its
/// `FILE:LINE:COL`. The root comes last, and always (so a clean file is
/// still reported); other files only with diagnostics.
pub fn by_file(source: &Source, diagnostics: &[Diagnostic]) -> Vec<(Source, Vec<Diagnostic>)> {
    let parts = source.parts();
    let last = parts.len().saturating_sub(1);
    let starts: Vec<u32> = parts.iter().map(|part| part.span.start).collect();
    parts
        .into_iter()
        .enumerate()
        .filter_map(|(index, part)| {
            // A span starting where the next file starts is that file's:
            // each diagnostic goes to exactly one report.
            let next = starts.get(index + 1).copied().unwrap_or(u32::MAX);
            let inside = |span: Span| part.span.start <= span.start && span.start < next;
            let mine: Vec<Diagnostic> = diagnostics
                .iter()
                .filter(|diagnostic| inside(diagnostic.primary_span()))
                .map(|diagnostic| {
                    let mut moved = diagnostic.clone();
                    moved.labels.clear();
                    for label in &diagnostic.labels {
                        if inside(label.span) {
                            let mut label = label.clone();
                            label.span.start -= part.span.start;
                            label.span.end = label.span.end.min(part.span.end) - part.span.start;
                            moved.labels.push(label);
                        } else {
                            let at = source.location(label.span.start);
                            moved.notes.push(if label.message.is_empty() {
                                format!("see {at}")
                            } else {
                                format!("{} at {at}", label.message)
                            });
                        }
                    }
                    moved
                })
                .collect();
            (index == last || !mine.is_empty()).then(|| {
                let text = &source.text[part.span.range()];
                (Source::new(part.name, text), mine)
            })
        })
        .collect()
}

#[cfg(test)]
mod tests;

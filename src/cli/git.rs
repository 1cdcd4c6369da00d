//! Rule files from git: `REV:PATH` arguments read with `git` itself (the
//! library never runs a process), and the commit a working-tree file was
//! read at, for the provenance of verdicts.
//!
//! `PATH` is relative to the current directory, like every other path on
//! the command line (git's `REV:./PATH`), so `main:rules.icp` means the
//! `rules.icp` beside you as it is on `main`. A revision or path that does
//! not exist is an error, never an empty file.

use miette::miette;
use std::path::Path;
use std::process::{Command, Output};

/// A rule file as it is at a revision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Revision {
    /// As written: `main`, `HEAD~1`, a commit id.
    pub rev: String,
    /// As written, relative to the current directory.
    pub path: String,
}

/// The commit a rule file was read at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Commit {
    /// The full commit id.
    pub sha: String,
    /// Whether the file differed from that commit (uncommitted changes).
    pub dirty: bool,
}

impl Revision {
    /// `REV:PATH` when `argument` is not an existing path and has both parts.
    pub fn parse(argument: &str) -> Option<Revision> {
        if Path::new(argument).exists() {
            return None;
        }
        let (rev, path) = argument.split_once(':')?;
        (!rev.is_empty() && !path.is_empty()).then(|| Revision {
            rev: rev.to_string(),
            path: path.to_string(),
        })
    }

    /// `REV:PATH`, as the user wrote it.
    pub fn name(&self) -> String {
        format!("{}:{}", self.rev, self.path)
    }

    /// The full id of the commit `rev` names.
    pub fn commit(&self) -> miette::Result<String> {
        let spec = format!("{}^{{commit}}", self.rev);
        let output = git(
            None,
            &[
                "rev-parse",
                "--verify",
                "--quiet",
                "--end-of-options",
                &spec,
            ],
        )?;
        if output.status.success() {
            return Ok(String::from_utf8_lossy(&output.stdout).trim().to_string());
        }
        not_a_repository(&output, &self.name())?;
        Err(miette!(
            help = format!(
                "name a branch, a tag or a commit, e.g. `main:{0}` or `HEAD~1:{0}`",
                self.path
            ),
            "there is no revision `{}` (in `{}`)",
            self.rev,
            self.name()
        ))
    }

    /// The file's bytes at the revision.
    pub fn read(&self) -> miette::Result<Vec<u8>> {
        let commit = self.commit()?;
        let object = format!("{commit}:{}", git_path(&self.path)?);
        let output = git(None, &["cat-file", "blob", &object])?;
        if output.status.success() {
            return Ok(output.stdout);
        }
        Err(miette!(
            help = format!(
                "the path is relative to the current directory; `git ls-tree -r --name-only {}` lists the files",
                self.rev
            ),
            "`{}` does not exist at revision `{}` (in `{}`)",
            self.path,
            self.rev,
            self.name()
        ))
    }
}

/// The commit working-tree rule files were read at (the root file first,
/// then what it includes), and whether any of them differs from it: changed,
/// or not committed at all. `None` outside a git work tree or before the
/// first commit.
pub fn work_tree_commit(files: &[&Path]) -> Option<Commit> {
    let path = files.first()?;
    let directory = path
        .parent()
        .filter(|parent| !parent.as_os_str().is_empty());
    let directory = directory.unwrap_or(Path::new("."));
    // Git runs beside the root file; absolute paths name every file from there.
    let names: Vec<String> = (files.iter())
        .map(|file| {
            std::fs::canonicalize(file).map_or_else(
                |_| file.display().to_string(),
                |at| at.display().to_string(),
            )
        })
        .collect();
    let head = git(
        Some(directory),
        &["rev-parse", "--verify", "--quiet", "HEAD"],
    )
    .ok()?;
    if !head.status.success() {
        return None;
    }
    let mut args = vec!["status", "--porcelain", "--"];
    args.extend(names.iter().map(String::as_str));
    let status = git(Some(directory), &args).ok()?;
    Some(Commit {
        sha: String::from_utf8_lossy(&head.stdout).trim().to_string(),
        dirty: !status.status.success() || !status.stdout.is_empty(),
    })
}

/// The blob git object `name` names (`HEAD:shared/a.icp`, `:shared/a.icp`
/// for the index, `4b825dc...` by id), read in the work tree at `top`.
pub fn object(top: &Path, name: &str) -> miette::Result<Vec<u8>> {
    let output = git(Some(top), &["cat-file", "blob", name])?;
    if output.status.success() {
        return Ok(output.stdout);
    }
    Err(miette!("git has no blob `{name}`"))
}

/// The id of the blob git object `name` names, if there is one.
pub fn blob_id(top: &Path, name: &str) -> Option<String> {
    let output = git(Some(top), &["rev-parse", "--verify", "--quiet", name]).ok()?;
    (output.status.success()).then(|| String::from_utf8_lossy(&output.stdout).trim().to_string())
}

/// The top of the git work tree around the current directory.
pub fn top() -> Option<std::path::PathBuf> {
    let output = git(None, &["rev-parse", "--show-toplevel"]).ok()?;
    (output.status.success()).then(|| String::from_utf8_lossy(&output.stdout).trim().into())
}

/// The path as git's `REV:PATH` takes it: `./PATH` for a relative path
/// (git's "relative to the current directory"), an absolute path made
/// relative to the work tree's top.
fn git_path(path: &str) -> miette::Result<String> {
    if path.starts_with("./") || path.starts_with("../") {
        return Ok(path.to_string());
    }
    if !path.starts_with('/') {
        return Ok(format!("./{path}"));
    }
    let top = git(None, &["rev-parse", "--show-toplevel"])?;
    let top = String::from_utf8_lossy(&top.stdout).trim().to_string();
    Ok(Path::new(path)
        .strip_prefix(&top)
        .map_or_else(|_| path.to_string(), |inside| inside.display().to_string()))
}

fn git(directory: Option<&Path>, args: &[&str]) -> miette::Result<Output> {
    let mut command = Command::new("git");
    if let Some(directory) = directory {
        command.arg("-C").arg(directory);
    }
    command.args(args).output().map_err(|error| {
        miette!(
            help = "install git, or give the rule file as a path",
            "cannot run `git` to read a rule file from a revision: {error}"
        )
    })
}

fn not_a_repository(output: &Output, name: &str) -> miette::Result<()> {
    let stderr = String::from_utf8_lossy(&output.stderr);
    if stderr.contains("not a git repository") {
        return Err(miette!(
            help = "run icpc inside a git work tree, or give the rule file as a path",
            "cannot read `{name}`: not in a git repository"
        ));
    }
    Ok(())
}

//! The files an `include` names, read for the library (which does no IO):
//! a path relative to the directory of the including file, read from disk,
//! or, for a rule file read at a git revision (`REV:PATH`), from the same
//! revision, so `icpc diff main:a.icp a.icp` compares what each version
//! included.

use super::git::Revision;
use icpc::include::{LoadError, Loaded, Loader};
use std::path::{Component, Path, PathBuf};

/// Reads included files from disk or, under a `REV:PATH` name, from git;
/// standard input includes from the current directory.
#[derive(Debug, Default)]
pub struct Files;

impl Loader for Files {
    fn load(&mut self, from: &str, path: &str) -> Result<Loaded, LoadError> {
        match Revision::parse(from) {
            Some(revision) => at_revision(&revision, path),
            None => on_disk(from, path),
        }
    }

    fn key(&mut self, name: &str) -> String {
        std::fs::canonicalize(name)
            .map_or_else(|_| name.to_string(), |path| path.display().to_string())
    }
}

/// `path` as written, seen from the directory of the file named `from`.
fn beside(from: &str, path: &str) -> PathBuf {
    let directory = if from == super::STDIN_NAME {
        Path::new("")
    } else {
        Path::new(from).parent().unwrap_or(Path::new(""))
    };
    clean(&directory.join(path))
}

/// A path without `.` and with `dir/..` taken away, as people write it.
fn clean(path: &Path) -> PathBuf {
    let mut cleaned = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir
                if cleaned
                    .components()
                    .next_back()
                    .is_some_and(|last| matches!(last, Component::Normal(_))) =>
            {
                cleaned.pop();
            }
            other @ (Component::Prefix(_)
            | Component::RootDir
            | Component::ParentDir
            | Component::Normal(_)) => cleaned.push(other),
        }
    }
    cleaned
}

fn on_disk(from: &str, path: &str) -> Result<Loaded, LoadError> {
    let file = beside(from, path);
    match std::fs::read(&file) {
        Ok(bytes) => Ok(Loaded {
            name: file.display().to_string(),
            key: std::fs::canonicalize(&file)
                .unwrap_or_else(|_| file.clone())
                .display()
                .to_string(),
            bytes,
        }),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Err(LoadError::NotFound {
            looked_at: file.display().to_string(),
            nearby: nearby(&file, path),
        }),
        Err(error) => Err(LoadError::Unreadable(error.to_string())),
    }
}

/// The `.icp` files beside where `file` was looked for, each written as
/// the `include` would write it (`path`'s directory part kept).
fn nearby(file: &Path, path: &str) -> Vec<String> {
    let directory = file.parent().filter(|dir| !dir.as_os_str().is_empty());
    let written = Path::new(path).parent().unwrap_or(Path::new(""));
    let Ok(entries) = std::fs::read_dir(directory.unwrap_or(Path::new("."))) else {
        return Vec::new();
    };
    let mut names: Vec<String> = entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|found| found.extension().is_some_and(|ext| ext == "icp"))
        .filter_map(|found| {
            let name = found.file_name()?;
            Some(written.join(name).display().to_string())
        })
        .collect();
    names.sort();
    names
}

fn at_revision(revision: &Revision, path: &str) -> Result<Loaded, LoadError> {
    let included = Revision {
        rev: revision.rev.clone(),
        path: beside(&revision.path, path).display().to_string(),
    };
    let name = included.name();
    match included.read() {
        Ok(bytes) => Ok(Loaded {
            key: name.clone(),
            name,
            bytes,
        }),
        Err(_) => Err(LoadError::NotFound {
            looked_at: name,
            nearby: Vec::new(),
        }),
    }
}

/// Where git's external diff driver reads a version's includes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// The work tree: git handed over the work-tree file itself.
    WorkTree,
    /// A git object name prefix: `HEAD:` or `:` (the index), the version
    /// whose blob id git handed over.
    Object(String),
    /// Git does not tell a diff driver which commit a blob came from (`git
    /// diff A B`, `git log -p`): the work tree, with a warning.
    Unknown,
}

/// Includes of a version that git's external diff driver was handed:
/// relative to `path` (the file's path from the top of the work tree),
/// read from `origin`, named by their path from the top.
#[derive(Debug)]
pub struct Driver {
    /// The name the version goes by (`a/rules.icp`).
    pub name: String,
    /// The file's path from the top of the work tree.
    pub path: String,
    /// Where its includes are read.
    pub origin: Origin,
    /// The top of the work tree.
    pub top: PathBuf,
}

impl Loader for Driver {
    fn load(&mut self, from: &str, path: &str) -> Result<Loaded, LoadError> {
        let from = if from == self.name { &self.path } else { from };
        let file = beside(from, path).display().to_string();
        let bytes = match &self.origin {
            Origin::Object(prefix) => super::git::object(&self.top, &format!("{prefix}{file}"))
                .map_err(|_| LoadError::NotFound {
                    looked_at: format!("{prefix}{file}"),
                    nearby: Vec::new(),
                })?,
            Origin::WorkTree | Origin::Unknown => match std::fs::read(self.top.join(&file)) {
                Ok(bytes) => bytes,
                Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                    return Err(LoadError::NotFound {
                        nearby: nearby(&self.top.join(&file), path),
                        looked_at: file,
                    });
                }
                Err(error) => return Err(LoadError::Unreadable(error.to_string())),
            },
        };
        Ok(Loaded {
            key: file.clone(),
            name: file,
            bytes,
        })
    }

    fn key(&mut self, _name: &str) -> String {
        self.path.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn includes_are_relative_to_the_including_file() {
        assert_eq!(
            beside("examples/acme-sales.icp", "shared/acme.icp"),
            Path::new("examples/shared/acme.icp")
        );
        assert_eq!(
            beside("examples/shared/a.icp", "../b.icp"),
            Path::new("examples/b.icp")
        );
        assert_eq!(beside("<stdin>", "./b.icp"), Path::new("b.icp"));
    }
}

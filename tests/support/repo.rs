//! Throwaway git repositories for the tests of `REV:PATH`, provenance and
//! the CI recipes: a fresh directory under Cargo's test scratch space,
//! commits with a fixed author and date, so commit ids are the same on
//! every run and snapshots can show them.

use std::path::{Path, PathBuf};
use std::process::Command;

/// A git work tree made for one test.
pub struct Repo {
    /// Its top directory.
    pub root: PathBuf,
}

impl Repo {
    /// An empty repository named `name` (any earlier one is removed).
    pub fn new(name: &str) -> Repo {
        let root = Path::new(env!("CARGO_TARGET_TMPDIR"))
            .join("repos")
            .join(name);
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(&root).expect("the scratch directory is writable");
        let repo = Repo { root };
        repo.git(&["init", "--quiet", "--initial-branch=main"]);
        repo
    }

    /// Writes a file (its directories created).
    pub fn write(&self, path: &str, text: &str) {
        let path = self.root.join(path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("directories can be made");
        }
        std::fs::write(path, text).expect("the file can be written");
    }

    /// Writes the files and commits everything.
    pub fn commit(&self, files: &[(&str, &str)], message: &str) {
        for (path, text) in files {
            self.write(path, text);
        }
        self.git(&["add", "--all"]);
        self.git(&["commit", "--quiet", "--message", message]);
    }

    /// Runs git there; panics when it fails.
    pub fn git(&self, args: &[&str]) -> String {
        let output = fixed(Command::new("git").args(args).current_dir(&self.root))
            .output()
            .expect("git runs");
        assert!(
            output.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8_lossy(&output.stdout).trim().to_string()
    }

    /// `icpc ARGS` run in the repository.
    pub fn icpc(&self, args: &[&str]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_icpc"));
        command
            .args(args)
            .current_dir(&self.root)
            .env_remove("NO_COLOR");
        fixed(&mut command);
        command
    }
}

/// The environment that makes commits reproducible and keeps the user's
/// git configuration out.
pub fn fixed(command: &mut Command) -> &mut Command {
    command
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_AUTHOR_NAME", "Rev Ops")
        .env("GIT_AUTHOR_EMAIL", "revops@example.com")
        .env("GIT_COMMITTER_NAME", "Rev Ops")
        .env("GIT_COMMITTER_EMAIL", "revops@example.com")
        .env("GIT_AUTHOR_DATE", "2025-06-30T12:00:00Z")
        .env("GIT_COMMITTER_DATE", "2025-06-30T12:00:00Z")
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
}

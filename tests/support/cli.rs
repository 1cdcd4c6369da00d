//! The `icpc` binary as the end-to-end tests run it.

use std::path::{Path, PathBuf};
use std::process::Command;

/// `tests/fixtures/NAME` of this checkout.
pub fn fixtures(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// `icpc ARGS` run in `dir`, so names in its output are short and stable.
/// Output is never a terminal here, so it is never coloured; and verdicts
/// name the commit of the work tree a rule file was read in, which for
/// this checkout is no part of the fixtures, so git is pointed nowhere.
pub fn icpc_in(dir: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_icpc"));
    command
        .args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .env("GIT_DIR", "/nonexistent/icpc-tests");
    command
}

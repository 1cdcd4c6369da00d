//! `icpc init` end to end. Each case is a folder under
//! `tests/fixtures/init/`: `args` (the arguments after `icpc init`, one per line), optionally
//! `stdin` (the answers typed at the prompts) and any files the command
//! should find. The command runs in a copy of the folder; the snapshot
//! holds its exit code, stdout, stderr and the `rules.icp` it leaves, and
//! every rule file it writes must pass `icpc check` without a warning.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn case_dirs() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/init");
    let mut dirs: Vec<PathBuf> = fs::read_dir(root)
        .expect("fixtures")
        .map(|entry| entry.expect("entry").path())
        .filter(|path| path.is_dir())
        .collect();
    dirs.sort();
    dirs
}

/// A fresh copy of the case folder to run in.
fn scratch_copy(case: &Path, name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("icpc-init-{}-{name}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).expect("scratch dir");
    for entry in fs::read_dir(case).expect("case") {
        let path = entry.expect("entry").path();
        let file = path.file_name().expect("name");
        if file != "args" && file != "stdin" {
            fs::copy(&path, dir.join(file)).expect("copy");
        }
    }
    dir
}

fn assert_checks_clean(rules: &str, case: &str) {
    let compiled = icpc::RuleSet::compile("rules.icp", rules)
        .unwrap_or_else(|errors| panic!("{case}: the written file does not compile: {errors:?}"));
    assert!(
        compiled.warnings().is_empty(),
        "{case}: the written file has warnings: {:?}",
        compiled.warnings()
    );
}

#[test]
fn init_cases() {
    let mut failures = Vec::new();
    for case in case_dirs() {
        let name = case
            .file_name()
            .expect("name")
            .to_string_lossy()
            .into_owned();
        let args = fs::read_to_string(case.join("args")).expect("args");
        let stdin = fs::read(case.join("stdin")).unwrap_or_default();
        let dir = scratch_copy(&case, &name);
        let mut child = Command::new(env!("CARGO_BIN_EXE_icpc"))
            .arg("init")
            .args(args.lines())
            .current_dir(&dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("icpc runs");
        {
            use std::io::Write as _;
            let mut input = child.stdin.take().expect("stdin");
            input.write_all(&stdin).expect("write stdin");
        }
        let output = child.wait_with_output().expect("icpc ends");
        let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
        let written = fs::read_to_string(dir.join("rules.icp")).ok();
        let mut snapshot = String::new();
        let _ = writeln!(snapshot, "exit: {:?}", output.status.code());
        let _ = writeln!(snapshot, "--- stdout\n{stdout}");
        let _ = writeln!(
            snapshot,
            "--- stderr\n{}",
            String::from_utf8_lossy(&output.stderr)
        );
        if let Some(written) = &written {
            let _ = writeln!(snapshot, "--- rules.icp\n{written}");
        }
        if output.status.success() {
            let rules = if args.lines().any(|arg| arg == "-") {
                &stdout
            } else {
                written.as_ref().expect("a file")
            };
            assert_checks_clean(rules, &name);
        }
        let _ = fs::remove_dir_all(&dir);
        let result = std::panic::catch_unwind(|| {
            insta::with_settings!({ snapshot_suffix => name.clone(), prepend_module_to_snapshot => false }, {
                insta::assert_snapshot!("init", snapshot);
            });
        });
        if result.is_err() {
            failures.push(name);
        }
    }
    assert!(failures.is_empty(), "snapshots differ: {failures:?}");
}

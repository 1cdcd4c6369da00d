//! Rule files read from disk with their includes followed, as the CLI
//! reads them (paths relative to the including file).

use icpc::include::{self, LoadError, Loaded, Loader};
use icpc::source::Source;
use std::path::Path;

/// Includes read from disk, relative to the including file.
pub struct Disk;

impl Loader for Disk {
    fn load(&mut self, from: &str, path: &str) -> Result<Loaded, LoadError> {
        let file = Path::new(from).parent().unwrap_or(Path::new("")).join(path);
        match std::fs::read(&file) {
            Ok(bytes) => Ok(Loaded {
                name: file.display().to_string(),
                key: file.display().to_string(),
                bytes,
            }),
            Err(_) => Err(LoadError::NotFound {
                looked_at: file.display().to_string(),
                nearby: Vec::new(),
            }),
        }
    }
}

/// A rule file under its path, joined with what it includes.
pub fn read(path: &Path) -> Source {
    let text = std::fs::read_to_string(path).expect("rule file is readable UTF-8");
    let resolved = include::resolve(Source::new(path.display().to_string(), text), &mut Disk);
    assert!(
        resolved.diagnostics.is_empty(),
        "{}: {:?}",
        path.display(),
        resolved.diagnostics
    );
    resolved.source
}

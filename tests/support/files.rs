//! Rule files read from disk with their includes followed, as the CLI
//! reads them (paths relative to the including file).

use icpc::include::{self, LoadError, Loaded, Loader};
use icpc::source::Source;
use std::path::Path;

/// Includes read from disk, relative to the including file, whose name is
/// relative to `dir`.
pub struct Disk<'a> {
    /// Where names start.
    pub dir: &'a Path,
}

impl Loader for Disk<'_> {
    fn load(&mut self, from: &str, path: &str) -> Result<Loaded, LoadError> {
        let file = Path::new(from).parent().unwrap_or(Path::new("")).join(path);
        match std::fs::read(self.dir.join(&file)) {
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
    within(Path::new(""), &path.display().to_string(), text)
}

/// Rule text named `name` (relative to `dir`), joined with what it includes.
pub fn within(dir: &Path, name: &str, text: String) -> Source {
    let resolved = include::resolve(Source::new(name, text), &mut Disk { dir });
    assert!(
        resolved.diagnostics.is_empty(),
        "{name}: {:?}",
        resolved.diagnostics
    );
    resolved.source
}

/// A rule set from rule text that sits (or would sit) at `path`.
pub fn compile_at(path: &Path, text: String) -> icpc::RuleSet {
    let source = within(Path::new(""), &path.display().to_string(), text);
    icpc::RuleSet::from_source(source, &icpc::plan::Options::default())
        .unwrap_or_else(|errors| panic!("{}: {errors:?}", path.display()))
}

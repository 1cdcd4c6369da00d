//! What every subcommand that runs rules shares: reading a rule file,
//! compiling it into an `icpc::RuleSet` (its diagnostics rendered on
//! stderr, as `icpc check` would show them) with the passes the user asked for.

use super::Global;
use super::output::{self, Stream};
use icpc::RuleSet;
use icpc::diagnostic::Diagnostic;
use icpc::include;
use icpc::render::{self, Format, Report};
use icpc::source::Source;
use miette::miette;

/// Reads and compiles a rule file: a path, `-`, or `REV:PATH` (read from
/// git). Problems are rendered on stderr; a file with errors is an `Err`
/// (the run cannot go on).
pub fn load(
    argument: &str,
    options: &icpc::plan::Options,
    global: &Global,
) -> miette::Result<RuleSet> {
    load_input(&super::Input::parse(argument), options, global)
}

/// [`load`] for an input already parsed.
pub fn load_input(
    input: &super::Input,
    options: &icpc::plan::Options,
    global: &Global,
) -> miette::Result<RuleSet> {
    fail_unless_compiled(&input.name(), compile(input, options, global)?)
}

/// [`load`] showing errors only (`icpc diff` is about changes, not lints).
pub fn load_quietly(argument: &str, global: &Global) -> miette::Result<RuleSet> {
    let input = super::Input::parse(argument);
    load_bytes(&input.name(), input.read()?, global)
}

/// Rule text already read, under the name diagnostics show; errors only.
pub fn load_bytes(name: &str, bytes: Vec<u8>, global: &Global) -> miette::Result<RuleSet> {
    load_bytes_with(name, bytes, &mut super::loader::Files, global)
}

/// [`load_bytes`] with includes read by `loader`.
pub fn load_bytes_with(
    name: &str,
    bytes: Vec<u8>,
    loader: &mut dyn icpc::include::Loader,
    global: &Global,
) -> miette::Result<RuleSet> {
    let options = icpc::plan::Options::default();
    let result = compile_text(name, bytes, loader, &options, global, false)?;
    fail_unless_compiled(name, result)
}

fn fail_unless_compiled(name: &str, result: Result<RuleSet, usize>) -> miette::Result<RuleSet> {
    result.map_err(|_| {
        miette!(
            help = "fix the errors above; `icpc check` lists them in other formats",
            "`{name}` does not compile"
        )
    })
}

/// Reads and compiles a rule file, its problems rendered on stderr; a file
/// that does not compile is `Ok(Err(number of errors))`, one that cannot
/// be read an `Err`.
pub fn compile(
    input: &super::Input,
    options: &icpc::plan::Options,
    global: &Global,
) -> miette::Result<Result<RuleSet, usize>> {
    let loader = &mut super::loader::Files;
    compile_text(&input.name(), input.read()?, loader, options, global, true)
}

fn compile_text(
    name: &str,
    bytes: Vec<u8>,
    loader: &mut dyn icpc::include::Loader,
    options: &icpc::plan::Options,
    global: &Global,
    warnings: bool,
) -> miette::Result<Result<RuleSet, usize>> {
    let (source, problems) = read_source_with(name, bytes, loader);
    let result = if problems.is_empty() {
        RuleSet::from_source(source.clone(), options)
    } else {
        Err(problems)
    };
    let diagnostics = match &result {
        Ok(rules) if warnings => rules.warnings().to_vec(),
        Ok(_) => Vec::new(),
        Err(diagnostics) => diagnostics.clone(),
    };
    if !diagnostics.is_empty() {
        let color = global.color.enabled(Stream::Stderr);
        output::write_stderr(&render_by_file(
            Format::Human,
            &[(source, diagnostics)],
            color,
        ))?;
    }
    Ok(result.map_err(|diagnostics| {
        (diagnostics.iter())
            .filter(|diagnostic| diagnostic.severity() == icpc::diagnostic::Severity::Error)
            .count()
    }))
}

/// A rule file's bytes with everything it includes (read by
/// [`super::loader::Files`]), as one source, and the problems that stop it
/// compiling before the checker runs: not UTF-8 (E100), includes that
/// cannot be followed (E85x).
pub fn read_source(name: &str, bytes: Vec<u8>) -> (Source, Vec<Diagnostic>) {
    read_source_with(name, bytes, &mut super::loader::Files)
}

/// [`read_source`] with includes read by `loader`.
fn read_source_with(
    name: &str,
    bytes: Vec<u8>,
    loader: &mut dyn include::Loader,
) -> (Source, Vec<Diagnostic>) {
    let (source, not_utf8) = Source::decode(name.to_string(), bytes);
    if let Some(diagnostic) = not_utf8 {
        return (source, vec![diagnostic]);
    }
    let resolved = include::resolve(source, loader);
    (resolved.source, resolved.diagnostics)
}

/// Renders the diagnostics of joined sources, each file of each source as
/// its own report, so positions and names are those of the file they lie in.
pub fn render_by_file(
    format: Format,
    checked: &[(Source, Vec<Diagnostic>)],
    color: bool,
) -> String {
    let files: Vec<(Source, Vec<Diagnostic>)> = checked
        .iter()
        .flat_map(|(source, diagnostics)| include::by_file(source, diagnostics))
        .collect();
    let reports: Vec<Report> = files
        .iter()
        .map(|(source, diagnostics)| Report {
            source,
            diagnostics,
        })
        .collect();
    render::render(format, &reports, color)
}

/// Plan options with the named passes switched off.
pub fn plan_options(no_pass: &[String]) -> miette::Result<icpc::plan::Options> {
    let mut options = icpc::plan::Options::default();
    for name in no_pass {
        if !options.set(name, false) {
            let names: Vec<&str> = icpc::plan::PASSES.iter().map(|pass| pass.name).collect();
            return Err(miette!(
                help = format!("the passes are: {}", names.join(", ")),
                "there is no pass `{name}`"
            ));
        }
    }
    Ok(options)
}

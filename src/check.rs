//! Checking: the untyped AST to the typed, resolved `ir::Program`.
//!
//! `check` collects the declarations (`scope`), analyses the lets
//! (`lets`), takes field types from the schema or infers them from use
//! (`infer`), lowers rules and tiers (`lower`), then runs the lints
//! (`lints`) and applies `allow` comments (`suppress`); the examples are
//! checked against the program (`examples`). Every problem in
//! the file is reported, in source order; all wording lives in `errors`.
//! A file with errors gets only its errors: lints wait until it compiles.
//! A file may arrive with declarations that did not parse; the names they
//! still show count as declared (`scope`), so nothing cascades from them.
//! The program is returned only when there is no error.

mod caps;
mod errors;
mod examples;
mod infer;
mod lets;
mod lints;
mod lower;
pub mod presets;
mod regex;
mod scope;
mod suppress;
mod types;
mod walk;

use crate::ast;
use crate::diagnostic::{self, Diagnostic, Severity};
use crate::ir;
use crate::source::Source;
use std::collections::HashSet;

/// A program that checked, with the warnings found on the way.
#[derive(Debug, Clone)]
pub struct Checked {
    /// The typed program.
    pub program: ir::Program,
    /// Lint warnings, in source order.
    pub warnings: Vec<Diagnostic>,
    /// The file's examples, for `icpc test`; the program does not hold them.
    pub suite: ir::Suite,
    /// The score space the W3xx lints were judged from, when they ran
    /// ([`check_scores`]): `icpc check --scores` prints it rather than
    /// searching again.
    pub space: Option<crate::scores::Space>,
}

/// Checks a parsed file; on failure, every error and warning, in source order.
pub fn check(file: &ast::File, source: &Source) -> Result<Checked, Vec<Diagnostic>> {
    check_with(file, source, false)
}

/// [`check`] and, on a program without errors, the score-space lints
/// W301-W306 (`scores`), which plan the program and search its value
/// classes: what `icpc check` runs, and nothing that only scores leads.
pub fn check_scores(file: &ast::File, source: &Source) -> Result<Checked, Vec<Diagnostic>> {
    check_with(file, source, true)
}

fn check_with(file: &ast::File, source: &Source, scores: bool) -> Result<Checked, Vec<Diagnostic>> {
    let mut diagnostics = Vec::new();
    let scope = scope::Scope::collect(file, &mut diagnostics);
    let lets = lets::analyse(&scope, &mut diagnostics);
    list_literals(&scope, &mut diagnostics);
    let inferred = if scope.has_schema {
        infer::Inferred {
            fields: scope.fields.clone(),
            conflicts: HashSet::new(),
        }
    } else {
        infer::infer(file, &scope, &mut diagnostics)
    };
    let mut lowerer =
        lower::Lowerer::new(&scope, &lets, &inferred.fields, &inferred.conflicts, source);
    let rules = lowerer.rules(file);
    let tiers = lowerer.tiers(file);
    let segments = lowerer.segments(file);
    let (lets, pred_count) = lowerer.take_lets();
    lowerer.unused_lets();
    lowerer.patterns();
    diagnostics.append(&mut lowerer.diagnostics);
    let caps = caps::lower(file, &scope.scores, &rules, &mut diagnostics);
    let program = ir::Program {
        has_schema: scope.has_schema,
        fields: inferred
            .fields
            .entries
            .iter()
            .map(|entry| ir::Field {
                name: entry.name.clone(),
                ty: entry.ty.unwrap_or(ir::Type::Any),
                fixed: entry.fixed,
                span: entry.span,
                columns: entry.columns.clone(),
                format: entry.format.clone(),
            })
            .collect(),
        scores: scope
            .scores
            .iter()
            .map(|score| ir::Score {
                name: score.name.name.clone(),
                span: score.span,
            })
            .collect(),
        rules,
        tiers,
        segments,
        lets,
        pred_count,
        caps,
    };
    let suite = examples::lower(file, &program, source, &mut diagnostics);
    lints::run(file, source, &scope, &program, &mut diagnostics);
    let clean = !(diagnostics.iter()).any(|diagnostic| diagnostic.severity() == Severity::Error);
    let mut space = None;
    if scores && clean {
        let plan = crate::plan::plan(&program, &crate::plan::Options::default());
        // Any day will do: every date is free, so only where the date
        // classes split moves with it.
        let context = crate::verdict::Context { as_of: 20_000 };
        let found = crate::scores::Space::analyse(&program, &plan, &context);
        diagnostics.extend(crate::scores::lints(&program, &found));
        space = Some(found);
    }
    without_cascades(&scope, source, &mut diagnostics);
    let diagnostics = finish(source, suppress::apply(file, source, diagnostics));
    if diagnostics
        .iter()
        .any(|diagnostic| diagnostic.severity() == Severity::Error)
    {
        // Lints judge a program that compiles; next to errors they are
        // noise (a misspelt score also leaves the real one "unused"), and
        // the first diagnostic of a broken file should be its first error.
        return Err(diagnostics
            .into_iter()
            .filter(|diagnostic| diagnostic.severity() == Severity::Error)
            .collect());
    }
    Ok(Checked {
        program,
        warnings: diagnostics,
        suite,
        space,
    })
}

/// Checks the numbers and dates of list lets, even of lists nothing uses.
fn list_literals(scope: &scope::Scope, diagnostics: &mut Vec<Diagnostic>) {
    for let_ in &scope.lets {
        let ast::LetValue::List(list) = &let_.value else {
            continue;
        };
        for value in &list.items {
            let problem = match &value.kind {
                ast::ValueKind::Number(number) => types::number(number).err(),
                ast::ValueKind::Date(date) => types::date(date, value.span).err(),
                ast::ValueKind::Text(_) | ast::ValueKind::Bool(_) => None,
            };
            diagnostics.extend(problem);
        }
    }
}

/// Drops "unknown score" and "unknown name" errors about names whose own
/// declaration did not parse: the parser reported that line already.
fn without_cascades(scope: &scope::Scope, source: &Source, diagnostics: &mut Vec<Diagnostic>) {
    diagnostics.retain(|diagnostic| {
        let name = source.slice(diagnostic.primary_span());
        let broken = if diagnostic.code == diagnostic::Code::UnknownScore {
            &scope.broken_scores
        } else if diagnostic.code == diagnostic::Code::UnknownName {
            &scope.broken_lets
        } else {
            return true;
        };
        !broken.contains(name)
    });
}

/// Trims trailing white space off label spans, sorts into source order and
/// drops repeats (a let's problem reported at each of its uses).
fn finish(source: &Source, mut diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    for label in diagnostics
        .iter_mut()
        .flat_map(|diagnostic| diagnostic.labels.iter_mut())
    {
        let trimmed = source.slice(label.span).trim_end();
        if !trimmed.is_empty() {
            label.span.end = label.span.start + trimmed.len() as u32;
        }
    }
    let mut seen = HashSet::new();
    diagnostics.retain(|diagnostic| {
        seen.insert((
            diagnostic.code,
            diagnostic.primary_span(),
            diagnostic.message.clone(),
        ))
    });
    diagnostic::sort(&mut diagnostics);
    diagnostics
}

#[cfg(test)]
mod tests;

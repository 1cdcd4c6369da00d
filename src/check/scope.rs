//! The names a file declares: schema fields, scores, lets, rules and tiers.
//!
//! Collected in one pass over the declarations, before any condition is
//! read. The first declaration of a name wins; later ones are reported
//! (E204), as are extra schema blocks (E214, whose fields still count, so
//! that one mistake does not cascade), unknown types (E215), unknown
//! presets (E414) and value formats that do not fit their type (E413).
//! Declarations that did not parse (`ast::File::broken`) count as declared
//! but broken: a broken schema's fields are known with no type, and the
//! names of broken scores and lets are kept so that their uses are not
//! reported as unknown.

use super::errors;
use super::presets;
use super::types;
use crate::ast;
use crate::diagnostic::Diagnostic;
use crate::ir;
use crate::semantics::value_format::ValueFormat;
use crate::source::Span;
use std::collections::{HashMap, HashSet};

/// A field the program knows, declared or inferred.
#[derive(Debug, Clone)]
pub struct FieldEntry {
    /// Its name, dots included.
    pub name: String,
    /// Its type; `None` when the declared type is unknown (already reported).
    pub ty: Option<ir::Type>,
    /// Its declaration, or its first use without a schema.
    pub span: Span,
    /// Whether a schema declared it.
    pub declared: bool,
    /// Where it is read from (`from`, or the preset's headers).
    pub columns: Vec<String>,
    /// Its declared `format`.
    pub format: Option<ValueFormat>,
    /// Marked `fixed` in the schema.
    pub fixed: bool,
}

/// Fields by name, in program order.
#[derive(Debug, Clone, Default)]
pub struct Fields {
    /// In order: declaration order, or first use without a schema.
    pub entries: Vec<FieldEntry>,
    index: HashMap<String, usize>,
}

impl Fields {
    /// Adds a field unless one of that name exists; returns its index.
    pub fn insert(&mut self, entry: FieldEntry) -> usize {
        if let Some(&index) = self.index.get(&entry.name) {
            return index;
        }
        let index = self.entries.len();
        self.index.insert(entry.name.clone(), index);
        self.entries.push(entry);
        index
    }

    /// The index of a field by name.
    pub fn get(&self, name: &str) -> Option<usize> {
        self.index.get(name).copied()
    }

    /// Field names in order, for suggestions.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.entries.iter().map(|entry| entry.name.as_str())
    }
}

/// Every declared name of a file.
pub struct Scope<'a> {
    /// Whether the file has a schema block.
    pub has_schema: bool,
    /// The schema's fields (empty without a schema).
    pub fields: Fields,
    /// Score declarations, first of each name only.
    pub scores: Vec<&'a ast::Score>,
    score_index: HashMap<&'a str, usize>,
    /// Let declarations, first of each name only.
    pub lets: Vec<&'a ast::Let>,
    let_index: HashMap<&'a str, usize>,
    /// Names of scores whose declaration did not parse.
    pub broken_scores: HashSet<&'a str>,
    /// Names of lets whose declaration did not parse.
    pub broken_lets: HashSet<&'a str>,
}

impl<'a> Scope<'a> {
    /// Collects the declarations of `file`, reporting duplicates.
    pub fn collect(file: &'a ast::File, diagnostics: &mut Vec<Diagnostic>) -> Scope<'a> {
        let mut scope = Scope {
            has_schema: false,
            fields: Fields::default(),
            scores: Vec::new(),
            score_index: HashMap::new(),
            lets: Vec::new(),
            let_index: HashMap::new(),
            broken_scores: HashSet::new(),
            broken_lets: HashSet::new(),
        };
        let mut first_schema: Option<Span> = None;
        let mut names = Names::default();
        for schema in file.schemas() {
            scope.schema(schema, &mut first_schema, &mut names, diagnostics);
        }
        for score in file.scores() {
            let name = &score.name;
            if (names.scores).first(&name.name, name.span, "score", diagnostics) {
                scope.score_index.insert(&name.name, scope.scores.len());
                scope.scores.push(score);
            }
        }
        for let_ in file.lets() {
            let name = &let_.name;
            if (names.lets).first(&name.name, name.span, "let", diagnostics) {
                scope.let_index.insert(&name.name, scope.lets.len());
                scope.lets.push(let_);
            }
        }
        for name in file.rules().filter_map(|rule| rule.name.as_ref()) {
            (names.rules).first(&name.name, name.span, "rule", diagnostics);
        }
        for name in file.tiers().map(|tier| &tier.name) {
            (names.tiers).first(&name.name, name.span, "tier", diagnostics);
        }
        for name in file.segments().map(|segment| &segment.name) {
            (names.segments).first(&name.name, name.span, "segment", diagnostics);
        }
        file.broken.iter().for_each(|broken| scope.broken(broken));
        scope
    }

    /// Counts a declaration that did not parse as declared, after every
    /// one that did, so that a good declaration of the same name wins.
    fn broken(&mut self, broken: &'a ast::Broken) {
        match broken {
            ast::Broken::Schema { fields, .. } => {
                self.has_schema = true;
                for field in fields {
                    self.fields.insert(FieldEntry {
                        name: field.name.clone(),
                        ty: None,
                        span: field.span,
                        declared: true,
                        columns: Vec::new(),
                        format: None,
                        fixed: false,
                    });
                }
            }
            ast::Broken::Score(name) => {
                self.broken_scores.insert(&name.name);
            }
            ast::Broken::Let(name) => {
                self.broken_lets.insert(&name.name);
            }
            ast::Broken::Rule(_) | ast::Broken::Tier(_) | ast::Broken::Segment(_) => {}
        }
    }

    fn schema(
        &mut self,
        schema: &'a ast::Schema,
        first_schema: &mut Option<Span>,
        names: &mut Names<'a>,
        diagnostics: &mut Vec<Diagnostic>,
    ) {
        let keyword = Span::new(schema.span.start as usize, schema.span.start as usize + 6);
        match *first_schema {
            Some(first) => diagnostics.push(errors::duplicate_schema(keyword, first)),
            None => *first_schema = Some(keyword),
        }
        self.has_schema = true;
        let preset = schema.preset.as_ref().and_then(|name| {
            let found = presets::find(&name.name);
            if found.is_none() {
                diagnostics.push(errors::unknown_preset(name));
            }
            found
        });
        for field in &schema.fields {
            let name = &field.name;
            if !names
                .fields
                .first(&name.name, name.span, "field", diagnostics)
            {
                continue;
            }
            let ty = types::resolve(&field.ty).map_err(|error| diagnostics.push(error));
            let format = match (&field.format, ty) {
                (Some(spec), Ok(ty)) => ValueFormat::parse(ty, &spec.value)
                    .map_err(|reason| diagnostics.push(errors::bad_format(spec, &reason)))
                    .ok(),
                (Some(_) | None, _) => None,
            };
            self.fields.insert(FieldEntry {
                name: field.name.name.clone(),
                ty: ty.ok(),
                span: name.span.join(field.ty.span),
                declared: true,
                columns: columns(field, preset),
                format,
                fixed: field.fixed.is_some(),
            });
        }
        self.preset_id(preset);
    }

    /// With a preset, records are named by its id column even when the
    /// schema does not declare `id`.
    fn preset_id(&mut self, preset: Option<&presets::Preset>) {
        let Some(id_columns) = preset.and_then(|preset| preset.columns("id")) else {
            return;
        };
        if self.fields.entries.iter().any(|entry| entry.name == "id") {
            return;
        }
        self.fields.insert(FieldEntry {
            name: "id".to_owned(),
            ty: Some(ir::Type::Text),
            span: Span::default(),
            declared: true,
            columns: id_columns.iter().map(|&column| column.to_owned()).collect(),
            format: None,
            fixed: true,
        });
    }

    /// The index of a score by name.
    pub fn score(&self, name: &str) -> Option<usize> {
        self.score_index.get(name).copied()
    }

    /// The index of a let by name.
    pub fn let_index(&self, name: &str) -> Option<usize> {
        self.let_index.get(name).copied()
    }

    /// Score names in order, for suggestions.
    pub fn score_names(&self) -> impl Iterator<Item = &str> {
        self.scores.iter().map(|score| score.name.name.as_str())
    }
}

/// First definitions of each kind of name, for duplicate reports.
#[derive(Default)]
struct Names<'a> {
    fields: Seen<'a>,
    scores: Seen<'a>,
    lets: Seen<'a>,
    rules: Seen<'a>,
    tiers: Seen<'a>,
    segments: Seen<'a>,
}

/// Where each name of one kind was first defined.
#[derive(Default)]
struct Seen<'a> {
    first: HashMap<&'a str, Span>,
}

impl<'a> Seen<'a> {
    /// Whether this is the first definition of `name`; reports E204 if not.
    fn first(&mut self, name: &'a str, span: Span, kind: &str, out: &mut Vec<Diagnostic>) -> bool {
        if let Some(&first) = self.first.get(name) {
            out.push(errors::duplicate_name(kind, name, span, first));
            return false;
        }
        self.first.insert(name, span);
        true
    }
}

/// A field's columns: its `from`, else its preset's headers, else none.
fn columns(field: &ast::FieldDecl, preset: Option<&presets::Preset>) -> Vec<String> {
    if let Some(source) = &field.source {
        return vec![source.value.clone()];
    }
    preset
        .and_then(|preset| preset.columns(&field.name.name))
        .map(|headers| headers.iter().map(|&header| header.to_owned()).collect())
        .unwrap_or_default()
}

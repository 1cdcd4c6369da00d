//! Field types of a schema-less file, inferred from how fields are used.
//!
//! Walks let bodies and rule conditions in source order. Each test implies
//! a type (`> 5`: number, `has`: `list<text>`, `within`: date, `contains`,
//! `matches` or a text value: text, `true`: bool); the first use that
//! implies one fixes it, and a later use implying another is reported
//! (E217). A field only ever tested with `is missing`/`is present` gets
//! `ir::Type::Any`. Fields are numbered in order of first use. Names of
//! scores are left alone: using one in a rule is reported by lowering.

use super::errors;
use super::lets;
use super::scope::{FieldEntry, Fields, Scope};
use super::types;
use super::walk::{self, Node};
use crate::ast;
use crate::diagnostic::Diagnostic;
use crate::ir;
use crate::source::Span;
use std::collections::{HashMap, HashSet};

/// The inferred fields, and the tests whose use conflicted (already reported).
pub struct Inferred {
    /// Fields in order of first use.
    pub fields: Fields,
    /// Operator spans of tests reported as conflicting uses (E217).
    pub conflicts: HashSet<Span>,
}

/// Infers the fields of a file without a schema.
pub fn infer(file: &ast::File, scope: &Scope, diagnostics: &mut Vec<Diagnostic>) -> Inferred {
    let mut fields = Fields::default();
    let mut typed: HashMap<usize, (ir::Type, Span)> = HashMap::new();
    let mut conflicts = HashSet::new();
    let mut on_test = |test: &ast::Test| {
        if scope.score(&test.field.name).is_some() {
            return;
        }
        let index = fields.insert(FieldEntry {
            name: test.field.name.clone(),
            ty: None,
            span: test.field.span,
            declared: false,
            columns: Vec::new(),
            format: None,
            fixed: false,
        });
        let Some(ty) = implied(test, scope) else {
            return;
        };
        match typed.get(&index) {
            None => {
                typed.insert(index, (ty, test.op_span));
            }
            Some(&(first, _)) if first == ty => {}
            Some(&(first, first_span)) => {
                conflicts.insert(test.op_span);
                let name = &test.field.name;
                diagnostics.push(errors::conflicting_use(
                    name,
                    ty,
                    test.op_span,
                    first,
                    first_span,
                ));
            }
        }
    };
    // Tiers test scores only, and a wrong name in one is lowering's to report.
    let tested = (file.items.iter()).filter(|item| item.as_tier().is_none());
    for condition in tested.filter_map(ast::Item::condition) {
        walk::visit(condition, &mut |node| {
            if let Node::Test(test) = node {
                on_test(test);
            }
        });
    }
    for (index, entry) in fields.entries.iter_mut().enumerate() {
        entry.ty = Some(typed.get(&index).map_or(ir::Type::Any, |(ty, _)| *ty));
    }
    Inferred { fields, conflicts }
}

/// The type a test implies for its field, if any.
fn implied(test: &ast::Test, scope: &Scope) -> Option<ir::Type> {
    match &test.op {
        ast::TestOp::Compare(_, value) | ast::TestOp::Range(value, _) => {
            Some(types::implied(value))
        }
        ast::TestOp::In { list, .. } => first_item(list, scope).map(types::implied),
        ast::TestOp::Has(_) | ast::TestOp::HasQuantified(_, _) => Some(ir::Type::TextList),
        ast::TestOp::Text(_, _)
        | ast::TestOp::TextAny(_, _)
        | ast::TestOp::Matches(_)
        | ast::TestOp::MatchesNamed(_) => Some(ir::Type::Text),
        ast::TestOp::Within(_) => Some(ir::Type::Date),
        ast::TestOp::Missing(_) => None,
    }
}

/// The first value of a list literal or named list.
fn first_item<'a>(list: &'a ast::ListRef, scope: &Scope<'a>) -> Option<&'a ast::Value> {
    match list {
        ast::ListRef::Literal(list) => list.items.first(),
        ast::ListRef::Name(name) => lets::list(scope, scope.let_index(&name.name)?)?
            .items
            .first(),
    }
}

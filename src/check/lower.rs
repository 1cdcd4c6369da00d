//! Lowering: untyped conditions to typed `ir::Cond`s, names resolved.
//!
//! Every problem is reported and lowering goes on, so one pass finds all of
//! them; a part that failed yields `None` and the program is not built. A
//! let is lowered once per context (rule or tier) into `ir::Program::lets`,
//! and every use is a `CondKind::Let` reference to that one body, so the
//! program is as large as the file however often lets are used. Each
//! predicate gets the next `ir::PredId` as it is lowered. Poisoned lets
//! (cycles, too deep; already reported) lower to `None` silently.

mod pattern;
mod program;
mod test;

use super::errors;
use super::lets::{Kind, Lets};
use super::regex;
use super::scope::{Fields, Scope};
use crate::ast;
use crate::diagnostic::Diagnostic;
use crate::ir;
use crate::source::{Source, Span};
use crate::suggest::did_you_mean;
use std::collections::HashSet;

/// Where a condition sits, which decides what its tests name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    /// A rule or let: tests name fields.
    Rule,
    /// A tier: tests name scores.
    Tier,
    /// A segment: tests name fields, or scores (a name that is both is the
    /// field, as in a rule).
    Segment,
}

impl Context {
    fn index(self) -> usize {
        match self {
            Context::Rule => 0,
            Context::Tier => 1,
            Context::Segment => 2,
        }
    }
}

/// A let's body lowered in one context: not yet, or the result.
type Lowered = Option<Option<ir::LetId>>;

/// Lowers the conditions, rules and tiers of one file.
pub struct Lowerer<'a> {
    scope: &'a Scope<'a>,
    lets: &'a Lets,
    fields: &'a Fields,
    conflicts: &'a HashSet<Span>,
    source: &'a Source,
    bodies: Vec<[Lowered; 3]>,
    /// The lets lowered so far, in the order their lowering finished.
    lowered_lets: Vec<ir::Let>,
    next_pred: u32,
    valid_patterns: regex::Valid,
    /// Every problem found so far.
    pub diagnostics: Vec<Diagnostic>,
}

impl<'a> Lowerer<'a> {
    /// A lowerer over resolved declarations; `conflicts` are the tests
    /// already reported by inference.
    pub fn new(
        scope: &'a Scope<'a>,
        lets: &'a Lets,
        fields: &'a Fields,
        conflicts: &'a HashSet<Span>,
        source: &'a Source,
    ) -> Lowerer<'a> {
        Lowerer {
            scope,
            lets,
            fields,
            conflicts,
            source,
            bodies: vec![[None, None, None]; scope.lets.len()],
            lowered_lets: Vec::new(),
            next_pred: 0,
            valid_patterns: regex::Valid::default(),
            diagnostics: Vec::new(),
        }
    }

    /// Checks a regex literal (E208), each distinct pattern once.
    fn regex(&mut self, pattern: &ast::Regex) -> Result<(), Vec<Diagnostic>> {
        regex::check(pattern, self.source, &mut self.valid_patterns)
    }

    /// A condition; `None` if any part of it is wrong (all parts reported).
    pub fn cond(&mut self, expr: &'a ast::Expr, context: Context) -> Option<ir::Cond> {
        let kind = match &expr.kind {
            ast::ExprKind::Or(operands) => ir::CondKind::Or(self.operands(operands, context)?),
            ast::ExprKind::And(operands) => ir::CondKind::And(self.operands(operands, context)?),
            ast::ExprKind::Not(inner) => ir::CondKind::Not(Box::new(self.cond(inner, context)?)),
            ast::ExprKind::Name(name) => return self.name(name, context),
            ast::ExprKind::Test(test) => self.test_kind(test, context)?,
        };
        Some(ir::Cond {
            kind,
            span: expr.span,
        })
    }

    /// Lowers every operand, so that each one's problems are reported.
    fn operands(&mut self, operands: &'a [ast::Expr], context: Context) -> Option<Vec<ir::Cond>> {
        let lowered: Vec<Option<ir::Cond>> = operands
            .iter()
            .map(|operand| self.cond(operand, context))
            .collect();
        lowered.into_iter().collect()
    }

    /// A let used as a condition.
    fn name(&mut self, name: &ast::Ident, context: Context) -> Option<ir::Cond> {
        let Some(index) = self.scope.let_index(&name.name) else {
            let diagnostic = self.unknown_name(name, Kind::Condition);
            self.diagnostics.push(diagnostic);
            return None;
        };
        match self.lets.kinds[index] {
            Kind::Condition => {}
            Kind::List => {
                let definition = self.scope.lets[index].name.span;
                let diagnostic = errors::list_as_condition(&name.name, name.span, definition);
                self.diagnostics.push(diagnostic);
                return None;
            }
            Kind::Pattern => {
                let definition = self.scope.lets[index].name.span;
                let diagnostic = errors::pattern_as_condition(&name.name, name.span, definition);
                self.diagnostics.push(diagnostic);
                return None;
            }
            Kind::Unresolved => return None,
        }
        let id = self.let_body(index, context)?;
        Some(ir::Cond {
            kind: ir::CondKind::Let(id),
            span: name.span,
        })
    }

    /// E203 for a name no let defines, suggesting a let of the wanted kind.
    fn unknown_name(&self, name: &ast::Ident, wanted: Kind) -> Diagnostic {
        let candidates = self
            .scope
            .lets
            .iter()
            .zip(&self.lets.kinds)
            .filter(|(_, kind)| **kind == wanted)
            .map(|(let_, _)| let_.name.name.as_str());
        let bool_field = self
            .fields
            .get(&name.name)
            .is_some_and(|index| self.fields.entries[index].ty == Some(ir::Type::Bool));
        let suggestion = did_you_mean(&name.name, candidates);
        errors::unknown_name(
            &name.name,
            name.span,
            suggestion,
            bool_field && wanted == Kind::Condition,
        )
    }

    /// The lowered body of a condition let, lowering it on first use.
    /// INVARIANT: the let's own lets finish first, so they get smaller ids.
    fn let_body(&mut self, index: usize, context: Context) -> Option<ir::LetId> {
        if self.lets.poisoned[index] {
            return None;
        }
        if let Some(done) = self.bodies[index][context.index()] {
            return done;
        }
        let let_ = self.scope.lets[index];
        let ast::LetValue::Condition(body) = &let_.value else {
            return None;
        };
        let lowered = self.cond(body, context).map(|body| {
            self.lowered_lets.push(ir::Let {
                name: let_.name.name.clone(),
                name_span: let_.name.span,
                span: let_.span,
                body,
            });
            ir::LetId(self.lowered_lets.len() as u32 - 1)
        });
        self.bodies[index][context.index()] = Some(lowered);
        lowered
    }

    /// The next predicate id.
    fn pred_id(&mut self) -> ir::PredId {
        self.next_pred += 1;
        ir::PredId(self.next_pred - 1)
    }

    /// The lets that rules and tiers use, and the predicate count; call it
    /// after lowering them and before [`Lowerer::unused_lets`].
    pub fn take_lets(&mut self) -> (Vec<ir::Let>, u32) {
        (std::mem::take(&mut self.lowered_lets), self.next_pred)
    }

    /// Lowers the lets no rule or tier used, so their problems are reported
    /// too; what they lower to is dropped.
    pub fn unused_lets(&mut self) {
        for index in 0..self.scope.lets.len() {
            let never_lowered = self.bodies[index].iter().all(Option::is_none);
            if never_lowered && self.lets.kinds[index] == Kind::Condition {
                self.let_body(index, Context::Rule);
            }
        }
        self.lowered_lets.clear();
    }

    /// The values of a list literal or named list, for a test.
    fn list_values(&mut self, list: &'a ast::ListRef) -> Option<&'a [ast::Value]> {
        let name = match list {
            ast::ListRef::Literal(list) => return Some(&list.items),
            ast::ListRef::Name(name) => name,
        };
        let Some(index) = self.scope.let_index(&name.name) else {
            let diagnostic = self.unknown_name(name, Kind::List);
            self.diagnostics.push(diagnostic);
            return None;
        };
        match self.lets.kinds[index] {
            Kind::List => super::lets::list(self.scope, index).map(|list| list.items.as_slice()),
            Kind::Condition => {
                let definition = self.scope.lets[index].name.span;
                let diagnostic = errors::condition_as_list(&name.name, name.span, definition);
                self.diagnostics.push(diagnostic);
                None
            }
            Kind::Pattern => {
                let definition = self.scope.lets[index].name.span;
                let diagnostic =
                    errors::pattern_as_operand(&name.name, name.span, definition, "list");
                self.diagnostics.push(diagnostic);
                None
            }
            Kind::Unresolved => None,
        }
    }
}

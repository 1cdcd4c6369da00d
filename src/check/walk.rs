//! Visiting the names and tests of an untyped condition.
//!
//! Several passes (the let graph, type inference, usage counts) need every
//! let name, list name and field test of a condition in source order; this
//! is the one walk they share. Recursion follows the parser's nesting,
//! which it bounds.

use crate::ast;

/// One thing found in a condition.
#[derive(Debug, Clone, Copy)]
pub enum Node<'e> {
    /// A let used as a condition.
    Name(&'e ast::Ident),
    /// A let used as a list (`in crms`, `has any crms`).
    ListName(&'e ast::Ident),
    /// A let used as a pattern (`title matches senior`).
    PatternName(&'e ast::Ident),
    /// A test of a field (or of a score, in a tier).
    Test(&'e ast::Test),
}

/// Calls `visit` on every node of `expr`, in source order.
pub fn visit<'e>(expr: &'e ast::Expr, visit: &mut impl FnMut(Node<'e>)) {
    match &expr.kind {
        ast::ExprKind::Or(operands) | ast::ExprKind::And(operands) => {
            for operand in operands {
                self::visit(operand, visit);
            }
        }
        ast::ExprKind::Not(inner) => self::visit(inner, visit),
        ast::ExprKind::Name(name) => visit(Node::Name(name)),
        ast::ExprKind::Test(test) => {
            visit(Node::Test(test));
            if let Some(ast::ListRef::Name(name)) = list_ref(&test.op) {
                visit(Node::ListName(name));
            }
            if let ast::TestOp::MatchesNamed(name) = &test.op {
                visit(Node::PatternName(name));
            }
        }
    }
}

/// The list operand of a test, if it has one.
pub fn list_ref(op: &ast::TestOp) -> Option<&ast::ListRef> {
    match op {
        ast::TestOp::In { list, .. }
        | ast::TestOp::HasQuantified(_, list)
        | ast::TestOp::TextAny(_, list) => Some(list),
        ast::TestOp::Compare(_, _)
        | ast::TestOp::Range(_, _)
        | ast::TestOp::Has(_)
        | ast::TestOp::Text(_, _)
        | ast::TestOp::Matches(_)
        | ast::TestOp::MatchesNamed(_)
        | ast::TestOp::Missing(_)
        | ast::TestOp::Within(_) => None,
    }
}

/// The nesting depth of a condition.
pub fn depth(expr: &ast::Expr) -> usize {
    match &expr.kind {
        ast::ExprKind::Or(operands) | ast::ExprKind::And(operands) => {
            1 + operands.iter().map(depth).max().unwrap_or(0)
        }
        ast::ExprKind::Not(inner) => 1 + depth(inner),
        ast::ExprKind::Name(_) | ast::ExprKind::Test(_) => 1,
    }
}

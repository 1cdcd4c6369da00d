//! The lets of a file as a graph: what kind each names, cycles, and size.
//!
//! A let names a condition, a list or a pattern; `let a = b` takes the
//! kind of `b`.
//! Lets that refer to each other in a cycle are reported (E207), as are
//! lets whose expansion would nest too deeply (E103); both are marked
//! poisoned, and so is every let that uses a poisoned one, so their uses
//! are skipped without a second report. The search is iterative: a chain
//! of thousands of lets cannot overflow the stack. How large a let would
//! be expanded does not matter: the IR shares each let's body among its
//! uses, so a chain that doubles at each step costs its written size.

use super::errors;
use super::scope::Scope;
use super::walk::{self, Node};
use crate::ast;
use crate::diagnostic::Diagnostic;
use crate::source::Span;

/// The deepest an expanded let may nest: it bounds the recursion of every
/// walk that follows let uses.
pub const MAX_EXPANDED_DEPTH: usize = 256;

/// What a let names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A condition.
    Condition,
    /// A list of values.
    List,
    /// A regex (`let senior = /\b(vp|head)\b/i`), used after `matches`.
    Pattern,
    /// An alias of an unknown name or of a cycle (reported elsewhere).
    Unresolved,
}

/// Facts about every let, indexed like `Scope::lets`.
pub struct Lets {
    /// What each let names.
    pub kinds: Vec<Kind>,
    /// Lets in a cycle, too large, or using such a let.
    pub poisoned: Vec<bool>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Color {
    New,
    Open,
    Done,
}

/// Analyses the lets of `scope`, reporting cycles and oversized lets.
pub fn analyse(scope: &Scope, diagnostics: &mut Vec<Diagnostic>) -> Lets {
    let edges: Vec<Vec<(usize, Span)>> = scope
        .lets
        .iter()
        .map(|let_| references(scope, let_))
        .collect();
    let count = scope.lets.len();
    let mut lets = Lets {
        kinds: (0..count).map(|index| kind(scope, index)).collect(),
        poisoned: vec![false; count],
    };
    let mut color = vec![Color::New; count];
    let mut depths = vec![0usize; count];
    for root in 0..count {
        if color[root] != Color::New {
            continue;
        }
        color[root] = Color::Open;
        let mut stack = vec![(root, 0usize)];
        while let Some((node, next)) = stack.last_mut() {
            let node = *node;
            let Some(&(target, _)) = edges[node].get(*next) else {
                color[node] = Color::Done;
                stack.pop();
                finish(scope, &edges, node, &mut lets, &mut depths, diagnostics);
                continue;
            };
            *next += 1;
            match color[target] {
                Color::New => {
                    color[target] = Color::Open;
                    stack.push((target, 0));
                }
                Color::Open => cycle(scope, &edges, &stack, target, &mut lets, diagnostics),
                Color::Done => {}
            }
        }
    }
    lets
}

/// The lets a let's body refers to, with the span of each reference.
fn references(scope: &Scope, let_: &ast::Let) -> Vec<(usize, Span)> {
    let mut found = Vec::new();
    if let ast::LetValue::Condition(body) = &let_.value {
        walk::visit(body, &mut |node| {
            if let Node::Name(name) | Node::ListName(name) | Node::PatternName(name) = node
                && let Some(index) = scope.let_index(&name.name)
            {
                found.push((index, name.span));
            }
        });
    }
    found
}

/// The kind of a let, following aliases (`let a = b`).
fn kind(scope: &Scope, index: usize) -> Kind {
    match resolve_alias(scope, index).map(|target| &scope.lets[target].value) {
        Some(ast::LetValue::List(_)) => Kind::List,
        Some(ast::LetValue::Condition(_)) => Kind::Condition,
        Some(ast::LetValue::Pattern(_)) => Kind::Pattern,
        None => Kind::Unresolved,
    }
}

/// The list a let names, following aliases; `None` if it names no list.
pub fn list<'a>(scope: &Scope<'a>, index: usize) -> Option<&'a ast::List> {
    match &scope.lets[resolve_alias(scope, index)?].value {
        ast::LetValue::List(list) => Some(list),
        ast::LetValue::Condition(_) | ast::LetValue::Pattern(_) => None,
    }
}

/// The regex a let names, following aliases; `None` if it names none.
pub fn pattern<'a>(scope: &Scope<'a>, index: usize) -> Option<&'a ast::Regex> {
    match &scope.lets[resolve_alias(scope, index)?].value {
        ast::LetValue::Pattern(regex) => Some(regex),
        ast::LetValue::Condition(_) | ast::LetValue::List(_) => None,
    }
}

/// The let an alias chain (`let a = b`, `let b = c`) ends at; `None` when it
/// ends at an unknown name or loops.
fn resolve_alias(scope: &Scope, start: usize) -> Option<usize> {
    let mut index = start;
    for _ in 0..=scope.lets.len() {
        match &scope.lets[index].value {
            ast::LetValue::Condition(ast::Expr {
                kind: ast::ExprKind::Name(name),
                ..
            }) => index = scope.let_index(&name.name)?,
            ast::LetValue::List(_) | ast::LetValue::Pattern(_) | ast::LetValue::Condition(_) => {
                return Some(index);
            }
        }
    }
    None
}

/// Reports the cycle closed by an edge back to `target`, poisoning its lets.
fn cycle(
    scope: &Scope,
    edges: &[Vec<(usize, Span)>],
    stack: &[(usize, usize)],
    target: usize,
    lets: &mut Lets,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let start = stack
        .iter()
        .position(|(node, _)| *node == target)
        .unwrap_or(0);
    let steps: Vec<(&str, &str, Span)> = stack[start..]
        .iter()
        .filter_map(|&(node, next)| {
            let (to, span) = *edges[node].get(next.checked_sub(1)?)?;
            lets.poisoned[node] = true;
            Some((
                scope.lets[node].name.name.as_str(),
                scope.lets[to].name.name.as_str(),
                span,
            ))
        })
        .collect();
    diagnostics.push(errors::let_cycle(&steps));
}

/// Measures a finished let; poisons it if it nests too deeply or uses a
/// poisoned let.
fn finish(
    scope: &Scope,
    edges: &[Vec<(usize, Span)>],
    node: usize,
    lets: &mut Lets,
    depths: &mut [usize],
    diagnostics: &mut Vec<Diagnostic>,
) {
    let let_ = scope.lets[node];
    let mut depth = match &let_.value {
        ast::LetValue::Condition(body) => walk::depth(body),
        ast::LetValue::List(_) | ast::LetValue::Pattern(_) => 1,
    };
    let own_depth = depth;
    for &(target, _) in &edges[node] {
        if lets.poisoned[target] && target != node {
            lets.poisoned[node] = true;
        }
        depth = depth.max(own_depth.saturating_add(depths[target]));
    }
    depths[node] = depth;
    let too_large = depth > MAX_EXPANDED_DEPTH;
    if too_large && !lets.poisoned[node] {
        diagnostics.push(errors::let_too_large(&let_.name.name, let_.name.span));
    }
    lets.poisoned[node] |= too_large;
}

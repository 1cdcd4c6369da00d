//! Lints: warnings about a file that checks but is probably not what its
//! author meant.
//!
//! Runs after lowering, over the declarations (`scope`), the AST (usage,
//! unnamed rules) and the parts of the program that lowered. Each lint
//! pushes W2xx warnings; silencing them is `suppress`'s job.
//!
//! Every lint is linear in the program, whatever its lets: a let's body is
//! analysed once (walked once, or its result memoized by `ir::LetId`),
//! never once per use.

mod never;
mod tiers;

use super::errors;
use super::scope::Scope;
use super::walk::{self, Node};
use crate::ast;
use crate::diagnostic::Diagnostic;
use crate::ir::{self, key};
use crate::source::{Source, Span};
use std::collections::{HashMap, HashSet};

/// Runs every lint.
pub fn run(
    file: &ast::File,
    source: &Source,
    scope: &Scope,
    program: &ir::Program,
    out: &mut Vec<Diagnostic>,
) {
    unused_lets(file, scope, out);
    unused_scores(file, scope, out);
    unnamed_rules(file, source, out);
    let mut never = never::Analysis::new(program);
    for rule in &program.rules {
        if let Some(never) = never.never_true(&rule.condition) {
            out.push(errors::never_fires(&rule.name, rule.condition.span, &never));
        }
    }
    tiers::check(program, out);
    repeated_conditions(program, out);
    repeated_rules(program, out);
}

/// W201: lets that no rule, tier or other let uses.
fn unused_lets(file: &ast::File, scope: &Scope, out: &mut Vec<Diagnostic>) {
    let mut used = HashSet::new();
    for item in &file.items {
        let Some(condition) = item.condition() else {
            continue;
        };
        let own_name = item.as_let().map(|let_| let_.name.name.as_str());
        walk::visit(condition, &mut |node| {
            if let Node::Name(name) | Node::ListName(name) | Node::PatternName(name) = node
                && Some(name.name.as_str()) != own_name
            {
                used.insert(name.name.as_str());
            }
        });
    }
    for let_ in &scope.lets {
        if !used.contains(let_.name.name.as_str()) {
            out.push(errors::unused_let(&let_.name.name, let_.name.span));
        }
    }
}

/// W202: scores that no rule changes.
fn unused_scores(file: &ast::File, scope: &Scope, out: &mut Vec<Diagnostic>) {
    let changed: HashSet<&str> = (file.rules())
        .flat_map(|rule| rule.effects.as_slice())
        .filter_map(|effect| match effect {
            ast::Effect::Score { score, .. } => Some(score.name.as_str()),
            ast::Effect::Disqualify { .. } => None,
        })
        .collect();
    for score in &scope.scores {
        if !changed.contains(score.name.name.as_str()) {
            out.push(errors::unused_score(&score.name.name, score.name.span));
        }
    }
}

/// W206: rules without a name.
fn unnamed_rules(file: &ast::File, source: &Source, out: &mut Vec<Diagnostic>) {
    for rule in file.rules() {
        if rule.name.is_none() {
            out.push(errors::unnamed_rule(
                source.line(rule.span.start),
                rule.condition.span,
            ));
        }
    }
}

/// W205: the same condition twice in one `and`/`or` chain. Each let body
/// is one of the program's conditions, so it is looked at once, not at
/// every use; a let use keys as its name, so keys cost what is written.
fn repeated_conditions(program: &ir::Program, out: &mut Vec<Diagnostic>) {
    for condition in program.conditions() {
        chains(program, condition, out);
    }
}

fn chains(program: &ir::Program, cond: &ir::Cond, out: &mut Vec<Diagnostic>) {
    let (name, operands) = match &cond.kind {
        ir::CondKind::And(operands) => ("and", operands),
        ir::CondKind::Or(operands) => ("or", operands),
        ir::CondKind::Not(inner) => return chains(program, inner, out),
        ir::CondKind::Let(_) | ir::CondKind::Pred(_) => return,
    };
    let mut seen: HashMap<String, Span> = HashMap::new();
    for operand in operands {
        let key = key::cond(program, operand);
        match seen.get(&key) {
            Some(first) => out.push(errors::duplicate_condition(name, operand.span, *first)),
            None => {
                seen.insert(key, operand.span);
            }
        }
        chains(program, operand, out);
    }
}

/// W205: a rule with the same condition and effect as an earlier one.
fn repeated_rules(program: &ir::Program, out: &mut Vec<Diagnostic>) {
    let mut seen: HashMap<String, &ir::Rule> = HashMap::new();
    for rule in &program.rules {
        let key = key::rule(program, rule);
        match seen.get(&key) {
            Some(first) => out.push(errors::duplicate_rule(
                &rule.name,
                rule.condition.span,
                &first.name,
                first.span,
            )),
            None => {
                seen.insert(key, rule);
            }
        }
    }
}

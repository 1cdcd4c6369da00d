//! Finding the mutations of a program: every threshold, operator, clause,
//! list member, effect and disqualifier of the rules and of the lets they
//! use, each with its path, its span and the words that describe it.

use super::change::{Change, Mutation, Place};
use crate::ast::CompareOp;
use crate::ir;
use crate::source::{Source, Span};

/// Every mutation of `program`'s rules and of the lets they use, in source
/// order; descriptions quote `source`.
pub fn mutations(program: &ir::Program, source: &Source) -> Vec<Mutation> {
    let mut found = Vec::new();
    for (index, rule) in program.rules.iter().enumerate() {
        let place = Place::Rule(index as u32);
        let mut walker = Walker {
            source,
            place,
            found: &mut found,
        };
        walker.cond(&rule.condition, &mut Vec::new());
        let at = rule.name_span.unwrap_or(rule.span);
        let points = |sign: i64| {
            (rule.adds())
                .map(|(score, delta)| format!("{} {:+}", program.score(score).name, sign * delta))
                .collect::<Vec<_>>()
                .join(", ")
        };
        if rule.adds().any(|(_, delta)| delta != 0) {
            found.push(Mutation {
                place,
                change: Change::FlipSign,
                path: Vec::new(),
                span: at,
                description: format!(
                    "rule `{}` gives {} instead of {}",
                    rule.name,
                    points(-1),
                    points(1)
                ),
            });
        }
        if rule.disqualifies() {
            found.push(Mutation {
                place,
                change: Change::NeverFires,
                path: Vec::new(),
                span: at,
                description: format!("disqualifier `{}` removed", rule.name),
            });
        }
    }
    for (index, let_) in program.lets.iter().enumerate() {
        if tests_scores(&let_.body) {
            continue;
        }
        let mut walker = Walker {
            source,
            place: Place::Let(index as u32),
            found: &mut found,
        };
        walker.cond(&let_.body, &mut Vec::new());
    }
    found.sort_by_key(|mutation| mutation.span.start);
    found
}

fn tests_scores(cond: &ir::Cond) -> bool {
    match &cond.kind {
        ir::CondKind::And(operands) | ir::CondKind::Or(operands) => {
            operands.iter().any(tests_scores)
        }
        ir::CondKind::Not(inner) => tests_scores(inner),
        ir::CondKind::Let(_) => false,
        ir::CondKind::Pred(pred) => matches!(pred.subject, ir::Subject::Score(_)),
    }
}

struct Walker<'a> {
    source: &'a Source,
    place: Place,
    found: &'a mut Vec<Mutation>,
}

impl Walker<'_> {
    fn push(&mut self, change: Change, path: &[usize], span: Span, description: String) {
        self.found.push(Mutation {
            place: self.place,
            change,
            path: path.to_vec(),
            span,
            description,
        });
    }

    fn cond(&mut self, cond: &ir::Cond, path: &mut Vec<usize>) {
        match &cond.kind {
            ir::CondKind::And(operands) | ir::CondKind::Or(operands) => {
                let word = if matches!(cond.kind, ir::CondKind::And(_)) {
                    "and"
                } else {
                    "or"
                };
                for (index, operand) in operands.iter().enumerate() {
                    let clause = self.source.slice(operand.span).to_string();
                    let description = format!("clause `{clause}` dropped from its `{word}`");
                    self.push(Change::Drop(index), path, operand.span, description);
                    path.push(index);
                    self.cond(operand, path);
                    path.pop();
                }
            }
            ir::CondKind::Not(inner) => {
                path.push(0);
                self.cond(inner, path);
                path.pop();
            }
            ir::CondKind::Let(_) => {}
            ir::CondKind::Pred(pred) => self.pred(pred, path),
        }
    }

    fn pred(&mut self, pred: &ir::Pred, path: &[usize]) {
        let ir::Subject::Field(_) = pred.subject else {
            return;
        };
        let spans = &pred.spans;
        let value_span = |index: usize| spans.values.get(index).copied().unwrap_or(spans.op);
        let test = self
            .source
            .slice(
                spans
                    .subject
                    .join(spans.op)
                    .join(value_span(spans.values.len().max(1) - 1)),
            )
            .to_string();
        match &pred.test {
            ir::PredTest::Compare(op, literal) if step(literal).is_some() => {
                self.thresholds(0, literal, &test, value_span(0), path);
                if let Some(swapped) = swap(*op) {
                    let description = format!(
                        "`{}` turned into `{}` in `{test}`",
                        op.as_str(),
                        swapped.as_str()
                    );
                    self.push(Change::Operator(swapped), path, spans.op, description);
                }
            }
            ir::PredTest::Range(low, high) => {
                self.thresholds(0, low, &test, value_span(0), path);
                self.thresholds(1, high, &test, value_span(1), path);
            }
            ir::PredTest::Within(days) => {
                let test = format!("{} within {days} days", self.source.slice(spans.subject));
                for by in [-1i64, 1] {
                    let description = format!("`{test}` with {days} moved to {}", days + by);
                    self.push(
                        Change::Threshold(0, by as f64),
                        path,
                        value_span(0),
                        description,
                    );
                }
            }
            ir::PredTest::In { values, .. } => {
                let members: Vec<String> = values.iter().map(literal_text).collect();
                self.members(&members, spans, path);
            }
            ir::PredTest::HasAny(values) | ir::PredTest::HasAll(values) => {
                self.members(values, spans, path);
            }
            ir::PredTest::Compare(..)
            | ir::PredTest::Text(..)
            | ir::PredTest::Matches { .. }
            | ir::PredTest::Missing(_) => {}
        }
    }

    fn thresholds(
        &mut self,
        which: usize,
        literal: &ir::Literal,
        test: &str,
        span: Span,
        path: &[usize],
    ) {
        let Some(step) = step(literal) else {
            return;
        };
        for by in [-step, step] {
            let (written, moved) = match literal {
                ir::Literal::Date(day) => (
                    crate::date::format(*day),
                    crate::date::format(*day + by as i32),
                ),
                ir::Literal::Number(number) => (number.to_string(), (number + by).to_string()),
                ir::Literal::Text(_) | ir::Literal::Bool(_) => continue,
            };
            let description = format!("`{test}` with {written} moved to {moved}");
            self.push(Change::Threshold(which, by), path, span, description);
        }
    }

    fn members(&mut self, members: &[String], spans: &ir::PredSpans, path: &[usize]) {
        for (index, member) in members.iter().enumerate() {
            let span = spans.values.get(index).copied().unwrap_or(spans.op);
            let description = format!("list member `{member}` removed");
            self.push(Change::Member(index), path, span, description);
        }
    }
}

/// One step of a threshold: 1, or a day for dates; none for text and bools.
fn step(literal: &ir::Literal) -> Option<f64> {
    match literal {
        ir::Literal::Number(_) | ir::Literal::Date(_) => Some(1.0),
        ir::Literal::Text(_) | ir::Literal::Bool(_) => None,
    }
}

/// `>=` to `>` and back, `<=` to `<` and back.
fn swap(op: CompareOp) -> Option<CompareOp> {
    match op {
        CompareOp::Ge => Some(CompareOp::Gt),
        CompareOp::Gt => Some(CompareOp::Ge),
        CompareOp::Le => Some(CompareOp::Lt),
        CompareOp::Lt => Some(CompareOp::Le),
        CompareOp::Eq | CompareOp::Ne => None,
    }
}

fn literal_text(literal: &ir::Literal) -> String {
    match literal {
        ir::Literal::Number(number) => number.to_string(),
        ir::Literal::Text(text) => text.clone(),
        ir::Literal::Bool(flag) => flag.to_string(),
        ir::Literal::Date(day) => crate::date::format(*day),
    }
}

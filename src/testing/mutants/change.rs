//! The mutations of a program: where each one is (a rule, or a let shared
//! by rules, and a path to the node inside its condition), what it changes,
//! and how a person reads it.

use crate::ast::CompareOp;
use crate::ir;
use crate::source::{Source, Span};

/// Where a mutation applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// A rule (index into `Program::rules`).
    Rule(u32),
    /// A let's body (index into `Program::lets`).
    Let(u32),
}

/// One small change to the rules.
#[derive(Debug, Clone, PartialEq)]
pub struct Mutation {
    /// The rule or let changed.
    pub place: Place,
    /// What is changed there.
    change: Change,
    /// Child indexes from the condition's root to the changed node.
    path: Vec<usize>,
    /// The text the change is about.
    pub span: Span,
    /// The change as a person reads it: "`employees 10..1000` with 10 moved to 11".
    pub description: String,
}

#[derive(Debug, Clone, PartialEq)]
enum Change {
    /// Operand `0` or `1` of a comparison, range or `within` moved by this.
    Threshold(usize, f64),
    /// The comparison's operator replaced.
    Operator(CompareOp),
    /// Operand of an `and` / `or` dropped.
    Drop(usize),
    /// A list member removed.
    Member(usize),
    /// The rule's effect changes sign.
    FlipSign,
    /// The (disqualify) rule never fires.
    NeverFires,
}

impl Mutation {
    /// Whether the verdict can change only where the rule fires: an
    /// effect flipped, or a rule that no longer fires at all.
    pub fn only_where_it_fires(&self) -> bool {
        matches!(self.change, Change::FlipSign | Change::NeverFires)
    }

    /// The mutated rule of a `Place::Rule` mutation (the rule unchanged otherwise).
    pub fn rule(&self, program: &ir::Program) -> ir::Rule {
        let index = match self.place {
            Place::Rule(index) => index,
            Place::Let(_) => return program.rules[0].clone(),
        };
        let mut rule = program.rules[index as usize].clone();
        self.change_rule(&mut rule, program);
        rule
    }

    /// The whole program with the change made.
    pub fn apply(&self, program: &ir::Program) -> ir::Program {
        let mut mutated = program.clone();
        match self.place {
            Place::Rule(index) => {
                let rule = &mut mutated.rules[index as usize];
                self.change_rule(rule, program);
            }
            Place::Let(index) => {
                let body = &mut mutated.lets[index as usize].body;
                change_cond(body, &self.path, &self.change);
            }
        }
        // A dropped clause takes its tests' ids along, a removed
        // disqualifier brings new tests: the plan wants them dense again.
        mutated.number_preds();
        mutated
    }

    fn change_rule(&self, rule: &mut ir::Rule, program: &ir::Program) {
        match &self.change {
            Change::FlipSign => {
                if let ir::Effect::Add { delta, .. } = &mut rule.effect {
                    *delta = -*delta;
                }
            }
            Change::NeverFires => rule.condition = never(program, rule.condition.span),
            Change::Threshold(..) | Change::Operator(_) | Change::Drop(_) | Change::Member(_) => {
                change_cond(&mut rule.condition, &self.path, &self.change);
            }
        }
    }
}

/// A condition that is never true: `F is missing and F is present`.
fn never(program: &ir::Program, span: Span) -> ir::Cond {
    let field = ir::FieldId(0);
    let pred = |missing: bool| ir::Cond {
        kind: ir::CondKind::Pred(ir::Pred::new(
            ir::Subject::Field(field),
            ir::PredTest::Missing(missing),
        )),
        span,
    };
    if program.fields.is_empty() {
        // INVARIANT: a rule's condition tests a field, so a program with
        // rules has fields; keep the rule as it is otherwise.
        return ir::Cond {
            kind: ir::CondKind::And(Vec::new()),
            span,
        };
    }
    ir::Cond {
        kind: ir::CondKind::And(vec![pred(true), pred(false)]),
        span,
    }
}

fn change_cond(cond: &mut ir::Cond, path: &[usize], change: &Change) {
    if let Some((first, rest)) = path.split_first() {
        match &mut cond.kind {
            ir::CondKind::And(operands) | ir::CondKind::Or(operands) => {
                if let Some(operand) = operands.get_mut(*first) {
                    change_cond(operand, rest, change);
                }
            }
            ir::CondKind::Not(inner) => change_cond(inner, rest, change),
            ir::CondKind::Let(_) | ir::CondKind::Pred(_) => {}
        }
        return;
    }
    match (&mut cond.kind, change) {
        (ir::CondKind::And(operands) | ir::CondKind::Or(operands), Change::Drop(index)) => {
            operands.remove(*index);
            if operands.len() == 1
                && let Some(only) = operands.pop()
            {
                *cond = only;
            }
        }
        (ir::CondKind::Pred(pred), change) => change_pred(&mut pred.test, change),
        (
            ir::CondKind::And(_)
            | ir::CondKind::Or(_)
            | ir::CondKind::Not(_)
            | ir::CondKind::Let(_),
            _,
        ) => {}
    }
}

fn change_pred(test: &mut ir::PredTest, change: &Change) {
    let shift = |literal: &mut ir::Literal, by: f64| match literal {
        ir::Literal::Number(number) => *number += by,
        ir::Literal::Date(day) => *day += by as i32,
        ir::Literal::Text(_) | ir::Literal::Bool(_) => {}
    };
    match (test, change) {
        (ir::PredTest::Compare(_, literal), Change::Threshold(_, by)) => shift(literal, *by),
        (ir::PredTest::Range(low, _), Change::Threshold(0, by)) => shift(low, *by),
        (ir::PredTest::Range(_, high), Change::Threshold(_, by)) => shift(high, *by),
        (ir::PredTest::Within(days), Change::Threshold(_, by)) => *days += *by as i64,
        (ir::PredTest::Compare(op, _), Change::Operator(new)) => *op = *new,
        (ir::PredTest::In { values, .. }, Change::Member(index)) => {
            values.remove(*index);
        }
        (ir::PredTest::HasAny(values) | ir::PredTest::HasAll(values), Change::Member(index)) => {
            values.remove(*index);
        }
        (_, _) => {}
    }
}

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
        match &rule.effect {
            ir::Effect::Add { score, delta } if *delta != 0 => {
                let name = &program.score(*score).name;
                found.push(Mutation {
                    place,
                    change: Change::FlipSign,
                    path: Vec::new(),
                    span: at,
                    description: format!(
                        "rule `{}` gives {name} {:+} instead of {name} {delta:+}",
                        rule.name, -delta
                    ),
                });
            }
            ir::Effect::Add { .. } => {}
            ir::Effect::Disqualify { .. } => found.push(Mutation {
                place,
                change: Change::NeverFires,
                path: Vec::new(),
                span: at,
                description: format!("disqualifier `{}` removed", rule.name),
            }),
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

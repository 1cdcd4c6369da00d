//! The mutations of a program: where each one is (a rule, or a let shared
//! by rules, and a path to the node inside its condition), what it changes,
//! and how a person reads it.

use crate::ast::CompareOp;
use crate::ir;
use crate::source::Span;

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
    pub(super) change: Change,
    /// Child indexes from the condition's root to the changed node.
    pub(super) path: Vec<usize>,
    /// The text the change is about.
    pub span: Span,
    /// The change as a person reads it: "`employees 10..1000` with 10 moved to 11".
    pub description: String,
}

#[derive(Debug, Clone, PartialEq)]
pub(super) enum Change {
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

    /// For a mutation that changes the rule only where it fires: whether it
    /// still fires there (a flipped effect does; a removed disqualifier not).
    pub fn still_fires(&self) -> bool {
        !matches!(self.change, Change::NeverFires)
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
                for effect in &mut rule.effects {
                    if let ir::Effect::Add { delta, .. } = effect {
                        *delta = -*delta;
                    }
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

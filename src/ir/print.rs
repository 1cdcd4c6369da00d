//! The IR as s-expressions: what check snapshots show, and a stable text
//! for tools (`icpc diff`, editors) to show a checked program.
//!
//! One line per declaration: fields, scores, each shared let once
//! (`let NAME: COND`), rules, tiers. A let use prints as `(let NAME)`, so
//! the text grows with the program, not with how often lets are used.

use crate::ir;
use std::fmt;

/// Displays a whole program; `format!("{}", print::Program(&program))`.
#[derive(Debug, Clone, Copy)]
pub struct Program<'p>(pub &'p ir::Program);

impl fmt::Display for Program<'_> {
    fn fmt(&self, out: &mut fmt::Formatter<'_>) -> fmt::Result {
        let program = self.0;
        let fields: Vec<String> = (program.fields.iter())
            .map(|field| format!("{}: {}", field.name, field.ty.as_str()))
            .collect();
        let scores: Vec<&str> = (program.scores.iter())
            .map(|score| score.name.as_str())
            .collect();
        let schema = if program.has_schema {
            "declared"
        } else {
            "inferred"
        };
        writeln!(out, "schema: {schema}")?;
        writeln!(out, "fields: {}", fields.join(", "))?;
        writeln!(out, "scores: {}", scores.join(", "))?;
        for let_ in &program.lets {
            writeln!(out, "let {}: {}", let_.name, Cond(program, &let_.body))?;
        }
        for rule in &program.rules {
            let condition = Cond(program, &rule.condition);
            write!(out, "rule {}: {condition} =>", rule.name)?;
            for (index, effect) in rule.effects.iter().enumerate() {
                let comma = if index == 0 { "" } else { "," };
                write!(out, "{comma} {}", Effect(program, effect))?;
            }
            writeln!(out)?;
        }
        for tier in &program.tiers {
            match &tier.condition {
                Some(condition) => {
                    writeln!(out, "tier {}: {}", tier.name, Cond(program, condition))?
                }
                None => writeln!(out, "tier {}: otherwise", tier.name)?,
            }
        }
        Ok(())
    }
}

/// Displays one condition; field, score and let names come from the program.
#[derive(Debug, Clone, Copy)]
pub struct Cond<'p>(pub &'p ir::Program, pub &'p ir::Cond);

impl fmt::Display for Cond<'_> {
    fn fmt(&self, out: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Cond(program, cond) = *self;
        let chain = |out: &mut fmt::Formatter<'_>, name: &str, operands: &[ir::Cond]| {
            write!(out, "({name}")?;
            for operand in operands {
                write!(out, " {}", Cond(program, operand))?;
            }
            write!(out, ")")
        };
        match &cond.kind {
            ir::CondKind::And(operands) => chain(out, "and", operands),
            ir::CondKind::Or(operands) => chain(out, "or", operands),
            ir::CondKind::Not(inner) => write!(out, "(not {})", Cond(program, inner)),
            ir::CondKind::Let(id) => write!(out, "(let {})", program.let_(*id).name),
            ir::CondKind::Pred(pred) => pred_text(out, program, pred),
        }
    }
}

/// Displays an effect: `fit +30`, `disqualify "students"`.
#[derive(Debug, Clone, Copy)]
pub struct Effect<'p>(pub &'p ir::Program, pub &'p ir::Effect);

impl fmt::Display for Effect<'_> {
    fn fmt(&self, out: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.1 {
            ir::Effect::Add { score, delta } => {
                write!(out, "{} {delta:+}", self.0.score(*score).name)
            }
            ir::Effect::Disqualify { reason } => write!(out, "disqualify {reason:?}"),
        }
    }
}

fn pred_text(out: &mut fmt::Formatter<'_>, program: &ir::Program, pred: &ir::Pred) -> fmt::Result {
    let subject = match pred.subject {
        ir::Subject::Field(field) => program.field(field).name.clone(),
        ir::Subject::Score(score) => format!("score:{}", program.score(score).name),
    };
    let list = |values: &[ir::Literal]| values.iter().map(literal).collect::<Vec<_>>().join(" ");
    match &pred.test {
        ir::PredTest::Compare(op, value) => {
            write!(out, "({} {subject} {})", op.as_str(), literal(value))
        }
        ir::PredTest::In { values, negated } => {
            let op = if *negated { "not-in" } else { "in" };
            write!(out, "({op} {subject} [{}])", list(values))
        }
        ir::PredTest::Range(low, high) => {
            write!(out, "(range {subject} {} {})", literal(low), literal(high))
        }
        ir::PredTest::HasAny(values) => write!(out, "(has-any {subject} {values:?})"),
        ir::PredTest::HasAll(values) => write!(out, "(has-all {subject} {values:?})"),
        ir::PredTest::Text(op, text) => write!(out, "({} {subject} {text:?})", op.as_str()),
        ir::PredTest::Matches {
            pattern,
            case_insensitive,
        } => {
            let flag = if *case_insensitive { "i" } else { "" };
            write!(out, "(matches {subject} /{pattern}/{flag})")
        }
        ir::PredTest::Missing(true) => write!(out, "(missing {subject})"),
        ir::PredTest::Missing(false) => write!(out, "(present {subject})"),
        ir::PredTest::Within(days) => write!(out, "(within {subject} {days})"),
    }
}

fn literal(literal: &ir::Literal) -> String {
    match literal {
        ir::Literal::Number(number) => number.to_string(),
        ir::Literal::Text(text) => format!("{text:?}"),
        ir::Literal::Bool(flag) => flag.to_string(),
        ir::Literal::Date(days) => format!("@{}", crate::date::format(*days)),
    }
}

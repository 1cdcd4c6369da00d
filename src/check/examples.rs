//! Examples: their records typed for the program's fields, their expected
//! outcomes resolved to the program's tiers, scores and rules (E601-E608).
//!
//! Runs after the program is built, against its fields (declared, or
//! inferred from the rules in a schema-less file), so an example is typed
//! exactly as a lead with the same values would be read.

use super::errors;
use super::types::{self, Whole};
use crate::ast;
use crate::diagnostic::Diagnostic;
use crate::ir;
use crate::record::Value;
use crate::source::{Source, Span};
use crate::suggest::did_you_mean;
use std::collections::HashMap;

/// The file's examples and `as_of` day; every problem is reported and the
/// example it is in is left out.
pub fn lower(
    file: &ast::File,
    program: &ir::Program,
    source: &Source,
    diagnostics: &mut Vec<Diagnostic>,
) -> ir::Suite {
    let mut suite = ir::Suite::default();
    let mut as_of_span: Option<Span> = None;
    let mut names: HashMap<&str, Span> = HashMap::new();
    let context = Context { program, source };
    for as_of in file.as_ofs() {
        if let Some(first) = as_of_span {
            diagnostics.push(errors::duplicate_name(
                "declaration",
                "as_of",
                as_of.span,
                first,
            ));
            continue;
        }
        as_of_span = Some(as_of.span);
        if let ast::ValueKind::Date(text) = &as_of.date.kind {
            match types::date(text, as_of.date.span) {
                Ok(day) => suite.as_of = Some(day),
                Err(diagnostic) => diagnostics.push(diagnostic),
            }
        }
    }
    for example in file.examples() {
        if let Some(first) = names.get(example.name.value.as_str()) {
            diagnostics.push(errors::duplicate_example(
                &example.name.value,
                example.name.span,
                *first,
            ));
        } else {
            names.insert(&example.name.value, example.name.span);
        }
        let problems = diagnostics.len();
        let lowered = context.example(example, diagnostics);
        if diagnostics.len() == problems {
            suite.examples.push(lowered);
        }
    }
    suite
}

struct Context<'a> {
    program: &'a ir::Program,
    source: &'a Source,
}

impl Context<'_> {
    fn example(&self, example: &ast::Example, diagnostics: &mut Vec<Diagnostic>) -> ir::Example {
        let mut givens: Vec<ir::Given> = Vec::new();
        let mut seen: HashMap<&str, Span> = HashMap::new();
        for entry in &example.record {
            if let Some(first) = seen.insert(&entry.field.name, entry.field.span) {
                diagnostics.push(errors::repeated_example_field(
                    &entry.field.name,
                    entry.field.span,
                    first,
                ));
                continue;
            }
            match self.given(entry) {
                Ok(given) => givens.push(given),
                Err(diagnostic) => diagnostics.push(diagnostic),
            }
        }
        let mut expectations = Vec::new();
        for expectation in &example.expectations {
            match self.expectation(expectation) {
                Ok(kind) => expectations.push(ir::Expectation {
                    kind,
                    span: expectation.span,
                }),
                Err(diagnostic) => diagnostics.push(diagnostic),
            }
        }
        contradictions(&expectations, self.program, diagnostics);
        ir::Example {
            name: example.name.value.clone(),
            name_span: example.name.span,
            span: example.span,
            givens,
            expectations,
        }
    }

    fn given(&self, entry: &ast::Entry) -> Result<ir::Given, Diagnostic> {
        let name = &entry.field.name;
        let Some(field) = self.program.field_id(name) else {
            let candidates = self.program.fields.iter().map(|field| field.name.as_str());
            return Err(errors::example_unknown_field(
                name,
                entry.field.span,
                self.program.has_schema,
                did_you_mean(name, candidates),
            ));
        };
        let ty = self.program.field(field).ty;
        let value = typed(&entry.value, ty).map_err(|problem| match problem {
            types::Problem::Invalid(diagnostic) => diagnostic,
            types::Problem::Mismatch => errors::example_wrong_type(
                name,
                ty,
                &found(&entry.value, self.source),
                entry.value.span(),
            ),
        })?;
        Ok(ir::Given {
            field,
            value,
            span: entry.span,
        })
    }

    fn expectation(
        &self,
        expectation: &ast::Expectation,
    ) -> Result<ir::ExpectationKind, Diagnostic> {
        let program = self.program;
        Ok(match &expectation.kind {
            ast::ExpectationKind::Tier(tier) => {
                let names = program.tiers.iter().map(|tier| tier.name.as_str());
                let index = names.clone().position(|name| name == tier.name);
                let index = index.ok_or_else(|| {
                    let suggestion = did_you_mean(&tier.name, names);
                    errors::example_unknown_tier(&tier.name, tier.span, suggestion)
                })?;
                ir::ExpectationKind::Tier(index as u32)
            }
            ast::ExpectationKind::NoTier => ir::ExpectationKind::NoTier,
            ast::ExpectationKind::Disqualified(reason) => ir::ExpectationKind::Disqualified(
                reason.as_ref().map(|reason| reason.value.clone()),
            ),
            ast::ExpectationKind::Fires { rule, negated } => {
                let names = program.rules.iter().map(|rule| rule.name.as_str());
                let index = names.clone().position(|name| name == rule.value);
                let index = index.ok_or_else(|| {
                    let suggestion = did_you_mean(&rule.value, names);
                    errors::example_unknown_rule(&rule.value, rule.span, suggestion)
                })?;
                ir::ExpectationKind::Fires {
                    rule: index as u32,
                    fires: !negated,
                }
            }
            ast::ExpectationKind::Score { score, value } => {
                let names = program.scores.iter().map(|score| score.name.as_str());
                let index = names.clone().position(|name| name == score.name);
                let index = index.ok_or_else(|| {
                    let suggestion = did_you_mean(&score.name, names);
                    errors::example_unknown_score(&score.name, score.span, suggestion)
                })?;
                let value = match types::whole(value)? {
                    Whole::Value(points) => points,
                    Whole::Fraction | Whole::TooLarge => {
                        return Err(errors::example_bad_score(
                            &score.name,
                            &value.raw,
                            value.span,
                        ));
                    }
                };
                ir::ExpectationKind::Score {
                    score: ir::ScoreId(index as u32),
                    value,
                }
            }
        })
    }
}

/// A value as a lead record of this field's type would hold it.
fn typed(value: &ast::EntryValue, ty: ir::Type) -> Result<Value, types::Problem> {
    let value = match (value, ty) {
        (ast::EntryValue::List(list), ir::Type::TextList) => {
            let items = list.items.iter().map(|item| match &item.kind {
                ast::ValueKind::Text(text) => Ok(text.value.clone()),
                ast::ValueKind::Number(_) | ast::ValueKind::Bool(_) | ast::ValueKind::Date(_) => {
                    Err(types::Problem::Mismatch)
                }
            });
            return items.collect::<Result<_, _>>().map(Value::List);
        }
        (ast::EntryValue::List(_), _) | (ast::EntryValue::Value(_), ir::Type::TextList) => {
            return Err(types::Problem::Mismatch);
        }
        (ast::EntryValue::Value(value), _) => value,
    };
    if ty == ir::Type::Any {
        return Ok(Value::Present(match &value.kind {
            ast::ValueKind::Number(number) => number.digits(),
            ast::ValueKind::Text(text) => text.value.clone(),
            ast::ValueKind::Bool(flag) => flag.to_string(),
            ast::ValueKind::Date(date) => date.clone(),
        }));
    }
    if let (ast::ValueKind::Number(number), ir::Type::Int) = (&value.kind, ty)
        && !number.is_integer()
    {
        return Err(types::Problem::Mismatch);
    }
    Ok(match types::literal(value, ty)? {
        ir::Literal::Number(number) => Value::Number(number),
        ir::Literal::Text(text) => Value::Text(text),
        ir::Literal::Bool(flag) => Value::Bool(flag),
        ir::Literal::Date(day) => Value::Date(day),
    })
}

/// What the example wrote, for E602: "the text `SaaS`", "a list".
fn found(value: &ast::EntryValue, source: &Source) -> String {
    let written = source.slice(value.span());
    let kind = match value {
        ast::EntryValue::List(_) => return format!("the list `{written}`"),
        ast::EntryValue::Value(value) => match &value.kind {
            ast::ValueKind::Number(_) => "the number",
            ast::ValueKind::Text(_) => "the text",
            ast::ValueKind::Bool(_) => "the value",
            ast::ValueKind::Date(_) => "the date",
        },
    };
    format!("{kind} `{written}`")
}

/// E608: two outcomes (tiers, `no tier`, `disqualified` against a tier),
/// one score expected twice, or a rule that must both fire and not.
fn contradictions(
    expectations: &[ir::Expectation],
    program: &ir::Program,
    diagnostics: &mut Vec<Diagnostic>,
) {
    for (index, later) in expectations.iter().enumerate() {
        let clash = expectations[..index].iter().find_map(|earlier| {
            clash(&earlier.kind, &later.kind, program).map(|what| (earlier, what))
        });
        if let Some((earlier, what)) = clash {
            diagnostics.push(errors::contradictory_expectation(
                &what,
                later.span,
                earlier.span,
            ));
        }
    }
}

fn clash(
    earlier: &ir::ExpectationKind,
    later: &ir::ExpectationKind,
    program: &ir::Program,
) -> Option<String> {
    use ir::ExpectationKind::{Disqualified, Fires, NoTier, Score, Tier};
    match (earlier, later) {
        (Disqualified(_), Disqualified(_)) => None,
        (Tier(_) | NoTier | Disqualified(_), Tier(_) | NoTier | Disqualified(_)) => Some(
            "the example expects two outcomes; a lead gets one tier, `no tier` or `disqualified`"
                .to_string(),
        ),
        (Score { score: first, .. }, Score { score: second, .. }) if first == second => Some(
            format!("score `{}` is expected twice", program.score(*first).name),
        ),
        (Fires { rule: first, .. }, Fires { rule: second, .. }) if first == second => {
            Some(format!(
                "rule `{}` is expected twice",
                program.rules[*first as usize].name
            ))
        }
        (Tier(_) | NoTier | Disqualified(_) | Fires { .. } | Score { .. }, _) => None,
    }
}

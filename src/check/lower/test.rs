//! Lowering of one test (`employees 10..1000`) to an `ir::Pred`.
//!
//! Resolves the subject (a field in rules, a score in tiers), checks that
//! the operator applies to its type (E206), and converts every operand to
//! a typed literal (E205, E104, E105, E208, E212).

use super::{Context, Lowerer};
use crate::ast;
use crate::check::errors;
use crate::check::types::{self, OpKind, Problem, Whole};
use crate::ir;
use crate::source::Span;
use crate::suggest::did_you_mean;

/// The most days `within` accepts (about 2,700 years).
const MAX_DAYS: i64 = 1_000_000;

/// What a test tests, as far as typing goes.
struct Subject<'t> {
    id: ir::Subject,
    name: &'t str,
    ty: ir::Type,
    /// The declaration, when a schema declared the field.
    declaration: Option<Span>,
}

impl<'a> Lowerer<'a> {
    /// A test as a condition: one predicate, or for `contains any LIST`
    /// (and `starts_with any`, `ends_with any`) an `or` of one predicate
    /// per item, which is exactly its meaning, missing data included.
    pub(super) fn test_kind(
        &mut self,
        test: &'a ast::Test,
        context: Context,
    ) -> Option<ir::CondKind> {
        if let ast::TestOp::TextAny(text_op, list) = &test.op {
            return self.text_any(test, *text_op, list, context);
        }
        self.test(test, context).map(ir::CondKind::Pred)
    }

    /// `FIELD contains any LIST`: one `contains` per item, joined by `or`;
    /// an empty list is E803 (it would never hold).
    fn text_any(
        &mut self,
        test: &'a ast::Test,
        text_op: ast::TextOp,
        list: &'a ast::ListRef,
        context: Context,
    ) -> Option<ir::CondKind> {
        let subject = self.checked_subject(test, context)?;
        let items = self.list_values(list)?;
        if items.is_empty() {
            return self.report(errors::empty_text_any(text_op.as_str(), list.span()));
        }
        let texts = self.values(list, &subject, ir::Type::Text)?;
        let preds = (texts.into_iter().zip(items))
            .map(|(literal, item)| {
                let pred = ir::Pred {
                    id: self.pred_id(),
                    subject: subject.id,
                    test: ir::PredTest::Text(text_op, text(literal)),
                    spans: ir::PredSpans {
                        subject: test.field.span,
                        op: test.op_span,
                        values: vec![item.span],
                    },
                };
                ir::Cond {
                    kind: ir::CondKind::Pred(pred),
                    span: item.span,
                }
            })
            .collect();
        Some(ir::CondKind::Or(preds))
    }

    /// A test; `None` if anything in it is wrong (reported).
    pub(super) fn test(&mut self, test: &'a ast::Test, context: Context) -> Option<ir::Pred> {
        let subject = self.checked_subject(test, context)?;
        let operation = self.operation(&test.op, &subject)?;
        let spans = ir::PredSpans {
            subject: test.field.span,
            op: test.op_span,
            values: self.value_spans(&test.op),
        };
        Some(ir::Pred {
            id: self.pred_id(),
            subject: subject.id,
            test: operation,
            spans,
        })
    }

    /// The subject of a test whose operator applies to its type.
    fn checked_subject(&mut self, test: &'a ast::Test, context: Context) -> Option<Subject<'a>> {
        let Some(subject) = self.subject(&test.field, context) else {
            if let ast::TestOp::Matches(pattern) = &test.op {
                let problems = self.regex(pattern).err().unwrap_or_default();
                self.diagnostics.extend(problems);
            }
            return None;
        };
        if self.conflicts.contains(&test.op_span) {
            return None;
        }
        let kind = OpKind::of(&test.op);
        if !kind.applies_to(subject.ty) {
            let score = matches!(subject.id, ir::Subject::Score(_));
            let ty = (!score).then_some(subject.ty);
            let help = errors::operator_help(kind, subject.ty);
            let op = types::op_name(&test.op);
            let diagnostic = errors::bad_operator(op, subject.name, ty, test.op_span, help);
            self.diagnostics.push(diagnostic);
            return None;
        }
        Some(subject)
    }

    /// Where each operand of a test is written (a named list's items inside
    /// its let); called only once the test has lowered, so names resolve.
    fn value_spans(&mut self, op: &'a ast::TestOp) -> Vec<Span> {
        let list = |lowerer: &mut Self, list: &'a ast::ListRef| {
            let items = lowerer.list_values(list).unwrap_or_default();
            items.iter().map(|item| item.span).collect()
        };
        match op {
            ast::TestOp::Compare(_, value)
            | ast::TestOp::Has(value)
            | ast::TestOp::Text(_, value) => {
                vec![value.span]
            }
            ast::TestOp::Range(low, high) => vec![low.span, high.span],
            ast::TestOp::In { list: items, .. } | ast::TestOp::HasQuantified(_, items) => {
                list(self, items)
            }
            ast::TestOp::Matches(pattern) => vec![pattern.span],
            ast::TestOp::MatchesNamed(name) => {
                (self.pattern_let(name)).map_or_else(Vec::new, |pattern| vec![pattern.span])
            }
            ast::TestOp::TextAny(_, items) => list(self, items),
            ast::TestOp::Missing(_) => Vec::new(),
            ast::TestOp::Within(days) => vec![days.span],
        }
    }

    /// The field (rules) or score (tiers) a test names.
    fn subject(&mut self, field: &'a ast::FieldPath, context: Context) -> Option<Subject<'a>> {
        let name = field.name.as_str();
        let score = self.scope.score(name);
        match (context, self.fields.get(name), score) {
            (Context::Rule | Context::Segment, Some(index), _) => {
                let entry = &self.fields.entries[index];
                Some(Subject {
                    id: ir::Subject::Field(ir::FieldId(index as u32)),
                    name,
                    ty: entry.ty?,
                    declaration: entry.declared.then_some(entry.span),
                })
            }
            (Context::Tier | Context::Segment, _, Some(index)) => Some(Subject {
                id: ir::Subject::Score(ir::ScoreId(index as u32)),
                name,
                ty: ir::Type::Int,
                declaration: None,
            }),
            (Context::Rule, None, Some(index)) => {
                let definition = self.scope.scores[index].name.span;
                self.report(errors::score_in_rule(name, field.span, definition))
            }
            (Context::Rule, None, None) => {
                let suggestion = did_you_mean(name, self.fields.names());
                self.report(errors::unknown_field(name, field.span, suggestion))
            }
            (Context::Tier, Some(_), None) => self.report(errors::field_in_tier(name, field.span)),
            (Context::Segment, None, None) => {
                let names = self.fields.names().chain(self.scope.score_names());
                let suggestion = did_you_mean(name, names);
                self.report(errors::unknown_field(name, field.span, suggestion))
            }
            (Context::Tier, None, None) => {
                let suggestion = did_you_mean(name, self.scope.score_names());
                self.report(errors::unknown_score(name, field.span, suggestion))
            }
        }
    }

    fn report<T>(&mut self, diagnostic: crate::diagnostic::Diagnostic) -> Option<T> {
        self.diagnostics.push(diagnostic);
        None
    }

    /// The operation, its operands typed for the subject.
    fn operation(&mut self, op: &'a ast::TestOp, subject: &Subject) -> Option<ir::PredTest> {
        Some(match op {
            ast::TestOp::Compare(compare, value) => {
                ir::PredTest::Compare(*compare, self.value(value, subject, subject.ty)?)
            }
            ast::TestOp::In { negated, list } => ir::PredTest::In {
                values: self.values(list, subject, subject.ty)?,
                negated: *negated,
            },
            ast::TestOp::Range(low, high) => self.range(low, high, subject)?,
            ast::TestOp::Has(value) => {
                ir::PredTest::HasAny(vec![text(self.value(value, subject, ir::Type::Text)?)])
            }
            ast::TestOp::HasQuantified(quantifier, list) => {
                let values = self.values(list, subject, ir::Type::Text)?;
                let values = values.into_iter().map(text).collect();
                match quantifier {
                    ast::Quantifier::Any => ir::PredTest::HasAny(values),
                    ast::Quantifier::All => ir::PredTest::HasAll(values),
                }
            }
            ast::TestOp::Text(text_op, value) => {
                if let ast::ValueKind::Text(word) = &value.kind
                    && !word.quoted
                    && word.value == "any"
                {
                    return self.report(errors::ambiguous_any(text_op.as_str(), value.span));
                }
                ir::PredTest::Text(*text_op, text(self.value(value, subject, ir::Type::Text)?))
            }
            ast::TestOp::TextAny(_, _) => return None,
            ast::TestOp::MatchesNamed(name) => {
                let pattern = self.pattern_let(name)?;
                // Its problems were reported at the let, once.
                self.regex(pattern).ok()?;
                ir::PredTest::Matches {
                    pattern: pattern.pattern.clone(),
                    case_insensitive: pattern.case_insensitive(),
                }
            }
            ast::TestOp::Matches(pattern) => {
                if let Err(problems) = self.regex(pattern) {
                    self.diagnostics.extend(problems);
                    return None;
                }
                ir::PredTest::Matches {
                    pattern: pattern.pattern.clone(),
                    case_insensitive: pattern.case_insensitive(),
                }
            }
            ast::TestOp::Missing(missing) => ir::PredTest::Missing(*missing),
            ast::TestOp::Within(days) => ir::PredTest::Within(self.days(days)?),
        })
    }

    /// One operand as a literal of type `expected`.
    fn value(
        &mut self,
        value: &ast::Value,
        subject: &Subject,
        expected: ir::Type,
    ) -> Option<ir::Literal> {
        match types::literal(value, expected) {
            Ok(literal) => Some(literal),
            Err(Problem::Invalid(diagnostic)) => self.report(diagnostic),
            Err(Problem::Mismatch) => {
                let declaration = subject.declaration.map(|span| (span, subject.ty));
                self.report(errors::type_mismatch(
                    subject.name,
                    expected,
                    value,
                    declaration,
                ))
            }
        }
    }

    /// Every value of a list, each checked.
    fn values(
        &mut self,
        list: &'a ast::ListRef,
        subject: &Subject,
        expected: ir::Type,
    ) -> Option<Vec<ir::Literal>> {
        let items = self.list_values(list)?;
        let converted: Vec<Option<ir::Literal>> = items
            .iter()
            .map(|item| self.value(item, subject, expected))
            .collect();
        converted.into_iter().collect()
    }

    /// `low..high`; E212 when written high to low.
    fn range(
        &mut self,
        low: &ast::Value,
        high: &ast::Value,
        subject: &Subject,
    ) -> Option<ir::PredTest> {
        let low_literal = self.value(low, subject, subject.ty);
        let high_literal = self.value(high, subject, subject.ty)?;
        let low_literal = low_literal?;
        if order(&low_literal) > order(&high_literal) {
            let span = low.span.join(high.span);
            let (low_text, high_text) = (self.source.slice(low.span), self.source.slice(high.span));
            return self.report(errors::backwards_range(low_text, high_text, span));
        }
        Some(ir::PredTest::Range(low_literal, high_literal))
    }

    /// The number of days of `within N days`.
    fn days(&mut self, days: &ast::Number) -> Option<i64> {
        match types::whole(days) {
            Ok(Whole::Value(count)) if count <= MAX_DAYS => Some(count),
            Ok(Whole::Value(_) | Whole::TooLarge) => {
                self.report(errors::too_many_days(&days.raw, days.span))
            }
            Ok(Whole::Fraction) => self.report(errors::fractional_days(&days.raw, days.span)),
            Err(diagnostic) => self.report(diagnostic),
        }
    }
}

/// The text of a literal converted as text.
fn text(literal: ir::Literal) -> String {
    match literal {
        ir::Literal::Text(text) => text,
        ir::Literal::Number(_) | ir::Literal::Bool(_) | ir::Literal::Date(_) => String::new(),
    }
}

/// A literal's position on a number line, for range ends.
fn order(literal: &ir::Literal) -> f64 {
    match literal {
        ir::Literal::Number(number) => *number,
        ir::Literal::Date(days) => f64::from(*days),
        ir::Literal::Text(_) | ir::Literal::Bool(_) => 0.0,
    }
}

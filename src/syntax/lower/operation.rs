//! Lowering of field tests (`employees 10..1000`) and their operands.

use super::{Lowered, Lowerer, children};
use crate::ast;
use crate::syntax::Rule;
use pest::iterators::Pair;

impl Lowerer {
    /// `test`: a field and one operation.
    pub(super) fn test(&self, pair: Pair<Rule>) -> Lowered<ast::Expr> {
        let span = self.span(&pair);
        let mut parts = children(pair);
        let field = self.field_path(self.next(&mut parts, span)?);
        let operation = self.next(&mut parts, span)?;
        let op_span = operation_keyword_span(self, &operation);
        let op = self.operation(operation)?;
        Ok(ast::Expr {
            kind: ast::ExprKind::Test(ast::Test { field, op, op_span }),
            span,
        })
    }

    #[expect(
        clippy::wildcard_enum_match_arm,
        reason = "the grammar decides which rules reach this match"
    )]
    fn operation(&self, pair: Pair<Rule>) -> Lowered<ast::TestOp> {
        let span = self.span(&pair);
        let grammar_rule = pair.as_rule();
        let mut parts = children(pair.clone());
        let mut next = || self.next(&mut parts, span);
        Ok(match grammar_rule {
            Rule::compare => {
                let op = compare_op(next()?.as_str());
                ast::TestOp::Compare(op, self.value(next()?)?)
            }
            Rule::in_list => ast::TestOp::In {
                negated: false,
                list: self.list_ref(next()?)?,
            },
            Rule::not_in => ast::TestOp::In {
                negated: true,
                list: self.list_ref(next()?)?,
            },
            Rule::range => ast::TestOp::Range(self.value(next()?)?, self.value(next()?)?),
            Rule::has_quantified => {
                let quantifier = match next()?.as_str() {
                    "all" => ast::Quantifier::All,
                    _ => ast::Quantifier::Any,
                };
                ast::TestOp::HasQuantified(quantifier, self.list_ref(next()?)?)
            }
            Rule::has => ast::TestOp::Has(self.value(next()?)?),
            Rule::text_test => {
                let op = text_op(next()?.as_str());
                ast::TestOp::Text(op, self.value(next()?)?)
            }
            Rule::text_any => {
                let op = text_op(next()?.as_str());
                ast::TestOp::TextAny(op, self.list_ref(next()?)?)
            }
            Rule::matches => {
                let operand = next()?;
                match operand.as_rule() {
                    Rule::pattern_name => {
                        let name_span = self.span(&operand);
                        let name = self.next(&mut children(operand), name_span)?;
                        ast::TestOp::MatchesNamed(self.ident(name))
                    }
                    _ => ast::TestOp::Matches(self.regex(operand)),
                }
            }
            Rule::is_test => ast::TestOp::Missing(next()?.as_str() == "missing"),
            Rule::within => ast::TestOp::Within(self.number(next()?)),
            _ => return self.unexpected(&pair),
        })
    }

    #[expect(
        clippy::wildcard_enum_match_arm,
        reason = "the grammar decides which rules reach this match"
    )]
    fn list_ref(&self, pair: Pair<Rule>) -> Lowered<ast::ListRef> {
        match pair.as_rule() {
            Rule::list => self.list(pair).map(ast::ListRef::Literal),
            Rule::list_name => {
                let span = self.span(&pair);
                Ok(ast::ListRef::Name(
                    self.ident(self.next(&mut children(pair), span)?),
                ))
            }
            _ => self.unexpected(&pair),
        }
    }

    /// `list`
    pub(super) fn list(&self, pair: Pair<Rule>) -> Lowered<ast::List> {
        let span = self.span(&pair);
        let mut apart = self.lists.borrow_mut();
        if !apart.is_empty()
            && let Some(items) = apart.remove(&(span.start as usize))
        {
            return Ok(ast::List { items, span });
        }
        drop(apart);
        let items = children(pair)
            .map(|item| self.value(item))
            .collect::<Lowered<_>>()?;
        Ok(ast::List { items, span })
    }

    /// `list_items`: a piece of a long list's inside.
    pub fn list_items(&self, pair: Pair<Rule>) -> Lowered<Vec<ast::Value>> {
        children(pair)
            .filter(|item| item.as_rule() == Rule::value)
            .map(|item| self.value(item))
            .collect()
    }

    #[expect(
        clippy::wildcard_enum_match_arm,
        reason = "the grammar decides which rules reach this match"
    )]
    pub(super) fn value(&self, pair: Pair<Rule>) -> Lowered<ast::Value> {
        let span = self.span(&pair);
        let literal = self.next(&mut children(pair), span)?;
        let kind = match literal.as_rule() {
            Rule::number => ast::ValueKind::Number(self.number(literal)),
            Rule::string => ast::ValueKind::Text(self.string(literal)),
            Rule::boolean => ast::ValueKind::Bool(literal.as_str() == "true"),
            Rule::date => ast::ValueKind::Date(literal.as_str().to_string()),
            Rule::bare_word => ast::ValueKind::Text(ast::Text {
                value: literal.as_str().to_string(),
                quoted: false,
                span,
            }),
            _ => return self.unexpected(&literal),
        };
        Ok(ast::Value { kind, span })
    }

    /// `regex`
    pub(super) fn regex(&self, pair: Pair<Rule>) -> ast::Regex {
        let span = self.span(&pair);
        let text = pair.as_str();
        let close = text.rfind('/').unwrap_or(text.len());
        let body = text.get(1..close).unwrap_or("");
        let flags = text.get(close + 1..).unwrap_or("");
        ast::Regex {
            pattern: body.replace("\\/", "/"),
            flags: flags.to_string(),
            span,
        }
    }
}

/// The span of an operation's keyword(s) or symbol: `not in`, `>=`, `10..1000`.
fn operation_keyword_span(lowerer: &Lowerer, operation: &Pair<Rule>) -> crate::source::Span {
    let whole = lowerer.span(operation);
    let mut tokens = operation.clone().into_inner().filter(|part| {
        crate::syntax::describe::is_token(part.as_rule())
            || matches!(
                part.as_rule(),
                Rule::compare_op | Rule::text_op | Rule::quantifier | Rule::presence
            )
    });
    match (tokens.next(), tokens.last()) {
        (Some(first), Some(last)) => lowerer.span(&first).join(lowerer.span(&last)),
        (Some(only), None) => lowerer.span(&only),
        (None, _) => whole,
    }
}

fn compare_op(text: &str) -> ast::CompareOp {
    match text {
        "==" => ast::CompareOp::Eq,
        "!=" => ast::CompareOp::Ne,
        "<" => ast::CompareOp::Lt,
        "<=" => ast::CompareOp::Le,
        ">" => ast::CompareOp::Gt,
        _ => ast::CompareOp::Ge,
    }
}

fn text_op(keyword: &str) -> ast::TextOp {
    match keyword {
        "starts_with" => ast::TextOp::StartsWith,
        "ends_with" => ast::TextOp::EndsWith,
        _ => ast::TextOp::Contains,
    }
}

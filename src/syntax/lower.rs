//! Lowering: pest's `Pair`s to the AST, one function per grammar rule.
//!
//! The grammar fixes the shape of every pair, so a pair of an unexpected
//! rule is a bug in this file; it becomes an [`Internal`] error (reported as
//! a diagnostic), never a panic. Punctuation and keyword tokens are skipped.

use super::Rule;
use crate::ast;
use crate::source::Span;
use pest::iterators::{Pair, Pairs};
use std::cell::RefCell;
use std::collections::HashMap;

mod example;
mod operation;

/// A pair the grammar should not have produced here.
#[derive(Debug, Clone, Copy)]
pub struct Internal {
    /// Where.
    pub span: Span,
    /// What was found.
    pub rule: Rule,
}

type Lowered<T> = Result<T, Internal>;

/// Lowers pairs of text that starts `base` bytes into the source.
pub struct Lowerer {
    /// Offset of the parsed slice in the whole text.
    pub base: usize,
    /// The values of long lists parsed apart (`long_list`), by the source
    /// offset of their `[`: the list pair itself was parsed blanked.
    pub lists: RefCell<HashMap<usize, Vec<ast::Value>>>,
    /// The insides of those lists, taken out of the parsed text.
    pub cuts: Vec<super::long_list::Cut>,
}

impl Lowerer {
    /// A lowerer of text starting `base` bytes into the source.
    pub fn new(base: usize) -> Lowerer {
        Lowerer {
            base,
            lists: RefCell::default(),
            cuts: Vec::new(),
        }
    }

    /// The pair's span without trailing whitespace, which pest keeps when
    /// an optional or repeated tail fails to match.
    fn span(&self, pair: &Pair<Rule>) -> Span {
        let span = pair.as_span();
        let end = span.start() + pair.as_str().trim_end().len();
        let at = |offset| self.base + super::long_list::uncut(&self.cuts, offset);
        Span::new(at(span.start()), at(end))
    }

    fn unexpected<T>(&self, pair: &Pair<Rule>) -> Lowered<T> {
        Err(Internal {
            span: self.span(pair),
            rule: pair.as_rule(),
        })
    }

    /// `item`: one declaration.
    #[expect(
        clippy::wildcard_enum_match_arm,
        reason = "the grammar decides which rules reach this match"
    )]
    pub fn item(&self, pair: Pair<Rule>) -> Lowered<ast::Item> {
        let span = self.span(&pair);
        let declaration = first(pair.into_inner()).ok_or(Internal {
            span,
            rule: Rule::item,
        })?;
        match declaration.as_rule() {
            Rule::include => self.include(declaration).map(ast::Item::Include),
            Rule::schema => self.schema(declaration).map(ast::Item::Schema),
            Rule::score_decl => self.score_decl(declaration).map(ast::Item::Score),
            Rule::group_decl => self.group_decl(declaration).map(ast::Item::Group),
            Rule::let_decl => self.let_decl(declaration).map(ast::Item::Let),
            Rule::tier => self.tier(declaration).map(ast::Item::Tier),
            Rule::segment => self.segment(declaration).map(ast::Item::Segment),
            Rule::rule_decl => self.rule_decl(declaration).map(ast::Item::Rule),
            Rule::example => self.example(declaration).map(ast::Item::Example),
            Rule::as_of => self.as_of(declaration).map(ast::Item::AsOf),
            _ => self.unexpected(&declaration),
        }
    }

    fn include(&self, pair: Pair<Rule>) -> Lowered<ast::Include> {
        let span = self.span(&pair);
        let path = self.string(self.next(&mut children(pair), span)?);
        Ok(ast::Include { path, span })
    }

    fn schema(&self, pair: Pair<Rule>) -> Lowered<ast::Schema> {
        let span = self.span(&pair);
        let mut preset = None;
        let mut fields = Vec::new();
        for part in children(pair) {
            if part.as_rule() == Rule::schema_preset {
                preset = Some(self.schema_preset(part, span)?);
            } else {
                fields.push(self.field_decl(part)?);
            }
        }
        Ok(ast::Schema {
            preset,
            fields,
            span,
        })
    }

    fn schema_preset(&self, pair: Pair<Rule>, span: Span) -> Lowered<ast::Ident> {
        Ok(self.ident(self.next(&mut children(pair), span)?))
    }

    fn field_decl(&self, pair: Pair<Rule>) -> Lowered<ast::FieldDecl> {
        let span = self.span(&pair);
        let mut parts = children(pair);
        let name = self.field_path(self.next(&mut parts, span)?);
        let ty = self.type_name(self.next(&mut parts, span)?)?;
        let (mut fixed, mut source, mut format) = (None, None, None);
        for part in parts {
            let rule = part.as_rule();
            if rule == Rule::fixed_mark {
                fixed = Some(self.span(&part));
                continue;
            }
            // The grammar puts only `field_source` and `field_format` here.
            let text = self.string(self.next(&mut children(part), span)?);
            if rule == Rule::field_source {
                source = Some(text);
            } else {
                format = Some(text);
            }
        }
        Ok(ast::FieldDecl {
            name,
            ty,
            fixed,
            source,
            format,
            span,
        })
    }

    fn type_name(&self, pair: Pair<Rule>) -> Lowered<ast::TypeName> {
        let span = self.span(&pair);
        let mut parts = children(pair);
        let name = self.ident(self.next(&mut parts, span)?);
        let element = parts
            .next()
            .map(|element| self.type_name(element))
            .transpose()?;
        Ok(ast::TypeName {
            name,
            element: element.map(Box::new),
            span,
        })
    }

    fn score_decl(&self, pair: Pair<Rule>) -> Lowered<ast::Score> {
        let span = self.span(&pair);
        let mut parts = children(pair);
        let name = self.ident(self.next(&mut parts, span)?);
        let bounds = parts
            .map(|bound| self.cap_bound(bound))
            .collect::<Lowered<Vec<_>>>()?;
        let last = bounds.last().map_or(name.span, |bound| bound.span);
        let span = up_to(span, last);
        Ok(ast::Score { name, bounds, span })
    }

    #[expect(
        clippy::wildcard_enum_match_arm,
        reason = "the grammar decides which rules reach this match"
    )]
    fn group_decl(&self, pair: Pair<Rule>) -> Lowered<ast::Group> {
        let span = self.span(&pair);
        let mut parts = children(pair);
        let name = self.ident(self.next(&mut parts, span)?);
        let mut bounds = Vec::new();
        let mut rules = Vec::new();
        for part in parts {
            match part.as_rule() {
                Rule::cap_bound => bounds.push(self.cap_bound(part)?),
                Rule::ident => rules.push(self.ident(part)),
                _ => return self.unexpected(&part),
            }
        }
        let last = (rules.last().map(|rule| rule.span))
            .or_else(|| bounds.last().map(|bound| bound.span))
            .unwrap_or(name.span);
        Ok(ast::Group {
            name,
            bounds,
            rules,
            span: up_to(span, last),
        })
    }

    fn cap_bound(&self, pair: Pair<Rule>) -> Lowered<ast::CapBound> {
        let span = self.span(&pair);
        let mut parts = children(pair);
        let most = self.next(&mut parts, span)?.as_str().ends_with("most");
        let limit = self.number(self.next(&mut parts, span)?);
        Ok(ast::CapBound { most, limit, span })
    }

    #[expect(
        clippy::wildcard_enum_match_arm,
        reason = "the grammar decides which rules reach this match"
    )]
    fn let_decl(&self, pair: Pair<Rule>) -> Lowered<ast::Let> {
        let span = self.span(&pair);
        let mut parts = children(pair);
        let name = self.ident(self.next(&mut parts, span)?);
        let value = self.next(&mut parts, span)?;
        let value = match value.as_rule() {
            Rule::list => ast::LetValue::List(self.list(value)?),
            Rule::regex => ast::LetValue::Pattern(self.regex(value)),
            Rule::condition => ast::LetValue::Condition(self.condition(value)?),
            _ => return self.unexpected(&value),
        };
        let span = match &value {
            ast::LetValue::Condition(body) => up_to(span, body.span),
            ast::LetValue::List(_) | ast::LetValue::Pattern(_) => span,
        };
        Ok(ast::Let { name, value, span })
    }

    #[expect(
        clippy::wildcard_enum_match_arm,
        reason = "the grammar decides which rules reach this match"
    )]
    fn tier(&self, pair: Pair<Rule>) -> Lowered<ast::Tier> {
        let span = self.span(&pair);
        let mut parts = children(pair);
        let name = self.ident(self.next(&mut parts, span)?);
        let body = self.next(&mut parts, span)?;
        let (condition, otherwise) = match body.as_rule() {
            Rule::otherwise => (None, Some(self.span(&body))),
            Rule::condition => (Some(self.condition(body)?), None),
            _ => return self.unexpected(&body),
        };
        let last = (condition.as_ref().map(|condition| condition.span)).or(otherwise);
        Ok(ast::Tier {
            name,
            condition,
            otherwise,
            span: last.map_or(span, |last| up_to(span, last)),
        })
    }

    fn segment(&self, pair: Pair<Rule>) -> Lowered<ast::Segment> {
        let span = self.span(&pair);
        let mut parts = children(pair);
        let name = self.ident(self.next(&mut parts, span)?);
        let condition = self.condition(self.next(&mut parts, span)?)?;
        Ok(ast::Segment {
            name,
            span: up_to(span, condition.span),
            condition,
        })
    }

    #[expect(
        clippy::wildcard_enum_match_arm,
        reason = "the grammar decides which rules reach this match"
    )]
    fn rule_decl(&self, pair: Pair<Rule>) -> Lowered<ast::Rule> {
        let span = self.span(&pair);
        let mut parts = children(pair).peekable();
        let name = match parts.peek() {
            Some(first) if first.as_rule() == Rule::ident => {
                parts.next().map(|name| self.ident(name))
            }
            _ => None,
        };
        let condition = self.condition(self.next(&mut parts, span)?)?;
        let effects = parts
            .map(|effect| match effect.as_rule() {
                Rule::score_change => self.score_change(effect),
                Rule::disqualify => self.disqualify(effect),
                _ => self.unexpected(&effect),
            })
            .collect::<Lowered<Vec<_>>>()?;
        let last = effects.last().map_or(span, ast::Effect::span);
        Ok(ast::Rule {
            name,
            condition,
            effects,
            span: up_to(span, last),
        })
    }

    fn score_change(&self, pair: Pair<Rule>) -> Lowered<ast::Effect> {
        let span = self.span(&pair);
        let mut parts = children(pair);
        let score = self.ident(self.next(&mut parts, span)?);
        let negative = self.next(&mut parts, span)?.as_str() == "-";
        let amount = self.number(self.next(&mut parts, span)?);
        Ok(ast::Effect::Score {
            score,
            negative,
            amount,
            span,
        })
    }

    fn disqualify(&self, pair: Pair<Rule>) -> Lowered<ast::Effect> {
        let span = self.span(&pair);
        let reason = self.string(self.next(&mut children(pair), span)?);
        Ok(ast::Effect::Disqualify { reason, span })
    }

    /// `condition`: operands joined by `or`.
    pub fn condition(&self, pair: Pair<Rule>) -> Lowered<ast::Expr> {
        let span = self.span(&pair);
        let operands = children(pair)
            .map(|operand| self.conjunction(operand))
            .collect::<Lowered<Vec<_>>>()?;
        Ok(chain(operands, span, Chain::Or))
    }

    fn conjunction(&self, pair: Pair<Rule>) -> Lowered<ast::Expr> {
        let span = self.span(&pair);
        let operands = children(pair)
            .map(|operand| self.negation(operand))
            .collect::<Lowered<Vec<_>>>()?;
        Ok(chain(operands, span, Chain::And))
    }

    #[expect(
        clippy::wildcard_enum_match_arm,
        reason = "the grammar decides which rules reach this match"
    )]
    fn negation(&self, pair: Pair<Rule>) -> Lowered<ast::Expr> {
        let mut nots = Vec::new();
        let mut primary = None;
        for part in children(pair) {
            match part.as_rule() {
                Rule::not_op => nots.push(self.span(&part)),
                Rule::group => primary = Some(self.group(part)?),
                Rule::test => primary = Some(self.test(part)?),
                Rule::name_ref => {
                    let name =
                        self.ident(self.next(&mut children(part.clone()), self.span(&part))?);
                    let span = name.span;
                    primary = Some(ast::Expr {
                        kind: ast::ExprKind::Name(name),
                        span,
                    });
                }
                _ => return self.unexpected(&part),
            }
        }
        let mut expr = primary.ok_or(Internal {
            span: Span::new(self.base, self.base),
            rule: Rule::negation,
        })?;
        for not in nots.into_iter().rev() {
            let span = not.join(expr.span);
            expr = ast::Expr {
                kind: ast::ExprKind::Not(Box::new(expr)),
                span,
            };
        }
        Ok(expr)
    }

    fn group(&self, pair: Pair<Rule>) -> Lowered<ast::Expr> {
        let span = self.span(&pair);
        let mut inner = self.condition(self.next(&mut children(pair), span)?)?;
        inner.span = span;
        Ok(inner)
    }

    fn next<'i>(
        &self,
        parts: &mut impl Iterator<Item = Pair<'i, Rule>>,
        span: Span,
    ) -> Lowered<Pair<'i, Rule>> {
        parts.next().ok_or(Internal {
            span,
            rule: Rule::item,
        })
    }

    /// `ident`
    pub fn ident(&self, pair: Pair<Rule>) -> ast::Ident {
        ast::Ident {
            name: pair.as_str().to_string(),
            span: self.span(&pair),
        }
    }

    /// `field_path`
    pub fn field_path(&self, pair: Pair<Rule>) -> ast::FieldPath {
        ast::FieldPath {
            name: pair.as_str().to_string(),
            span: self.span(&pair),
        }
    }

    /// `number` and `amount`
    pub fn number(&self, pair: Pair<Rule>) -> ast::Number {
        ast::Number {
            raw: pair.as_str().to_string(),
            span: self.span(&pair),
        }
    }

    /// `string`: escapes `\"`, `\\`, `\n`, `\t` resolved; others kept as written.
    pub fn string(&self, pair: Pair<Rule>) -> ast::Text {
        let span = self.span(&pair);
        let body = pair.as_str();
        let body = body.get(1..body.len().saturating_sub(1)).unwrap_or("");
        ast::Text {
            value: unescape(body),
            quoted: true,
            span,
        }
    }
}

/// Which n-ary chain is being built.
#[derive(Clone, Copy)]
enum Chain {
    Or,
    And,
}

/// Builds an n-ary chain, flattening operands of the same kind
/// (`(a or b) or c` is `a or b or c`).
fn chain(mut operands: Vec<ast::Expr>, span: Span, chain: Chain) -> ast::Expr {
    if operands.len() == 1
        && let Some(only) = operands.pop()
    {
        return only;
    }
    let mut flat = Vec::with_capacity(operands.len());
    for operand in operands {
        match (chain, operand.kind) {
            (Chain::Or, ast::ExprKind::Or(inner)) | (Chain::And, ast::ExprKind::And(inner)) => {
                flat.extend(inner)
            }
            (_, kind) => flat.push(ast::Expr {
                kind,
                span: operand.span,
            }),
        }
    }
    let kind = match chain {
        Chain::Or => ast::ExprKind::Or(flat),
        Chain::And => ast::ExprKind::And(flat),
    };
    ast::Expr { kind, span }
}

/// The children of a pair, without keyword and punctuation tokens.
pub fn children(pair: Pair<Rule>) -> impl Iterator<Item = Pair<Rule>> {
    pair.into_inner()
        .filter(|child| !super::describe::is_token(child.as_rule()))
}

fn first(pairs: Pairs<Rule>) -> Option<Pair<Rule>> {
    pairs
        .into_iter()
        .find(|pair| !super::describe::is_token(pair.as_rule()))
}

/// Resolves `\"`, `\\`, `\n` and `\t`; any other escape is kept as written.
pub fn unescape(body: &str) -> String {
    let mut text = String::with_capacity(body.len());
    let mut chars = body.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            text.push(c);
            continue;
        }
        match chars.next() {
            Some('"') => text.push('"'),
            Some('\\') => text.push('\\'),
            Some('n') => text.push('\n'),
            Some('t') => text.push('\t'),
            Some(other) => {
                text.push('\\');
                text.push(other);
            }
            None => text.push('\\'),
        }
    }
    text
}

/// A declaration's span from its first word to the end of `last`, its last
/// part: a pair ending in a repetition (`(comma ~ effect)*`, a condition's
/// `(kw_or ~ ...)*`) runs on over the comments after it, which are no part
/// of the declaration (an allow comment there is the next one's).
fn up_to(span: Span, last: Span) -> Span {
    Span {
        start: span.start,
        end: last.end.min(span.end),
    }
}

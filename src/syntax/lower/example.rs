//! Lowering of `example` and `as_of` declarations: a record and the
//! expected outcome, kept as written for the checker to resolve.

use super::{Internal, Lowered, Lowerer, children};
use crate::ast;
use crate::syntax::Rule;
use pest::iterators::Pair;

impl Lowerer {
    /// `example "NAME": {RECORD} => EXPECTATION, ...`
    pub(super) fn example(&self, pair: Pair<Rule>) -> Lowered<ast::Example> {
        let span = self.span(&pair);
        let mut parts = children(pair);
        let name = self.string(self.next(&mut parts, span)?);
        let record = self.next(&mut parts, span)?;
        let record_span = self.span(&record);
        let record = children(record)
            .map(|entry| self.entry(entry))
            .collect::<Lowered<_>>()?;
        let expectations = parts
            .map(|expectation| self.expectation(expectation))
            .collect::<Lowered<_>>()?;
        Ok(ast::Example {
            name,
            record,
            record_span,
            expectations,
            span,
        })
    }

    #[expect(
        clippy::wildcard_enum_match_arm,
        reason = "the grammar decides which rules reach this match"
    )]
    fn entry(&self, pair: Pair<Rule>) -> Lowered<ast::Entry> {
        let span = self.span(&pair);
        let mut parts = children(pair);
        let field = self.field_path(self.next(&mut parts, span)?);
        let value = self.next(&mut parts, span)?;
        let value = match value.as_rule() {
            Rule::list => ast::EntryValue::List(self.list(value)?),
            Rule::value => ast::EntryValue::Value(self.value(value)?),
            _ => return self.unexpected(&value),
        };
        Ok(ast::Entry { field, value, span })
    }

    #[expect(
        clippy::wildcard_enum_match_arm,
        reason = "the grammar decides which rules reach this match"
    )]
    fn expectation(&self, pair: Pair<Rule>) -> Lowered<ast::Expectation> {
        let span = self.span(&pair);
        let inner = self.next(&mut children(pair), span)?;
        let kind = match inner.as_rule() {
            Rule::expect_no_tier => ast::ExpectationKind::NoTier,
            Rule::expect_tier => {
                ast::ExpectationKind::Tier(self.ident(self.next(&mut children(inner), span)?))
            }
            Rule::expect_disqualified => ast::ExpectationKind::Disqualified(
                children(inner).next().map(|reason| self.string(reason)),
            ),
            Rule::expect_fires => self.fires(inner, span)?,
            Rule::expect_segment => {
                let mut negated = false;
                let mut segment = None;
                for part in children(inner) {
                    match part.as_rule() {
                        Rule::not_op => negated = true,
                        Rule::ident => segment = Some(self.ident(part)),
                        _ => {}
                    }
                }
                let segment = segment.ok_or(Internal {
                    span,
                    rule: Rule::expect_segment,
                })?;
                ast::ExpectationKind::Segment { segment, negated }
            }
            Rule::expect_score => {
                let mut parts = children(inner);
                let score = self.ident(self.next(&mut parts, span)?);
                let value = self.number(self.next(&mut parts, span)?);
                ast::ExpectationKind::Score { score, value }
            }
            _ => return self.unexpected(&inner),
        };
        Ok(ast::Expectation { kind, span })
    }

    /// `fires RULE` or `not fires RULE`; a bare name is kept as text so
    /// that named and unnamed (`"line 37"`) rules are looked up alike.
    #[expect(
        clippy::wildcard_enum_match_arm,
        reason = "the grammar decides which rules reach this match"
    )]
    fn fires(&self, pair: Pair<Rule>, span: crate::source::Span) -> Lowered<ast::ExpectationKind> {
        let mut negated = false;
        for part in children(pair) {
            match part.as_rule() {
                Rule::not_op => negated = true,
                Rule::rule_ref => {
                    let name = self.next(&mut children(part), span)?;
                    let rule = if name.as_rule() == Rule::string {
                        self.string(name)
                    } else {
                        let ident = self.ident(name);
                        ast::Text {
                            value: ident.name,
                            quoted: false,
                            span: ident.span,
                        }
                    };
                    return Ok(ast::ExpectationKind::Fires { rule, negated });
                }
                _ => return self.unexpected(&part),
            }
        }
        Err(Internal {
            span,
            rule: Rule::expect_fires,
        })
    }

    /// `as_of DATE`
    pub(super) fn as_of(&self, pair: Pair<Rule>) -> Lowered<ast::AsOf> {
        let span = self.span(&pair);
        let date = self.next(&mut children(pair), span)?;
        let date = ast::Value {
            kind: ast::ValueKind::Date(date.as_str().to_string()),
            span: self.span(&date),
        };
        Ok(ast::AsOf { date, span })
    }
}

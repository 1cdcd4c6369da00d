//! Lowering of rules, effects and tiers.
//!
//! Unnamed rules are named after their line (`line 27`); effects must name
//! a declared score (E202) and change it by a whole number of points within
//! [`MAX_POINTS`] (E209); `otherwise` must be the last tier (E211).

use super::{Context, Lowerer};
use crate::ast;
use crate::check::errors;
use crate::check::types::{self, Whole};
use crate::ir;
use crate::suggest::did_you_mean;

/// The most points one rule may add or take away, so that the scores of
/// even a very large file add up without overflow.
pub const MAX_POINTS: i64 = 1_000_000_000_000;

impl<'a> Lowerer<'a> {
    /// Every rule that checks; problems of the others are reported.
    pub fn rules(&mut self, file: &'a ast::File) -> Vec<ir::Rule> {
        file.rules().filter_map(|rule| self.rule(rule)).collect()
    }

    fn rule(&mut self, rule: &'a ast::Rule) -> Option<ir::Rule> {
        let condition = self.cond(&rule.condition, Context::Rule);
        let effects = self.effects(&rule.effects)?;
        let name = match &rule.name {
            Some(name) => name.name.clone(),
            None if self.source.is_included(rule.span.start) => format!(
                "{} line {}",
                self.source.file_name(rule.span.start),
                self.source.line(rule.span.start)
            ),
            None => format!("line {}", self.source.line(rule.span.start)),
        };
        Some(ir::Rule {
            name,
            named: rule.name.is_some(),
            name_span: rule.name.as_ref().map(|name| name.span),
            condition: condition?,
            effects,
            span: rule.span,
        })
    }

    /// A rule's effects, each checked; a second change of one score or a
    /// second `disqualify` is E801 (two changes would read as a typo for
    /// another score, and their sum says the same in one).
    fn effects(&mut self, effects: &[ast::Effect]) -> Option<Vec<ir::Effect>> {
        let lowered: Vec<Option<ir::Effect>> =
            effects.iter().map(|effect| self.effect(effect)).collect();
        for (index, effect) in lowered.iter().enumerate() {
            let earlier = (lowered[..index].iter().zip(effects))
                .find(|(other, _)| other.is_some() && same_target(other.as_ref(), effect.as_ref()));
            if let Some((_, first)) = earlier {
                let diagnostic = errors::repeated_effect(&effects[index], first);
                self.diagnostics.push(diagnostic);
                return None;
            }
        }
        lowered.into_iter().collect()
    }

    fn effect(&mut self, effect: &ast::Effect) -> Option<ir::Effect> {
        match effect {
            ast::Effect::Score {
                score,
                negative,
                amount,
                ..
            } => {
                let score_id = self.score_id(score);
                let points = self.points(amount)?;
                Some(ir::Effect::Add {
                    score: score_id?,
                    delta: if *negative { -points } else { points },
                })
            }
            ast::Effect::Disqualify { reason, .. } => Some(ir::Effect::Disqualify {
                reason: reason.value.clone(),
            }),
        }
    }

    fn score_id(&mut self, score: &ast::Ident) -> Option<ir::ScoreId> {
        if let Some(index) = self.scope.score(&score.name) {
            return Some(ir::ScoreId(index as u32));
        }
        let suggestion = did_you_mean(&score.name, self.scope.score_names());
        self.diagnostics
            .push(errors::unknown_score(&score.name, score.span, suggestion));
        None
    }

    fn points(&mut self, amount: &ast::Number) -> Option<i64> {
        let problem = match types::whole(amount) {
            Ok(Whole::Value(points)) if points <= MAX_POINTS => return Some(points),
            Ok(Whole::Value(_) | Whole::TooLarge) => {
                errors::effect_too_large(&amount.raw, amount.span, MAX_POINTS)
            }
            Ok(Whole::Fraction) => errors::fractional_effect(&amount.raw, amount.span),
            Err(diagnostic) => diagnostic,
        };
        self.diagnostics.push(problem);
        None
    }

    /// Every segment that checks; problems of the others are reported.
    pub fn segments(&mut self, file: &'a ast::File) -> Vec<ir::Segment> {
        let mut lowered = Vec::new();
        for segment in file.segments() {
            if let Some(condition) = self.cond(&segment.condition, Context::Segment) {
                lowered.push(ir::Segment {
                    name: segment.name.name.clone(),
                    name_span: segment.name.span,
                    condition,
                    span: segment.span,
                });
            }
        }
        lowered
    }

    /// Every tier that checks; problems of the others are reported.
    pub fn tiers(&mut self, file: &'a ast::File) -> Vec<ir::Tier> {
        let tiers: Vec<&ast::Tier> = file.tiers().collect();
        let last = tiers.len().saturating_sub(1);
        let mut lowered = Vec::with_capacity(tiers.len());
        for (index, tier) in tiers.iter().enumerate() {
            let condition = match &tier.condition {
                Some(condition) => Some(self.cond(condition, Context::Tier)),
                None => {
                    if index != last {
                        let keyword = tier.otherwise.unwrap_or(tier.span);
                        let diagnostic = errors::otherwise_not_last(
                            &tier.name.name,
                            keyword,
                            tiers[last].name.span,
                        );
                        self.diagnostics.push(diagnostic);
                    }
                    None
                }
            };
            let condition = match condition {
                Some(Some(condition)) => Some(condition),
                Some(None) => continue,
                None => None,
            };
            lowered.push(ir::Tier {
                name: tier.name.name.clone(),
                name_span: tier.name.span,
                condition,
                otherwise: tier.otherwise,
                span: tier.span,
            });
        }
        lowered
    }
}

/// Whether two effects change the same thing: one score, or the
/// disqualification.
fn same_target(first: Option<&ir::Effect>, second: Option<&ir::Effect>) -> bool {
    match (first, second) {
        (Some(ir::Effect::Add { score, .. }), Some(ir::Effect::Add { score: other, .. })) => {
            score == other
        }
        (Some(ir::Effect::Disqualify { .. }), Some(ir::Effect::Disqualify { .. })) => true,
        (Some(_) | None, _) => false,
    }
}

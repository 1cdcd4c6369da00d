//! Score bounds and capped groups: `score fit at least 0 at most 100`,
//! `group engagement at most 30: opened_email, visited_pricing`.
//!
//! Bounds are whole numbers, at most one of each side, low not above high
//! (E807); a group's bounds must let 0 through, so a group none of whose
//! rules fire adds nothing (E807). A group names rules that exist (E805,
//! with a suggestion) and a rule is in one group at most (E806); two
//! groups with one name are E204.

use super::errors;
use super::types::{self, Whole};
use crate::ast;
use crate::diagnostic::Diagnostic;
use crate::ir;
use crate::suggest::did_you_mean;
use std::collections::HashMap;

/// The caps of `file`, over its lowered `rules` (found by name) and
/// `scores` (in declaration order).
pub fn lower(
    file: &ast::File,
    scores: &[&ast::Score],
    rules: &[ir::Rule],
    diagnostics: &mut Vec<Diagnostic>,
) -> ir::Caps {
    let mut caps = ir::Caps {
        scores: (scores.iter())
            .map(|score| bounds(&score.bounds, false, diagnostics))
            .collect(),
        ..ir::Caps::default()
    };
    let written: Vec<&str> = (file.rules())
        .filter_map(|rule| rule.name.as_ref().map(|name| name.name.as_str()))
        .collect();
    let mut names: HashMap<&str, ast::Ident> = HashMap::new();
    let mut member: HashMap<&str, &ast::Ident> = HashMap::new();
    for group in file.groups() {
        if let Some(first) = names.get(group.name.name.as_str()) {
            let diagnostic =
                errors::duplicate_name("group", &group.name.name, group.name.span, first.span);
            diagnostics.push(diagnostic);
            continue;
        }
        names.insert(&group.name.name, group.name.clone());
        let mut lowered = ir::Group {
            name: group.name.name.clone(),
            name_span: group.name.span,
            span: group.span,
            bounds: bounds(&group.bounds, true, diagnostics),
            rules: Vec::new(),
        };
        for rule in &group.rules {
            if !written.contains(&rule.name.as_str()) {
                let suggestion = did_you_mean(&rule.name, written.iter().copied());
                diagnostics.push(errors::unknown_group_rule(
                    rule,
                    &group.name.name,
                    suggestion,
                ));
                continue;
            }
            if let Some(first) = member.insert(&rule.name, rule) {
                diagnostics.push(errors::rule_in_two_groups(rule, first.span));
                continue;
            }
            if let Some(index) = rules.iter().position(|lowered| lowered.name == rule.name) {
                lowered.rules.push(index as u32);
            }
        }
        lowered.rules.sort_unstable();
        caps.groups.push(lowered);
    }
    if !caps.groups.is_empty() {
        caps.group_of = vec![None; rules.len()];
        for (index, group) in caps.groups.iter().enumerate() {
            for rule in &group.rules {
                caps.group_of[*rule as usize] = Some(index as u32);
            }
        }
    }
    caps
}

/// The bounds written on a score (`group: false`) or group, each checked.
fn bounds(written: &[ast::CapBound], group: bool, diagnostics: &mut Vec<Diagnostic>) -> ir::Bounds {
    let mut bounds = ir::Bounds::default();
    let mut spans = [None, None];
    for bound in written {
        let limit = match types::whole(&bound.limit) {
            Ok(Whole::Value(limit)) => limit,
            Ok(Whole::Fraction | Whole::TooLarge) => {
                diagnostics.push(errors::bound_not_whole(&bound.limit));
                continue;
            }
            Err(diagnostic) => {
                diagnostics.push(diagnostic);
                continue;
            }
        };
        let (side, slot) = if bound.most {
            (&mut bounds.at_most, 1)
        } else {
            (&mut bounds.at_least, 0)
        };
        if let Some(first) = spans[slot] {
            diagnostics.push(errors::bound_twice(bound, first));
            continue;
        }
        let excludes_zero = if bound.most { limit < 0 } else { limit > 0 };
        if group && excludes_zero {
            diagnostics.push(errors::group_bound_excludes_zero(bound));
            continue;
        }
        *side = Some(limit);
        spans[slot] = Some(bound.span);
    }
    if let (Some(low), Some(high), [Some(low_span), Some(high_span)]) =
        (bounds.at_least, bounds.at_most, spans)
        && low > high
    {
        diagnostics.push(errors::bounds_crossed(low_span, high_span));
        return ir::Bounds::default();
    }
    bounds
}

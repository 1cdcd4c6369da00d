//! The coverage and mutant sections of a file's report: every uncovered
//! goal and every surviving mutant at its `FILE:LINE:COL`, with a
//! one-line hint.

use super::{Tested, location};
use serde_json::{Value as Json, json};
use std::fmt::Write;

/// Appends the file's coverage and surviving mutants, when measured.
pub fn text(tested: &Tested<'_>, out: &mut String) {
    let rules = tested.rules;
    let name = &rules.source().name;
    if let Some(coverage) = &tested.coverage {
        let _ = writeln!(
            out,
            "coverage of {name}: {} of {} goals ({:.1}%)",
            coverage.met(),
            coverage.goals.len(),
            coverage.percent()
        );
        for goal in coverage.uncovered() {
            let _ = writeln!(out, "  {}: {}", location(rules, goal.span), goal.hint);
        }
    }
    if let Some(mutants) = &tested.mutants {
        let survivors: Vec<_> = mutants.iter().filter(|mutant| !mutant.killed).collect();
        let _ = writeln!(
            out,
            "mutants of {name}: {} of {} caught, {} survived",
            mutants.len() - survivors.len(),
            mutants.len(),
            survivors.len()
        );
        for mutant in survivors {
            let mutation = &mutant.mutation;
            let _ = writeln!(
                out,
                "  {}: mutant survives: {}",
                location(rules, mutation.span),
                mutation.description
            );
        }
    }
}

/// Appends, per rule, how often it fired in the examples, on the leads, and
/// how often the leads left it unknown; then the rules dead in practice
/// and the untested ones.
pub fn leads_text(tested: &Tested<'_>, out: &mut String) {
    let Some(leads) = &tested.leads else {
        return;
    };
    let program = tested.rules.program();
    let _ = writeln!(
        out,
        "rules of {} on {} leads of {} ({} rejected):",
        tested.rules.source().name,
        leads.scored,
        leads.name,
        leads.rejected
    );
    let width = (program.rules.iter())
        .map(|rule| rule.name.len())
        .max()
        .unwrap_or(4)
        .max(4);
    let _ = writeln!(
        out,
        "  {:width$}  {:>11}  {:>14}  {:>16}",
        "rule", "in examples", "fired on leads", "unknown on leads"
    );
    let share = |count: u64| {
        let percent = super::coverage::percent(count as usize, leads.scored as usize);
        let percent = if leads.scored == 0 { 0.0 } else { percent };
        format!("{count} ({percent:.0}%)")
    };
    for (index, rule) in program.rules.iter().enumerate() {
        let _ = writeln!(
            out,
            "  {:width$}  {:>11}  {:>14}  {:>16}",
            rule.name,
            leads.examples_fired[index],
            share(leads.fired[index]),
            share(leads.unknown[index])
        );
    }
    let names = |rules: Vec<usize>| -> String {
        let names: Vec<&str> = (rules.into_iter())
            .map(|rule| program.rules[rule].name.as_str())
            .collect();
        names.join(", ")
    };
    let dead: Vec<usize> = leads.dead_in_practice().collect();
    if !dead.is_empty() {
        let _ = writeln!(
            out,
            "  dead in practice (fires in examples, never on the leads): {}",
            names(dead)
        );
    }
    let untested: Vec<usize> = leads.untested().collect();
    if !untested.is_empty() {
        let _ = writeln!(out, "  untested (no example fires it): {}", names(untested));
    }
}

/// Appends the suggested examples, each under a comment saying what it is
/// for, ready to paste once a person has confirmed its outcome.
pub fn suggestions_text(tested: &Tested<'_>, out: &mut String) {
    let Some(suggestions) = &tested.suggestions else {
        return;
    };
    let rules = tested.rules;
    if suggestions.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "suggested examples for {} (the outcome is today's: confirm it before pasting):",
        rules.source().name
    );
    for suggestion in suggestions {
        let _ = writeln!(
            out,
            "# {}: {}",
            location(rules, suggestion.span),
            suggestion.reason
        );
        let _ = writeln!(out, "{}", suggestion.line);
    }
}

/// Adds `coverage`, `mutants`, `leads` and `suggestions` members to a file's JSON, when measured.
pub fn json(tested: &Tested<'_>, file: &mut Json) {
    let source = tested.rules.source();
    if let Some(coverage) = &tested.coverage {
        let uncovered: Vec<Json> = (coverage.uncovered())
            .map(|goal| {
                let position = source.position(goal.span.start);
                json!({"line": position.line, "column": position.column, "hint": goal.hint})
            })
            .collect();
        file["coverage"] = json!({
            "goals": coverage.goals.len(),
            "covered": coverage.met(),
            "percent": coverage.percent(),
            "uncovered": uncovered,
        });
    }
    if let Some(mutants) = &tested.mutants {
        let survivors: Vec<Json> = (mutants.iter())
            .filter(|mutant| !mutant.killed)
            .map(|mutant| {
                let position = source.position(mutant.mutation.span.start);
                json!({
                    "line": position.line,
                    "column": position.column,
                    "mutant": mutant.mutation.description,
                })
            })
            .collect();
        file["mutants"] = json!({
            "total": mutants.len(),
            "caught": mutants.len() - survivors.len(),
            "survived": survivors,
        });
    }
    if let Some(suggestions) = &tested.suggestions {
        let suggestions: Vec<Json> = (suggestions.iter())
            .map(|suggestion| {
                let position = source.position(suggestion.span.start);
                json!({
                    "line": position.line,
                    "column": position.column,
                    "reason": suggestion.reason,
                    "example": suggestion.line,
                })
            })
            .collect();
        file["suggestions"] = Json::Array(suggestions);
    }
    if let Some(leads) = &tested.leads {
        let program = tested.rules.program();
        let rules: Vec<Json> = (program.rules.iter().enumerate())
            .map(|(index, rule)| {
                json!({
                    "rule": rule.name,
                    "examples_fired": leads.examples_fired[index],
                    "leads_fired": leads.fired[index],
                    "leads_unknown": leads.unknown[index],
                })
            })
            .collect();
        let name = |rule: usize| program.rules[rule].name.clone();
        file["leads"] = json!({
            "file": leads.name,
            "scored": leads.scored,
            "rejected": leads.rejected,
            "rules": rules,
            "dead_in_practice": leads.dead_in_practice().map(name).collect::<Vec<_>>(),
            "untested": leads.untested().map(name).collect::<Vec<_>>(),
        });
    }
}

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

/// Adds `coverage` and `mutants` members to a file's JSON, when measured.
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
}

//! The statement: a chain of CTEs, each adding columns to the one before,
//! so every let and rule is computed once and the SQL grows with the rule
//! file, not with how often its lets are used.
//!
//! Stages: the fields read in their types, their folded forms, the lets
//! that rules use (one CTE per depth, so a let sees the lets it refers
//! to), the rules, the scores and disqualification, the lets that tiers
//! use, and the final `SELECT` of the output contract (with `segments`
//! after `tier` when the program declares segments, as `icpc eval` writes).

use super::expr::{Writer, column};
use super::{Dialect, Options, fields};
use crate::diagnostic::Diagnostic;
use crate::ir::{Cond, CondKind, Program, Subject, Type};
use std::collections::BTreeSet;

/// The whole statement.
pub fn statement(program: &Program, options: &Options, problems: &mut Vec<Diagnostic>) -> String {
    let dialect = options.dialect;
    let ident = |name: &str| dialect.ident(name);
    let mut stages: Vec<(String, String)> = Vec::new();

    let mut read = vec![format!("{} AS {}", ident("id"), ident("__icp_id"))];
    for field in &program.fields {
        let expression = fields::read(&ident(&field.name), field.ty, options);
        read.push(format!(
            "{expression} AS {}",
            ident(&column::field(&field.name))
        ));
    }
    // Typed list columns may hold NULL items (text ones are split here).
    for (index, field) in program.fields.iter().enumerate() {
        if field.ty == Type::TextList && !options.text_columns {
            read.push(format!(
                "{} AS {}",
                dialect.holds_null(&ident(&field.name)),
                ident(&column::null_item(index as u32))
            ));
        }
    }
    stages.push((
        "__icp_fields".to_owned(),
        format!(
            "SELECT\n    {}\n  FROM {}",
            read.join(",\n    "),
            relation(options)
        ),
    ));

    let mut writer = Writer {
        program,
        options,
        problems,
        folded: Default::default(),
    };
    let on_scores = lets_on_scores(program);
    let levels = let_levels(program);
    let max_level = levels.iter().copied().max().unwrap_or(0);
    for scored in [false, true] {
        if scored {
            let (rules, scores) = rules_and_scores(program, &mut writer);
            add_stage(&mut stages, "__icp_rules", rules);
            add_stage(&mut stages, "__icp_scores", scores);
        }
        for level in 0..=max_level {
            let columns: Vec<String> = (program.lets.iter().enumerate())
                .filter(|&(index, _)| on_scores[index] == scored && levels[index] == level)
                .map(|(index, let_)| {
                    format!(
                        "{} AS {}",
                        writer.cond(&let_.body),
                        ident(&column::let_(index as u32))
                    )
                })
                .collect();
            let name = format!("__icp_{}lets_{level}", if scored { "tier_" } else { "" });
            add_stage(&mut stages, &name, columns);
        }
    }

    let mut output = vec![format!("{} AS {}", ident("__icp_id"), ident("id"))];
    for (index, score) in program.scores.iter().enumerate() {
        output.push(format!(
            "{} AS {}",
            ident(&column::score(index as u32)),
            ident(&score.name)
        ));
    }
    let mut tier = format!("CASE WHEN {} THEN NULL", ident("__icp_disqualified"));
    for each in &program.tiers {
        let condition = match &each.condition {
            Some(condition) => format!("COALESCE({}, FALSE)", writer.cond(condition)),
            None => "TRUE".to_owned(),
        };
        tier.push_str(&format!(
            " WHEN {condition} THEN {}",
            dialect.text(&each.name)
        ));
    }
    tier.push_str(" END");
    output.push(format!("{tier} AS {}", ident("tier")));
    if !program.segments.is_empty() {
        // In a segment when its condition IS TRUE (NULL, unknown, is not
        // in it) and the lead is not disqualified.
        let members: Vec<(String, String)> = (program.segments.iter())
            .map(|segment| {
                let condition = format!(
                    "(NOT {} AND COALESCE({}, FALSE))",
                    ident("__icp_disqualified"),
                    writer.cond(&segment.condition)
                );
                (condition, segment.name.clone())
            })
            .collect();
        output.push(format!(
            "{} AS {}",
            dialect.selected_texts(&members),
            ident("segments")
        ));
    }
    output.push(format!(
        "{} AS {}",
        ident("__icp_disqualified"),
        ident("disqualified")
    ));
    let fired = |index: usize, value: &str| (ident(&column::rule(index)), value.to_owned());
    let matched: Vec<(String, String)> = (program.rules.iter().enumerate())
        .map(|(index, rule)| fired(index, &rule.name))
        .collect();
    let reasons: Vec<(String, String)> = (program.rules.iter().enumerate())
        .filter_map(|(index, rule)| Some(fired(index, rule.disqualify_reason()?)))
        .collect();
    output.push(format!(
        "{} AS {}",
        dialect.selected_texts(&matched),
        ident("matched")
    ));
    output.push(format!(
        "{} AS {}",
        dialect.selected_texts(&reasons),
        ident("reasons")
    ));

    // The folded fields go right after the fields, once the conditions
    // have said which they read.
    let mut rest = stages.split_off(1);
    add_stage(
        &mut stages,
        "__icp_folded",
        folded_columns(program, dialect, &writer.folded),
    );
    stages.append(&mut rest);

    let last = stages
        .last()
        .map(|(name, _)| name.clone())
        .unwrap_or_default();
    let ctes: Vec<String> = (stages.iter().enumerate())
        .map(|(index, (name, body))| {
            // Each stage after the first reads the one before.
            let from = match index.checked_sub(1) {
                Some(previous) => format!("\n  FROM {}", ident(&stages[previous].0)),
                None => String::new(),
            };
            format!("{} AS (\n  {body}{from}\n)", ident(name))
        })
        .collect();
    let select = format!(
        "WITH {}\nSELECT\n  {}\nFROM {}",
        ctes.join(",\n"),
        output.join(",\n  "),
        ident(&last)
    );
    match &options.view {
        Some(view) => format!(
            "CREATE OR REPLACE {}VIEW {} AS\n{select};\n",
            if view.temporary { "TEMPORARY " } else { "" },
            qualified(options, &view.name)
        ),
        None => format!("{select};\n"),
    }
}

/// A stage that adds `columns` to the one before (its `FROM` is written
/// with the statement); none when it adds none.
fn add_stage(stages: &mut Vec<(String, String)>, name: &str, columns: Vec<String>) {
    if columns.is_empty() {
        return;
    }
    stages.push((
        name.to_owned(),
        format!("SELECT *,\n    {}", columns.join(",\n    ")),
    ));
}

/// The folded form of each text and list field in `used`.
fn folded_columns(program: &Program, dialect: Dialect, used: &BTreeSet<u32>) -> Vec<String> {
    let ident = |name: &str| dialect.ident(name);
    (used.iter())
        .filter_map(|&index| {
            let field = &program.fields[index as usize];
            let value = ident(&column::field(&field.name));
            let expression = match field.ty {
                Type::Text => dialect.fold(&value),
                Type::TextList => dialect.fold_list(&value),
                Type::Int | Type::Number | Type::Bool | Type::Date | Type::Any => return None,
            };
            Some(format!("{expression} AS {}", ident(&column::folded(index))))
        })
        .collect()
}

/// The rules stage (whether each fired: TRUE only, unknown does not fire)
/// and the scores stage (BIGINT sums; E502 keeps them from overflowing).
fn rules_and_scores(program: &Program, writer: &mut Writer<'_>) -> (Vec<String>, Vec<String>) {
    let dialect = writer.options.dialect;
    let ident = |name: &str| dialect.ident(name);
    let rules = (program.rules.iter().enumerate())
        .map(|(index, rule)| {
            format!(
                "COALESCE({}, FALSE) AS {}",
                writer.cond(&rule.condition),
                ident(&column::rule(index))
            )
        })
        .collect();
    let mut scores: Vec<String> = (0..program.scores.len())
        .map(|score| {
            let sum = score_sum(program, score, dialect);
            format!("{sum} AS {}", ident(&column::score(score as u32)))
        })
        .collect();
    let disqualifying: Vec<String> = (program.rules.iter().enumerate())
        .filter(|(_, rule)| rule.disqualifies())
        .map(|(index, _)| ident(&column::rule(index)))
        .collect();
    let disqualified = if disqualifying.is_empty() {
        "FALSE".to_owned()
    } else {
        format!("({})", disqualifying.join(" OR "))
    };
    scores.push(format!("{disqualified} AS {}", ident("__icp_disqualified")));
    (rules, scores)
}

/// Which lets test scores (directly or through another let): those are
/// computed after the scores, for tiers.
fn lets_on_scores(program: &Program) -> Vec<bool> {
    let mut on_scores = Vec::with_capacity(program.lets.len());
    for let_ in &program.lets {
        let value = any_node(&let_.body, &mut |cond| match &cond.kind {
            CondKind::Pred(pred) => matches!(pred.subject, Subject::Score(_)),
            CondKind::Let(id) => on_scores[id.0 as usize],
            CondKind::And(_) | CondKind::Or(_) | CondKind::Not(_) => false,
        });
        on_scores.push(value);
    }
    on_scores
}

/// Each let's depth: 0 when it uses no let, else one more than the
/// deepest let it uses (a let uses only lets before it).
fn let_levels(program: &Program) -> Vec<usize> {
    let mut levels: Vec<usize> = Vec::with_capacity(program.lets.len());
    for let_ in &program.lets {
        let mut level = 0;
        any_node(&let_.body, &mut |cond| {
            if let CondKind::Let(id) = cond.kind {
                level = level.max(levels[id.0 as usize] + 1);
            }
            false
        });
        levels.push(level);
    }
    levels
}

/// Whether `test` holds for any node of the condition (not following lets).
fn any_node(cond: &Cond, test: &mut impl FnMut(&Cond) -> bool) -> bool {
    if test(cond) {
        return true;
    }
    match &cond.kind {
        CondKind::And(operands) | CondKind::Or(operands) => {
            operands.iter().any(|operand| any_node(operand, test))
        }
        CondKind::Not(inner) => any_node(inner, test),
        CondKind::Let(_) | CondKind::Pred(_) => false,
    }
}

/// The input relation: a parenthesized query as it is, else a name whose
/// dot-separated parts are each quoted.
fn relation(options: &Options) -> String {
    let table = options.table.trim();
    if table.starts_with('(') {
        format!("{table} AS {}", options.dialect.ident("__icp_input"))
    } else {
        qualified(options, table)
    }
}

pub fn qualified(options: &Options, name: &str) -> String {
    name.split('.')
        .map(|part| options.dialect.ident(part))
        .collect::<Vec<_>>()
        .join(".")
}

/// A score's total: the points of the fired rules in no group, plus each
/// capped group's points held within its bounds, all held within the
/// score's bounds (`semantics::cap`); `LEAST`/`GREATEST` in every dialect.
fn score_sum(program: &Program, score: usize, dialect: super::Dialect) -> String {
    let ident = |name: &str| dialect.ident(name);
    let target = crate::ir::ScoreId(score as u32);
    let points = |rules: &mut dyn Iterator<Item = usize>| {
        let mut sum = "CAST(0 AS BIGINT)".to_owned();
        for index in rules {
            let rule = &program.rules[index];
            if rule.adds().any(|(changed, _)| changed == target) {
                sum.push_str(&format!(
                    " + CASE WHEN {} THEN CAST({} AS BIGINT) ELSE 0 END",
                    ident(&column::rule(index)),
                    rule.delta(target)
                ));
            }
        }
        sum
    };
    let caps = &program.caps;
    let mut free = (0..program.rules.len()).filter(|rule| caps.group(*rule as u32).is_none());
    let mut sum = points(&mut free);
    for group in &caps.groups {
        let changes = |rule: &u32| {
            program.rules[*rule as usize]
                .adds()
                .any(|(changed, _)| changed == target)
        };
        if !group.rules.iter().any(changes) {
            continue;
        }
        let mut members = group.rules.iter().map(|rule| *rule as usize);
        sum = format!("{sum} + {}", within(group.bounds, points(&mut members)));
    }
    within(caps.score(score), sum)
}

/// `total` held within `bounds`, the low bound first as `semantics::cap`.
fn within(bounds: crate::ir::Bounds, total: String) -> String {
    let total = match bounds.at_least {
        Some(low) => format!("GREATEST({total}, CAST({low} AS BIGINT))"),
        None => total,
    };
    match bounds.at_most {
        Some(high) => format!("LEAST({total}, CAST({high} AS BIGINT))"),
        None => total,
    }
}

//! `icpc diff`'s claims on edits of the shipped examples: each example is
//! edited in small ways (a `>=` made `>`, a score effect changed by one,
//! a `>` made `>=`), and for every edit the witness search's witnesses
//! must differ under the reference interpreter, and a claim that no lead's
//! outcome changes must hold on the example's leads and on perturbed
//! copies of them (numbers moved by -1, +1 and +10), also scored by the
//! interpreter.

mod support;

use icpc::RuleSet;
use icpc::diff::Diff;
use icpc::verdict::{Context, Verdict};
use serde_json::Value as Json;
use std::path::Path;

const AS_OF: Context = Context { as_of: 20_269 };

/// Edits of `text`: each of the first few occurrences of `from` made `to`.
fn edits(text: &str, from: &str, to: &str, limit: usize) -> Vec<String> {
    (text.match_indices(from).take(limit))
        .map(|(at, _)| format!("{}{to}{}", &text[..at], &text[at + from.len()..]))
        .collect()
}

fn effect_edits(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for (at, _) in text.match_indices(" +").take(40) {
        let digits: String = text[at + 2..]
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        if let Ok(number) = digits.parse::<i64>() {
            let end = at + 2 + digits.len();
            found.push(format!("{} +{}{}", &text[..at], number + 1, &text[end..]));
        }
        if found.len() == 3 {
            break;
        }
    }
    found
}

/// The lead lines and copies with every number moved.
fn leads(path: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(path).expect("the example's leads");
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    for delta in [-1.0, 1.0, 10.0] {
        for line in text.lines() {
            let Ok(Json::Object(mut lead)) = serde_json::from_str::<Json>(line) else {
                continue;
            };
            for value in lead.values_mut() {
                if let Some(number) = value.as_f64() {
                    *value = serde_json::json!(number + delta);
                    if number.fract() == 0.0 {
                        *value = serde_json::json!((number + delta) as i64);
                    }
                }
            }
            lines.push(Json::Object(lead).to_string());
        }
    }
    lines
}

fn outcome(rules: &RuleSet, verdict: &Verdict) -> (Option<String>, bool, Vec<(String, i64)>) {
    let tier = verdict
        .tier
        .map(|tier| rules.program().tiers[tier as usize].name.clone());
    let scores = (rules.program().scores.iter().zip(&verdict.scores))
        .map(|(score, value)| (score.name.clone(), *value))
        .collect();
    (tier, verdict.disqualified, scores)
}

fn interp(
    rules: &RuleSet,
    record: &icpc::record::Record,
) -> (Option<String>, bool, Vec<(String, i64)>) {
    outcome(rules, &icpc::interp::eval(rules.program(), record, &AS_OF))
}

#[test]
fn witnesses_differ_and_no_change_claims_hold_on_edited_examples() {
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let mut edited = 0;
    for entry in std::fs::read_dir(examples).expect("examples/") {
        let path = entry.expect("an entry").path();
        let leads_path = path.with_extension("jsonl");
        if path.extension().is_none_or(|ext| ext != "icp") || !leads_path.exists() {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("readable");
        let old = RuleSet::compile("old.icp", text.clone()).expect("compiles");
        let lines = leads(&leads_path);
        let mut mutants = edits(&text, ">= ", "> ", 3);
        mutants.extend(edits(&text, " > ", " >= ", 3));
        mutants.extend(effect_edits(&text));
        for mutant in mutants {
            let Ok(new) = RuleSet::compile("new.icp", mutant) else {
                continue;
            };
            let mut diff = Diff::new(&old, &new);
            diff.search(&old, &new, &AS_OF);
            let Some(Ok(search)) = &diff.search else {
                continue;
            };
            for found in search.per_change.iter().flatten().chain(&search.any) {
                let before = interp(&old, &old.record_from_map(&found.lead).expect("a record"));
                let after = interp(&new, &new.record_from_map(&found.lead).expect("a record"));
                assert_ne!(
                    before,
                    after,
                    "{}: witness {:?}",
                    path.display(),
                    found.lead
                );
            }
            if !diff.outcomes_change() {
                for line in &lines {
                    let (Ok(a), Ok(b)) = (old.record_from_json(line), new.record_from_json(line))
                    else {
                        continue;
                    };
                    assert_eq!(
                        interp(&old, &a),
                        interp(&new, &b),
                        "{}: {line}",
                        path.display()
                    );
                }
            }
            edited += 1;
        }
    }
    assert!(edited >= 10, "only {edited} edits");
}

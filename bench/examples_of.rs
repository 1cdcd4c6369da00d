//! Turns leads into examples for the `icpc test` benchmark: each lead of a
//! JSON Lines file becomes an example line expecting the outcome and
//! scores the rules give it today, appended to the rule file's text.
//!
//! usage: `examples_of RULES LEADS --as-of YYYY-MM-DD > RULES_WITH_EXAMPLES`

use icpc::RuleSet;
use icpc::testing::suggest::example_line;
use icpc::verdict::Context;
use std::process::ExitCode;

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("examples_of: {message}");
            ExitCode::from(2)
        }
    }
}

fn run() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [rules_path, leads_path, flag, day] = args.as_slice() else {
        return Err("usage: examples_of RULES LEADS --as-of YYYY-MM-DD".to_string());
    };
    if flag != "--as-of" {
        return Err(format!("expected --as-of, found `{flag}`"));
    }
    let as_of = icpc::date::parse(day).ok_or(format!("`{day}` is not a date"))?;
    let text = std::fs::read_to_string(rules_path).map_err(|error| error.to_string())?;
    let rules = RuleSet::compile(rules_path.clone(), text.clone())
        .map_err(|errors| format!("{rules_path} does not compile ({} errors)", errors.len()))?;
    let leads = std::fs::read_to_string(leads_path).map_err(|error| error.to_string())?;
    let context = Context { as_of };
    let mut out = text;
    out.push_str(&format!("\nas_of {day}\n"));
    for (index, line) in leads.lines().enumerate() {
        let Ok(record) = rules.record_from_json(line) else {
            continue;
        };
        let verdict = rules.evaluate(&record, &context);
        let name = format!("lead {}", index + 1);
        out.push_str(&example_line(rules.program(), &name, &record, &verdict));
        out.push('\n');
    }
    print!("{out}");
    Ok(())
}

//! Deterministic generator of realistic B2B leads (JSON Lines or CSV), and
//! of large rule files over the same fields, for the benchmark.
//!
//! `cargo run --release --example gen_leads -- --n 1000000 --seed 1 > leads.jsonl`
//! `... --format csv`, `... --bad 0.001` (malformed lines mixed in),
//! `... --rules 300 > rules300.icp` (a rule file instead of leads).
//! Same arguments, same bytes, on every machine. Dates end at 2025-06-30:
//! evaluate with `--as-of 2025-06-30`. About 10% of fields are absent or null.

#[path = "gen_leads/pick.rs"]
mod pick;
#[path = "gen_leads/rules.rs"]
mod rules;

use pick::Random;
use std::io::Write;

struct Options {
    count: u64,
    seed: u64,
    csv: bool,
    bad: f64,
    rules: Option<usize>,
}

fn options() -> Result<Options, String> {
    let mut options = Options {
        count: 1000,
        seed: 1,
        csv: false,
        bad: 0.0,
        rules: None,
    };
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let mut value = || args.next().ok_or(format!("{flag} needs a value"));
        match flag.as_str() {
            "--n" => options.count = value()?.parse().map_err(|_| "--n takes a count")?,
            "--seed" => options.seed = value()?.parse().map_err(|_| "--seed takes a number")?,
            "--bad" => options.bad = value()?.parse().map_err(|_| "--bad takes a fraction")?,
            "--rules" => {
                options.rules = Some(value()?.parse().map_err(|_| "--rules takes a count")?)
            }
            "--format" => options.csv = value()? == "csv",
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    Ok(options)
}

fn main() -> std::process::ExitCode {
    let options = match options() {
        Ok(options) => options,
        Err(message) => {
            eprintln!("gen_leads: {message}");
            return std::process::ExitCode::from(2);
        }
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::with_capacity(1 << 20, stdout.lock());
    let written = match options.rules {
        Some(count) => out.write_all(rules::file(count, options.seed).as_bytes()),
        None => leads(&options, &mut out),
    };
    match written.and_then(|()| out.flush()) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("gen_leads: {error}");
            std::process::ExitCode::from(2)
        }
    }
}

fn leads(options: &Options, out: &mut impl Write) -> std::io::Result<()> {
    let mut random = Random::new(options.seed);
    // A separate stream, so --bad does not change the good records.
    let mut bad = Random::new(options.seed.wrapping_mul(7919).wrapping_add(17));
    if options.csv {
        writeln!(out, "{}", pick::CSV_COLUMNS.join(","))?;
    }
    let mut line = Vec::with_capacity(1024);
    for index in 1..=options.count {
        let lead = pick::Lead::generate(&mut random, index);
        line.clear();
        if options.csv {
            lead.csv(&mut line);
        } else {
            lead.json(&mut line);
        }
        if options.bad > 0.0 && bad.unit() < options.bad {
            corrupt(&mut line, &mut bad, options.csv);
        }
        line.push(b'\n');
        out.write_all(&line)?;
    }
    Ok(())
}

/// Turns a good line into a bad one: cut short, invalid UTF-8, trailing
/// text (JSON) or an unbalanced quote (CSV), or a wrong-typed value (JSON:
/// still read, with a warning) / a missing cell (CSV).
fn corrupt(line: &mut Vec<u8>, random: &mut Random, csv: bool) {
    match random.below(4) {
        0 => line.truncate(1 + random.below(line.len() as u64 - 1) as usize),
        1 => line.splice(8..8, *b"\xff\xfe\xc3(").for_each(drop),
        2 if csv => {
            line.truncate(10);
            line.extend_from_slice(b"\"unterminated,x");
        }
        2 => line.extend_from_slice(b" }"),
        _ if csv => {
            let cut = line.iter().rposition(|&byte| byte == b',').unwrap_or(0);
            line.truncate(cut);
        }
        _ => {
            let text = String::from_utf8_lossy(line);
            let wrong = text.replacen(
                "\"employees\":",
                "\"employees\":\"1,200\",\"employees_raw\":",
                1,
            );
            *line = wrong.into_bytes();
        }
    }
}

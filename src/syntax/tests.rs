//! Unit tests of the parser; whole-file behaviour is covered by fixtures.

use super::parse;
use crate::source::Source;

fn sexpr(text: &str) -> String {
    match parse(&Source::new("t.icp", text)).into_result() {
        Ok(file) => file.to_string().trim_end().to_string(),
        Err(diagnostics) => format!("{diagnostics:?}"),
    }
}

#[test]
fn precedence_not_and_or() {
    assert_eq!(
        sexpr("a == 1 or not b == 2 and c == 3 => fit +1"),
        "(rule _ (or (== a 1) (and (not (== b 2)) (== c 3))) (fit +1))"
    );
}

#[test]
fn same_operator_chains_flatten_through_parentheses() {
    assert_eq!(
        sexpr("rule r: (a == 1 and b == 2) and c == 3 => fit -2"),
        "(rule r (and (== a 1) (== b 2) (== c 3)) (fit -2))"
    );
}

#[test]
fn keywords_do_not_split_identifiers() {
    assert_eq!(
        sexpr("order_total > 5 => fit +1"),
        "(rule _ (> order_total 5) (fit +1))"
    );
    assert_eq!(
        sexpr("android has iOS => fit +1"),
        "(rule _ (has android \"iOS\") (fit +1))"
    );
}

#[test]
fn every_operator_parses() {
    let text = "rule r: a 10..1_000 and b in [x, \"y z\"] and c not in l and d has any l and e has all [p] \
        and f has q and g contains \"s\" and h starts_with s and i ends_with \".edu\" and j matches /a\\/b/i \
        and k is missing and m is present and n within 30 days and o != false and p >= 2025-01-01 => fit +1";
    assert_eq!(
        sexpr(text),
        "(rule r (and (range a 10 1_000) (in b [\"x\" \"y z\"]) (not-in c l) (has-any d l) (has-all e [\"p\"]) \
         (has f \"q\") (contains g \"s\") (starts_with h \"s\") (ends_with i \".edu\") (matches j /a/b/i) \
         (missing k) (present m) (within n 30) (!= o false) (>= p @2025-01-01)) (fit +1))"
    );
}

mod grammar_change;
mod long_list;

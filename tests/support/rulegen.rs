//! Random small rule files and leads over one schema, for the value-class
//! and what-would-it-take property tests: every kind of test on every type
//! (regexes with word boundaries and the `i` flag, affixes, lists with
//! `has any` / `has all`, `within` windows), rules joining two or three
//! tests with `and` / `or` / `not`, two scores, disqualifiers, tiers.

use icpc::record::{Record, Value};
use proptest::prelude::*;
use proptest::sample::select;

/// The as-of day of every generated case (2025-06-30).
pub const AS_OF: i32 = 20_269;

/// The schema every generated file declares.
pub const SCHEMA: &str = "schema {\n  n: int\n  x: number\n  t: text\n  d: date\n  l: list<text>\n  b: bool\n}\nscore fit\nscore intent\n";

const TESTS: [&str; 30] = [
    "n > 10",
    "n 5..20",
    "n == 7",
    "n in [1, 3, 10]",
    "n <= 3",
    "n is missing",
    "n != 10",
    "x >= 2.5",
    "x < 1000",
    "x 0.5..1.5",
    "t == SaaS",
    "t in [Fintech, \"Zoho CRM\"]",
    "t contains \"vp\"",
    "t starts_with \"head\"",
    "t ends_with \".edu\"",
    "t matches /\\b(vp|head)\\b/i",
    "t matches /^sa/",
    "t matches /\\bmarketing\\b.*\\bmanager\\b/i",
    "t is present",
    "t != saas",
    "d within 30 days",
    "d within 7 days",
    "d >= 2025-01-01",
    "d 2025-06-01..2025-06-15",
    "l has crm",
    "l has any [a, b]",
    "l has all [a, b, c]",
    "l has any [c, d]",
    "b == true",
    "b == false",
];

const EFFECTS: [&str; 6] = [
    "fit +10",
    "fit +25",
    "fit -10",
    "intent +10",
    "intent +5",
    "disqualify \"no\"",
];

/// One to three tests joined by `and` or `or`, each maybe negated.
pub fn condition() -> impl Strategy<Value = String> {
    let test = select(&TESTS[..]).prop_map(String::from);
    let negated = (test.clone(), any::<bool>())
        .prop_map(|(test, not)| if not { format!("not {test}") } else { test });
    (prop::collection::vec(negated, 1..=3), any::<bool>())
        .prop_map(|(tests, and)| tests.join(if and { " and " } else { " or " }))
}

/// A rule file of one to six rules and three tiers.
pub fn rules() -> impl Strategy<Value = String> {
    let rule = (condition(), select(&EFFECTS[..]));
    (
        prop::collection::vec(rule, 1..=6),
        select(&[10i64, 20, 30, 40][..]),
        select(&[0i64, 5, 10, 15][..]),
    )
        .prop_map(|(rules, fit, intent)| {
            let mut text = SCHEMA.to_string();
            for (index, (condition, effect)) in rules.iter().enumerate() {
                text.push_str(&format!("rule r{index}: {condition} => {effect}\n"));
            }
            text.push_str(&format!(
                "tier A: fit >= {fit} and intent >= {intent}\ntier B: fit >= 10\ntier C: otherwise\n"
            ));
            text
        })
}

const WORDS: [&str; 14] = [
    "vp",
    "VP",
    "head",
    "of",
    "marketing",
    "Manager",
    "saas",
    "SAAS",
    "Fintech",
    "zoho crm",
    "a.edu",
    "Sa",
    "x",
    "",
];

fn number(values: &'static [f64]) -> impl Strategy<Value = Value> {
    prop_oneof![
        1 => Just(Value::Missing),
        6 => select(values).prop_map(Value::Number),
    ]
}

fn text() -> impl Strategy<Value = Value> {
    let words = prop::collection::vec(select(&WORDS[..]), 1..=3);
    prop_oneof![
        1 => Just(Value::Missing),
        6 => (words, any::<bool>()).prop_map(|(words, spaced)| {
            Value::Text(words.join(if spaced { " " } else { "" }))
        }),
    ]
}

fn date() -> impl Strategy<Value = Value> {
    prop_oneof![
        1 => Just(Value::Missing),
        6 => prop_oneof![(-40..5i32).prop_map(|offset| AS_OF + offset), Just(20_088), Just(20_089)]
            .prop_map(Value::Date),
    ]
}

fn list() -> impl Strategy<Value = Value> {
    const ITEMS: [&str; 7] = ["a", "b", "C", "d", "crm", "CRM", "other"];
    prop_oneof![
        1 => Just(Value::Missing),
        6 => prop::collection::vec(select(&ITEMS[..]), 0..=4)
            .prop_map(|items| Value::List(items.into_iter().map(String::from).collect())),
    ]
}

fn boolean() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Missing),
        Just(Value::Bool(true)),
        Just(Value::Bool(false))
    ]
}

const INTS: [f64; 16] = [
    -5.0, 0.0, 1.0, 3.0, 4.0, 5.0, 6.0, 7.0, 9.0, 10.0, 11.0, 15.0, 20.0, 21.0, 100.0, 2.0,
];
const NUMBERS: [f64; 11] = [0.0, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 999.0, 1000.0, 1e6, 0.7];

/// A lead with a value (or none) for every field of [`SCHEMA`], in order.
pub fn record() -> impl Strategy<Value = Record> {
    (
        number(&INTS),
        number(&NUMBERS),
        text(),
        date(),
        list(),
        boolean(),
    )
        .prop_map(|(n, x, t, d, l, b)| Record {
            values: vec![n, x, t, d, l, b],
            ..Record::default()
        })
}

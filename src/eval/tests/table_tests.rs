//! The per-field indexes of decision 031 against the interpreter, at their
//! edges: word alternations (`plan::words`) on texts around word edges, and
//! `within` tests as a table of ages.

use super::{AS_OF, record, text};
use crate::eval::{Evaluator, eval};
use crate::interp;
use crate::ir::{self, PredTest};
use crate::plan::tests::{SEEN, TITLE, matches, not, program, test};
use crate::plan::{Options, plan};
use crate::record::{Record, Value};
use crate::verdict::{Context, Verdict};

/// Scores each record (a title, or a date seen) in one batch and one by
/// one, every pass and none, against the interpreter, and gives the plans.
fn agree(program: &ir::Program, records: &[Record], built: impl Fn(&crate::plan::Plan) -> bool) {
    let context = Context { as_of: AS_OF };
    for options in [Options::default(), Options::none()] {
        let plan = plan(program, &options);
        assert!(built(&plan), "the index is built");
        let mut verdicts = vec![Verdict::default(); records.len()];
        let batch: Vec<&Record> = records.iter().collect();
        Evaluator::new(&plan, &context).eval_batch(&batch, &mut verdicts);
        for (record, verdict) in records.iter().zip(&verdicts) {
            let expected = interp::eval(program, record, &context);
            assert_eq!(verdict, &expected, "{record:?}");
            assert_eq!(verdict, &eval(&plan, record, &context), "{record:?}");
        }
    }
}

fn at(field: usize, value: Value) -> Record {
    let mut values: [Value; 5] = std::array::from_fn(|_| Value::Missing);
    values[field] = value;
    record(values)
}

/// Word alternations in one set with a pattern that is not one (so the
/// set still runs for it), and a case-sensitive one tested on its own, on
/// titles that hit, touch a word edge, are not ASCII, empty, missing or a
/// number.
#[test]
fn word_alternations_agree_at_word_edges() {
    let sensitive = PredTest::Matches {
        pattern: r"\bVP\b".into(),
        case_insensitive: false,
    };
    let rules = vec![
        matches(TITLE, r"\b(vp|head)\b"),
        matches(TITLE, r"\b(vice president|c[ef]o)\b"),
        matches(TITLE, r"\bdirector\b"),
        matches(TITLE, r"\b(k8s|2024|vp_)\b"),
        not(matches(TITLE, r"\bhead")),
        test(TITLE, sensitive),
    ];
    let titles = [
        "VP of Sales",
        "vp-marketing",
        "VP_",
        "vp2",
        "vp",
        "Head",
        "headcount",
        "Senior Vice President, Sales",
        "vice  president",
        "vice presidential",
        "CEO/cfo",
        "Director",
        "Directorá",
        "directorá",
        "Director \u{e1}",
        "\u{212A}8s",
        "K8S 2024",
        "",
        " ",
        "__vp__",
    ];
    let mut values: Vec<Value> = titles.iter().map(|title| text(title)).collect();
    values.extend([Value::Missing, Value::Number(1.0)]);
    let records: Vec<Record> = (values.iter().cycle().take(150))
        .map(|title| at(2, title.clone()))
        .collect();
    let words = |plan: &crate::plan::Plan| {
        let fields = &plan.compiled.dispatch.fields;
        fields.iter().any(|field| field.words.is_some())
    };
    agree(&program(rules, vec![None]), &records, words);
}

/// Five `within` tests on one date field (a table of ages), among them a
/// negative and a huge count, on dates at and beside each edge, in the
/// future, missing and text.
#[test]
fn within_tables_agree_at_each_edge() {
    let days = [0, 7, 30, -1, i64::MAX, i64::MIN];
    let mut rules: Vec<_> = (days.iter())
        .map(|days| test(SEEN, PredTest::Within(*days)))
        .collect();
    rules.push(not(test(SEEN, PredTest::Within(30))));
    let mut values: Vec<Value> = [-40, -31, -30, -29, -8, -7, -6, -1, 0, 1, 5, i32::MIN / 2]
        .iter()
        .map(|offset| Value::Date(AS_OF + offset))
        .collect();
    values.extend([Value::Missing, text("2025-06-30")]);
    let records: Vec<Record> = (values.iter().cycle().take(100))
        .map(|seen| at(4, seen.clone()))
        .collect();
    let ages = |plan: &crate::plan::Plan| {
        let fields = &plan.compiled.dispatch.fields;
        fields.iter().any(|field| field.ages.is_some())
    };
    agree(&program(rules, vec![None]), &records, ages);
}

//! The meaning of language-core.md, example by example, checked on both
//! evaluators: the reference `interp` and the plan, every pass on.

use super::{Evaluator, eval};
use crate::ast::CompareOp;
use crate::interp;
use crate::ir::{self, PredTest};
use crate::plan::tests::{
    EMPLOYEES, FIT, INDUSTRY, SEEN, TECH, TITLE, and, matches, not, number, or, program, test,
    text_in,
};
use crate::plan::{Options, Plan, plan};
use crate::record::{Record, Value};
use crate::verdict::{Context, Verdict};

const AS_OF: i32 = 20_269;

/// A record: industry, employees, title, tech, seen.
fn record(values: [Value; 5]) -> Record {
    Record {
        values: values.into(),
        ..Record::default()
    }
}

fn text(text: &str) -> Value {
    Value::Text(text.into())
}

/// The verdict, after checking that both evaluators give it.
fn verdict(program: &ir::Program, record: &Record) -> Verdict {
    let context = Context { as_of: AS_OF };
    let expected = interp::eval(program, record, &context);
    let plan = plan(program, &Options::default());
    assert_eq!(eval(&plan, record, &context), expected);
    let mut verdicts = vec![Verdict::default(); 2];
    Evaluator::new(&plan, &context).eval_batch(&[record, record], &mut verdicts);
    assert_eq!(verdicts, [expected.clone(), expected.clone()], "in a batch");
    expected
}

fn fires(rule: ir::Cond, record: &Record) -> bool {
    !verdict(&program(vec![rule], vec![]), record)
        .matched
        .is_empty()
}

fn lead(industry: Value, employees: Value) -> Record {
    record([
        industry,
        employees,
        Value::Missing,
        Value::Missing,
        Value::Missing,
    ])
}

#[test]
fn text_membership_ignores_case_unicode_included() {
    let rule = || text_in(INDUSTRY, &["SaaS", "Ärzte"]);
    assert!(fires(rule(), &lead(text("SAAS"), Value::Missing)));
    assert!(fires(rule(), &lead(text("ärzte"), Value::Missing)));
    assert!(!fires(rule(), &lead(text("Fintech"), Value::Missing)));
}

#[test]
fn matches_is_case_sensitive_unless_flagged() {
    let exact = test(
        TITLE,
        PredTest::Matches {
            pattern: "^VP".into(),
            case_insensitive: false,
        },
    );
    let title = |title| {
        record([
            Value::Missing,
            Value::Missing,
            text(title),
            Value::Missing,
            Value::Missing,
        ])
    };
    assert!(!fires(exact.clone(), &title("vp sales")));
    assert!(fires(exact, &title("VP Sales")));
    assert!(fires(matches(TITLE, "^vp"), &title("VP Sales")));
}

#[test]
fn missing_data_is_unknown_and_not_unknown_is_unknown() {
    let big = || number(EMPLOYEES, CompareOp::Gt, 10.0);
    let missing = lead(Value::Missing, Value::Missing);
    assert!(!fires(big(), &missing));
    assert!(!fires(not(big()), &missing));
    assert!(fires(test(EMPLOYEES, PredTest::Missing(true)), &missing));
    assert!(fires(
        or(vec![big(), text_in(INDUSTRY, &[])]),
        &lead(text("x"), Value::Number(11.0))
    ));
}

#[test]
fn within_counts_both_ends_from_the_as_of_date() {
    let recent = || test(SEEN, PredTest::Within(30));
    let seen = |day| {
        record([
            Value::Missing,
            Value::Missing,
            Value::Missing,
            Value::Missing,
            Value::Date(day),
        ])
    };
    assert!(fires(recent(), &seen(AS_OF - 30)));
    assert!(fires(recent(), &seen(AS_OF)));
    assert!(!fires(recent(), &seen(AS_OF - 31)));
    assert!(!fires(recent(), &seen(AS_OF + 1)));
}

#[test]
fn has_any_and_has_all_ignore_case() {
    let tech = record([
        Value::Missing,
        Value::Missing,
        Value::Missing,
        Value::List(vec!["HubSpot".into(), "Slack".into()]),
        Value::Missing,
    ]);
    assert!(fires(
        test(
            TECH,
            PredTest::HasAny(vec!["hubspot".into(), "zoho".into()])
        ),
        &tech
    ));
    assert!(fires(
        test(
            TECH,
            PredTest::HasAll(vec!["SLACK".into(), "hubspot".into()])
        ),
        &tech
    ));
    assert!(!fires(
        test(TECH, PredTest::HasAll(vec!["slack".into(), "zoho".into()])),
        &tech
    ));
}

#[test]
fn first_true_tier_wins_and_disqualified_leads_get_none() {
    let rules = vec![
        text_in(INDUSTRY, &["saas"]),
        number(EMPLOYEES, CompareOp::Ge, 10.0),
    ];
    let tiers = vec![
        Some(number(FIT, CompareOp::Ge, 20.0)),
        Some(number(FIT, CompareOp::Ge, 10.0)),
        None,
    ];
    let mut program = program(rules, tiers);
    let both = lead(text("SaaS"), Value::Number(10.0));
    assert_eq!(verdict(&program, &both).tier, Some(0));
    assert_eq!(
        verdict(&program, &lead(text("SaaS"), Value::Number(9.0))).tier,
        Some(1)
    );
    assert_eq!(
        verdict(&program, &lead(Value::Missing, Value::Missing)).tier,
        Some(2)
    );
    program.rules[1].effects = vec![ir::Effect::Disqualify {
        reason: "no".into(),
    }];
    let disqualified = verdict(&program, &both);
    assert_eq!((disqualified.tier, disqualified.disqualified), (None, true));
    assert_eq!(disqualified.matched, vec![0, 1]);
}

#[test]
fn a_reused_evaluator_forgets_the_previous_record() {
    let rule = and(vec![
        text_in(INDUSTRY, &["saas"]),
        number(EMPLOYEES, CompareOp::Gt, 10.0),
    ]);
    let program = program(vec![rule], vec![]);
    let plan = plan(&program, &Options::default());
    let mut evaluator = Evaluator::new(&plan, &Context { as_of: AS_OF });
    assert_eq!(
        evaluator
            .eval(&lead(text("saas"), Value::Number(11.0)))
            .matched,
        vec![0]
    );
    assert!(
        evaluator
            .eval(&lead(text("saas"), Value::Number(1.0)))
            .matched
            .is_empty()
    );
    assert_eq!(
        evaluator
            .eval(&lead(text("SAAS"), Value::Number(12.0)))
            .scores,
        vec![10]
    );
}

/// A field's `matches` tests share one regex set, answered in a batch from
/// one run: a pattern found holds, one not found fails, a missing value or
/// one of another kind is unknown (so its `not` is unknown too). A tier
/// testing the same field and the final score (patterns no rule reaches,
/// thresholds at and beside the sums) is computed per batch as well.
#[test]
fn regex_sets_and_tiers_agree_in_mixed_batches() {
    let rules = vec![
        matches(TITLE, "^vp"),
        not(matches(TITLE, "chief")),
        matches(TITLE, "head"),
    ];
    let sales = || matches(TITLE, "sales$");
    let tiers = vec![
        Some(and(vec![number(FIT, CompareOp::Ge, 20.0), sales()])),
        Some(or(vec![number(FIT, CompareOp::Gt, 10.0), not(sales())])),
        Some(number(FIT, CompareOp::Ge, 9.0)),
        None,
    ];
    let program = program(rules, tiers);
    let titles = [
        text("VP Sales"),
        text("Chief of staff"),
        text("Head of Sales"),
        text("vp, head of marketing"),
        text(""),
        Value::Missing,
        Value::Number(3.0),
    ];
    let records: Vec<Record> = (titles.iter().cycle().take(70))
        .map(|title| {
            let missing = Value::Missing;
            record([
                missing.clone(),
                missing.clone(),
                title.clone(),
                missing.clone(),
                missing,
            ])
        })
        .collect();
    let context = Context { as_of: AS_OF };
    let plan = plan(&program, &Options::default());
    let mut verdicts = vec![Verdict::default(); records.len()];
    let batch: Vec<&Record> = records.iter().collect();
    Evaluator::new(&plan, &context).eval_batch(&batch, &mut verdicts);
    for (record, verdict) in records.iter().zip(&verdicts) {
        assert_eq!(
            verdict,
            &interp::eval(&program, record, &context),
            "{record:?}"
        );
        assert_eq!(verdict, &eval(&plan, record, &context));
    }
    let tiers: Vec<Option<u32>> = verdicts
        .iter()
        .take(7)
        .map(|verdict| verdict.tier)
        .collect();
    let expected = [0, 1, 0, 1, 1, 3, 3].map(Some);
    assert_eq!(
        tiers, expected,
        "a miss fails, an unknown title falls through"
    );
}

/// Many number comparisons of one field go through its threshold table
/// (`dispatch::NumberIndex`): every operator and ranges (one of a single
/// number, one reversed) at a few thresholds, tested on the thresholds, the
/// numbers just below and above each, `-0.0`, infinities, NaN, a missing
/// value and text, in batches and one by one, against the interpreter.
#[test]
fn number_tables_agree_at_and_beside_each_threshold() {
    let ops = [
        CompareOp::Eq,
        CompareOp::Ne,
        CompareOp::Lt,
        CompareOp::Le,
        CompareOp::Gt,
        CompareOp::Ge,
    ];
    let thresholds = [0.0, 10.0, 1000.0];
    let mut rules: Vec<_> = (thresholds.iter())
        .flat_map(|threshold| ops.map(|op| number(EMPLOYEES, op, *threshold)))
        .collect();
    let range = |low: f64, high: f64| {
        let (low, high) = (ir::Literal::Number(low), ir::Literal::Number(high));
        test(EMPLOYEES, PredTest::Range(low, high))
    };
    rules.extend([range(10.0, 1000.0), range(0.0, 0.0), range(-5.0, 10.0)]);
    rules.push(range(1000.0, 10.0));
    rules.push(not(range(0.0, 10.0)));
    let mut numbers = vec![-0.0, f64::INFINITY, f64::NEG_INFINITY, -5.0, 5.0, 1e300];
    for threshold in thresholds.iter().chain(&[-5.0]) {
        let beside = [threshold - 1.0, threshold + 1.0];
        let next = [threshold.next_down(), threshold.next_up()];
        numbers.extend([*threshold].iter().chain(&beside).chain(&next));
    }
    let mut values: Vec<Value> = numbers.into_iter().map(Value::Number).collect();
    values.extend([Value::Number(f64::NAN), Value::Missing, text("10")]);
    let program = program(rules, vec![None]);
    let records: Vec<Record> = (values.iter().cycle().take(150))
        .map(|employees| {
            let missing = Value::Missing;
            record([
                missing.clone(),
                employees.clone(),
                missing.clone(),
                missing.clone(),
                missing,
            ])
        })
        .collect();
    let context = Context { as_of: AS_OF };
    for options in [Options::default(), Options::none()] {
        let plan = plan(&program, &options);
        let table = (plan.compiled.dispatch.fields.iter()).any(|field| field.numbers.is_some());
        assert!(table, "the field's comparisons make a table");
        let mut verdicts = vec![Verdict::default(); records.len()];
        let batch: Vec<&Record> = records.iter().collect();
        Evaluator::new(&plan, &context).eval_batch(&batch, &mut verdicts);
        for (record, verdict) in records.iter().zip(&verdicts) {
            let expected = interp::eval(&program, record, &context);
            assert_eq!(verdict, &expected, "{record:?}");
            assert_eq!(verdict, &eval(&plan, record, &context), "{record:?}");
        }
    }
}

// Decision 031: word alternations (`plan::words`) on texts around word
// edges, and `within` tests as a table of ages.

/// Scores each record (a title, or a date seen) in one batch and one by
/// one, every pass and none, against the interpreter, and gives the plans.
fn agree_in_batches(program: &ir::Program, records: &[Record], built: impl Fn(&Plan) -> bool) {
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

fn only(field: usize, value: Value) -> Record {
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
        .map(|title| only(2, title.clone()))
        .collect();
    let words = |plan: &Plan| {
        let fields = &plan.compiled.dispatch.fields;
        fields.iter().any(|field| field.words.is_some())
    };
    agree_in_batches(&program(rules, vec![None]), &records, words);
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
        .map(|seen| only(4, seen.clone()))
        .collect();
    let ages = |plan: &Plan| {
        let fields = &plan.compiled.dispatch.fields;
        fields.iter().any(|field| field.ages.is_some())
    };
    agree_in_batches(&program(rules, vec![None]), &records, ages);
}

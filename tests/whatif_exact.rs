//! What would it take is exact: on random small rule files and leads, the
//! solver's number of changes equals the least a brute-force search over
//! every combination of value classes needs (scored by the reference
//! interpreter), "unreachable" comes only where brute force finds nothing,
//! and every answer, applied, reaches the tier. Fixed fields are never
//! changed.

mod support;

use icpc::RuleSet;
use icpc::classes::Classes;
use icpc::eval::Evaluator;
use icpc::ir::FieldId;
use icpc::record::Record;
use icpc::verdict::{Context, Verdict};
use icpc::whatif::{Answer, Limits, Solver, Target, apply};
use proptest::prelude::*;
use support::rulegen::{self, AS_OF};

const CONTEXT: Context = Context { as_of: AS_OF };
/// Cases with more combinations than this are skipped.
const MAX_COMBINATIONS: usize = 30_000;

/// Whether a verdict meets `target`: the tier or a better one, or the
/// segment.
fn meets(target: Target, verdict: &Verdict) -> bool {
    match target {
        Target::Tier(target) => verdict.tier.is_some_and(|tier| tier <= target),
        Target::Segment(segment) => verdict.segments.contains(&segment),
    }
}

/// The least number of changed fields (none of `fixed`) that meets
/// `target`, trying every class of every field; `None` if none.
fn brute_force(
    rules: &RuleSet,
    classes: &Classes,
    record: &Record,
    target: Target,
    fixed: &[FieldId],
) -> Option<usize> {
    least_changes(rules, classes, record, fixed, &|verdict| {
        meets(target, verdict)
    })
}

/// The least number of changed fields (none of `fixed`) after which the
/// reference interpreter's verdict meets `goal`; `None` if none.
fn least_changes(
    rules: &RuleSet,
    classes: &Classes,
    record: &Record,
    fixed: &[FieldId],
    goal: &dyn Fn(&Verdict) -> bool,
) -> Option<usize> {
    let program = rules.program();
    let mut evaluator = Evaluator::new(rules.plan(), &CONTEXT);
    // Per field: keep (None) or each class whose outcomes differ from now.
    let options: Vec<(FieldId, Vec<Option<usize>>)> = classes
        .fields()
        .iter()
        .filter(|field| !field.preds().is_empty() && !fixed.contains(&field.field()))
        .map(|field| {
            let now = field.outcomes(&mut evaluator, record.get(field.field()));
            let moves =
                (0..field.classes().len()).filter(|class| field.classes()[*class].outcomes != now);
            (
                field.field(),
                std::iter::once(None).chain(moves.map(Some)).collect(),
            )
        })
        .collect();
    let mut best: Option<usize> = None;
    let mut index = vec![0usize; options.len()];
    loop {
        let mut changed = record.clone();
        let mut count = 0;
        for ((field, choices), at) in options.iter().zip(&index) {
            if let Some(class) = choices[*at] {
                count += 1;
                changed.values[field.0 as usize] = classes.field(*field).classes()[class]
                    .representative
                    .clone();
            }
        }
        if best.is_none_or(|best| count < best)
            && goal(&icpc::interp::eval(program, &changed, &CONTEXT))
        {
            best = Some(count);
        }
        // Next combination, like an odometer.
        let mut position = 0;
        loop {
            if position == index.len() {
                return best;
            }
            index[position] += 1;
            if index[position] < options[position].1.len() {
                break;
            }
            index[position] = 0;
            position += 1;
        }
    }
}

fn combinations(classes: &Classes) -> usize {
    classes
        .fields()
        .iter()
        .map(|field| field.classes().len().max(1))
        .product()
}

/// The solver's answer for `text` on `record` has the brute-force least
/// number of changes, respects `fix`, and applied meets the target.
fn answer_is_the_minimum(
    text: &str,
    record: &Record,
    target: Target,
    fix: Vec<u32>,
) -> Result<(), TestCaseError> {
    let rules = RuleSet::compile("t.icp", text).expect("compiles");
    let program = rules.program();
    let solver = Solver::new(program, rules.plan(), &CONTEXT);
    if combinations(solver.classes()) > MAX_COMBINATIONS {
        return Ok(());
    }
    let fixed: Vec<FieldId> = fix.into_iter().map(FieldId).collect();
    let limits = Limits {
        max_changes: 6,
        fixed: fixed.clone(),
        ..Limits::default()
    };
    let answer = solver.solve_for(record, target, &limits);
    let least = brute_force(&rules, solver.classes(), record, target, &fixed);
    match answer {
        Answer::AlreadyThere { .. } | Answer::AlreadyIn => prop_assert_eq!(least, Some(0)),
        Answer::Reachable {
            changes,
            verdict,
            complete,
        } => {
            prop_assert!(complete);
            prop_assert_eq!(Some(changes.len()), least, "{:?}", changes);
            prop_assert!(changes.iter().all(|change| !fixed.contains(&change.field)));
            let reached = icpc::interp::eval(program, &apply(record, &changes), &CONTEXT);
            prop_assert!(meets(target, &reached));
            prop_assert_eq!(reached, verdict);
        }
        Answer::Unreachable(blocker) => prop_assert_eq!(least, None, "{:?}", blocker),
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn the_answer_is_the_brute_force_minimum(
        text in rulegen::rules(),
        record in rulegen::record(),
        target in 0..2u32,
        fix in prop::collection::vec(0..6u32, 0..=2),
    ) {
        answer_is_the_minimum(&text, &record, Target::Tier(target), fix)?;
    }

    /// The same with score bounds and a capped group, where running sums
    /// of points are not the scores.
    #[test]
    fn the_answer_is_the_brute_force_minimum_with_caps(
        text in rulegen::rules(),
        caps in (prop::sample::select(&[10i64, 20, 30][..]), prop::sample::select(&[0i64, 10][..]), any::<bool>()),
        negative in any::<bool>(),
        record in rulegen::record(),
        target in 0..2u32,
        fix in prop::collection::vec(0..6u32, 0..=2),
    ) {
        let (fit_most, group_most, grouped) = caps;
        // A negative intent held at its least, which a tier may test at 0:
        // only the capped bounds see that such a lead can still reach it.
        let text = if negative { text.replace("=> intent +5", "=> intent -5") } else { text };
        let mut text = text.replacen(
            "score fit\nscore intent\n",
            &format!("score fit at least 0 at most {fit_most}\nscore intent at least 0\n"),
            1,
        );
        if grouped && text.contains("rule r1:") {
            text.push_str(&format!("group g at most {group_most}: r0, r1\n"));
        }
        let compiles = RuleSet::compile("t.icp", &text).is_ok();
        prop_assume!(compiles);
        answer_is_the_minimum(&text, &record, Target::Tier(target), fix)?;
    }

    /// Aimed at a segment whose condition tests fields and final scores.
    #[test]
    fn the_answer_is_the_brute_force_minimum_for_a_segment(
        text in rulegen::rules(),
        segment in (rulegen::condition(), prop::sample::select(&["", " and fit >= 10", " or intent >= 5", " and not fit >= 25"][..])),
        record in rulegen::record(),
        fix in prop::collection::vec(0..6u32, 0..=2),
    ) {
        let (condition, scores) = segment;
        let text = format!("{text}segment s: ({condition}){scores}\n");
        answer_is_the_minimum(&text, &record, Target::Segment(0), fix)?;
    }

    #[test]
    fn each_nearest_miss_is_the_brute_force_minimum(
        text in rulegen::rules(),
        record in rulegen::record(),
        fix in prop::collection::vec(0..6u32, 0..=2),
    ) {
        let rules = RuleSet::compile("t.icp", &text).expect("compiles");
        let program = rules.program();
        let solver = Solver::new(program, rules.plan(), &CONTEXT);
        prop_assume!(combinations(solver.classes()) <= MAX_COMBINATIONS);
        let fixed: Vec<FieldId> = fix.into_iter().map(FieldId).collect();
        let limits = Limits { max_changes: 6, fixed: fixed.clone(), ..Limits::default() };
        let misses = solver.nearest_misses(&record, &limits);
        prop_assert!(misses.stopped.is_empty());
        let fired = icpc::interp::eval(program, &record, &CONTEXT).matched;
        for (rule, _) in (program.rules.iter().enumerate())
            .filter(|(index, rule)| {
                rule.changes_scores() && !fired.contains(&(*index as u32))
            })
        {
            let fires = |verdict: &Verdict| verdict.matched.contains(&(rule as u32));
            let least = least_changes(&rules, solver.classes(), &record, &fixed, &fires);
            let miss = misses.found.iter().find(|miss| miss.rule == rule as u32);
            prop_assert_eq!(miss.map(|miss| miss.changes.len()), least, "rule {}", rule);
            if let Some(miss) = miss {
                prop_assert!(miss.changes.iter().all(|change| !fixed.contains(&change.field)));
                let changed = icpc::interp::eval(program, &apply(&record, &miss.changes), &CONTEXT);
                prop_assert!(changed.matched.contains(&(rule as u32)));
                prop_assert_eq!(&changed, &miss.verdict);
            }
        }
    }
}

/// A score held at its least: the points of the rules that fire add up
/// to less (`fit` -10 here, held at 0), so running sums of points say the
/// lead can never have `fit >= 0` while `n` stays, and only the capped
/// bounds find the one change (`t`) that reaches tier A. Without them the
/// search answers with two changes.
#[test]
fn a_score_held_at_its_least_is_bounded_by_its_cap() {
    let text = format!(
        "{}rule r0: n > 10 => fit -10\nrule r1: t == SaaS => intent +5\ntier A: fit >= 0 and intent >= 5\ntier B: otherwise\n",
        rulegen::SCHEMA.replacen("score fit\n", "score fit at least 0\n", 1)
    );
    let rules = RuleSet::compile("t.icp", &text).expect("compiles");
    let record = rules.record_from_json(r#"{"n": 20}"#).expect("a lead");
    let solver = Solver::new(rules.program(), rules.plan(), &CONTEXT);
    let Answer::Reachable { changes, .. } = solver.solve(&record, 0, &Limits::default()) else {
        panic!("tier A is reachable");
    };
    assert_eq!(changes.len(), 1, "{changes:?}");
    answer_is_the_minimum(&text, &record, Target::Tier(0), Vec::new()).expect("the minimum");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 150, ..ProptestConfig::default() })]

    /// The score-space lints' firing facts (`icpc check`'s W304, and the
    /// score ranges) are exact: whether each rule fires on some lead, and
    /// on some lead no disqualifier stops, is what brute force over every
    /// combination of classes finds, and no fact of a small file is left
    /// as a bound.
    #[test]
    fn each_rule_fires_where_brute_force_finds_it_does(text in rulegen::rules()) {
        firings_match_brute_force(&text)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 60, ..ProptestConfig::default() })]

    /// The same where disqualifiers cover rules: a let that disqualifies
    /// on its own, and rules that test it among others (the lints call
    /// them dead without a search), beside random rules.
    #[test]
    fn covered_rules_fire_where_brute_force_finds_it_does(
        text in rulegen::rules(),
        shared in rulegen::condition(),
        own in rulegen::condition(),
    ) {
        let (schema, rest) = text.split_at(rulegen::SCHEMA.len());
        let text = format!(
            "{schema}let shared = {shared}\nrule covered: shared and ({own}) => fit +10\n\
             rule excluded: shared => disqualify \"no\"\n{rest}"
        );
        firings_match_brute_force(&text)?;
    }
}

/// [`each_rule_fires_where_brute_force_finds_it_does`] for one file.
fn firings_match_brute_force(text: &str) -> Result<(), TestCaseError> {
    use icpc::scores::{Firing, Space};
    let rules = RuleSet::compile("t.icp", text).expect("compiles");
    let program = rules.program();
    let solver = Solver::new(program, rules.plan(), &CONTEXT);
    prop_assume!(combinations(solver.classes()) <= MAX_COMBINATIONS);
    let space = Space::analyse(program, rules.plan(), &CONTEXT);
    prop_assert!(space.assumed.iter().all(|assumed| !assumed));
    // One pass over every combination: per rule, fired, and fired clean.
    let seen = std::cell::RefCell::new(vec![(false, false); program.rules.len()]);
    let record = Record {
        values: vec![icpc::record::Value::Missing; program.fields.len()],
        ..Record::default()
    };
    let note = |verdict: &Verdict| {
        for rule in &verdict.matched {
            let (fired, clean) = &mut seen.borrow_mut()[*rule as usize];
            *fired = true;
            *clean |= !verdict.disqualified;
        }
        false
    };
    least_changes(&rules, solver.classes(), &record, &[], &note);
    for (rule, (fired, clean)) in seen.into_inner().into_iter().enumerate() {
        let expected = match (fired, clean) {
            (_, true) => Firing::Yes,
            (true, false) => Firing::OnlyDisqualified,
            (false, false) => Firing::Never,
        };
        prop_assert_eq!(space.firing[rule], expected, "rule {}", rule);
    }
    Ok(())
}

//! The optimized plan agrees with the reference interpreter, whatever passes run.
//!
//! Random checked programs (every field type, every kind of test, nested
//! and/or/not, lets used several times and by other lets, scores tested
//! inside rules,
//! invalid regexes, literals of the wrong kind, tiers with `otherwise`) and
//! random records (missing values, mixed case and non-ASCII text, boundary
//! numbers, dates around the as-of date) must give identical verdicts from
//! `interp::eval` and `eval` for every pass selection, and the trace must
//! agree with the verdict and, clause by clause, with the interpreter.
//! Programs of hundreds of rules (so that every field has many tests of
//! each kind, as the per-field indexes of `plan::dispatch` see them) and
//! the benchmark's generated rule files (`gen_leads --rules`) with its
//! generated leads are among the cases. The bit-sliced batch path
//! (`Evaluator::eval_batch`) is checked on the same cases, in batches of
//! odd sizes and across the 64-record word, and through the stream, where
//! rejected lines fall inside batches, against the record-by-record path.

#[path = "../bench/gen_leads/pick.rs"]
#[allow(
    dead_code,
    reason = "the generator's CSV and leads are not all used here"
)]
mod pick;
#[path = "../bench/gen_leads/rules.rs"]
mod rules;

use icpc::ast::{CompareOp, TextOp};
use icpc::eval::Evaluator;
use icpc::interp::{self, Facts};
use icpc::ir::{self, Cond, CondKind, FieldId, LetId, Literal, PredTest, ScoreId, Subject, Type};
use icpc::plan::{self, Options, PASSES};
use icpc::record::{Record, Value};
use icpc::source::Span;
use icpc::trace::{self, Clause, ClauseKind, Outcome};
use icpc::verdict::{Context, Truth, Verdict};
use proptest::prelude::*;
use proptest::sample::select;

const AS_OF: i32 = 20_269;
const TYPES: [Type; 8] = [
    Type::Int,
    Type::Number,
    Type::Text,
    Type::Text,
    Type::Bool,
    Type::Date,
    Type::TextList,
    Type::Any,
];
const TEXTS: [&str; 27] = [
    "SaaS",
    "saas",
    "SAAS",
    "Fintech",
    "",
    "edu",
    "student.EDU",
    "Straße",
    "STRASSE",
    "Ärzte",
    "ärzte",
    "ΣΑΣ",
    "σας",
    "vp of Sales",
    // Kelvin sign: non-ASCII text whose lowercase is ASCII ("kelvin"),
    // against ASCII text compared in place.
    "\u{212A}elvin",
    "KELVIN",
    // Word edges, for the word alternations of `PATTERNS`: a non-ASCII
    // word byte after the word, `-` and `_` beside it, digits, a phrase
    // of two words and one spaced twice, a word at either end.
    "Directorá",
    "director",
    "vp-marketing",
    "VP_",
    "vp2",
    "Senior Vice President, Sales",
    "vice  president",
    "CEO",
    "cfo/ceo",
    "\u{212A}8s lead",
    "K8S",
];
/// Regexes, each tested with and without the `i` flag: word alternations
/// (`plan::words`) beside patterns with other constructs, so that a field's
/// set holds both.
const PATTERNS: [&str; 13] = [
    "^s",
    "aas$",
    r"\b(vp|head)\b",
    "f.n",
    "[",
    "ß",
    "(?i)edu",
    r"\b(vice president|c[ef]o|director)\b",
    r"\b(k8s|2024|vp_)\b",
    r"(?i)\bvp\b",
    r"\bdirectorá\b",
    r"\b(vp|head)",
    r"\b(vp|ceo)\b\s",
];
const NUMBERS: [f64; 11] = [
    -1.0, 0.0, 1.0, 9.5, 10.0, 11.0, 20.0, 1000.0, 1000.5, 5e6, -0.0,
];

fn span() -> Span {
    Span::default()
}

fn cond(kind: CondKind) -> Cond {
    Cond { kind, span: span() }
}

fn text() -> impl Strategy<Value = String> {
    select(&TEXTS[..]).prop_map(String::from)
}

fn number() -> impl Strategy<Value = f64> {
    select(&NUMBERS[..])
}

fn date() -> impl Strategy<Value = i32> {
    (-40..5i32).prop_map(|offset| AS_OF + offset)
}

fn op() -> impl Strategy<Value = CompareOp> {
    select(
        &[
            CompareOp::Eq,
            CompareOp::Ne,
            CompareOp::Lt,
            CompareOp::Le,
            CompareOp::Gt,
            CompareOp::Ge,
        ][..],
    )
}

/// Any literal, of any kind: mostly the field's, sometimes another.
fn literal(ty: Type) -> BoxedStrategy<Literal> {
    let fitting = match ty {
        Type::Int | Type::Number => number().prop_map(Literal::Number).boxed(),
        Type::Text | Type::TextList | Type::Any => text().prop_map(Literal::Text).boxed(),
        Type::Bool => any::<bool>().prop_map(Literal::Bool).boxed(),
        Type::Date => date().prop_map(Literal::Date).boxed(),
    };
    let any_kind = prop_oneof![
        number().prop_map(Literal::Number),
        text().prop_map(Literal::Text),
        any::<bool>().prop_map(Literal::Bool),
        date().prop_map(Literal::Date),
    ];
    prop_oneof![9 => fitting, 1 => any_kind].boxed()
}

fn test(ty: Type) -> BoxedStrategy<PredTest> {
    let texts = || prop::collection::vec(text(), 0..4);
    let text_op = select(&[TextOp::Contains, TextOp::StartsWith, TextOp::EndsWith][..]);
    prop_oneof![
        3 => (op(), literal(ty)).prop_map(|(op, literal)| PredTest::Compare(op, literal)),
        2 => (prop::collection::vec(literal(ty), 0..5), any::<bool>())
            .prop_map(|(values, negated)| PredTest::In { values, negated }),
        2 => (literal(ty), literal(ty)).prop_map(|(low, high)| PredTest::Range(low, high)),
        1 => texts().prop_map(PredTest::HasAny),
        1 => texts().prop_map(PredTest::HasAll),
        2 => (text_op, text()).prop_map(|(op, needle)| PredTest::Text(op, needle)),
        2 => (select(&PATTERNS[..]), any::<bool>()).prop_map(|(pattern, case_insensitive)| {
            PredTest::Matches { pattern: pattern.into(), case_insensitive }
        }),
        2 => any::<bool>().prop_map(PredTest::Missing),
        2 => select(&[-1i64, 0, 1, 7, 30, i64::MIN, i64::MAX][..]).prop_map(PredTest::Within),
    ]
    .boxed()
}

/// A test of a field (or, rarely, of a score even inside a rule).
fn pred() -> impl Strategy<Value = Cond> {
    let field = (0..TYPES.len()).prop_flat_map(|index| {
        test(TYPES[index]).prop_map(move |test| (Subject::Field(FieldId(index as u32)), test))
    });
    let score =
        (0..2u32, test(Type::Number)).prop_map(|(id, test)| (Subject::Score(ScoreId(id)), test));
    let single = prop_oneof![19 => field, 1 => score]
        .prop_map(|(subject, test)| cond(CondKind::Pred(ir::Pred::new(subject, test))));
    prop_oneof![9 => single, 1 => text_any()]
}

/// `contains any [..]` (and `starts_with any`, `ends_with any`) as the
/// checker lowers it: an `or` of one text test per item, on one field.
fn text_any() -> impl Strategy<Value = Cond> {
    let text_fields: Vec<u32> = (TYPES.iter().enumerate())
        .filter(|(_, ty)| **ty == Type::Text)
        .map(|(index, _)| index as u32)
        .collect();
    let text_op = select(&[TextOp::Contains, TextOp::StartsWith, TextOp::EndsWith][..]);
    (
        select(text_fields),
        text_op,
        prop::collection::vec(text(), 1..4),
    )
        .prop_map(|(field, op, items)| {
            let preds = (items.into_iter())
                .map(|item| {
                    let test = PredTest::Text(op, item);
                    cond(CondKind::Pred(ir::Pred::new(
                        Subject::Field(FieldId(field)),
                        test,
                    )))
                })
                .collect();
            cond(CondKind::Or(preds))
        })
}

fn tree(leaf: BoxedStrategy<Cond>) -> BoxedStrategy<Cond> {
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 1..4).prop_map(|ops| cond(CondKind::And(ops))),
            prop::collection::vec(inner.clone(), 1..4).prop_map(|ops| cond(CondKind::Or(ops))),
            inner.prop_map(|inner| cond(CondKind::Not(Box::new(inner)))),
        ]
    })
    .boxed()
}

/// A condition whose leaves are tests or uses of some let; `build` maps
/// each let number to a let defined before the condition's owner.
fn with_lets() -> BoxedStrategy<Cond> {
    let shared = (0..64u32).prop_map(|number| cond(CondKind::Let(LetId(number))));
    tree(prop_oneof![3 => pred(), 2 => shared].boxed())
}

/// Points every let use at one of the first `count` lets.
fn resolve_lets(cond: &mut Cond, count: u32) {
    match &mut cond.kind {
        CondKind::And(operands) | CondKind::Or(operands) => {
            operands
                .iter_mut()
                .for_each(|operand| resolve_lets(operand, count));
        }
        CondKind::Not(inner) => resolve_lets(inner, count),
        CondKind::Let(id) => id.0 %= count,
        CondKind::Pred(_) => {}
    }
}

fn effect() -> impl Strategy<Value = ir::Effect> {
    prop_oneof![
        6 => (0..2u32, -40..40i64).prop_map(|(score, delta)| ir::Effect::Add { score: ScoreId(score), delta }),
        1 => Just(ir::Effect::Disqualify { reason: "no".into() }),
    ]
}

fn tier_condition() -> BoxedStrategy<Option<Cond>> {
    let score_test =
        // Thresholds at and beside the sums that effects of ±40 reach.
        (0..2u32, op(), select(&[-20.0, -1.0, 0.0, 1.0, 10.0, 29.0, 30.0, 31.0, 45.0][..]))
            .prop_map(|(score, op, n)| {
            let test = PredTest::Compare(op, Literal::Number(n));
            cond(CondKind::Pred(ir::Pred::new(
                Subject::Score(ScoreId(score)),
                test,
            )))
        });
    let leaf = prop_oneof![9 => score_test, 1 => pred()].boxed();
    prop_oneof![4 => tree(leaf).prop_map(Some), 1 => Just(None)].boxed()
}

/// A segment's condition: tests of fields and of final scores. No let: a
/// checked program holds a let once per context it is used in, which the
/// shared lets of these programs are not (as for tiers).
fn segment_condition() -> BoxedStrategy<Cond> {
    let score_test =
        (0..2u32, op(), select(&[-20.0, 0.0, 10.0, 30.0][..])).prop_map(|(score, op, n)| {
            let test = PredTest::Compare(op, Literal::Number(n));
            cond(CondKind::Pred(ir::Pred::new(
                Subject::Score(ScoreId(score)),
                test,
            )))
        });
    tree(prop_oneof![1 => score_test, 1 => pred()].boxed())
}

/// Up to four lets (each may use the ones before it), rules that use them,
/// tiers, segments.
fn program() -> impl Strategy<Value = ir::Program> {
    program_of(1..8)
}

/// A program with this many rules.
fn program_of(rules: std::ops::Range<usize>) -> impl Strategy<Value = ir::Program> {
    let first = tree(pred().boxed());
    let lets = (first, prop::collection::vec(with_lets(), 0..4));
    let rules = prop::collection::vec((with_lets(), prop::collection::vec(effect(), 1..4)), rules);
    let tiers = prop::collection::vec(tier_condition(), 0..4);
    let segments = prop::collection::vec(segment_condition(), 0..3);
    (lets, rules, tiers, segments, caps()).prop_map(
        |((first, more), rules, tiers, segments, caps)| {
            let lets: Vec<Cond> = std::iter::once(first).chain(more).collect();
            let mut program = build(lets, rules, tiers, segments);
            program.caps = caps.resolve(program.rules.len());
            program
        },
    )
}

/// Score bounds and capped groups before they meet the rules: each rule
/// is in group 0, group 1 or none by its index.
#[derive(Debug, Clone)]
struct Caps {
    scores: Vec<ir::Bounds>,
    groups: Vec<ir::Bounds>,
    membership: Vec<Option<u32>>,
}

impl Caps {
    fn resolve(self, rules: usize) -> ir::Caps {
        if self.groups.is_empty() && self.scores.iter().all(|bounds| bounds.is_open()) {
            return ir::Caps::default();
        }
        let group_of: Vec<Option<u32>> = (0..rules)
            .map(|rule| self.membership[rule % self.membership.len()])
            .map(|group| group.filter(|group| (*group as usize) < self.groups.len()))
            .collect();
        let groups = (self.groups.iter().enumerate())
            .map(|(index, bounds)| ir::Group {
                name: format!("g{index}"),
                name_span: span(),
                span: span(),
                bounds: *bounds,
                rules: (0..rules as u32)
                    .filter(|rule| group_of[*rule as usize] == Some(index as u32))
                    .collect(),
            })
            .collect();
        ir::Caps {
            scores: self.scores,
            groups,
            group_of,
        }
    }
}

fn caps() -> impl Strategy<Value = Caps> {
    let side = |values: &'static [i64]| prop::option::of(select(values));
    let score = (side(&[-20, 0, 10][..]), side(&[0, 25, 45, 60][..]))
        .prop_map(|(at_least, at_most)| ir::Bounds { at_least, at_most });
    let group = (side(&[-30, -5, 0][..]), side(&[0, 10, 30][..]))
        .prop_map(|(at_least, at_most)| ir::Bounds { at_least, at_most });
    let none = Just(Caps {
        scores: Vec::new(),
        groups: Vec::new(),
        membership: vec![None],
    });
    let some = (
        prop::collection::vec(score, 2),
        prop::collection::vec(group, 0..3),
        prop::collection::vec(prop::option::of(0..2u32), 1..5),
    )
        .prop_map(|(scores, groups, membership)| Caps {
            scores,
            groups,
            membership,
        });
    prop_oneof![1 => none, 2 => some]
}

fn build(
    lets: Vec<Cond>,
    rules: Vec<(Cond, Vec<ir::Effect>)>,
    tiers: Vec<Option<Cond>>,
    segments: Vec<Cond>,
) -> ir::Program {
    let count = lets.len() as u32;
    let lets = (lets.into_iter().enumerate())
        .map(|(index, mut body)| {
            resolve_lets(&mut body, (index as u32).max(1));
            ir::Let {
                name: format!("let{index}"),
                name_span: span(),
                span: span(),
                body,
            }
        })
        .collect();
    let fields = (TYPES.iter().enumerate())
        .map(|(index, ty)| ir::Field::new(format!("f{index}"), *ty, span()))
        .collect();
    let scores = ["fit", "intent"].map(|name| ir::Score {
        name: name.into(),
        span: span(),
    });
    let mut program = ir::Program {
        has_schema: true,
        fields,
        scores: scores.into(),
        rules: (rules.into_iter().enumerate())
            .map(|(index, (mut condition, effects))| {
                resolve_lets(&mut condition, count);
                (index, condition, effects)
            })
            .map(|(index, condition, effects)| ir::Rule {
                name: format!("r{index}"),
                named: true,
                name_span: None,
                condition,
                effects,
                span: span(),
            })
            .collect(),
        tiers: (tiers.into_iter().enumerate())
            .map(|(index, condition)| ir::Tier {
                name: format!("t{index}"),
                name_span: span(),
                otherwise: condition.is_none().then_some(span()),
                condition,
                span: span(),
            })
            .collect(),
        segments: (segments.into_iter().enumerate())
            .map(|(index, mut condition)| {
                resolve_lets(&mut condition, count);
                ir::Segment {
                    name: format!("s{index}"),
                    name_span: span(),
                    condition,
                    span: span(),
                }
            })
            .collect(),
        lets,
        pred_count: 0,
        caps: ir::Caps::default(),
    };
    program.number_preds();
    program
}

fn value(ty: Type) -> BoxedStrategy<Value> {
    let fitting = match ty {
        Type::Int => select(&[0.0, 1.0, 9.0, 10.0, 11.0, 20.0, 21.0, 999.0, 1000.0, 1001.0][..])
            .prop_map(Value::Number)
            .boxed(),
        Type::Number => number().prop_map(Value::Number).boxed(),
        Type::Text => text().prop_map(Value::Text).boxed(),
        Type::Bool => any::<bool>().prop_map(Value::Bool).boxed(),
        Type::Date => date().prop_map(Value::Date).boxed(),
        Type::TextList => prop::collection::vec(text(), 0..4)
            .prop_map(Value::List)
            .boxed(),
        Type::Any => text().prop_map(Value::Present).boxed(),
    };
    prop_oneof![3 => Just(Value::Missing), 12 => fitting, 1 => text().prop_map(Value::Text)].boxed()
}

fn record() -> impl Strategy<Value = Record> {
    let values: Vec<BoxedStrategy<Value>> = TYPES.iter().map(|ty| value(*ty)).collect();
    values.prop_map(|values| Record {
        values,
        id: None,
        line: 1,
        warnings: Vec::new(),
    })
}

/// Every pass selection the property is checked under.
fn selections() -> Vec<(String, Options)> {
    let mut selections = vec![
        ("all".to_string(), Options::default()),
        ("none".to_string(), Options::none()),
    ];
    for pass in PASSES {
        let mut without = Options::default();
        without.set(pass.name, false);
        selections.push((format!("without {}", pass.name), without));
        let mut only = Options::none();
        only.set(pass.name, true);
        selections.push((format!("only {}", pass.name), only));
    }
    selections
}

/// Each clause the trace did not skip has the outcome the interpreter gives it.
fn assert_clause(program: &ir::Program, clause: &Clause, cond: &Cond, facts: &Facts<'_>) {
    if clause.outcome != Outcome::Skipped {
        assert_eq!(
            clause.outcome,
            Outcome::from(interp::condition(program, cond, facts))
        );
    }
    match (&clause.kind, &cond.kind) {
        (ClauseKind::And(clauses), CondKind::And(conds))
        | (ClauseKind::Or(clauses), CondKind::Or(conds)) => {
            assert_eq!(clauses.len(), conds.len());
            for (clause, cond) in clauses.iter().zip(conds) {
                assert_clause(program, clause, cond, facts);
            }
        }
        (ClauseKind::Not(clause), CondKind::Not(cond)) => {
            assert_clause(program, clause, cond, facts)
        }
        (ClauseKind::Let { name, body: clause }, CondKind::Let(id)) => {
            let let_ = program.let_(*id);
            assert_eq!(name, &let_.name);
            assert_clause(program, clause, &let_.body, facts)
        }
        (ClauseKind::Test { subject, .. }, CondKind::Pred(pred)) => {
            assert_eq!(*subject, pred.subject)
        }
        (kind, cond) => panic!("trace {kind:?} does not mirror {cond:?}"),
    }
}

fn assert_trace(program: &ir::Program, evaluator: &mut Evaluator<'_>, record: &Record) {
    let (verdict, trace) = trace::trace(evaluator, program, record);
    let fired: Vec<u32> = trace
        .rules
        .iter()
        .filter(|rule| rule.fired)
        .map(|rule| rule.rule)
        .collect();
    assert_eq!(fired, verdict.matched);
    let rule_facts = Facts {
        record,
        scores: None,
        as_of: AS_OF,
    };
    for (rule, traced) in program.rules.iter().zip(&trace.rules) {
        assert_eq!(traced.fired, traced.clause.outcome == Outcome::True);
        assert_clause(program, &traced.clause, &rule.condition, &rule_facts);
    }
    let fired = (trace.rules.iter())
        .filter(|rule| rule.fired)
        .map(|rule| rule.rule);
    assert_eq!(icpc::semantics::scores(program, fired), verdict.scores);
    let tier_facts = Facts {
        scores: Some(&verdict.scores),
        ..rule_facts
    };
    for (tier, traced) in program.tiers.iter().zip(&trace.tiers) {
        if let (Some(clause), Some(cond)) = (&traced.clause, &tier.condition) {
            assert_clause(program, clause, cond, &tier_facts);
        }
    }
    let decided = trace
        .tiers
        .iter()
        .position(|tier| tier.outcome == Outcome::True);
    assert_eq!(decided.map(|index| index as u32), verdict.tier);
    for (segment, traced) in program.segments.iter().zip(&trace.segments) {
        assert_clause(program, &traced.clause, &segment.condition, &tier_facts);
    }
    let in_segments: Vec<u32> = (trace.segments.iter())
        .filter(|segment| segment.outcome == Outcome::True)
        .map(|segment| segment.segment)
        .collect();
    assert_eq!(in_segments, verdict.segments);
    assert_eq!(!trace.disqualified_by.is_empty(), verdict.disqualified);
}

/// Scores `records` with `eval_batch`, cut into batches of the given sizes
/// in turn, and checks each verdict against the interpreter's.
fn assert_batches(
    program: &ir::Program,
    evaluator: &mut Evaluator<'_>,
    records: &[Record],
    sizes: &[usize],
) -> Result<(), TestCaseError> {
    let context = Context { as_of: AS_OF };
    let mut start = 0;
    for size in sizes.iter().cycle() {
        if start == records.len() {
            break;
        }
        let end = (start + size.max(&1)).min(records.len());
        let batch: Vec<&Record> = records[start..end].iter().collect();
        // Stale verdicts: the batch must overwrite whatever they held.
        let mut verdicts = vec![
            Verdict {
                scores: vec![7],
                tier: Some(3),
                disqualified: true,
                matched: vec![9],
                segments: vec![1],
            };
            batch.len()
        ];
        evaluator.eval_batch(&batch, &mut verdicts);
        for (offset, (record, verdict)) in batch.iter().zip(&verdicts).enumerate() {
            let expected = interp::eval(program, record, &context);
            prop_assert_eq!(verdict, &expected, "record {} of the batch", start + offset);
        }
        start = end;
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// Batches of any size, up to a few words of records, with the
    /// one-record path used on the same evaluator in between.
    #[test]
    fn batches_agree_with_interpreter(
        program in program(),
        records in prop::collection::vec(record(), 1..140),
        sizes in prop::collection::vec(1usize..100, 1..4),
    ) {
        let context = Context { as_of: AS_OF };
        for options in [Options::default(), Options::none()] {
            let plan = plan::plan(&program, &options);
            let mut evaluator = Evaluator::new(&plan, &context);
            assert_batches(&program, &mut evaluator, &records, &sizes)?;
            let expected = interp::eval(&program, &records[0], &context);
            prop_assert_eq!(evaluator.eval(&records[0]), &expected, "one record after batches");
            assert_batches(&program, &mut evaluator, &records, &[records.len()])?;
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn plan_agrees_with_interpreter(program in program(), records in prop::collection::vec(record(), 1..4)) {
        let context = Context { as_of: AS_OF };
        for (name, options) in selections() {
            let plan = plan::plan(&program, &options);
            let mut evaluator = Evaluator::new(&plan, &context);
            for record in &records {
                let expected = interp::eval(&program, record, &context);
                prop_assert_eq!(&icpc::eval::eval(&plan, record, &context), &expected, "{}", name);
                prop_assert_eq!(evaluator.eval(record), &expected, "{} (reused evaluator)", name);
                assert_trace(&program, &mut evaluator, record);
            }
        }
    }

    #[test]
    fn plan_reads_every_field_a_test_names(program in program()) {
        let plan = plan::plan(&program, &Options::default());
        let used = plan.used_fields();
        let mut named = Vec::new();
        let mut stack: Vec<&Cond> = program.rules.iter().map(|rule| &rule.condition).collect();
        stack.extend(program.tiers.iter().filter_map(|tier| tier.condition.as_ref()));
        while let Some(cond) = stack.pop() {
            match &cond.kind {
                CondKind::And(ops) | CondKind::Or(ops) => stack.extend(ops),
                CondKind::Not(inner) => stack.push(inner),
                CondKind::Let(id) => stack.push(&program.let_(*id).body),
                CondKind::Pred(ir::Pred { subject: Subject::Field(field), .. }) => named.push(*field),
                CondKind::Pred(ir::Pred { subject: Subject::Score(_), .. }) => {}
            }
        }
        for field in named {
            prop_assert!(used.contains(&field), "field {:?} not read", field);
        }
    }
}

#[test]
fn truth_tables_follow_kleene() {
    use Truth::{False, True, Unknown};
    assert_eq!(Unknown.and(False), False);
    assert_eq!(Unknown.or(True), True);
    assert_eq!(Unknown.and(True), Unknown);
    assert_eq!(!Unknown, Unknown);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// What a front end calls agrees with the interpreter too: `RuleSet`
    /// evaluation (one-off and with a kept evaluator) and its explanation,
    /// whose verdict and trace must match.
    #[test]
    fn facade_agrees_with_interpreter(program in program(), records in prop::collection::vec(record(), 1..4)) {
        let context = Context { as_of: AS_OF };
        for (name, options) in selections() {
            let rules = icpc::RuleSet::from_program(program.clone(), &options);
            let mut evaluator = rules.evaluator(&context);
            for record in &records {
                let expected = interp::eval(&program, record, &context);
                prop_assert_eq!(&rules.evaluate(record, &context), &expected, "{}", name);
                prop_assert_eq!(evaluator.eval(record), &expected, "{} (kept evaluator)", name);
                if !program.tiers.is_empty() {
                    let explanation = rules.explain(record.clone(), &context, 0).expect("tier 0");
                    prop_assert_eq!(&explanation.verdict, &expected, "{} (explained)", name);
                    prop_assert!(icpc::explain::agrees(&program, &explanation.verdict, &explanation.trace));
                }
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]

    /// Hundreds of rules over eight fields: every field carries many
    /// `in`, `==`, affix, list, number and date tests at once, which the
    /// plan answers from one index per field.
    #[test]
    fn large_programs_agree_with_interpreter(program in program_of(100..300), records in prop::collection::vec(record(), 1..8)) {
        let context = Context { as_of: AS_OF };
        for options in [Options::default(), Options::none()] {
            let plan = plan::plan(&program, &options);
            let mut evaluator = Evaluator::new(&plan, &context);
            for record in &records {
                let expected = interp::eval(&program, record, &context);
                prop_assert_eq!(evaluator.eval(record), &expected);
                assert_trace(&program, &mut evaluator, record);
            }
            assert_batches(&program, &mut evaluator, &records, &[3, 1])?;
        }
    }
}

/// The benchmark's generated 300-rule files, scored on its generated leads,
/// give the interpreter's verdicts and traces.
#[test]
fn generated_rule_files_agree_with_interpreter() {
    let context = Context { as_of: AS_OF };
    for seed in 1..=2 {
        let rules = icpc::RuleSet::compile("rules300.icp", rules::file(300, seed))
            .unwrap_or_else(|errors| panic!("generated rules do not compile: {errors:?}"));
        let program = rules.program();
        let mut evaluator = Evaluator::new(rules.plan(), &context);
        let mut random = pick::Random::new(seed);
        let mut line = Vec::new();
        let mut records = Vec::new();
        for index in 1..=150 {
            line.clear();
            pick::Lead::generate(&mut random, index).json(&mut line);
            let text = String::from_utf8_lossy(&line);
            let Ok(record) = rules.record_from_json(&text) else {
                continue;
            };
            let expected = interp::eval(program, &record, &context);
            assert_eq!(
                evaluator.eval(&record),
                &expected,
                "seed {seed}, lead {index}"
            );
            assert_trace(program, &mut evaluator, &record);
            records.push(record);
        }
        assert_batches(program, &mut evaluator, &records, &[64, 13, 1, 63])
            .unwrap_or_else(|error| panic!("seed {seed}: {error}"));
    }
}

/// Collects what a run writes.
#[derive(Default)]
struct Collect {
    output: Vec<u8>,
    errors: Vec<u8>,
}

impl icpc::stream::Sink for Collect {
    fn output(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        self.output.extend_from_slice(bytes);
        Ok(())
    }
    fn errors(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        self.errors.extend_from_slice(bytes);
        Ok(())
    }
}

/// Through the stream, the batch path (plain evaluation) writes what the
/// record-by-record path (the one that tallies) writes, byte for byte:
/// the same verdict lines in input order and the same rejected-line
/// reports, with rejected and blank lines among the records of a batch,
/// chunks that end mid-batch, at one and two threads.
#[test]
fn stream_batches_write_what_records_write() {
    use icpc::stream::scoring;
    use icpc::stream::{InputFormat, Settings};
    let rules = icpc::RuleSet::compile("rules300.icp", rules::file(300, 7))
        .unwrap_or_else(|errors| panic!("generated rules do not compile: {errors:?}"));
    let mut random = pick::Random::new(7);
    let mut input = Vec::new();
    for index in 1..=400 {
        match index % 37 {
            5 => input.extend_from_slice(b"{\"id\": \"broken\", \n"),
            11 => input.extend_from_slice(b"not json at all\n"),
            17 => input.extend_from_slice(b"\n"),
            _ => {
                pick::Lead::generate(&mut random, index).json(&mut input);
                input.push(b'\n');
            }
        }
    }
    let run = |tally: bool, jobs: usize, chunk_size: usize| {
        let settings = Settings {
            input: InputFormat::Jsonl,
            output: icpc::output::Format::Jsonl,
            errors: icpc::output::ErrorFormat::Text {
                name: "leads".into(),
            },
            jobs,
            chunk_size,
            score: true,
            keep: Vec::new(),
        };
        let options = scoring::Options {
            context: Context { as_of: AS_OF },
            explain: None,
            tally,
            members: Vec::new(),
        };
        let mut sink = Collect::default();
        let summary = rules
            .score_stream(&settings, &options, &input[..], &mut sink)
            .expect("runs");
        (sink.output, sink.errors, summary.scored, summary.rejected)
    };
    let expected = run(true, 1, 1 << 20);
    assert!(
        expected.3 > 0 && expected.2 > 300,
        "rejected and scored lines"
    );
    for (jobs, chunk_size) in [(1, 1 << 20), (1, 5_000), (2, 3_000), (2, 1 << 20)] {
        let got = run(false, jobs, chunk_size);
        assert_eq!(
            got.2, expected.2,
            "scored, jobs {jobs}, chunks {chunk_size}"
        );
        assert_eq!(
            got.3, expected.3,
            "rejected, jobs {jobs}, chunks {chunk_size}"
        );
        assert!(
            got.0 == expected.0,
            "verdicts, jobs {jobs}, chunks {chunk_size}"
        );
        assert!(
            got.1 == expected.1,
            "reports, jobs {jobs}, chunks {chunk_size}"
        );
    }
}

/// The outcomes a batch derives per field rather than writes per record
/// (decision 021): `!=` and `in` that the text does not hit, prefixes and
/// suffixes of one needle beside its `contains`, `has` tests a list fails,
/// all next to records where the field is missing or of another kind, and
/// non-ASCII text folded into the reused buffer, in batches that end
/// mid-word.
#[test]
fn derived_outcomes_agree_with_interpreter() {
    let source = r#"schema {
  name: text
  tags: list<text>
}
score fit
rule equal: name == "Édu" => fit +1
rule other: name != "edu" => fit +2
rule listed: name in ["ÉCOLE", "school", "edu"] => fit +4
rule prefix: name starts_with "ed" => fit +8
rule suffix: name ends_with "ed" => fit +16
rule inside: name contains "ed" => fit +32
rule edges: name starts_with "édu" or name ends_with "édu" => fit +64
rule tagged: tags has any ["Édu", "partner"] => fit +128
rule both: tags has all ["édu", "partner"] => fit +256
rule neither: not (name ends_with "x") and not (tags has any ["x"]) => fit +512
"#;
    let rules = icpc::RuleSet::compile("derived.icp", source.to_owned())
        .unwrap_or_else(|errors| panic!("the rules do not compile: {errors:?}"));
    let lines = [
        r#"{"name":"Édu","tags":["ÉDU","Partner"]}"#,
        r#"{"name":"EDU"}"#,
        r#"{"name":"ed","tags":[]}"#,
        r#"{"name":"Shed Edu ed","tags":["x"]}"#,
        r#"{"tags":["partner"]}"#,
        r#"{"name":"ÉCOLE","tags":"not a list"}"#,
        r#"{"name":"édu médu"}"#,
        r#"{"name":"","tags":["édu"]}"#,
    ];
    let records: Vec<_> = (0..150)
        .map(|index| {
            rules
                .record_from_json(lines[index % lines.len()])
                .unwrap_or_else(|error| panic!("line {index}: {error:?}"))
        })
        .collect();
    let context = Context { as_of: AS_OF };
    let mut evaluator = Evaluator::new(rules.plan(), &context);
    for record in &records[..lines.len()] {
        let expected = interp::eval(rules.program(), record, &context);
        assert_eq!(evaluator.eval(record), &expected);
    }
    assert_batches(
        rules.program(),
        &mut evaluator,
        &records,
        &[64, 7, 1, 63, 15],
    )
    .unwrap_or_else(|error| panic!("{error}"));
}

//! Value classes: each class is real (its representative gives its
//! outcomes), the classes the issue names exist (a title matching two
//! regexes, a case-insensitive regex with word boundaries, a list holding
//! the items of two rules, the edges of a `within` window), and every value
//! of a random lead falls in a class (property test over random rule files).

mod support;

use icpc::RuleSet;
use icpc::classes::{Classes, FieldClasses};
use icpc::eval::Evaluator;
use icpc::record::Value;
use icpc::verdict::{Context, Truth};
use proptest::prelude::*;
use proptest::sample::select;
use support::rulegen::{self, AS_OF};

const CONTEXT: Context = Context { as_of: AS_OF };

fn compile(text: &str) -> RuleSet {
    RuleSet::compile("t.icp", text).expect("compiles")
}

fn field<'c>(rules: &RuleSet, classes: &'c Classes, name: &str) -> &'c FieldClasses {
    classes.field(rules.program().field_id(name).expect("declared"))
}

/// Whether some class gives every predicate of the field these outcomes.
fn has_class(field: &FieldClasses, outcomes: &[Truth]) -> bool {
    field
        .classes()
        .iter()
        .any(|class| class.outcomes == outcomes)
}

#[test]
fn representatives_give_their_outcomes() {
    let rules = compile(&format!(
        "{}rule a: t matches /\\bmarketing\\b.*\\bmanager\\b/i and n 10..1000 => fit +10\nrule b: l has all [a, b] or d within 30 days => intent +5\ntier A: fit >= 10\ntier B: otherwise\n",
        rulegen::SCHEMA
    ));
    let classes = Classes::build(rules.program(), rules.plan(), &CONTEXT);
    let mut evaluator = Evaluator::new(rules.plan(), &CONTEXT);
    for field in classes.fields() {
        assert_eq!(field.classes()[0].representative, Value::Missing);
        for (id, class) in field.classes().iter().enumerate() {
            assert_eq!(
                field.class_of(&mut evaluator, &class.representative),
                Some(id)
            );
        }
    }
}

#[test]
fn a_case_insensitive_regex_with_word_boundaries_has_a_matching_class() {
    let rules = compile(&format!(
        "{}rule a: t matches /\\bmarketing\\b.*\\bmanager\\b/i => fit +10\ntier A: fit >= 10\ntier B: otherwise\n",
        rulegen::SCHEMA
    ));
    let classes = Classes::build(rules.program(), rules.plan(), &CONTEXT);
    let title = field(&rules, &classes, "t");
    assert!(has_class(title, &[Truth::True]), "{:?}", title.classes());
    assert!(has_class(title, &[Truth::False]));
    assert!(has_class(title, &[Truth::Unknown]));
}

#[test]
fn texts_combine_several_tests() {
    let rules = compile(&format!(
        "{}rule a: t matches /\\b(vp|head)\\b/i => fit +10\nrule b: t contains \"marketing\" => fit +10\nrule c: t ends_with \".io\" => fit +10\nrule d: t == SaaS => fit +1\ntier A: fit >= 30\ntier B: otherwise\n",
        rulegen::SCHEMA
    ));
    let classes = Classes::build(rules.program(), rules.plan(), &CONTEXT);
    let title = field(&rules, &classes, "t");
    use Truth::{False, True};
    assert!(has_class(title, &[True, True, True, False]));
    assert!(has_class(title, &[True, False, True, False]));
    assert!(has_class(title, &[False, False, False, True]));
    // Missing, SaaS, and the eight combinations of the three pattern tests.
    assert_eq!(title.classes().len(), 10);
}

#[test]
fn lists_hold_the_items_of_several_rules() {
    let rules = compile(&format!(
        "{}rule a: l has any [a, b] => fit +10\nrule b: l has all [c, d] => fit +10\nrule c: l has crm => fit +10\ntier A: fit >= 30\ntier B: otherwise\n",
        rulegen::SCHEMA
    ));
    let classes = Classes::build(rules.program(), rules.plan(), &CONTEXT);
    let tech = field(&rules, &classes, "l");
    use Truth::{False, True};
    assert!(has_class(tech, &[True, True, True]));
    // missing + 2 (a|b) x 2 (c and d) x 2 (crm)
    assert_eq!(tech.classes().len(), 9);
    let all = tech
        .classes()
        .iter()
        .position(|class| class.outcomes == [True, True, True])
        .expect("class");
    let current = Value::List(vec!["Jira".into(), "A".into()]);
    let Value::List(items) = tech.nearest(all, &current) else {
        panic!("a list")
    };
    assert!(items.contains(&"Jira".to_string()), "{items:?}");
    let none = tech.class_of(
        &mut Evaluator::new(rules.plan(), &CONTEXT),
        &Value::List(Vec::new()),
    );
    assert_eq!(
        none.map(|class| &tech.classes()[class].outcomes[..]),
        Some(&[False, False, False][..])
    );
}

#[test]
fn numbers_and_dates_split_at_every_edge() {
    let rules = compile(&format!(
        "{}rule a: n > 10 => fit +10\nrule b: n 5..20 => fit +10\nrule c: d within 30 days => intent +5\ntier A: fit >= 20\ntier B: otherwise\n",
        rulegen::SCHEMA
    ));
    let classes = Classes::build(rules.program(), rules.plan(), &CONTEXT);
    let employees = field(&rules, &classes, "n");
    // missing; below 5; 5..10; 11..20; above 20
    assert_eq!(employees.classes().len(), 5);
    let mut evaluator = Evaluator::new(rules.plan(), &CONTEXT);
    let both = employees
        .class_of(&mut evaluator, &Value::Number(15.0))
        .expect("a class");
    assert_eq!(
        employees.nearest(both, &Value::Number(2.0)),
        Value::Number(11.0)
    );
    assert_eq!(
        employees.nearest(both, &Value::Number(400.0)),
        Value::Number(20.0)
    );
    let day = field(&rules, &classes, "d");
    let within = day
        .class_of(&mut evaluator, &Value::Date(AS_OF))
        .expect("a class");
    assert_eq!(
        day.nearest(within, &Value::Date(AS_OF - 100)),
        Value::Date(AS_OF - 30)
    );
    assert_eq!(
        day.nearest(within, &Value::Date(AS_OF + 3)),
        Value::Date(AS_OF)
    );
    assert_eq!(day.classes().len(), 3);
}

#[test]
fn a_long_in_list_is_two_classes_and_missing() {
    let values: Vec<String> = (0..100_000).map(|index| format!("v{index}")).collect();
    let rules = compile(&format!(
        "{}rule a: t in [{}] => fit +10\ntier A: fit >= 10\ntier B: otherwise\n",
        rulegen::SCHEMA,
        values.join(", ")
    ));
    let classes = Classes::build(rules.program(), rules.plan(), &CONTEXT);
    assert_eq!(field(&rules, &classes, "t").classes().len(), 3);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    /// Every value of a random lead falls in a class, whose outcomes (those
    /// of its representative) are then the value's own.
    #[test]
    fn every_value_falls_in_a_class(text in rulegen::rules(), record in rulegen::record()) {
        let rules = compile(&text);
        let classes = Classes::build(rules.program(), rules.plan(), &CONTEXT);
        let mut evaluator = Evaluator::new(rules.plan(), &CONTEXT);
        for field in classes.fields() {
            let value = record.get(field.field());
            let class = field.class_of(&mut evaluator, value);
            prop_assert!(class.is_some(), "{value:?} of field {:?} in no class of {:?}", field.field(), field.classes());
            let class = class.unwrap_or_default();
            let representative = &field.classes()[class].representative;
            prop_assert_eq!(field.class_of(&mut evaluator, representative), Some(class));
        }
    }
}

/// Text tests a random `t` field is given (decision 029): literals,
/// `contains`, prefixes and case-insensitive regexes with word boundaries
/// and anchors, several sharing words. Not what the growth is known to
/// miss (decision 029): a `.*` between two words (pieces are joined in the
/// order the tests are written, so `marketing vp` against
/// `/\bvp\b.*\bmarketing\b/i` can be missed), a case-sensitive regex
/// (a text is cased as a whole), and suffixes beside prefixes (one layout
/// pads both ends or neither).
const TEXT_TESTS: [&str; 11] = [
    "t == SaaS",
    "t in [Fintech, \"Zoho CRM\"]",
    "t contains \"vp\"",
    "t starts_with \"head\"",
    "t matches /\\b(vp|head)\\b/i",
    "t matches /^sa/",
    "t != saas",
    "t contains \"head of\"",
    "t contains \"marketing\"",
    "t matches /\\bmarketing op(eration)?s\\b/i",
    "t starts_with \"chief\"",
];

/// What drawn texts are made of: the tests' words, whole, and other
/// words.
const WORDS: [&str; 16] = [
    "vp",
    "head",
    "head of",
    "of",
    "x.edu",
    "saas",
    "marketing",
    "manager",
    "fintech",
    "zoho crm",
    "director",
    "officer",
    "chief",
    "ops",
    "operations",
    "sales",
];

/// Up to six of `words`, in any order, each in lower, upper or title
/// case, a space apart.
fn drawn_text(words: &'static [&'static str]) -> impl Strategy<Value = String> {
    let word = (select(words), 0..3u8);
    prop::collection::vec(word, 0..=6).prop_map(|words| {
        let cased: Vec<String> = (words.into_iter())
            .map(|(word, case)| match case {
                0 => word.to_string(),
                1 => word.to_uppercase(),
                _ => {
                    let mut chars = word.chars();
                    let first: String = chars
                        .next()
                        .into_iter()
                        .flat_map(char::to_uppercase)
                        .collect();
                    first + chars.as_str()
                }
            })
            .collect();
        cased.join(" ")
    })
}

/// Whether the classes of text field `name` are complete; if so, every
/// text of `texts` must give outcomes that one of them has.
fn complete_classes_hold(
    rules: &RuleSet,
    name: &str,
    texts: &[String],
) -> Result<bool, TestCaseError> {
    let classes = Classes::build(rules.program(), rules.plan(), &CONTEXT);
    let mut evaluator = Evaluator::new(rules.plan(), &CONTEXT);
    let t = field(rules, &classes, name);
    if !t.complete() {
        return Ok(false);
    }
    for text in texts {
        let value = Value::Text(text.clone());
        let outcomes = t.outcomes(&mut evaluator, &value);
        prop_assert!(
            has_class(t, &outcomes),
            "{text:?} gives {outcomes:?}, in no class of {:?}",
            t.classes()
        );
    }
    Ok(true)
}

#[test]
fn the_fourteen_pattern_title_fixture_is_complete() {
    let text = std::fs::read_to_string("tests/fixtures/classes/titles.icp").expect("reads");
    let rules = RuleSet::compile("titles.icp", &text).expect("compiles");
    let classes = Classes::build(rules.program(), rules.plan(), &CONTEXT);
    let title = field(&rules, &classes, "title");
    assert!(title.complete());
    // Every joint outcome of its fourteen pattern tests and two lists that
    // some title has: far fewer than 2^16, since most tests share words.
    assert_eq!(title.classes().len(), 5148);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

    /// Where a random text field's classes say they are complete, every
    /// text of the tests' words has outcomes one of the classes has.
    #[test]
    fn complete_text_classes_hold_every_drawn_text(
        tests in prop::sample::subsequence(&TEXT_TESTS[..], 1..=8),
        texts in prop::collection::vec(drawn_text(&WORDS), 64),
    ) {
        let mut text = rulegen::SCHEMA.to_string();
        for (index, test) in tests.iter().enumerate() {
            text.push_str(&format!("rule r{index}: {test} => fit +1\n"));
        }
        text.push_str("tier A: fit >= 1\ntier B: otherwise\n");
        complete_classes_hold(&compile(&text), "t", &texts)?;
    }
}

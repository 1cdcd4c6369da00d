use super::*;
use crate::RuleSet;
use crate::verdict::Context;
use proptest::prelude::*;

/// Compiles a starter file, insisting that it is warning-free.
fn compiled(text: &str) -> RuleSet {
    let rules = RuleSet::compile("init.icp", text).expect("a starter file compiles");
    assert!(rules.warnings().is_empty(), "{:?}", rules.warnings());
    rules
}

fn reformatted(text: &str) -> String {
    let source = Source::new("init.icp", text);
    let file = syntax::parse(&source).into_result().expect("parses");
    format::format(&file, &source)
}

#[test]
fn default_answers_give_the_mid_market_saas_profile() {
    let text = starter_file(&Answers::default()).expect("valid");
    insta::assert_snapshot!(text);
    compiled(&text);
    assert_eq!(reformatted(&text), text, "already in the canonical layout");
}

#[test]
fn the_default_profile_ranks_a_buyer_above_a_student() {
    let rules = compiled(&starter_file(&Answers::default()).expect("valid"));
    let as_of = Context {
        as_of: crate::date::parse("2025-06-30").expect("a date"),
    };
    let verdict = |json: &str| rules.evaluate(&rules.record_from_json(json).expect("json"), &as_of);
    let buyer = verdict(
        r#"{"industry":"SaaS","employees":200,"revenue":5000000,"country":"US","title":"VP Sales","department":"Sales","tech":["HubSpot"],"last_activity":"2025-06-20","web_visits_30d":9}"#,
    );
    assert_eq!(buyer.tier, rules.tier("A"));
    let student = verdict(r#"{"industry":"SaaS","employees":200,"email":"kim@mit.edu"}"#);
    assert!(student.disqualified);
    let tiny = verdict(r#"{"employees":2}"#);
    assert!(tiny.disqualified);
}

#[test]
fn no_answers_give_a_valid_file_with_one_tier() {
    let answers = Answers {
        industries: Vec::new(),
        employees: None,
        min_revenue: None,
        countries: Vec::new(),
        titles: Vec::new(),
        departments: Vec::new(),
        technologies: Vec::new(),
        intent: false,
        exclude: Exclusions {
            students: false,
            competitors: Vec::new(),
            customers: false,
            min_employees: None,
        },
        name: String::new(),
    };
    let text = starter_file(&answers).expect("valid");
    insta::assert_snapshot!(text);
    compiled(&text);
}

#[test]
fn a_backwards_size_range_is_a_diagnostic_of_the_generated_file() {
    let answers = Answers {
        employees: Some(SizeRange { min: 1000, max: 10 }),
        ..Answers::default()
    };
    let invalid = starter_file(&answers).expect_err("backwards");
    let errors = &invalid.diagnostics;
    assert!(
        errors.iter().any(|error| error.code.as_str() == "E212"),
        "{errors:?}"
    );
}

#[test]
fn awkward_text_is_quoted_or_escaped() {
    let answers = Answers {
        industries: vec![
            "Health care".into(),
            "R&D".into(),
            "and".into(),
            "say \"hi\"".into(),
        ],
        titles: vec!["head of a/b".into(), "c++ lead".into()],
        exclude: Exclusions {
            competitors: vec!["rival.io".into(), "acme co".into()],
            ..Exclusions::default()
        },
        ..Answers::default()
    };
    let text = starter_file(&answers).expect("valid");
    assert!(
        text.contains(r#"industry in ["Health care", R&D, "and", "say \"hi\""]"#),
        "{text}"
    );
    assert!(text.contains(r"/\b(head of a\/b|c\+\+ lead)\b/i"), "{text}");
    let rules = compiled(&text);
    let as_of = Context { as_of: 0 };
    let record = rules
        .record_from_json(r#"{"title":"Head of A/B testing","email_domain":"rival.io"}"#)
        .expect("json");
    assert!(rules.evaluate(&record, &as_of).disqualified);
}

proptest! {
    /// Whatever the answers, the file compiles without warnings and is in
    /// the canonical layout.
    #[test]
    fn any_answers_give_a_checked_formatted_file(
        industries in prop::collection::vec("\\PC{0,12}", 0..4),
        titles in prop::collection::vec("\\PC{1,12}", 0..3),
        competitors in prop::collection::vec("[a-z.]{1,10}", 0..3),
        size in prop::option::of((0u64..5000, 0u64..5000)),
        min_employees in prop::option::of(0u64..100),
        intent in any::<bool>(),
        students in any::<bool>(),
    ) {
        let answers = Answers {
            industries,
            titles,
            employees: size.map(|(a, b)| SizeRange { min: a.min(b), max: a.max(b) }),
            intent,
            exclude: Exclusions { students, competitors, min_employees, customers: true },
            ..Answers::default()
        };
        let text = starter_file(&answers).expect("valid");
        compiled(&text);
        prop_assert_eq!(reformatted(&text), text);
    }
}

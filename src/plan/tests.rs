//! Unit tests of the passes, on small hand-built programs, plus the IR
//! builders the evaluator's tests share.

use super::{Node, Options, Plan, Test, plan};
use crate::ast::{CompareOp, TextOp};
use crate::ir::{self, Cond, CondKind, FieldId, Literal, PredTest, ScoreId, Subject, Type};
use crate::source::Span;

/// Field 0: `industry` (text), 1: `employees` (int), 2: `title` (text),
/// 3: `tech` (list), 4: `seen` (date).
pub(crate) const INDUSTRY: Subject = Subject::Field(FieldId(0));
pub(crate) const EMPLOYEES: Subject = Subject::Field(FieldId(1));
pub(crate) const TITLE: Subject = Subject::Field(FieldId(2));
pub(crate) const TECH: Subject = Subject::Field(FieldId(3));
pub(crate) const SEEN: Subject = Subject::Field(FieldId(4));
pub(crate) const FIT: Subject = Subject::Score(ScoreId(0));

pub(crate) fn cond(kind: CondKind) -> Cond {
    Cond {
        kind,
        span: Span::default(),
    }
}

pub(crate) fn test(subject: Subject, test: PredTest) -> Cond {
    cond(CondKind::Pred(ir::Pred::new(subject, test)))
}

pub(crate) fn and(operands: Vec<Cond>) -> Cond {
    cond(CondKind::And(operands))
}

pub(crate) fn or(operands: Vec<Cond>) -> Cond {
    cond(CondKind::Or(operands))
}

pub(crate) fn not(inner: Cond) -> Cond {
    cond(CondKind::Not(Box::new(inner)))
}

pub(crate) fn number(subject: Subject, op: CompareOp, value: f64) -> Cond {
    test(subject, PredTest::Compare(op, Literal::Number(value)))
}

pub(crate) fn text_in(subject: Subject, items: &[&str]) -> Cond {
    let values = items
        .iter()
        .map(|item| Literal::Text(item.to_string()))
        .collect();
    test(
        subject,
        PredTest::In {
            values,
            negated: false,
        },
    )
}

pub(crate) fn matches(subject: Subject, pattern: &str) -> Cond {
    let test_ = PredTest::Matches {
        pattern: pattern.into(),
        case_insensitive: true,
    };
    test(subject, test_)
}

/// A program whose rules each add 10 `fit`, with the given tiers.
pub(crate) fn program(rules: Vec<Cond>, tiers: Vec<Option<Cond>>) -> ir::Program {
    let types = [
        Type::Text,
        Type::Int,
        Type::Text,
        Type::TextList,
        Type::Date,
    ];
    let names = ["industry", "employees", "title", "tech", "seen"];
    let span = Span::default();
    let mut program = ir::Program {
        has_schema: true,
        fields: (names.iter().zip(types))
            .map(|(name, ty)| ir::Field::new(*name, ty, span))
            .collect(),
        scores: vec![ir::Score {
            name: "fit".into(),
            span,
        }],
        rules: (rules.into_iter().enumerate())
            .map(|(index, condition)| ir::Rule {
                name: format!("r{index}"),
                named: true,
                name_span: None,
                condition,
                effects: vec![ir::Effect::Add {
                    score: ScoreId(0),
                    delta: 10,
                }],
                span,
            })
            .collect(),
        tiers: (tiers.into_iter().enumerate())
            .map(|(index, condition)| ir::Tier {
                name: format!("t{index}"),
                name_span: span,
                otherwise: condition.is_none().then_some(span),
                condition,
                span,
            })
            .collect(),
        lets: Vec::new(),
        pred_count: 0,
    };
    program.number_preds();
    program
}

fn only(pass: &str) -> Options {
    let mut options = Options::none();
    assert!(options.set(pass, true));
    options
}

fn root(plan: &Plan, rule: usize) -> &Node {
    plan.arena.node(plan.arena.rules[rule])
}

fn saas() -> Cond {
    text_in(INDUSTRY, &["SaaS", "saas", "Fintech"])
}

#[test]
fn lowering_folds_and_dedups_text_sets() {
    let plan = plan(&program(vec![saas()], vec![]), &Options::none());
    let expected = Test::TextIn(vec!["fintech".into(), "saas".into()]);
    assert_eq!(*root(&plan, 0), Node::Test(INDUSTRY, expected));
}

#[test]
fn share_makes_one_node_of_equal_predicates() {
    let rules = vec![
        saas(),
        and(vec![saas(), number(EMPLOYEES, CompareOp::Gt, 10.0)]),
    ];
    let unshared = plan(&program(rules.clone(), vec![]), &Options::none());
    let shared = plan(&program(rules, vec![]), &only("share"));
    assert_eq!(unshared.arena.nodes.len(), 4);
    assert_eq!(shared.arena.nodes.len(), 3);
    assert_eq!(
        *root(&shared, 1),
        Node::And(vec![shared.arena.rules[0], super::NodeId(1)])
    );
}

#[test]
fn flatten_splices_nested_junctions() {
    let a = number(EMPLOYEES, CompareOp::Gt, 1.0);
    let b = number(EMPLOYEES, CompareOp::Gt, 2.0);
    let c = number(EMPLOYEES, CompareOp::Gt, 3.0);
    let rule = and(vec![a, and(vec![b, c]), or(vec![saas()])]);
    let plan = plan(&program(vec![rule], vec![]), &only("flatten"));
    let Node::And(operands) = root(&plan, 0) else {
        panic!("not an and")
    };
    assert_eq!(operands.len(), 4);
}

#[test]
fn fold_removes_double_negation_and_duplicates() {
    let rules = vec![not(not(saas())), and(vec![saas(), saas()])];
    let plan = plan(&program(rules, vec![]), &Options::default());
    assert_eq!(plan.arena.rules[0], plan.arena.rules[1]);
    assert!(matches!(root(&plan, 0), Node::Test(..)));
}

#[test]
fn fold_decides_with_constants_from_scores_read_in_rules() {
    let score_missing = test(FIT, PredTest::Missing(true));
    let rules = vec![
        or(vec![saas(), score_missing.clone()]),
        and(vec![saas(), score_missing]),
    ];
    let plan = plan(&program(rules, vec![]), &only("fold"));
    assert_eq!(*root(&plan, 0), Node::Const(crate::verdict::Truth::True));
    assert!(matches!(root(&plan, 1), Node::Test(..)));
}

#[test]
fn empty_list_membership_stays_unknown_when_missing() {
    let empty = test(
        INDUSTRY,
        PredTest::In {
            values: vec![],
            negated: true,
        },
    );
    let plan = plan(&program(vec![empty], vec![]), &Options::default());
    let Node::Not(inner) = root(&plan, 0) else {
        panic!("not a negation")
    };
    assert!(matches!(plan.arena.node(*inner), Node::And(_)));
}

#[test]
fn order_puts_cheap_tests_before_regexes() {
    let rule = and(vec![
        matches(TITLE, "vp"),
        number(EMPLOYEES, CompareOp::Gt, 10.0),
    ]);
    let plan = plan(&program(vec![rule], vec![]), &only("order"));
    let Node::And(operands) = root(&plan, 0) else {
        panic!("not an and")
    };
    assert!(matches!(
        plan.arena.node(operands[0]),
        Node::Test(_, Test::Number(..))
    ));
}

#[test]
fn regex_set_groups_patterns_on_one_field() {
    let rules = vec![
        matches(TITLE, "vp"),
        matches(TITLE, "head"),
        matches(INDUSTRY, "soft"),
    ];
    let plan = plan(&program(rules, vec![]), &only("regex_set"));
    let set_of = |rule| {
        let Node::Test(_, Test::Matches { set, .. }) = root(&plan, rule) else {
            panic!("rule {rule} is not a regex test")
        };
        *set
    };
    assert_eq!((set_of(0), set_of(1), set_of(2)), (Some(0), Some(0), None));
    assert_eq!(plan.compiled.regex_sets.len(), 1);
}

#[test]
fn used_fields_lists_each_tested_field_once() {
    let affix = test(TECH, PredTest::HasAny(vec!["x".into()]));
    let seen = test(SEEN, PredTest::Within(30));
    let starts = test(INDUSTRY, PredTest::Text(TextOp::StartsWith, "s".into()));
    let rules = vec![saas(), starts, affix, seen];
    let plan = plan(&program(rules, vec![]), &Options::default());
    assert_eq!(plan.used_fields(), vec![FieldId(0), FieldId(3), FieldId(4)]);
}

#[test]
fn options_know_pass_names() {
    let mut options = Options::default();
    assert!(!options.set("no_such_pass", false));
    assert!(options.set("order", false));
    assert!(!options.enabled("order") && options.enabled("share"));
}

#[test]
fn display_names_nodes_users_and_roots() {
    let rules = vec![
        saas(),
        and(vec![saas(), number(EMPLOYEES, CompareOp::Ge, 10.0)]),
    ];
    let tiers = vec![Some(number(FIT, CompareOp::Ge, 20.0)), None];
    let text = plan(&program(rules, tiers), &Options::default()).to_string();
    let expected = "\
passes: share, flatten, fold, order, regex_set
fields read: industry, employees
nodes:
  #0   industry in [\"fintech\", \"saas\"]                  used by r0, r1
  #1   employees >= 10                                  used by r1
  #2   and #1 #0                                        used by r1
  #3   fit >= 20                                        used by tier t0
rules:
  r0: #0 => fit +10
  r1: #2 => fit +10
tiers:
  t0: #3
  t1: otherwise
";
    assert_eq!(text, expected);
}

//! The passes stay near-linear: the invariants that make them so, checked
//! on inputs large enough that a quadratic pass would not finish (the
//! figures are in bench/run.sh, never in a timed test).

use super::{EMPLOYEES, INDUSTRY, number, or, program, test, text_in};
use crate::ast::CompareOp;
use crate::eval::eval;
use crate::ir::{Literal, PredTest};
use crate::plan::{Node, Options, Test, plan};
use crate::record::{Record, Value};
use crate::verdict::{Context, Truth};

fn numbers_in(count: u32) -> PredTest {
    let values = (0..count)
        .map(|value| Literal::Number(f64::from(value * 3)))
        .collect();
    PredTest::In {
        values,
        negated: false,
    }
}

fn lead(employees: f64) -> Record {
    Record {
        values: vec![
            Value::Missing,
            Value::Number(employees),
            Value::Missing,
            Value::Missing,
            Value::Missing,
        ],
        ..Record::default()
    }
}

#[test]
fn a_numeric_in_list_is_one_hashed_test_of_any_length() {
    let rule = test(EMPLOYEES, numbers_in(100_000));
    let plan = plan(&program(vec![rule], vec![]), &Options::default());
    let tests: Vec<&Test> = (plan.arena.nodes.iter())
        .filter_map(|node| match node {
            Node::Test(_, test) => Some(test),
            Node::Const(_) | Node::And(_) | Node::Or(_) | Node::Not(_) => None,
        })
        .collect();
    assert!(matches!(tests.as_slice(), [Test::NumberIn(numbers)] if numbers.len() == 100_000));
    let context = Context { as_of: 0 };
    assert_eq!(eval(&plan, &lead(299_997.0), &context).matched, [0]);
    assert!(eval(&plan, &lead(299_998.0), &context).matched.is_empty());
    assert!(eval(&plan, &lead(-0.0), &context).matched == [0]);
}

#[test]
fn fold_and_flatten_keep_each_of_many_operands_once() {
    // 50,000 distinct tests, each written twice, in one `or` of `or`s.
    let tests = |offset: u32| {
        (0..50_000u32).map(move |value| number(EMPLOYEES, CompareOp::Eq, f64::from(value + offset)))
    };
    let halves = vec![or(tests(0).collect()), or(tests(0).collect())];
    let program = program(vec![or(halves), text_in(INDUSTRY, &["saas"])], vec![]);
    for options in [Options::default(), Options::none()] {
        let plan = plan(&program, &options);
        let distinct = |plan: &crate::plan::Plan| {
            let Node::Or(operands) = plan.arena.node(plan.arena.rules[0]) else {
                return 0;
            };
            operands.len()
        };
        if options == Options::default() {
            assert_eq!(distinct(&plan), 50_000);
        }
        let context = Context { as_of: 0 };
        assert_eq!(eval(&plan, &lead(49_999.0), &context).matched, [0]);
        assert_eq!(
            crate::eval::Evaluator::new(&plan, &context)
                .probe(&lead(50_000.0), plan.arena.rules[0]),
            Truth::False
        );
    }
}

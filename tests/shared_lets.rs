//! Lets are shared, not copied per use: a chain of lets that doubles at
//! each step (`let a2 = a1 and a1`, ... `a30`, 2^30 tests expanded) used by
//! many rules compiles to a program, a plan and lint warnings as large as
//! the file, not as its expansion. Sizes are asserted, not times, so the
//! test cannot flake on a busy machine.

use icpc::diagnostic::Code;
use icpc::eval::Evaluator;
use icpc::ir;
use icpc::plan::{self, Options};
use icpc::record::{Record, Value};
use icpc::source::Source;
use icpc::verdict::Context;

const CHAIN: usize = 30;
const RULES: usize = 300;

/// `let a1 = x > 1 or x > 2`, `let aK = aK-1 and aK-1` (a repeated
/// condition, W205) up to `a30`, and rules that each use `a30` twice.
fn doubling_file() -> String {
    let mut text = String::from("score fit\nlet a1 = x > 1 or x > 2\n");
    for k in 2..=CHAIN {
        text.push_str(&format!("let a{k} = a{} and a{}\n", k - 1, k - 1));
    }
    for rule in 0..RULES {
        text.push_str(&format!(
            "rule r{rule}: (a{CHAIN} and y > {rule}) or a{CHAIN} => fit +1\n"
        ));
    }
    text
}

/// Condition nodes held by the program, each let body counted once.
fn ir_nodes(program: &ir::Program) -> usize {
    fn count(cond: &ir::Cond) -> usize {
        1 + match &cond.kind {
            ir::CondKind::And(operands) | ir::CondKind::Or(operands) => {
                operands.iter().map(count).sum()
            }
            ir::CondKind::Not(inner) => count(inner),
            ir::CondKind::Let(_) | ir::CondKind::Pred(_) => 0,
        }
    }
    program.conditions().map(count).sum()
}

#[test]
fn a_doubling_chain_of_lets_compiles_to_the_size_of_the_file() {
    let text = doubling_file();
    let source = Source::new("doubling.icp", &text);
    let checked = match icpc::compile(&source) {
        Ok(checked) => checked,
        Err(errors) => panic!("{errors:#?}"),
    };
    let program = &checked.program;
    assert_eq!(program.lets.len(), CHAIN);
    // a1: or + 2 tests; a2..a30: and + 2 uses; rules: or, and, 2 uses, a test.
    assert_eq!(ir_nodes(program), 3 + (CHAIN - 1) * 3 + RULES * 5);
    assert_eq!(program.pred_count as usize, 2 + RULES);

    // W205 once per let body (`aK-1 and aK-1`), not once per use.
    let repeated = (checked.warnings.iter())
        .filter(|warning| warning.code == Code::DuplicateCondition)
        .count();
    assert_eq!(repeated, CHAIN - 1);

    for options in [Options::default(), Options::none()] {
        let plan = plan::plan(program, &options);
        assert!(
            plan.arena.nodes.len() <= ir_nodes(program),
            "{} plan nodes",
            plan.arena.nodes.len()
        );
        let context = Context { as_of: 20_269 };
        let mut evaluator = Evaluator::new(&plan, &context);
        let x = program.field_id("x").expect("x is a field");
        let mut record = Record {
            values: vec![Value::Missing; program.fields.len()],
            ..Record::default()
        };
        record.values[x.0 as usize] = Value::Number(5.0);
        assert_eq!(evaluator.eval(&record).matched.len(), RULES);
        record.values[x.0 as usize] = Value::Number(0.0);
        assert!(evaluator.eval(&record).matched.is_empty());
    }
}

#[test]
fn canonical_keys_and_printing_name_lets_instead_of_expanding_them() {
    let text = doubling_file();
    let checked = icpc::compile(&Source::new("doubling.icp", &text)).expect("compiles");
    let program = &checked.program;
    let printed = ir::print::Program(program).to_string();
    assert!(
        printed.len() < text.len() * 2,
        "{} bytes printed",
        printed.len()
    );
    assert!(printed.contains("let a30: (and (let a29) (let a29))"));
    let key = ir::key::rule(program, &program.rules[0]);
    assert!(key.len() < 100, "{key}");
}

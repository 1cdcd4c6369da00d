//! A compact s-expression view of a checked program, for check snapshots.

use icpc::ir;

/// Fields, scores, rules and tiers, one per line.
pub fn show(program: &ir::Program) -> String {
    let fields: Vec<String> = program
        .fields
        .iter()
        .map(|field| format!("{}: {}", field.name, field.ty.as_str()))
        .collect();
    let scores: Vec<&str> = program
        .scores
        .iter()
        .map(|score| score.name.as_str())
        .collect();
    let mut out = format!(
        "schema: {}\nfields: {}\nscores: {}\n",
        if program.has_schema {
            "declared"
        } else {
            "inferred"
        },
        fields.join(", "),
        scores.join(", ")
    );
    for rule in &program.rules {
        let effect = match &rule.effect {
            ir::Effect::Add { score, delta } => format!("{} {delta:+}", program.score(*score).name),
            ir::Effect::Disqualify { reason } => format!("disqualify {reason:?}"),
        };
        let condition = cond(program, &rule.condition);
        out.push_str(&format!("rule {}: {condition} => {effect}\n", rule.name));
    }
    for tier in &program.tiers {
        let condition = tier
            .condition
            .as_ref()
            .map_or("otherwise".to_string(), |condition| {
                cond(program, condition)
            });
        out.push_str(&format!("tier {}: {condition}\n", tier.name));
    }
    out
}

fn cond(program: &ir::Program, cond: &ir::Cond) -> String {
    let chain = |name: &str, operands: &[ir::Cond]| {
        let operands: Vec<String> = operands
            .iter()
            .map(|operand| self::cond(program, operand))
            .collect();
        format!("({name} {})", operands.join(" "))
    };
    match &cond.kind {
        ir::CondKind::And(operands) => chain("and", operands),
        ir::CondKind::Or(operands) => chain("or", operands),
        ir::CondKind::Not(inner) => format!("(not {})", self::cond(program, inner)),
        ir::CondKind::Let { name, body } => format!("(let {name} {})", self::cond(program, body)),
        ir::CondKind::Pred(pred) => self::pred(program, pred),
    }
}

fn pred(program: &ir::Program, pred: &ir::Pred) -> String {
    let subject = match pred.subject {
        ir::Subject::Field(field) => program.field(field).name.clone(),
        ir::Subject::Score(score) => format!("score:{}", program.score(score).name),
    };
    let list = |values: &[ir::Literal]| values.iter().map(literal).collect::<Vec<_>>().join(" ");
    let texts = |values: &[String]| format!("{values:?}");
    match &pred.test {
        ir::PredTest::Compare(op, value) => {
            format!("({} {subject} {})", op.as_str(), literal(value))
        }
        ir::PredTest::In { values, negated } => {
            let op = if *negated { "not-in" } else { "in" };
            format!("({op} {subject} [{}])", list(values))
        }
        ir::PredTest::Range(low, high) => {
            format!("(range {subject} {} {})", literal(low), literal(high))
        }
        ir::PredTest::HasAny(values) => format!("(has-any {subject} {})", texts(values)),
        ir::PredTest::HasAll(values) => format!("(has-all {subject} {})", texts(values)),
        ir::PredTest::Text(op, text) => format!("({} {subject} {text:?})", op.as_str()),
        ir::PredTest::Matches {
            pattern,
            case_insensitive,
        } => {
            format!(
                "(matches {subject} /{pattern}/{})",
                if *case_insensitive { "i" } else { "" }
            )
        }
        ir::PredTest::Missing(true) => format!("(missing {subject})"),
        ir::PredTest::Missing(false) => format!("(present {subject})"),
        ir::PredTest::Within(days) => format!("(within {subject} {days})"),
    }
}

fn literal(literal: &ir::Literal) -> String {
    match literal {
        ir::Literal::Number(number) => number.to_string(),
        ir::Literal::Text(text) => format!("{text:?}"),
        ir::Literal::Bool(flag) => flag.to_string(),
        ir::Literal::Date(days) => format!("@{}", icpc::date::format(*days)),
    }
}

//! proptest strategies for whole rule files as trees: a schema, scores,
//! lets, rules with nested `and`/`or`/`not` and every operator, tiers.
//!
//! The trees are normalised as the parser builds them (no `and` directly
//! inside `and`, no `or` inside `or`) and hold only what the language can
//! write (no line break inside a regex, no carriage return in text); spans
//! are all empty, since the formatter must not depend on them.

use icpc::ast;
use icpc::source::Span;
use proptest::prelude::*;

const NOT_NAMES: &[&str] = &[
    "and",
    "or",
    "not",
    "in",
    "has",
    "is",
    "within",
    "matches",
    "contains",
    "starts_with",
    "ends_with",
    "true",
    "false",
    "otherwise",
    "disqualify",
    "schema",
    "score",
    "let",
    "rule",
    "tier",
    "any",
    "all",
    "day",
    "days",
    "missing",
    "present",
];

fn name() -> impl Strategy<Value = String> {
    "[a-z][a-z0-9_]{0,6}".prop_filter("not a keyword", |name| !NOT_NAMES.contains(&name.as_str()))
}

fn ident() -> impl Strategy<Value = ast::Ident> {
    name().prop_map(|name| ast::Ident {
        name,
        span: Span::default(),
    })
}

fn field() -> impl Strategy<Value = ast::FieldPath> {
    prop::collection::vec(name(), 1..3).prop_map(|parts| ast::FieldPath {
        name: parts.join("."),
        span: Span::default(),
    })
}

fn number(pattern: &'static str) -> impl Strategy<Value = ast::Number> {
    pattern.prop_map(|raw| ast::Number {
        raw,
        span: Span::default(),
    })
}

fn text() -> impl Strategy<Value = ast::Text> {
    let bare = "[A-Za-z_][A-Za-z0-9_&+-]{0,5}(\\.[A-Za-z0-9]{1,3})?";
    let free = "[^\r]{0,8}";
    (prop_oneof![bare, free], any::<bool>()).prop_map(|(value, quoted)| ast::Text {
        value,
        quoted,
        span: Span::default(),
    })
}

fn value() -> impl Strategy<Value = ast::Value> {
    prop_oneof![
        number("-?[0-9][0-9_]{0,5}(\\.[0-9]{1,2})?").prop_map(ast::ValueKind::Number),
        text().prop_map(ast::ValueKind::Text),
        any::<bool>().prop_map(ast::ValueKind::Bool),
        "20[0-9]{2}-[01][0-9]-[0-3][0-9]".prop_map(ast::ValueKind::Date),
    ]
    .prop_map(|kind| ast::Value {
        kind,
        span: Span::default(),
    })
}

/// A range's end: a number or a date, as the grammar allows.
fn bound() -> impl Strategy<Value = ast::Value> {
    prop_oneof![
        number("-?[0-9][0-9_]{0,5}(\\.[0-9]{1,2})?").prop_map(ast::ValueKind::Number),
        "20[0-9]{2}-[01][0-9]-[0-3][0-9]".prop_map(ast::ValueKind::Date),
    ]
    .prop_map(|kind| ast::Value {
        kind,
        span: Span::default(),
    })
}

fn list() -> impl Strategy<Value = ast::List> {
    prop::collection::vec(value(), 0..4).prop_map(|items| ast::List {
        items,
        span: Span::default(),
    })
}

fn list_ref() -> impl Strategy<Value = ast::ListRef> {
    prop_oneof![
        list().prop_map(ast::ListRef::Literal),
        ident().prop_map(ast::ListRef::Name)
    ]
}

/// A regex body as the parser leaves it: plain characters, `/` (written
/// `\/`), and escape pairs.
fn regex() -> impl Strategy<Value = ast::Regex> {
    let token = prop_oneof![
        "[a-z0-9 .*+?()|^$]",
        Just("/".to_string()),
        "\\\\[a-zA-Z.\\\\]"
    ];
    (
        prop::collection::vec(token, 1..6),
        prop_oneof![Just(""), Just("i")],
    )
        .prop_map(|(tokens, flags)| ast::Regex {
            pattern: tokens.concat(),
            flags: flags.to_string(),
            span: Span::default(),
        })
}

fn compare_op() -> impl Strategy<Value = ast::CompareOp> {
    prop::sample::select(vec![
        ast::CompareOp::Eq,
        ast::CompareOp::Ne,
        ast::CompareOp::Lt,
        ast::CompareOp::Le,
        ast::CompareOp::Gt,
        ast::CompareOp::Ge,
    ])
}

fn test_op() -> impl Strategy<Value = ast::TestOp> {
    let quantifier = prop::sample::select(vec![ast::Quantifier::Any, ast::Quantifier::All]);
    let text_op = prop::sample::select(vec![
        ast::TextOp::Contains,
        ast::TextOp::StartsWith,
        ast::TextOp::EndsWith,
    ]);
    prop_oneof![
        (compare_op(), value()).prop_map(|(op, value)| ast::TestOp::Compare(op, value)),
        (any::<bool>(), list_ref()).prop_map(|(negated, list)| ast::TestOp::In { negated, list }),
        (bound(), bound()).prop_map(|(low, high)| ast::TestOp::Range(low, high)),
        value().prop_map(ast::TestOp::Has),
        (quantifier, list_ref()).prop_map(|(q, list)| ast::TestOp::HasQuantified(q, list)),
        (text_op.clone(), value()).prop_map(|(op, value)| ast::TestOp::Text(op, value)),
        (text_op, list_ref()).prop_map(|(op, list)| ast::TestOp::TextAny(op, list)),
        regex().prop_map(ast::TestOp::Matches),
        ident().prop_map(ast::TestOp::MatchesNamed),
        any::<bool>().prop_map(ast::TestOp::Missing),
        number("[0-9]{1,3}").prop_map(ast::TestOp::Within),
    ]
}

fn expr_of(kind: ast::ExprKind) -> ast::Expr {
    ast::Expr {
        kind,
        span: Span::default(),
    }
}

/// Conditions up to a few levels deep, flattened as the parser flattens.
pub fn condition() -> impl Strategy<Value = ast::Expr> {
    let leaf = prop_oneof![
        4 => (field(), test_op()).prop_map(|(field, op)| {
            expr_of(ast::ExprKind::Test(ast::Test { field, op, op_span: Span::default() }))
        }),
        1 => ident().prop_map(|name| expr_of(ast::ExprKind::Name(name))),
    ];
    leaf.prop_recursive(4, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 2..4).prop_map(|operands| chain(operands, true)),
            prop::collection::vec(inner.clone(), 2..4).prop_map(|operands| chain(operands, false)),
            inner.prop_map(|operand| expr_of(ast::ExprKind::Not(Box::new(operand)))),
        ]
    })
}

/// An `and` (or `or`) of the operands, splicing in operands of the same kind.
fn chain(operands: Vec<ast::Expr>, and: bool) -> ast::Expr {
    let mut flat = Vec::new();
    for operand in operands {
        match operand.kind {
            ast::ExprKind::And(inner) if and => flat.extend(inner),
            ast::ExprKind::Or(inner) if !and => flat.extend(inner),
            kind @ (ast::ExprKind::And(_)
            | ast::ExprKind::Or(_)
            | ast::ExprKind::Not(_)
            | ast::ExprKind::Name(_)
            | ast::ExprKind::Test(_)) => flat.push(expr_of(kind)),
        }
    }
    expr_of(if and {
        ast::ExprKind::And(flat)
    } else {
        ast::ExprKind::Or(flat)
    })
}

fn effect() -> impl Strategy<Value = ast::Effect> {
    prop_oneof![
        (ident(), any::<bool>(), number("[0-9]{1,3}(\\.[0-9])?")).prop_map(
            |(score, negative, amount)| ast::Effect::Score {
                score,
                negative,
                amount,
                span: Span::default()
            }
        ),
        text().prop_map(|reason| ast::Effect::Disqualify {
            reason,
            span: Span::default()
        }),
    ]
}

fn cap_bound() -> impl Strategy<Value = ast::CapBound> {
    (any::<bool>(), number("-?[0-9]{1,3}(\\.[0-9])?")).prop_map(|(most, limit)| ast::CapBound {
        most,
        limit,
        span: Span::default(),
    })
}

fn type_name() -> impl Strategy<Value = ast::TypeName> {
    let simple = |name: &str| ast::TypeName {
        name: ast::Ident {
            name: name.to_string(),
            span: Span::default(),
        },
        element: None,
        span: Span::default(),
    };
    prop::sample::select(vec!["int", "number", "text", "bool", "date", "list"]).prop_map(
        move |name| {
            let mut type_name = simple(name);
            if name == "list" {
                type_name.element = Some(Box::new(simple("text")));
            }
            type_name
        },
    )
}

fn item() -> impl Strategy<Value = ast::Item> {
    let span = Span::default();
    let quoted = || {
        "[^\r]{0,12}".prop_map(move |value| ast::Text {
            value,
            quoted: true,
            span,
        })
    };
    let field_decl = (
        field(),
        type_name(),
        any::<bool>(),
        prop::option::of(quoted()),
        prop::option::of(quoted()),
    )
        .prop_map(move |(name, ty, fixed, source, format)| ast::FieldDecl {
            name,
            ty,
            fixed: fixed.then_some(span),
            source,
            format,
            span,
        });
    prop_oneof![
        1 => (prop::option::of(ident()), prop::collection::vec(field_decl, 0..4))
            .prop_map(move |(preset, fields)| ast::Item::Schema(ast::Schema { preset, fields, span })),
        1 => (ident(), prop::collection::vec(cap_bound(), 0..3))
            .prop_map(move |(name, bounds)| ast::Item::Score(ast::Score { name, bounds, span })),
        1 => (ident(), prop::collection::vec(cap_bound(), 1..3), prop::collection::vec(ident(), 1..4))
            .prop_map(move |(name, bounds, rules)| {
                ast::Item::Group(ast::Group { name, bounds, rules, span })
            }),
        1 => (ident(), prop_oneof![
            condition().prop_map(ast::LetValue::Condition),
            list().prop_map(ast::LetValue::List),
            regex().prop_map(ast::LetValue::Pattern),
        ])
        .prop_map(move |(name, value)| ast::Item::Let(ast::Let { name, value, span })),
        3 => (prop::option::of(ident()), condition(), prop::collection::vec(effect(), 1..4))
            .prop_map(move |(name, condition, effects)| {
                ast::Item::Rule(ast::Rule { name, condition, effects, span })
            }),
        1 => (ident(), prop::option::of(condition()))
            .prop_map(move |(name, condition)| {
                let otherwise = condition.is_none().then_some(span);
                ast::Item::Tier(ast::Tier { name, condition, otherwise, span })
            }),
        1 => example(),
        1 => "20[0-9]{2}-[01][0-9]-[0-3][0-9]".prop_map(move |date| ast::Item::AsOf(ast::AsOf {
            date: ast::Value { kind: ast::ValueKind::Date(date), span },
            span,
        })),
        1 => (ident(), condition()).prop_map(move |(name, condition)| {
            ast::Item::Segment(ast::Segment { name, condition, span })
        }),
        1 => "[a-z_/]{1,12}\\.icp".prop_map(move |path| ast::Item::Include(ast::Include {
            path: ast::Text { value: path, quoted: true, span },
            span,
        })),
    ]
}

fn example() -> impl Strategy<Value = ast::Item> {
    let span = Span::default();
    let entry = (
        field(),
        prop_oneof![
            value().prop_map(ast::EntryValue::Value),
            list().prop_map(ast::EntryValue::List),
        ],
    )
        .prop_map(move |(field, value)| ast::Entry { field, value, span });
    let rule = prop_oneof![
        name().prop_map(move |value| ast::Text {
            value,
            quoted: false,
            span
        }),
        text().prop_map(|text| ast::Text {
            quoted: true,
            ..text
        }),
    ];
    let kind = prop_oneof![
        ident().prop_map(ast::ExpectationKind::Tier),
        Just(ast::ExpectationKind::NoTier),
        prop::option::of(text()).prop_map(ast::ExpectationKind::Disqualified),
        (rule, any::<bool>())
            .prop_map(|(rule, negated)| ast::ExpectationKind::Fires { rule, negated }),
        (ident(), number("-?[0-9][0-9_]{0,4}"))
            .prop_map(|(score, value)| ast::ExpectationKind::Score { score, value }),
        (ident(), any::<bool>())
            .prop_map(|(segment, negated)| ast::ExpectationKind::Segment { segment, negated }),
    ];
    let expectation = kind.prop_map(move |kind| ast::Expectation { kind, span });
    (
        text(),
        prop::collection::vec(entry, 0..4),
        prop::collection::vec(expectation, 1..4),
    )
        .prop_map(move |(name, record, expectations)| {
            ast::Item::Example(ast::Example {
                name,
                record,
                record_span: span,
                expectations,
                span,
            })
        })
}

/// A whole file of up to a dozen declarations, without comments.
pub fn file() -> impl Strategy<Value = ast::File> {
    prop::collection::vec(item(), 0..12).prop_map(|items| ast::File {
        items,
        comments: Vec::new(),
        span: Span::default(),
        broken: Vec::new(),
    })
}

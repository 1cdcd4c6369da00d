//! Conditions, lists and values in canonical spacing: `a == b`,
//! `x 10..1000`, `[a, b]`, `x not in [a]`. Parentheses go only where
//! precedence needs them (`not` over `and` over `or`), with one exception
//! for readers: an `and` inside an `or` is always parenthesised,
//! `(a and b) or c`, so that nobody has to remember which binds tighter.
//!
//! Literals print as written where the tree keeps it (numbers with their
//! `_`, regexes, dates); text prints bare when it was bare and is still a
//! valid bare word, otherwise quoted with the fewest escapes that read back
//! to the same text.

use crate::ast;

/// A condition; nested `and`/`or` get parentheses only when needed.
pub fn expr(expr: &ast::Expr) -> String {
    match &expr.kind {
        ast::ExprKind::Or(operands) => chain(operands, " or ", Precedence::Or),
        ast::ExprKind::And(operands) => chain(operands, " and ", Precedence::And),
        ast::ExprKind::Not(inner) => format!("not {}", operand(inner, Precedence::Not)),
        ast::ExprKind::Name(name) => name.name.clone(),
        ast::ExprKind::Test(test) => format!("{} {}", test.field.name, operation(&test.op)),
    }
}

/// How tightly a construct binds: an operand binding no tighter than its
/// parent is parenthesised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Precedence {
    Or,
    And,
    Not,
    Atom,
}

fn precedence(expr: &ast::Expr) -> Precedence {
    match &expr.kind {
        ast::ExprKind::Or(_) => Precedence::Or,
        ast::ExprKind::And(_) => Precedence::And,
        ast::ExprKind::Not(_) => Precedence::Not,
        ast::ExprKind::Name(_) | ast::ExprKind::Test(_) => Precedence::Atom,
    }
}

fn chain(operands: &[ast::Expr], separator: &str, parent: Precedence) -> String {
    operands
        .iter()
        .map(|each| operand(each, parent))
        .collect::<Vec<_>>()
        .join(separator)
}

fn operand(inner: &ast::Expr, parent: Precedence) -> String {
    let nested = precedence(inner);
    let for_readers = parent == Precedence::Or && nested == Precedence::And;
    if (nested <= parent && nested != Precedence::Not) || for_readers {
        format!("({})", expr(inner))
    } else {
        expr(inner)
    }
}

fn operation(op: &ast::TestOp) -> String {
    match op {
        ast::TestOp::Compare(compare, operand) => {
            format!("{} {}", compare.as_str(), value(operand))
        }
        ast::TestOp::In { negated, list } => {
            let keyword = if *negated { "not in" } else { "in" };
            format!("{keyword} {}", list_ref(list))
        }
        ast::TestOp::Range(low, high) => format!("{}..{}", value(low), value(high)),
        ast::TestOp::Has(element) => format!("has {}", value(element)),
        ast::TestOp::HasQuantified(ast::Quantifier::Any, list) => {
            format!("has any {}", list_ref(list))
        }
        ast::TestOp::HasQuantified(ast::Quantifier::All, list) => {
            format!("has all {}", list_ref(list))
        }
        ast::TestOp::Text(text_op, operand) => format!("{} {}", text_op.as_str(), value(operand)),
        ast::TestOp::TextAny(text_op, list) => {
            format!("{} any {}", text_op.as_str(), list_ref(list))
        }
        ast::TestOp::Matches(pattern) => format!("matches {}", regex(pattern)),
        ast::TestOp::MatchesNamed(name) => format!("matches {}", name.name),
        ast::TestOp::Missing(true) => "is missing".to_string(),
        ast::TestOp::Missing(false) => "is present".to_string(),
        ast::TestOp::Within(days) => {
            let unit = if days.digits() == "1" { "day" } else { "days" };
            format!("within {} {unit}", days.raw)
        }
    }
}

/// `/\b(vp|head)\b/i`
pub fn regex(regex: &ast::Regex) -> String {
    format!("/{}/{}", escape_slashes(&regex.pattern), regex.flags)
}

fn list_ref(list: &ast::ListRef) -> String {
    match list {
        ast::ListRef::Literal(literal) => self::list(literal),
        ast::ListRef::Name(name) => name.name.clone(),
    }
}

/// `[a, b, "c d"]`
pub fn list(list: &ast::List) -> String {
    let items: Vec<String> = list.items.iter().map(value).collect();
    format!("[{}]", items.join(", "))
}

/// A literal as the canonical layout writes it.
pub fn value(value: &ast::Value) -> String {
    match &value.kind {
        ast::ValueKind::Number(number) => number.raw.clone(),
        ast::ValueKind::Text(text) if !text.quoted && is_bare_word(&text.value) => {
            text.value.clone()
        }
        ast::ValueKind::Text(text) => quoted(&text.value),
        ast::ValueKind::Bool(flag) => flag.to_string(),
        ast::ValueKind::Date(date) => date.clone(),
    }
}

/// Words that never print bare: they would read back as something else.
const RESERVED: &[&str] = &[
    "true",
    "false",
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
    "otherwise",
    "disqualify",
];

/// Whether the grammar reads `text` back as the same bare word.
pub fn is_bare_word(text: &str) -> bool {
    let mut chars = text.chars().peekable();
    let starts_well = chars
        .next()
        .is_some_and(|first| first.is_ascii_alphabetic() || first == '_');
    let mut continues_well = true;
    while let Some(c) = chars.next() {
        let ok = match c {
            '.' => chars.peek().is_some_and(char::is_ascii_alphanumeric),
            c => c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '&' | '+'),
        };
        continues_well &= ok;
    }
    starts_well && continues_well && !RESERVED.contains(&text)
}

/// Text in double quotes. The parser resolves `\"`, `\\`, `\n` and `\t`
/// and keeps any other backslash as written, so a backslash is doubled only
/// where it would otherwise start an escape (before `"`, `\`, `n`, `t`, a
/// line break or tab, which print as escapes) or end the text.
pub fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\\' if matches!(
                chars.peek(),
                None | Some('"' | '\\' | 'n' | 't' | '\n' | '\t')
            ) =>
            {
                out.push_str("\\\\")
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The inverse of the parser's `\/` to `/`: an unescaped `/` gets its
/// backslash back; escape pairs are copied as they are.
fn escape_slashes(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len());
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                out.push('\\');
                if let Some(escaped) = chars.next() {
                    out.push(escaped);
                }
            }
            '/' => out.push_str("\\/"),
            c => out.push(c),
        }
    }
    out
}

//! The canonical layout of a rule file (`icpc fmt`).
//!
//! In: a parsed [`ast::File`] and the [`Source`] it came from (for comments
//! and blank lines). Out: the file's text in the one canonical layout:
//! one declaration per line (an example too, however long), schema fields one per line indented two
//! spaces, a blank line between groups of different declaration kinds, the
//! user's blank lines between declarations kept (several collapse to one),
//! every comment kept. Own-line comments stay before what follows them;
//! a comment after a declaration (or schema field) on its line stays there;
//! a comment inside a multi-line declaration moves to its own line before
//! it. Invariants, tested by property tests: formatting is idempotent, and
//! the output parses to the same tree as the input (spans aside).
//!
//! A tree whose spans do not match `source` (e.g. one built by a test)
//! still formats: it just has no comments or blank lines to keep.

mod condition;
mod example;
mod layout;

pub use condition::{is_bare_word, quoted};

use crate::ast;
use crate::source::Source;
use layout::Printer;

/// A text value as a list item or after `==` writes it: a bare word where
/// the grammar reads it back as the same word, quoted text otherwise.
pub fn text_literal(text: &str) -> String {
    if is_bare_word(text) {
        text.to_owned()
    } else {
        quoted(text)
    }
}

/// Formats a parsed file in the canonical layout; the text ends with one
/// line break (an empty file stays empty).
pub fn format(file: &ast::File, source: &Source) -> String {
    let mut printer = Printer::new(source, &file.comments);
    let mut previous: Option<Kind> = None;
    for item in &file.items {
        let kind = Kind::of(item);
        let new_group = previous.is_some_and(|previous| previous != kind);
        match item {
            ast::Item::Include(include) => {
                let line = format!("include {}", condition::quoted(&include.path.value));
                printer.line_declaration(include.span, new_group, &line);
            }
            ast::Item::Schema(schema) => printer.schema(schema, new_group, &field_lines(schema)),
            ast::Item::Score(score) => {
                let line = format!("score {}", score.name.name);
                printer.line_declaration(score.span, new_group, &line);
            }
            ast::Item::Let(let_) => {
                printer.line_declaration(let_.span, new_group, &let_declaration(let_));
            }
            ast::Item::Rule(rule) => {
                printer.line_declaration(rule.span, new_group, &rule_declaration(rule));
            }
            ast::Item::Tier(tier) => {
                printer.line_declaration(tier.span, new_group, &tier_declaration(tier));
            }
            ast::Item::Example(example) => {
                printer.line_declaration(example.span, new_group, &example::declaration(example));
            }
            ast::Item::AsOf(as_of) => {
                let line = format!("as_of {}", condition::value(&as_of.date));
                printer.line_declaration(as_of.span, new_group, &line);
            }
        }
        previous = Some(kind);
    }
    printer.finish()
}

/// The kinds of declaration; a change of kind starts a new paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Include,
    Schema,
    Score,
    Let,
    Rule,
    Tier,
    Example,
}

impl Kind {
    fn of(item: &ast::Item) -> Kind {
        match item {
            ast::Item::Include(_) => Kind::Include,
            ast::Item::Schema(_) => Kind::Schema,
            ast::Item::Score(_) => Kind::Score,
            ast::Item::Let(_) => Kind::Let,
            ast::Item::Rule(_) => Kind::Rule,
            ast::Item::Tier(_) => Kind::Tier,
            ast::Item::Example(_) | ast::Item::AsOf(_) => Kind::Example,
        }
    }
}

/// `name: type` (`fixed`, `from "Column"`, `format "..."`), one line per schema field.
fn field_lines(schema: &ast::Schema) -> Vec<String> {
    schema
        .fields
        .iter()
        .map(|field| {
            let mut line = format!("{}: {}", field.name.name, field.ty);
            if field.fixed.is_some() {
                line.push_str(" fixed");
            }
            if let Some(source) = &field.source {
                line.push_str(" from ");
                line.push_str(&condition::quoted(&source.value));
            }
            if let Some(format) = &field.format {
                line.push_str(" format ");
                line.push_str(&condition::quoted(&format.value));
            }
            line
        })
        .collect()
}

fn let_declaration(let_: &ast::Let) -> String {
    let value = match &let_.value {
        ast::LetValue::Condition(condition) => condition::expr(condition),
        ast::LetValue::List(list) => condition::list(list),
        ast::LetValue::Pattern(pattern) => condition::regex(pattern),
    };
    format!("let {} = {value}", let_.name.name)
}

fn rule_declaration(rule: &ast::Rule) -> String {
    let condition = condition::expr(&rule.condition);
    let effect = (rule.effects.iter())
        .map(effect)
        .collect::<Vec<_>>()
        .join(", ");
    match &rule.name {
        Some(name) => format!("rule {}: {condition} => {effect}", name.name),
        None => format!("{condition} => {effect}"),
    }
}

fn effect(effect: &ast::Effect) -> String {
    match effect {
        ast::Effect::Score {
            score,
            negative,
            amount,
            ..
        } => {
            let sign = if *negative { '-' } else { '+' };
            format!("{} {sign}{}", score.name, amount.raw)
        }
        ast::Effect::Disqualify { reason, .. } => {
            format!("disqualify {}", condition::quoted(&reason.value))
        }
    }
}

fn tier_declaration(tier: &ast::Tier) -> String {
    let condition = tier
        .condition
        .as_ref()
        .map_or_else(|| "otherwise".to_string(), condition::expr);
    format!("tier {}: {condition}", tier.name.name)
}

#[cfg(test)]
mod tests;

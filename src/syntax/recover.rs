//! What a declaration's first words tell, without parsing it.
//!
//! Two uses: a line that opens with a declaration head always starts a new
//! declaration (see `split`), and a declaration that failed to parse still
//! declares the name its head gives, so that the checker does not report
//! every use of that name as unknown.

use crate::ast;
use crate::source::Span;

/// Whether `line` opens exactly like a declaration: `schema {`,
/// `score NAME` alone on its line, `let NAME =`, `rule NAME:` or
/// `tier NAME:`, `example "`, `include "`. No condition, list or field line looks like this.
pub fn is_head(line: &str) -> bool {
    for quoted in ["example", "include"] {
        if let Some(after) = line.strip_prefix(quoted)
            && after.trim_start_matches([' ', '\t']).starts_with('"')
        {
            return true;
        }
    }
    let Some((keyword, after)) = keyword(line) else {
        return false;
    };
    if keyword == "schema" {
        return after.trim_start().starts_with('{');
    }
    let Some((_, rest)) = name(after) else {
        return false;
    };
    let rest = rest.trim_start_matches([' ', '\t']);
    match keyword {
        "score" => rest.is_empty() || rest.starts_with(['\n', '\r', '#']),
        "let" => rest.starts_with('=') && !rest.starts_with("==") && !rest.starts_with("=>"),
        _ => rest.starts_with(':'),
    }
}

/// The names the broken declaration `text[start..end]` still gives.
pub fn broken(text: &str, start: usize, end: usize) -> Option<ast::Broken> {
    let declaration = &text[start..end];
    let (keyword, after) = keyword(declaration)?;
    if keyword == "schema" {
        let body = start
            + declaration
                .find('{')
                .map_or(declaration.len(), |brace| brace + 1);
        return Some(ast::Broken::Schema {
            span: Span::new(start, start + keyword.len()),
            fields: field_names(text, body, end),
        });
    }
    let (found, _) = name(after)?;
    let offset =
        start + (declaration.len() - after.len()) + (after.len() - after.trim_start().len());
    let ident = ast::Ident {
        name: found.to_string(),
        span: Span::new(offset, offset + found.len()),
    };
    Some(match keyword {
        "score" => ast::Broken::Score(ident),
        "let" => ast::Broken::Let(ident),
        "rule" => ast::Broken::Rule(ident),
        _ => ast::Broken::Tier(ident),
    })
}

/// A declaration keyword at the start of `text` and what follows it.
fn keyword(text: &str) -> Option<(&'static str, &str)> {
    ["schema", "score", "let", "rule", "tier"]
        .into_iter()
        .find_map(|keyword| {
            let after = text.strip_prefix(keyword)?;
            let separated =
                after.starts_with([' ', '\t']) || (keyword == "schema" && after.starts_with('{'));
            separated.then_some((keyword, after))
        })
}

/// The name after a keyword's spaces, and the text after the name.
fn name(after: &str) -> Option<(&str, &str)> {
    let trimmed = after.trim_start_matches([' ', '\t']);
    let length = word_length(trimmed);
    let found = &trimmed[..length];
    let starts_well = found.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_');
    (starts_well && !is_keyword(found)).then(|| (found, &trimmed[length..]))
}

/// The fields a schema body declares: every `NAME:` or `a.b:`, and the
/// first name of each line (a field line that lost its colon).
fn field_names(text: &str, start: usize, end: usize) -> Vec<ast::Ident> {
    let mut fields = Vec::new();
    let mut index = start;
    while index < end {
        let rest = &text[index..end];
        let length = path_length(rest);
        let starts_word = index == 0 || !is_word_byte(text.as_bytes()[index - 1]);
        let before = text[start..index].trim_end_matches([' ', '\t']);
        let starts_line = before.is_empty() || before.ends_with(['\n', '{']);
        let colon = rest[length..]
            .trim_start_matches([' ', '\t'])
            .starts_with(':');
        if length > 0 && starts_word && (starts_line || colon) {
            fields.push(ast::Ident {
                name: rest[..length].to_string(),
                span: Span::new(index, index + length),
            });
        }
        index += length.max(rest.chars().next().map_or(1, char::len_utf8));
    }
    fields
}

fn path_length(text: &str) -> usize {
    let mut length = 0;
    loop {
        let word = word_length(&text[length..]);
        if word == 0 {
            return length.saturating_sub(usize::from(length > 0 && text[..length].ends_with('.')));
        }
        length += word;
        if !text[length..].starts_with('.') {
            return length;
        }
        length += 1;
    }
}

fn word_length(text: &str) -> usize {
    text.bytes().take_while(|byte| is_word_byte(*byte)).count()
}

fn is_word_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || byte == b'_'
}

fn is_keyword(word: &str) -> bool {
    matches!(
        word,
        "and"
            | "or"
            | "not"
            | "in"
            | "has"
            | "is"
            | "within"
            | "matches"
            | "contains"
            | "starts_with"
            | "ends_with"
            | "true"
            | "false"
            | "otherwise"
            | "disqualify"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heads_are_declarations_and_nothing_else() {
        for head in [
            "schema {",
            "score fit",
            "score fit # x",
            "let a = b",
            "rule r: x",
            "tier A: y",
            "example \"x\": {}",
        ] {
            assert!(is_head(head), "{head}");
        }
        for line in [
            "score in [a]",
            "score > 3",
            "let == 2",
            "rule: text",
            "scores fit",
            "tier A == 1",
            "score fit extra",
        ] {
            assert!(!is_head(line), "{line}");
        }
    }

    #[test]
    fn a_broken_let_still_names_itself() {
        let text = "let mid = employees 10..\n";
        assert_eq!(
            broken(text, 0, text.len()),
            Some(ast::Broken::Let(ast::Ident {
                name: "mid".to_string(),
                span: Span::new(4, 7)
            }))
        );
    }

    #[test]
    fn a_broken_schema_still_names_its_fields() {
        let text = "schema {\n  id: text\n  company.size int\n  tech: list<text\n";
        let Some(ast::Broken::Schema { fields, .. }) = broken(text, 0, text.len()) else {
            panic!("not a schema");
        };
        let names: Vec<&str> = fields.iter().map(|field| field.name.as_str()).collect();
        assert_eq!(names, ["id", "company.size", "tech"]);
    }
}

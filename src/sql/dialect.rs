//! What differs between the engines: quoting, literals, type names, case
//! folding, list functions and how a regex is applied. Everything else in
//! the statement is standard SQL every engine reads the same way.

use std::sync::LazyLock;

/// A SQL engine `icpc sql` writes for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Dialect {
    /// DuckDB (RE2 regexes, `VARCHAR[]` lists).
    DuckDb,
    /// PostgreSQL 12 or later, in a database with a UTF-8 `LC_CTYPE`
    /// (`lower()` follows it); `TEXT[]` lists, ARE regexes.
    Postgres,
    /// Spark SQL 3.5 or later (Java regexes, `ARRAY<STRING>` lists, string
    /// literals that unescape backslashes, names that ignore case).
    Spark,
}

impl Dialect {
    /// The name `--dialect` takes.
    pub fn as_str(self) -> &'static str {
        match self {
            Dialect::DuckDb => "duckdb",
            Dialect::Postgres => "postgres",
            Dialect::Spark => "spark",
        }
    }

    /// The engine's name in messages.
    pub fn title(self) -> &'static str {
        match self {
            Dialect::DuckDb => "DuckDB",
            Dialect::Postgres => "PostgreSQL",
            Dialect::Spark => "Spark SQL",
        }
    }

    /// An identifier, always quoted: `user` and `group` are keywords.
    pub fn ident(self, name: &str) -> String {
        match self {
            Dialect::DuckDb | Dialect::Postgres => format!("\"{}\"", name.replace('"', "\"\"")),
            Dialect::Spark => format!("`{}`", name.replace('`', "``")),
        }
    }

    /// A string literal. DuckDB and PostgreSQL take backslashes literally;
    /// Spark unescapes them (`'\.'` is `.`) and reads `''` as two adjacent
    /// literals, so there both are escaped with a backslash.
    pub fn text(self, text: &str) -> String {
        match self {
            Dialect::DuckDb | Dialect::Postgres => format!("'{}'", text.replace('\'', "''")),
            Dialect::Spark => format!("'{}'", text.replace('\\', "\\\\").replace('\'', "\\'")),
        }
    }

    /// The type of a `number` column.
    pub fn double(self) -> &'static str {
        match self {
            Dialect::DuckDb | Dialect::Spark => "DOUBLE",
            Dialect::Postgres => "DOUBLE PRECISION",
        }
    }

    /// The column type of a field type (`any`: text).
    pub fn column_type(self, ty: crate::ir::Type) -> String {
        use crate::ir::Type;
        match ty {
            Type::Int => "BIGINT".to_owned(),
            Type::Number => self.double().to_owned(),
            Type::Text | Type::Any => self.text_type().to_owned(),
            Type::Bool => "BOOLEAN".to_owned(),
            Type::Date => "DATE".to_owned(),
            Type::TextList if self == Dialect::Spark => "ARRAY<STRING>".to_owned(),
            Type::TextList => format!("{}[]", self.text_type()),
        }
    }

    /// The type of a `text` column.
    pub fn text_type(self) -> &'static str {
        match self {
            Dialect::DuckDb => "VARCHAR",
            Dialect::Postgres => "TEXT",
            Dialect::Spark => "STRING",
        }
    }

    /// The language's case folding (`semantics::fold`). DuckDB's and
    /// PostgreSQL's `lower()` is the simple lowercase mapping (`İ` to `i`,
    /// no final `ς`). Spark's is Java's full mapping in the JVM's locale
    /// (`İ` to `i̇`, a final `ς`, `I` to `ı` in Turkish), so there every
    /// character is mapped by `translate()` with the language's own table.
    pub fn fold(self, text: &str) -> String {
        match self {
            Dialect::DuckDb | Dialect::Postgres => format!("lower({text})"),
            Dialect::Spark => format!("translate({text}, {})", *FOLD_TABLE),
        }
    }

    /// Text compared in code point order, as `icpc eval` orders text.
    pub fn ordered_text(self, text: &str) -> String {
        match self {
            Dialect::DuckDb | Dialect::Spark => text.to_owned(),
            Dialect::Postgres => format!("({text} COLLATE \"C\")"),
        }
    }

    /// Whether `regex` (already in this engine's syntax) matches somewhere
    /// in `text`.
    pub fn regex_match(self, text: &str, regex: &str) -> String {
        match self {
            Dialect::DuckDb => format!("regexp_matches({text}, {})", self.text(regex)),
            Dialect::Postgres => format!("({text} ~ {})", self.text(regex)),
            Dialect::Spark => format!("({text} RLIKE {})", self.text(regex)),
        }
    }

    /// Where `needle` starts in `text` (1-based, 0 when absent).
    pub fn position(self, text: &str, needle: &str) -> String {
        match self {
            Dialect::DuckDb | Dialect::Postgres => format!("strpos({text}, {needle})"),
            Dialect::Spark => format!("instr({text}, {needle})"),
        }
    }

    /// A one-argument lambda of DuckDB's or Spark's list functions; `body`
    /// gets the item's name.
    fn lambda(self, body: impl Fn(&str) -> String) -> String {
        match self {
            Dialect::Spark => format!("`item` -> {}", body("`item`")),
            Dialect::DuckDb | Dialect::Postgres => format!("lambda item: {}", body("item")),
        }
    }

    /// An array literal of text values.
    pub fn text_array(self, items: &[String]) -> String {
        let items = items.iter().map(|item| self.text(item)).collect::<Vec<_>>();
        self.array(&items)
    }

    /// An array of text expressions.
    fn array(self, items: &[String]) -> String {
        let items = items.join(", ");
        match self {
            Dialect::DuckDb => format!("CAST([{items}] AS VARCHAR[])"),
            Dialect::Postgres => format!("CAST(ARRAY[{items}] AS TEXT[])"),
            Dialect::Spark => format!("CAST(array({items}) AS ARRAY<STRING>)"),
        }
    }

    /// The texts whose condition holds, in order: each `(condition, text)`
    /// has a condition that is never NULL (a rule's firing). DuckDB
    /// concatenates one-item lists, a third faster than filtering a list
    /// of NULLs with a lambda.
    pub fn selected_texts(self, items: &[(String, String)]) -> String {
        if items.is_empty() {
            return self.text_array(&[]);
        }
        let when = |(condition, text): &(String, String)| {
            format!("CASE WHEN {condition} THEN {} END", self.text(text))
        };
        let present = self.lambda(|item| format!("{item} IS NOT NULL"));
        match self {
            Dialect::DuckDb => {
                let lists: Vec<String> = (items.iter())
                    .map(|(condition, text)| {
                        format!(
                            "CASE WHEN {condition} THEN {} ELSE [] END",
                            self.text_array(std::slice::from_ref(text))
                        )
                    })
                    .collect();
                format!("list_concat({})", lists.join(", "))
            }
            Dialect::Postgres => format!(
                "array_remove({}, NULL)",
                self.array(&items.iter().map(when).collect::<Vec<_>>())
            ),
            Dialect::Spark => format!(
                "filter({}, {present})",
                self.array(&items.iter().map(when).collect::<Vec<_>>())
            ),
        }
    }

    /// Whether a list holds a NULL item (NULL when the list is NULL): then
    /// `icpc eval` reads it as missing, a list of text with a `null` in it
    /// being the wrong type.
    pub fn holds_null(self, list: &str) -> String {
        match self {
            Dialect::DuckDb => format!("list_count({list}) < len({list})"),
            Dialect::Postgres => format!("array_position({list}, NULL) IS NOT NULL"),
            Dialect::Spark => format!(
                "exists({list}, {})",
                self.lambda(|item| format!("{item} IS NULL"))
            ),
        }
    }

    /// The list with every item folded; NULL stays NULL.
    pub fn fold_list(self, list: &str) -> String {
        let fold = self.lambda(|item| self.fold(item));
        match self {
            Dialect::DuckDb => format!("list_transform({list}, {fold})"),
            Dialect::Postgres => format!(
                "CASE WHEN {list} IS NULL THEN NULL ELSE ARRAY(SELECT {} FROM unnest({list}) AS \"item\"(\"item\")) END",
                self.fold("\"item\"")
            ),
            Dialect::Spark => format!("transform({list}, {fold})"),
        }
    }

    /// Whether a folded list holds any of `items` (folded). A list with a
    /// NULL item is missing, whatever this gives: the caller reads unknown.
    pub fn has_any(self, list: &str, items: &[String]) -> String {
        let items = self.text_array(items);
        match self {
            Dialect::DuckDb => format!("list_has_any({list}, {items})"),
            Dialect::Postgres => format!("({list} && {items})"),
            Dialect::Spark => format!("arrays_overlap({list}, {items})"),
        }
    }

    /// Whether a list (not folded; NULL items as for `has_any`) holds an
    /// item whose fold is one of `items` (folded), where the engine does that faster than
    /// [`Dialect::has_any`] on the folded list: on DuckDB, filtering with
    /// a lambda that folds each item takes half the time of folding the
    /// list with one and `list_has_any`. NULL when the list is.
    pub fn has_any_folding(self, list: &str, items: &[String]) -> Option<String> {
        match self {
            Dialect::DuckDb => {
                let items: Vec<String> = items.iter().map(|item| self.text(item)).collect();
                let fired =
                    self.lambda(|item| format!("{} IN ({})", self.fold(item), items.join(", ")));
                Some(format!("(len(list_filter({list}, {fired})) > 0)"))
            }
            Dialect::Postgres | Dialect::Spark => None,
        }
    }

    /// Whether a folded list holds every one of `items` (NULL items as for
    /// `has_any`).
    pub fn has_all(self, list: &str, items: &[String]) -> String {
        let items = self.text_array(items);
        match self {
            Dialect::DuckDb => format!("list_has_all({list}, {items})"),
            Dialect::Postgres => format!("({list} @> {items})"),
            // `forall` is NULL when the list is: `size()` would be -1.
            Dialect::Spark => format!(
                "forall({items}, {})",
                self.lambda(|item| format!("array_contains({list}, {item})"))
            ),
        }
    }

    /// A text cell split into list items on `separator`, each trimmed of
    /// Unicode white space, empty items dropped (the CSV reader's rule).
    pub fn split_list(self, cell: &str, separator: char) -> String {
        let trim = self.text(&super::regex::trim_pattern(self));
        let trimmed = |item: &str| match self {
            Dialect::DuckDb | Dialect::Postgres => {
                format!("regexp_replace({item}, {trim}, '', 'g')")
            }
            Dialect::Spark => format!("regexp_replace({item}, {trim}, '')"),
        };
        let not_empty = self.lambda(|item| format!("{item} <> ''"));
        match self {
            Dialect::DuckDb => format!(
                "list_filter(list_transform(string_split({cell}, {}), {}), {not_empty})",
                self.text(&separator.to_string()),
                self.lambda(trimmed)
            ),
            Dialect::Postgres => format!(
                "CASE WHEN {cell} IS NULL THEN NULL ELSE ARRAY(SELECT {} FROM unnest(string_to_array({cell}, {})) WITH ORDINALITY AS \"item\"(\"item\", \"n\") WHERE {} <> '' ORDER BY \"n\") END",
                trimmed("\"item\""),
                self.text(&separator.to_string()),
                trimmed("\"item\"")
            ),
            // Spark splits on a regex: the separator is written as one.
            Dialect::Spark => format!(
                "filter(transform(split({cell}, {}, -1), {}), {not_empty})",
                self.text(&super::regex::literal(&separator.to_string(), self)),
                self.lambda(trimmed)
            ),
        }
    }
}

/// The two string literals Spark's `translate()` folds text with (about
/// 1,400 characters each), so that tests can show them once.
pub fn spark_fold_table() -> &'static str {
    &FOLD_TABLE
}

/// The arguments of Spark's `translate()` that fold text: every character
/// whose fold (`semantics::fold`) is another character, and that one.
static FOLD_TABLE: LazyLock<String> = LazyLock::new(|| {
    let (mut from, mut to) = (String::new(), String::new());
    let mut buffer = [0; 4];
    let changes = |char: &char| char.to_lowercase().ne([*char]);
    for char in (0..=u32::from(char::MAX))
        .filter_map(char::from_u32)
        .filter(changes)
    {
        let folded = crate::semantics::fold(char.encode_utf8(&mut buffer));
        let mut chars = folded.chars();
        if let (Some(lower), None) = (chars.next(), chars.next())
            && lower != char
        {
            from.push(char);
            to.push(lower);
        }
    }
    let spark = Dialect::Spark;
    format!("{}, {}", spark.text(&from), spark.text(&to))
});

//! What differs between the engines: quoting, literals, type names, case
//! folding, list functions and how a regex is applied. Everything else in
//! the statement is standard SQL every engine reads the same way.

/// A SQL engine `icpc sql` writes for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Dialect {
    /// DuckDB (RE2 regexes, `VARCHAR[]` lists).
    DuckDb,
    /// PostgreSQL 12 or later, in a database with a UTF-8 `LC_CTYPE`
    /// (`lower()` follows it); `TEXT[]` lists, ARE regexes.
    Postgres,
}

impl Dialect {
    /// The name `--dialect` takes.
    pub fn as_str(self) -> &'static str {
        match self {
            Dialect::DuckDb => "duckdb",
            Dialect::Postgres => "postgres",
        }
    }

    /// The engine's name in messages.
    pub fn title(self) -> &'static str {
        match self {
            Dialect::DuckDb => "DuckDB",
            Dialect::Postgres => "PostgreSQL",
        }
    }

    /// An identifier, always quoted: `user` and `group` are keywords.
    pub fn ident(self, name: &str) -> String {
        format!("\"{}\"", name.replace('"', "\"\""))
    }

    /// A string literal (both engines take backslashes literally).
    pub fn text(self, text: &str) -> String {
        format!("'{}'", text.replace('\'', "''"))
    }

    /// The type of a `number` column.
    pub fn double(self) -> &'static str {
        match self {
            Dialect::DuckDb => "DOUBLE",
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
            Type::TextList => format!("{}[]", self.text_type()),
        }
    }

    /// The type of a `text` column.
    pub fn text_type(self) -> &'static str {
        match self {
            Dialect::DuckDb => "VARCHAR",
            Dialect::Postgres => "TEXT",
        }
    }

    /// The language's case folding (`semantics::fold`): both engines'
    /// `lower()` is the simple lowercase mapping (`İ` to `i`, no final `ς`).
    pub fn fold(self, text: &str) -> String {
        format!("lower({text})")
    }

    /// Text compared in code point order, as `icpc eval` orders text.
    pub fn ordered_text(self, text: &str) -> String {
        match self {
            Dialect::DuckDb => text.to_owned(),
            Dialect::Postgres => format!("({text} COLLATE \"C\")"),
        }
    }

    /// Whether `regex` (already in this engine's syntax) matches somewhere
    /// in `text`.
    pub fn regex_match(self, text: &str, regex: &str) -> String {
        match self {
            Dialect::DuckDb => format!("regexp_matches({text}, {})", self.text(regex)),
            Dialect::Postgres => format!("({text} ~ {})", self.text(regex)),
        }
    }

    /// Where `needle` starts in `text` (1-based, 0 when absent).
    pub fn position(self, text: &str, needle: &str) -> String {
        format!("strpos({text}, {needle})")
    }

    /// An array literal of text values.
    pub fn text_array(self, items: &[String]) -> String {
        let items = items.iter().map(|item| self.text(item)).collect::<Vec<_>>();
        match self {
            Dialect::DuckDb => format!("CAST([{}] AS VARCHAR[])", items.join(", ")),
            Dialect::Postgres => format!("CAST(ARRAY[{}] AS TEXT[])", items.join(", ")),
        }
    }

    /// An array of the non-NULL values of `items`, in order.
    pub fn non_null_array(self, items: &[String]) -> String {
        if items.is_empty() {
            return self.text_array(&[]);
        }
        match self {
            Dialect::DuckDb => format!(
                "list_filter(CAST([{}] AS VARCHAR[]), lambda item: item IS NOT NULL)",
                items.join(", ")
            ),
            Dialect::Postgres => format!(
                "array_remove(CAST(ARRAY[{}] AS TEXT[]), NULL)",
                items.join(", ")
            ),
        }
    }

    /// A list as `icpc eval` reads it: NULL (missing) when it holds a NULL
    /// item, since a list of text with a `null` in it is the wrong type.
    pub fn list_value(self, list: &str) -> String {
        match self {
            Dialect::DuckDb => {
                format!("CASE WHEN list_count({list}) < len({list}) THEN NULL ELSE {list} END")
            }
            Dialect::Postgres => format!(
                "CASE WHEN array_position({list}, NULL) IS NOT NULL THEN NULL ELSE {list} END"
            ),
        }
    }

    /// The list with every item folded; NULL stays NULL.
    pub fn fold_list(self, list: &str) -> String {
        match self {
            Dialect::DuckDb => {
                format!("list_transform({list}, lambda item: {})", self.fold("item"))
            }
            Dialect::Postgres => format!(
                "CASE WHEN {list} IS NULL THEN NULL ELSE ARRAY(SELECT {} FROM unnest({list}) AS \"item\"(\"item\")) END",
                self.fold("\"item\"")
            ),
        }
    }

    /// Whether a folded list (NULL-free) holds any of `items` (folded).
    pub fn has_any(self, list: &str, items: &[String]) -> String {
        match self {
            Dialect::DuckDb => format!("list_has_any({list}, {})", self.text_array(items)),
            Dialect::Postgres => format!("({list} && {})", self.text_array(items)),
        }
    }

    /// Whether a folded list (NULL-free) holds every one of `items`.
    pub fn has_all(self, list: &str, items: &[String]) -> String {
        match self {
            Dialect::DuckDb => format!("list_has_all({list}, {})", self.text_array(items)),
            Dialect::Postgres => format!("({list} @> {})", self.text_array(items)),
        }
    }

    /// A text cell split into list items on `separator`, each trimmed of
    /// Unicode white space, empty items dropped (the CSV reader's rule).
    pub fn split_list(self, cell: &str, separator: char) -> String {
        let space = super::regex::white_space_class(self);
        let trimmed = |item: &str| {
            format!(
                "regexp_replace({item}, {}, '', 'g')",
                self.text(&format!("^{space}+|{space}+$"))
            )
        };
        let separator = self.text(&separator.to_string());
        match self {
            Dialect::DuckDb => format!(
                "list_filter(list_transform(string_split({cell}, {separator}), lambda item: {}), lambda item: item <> '')",
                trimmed("item")
            ),
            Dialect::Postgres => format!(
                "CASE WHEN {cell} IS NULL THEN NULL ELSE ARRAY(SELECT {} FROM unnest(string_to_array({cell}, {separator})) WITH ORDINALITY AS \"item\"(\"item\", \"n\") WHERE {} <> '' ORDER BY \"n\") END",
                trimmed("\"item\""),
                trimmed("\"item\"")
            ),
        }
    }
}

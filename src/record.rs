//! A lead record as the evaluators see it: one typed value per program field.
//!
//! Readers (`data`) fill a [`Record`] from JSON Lines or CSV, typing each raw
//! value by the field's [`Type`]; a value of the wrong type becomes
//! [`Value::Missing`] plus a [`TypeWarning`], never an error.

use crate::ir::{FieldId, Type};

/// A typed field value.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// Absent, null, or of the wrong type.
    Missing,
    /// `int` and `number` fields.
    Number(f64),
    /// `text` fields, as in the record (case kept).
    Text(String),
    /// `bool` fields.
    Bool(bool),
    /// `date` fields, days since 1970-01-01.
    Date(i32),
    /// `list<text>` fields.
    List(Vec<String>),
    /// A present value of an `any` field (its text form).
    Present(String),
}

/// A value that did not fit its field's type and was counted as missing.
#[derive(Debug, Clone, PartialEq)]
pub struct TypeWarning {
    /// The field.
    pub field: FieldId,
    /// The type it should have had.
    pub expected: Type,
    /// The value as found in the record (JSON text, or the CSV cell).
    pub found: String,
}

/// One lead: values indexed by [`FieldId`].
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Record {
    /// `values[field.0]`; [`Value::Missing`] when absent.
    pub values: Vec<Value>,
    /// The record's `id` field as text, if it has one.
    pub id: Option<String>,
    /// 1-based line number in the input (for CSV, the physical line the row starts on).
    pub line: u64,
    /// Values counted as missing because of their type.
    pub warnings: Vec<TypeWarning>,
}

impl Record {
    /// The value of a field.
    pub fn get(&self, field: FieldId) -> &Value {
        self.values.get(field.0 as usize).unwrap_or(&Value::Missing)
    }
}

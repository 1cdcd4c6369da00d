//! The byte-level JSON scanner behind `jsonl::Reader`.
//!
//! Takes one line of UTF-8 text; each method consumes one token or value
//! and either moves past it or returns a [`Fail`] with the byte position of
//! the problem. INVARIANT: `position` always lies on a char boundary of
//! `text`, because it only ever stops at ASCII bytes or the end.

use crate::data::{Lead, coerce, limits};
use crate::ir::{FieldId, Type};
use crate::record::Value;
use crate::semantics::value_format::ValueFormat;
use std::borrow::Cow;
use stops::Stops;
use text::{small_integer, unescape};

mod stops;
mod text;

/// Deeper nesting than this is rejected (it only happens in hostile input).
const MAX_DEPTH: usize = 256;

/// Why a line cannot be read, and where.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Fail {
    pub position: usize,
    pub problem: Problem,
}

/// What is wrong at a [`Fail`]'s position.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Problem {
    /// Not valid JSON: what was expected or found.
    Invalid(&'static str),
    /// A typed list with more than `limits::MAX_LIST_ITEMS` items starts here.
    ListTooLong,
}

/// A cursor over one line.
pub(super) struct Scanner<'a> {
    text: &'a str,
    bytes: &'a [u8],
    position: usize,
    stops: Stops,
}

impl<'a> Scanner<'a> {
    pub fn new(text: &'a str) -> Scanner<'a> {
        let bytes = text.as_bytes();
        Scanner {
            text,
            bytes,
            position: 0,
            stops: Stops::new(),
        }
    }

    pub fn position(&self) -> usize {
        self.position
    }

    /// The text from `start` to the current position.
    pub fn since(&self, start: usize) -> &'a str {
        &self.text[start..self.position]
    }

    #[inline(always)]
    pub fn peek(&self) -> Option<u8> {
        self.bytes.get(self.position).copied()
    }

    fn fail<T>(&self, what: &'static str) -> Result<T, Fail> {
        Err(Fail {
            position: self.position,
            problem: Problem::Invalid(what),
        })
    }

    #[inline(always)]
    pub fn skip_whitespace(&mut self) {
        while let Some(b' ' | b'\t' | b'\r' | b'\n') = self.peek() {
            self.position += 1;
        }
    }

    /// Only whitespace may follow the top-level value.
    pub fn finish(&mut self) -> Result<(), Fail> {
        self.skip_whitespace();
        if self.position < self.bytes.len() {
            return self.fail("unexpected text after the value");
        }
        Ok(())
    }

    /// Steps into `{` or `[` (the caller saw it).
    pub fn open(&mut self, depth: usize) -> Result<(), Fail> {
        if depth >= MAX_DEPTH {
            return self.fail("nested too deeply");
        }
        self.position += 1;
        self.skip_whitespace();
        Ok(())
    }

    /// Steps over `closer` if it comes next (an empty object or array).
    pub fn close(&mut self, closer: u8) -> bool {
        let found = self.peek() == Some(closer);
        self.position += usize::from(found);
        found
    }

    /// After a member or element: `,` (false) or the closer (true).
    #[inline]
    pub fn separator(&mut self, closer: u8) -> Result<bool, Fail> {
        self.skip_whitespace();
        match self.peek() {
            Some(b',') => {
                self.position += 1;
                self.skip_whitespace();
                Ok(false)
            }
            Some(byte) if byte == closer => {
                self.position += 1;
                Ok(true)
            }
            Some(_) | None if closer == b'}' => self.fail("expected `,` or `}`"),
            Some(_) | None => self.fail("expected `,` or `]`"),
        }
    }

    /// The usual key: no escapes, `:` right after it (compact JSON, as
    /// exports write it); its bytes, the scanner at the value. `None`
    /// moves nothing, and [`key`](Self::key) reads the key in full.
    #[inline(always)]
    pub fn plain_key(&mut self) -> Option<&'a [u8]> {
        if self.peek() != Some(b'"') {
            return None;
        }
        let start = self.position + 1;
        let stop = self.stops.next(self.bytes, start)?;
        if self.bytes[stop] != b'"' || self.bytes.get(stop + 1) != Some(&b':') {
            return None;
        }
        self.position = stop + 2;
        self.skip_whitespace();
        self.bytes.get(start..stop)
    }

    /// An object key and its `:`, leaving the scanner at the value.
    pub fn key(&mut self) -> Result<Cow<'a, str>, Fail> {
        if self.peek() != Some(b'"') {
            return self.fail("expected a key in double quotes");
        }
        let key = self.string()?;
        self.skip_whitespace();
        if self.peek() != Some(b':') {
            return self.fail("expected `:`");
        }
        self.position += 1;
        self.skip_whitespace();
        Ok(key)
    }

    /// A string's value; borrowed unless it has escapes. Most strings end
    /// at their first stop byte, a quote: that path is a mask lookup.
    #[inline(always)]
    pub fn string(&mut self) -> Result<Cow<'a, str>, Fail> {
        let start = self.position + 1;
        if let Some(stop) = self.stops.next(self.bytes, start)
            && self.bytes[stop] == b'"'
            && let Some(raw) = self.text.get(start..stop)
        {
            self.position = stop + 1;
            return Ok(Cow::Borrowed(raw));
        }
        self.string_with_escapes()
    }

    /// [`string`](Self::string) when the first stop is no closing quote.
    #[inline(never)]
    fn string_with_escapes(&mut self) -> Result<Cow<'a, str>, Fail> {
        let start = self.position + 1;
        let escaped = self.skip_string()?;
        let raw = &self.text[start..self.position - 1];
        if escaped {
            Ok(Cow::Owned(unescape(raw)))
        } else {
            Ok(Cow::Borrowed(raw))
        }
    }

    /// Steps over a string (the scanner is at its `"`); reports escapes.
    #[inline(always)]
    fn skip_string(&mut self) -> Result<bool, Fail> {
        if let Some(stop) = self.stops.next(self.bytes, self.position + 1)
            && self.bytes[stop] == b'"'
        {
            self.position = stop + 1;
            return Ok(false);
        }
        self.skip_string_with_stops()
    }

    /// [`skip_string`](Self::skip_string) when the first stop is no closing quote.
    #[inline(never)]
    fn skip_string_with_stops(&mut self) -> Result<bool, Fail> {
        self.position += 1;
        let mut escaped = false;
        loop {
            let Some(stop) = self.stops.next(self.bytes, self.position) else {
                self.position = self.bytes.len();
                return self.fail("unterminated string");
            };
            self.position = stop;
            match self.bytes[stop] {
                b'"' => {
                    self.position += 1;
                    return Ok(escaped);
                }
                b'\\' => {
                    escaped = true;
                    self.skip_escape()?;
                }
                _ => return self.fail("control character in a string"),
            }
        }
    }

    fn skip_escape(&mut self) -> Result<(), Fail> {
        self.position += 1;
        match self.peek() {
            Some(b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') => self.position += 1,
            Some(b'u') => {
                let digits = self.bytes.get(self.position + 1..self.position + 5);
                if !digits.is_some_and(|digits| digits.iter().all(u8::is_ascii_hexdigit)) {
                    return self.fail("invalid \\u escape");
                }
                self.position += 5;
            }
            Some(_) | None => return self.fail("invalid escape"),
        }
        Ok(())
    }

    /// A number; returns its text and value.
    pub fn number(&mut self) -> Result<(&'a str, f64), Fail> {
        let (raw, integer) = self.number_text()?;
        let value = if integer && raw.len() <= 16 {
            small_integer(raw)
        } else {
            raw.parse::<f64>().unwrap_or(f64::NAN)
        };
        Ok((raw, value))
    }

    /// Steps over a number; returns its text and whether it is an integer.
    fn number_text(&mut self) -> Result<(&'a str, bool), Fail> {
        let start = self.position;
        self.position += usize::from(self.peek() == Some(b'-'));
        match self.peek() {
            Some(b'0') => self.position += 1,
            Some(b'1'..=b'9') => self.digits(),
            Some(_) | None => return self.fail("invalid number"),
        }
        let integer = self.position;
        if self.peek() == Some(b'.') {
            self.position += 1;
            self.required_digits()?;
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.position += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.position += 1;
            }
            self.required_digits()?;
        }
        Ok((&self.text[start..self.position], integer == self.position))
    }

    fn digits(&mut self) {
        while let Some(b'0'..=b'9') = self.peek() {
            self.position += 1;
        }
    }

    fn required_digits(&mut self) -> Result<(), Fail> {
        if !matches!(self.peek(), Some(b'0'..=b'9')) {
            return self.fail("invalid number");
        }
        self.digits();
        Ok(())
    }

    fn literal(&mut self, word: &'static str) -> Result<(), Fail> {
        if !self.bytes[self.position..].starts_with(word.as_bytes()) {
            return self.fail("expected a value");
        }
        self.position += word.len();
        Ok(())
    }

    /// Steps over any value, checking that it is valid JSON.
    pub fn skip_value(&mut self, depth: usize) -> Result<(), Fail> {
        match self.peek() {
            Some(b'"') => self.skip_string().map(drop),
            Some(b'{') => self.skip_container(depth, b'}'),
            Some(b'[') => self.skip_container(depth, b']'),
            Some(b't') => self.literal("true"),
            Some(b'f') => self.literal("false"),
            Some(b'n') => self.literal("null"),
            Some(b'-' | b'0'..=b'9') => self.number_text().map(drop),
            Some(_) | None => self.fail("expected a value"),
        }
    }

    fn skip_container(&mut self, depth: usize, closer: u8) -> Result<(), Fail> {
        self.open(depth)?;
        if self.close(closer) {
            return Ok(());
        }
        loop {
            if closer == b'}' && self.plain_key().is_none() {
                self.key()?;
            }
            self.skip_value(depth + 1)?;
            if self.separator(closer)? {
                return Ok(());
            }
        }
    }

    /// A value for a typed slot: coerced, or missing with a warning.
    pub fn typed_value(
        &mut self,
        field: FieldId,
        ty: Type,
        format: Option<&ValueFormat>,
        depth: usize,
        lead: &mut Lead,
    ) -> Result<(), Fail> {
        let start = self.position;
        match self.peek() {
            Some(b'"') => {
                let text = self.string()?;
                let raw = &self.text[start..self.position];
                if !coerce::text(lead, field, ty, format, &text, || raw.to_owned()) {
                    return Err(Fail {
                        position: start,
                        problem: Problem::ListTooLong,
                    });
                }
            }
            Some(b'-' | b'0'..=b'9') => {
                let (raw, value) = self.number()?;
                coerce::number(lead, field, ty, raw, value);
            }
            Some(b't') => self
                .literal("true")
                .map(|()| coerce::boolean(lead, field, ty, true))?,
            Some(b'f') => self
                .literal("false")
                .map(|()| coerce::boolean(lead, field, ty, false))?,
            Some(b'n') => self
                .literal("null")
                .map(|()| lead.store(field, Value::Missing))?,
            Some(b'[') if ty == Type::TextList => self.text_list(field, depth, lead)?,
            Some(_) | None => {
                self.skip_value(depth)?;
                let raw = &self.text[start..self.position];
                match ty {
                    Type::Any => coerce::present(lead, field, raw),
                    Type::Int
                    | Type::Number
                    | Type::Text
                    | Type::Bool
                    | Type::Date
                    | Type::TextList => {
                        coerce::wrong(lead, field, ty, raw.to_owned());
                    }
                }
            }
        }
        Ok(())
    }

    /// A JSON array for a `list<text>` slot: every element must be a string.
    fn text_list(&mut self, field: FieldId, depth: usize, lead: &mut Lead) -> Result<(), Fail> {
        let start = self.position;
        let mut list = lead.take_list(field);
        let mut all_text = true;
        let mut items = 0;
        self.open(depth)?;
        if !self.close(b']') {
            loop {
                items += 1;
                if items > limits::MAX_LIST_ITEMS {
                    lead.store(field, Value::List(list));
                    return Err(Fail {
                        position: start,
                        problem: Problem::ListTooLong,
                    });
                }
                if all_text && self.peek() == Some(b'"') {
                    let item = self.string()?;
                    let mut owned = lead.spare_text();
                    owned.push_str(&item);
                    list.push(owned);
                } else {
                    all_text = false;
                    self.skip_value(depth + 1)?;
                }
                if self.separator(b']')? {
                    break;
                }
            }
        }
        lead.store(field, Value::List(list));
        if !all_text {
            coerce::wrong(
                lead,
                field,
                Type::TextList,
                self.text[start..self.position].to_owned(),
            );
        }
        Ok(())
    }

    /// Sets the record id from the value of `key` that started at `start`:
    /// a string or a number names the record, `null` leaves it to its line
    /// number, anything else does too, with a note that quotes it.
    pub fn set_id(&self, key: &str, start: usize, lead: &mut Lead) {
        let raw = &self.text[start..self.position];
        match raw.as_bytes().first() {
            Some(b'"') => {
                let mut again = Scanner::new(raw);
                if let Ok(id) = again.string() {
                    lead.set_id(&id);
                }
            }
            Some(b'-' | b'0'..=b'9') => lead.set_id(raw),
            Some(b'n') => {}
            Some(_) | None => {
                let line = lead.record.line;
                lead.unusable_id(format!(
                    "`{key}` is {raw}, not a text or a number: the record is named by its line {line}"
                ));
            }
        }
    }
}

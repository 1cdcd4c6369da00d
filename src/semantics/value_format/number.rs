//! Number formats, declared by an example: `"1,234.5"` groups thousands
//! with `,` and marks decimals with `.`; `"1.234,5"` the other way round;
//! `"1 234,5"` and `"1'234.5"` group with a space or an apostrophe. A
//! currency mark in the example (`$ € £ ¥ ₹`, or a three-letter code such
//! as `USD`, before or after) allows any such mark on values; a final `%`
//! allows one on values (the number is what stands before it: `12.5%` is
//! 12.5). One separator written once before exactly three digits groups
//! (`"1,234"`); before other digit counts it marks decimals (`"1,5"`). In
//! a value, a group separator stands before exactly three digits.

/// How a field's numbers are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NumberFormat {
    /// Between groups of three digits, if any.
    pub group: Option<char>,
    /// Before the decimals.
    pub decimal: char,
    /// Whether a currency mark may come before or after the number.
    pub currency: bool,
    /// Whether a `%` may follow the number.
    pub percent: bool,
}

const SEPARATORS: [char; 5] = [',', '.', ' ', '\'', '\u{a0}'];
const SYMBOLS: [char; 6] = ['$', '€', '£', '¥', '₹', '¢'];

impl NumberFormat {
    /// The format the example `spec` shows, or why it shows none.
    pub fn parse(spec: &str) -> Result<NumberFormat, String> {
        let (body, currency, percent) = strip_marks(spec.trim());
        let body = body.strip_prefix('-').unwrap_or(body);
        if !body.starts_with(|c: char| c.is_ascii_digit())
            || !body
                .chars()
                .all(|c| c.is_ascii_digit() || SEPARATORS.contains(&c))
        {
            return Err(format!(
                "`{spec}` is not an example number like \"1,234.5\", \"$1,234\" or \"12.5%\""
            ));
        }
        let separators: Vec<(usize, char)> = body
            .char_indices()
            .filter(|(_, c)| !c.is_ascii_digit())
            .collect();
        let (group, decimal) = match separators.as_slice() {
            [] => (None, '.'),
            [(at, only)] if digits_after(body, *at) == 3 => (Some(*only), other(*only)),
            [(_, only)] if *only == ',' || *only == '.' => (None, *only),
            [(_, only), ..] if separators.iter().all(|(_, c)| c == only) => {
                (Some(*only), other(*only))
            }
            [(_, first), .., (_, last)]
                if separators[..separators.len() - 1]
                    .iter()
                    .all(|(_, c)| c == first)
                    && (*last == ',' || *last == '.') =>
            {
                (Some(*first), *last)
            }
            _ => {
                return Err(format!(
                    "`{spec}` mixes separators; write one for thousands and one for decimals, like \"1,234.5\""
                ));
            }
        };
        Ok(NumberFormat {
            group,
            decimal,
            currency,
            percent,
        })
    }

    /// The number `text` holds in this format, if it is one.
    pub fn read(&self, text: &str) -> Option<f64> {
        let (body, currency, percent) = strip_marks(text.trim());
        if (currency && !self.currency) || (percent && !self.percent) {
            return None;
        }
        let (negative, body) = match body.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, body),
        };
        let mut plain = String::with_capacity(body.len() + 1);
        if negative {
            plain.push('-');
        }
        let mut previous_digit = false;
        let mut seen_decimal = false;
        let mut chars = body.char_indices().peekable();
        while let Some((at, c)) = chars.next() {
            let next_digit = chars.peek().is_some_and(|(_, next)| next.is_ascii_digit());
            // A group separator stands before exactly three digits.
            let grouping = Some(c) == self.group
                && previous_digit
                && !seen_decimal
                && digits_after(body, at) == 3;
            if c.is_ascii_digit() {
                plain.push(c);
            } else if c == self.decimal && !seen_decimal && next_digit {
                plain.push('.');
                seen_decimal = true;
            } else if !grouping {
                return None;
            }
            previous_digit = c.is_ascii_digit();
        }
        crate::semantics::number_text(&plain)
    }
}

/// The text without a currency mark and a final `%`, and which were there.
fn strip_marks(text: &str) -> (&str, bool, bool) {
    let (text, percent) = match text.strip_suffix('%') {
        Some(rest) => (rest.trim_end(), true),
        None => (text, false),
    };
    let (text, before) = strip_currency(text, true);
    let (text, after) = strip_currency(text, false);
    (text, before || after, percent)
}

fn strip_currency(text: &str, leading: bool) -> (&str, bool) {
    let symbol = |c: char| SYMBOLS.contains(&c);
    let stripped = if leading {
        text.strip_prefix(symbol).or_else(|| code(text, true))
    } else {
        text.strip_suffix(symbol).or_else(|| code(text, false))
    };
    match stripped {
        Some(rest) => (rest.trim(), true),
        None => (text, false),
    }
}

/// `USD 25,000` / `25,000 EUR`: three capital letters at one end.
fn code(text: &str, leading: bool) -> Option<&str> {
    let bytes = text.as_bytes();
    if bytes.len() < 3 {
        return None;
    }
    let at = if leading { 0 } else { bytes.len() - 3 };
    if !bytes[at..at + 3].iter().all(u8::is_ascii_uppercase) {
        return None;
    }
    Some(if leading { &text[3..] } else { &text[..at] })
}

fn digits_after(body: &str, at: usize) -> usize {
    body[at + 1..]
        .chars()
        .take_while(char::is_ascii_digit)
        .count()
}

/// The decimal mark that goes with a grouping separator.
fn other(group: char) -> char {
    if group == ',' || group == '\'' {
        '.'
    } else {
        ','
    }
}

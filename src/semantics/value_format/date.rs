//! Date formats, declared as patterns: `YYYY` the year, `MM` or `M` the
//! month and `DD` or `D` the day (one or two digits either way, so
//! `MM/DD/YYYY` reads `3/5/2024`), then optionally a time: `hh` (or `HH`)
//! the hour, `mm` the minute, `ss` the second (a fraction after it is
//! allowed), `A` for AM/PM, and `Z` for a zone (`Z`, `UTC`, `GMT`,
//! `+01:00`, `-0500`). Any other character stands for itself; letters
//! other than these (and `T`) are an error, so `YYYY-MM-dd` is caught.
//! A date-time with a zone is the day of that instant in UTC, the day
//! `within N days` counts in. A value may stop after the date when the
//! rest of the pattern is a time.

/// A parsed date pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateFormat {
    parts: Vec<Part>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Year,
    Month,
    Day,
    Hour,
    Minute,
    Second,
    Meridiem,
    Zone,
    Literal(char),
}

impl Part {
    fn is_time(self) -> bool {
        matches!(
            self,
            Part::Hour | Part::Minute | Part::Second | Part::Meridiem | Part::Zone
        )
    }
}

const TOKENS: [(&str, Part); 11] = [
    ("YYYY", Part::Year),
    ("MM", Part::Month),
    ("M", Part::Month),
    ("DD", Part::Day),
    ("D", Part::Day),
    ("hh", Part::Hour),
    ("HH", Part::Hour),
    ("mm", Part::Minute),
    ("ss", Part::Second),
    ("A", Part::Meridiem),
    ("Z", Part::Zone),
];

impl DateFormat {
    /// The pattern `spec`, or why it is not one.
    pub fn parse(spec: &str) -> Result<DateFormat, String> {
        let mut parts = Vec::new();
        let mut rest = spec;
        while let Some(c) = rest.chars().next() {
            if let Some((token, part)) = TOKENS.iter().find(|(token, _)| rest.starts_with(token)) {
                parts.push(*part);
                rest = &rest[token.len()..];
            } else if c.is_ascii_alphabetic() && c != 'T' {
                return Err(format!(
                    "`{c}` in `{spec}` is not part of a date pattern; use YYYY, MM, DD, hh, mm, ss, A and Z"
                ));
            } else {
                parts.push(Part::Literal(c));
                rest = &rest[c.len_utf8()..];
            }
        }
        for (part, name) in [(Part::Year, "YYYY"), (Part::Month, "MM"), (Part::Day, "DD")] {
            if parts.iter().filter(|&&found| found == part).count() != 1 {
                return Err(format!(
                    "a date pattern needs {name} exactly once, as in \"MM/DD/YYYY\""
                ));
            }
        }
        Ok(DateFormat { parts })
    }

    /// The UTC day `text` holds, if it fits the pattern.
    pub fn read(&self, text: &str) -> Option<i32> {
        let mut fields = Fields::default();
        let mut rest = text.trim();
        for (index, part) in self.parts.iter().enumerate() {
            if rest.is_empty()
                && self.parts[index..]
                    .iter()
                    .all(|part| part.is_time() || matches!(part, Part::Literal(_)))
            {
                break;
            }
            rest = fields.take(*part, rest)?;
        }
        if !rest.is_empty() {
            return None;
        }
        fields.day()
    }
}

#[derive(Default)]
struct Fields {
    year: i32,
    month: u32,
    day: u32,
    hour: i64,
    minute: i64,
    second: i64,
    pm: Option<bool>,
    offset_minutes: i64,
}

impl Fields {
    fn take<'a>(&mut self, part: Part, text: &'a str) -> Option<&'a str> {
        match part {
            Part::Year => {
                let (value, rest) = digits(text, 4, 4)?;
                self.year = i32::try_from(value).ok()?;
                Some(rest)
            }
            Part::Month => number(text, &mut self.month),
            Part::Day => number(text, &mut self.day),
            Part::Hour => number(text, &mut self.hour),
            Part::Minute => number(text, &mut self.minute),
            Part::Second => {
                let rest = number(text, &mut self.second)?;
                Some(match rest.strip_prefix('.') {
                    Some(fraction) => fraction.trim_start_matches(|c: char| c.is_ascii_digit()),
                    None => rest,
                })
            }
            Part::Meridiem => {
                let upper = text.get(..2)?.to_ascii_uppercase();
                self.pm = Some(match upper.as_str() {
                    "AM" => false,
                    "PM" => true,
                    _ => return None,
                });
                Some(&text[2..])
            }
            Part::Zone => self.zone(text),
            Part::Literal(c) => text.strip_prefix(c),
        }
    }

    fn zone<'a>(&mut self, text: &'a str) -> Option<&'a str> {
        for name in ["Z", "UTC", "GMT"] {
            if let Some(rest) = text.strip_prefix(name) {
                return Some(rest);
            }
        }
        let sign = match text.chars().next()? {
            '+' => 1,
            '-' => -1,
            _ => return None,
        };
        let (hours, rest) = digits(&text[1..], 2, 2)?;
        let rest = rest.strip_prefix(':').unwrap_or(rest);
        let (minutes, rest) = digits(rest, 2, 2).unwrap_or((0, rest));
        self.offset_minutes = sign * (hours * 60 + minutes) as i64;
        Some(rest)
    }

    fn day(&self) -> Option<i32> {
        let hour = match self.pm {
            Some(pm) if (1..=12).contains(&self.hour) => self.hour % 12 + if pm { 12 } else { 0 },
            Some(_) => return None,
            None => self.hour,
        };
        if hour > 23 || self.minute > 59 || self.second > 60 {
            return None;
        }
        let text = format!("{:04}-{:02}-{:02}", self.year, self.month, self.day);
        let day = crate::date::parse(&text)?;
        let minutes = hour * 60 + self.minute - self.offset_minutes;
        Some(day + minutes.div_euclid(24 * 60) as i32)
    }
}

/// One or two digits into `slot`.
fn number<'a, T: TryFrom<u64>>(text: &'a str, slot: &mut T) -> Option<&'a str> {
    let (value, rest) = digits(text, 1, 2)?;
    *slot = T::try_from(value).ok()?;
    Some(rest)
}

/// Between `least` and `most` ASCII digits at the start of `text`.
fn digits(text: &str, least: usize, most: usize) -> Option<(u64, &str)> {
    let count = text
        .bytes()
        .take(most)
        .take_while(u8::is_ascii_digit)
        .count();
    if count < least {
        return None;
    }
    let value = text[..count].parse().ok()?;
    Some((value, &text[count..]))
}

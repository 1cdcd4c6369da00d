//! Calendar dates as days since 1970-01-01 (proleptic Gregorian).
//!
//! Lead data carries `YYYY-MM-DD` dates or timestamps whose first ten
//! characters are the date; `within N days` compares day numbers.

/// Days since 1970-01-01 of a valid calendar date, else `None`.
pub fn days_from_civil(year: i32, month: u32, day: u32) -> Option<i32> {
    if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
        return None;
    }
    // Howard Hinnant's days_from_civil.
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year.rem_euclid(400);
    let shifted_month = (month + 9) % 12;
    let day_of_year = (153 * shifted_month + 2) / 5 + day - 1;
    let day_of_era =
        year_of_era as u32 * 365 + year_of_era as u32 / 4 - year_of_era as u32 / 100 + day_of_year;
    Some(era * 146_097 + day_of_era as i32 - 719_468)
}

/// `(year, month, day)` of a day number.
pub fn civil_from_days(days: i32) -> (i32, u32, u32) {
    let shifted = days + 719_468;
    let era = shifted.div_euclid(146_097);
    let day_of_era = shifted.rem_euclid(146_097) as u32;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
    let month = if shifted_month < 10 {
        shifted_month + 3
    } else {
        shifted_month - 9
    };
    let year = year_of_era as i32 + era * 400 + i32::from(month <= 2);
    (year, month, day)
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Parses `YYYY-MM-DD`, or the date part of a timestamp
/// (`YYYY-MM-DDT...` or `YYYY-MM-DD ...`).
pub fn parse(text: &str) -> Option<i32> {
    let bytes = text.as_bytes();
    if bytes.len() < 10 || (bytes.len() > 10 && !matches!(bytes[10], b'T' | b't' | b' ')) {
        return None;
    }
    if bytes[4] != b'-' || bytes[7] != b'-' {
        return None;
    }
    let number = |range: std::ops::Range<usize>| -> Option<u32> {
        let digits = &bytes[range];
        if !digits.iter().all(u8::is_ascii_digit) {
            return None;
        }
        Some(
            digits
                .iter()
                .fold(0, |acc, digit| acc * 10 + u32::from(digit - b'0')),
        )
    };
    let year = number(0..4)?;
    days_from_civil(year as i32, number(5..7)?, number(8..10)?)
}

/// Formats a day number as `YYYY-MM-DD`.
pub fn format(days: i32) -> String {
    let (year, month, day) = civil_from_days(days);
    format!("{year:04}-{month:02}-{day:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn epoch_and_known_dates() {
        assert_eq!(parse("1970-01-01"), Some(0));
        assert_eq!(parse("2025-06-30"), Some(20_269));
        assert_eq!(parse("2025-06-30T23:59:59Z"), Some(20_269));
        assert_eq!(format(20_269), "2025-06-30");
    }

    #[test]
    fn invalid_dates_are_rejected() {
        assert_eq!(parse("2025-02-29"), None);
        assert_eq!(parse("2024-02-29"), Some(19_782));
        assert_eq!(parse("2025-13-01"), None);
        assert_eq!(parse("2025-06-3"), None);
        assert_eq!(parse("2025-06-30x"), None);
    }

    #[test]
    fn round_trip_over_four_centuries() {
        for days in (-150_000..150_000).step_by(7) {
            let (year, month, day) = civil_from_days(days);
            assert_eq!(days_from_civil(year, month, day), Some(days));
        }
    }
}

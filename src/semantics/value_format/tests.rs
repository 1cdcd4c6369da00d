use super::*;

fn read_number(spec: &str, text: &str) -> Option<f64> {
    ValueFormat::parse(Type::Number, spec)
        .expect("a format")
        .number(text)
}

#[test]
fn numbers_read_as_their_example_shows() {
    assert_eq!(read_number("1,234.5", "1,200"), Some(1200.0));
    assert_eq!(read_number("1,234.5", "1200.25"), Some(1200.25));
    assert_eq!(read_number("1,234", "1,200,000"), Some(1_200_000.0));
    assert_eq!(read_number("1.234,5", "1.200,5"), Some(1200.5));
    assert_eq!(read_number("1 234,5", "25 000"), Some(25_000.0));
    assert_eq!(read_number("$1,234", "$5,000,000"), Some(5_000_000.0));
    assert_eq!(read_number("$1,234", "USD 25,000,000"), Some(25_000_000.0));
    assert_eq!(read_number("1.234 €", "1.500 €"), Some(1500.0));
    assert_eq!(read_number("12.5%", "12.5%"), Some(12.5));
    assert_eq!(read_number("12.5%", " 40 "), Some(40.0));
    assert_eq!(read_number("1,234", "-1,200"), Some(-1200.0));
}

#[test]
fn what_the_example_does_not_allow_is_no_number() {
    assert_eq!(read_number("1,234.5", "$1,200"), None);
    assert_eq!(read_number("1,234.5", "12%"), None);
    assert_eq!(read_number("1,234.5", "1.200,5"), None);
    assert_eq!(read_number("1,234.5", "1,,200"), None);
    assert_eq!(read_number("1,234.5", "about 200"), None);
    assert_eq!(read_number("1,234.5", ",200"), None);
    assert_eq!(read_number("1,234.5", "1,20"), None);
    assert_eq!(read_number("1.234,5", "2.5"), None);
}

#[test]
fn bad_number_examples_say_why() {
    assert!(ValueFormat::parse(Type::Int, "lots").is_err());
    assert!(ValueFormat::parse(Type::Int, "1,234.5,6").is_err());
    assert!(ValueFormat::parse(Type::Text, "x").is_err());
}

#[test]
fn bools_read_the_declared_words() {
    let format = ValueFormat::parse(Type::Bool, "yes/no").expect("a format");
    assert_eq!(format.boolean("Yes"), Some(true));
    assert_eq!(format.boolean(" NO "), Some(false));
    assert_eq!(format.boolean("maybe"), None);
    let digits = ValueFormat::parse(Type::Bool, "1/0").expect("a format");
    assert_eq!(digits.boolean("0"), Some(false));
    assert!(ValueFormat::parse(Type::Bool, "yes").is_err());
    assert!(ValueFormat::parse(Type::Bool, "y/Y").is_err());
}

fn read_date(spec: &str, text: &str) -> Option<String> {
    ValueFormat::parse(Type::Date, spec)
        .expect("a format")
        .date(text)
        .map(crate::date::format)
}

#[test]
fn dates_read_their_pattern() {
    assert_eq!(
        read_date("MM/DD/YYYY", "3/5/2024").as_deref(),
        Some("2024-03-05")
    );
    assert_eq!(
        read_date("MM/DD/YYYY", "12/31/2024").as_deref(),
        Some("2024-12-31")
    );
    assert_eq!(
        read_date("DD.MM.YYYY", "31.12.2024").as_deref(),
        Some("2024-12-31")
    );
    assert_eq!(read_date("MM/DD/YYYY", "31/12/2024"), None);
    assert_eq!(read_date("MM/DD/YYYY", "2024-03-05"), None);
}

#[test]
fn date_times_with_a_zone_are_the_day_in_utc() {
    let spec = "YYYY-MM-DD hh:mm:ss Z";
    assert_eq!(
        read_date(spec, "2024-03-05 23:30:00 -05:00").as_deref(),
        Some("2024-03-06")
    );
    assert_eq!(
        read_date(spec, "2024-03-05 00:30:00.123 +0100").as_deref(),
        Some("2024-03-04")
    );
    assert_eq!(
        read_date(spec, "2024-03-05 10:00:00 UTC").as_deref(),
        Some("2024-03-05")
    );
    assert_eq!(read_date(spec, "2024-03-05").as_deref(), Some("2024-03-05"));
    let us = "MM/DD/YYYY hh:mm A";
    assert_eq!(
        read_date(us, "3/5/2024 11:59 PM").as_deref(),
        Some("2024-03-05")
    );
    assert_eq!(read_date(us, "3/5/2024 13:00 PM"), None);
}

#[test]
fn bad_date_patterns_say_why() {
    assert!(ValueFormat::parse(Type::Date, "YYYY-MM-dd").is_err());
    assert!(ValueFormat::parse(Type::Date, "MM/YYYY").is_err());
}

#[test]
fn list_separators() {
    let format = ValueFormat::parse(Type::TextList, ", ").expect("a format");
    assert_eq!(format.separator(), Some(","));
    assert!(ValueFormat::parse(Type::TextList, "").is_err());
}

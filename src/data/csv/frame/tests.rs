use super::*;

fn split(text: &str) -> (Frame, Vec<String>) {
    let mut cells = Cells::default();
    let frame = frame(text.as_bytes(), b',', true, Some(&mut cells));
    (frame, cells.iter(text).map(str::to_owned).collect())
}

#[test]
fn quoted_cells_hold_delimiters_quotes_and_line_breaks() {
    let (framed, cells) = split("a,\"b,c\",\"say \"\"hi\"\"\",\"x\r\ny\"\r\nnext\n");
    assert_eq!(framed, Frame::Record { len: 29, lines: 2 });
    assert_eq!(cells, ["a", "b,c", "say \"hi\"", "x\r\ny"]);
}

#[test]
fn records_end_at_lf_crlf_or_the_end_of_input() {
    assert_eq!(split("a,b\n").0, Frame::Record { len: 4, lines: 1 });
    assert_eq!(split("a,b\r\n").1, ["a", "b"]);
    assert_eq!(split("a,\"b\"\r\n").1, ["a", "b"]);
    assert_eq!(split("a,b").0, Frame::Record { len: 3, lines: 1 });
    assert_eq!(split("a,b\r").1, ["a", "b"]);
    assert_eq!(split("a,").1, ["a", ""]);
}

#[test]
fn spaces_around_a_quoted_cell_are_padding() {
    assert_eq!(split(" \"a\" , b \n").1, ["a", " b "]);
}

#[test]
fn broken_records_cover_their_first_line() {
    let unclosed = Problem::UnclosedQuote {
        column: 2,
        limit: false,
    };
    assert_eq!(
        split("a,\"open\nb,c\n").0,
        Frame::Broken {
            len: 8,
            problem: unclosed
        }
    );
    assert_eq!(
        split("5\" screen,x\n").0,
        Frame::Broken {
            len: 12,
            problem: Problem::StrayQuote { column: 1 }
        }
    );
    assert_eq!(
        split("\"a\"b,c\n").0,
        Frame::Broken {
            len: 7,
            problem: Problem::TextAfterQuote {
                column: 1,
                lines_later: 0
            }
        }
    );
    assert_eq!(
        split("a\rb,c\n").0,
        Frame::Broken {
            len: 6,
            problem: Problem::CarriageReturn
        }
    );
}

#[test]
fn an_open_quote_stops_at_the_line_limit() {
    let mut text = String::from("a,\"open\n");
    text.push_str(&"more\n".repeat(MAX_RECORD_LINES as usize));
    let framed = frame(text.as_bytes(), b',', false, None);
    assert_eq!(
        framed,
        Frame::Broken {
            len: 8,
            problem: Problem::UnclosedQuote {
                column: 2,
                limit: true
            }
        }
    );
}

#[test]
fn more_input_decides_an_unfinished_record() {
    for text in ["a,b", "a,\"b", "a,\"b\"", "a,\"b\"\r", "a,\"x\ny\""] {
        assert_eq!(
            frame(text.as_bytes(), b',', false, None),
            Frame::Incomplete,
            "{text:?}"
        );
    }
}

#[test]
fn blank_lines_are_skipped() {
    assert_eq!(split("  \r\nx\n").0, Frame::Blank { len: 4 });
    assert_eq!(split("").0, Frame::Blank { len: 0 });
}

#[test]
fn other_delimiters_split_cells() {
    let mut cells = Cells::default();
    let text = "a;\"b;c\";d\n";
    frame(text.as_bytes(), b';', true, Some(&mut cells));
    assert_eq!(cells.iter(text).collect::<Vec<_>>(), ["a", "b;c", "d"]);
}

/// The one-pass path for plain lines cuts cells and ends records as the
/// state machine does, wherever a line end or delimiter falls in a
/// 64-byte block (a CRLF across two blocks, a line of exactly 64 bytes).
#[test]
fn plain_lines_split_alike_across_block_boundaries() {
    for width in [0, 1, 30, 59, 60, 61, 62, 63, 64, 65, 127, 128, 200] {
        let cell = "x".repeat(width);
        let expected = [cell.as_str(), "a", "", cell.as_str()];
        for ending in ["\n", "\r\n"] {
            let record = format!("{cell},a,,{cell}{ending}");
            let (framed, cells) = split(&format!("{record}next,line\n"));
            assert_eq!(
                framed,
                Frame::Record {
                    len: record.len(),
                    lines: 1
                },
                "{record:?}"
            );
            assert_eq!(cells, expected, "{record:?}");
        }
        for ending in ["", "\r"] {
            let record = format!("{cell},a,,{cell}{ending}");
            let (framed, cells) = split(&record);
            assert_eq!(
                framed,
                Frame::Record {
                    len: record.len(),
                    lines: 1
                },
                "{record:?}"
            );
            assert_eq!(cells, expected, "{record:?}");
        }
        let broken = format!("{cell},a\r,,{cell}\n");
        assert!(
            matches!(
                split(&broken).0,
                Frame::Broken {
                    problem: Problem::CarriageReturn,
                    ..
                }
            ),
            "{broken:?}"
        );
    }
}

/// Quoted cells read alike whether the one-pass path or the state machine
/// takes them: delimiters inside quotes, quotes across 64-byte blocks,
/// doubled quotes and padding (the state machine's), empty quoted cells.
#[test]
fn quoted_cells_split_alike_across_block_boundaries() {
    for width in [0, 1, 30, 59, 60, 61, 62, 63, 64, 65, 127, 128, 200] {
        let cell = "x".repeat(width);
        let cases = [
            (
                format!("{cell},\"a,b\",\"\",\"{cell}\"\n"),
                vec![cell.clone(), "a,b".into(), String::new(), cell.clone()],
            ),
            (
                format!("\"{cell},\",\"say \"\"hi\"\"\", \"p\" \n"),
                vec![format!("{cell},"), "say \"hi\"".into(), "p".into()],
            ),
            (format!("\"{cell}\"\r\n"), vec![cell.clone()]),
            (
                format!("\"{cell}\",\"\""),
                vec![cell.clone(), String::new()],
            ),
        ];
        for (record, expected) in cases {
            let followed = if record.ends_with('\n') {
                format!("{record}next\n")
            } else {
                record.clone()
            };
            let (framed, cells) = split(&followed);
            assert_eq!(
                framed,
                Frame::Record {
                    len: record.len(),
                    lines: 1
                },
                "{record:?}"
            );
            assert_eq!(cells, expected, "{record:?}");
        }
        for broken in [format!("a\"{cell},b\n"), format!("\"{cell}\"x,b\n")] {
            assert!(
                matches!(split(&broken).0, Frame::Broken { .. }),
                "{broken:?}"
            );
        }
        let multiline = format!("\"{cell}\nmore\",b\n");
        assert_eq!(
            split(&multiline).0,
            Frame::Record {
                len: multiline.len(),
                lines: 2
            }
        );
    }
}

/// A record's cells and frame as [`general`] finds them, to compare the
/// shortcuts with.
fn split_generally(bytes: &[u8], delimiter: u8) -> (Frame, Vec<Vec<u8>>) {
    let mut cells = Cells::default();
    let framed = general(bytes, delimiter, true, Some(&mut cells));
    (framed, cell_bytes(&cells, bytes))
}

fn cell_bytes(cells: &Cells, record: &[u8]) -> Vec<Vec<u8>> {
    let text = String::from_utf8_lossy(record);
    cells
        .iter(&text)
        .map(|cell| cell.as_bytes().to_vec())
        .collect()
}

/// A quote-free record splits alike on the shortcut and the general path
/// wherever its delimiters fall in a 64-byte block, and a record with a
/// quote, line feed or carriage return is left to the general path.
#[test]
fn quoteless_records_split_as_the_general_path_splits_them() {
    for width in [0, 1, 62, 63, 64, 65, 127, 128, 129] {
        let cell = "x".repeat(width);
        for record in [
            format!("{cell},a,,{cell}"),
            format!(",{cell},"),
            format!("  {cell}  "),
            "  \t ".to_owned(),
            String::new(),
        ] {
            let mut cells = Cells::default();
            let quick = quoteless_record(record.as_bytes(), b',', &mut cells);
            let quick = quick.map(|framed| (framed, cell_bytes(&cells, record.as_bytes())));
            assert_eq!(
                quick,
                Some(split_generally(record.as_bytes(), b',')),
                "{record:?}"
            );
        }
        for other in [
            format!("{cell},\"a\""),
            format!("{cell}\r,a"),
            format!("{cell}\na"),
        ] {
            let mut cells = Cells::default();
            assert_eq!(quoteless_record(other.as_bytes(), b',', &mut cells), None);
        }
    }
}

proptest::proptest! {
    /// Whole records of CSV-ish bytes (any delimiter, quotes, spaces, line
    /// breaks, non-ASCII): whenever the quote-free shortcut answers, its
    /// frame and cells are the general path's; `frame` gives the general
    /// path's answer either way.
    #[test]
    fn the_quoteless_shortcut_agrees_with_the_general_path(
        record in proptest::collection::vec(
            proptest::sample::select(&b"ab,;\t \"\r\n\xc3\xa9\x00|"[..]), 0..300),
        delimiter in proptest::sample::select(&b",;\t|\"\n"[..]),
    ) {
        let expected = split_generally(&record, delimiter);
        let mut cells = Cells::default();
        if let Some(quick) = quoteless_record(&record, delimiter, &mut cells) {
            proptest::prop_assert_eq!(&(quick, cell_bytes(&cells, &record)), &expected);
        }
        let framed = frame(&record, delimiter, true, Some(&mut cells));
        proptest::prop_assert_eq!((framed, cell_bytes(&cells, &record)), expected);
    }
}

//! Did-you-mean suggestions for misspelt names.
//!
//! Takes the name the user wrote and the names in scope; gives back the
//! closest one when it is close enough to be a likely typo. Ties go to the
//! candidate listed first, so the answer never depends on hash order.

/// The candidate closest to `name`, if it is a plausible typo of it.
///
/// A candidate qualifies when it equals `name` ignoring case, or when its
/// edit distance (adjacent swaps count as one edit) is at most a third of
/// the longer name's length (at least one edit).
pub fn did_you_mean<'a>(
    name: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let lowered = name.to_lowercase();
    let mut best: Option<(usize, &'a str)> = None;
    for candidate in candidates {
        if candidate == name {
            continue;
        }
        let distance = strsim::damerau_levenshtein(&lowered, &candidate.to_lowercase());
        let longest = name.chars().count().max(candidate.chars().count());
        let allowed = (longest / 3).max(1);
        let better = best.is_none_or(|(best_distance, _)| distance < best_distance);
        if distance <= allowed && better {
            best = Some((distance, candidate));
        }
    }
    best.map(|(_, candidate)| candidate)
}

/// The header closest to any of the `wanted` names, for a field no column
/// holds: compared without case, spaces and punctuation, a header equal to
/// a wanted name or containing it (or contained in it) is taken first, then
/// the nearest by edit distance within a third of the longer name.
pub fn closest_header<'a>(wanted: &[&str], headers: &[&'a str]) -> Option<&'a str> {
    let squash = |text: &str| -> String {
        text.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    let mut best: Option<(usize, &'a str)> = None;
    for &header in headers {
        let squashed = squash(header);
        if squashed.is_empty() {
            continue;
        }
        for name in wanted {
            let name = squash(name);
            let rank = if name == squashed {
                0
            } else if squashed.contains(&name) || name.contains(&squashed) {
                1
            } else {
                let distance = strsim::damerau_levenshtein(&name, &squashed);
                let longest = name.chars().count().max(squashed.chars().count());
                if distance > (longest / 3).max(1) {
                    continue;
                }
                1 + distance
            };
            if best.is_none_or(|(best_rank, _)| rank < best_rank) {
                best = Some((rank, header));
            }
        }
    }
    best.map(|(_, header)| header)
}

#[cfg(test)]
mod tests {
    use super::{closest_header, did_you_mean};

    #[test]
    fn headers_are_suggested_for_fields() {
        let headers = [
            "Record ID",
            "Number of Employees",
            "Annual Revenue",
            "Country/Region",
        ];
        assert_eq!(
            closest_header(&["employees"], &headers),
            Some("Number of Employees")
        );
        assert_eq!(
            closest_header(&["annual_revenue"], &headers),
            Some("Annual Revenue")
        );
        assert_eq!(
            closest_header(&["country"], &headers),
            Some("Country/Region")
        );
        assert_eq!(closest_header(&["tech"], &headers), None);
    }

    #[test]
    fn close_typos_are_suggested() {
        let fields = ["employees", "industry", "revenue"];
        assert_eq!(did_you_mean("employes", fields), Some("employees"));
        assert_eq!(did_you_mean("indsutry", fields), Some("industry"));
        assert_eq!(did_you_mean("Revenue", fields), Some("revenue"));
    }

    #[test]
    fn distant_names_are_not_suggested() {
        assert_eq!(did_you_mean("country", ["employees", "tech"]), None);
        assert_eq!(did_you_mean("x", ["yz"]), None);
    }

    #[test]
    fn the_closest_wins_and_ties_keep_order() {
        assert_eq!(did_you_mean("fitt", ["fit", "fitt2"]), Some("fit"));
        assert_eq!(did_you_mean("ab", ["aa", "bb"]), Some("aa"));
    }
}

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

#[cfg(test)]
mod tests {
    use super::did_you_mean;

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

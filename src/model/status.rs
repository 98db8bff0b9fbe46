//! The commemoration status vocabulary: what happened to the march in a city in a year.

use serde::{Deserialize, Serialize};

/// What the sources say happened to the march in one city in one year.
///
/// The identifiers are part of the data schema (`docs/DATA.md`); do not rename them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Held,
    HeldRenamed,
    Alternative,
    Announced,
    OfficialOnly,
    Refused,
    Cancelled,
    NonePlanned,
    /// No source says anything about this city and year. Never written in a file:
    /// it is what a city-year without reports is.
    NoReport,
}

impl Status {
    /// Every status, in legend order.
    pub const ALL: [Self; 9] = [
        Self::Held,
        Self::HeldRenamed,
        Self::Alternative,
        Self::Announced,
        Self::OfficialOnly,
        Self::Refused,
        Self::Cancelled,
        Self::NonePlanned,
        Self::NoReport,
    ];

    /// Position in [`Self::ALL`], for per-status arrays.
    pub fn index(self) -> usize {
        self as usize
    }

    /// The identifier used in data files and on the command line.
    pub fn id(self) -> &'static str {
        match self {
            Self::Held => "held",
            Self::HeldRenamed => "held_renamed",
            Self::Alternative => "alternative",
            Self::Announced => "announced",
            Self::OfficialOnly => "official_only",
            Self::Refused => "refused",
            Self::Cancelled => "cancelled",
            Self::NonePlanned => "none_planned",
            Self::NoReport => "no_report",
        }
    }

    /// A short label for people.
    pub fn label(self) -> &'static str {
        match self {
            Self::Held => "Held",
            Self::HeldRenamed => "Held, renamed",
            Self::Alternative => "Alternative format",
            Self::Announced => "Announced only",
            Self::OfficialOnly => "Official events only",
            Self::Refused => "Refused",
            Self::Cancelled => "Cancelled",
            Self::NonePlanned => "Nothing planned",
            Self::NoReport => "No report",
        }
    }

    /// One sentence saying what the status means.
    pub fn meaning(self) -> &'static str {
        match self {
            Self::Held => "The march took place.",
            Self::HeldRenamed => "It took place under another name or form.",
            Self::Alternative => {
                "Replaced by another format: online, photos on screens, a car convoy."
            }
            Self::Announced => "Announced or planned; no report from the day itself.",
            Self::OfficialOnly => "Only official events (parade, concert); no march.",
            Self::Refused => "The authorities refused permission or prohibited it.",
            Self::Cancelled => "Called off or declined.",
            Self::NonePlanned => "No celebrations were planned.",
            Self::NoReport => "No source found says anything about this city and year.",
        }
    }

    pub fn from_id(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.id() == id)
    }

    /// The statuses a file may give (every one but "no report", which is what a year
    /// without reports means).
    pub fn claimable() -> impl Iterator<Item = Self> {
        Self::ALL.into_iter().filter(|s| *s != Self::NoReport)
    }
}

/// What to say about a status a file gives that is not in the vocabulary: a suggestion
/// when it is a slip (case, a letter or two), else the list to choose from.
pub fn unknown_status_message(given: &str) -> String {
    let ids: Vec<&str> = Status::claimable().map(Status::id).collect();
    match did_you_mean(given, &ids) {
        Some(id) => format!("unknown status `{given}`; did you mean `{id}`?"),
        None => format!("unknown status `{given}`: use one of {}", ids.join(", ")),
    }
}

/// The one of `choices` that `given` is most likely a slip for: the same but for case,
/// spaces and hyphens, or within two edits.
pub fn did_you_mean<'a>(given: &str, choices: &[&'a str]) -> Option<&'a str> {
    let fold = |s: &str| s.to_lowercase().replace([' ', '-'], "_");
    let wanted = fold(given);
    if let Some(same) = choices.iter().find(|c| fold(c) == wanted) {
        return Some(same);
    }
    choices
        .iter()
        .map(|c| (edit_distance(&wanted, c), *c))
        .filter(|(d, _)| *d <= 2)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// Levenshtein distance, by characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            current[j + 1] = (previous[j] + cost)
                .min(previous[j + 1] + 1)
                .min(current[j] + 1);
        }
        previous = current;
    }
    previous[b.len()]
}

impl std::fmt::Display for Status {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.id())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_through_serde_and_from_id() {
        for (i, status) in Status::ALL.into_iter().enumerate() {
            assert_eq!(status.index(), i);
            let json = serde_json::to_string(&status).unwrap();
            assert_eq!(json, format!("\"{}\"", status.id()));
            assert_eq!(Status::from_id(status.id()), Some(status));
        }
        assert_eq!(Status::from_id("helds"), None);
    }

    #[test]
    fn a_slip_in_a_status_gets_a_suggestion_and_no_report_is_never_offered() {
        assert_eq!(
            unknown_status_message("Cancelled"),
            "unknown status `Cancelled`; did you mean `cancelled`?"
        );
        assert_eq!(
            unknown_status_message("helds"),
            "unknown status `helds`; did you mean `held`?"
        );
        let far = unknown_status_message("marched");
        assert!(
            far.starts_with("unknown status `marched`: use one of held, "),
            "{far}"
        );
        assert!(!far.contains("no_report"), "{far}");
        assert!(!far.contains("variant"), "{far}");
    }
}

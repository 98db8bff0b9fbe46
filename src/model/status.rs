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
}

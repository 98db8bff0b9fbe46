//! How an item of the data was checked: against its page, an archived copy, or not at all
//! because the page could not be found — and what the check confirmed.

use serde::{Deserialize, Serialize};

use super::PartialDate;

/// What an item was checked against.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CheckedAgainst {
    /// The cited page itself (or a stored copy of it).
    Page,
    /// An archived copy of the page.
    Archive,
    /// The page was looked for and not found: nothing could be confirmed.
    NotFound,
}

impl CheckedAgainst {
    pub const ALL: [Self; 3] = [Self::Page, Self::Archive, Self::NotFound];

    pub fn id(self) -> &'static str {
        match self {
            Self::Page => "page",
            Self::Archive => "archive",
            Self::NotFound => "not_found",
        }
    }
}

/// One thing a check confirmed on the page.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Confirmed {
    /// The page says what the summary says.
    Claim,
    /// The date (and timing) agree with the page.
    Date,
    /// The excerpt is verbatim on the page.
    Excerpt,
    /// The page is about this place.
    Place,
    /// The page supports the status given.
    Status,
}

impl Confirmed {
    pub const ALL: [Self; 5] = [
        Self::Claim,
        Self::Date,
        Self::Excerpt,
        Self::Place,
        Self::Status,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Self::Claim => "claim",
            Self::Date => "date",
            Self::Excerpt => "excerpt",
            Self::Place => "place",
            Self::Status => "status",
        }
    }
}

/// The record of one check.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Check {
    /// When the check was made.
    pub on: PartialDate,
    pub against: CheckedAgainst,
    /// What it confirmed (empty when the page was not found), sorted.
    pub what: Vec<Confirmed>,
    /// What the page says, or what could not be confirmed.
    pub note: Option<String>,
}

impl Check {
    /// Checked against the page or an archive, and every claim confirmed.
    pub fn confirms(&self, thing: Confirmed) -> bool {
        self.against != CheckedAgainst::NotFound && self.what.contains(&thing)
    }
}

/// How many items of a dataset were checked, and how.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CheckCounts {
    /// Reports, notes and timeline entries.
    pub items: usize,
    pub page: usize,
    pub archive: usize,
    pub not_found: usize,
}

impl CheckCounts {
    pub fn add(&mut self, check: Option<&Check>) {
        self.items += 1;
        match check.map(|c| c.against) {
            Some(CheckedAgainst::Page) => self.page += 1,
            Some(CheckedAgainst::Archive) => self.archive += 1,
            Some(CheckedAgainst::NotFound) => self.not_found += 1,
            None => {}
        }
    }

    pub fn unchecked(&self) -> usize {
        self.items - self.page - self.archive - self.not_found
    }
}

impl std::fmt::Display for CheckCounts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} of {} items checked against the page, {} against an archive, {} not found, {} not checked",
            self.page,
            self.items,
            self.archive,
            self.not_found,
            self.unchecked()
        )
    }
}

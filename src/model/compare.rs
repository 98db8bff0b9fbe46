//! Two years side by side: for each city, whether its drawn status stayed, changed, or
//! appeared or disappeared from the reports.
//!
//! "No report" is an absence of sources, not an event, so a city reported in one year and
//! not in the other is never called "changed": it gets a kind of its own.

use serde::Serialize;

use super::{Dataset, Status};

/// How a city's drawn status in year B relates to year A.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Change {
    /// Reported in both years, with different statuses.
    Changed,
    /// No report in A, at least one in B.
    NewlyReported,
    /// At least one report in A, none in B: the sources are silent, which is not a change.
    NoLongerReported,
    /// Reported in both years with the same status.
    Unchanged,
    /// No report in either year.
    NeverReported,
}

impl Change {
    /// Every kind, in the order the compare panel lists them.
    pub const ALL: [Self; 5] = [
        Self::Changed,
        Self::NewlyReported,
        Self::NoLongerReported,
        Self::Unchanged,
        Self::NeverReported,
    ];

    pub fn index(self) -> usize {
        self as usize
    }

    /// The identifier used in exports and translation keys.
    pub fn id(self) -> &'static str {
        match self {
            Self::Changed => "changed",
            Self::NewlyReported => "newly_reported",
            Self::NoLongerReported => "no_longer_reported",
            Self::Unchanged => "unchanged",
            Self::NeverReported => "never_reported",
        }
    }

    pub fn between(from: Status, to: Status) -> Self {
        match (from == Status::NO_REPORT, to == Status::NO_REPORT) {
            (true, true) => Self::NeverReported,
            (true, false) => Self::NewlyReported,
            (false, true) => Self::NoLongerReported,
            (false, false) if from == to => Self::Unchanged,
            (false, false) => Self::Changed,
        }
    }
}

/// One city's statuses in the two years.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CityChange {
    pub city: usize,
    pub from: Status,
    pub to: Status,
    pub change: Change,
}

impl CityChange {
    pub fn new(dataset: &Dataset, city: usize, from: i32, to: i32) -> Self {
        let (a, b) = (
            dataset.city_year(city, from).status,
            dataset.city_year(city, to).status,
        );
        Self {
            city,
            from: a,
            to: b,
            change: Change::between(a, b),
        }
    }
}

/// Every city compared between year `from` and year `to`.
#[derive(Clone, Debug, PartialEq)]
pub struct Comparison {
    pub from: i32,
    pub to: i32,
    /// One entry per city, in dataset order.
    pub cities: Vec<CityChange>,
    /// Cities of each kind, indexed by [`Change::index`].
    pub counts: [usize; Change::ALL.len()],
    /// The cities worth listing, as indices into `cities` (see [`Self::differences`]).
    differences: Vec<usize>,
}

impl Comparison {
    pub fn new(dataset: &Dataset, from: i32, to: i32) -> Self {
        let mut counts = [0; Change::ALL.len()];
        let cities: Vec<CityChange> = (0..dataset.cities.len())
            .map(|city| {
                let row = CityChange::new(dataset, city, from, to);
                counts[row.change.index()] += 1;
                row
            })
            .collect();
        // Listed once here, not sorted again on every frame that shows the list.
        let mut differences: Vec<usize> = (0..cities.len())
            .filter(|&i| {
                matches!(
                    cities[i].change,
                    Change::Changed | Change::NewlyReported | Change::NoLongerReported
                )
            })
            .collect();
        differences.sort_by_key(|&i| (cities[i].change, i));
        Self {
            from,
            to,
            cities,
            counts,
            differences,
        }
    }

    pub fn of(&self, city: usize) -> Option<&CityChange> {
        self.cities.get(city)
    }

    /// The cities worth listing (changed, newly reported, no longer reported), in
    /// [`Change::ALL`] order, then dataset order.
    pub fn differences(&self) -> impl ExactSizeIterator<Item = &CityChange> + '_ {
        self.differences.iter().map(|&i| &self.cities[i])
    }

    /// The `n`th of [`Self::differences`].
    pub fn difference(&self, n: usize) -> Option<&CityChange> {
        self.differences.get(n).map(|&i| &self.cities[i])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_report_is_never_a_change() {
        assert_eq!(
            Change::between(Status::HELD, Status::REFUSED),
            Change::Changed
        );
        assert_eq!(
            Change::between(Status::HELD, Status::HELD),
            Change::Unchanged
        );
        assert_eq!(
            Change::between(Status::NO_REPORT, Status::HELD),
            Change::NewlyReported
        );
        assert_eq!(
            Change::between(Status::CANCELLED, Status::NO_REPORT),
            Change::NoLongerReported
        );
        assert_eq!(
            Change::between(Status::NO_REPORT, Status::NO_REPORT),
            Change::NeverReported
        );
        for (i, c) in Change::ALL.into_iter().enumerate() {
            assert_eq!(c.index(), i);
        }
    }
}

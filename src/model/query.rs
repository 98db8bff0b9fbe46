//! The status rule: which of a city-year's reports decides its colour, and which
//! city-years are disputed. Computed once per dataset, read every frame.

use super::{City, DatasetInfo, Reliability, Report, Source, Status, Timing, Vocabulary};

/// What the map draws for one city in one year.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CityYear {
    pub status: Status,
    /// Index into the city's `reports` of the report that decided the status.
    pub deciding: Option<usize>,
    /// Two reports with the same timing contradict each other (see
    /// [`Vocabulary::contradicts`](crate::model::status::Vocabulary::contradicts)).
    pub disputed: bool,
    /// A report from before the day contradicts what the deciding report says happened.
    pub plan_changed: bool,
    /// The deciding report's year or claim is inferred, not stated.
    pub uncertain: bool,
    /// The status stands on less than a stated, reliable report: `uncertain`, or the
    /// deciding source is marked low reliability (set by the year table, which knows the
    /// sources). The map draws a dashed ring.
    pub tentative: bool,
    pub report_count: usize,
}

/// Which cities the map shows: the legend's filters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MapFilter {
    /// Statuses hidden, by [`Status::index`] (`Status::NO_REPORT` too).
    pub hidden: [bool; Status::SLOTS],
    /// Only the city-years whose sources disagree are shown.
    pub only_disputed: bool,
}

impl Default for MapFilter {
    fn default() -> Self {
        Self {
            hidden: [false; Status::SLOTS],
            only_disputed: false,
        }
    }
}

impl MapFilter {
    /// Whether a city with this city-year is drawn.
    pub fn shows(&self, cell: &CityYear) -> bool {
        !self.hidden[cell.status.index()] && (cell.disputed || !self.only_disputed)
    }

    /// Whether nothing is filtered out.
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }
}

impl CityYear {
    const NO_REPORT: Self = Self {
        status: Status::NO_REPORT,
        deciding: None,
        disputed: false,
        plan_changed: false,
        uncertain: false,
        tentative: false,
        report_count: 0,
    };
}

/// Applies the rule to the reports of one city-year (`(index in city, report)`, in city order):
/// reports about the day outrank reports from before it; among those the latest date wins;
/// on equal dates a report that is not uncertain wins, then the later report in the file.
/// `origin` gives a report's original source: reports from one origin (a repost and what
/// it reposts) never make a city-year disputed between them.
pub fn decide<'a>(
    reports: impl Iterator<Item = (usize, &'a Report)> + Clone,
    origin: impl Fn(&Report) -> usize,
    vocabulary: &Vocabulary,
) -> CityYear {
    let contradicts = |a, b| vocabulary.contradicts(a, b);
    let has_day = reports.clone().any(|(_, r)| r.timing == Timing::Day);
    let deciding = reports
        .clone()
        .filter(|(_, r)| !has_day || r.timing == Timing::Day)
        // On equal dates a stated claim beats an inferred one; `max_by_key` keeps the last
        // of equal maxima: the later report in the file.
        .max_by_key(|(_, r)| (r.date, !r.uncertain));
    let Some((index, report)) = deciding else {
        return CityYear::NO_REPORT;
    };
    let disputed = reports.clone().any(|(i, a)| {
        reports.clone().any(|(j, b)| {
            i < j
                && a.timing == b.timing
                && origin(a) != origin(b)
                && contradicts(a.status, b.status)
        })
    });
    let plan_changed = report.timing == Timing::Day
        && reports
            .clone()
            .any(|(_, r)| r.timing == Timing::Before && contradicts(r.status, report.status));
    CityYear {
        status: report.status,
        deciding: Some(index),
        disputed,
        plan_changed,
        uncertain: report.uncertain,
        tentative: report.uncertain,
        report_count: reports.count(),
    }
}

#[derive(Clone, Debug)]
pub(crate) struct YearTable {
    first_year: i32,
    years: usize,
    /// `[city * years + (year - first_year)]`
    cells: Vec<CityYear>,
    counts: Vec<[usize; Status::SLOTS]>,
    /// Per year, how many city-years are disputed and how many tentative.
    flagged: Vec<(usize, usize)>,
    /// Per year, every city's status in city order (one byte each): what recolouring and
    /// recounting a year read, in one sequential pass.
    statuses: Vec<Vec<Status>>,
}

impl YearTable {
    pub(crate) fn new(info: &DatasetInfo, sources: &[Source], cities: &[City]) -> Self {
        let origin = |r: &Report| {
            sources
                .get(r.source)
                .and_then(|s| s.republishes)
                .unwrap_or(r.source)
        };
        let years = usize::try_from(info.last_year - info.first_year + 1).unwrap_or(0);
        let mut cells = Vec::with_capacity(cities.len() * years);
        let mut counts = vec![[0; Status::SLOTS]; years];
        let mut flagged = vec![(0, 0); years];
        let mut statuses = vec![Vec::with_capacity(cities.len()); years];
        for city in cities {
            for (offset, year) in (info.first_year..=info.last_year).enumerate() {
                let mut cell = decide(
                    city.reports
                        .iter()
                        .enumerate()
                        .filter(move |(_, r)| r.year == year),
                    origin,
                    &info.vocabulary,
                );
                cell.tentative |= cell
                    .deciding
                    .and_then(|i| city.reports.get(i))
                    .and_then(|r| sources.get(r.source))
                    .is_some_and(|s| s.reliability == Reliability::Low);
                counts[offset][cell.status.index()] += 1;
                flagged[offset].0 += usize::from(cell.disputed);
                flagged[offset].1 += usize::from(cell.tentative);
                statuses[offset].push(cell.status);
                cells.push(cell);
            }
        }
        Self {
            first_year: info.first_year,
            years,
            cells,
            counts,
            flagged,
            statuses,
        }
    }

    /// How many city-years of `year` are disputed, and how many tentative.
    pub(crate) fn flagged(&self, year: i32) -> (usize, usize) {
        self.offset(year)
            .and_then(|o| self.flagged.get(o))
            .copied()
            .unwrap_or_default()
    }

    pub(crate) fn statuses(&self, year: i32) -> &[Status] {
        self.offset(year)
            .and_then(|o| self.statuses.get(o))
            .map_or(&[], Vec::as_slice)
    }

    fn offset(&self, year: i32) -> Option<usize> {
        year.checked_sub(self.first_year)
            .and_then(|o| usize::try_from(o).ok())
            .filter(|&o| o < self.years)
    }

    pub(crate) fn get(&self, city: usize, year: i32) -> CityYear {
        self.offset(year)
            .and_then(|o| self.cells.get(city * self.years + o))
            .copied()
            .unwrap_or(CityYear::NO_REPORT)
    }

    pub(crate) fn counts(&self, year: i32) -> [usize; Status::SLOTS] {
        self.offset(year)
            .and_then(|o| self.counts.get(o))
            .copied()
            .unwrap_or_default()
    }
}

/// Folds a name for matching: lower case, letters and digits only.
pub fn normalise_name(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::PartialDate;

    fn report(date: &str, timing: Timing, status: Status) -> Report {
        Report {
            id: format!("r-{date}-{}", status.index()),
            year: 2025,
            date: PartialDate::parse(date).unwrap(),
            timing,
            status,
            summary: String::new(),
            excerpt: None,
            source: 0,
            uncertain: false,
            checked: None,
        }
    }

    /// Each report from its own source.
    fn decide_all(reports: &[Report]) -> CityYear {
        let own: Vec<Report> = reports
            .iter()
            .cloned()
            .enumerate()
            .map(|(i, mut r)| {
                r.source = i;
                r
            })
            .collect();
        decide(own.iter().enumerate(), |r| r.source, &Vocabulary::builtin())
    }

    #[test]
    fn no_reports_is_no_report_and_never_disputed() {
        let cell = decide_all(&[]);
        assert_eq!(cell.status, Status::NO_REPORT);
        assert!(!cell.disputed);
        assert_eq!(cell.deciding, None);
    }

    #[test]
    fn a_report_about_the_day_outranks_a_later_plan() {
        let reports = [
            report("2025-04-28", Timing::Before, Status::REFUSED),
            report("2025-05-09", Timing::Day, Status::HELD_RENAMED),
            report("2025-05-10", Timing::Before, Status::ANNOUNCED),
        ];
        let cell = decide_all(&reports);
        assert_eq!(cell.status, Status::HELD_RENAMED);
        assert_eq!(cell.deciding, Some(1));
        assert!(cell.disputed, "refused and announced, both before the day");
        assert!(cell.plan_changed, "refused before, held on the day");
        assert_eq!(cell.report_count, 3);
    }

    #[test]
    fn an_announcement_then_the_march_is_neither_disputed_nor_a_change() {
        let reports = [
            report("2025-05-01", Timing::Before, Status::ANNOUNCED),
            report("2025-05-09", Timing::Day, Status::HELD),
        ];
        let cell = decide_all(&reports);
        assert_eq!(cell.status, Status::HELD);
        assert!(!cell.disputed);
        assert!(!cell.plan_changed);
    }

    #[test]
    fn a_cancellation_then_the_march_is_a_change_not_a_dispute() {
        let reports = [
            report("2016-05-01", Timing::Before, Status::CANCELLED),
            report("2016", Timing::Day, Status::HELD),
        ];
        let cell = decide_all(&reports);
        assert_eq!(cell.status, Status::HELD);
        assert!(!cell.disputed);
        assert!(cell.plan_changed);
    }

    #[test]
    fn a_march_declined_and_held_online_instead_is_consistent() {
        let reports = [
            report("2022-05-05", Timing::Before, Status::CANCELLED),
            report("2022-05-09", Timing::Day, Status::ALTERNATIVE),
        ];
        let cell = decide_all(&reports);
        assert_eq!(cell.status, Status::ALTERNATIVE);
        assert!(!cell.disputed);
        assert!(!cell.plan_changed);
    }

    #[test]
    fn two_accounts_of_the_day_that_differ_are_disputed() {
        let reports = [
            report("2019-05-09", Timing::Day, Status::REFUSED),
            report("2019-05-09", Timing::Day, Status::HELD),
        ];
        assert!(decide_all(&reports).disputed);
    }

    #[test]
    fn two_names_for_the_same_march_are_not_a_dispute() {
        let reports = [
            report("2019-05-09", Timing::Day, Status::HELD_RENAMED),
            report("2019-05-09", Timing::Day, Status::HELD),
        ];
        let cell = decide_all(&reports);
        assert!(!cell.disputed);
        assert_eq!(cell.status, Status::HELD, "the later report in the file");
    }

    #[test]
    fn without_day_reports_the_latest_plan_wins() {
        let reports = [
            report("2025-05-01", Timing::Before, Status::ANNOUNCED),
            report("2025-04-01", Timing::Before, Status::REFUSED),
        ];
        assert_eq!(decide_all(&reports).status, Status::ANNOUNCED);
    }

    #[test]
    fn on_equal_dates_the_later_report_in_the_file_wins() {
        let reports = [
            report("2025-05-09", Timing::Day, Status::HELD),
            report("2025-05-09", Timing::Day, Status::HELD_RENAMED),
        ];
        assert_eq!(decide_all(&reports).deciding, Some(1));
    }

    #[test]
    fn on_equal_dates_a_stated_claim_beats_an_inferred_one() {
        let mut inferred = report("2019", Timing::Day, Status::HELD_RENAMED);
        inferred.uncertain = true;
        let reports = [report("2019", Timing::Day, Status::HELD), inferred];
        let cell = decide_all(&reports);
        assert_eq!(cell.deciding, Some(0));
        assert!(!cell.uncertain);
    }

    #[test]
    fn a_repost_that_disagrees_with_its_origin_does_not_make_a_dispute() {
        let mut a = report("2022-05-09", Timing::Day, Status::HELD);
        a.source = 1;
        let mut b = report("2022-05-09", Timing::Day, Status::CANCELLED);
        b.source = 2;
        let reports = [a, b];
        // Two independent sources: disputed.
        assert!(
            decide(
                reports.iter().enumerate(),
                |r| r.source,
                &Vocabulary::builtin()
            )
            .disputed
        );
        // Source 2 republishes source 1: one origin, no dispute.
        let origin = |r: &Report| if r.source == 2 { 1 } else { r.source };
        assert!(!decide(reports.iter().enumerate(), origin, &Vocabulary::builtin()).disputed);
    }

    #[test]
    fn agreeing_reports_are_not_disputed() {
        let reports = [
            report("2025-05-09", Timing::Day, Status::HELD),
            report("2025", Timing::Day, Status::HELD),
        ];
        assert!(!decide_all(&reports).disputed);
    }

    #[test]
    fn names_fold_case_spaces_and_hyphens() {
        assert_eq!(normalise_name("Nur-Sultan"), normalise_name("nur sultan"));
        assert_eq!(normalise_name("Нур-Султан"), "нурсултан");
    }
}

//! Dates that may be known only to the year or month ("2025", "2025-05", "2025-05-09").

use std::fmt;

/// A calendar date known to the year, the month or the day.
///
/// Ordering puts a less precise date before a more precise one in the same period
/// ("2025" < "2025-05" < "2025-05-01"), so that a report dated only by its year never
/// outranks one with a known day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PartialDate {
    pub year: i32,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

impl PartialDate {
    pub fn year(year: i32) -> Self {
        Self {
            year,
            month: None,
            day: None,
        }
    }

    /// The first day the date can mean, as `(year, month, day)`.
    pub fn first_day(&self) -> (i32, u8, u8) {
        (self.year, self.month.unwrap_or(1), self.day.unwrap_or(1))
    }

    /// The last day the date can mean, as `(year, month, day)`.
    pub fn last_day(&self) -> (i32, u8, u8) {
        let month = self.month.unwrap_or(12);
        (
            self.year,
            month,
            self.day.unwrap_or_else(|| days_in_month(self.year, month)),
        )
    }

    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; the error says what is wrong.
    pub fn parse(text: &str) -> Result<Self, String> {
        let bad = || format!("`{text}` is not a date: expected YYYY, YYYY-MM or YYYY-MM-DD");
        let mut parts = text.split('-');
        let year_text = parts.next().ok_or_else(bad)?;
        if year_text.len() != 4 || !year_text.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        let year: i32 = year_text.parse().map_err(|_| bad())?;
        let mut number = |len: usize| -> Result<Option<u8>, String> {
            match parts.next() {
                None => Ok(None),
                Some(p) if p.len() == len && p.bytes().all(|b| b.is_ascii_digit()) => {
                    p.parse().map(Some).map_err(|_| bad())
                }
                Some(_) => Err(bad()),
            }
        };
        let month = number(2)?;
        let day = number(2)?;
        if parts.next().is_some() {
            return Err(bad());
        }
        if let Some(m) = month
            && !(1..=12).contains(&m)
        {
            return Err(format!("`{text}`: month {m} is not 1-12"));
        }
        if let (Some(m), Some(d)) = (month, day)
            && (d == 0 || d > days_in_month(year, m))
        {
            return Err(format!("`{text}`: day {d} does not exist in that month"));
        }
        Ok(Self { year, month, day })
    }
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_all_three_precisions_and_prints_them_back() {
        for text in ["2025", "2025-05", "2025-05-09", "2024-02-29"] {
            assert_eq!(PartialDate::parse(text).unwrap().to_string(), text);
        }
    }

    #[test]
    fn rejects_malformed_and_impossible_dates() {
        for text in [
            "",
            "25",
            "2025-5",
            "2025-13",
            "2025-00",
            "2025-02-30",
            "2023-02-29",
            "2025-05-09-1",
            "May 2025",
            "2025/05/09",
            "+025",
        ] {
            assert!(
                PartialDate::parse(text).is_err(),
                "{text} should be rejected"
            );
        }
    }

    #[test]
    fn a_partial_date_spans_from_its_first_to_its_last_day() {
        let d = |t| PartialDate::parse(t).unwrap();
        assert_eq!(d("2024").first_day(), (2024, 1, 1));
        assert_eq!(d("2024").last_day(), (2024, 12, 31));
        assert_eq!(d("2024-02").last_day(), (2024, 2, 29));
        assert_eq!(d("2024-02-10").last_day(), (2024, 2, 10));
    }

    #[test]
    fn less_precise_dates_sort_first_within_their_period() {
        let d = |t| PartialDate::parse(t).unwrap();
        assert!(d("2025") < d("2025-04"));
        assert!(d("2025-04") < d("2025-04-28"));
        assert!(d("2025-04-28") < d("2025-05"));
        assert!(d("2024-12-31") < d("2025"));
    }
}

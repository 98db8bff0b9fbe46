//! A citation for one city in one year, as plain text to paste into an article or a message:
//! what the map shows, the report that decides it, and the exact data it comes from.

use super::Dataset;

/// `data` names the dataset's origin: "built-in, sha256 …" or a file name.
pub fn citation(dataset: &Dataset, city: usize, year: i32, data: &str) -> Option<String> {
    let c = dataset.cities.get(city)?;
    let name = c.names_in(year, dataset.info.event_day).reference();
    let cell = dataset.city_year(city, year);
    let status = dataset.vocabulary().label(cell.status, "en");
    let mut text = format!("{name}, {year}: {status}");
    if cell.disputed {
        text.push_str(" (sources disagree)");
    }
    if cell.uncertain {
        text.push_str(" (inferred, not stated)");
    }
    text.push_str(". ");
    match cell.deciding.and_then(|i| c.reports.get(i)) {
        Some(report) => {
            let source = &dataset.sources[report.source];
            text.push_str(&format!(
                "{} ({}, {}): \"{}\", {}",
                source.publisher,
                report.date,
                report.timing.label(),
                source.title,
                source.url
            ));
            let others = cell.report_count.saturating_sub(1);
            if others > 0 {
                text.push_str(&format!(
                    "; {others} other report{} for this year",
                    if others == 1 { "" } else { "s" }
                ));
            }
            text.push_str(". ");
        }
        None => text.push_str("No source found says anything about this city and year. "),
    }
    let info = &dataset.info;
    text.push_str(&format!(
        "Data: \"{}\" ({}, version {}; {data}), via memorymap {}.",
        info.title,
        info.id,
        info.version,
        env!("CARGO_PKG_VERSION")
    ));
    Some(text)
}

/// The command line that opens this view: `memorymap [FILE] --year Y --city ID`, with FILE
/// quoted for a POSIX shell.
pub fn command_line(
    file: Option<&std::path::Path>,
    year: i32,
    city: Option<&str>,
    compare: Option<i32>,
) -> String {
    let mut parts = vec!["memorymap".to_owned()];
    if let Some(file) = file {
        parts.push(shell_quote(&file.display().to_string()));
    }
    parts.push(format!("--year {year}"));
    if let Some(city) = city {
        parts.push(format!("--city {}", shell_quote(city)));
    }
    if let Some(compare) = compare {
        parts.push(format!("--compare {compare}"));
    }
    parts.join(" ")
}

fn shell_quote(text: &str) -> String {
    if !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./".contains(c))
    {
        text.to_owned()
    } else {
        format!("'{}'", text.replace('\'', "'\\''"))
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    use crate::model::builtin::test_dataset as builtin;

    #[test]
    fn a_citation_names_the_status_the_deciding_source_and_the_data() {
        let d = builtin();
        let almaty = d.city_index("almaty").unwrap();
        let text = citation(&d, almaty, 2025, "built-in, sha256 df5b328a7c4a").unwrap();
        assert!(
            text.starts_with("Almaty, 2025: Held, renamed (sources disagree). "),
            "{text}"
        );
        let cell = d.city_year(almaty, 2025);
        let deciding = &d.cities[almaty].reports[cell.deciding.unwrap()];
        assert!(text.contains(&d.sources[deciding.source].url), "{text}");
        assert!(text.contains("other reports for this year"), "{text}");
        assert!(text.contains("kz-immortal-regiment, version "), "{text}");
        assert!(text.contains("sha256 df5b328a7c4a"), "{text}");
        // A year without a report says so instead of inventing one.
        let oskemen = d.city_index("oskemen").unwrap();
        let text = citation(&d, oskemen, 2025, "x").unwrap();
        assert!(text.contains("No report. No source found"), "{text}");
        // Names follow the year.
        let astana = d.city_index("astana").unwrap();
        assert!(
            citation(&d, astana, 2021, "x")
                .unwrap()
                .starts_with("Nur-Sultan, 2021")
        );
    }

    #[test]
    fn the_command_line_quotes_what_a_shell_would_split() {
        assert_eq!(
            command_line(None, 2025, Some("almaty"), None),
            "memorymap --year 2025 --city almaty"
        );
        assert_eq!(
            command_line(None, 2025, Some("almaty"), Some(2019)),
            "memorymap --year 2025 --city almaty --compare 2019"
        );
        assert_eq!(
            command_line(
                Some(std::path::Path::new("/data/my file's.csv")),
                2019,
                None,
                None
            ),
            "memorymap '/data/my file'\\''s.csv' --year 2019"
        );
    }
}

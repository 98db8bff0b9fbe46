//! Tables for spreadsheets: the cities of one year (what the city list and `list` show),
//! and two years compared city by city (what the compare panel shows). One row per city,
//! with the name the city had that year, and the deciding source so every status can be
//! traced. Cells that a spreadsheet would run as a formula are neutralised
//! ([`super::export::write_safe`]).

use super::Dataset;
use super::compare::Comparison;

/// The deciding report's source of a city-year: its id and its address ("" when none).
fn deciding_source(dataset: &Dataset, city: usize, year: i32) -> (&str, &str) {
    let cell = dataset.city_year(city, year);
    cell.deciding
        .and_then(|d| dataset.cities[city].reports.get(d))
        .and_then(|report| dataset.sources.get(report.source))
        .map_or(("", ""), |source| (source.id.as_str(), source.url.as_str()))
}

/// One row per city in `year`:
/// `id,name_en,name_in_year,region,lon,lat,year,status,disputed,plan_changed,uncertain,report_count,source_ids,deciding_source,deciding_url`.
pub fn write_city_table(dataset: &Dataset, year: i32, out: impl std::io::Write) -> csv::Result<()> {
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record([
        "id",
        "name_en",
        "name_in_year",
        "region",
        "lon",
        "lat",
        "year",
        "status",
        "disputed",
        "plan_changed",
        "uncertain",
        "report_count",
        "source_ids",
        "deciding_source",
        "deciding_url",
    ])?;
    for (index, city) in dataset.cities.iter().enumerate() {
        let cell = dataset.city_year(index, year);
        let mut source_ids: Vec<&str> = Vec::new();
        for report in city.reports_in(year) {
            let id = dataset.sources[report.source].id.as_str();
            if !source_ids.contains(&id) {
                source_ids.push(id);
            }
        }
        let (deciding, url) = deciding_source(dataset, index, year);
        super::export::write_safe(
            &mut writer,
            [
                city.id.as_str(),
                city.names.reference(),
                city.names_in(year, dataset.info.event_day).reference(),
                city.region.as_str(),
                &city.location.lon.to_string(),
                &city.location.lat.to_string(),
                &year.to_string(),
                dataset.vocabulary().id(cell.status),
                &cell.disputed.to_string(),
                &cell.plan_changed.to_string(),
                &cell.uncertain.to_string(),
                &cell.report_count.to_string(),
                &source_ids.join(";"),
                deciding,
                url,
            ],
        )?;
    }
    writer.flush()?;
    Ok(())
}

/// One row per city, `from` against `to`:
/// `id,name_from,name_to,region,status_from,status_to,change,disputed_from,disputed_to,reports_from,reports_to,deciding_source_from,deciding_source_to`.
/// `change` is one of [`super::compare::Change::id`]; "no report" is never a change.
pub fn write_compare_table(
    dataset: &Dataset,
    from: i32,
    to: i32,
    out: impl std::io::Write,
) -> csv::Result<()> {
    let comparison = Comparison::new(dataset, from, to);
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record([
        "id",
        "name_from",
        "name_to",
        "region",
        "status_from",
        "status_to",
        "change",
        "disputed_from",
        "disputed_to",
        "reports_from",
        "reports_to",
        "deciding_source_from",
        "deciding_source_to",
    ])?;
    let vocabulary = dataset.vocabulary();
    let event_day = dataset.info.event_day;
    for row in &comparison.cities {
        let city = &dataset.cities[row.city];
        let (a, b) = (
            dataset.city_year(row.city, from),
            dataset.city_year(row.city, to),
        );
        super::export::write_safe(
            &mut writer,
            [
                city.id.as_str(),
                city.names_in(from, event_day).reference(),
                city.names_in(to, event_day).reference(),
                city.region.as_str(),
                vocabulary.id(row.from),
                vocabulary.id(row.to),
                row.change.id(),
                &a.disputed.to_string(),
                &b.disputed.to_string(),
                &a.report_count.to_string(),
                &b.report_count.to_string(),
                deciding_source(dataset, row.city, from).0,
                deciding_source(dataset, row.city, to).0,
            ],
        )?;
    }
    writer.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::builtin::test_dataset;

    fn rows(bytes: &[u8]) -> Vec<csv::StringRecord> {
        csv::Reader::from_reader(bytes)
            .records()
            .collect::<Result<_, _>>()
            .expect("the table reads back as CSV")
    }

    #[test]
    fn the_city_table_has_a_row_per_city_with_the_name_of_that_year_and_its_deciding_source() {
        let dataset = test_dataset();
        let mut out = Vec::new();
        write_city_table(&dataset, 2019, &mut out).unwrap();
        let rows = rows(&out);
        assert_eq!(rows.len(), dataset.cities.len());
        let astana = rows.iter().find(|r| &r[0] == "astana").expect("Astana");
        // Astana was Nur-Sultan in 2019.
        assert_eq!(&astana[2], "Nur-Sultan");
        assert_eq!(&astana[7], "held_renamed");
        let index = dataset.city_index("astana").unwrap();
        let cell = dataset.city_year(index, 2019);
        let report = &dataset.cities[index].reports[cell.deciding.unwrap()];
        assert_eq!(&astana[13], dataset.sources[report.source].id);
        // Every coloured status names its source; "no report" names none.
        for row in &rows {
            assert_eq!(&row[7] == "no_report", row[13].is_empty(), "{row:?}");
        }
    }

    #[test]
    fn the_compare_table_counts_what_the_compare_panel_counts() {
        let dataset = test_dataset();
        let mut out = Vec::new();
        write_compare_table(&dataset, 2019, 2025, &mut out).unwrap();
        let rows = rows(&out);
        let comparison = Comparison::new(&dataset, 2019, 2025);
        assert_eq!(rows.len(), dataset.cities.len());
        for change in crate::model::compare::Change::ALL {
            let n = rows.iter().filter(|r| &r[6] == change.id()).count();
            assert_eq!(n, comparison.counts[change.index()], "{}", change.id());
        }
        assert!(comparison.counts[crate::model::compare::Change::Changed.index()] > 0);
        let astana = rows.iter().find(|r| &r[0] == "astana").unwrap();
        assert_eq!((&astana[1], &astana[2]), ("Nur-Sultan", "Astana"));
    }
}

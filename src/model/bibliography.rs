//! Citations out: the sources behind a figure, a page or a year as CSL-JSON (what Zotero,
//! Pandoc and citation processors read) and as BibLaTeX, plus the dataset itself as an
//! entry to cite — with its id, version and SHA-256, so a reader can get the same data.

use serde_json::{Value, json};

use super::{Dataset, PartialDate, Source};

/// Which sources: those cited in one year (or all), optionally about one city only.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Selection {
    pub year: Option<i32>,
    pub city: Option<usize>,
}

/// The dataset as data to cite: `sha256` is the hex digest of the file it was read from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DatasetCitation {
    pub sha256: String,
}

/// The sources cited by the reports, notes and timeline entries in the selection, in the
/// dataset's order (each once).
pub fn sources(dataset: &Dataset, selection: Selection) -> Vec<usize> {
    let in_year = |y: i32| selection.year.is_none_or(|wanted| wanted == y);
    let mut cited = vec![false; dataset.sources.len()];
    let mut mark = |i: usize| {
        if let Some(c) = cited.get_mut(i) {
            *c = true;
        }
    };
    for (index, city) in dataset.cities.iter().enumerate() {
        if selection.city.is_some_and(|c| c != index) {
            continue;
        }
        for report in city.reports.iter().filter(|r| in_year(r.year)) {
            mark(report.source);
        }
        for note in city.notes.iter().filter(|n| in_year(n.year)) {
            mark(note.source);
        }
    }
    for entry in &dataset.timeline {
        if selection.year.is_none_or(|y| entry.covers(y)) {
            mark(entry.source);
            for contest in &entry.contested_by {
                contest.sources.iter().copied().for_each(&mut mark);
            }
        }
    }
    cited
        .iter()
        .enumerate()
        .filter_map(|(i, c)| c.then_some(i))
        .collect()
}

fn date_parts(date: PartialDate) -> Value {
    let mut parts = vec![date.year];
    if let Some(m) = date.month {
        parts.push(i32::from(m));
        if let Some(d) = date.day {
            parts.push(i32::from(d));
        }
    }
    json!({ "date-parts": [parts] })
}

fn source_csl(source: &Source) -> Value {
    let mut item = json!({
        "id": source.id,
        "type": "article-newspaper",
        "title": source.title,
        "container-title": source.publisher,
        "publisher": source.publisher,
        "issued": date_parts(source.published),
        "language": source.language,
    });
    if source.has_web_link() {
        item["URL"] = json!(source.url);
    }
    let mut notes = Vec::new();
    if source.published_uncertain {
        notes.push("publication date inferred".to_owned());
    }
    if source.url_partial {
        notes.push("address incomplete".to_owned());
    }
    if !notes.is_empty() {
        item["note"] = json!(notes.join("; "));
    }
    item
}

fn dataset_csl(dataset: &Dataset, citation: &DatasetCitation) -> Value {
    let info = &dataset.info;
    json!({
        "id": info.id,
        "type": "dataset",
        "title": info.title,
        "version": info.version,
        "note": format!("sha256 {}; read with memorymap {}", citation.sha256, env!("CARGO_PKG_VERSION")),
    })
}

/// The dataset and the selected sources as a CSL-JSON array (the dataset first).
pub fn to_csl_json(dataset: &Dataset, selection: Selection, citation: &DatasetCitation) -> String {
    let items: Vec<Value> = std::iter::once(dataset_csl(dataset, citation))
        .chain(
            sources(dataset, selection)
                .into_iter()
                .map(|i| source_csl(&dataset.sources[i])),
        )
        .collect();
    serde_json::to_string_pretty(&Value::Array(items)).unwrap_or_else(|_| "[]".to_owned())
}

/// A BibTeX key: letters, digits and `-_:` only (ids already are; anything else becomes `-`).
fn key(id: &str) -> String {
    id.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "-_:".contains(c) {
                c
            } else {
                '-'
            }
        })
        .collect()
}

fn text(value: &str) -> biblatex::Chunks {
    vec![biblatex::Spanned::detached(biblatex::Chunk::Normal(
        value.to_owned(),
    ))]
}

fn verbatim(value: &str) -> biblatex::Chunks {
    vec![biblatex::Spanned::detached(biblatex::Chunk::Verbatim(
        value.to_owned(),
    ))]
}

/// The dataset and the selected sources as BibTeX entries (built as BibLaTeX `@dataset`
/// and `@online`, written as the `@misc` classic BibTeX styles read).
pub fn to_bibtex(dataset: &Dataset, selection: Selection, citation: &DatasetCitation) -> String {
    let mut bibliography = biblatex::Bibliography::new();
    let info = &dataset.info;
    let mut data = biblatex::Entry::new(key(&info.id), biblatex::EntryType::Dataset);
    data.set("title", text(&info.title));
    data.set("version", text(&info.version));
    data.set(
        "note",
        text(&format!(
            "sha256 {}; read with memorymap {}",
            citation.sha256,
            env!("CARGO_PKG_VERSION")
        )),
    );
    bibliography.insert(data);
    for index in sources(dataset, selection) {
        let source = &dataset.sources[index];
        let mut entry = biblatex::Entry::new(key(&source.id), biblatex::EntryType::Online);
        entry.set("title", text(&source.title));
        entry.set("organization", text(&source.publisher));
        entry.set("date", text(&source.published.to_string()));
        entry.set("langid", text(&source.language));
        if source.has_web_link() {
            entry.set("url", verbatim(&source.url));
        }
        if source.published_uncertain {
            entry.set("note", text("publication date inferred"));
        }
        bibliography.insert(entry);
    }
    bibliography.to_bibtex_string()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use biblatex::ChunksExt as _;

    use crate::model::builtin::test_dataset as builtin;

    #[test]
    fn csl_json_lists_the_dataset_then_every_source_cited_that_year_once() {
        let d = builtin();
        let citation = DatasetCitation {
            sha256: "abc123".into(),
        };
        let selection = Selection {
            year: Some(2025),
            city: None,
        };
        let items: Vec<Value> =
            serde_json::from_str(&to_csl_json(&d, selection, &citation)).unwrap();
        assert_eq!(items[0]["type"], "dataset");
        assert!(items[0]["note"].as_str().unwrap().contains("sha256 abc123"));
        let expected = sources(&d, selection);
        assert_eq!(items.len(), expected.len() + 1);
        // Every source of a 2025 report is there.
        for city in &d.cities {
            for r in city.reports_in(2025) {
                let id = &d.sources[r.source].id;
                assert!(items.iter().any(|i| i["id"] == json!(id)), "{id}");
            }
        }
        let almaty = Selection {
            year: Some(2025),
            city: d.city_index("almaty"),
        };
        assert!(sources(&d, almaty).len() < expected.len());
        for item in &items[1..] {
            assert!(item["issued"]["date-parts"][0][0].is_number());
            assert!(item["title"].is_string());
        }
    }

    #[test]
    fn bibtex_entries_parse_back_with_their_keys_and_escape_what_latex_would_choke_on() {
        let d = builtin();
        let citation = DatasetCitation {
            sha256: "abc123".into(),
        };
        let selection = Selection {
            year: None,
            city: None,
        };
        let text = to_bibtex(&d, selection, &citation);
        let parsed = biblatex::Bibliography::parse(&text).unwrap();
        assert_eq!(parsed.len(), sources(&d, selection).len() + 1);
        assert!(parsed.get(&d.info.id).is_some());
        let first = &d.sources[sources(&d, selection)[0]];
        let entry = parsed.get(&first.id).unwrap();
        // Classic BibTeX has no @online: the crate writes it as @misc, as BibTeX styles expect.
        assert_eq!(entry.entry_type, biblatex::EntryType::Misc);
        assert!(text.contains(&first.url), "the link is kept");
        // A title with LaTeX's special characters survives the round trip.
        let mut odd = d.clone();
        odd.sources[0].title = "50% & more: {braces} #1 $5 ~_^".into();
        let odd_text = to_bibtex(&odd, selection, &citation);
        let back = biblatex::Bibliography::parse(&odd_text).unwrap();
        let title = back
            .get(&odd.sources[0].id)
            .unwrap()
            .title()
            .unwrap()
            .format_verbatim();
        assert!(title.contains("50%") && title.contains('&'), "{title}");
    }
}

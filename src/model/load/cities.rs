//! Checking cities: each feature, its names, reports and notes.

use super::*;

impl Checker<'_> {
    pub(super) fn cities(
        &mut self,
        features: Box<dyn Iterator<Item = FeatureInput> + '_>,
        info: &DatasetInfo,
        sources: &HashMap<String, usize>,
        cited: &mut [bool],
        options: LoadOptions<'_>,
    ) -> Vec<City> {
        let mut cities = Vec::with_capacity(features.size_hint().0);
        let mut city_ids = HashMap::default();
        let mut report_ids = HashSet::default();
        for (i, input) in features.into_iter().enumerate() {
            if i % 4096 == 0
                && options
                    .cancel
                    .is_some_and(|c| c.load(std::sync::atomic::Ordering::Relaxed))
            {
                break;
            }
            let (id, id_is_string, empty_id, raw) = match input {
                FeatureInput::Typed(feature) => {
                    let empty_id = feature.id.is_empty();
                    let id = if empty_id {
                        format!("#{}", i + 1)
                    } else {
                        feature.id
                    };
                    let raw = RawFeature {
                        kind: feature.kind,
                        geometry: feature.geometry,
                        properties: feature.properties,
                    };
                    (id, true, empty_id, raw)
                }
                FeatureInput::Json(value) => {
                    let id = item_id(&value, i);
                    let item = Item {
                        kind: "feature",
                        id: &id,
                    };
                    if !value.is_object() {
                        self.error(item.at("(whole item)"), "expected a Feature object");
                        continue;
                    }
                    let id_is_string = matches!(value.get("id"), Some(Value::String(_)));
                    let empty_id =
                        matches!(value.get("id"), Some(Value::String(s)) if s.is_empty());

                    match value.get("id") {
                        Some(Value::String(_)) => {}
                        Some(_) => {
                            self.error(item.at("id"), "expected a string id such as \"almaty\"");
                        }
                        None => self.error(item.at("id"), "missing: every city needs an id"),
                    }
                    let Some(raw) = self.typed_owned::<RawFeature>(value, |f| item.at(f)) else {
                        continue;
                    };
                    (id, id_is_string, empty_id, raw)
                }
            };
            let item = Item {
                kind: "feature",
                id: &id,
            };
            if raw.kind != "Feature" {
                self.error(
                    item.at("type"),
                    format!("expected \"Feature\", found \"{}\"", raw.kind),
                );
            }
            let location = match &raw.geometry {
                Some(geometry) => self.point(&item, geometry, options),
                None => {
                    self.error(item.at("geometry"), "missing: a city needs a Point");
                    None
                }
            };
            let Some(properties) = raw.properties else {
                self.error(item.at("properties"), "missing: names, region and reports");
                continue;
            };
            // An empty id is named by its position ("#3") in messages.
            if empty_id {
                self.error(
                    item.at("id"),
                    "empty: every city needs an id (lower-case letters, digits, '-' and '_')",
                );
            } else if self.unique_id(&item, &mut city_ids, &id, i) && id_is_string {
                self.check_id(&item, &id);
            }
            if let Some(city) = self.city(
                &item,
                properties,
                location,
                info,
                sources,
                cited,
                &mut report_ids,
            ) {
                cities.push(city);
            }
        }
        cities
    }

    #[allow(clippy::too_many_arguments)]
    pub(super) fn city(
        &mut self,
        item: &Item<'_>,
        raw: RawProperties,
        location: Option<LonLat>,
        info: &DatasetInfo,
        sources: &HashMap<String, usize>,
        cited: &mut [bool],
        report_ids: &mut HashSet<String>,
    ) -> Option<City> {
        let errors_before = self.error_count();
        let names = self.names(item, "properties.names", raw.names.0);
        if crate::text::is_blank(&raw.region) {
            self.error(item.at("properties.region"), "empty");
        }
        self.hidden_characters(item, "properties.region", &raw.region);
        for (i, alias) in raw.aliases.iter().enumerate() {
            let field = ListIndex("properties.aliases", i);
            self.hidden_characters(item, &field, alias);
        }
        let mut name_history = Vec::new();
        for (i, period) in raw.name_history.into_iter().enumerate() {
            let field = ListIndex("properties.name_history", i);
            let names = self.names(item, &field, period.names);
            let undated = period.from.is_none() && period.to.is_none();
            let from = period
                .from
                .and_then(|d| self.date(item, &Child(&field, "from"), &d));
            let to = period
                .to
                .and_then(|d| self.date(item, &Child(&field, "to"), &d));
            if let (Some(f), Some(t)) = (from, to)
                && f.first_day() > t.last_day()
            {
                self.error(
                    item.at(Child(&field, "to").path()),
                    "the name's end is before its start",
                );
            }
            if undated {
                self.error(
                    item.at(field.path()),
                    "a former name needs `from` or `to`; a name used at any time belongs in `aliases`",
                );
            }
            name_history.push(NamePeriod { names, from, to });
        }
        let mut reports = Vec::new();
        for (i, raw) in raw.reports.into_iter().enumerate() {
            let field = |f: &'static str| ListField {
                list: "properties.reports",
                index: i,
                field: f,
            };
            if !report_ids.insert(raw.id.clone()) {
                self.error(
                    item.at(field("id").path()),
                    format!("report id `{}` is used twice", raw.id),
                );
            }
            self.year(item, &field("year"), raw.year, info);
            let status = match self.status(item.at(field("status").path()), &raw.status, info) {
                Some(Status::NO_REPORT) => {
                    self.error(
                        item.at(field("status").path()),
                        "no_report is what a year without reports means; remove the report instead",
                    );
                    None
                }
                other => other,
            };
            let date = self.date(item, &field("date"), &raw.date);
            if let Some(date) = date {
                self.report_date(item, &field("date"), date, raw.year, raw.timing, info);
            }
            for (name, text) in [("summary", &raw.summary), ("id", &raw.id)] {
                self.not_empty(item, &field(name), text);
            }
            self.excerpt(item, &field("excerpt"), raw.excerpt.as_deref());
            let source = self.cite(item, &field("source"), &raw.source, sources, cited);
            let checked = self.check(item, &field("checked"), raw.checked, raw.excerpt.is_some());
            if let (Some(date), Some(source), Some(status)) = (date, source, status) {
                reports.push(Report {
                    id: raw.id,
                    year: raw.year,
                    date,
                    timing: raw.timing,
                    status,
                    summary: raw.summary,
                    excerpt: raw.excerpt,
                    source,
                    uncertain: raw.uncertain,
                    checked,
                });
            }
        }
        let mut notes = Vec::new();
        for (i, raw) in raw.notes.into_iter().enumerate() {
            let field = |f: &'static str| ListField {
                list: "properties.notes",
                index: i,
                field: f,
            };
            self.year(item, &field("year"), raw.year, info);
            self.not_empty(item, &field("summary"), &raw.summary);
            let checked = self.check(item, &field("checked"), raw.checked, false);
            if let Some(source) = self.cite(item, &field("source"), &raw.source, sources, cited) {
                notes.push(Note {
                    year: raw.year,
                    summary: raw.summary,
                    source,
                    checked,
                });
            }
        }
        if self.error_count() > errors_before {
            return None;
        }
        reports.sort_by_key(|r| (r.year, r.date));
        Some(City {
            id: item.id.to_owned(),
            location: location?,
            names,
            name_history,
            aliases: raw.aliases,
            region: raw.region,
            population: raw.population,
            geonames_id: raw.geonames_id,
            reports,
            notes,
        })
    }
}

//! Checking the dataset's settings, its status vocabulary, its sources and its timeline.

use super::*;

impl Checker<'_> {
    pub(super) fn info(&mut self, raw: RawInfo) -> Option<DatasetInfo> {
        let at = |f: &str| Location::Field(FieldPath::from("memorymap.dataset").join(f));
        let mut ok = true;
        for (field, year) in [("first_year", raw.first_year), ("last_year", raw.last_year)] {
            if !SANE_YEARS.contains(&year) {
                self.error(at(field), format!("year {year} is out of range"));
                ok = false;
            }
        }
        if raw.first_year > raw.last_year {
            self.error(
                at("last_year"),
                format!(
                    "last_year {} is before first_year {}",
                    raw.last_year, raw.first_year
                ),
            );
            ok = false;
        }
        let event_day = match raw
            .event_day
            .as_deref()
            .map(|text| (text, parse_month_day(text)))
        {
            None => (7, 1),
            Some((_, Ok(day))) => day,
            Some((_, Err(message))) => {
                self.error(at("event_day"), message);
                ok = false;
                (7, 1)
            }
        };
        let view = match raw.view {
            None => None,
            Some([min_lon, min_lat, max_lon, max_lat])
                if (-180.0..=180.0).contains(&min_lon)
                    && (-180.0..=180.0).contains(&max_lon)
                    && (-90.0..=90.0).contains(&min_lat)
                    && (-90.0..=90.0).contains(&max_lat)
                    && min_lon != max_lon
                    && min_lat < max_lat =>
            {
                // West greater than east crosses the antimeridian, as a GeoJSON bbox
                // (RFC 7946, 5.2): [170, -25, -150, 25] runs from 170°E over 180° to
                // 150°W, kept as 170…210.
                let max_lon = if min_lon > max_lon {
                    max_lon + 360.0
                } else {
                    max_lon
                };
                Some(crate::model::LonLatBounds {
                    min_lon,
                    min_lat,
                    max_lon,
                    max_lat,
                })
            }
            Some(_) => {
                self.error(
                    at("view"),
                    "expected [west longitude, south latitude, east longitude, north latitude] with longitudes -180..180 (west greater than east crosses 180°), latitudes -90..90 and south < north",
                );
                ok = false;
                None
            }
        };
        let vocabulary = match raw.statuses {
            None => Vocabulary::builtin(),
            Some(statuses) => match self.vocabulary(statuses) {
                Some(vocabulary) => vocabulary,
                None => {
                    ok = false;
                    Vocabulary::builtin()
                }
            },
        };
        if let Some(lang) = &raw.name_language
            && !crate::text::is_language_tag(lang)
        {
            self.error(
                at("name_language"),
                format!("`{lang}` is not a language code (BCP 47, e.g. en, es, zh-Hant)"),
            );
            ok = false;
        }
        let boundaries = match raw.boundaries {
            None | Some(Value::Null) => None,
            Some(layer) => match self.boundaries(&layer, SANE_YEARS) {
                Some(b) => Some(std::sync::Arc::new(b)),
                None => {
                    ok = false;
                    None
                }
            },
        };
        ok.then_some(DatasetInfo {
            id: raw.id,
            title: raw.title,
            version: raw.version,
            description: raw.description,
            first_year: raw.first_year,
            last_year: raw.last_year,
            licence: raw.licence,
            status_rule: raw.status_rule,
            event_day,
            view,
            area: raw.area.filter(|a| !crate::text::is_blank(a)),
            vocabulary,
            name_language: raw.name_language,
            boundaries,
        })
    }

    /// The dataset's boundary layer, embedded or read from the file it names (beside the
    /// dataset file); `None` after reporting what is wrong, at the field that is wrong.
    fn boundaries(
        &mut self,
        layer: &Value,
        years: std::ops::RangeInclusive<i32>,
    ) -> Option<crate::model::boundaries::Boundaries> {
        use crate::model::boundaries::{from_geojson, resolve};
        const FIELD: &str = "memorymap.dataset.boundaries";
        let read;
        let (value, prefix) = match layer {
            Value::String(name) => {
                let path = match resolve(self.file, name) {
                    Ok(path) => path,
                    Err(message) => {
                        self.error(Location::Field(FIELD.into()), message);
                        return None;
                    }
                };
                let parsed = crate::files::read_regular(
                    &path,
                    crate::files::max_file_bytes(),
                    &|_| {},
                    &|| false,
                )
                .map_err(|e| e.to_string())
                .and_then(|bytes| {
                    serde_json::from_slice::<Value>(&bytes)
                        .map_err(|e| format!("{}: not JSON: {e}", path.display()))
                });
                match parsed {
                    Ok(value) => {
                        read = value;
                        (&read, FieldPath::from(FIELD).file(name.as_str()))
                    }
                    Err(message) => {
                        self.error(Location::Field(FIELD.into()), message);
                        return None;
                    }
                }
            }
            Value::Object(_) => (layer, FieldPath::from(FIELD)),
            _ => {
                self.error(
                    Location::Field(FIELD.into()),
                    "expected a file name (next to the dataset) or a GeoJSON FeatureCollection",
                );
                return None;
            }
        };
        match from_geojson(value, years) {
            Ok(b) => Some(b),
            Err(e) => {
                self.error(Location::Field(prefix.join(e.field.as_str())), e.message);
                None
            }
        }
    }

    /// A dataset's own statuses, each field checked; `None` after reporting what is wrong.
    pub(super) fn vocabulary(&mut self, raw: Vec<RawStatusDef>) -> Option<Vocabulary> {
        let at = |i: usize, f: FieldPath| {
            Location::Field(
                FieldPath::from("memorymap.dataset.statuses")
                    .index(i)
                    .join(f),
            )
        };
        let mut ok = true;
        let mut declared = Vec::with_capacity(raw.len());
        for (i, def) in raw.into_iter().enumerate() {
            let colour = match def.colour.as_deref().map(|c| (c, Rgb::parse(c))) {
                None => None,
                Some((_, Some(rgb))) => Some(rgb),
                Some((given, None)) => {
                    self.error(
                        at(i, "colour".into()),
                        format!("`{given}` is not a colour: write it as #RRGGBB, e.g. #D55E00"),
                    );
                    ok = false;
                    None
                }
            };
            let mut texts = |field: &str, raw: Option<RawTexts>| -> Texts {
                let pairs = match raw {
                    None => Vec::new(),
                    Some(RawTexts::One(text)) => vec![("en".to_owned(), text)],
                    Some(RawTexts::Many(map)) => map
                        .into_iter()
                        .filter_map(|(lang, text)| match text {
                            Value::String(text) => Some((lang, text)),
                            _ => {
                                self.error(
                                    at(i, FieldPath::from(field).key(lang.as_str())),
                                    "expected a string",
                                );
                                ok = false;
                                None
                            }
                        })
                        .collect(),
                };
                for (lang, text) in &pairs {
                    if !crate::text::is_language_tag(lang) {
                        self.error(
                            at(i, field.into()),
                            format!(
                                "`{lang}` is not a language code (BCP 47, e.g. en, es, zh-Hant)"
                            ),
                        );
                        ok = false;
                    }
                    self.hidden_characters_at(
                        at(i, FieldPath::from(field).key(lang.as_str())),
                        text,
                    );
                }
                Texts(pairs)
            };
            let label = texts("label", def.label);
            let meaning = texts("meaning", def.meaning);
            declared.push(crate::model::status::Declared {
                id: def.id,
                outcome: def.outcome,
                label,
                meaning,
                colour,
                shape: def.shape,
            });
        }
        match Vocabulary::declared(declared) {
            Ok(vocabulary) => ok.then_some(vocabulary),
            Err(message) => {
                self.error(
                    Location::Field("memorymap.dataset.statuses".into()),
                    message,
                );
                None
            }
        }
    }

    /// The status a report or timeline entry gives, in the dataset's vocabulary.
    pub(super) fn status(
        &mut self,
        at: Location,
        given: &RawStatus,
        info: &DatasetInfo,
    ) -> Option<Status> {
        let found = info.vocabulary.find(given.as_str());
        if found.is_none() {
            self.error(at, info.vocabulary.unknown_status_message(given.as_str()));
        }
        found
    }

    pub(super) fn sources(&mut self, raw: &[Value]) -> (Vec<Source>, HashMap<String, usize>) {
        let mut sources = Vec::new();
        let mut index = HashMap::default();
        let mut first_position = HashMap::default();
        let mut republished = Vec::new();
        for (i, value) in raw.iter().enumerate() {
            let id = item_id(value, i);
            let item = Item {
                kind: "source",
                id: &id,
            };
            let Some(raw) = self.typed::<RawSource>(value, |f| item.at(f)) else {
                continue;
            };
            let mut ok = self.check_id(&item, &raw.id);
            ok &= self.unique_id(&item, &mut first_position, &raw.id, i);
            let published = self.date(&item, "published", &raw.published);
            if crate::text::is_blank(&raw.url) {
                self.error(item.at("url"), "empty: every source needs an address");
                ok = false;
            } else if let Some(why) = crate::text::web_link_problem(&raw.url) {
                self.warning(
                    item.at("url"),
                    format!("{why}: it is shown as text, not as a link"),
                );
            }
            for (field, text) in [
                ("title", &raw.title),
                ("publisher", &raw.publisher),
                ("language", &raw.language),
            ] {
                ok &= self.not_empty(&item, field, text);
            }
            let (Some(published), true) = (published, ok) else {
                continue;
            };
            index.insert(raw.id.clone(), sources.len());
            sources.push(Source {
                id: raw.id,
                title: raw.title,
                publisher: raw.publisher,
                url: raw.url,
                url_partial: raw.url_partial,
                published,
                published_uncertain: raw.published_uncertain,
                language: raw.language,
                reliability: raw.reliability,
                facts_ref: raw.facts_ref,
                note: raw.note,
                republishes: None,
            });
            if let Some(origin) = raw.republishes {
                republished.push((sources.len() - 1, id.clone(), origin));
            }
        }
        for (source, id, origin) in republished {
            let item = Item {
                kind: "source",
                id: &id,
            };
            match index.get(&origin) {
                Some(&o) if o != source => sources[source].republishes = Some(o),
                Some(_) => self.error(item.at("republishes"), "a source cannot republish itself"),
                None => self.error(
                    item.at("republishes"),
                    format!("republishes `{origin}`, which is not in memorymap.sources"),
                ),
            }
        }
        (sources, index)
    }

    pub(super) fn timeline(
        &mut self,
        raw: &[Value],
        info: &DatasetInfo,
        sources: &HashMap<String, usize>,
        cited: &mut [bool],
    ) -> Vec<TimelineEntry> {
        let mut entries = Vec::new();
        let mut first_position = HashMap::default();
        for (i, value) in raw.iter().enumerate() {
            let id = item_id(value, i);
            let item = Item {
                kind: "timeline entry",
                id: &id,
            };
            let Some(raw) = self.typed::<RawTimelineEntry>(value, |f| item.at(f)) else {
                continue;
            };
            let mut ok = self.check_id(&item, &raw.id);
            ok &= self.unique_id(&item, &mut first_position, &raw.id, i);
            ok &= self.year(&item, "first_year", raw.first_year, info);
            ok &= self.year(&item, "last_year", raw.last_year, info);
            if raw.first_year > raw.last_year {
                self.error(item.at("last_year"), "last_year is before first_year");
                ok = false;
            }
            if let Some(country) = &raw.country
                && !(country.len() == 2 && country.bytes().all(|b| b.is_ascii_uppercase()))
            {
                self.error(
                    item.at("country"),
                    format!("`{country}` is not a country code: write its ISO 3166-1 alpha-2 code in capitals (KZ, UZ, AR)"),
                );
                ok = false;
            }
            let status = match &raw.status {
                None => None,
                Some(given) => match self.status(item.at("status"), given, info) {
                    Some(Status::NO_REPORT) => {
                        self.error(
                            item.at("status"),
                            "no_report is not a claim; leave status out",
                        );
                        ok = false;
                        None
                    }
                    Some(status) => Some(status),
                    None => {
                        ok = false;
                        None
                    }
                },
            };
            let source = self.cite(&item, "source", &raw.source, sources, cited);
            self.excerpt(&item, "excerpt", raw.excerpt.as_deref());
            ok &= self.not_empty(&item, "summary", &raw.summary);
            let mut contested_by = Vec::new();
            for (c, contest) in raw.contested_by.into_iter().enumerate() {
                ok &= self.not_empty(
                    &item,
                    &format!("contested_by[{c}].summary"),
                    &contest.summary,
                );
                if contest.sources.is_empty() {
                    self.error(
                        item.at(format!("contested_by[{c}].sources")),
                        "empty: say who contests the statement",
                    );
                    ok = false;
                }
                let mut ids = Vec::new();
                for (s, source) in contest.sources.iter().enumerate() {
                    match self.cite(
                        &item,
                        &format!("contested_by[{c}].sources[{s}]"),
                        source,
                        sources,
                        cited,
                    ) {
                        Some(index) => ids.push(index),
                        None => ok = false,
                    }
                }
                contested_by.push(Contest {
                    summary: contest.summary,
                    sources: ids,
                });
            }
            let checked = self.check(&item, "checked", raw.checked, raw.excerpt.is_some());
            let (Some(source), true) = (source, ok) else {
                continue;
            };
            entries.push(TimelineEntry {
                id: raw.id,
                country: raw.country,
                first_year: raw.first_year,
                last_year: raw.last_year,
                status,
                summary: raw.summary,
                excerpt: raw.excerpt,
                source,
                contested_by,
                checked,
            });
        }
        entries
    }
}

//! Checks of single fields shared by every part: dates, ids, text, citations, check records.

use super::*;

impl Checker<'_> {
    /// A report's date must not lie after its year; a date long before it, or a report
    /// "about the day" dated before the day, is probably a typing mistake.
    pub(super) fn report_date(
        &mut self,
        item: &Item<'_>,
        field: &(impl AsPath + ?Sized),
        date: PartialDate,
        year: i32,
        timing: Timing,
        info: &DatasetInfo,
    ) {
        let (month, day) = info.event_day;
        if date.year > year {
            self.error(
                item.at(field.path()),
                format!("dated {date}, after the year {year} it reports on"),
            );
        } else if date.year < year.saturating_sub(1) {
            self.warning(
                item.at(field.path()),
                format!("dated {date}, long before the year {year} it reports on"),
            );
        } else if timing == Timing::Day && days_before(date.last_day(), (year, month, day)) > 7 {
            self.warning(
                item.at(field.path()),
                format!(
                    "dated {date}, more than a week before the day ({year}-{month:02}-{day:02}), but its timing is \"day\""
                ),
            );
        }
    }

    /// An error when a required text is empty or blank.
    pub(super) fn not_empty(
        &mut self,
        item: &Item<'_>,
        field: &(impl AsPath + ?Sized),
        text: &str,
    ) -> bool {
        let ok = !crate::text::is_blank(text);
        if !ok {
            self.error(
                item.at(field.path()),
                if text.is_empty() {
                    "empty"
                } else {
                    "empty: only spaces or invisible characters"
                },
            );
        }
        self.hidden_characters(item, field, text);
        ok
    }

    /// Control characters (NUL, ESC…) are errors in any text; characters that reverse
    /// the direction text is shown in get a warning (they can make a name show as another).
    pub(super) fn hidden_characters(
        &mut self,
        item: &Item<'_>,
        field: &(impl AsPath + ?Sized),
        text: &str,
    ) {
        if crate::text::control_char(text, &['\n', '\t']).is_some()
            || crate::text::bidi_control(text).is_some()
        {
            self.hidden_characters_at(item.at(field.path()), text);
        }
    }

    /// Control characters are errors; direction controls are warnings.
    pub(super) fn hidden_characters_at(&mut self, at: Location, text: &str) {
        if let Some(c) = crate::text::control_char(text, &['\n', '\t']) {
            self.error(
                at.clone(),
                format!(
                    "contains the control character U+{:04X}; remove it",
                    u32::from(c)
                ),
            );
        }
        if let Some(c) = crate::text::bidi_control(text) {
            self.warning(
                at,
                format!(
                    "contains U+{:04X}, which changes the direction text is shown in: what is shown may differ from what is written",
                    u32::from(c)
                ),
            );
        }
    }

    pub(super) fn error_count(&self) -> usize {
        self.errors
    }

    /// A place's names: at least one, each under a language code, none blank (a blank
    /// one is an error; the rest are kept).
    pub(super) fn names(
        &mut self,
        item: &Item<'_>,
        field: &(impl AsPath + ?Sized),
        raw: Vec<(String, String)>,
    ) -> Names {
        if raw.is_empty() {
            self.error(
                item.at(field.path()),
                "no name: give at least one, under its language code, e.g. {\"en\": \"Almaty\"}",
            );
        }
        let mut names = Vec::with_capacity(raw.len());
        for (lang, name) in raw {
            if !crate::text::is_language_tag(&lang) {
                self.error(
                    item.at(Child(field, &lang).path()),
                    format!("`{lang}` is not a language code (BCP 47, e.g. en, kk, es, zh-Hant)"),
                );
                continue;
            }
            if crate::text::is_blank(&name) {
                self.error(
                    item.at(Child(field, &lang).path()),
                    "empty: leave the language out instead",
                );
                continue;
            }
            self.hidden_characters(item, &Child(field, &lang), &name);
            names.push((lang, name));
        }
        Texts(names)
    }

    pub(super) fn point(
        &mut self,
        item: &Item<'_>,
        geometry: &RawGeometry,
        options: LoadOptions<'_>,
    ) -> Option<LonLat> {
        if geometry.kind != "Point" {
            self.error(
                item.at("geometry.type"),
                format!("expected \"Point\", found \"{}\"", geometry.kind),
            );
            return None;
        }
        let numbers: Option<Vec<f64>> = geometry
            .coordinates
            .as_array()
            .map(|a| a.iter().filter_map(Value::as_f64).collect());
        let (lon, lat) = match (
            numbers.as_deref(),
            geometry.coordinates.as_array().map(Vec::len),
        ) {
            (Some(&[lon, lat]), Some(2)) | (Some(&[lon, lat, _]), Some(3)) => (lon, lat),
            _ => {
                self.error(
                    item.at("geometry.coordinates"),
                    "expected [longitude, latitude] as two numbers",
                );
                return None;
            }
        };
        if !(-180.0..=180.0).contains(&lon) || !(-90.0..=90.0).contains(&lat) {
            let hint = if (-90.0..=90.0).contains(&lon) && (-180.0..=180.0).contains(&lat) {
                "; longitude and latitude look swapped (GeoJSON puts longitude first)"
            } else {
                ""
            };
            self.error(
                item.at("geometry.coordinates"),
                format!("[{lon}, {lat}] is out of range: longitude must be -180..180, latitude -90..90{hint}"),
            );
            return None;
        }
        // Cities in any country are fine; one in the sea is probably a slip.
        if let Some(on_land) = options.land
            && !on_land(lon, lat)
        {
            if (-180.0..=180.0).contains(&lat) && (-90.0..=90.0).contains(&lon) && on_land(lat, lon)
            {
                self.error(
                    item.at("geometry.coordinates"),
                    format!(
                        "[{lon}, {lat}] lies in the sea, but [{lat}, {lon}] is on land: longitude and latitude look swapped (GeoJSON puts longitude first)"
                    ),
                );
                return None;
            }
            self.warning(
                item.at("geometry.coordinates"),
                format!("[{lon}, {lat}] lies in the sea, on no country's land: check the longitude/latitude order and the numbers"),
            );
        }
        Some(LonLat::new(lon, lat))
    }

    /// Records that item `index` (0-based) has `id`; an error names the first item
    /// with the same id. `first_position` maps ids to 1-based positions.
    pub(super) fn unique_id(
        &mut self,
        item: &Item<'_>,
        first_position: &mut HashMap<String, usize>,
        id: &str,
        index: usize,
    ) -> bool {
        match first_position.get(id) {
            Some(first) => {
                let kind = item.kind;
                self.error(
                    item.at("id"),
                    format!("{kind} #{} uses the same id as {kind} #{first}", index + 1),
                );
                false
            }
            None => {
                first_position.insert(id.to_owned(), index + 1);
                true
            }
        }
    }

    pub(super) fn check_id(&mut self, item: &Item<'_>, id: &str) -> bool {
        let ok = !id.is_empty()
            && id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_');
        if !ok {
            self.error(
                item.at("id"),
                format!("`{id}` is not a valid id: use lower-case letters, digits, '-' and '_'"),
            );
        }
        ok
    }

    pub(super) fn year(
        &mut self,
        item: &Item<'_>,
        field: &(impl AsPath + ?Sized),
        year: i32,
        info: &DatasetInfo,
    ) -> bool {
        let ok = (info.first_year..=info.last_year).contains(&year);
        if !ok {
            self.error(
                item.at(field.path()),
                format!(
                    "year {year} is outside the dataset's years {}–{}",
                    info.first_year, info.last_year
                ),
            );
        }
        ok
    }

    pub(super) fn date(
        &mut self,
        item: &Item<'_>,
        field: &(impl AsPath + ?Sized),
        text: &str,
    ) -> Option<PartialDate> {
        PartialDate::parse(text)
            .map_err(|message| self.error(item.at(field.path()), message))
            .ok()
    }

    pub(super) fn excerpt(
        &mut self,
        item: &Item<'_>,
        field: &(impl AsPath + ?Sized),
        excerpt: Option<&str>,
    ) {
        if let Some(excerpt) = excerpt {
            let chars = excerpt.chars().count();
            if chars > MAX_EXCERPT_CHARS {
                self.warning(
                    item.at(field.path()),
                    format!("excerpt is {chars} characters; quotations should be at most {MAX_EXCERPT_CHARS}"),
                );
            }
        }
    }

    /// A check record: its date must be a date; a page not found confirms nothing; an
    /// excerpt cannot be confirmed on an item without one.
    pub(super) fn check(
        &mut self,
        item: &Item<'_>,
        field: &(impl AsPath + ?Sized),
        raw: Option<RawCheck>,
        has_excerpt: bool,
    ) -> Option<Check> {
        let raw = raw?;
        let on = self.date(item, &Child(field, "on"), &raw.on)?;
        let mut what = raw.what;
        what.sort_unstable();
        what.dedup();
        if raw.against == CheckedAgainst::NotFound && !what.is_empty() {
            self.warning(
                item.at(field.path().key("what")),
                "the page was not found, so nothing on it can be confirmed; leave `what` empty",
            );
            what.clear();
        }
        if what.contains(&Confirmed::Excerpt) && !has_excerpt {
            self.warning(
                item.at(field.path().key("what")),
                "confirms an excerpt, but the item has none",
            );
        }
        Some(Check {
            on,
            against: raw.against,
            what,
            note: raw.note.filter(|n| !n.trim().is_empty()),
        })
    }

    pub(super) fn cite(
        &mut self,
        item: &Item<'_>,
        field: &(impl AsPath + ?Sized),
        source: &str,
        sources: &HashMap<String, usize>,
        cited: &mut [bool],
    ) -> Option<usize> {
        match sources.get(source) {
            Some(&index) => {
                if let Some(flag) = cited.get_mut(index) {
                    *flag = true;
                }
                Some(index)
            }
            None => {
                self.error(
                    item.at(field.path()),
                    format!("cites source `{source}`, which is not in memorymap.sources"),
                );
                None
            }
        }
    }
}

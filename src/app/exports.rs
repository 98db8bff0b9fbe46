//! Exports from the window: the data, figures (PNG, SVG) and the offline page.

use super::*;

impl MemoryMapApp {
    pub(super) fn export(&mut self, request: ExportRequest) {
        let existing = if request.replace {
            Existing::Replace
        } else {
            Existing::Keep
        };
        if matches!(request.format, Output::CityTable | Output::CompareTable) {
            self.export_table(&request, existing);
            return;
        }
        let Output::Data(format) = request.format else {
            self.export_figure(&request, existing);
            return;
        };
        let start = Instant::now();
        let mut bytes = Vec::new();
        let written = format
            .write(&self.dataset, request.scope, &mut bytes)
            .map_err(|e| e.to_string())
            .and_then(|()| {
                write_atomically(&request.path, &bytes, existing).map_err(|e| e.to_string())
            });
        log::info!("data exported in {:.0?}", start.elapsed());
        let what = match request.scope {
            Scope::All => Arg::LowerWords("export.all_years"),
            Scope::Year(y) => Arg::Text(y.to_string()),
        };
        self.status = Some(match written {
            Ok(()) => Message::success("status.exported")
                .with("format", request.format.extension().to_uppercase())
                .with_arg("what", what)
                .with("path", request.path.display()),
            Err(e) => Message::failure("status.export_failed").with("error", e),
        });
    }

    /// A table of the cities for the shown year, or of the two years compared (the
    /// earlier year first), as CSV.
    fn export_table(&mut self, request: &ExportRequest, existing: Existing) {
        let year = self.choice.year;
        let mut bytes = Vec::new();
        let (written, what) = match self.choice.compare.filter(|&c| c != year) {
            Some(other) if request.format == Output::CompareTable => {
                let (from, to) = (other.min(year), other.max(year));
                (
                    crate::model::table::write_compare_table(&self.dataset, from, to, &mut bytes),
                    format!("{from} → {to}"),
                )
            }
            _ => (
                crate::model::table::write_city_table(&self.dataset, year, &mut bytes),
                year.to_string(),
            ),
        };
        let result = written.map_err(|e| e.to_string()).and_then(|()| {
            write_atomically(&request.path, &bytes, existing).map_err(|e| e.to_string())
        });
        self.status = Some(match result {
            Ok(()) => Message::success("status.exported")
                .with("format", "CSV")
                .with("what", what)
                .with("path", request.path.display()),
            Err(e) => Message::failure("status.export_failed").with("error", e),
        });
    }

    /// Which data is shown, for citations and pages: "file x.geojson, sha256 …".
    pub(super) fn data_origin(&self) -> String {
        match &self.data_path {
            Some(path) => format!(
                "file {}, sha256 {}",
                display_name(path),
                short(&self.data_sha256)
            ),
            None => format!("built-in, sha256 {}", short(&self.data_sha256)),
        }
    }

    /// Writes a figure of what the map shows: this year (or the comparison), the view
    /// as it is, the selected city highlighted; PNG is drawn on the CPU.
    pub(super) fn export_figure(&mut self, request: &ExportRequest, existing: Existing) {
        let start = Instant::now();
        let options = crate::scene::FigureOptions {
            year: self.choice.year,
            compare: self.choice.compare.filter(|&c| c != self.choice.year),
            size: (1200, 800),
            title: None,
            highlight: self.choice.selected,
            lang: self.choice.lang,
            view: self
                .map
                .view_bounds()
                .map(
                    |[min_lon, min_lat, max_lon, max_lat]| crate::model::LonLatBounds {
                        min_lon,
                        min_lat,
                        max_lon,
                        max_lat,
                    },
                ),
        };
        let bytes = match request.format {
            Output::Html => {
                let page = crate::scene::HtmlOptions {
                    lang: self.choice.lang,
                    year: Some(self.choice.year),
                    title: None,
                    data_label: self.data_origin(),
                };
                crate::scene::to_html(&self.dataset, &page)
                    .map(String::into_bytes)
                    .map_err(|e| e.to_string())
            }
            Output::Svg => Ok(
                crate::scene::to_svg(&crate::scene::build(&self.dataset, &options)).into_bytes(),
            ),
            Output::Pdf => crate::scene::to_pdf(&crate::scene::build(&self.dataset, &options))
                .map_err(|e| e.to_string()),
            _ => crate::scene::to_png(&crate::scene::build(&self.dataset, &options), 1.0)
                .map_err(|e| e.to_string()),
        };
        let result = bytes.and_then(|bytes| {
            write_atomically(&request.path, &bytes, existing).map_err(|e| e.to_string())
        });
        log::info!("figure exported in {:.0?}", start.elapsed());
        self.status = Some(match result {
            Ok(()) => Message::success("status.exported_map")
                .with("w", options.size.0)
                .with("h", options.size.1)
                .with("path", request.path.display()),
            Err(e) => Message::failure("status.export_failed").with("error", e),
        });
    }
}

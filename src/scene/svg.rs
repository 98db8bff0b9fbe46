//! A [`Scene`] as standalone SVG 1.1: text as `<text>`, the basemap as `<path>`s with
//! coordinates to a tenth of a pixel, markers in the window's shapes with a dark outline.
//! Small multiples share one basemap through `<use>`.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::sync::Arc;

use crate::model::compare::Change;
use crate::model::{MarkerShape, Rgb};

use super::{
    Align, Area, Basemap, Callout, Label, Legend, LegendIcon, MapPanel, Marker, Point, Scene, Text,
};

/// The fonts asked for: egui's own first (the PNG renderer has it built in), then
/// common sans fonts with wide coverage.
pub const FONT_FAMILY: &str = "Ubuntu, 'Noto Sans', 'DejaVu Sans', sans-serif";

/// The dark outline that keeps light colours (yellow, sky blue) visible on a light map.
use crate::geography::palette::{CHANGE, DISPUTED, MARKER_OUTLINE as OUTLINE, TENTATIVE_RING};
const FRAME: Rgb = Rgb([0x9A, 0x9A, 0x9A]);
const BOX_EDGE: Rgb = Rgb([0xB4, 0xB4, 0xB4]);
const LABEL_INK: Rgb = Rgb([0x1A, 0x1A, 0x1A]);

/// The symbol of a compare badge (as the window's).
fn change_symbol(change: Change) -> Option<&'static str> {
    match change {
        Change::Changed => Some("Δ"),
        Change::NewlyReported => Some("+"),
        Change::NoLongerReported => Some("−"),
        Change::Unchanged | Change::NeverReported => None,
    }
}

/// The `text-anchor` attribute for an alignment (none for the default, start).
fn anchor(align: Align) -> &'static str {
    match align {
        Align::Start => "",
        Align::Middle => " text-anchor=\"middle\"",
        Align::End => " text-anchor=\"end\"",
    }
}

/// The scene as an SVG document.
pub fn to_svg(scene: &Scene) -> String {
    let mut w = Writer {
        out: String::with_capacity(256 * 1024),
        focusable: false,
    };
    w.open(scene);
    // Basemaps shared by several maps are defined once.
    let mut uses: HashMap<*const Basemap, usize> = HashMap::new();
    for map in &scene.maps {
        *uses.entry(Arc::as_ptr(&map.basemap)).or_default() += 1;
    }
    let mut defined: HashMap<*const Basemap, usize> = HashMap::new();
    w.out.push_str("<defs>");
    for (i, map) in scene.maps.iter().enumerate() {
        w.out.push_str(&format!("<clipPath id=\"clip-{i}\">"));
        w.rect(0.0, 0.0, map.frame.w, map.frame.h, "");
        w.out.push_str("</clipPath>");
        let key = Arc::as_ptr(&map.basemap);
        if uses.get(&key).copied().unwrap_or(0) > 1 && !defined.contains_key(&key) {
            let id = defined.len();
            defined.insert(key, id);
            w.out.push_str(&format!("<g id=\"basemap-{id}\">"));
            w.basemap(&map.basemap);
            w.out.push_str("</g>");
        }
    }
    w.out.push_str("</defs>\n");
    for (i, map) in scene.maps.iter().enumerate() {
        let shared = defined.get(&Arc::as_ptr(&map.basemap)).copied();
        w.map(i, map, shared);
    }
    if let Some(callout) = &scene.callout {
        w.callout(callout);
    }
    if let Some(legend) = &scene.legend {
        w.legend(legend);
    }
    for t in scene
        .title
        .iter()
        .chain(&scene.subtitle)
        .chain(&scene.credits)
    {
        w.text(t, "");
    }
    w.out.push_str("</svg>\n");
    w.out
}

/// A basemap's elements, relative to its frame's top-left corner, for a page that puts
/// several years' markers over one basemap (`html`).
pub(crate) fn basemap_elements(basemap: &Basemap) -> String {
    let mut w = Writer::for_page();
    w.basemap(basemap);
    w.out
}

/// Markers and labels as a page shows them: each city a focusable button named by its
/// tooltip.
pub(crate) fn marker_elements(markers: &[Marker], labels: &[Label]) -> String {
    let mut w = Writer::for_page();
    w.markers_and_labels(markers, labels);
    w.out
}

/// A legend icon centred on `at`.
pub(crate) fn legend_icon_elements(icon: LegendIcon, at: Point, radius: f32) -> String {
    let mut w = Writer::for_page();
    w.legend_icon(icon, at, radius);
    w.out
}

struct Writer {
    out: String,
    /// Cities are keyboard-focusable buttons (`tabindex`, `role`, `aria-label`).
    focusable: bool,
}

/// A number to a tenth, without a needless `.0` or a `-0`.
fn push_num(out: &mut String, v: f32) {
    let v = if v.is_finite() {
        (v * 10.0).round() / 10.0
    } else {
        0.0
    };
    #[allow(clippy::cast_possible_truncation)]
    if v == 0.0 {
        out.push('0');
    } else if v.fract() == 0.0 && v.abs() < 1e9 {
        let _ = write!(out, "{}", v as i64);
    } else {
        let _ = write!(out, "{v:.1}");
    }
}

fn num(v: f32) -> String {
    let mut s = String::new();
    push_num(&mut s, v);
    s
}

/// Text for XML content or a quoted attribute: markup characters escaped, control
/// characters dropped (tabs and line breaks become spaces).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(' '),
            c if c.is_control() || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// A city id fit for an XML id: letters, digits, `-` and `_` (anything else as `_`).
fn xml_id(prefix: &str, id: &str, index: usize) -> String {
    let clean: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if clean == id {
        format!("{prefix}-{clean}")
    } else {
        format!("{prefix}-{clean}-{index}")
    }
}

impl Writer {
    fn for_page() -> Self {
        Self {
            out: String::with_capacity(16 * 1024),
            focusable: true,
        }
    }

    fn open(&mut self, scene: &Scene) {
        let (w, h) = (num(scene.width), num(scene.height));
        let _ = write!(
            self.out,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
             <svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" \
             version=\"1.1\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" \
             font-family=\"{FONT_FAMILY}\">\n<title>{}</title>\n",
            escape(&scene.title_text())
        );
        self.rect(
            0.0,
            0.0,
            scene.width,
            scene.height,
            &format!(" fill=\"{}\"", scene.background.hex()),
        );
        self.out.push('\n');
    }

    fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, attributes: &str) {
        let _ = write!(
            self.out,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"{attributes}/>",
            num(x),
            num(y),
            num(w.max(0.0)),
            num(h.max(0.0))
        );
    }

    fn basemap(&mut self, basemap: &Basemap) {
        self.rect(
            0.0,
            0.0,
            basemap.width,
            basemap.height,
            &format!(" fill=\"{}\"", basemap.sea.hex()),
        );
        for area in &basemap.areas {
            self.area(area);
        }
    }

    fn area(&mut self, area: &Area) {
        self.out.push_str("<path d=\"");
        for ring in &area.rings {
            self.ring(ring, true);
        }
        for line in &area.lines {
            self.ring(line, false);
        }
        self.out.push('"');
        match area.fill {
            Some(fill) => {
                let _ = write!(self.out, " fill=\"{}\" fill-rule=\"evenodd\"", fill.hex());
            }
            None => self.out.push_str(" fill=\"none\""),
        }
        if let Some(stroke) = area.stroke {
            let _ = write!(
                self.out,
                " stroke=\"{}\" stroke-width=\"{}\" stroke-linejoin=\"round\"",
                stroke.colour.hex(),
                num(stroke.width)
            );
        }
        self.out.push_str("/>\n");
    }

    /// `M x y x y … Z`, dropping points that round to the one before.
    fn ring(&mut self, points: &[Point], close: bool) {
        let mut last: Option<(i64, i64)> = None;
        for (i, p) in points.iter().enumerate() {
            #[allow(clippy::cast_possible_truncation)]
            let key = ((p.x * 10.0).round() as i64, (p.y * 10.0).round() as i64);
            if last == Some(key) {
                continue;
            }
            last = Some(key);
            self.out.push(if i == 0 { 'M' } else { ' ' });
            push_num(&mut self.out, p.x);
            self.out.push(' ');
            push_num(&mut self.out, p.y);
        }
        if close {
            self.out.push('Z');
        }
    }

    fn map(&mut self, index: usize, map: &MapPanel, shared: Option<usize>) {
        let (x, y) = (num(map.frame.x), num(map.frame.y));
        let _ = write!(
            self.out,
            "<g class=\"map\" transform=\"translate({x} {y})\" clip-path=\"url(#clip-{index})\">"
        );
        match shared {
            Some(id) => {
                let _ = write!(self.out, "<use xlink:href=\"#basemap-{id}\"/>");
            }
            None => self.basemap(&map.basemap),
        }
        self.out.push_str("</g>\n");
        let f = map.frame;
        self.rect(
            f.x,
            f.y,
            f.w,
            f.h,
            &format!(
                " fill=\"none\" stroke=\"{}\" stroke-width=\"1\"",
                FRAME.hex()
            ),
        );
        self.out.push('\n');
        self.markers_and_labels(&map.markers, &map.labels);
        if let Some(heading) = &map.heading {
            self.text(heading, "");
        }
    }

    fn markers_and_labels(&mut self, markers: &[Marker], labels: &[Label]) {
        self.out.push_str("<g class=\"markers\">\n");
        for marker in markers {
            self.marker(marker);
        }
        self.out.push_str("</g>\n");
        if !labels.is_empty() {
            // A white halo under every label first, then the labels, so no halo covers
            // another label's letters.
            let _ = write!(
                self.out,
                "<g class=\"labels\"><g fill=\"#FFFFFF\" stroke=\"#FFFFFF\" stroke-opacity=\"0.85\" stroke-linejoin=\"round\">"
            );
            for label in labels {
                let _ = write!(
                    self.out,
                    "<text x=\"{}\" y=\"{}\" font-size=\"{}\" stroke-width=\"{}\"{}>{}</text>",
                    num(label.at.x),
                    num(label.at.y),
                    num(label.size),
                    num(0.24 * label.size),
                    anchor(label.align),
                    escape(&label.text)
                );
            }
            let _ = write!(self.out, "</g><g fill=\"{}\">", LABEL_INK.hex());
            for label in labels {
                let _ = write!(
                    self.out,
                    "<text x=\"{}\" y=\"{}\" font-size=\"{}\"{}>{}</text>",
                    num(label.at.x),
                    num(label.at.y),
                    num(label.size),
                    anchor(label.align),
                    escape(&label.text)
                );
            }
            self.out.push_str("</g></g>\n");
        }
    }

    fn marker(&mut self, m: &Marker) {
        match (&m.id, m.city) {
            (Some(id), Some(city)) => {
                let _ = write!(
                    self.out,
                    "<g id=\"{}\" class=\"city\" data-city=\"{}\"",
                    xml_id("city", id, city),
                    escape(id)
                );
                if self.focusable {
                    let _ = write!(
                        self.out,
                        " tabindex=\"0\" role=\"button\" aria-label=\"{}\"",
                        escape(&m.tooltip)
                    );
                }
            }
            _ => self.out.push_str("<g class=\"cluster\""),
        }
        if m.faded {
            self.out.push_str(" opacity=\"0.35\"");
        }
        self.out.push('>');
        if m.city.is_some() {
            let _ = write!(self.out, "<title>{}</title>", escape(&m.tooltip));
        }
        if m.highlighted {
            let r = m.ring_radius();
            let _ = write!(
                self.out,
                "<circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"#FFFFFF\" fill-opacity=\"0.8\" stroke=\"#000000\" stroke-width=\"{}\"/>",
                num(m.center.x),
                num(m.center.y),
                num(r),
                num((0.16 * m.radius).clamp(1.2, 3.0))
            );
        }
        self.shape(m.center, m.radius, m.fill, m.shape);
        if m.tentative {
            self.tentative_ring(m.center, m.radius);
        }
        if m.disputed {
            self.badge(m.disputed_badge_center(), m.badge_radius, DISPUTED, "!");
        }
        if let Some(symbol) = m.change.and_then(change_symbol) {
            self.badge(m.change_badge_center(), m.badge_radius, CHANGE, symbol);
        }
        self.out.push_str("</g>\n");
    }

    /// A small disc with a white rim and a white symbol in it.
    fn badge(&mut self, c: Point, r: f32, fill: Rgb, symbol: &str) {
        let size = 1.6 * r;
        let _ = write!(
            self.out,
            "<circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"{}\" stroke=\"#FFFFFF\" stroke-width=\"{}\"/>\
             <text x=\"{}\" y=\"{}\" font-size=\"{}\" fill=\"#FFFFFF\" stroke=\"#FFFFFF\" stroke-width=\"{}\" text-anchor=\"middle\">{}</text>",
            num(c.x),
            num(c.y),
            num(r),
            fill.hex(),
            num((0.2 * r).max(0.8)),
            num(c.x),
            num(c.y + 0.36 * size),
            num(size),
            num(0.06 * size),
            escape(symbol)
        );
    }

    /// The dashed ring around a tentative status, as the window paints it
    /// (`style::paint_tentative_ring`).
    fn tentative_ring(&mut self, c: Point, r: f32) {
        let gap = (0.35 * r).max(2.5);
        let width = (0.14 * r).clamp(1.3, 2.2);
        let _ = write!(
            self.out,
            "<circle class=\"tentative\" cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"{}\" stroke-dasharray=\"{} {}\"/>",
            num(c.x),
            num(c.y),
            num(r + gap),
            TENTATIVE_RING.hex(),
            num(width),
            num(2.0 * width),
            num(1.7 * width)
        );
    }

    /// A marker as the window paints it (`style::paint_marker`), with a dark outline.
    fn shape(&mut self, c: Point, r: f32, fill: Rgb, shape: MarkerShape) {
        let outline = (0.14 * r).clamp(0.6, 2.5);
        let fill = fill.hex();
        let dark = OUTLINE.hex();
        let polygon = |w: &mut Self, points: &[(f32, f32)]| {
            let points: Vec<Point> = points
                .iter()
                .map(|&(dx, dy)| Point::new(c.x + dx * r, c.y + dy * r))
                .collect();
            w.out.push_str("<path d=\"");
            w.ring(&points, true);
            let _ = write!(
                w.out,
                "\" fill=\"{fill}\" stroke=\"{dark}\" stroke-width=\"{}\" stroke-linejoin=\"round\"/>",
                num(outline)
            );
        };
        match shape {
            MarkerShape::Circle => {
                let _ = write!(
                    self.out,
                    "<circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"{fill}\" stroke=\"{dark}\" stroke-width=\"{}\"/>",
                    num(c.x),
                    num(c.y),
                    num(r),
                    num(outline)
                );
            }
            MarkerShape::Diamond => {
                polygon(
                    self,
                    &[(0.0, -1.25), (1.25, 0.0), (0.0, 1.25), (-1.25, 0.0)],
                );
            }
            MarkerShape::Square => {
                polygon(self, &[(-0.9, -0.9), (0.9, -0.9), (0.9, 0.9), (-0.9, 0.9)]);
            }
            MarkerShape::TriangleUp => polygon(self, &[(0.0, -1.2), (1.1, 0.8), (-1.1, 0.8)]),
            MarkerShape::TriangleDown => {
                polygon(self, &[(-1.1, -0.8), (1.1, -0.8), (0.0, 1.2)]);
            }
            MarkerShape::Bar => {
                polygon(
                    self,
                    &[(-1.2, -0.35), (1.2, -0.35), (1.2, 0.35), (-1.2, 0.35)],
                );
            }
            MarkerShape::Cross => {
                // Two strokes in the status colour over slightly longer, wider dark ones.
                let width = 0.6 * r;
                for (colour, grow, w) in
                    [(&dark, outline, width + 2.0 * outline), (&fill, 0.0, width)]
                {
                    let d = 0.95 * r + grow * std::f32::consts::FRAC_1_SQRT_2;
                    let _ = write!(
                        self.out,
                        "<path d=\"M{} {} {} {}M{} {} {} {}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"{}\"/>",
                        num(c.x - d),
                        num(c.y - d),
                        num(c.x + d),
                        num(c.y + d),
                        num(c.x - d),
                        num(c.y + d),
                        num(c.x + d),
                        num(c.y - d),
                        num(w)
                    );
                }
            }
            MarkerShape::HollowSquare => {
                let half = 0.85 * r;
                let width = 0.45 * r;
                for (colour, w) in [(&dark, width + 2.0 * outline), (&fill, width)] {
                    self.rect(
                        c.x - half,
                        c.y - half,
                        2.0 * half,
                        2.0 * half,
                        &format!(
                            " fill=\"none\" stroke=\"{colour}\" stroke-width=\"{}\"",
                            num(w)
                        ),
                    );
                }
            }
            MarkerShape::HollowCircle => {
                // "No report" recedes: a grey ring with no outline, as in the window.
                let _ = write!(
                    self.out,
                    "<circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"none\" stroke=\"{fill}\" stroke-width=\"{}\"/>",
                    num(c.x),
                    num(c.y),
                    num(0.7 * r),
                    num((0.3 * r).max(1.0))
                );
            }
        }
    }

    fn text(&mut self, t: &Text, class: &str) {
        let anchor = anchor(t.align);
        let class = if class.is_empty() {
            String::new()
        } else {
            format!(" class=\"{class}\"")
        };
        // Heavier by a thin outline in its own colour: the same in every renderer,
        // whatever bold face it has.
        let strong = if t.strong {
            format!(
                " stroke=\"{}\" stroke-width=\"{}\" stroke-linejoin=\"round\"",
                t.colour.hex(),
                num(0.04 * t.size)
            )
        } else {
            String::new()
        };
        let _ = writeln!(
            self.out,
            "<text{class} x=\"{}\" y=\"{}\" font-size=\"{}\" fill=\"{}\"{anchor}{strong}>{}</text>",
            num(t.at.x),
            num(t.at.y),
            num(t.size),
            t.colour.hex(),
            escape(&t.text)
        );
    }

    fn panel_box(&mut self, frame: super::Rect) {
        self.rect(
            frame.x,
            frame.y,
            frame.w,
            frame.h,
            &format!(
                " rx=\"{}\" fill=\"#FFFFFF\" fill-opacity=\"0.92\" stroke=\"{}\" stroke-width=\"1\"",
                num(0.15 * frame.w.min(frame.h).min(24.0)),
                BOX_EDGE.hex()
            ),
        );
    }

    fn legend(&mut self, legend: &Legend) {
        self.out.push_str("<g class=\"legend\">");
        self.panel_box(legend.frame);
        self.out.push('\n');
        for entry in &legend.entries {
            let _ = write!(
                self.out,
                "<g class=\"legend-entry\" id=\"{}\">",
                xml_id("legend", &entry.key, 0)
            );
            self.legend_icon(entry.icon, entry.icon_at, entry.icon_radius);
            self.text(&entry.label, "legend-label");
            if let Some(count) = &entry.count_text {
                self.text(count, "legend-count");
            }
            self.out.push_str("</g>\n");
        }
        self.out.push_str("</g>\n");
    }

    fn legend_icon(&mut self, icon: LegendIcon, at: Point, radius: f32) {
        match icon {
            LegendIcon::Marker { fill, shape } => self.shape(at, radius, fill, shape),
            LegendIcon::Disputed => self.badge(at, 1.3 * radius, DISPUTED, "!"),
            LegendIcon::Tentative => self.tentative_ring(at, 0.7 * radius),
            LegendIcon::Change(change) => {
                if let Some(symbol) = change_symbol(change) {
                    self.badge(at, 1.3 * radius, CHANGE, symbol);
                }
            }
        }
    }

    fn callout(&mut self, callout: &Callout) {
        self.out.push_str("<g class=\"callout\">");
        if let Some((from, to)) = callout.leader {
            let _ = write!(
                self.out,
                "<path d=\"M{} {} {} {}\" fill=\"none\" stroke=\"{}\" stroke-width=\"1.2\"/>",
                num(from.x),
                num(from.y),
                num(to.x),
                num(to.y),
                OUTLINE.hex()
            );
        }
        self.panel_box(callout.frame);
        self.out.push('\n');
        for line in &callout.lines {
            self.text(line, "");
        }
        self.out.push_str("</g>\n");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_and_control_characters_never_reach_the_document() {
        assert_eq!(escape("<script>&\"'"), "&lt;script&gt;&amp;&quot;&apos;");
        assert_eq!(escape("a\u{0}b\u{7}c\td\u{FFFF}"), "abc d");
        assert_eq!(xml_id("city", "almaty", 3), "city-almaty");
        assert_eq!(xml_id("city", "a b\"c", 3), "city-a_b_c-3");
        let mut s = String::new();
        for v in [0.04, -0.04, 1.0, 2.25, -3.5, f32::NAN] {
            push_num(&mut s, v);
            s.push(',');
        }
        assert_eq!(s, "0,0,1,2.3,-3.5,0,");
    }
}

//! The commemoration status vocabulary: what happened in a city in a year.
//!
//! A dataset may declare its own statuses (`dataset.statuses`, docs/DATA.md §11); without
//! a declaration the built-in eight are its vocabulary. A [`Status`] is a small handle
//! into the dataset's [`Vocabulary`]: what it is called, what it means, how it is drawn
//! and — through its [`Outcome`] — what it contradicts.

use serde::{Deserialize, Serialize};

use super::Texts;

/// A status of the dataset's vocabulary, or "no report". Cheap to copy and compare; its
/// [`index`](Self::index) addresses per-status arrays of [`Status::SLOTS`] entries.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Status(u8);

impl Status {
    /// How many statuses a dataset may declare.
    pub const MAX_DECLARED: usize = 16;
    const _FITS: () = assert!(Self::NO_REPORT.0 as usize == Self::MAX_DECLARED);
    /// Per-status arrays hold this many entries: every declarable status and "no report".
    pub const SLOTS: usize = Self::MAX_DECLARED + 1;
    /// No source says anything about this city and year. Never written in a file: it is
    /// what a city-year without reports is.
    pub const NO_REPORT: Self = Self(16);

    // The built-in vocabulary's statuses, in its order. They mean these words only in a
    // dataset that uses the built-in vocabulary (the built-in data, and every file that
    // declares none); code that decides must ask the status's `Outcome` instead.
    pub const HELD: Self = Self(0);
    pub const HELD_RENAMED: Self = Self(1);
    pub const ALTERNATIVE: Self = Self(2);
    pub const ANNOUNCED: Self = Self(3);
    pub const OFFICIAL_ONLY: Self = Self(4);
    pub const REFUSED: Self = Self(5);
    pub const CANCELLED: Self = Self(6);
    pub const NONE_PLANNED: Self = Self(7);

    /// The built-in vocabulary's statuses and "no report", in legend order.
    pub const BUILTIN: [Self; 9] = [
        Self::HELD,
        Self::HELD_RENAMED,
        Self::ALTERNATIVE,
        Self::ANNOUNCED,
        Self::OFFICIAL_ONLY,
        Self::REFUSED,
        Self::CANCELLED,
        Self::NONE_PLANNED,
        Self::NO_REPORT,
    ];

    /// Position in per-status arrays (`[_; Status::SLOTS]`).
    pub fn index(self) -> usize {
        usize::from(self.0)
    }

    /// The status at `index` of a vocabulary, if it can be one.
    fn declared(index: usize) -> Option<Self> {
        u8::try_from(index)
            .ok()
            .filter(|_| index < Self::MAX_DECLARED)
            .map(Self)
    }

    pub fn is_no_report(self) -> bool {
        self == Self::NO_REPORT
    }
}

/// What kind of outcome a status is. The kind decides what contradicts what, and gives a
/// declared status its default colour and shape.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// It took place as planned.
    TookPlace,
    /// It took place, changed: under another name, in another form or place.
    TookPlaceChanged,
    /// Something else took its place (online, a car convoy, photos on screens).
    Replaced,
    /// Announced or planned; nothing from the day itself.
    Announced,
    /// Only official events instead.
    OfficialOnly,
    /// It did not take place: refused, banned, cancelled, removed.
    NotHeld,
    /// Nothing was planned.
    NonePlanned,
}

impl Outcome {
    pub const ALL: [Self; 7] = [
        Self::TookPlace,
        Self::TookPlaceChanged,
        Self::Replaced,
        Self::Announced,
        Self::OfficialOnly,
        Self::NotHeld,
        Self::NonePlanned,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Self::TookPlace => "took_place",
            Self::TookPlaceChanged => "took_place_changed",
            Self::Replaced => "replaced",
            Self::Announced => "announced",
            Self::OfficialOnly => "official_only",
            Self::NotHeld => "not_held",
            Self::NonePlanned => "none_planned",
        }
    }

    /// Whether the thing itself did not happen (in whatever way).
    pub fn did_not_happen(self) -> bool {
        matches!(
            self,
            Self::Replaced | Self::OfficialOnly | Self::NotHeld | Self::NonePlanned
        )
    }

    /// Whether it happened, in its form or changed.
    fn happened(self) -> bool {
        matches!(self, Self::TookPlace | Self::TookPlaceChanged)
    }
}

/// Whether two outcomes cannot both be true of one city-year. Outcomes that all say "it
/// did not happen" (replaced, official only, not held, nothing planned) describe it from
/// different sides and do not contradict each other; an announcement agrees with it
/// happening; "took place" and "took place, changed" agree (sources often differ only in
/// the name they give it). Everything else that differs contradicts: whether it happened.
pub fn outcomes_contradict(a: Outcome, b: Outcome) -> bool {
    let agree = a == b
        || (a == Outcome::Announced && b.happened())
        || (b == Outcome::Announced && a.happened())
        || (a.happened() && b.happened())
        || (a.did_not_happen() && b.did_not_happen());
    !agree
}

/// An sRGB colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Rgb(pub [u8; 3]);

impl Rgb {
    /// `#RRGGBB`
    pub fn hex(self) -> String {
        let [r, g, b] = self.0;
        format!("#{r:02X}{g:02X}{b:02X}")
    }

    /// Reads `#RRGGBB` (or `RRGGBB`).
    pub fn parse(text: &str) -> Option<Self> {
        let digits = text.strip_prefix('#').unwrap_or(text);
        if digits.len() != 6 || !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let byte = |i: usize| u8::from_str_radix(digits.get(i..i + 2)?, 16).ok();
        Some(Self([byte(0)?, byte(2)?, byte(4)?]))
    }
}

/// How a status's marker is drawn, so the map does not rely on colour alone.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MarkerShape {
    Circle,
    Diamond,
    Square,
    TriangleUp,
    TriangleDown,
    Cross,
    HollowSquare,
    Bar,
    HollowCircle,
}

impl MarkerShape {
    /// The shapes a declared status may take, in the order defaults are handed out
    /// (the hollow circle is "no report"'s).
    pub const DECLARABLE: [Self; 8] = [
        Self::Circle,
        Self::Diamond,
        Self::Square,
        Self::TriangleUp,
        Self::TriangleDown,
        Self::Cross,
        Self::HollowSquare,
        Self::Bar,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Self::Circle => "circle",
            Self::Diamond => "diamond",
            Self::Square => "square",
            Self::TriangleUp => "triangle_up",
            Self::TriangleDown => "triangle_down",
            Self::Cross => "cross",
            Self::HollowSquare => "hollow_square",
            Self::Bar => "bar",
            Self::HollowCircle => "hollow_circle",
        }
    }
}

/// The Okabe–Ito palette (safe for the common colour-vision deficiencies), in the order
/// defaults are handed out; each outcome's own colour first.
pub const PALETTE: [Rgb; 8] = [
    Rgb([0x00, 0x9E, 0x73]), // bluish green
    Rgb([0x00, 0x72, 0xB2]), // blue
    Rgb([0x56, 0xB4, 0xE9]), // sky blue
    Rgb([0xF0, 0xE4, 0x42]), // yellow
    Rgb([0xCC, 0x79, 0xA7]), // reddish purple
    Rgb([0xD5, 0x5E, 0x00]), // vermillion
    Rgb([0xE6, 0x9F, 0x00]), // orange
    Rgb([0x20, 0x20, 0x20]), // near black
];

/// "No report" is grey and hollow in every vocabulary.
pub const NO_REPORT_COLOUR: Rgb = Rgb([0x8C, 0x8C, 0x8C]);

impl Outcome {
    /// The palette entry and shape a status of this outcome gets unless it gives its own
    /// (or another status took them first).
    fn default_look(self) -> (usize, MarkerShape) {
        match self {
            Self::TookPlace => (0, MarkerShape::Circle),
            Self::TookPlaceChanged => (1, MarkerShape::Diamond),
            Self::Replaced => (2, MarkerShape::Square),
            Self::Announced => (3, MarkerShape::TriangleUp),
            Self::OfficialOnly => (4, MarkerShape::TriangleDown),
            Self::NotHeld => (5, MarkerShape::Cross),
            Self::NonePlanned => (7, MarkerShape::Bar),
        }
    }
}

/// One status of a vocabulary.
#[derive(Clone, Debug, PartialEq)]
pub struct StatusDef {
    /// The identifier reports use (`"held"`, `"removed"`).
    pub id: String,
    pub outcome: Outcome,
    /// The label per language; empty for the built-in statuses, whose words are the
    /// interface's own (assets/lang).
    pub label: Texts,
    pub meaning: Texts,
    pub colour: Rgb,
    pub shape: MarkerShape,
}

/// A status as a dataset declares it, before defaults are filled in.
#[derive(Clone, Debug, PartialEq)]
pub struct Declared {
    pub id: String,
    pub outcome: Outcome,
    pub label: Texts,
    pub meaning: Texts,
    pub colour: Option<Rgb>,
    pub shape: Option<MarkerShape>,
}

/// The statuses a dataset speaks of, in legend order; "no report" is always last.
#[derive(Clone, Debug, PartialEq)]
pub struct Vocabulary {
    defs: Vec<StatusDef>,
    builtin: bool,
}

impl Default for Vocabulary {
    fn default() -> Self {
        Self::builtin()
    }
}

/// The built-in statuses: `(id, outcome, English label, English meaning)`.
const BUILTIN_DEFS: [(&str, Outcome, &str, &str); 8] = [
    ("held", Outcome::TookPlace, "Held", "The march took place."),
    (
        "held_renamed",
        Outcome::TookPlaceChanged,
        "Held, renamed",
        "It took place under another name or form.",
    ),
    (
        "alternative",
        Outcome::Replaced,
        "Alternative format",
        "Replaced by another format: online, photos on screens, a car convoy.",
    ),
    (
        "announced",
        Outcome::Announced,
        "Announced only",
        "Announced or planned; no report from the day itself.",
    ),
    (
        "official_only",
        Outcome::OfficialOnly,
        "Official events only",
        "Only official events (parade, concert); no march.",
    ),
    (
        "refused",
        Outcome::NotHeld,
        "Refused",
        "The authorities refused permission or prohibited it.",
    ),
    (
        "cancelled",
        Outcome::NotHeld,
        "Cancelled",
        "Called off or declined.",
    ),
    (
        "none_planned",
        Outcome::NonePlanned,
        "Nothing planned",
        "No celebrations were planned.",
    ),
];

/// The built-in statuses' id with a `'static` life (and `no_report`), if `id` is one:
/// the loader reads these without allocating.
pub fn builtin_id(id: &str) -> Option<&'static str> {
    BUILTIN_DEFS
        .iter()
        .map(|(builtin, ..)| *builtin)
        .chain(std::iter::once("no_report"))
        .find(|builtin| *builtin == id)
}

/// The built-in statuses' shapes, in their order (their colours are the palette's).
const BUILTIN_SHAPES: [MarkerShape; 8] = MarkerShape::DECLARABLE;

impl Vocabulary {
    /// Today's eight statuses: the vocabulary of every dataset that declares none.
    pub fn builtin() -> Self {
        let defs = BUILTIN_DEFS
            .iter()
            .zip(PALETTE)
            .zip(BUILTIN_SHAPES)
            .map(
                |(((id, outcome, label, meaning), colour), shape)| StatusDef {
                    id: (*id).to_owned(),
                    outcome: *outcome,
                    label: Texts(vec![("en".to_owned(), (*label).to_owned())]),
                    meaning: Texts(vec![("en".to_owned(), (*meaning).to_owned())]),
                    colour,
                    shape,
                },
            )
            .collect();
        Self {
            defs,
            builtin: true,
        }
    }

    /// A dataset's own vocabulary. Statuses without a colour or shape get their
    /// outcome's default when no earlier status took it, else the first palette colour
    /// and shape not yet taken (repeating only past eight). Errors name what is wrong.
    pub fn declared(statuses: Vec<Declared>) -> Result<Self, String> {
        if statuses.is_empty() {
            return Err(
                "declares no statuses: leave `statuses` out to use the built-in ones".into(),
            );
        }
        if statuses.len() > Status::MAX_DECLARED {
            return Err(format!(
                "declares {} statuses; at most {} are possible",
                statuses.len(),
                Status::MAX_DECLARED
            ));
        }
        let mut seen = std::collections::HashSet::new();
        for s in &statuses {
            if s.id.is_empty()
                || !s
                    .id
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
            {
                return Err(format!(
                    "status id `{}` must be lower-case letters, digits and _",
                    s.id
                ));
            }
            if s.id == "no_report" {
                return Err(
                    "`no_report` is not a status to declare: it is what a year without reports is"
                        .into(),
                );
            }
            if !seen.insert(s.id.as_str()) {
                return Err(format!("status `{}` is declared twice", s.id));
            }
        }
        let mut colours_taken: Vec<Rgb> = statuses.iter().filter_map(|s| s.colour).collect();
        let mut shapes_taken: Vec<MarkerShape> = statuses.iter().filter_map(|s| s.shape).collect();
        let mut defs = Vec::with_capacity(statuses.len());
        for s in statuses {
            let (palette_index, shape) = s.outcome.default_look();
            let colour = s.colour.unwrap_or_else(|| {
                let pick = std::iter::once(PALETTE[palette_index])
                    .chain(PALETTE)
                    .find(|c| !colours_taken.contains(c))
                    .unwrap_or(PALETTE[defs.len() % PALETTE.len()]);
                colours_taken.push(pick);
                pick
            });
            let shape = s.shape.unwrap_or_else(|| {
                let pick = std::iter::once(shape)
                    .chain(MarkerShape::DECLARABLE)
                    .find(|m| !shapes_taken.contains(m))
                    .unwrap_or(MarkerShape::DECLARABLE[defs.len() % 8]);
                shapes_taken.push(pick);
                pick
            });
            let label = if s.label.is_empty() {
                Texts(vec![("en".to_owned(), s.id.replace('_', " "))])
            } else {
                s.label
            };
            defs.push(StatusDef {
                id: s.id,
                outcome: s.outcome,
                label,
                meaning: s.meaning,
                colour,
                shape,
            });
        }
        Ok(Self {
            defs,
            builtin: false,
        })
    }

    /// Whether this is the built-in vocabulary (whose words the interface translates).
    pub fn is_builtin(&self) -> bool {
        self.builtin
    }

    /// The declared statuses and then "no report": legend order.
    pub fn legend(&self) -> impl Iterator<Item = Status> + '_ {
        self.claimable().chain(std::iter::once(Status::NO_REPORT))
    }

    /// The statuses a report may give (every one but "no report").
    pub fn claimable(&self) -> impl Iterator<Item = Status> + '_ {
        (0..self.defs.len()).filter_map(Status::declared)
    }

    pub fn len(&self) -> usize {
        self.defs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.defs.is_empty()
    }

    pub fn def(&self, status: Status) -> Option<&StatusDef> {
        self.defs.get(status.index())
    }

    /// The status with this id (`no_report` included).
    pub fn find(&self, id: &str) -> Option<Status> {
        if id == "no_report" {
            return Some(Status::NO_REPORT);
        }
        self.defs
            .iter()
            .position(|d| d.id == id)
            .and_then(Status::declared)
    }

    /// The identifier used in files and on the command line.
    pub fn id(&self, status: Status) -> &str {
        self.def(status).map_or("no_report", |d| d.id.as_str())
    }

    /// The outcome of a status; "no report" has none.
    pub fn outcome(&self, status: Status) -> Option<Outcome> {
        self.def(status).map(|d| d.outcome)
    }

    pub fn colour(&self, status: Status) -> Rgb {
        self.def(status).map_or(NO_REPORT_COLOUR, |d| d.colour)
    }

    pub fn shape(&self, status: Status) -> MarkerShape {
        self.def(status)
            .map_or(MarkerShape::HollowCircle, |d| d.shape)
    }

    /// The label in `lang` (a BCP 47 code; English, then the first given, when the
    /// dataset has none in it). The interface translates the built-in statuses itself
    /// (`i18n::Strings::status`); this is what the data says.
    pub fn label(&self, status: Status, lang: &str) -> &str {
        match self.def(status) {
            Some(d) => d.label.get(lang).unwrap_or(&d.id),
            None => "No report",
        }
    }

    pub fn meaning(&self, status: Status, lang: &str) -> &str {
        match self.def(status) {
            Some(d) => d.meaning.get(lang).unwrap_or(""),
            None => "No source found says anything about this city and year.",
        }
    }

    /// Whether two statuses cannot both be true of one city-year (by their outcomes;
    /// "no report" contradicts nothing).
    pub fn contradicts(&self, a: Status, b: Status) -> bool {
        match (self.outcome(a), self.outcome(b)) {
            (Some(a), Some(b)) => outcomes_contradict(a, b),
            _ => false,
        }
    }

    /// What to say about a status a file gives that is not in the vocabulary: a
    /// suggestion when it is a slip (case, a letter or two), else the list to choose from.
    pub fn unknown_status_message(&self, given: &str) -> String {
        let ids: Vec<&str> = self.defs.iter().map(|d| d.id.as_str()).collect();
        match did_you_mean(given, &ids) {
            Some(id) => format!("unknown status `{given}`; did you mean `{id}`?"),
            None => format!("unknown status `{given}`: use one of {}", ids.join(", ")),
        }
    }
}
/// The one of `choices` that `given` is most likely a slip for: the same but for case,
/// spaces and hyphens, or within two edits.
pub fn did_you_mean<'a>(given: &str, choices: &[&'a str]) -> Option<&'a str> {
    let fold = |s: &str| s.to_lowercase().replace([' ', '-'], "_");
    let wanted = fold(given);
    if let Some(same) = choices.iter().find(|c| fold(c) == wanted) {
        return Some(same);
    }
    choices
        .iter()
        .map(|c| (edit_distance(&wanted, c), *c))
        .filter(|(d, _)| *d <= 2)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// Levenshtein distance, by characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            current[j + 1] = (previous[j] + cost)
                .min(previous[j + 1] + 1)
                .min(current[j] + 1);
        }
        previous = current;
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn declared(id: &str, outcome: Outcome) -> Declared {
        Declared {
            id: id.to_owned(),
            outcome,
            label: Texts::default(),
            meaning: Texts::default(),
            colour: None,
            shape: None,
        }
    }

    #[test]
    fn the_builtin_vocabulary_keeps_its_ids_order_and_looks() {
        let v = Vocabulary::builtin();
        let ids: Vec<&str> = v.legend().map(|s| v.id(s)).collect();
        assert_eq!(
            ids,
            [
                "held",
                "held_renamed",
                "alternative",
                "announced",
                "official_only",
                "refused",
                "cancelled",
                "none_planned",
                "no_report"
            ]
        );
        assert_eq!(v.legend().collect::<Vec<_>>(), Status::BUILTIN);
        for s in v.legend() {
            assert_eq!(v.find(v.id(s)), Some(s));
        }
        assert_eq!(v.find("helds"), None);
        let statuses: Vec<Status> = v.legend().collect();
        for (i, a) in statuses.iter().enumerate() {
            for b in &statuses[i + 1..] {
                assert_ne!(v.colour(*a), v.colour(*b));
                assert_ne!(v.shape(*a), v.shape(*b));
            }
        }
    }

    #[test]
    fn contradictions_follow_outcomes() {
        let v = Vocabulary::builtin();
        for a in v.legend() {
            assert!(!v.contradicts(a, a));
            for b in v.legend() {
                assert_eq!(v.contradicts(a, b), v.contradicts(b, a));
            }
        }
        assert!(v.contradicts(Status::HELD, Status::REFUSED));
        assert!(v.contradicts(Status::ANNOUNCED, Status::REFUSED));
        assert!(!v.contradicts(Status::HELD, Status::HELD_RENAMED));
        assert!(v.contradicts(Status::HELD_RENAMED, Status::CANCELLED));
        assert!(!v.contradicts(Status::REFUSED, Status::ALTERNATIVE));
        assert!(!v.contradicts(Status::NO_REPORT, Status::HELD));
    }

    #[test]
    fn declared_statuses_get_distinct_default_looks_and_bad_declarations_are_named() {
        let v = Vocabulary::declared(vec![
            declared("standing", Outcome::TookPlace),
            declared("removed", Outcome::NotHeld),
            declared("moved", Outcome::TookPlaceChanged),
            declared("banned_but_held", Outcome::TookPlace),
            declared("renamed_street", Outcome::NotHeld),
        ])
        .unwrap();
        assert!(!v.is_builtin());
        let s: Vec<Status> = v.claimable().collect();
        assert_eq!(s.len(), 5);
        assert_eq!(v.colour(s[0]), PALETTE[0]);
        assert_eq!(v.shape(s[1]), MarkerShape::Cross);
        assert_eq!(v.label(s[3], "fr"), "banned but held");
        for (i, a) in s.iter().enumerate() {
            for b in &s[i + 1..] {
                assert_ne!(v.colour(*a), v.colour(*b), "{} {}", v.id(*a), v.id(*b));
                assert_ne!(v.shape(*a), v.shape(*b), "{} {}", v.id(*a), v.id(*b));
            }
        }
        assert!(!v.contradicts(s[1], s[4]));
        assert!(v.contradicts(s[0], s[1]));
        assert_eq!(v.find("no_report"), Some(Status::NO_REPORT));

        let twice = vec![
            declared("a", Outcome::TookPlace),
            declared("a", Outcome::NotHeld),
        ];
        assert!(Vocabulary::declared(twice).unwrap_err().contains("twice"));
        assert!(Vocabulary::declared(vec![]).is_err());
        assert!(Vocabulary::declared(vec![declared("No Report", Outcome::NotHeld)]).is_err());
        assert!(Vocabulary::declared(vec![declared("no_report", Outcome::NotHeld)]).is_err());
        let many = (0..17)
            .map(|i| declared(&format!("s{i}"), Outcome::TookPlace))
            .collect();
        assert!(
            Vocabulary::declared(many)
                .unwrap_err()
                .contains("at most 16")
        );
        // Seventeen would not fit, but sixteen do, with colours repeating only past eight.
        let sixteen: Vec<Declared> = (0..16)
            .map(|i| declared(&format!("s{i}"), Outcome::TookPlace))
            .collect();
        let v = Vocabulary::declared(sixteen).unwrap();
        assert_eq!(v.legend().count(), 17);
        assert_eq!(v.legend().last(), Some(Status::NO_REPORT));
    }

    #[test]
    fn a_slip_in_a_status_gets_a_suggestion_and_no_report_is_never_offered() {
        let v = Vocabulary::builtin();
        assert_eq!(
            v.unknown_status_message("Cancelled"),
            "unknown status `Cancelled`; did you mean `cancelled`?"
        );
        assert_eq!(
            v.unknown_status_message("helds"),
            "unknown status `helds`; did you mean `held`?"
        );
        let far = v.unknown_status_message("marched");
        assert!(
            far.starts_with("unknown status `marched`: use one of held, "),
            "{far}"
        );
        assert!(!far.contains("no_report"), "{far}");
    }

    #[test]
    fn colours_parse_and_print() {
        assert_eq!(Rgb::parse("#D55E00"), Some(Rgb([0xD5, 0x5E, 0x00])));
        assert_eq!(Rgb::parse("d55e00"), Some(Rgb([0xD5, 0x5E, 0x00])));
        assert_eq!(Rgb::parse("#D55E0"), None);
        assert_eq!(Rgb::parse("#GGGGGG"), None);
        assert_eq!(Rgb::parse("#ééé"), None);
        assert_eq!(Rgb([0, 0x72, 0xB2]).hex(), "#0072B2");
    }
}

//! The interface's languages: English, Russian and Kazakh.
//!
//! The words are in `assets/lang/*.json` (one flat object of key → text per language),
//! not in code; they are compiled in, so the binary needs no files beside it. A key
//! missing from a language falls back to English, and a test keeps the three files'
//! keys and `{placeholders}` the same.

use std::collections::HashMap;
use std::sync::LazyLock;

use crate::model::{Names, Status, Vocabulary};

/// An interface language.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    En,
    Ru,
    Kk,
}

impl Lang {
    pub const ALL: [Self; 3] = [Self::En, Self::Ru, Self::Kk];

    /// The ISO 639-1 code, as `--lang` takes it.
    pub fn code(self) -> &'static str {
        match self {
            Self::En => "en",
            Self::Ru => "ru",
            Self::Kk => "kk",
        }
    }

    /// The language's name in itself, for the language menu.
    pub fn native_name(self) -> &'static str {
        match self {
            Self::En => "English",
            Self::Ru => "Русский",
            Self::Kk => "Қазақша",
        }
    }

    /// Reads a language code or a POSIX locale: `ru`, `ru_RU.UTF-8`, `kk-KZ`, `kk_KZ@latin`.
    /// `kz` (the country code, often used for the language) is taken as Kazakh.
    pub fn from_code(code: &str) -> Option<Self> {
        let language = code
            .split(['_', '-', '.', '@'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        match language.as_str() {
            "en" => Some(Self::En),
            "ru" => Some(Self::Ru),
            "kk" | "kz" => Some(Self::Kk),
            _ => None,
        }
    }

    /// The language of the system locale (`LC_ALL`, then `LC_MESSAGES`, then `LANG`, as
    /// POSIX orders them; `LANGUAGE`'s list first, as GNU gettext does), or English.
    pub fn from_environment() -> Self {
        Self::from_locale_vars(|name| std::env::var(name).ok())
    }

    pub fn from_locale_vars(var: impl Fn(&str) -> Option<String>) -> Self {
        let set = |name: &str| var(name).filter(|v| !v.is_empty());
        // gettext ignores LANGUAGE when the locale is "C".
        let locale = set("LC_ALL")
            .or_else(|| set("LC_MESSAGES"))
            .or_else(|| set("LANG"));
        if locale.as_deref().is_some_and(|l| l != "C" && l != "POSIX")
            && let Some(list) = set("LANGUAGE")
            && let Some(lang) = list.split(':').find_map(Self::from_code)
        {
            return lang;
        }
        locale
            .as_deref()
            .and_then(Self::from_code)
            .unwrap_or_default()
    }

    /// This language's words.
    pub fn tr(self) -> &'static Strings {
        static EN: LazyLock<Strings> =
            LazyLock::new(|| Strings::parse(Lang::En, include_str!("../assets/lang/en.json")));
        static RU: LazyLock<Strings> =
            LazyLock::new(|| Strings::parse(Lang::Ru, include_str!("../assets/lang/ru.json")));
        static KK: LazyLock<Strings> =
            LazyLock::new(|| Strings::parse(Lang::Kk, include_str!("../assets/lang/kk.json")));
        match self {
            Self::En => &EN,
            Self::Ru => &RU,
            Self::Kk => &KK,
        }
    }
}

impl std::fmt::Display for Lang {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

impl std::str::FromStr for Lang {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::from_code(s).ok_or_else(|| format!("unknown language {s:?}: use en, ru or kk"))
    }
}

/// One language's words, by key.
#[derive(Debug)]
pub struct Strings {
    pub lang: Lang,
    table: HashMap<String, String>,
}

impl Strings {
    /// A file that does not parse is a build mistake the tests catch; at run time it
    /// leaves the language empty, so every key falls back to English.
    fn parse(lang: Lang, json: &str) -> Self {
        let table = serde_json::from_str(json).unwrap_or_else(|e| {
            log::error!("assets/lang/{}.json: {e}", lang.code());
            HashMap::new()
        });
        Self { lang, table }
    }

    /// The text for `key`, in English when this language lacks it, or the key itself
    /// when English does too (a visible mistake rather than an empty label).
    pub fn get<'a>(&'a self, key: &'a str) -> &'a str {
        self.table
            .get(key)
            .or_else(|| Lang::En.tr().table.get(key))
            .map_or(key, String::as_str)
    }

    /// [`Self::get`] with each `{name}` replaced by its value.
    pub fn fmt(&self, key: &str, args: &[(&str, &dyn std::fmt::Display)]) -> String {
        let mut text = self.get(key).to_owned();
        for (name, value) in args {
            text = text.replace(&format!("{{{name}}}"), &value.to_string());
        }
        text
    }

    /// "3 errors", "3 ошибки": `base` with the plural form this language uses for `n`
    /// (`base.one`, `.few`, `.many`, falling back to `base.other`).
    pub fn count(&self, base: &str, n: usize) -> String {
        let form = match self.lang {
            Lang::En => {
                if n == 1 {
                    "one"
                } else {
                    "other"
                }
            }
            // Russian: 1, 21, 31…; 2–4, 22–24…; the rest.
            Lang::Ru => match (n % 10, n % 100) {
                (1, r) if r != 11 => "one",
                (2..=4, r) if !(12..=14).contains(&r) => "few",
                _ => "many",
            },
            // Kazakh nouns do not change after a number.
            Lang::Kk => "other",
        };
        let key = format!("{base}.{form}");
        let text = if self.table.contains_key(&key) {
            self.get(&key).to_owned()
        } else {
            self.get(&format!("{base}.other")).to_owned()
        };
        text.replace("{n}", &n.to_string())
    }

    /// A status's label: the interface's own words for the built-in statuses, the
    /// dataset's (in this language, else English, else its first) for its own.
    pub fn status<'a>(&'a self, vocabulary: &'a Vocabulary, status: Status) -> &'a str {
        match builtin_keys(vocabulary, status) {
            Some((label, _)) => self.get(label),
            None => vocabulary.label(status, self.lang.code()),
        }
    }

    /// What a status means, in the same words as [`Self::status`].
    pub fn meaning<'a>(&'a self, vocabulary: &'a Vocabulary, status: Status) -> &'a str {
        match builtin_keys(vocabulary, status) {
            Some((_, meaning)) => self.get(meaning),
            None => vocabulary.meaning(status, self.lang.code()),
        }
    }

    /// The place's name in this language, else in the dataset's `name_language`, else
    /// in English, else the first it has.
    pub fn name<'a>(&self, names: &'a Names, dataset_language: Option<&str>) -> &'a str {
        let wanted = [Some(self.lang.code()), dataset_language];
        let wanted: Vec<&str> = wanted.into_iter().flatten().collect();
        names.pick(&wanted).unwrap_or("")
    }

    /// A language's name in this language (`es` → "Spanish", "испанский"), or its code
    /// when the interface has no name for it.
    pub fn language_name<'a>(&'a self, code: &'a str) -> &'a str {
        let key = format!("language.{}", crate::model::texts::primary_subtag(code));
        self.table
            .get(&key)
            .or_else(|| Lang::En.tr().table.get(&key))
            .map_or(code, String::as_str)
    }

    /// Every key, for the tests.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.table.keys().map(String::as_str)
    }
}

/// The interface's keys for a status of the built-in vocabulary (and "no report", in
/// every vocabulary); `None` for a dataset's own statuses.
fn builtin_keys(vocabulary: &Vocabulary, status: Status) -> Option<(&'static str, &'static str)> {
    if status == Status::NO_REPORT {
        return STATUS_KEYS.last().copied();
    }
    vocabulary
        .is_builtin()
        .then(|| STATUS_KEYS.get(status.index()).copied())
        .flatten()
}

/// `(label key, meaning key)` per built-in status, in legend order, then "no report".
const STATUS_KEYS: [(&str, &str); 9] = [
    ("status.held", "meaning.held"),
    ("status.held_renamed", "meaning.held_renamed"),
    ("status.alternative", "meaning.alternative"),
    ("status.announced", "meaning.announced"),
    ("status.official_only", "meaning.official_only"),
    ("status.refused", "meaning.refused"),
    ("status.cancelled", "meaning.cancelled"),
    ("status.none_planned", "meaning.none_planned"),
    ("status.no_report", "meaning.no_report"),
];

/// The `{placeholders}` in a text, sorted.
pub fn placeholders(text: &str) -> Vec<&str> {
    let mut names: Vec<&str> = text
        .split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
        .collect();
    names.sort_unstable();
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_has_every_key_with_the_same_placeholders() {
        let english = Lang::En.tr();
        assert!(english.keys().count() > 50);
        for lang in [Lang::Ru, Lang::Kk] {
            let tr = lang.tr();
            // Plural forms differ by language (`count.*.one/few/many/other`); each has
            // `.other`.
            let plural = |k: &str| k.starts_with("count.") && !k.ends_with(".other");
            let mut missing: Vec<&str> = english
                .keys()
                .filter(|k| !tr.table.contains_key(*k) && !plural(k))
                .collect();
            missing.sort_unstable();
            assert!(missing.is_empty(), "{lang}: missing {missing:?}");
            let mut extra: Vec<&str> = tr
                .keys()
                .filter(|k| !english.table.contains_key(*k) && !plural(k))
                .collect();
            extra.sort_unstable();
            assert!(extra.is_empty(), "{lang}: keys English lacks {extra:?}");
            for (key, text) in &tr.table {
                assert!(!text.trim().is_empty(), "{lang}: {key} is empty");
                let english_key = if plural(key) {
                    format!("{}.other", key.rsplit_once('.').map_or("", |(b, _)| b))
                } else {
                    key.clone()
                };
                assert_eq!(
                    placeholders(text),
                    placeholders(english.get(&english_key)),
                    "{lang}: {key} has other placeholders than English"
                );
            }
        }
        let vocabulary = Vocabulary::builtin();
        for status in vocabulary.legend() {
            let id = vocabulary.id(status);
            assert_ne!(
                english.status(&vocabulary, status),
                STATUS_KEYS[status.index().min(8)].0
            );
            assert_eq!(
                english.status(&vocabulary, status),
                vocabulary.label(status, "en"),
                "{id}"
            );
            assert_eq!(
                english.meaning(&vocabulary, status),
                vocabulary.meaning(status, "en"),
                "{id}"
            );
        }
    }

    #[test]
    fn locales_are_read_the_way_posix_and_gettext_read_them() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                pairs
                    .iter()
                    .find(|(k, _)| *k == name)
                    .map(|(_, v)| (*v).to_owned())
            }
        };
        assert_eq!(Lang::from_locale_vars(env(&[])), Lang::En);
        assert_eq!(
            Lang::from_locale_vars(env(&[("LANG", "ru_RU.UTF-8")])),
            Lang::Ru
        );
        assert_eq!(
            Lang::from_locale_vars(env(&[("LANG", "kk_KZ.UTF-8")])),
            Lang::Kk
        );
        assert_eq!(
            Lang::from_locale_vars(env(&[("LANG", "ru_RU.UTF-8"), ("LC_ALL", "kk_KZ")])),
            Lang::Kk
        );
        assert_eq!(
            Lang::from_locale_vars(env(&[("LANG", "en_US.UTF-8"), ("LANGUAGE", "de:kk:ru")])),
            Lang::Kk
        );
        assert_eq!(
            Lang::from_locale_vars(env(&[("LANG", "C"), ("LANGUAGE", "ru")])),
            Lang::En
        );
        assert_eq!(
            Lang::from_locale_vars(env(&[("LANG", "de_DE.UTF-8")])),
            Lang::En
        );
        assert_eq!("kz".parse::<Lang>(), Ok(Lang::Kk));
        assert!("de".parse::<Lang>().is_err());
    }

    #[test]
    fn counts_take_each_language_s_plural_form() {
        assert_eq!(Lang::En.tr().count("count.error", 1), "1 error");
        assert_eq!(Lang::En.tr().count("count.error", 3), "3 errors");
        assert_eq!(Lang::Ru.tr().count("count.error", 1), "1 ошибка");
        assert_eq!(Lang::Ru.tr().count("count.error", 3), "3 ошибки");
        assert_eq!(Lang::Ru.tr().count("count.error", 11), "11 ошибок");
        assert_eq!(Lang::Ru.tr().count("count.error", 22), "22 ошибки");
        assert_eq!(Lang::Kk.tr().count("count.error", 5), "5 қате");
    }

    #[test]
    fn placeholders_are_filled_in() {
        assert_eq!(placeholders("{a} to {b}, {a}"), ["a", "a", "b"]);
        let tr = Lang::En.tr();
        assert_eq!(tr.fmt("list.title", &[("year", &2019)]), "Cities in 2019");
        assert_eq!(tr.get("no.such.key"), "no.such.key");
    }
}

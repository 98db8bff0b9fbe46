//! Words in several languages: names of places, labels of statuses.

/// Words in several languages: `(BCP 47 code, text)`, in the file's order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Texts(pub Vec<(String, String)>);

/// A place's names: `(language, name)`, each language once, at least one when loaded.
pub type Names = Texts;

impl Texts {
    /// The text given in exactly this language (or one of its regional forms), with no
    /// fallback to another.
    pub fn exactly(&self, lang: &str) -> Option<&str> {
        let wanted = primary_subtag(lang);
        self.0
            .iter()
            .find(|(code, _)| code.eq_ignore_ascii_case(lang))
            .or_else(|| {
                self.0
                    .iter()
                    .find(|(code, _)| primary_subtag(code) == wanted)
            })
            .map(|(_, text)| text.as_str())
    }

    /// The text under exactly this tag (no regional or other fallback).
    pub fn tagged(&self, tag: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(code, _)| code == tag)
            .map(|(_, text)| text.as_str())
    }

    /// The text in the first of `langs` it has, else English, else the first given.
    pub fn pick<'a>(&'a self, langs: &[&str]) -> Option<&'a str> {
        langs
            .iter()
            .find_map(|lang| self.exactly(lang))
            .or_else(|| self.exactly("en"))
            .or_else(|| self.0.first().map(|(_, text)| text.as_str()))
    }

    /// Every text, in the file's order.
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(|(_, text)| text.as_str())
    }

    /// The English text, else the first: what the command line and tables call it.
    pub fn reference(&self) -> &str {
        self.pick(&[]).unwrap_or("")
    }

    /// The text in `lang` (matched on the primary language subtag, so `ru` finds
    /// `ru-KZ`), else English, else the first.
    pub fn get(&self, lang: &str) -> Option<&str> {
        self.pick(&[lang])
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// `ru` of `ru-KZ`, lower-cased.
pub fn primary_subtag(code: &str) -> String {
    code.split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_fall_back_by_language_then_english_then_first() {
        let t = Texts(vec![
            ("es".into(), "Marcha".into()),
            ("en".into(), "March".into()),
            ("ru-KZ".into(), "Марш".into()),
        ]);
        assert_eq!(t.get("es"), Some("Marcha"));
        assert_eq!(t.get("ru"), Some("Марш"));
        assert_eq!(t.get("kk"), Some("March"));
        let only = Texts(vec![("zh".into(), "游行".into())]);
        assert_eq!(only.get("en"), Some("游行"));
        assert_eq!(Texts::default().get("en"), None);
    }

    #[test]
    fn names_pick_the_wanted_language_then_english_then_the_first() {
        let n = Texts(vec![
            ("ky".into(), "Бишкек".into()),
            ("zh-Hans".into(), "比什凯克".into()),
        ]);
        assert_eq!(n.pick(&["zh", "en"]), Some("比什凯克"));
        assert_eq!(n.pick(&["kk", "ru"]), Some("Бишкек"));
        assert_eq!(n.exactly("en"), None);
        assert_eq!(n.reference(), "Бишкек");
        assert_eq!(n.iter().count(), 2);
    }
}

//! The few words a figure needs that the interface's language files do not have
//! (credits, the callout's source line). Status labels come from the dataset's
//! vocabulary and the interface (`i18n::Strings::status`), never from here.

use crate::i18n::Lang;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Word {
    /// `{id}`, `{version}`
    Data,
    /// `{years}`, `{n}`
    Publishers,
    Basemap,
    /// `{publisher}`, `{date}`
    Source,
}

fn text(lang: Lang, word: Word) -> &'static str {
    match (lang, word) {
        (Lang::En, Word::Data) => "Data: {id}, version {version}",
        (Lang::En, Word::Publishers) => "Publishers cited for {years}: {n}",
        (Lang::En, Word::Basemap) => "Basemap: Natural Earth (public domain)",
        (Lang::En, Word::Source) => "Source: {publisher}, {date}",
        (Lang::Ru, Word::Data) => "Данные: {id}, версия {version}",
        (Lang::Ru, Word::Publishers) => "Цитируемых изданий за {years}: {n}",
        (Lang::Ru, Word::Basemap) => "Основа карты: Natural Earth (общественное достояние)",
        (Lang::Ru, Word::Source) => "Источник: {publisher}, {date}",
        (Lang::Kk, Word::Data) => "Деректер: {id}, нұсқасы {version}",
        (Lang::Kk, Word::Publishers) => "{years} бойынша дәйексөз алынған басылымдар: {n}",
        (Lang::Kk, Word::Basemap) => "Негізгі карта: Natural Earth (қоғамдық игілік)",
        (Lang::Kk, Word::Source) => "Дереккөз: {publisher}, {date}",
    }
}

/// The words with each `{name}` replaced by its value.
pub(crate) fn say(lang: Lang, word: Word, args: &[(&str, &str)]) -> String {
    let mut out = text(lang, word).to_owned();
    for (name, value) in args {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_has_every_word_with_the_same_placeholders() {
        for word in [Word::Data, Word::Publishers, Word::Basemap, Word::Source] {
            let english = crate::i18n::placeholders(text(Lang::En, word));
            for lang in Lang::ALL {
                assert_eq!(
                    crate::i18n::placeholders(text(lang, word)),
                    english,
                    "{lang} {word:?}"
                );
            }
        }
        assert_eq!(
            say(
                Lang::En,
                Word::Source,
                &[("publisher", "Daryo"), ("date", "2025-04-28")]
            ),
            "Source: Daryo, 2025-04-28"
        );
    }
}

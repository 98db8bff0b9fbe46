//! The top bar's message ("Exported …", "Copied the citation", "Cannot write …"), kept as
//! the key of its words and their values rather than as text, so that it is shown in the
//! interface language of the frame that draws it, even when the language changes after.

use crate::i18n::Strings;

/// A message about the last thing done, and whether it succeeded.
#[derive(Clone, Debug, PartialEq)]
pub struct Message {
    pub ok: bool,
    key: &'static str,
    args: Vec<(&'static str, Arg)>,
}

/// A value put into a message's words.
#[derive(Clone, Debug, PartialEq)]
pub enum Arg {
    /// Shown as it is (a path, a number, an error from the system).
    Text(String),
    /// Words of the interface, looked up in the language shown (e.g. "all years").
    Words(&'static str),
    /// Words of the interface in lower case.
    LowerWords(&'static str),
}

impl Message {
    pub fn success(key: &'static str) -> Self {
        Self {
            ok: true,
            key,
            args: Vec::new(),
        }
    }

    pub fn failure(key: &'static str) -> Self {
        Self {
            ok: false,
            ..Self::success(key)
        }
    }

    /// `{name}` in the words is replaced by `value`.
    pub fn with(mut self, name: &'static str, value: impl std::fmt::Display) -> Self {
        self.args.push((name, Arg::Text(value.to_string())));
        self
    }

    pub fn with_arg(mut self, name: &'static str, value: Arg) -> Self {
        self.args.push((name, value));
        self
    }

    /// The message in `tr`'s language.
    pub fn text(&self, tr: &Strings) -> String {
        let values: Vec<(&str, String)> = self
            .args
            .iter()
            .map(|(name, arg)| {
                let value = match arg {
                    Arg::Text(text) => text.clone(),
                    Arg::Words(key) => tr.get(key).to_owned(),
                    Arg::LowerWords(key) => tr.get(key).to_lowercase(),
                };
                (*name, value)
            })
            .collect();
        let args: Vec<(&str, &dyn std::fmt::Display)> = values
            .iter()
            .map(|(name, value)| (*name, value as &dyn std::fmt::Display))
            .collect();
        tr.fmt(self.key, &args)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn a_message_follows_the_language_it_is_shown_in() {
        let message = Message::success("status.exported")
            .with("format", "CSV")
            .with_arg("what", Arg::LowerWords("export.all_years"))
            .with("path", "/tmp/x.csv");
        let en = message.text(Lang::En.tr());
        let ru = message.text(Lang::Ru.tr());
        assert!(
            en.contains("/tmp/x.csv") && en.contains("all years"),
            "{en}"
        );
        assert!(ru.contains("/tmp/x.csv") && ru.contains("все годы"), "{ru}");
        assert_ne!(en, ru);
    }
}

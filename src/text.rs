//! Small helpers for text shown to people, and for text from files that may lie: blanks
//! that look like names, control characters that rewrite a terminal, characters that
//! reverse what is shown.

use std::borrow::Cow;

/// "1 city", "2 cities".
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Characters that take no space and show nothing: zero-width spaces and joiners, the
/// word joiner and invisible operators, the byte order mark, the soft hyphen.
fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{034F}' | '\u{180E}' | '\u{200B}'..='\u{200F}'
        | '\u{2060}'..='\u{2064}' | '\u{FEFF}')
}

/// Characters that change the direction text is shown in: embeddings, overrides and
/// isolates (U+202A–U+202E, U+2066–U+2069). They can make "cba" show as "abc".
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// True when `text` shows nothing: empty, or only spaces of any kind (including no-break
/// and em spaces) and invisible characters.
pub fn is_blank(text: &str) -> bool {
    text.chars().all(|c| c.is_whitespace() || is_invisible(c))
}

/// Whether `tag` is a well-formed BCP 47 language tag whose language is an ISO 639 code
/// of two or three letters (`en`, `kk`, `zh-Hant`, `es-419`). BCP 47 also allows longer
/// primary subtags, but none is registered: `english` is a slip, not a language.
pub fn is_language_tag(tag: &str) -> bool {
    oxilangtag::LanguageTag::parse(tag).is_ok_and(|t| (2..=3).contains(&t.primary_language().len()))
}

/// The first control character in `text` (NUL, ESC, DEL, C1 controls…), if any; `allow`
/// lists the ones that are fine here (a newline in a summary).
pub fn control_char(text: &str, allow: &[char]) -> Option<char> {
    text.chars().find(|c| c.is_control() && !allow.contains(c))
}

/// The first direction-changing character in `text`, if any.
pub fn bidi_control(text: &str) -> Option<char> {
    text.chars().find(|&c| is_bidi_control(c))
}

/// `text` with control and direction-changing characters written as `\u{1b}`, so that
/// what a file contains can be printed to a terminal without acting on it.
pub fn escape_controls(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| c.is_control() || is_bidi_control(c)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if c.is_control() || is_bidi_control(c) {
            out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Why `url` is not a web link to open, or `None` when it is one: an http(s) address
/// (the scheme in any case) with a host, no user name or password, and no spaces or
/// control characters.
pub fn web_link_problem(url: &str) -> Option<&'static str> {
    if url
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || is_bidi_control(c))
    {
        return Some("contains a space, a line break or a control character");
    }
    let Ok(parsed) = url::Url::parse(url) else {
        return Some("is not a web address");
    };
    if !matches!(parsed.scheme(), "http" | "https") {
        return Some("is not an http(s) address");
    }
    if parsed.host_str().is_none_or(str::is_empty) {
        return Some("has no host");
    }
    if !parsed.username().is_empty() || parsed.password().is_some() {
        return Some("has a user name or password (user@host) in it");
    }
    None
}

/// First characters that make a spreadsheet read a cell as a formula (OWASP's list).
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A plain decimal number such as `-33.4` or `+7`: not a formula, so left as it is.
fn is_plain_number(text: &str) -> bool {
    text.chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '-' | '+' | '.' | 'e' | 'E'))
        && text.parse::<f64>().is_ok()
}

/// Whether `text`, after any leading `'`, would be read by a spreadsheet as a formula.
fn formula_like(text: &str) -> bool {
    let body = text.trim_start_matches('\'');
    body.starts_with(FORMULA_STARTS) && !is_plain_number(body)
}

/// A CSV cell a spreadsheet will not execute: text that starts like a formula gets a
/// leading `'` (numbers such as `-33.4` stay numbers). [`csv_cell_value`] undoes it, so a
/// round trip through the CSV form is lossless.
pub fn csv_cell(text: &str) -> Cow<'_, str> {
    if formula_like(text) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// The value a cell written by [`csv_cell`] stands for.
pub fn csv_cell_value(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if formula_like(rest) => rest,
        _ => cell,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_tags_are_bcp47_with_an_iso_639_language() {
        for good in [
            "en",
            "kk",
            "ky",
            "zh-Hant",
            "es-419",
            "sr-Latn-RS",
            "tzm",
            "en-GB",
        ] {
            assert!(is_language_tag(good), "{good}");
        }
        for bad in [
            "", "english", "e", "en_GB", "zh--Hant", "ru-", "1a", "кк", "from",
        ] {
            assert!(!is_language_tag(bad), "{bad}");
        }
    }

    #[test]
    fn counts_use_the_singular_only_for_one() {
        assert_eq!(count(0, "city", "cities"), "0 cities");
        assert_eq!(count(1, "city", "cities"), "1 city");
        assert_eq!(count(2, "city", "cities"), "2 cities");
    }

    #[test]
    fn invisible_names_are_blank_and_real_ones_are_not() {
        assert!(is_blank(""));
        assert!(is_blank("\u{a0}\u{2003}\u{200b}"));
        assert!(is_blank(" \t\u{feff}"));
        assert!(!is_blank("Алматы"));
        assert!(!is_blank("\u{200b}x"));
    }

    #[test]
    fn controls_and_overrides_are_found_and_escaped() {
        assert_eq!(control_char("a\0b", &[]), Some('\0'));
        assert_eq!(control_char("line\nline", &['\n']), None);
        assert_eq!(bidi_control("abc\u{202e}cba"), Some('\u{202e}'));
        assert_eq!(escape_controls("\x1b[2Jboo"), "\\u{1b}[2Jboo");
        assert_eq!(
            escape_controls("id\nother.geojson: valid"),
            "id\\u{a}other.geojson: valid"
        );
        assert!(matches!(escape_controls("plain"), Cow::Borrowed(_)));
    }

    #[test]
    fn csv_cells_that_look_like_formulas_are_neutralised_and_read_back_the_same() {
        for (value, cell) in [
            ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
            ("+7 701", "'+7 701"),
            ("-", "'-"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
            ("-33.4", "-33.4"),
            ("76.9115", "76.9115"),
            ("'=x", "''=x"),
            ("'quoted", "'quoted"),
            ("Almaty", "Almaty"),
        ] {
            assert_eq!(csv_cell(value), cell, "{value:?}");
            assert_eq!(csv_cell_value(cell), value, "{cell:?}");
        }
    }

    #[test]
    fn only_real_web_addresses_are_links() {
        assert_eq!(web_link_problem("https://daryo.uz/en/2025/04/28/x"), None);
        assert_eq!(web_link_problem("HtTpS://daryo.uz/"), None);
        assert!(web_link_problem("https://").is_some());
        assert!(web_link_problem("https://user@evil.example/").is_some());
        assert!(web_link_problem("https://a b.kz/").is_some());
        assert!(web_link_problem("https://ok.kz/\nx").is_some());
        assert!(web_link_problem("javascript:alert(1)").is_some());
        assert!(web_link_problem("file:///etc/passwd").is_some());
    }
}

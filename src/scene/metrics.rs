//! Sizes: how large text and marks are for a figure's size, and how wide a text is.
//!
//! A scene is laid out before any font is loaded (and an SVG reader may pick another
//! font), so widths are estimated per character, on the generous side of common sans
//! fonts (DejaVu Sans is among the widest): a label placed clear of others stays clear
//! in any of them.

/// Text and mark sizes for one figure, in pixels.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Units {
    /// One "point": the figure's size over that of a figure seen at a column's width.
    pub u: f32,
}

/// A figure this many pixels across, seen at the width of a column (about 650 CSS
/// pixels), shows text at the sizes below unscaled.
const COLUMN_PX: f32 = 650.0;

impl Units {
    pub fn for_size(width: f32, height: f32) -> Self {
        let base = width.min(height * 1.5);
        Self {
            u: (base / COLUMN_PX).clamp(0.5, 6.0),
        }
    }

    pub fn margin(self) -> f32 {
        12.0 * self.u
    }

    pub fn title(self) -> f32 {
        17.0 * self.u
    }

    pub fn subtitle(self) -> f32 {
        13.0 * self.u
    }

    pub fn label(self) -> f32 {
        10.5 * self.u
    }

    pub fn legend(self) -> f32 {
        10.5 * self.u
    }

    pub fn credits(self) -> f32 {
        8.5 * self.u
    }

    pub fn heading(self) -> f32 {
        12.0 * self.u
    }
}

/// The estimated advance of `text` at `size` pixels.
pub(crate) fn text_width(text: &str, size: f32) -> f32 {
    text.chars().map(advance).sum::<f32>() * size
}

/// A character's advance in ems, rounded up from DejaVu Sans and Noto Sans.
fn advance(c: char) -> f32 {
    match c {
        '\u{300}'..='\u{36F}' | '\u{200B}'..='\u{200F}' => 0.0,
        ' ' | '\u{A0}' => 0.33,
        'i' | 'j' | 'l' | '.' | ',' | ':' | ';' | '\'' | '!' | '|' | 'ı' | 'І' | 'і' | 'ї' => {
            0.32
        }
        'f' | 't' | 'r' | '(' | ')' | '[' | ']' | '-' | '/' | '"' | '«' | '»' => 0.42,
        'm' | 'w' | 'ш' | 'щ' | 'ж' | 'ю' | 'ы' | 'м' | 'ф' => 0.9,
        'M' | 'W' | 'Ш' | 'Щ' | 'Ж' | 'Ю' | 'Ы' | 'М' | 'Ф' | '—' | '→' | '%' | '@' => {
            1.0
        }
        '0'..='9' | '–' | '·' => 0.64,
        'a'..='z' => 0.62,
        'A'..='Z' => 0.75,
        '\u{2E80}'..='\u{9FFF}'
        | '\u{AC00}'..='\u{D7AF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{FF00}'..='\u{FFEF}' => 1.05,
        c if c.is_uppercase() => 0.78,
        _ => 0.66,
    }
}

/// `text` broken at spaces into lines no wider than `width` (a word longer than that
/// stays whole on its line).
pub(crate) fn wrap(text: &str, size: f32, width: f32) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let candidate = if line.is_empty() {
            word.to_owned()
        } else {
            format!("{line} {word}")
        };
        if !line.is_empty() && text_width(&candidate, size) > width {
            lines.push(std::mem::replace(&mut line, word.to_owned()));
        } else {
            line = candidate;
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wider_letters_measure_wider_and_wrapping_keeps_every_word() {
        assert!(text_width("WWW", 10.0) > text_width("iii", 10.0));
        assert!((text_width("", 10.0)).abs() < f32::EPSILON);
        let lines = wrap("one two three four five six", 10.0, 40.0);
        assert!(lines.len() > 1, "{lines:?}");
        assert_eq!(lines.join(" "), "one two three four five six");
        assert_eq!(
            wrap("Supercalifragilistic", 10.0, 5.0),
            ["Supercalifragilistic"]
        );
    }
}

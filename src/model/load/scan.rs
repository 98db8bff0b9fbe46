//! A pass over the JSON text before it is parsed, on the slow path only: it finds the
//! values serde_json refuses outright — nesting deeper than it reads, a lone UTF-16
//! surrogate in a `\u` escape, a number too large for a 64-bit float — and blanks each
//! out with text of the same length (so every later line and column stays right), so
//! that one such value does not hide the file's other problems. Each blanked value is
//! reported once, with its place in the text and its field path.
//!
//! The pass is a small state machine over the bytes, not a parser: it keeps no stack
//! deeper than serde_json allows, so a file nested a million levels deep costs one pass.
//! Anything it does not understand (broken syntax) it leaves alone for serde_json to
//! report as before.

/// The deepest nesting of `[` and `{` serde_json reads: its recursion limit is 128, and
/// the 128th opening bracket is the one it refuses. A test checks the two agree.
pub(super) const MAX_DEPTH: usize = 127;

/// At most this many segments of a field path are named; deeper ones are elided.
const PATH_SEGMENTS: usize = 8;

/// What kind of value was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Refusal {
    TooDeep,
    LoneSurrogate(String),
    NumberOutOfRange(String),
}

impl Refusal {
    pub(super) fn message(&self) -> String {
        match self {
            Refusal::TooDeep => format!(
                "invalid JSON: nested too deeply (more than {MAX_DEPTH} levels of [ and {{); \
                 the value is skipped"
            ),
            Refusal::LoneSurrogate(escape) => format!(
                "invalid JSON: the escape {escape} is half of a UTF-16 surrogate pair with no \
                 other half, which stands for no character"
            ),
            Refusal::NumberOutOfRange(number) => format!(
                "invalid JSON: number out of range: {number} is larger than any 64-bit float"
            ),
        }
    }
}

/// One refused value: where it starts (1-based line and column in characters) and the
/// field path leading to it (`features[0].geometry.coordinates`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Found {
    pub(super) line: usize,
    pub(super) column: usize,
    pub(super) path: String,
    pub(super) refusal: Refusal,
}

/// The text with every refused value blanked out (`None` when nothing was refused, so the
/// common case copies nothing), and what was refused, in the order of the text.
pub(super) fn scan(text: &str) -> (Option<String>, Vec<Found>) {
    let mut scanner = Scanner::new(text.as_bytes());
    scanner.run();
    if scanner.patches.is_empty() {
        return (None, scanner.found);
    }
    let mut bytes = text.as_bytes().to_vec();
    for patch in &scanner.patches {
        patch.apply(&mut bytes);
    }
    // Every patch writes ASCII over whole characters or whole ASCII runs, and blanking a
    // span turns its multi-byte characters into spaces byte by byte: still UTF-8.
    let patched = String::from_utf8(bytes).unwrap_or_else(|e| {
        // Unreachable by the argument above; fall back to the original (serde_json then
        // reports the value as it did before this pass existed).
        debug_assert!(false, "patched text is not UTF-8: {e}");
        text.to_owned()
    });
    (Some(patched), scanner.found)
}

enum Patch {
    /// `null` (`0` over a shorter value) followed by spaces over a whole value, keeping
    /// its line breaks.
    Blank { start: usize, end: usize },
    /// A six-byte `\uXXXX` escape replaced by `\uFFFD`, the replacement character.
    Replacement { start: usize },
}

impl Patch {
    fn apply(&self, bytes: &mut [u8]) {
        match *self {
            Patch::Blank { start, end } => {
                // A refused value is at least two bytes (`[]`); `null` needs four.
                let word: &[u8] = if end - start >= 4 { b"null" } else { b"0" };
                for (i, byte) in bytes[start..end].iter_mut().enumerate() {
                    if *byte != b'\n' {
                        *byte = word.get(i).copied().unwrap_or(b' ');
                    }
                }
            }
            Patch::Replacement { start } => {
                bytes[start..start + 6].copy_from_slice(b"\\uFFFD");
            }
        }
    }
}

enum Frame {
    Object { key: Option<String> },
    Array { index: usize },
}

struct Scanner<'a> {
    bytes: &'a [u8],
    at: usize,
    line: usize,
    /// The 1-based column, in characters, of `at`.
    column: usize,
    stack: Vec<Frame>,
    patches: Vec<Patch>,
    found: Vec<Found>,
}

impl<'a> Scanner<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        Scanner {
            bytes,
            at: 0,
            line: 1,
            column: 1,
            stack: Vec::new(),
            patches: Vec::new(),
            found: Vec::new(),
        }
    }

    /// Moves past one byte, keeping the line and column.
    fn bump(&mut self) {
        let byte = self.bytes[self.at];
        self.at += 1;
        if byte == b'\n' {
            self.line += 1;
            self.column = 1;
        } else if byte & 0xC0 != 0x80 {
            self.column += 1;
        }
    }

    fn record(&mut self, line: usize, column: usize, refusal: Refusal) {
        let path = self.path();
        self.found.push(Found {
            line,
            column,
            path,
            refusal,
        });
    }

    fn path(&self) -> String {
        let mut path = String::new();
        for (i, frame) in self.stack.iter().enumerate() {
            if i == PATH_SEGMENTS {
                path.push('…');
                break;
            }
            match frame {
                Frame::Object { key: Some(key) } => {
                    if !path.is_empty() {
                        path.push('.');
                    }
                    path.push_str(key);
                }
                Frame::Object { key: None } => {}
                Frame::Array { index } => path.push_str(&format!("[{index}]")),
            }
        }
        if path.is_empty() {
            path.push_str("(top level)");
        }
        path
    }

    fn run(&mut self) {
        while self.at < self.bytes.len() {
            match self.bytes[self.at] {
                b'"' => self.string(),
                b'[' | b'{' if self.stack.len() >= MAX_DEPTH => self.too_deep(),
                b'[' => {
                    self.stack.push(Frame::Array { index: 0 });
                    self.bump();
                }
                b'{' => {
                    self.stack.push(Frame::Object { key: None });
                    self.bump();
                }
                b']' | b'}' => {
                    self.stack.pop();
                    self.bump();
                }
                b',' => {
                    match self.stack.last_mut() {
                        Some(Frame::Array { index }) => *index += 1,
                        Some(Frame::Object { key }) => *key = None,
                        None => {}
                    }
                    self.bump();
                }
                b'-' | b'0'..=b'9' => self.number(),
                _ => self.bump(),
            }
        }
    }

    /// A string: a key when it names an object's member, checked for lone surrogates.
    fn string(&mut self) {
        let start = self.at;
        let is_key = matches!(self.stack.last(), Some(Frame::Object { key: None }));
        self.bump();
        while self.at < self.bytes.len() {
            match self.bytes[self.at] {
                b'"' => {
                    self.bump();
                    break;
                }
                b'\\' if self.bytes.get(self.at + 1) == Some(&b'u') => self.unicode_escape(),
                b'\\' => {
                    self.bump();
                    if self.at < self.bytes.len() {
                        self.bump();
                    }
                }
                // A raw line break ends a broken string: serde_json reports it.
                b'\n' => break,
                _ => self.bump(),
            }
        }
        if is_key && let Some(Frame::Object { key }) = self.stack.last_mut() {
            let raw = &self.bytes[start + 1..self.at.saturating_sub(1).max(start + 1)];
            *key = Some(String::from_utf8_lossy(raw).into_owned());
        }
    }

    /// The four hex digits after `\u` at `at`, if they are there.
    fn hex_at(&self, at: usize) -> Option<u16> {
        let digits = self.bytes.get(at + 2..at + 6)?;
        if self.bytes.get(at..at + 2) != Some(b"\\u") {
            return None;
        }
        u16::from_str_radix(std::str::from_utf8(digits).ok()?, 16).ok()
    }

    fn unicode_escape(&mut self) {
        let (line, column) = (self.line, self.column);
        let Some(unit) = self.hex_at(self.at) else {
            // Not four hex digits: serde_json reports it.
            self.bump();
            self.bump();
            return;
        };
        let length = match unit {
            0xD800..=0xDBFF => match self.hex_at(self.at + 6) {
                Some(0xDC00..=0xDFFF) => 12,
                _ => 0,
            },
            0xDC00..=0xDFFF => 0,
            _ => 6,
        };
        if length == 0 {
            let escape = String::from_utf8_lossy(&self.bytes[self.at..self.at + 6]).into_owned();
            self.patches.push(Patch::Replacement { start: self.at });
            self.record(line, column, Refusal::LoneSurrogate(escape));
            for _ in 0..6 {
                self.bump();
            }
        } else {
            for _ in 0..length {
                self.bump();
            }
        }
    }

    /// A number: refused when it is finite in the text but not as a 64-bit float.
    fn number(&mut self) {
        let (start, line, column) = (self.at, self.line, self.column);
        while self.at < self.bytes.len()
            && matches!(
                self.bytes[self.at],
                b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9'
            )
        {
            self.bump();
        }
        let text = std::str::from_utf8(&self.bytes[start..self.at]).unwrap_or("");
        // `null` takes four bytes; an overflowing number has at least five ("1e309").
        if text.len() >= 4 && text.parse::<f64>().is_ok_and(f64::is_infinite) {
            self.patches.push(Patch::Blank {
                start,
                end: self.at,
            });
            let shown = if text.chars().count() > 24 {
                format!("{}…", &text[..20])
            } else {
                text.to_owned()
            };
            self.record(line, column, Refusal::NumberOutOfRange(shown));
        }
    }

    /// An opening bracket one level too deep: blanks the whole value up to its matching
    /// closing bracket. A value that never closes is left for serde_json to report.
    fn too_deep(&mut self) {
        let (start, line, column) = (self.at, self.line, self.column);
        let mut depth = 0usize;
        let mut in_string = false;
        let mut escaped = false;
        let mut end = None;
        for (i, &byte) in self.bytes[start..].iter().enumerate() {
            if in_string {
                match byte {
                    _ if escaped => escaped = false,
                    b'\\' => escaped = true,
                    b'"' => in_string = false,
                    _ => {}
                }
                continue;
            }
            match byte {
                b'"' => in_string = true,
                b'[' | b'{' => depth += 1,
                b']' | b'}' => {
                    depth -= 1;
                    if depth == 0 {
                        end = Some(start + i + 1);
                        break;
                    }
                }
                _ => {}
            }
        }
        let Some(end) = end else {
            // Unclosed: step over the bracket and let serde_json say where the file ends.
            self.bump();
            return;
        };
        self.record(line, column, Refusal::TooDeep);
        self.patches.push(Patch::Blank { start, end });
        while self.at < end {
            self.bump();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nested(depth: usize) -> String {
        format!("{{\"a\": {}{}}}", "[".repeat(depth), "]".repeat(depth))
    }

    #[test]
    fn the_depth_limit_is_serde_jsons() {
        // The object itself is one level: MAX_DEPTH - 1 arrays inside it are the deepest
        // serde_json reads, one more it refuses.
        let deepest = nested(MAX_DEPTH - 1);
        assert!(serde_json::from_str::<serde_json::Value>(&deepest).is_ok());
        assert_eq!(scan(&deepest), (None, vec![]));
        let too_deep = nested(MAX_DEPTH);
        let error = serde_json::from_str::<serde_json::Value>(&too_deep).unwrap_err();
        assert!(error.to_string().contains("recursion limit"), "{error}");
        let (patched, found) = scan(&too_deep);
        let patched = patched.expect("blanked");
        assert_eq!(patched.len(), too_deep.len());
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].refusal, Refusal::TooDeep);
        assert_eq!(found[0].path, "a[0][0][0][0][0][0][0]…");
        assert!(serde_json::from_str::<serde_json::Value>(&patched).is_ok());
    }

    #[test]
    fn a_million_levels_cost_one_pass_and_keep_the_rest_of_the_file() {
        let deep = format!(
            "{{\"x\": {}{},\n \"y\": 1e400, \"z\": \"\\uD800\"}}",
            "[".repeat(1_000_000),
            "]".repeat(1_000_000)
        );
        let (patched, found) = scan(&deep);
        let value: serde_json::Value = serde_json::from_str(&patched.unwrap()).unwrap();
        assert!(value["x"].is_array());
        assert_eq!(value["y"], serde_json::Value::Null);
        assert_eq!(value["z"], "\u{FFFD}");
        let places: Vec<_> = found
            .iter()
            .map(|f| (f.line, f.column, f.path.as_str()))
            .collect();
        // x's array of arrays is blanked from the first array too deep, inside x's own.
        assert_eq!(places[1..], [(2, 7, "y"), (2, 20, "z")]);
        assert_eq!(places[0].0, 1);
    }

    #[test]
    fn lone_surrogates_are_refused_and_pairs_are_not() {
        let pair = r#"{"s": "\uD83D\uDE00 and \u00e9"}"#;
        assert_eq!(scan(pair), (None, vec![]));
        for lone in [
            r#"{"s": "\uD800"}"#,
            r#"{"s": "\uDC00"}"#,
            r#"{"s": "\uD800\u0041"}"#,
            r#"{"s": "\ud800x"}"#,
        ] {
            assert!(
                serde_json::from_str::<serde_json::Value>(lone).is_err(),
                "{lone}"
            );
            let (patched, found) = scan(lone);
            let patched = patched.unwrap();
            assert_eq!(found.len(), 1, "{lone}");
            assert_eq!(found[0].path, "s");
            assert_eq!((found[0].line, found[0].column), (1, 8), "{lone}");
            assert!(
                serde_json::from_str::<serde_json::Value>(&patched).is_ok(),
                "{lone}"
            );
        }
    }

    #[test]
    fn only_numbers_too_large_for_a_float_are_refused() {
        for fine in [
            "1e308",
            "-1.7e308",
            "1e-400",
            "123456789012345678901234567890",
            "0",
        ] {
            let text = format!("[{fine}]");
            assert!(
                serde_json::from_str::<serde_json::Value>(&text).is_ok(),
                "{fine}"
            );
            assert_eq!(scan(&text), (None, vec![]), "{fine}");
        }
        for huge in ["1e400", "-1e309", "1E+999", &"9".repeat(400)] {
            let text = format!("[1, {huge}]");
            assert!(
                serde_json::from_str::<serde_json::Value>(&text).is_err(),
                "{huge}"
            );
            let (patched, found) = scan(&text);
            assert_eq!(found.len(), 1, "{huge}");
            assert_eq!(found[0].path, "[1]");
            assert!(found[0].refusal.message().chars().count() < 120);
            let value: serde_json::Value = serde_json::from_str(&patched.unwrap()).unwrap();
            assert_eq!(value[1], serde_json::Value::Null);
        }
    }

    #[test]
    fn strings_that_look_like_json_are_not_read_as_json() {
        let text = r#"{"a": "[[[ 1e400 \"\uD800", "b": [1]}"#;
        let (_, found) = scan(text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].path, "a");
    }

    #[test]
    fn columns_count_characters_and_lines_stay_put() {
        let text = "{\"названия\": [1,\n  \"ё\", 1e999]}";
        let (patched, found) = scan(text);
        assert_eq!(
            (found[0].line, found[0].column, found[0].path.as_str()),
            (2, 8, "названия[2]")
        );
        assert_eq!(patched.unwrap().lines().count(), 2);
    }

    #[test]
    fn broken_syntax_is_left_to_serde_json() {
        for broken in [
            "{\"a\": [[[",
            "{\"a\": \"\\u12",
            "{\"a\": \"x\n",
            "[}",
            "]]]",
            "\\u",
        ] {
            let (patched, _) = scan(broken);
            assert!(patched.is_none(), "{broken:?}");
        }
    }
}

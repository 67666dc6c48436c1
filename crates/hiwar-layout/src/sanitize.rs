//! Step 1: make a paragraph safe to analyse and to draw, without changing what the
//! bidi algorithm sees.
//!
//! The analysis runs on the paragraph's own characters, so each keeps its bidi class:
//! a tab stays a segment separator (class S, rule L1), LF and U+2029 paragraph
//! separators (B), U+2028 whitespace (WS), a control its own class. Only one thing
//! changes before the analysis: the overrides LRO and RLO (U+202D, U+202E) become the
//! embeddings LRE and RLE (U+202A, U+202B). An override makes letters show in an
//! order that is not theirs ("Trojan Source", CVE-2021-42574: text that reads one way
//! and is another), so it is made inert. The embedding keeps the nesting (its PDF
//! still pairs) and each character keeps its own direction. The text an override
//! covered is remembered ([`Sanitized::is_overridden`]), so the reader can mark it:
//! the file tried to reorder it. Both are three bytes in UTF-8, so every byte offset
//! of the sanitized text is the original's.
//!
//! What is drawn is decided per character, after the analysis ([`drawn`]):
//! - a tab is [`TAB_COLUMNS`] blank columns;
//! - line separators (LF, CR LF, VT, FF, NEL, U+2028, U+2029) are mandatory line
//!   breaks and get no cell ([`is_line_separator`]);
//! - every other C0 control and DEL is drawn as its control picture (U+2400 block:
//!   `ESC` draws as `␛`, a bare CR as `␍`); C1 controls (U+0080–U+009F, among them the
//!   8-bit CSI U+009B) as U+FFFD. Nothing that a terminal would act on is written.
//! - bidi formatting characters take part in the analysis and get no cell.

use std::borrow::Cow;
use std::ops::Range;

/// Columns a tab takes.
pub const TAB_COLUMNS: usize = 4;

/// A sanitized paragraph: the text the analysis runs on (same byte offsets as the
/// original) and the stretches an override covered.
#[derive(Clone, Debug)]
pub struct Sanitized<'a> {
    /// The text with its overrides made embeddings (borrowed when it had none).
    pub text: Cow<'a, str>,
    /// Stretches of `text` an override (made inert) covered. Sorted.
    overridden: Vec<Range<usize>>,
}

impl Sanitized<'_> {
    /// True if the char at `pos` of `text` was under a directional override.
    pub fn is_overridden(&self, pos: usize) -> bool {
        if self.overridden.is_empty() {
            return false;
        }
        let i = self.overridden.partition_point(|r| r.end <= pos);
        self.overridden.get(i).is_some_and(|r| r.contains(&pos))
    }
}

/// How a character of the paragraph is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Drawn {
    /// As itself (shaped and mirrored).
    Itself,
    /// As this symbol instead: a control picture, or U+FFFD.
    Symbol(char),
    /// As [`TAB_COLUMNS`] blank columns.
    Tab,
    /// Not at all: it ends the line (a mandatory break).
    LineBreak,
}

/// Line separators: mandatory line breaks inside a paragraph (with CR LF, which
/// [`drawn`] sees as its CR). A bare CR is not one: it is drawn as `␍`.
#[inline]
pub fn is_line_separator(c: char) -> bool {
    matches!(
        c,
        '\n' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

/// How `c` is drawn; `crlf` tells a CR that is followed by LF (one line break).
#[inline]
pub fn drawn(c: char, crlf: bool) -> Drawn {
    match c {
        '\u{20}'..='\u{7E}' | '\u{A0}'..='\u{2027}' | '\u{202A}'.. => Drawn::Itself,
        '\t' => Drawn::Tab,
        '\r' if crlf => Drawn::LineBreak,
        _ if is_line_separator(c) => Drawn::LineBreak,
        '\u{7F}' => Drawn::Symbol('\u{2421}'),
        // U+2400..U+241F, one for each C0 control.
        '\0'..='\u{1F}' => Drawn::Symbol(char::from_u32(0x2400 + c as u32).unwrap_or('\u{FFFD}')),
        '\u{80}'..='\u{9F}' => Drawn::Symbol('\u{FFFD}'),
        _ => Drawn::Itself,
    }
}

/// Sanitizes one paragraph. Text with no override is borrowed as it is.
pub fn sanitize(text: &str) -> Sanitized<'_> {
    // U+202D and U+202E are E2 80 AD and E2 80 AE: a byte search first.
    let has_override = text.as_bytes().contains(&0xE2) && text.contains(['\u{202D}', '\u{202E}']);
    if !has_override {
        return Sanitized {
            text: Cow::Borrowed(text),
            overridden: Vec::new(),
        };
    }
    let mut out = String::with_capacity(text.len());
    let mut overrides = OverrideTracker::default();
    for (i, c) in text.char_indices() {
        overrides.char(c, i);
        out.push(match c {
            '\u{202D}' => '\u{202A}',
            '\u{202E}' => '\u{202B}',
            c => c,
        });
    }
    debug_assert_eq!(out.len(), text.len());
    let overridden = overrides.finish(out.len());
    Sanitized {
        text: Cow::Owned(out),
        overridden,
    }
}

/// Follows the explicit embedding stack (UAX #9 X1–X8, in outline) to find what an
/// override covers: from the override to its PDF, to the PDI that closes an
/// enclosing isolate, to a paragraph separator (X8), or to the end of the paragraph.
#[derive(Default)]
struct OverrideTracker {
    /// Open initiators: `Some(is_override)` for embeddings and overrides, `None` for
    /// isolates.
    stack: Vec<Option<bool>>,
    /// Overrides on the stack.
    depth: usize,
    /// Where the current overridden stretch began.
    start: usize,
    ranges: Vec<Range<usize>>,
}

/// Deeper nesting overflows (rule X5 and its like): ignored, as UAX #9 ignores it.
const MAX_DEPTH: usize = 125;

impl OverrideTracker {
    /// Takes the char `c`, which is at `pos` in the text.
    fn char(&mut self, c: char, pos: usize) {
        let before = self.depth;
        match c {
            '\u{202A}' | '\u{202B}' | '\u{202D}' | '\u{202E}' if self.stack.len() < MAX_DEPTH => {
                let is_override = matches!(c, '\u{202D}' | '\u{202E}');
                self.stack.push(Some(is_override));
                self.depth += usize::from(is_override);
            }
            '\u{2066}' | '\u{2067}' | '\u{2068}' if self.stack.len() < MAX_DEPTH => {
                self.stack.push(None);
            }
            '\u{202C}' => {
                if let Some(&Some(is_override)) = self.stack.last() {
                    self.stack.pop();
                    self.depth -= usize::from(is_override);
                }
            }
            '\u{2069}' if self.stack.contains(&None) => {
                while let Some(entry) = self.stack.pop() {
                    match entry {
                        None => break,
                        Some(is_override) => self.depth -= usize::from(is_override),
                    }
                }
            }
            // Paragraph separators (class B) end every embedding (rule X8).
            '\n' | '\r' | '\u{1C}'..='\u{1E}' | '\u{85}' | '\u{2029}' => {
                self.stack.clear();
                self.depth = 0;
            }
            _ => {}
        }
        if before == 0 && self.depth > 0 {
            self.start = pos;
        } else if before > 0 && self.depth == 0 {
            self.ranges.push(self.start..pos);
        }
    }

    fn finish(mut self, end: usize) -> Vec<Range<usize>> {
        if self.depth > 0 {
            self.ranges.push(self.start..end);
        }
        self.ranges
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_override_is_made_inert_and_remembered() {
        let text = "a\u{202E}nimda\u{202C}b";
        let s = sanitize(text);
        assert_eq!(s.text, "a\u{202B}nimda\u{202C}b");
        let marked: String = s
            .text
            .char_indices()
            .filter(|&(i, _)| s.is_overridden(i))
            .map(|(_, c)| c)
            .collect();
        assert_eq!(marked, "\u{202B}nimda");
        // Embeddings are not marked; an isolate's PDI ends an override inside it.
        let s = sanitize("\u{202B}x\u{202C}\u{2067}\u{202D}y\u{2069}z");
        assert!(!s.is_overridden(3));
        let y = s.text.find('y').expect("y");
        let z = s.text.find('z').expect("z");
        assert!(s.is_overridden(y));
        assert!(!s.is_overridden(z));
        // No PDF: to the end of the paragraph, or to a paragraph separator.
        let s = sanitize("\u{202D}abc");
        assert!(s.is_overridden(s.text.len() - 1));
        let s = sanitize("\u{202D}ab\ncd");
        assert!(s.is_overridden(3));
        assert!(!s.is_overridden(s.text.len() - 1));
    }

    #[test]
    fn only_overrides_change_and_offsets_stay() {
        for text in [
            "a\tb\nc\r\nd\u{1b}[2J\u{9b}\u{7f}",
            "\u{202D}x\u{202E}y\u{202C}",
        ] {
            let s = sanitize(text);
            assert_eq!(s.text.len(), text.len());
            let unchanged: String = text
                .chars()
                .map(|c| match c {
                    '\u{202D}' => '\u{202A}',
                    '\u{202E}' => '\u{202B}',
                    c => c,
                })
                .collect();
            assert_eq!(s.text, unchanged);
        }
        assert!(matches!(sanitize("a\tb").text, Cow::Borrowed(_)));
    }

    #[test]
    fn controls_are_drawn_as_symbols_and_separators_break() {
        assert_eq!(drawn('a', false), Drawn::Itself);
        assert_eq!(drawn('\t', false), Drawn::Tab);
        assert_eq!(drawn('\u{1b}', false), Drawn::Symbol('\u{241B}'));
        assert_eq!(drawn('\0', false), Drawn::Symbol('\u{2400}'));
        assert_eq!(drawn('\r', false), Drawn::Symbol('\u{240D}'));
        assert_eq!(drawn('\r', true), Drawn::LineBreak);
        assert_eq!(drawn('\u{7f}', false), Drawn::Symbol('\u{2421}'));
        assert_eq!(drawn('\u{9b}', false), Drawn::Symbol('\u{FFFD}'));
        for c in ['\n', '\u{0B}', '\u{0C}', '\u{85}', '\u{2028}', '\u{2029}'] {
            assert_eq!(drawn(c, false), Drawn::LineBreak, "{c:?}");
        }
        // Nothing below U+00A0 but printable ASCII is drawn as itself.
        for c in ('\0'..'\u{A0}').filter(|c| !(' '..='~').contains(c)) {
            assert_ne!(drawn(c, false), Drawn::Itself, "{c:?}");
        }
    }
}

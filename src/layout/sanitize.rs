//! Step 1: make a paragraph safe to analyse and to draw.
//!
//! - A tab becomes four spaces.
//! - Line separators (LF, CR LF, VT, FF, NEL, U+2028, U+2029) become U+2028 LINE
//!   SEPARATOR: a mandatory break (UAX #14 class BK) that keeps the text one bidi
//!   paragraph (class WS), so the paragraph has one direction. They get no cell.
//! - Every other C0 control and DEL becomes its control picture (U+2400 block:
//!   `ESC` draws as `␛`, a bare CR as `␍`); C1 controls (U+0080–U+009F, among them the
//!   8-bit CSI U+009B) become U+FFFD. Nothing that a terminal would act on survives.
//! - Bidi formatting characters stay: they take part in the analysis; the layout
//!   gives them no cell. But the overrides LRO and RLO (U+202D, U+202E) become the
//!   embeddings LRE and RLE (U+202A, U+202B): an override makes letters show in an
//!   order that is not theirs ("Trojan Source", CVE-2021-42574: text that reads
//!   one way and is another), so it is made inert. The embedding keeps the
//!   nesting (its PDF still pairs) and each character keeps its own direction.
//!   The text an override covered is remembered ([`Sanitized::is_overridden`]), so
//!   the reader can mark it: the file tried to reorder it.
//!
//! The result keeps, for each of its bytes, where it came from in the original text.

use std::borrow::Cow;
use std::ops::Range;

/// What a line separator becomes for the analysis.
pub const LINE_BREAK: char = '\u{2028}';

/// A sanitized paragraph and the way back to the original bytes.
#[derive(Clone, Debug)]
pub struct Sanitized<'a> {
    pub text: Cow<'a, str>,
    /// Each replacement made: where it is in `text`, where it came from. Sorted.
    replaced: Vec<(Range<usize>, Range<usize>)>,
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

    /// The original byte range of the sanitized char(s) at `range`.
    pub fn source(&self, range: Range<usize>) -> Range<usize> {
        if self.replaced.is_empty() {
            return range;
        }
        self.map(range.start, false)..self.map(range.end, true)
    }

    /// Maps a position of `text` back; `end` chooses, inside a replacement, the end
    /// of its source rather than the start.
    fn map(&self, pos: usize, end: bool) -> usize {
        let i = self
            .replaced
            .partition_point(|(t, _)| if end { t.start < pos } else { t.start <= pos });
        let Some((text, source)) = i.checked_sub(1).map(|i| &self.replaced[i]) else {
            return pos;
        };
        if pos < text.end || (end && pos == text.end) {
            if end { source.end } else { source.start }
        } else {
            source.end + (pos - text.end)
        }
    }
}

/// What a char becomes, if it must change.
fn replacement(c: char) -> Option<&'static str> {
    Some(match c {
        '\t' => "    ",
        '\n' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2029}' => "\u{2028}",
        '\u{7F}' => "\u{2421}",
        '\0'..='\u{1F}' => CONTROL_PICTURES[c as usize],
        '\u{80}'..='\u{9F}' => "\u{FFFD}",
        '\u{202D}' => "\u{202A}",
        '\u{202E}' => "\u{202B}",
        _ => return None,
    })
}

/// U+2400..U+241F, one for each C0 control.
const CONTROL_PICTURES: [&str; 32] = [
    "\u{2400}", "\u{2401}", "\u{2402}", "\u{2403}", "\u{2404}", "\u{2405}", "\u{2406}", "\u{2407}",
    "\u{2408}", "\u{2409}", "\u{240A}", "\u{240B}", "\u{240C}", "\u{240D}", "\u{240E}", "\u{240F}",
    "\u{2410}", "\u{2411}", "\u{2412}", "\u{2413}", "\u{2414}", "\u{2415}", "\u{2416}", "\u{2417}",
    "\u{2418}", "\u{2419}", "\u{241A}", "\u{241B}", "\u{241C}", "\u{241D}", "\u{241E}", "\u{241F}",
];

/// Sanitizes one paragraph. Text that needs no change is borrowed as it is.
pub fn sanitize(text: &str) -> Sanitized<'_> {
    let needs = text
        .bytes()
        .any(|b| b < 0x20 || b == 0x7F || b == 0xC2 || b == 0xE2);
    let first = if needs {
        text.char_indices().find(|&(_, c)| replacement(c).is_some())
    } else {
        None
    };
    let Some((first, _)) = first else {
        return Sanitized {
            text: Cow::Borrowed(text),
            replaced: Vec::new(),
            overridden: Vec::new(),
        };
    };
    let mut out = String::with_capacity(text.len() + 16);
    out.push_str(&text[..first]);
    let mut replaced = Vec::new();
    let mut overrides = OverrideTracker::default();
    overrides.scan(&text[..first], 0);
    let mut chars = text[first..]
        .char_indices()
        .map(|(i, c)| (i + first, c))
        .peekable();
    while let Some((i, c)) = chars.next() {
        overrides.char(c, out.len());
        match replacement(c) {
            Some(r) => {
                let mut end = i + c.len_utf8();
                // CR LF is one line break.
                if c == '\r' && chars.peek().is_some_and(|&(_, n)| n == '\n') {
                    chars.next();
                    end += 1;
                    let start = out.len();
                    out.push(LINE_BREAK);
                    replaced.push((start..out.len(), i..end));
                    continue;
                }
                let start = out.len();
                out.push_str(r);
                replaced.push((start..out.len(), i..end));
            }
            None => out.push(c),
        }
    }
    let overridden = overrides.finish(out.len());
    Sanitized {
        text: Cow::Owned(out),
        replaced,
        overridden,
    }
}

/// Follows the explicit embedding stack (UAX #9 X1–X8, in outline) to find what an
/// override covers: from the override to its PDF, to the PDI that closes an
/// enclosing isolate, or to the end of the paragraph.
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
    fn scan(&mut self, text: &str, offset: usize) {
        for (i, c) in text.char_indices() {
            self.char(c, offset + i);
        }
    }

    /// Takes the char `c`, which is at `pos` in the sanitized text.
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
        // No PDF: to the end of the paragraph.
        let s = sanitize("\u{202D}abc");
        assert!(s.is_overridden(s.text.len() - 1));
    }
}

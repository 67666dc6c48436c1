//! Search: an Arabic-aware normaliser with a map back to the source bytes, and the
//! search of a whole interview.
//!
//! Matching is done on the logical text, never on the visual lines: each paragraph is
//! folded ([`normalize_into`]), the folded query is looked for in it, and each match is
//! mapped back to a byte range of the original paragraph. The widgets then paint every
//! cell whose source range meets a match, whatever the shaping, wrapping and
//! reordering made of it.
//!
//! The folding is what Arabic search engines do (Lucene's `ArabicNormalizer`), plus
//! digits and case:
//! - harakat (U+064B–U+065F, U+0670) and tatweel (U+0640) are ignored;
//! - أ إ آ ٱ match ا; ى matches ي; ة matches ه;
//! - Arabic-Indic (U+0660–U+0669) and Eastern Arabic-Indic (U+06F0–U+06F9) digits
//!   match ASCII digits;
//! - letters match whatever their case (Latin, and any other script with case);
//! - invisible format characters (ZWJ, ZWNJ, the bidi marks, embeddings and isolates,
//!   soft hyphen, BOM) are ignored, and a run of white space matches any run.
//!
//! Nothing else folds: hamza on waw or yeh (ؤ ئ), a lone hamza (ء), Persian letters
//! (ی ک) keep their identity.

use crate::document::Interview;

use crate::document::passages;

/// What one character of a text becomes in the folded text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Folded {
    /// Not searched at all (a haraka, tatweel, an invisible format character).
    Ignored,
    /// White space: one space for a whole run.
    Space,
    /// One character (itself or its folded form).
    Char(char),
    /// A letter with case: its lowercase (one or more characters).
    Lower(char),
}

fn fold(c: char) -> Folded {
    match c {
        'A'..='Z' => Folded::Char(c.to_ascii_lowercase()),
        _ if c.is_ascii_whitespace() => Folded::Space,
        _ if c.is_ascii() => Folded::Char(c),
        // The Arabic block first: most of an Arabic text, and no table lookups.
        '\u{0600}'..='\u{06FF}' => fold_arabic(c),
        // Invisible: soft hyphen, ZWSP..RLM, LRE..RLO, word joiner and the invisible
        // operators, LRI..PDI, BOM.
        '\u{00AD}'
        | '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{2069}'
        | '\u{FEFF}' => Folded::Ignored,
        _ if c.is_whitespace() => Folded::Space,
        _ if c.is_uppercase() => Folded::Lower(c),
        _ => Folded::Char(c),
    }
}

/// The folding of the Arabic block, U+0600–U+06FF.
fn fold_arabic(c: char) -> Folded {
    match c {
        // Harakat, the superscript alef, tatweel, ALM.
        '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}' | '\u{061C}' => Folded::Ignored,
        // Alef with hamza above or below, with madda, alef wasla.
        '\u{0622}' | '\u{0623}' | '\u{0625}' | '\u{0671}' => Folded::Char('\u{0627}'),
        // Alef maksura → yeh; teh marbuta → heh.
        '\u{0649}' => Folded::Char('\u{064A}'),
        '\u{0629}' => Folded::Char('\u{0647}'),
        '\u{0660}'..='\u{0669}' => digit(c as u32 - 0x0660),
        '\u{06F0}'..='\u{06F9}' => digit(c as u32 - 0x06F0),
        _ => Folded::Char(c),
    }
}

fn digit(value: u32) -> Folded {
    Folded::Char(char::from_digit(value, 10).unwrap_or('0'))
}

/// The characters of the Arabic block (U+0600–U+06FF) that fold (a bit each, by
/// their last byte): harakat, superscript alef, tatweel, ALM, the alef forms, alef
/// maksura, teh marbuta, both sets of digits. One lookup, no branch per letter.
const ARABIC_FOLDS: [u64; 4] = {
    let mut bits = [0u64; 4];
    let mut c = 0x0600;
    while c <= 0x06FF {
        let folds = matches!(
            c,
            0x064B..=0x065F
                | 0x0670
                | 0x0640
                | 0x061C
                | 0x0622
                | 0x0623
                | 0x0625
                | 0x0671
                | 0x0649
                | 0x0629
                | 0x0660..=0x0669
                | 0x06F0..=0x06F9
        );
        if folds {
            let k = c - 0x0600;
            bits[k / 64] |= 1 << (k % 64);
        }
        c += 1;
    }
    bits
};

/// Whether a character of the Arabic block, by its offset from U+0600, folds to
/// itself.
fn arabic_stays(offset: u32) -> bool {
    ARABIC_FOLDS[(offset / 64) as usize & 3] & (1 << (offset % 64)) == 0
}

/// The way back from folded text to its source: segments of the folded text, each
/// either copied as it is from the source or one folded character.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SourceMap {
    /// (start in the folded text, start in the source, copied as it is), in order.
    segments: Vec<(u32, u32, bool)>,
    folded_len: usize,
    source_len: usize,
}

impl SourceMap {
    fn clear(&mut self) {
        self.segments.clear();
    }

    /// The segment holding folded byte `pos`.
    fn segment(&self, pos: usize) -> Option<usize> {
        self.segments
            .partition_point(|&(at, _, _)| at as usize <= pos)
            .checked_sub(1)
    }

    /// Where the folded byte `pos` (on a character boundary) came from.
    fn start_of(&self, pos: usize) -> usize {
        match self.segment(pos).map(|k| self.segments[k]) {
            Some((at, source, true)) => source as usize + (pos - at as usize),
            Some((_, source, false)) => source as usize,
            None => self.source_len,
        }
    }

    /// The source range of the folded bytes `start..end`. It ends where the next
    /// searched character starts, so it takes in the harakat and tatweel that follow
    /// the last letter matched: they belong to it. A match that ends inside the
    /// expansion of one character (a lowercase of several characters) covers that
    /// whole character.
    pub fn source_range(&self, start: usize, end: usize) -> std::ops::Range<usize> {
        let from = self.start_of(start);
        if end >= self.folded_len {
            return from..self.source_len;
        }
        let to = match self.segment(end) {
            Some(k) => {
                let (at, source, copied) = self.segments[k];
                if copied || at as usize == end {
                    source as usize + (end - at as usize) * usize::from(copied)
                } else {
                    // Inside one folded character: on to the next.
                    self.segments
                        .get(k + 1)
                        .map_or(self.source_len, |&(_, next, _)| next as usize)
                }
            }
            None => self.source_len,
        };
        from..to
    }
}

/// Folds `text` into `out` (cleared first), and with `map`, records the way back.
///
/// Most of a text stays as it is: those bytes are copied in runs, and only the
/// characters that fold are looked at one by one.
pub fn normalize_into(text: &str, out: &mut String, mut map: Option<&mut SourceMap>) {
    out.clear();
    if let Some(map) = map.as_deref_mut() {
        map.clear();
    }
    let bytes = text.as_bytes();
    let mut after_space = false;
    // Bytes from `run` to `i` are copied as they are.
    let mut run = 0;
    let mut i = 0;
    let copy = |out: &mut String, map: &mut Option<&mut SourceMap>, from: usize, to: usize| {
        if from < to {
            if let Some(map) = map.as_deref_mut() {
                map.segments.push((out.len() as u32, from as u32, true));
            }
            out.push_str(&text[from..to]);
        }
    };
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            if b == b' ' && !after_space {
                after_space = true;
                i += 1;
                continue;
            }
            if !b.is_ascii_uppercase() && !b.is_ascii_whitespace() {
                after_space = false;
                i += 1;
                continue;
            }
        } else if (0xD8..=0xDB).contains(&b) && i + 1 < bytes.len() {
            // U+0600–U+06FF in two bytes: the offset from U+0600.
            let offset = (u32::from(b & 0x03) << 6) | u32::from(bytes[i + 1] & 0x3F);
            if arabic_stays(offset) {
                after_space = false;
                i += 2;
                continue;
            }
        }
        copy(out, &mut map, run, i);
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        let folded_at = out.len();
        match fold(c) {
            Folded::Ignored => {}
            Folded::Space => {
                if !after_space {
                    out.push(' ');
                    after_space = true;
                }
            }
            Folded::Char(f) => {
                out.push(f);
                after_space = false;
            }
            Folded::Lower(c) => {
                out.extend(c.to_lowercase());
                after_space = false;
            }
        }
        if out.len() > folded_at
            && let Some(map) = map.as_deref_mut()
        {
            map.segments.push((folded_at as u32, i as u32, false));
        }
        i += c.len_utf8();
        run = i;
    }
    copy(out, &mut map, run, bytes.len());
    if let Some(map) = map {
        map.folded_len = out.len();
        map.source_len = text.len();
    }
}

/// The folded form of a text (the query, in particular).
pub fn normalize(text: &str) -> String {
    let mut out = String::new();
    normalize_into(text, &mut out, None);
    out
}

/// One match: where it is (item of the questions pane, passage of that item) and its
/// byte range in the passage's text. Ordered as the reader meets them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Match {
    pub item: u32,
    pub passage: u32,
    pub start: u32,
    pub end: u32,
}

impl Match {
    pub fn item(&self) -> usize {
        self.item as usize
    }

    pub fn passage(&self) -> usize {
        self.passage as usize
    }

    pub fn range(&self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }

    /// Whether the match covers any byte of `range` (of the same passage).
    pub fn meets(&self, range: &std::ops::Range<usize>) -> bool {
        (self.start as usize) < range.end && range.start < self.end as usize
    }
}

/// Buffers reused from one paragraph to the next.
#[derive(Default)]
pub struct Searcher {
    folded: String,
    map: SourceMap,
    found: Vec<(usize, usize)>,
}

impl Searcher {
    /// Appends the matches of the folded `needle` in `text` to `out`, as source ranges.
    pub fn find(&mut self, needle: &str, text: &str, mut out: impl FnMut(usize, usize)) {
        if needle.is_empty() {
            return;
        }
        // Fold once without the map (most paragraphs have no match), then again with
        // it where there is one.
        normalize_into(text, &mut self.folded, None);
        self.found.clear();
        self.found.extend(
            self.folded
                .match_indices(needle)
                .map(|(at, m)| (at, at + m.len())),
        );
        if self.found.is_empty() {
            return;
        }
        normalize_into(text, &mut self.folded, Some(&mut self.map));
        for &(start, end) in &self.found {
            let range = self.map.source_range(start, end);
            out(range.start, range.end);
        }
    }
}

/// Every match of `query` in the interview (introduction, questions, answers; not the
/// title or the speakers' names), in reading order.
pub fn search(interview: &Interview, query: &str) -> Vec<Match> {
    let needle = normalize(query);
    let mut matches = Vec::new();
    if needle.is_empty() {
        return matches;
    }
    let mut searcher = Searcher::default();
    for index in 0..passages::item_count(interview) {
        let item = passages::item(interview, index);
        for (p, passage) in passages::passages(interview, item).iter().enumerate() {
            searcher.find(&needle, passage.text, |start, end| {
                matches.push(Match {
                    item: index as u32,
                    passage: p as u32,
                    start: start as u32,
                    end: end as u32,
                });
            });
        }
    }
    matches
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(query: &str, text: &str) -> Vec<(usize, usize)> {
        let mut found = Vec::new();
        Searcher::default().find(&normalize(query), text, |s, e| found.push((s, e)));
        found
    }

    fn matches(query: &str, text: &str) -> Vec<String> {
        find(query, text)
            .into_iter()
            .map(|(s, e)| text[s..e].to_string())
            .collect()
    }

    #[test]
    fn harakat_and_tatweel_are_ignored() {
        // أيضًا with tanween fath; كـتـاب with tatweel; shadda, sukun, superscript alef.
        assert_eq!(normalize("ضًا"), "ضا");
        assert_eq!(normalize("كـتـاب"), "كتاب");
        assert_eq!(normalize("مُحَمَّدٌ"), "محمد");
        assert_eq!(normalize("هٰذا"), "هذا");
        for mark in ('\u{064B}'..='\u{065F}').chain(['\u{0670}', '\u{0640}']) {
            assert_eq!(
                normalize(&format!("ب{mark}ت")),
                "بت",
                "U+{:04X}",
                mark as u32
            );
        }
    }

    #[test]
    fn alef_forms_fold_to_bare_alef() {
        for alef in ['أ', 'إ', 'آ', 'ٱ'] {
            assert_eq!(normalize(&format!("{alef}سيا")), "اسيا", "{alef}");
        }
    }

    #[test]
    fn alef_maksura_teh_marbuta_and_digits_fold() {
        assert_eq!(normalize("الوسطى"), "الوسطي");
        assert_eq!(normalize("مدرسة"), "مدرسه");
        assert_eq!(normalize("٢٠١٣"), "2013");
        assert_eq!(normalize("۲۰۱۳"), "2013");
        assert_eq!(normalize("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹"), "01234567890123456789");
    }

    #[test]
    fn letters_match_whatever_their_case() {
        assert_eq!(normalize("Belt AND Road"), "belt and road");
        assert_eq!(normalize("ÉTÉ Straße"), "été straße");
        assert_eq!(matches("belt", "the BELT and Belt"), ["BELT", "Belt"]);
    }

    #[test]
    fn invisible_characters_are_ignored_and_spaces_collapse() {
        assert_eq!(normalize("می\u{200C}خواهم"), "میخواهم");
        assert_eq!(normalize("a\u{200F}b\u{2067}c\u{2069}"), "abc");
        assert_eq!(normalize("a \t\n  b\u{00A0}c"), "a b c");
    }

    #[test]
    fn nothing_else_folds() {
        // Hamza on waw and yeh, lone hamza, waw, yeh, heh, Persian yeh and keheh, kaf,
        // Latin digits and punctuation, other Arabic letters: each is itself.
        for text in [
            "ؤ", "ئ", "ء", "و", "ي", "ه", "ی", "ک", "ك", "ت", "ا", "لا", "٪", "،", "؟", "!", "7",
            "ß", "é", "α", "ж", "א",
        ] {
            assert_eq!(normalize(text), text, "{text} must not fold");
        }
        assert!(find("ئ", "ي").is_empty());
        assert!(find("ؤ", "و").is_empty());
        assert!(find("ه", "ت").is_empty(), "ة folds to ه, not ت to ه");
        assert!(find("ا", "ء").is_empty());
        assert!(find("ي", "ی").is_empty());
    }

    #[test]
    fn a_query_without_harakat_or_hamza_finds_the_written_word() {
        assert_eq!(matches("ايضا", "وهو أيضًا مهم"), ["أيضًا"]);
        assert_eq!(
            matches("اسيا الوسطي", "دول آسيا الوسطى، وآسيا  الوسطى"),
            ["آسيا الوسطى", "آسيا  الوسطى"]
        );
        // And the other way round: harakat in the query are ignored too.
        assert_eq!(matches("أَيْضًا", "ايضا"), ["ايضا"]);
        assert_eq!(matches("2013", "عام ٢٠١٣ و2013"), ["٢٠١٣", "2013"]);
    }

    #[test]
    fn a_match_with_harakat_inside_maps_to_the_right_source_range() {
        // "أيضًا": أ(2) ي(2) ض(2) ً(2) ا(2) after "وهو " (7 bytes).
        let text = "وهو أيضًا مهم";
        assert_eq!(find("ايضا", text), [(7, 17)]);
        // A match ending on ض takes in its tanween: the mark belongs to the letter.
        assert_eq!(find("ايض", text), [(7, 15)]);
        assert_eq!(&text[7..15], "أيضً");
        // A match starting after the marks of the letter before it.
        assert_eq!(find("ا م", text), [(15, 20)]);
        // Tatweel inside: كـتاب.
        let text = "ال كـتاب";
        assert_eq!(find("كتاب", text), [(5, 15)]);
        assert_eq!(&text[5..15], "كـتاب");
    }

    #[test]
    fn the_fast_path_folds_as_the_table_does() {
        // Every character of the Arabic block, through the byte fast path and through
        // `fold`, one at a time.
        for c in (0x0600..=0x06FF).filter_map(char::from_u32) {
            let expected = match fold(c) {
                Folded::Ignored => String::new(),
                Folded::Char(f) => f.to_string(),
                Folded::Space | Folded::Lower(_) => unreachable!("U+{:04X}", c as u32),
            };
            assert_eq!(normalize(&c.to_string()), expected, "U+{:04X}", c as u32);
            assert_eq!(arabic_stays(c as u32 - 0x0600), expected == c.to_string());
        }
    }

    #[test]
    fn the_map_leads_every_folded_byte_back_to_its_source() {
        // 'A' folds, the tanween is ignored, " B" is copied and folded.
        let text = "Aً xB";
        let mut out = String::new();
        let mut map = SourceMap::default();
        normalize_into(text, &mut out, Some(&mut map));
        assert_eq!(out, "a xb");
        assert_eq!(map.source_range(0, 1), 0..3, "a and its mark");
        assert_eq!(map.source_range(1, 3), 3..5, "the copied space and x");
        assert_eq!(map.source_range(3, 4), 5..6, "the last letter, folded");
        assert_eq!(map.source_range(0, 4), 0..6);
    }

    #[test]
    fn a_match_inside_a_multi_character_lowercase_covers_the_character() {
        // U+0130 lowercases to "i\u{307}": a match of "i" covers the whole İ.
        let text = "xİy";
        assert_eq!(find("i", text), [(1, 3)]);
    }

    #[test]
    fn empty_or_mark_only_queries_find_nothing() {
        assert!(find("", "abc").is_empty());
        assert!(find("\u{064E}", "بَ").is_empty());
    }

    #[test]
    fn the_builtin_interview_is_searched_everywhere_but_titles_and_names() {
        let interview = Interview::builtin();
        // The interviewer's name is drawn before each of the 7 questions but is not
        // text: only the introduction's mention is found.
        let found = search(&interview, "جلوبال تايمز");
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(
            (found[0].item(), found[0].passage()),
            (0, 1),
            "the second paragraph"
        );
        let found = search(&interview, "ايضا");
        assert!(!found.is_empty());
        assert!(found.windows(2).all(|w| w[0] < w[1]), "in reading order");
        for m in &found {
            let item = passages::item(&interview, m.item());
            let passages = passages::passages(&interview, item);
            let text = passages[m.passage()].text;
            assert_eq!(normalize(&text[m.range()]), "ايضا", "{}", &text[m.range()]);
        }
    }
}

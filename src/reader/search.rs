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

use super::items;

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
        // Harakat, the superscript alef, tatweel.
        '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}' => Folded::Ignored,
        // Alef with hamza above or below, with madda, alef wasla.
        '\u{0622}' | '\u{0623}' | '\u{0625}' | '\u{0671}' => Folded::Char('\u{0627}'),
        // Alef maksura → yeh; teh marbuta → heh.
        '\u{0649}' => Folded::Char('\u{064A}'),
        '\u{0629}' => Folded::Char('\u{0647}'),
        '\u{0660}'..='\u{0669}' => digit(c as u32 - 0x0660),
        '\u{06F0}'..='\u{06F9}' => digit(c as u32 - 0x06F0),
        // Invisible: soft hyphen, ALM, ZWSP..RLM, LRE..RLO, word joiner and the
        // invisible operators, LRI..PDI, BOM.
        '\u{00AD}'
        | '\u{061C}'
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

fn digit(value: u32) -> Folded {
    Folded::Char(char::from_digit(value, 10).unwrap_or('0'))
}

/// Folds `text` into `out` (cleared first). With `starts`, also records for each byte
/// of `out` the byte offset in `text` of the character it came from, plus one entry
/// more for the end (`text.len()`): the map back to the source.
pub fn normalize_into(text: &str, out: &mut String, mut starts: Option<&mut Vec<u32>>) {
    out.clear();
    if let Some(starts) = starts.as_deref_mut() {
        starts.clear();
    }
    let mut after_space = false;
    let mut push = |out: &mut String, c: char, at: usize| {
        out.push(c);
        if let Some(starts) = starts.as_deref_mut() {
            starts.extend(std::iter::repeat_n(at as u32, c.len_utf8()));
        }
    };
    for (at, c) in text.char_indices() {
        match fold(c) {
            Folded::Ignored => {}
            Folded::Space => {
                if !after_space {
                    push(out, ' ', at);
                    after_space = true;
                }
            }
            Folded::Char(f) => {
                push(out, f, at);
                after_space = false;
            }
            Folded::Lower(c) => {
                for f in c.to_lowercase() {
                    push(out, f, at);
                }
                after_space = false;
            }
        }
    }
    if let Some(starts) = starts {
        starts.push(text.len() as u32);
    }
}

/// The folded form of a text (the query, in particular).
pub fn normalize(text: &str) -> String {
    let mut out = String::new();
    normalize_into(text, &mut out, None);
    out
}

/// The source range of the folded bytes `start..end`, given the map `starts` made by
/// [`normalize_into`]. The range ends where the next searched character starts, so it
/// takes in the harakat and tatweel that follow the last letter matched: they belong
/// to it. A match that ends inside the expansion of one character (a lowercase of
/// several characters) covers that whole character.
pub fn source_range(starts: &[u32], start: usize, end: usize) -> std::ops::Range<usize> {
    let from = starts[start] as usize;
    let last = starts[end - 1];
    let to = starts[end..]
        .iter()
        .find(|&&s| s != last)
        .copied()
        .unwrap_or(last) as usize;
    from..to
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
    starts: Vec<u32>,
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
        normalize_into(text, &mut self.folded, Some(&mut self.starts));
        for &(start, end) in &self.found {
            let range = source_range(&self.starts, start, end);
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
    for index in 0..items::item_count(interview) {
        let item = items::item(interview, index);
        for (p, passage) in items::passages(interview, item).iter().enumerate() {
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
    fn the_map_records_a_start_for_every_folded_byte() {
        let text = "Aً B";
        let mut out = String::new();
        let mut starts = Vec::new();
        normalize_into(text, &mut out, Some(&mut starts));
        assert_eq!(out, "a b");
        assert_eq!(starts, [0, 3, 4, text.len() as u32]);
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
            let item = items::item(&interview, m.item());
            let passages = items::passages(&interview, item);
            let text = passages[m.passage()].text;
            assert_eq!(normalize(&text[m.range()]), "ايضا", "{}", &text[m.range()]);
        }
    }
}

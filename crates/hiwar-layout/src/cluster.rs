//! Grapheme clusters (UAX #29), with a fast path for the text hiwar reads most.
//!
//! For text made only of "simple" characters (those whose grapheme break property
//! is Other, and the Extend, ZWJ and SpacingMark characters that attach to them) in
//! the ranges U+0000–U+08FF and U+2000–U+206F, the rules reduce to: a cluster is one
//! character and every attaching character after it (GB9, GB9a; GB999 elsewhere).
//! That covers Latin, Greek, Cyrillic, Hebrew, Arabic with its harakat, digits and
//! punctuation. Anything else (controls, emoji, Hangul, Indic scripts, prepended
//! marks, ©/® which start emoji sequences) goes to unicode-segmentation. The table is
//! written out from what unicode-segmentation itself does (a test checks it).

use std::sync::OnceLock;

use unicode_segmentation::{GraphemeIndices, UnicodeSegmentation};

/// What a character does in the fast rules of simple text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Starts a cluster and takes attaching characters.
    Base,
    /// Attaches to the cluster before it.
    Attach,
    /// Needs the full rules.
    Complex,
}

const LOW_END: u32 = 0x900;
const PUNCT: std::ops::Range<u32> = 0x2000..0x2070;

/// The kinds of the simple characters, for [`kind_in`].
pub fn kinds() -> &'static [Kind] {
    table()
}

fn table() -> &'static [Kind] {
    static TABLE: OnceLock<Vec<Kind>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table = vec![Kind::Base; LOW_END as usize + PUNCT.len()];
        for &(first, last, kind) in NOT_BASE {
            for cp in first..=last {
                let index = if cp < LOW_END {
                    cp
                } else {
                    LOW_END + cp - PUNCT.start
                };
                table[index as usize] = kind;
            }
        }
        table
    })
}

/// The characters of U+0000–U+08FF and U+2000–U+206F that are not `Base`, as
/// inclusive ranges: what `probe` finds (a test checks it), written out so that
/// a run of hiwar does not probe unicode-segmentation 2,400 times at start.
#[rustfmt::skip]
const NOT_BASE: &[(u32, u32, Kind)] = &[
    (0x0000, 0x001F, Kind::Complex),
    (0x007F, 0x009F, Kind::Complex),
    (0x00A9, 0x00A9, Kind::Complex),
    (0x00AD, 0x00AE, Kind::Complex),
    (0x0300, 0x036F, Kind::Attach),
    (0x0483, 0x0489, Kind::Attach),
    (0x0591, 0x05BD, Kind::Attach),
    (0x05BF, 0x05BF, Kind::Attach),
    (0x05C1, 0x05C2, Kind::Attach),
    (0x05C4, 0x05C5, Kind::Attach),
    (0x05C7, 0x05C7, Kind::Attach),
    (0x0600, 0x0605, Kind::Complex),
    (0x0610, 0x061A, Kind::Attach),
    (0x061C, 0x061C, Kind::Complex),
    (0x064B, 0x065F, Kind::Attach),
    (0x0670, 0x0670, Kind::Attach),
    (0x06D6, 0x06DC, Kind::Attach),
    (0x06DD, 0x06DD, Kind::Complex),
    (0x06DF, 0x06E4, Kind::Attach),
    (0x06E7, 0x06E8, Kind::Attach),
    (0x06EA, 0x06ED, Kind::Attach),
    (0x070F, 0x070F, Kind::Complex),
    (0x0711, 0x0711, Kind::Attach),
    (0x0730, 0x074A, Kind::Attach),
    (0x07A6, 0x07B0, Kind::Attach),
    (0x07EB, 0x07F3, Kind::Attach),
    (0x07FD, 0x07FD, Kind::Attach),
    (0x0816, 0x0819, Kind::Attach),
    (0x081B, 0x0823, Kind::Attach),
    (0x0825, 0x0827, Kind::Attach),
    (0x0829, 0x082D, Kind::Attach),
    (0x0859, 0x085B, Kind::Attach),
    (0x0890, 0x0891, Kind::Complex),
    (0x0897, 0x089F, Kind::Attach),
    (0x08CA, 0x08E1, Kind::Attach),
    (0x08E2, 0x08E2, Kind::Complex),
    (0x08E3, 0x08FF, Kind::Attach),
    (0x200B, 0x200B, Kind::Complex),
    (0x200C, 0x200D, Kind::Attach),
    (0x200E, 0x200F, Kind::Complex),
    (0x2028, 0x202E, Kind::Complex),
    (0x203C, 0x203C, Kind::Complex),
    (0x2049, 0x2049, Kind::Complex),
    (0x2060, 0x206F, Kind::Complex),
];

/// Finds a character's kind from how unicode-segmentation clusters it.
#[cfg(test)]
fn probe(c: char) -> Kind {
    let count = |s: String| s.graphemes(true).count();
    let attaches = count(format!("a{c}")) == 1;
    let prepends = count(format!("{c}a")) == 1;
    let takes_marks = count(format!("{c}\u{301}")) == 1;
    let starts_emoji_sequence = count(format!("{c}\u{200D}\u{1F600}")) == 1;
    match (attaches, prepends, takes_marks, starts_emoji_sequence) {
        (false, false, true, false) => Kind::Base,
        (true, false, _, false) => Kind::Attach,
        _ => Kind::Complex,
    }
}

#[cfg(test)]
fn kind(c: char) -> Kind {
    kind_in(table(), c)
}

/// `c`'s kind, looked up in `table` (fetched once by the caller: the lazy
/// initialisation check costs as much as the lookup).
#[inline]
pub fn kind_in(table: &[Kind], c: char) -> Kind {
    let cp = c as u32;
    if cp < LOW_END {
        table[cp as usize]
    } else if PUNCT.contains(&cp) {
        table[(LOW_END + cp - PUNCT.start) as usize]
    } else {
        Kind::Complex
    }
}

/// True when the fast rules give the same clusters as UAX #29 for all of `text`.
pub fn is_simple(text: &str) -> bool {
    let table = table();
    text.chars().all(|c| kind_in(table, c) != Kind::Complex)
}

/// The grapheme clusters of `text` with their byte offsets.
pub fn graphemes(text: &str) -> Graphemes<'_> {
    graphemes_known(text, None)
}

/// [`graphemes`], `simple` telling [`is_simple`] of `text` when it is known.
pub fn graphemes_known(text: &str, simple: Option<bool>) -> Graphemes<'_> {
    if simple.unwrap_or_else(|| is_simple(text)) {
        Graphemes::Simple {
            text,
            pos: 0,
            table: table(),
        }
    } else {
        Graphemes::Full(text.grapheme_indices(true))
    }
}

impl Graphemes<'_> {
    /// Whether the fast rules apply: the text is simple (see [`is_simple`]).
    pub fn is_simple(&self) -> bool {
        matches!(self, Graphemes::Simple { .. })
    }
}

/// The grapheme clusters of a text with their byte offsets, by the fast rules or
/// by unicode-segmentation.
pub enum Graphemes<'a> {
    /// Simple text: a cluster is a character and the attaching ones after it.
    Simple {
        /// The text.
        text: &'a str,
        /// Where the next cluster starts.
        pos: usize,
        /// The kinds of the simple characters ([`kinds`]).
        table: &'static [Kind],
    },
    /// Any other text, by the full rules of UAX #29.
    Full(GraphemeIndices<'a>),
}

impl<'a> Iterator for Graphemes<'a> {
    type Item = (usize, &'a str);

    #[inline]
    fn next(&mut self) -> Option<Self::Item> {
        match self {
            Graphemes::Full(inner) => inner.next(),
            Graphemes::Simple { text, pos, table } => {
                let start = *pos;
                let rest = &text[start..];
                let mut chars = rest.char_indices();
                let (_, first) = chars.next()?;
                let mut end = first.len_utf8();
                for (i, c) in chars {
                    if kind_in(table, c) != Kind::Attach {
                        break;
                    }
                    end = i + c.len_utf8();
                }
                *pos = start + end;
                Some((start, &rest[..end]))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn simple_chars() -> Vec<char> {
        (0..LOW_END)
            .chain(PUNCT)
            .filter_map(char::from_u32)
            .filter(|&c| kind(c) != Kind::Complex)
            .collect()
    }

    #[test]
    fn the_written_out_kinds_are_what_unicode_segmentation_gives() {
        for c in (0..LOW_END).chain(PUNCT).filter_map(char::from_u32) {
            assert_eq!(kind(c), probe(c), "{c:?}");
        }
    }

    #[test]
    fn arabic_letters_and_harakat_are_simple() {
        assert!(is_simple("مُحَمَّد كتابًا، (تشانغ) 2013 “نص”"));
        assert_eq!(kind('\u{64B}'), Kind::Attach);
        assert_eq!(kind('\u{200D}'), Kind::Attach);
        assert_eq!(kind('\u{200C}'), Kind::Attach);
        // Prepended concatenation marks, controls, ©: the full rules.
        for c in [
            '\u{600}', '\u{6DD}', '\n', '\r', '\u{7f}', '©', '\u{200B}', '\u{2028}',
        ] {
            assert_eq!(kind(c), Kind::Complex, "{c:?}");
        }
        assert!(!is_simple("a😀"));
    }

    proptest! {
        #[test]
        fn the_fast_path_agrees_with_unicode_segmentation(
            picks in prop::collection::vec(0usize..10_000, 0..40)
        ) {
            let chars = simple_chars();
            let text: String = picks.iter().map(|&i| chars[i % chars.len()]).collect();
            prop_assert!(is_simple(&text));
            let fast: Vec<_> = graphemes(&text).collect();
            let full: Vec<_> = text.grapheme_indices(true).collect();
            prop_assert_eq!(fast, full);
        }
    }
}

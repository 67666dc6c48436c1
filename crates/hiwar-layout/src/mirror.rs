//! Step 5b, rule L4: a character with the Bidi_Mirrored property at an odd
//! (right-to-left) level is drawn as its mirror image: `(` as `)`, `«` as `»`,
//! `‹` as `›`, `[` as `]`, and every other pair of BidiMirroring.txt.

/// The glyph to draw for `c` at `level`.
#[inline]
pub fn mirrored(c: char, level: u8) -> char {
    if level % 2 == 0 {
        return c;
    }
    match c {
        '(' => ')',
        ')' => '(',
        '<' => '>',
        '>' => '<',
        '[' => ']',
        ']' => '[',
        '{' => '}',
        '}' => '{',
        '«' => '»',
        '»' => '«',
        _ if (c as u32) < 0xBC => c,
        _ if may_mirror(c) => unicode_bidi_mirroring::get_mirrored(c).unwrap_or(c),
        _ => c,
    }
}

/// False for the long stretches with no mirrored character (Latin, Greek, Cyrillic,
/// Hebrew, Arabic and the other scripts up to U+2038, CJK, Arabic presentation
/// forms), so the table search runs only where it can find something.
#[inline]
fn may_mirror(c: char) -> bool {
    let cp = c as u32;
    cp < 0xBC
        || (0xF3A..0xF3E).contains(&cp)
        || (0x169B..0x169D).contains(&cp)
        || (0x2039..0x3020).contains(&cp)
        || (0xFE59..0xFE67).contains(&cp)
        || (0xFF08..0xFF64).contains(&cp)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fast_path_skips_no_mirrored_character() {
        let mut mirrored_count = 0;
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            if unicode_bidi_mirroring::get_mirrored(c).is_some() {
                mirrored_count += 1;
                assert!(may_mirror(c), "{c:?} U+{:04X} is mirrored", c as u32);
            }
        }
        assert!(mirrored_count > 400, "the table has its ~400 pairs");
    }

    #[test]
    fn every_mirrored_character_is_of_class_on() {
        // The layout mirrors only characters of class ON (its fast path).
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            if unicode_bidi_mirroring::get_mirrored(c).is_some() {
                assert_eq!(
                    crate::levels::bidi_class(c),
                    unicode_bidi::BidiClass::ON,
                    "{c:?}"
                );
            }
        }
    }

    #[test]
    fn the_latin1_shortcut_agrees_with_the_table() {
        for c in (0..0xBC).filter_map(char::from_u32) {
            let expected = unicode_bidi_mirroring::get_mirrored(c).unwrap_or(c);
            assert_eq!(mirrored(c, 1), expected, "{c:?}");
        }
    }

    #[test]
    fn brackets_and_quotes_mirror_at_odd_levels_only() {
        for (a, b) in [
            ('(', ')'),
            ('[', ']'),
            ('{', '}'),
            ('«', '»'),
            ('‹', '›'),
            ('<', '>'),
        ] {
            assert_eq!(mirrored(a, 1), b);
            assert_eq!(mirrored(b, 1), a);
            assert_eq!(mirrored(a, 0), a);
            assert_eq!(mirrored(a, 2), a);
        }
        assert_eq!(mirrored('ب', 1), 'ب');
    }
}

//! Step 5b, rule L4: a character with the Bidi_Mirrored property at an odd
//! (right-to-left) level is drawn as its mirror image: `(` as `)`, `«` as `»`,
//! `‹` as `›`, `[` as `]`, and every other pair of BidiMirroring.txt.

/// The glyph to draw for `c` at `level`.
#[inline]
pub fn mirrored(c: char, level: u8) -> char {
    if level % 2 == 1 {
        unicode_bidi_mirroring::get_mirrored(c).unwrap_or(c)
    } else {
        c
    }
}

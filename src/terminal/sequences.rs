//! The bytes hiwar sends a terminal to keep it from reordering: modes, settings and
//! the zero-width marks written among the text. Which terminal takes which, and why:
//! [docs/terminals.md](../../docs/terminals.md).

/// `CSI 8 l`: bidi mode explicit (the application orders the text itself).
pub const BIDI_EXPLICIT: &[u8] = b"\x1b[8l";
/// `CSI 8 h`: bidi mode implicit (the terminal's default).
pub const BIDI_IMPLICIT: &[u8] = b"\x1b[8h";
/// Konsole: turn the profile's bidi rendering off, and back on.
pub const KONSOLE_BIDI_OFF: &[u8] = b"\x1b]50;BidiRenderingEnabled=false\x07";
pub const KONSOLE_BIDI_ON: &[u8] = b"\x1b]50;BidiRenderingEnabled=true\x07";
/// mlterm: complex text layout (bidi and shaping) off, and back on.
pub const MLTERM_CTL_OFF: &[u8] = b"\x1b]5379;use_ctl=false\x07";
pub const MLTERM_CTL_ON: &[u8] = b"\x1b]5379;use_ctl=true\x07";
/// LEFT-TO-RIGHT OVERRIDE: what follows it on the row keeps the order it was sent in.
pub const LRO: &str = "\u{202D}";
/// LRM then LRO: the row is also a left-to-right paragraph (mlterm decides the
/// paragraph's direction from its first strong character).
pub const LRM_LRO: &str = "\u{200E}\u{202D}";
/// A ZWJ (ZERO WIDTH JOINER) on the side after a letter.
const JOINER_AFTER: &str = "\u{200D}";
/// A ZWJ on the side before a letter, then U+206D (ACTIVATE ARABIC FORM SHAPING), a
/// character that draws nothing and that Konsole's shaping (ICU) passes over. tmux
/// takes a ZWJ for the start of an emoji sequence and puts the character after it
/// into the ZWJ's cell: the letter would be lost; after U+206D it keeps its cell.
/// (After a letter the LRO that follows does the same.)
const JOINER_BEFORE: &str = "\u{200D}\u{206D}";

/// What goes before and after a cell's cluster where an LRO follows every cell: a
/// ZWJ on each side its letter joins on. Such a terminal (Konsole) shapes every cell
/// alone, drawing a presentation form as its letter standing alone (a medial heh
/// like ە, a medial yeh like ي); with the ZWJ it draws the form it was sent.
pub fn joiners(cluster: &str) -> (&'static str, &'static str) {
    let (before, after) = cluster
        .chars()
        .next()
        .map_or((false, false), crate::layout::shape::form_joins);
    (
        if before { JOINER_BEFORE } else { "" },
        if after { JOINER_AFTER } else { "" },
    )
}

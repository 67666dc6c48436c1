//! Arabic shaping: each letter to its positional presentation form (isolated, final,
//! initial, medial) by the joining types of Unicode's ArabicShaping.txt, plus the four
//! mandatory lam-alef ligatures and no other.
//!
//! Terminals draw code points one cell at a time and most do not shape, so the layout
//! substitutes the presentation forms (Arabic Presentation Forms-A and -B) itself.
//! Shaping never loses a character: harakat, tatweel, ZWJ, ZWNJ and every other
//! transparent mark keep their own entry; the only entries that disappear into another
//! glyph are the alefs of lam-alef ligatures, so byte ranges stay exact.
//!
//! The tables in `shape/tables.rs` are generated from the Unicode Character Database (the
//! `generated_tables_match_unicode_data` test in `tests/shape.rs` re-derives them from
//! the vendored `tests/data` files and fails if they drift).

mod tables;

use std::sync::OnceLock;

/// Unicode joining type (ArabicShaping.txt; unlisted Mn/Me/Cf are T, others U).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum JoiningType {
    /// Right-joining: joins only to the preceding letter (alef, dal, reh, waw…).
    R,
    /// Left-joining: joins only to the following letter.
    L,
    /// Dual-joining: joins on both sides (beh, seen, lam…).
    D,
    /// Join-causing: makes both neighbours join to it (ZWJ, tatweel).
    C,
    /// Non-joining: breaks joins (hamza, ZWNJ, spaces, Latin…).
    U,
    /// Transparent: skipped when looking for a neighbour (harakat, Cf, Mn, Me).
    T,
}

impl JoiningType {
    /// Can join to the character that follows it (Unicode §9.2, rules R1–R7).
    #[inline]
    fn joins_forward(self) -> bool {
        matches!(self, Self::D | Self::L | Self::C)
    }

    /// Can join to the character that precedes it.
    #[inline]
    fn joins_backward(self) -> bool {
        matches!(self, Self::D | Self::R | Self::C)
    }
}

/// The joining type of `c`.
#[inline]
pub fn joining_type(c: char) -> JoiningType {
    let code = c as u32;
    if code < 0x80 {
        // ASCII has no Mn/Me/Cf and nothing listed in ArabicShaping.txt.
        return JoiningType::U;
    }
    if let Some(&jt) = code
        .checked_sub(tables::ARABIC_BLOCK_START)
        .and_then(|i| tables::ARABIC_BLOCK.get(i as usize))
    {
        return jt;
    }
    joining_type_in_ranges(code)
}

/// The joining type of a code point outside ASCII and the Arabic block.
#[inline(never)]
fn joining_type_in_ranges(code: u32) -> JoiningType {
    match tables::JOINING_RANGES.binary_search_by(|&(start, end, _)| {
        if end < code {
            std::cmp::Ordering::Less
        } else if start > code {
            std::cmp::Ordering::Greater
        } else {
            std::cmp::Ordering::Equal
        }
    }) {
        Ok(i) => tables::JOINING_RANGES[i].2,
        Err(_) => JoiningType::U,
    }
}

/// Presentation forms of `c`: `[isolated, final, initial, medial]`, a missing one being
/// `c` itself; `None` when `c` has none at all.
#[inline]
fn forms(c: char) -> Option<&'static [char; 4]> {
    tables::FORMS
        .get(usize::from(forms_index(c)?))
        .map(|(_, forms)| forms)
}

/// Where `c`'s presentation forms are in `tables::FORMS`.
#[inline]
fn forms_index(c: char) -> Option<u8> {
    let offset = (c as u32).checked_sub(tables::FORMS_FIRST as u32)?;
    tables::FORMS_INDEX
        .get(offset as usize)
        .copied()
        .filter(|&i| usize::from(i) < tables::FORMS.len())
}

/// How a character joins, in four bits ([`joining`]): what shaping needs to
/// know of it besides the character itself.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Joining(u8);

/// Joining type T: skipped when finding neighbours.
const TRANSPARENT: u8 = 1;
/// Joins to the character before it (D, R, C).
const JOINS_BACKWARD: u8 = 2;
/// Joins to the character after it (D, L, C).
const JOINS_FORWARD: u8 = 4;
/// The lam: an alef after it makes a ligature.
const IS_LAM: u8 = 8;

impl Joining {
    /// The bits it takes (below 16), for a caller that packs it with others.
    pub const BITS: u8 = 0x0F;

    /// Its bits (below [`BITS`](Self::BITS)).
    pub fn bits(self) -> u8 {
        self.0
    }

    /// From [`bits`](Self::bits) (the others ignored).
    #[inline(always)]
    pub fn from_bits(bits: u8) -> Self {
        Self(bits & Self::BITS)
    }
}

/// How `c` joins as it can be drawn: its joining type, less the sides on which it
/// has no presentation form to join with. A letter that cannot take the form its
/// place asks for would leave its neighbours joining toward a letter drawn apart
/// (U+0628 U+06BA U+0628 drawn FE90 06BA FE91: NOON GHUNNA has no medial form), so
/// its joins are broken there, consistently on both sides: a dual-joining letter
/// with only a final form joins as a right-joining one (FE8F FB9F FE91 for the
/// same word), one with no form at all, or a right-joining letter with no final
/// form, as a non-joining one. Join-causing characters (tatweel, ZWJ) and the
/// transparent ones are as Unicode gives them.
pub fn drawn_joining_type(c: char) -> JoiningType {
    use JoiningType::*;
    let joining = joining_type(c);
    if !matches!(joining, D | R | L) {
        return joining;
    }
    let [_, fin, ini, med] = forms(c).copied().unwrap_or([c; 4]);
    let (backward, forward) = match joining {
        D => (fin != c || med != c, ini != c || med != c),
        R => (fin != c, false),
        _ => (false, ini != c),
    };
    match (backward, forward) {
        (true, true) => D,
        (true, false) => R,
        (false, true) => L,
        (false, false) => U,
    }
}

/// What shaping needs to know of `c` (its [`drawn_joining_type`]).
#[inline]
pub fn joining(c: char) -> Joining {
    let joining = drawn_joining_type(c);
    let mut bits = 0;
    if joining == JoiningType::T {
        bits |= TRANSPARENT;
    }
    if joining.joins_backward() {
        bits |= JOINS_BACKWARD;
    }
    if joining.joins_forward() {
        bits |= JOINS_FORWARD;
    }
    if c == LAM {
        bits |= IS_LAM;
    }
    Joining(bits)
}

/// True if shaping may change `c`: a joining letter with presentation forms.
/// Non-joining letters (hamza) stay nominal: their isolated form is the same glyph.
fn is_shapable(c: char) -> bool {
    forms(c).is_some() && joining_type(c) != JoiningType::U
}

/// True if `text` has any character that shaping may change (fast pre-check, so
/// paragraphs without Arabic-script letters skip shaping entirely).
pub fn needs_shaping(text: &str) -> bool {
    // Every letter with presentation forms is in U+0600..=U+06FF (checked by a test),
    // whose UTF-8 lead bytes are 0xD8..=0xDB: scan bytes, decode only those chars.
    // A lead byte always starts a char, so `get(i..)` is on a boundary.
    text.bytes().enumerate().any(|(i, b)| {
        matches!(b, 0xD8..=0xDB)
            && text
                .get(i..)
                .and_then(|rest| rest.chars().next())
                .is_some_and(is_shapable)
    })
}

const LAM: char = '\u{0644}';

/// The lam-alef ligature of lam followed by `alef` (a code point),
/// `[isolated, final]`; `None` if `alef` is not one of the four alefs with a
/// mandatory ligature.
#[inline]
fn lam_alef(alef: u32) -> Option<[char; 2]> {
    match alef {
        0x0622 => Some(['\u{FEF5}', '\u{FEF6}']), // alef with madda above
        0x0623 => Some(['\u{FEF7}', '\u{FEF8}']), // alef with hamza above
        0x0625 => Some(['\u{FEF9}', '\u{FEFA}']), // alef with hamza below
        0x0627 => Some(['\u{FEFB}', '\u{FEFC}']), // alef
        _ => None,
    }
}

/// What shaping does to one character, in two bytes (see [`shape_forms`]): the
/// glyph drawn for it, every presentation form and lam-alef ligature being below
/// U+10000; or [`NOMINAL`], or [`ABSORBED`].
pub type Form = u16;

/// The character stays as it is.
pub const NOMINAL: Form = 0;
/// Absorbed into the lam-alef ligature drawn on the lam before it.
pub const ABSORBED: Form = 1;

/// The glyph to draw for `c` shaped as `form`; `None` when absorbed.
#[inline]
pub fn glyph(c: char, form: Form) -> Option<char> {
    match form {
        NOMINAL => Some(c),
        ABSORBED => None,
        glyph => char::from_u32(u32::from(glyph)).or(Some(c)),
    }
}

/// Shapes `text` (one paragraph, logical order). Clears `out`, then pushes exactly one
/// entry per char of `text`: Some(glyph) = what to draw for that char (the char itself
/// when it has no presentation form or stays isolated/unchanged), None = the char was
/// absorbed into a lam-alef ligature whose glyph is on the preceding lam's entry.
pub fn shape(text: &str, out: &mut Vec<Option<char>>) {
    let mut forms = Vec::new();
    shape_forms(text, &mut forms);
    out.clear();
    out.extend(text.chars().zip(&forms).map(|(c, &form)| glyph(c, form)));
}

/// [`shape`] in two bytes per char: clears `out`, then pushes each char's [`Form`]
/// ([`glyph`] gives the glyph it stands for).
pub fn shape_forms(text: &str, out: &mut Vec<Form>) {
    out.clear();
    let mut shaper = Shaper::default();
    for c in text.chars() {
        shaper.push(c, out);
    }
    shaper.finish(out);
}

/// The sides a presentation form joins on, in logical order: to the letter before
/// it (final and medial forms, the final lam-alef ligatures), to the letter after it
/// (initial and medial forms). Neither for an isolated form or any other character.
///
/// A terminal that shapes each cell apart (Konsole, where an LRO follows every cell)
/// draws a presentation form as its base letter standing alone; a ZWJ on each joined
/// side gives the form back (the hiwar app's `terminal::sequences::joiners` does).
pub fn form_joins(c: char) -> (bool, bool) {
    static JOINS: OnceLock<Vec<(char, (bool, bool))>> = OnceLock::new();
    if c < '\u{FB50}' {
        return (false, false);
    }
    let joins = JOINS.get_or_init(|| {
        let mut joins: Vec<(char, (bool, bool))> = tables::FORMS
            .iter()
            .flat_map(|(_, [_, fin, ini, med])| {
                [
                    (*fin, (true, false)),
                    (*ini, (false, true)),
                    (*med, (true, true)),
                ]
            })
            // A missing form is the letter itself.
            .filter(|&(form, _)| form >= '\u{FB50}')
            .chain(
                [0x0622, 0x0623, 0x0625, 0x0627]
                    .into_iter()
                    .filter_map(lam_alef)
                    .map(|[_, fin]| (fin, (true, false))),
            )
            .collect();
        joins.sort_unstable();
        joins.dedup_by_key(|&mut (form, _)| form);
        joins
    });
    joins
        .binary_search_by_key(&c, |&(form, _)| form)
        .map_or((false, false), |i| joins[i].1)
}

/// The positional forms of the letters from `tables::FORMS_FIRST` on, in two
/// bytes (all are below U+10000), by code point: row `c - FORMS_FIRST + 1`
/// holds `[isolated, final, initial, medial]`, a missing form being `c` itself;
/// row 0 and the rows of letters without forms are zeros.
fn forms_by_code_point() -> &'static [[Form; 4]] {
    static TABLE: OnceLock<Vec<[Form; 4]>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let first = tables::FORMS_FIRST as u32;
        let mut table = vec![[0; 4]; tables::FORMS_INDEX.len() + 1];
        for (row, row_forms) in table.iter_mut().skip(1).enumerate() {
            if let Some(found) = char::from_u32(first + row as u32).and_then(forms) {
                *row_forms = found.map(|form| form as Form);
            }
        }
        table
    })
}

/// [`shape_forms`] a character at a time, for a caller that walks the text anyway.
///
/// It holds the last non-transparent character, whose form waits on whether the
/// next non-transparent character joins to it.
pub struct Shaper {
    forms: &'static [[Form; 4]],
    /// That character's entry in `out`.
    pending: usize,
    /// Its row in `forms` (0: it keeps its glyph).
    row: usize,
    /// [`JOINED_BEFORE`], and its [`JOINS_FORWARD`] and [`IS_LAM`] bits.
    state: u8,
}

/// The pending character joined to the one before it (the place of
/// [`JOINS_BACKWARD`], so that the bits of a join line up).
const JOINED_BEFORE: u8 = JOINS_BACKWARD;

impl Default for Shaper {
    fn default() -> Self {
        Self {
            forms: forms_by_code_point(),
            pending: 0,
            row: 0,
            state: 0,
        }
    }
}

impl Shaper {
    /// Takes the next character: pushes its form to `out` (which holds those of
    /// the characters before it), settling the form of the one before.
    #[inline(always)]
    pub fn push(&mut self, c: char, out: &mut Vec<Form>) {
        let index = out.len();
        out.push(NOMINAL);
        self.shape(index, c as u32, joining(c), out);
    }

    /// Takes the next character, code point `c`, whose entry `out[index]` holds what it draws
    /// as itself ([`NOMINAL`], or `c` for a caller that keeps glyphs: every form
    /// written is the glyph drawn, and [`ABSORBED`] is a control character, never
    /// a glyph); `joining` is [`joining`]`(c)`. Settles the form of the character
    /// before. Returns true when `c` is the alef of a lam-alef ligature (its entry
    /// then [`ABSORBED`]).
    #[inline(always)]
    pub fn shape(&mut self, index: usize, c: u32, joining: Joining, out: &mut [Form]) -> bool {
        // One pass: a character's form is written when the next non-transparent
        // character (or the end) shows whether it joins after.
        let bits = joining.0;
        if bits & TRANSPARENT != 0 {
            // Transparent: skipped when finding neighbours, never breaks a join.
            return false;
        }
        if self.state & IS_LAM != 0
            && let Some(ligature) = lam_alef(c)
        {
            // Lam then alef, marks between allowed: the mandatory ligature on the
            // lam's entry, isolated or final as the lam joins before; the alef's
            // entry is absorbed. The ligature never joins after (alef is R).
            let joined_before = usize::from(self.state & JOINED_BEFORE != 0);
            if let Some(entry) = out.get_mut(self.pending) {
                *entry = ligature[joined_before] as Form;
            }
            if let Some(entry) = out.get_mut(index) {
                *entry = ABSORBED;
            }
            (self.pending, self.row, self.state) = (index, 0, JOINED_BEFORE);
            return true;
        }
        // Joined: the one before joins forward and this one backward.
        let joins = (self.state >> 1) & bits & JOINS_BACKWARD;
        self.settle(joins, out);
        // A character that joins neither way (U) keeps its glyph.
        let offset = (c as usize).wrapping_sub(tables::FORMS_FIRST as usize);
        self.row = if bits & (JOINS_BACKWARD | JOINS_FORWARD) != 0 && offset < self.forms.len() - 1
        {
            offset + 1
        } else {
            0
        };
        self.pending = index;
        self.state = joins | bits & (JOINS_FORWARD | IS_LAM);
        false
    }

    /// Writes the pending character's positional form now that we know whether
    /// the next character joins to it (`joined_after`: 0, or [`JOINED_BEFORE`]).
    #[inline(always)]
    fn settle(&self, joined_after: u8, out: &mut [Form]) {
        if self.row != 0
            && let Some(forms) = self.forms.get(self.row)
        {
            // forms are [isolated, final, initial, medial]
            let form = (self.state & JOINED_BEFORE | joined_after << 1) >> 1;
            let glyph = forms[usize::from(form)];
            if glyph != 0
                && let Some(entry) = out.get_mut(self.pending)
            {
                *entry = glyph;
            }
        }
    }

    /// Ends the text: the last character's form.
    pub fn finish(self, out: &mut [Form]) {
        self.settle(0, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shaped(text: &str) -> Vec<Option<char>> {
        let mut out = Vec::new();
        shape(text, &mut out);
        out
    }

    #[test]
    fn forms_bases_are_in_the_arabic_block() {
        // needs_shaping's byte scan relies on this.
        for &(base, _) in tables::FORMS {
            assert!(('\u{0600}'..='\u{06FF}').contains(&base), "{base:?}");
        }
        assert!(tables::FORMS.windows(2).all(|w| w[0].0 < w[1].0));
        assert_eq!(
            tables::FORMS.first().map(|f| f.0),
            Some(tables::FORMS_FIRST)
        );
        assert_eq!(
            tables::FORMS_INDEX.len(),
            tables::FORMS
                .last()
                .map_or(0, |f| f.0 as usize - tables::FORMS_FIRST as usize + 1)
        );
        for (i, &(base, _)) in tables::FORMS.iter().enumerate() {
            assert_eq!(forms(base), Some(&tables::FORMS[i].1));
        }
        assert_eq!(forms('\u{0620}'), None);
        assert_eq!(forms('\u{0640}'), None);
        assert_eq!(forms('\u{06D4}'), None);
    }

    #[test]
    fn joining_ranges_are_sorted_and_disjoint() {
        assert!(
            tables::JOINING_RANGES
                .windows(2)
                .all(|w| w[0].0 <= w[0].1 && w[0].1 < w[1].0)
        );
    }

    #[test]
    fn arabic_block_fast_path_agrees_with_ranges() {
        for (i, &jt) in tables::ARABIC_BLOCK.iter().enumerate() {
            let code = tables::ARABIC_BLOCK_START + i as u32;
            let from_ranges = tables::JOINING_RANGES
                .iter()
                .find(|&&(s, e, _)| (s..=e).contains(&code))
                .map_or(JoiningType::U, |r| r.2);
            assert_eq!(jt, from_ranges, "U+{code:04X}");
        }
    }

    #[test]
    fn hamza_stays_nominal() {
        assert_eq!(shaped("ء"), vec![Some('ء')]);
        assert!(!needs_shaping("ء ء"));
    }

    #[test]
    fn lam_before_a_non_alef_is_an_ordinary_letter() {
        // lam + meem: initial lam, final meem
        assert_eq!(shaped("لم"), vec![Some('\u{FEDF}'), Some('\u{FEE2}')]);
    }

    #[test]
    fn every_form_stands_for_its_glyph() {
        // The lam-alef ligatures, each alef, isolated and final.
        for (alef, ligatures) in [
            ('\u{0622}', ['\u{FEF5}', '\u{FEF6}']),
            ('\u{0623}', ['\u{FEF7}', '\u{FEF8}']),
            ('\u{0625}', ['\u{FEF9}', '\u{FEFA}']),
            ('\u{0627}', ['\u{FEFB}', '\u{FEFC}']),
        ] {
            assert_eq!(shaped(&format!("{LAM}{alef}")), [Some(ligatures[0]), None]);
            assert_eq!(
                shaped(&format!("\u{0628}{LAM}{alef}")),
                [Some('\u{FE91}'), Some(ligatures[1]), None]
            );
        }
        assert_eq!(glyph('x', NOMINAL), Some('x'));
        assert_eq!(glyph('\u{0627}', ABSORBED), None);
        assert_eq!(glyph('\u{0628}', 0xFE92), Some('\u{FE92}'));
    }

    #[test]
    fn presentation_forms_say_the_sides_they_join_on() {
        // beh: isolated, final, initial, medial.
        assert_eq!(form_joins('\u{FE8F}'), (false, false));
        assert_eq!(form_joins('\u{FE90}'), (true, false));
        assert_eq!(form_joins('\u{FE91}'), (false, true));
        assert_eq!(form_joins('\u{FE92}'), (true, true));
        // heh initial and medial, alef final, lam-alef isolated and final.
        assert_eq!(form_joins('\u{FEEB}'), (false, true));
        assert_eq!(form_joins('\u{FEEC}'), (true, true));
        assert_eq!(form_joins('\u{FE8E}'), (true, false));
        assert_eq!(form_joins('\u{FEFB}'), (false, false));
        assert_eq!(form_joins('\u{FEFC}'), (true, false));
        // Letters, marks and everything else join on no side here.
        for c in ['\u{0628}', '\u{064E}', 'a', ' ', '\u{200D}', '\u{FEFF}'] {
            assert_eq!(form_joins(c), (false, false), "{c:?}");
        }
        // Every form shaping draws agrees with the side its neighbours join on.
        let mut forms = Vec::new();
        shape_forms(
            "\u{0628}\u{0628}\u{0628} \u{0644}\u{0627}\u{0628}\u{0644}\u{0627}",
            &mut forms,
        );
        let joins: Vec<_> = forms
            .iter()
            .filter_map(|&f| char::from_u32(u32::from(f)).filter(|_| f > ABSORBED))
            .map(form_joins)
            .collect();
        assert_eq!(
            joins,
            [
                (false, true),
                (true, true),
                (true, false),
                (false, false),
                (false, true),
                (true, false)
            ]
        );
    }

    #[test]
    fn reuses_out_and_clears_it() {
        let mut out = vec![Some('x'); 10];
        shape("با", &mut out);
        assert_eq!(out, vec![Some('\u{FE91}'), Some('\u{FE8E}')]);
    }
}

//! UAX #9 embedding levels (rules P2–I2 by unicode-bidi) and our own line rules
//! L1–L2, which work on any slice of levels (code points or grapheme clusters).
//!
//! We do not call unicode-bidi's own line functions (`visual_runs`, `reorder_line`):
//! its L2 panics on a line at the maximum implicit level 126 (unicode-bidi issue
//! #145, reachable by nesting isolates 125 deep around a digit). Our L2 works on
//! plain `u8` levels and cannot overflow.

use std::sync::OnceLock;

use unicode_bidi::data_source::BidiDataSource;
use unicode_bidi::{BidiClass, BidiInfo, Level};

use super::BaseDirection;

/// unicode-bidi's own character data, with a direct table in front of it for the
/// first 2,304 code points (Latin, Hebrew, Arabic and its supplements): most text
/// hiwar meets never reaches the crate's binary search.
#[derive(Clone, Copy, Debug, Default)]
pub struct FastBidiData;

/// Code points below this have their class in the direct table.
const TABLE_END: usize = 0x900;

fn table() -> &'static [BidiClass; TABLE_END] {
    static TABLE: OnceLock<[BidiClass; TABLE_END]> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table = [BidiClass::L; TABLE_END];
        for (cp, class) in table.iter_mut().enumerate() {
            if let Some(c) = char::from_u32(cp as u32) {
                *class = unicode_bidi::bidi_class(c);
            }
        }
        table
    })
}

impl BidiDataSource for FastBidiData {
    #[inline]
    fn bidi_class(&self, c: char) -> BidiClass {
        bidi_class(c)
    }
}

/// The bidi class of `c` (unicode-bidi's data, direct for the first 2,304 code
/// points).
#[inline]
pub fn bidi_class(c: char) -> BidiClass {
    match table().get(c as usize) {
        Some(&class) => class,
        None => unicode_bidi::bidi_class(c),
    }
}

/// The resolved analysis of a paragraph: per char, the original bidi class and the
/// embedding level after rules P2–I2 (and, from [`analyze_paragraph`], the
/// separator part of L1); the paragraph level.
#[derive(Clone, Debug, Default)]
pub struct Analysis {
    /// The original bidi class of each char.
    pub classes: Vec<BidiClass>,
    /// The resolved embedding level of each char.
    pub levels: Vec<u8>,
    /// The paragraph embedding level: one for the whole text, even where paragraph
    /// separators (class B) split it into several bidi paragraphs.
    pub paragraph_level: u8,
    /// Whether the text has a segment or paragraph separator (class S or B), which
    /// rule L1 resets.
    pub separators: bool,
    /// Whether every character is simple for grapheme clustering
    /// ([`cluster::is_simple`](super::cluster::is_simple)), when the analysis
    /// found it out on the way (our own resolver does).
    pub simple_graphemes: Option<bool>,
    /// Whether every character has the paragraph level, found without resolving
    /// rule by rule (our own resolver's shortcut).
    pub one_level: bool,
    /// The resolving classes of the chars rule X9 keeps (reused buffer).
    work: Vec<BidiClass>,
    /// Their char indices, when some were removed (reused buffer).
    kept: Vec<usize>,
    /// Paired-bracket characters: (char index, opening bracket, is opening).
    brackets: Brackets,
}

impl Analysis {
    /// Empties the classes and brackets for a classification pass (see
    /// [`resolve_classified`]).
    pub(crate) fn start_classifying(&mut self) {
        self.classes.clear();
        self.brackets.clear();
        self.separators = false;
        self.simple_graphemes = None;
        self.one_level = false;
    }

    /// Notes `c`, of class ON, the char at `index`, if it is a paired bracket
    /// (BD14, BD15), for rule N0.
    #[inline]
    pub(crate) fn note_bracket(&mut self, index: usize, c: char) {
        note_bracket(&mut self.brackets, index, c);
    }

    /// The classes, and the brackets to note beside them (see [`note_bracket`]).
    pub(crate) fn classes_and_brackets(&mut self) -> (&mut Vec<BidiClass>, &mut Brackets) {
        (&mut self.classes, &mut self.brackets)
    }
}

/// Paired-bracket characters: (char index, opening bracket, is opening).
pub(crate) type Brackets = Vec<(usize, char, bool)>;

/// Notes `c`, of class ON, the char at `index`, in `brackets` if it is a paired
/// bracket (BD14, BD15), for rule N0.
#[inline]
pub(crate) fn note_bracket(brackets: &mut Brackets, index: usize, c: char) {
    if let Some(bracket) = FastBidiData.bidi_matched_opening_bracket(c) {
        let opening = canonical_bracket(bracket.opening);
        brackets.push((index, opening, bracket.is_open));
    }
}

/// Runs rules P2–I2 on `text` into `out`, reusing its buffers.
///
/// The text is one paragraph of hiwar's and has one paragraph level: `base`, or for
/// [`BaseDirection::Auto`] rules P2–P3 on the first bidi paragraph that has a strong
/// character. Paragraph separators inside it (class B: a bare CR, or LF where a
/// paragraph holds line breaks) still end a bidi paragraph for rules X1–I2 (each
/// one's embeddings end there, rule X8; the weak and neutral rules do not look
/// across), all at that level (a higher-level protocol setting the paragraph level,
/// UAX #9 HL1).
pub fn analyze_into(text: &str, base: BaseDirection, out: &mut Analysis) {
    analyze_visiting(text, base, out, |_| {});
}

/// [`analyze_into`], calling `visit` with every character on the way when our own
/// resolver takes the text (one decoding for both); returns whether it did. When
/// it returns false, `visit` may have seen only the start of the text.
pub fn analyze_visiting(
    text: &str,
    base: BaseDirection,
    out: &mut Analysis,
    mut visit: impl FnMut(char),
) -> bool {
    if analyze_simple(text, base, out, &mut visit) {
        true
    } else {
        analyze_full(text, base, out);
        false
    }
}

/// [`analyze_into`], then the part of rule L1 that does not depend on where lines
/// end: separators and the whitespace before them go to the paragraph level. What
/// the layout runs on a sanitized paragraph.
pub fn analyze_paragraph(text: &str, base: BaseDirection, out: &mut Analysis) {
    analyze_paragraph_visiting(text, base, out, |_| {});
}

/// [`analyze_paragraph`] with a visit of every character, as [`analyze_visiting`].
pub fn analyze_paragraph_visiting(
    text: &str,
    base: BaseDirection,
    out: &mut Analysis,
    visit: impl FnMut(char),
) -> bool {
    let visited = analyze_visiting(text, base, out, visit);
    if out.separators {
        let level = out.paragraph_level;
        apply_l1(&out.classes, &mut out.levels, level, false);
    }
    visited
}

/// The general case, by unicode-bidi.
fn analyze_full(text: &str, base: BaseDirection, out: &mut Analysis) {
    use unicode_bidi::Direction as Found;
    let level = match base {
        BaseDirection::Rtl => 1,
        BaseDirection::Ltr => 0,
        BaseDirection::Auto => {
            match unicode_bidi::get_base_direction_full_with_data_source(&FastBidiData, text) {
                Found::Rtl => 1,
                Found::Ltr | Found::Mixed => 0,
            }
        }
    };
    let paragraph_level = Level::new(level).unwrap_or_else(|_| Level::ltr());
    let info = BidiInfo::new_with_data_source(&FastBidiData, text, Some(paragraph_level));
    out.classes.clear();
    out.levels.clear();
    out.separators = false;
    out.simple_graphemes = None;
    out.one_level = false;
    for (i, _) in text.char_indices() {
        let class = info.original_classes[i];
        out.separators |= matches!(class, BidiClass::B | BidiClass::S);
        out.classes.push(class);
        out.levels.push(info.levels[i].number());
    }
    out.paragraph_level = level;
}

/// The common case, by our own code: one paragraph with no explicit embedding,
/// override or isolate and no paragraph separator, so the whole paragraph is one
/// isolating run sequence at the paragraph level and rules W1–W7, BD16 with N0,
/// N1–N2 and I1–I2 apply to it directly (segment separators, class S, are neutrals
/// there). Characters removed by rule X9 (class BN: ZWJ, ZWNJ,
/// ZWSP...) are skipped by the rules and take the level of the character before
/// them. Returns false for any other text, which then goes to unicode-bidi (also
/// brackets together with removed characters, and bracket nesting past BD16's 63).
/// The conformance test runs every BidiCharacterTest case through this path or the
/// general one, so both are held to the same expectations.
fn analyze_simple(
    text: &str,
    base: BaseDirection,
    out: &mut Analysis,
    visit: &mut impl FnMut(char),
) -> bool {
    use BidiClass::*;
    let table = table();
    out.start_classifying();
    let mut first_strong = None;
    let mut removed = false;
    // The classes met, as bits.
    let mut seen = 0u32;
    let kinds = super::cluster::kinds();
    let mut simple_graphemes = true;
    for c in text.chars() {
        let class = match table.get(c as usize) {
            Some(&class) => class,
            None => unicode_bidi::bidi_class(c),
        };
        simple_graphemes &= super::cluster::kind_in(kinds, c) != super::cluster::Kind::Complex;
        visit(c);
        seen |= 1 << class as u32;
        match class {
            RLE | LRE | RLO | LRO | PDF | LRI | RLI | FSI | PDI | B => return false,
            S => out.separators = true,
            ON if may_be_bracket(c) => out.note_bracket(out.classes.len(), c),
            L | R | AL if first_strong.is_none() => first_strong = Some(class),
            BN => removed = true,
            _ => {}
        }
        out.classes.push(class);
    }
    out.simple_graphemes = Some(simple_graphemes);
    resolve_classified(
        base,
        out,
        Classified {
            first_strong,
            seen,
            removed,
        },
    )
}

/// What a classification pass found out on its way, for [`resolve_classified`].
#[derive(Clone, Copy, Debug)]
pub(crate) struct Classified {
    /// The first character of class L, R or AL (rules P2–P3).
    pub first_strong: Option<BidiClass>,
    /// The classes met, as bits (`1 << class`).
    pub seen: u32,
    /// Whether a character of class BN (removed by rule X9) was met.
    pub removed: bool,
}

/// The resolution of [`analyze_simple`] on `out.classes` and `out.brackets`, filled
/// by a pass that met no explicit formatting character, no paragraph separator (B)
/// and no segment separator (S): rules W1–I2 into `out.levels` and
/// `out.paragraph_level`, `out.one_level` telling whether every character got the
/// paragraph level at once. False when the text must go to unicode-bidi (brackets
/// with removed characters, bracket nesting past BD16's 63).
pub(crate) fn resolve_classified(
    base: BaseDirection,
    out: &mut Analysis,
    found: Classified,
) -> bool {
    use BidiClass::*;
    let Classified {
        first_strong,
        seen,
        removed,
    } = found;
    out.one_level = false;
    let level: u8 = match base {
        BaseDirection::Rtl => 1,
        BaseDirection::Ltr => 0,
        BaseDirection::Auto => u8::from(matches!(first_strong, Some(R | AL))),
    };
    // One level for all: a right-to-left paragraph with nothing left-to-right and
    // no number (every rule then resolves to R: W1-W7 leave R and neutrals, N0-N2
    // give neutrals and brackets the embedding direction R, X9-removed characters
    // take the level before them), or a left-to-right one with nothing
    // right-to-left and no Arabic number (European numbers become L by W7).
    let bits = |classes: &[BidiClass]| classes.iter().fold(0u32, |m, &c| m | 1 << c as u32);
    let opposite = if level == 1 {
        bits(&[L, EN, AN])
    } else {
        bits(&[R, AL, AN])
    };
    if seen & opposite == 0 && super::fast_paths() {
        out.levels.clear();
        out.levels.resize(out.classes.len(), level);
        out.paragraph_level = level;
        out.one_level = true;
        return true;
    }
    if level == 1 && seen & bits(&[L, BN]) == 0 && super::fast_paths() {
        resolve_rtl_numbers(&out.classes, &mut out.levels);
        out.paragraph_level = level;
        return true;
    }
    if removed && !out.brackets.is_empty() {
        // Bracket positions would need mapping past the removed characters: rare
        // enough to leave to unicode-bidi.
        return false;
    }
    out.work.clear();
    out.kept.clear();
    if removed {
        for (k, &class) in out.classes.iter().enumerate() {
            if class != BN {
                out.work.push(class);
                out.kept.push(k);
            }
        }
    } else {
        out.work.extend_from_slice(&out.classes);
    }
    let e = if level % 2 == 1 { R } else { L };
    resolve_weak(&mut out.work, e);
    if !out.brackets.is_empty() {
        let Some(pairs) = bracket_pairs(&out.brackets, &out.work) else {
            return false;
        };
        resolve_brackets(&mut out.work, &out.classes, &pairs, e);
    }
    resolve_neutrals(&mut out.work, e);

    // I1–I2; X9-removed characters take the level of the character before them.
    let resolved = |x: BidiClass| match (level % 2 == 0, x) {
        (true, R) => level + 1,
        (true, AN | EN) => level + 2,
        (false, L | EN | AN) => level + 1,
        _ => level,
    };
    out.levels.clear();
    if removed {
        out.levels.resize(out.classes.len(), level);
        let mut previous = (0, level);
        for (&k, &x) in out.kept.iter().zip(&out.work) {
            out.levels[previous.0..k].fill(previous.1);
            previous = (k, resolved(x));
        }
        out.levels[previous.0..].fill(previous.1);
    } else {
        out.levels.extend(out.work.iter().map(|&x| resolved(x)));
    }
    out.paragraph_level = level;
    true
}

/// Rules W1–I2 for a right-to-left paragraph (level 1) with no character of class
/// L and none that rule X9 removes, in one pass: there every neutral resolves to R
/// (N1–N2 see no L on either side; N0 gives a bracket pair R or leaves it to
/// them), so a character's level is 2 if rules W1–W5 leave it a number (EN or
/// AN), else 1 (I2). Those rules look one character back (W1, W2's last strong
/// type, W4's separator between two numbers) or along a run of terminators
/// (W5), whose levels are set once the run ends.
fn resolve_rtl_numbers(classes: &[BidiClass], levels: &mut Vec<u8>) {
    use BidiClass::*;
    levels.clear();
    levels.resize(classes.len(), 1);
    let number = |x: BidiClass| matches!(x, EN | AN);
    // The type of the character before after W1 (sos: R), and after W1–W3.
    let (mut before_w1, mut before) = (R, R);
    // W2: the last strong type was AL.
    let mut after_al = false;
    // W4: a separator right after a number, waiting for the character after it.
    let mut separator: Option<(usize, BidiClass, BidiClass)> = None;
    // W5: a run of terminators from this character, and whether EN is before it.
    let mut terminators: Option<(usize, bool)> = None;
    for (i, &class) in classes.iter().enumerate() {
        // W1: a mark takes the type of the character before it.
        let w1 = if class == NSM { before_w1 } else { class };
        before_w1 = w1;
        // W2, W3.
        let t = match w1 {
            AL => {
                after_al = true;
                R
            }
            R => {
                after_al = false;
                R
            }
            EN if after_al => AN,
            x => x,
        };
        if let Some((at, kind, left)) = separator.take()
            && matches!((left, kind, t), (EN, ES | CS, EN) | (AN, CS, AN))
        {
            levels[at] = 2;
        }
        if t == ET {
            terminators.get_or_insert((i, before == EN));
        } else if let Some((start, en_before)) = terminators.take()
            && (en_before || t == EN)
        {
            levels[start..i].fill(2);
        }
        if number(t) {
            levels[i] = 2;
        } else if matches!(t, ES | CS) && number(before) {
            separator = Some((i, t, before));
        }
        before = t;
    }
    if let Some((start, true)) = terminators {
        levels[start..].fill(2);
    }
}

/// False for the characters that are surely no paired bracket: below U+0F3A, all
/// but `()[]{}` (so the bracket table is searched only where it can find one).
#[inline]
fn may_be_bracket(c: char) -> bool {
    (c as u32) >= 0xF3A || matches!(c, '(' | ')' | '[' | ']' | '{' | '}')
}

/// U+2329/U+232A and U+3008/U+3009 are canonically equivalent: BD16 pairs them.
fn canonical_bracket(c: char) -> char {
    match c {
        '\u{2329}' => '\u{3008}',
        '\u{232A}' => '\u{3009}',
        _ => c,
    }
}

/// Rule BD16: the bracket pairs of one isolating run sequence, by the position of
/// the opening bracket. `brackets` lists (position, opening bracket, is opening) for
/// every paired-bracket character; only those still ON count. `None` when the stack
/// of 63 overflows: that case goes to unicode-bidi.
fn bracket_pairs(brackets: &[(usize, char, bool)], t: &[BidiClass]) -> Option<Vec<(usize, usize)>> {
    const MAX_DEPTH: usize = 63;
    let mut stack: Vec<(char, usize)> = Vec::new();
    let mut pairs = Vec::new();
    for &(position, opening, is_open) in brackets {
        if t[position] != BidiClass::ON {
            continue;
        }
        if is_open {
            if stack.len() == MAX_DEPTH {
                return None;
            }
            stack.push((opening, position));
        } else if let Some(k) = stack.iter().rposition(|&(o, _)| o == opening) {
            pairs.push((stack[k].1, position));
            stack.truncate(k);
        }
    }
    pairs.sort_unstable();
    Some(pairs)
}

/// Rule N0 on one isolating run sequence whose sos is `e`, the embedding
/// direction: each pair, in the order of its opening bracket, takes the embedding
/// direction if it encloses a strong type of that direction; else the opposite
/// direction if it encloses that and the context before it is that too; else it is
/// left alone. Marks after a bracket that changed (W1 made them ON) follow it.
fn resolve_brackets(
    t: &mut [BidiClass],
    original: &[BidiClass],
    pairs: &[(usize, usize)],
    e: BidiClass,
) {
    use BidiClass::*;
    let strong = |x: BidiClass| match x {
        L => Some(L),
        R | EN | AN => Some(R),
        _ => None,
    };
    for &(open, close) in pairs {
        let mut inside_opposite = false;
        let mut resolved = None;
        for &x in &t[open + 1..close] {
            match strong(x) {
                Some(d) if d == e => {
                    resolved = Some(e);
                    break;
                }
                Some(_) => inside_opposite = true,
                None => {}
            }
        }
        if resolved.is_none() && inside_opposite {
            let before = t[..open].iter().rev().find_map(|&x| strong(x)).unwrap_or(e);
            resolved = Some(if before != e { before } else { e });
        }
        if let Some(d) = resolved {
            for bracket in [open, close] {
                t[bracket] = d;
                for k in bracket + 1..t.len() {
                    if original[k] != NSM {
                        break;
                    }
                    t[k] = d;
                }
            }
        }
    }
}

/// Rules W1–W7 on one isolating run sequence whose sos and eos are `e`.
fn resolve_weak(t: &mut [BidiClass], e: BidiClass) {
    use BidiClass::*;
    let n = t.len();
    // W1: a mark takes the type of the character before it (sos at the start).
    for i in 0..n {
        if t[i] == NSM {
            t[i] = if i == 0 { e } else { t[i - 1] };
        }
    }
    // W2: European numbers after Arabic letters are Arabic numbers. W3: AL is R.
    let mut last_strong = e;
    for x in t.iter_mut() {
        match *x {
            R | L => last_strong = *x,
            AL => {
                last_strong = AL;
                *x = R;
            }
            EN if last_strong == AL => *x = AN,
            _ => {}
        }
    }
    // W4: a single separator between two numbers of the same kind joins them.
    for i in 1..n.saturating_sub(1) {
        match (t[i - 1], t[i], t[i + 1]) {
            (EN, ES | CS, EN) => t[i] = EN,
            (AN, CS, AN) => t[i] = AN,
            _ => {}
        }
    }
    // W5: terminators next to European numbers become European numbers.
    let mut i = 0;
    while i < n {
        if t[i] != ET {
            i += 1;
            continue;
        }
        let start = i;
        while i < n && t[i] == ET {
            i += 1;
        }
        if (start > 0 && t[start - 1] == EN) || (i < n && t[i] == EN) {
            t[start..i].fill(EN);
        }
    }
    // W6: remaining separators and terminators are neutral. W7: European numbers
    // after L (or sos L) are L.
    let mut last_strong = e;
    for x in t.iter_mut() {
        match *x {
            ES | ET | CS => *x = ON,
            R | L => last_strong = *x,
            EN if last_strong == L => *x = L,
            _ => {}
        }
    }
}

/// Rules N1–N2 on one isolating run sequence whose sos and eos are `e`.
fn resolve_neutrals(t: &mut [BidiClass], e: BidiClass) {
    use BidiClass::*;
    let n = t.len();
    // N1–N2: a run of neutrals (here ON, WS and S) takes the direction around it if
    // both sides agree (numbers count as R), else the embedding direction.
    let strong = |x: BidiClass| if x == L { L } else { R };
    let mut i = 0;
    while i < n {
        if !matches!(t[i], ON | WS | S) {
            i += 1;
            continue;
        }
        let start = i;
        while i < n && matches!(t[i], ON | WS | S) {
            i += 1;
        }
        let before = if start == 0 { e } else { strong(t[start - 1]) };
        let after = if i == n { e } else { strong(t[i]) };
        t[start..i].fill(if before == after { before } else { e });
    }
}

/// Characters that rule X9 removes: embeddings, overrides, PDF and boundary neutrals.
pub fn removed_by_x9(class: BidiClass) -> bool {
    use BidiClass::*;
    matches!(class, RLE | LRE | RLO | LRO | PDF | BN)
}

/// Characters rule L1 resets when they end a line or precede a separator.
fn is_whitespace_for_l1(class: BidiClass) -> bool {
    use BidiClass::*;
    matches!(class, WS | FSI | LRI | RLI | PDI)
}

/// Code-point level result for one line of text (the whole text is one line).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineLevels {
    /// The paragraph embedding level (0 or 1).
    pub paragraph_level: u8,
    /// One entry per char; `None` for chars removed by rule X9.
    pub levels: Vec<Option<u8>>,
}

/// Resolves the levels of `text` taken as one line of one paragraph, as the layout
/// does: [`sanitize`](super::sanitize::sanitize), [`analyze_paragraph`], then rule L1
/// at the line's end (which the layout gets by letting spaces hang there). What the
/// conformance suites check.
pub fn resolve_line(text: &str, base: BaseDirection) -> LineLevels {
    let sanitized = super::sanitize::sanitize(text);
    resolve_sanitized_line(&sanitized.text, base)
}

/// [`resolve_line`] without the sanitize step: the level-and-reorder core on the
/// text as it is, overrides included (which the layout never gives it).
pub fn resolve_line_unsanitized(text: &str, base: BaseDirection) -> LineLevels {
    resolve_sanitized_line(text, base)
}

fn resolve_sanitized_line(text: &str, base: BaseDirection) -> LineLevels {
    let mut analysis = Analysis::default();
    analyze_paragraph(text, base, &mut analysis);
    let Analysis {
        classes,
        mut levels,
        paragraph_level,
        ..
    } = analysis;
    apply_l1(&classes, &mut levels, paragraph_level, true);
    let levels = classes
        .iter()
        .zip(levels)
        .map(|(&c, l)| (!removed_by_x9(c)).then_some(l))
        .collect();
    LineLevels {
        paragraph_level,
        levels,
    }
}

/// Rule L1 on one line: segment and paragraph separators, and any whitespace
/// (or isolate formatting, or X9-removed characters among them) before a separator
/// or, with `line_end`, at the end of the line, go back to the paragraph level.
pub fn apply_l1(classes: &[BidiClass], levels: &mut [u8], paragraph_level: u8, line_end: bool) {
    // Walk backwards: `resetting` is true while every char since the line end or the
    // last separator has been whitespace.
    let mut resetting = line_end;
    for i in (0..classes.len()).rev() {
        let class = classes[i];
        if matches!(class, BidiClass::S | BidiClass::B) {
            levels[i] = paragraph_level;
            resetting = true;
        } else if is_whitespace_for_l1(class) || removed_by_x9(class) {
            if resetting {
                levels[i] = paragraph_level;
            }
        } else {
            resetting = false;
        }
    }
}

/// Rule L2 on levels of X9-kept items (`None` items are left out): the item indices
/// in visual order, left to right.
pub fn visual_order(levels: &[Option<u8>]) -> Vec<usize> {
    let kept: Vec<usize> = (0..levels.len()).filter(|&i| levels[i].is_some()).collect();
    let flat: Vec<u8> = kept.iter().filter_map(|&i| levels[i]).collect();
    let mut order = Vec::with_capacity(kept.len());
    reorder(&flat, &mut order);
    order.into_iter().map(|k| kept[k]).collect()
}

/// Rule L2: from the highest level to the lowest odd level on the line, reverse any
/// contiguous sequence of items at that level or higher. `order` receives the item
/// indices left to right on screen.
pub fn reorder(levels: &[u8], order: &mut Vec<usize>) {
    order.clear();
    let (Some(&min), Some(&max)) = (levels.iter().min(), levels.iter().max()) else {
        return;
    };
    let n = levels.len();
    // The common lines in one pass: one level; an RTL line with LTR runs (numbers,
    // Latin words) at level 2; an LTR line with RTL runs at level 1.
    match (min, max) {
        _ if min == max && min % 2 == 0 => order.extend(0..n),
        _ if min == max => order.extend((0..n).rev()),
        (1, 2) => {
            let mut i = n;
            while i > 0 {
                let end = i;
                if levels[i - 1] == 2 {
                    while i > 0 && levels[i - 1] == 2 {
                        i -= 1;
                    }
                    order.extend(i..end);
                } else {
                    i -= 1;
                    order.push(i);
                }
            }
        }
        (0, 1) => {
            let mut i = 0;
            while i < n {
                let start = i;
                if levels[i] == 1 {
                    while i < n && levels[i] == 1 {
                        i += 1;
                    }
                    order.extend((start..i).rev());
                } else {
                    order.push(i);
                    i += 1;
                }
            }
        }
        _ => reorder_general(levels, order),
    }
}

/// Rule L2 as written, for any levels.
fn reorder_general(levels: &[u8], order: &mut Vec<usize>) {
    order.clear();
    order.extend(0..levels.len());
    let Some(&max) = levels.iter().max() else {
        return;
    };
    let min_odd = levels.iter().copied().min().unwrap_or(0) | 1;
    if max < min_odd {
        return;
    }
    let mut level = max;
    while level >= min_odd {
        let mut i = 0;
        while i < levels.len() {
            if levels[order[i]] >= level {
                let start = i;
                while i < levels.len() && levels[order[i]] >= level {
                    i += 1;
                }
                order[start..i].reverse();
            } else {
                i += 1;
            }
        }
        level -= 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fast_table_agrees_with_the_crate() {
        for c in (0..0x1000).filter_map(char::from_u32) {
            assert_eq!(
                FastBidiData.bidi_class(c),
                unicode_bidi::bidi_class(c),
                "{c:?}"
            );
        }
    }

    proptest::proptest! {
        #[test]
        fn the_fast_path_agrees_with_unicode_bidi(
            picks in proptest::collection::vec(0usize..21, 0..30),
            direction in 0usize..3,
        ) {
            // One character of each class the fast path takes (BN: ZWJ and soft hyphen;
            // S: tab).
            const CHARS: [char; 21] = [
                'a', '\u{5D0}', '\u{627}', '1', '+', '$', '%', '\u{661}', ',', '\u{64B}',
                '\u{200D}', '\u{AD}', ' ', '!', '(', ')', '[', ']', '\u{2329}', '\u{3009}',
                '\t',
            ];
            let text: String = picks.iter().map(|&i| CHARS[i]).collect();
            let base = [BaseDirection::Auto, BaseDirection::Ltr, BaseDirection::Rtl][direction];
            let mut fast = Analysis::default();
            // Brackets with removed characters go to unicode-bidi, unless the
            // paragraph has one level.
            let brackets = text.contains(['(', ')', '[', ']', '\u{2329}', '\u{3009}']);
            let removed = text.contains(['\u{200D}', '\u{AD}']);
            let took = analyze_simple(&text, base, &mut fast, &mut |_| {});
            proptest::prop_assert!(took || (brackets && removed));
            if !took {
                return Ok(());
            }
            let mut full = Analysis::default();
            analyze_full(&text, base, &mut full);
            proptest::prop_assert_eq!(
                fast.simple_graphemes,
                Some(crate::cluster::is_simple(&text))
            );
            proptest::prop_assert_eq!(fast.paragraph_level, full.paragraph_level);
            proptest::prop_assert_eq!(fast.separators, full.separators);
            for k in 0..fast.classes.len() {
                if fast.classes[k] != BidiClass::BN {
                    proptest::prop_assert_eq!(fast.levels[k], full.levels[k], "char {} of {:?}", k, text);
                }
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn reorder_shortcuts_agree_with_rule_l2_as_written(
            levels in proptest::collection::vec(0u8..5, 0..40),
            shift in 0u8..3,
        ) {
            // Shifts make the one-level and two-level shortcuts come up often.
            let levels: Vec<u8> = levels.iter().map(|l| l % 2 + shift.min(1)).collect();
            let (mut fast, mut general) = (Vec::new(), Vec::new());
            reorder(&levels, &mut fast);
            reorder_general(&levels, &mut general);
            proptest::prop_assert_eq!(fast, general);
        }

        #[test]
        fn reorder_agrees_with_rule_l2_on_any_levels(
            levels in proptest::collection::vec(0u8..7, 0..40),
        ) {
            let (mut fast, mut general) = (Vec::new(), Vec::new());
            reorder(&levels, &mut fast);
            reorder_general(&levels, &mut general);
            proptest::prop_assert_eq!(fast, general);
        }
    }

    #[test]
    fn the_bracket_shortcut_skips_no_bracket() {
        for c in (0..0x1_0000).filter_map(char::from_u32) {
            if FastBidiData.bidi_matched_opening_bracket(c).is_some() {
                assert!(may_be_bracket(c), "{c:?}");
            }
        }
    }

    #[test]
    fn plain_text_and_brackets_take_the_fast_path_explicit_formatting_does_not() {
        let mut analysis = Analysis::default();
        assert!(analyze_simple(
            "في عام 2013، نما 31.5% “نص”",
            BaseDirection::Rtl,
            &mut analysis,
            &mut |_| {}
        ));
        assert!(analyze_simple(
            "(تشانغ)",
            BaseDirection::Rtl,
            &mut analysis,
            &mut |_| {}
        ));
        // Pairs 64 deep overflow rule BD16's stack: unicode-bidi's case.
        let deep = format!("{}a{}", "(".repeat(64), ")".repeat(64));
        assert!(!analyze_simple(
            &deep,
            BaseDirection::Rtl,
            &mut analysis,
            &mut |_| {}
        ));
        assert!(!analyze_simple(
            "a\u{2067}b",
            BaseDirection::Rtl,
            &mut analysis,
            &mut |_| {}
        ));
    }

    #[test]
    fn reorder_reverses_rtl_runs_and_keeps_numbers_ltr() {
        let mut order = Vec::new();
        reorder(&[0, 0, 1, 1, 1, 0], &mut order);
        assert_eq!(order, [0, 1, 4, 3, 2, 5]);
        // Arabic (1) with a number (2) inside: the number keeps its order.
        reorder(&[1, 1, 2, 2, 1], &mut order);
        assert_eq!(order, [4, 2, 3, 1, 0]);
        // The maximum implicit level cannot overflow.
        reorder(&[126, 126, 125], &mut order);
        assert_eq!(order, [2, 0, 1]);
    }
}

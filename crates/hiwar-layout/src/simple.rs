//! Printing a simple paragraph from one pass over its characters.
//!
//! Most of what hiwar prints is prose: Arabic letters and harakat, Latin, Hebrew,
//! digits, punctuation, spaces. For a paragraph made only of such characters
//! (the table of [`props`] says which), every grapheme cluster is one character
//! one column wide and the characters that attach to it, no control, tab, line
//! separator or bidi formatting character needs a rule of its own, and printing
//! needs no cluster records. One pass over the characters finds, from one table,
//! each one's bidi class, joining bits, whether it attaches to the cluster before,
//! and, by our own UAX #14 breaker ([`wrap::Breaker`]), whether a line may break
//! before it; a second pass shapes the glyphs when there is Arabic (two passes:
//! one loop with both keeps more state than the registers hold); the levels are
//! resolved on the classes; then the greedy fill and the writing of each line run
//! on those per-character arrays.
//!
//! What it prints is what the general path prints, byte for byte: the property
//! test `the_fast_paths_give_what_the_general_path_gives` holds it to the general
//! path ([`with_general_paths`](super::with_general_paths) turns it off), and a
//! paragraph with any character outside the table goes to the general path
//! before anything is written.

use std::sync::OnceLock;

use unicode_bidi::BidiClass;
use unicode_bidi::data_source::BidiDataSource;
use unicode_width::UnicodeWidthChar;

use super::cluster::{self, Kind};
use super::levels::{self, Classified, FastBidiData};
use super::shape::{self, Joining};
use super::{
    BaseDirection, Direction, LayoutOptions, Scratch, is_bidi_format, mirror, sanitize, wrap,
};

// A character's flags, a byte: how it joins (the low four bits, `Joining`), and
// the three below.

/// The character attaches to the cluster before it (a mark, ZWJ, ZWNJ).
const ATTACH: u8 = 0x10;
/// Bidi class WS: a lone one hangs at a line end.
const SPACE: u8 = 0x20;
/// A line may break before it (UAX #14).
const BREAK: u8 = 0x40;

const _: () = assert!(Joining::BITS & (ATTACH | SPACE | BREAK) == 0);
const _: () = assert!(wrap::PROSE_BREAK == BREAK as u16);

/// What the table tells besides: the character is one this path takes.
const SIMPLE: u8 = 1;
/// Has a mirror image (rule L4).
const MIRROR: u8 = 2;
/// May be a paired bracket (rule BD16).
const BRACKET: u8 = 4;

/// What one table lookup tells of a character.
#[derive(Clone, Copy, Debug)]
struct Props {
    class: BidiClass,
    /// Its flags: [`Joining`] bits, [`ATTACH`], [`SPACE`].
    flags: u8,
    /// [`SIMPLE`], [`MIRROR`], [`BRACKET`].
    extra: u8,
    /// Its line-break class (UAX #14).
    breaks: wrap::Class,
}

/// Code points below this are in the table directly; U+2000–U+206F follow them.
const LOW_END: u32 = 0x900;
const PUNCT_START: u32 = 0x2000;
const PUNCT_END: u32 = 0x2070;

/// The properties of U+0000–U+08FF and U+2000–U+206F (what the grapheme fast path
/// covers), built once from the layout's own sources: the bidi class table, the
/// joining types, the grapheme kinds, the line-break classes, unicode-width, the
/// mirroring table.
fn props() -> &'static [Props] {
    static TABLE: OnceLock<Vec<Props>> = OnceLock::new();
    TABLE.get_or_init(|| {
        (0..LOW_END)
            .chain(PUNCT_START..PUNCT_END)
            .map(|cp| char::from_u32(cp).map_or(NOT_SIMPLE, props_of))
            .collect()
    })
}

const NOT_SIMPLE: Props = Props {
    class: BidiClass::ON,
    flags: 0,
    extra: 0,
    breaks: wrap::Class::AL,
};

/// A character is simple when it draws as itself, takes part in the bidi analysis
/// as an ordinary character (no explicit formatting, no separator; of the
/// characters X9 removes only ZWJ and ZWNJ, which attach), and is either a
/// cluster's base one column wide or attaches with no width of its own.
fn props_of(c: char) -> Props {
    use BidiClass::*;
    let class = levels::bidi_class(c);
    let kind = cluster::kind_in(cluster::kinds(), c);
    let width = c.width();
    let Some(breaks) = wrap::class_of(c) else {
        return NOT_SIMPLE;
    };
    let simple = sanitize::drawn(c, false) == sanitize::Drawn::Itself
        && !is_bidi_format(class, c)
        && !matches!(class, B | S)
        && match kind {
            Kind::Base => width == Some(1) && class != BN,
            Kind::Attach => width == Some(0),
            Kind::Complex => false,
        };
    if !simple {
        return NOT_SIMPLE;
    }
    let mut flags = shape::joining(c).bits();
    if kind == Kind::Attach {
        flags |= ATTACH;
    }
    if class == WS {
        flags |= SPACE;
    }
    let mut extra = SIMPLE;
    if unicode_bidi_mirroring::get_mirrored(c).is_some() {
        extra |= MIRROR;
    }
    if class == ON && FastBidiData.bidi_matched_opening_bracket(c).is_some() {
        extra |= BRACKET;
    }
    Props {
        class,
        flags,
        extra,
        breaks,
    }
}

#[inline(always)]
fn lookup(table: &[Props], c: char) -> Props {
    let cp = c as u32;
    let index = if cp < LOW_END {
        cp
    } else if (PUNCT_START..PUNCT_END).contains(&cp) {
        LOW_END + cp - PUNCT_START
    } else {
        return NOT_SIMPLE;
    };
    table.get(index as usize).copied().unwrap_or(NOT_SIMPLE)
}

/// The per-character arrays of a simple paragraph (reused buffers).
#[derive(Default)]
pub(super) struct Chars {
    /// The glyph each character draws (shaped, mirrored once the levels are
    /// known), every one below U+10000; the alefs of lam-alef ligatures are
    /// left out.
    glyphs: Vec<u16>,
    /// [`Joining`] bits, [`ATTACH`], [`SPACE`], [`BREAK`].
    flags: Vec<u8>,
    /// Whether any character attaches to the one before.
    attached: bool,
    /// The characters with a mirror image.
    mirrors: Vec<usize>,
    /// The alefs of lam-alef ligatures, left out of `glyphs` and `flags`, by
    /// their index among all characters.
    absorbed_alefs: Vec<usize>,
    /// Per line: its clusters' first characters and levels, and their visual order.
    starts: Vec<usize>,
    levels: Vec<u8>,
    order: Vec<usize>,
}

/// Prints `text` as [`PreparedParagraph::print`](super::PreparedParagraph::print)
/// does if it is simple; `None`, having written nothing, if it is not.
pub(super) fn print<E>(
    text: &str,
    options: &LayoutOptions,
    width: usize,
    scratch: &mut Scratch,
    out: &mut Vec<u8>,
    flush: &mut impl FnMut(&mut Vec<u8>) -> Result<(), E>,
) -> Option<Result<(), E>> {
    if !classify(text, options, scratch) {
        return None;
    }
    let analysis = &scratch.analysis;
    let paragraph_level = analysis.paragraph_level;
    let direction = if paragraph_level % 2 == 1 {
        Direction::Rtl
    } else {
        Direction::Ltr
    };
    let levels = (!analysis.one_level).then_some(analysis.levels.as_slice());
    let chars = &mut scratch.simple;
    // Rule L4, on the characters that have a mirror image.
    for &k in &chars.mirrors {
        let level = levels.map_or(paragraph_level, |levels| levels[k]);
        let glyph =
            char::from_u32(u32::from(chars.glyphs[k])).unwrap_or(char::REPLACEMENT_CHARACTER);
        chars.glyphs[k] = mirror::mirrored(glyph, level) as u16;
    }
    let mut writer = LineWriter {
        glyphs: &chars.glyphs,
        flags: &chars.flags,
        levels,
        paragraph_level,
        direction,
        width,
        attached: chars.attached,
        starts: &mut chars.starts,
        cluster_levels: &mut chars.levels,
        order: &mut chars.order,
    };
    Some(if chars.attached {
        writer.fill_clusters(out, flush)
    } else {
        writer.fill_characters(out, flush)
    })
}

/// The passes over the characters: classes (into `scratch.analysis`), glyphs,
/// flags, break opportunities; shaping; then the levels. False, at the first
/// character that is not simple, or when the levels need unicode-bidi.
fn classify(text: &str, options: &LayoutOptions, scratch: &mut Scratch) -> bool {
    use BidiClass::*;
    let table = props();
    let analysis = &mut scratch.analysis;
    let Chars {
        glyphs,
        flags,
        mirrors,
        absorbed_alefs,
        attached: any_attached,
        ..
    } = &mut scratch.simple;
    analysis.start_classifying();
    mirrors.clear();
    absorbed_alefs.clear();
    // The arrays are sized once (to the characters: a paragraph of Arabic has
    // half as many as bytes), written by index, and cut to those drawn after.
    let most = text.chars().count();
    glyphs.clear();
    glyphs.resize(most, 0);
    flags.clear();
    flags.resize(most, 0);
    let (classes_vec, brackets) = analysis.classes_and_brackets();
    classes_vec.resize(most, L);
    let (glyph_slots, flag_slots) = (&mut glyphs[..], &mut flags[..]);
    let classes = &mut classes_vec[..];
    let mut breaker = wrap::Breaker::new();
    let mut held_breaks: Vec<usize> = Vec::new();
    let mut seen = 0u32;
    let slots = glyph_slots
        .iter_mut()
        .zip(flag_slots.iter_mut().zip(classes.iter_mut()));
    for (k, (c, (glyph, (flag, class)))) in text.chars().zip(slots).enumerate() {
        let p = lookup(table, c);
        if p.extra & SIMPLE == 0 {
            return false;
        }
        *glyph = c as u16;
        let step = breaker.next(p.breaks);
        let f = p.flags | step.break_bit();
        if step.looks_ahead() {
            // A rule that looks ahead (LB15b, LB15c, LB25): the decision for an
            // earlier character, set after the pass (rare).
            if step.held_breaks() {
                held_breaks.push(breaker.held());
            }
            if step.starts_holding() {
                breaker.hold(k);
            }
        }
        *flag = f;
        *class = p.class;
        seen |= 1 << p.class as u32;
        if p.extra & (BRACKET | MIRROR) != 0 {
            if p.extra & BRACKET != 0 {
                levels::note_bracket(brackets, k, c);
            }
            if p.extra & MIRROR != 0 {
                mirrors.push(k);
            }
        }
    }
    let k = most;
    held_breaks.extend(breaker.finish());
    for &held in &held_breaks {
        flag_slots[held] |= BREAK;
    }
    // Every letter with presentation forms is of class AL (a test checks it).
    let n = if options.shaping && seen & 1 << AL as u32 != 0 {
        shape_glyphs(&mut glyph_slots[..k], &mut flag_slots[..k], absorbed_alefs)
    } else {
        k
    };
    if !absorbed_alefs.is_empty() {
        // The mirrored characters among those drawn.
        for m in mirrors.iter_mut() {
            *m -= absorbed_alefs.partition_point(|&a| a < *m);
        }
    }
    glyphs.truncate(n);
    flags.truncate(n);
    classes_vec.truncate(k);
    let classes = &classes_vec[..];
    // Every character that attaches is of class NSM or BN (a test checks it).
    *any_attached = seen & (1 << NSM as u32 | 1 << BN as u32) != 0;
    if flags.first().is_some_and(|&f| f & ATTACH != 0) {
        // A mark with no base: drawn on a dotted circle by the general path.
        return false;
    }
    let first_strong = match options.direction {
        BaseDirection::Auto => classes.iter().copied().find(|c| matches!(c, L | R | AL)),
        _ => None,
    };
    analysis.simple_graphemes = Some(true);
    let resolved = levels::resolve_classified(
        options.direction,
        analysis,
        Classified {
            first_strong,
            seen,
            removed: seen & 1 << BN as u32 != 0,
        },
    );
    if resolved && !analysis.one_level && !absorbed_alefs.is_empty() {
        // The levels of the characters drawn.
        let mut absorbed = absorbed_alefs.iter().peekable();
        let mut kept = 0;
        for j in 0..analysis.levels.len() {
            if absorbed.next_if_eq(&&j).is_none() {
                analysis.levels[kept] = analysis.levels[j];
                kept += 1;
            }
        }
        analysis.levels.truncate(kept);
    }
    resolved
}

/// Something other than a lone space in the clusters of `flags[from..to]` (a space
/// carrying a mark is drawn).
fn drawn_between(flags: &[u8], from: usize, to: usize) -> bool {
    (from..to).any(|k| {
        flags[k] & ATTACH == 0
            && (flags[k] & SPACE == 0 || flags.get(k + 1).is_some_and(|g| g & ATTACH != 0))
    })
}

/// Shapes the glyphs (each holding its character) in place, and leaves out the
/// alefs of lam-alef ligatures (they draw nothing; their marks attach to the
/// lam's cell), noting their indices in `absorbed`. Returns the glyphs kept.
fn shape_glyphs(glyphs: &mut [u16], flags: &mut [u8], absorbed: &mut Vec<usize>) -> usize {
    let mut shaper = shape::Shaper::default();
    let mut n = 0;
    for k in 0..glyphs.len().min(flags.len()) {
        let (glyph, f) = (glyphs[k], flags[k]);
        glyphs[n] = glyph;
        flags[n] = f;
        if shaper.shape(n, u32::from(glyph), Joining::from_bits(f), glyphs) {
            absorbed.push(k);
        } else {
            n += 1;
        }
    }
    shaper.finish(glyphs);
    n
}

/// The greedy fill and the writing of lines, on the per-character arrays.
struct LineWriter<'a> {
    glyphs: &'a [u16],
    flags: &'a [u8],
    /// Per character; `None` when all have the paragraph level.
    levels: Option<&'a [u8]>,
    paragraph_level: u8,
    direction: Direction,
    width: usize,
    /// Whether any character attaches to the one before.
    attached: bool,
    starts: &'a mut Vec<usize>,
    cluster_levels: &'a mut Vec<u8>,
    order: &'a mut Vec<usize>,
}

/// Output is handed to `flush` once it holds this much.
const FLUSH_BYTES: usize = 64 * 1024;

impl LineWriter<'_> {
    /// The greedy fill of [`LineFiller`](super::LineFiller), a cluster being a
    /// character that does not attach and those after it that do, each one column.
    fn fill_clusters<E>(
        &mut self,
        out: &mut Vec<u8>,
        flush: &mut impl FnMut(&mut Vec<u8>) -> Result<(), E>,
    ) -> Result<(), E> {
        let flags = self.flags;
        let n = flags.len();
        let limit = if self.width == 0 {
            usize::MAX
        } else {
            self.width
        };
        let (mut start, mut acc) = (0, 0);
        let mut last_break: Option<(usize, usize)> = None;
        // As in the general fill: after the last spaces that follow something
        // drawn, and whether the line has something other than spaces.
        let mut last_space: Option<(usize, usize)> = None;
        let mut drawn = false;
        let mut after_space = false;
        for i in 0..n {
            let f = flags[i];
            if f & ATTACH != 0 {
                continue;
            }
            // A lone space hangs past the edge; one carrying a mark does not.
            let space = f & SPACE != 0 && flags.get(i + 1).is_none_or(|g| g & ATTACH == 0);
            if f & BREAK != 0 && i > start && drawn {
                last_break = Some((i, acc));
            }
            if !space && drawn && i > start && after_space {
                last_space = Some((i, acc));
            }
            if acc + 1 > limit && i > start && !space {
                if let Some((b, acc_b)) = last_break.take() {
                    self.line(start, b, acc_b, out);
                    start = b;
                    acc -= acc_b;
                    last_space = last_space
                        .filter(|&(s, _)| s > b && drawn_between(flags, b, s))
                        .map(|(s, acc_s)| (s, acc_s - acc_b));
                    drawn = drawn_between(flags, b, i);
                }
                if acc + 1 > limit && i > start {
                    if let Some((s, acc_s)) = last_space.take() {
                        // No opportunity: break at a space inside the run.
                        self.line(start, s, acc_s, out);
                        start = s;
                        acc -= acc_s;
                        drawn = drawn_between(flags, s, i);
                    }
                }
                if acc + 1 > limit && i > start {
                    // No opportunity or space left: split the word between clusters.
                    self.line(start, i, acc, out);
                    start = i;
                    acc = 0;
                    drawn = false;
                }
                if out.len() > FLUSH_BYTES {
                    flush(out)?;
                }
            }
            acc += 1;
            drawn |= !space;
            after_space = space;
        }
        self.line(start, n, acc, out);
        Ok(())
    }

    /// [`fill_clusters`](Self::fill_clusters) when every cluster is one character:
    /// the line from `start` overflows at the first character from `start +
    /// width` on that is not a space (spaces hang), and breaks at the last
    /// opportunity before it, so the fill looks at the characters around the
    /// line's end only.
    fn fill_characters<E>(
        &mut self,
        out: &mut Vec<u8>,
        flush: &mut impl FnMut(&mut Vec<u8>) -> Result<(), E>,
    ) -> Result<(), E> {
        let flags = self.flags;
        let n = flags.len();
        let width = self.width;
        let mut start = 0;
        if width > 0 {
            let mut i = width;
            loop {
                while i < n && flags[i] & SPACE != 0 {
                    i += 1;
                }
                if i >= n {
                    break;
                }
                // The character at `i` would overflow the line: it breaks at the
                // last opportunity after its start with something other than
                // spaces before it, else after the last spaces inside the run,
                // else before `i`.
                if let Some(b) = (start + 1..=i).rev().find(|&k| flags[k] & BREAK != 0)
                    && drawn_between(flags, start, b)
                {
                    self.line(start, b, b - start, out);
                    start = b;
                }
                if i - start >= width
                    && let Some(s) = (start + 1..=i)
                        .rev()
                        .find(|&k| flags[k - 1] & SPACE != 0 && flags[k] & SPACE == 0)
                    && drawn_between(flags, start, s)
                {
                    // No opportunity: break at a space inside the run.
                    self.line(start, s, s - start, out);
                    start = s;
                }
                if i - start >= width {
                    // No opportunity or space left: split the word between characters.
                    self.line(start, i, i - start, out);
                    start = i;
                }
                if out.len() > FLUSH_BYTES {
                    flush(out)?;
                }
                i = (i + 1).max(start + width);
            }
        }
        self.line(start, n, n - start, out);
        Ok(())
    }

    /// Writes the line of characters `start..end`, `columns` wide with its hanging
    /// spaces, as [`write_line`](super::write_line) does.
    fn line(&mut self, start: usize, end: usize, columns: usize, out: &mut Vec<u8>) {
        let flags = self.flags;
        // The spaces that hang at its end are not drawn (rule L1 would send them
        // past the line's edge). Only lone ones are met from the end: a space
        // that a character attaches to is followed by it.
        let mut visible_end = end;
        while visible_end > start && flags[visible_end - 1] & SPACE != 0 {
            visible_end -= 1;
        }
        // Each of them took one column.
        let used = columns - (end - visible_end);
        let end = visible_end;
        let line_start = out.len();
        if end == start {
            out.push(b'\n');
            return;
        }
        if self.width > 0 && self.direction.is_rtl() {
            out.resize(out.len() + self.width.saturating_sub(used), b' ');
        }
        let text_start = out.len();
        // Three bytes at most a character (every glyph is below U+10000), and
        // one to spare for the last store of four.
        out.resize(text_start + 3 * (end - start) + 1, 0);
        let trailing = self.trailing_whitespace(start, end);
        let written = match self.line_level(start, end) {
            _ if trailing < end => self.reordered(start, end, trailing, &mut out[text_start..]),
            Some(level) if level % 2 == 0 => self.forward(start, end, &mut out[text_start..]),
            Some(_) => self.reversed(start, end, &mut out[text_start..]),
            None => self.reordered(start, end, end, &mut out[text_start..]),
        };
        let kept = out[text_start..text_start + written]
            .iter()
            .rposition(|&b| b != b' ')
            .map_or(line_start, |last| text_start + last + 1);
        out.truncate(kept);
        out.push(b'\n');
    }

    /// Where the spaces carrying joiners at the end of the line `start..end` begin
    /// (`end` if there are none, or the paragraph has one level): rule L1 gives
    /// them the paragraph level, as [`super::visual_order`] does.
    fn trailing_whitespace(&self, start: usize, end: usize) -> usize {
        let flags = self.flags;
        if self.levels.is_none() || flags[end - 1] & ATTACH == 0 {
            return end;
        }
        let mut trailing = end;
        while trailing > start {
            // The cluster before `trailing`: its first character, and the ones
            // attached to it.
            let mut base = trailing - 1;
            while base > start && flags[base] & ATTACH != 0 {
                base -= 1;
            }
            let joiners = self.glyphs[base + 1..trailing]
                .iter()
                .all(|&g| g == 0x200C || g == 0x200D);
            if flags[base] & (SPACE | ATTACH) != SPACE || !joiners {
                break;
            }
            trailing = base;
        }
        trailing
    }

    /// The level of every cluster of `start..end`, if they have one.
    fn line_level(&self, start: usize, end: usize) -> Option<u8> {
        let Some(levels) = self.levels else {
            return Some(self.paragraph_level);
        };
        let level = levels[start];
        (start..end)
            .all(|k| self.flags[k] & ATTACH != 0 || levels[k] == level)
            .then_some(level)
    }

    /// Rule L2 on one even level: the characters as they are. Returns the bytes
    /// written to `out`.
    fn forward(&self, start: usize, end: usize, out: &mut [u8]) -> usize {
        let mut at = 0;
        for &g in &self.glyphs[start..end] {
            at += put_glyph(out, at, g);
        }
        at
    }

    /// Rule L2 on one odd level: the clusters in reverse, each one's characters
    /// in order.
    fn reversed(&self, start: usize, end: usize, out: &mut [u8]) -> usize {
        let mut at = 0;
        let glyphs = &self.glyphs[start..end];
        if !self.attached || !self.flags[start..end].iter().any(|&f| f & ATTACH != 0) {
            for &g in glyphs.iter().rev() {
                at += put_glyph(out, at, g);
            }
            return at;
        }
        let mut cluster_end = end;
        for k in (start..end).rev() {
            if self.flags[k] & ATTACH == 0 {
                at += self.cluster_rtl(k, cluster_end, &mut out[at..]);
                cluster_end = k;
            }
        }
        at
    }

    /// Rule L2 by cluster, for a line of several levels; the clusters from
    /// `trailing` on take the paragraph level (rule L1).
    fn reordered(&mut self, start: usize, end: usize, trailing: usize, out: &mut [u8]) -> usize {
        let levels = self.levels.unwrap_or_default();
        self.starts.clear();
        self.cluster_levels.clear();
        for (k, (&f, &level)) in self.flags[start..end]
            .iter()
            .zip(&levels[start..end])
            .enumerate()
        {
            if f & ATTACH == 0 {
                self.starts.push(start + k);
                self.cluster_levels.push(if start + k < trailing {
                    level
                } else {
                    self.paragraph_level
                });
            }
        }
        levels::reorder(self.cluster_levels, self.order);
        let mut at = 0;
        for &i in self.order.iter() {
            let first = self.starts[i];
            let cluster_end = self.starts.get(i + 1).copied().unwrap_or(end);
            at += if self.cluster_levels[i] % 2 == 1 {
                self.cluster_rtl(first, cluster_end, &mut out[at..])
            } else {
                self.cluster(first, cluster_end, &mut out[at..])
            };
        }
        at
    }

    /// The cluster of characters `first..end`; the bytes written to `out`.
    #[inline(always)]
    fn cluster(&self, first: usize, end: usize, out: &mut [u8]) -> usize {
        let mut at = 0;
        for &g in &self.glyphs[first..end] {
            at += put_glyph(out, at, g);
        }
        at
    }
}

impl LineWriter<'_> {
    /// The cluster of characters `first..end` on an odd level, as
    /// [`super::append_rtl`] writes it: the ZWNJs that end it first, then the rest
    /// in order (of the invisibles, simple text has only ZWNJ and ZWJ).
    #[inline]
    fn cluster_rtl(&self, first: usize, end: usize, out: &mut [u8]) -> usize {
        let glyphs = &self.glyphs[first..end];
        let mut tail = glyphs.len();
        while tail > 1 && glyphs[tail - 1] == 0x200C {
            tail -= 1;
        }
        let mut at = 0;
        for &g in glyphs[tail..].iter().rev().chain(&glyphs[..tail]) {
            at += put_glyph(out, at, g);
        }
        at
    }
}

/// Writes the glyph `g` (below U+10000) in UTF-8 at `out[at..]`, as one store
/// of four bytes (the line leaves a byte to spare); returns its length.
#[inline(always)]
fn put_glyph(out: &mut [u8], at: usize, g: u16) -> usize {
    let g = u32::from(g);
    let (bytes, len) = if g < 0x80 {
        (g, 1)
    } else if g < 0x800 {
        (0x80C0 | g >> 6 | (g & 0x3F) << 8, 2)
    } else {
        (
            0x0080_80E0 | g >> 12 | (g >> 6 & 0x3F) << 8 | (g & 0x3F) << 16,
            3,
        )
    };
    if let Some(slot) = out.get_mut(at..at + 4) {
        slot.copy_from_slice(&bytes.to_le_bytes());
    }
    len
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{PreparedParagraph, symbol_width};

    fn simple_chars(attach: bool) -> Vec<char> {
        (0..LOW_END)
            .chain(PUNCT_START..PUNCT_END)
            .filter_map(char::from_u32)
            .filter(|&c| {
                let p = lookup(props(), c);
                p.extra & SIMPLE != 0 && (p.flags & ATTACH != 0) == attach
            })
            .collect()
    }

    #[test]
    fn every_cluster_of_simple_characters_is_one_column() {
        // The fill counts a column per cluster: a base, shaped or mirrored,
        // with any characters that attach after it.
        let marks = simple_chars(true);
        assert!(marks.contains(&'\u{64B}') && marks.contains(&'\u{200D}'));
        let mut checked = 0;
        for base in simple_chars(false) {
            let mut glyphs = vec![base, mirror::mirrored(base, 1)];
            let mut forms = Vec::new();
            for text in [
                format!("{base}"),
                format!("\u{628}{base}"),
                format!("{base}\u{628}"),
                format!("\u{628}{base}\u{628}"),
            ] {
                shape::shape(&text, &mut forms);
                glyphs.extend(forms.iter().flatten());
            }
            for glyph in glyphs {
                assert_eq!(symbol_width(&glyph.to_string()), 1, "{base:?} as {glyph:?}");
                for &mark in &marks {
                    let symbol = format!("{glyph}{mark}");
                    assert_eq!(symbol_width(&symbol), 1, "{symbol:?}");
                    checked += 1;
                }
                let symbol = format!("{glyph}\u{651}\u{64B}\u{200D}");
                assert_eq!(symbol_width(&symbol), 1, "{symbol:?}");
            }
        }
        assert!(checked > 100_000, "{checked}");
        // The lam-alef ligatures, with the marks of both letters.
        for ligature in '\u{FEF5}'..='\u{FEFC}' {
            for &mark in &marks {
                let symbol = format!("{ligature}\u{651}{mark}");
                assert_eq!(symbol_width(&symbol), 1, "{symbol:?}");
            }
        }
    }

    #[test]
    fn the_letters_shaping_changes_are_of_class_al() {
        // `classify` shapes a paragraph only when it has a character of class AL.
        let mut forms = Vec::new();
        for c in (0..0x1_0000).filter_map(char::from_u32) {
            // Between two tatweels (join causing), alone, and as a lam's alef.
            for text in [
                format!("\u{640}{c}\u{640}"),
                format!("{c}"),
                format!("\u{644}{c}"),
            ] {
                shape::shape(&text, &mut forms);
                for (d, &form) in text.chars().zip(&forms) {
                    if form != Some(d) {
                        assert_eq!(levels::bidi_class(d), BidiClass::AL, "{d:?} in {text:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn the_characters_that_attach_are_nsm_or_bn() {
        // `classify` finds whether any character attaches from the classes met.
        for c in simple_chars(true) {
            let class = levels::bidi_class(c);
            assert!(matches!(class, BidiClass::NSM | BidiClass::BN), "{c:?}");
        }
    }

    #[test]
    fn simple_characters_are_what_the_general_path_treats_as_ordinary() {
        for c in simple_chars(false).into_iter().chain(simple_chars(true)) {
            assert_eq!(sanitize::drawn(c, false), sanitize::Drawn::Itself, "{c:?}");
            assert_ne!(
                cluster::kind_in(cluster::kinds(), c),
                Kind::Complex,
                "{c:?}"
            );
            let class = levels::bidi_class(c);
            assert!(!is_bidi_format(class, c), "{c:?}");
            assert!(!matches!(class, BidiClass::B | BidiClass::S), "{c:?}");
        }
        for c in [
            '\t', '\n', '\r', '\u{1b}', '\u{200B}', '\u{200F}', '\u{2067}', '😀', '中',
        ] {
            assert_eq!(lookup(props(), c).extra & SIMPLE, 0, "{c:?}");
        }
    }

    fn takes(text: &str) -> bool {
        let mut scratch = Scratch::default();
        let mut out = Vec::new();
        let options = LayoutOptions::default();
        print(text, &options, 80, &mut scratch, &mut out, &mut |_| {
            Ok::<(), ()>(())
        })
        .is_some()
    }

    #[test]
    fn prose_takes_this_path_and_the_rest_does_not() {
        // Every paragraph of the hiwar app's built-in interview, bare and with a
        // numbered speaker prefix as the app prints them: the path printing is
        // fast on.
        for paragraph in include_str!("../../../assets/interview-ar.txt").lines() {
            assert!(takes(paragraph), "{paragraph:?}");
            let prefixed = format!("1. جلوبال تايمز: {paragraph}");
            assert!(takes(&prefixed), "{prefixed:?}");
        }
        assert!(takes("Hello, “world” (2013) — ‹שלום› مُحَمَّد لًا"));
        for text in [
            "a\tb",
            "\u{64B}x",
            "x\u{202B}y",
            "a\u{200B}b",
            "😀",
            "a\u{2028}b",
        ] {
            assert!(!takes(text), "{text:?}");
        }
        // As the general path: the same lines.
        let options = LayoutOptions::default();
        let text = "في عام 2013، زار (تشانغ) البلاد بنسبة 31.5% و“13,000” زائر.";
        let mut paragraph = PreparedParagraph::new("", &options);
        for width in [0, 1, 5, 20, 80] {
            let mut fast = Vec::new();
            let mut general = Vec::new();
            let mut keep = |_: &mut Vec<u8>| Ok::<(), ()>(());
            assert!(
                paragraph
                    .print(text, &options, width, &mut fast, &mut keep)
                    .is_ok()
            );
            crate::with_general_paths(|| {
                paragraph.print(text, &options, width, &mut general, &mut keep)
            })
            .ok();
            assert_eq!(String::from_utf8(fast), String::from_utf8(general));
        }
    }
}

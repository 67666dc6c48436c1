//! The bidi layout engine: one logical paragraph in, the visual lines a terminal shows out.
//!
//! Pipeline, in order (each step in its own module):
//! 1. [`sanitize`]: overrides made inert; every other character keeps its bidi
//!    class for the analysis (a tab is a segment separator). What is drawn is
//!    decided per character later: tabs as blank columns, controls as visible
//!    symbols, bidi formatting characters and line separators as nothing.
//! 2. [`levels`]: UAX #9 embedding levels per paragraph (our resolver for the common
//!    case, unicode-bidi for the rest), and rule L1 for separators.
//! 3. [`shape`]: Arabic joining to presentation forms, the four lam-alef ligatures,
//!    nothing lost (harakat, tatweel, ZWJ, ZWNJ kept).
//! 4. [`wrap`]: UAX #14 break opportunities on the logical text, greedy fill with
//!    widths measured after shaping.
//! 5. [`levels`] again: per-line reordering (L1–L2) by grapheme cluster, then
//!    [`mirror`] (L4).
//! 6. alignment: RTL lines right-aligned by leading padding.
//!
//! Width-independent work (steps 1–4's analysis) lives in [`PreparedParagraph`], so a
//! resize only re-runs wrapping and reordering. Printing
//! ([`PreparedParagraph::print`]) runs the same steps but writes each line as it
//! fills and keeps only the current line's clusters, so a paragraph of any length
//! costs memory for its text and a few bytes a character; a paragraph of prose
//! (`simple.rs`: every cluster one character one column wide with what
//! attaches to it) is printed from per-character arrays, with no cluster records
//! at all. Fast paths (the simple print, simple text, one-level paragraphs and
//! lines) are held to the general path by a property test ([`with_general_paths`]).
//!
//! # Example
//!
//! ```
//! use hiwar_layout::{BaseDirection, LayoutOptions, layout};
//!
//! // "Hello" in Arabic, laid out right to left at 10 columns (0: no wrapping).
//! let options = LayoutOptions { direction: BaseDirection::Rtl, shaping: true };
//! let lines = layout("مرحبا", 10, &options);
//! assert_eq!(lines.len(), 1);
//! let line = &lines[0];
//! // Right-aligned: five letters, five columns of padding before them.
//! assert_eq!(line.padding, 5);
//! // Shaped (presentation forms), in screen order, left to right.
//! assert_eq!(line.visual_text(), "\u{FE8E}\u{FE92}\u{FEA3}\u{FEAE}\u{FEE3}");
//! // Each cell keeps the bytes of the paragraph it draws: the leftmost cell is the
//! // last letter, alef (bytes 8..10).
//! assert_eq!(line.cells()[0].source, 8..10);
//! ```
#![cfg_attr(not(test), deny(clippy::unwrap_used))]
#![warn(missing_docs)]

pub mod cluster;
pub mod levels;
pub mod line;
pub mod mirror;
pub mod sanitize;
pub mod shape;
mod simple;
// The line-break classes are UAX #14's own names (the module is the line-break
// work's; its docs are to come with it).
#[allow(missing_docs)]
pub mod wrap;

pub use line::{Cell, Direction, VisualLine};

use std::ops::Range;

use unicode_bidi::BidiClass;
use unicode_width::UnicodeWidthStr;

/// The paragraph direction asked for: `Auto` applies UAX #9 rules P2–P3.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum BaseDirection {
    /// From the first strong character (UAX #9 P2–P3); left to right if none.
    #[default]
    Auto,
    /// Right to left (paragraph level 1).
    Rtl,
    /// Left to right (paragraph level 0).
    Ltr,
}

/// Options of the layout. `Default` is: auto direction, shaping on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct LayoutOptions {
    /// The paragraph direction asked for.
    pub direction: BaseDirection,
    /// Arabic letters to their presentation forms (for terminals that do not shape).
    pub shaping: bool,
}

impl Default for LayoutOptions {
    fn default() -> Self {
        Self {
            direction: BaseDirection::Auto,
            shaping: true,
        }
    }
}

/// Lays out one logical paragraph at `width` columns (0: no wrapping, no padding).
/// Lines come out in reading order: the first holds the start of the paragraph.
pub fn layout(text: &str, width: usize, options: &LayoutOptions) -> Vec<VisualLine> {
    PreparedParagraph::new(text, options).lines(width)
}

/// One unit of layout: a grapheme cluster of the paragraph (a lam-alef ligature
/// joins two; a tab is several, one a column), with everything the line steps need.
#[derive(Clone, Debug)]
struct Cluster {
    /// Original bytes it came from.
    source: Range<u32>,
    /// Its drawn symbol in `PreparedParagraph::symbols` (shaped and mirrored).
    symbol: Range<u32>,
    /// Columns: 1 or 2; 0 for an isolate or a bidi mark (see [`Cluster::is_hidden`]).
    width: u8,
    level: u8,
    /// Whitespace (bidi class WS): hangs at the end of a line.
    space: bool,
    /// Whitespace carrying only invisibles (class BN: a joiner, ZWSP, a BOM):
    /// drawn, since it carries them, and at a line's end sent to the paragraph
    /// level by rule L1, as a lone space would be (UAX #9 5.2 counts BN with the
    /// whitespace there).
    whitespace: bool,
    /// Under a directional override the document had (made inert by sanitize).
    overridden: bool,
    /// A line may break before it (UAX #14).
    break_allowed: bool,
    /// How many mandatory breaks stand right before it.
    mandatory_breaks: u32,
}

impl Cluster {
    /// An isolate (LRI, RLI, FSI, PDI) or a bidi mark (LRM, RLM, ALM): drawn as
    /// nothing, but kept through reordering, where its level parts the runs around
    /// it (UAX #9 X9 removes only embeddings, overrides and BN; an isolate's level
    /// is what keeps the text inside it apart from the text outside in rule L2).
    #[inline]
    fn is_hidden(&self) -> bool {
        self.width == 0
    }
}

/// The width-independent analysis of one paragraph (sanitized, shaped, levels,
/// break opportunities), ready to be laid out at any width.
#[derive(Clone, Debug)]
pub struct PreparedParagraph {
    direction: Direction,
    clusters: Vec<Cluster>,
    /// The clusters' symbols, one after the other: UTF-8 (only whole characters
    /// are pushed), kept as bytes so that pushing one is a few stores.
    symbols: Vec<u8>,
    /// Mandatory breaks after the last cluster (each ends one more, empty, line).
    trailing_breaks: u32,
}

/// Buffers of the width-independent analysis, reused from one paragraph to the next
/// (one set per thread).
#[derive(Default)]
struct Scratch {
    analysis: levels::Analysis,
    /// Shaping, a byte per char.
    glyphs: Vec<shape::Form>,
    /// Whether `glyphs` holds this paragraph's shaping.
    shaped: bool,
    line: LineScratch,
    /// The per-character arrays of a simple paragraph's print.
    simple: simple::Chars,
}

thread_local! {
    static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::new(Scratch::default());
    static FAST_PATHS: std::cell::Cell<bool> = const { std::cell::Cell::new(true) };
}

/// Whether the fast paths are on (they are, but inside [`with_general_paths`]).
pub(crate) fn fast_paths() -> bool {
    FAST_PATHS.get()
}

/// Runs `f` with every fast path of the layout off on this thread (simple
/// paragraphs printed through clusters, with unicode-linebreak's breaks instead
/// of our own breaker's; simple text walked as graphemes; one-level paragraphs
/// and right-to-left ones with numbers resolved rule by rule; one-level lines
/// reordered by rule L2): what the tests compare the fast paths against.
#[doc(hidden)]
pub fn with_general_paths<R>(f: impl FnOnce() -> R) -> R {
    let before = FAST_PATHS.replace(false);
    let result = f();
    FAST_PATHS.set(before);
    result
}

/// Drawn before a combining mark that has no base letter (the usual typographic
/// convention), so the mark is seen and takes its own column.
const DOTTED_CIRCLE: char = '\u{25CC}';

/// Drawn instead of a cluster wider than the whole line (a wide character in a
/// one-column line).
const TOO_WIDE: &str = "\u{FFFD}";

/// Bidi formatting characters: they shape the analysis but get no cell.
fn is_bidi_format(class: BidiClass, c: char) -> bool {
    use BidiClass::*;
    matches!(class, RLE | LRE | RLO | LRO | PDF | LRI | RLI | FSI | PDI)
        || matches!(c, '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// Unicode's Prepended_Concatenation_Mark characters (PropList.txt, Unicode 16).
fn is_prepended_concatenation_mark(c: char) -> bool {
    matches!(
        c,
        '\u{0600}'..='\u{0605}'
            | '\u{06DD}'
            | '\u{070F}'
            | '\u{0890}'..='\u{0891}'
            | '\u{08E2}'
            | '\u{110BD}'
            | '\u{110CD}'
    )
}

/// The bidi formatting characters that rule X9 removes: embeddings, overrides
/// and PDF. The others (isolates, marks) stay in the line as hidden clusters.
fn is_removed_by_x9(class: BidiClass) -> bool {
    use BidiClass::*;
    matches!(class, RLE | LRE | RLO | LRO | PDF)
}

impl PreparedParagraph {
    /// Analyses `text`, one logical paragraph: sanitize, levels, shaping, break
    /// opportunities. Then [`lines`](Self::lines) lays it out at any width.
    ///
    /// ```
    /// use hiwar_layout::{LayoutOptions, PreparedParagraph};
    ///
    /// let paragraph = PreparedParagraph::new("كلمة كلمة كلمة", &LayoutOptions::default());
    /// // A resize reruns only wrapping and reordering.
    /// assert_eq!(paragraph.lines(0).len(), 1);
    /// assert_eq!(paragraph.lines(9).len(), 2);
    /// assert!(paragraph.direction().is_rtl());
    /// ```
    pub fn new(text: &str, options: &LayoutOptions) -> Self {
        let mut paragraph = Self {
            direction: Direction::Ltr,
            clusters: Vec::new(),
            symbols: Vec::new(),
            trailing_breaks: 0,
        };
        paragraph.prepare(text, options);
        paragraph
    }

    /// Analyses another paragraph in place, reusing this one's buffers (the hot path
    /// of printing many paragraphs).
    pub fn prepare(&mut self, text: &str, options: &LayoutOptions) {
        let sanitized = sanitize::sanitize(text);
        SCRATCH.with_borrow_mut(|scratch| {
            let direction = scratch.analyze(&sanitized, options);
            let mut clusters = std::mem::take(&mut self.clusters);
            let mut symbols = std::mem::take(&mut self.symbols);
            clusters.clear();
            symbols.clear();
            let mut builder = cluster_builder(&sanitized, scratch);
            while builder.run(&mut clusters, &mut symbols, usize::MAX) {}
            let trailing_breaks = builder.finish(&mut clusters, &mut symbols);
            *self = Self {
                direction,
                clusters,
                symbols,
                trailing_breaks,
            };
        });
    }

    /// Lays out `text` and appends its lines to `out` as [`write_lines`](Self::write_lines)
    /// does, holding only the clusters of the line being filled: a paragraph of
    /// any length takes memory for its text and its per-character analysis (bidi
    /// classes and levels, shaped glyphs), not for all its clusters. Calls `flush`
    /// whenever `out` holds more than 64 KiB. The hot path of printing; leaves
    /// this paragraph's clusters in an unspecified state.
    pub fn print<E>(
        &mut self,
        text: &str,
        options: &LayoutOptions,
        width: usize,
        out: &mut Vec<u8>,
        flush: &mut impl FnMut(&mut Vec<u8>) -> Result<(), E>,
    ) -> Result<(), E> {
        const FLUSH_BYTES: usize = 64 * 1024;
        // Clusters are given to the fill this many at a time, and done ones are
        // dropped once this many have piled up before the line.
        const FEED_CLUSTERS: usize = 1024;
        const DRAIN_CLUSTERS: usize = 4096;
        SCRATCH.with_borrow_mut(|scratch| {
            if fast_paths()
                && let Some(printed) = simple::print(text, options, width, scratch, out, flush)
            {
                self.clusters.clear();
                self.symbols.clear();
                self.trailing_breaks = 0;
                self.direction = if scratch.analysis.paragraph_level % 2 == 1 {
                    Direction::Rtl
                } else {
                    Direction::Ltr
                };
                return printed;
            }
            let sanitized = sanitize::sanitize(text);
            self.direction = scratch.analyze(&sanitized, options);
            let direction = self.direction;
            let mut clusters = std::mem::take(&mut self.clusters);
            let mut symbols = std::mem::take(&mut self.symbols);
            clusters.clear();
            symbols.clear();
            let mut line_scratch = std::mem::take(&mut scratch.line);
            let mut builder = cluster_builder(&sanitized, scratch);
            let mut filler = LineFiller::new(width);
            let mut result = Ok(());
            while builder.run(&mut clusters, &mut symbols, filler.next + FEED_CLUSTERS) {
                // The last cluster may still change with the next grapheme.
                let ready = clusters.len() - 1;
                filler.feed(&clusters, ready, &mut |range| {
                    let line = visible(&clusters[range]);
                    write_line(line, &symbols, direction, width, &mut line_scratch, out);
                });
                if out.len() > FLUSH_BYTES {
                    result = flush(out);
                    if result.is_err() {
                        break;
                    }
                }
                if filler.start > DRAIN_CLUSTERS {
                    let done = filler.start;
                    let symbols_done = clusters[done].symbol.start;
                    clusters.drain(..done);
                    symbols.drain(..symbols_done as usize);
                    for c in &mut clusters {
                        c.symbol.start -= symbols_done;
                        c.symbol.end -= symbols_done;
                    }
                    builder.drained(symbols_done);
                    filler.drained(done);
                }
            }
            let trailing_breaks = builder.finish(&mut clusters, &mut symbols);
            if result.is_ok() {
                let mut emit = |range: Range<usize>| {
                    let line = visible(&clusters[range]);
                    write_line(line, &symbols, direction, width, &mut line_scratch, out);
                };
                filler.feed(&clusters, clusters.len(), &mut emit);
                filler.finish(clusters.len(), trailing_breaks, &mut emit);
            }
            scratch.line = line_scratch;
            self.clusters = clusters;
            self.symbols = symbols;
            self.trailing_breaks = 0;
            result
        })
    }

    /// The paragraph's resolved direction.
    pub fn direction(&self) -> Direction {
        self.direction
    }

    /// The visual lines at `width` columns (0: no wrapping, no padding), in reading
    /// order.
    pub fn lines(&self, width: usize) -> Vec<VisualLine> {
        let mut out = Vec::new();
        self.lines_into(width, &mut out);
        out
    }

    /// Like [`lines`](Self::lines), into `out`, reusing the allocations of the lines
    /// already there.
    pub fn lines_into(&self, width: usize, out: &mut Vec<VisualLine>) {
        let mut pool = LinePool {
            lines: out,
            used: 0,
        };
        let mut scratch = LineScratch::default();
        self.line_ranges(width, |range| {
            self.line(range, width, &mut scratch, pool.next(self.direction));
        });
        pool.finish();
    }

    /// Appends every visual line to `out` as text, as [`VisualLine`]'s `Display` shows
    /// it (padding, symbols, no trailing space) with a newline after each: the same
    /// lines as [`lines`](Self::lines), without building cells.
    pub fn write_lines(&self, width: usize, out: &mut Vec<u8>) {
        let mut scratch = LineScratch::default();
        self.line_ranges(width, |range| {
            let line = visible(&self.clusters[range]);
            write_line(
                line,
                &self.symbols,
                self.direction,
                width,
                &mut scratch,
                out,
            );
        });
    }

    /// The greedy fill: calls `emit` with the cluster range of each line, in order.
    fn line_ranges(&self, width: usize, mut emit: impl FnMut(Range<usize>)) {
        let mut filler = LineFiller::new(width);
        filler.feed(&self.clusters, self.clusters.len(), &mut emit);
        filler.finish(self.clusters.len(), self.trailing_breaks, &mut emit);
    }

    /// One line of clusters in logical order: hanging spaces dropped, reordered
    /// (L2 by cluster, so marks stay on their letters), aligned.
    fn line(
        &self,
        range: Range<usize>,
        width: usize,
        scratch: &mut LineScratch,
        line: &mut VisualLine,
    ) {
        let clusters = visible(&self.clusters[range]);
        visual_order(clusters, self.direction, scratch);
        for &k in &scratch.order {
            let c = &clusters[k];
            if c.is_hidden() {
                continue;
            }
            // The level after rule L1 (whitespace carrying invisibles at the end).
            let level = scratch.levels[k];
            let source = c.source.start as usize..c.source.end as usize;
            if width > 0 && c.width as usize > width {
                line.push_marked(TOO_WIDE, 1, source, level, c.overridden);
            } else {
                let mut symbol = &self.symbols[c.symbol.start as usize..c.symbol.end as usize];
                if level % 2 == 1 && invisible_tail(symbol) < symbol.len() {
                    scratch.symbol.clear();
                    append_rtl(&mut scratch.symbol, symbol);
                    symbol = &scratch.symbol;
                }
                line.push_marked(utf8(symbol), c.width, source, level, c.overridden);
            }
        }
        if width > 0 && self.direction.is_rtl() {
            line.padding = width.saturating_sub(line.width());
        }
    }
}

impl Scratch {
    /// Runs the per-character analysis of a paragraph (levels, shaping) into these
    /// buffers; returns its direction.
    fn analyze(
        &mut self,
        sanitized: &sanitize::Sanitized<'_>,
        options: &LayoutOptions,
    ) -> Direction {
        let s: &str = &sanitized.text;
        self.shaped = options.shaping && shape::needs_shaping(s);
        if self.shaped {
            // Shaped on the way of the bidi classification (one decoding), or
            // after it when unicode-bidi took the text.
            let forms = &mut self.glyphs;
            forms.clear();
            let mut shaper = shape::Shaper::default();
            let visited =
                levels::analyze_paragraph_visiting(s, options.direction, &mut self.analysis, |c| {
                    shaper.push(c, forms)
                });
            if visited {
                shaper.finish(forms);
            } else {
                shape::shape_forms(s, forms);
            }
        } else {
            levels::analyze_paragraph(s, options.direction, &mut self.analysis);
        }
        if self.analysis.paragraph_level % 2 == 1 {
            Direction::Rtl
        } else {
            Direction::Ltr
        }
    }
}

/// The width-independent loop: turns graphemes, one at a time and in order, into
/// clusters (shaped, mirrored, controls made visible, invisibles riding along) and
/// their symbols. The last cluster pushed may still change with the next grapheme
/// (the alef of a lam-alef, an invisible character join it).
struct ClusterBuilder<'a, B> {
    sanitized: &'a sanitize::Sanitized<'a>,
    info: &'a levels::Analysis,
    /// Shaped forms per char, when shaping.
    glyphs: Option<&'a [shape::Form]>,
    paragraph_level: u8,
    /// Byte offsets where a line may break (UAX #14), in order.
    breaks: B,
    next_break: Option<usize>,
    mandatory: u32,
    break_pending: bool,
    /// A zero-width invisible cluster with nothing before it: (symbol, source)
    /// starts to give to the next cluster.
    orphan: Option<(u32, u32)>,
    char_index: usize,
    text: &'a str,
    /// The paragraph's graphemes; for simple text (see [`cluster::is_simple`]) the
    /// builder walks the characters itself, from `pos`.
    graphemes: cluster::Graphemes<'a>,
    simple: bool,
    pos: usize,
}

/// A cluster builder for a paragraph analysed into `scratch`.
fn cluster_builder<'a>(
    sanitized: &'a sanitize::Sanitized<'a>,
    scratch: &'a Scratch,
) -> ClusterBuilder<'a, impl Iterator<Item = usize> + 'a> {
    {
        let s: &'a str = &sanitized.text;
        // Every opportunity counts, mandatory ones too: those after line separators
        // are kept as `mandatory_breaks`, and the one after a bare CR (drawn as ␍)
        // is an ordinary opportunity.
        let mut breaks = wrap::break_opportunities(s).map(|(i, _)| i);
        let next_break = breaks.next();
        let graphemes = cluster::graphemes_known(s, scratch.analysis.simple_graphemes);
        let simple = graphemes.is_simple() && fast_paths();
        ClusterBuilder {
            sanitized,
            info: &scratch.analysis,
            glyphs: scratch.shaped.then_some(scratch.glyphs.as_slice()),
            paragraph_level: scratch.analysis.paragraph_level,
            breaks,
            next_break,
            mandatory: 0,
            break_pending: false,
            orphan: None,
            char_index: 0,
            text: s,
            graphemes,
            simple,
            pos: 0,
        }
    }
}

impl<B: Iterator<Item = usize>> ClusterBuilder<'_, B> {
    /// The symbols before `n` were dropped: offsets move back.
    fn drained(&mut self, n: u32) {
        if let Some(orphan) = &mut self.orphan {
            orphan.0 -= n;
        }
    }

    /// Takes graphemes until there are `until` clusters or the text ends; false
    /// once the text has ended.
    fn run(&mut self, clusters: &mut Vec<Cluster>, symbols: &mut Vec<u8>, until: usize) -> bool {
        if !self.simple {
            while clusters.len() < until {
                let Some((start, g)) = self.graphemes.next() else {
                    return false;
                };
                self.grapheme(start, g, clusters, symbols);
            }
            return true;
        }
        // Simple text: a cluster is a character and the attaching ones after it;
        // each character is decoded once.
        let text = self.text;
        let base = self.pos;
        let kinds = cluster::kinds();
        let mut chars = text[base..].char_indices();
        let mut next = chars.next();
        while let Some((offset, first)) = next {
            let start = base + offset;
            let mut end = start + first.len_utf8();
            let mut attached = false;
            next = chars.next();
            while let Some((offset, c)) = next {
                if cluster::kind_in(kinds, c) != cluster::Kind::Attach {
                    break;
                }
                attached = true;
                end = base + offset + c.len_utf8();
                next = chars.next();
            }
            if !self.plain_grapheme(start, end, first, attached, clusters, symbols) {
                self.grapheme(start, &text[start..end], clusters, symbols);
            }
            if clusters.len() >= until {
                self.pos = next.map_or(text.len(), |(offset, _)| base + offset);
                return true;
            }
        }
        self.pos = text.len();
        false
    }

    /// The common grapheme of simple text, built without measuring: a narrow
    /// letter or a space, with Arabic marks or joiners after it, one column.
    /// Returns false, having changed nothing, for any other (then [`grapheme`]
    /// takes it).
    #[inline]
    #[allow(clippy::too_many_arguments)]
    fn plain_grapheme(
        &mut self,
        start: usize,
        end: usize,
        first: char,
        attached: bool,
        clusters: &mut Vec<Cluster>,
        symbols: &mut Vec<u8>,
    ) -> bool {
        if self.orphan.is_some() {
            return false;
        }
        let k = self.char_index;
        let glyph_of = |i: usize, c: char| match self.glyphs {
            Some(forms) => shape::glyph(c, forms.get(i).copied().unwrap_or(shape::NOMINAL)),
            None => Some(c),
        };
        let Some(glyph) = glyph_of(k, first) else {
            return false;
        };
        if !(first == ' ' || is_narrow_letter(glyph)) {
            return false;
        }
        let after = if attached {
            &self.text[start + first.len_utf8()..end]
        } else {
            ""
        };
        let mut count = 1;
        for c in after.chars() {
            if !glyph_of(k + count, c).is_some_and(is_arabic_mark_or_joiner) {
                return false;
            }
            count += 1;
        }
        while self.next_break.is_some_and(|b| b < start) {
            self.next_break = self.breaks.next();
        }
        if self.next_break == Some(start) {
            self.break_pending = true;
        }
        let class = self.info.classes[k];
        let level = self.info.levels[k];
        let symbol_start = symbols.len() as u32;
        // Every mirrored character is of class ON (checked by a test of `mirror`).
        push_char(
            symbols,
            if class == BidiClass::ON {
                mirror::mirrored(glyph, level)
            } else {
                glyph
            },
        );
        if attached {
            for (j, c) in after.chars().enumerate() {
                push_char(symbols, glyph_of(k + 1 + j, c).unwrap_or(c));
            }
        }
        self.char_index += count;
        clusters.push(Cluster {
            source: start as u32..end as u32,
            symbol: symbol_start..symbols.len() as u32,
            width: 1,
            level,
            space: class == BidiClass::WS && count == 1,
            whitespace: class == BidiClass::WS
                && (k + 1..k + count).all(|i| self.info.classes[i] == BidiClass::BN),
            // Simple text has no override (they are not simple characters).
            overridden: false,
            break_allowed: std::mem::take(&mut self.break_pending),
            mandatory_breaks: std::mem::take(&mut self.mandatory),
        });
        true
    }

    /// Takes the grapheme `g` at byte `start`.
    /// A combining mark with no letter before it, held until what follows is
    /// known: drawn on a dotted circle, its source up to `end`.
    fn push_orphan(&mut self, clusters: &mut Vec<Cluster>, symbols: &mut Vec<u8>, end: usize) {
        if let Some(orphan) = self.orphan.take() {
            push_orphan(
                clusters,
                symbols,
                orphan,
                end,
                self.paragraph_level,
                &mut self.mandatory,
            );
        }
    }

    fn grapheme(
        &mut self,
        start: usize,
        g: &str,
        clusters: &mut Vec<Cluster>,
        symbols: &mut Vec<u8>,
    ) {
        // A prepended concatenation mark (U+0600 ARABIC NUMBER SIGN, U+070F SYRIAC
        // ABBREVIATION MARK...) starts a grapheme cluster with what follows it (UAX
        // #29 rule GB9b), but for UAX #9 each of them is a character with its own
        // level (an AN mark before a space is not on the space's level): the mark
        // gets a cell of its own, reordered by its own level.
        if let Some(first) = g.chars().next()
            && is_prepended_concatenation_mark(first)
            && g.len() > first.len_utf8()
        {
            let n = first.len_utf8();
            self.grapheme(start, &g[..n], clusters, symbols);
            self.grapheme(start + n, &g[n..], clusters, symbols);
            return;
        }
        let info = self.info;
        while self.next_break.is_some_and(|b| b < start) {
            self.next_break = self.breaks.next();
        }
        if self.next_break == Some(start) {
            self.break_pending = true;
        }
        let first = g.chars().next().unwrap_or(' ');
        let class = info.classes[self.char_index];
        let single = g.len() == first.len_utf8();
        match sanitize::drawn(first, g == "\r\n") {
            sanitize::Drawn::LineBreak => {
                self.push_orphan(clusters, symbols, start);
                self.mandatory += 1;
                self.break_pending = false;
                self.char_index += g.chars().count();
                return;
            }
            sanitize::Drawn::Tab => {
                // A tab (its own cluster, class S) is drawn as blank columns, each a
                // cell pointing at the tab; they hang at a line end.
                self.push_orphan(clusters, symbols, start);
                let level = info.levels[self.char_index];
                let source = start as u32..(start + g.len()) as u32;
                for column in 0..sanitize::TAB_COLUMNS {
                    let symbol_start = symbols.len() as u32;
                    symbols.push(b' ');
                    clusters.push(Cluster {
                        source: source.clone(),
                        symbol: symbol_start..symbols.len() as u32,
                        width: 1,
                        level,
                        space: true,
                        whitespace: false,
                        overridden: self.sanitized.is_overridden(start),
                        break_allowed: column == 0 && std::mem::take(&mut self.break_pending),
                        mandatory_breaks: if column == 0 {
                            std::mem::take(&mut self.mandatory)
                        } else {
                            0
                        },
                    });
                }
                self.char_index += 1;
                return;
            }
            sanitize::Drawn::Itself | sanitize::Drawn::Symbol(_) => {}
        }
        if single && is_bidi_format(class, first) {
            if !is_removed_by_x9(class) {
                // Isolates and marks: a hidden cluster with their level (it takes
                // the break before it, and any mandatory ones, like any other). Its
                // empty symbol sits where the next cluster's starts, a held orphan
                // included, so the clusters' symbols stay in order.
                let at = self
                    .orphan
                    .map_or(symbols.len() as u32, |(symbol, _)| symbol);
                clusters.push(Cluster {
                    source: start as u32..(start + g.len()) as u32,
                    symbol: at..at,
                    width: 0,
                    level: info.levels[self.char_index],
                    space: false,
                    whitespace: false,
                    overridden: self.sanitized.is_overridden(start),
                    break_allowed: std::mem::take(&mut self.break_pending),
                    mandatory_breaks: std::mem::take(&mut self.mandatory),
                });
            }
            self.char_index += 1;
            return;
        }

        let level = info.levels[self.char_index];
        let symbol_start = symbols.len() as u32;
        let mut absorbed = false;
        // Whether the symbol is one narrow letter with only marks after it (its
        // width is then 1, without measuring the string).
        let mut narrow = true;
        let mut count = 0;
        for (k, c) in g.chars().enumerate() {
            let glyph = match self.glyphs {
                Some(forms) => {
                    let form = forms.get(self.char_index + k).copied();
                    shape::glyph(c, form.unwrap_or(shape::NOMINAL))
                }
                None => Some(c),
            };
            match glyph {
                Some(glyph) => {
                    let glyph = match sanitize::drawn(glyph, false) {
                        sanitize::Drawn::Symbol(symbol) => symbol,
                        _ => mirror::mirrored(glyph, info.levels[self.char_index + k]),
                    };
                    narrow &= if k == 0 {
                        is_narrow_letter(glyph)
                    } else {
                        is_arabic_mark_or_joiner(glyph)
                    };
                    push_char(symbols, glyph);
                }
                None if k == 0 => absorbed = true,
                None => {}
            }
            count = k + 1;
        }
        self.char_index += count;
        let source = start as u32..(start + g.len()) as u32;

        // The alef of a lam-alef ligature: its marks join the lam's cell (past an
        // isolate or mark between them, which is transparent to joining; the lam
        // is still on the line being filled, since hidden clusters end no line).
        if absorbed && let Some(prev) = clusters.iter_mut().rev().find(|c| !c.is_hidden()) {
            prev.symbol.end = symbols.len() as u32;
            prev.source.end = source.end;
            prev.width = symbol_width(utf8(&symbols[prev.symbol.start as usize..]));
            return;
        }

        let mut width = if narrow && symbols.len() > symbol_start as usize {
            1
        } else {
            symbol_width(utf8(&symbols[symbol_start as usize..]))
        };
        if width == 0 && is_prepended_concatenation_mark(first) {
            // Drawn, one column, where unicode-width gives some of them none
            // (U+0605, U+070F, U+0890, U+0891, U+08E2): a terminal's wcwidth (glibc)
            // gives them one.
            width = 1;
        }
        if width == 0 {
            if class == BidiClass::NSM {
                // A mark with no base: draw it on a dotted circle.
                let marks = symbols.split_off(symbol_start as usize);
                push_char(symbols, DOTTED_CIRCLE);
                symbols.extend_from_slice(&marks);
                width = 1;
            } else if let Some(prev) = ride_on(clusters).filter(|_| self.mandatory == 0) {
                // Invisible (ZWSP, BOM, a joiner at a cluster start...): rides along
                // with the cell before, which no longer hangs as a space.
                prev.symbol.end = symbols.len() as u32;
                prev.source.end = source.end;
                let invisible = (self.char_index - count..self.char_index)
                    .all(|i| info.classes[i] == BidiClass::BN);
                prev.whitespace = (prev.space || prev.whitespace) && invisible;
                prev.space = false;
                return;
            } else {
                self.orphan.get_or_insert((symbol_start, source.start));
                return;
            }
        }
        // A lone space hangs at a line end; one carrying a mark or an invisible is
        // drawn.
        let space = class == BidiClass::WS && single && self.orphan.is_none();
        let whitespace = class == BidiClass::WS
            && self.orphan.is_none()
            && (self.char_index + 1 - count..self.char_index)
                .all(|i| info.classes[i] == BidiClass::BN);
        let (symbol_start, source_start) =
            self.orphan.take().unwrap_or((symbol_start, source.start));
        clusters.push(Cluster {
            source: source_start..source.end,
            symbol: symbol_start..symbols.len() as u32,
            width,
            level,
            space,
            whitespace,
            overridden: self.sanitized.is_overridden(start),
            break_allowed: std::mem::take(&mut self.break_pending),
            mandatory_breaks: std::mem::take(&mut self.mandatory),
        });
    }

    /// Ends the paragraph: an orphan left gets its own cell. Returns the mandatory
    /// breaks after the last cluster.
    fn finish(mut self, clusters: &mut Vec<Cluster>, symbols: &mut Vec<u8>) -> u32 {
        let end = self.sanitized.text.len();
        self.push_orphan(clusters, symbols, end);
        self.mandatory
    }
}

/// The cell an invisible character rides on: the last cluster, or the last drawn
/// one before the isolates and marks that end `clusters` (none if one of them
/// starts a line, or if that cluster is a space: the fill may have taken it as one
/// that hangs). Then the invisible goes with the cell after it, as at a line start.
fn ride_on(clusters: &mut [Cluster]) -> Option<&mut Cluster> {
    let hidden = clusters.iter().rev().take_while(|c| c.is_hidden());
    let mut hidden_count = 0;
    for c in hidden {
        if c.mandatory_breaks > 0 {
            return None;
        }
        hidden_count += 1;
    }
    let at = clusters.len().checked_sub(hidden_count + 1)?;
    let prev = &mut clusters[at];
    (hidden_count == 0 || !prev.space).then_some(prev)
}

/// The greedy fill, fed clusters in logical order: calls `emit` with the cluster
/// range of each line as soon as it is complete. Linear: each cluster is looked at
/// once, widths are summed as they come.
struct LineFiller {
    width: usize,
    /// First cluster of the line being filled.
    start: usize,
    /// Next cluster to take.
    next: usize,
    /// Width of clusters[start..next], hanging spaces included.
    acc: usize,
    /// The last break opportunity on this line: (cluster index, acc there).
    last_break: Option<(usize, usize)>,
}

impl LineFiller {
    fn new(width: usize) -> Self {
        Self {
            width,
            start: 0,
            next: 0,
            acc: 0,
            last_break: None,
        }
    }

    /// Takes `clusters[self.next..upto]`.
    fn feed(&mut self, clusters: &[Cluster], upto: usize, emit: &mut impl FnMut(Range<usize>)) {
        // The state in locals for the loop, back in `self` after it.
        let width = if self.width == 0 {
            usize::MAX
        } else {
            self.width
        };
        let (mut start, mut acc, mut last_break) = (self.start, self.acc, self.last_break);
        for (i, c) in clusters.iter().enumerate().take(upto).skip(self.next) {
            if c.mandatory_breaks > 0 {
                for _ in 0..c.mandatory_breaks {
                    emit(start..i);
                    start = i;
                    acc = 0;
                    last_break = None;
                }
            }
            // `acc > 0`: something drawn before `i` on this line (every cluster
            // but a hidden one takes a column), so a line never holds only
            // isolates or marks.
            if c.break_allowed && acc > 0 {
                last_break = Some((i, acc));
            }
            let w = c.width as usize;
            if w > 0 && acc + w > width && !c.space && acc > 0 {
                if let Some((b, acc_b)) = last_break.take() {
                    emit(start..b);
                    start = b;
                    acc -= acc_b;
                }
                if acc + w > width && acc > 0 {
                    // No opportunity left: split the word at a grapheme boundary.
                    emit(start..i);
                    start = i;
                    acc = 0;
                }
            }
            acc += w;
        }
        (self.start, self.acc, self.last_break) = (start, acc, last_break);
        self.next = self.next.max(upto);
    }

    /// Ends the paragraph after `len` clusters and `trailing_breaks` mandatory
    /// breaks.
    fn finish(&mut self, len: usize, trailing_breaks: u32, emit: &mut impl FnMut(Range<usize>)) {
        emit(self.start..len);
        for _ in 0..trailing_breaks {
            emit(len..len);
        }
    }

    /// The first `n` clusters were dropped: indices move back.
    fn drained(&mut self, n: usize) {
        self.start -= n;
        self.next -= n;
        if let Some((b, _)) = &mut self.last_break {
            *b -= n;
        }
    }
}

/// A line's clusters without the spaces that hang at its end, and the isolates
/// and marks among them: they are not drawn (rule L1 would send them to the
/// paragraph level, past the line's edge).
fn visible(mut clusters: &[Cluster]) -> &[Cluster] {
    while let [rest @ .., last] = clusters
        && (last.space || last.is_hidden())
    {
        clusters = rest;
    }
    clusters
}

/// Rule L2 by cluster, so marks stay on their letters: `scratch.order` gets the
/// indices of `clusters` left to right. Rule L1 first for the whitespace that
/// carries invisibles at the line's end (the lone spaces there are not drawn).
fn visual_order(clusters: &[Cluster], direction: Direction, scratch: &mut LineScratch) {
    scratch.levels.clear();
    scratch.levels.extend(clusters.iter().map(|c| c.level));
    let trailing = clusters.iter().rev().take_while(|c| c.whitespace);
    for (level, _) in scratch.levels.iter_mut().rev().zip(trailing) {
        *level = u8::from(direction.is_rtl());
    }
    levels::reorder(&scratch.levels, &mut scratch.order);
}

/// Appends one line to `out` as [`VisualLine`]'s `Display` shows it (padding,
/// symbols in visual order, no trailing space) and a newline.
fn write_line(
    clusters: &[Cluster],
    symbols: &[u8],
    direction: Direction,
    width: usize,
    scratch: &mut LineScratch,
    out: &mut Vec<u8>,
) {
    // Only a one-column line has clusters wider than itself (widths are 1 or 2).
    let too_wide = |c: &Cluster| width > 0 && c.width as usize > width;
    let symbol = |c: &Cluster| -> &[u8] {
        if width == 1 && too_wide(c) {
            TOO_WIDE.as_bytes()
        } else {
            &symbols[c.symbol.start as usize..c.symbol.end as usize]
        }
    };
    let line_start = out.len();
    let Some(first) = clusters.first() else {
        out.push(b'\n');
        return;
    };
    // One pass for the columns used and whether the line has one level (with
    // whitespace carrying invisibles at its end, rule L1 may give it another).
    let last = clusters.last().unwrap_or(first);
    let (mut used, mut one_level) = (0, fast_paths() && !last.whitespace);
    for c in clusters {
        used += if too_wide(c) { 1 } else { c.width as usize };
        one_level &= c.level == first.level;
    }
    if width > 0 && direction.is_rtl() {
        out.resize(out.len() + width.saturating_sub(used), b' ');
    }
    let text_start = out.len();
    if one_level && first.level % 2 == 0 && width != 1 {
        // Rule L2 on one even level: the line as it is. Its clusters' symbols
        // follow one another in `symbols`.
        let all = &symbols[first.symbol.start as usize..last.symbol.end as usize];
        out.extend_from_slice(all);
    } else if one_level && first.level % 2 == 0 {
        for c in clusters {
            append(out, symbol(c));
        }
    } else if one_level && width != 1 {
        // One odd level: the line reversed, each symbol copied to its place from
        // the end.
        let all = &symbols[first.symbol.start as usize..last.symbol.end as usize];
        let mut end = out.len() + all.len();
        out.resize(end, 0);
        let mut from = 0;
        for c in clusters {
            let len = (c.symbol.end - c.symbol.start) as usize;
            let (source, dest) = (&all[from..from + len], &mut out[end - len..end]);
            match len {
                2 => dest.copy_from_slice(&source[..2]),
                3 => dest.copy_from_slice(&source[..3]),
                _ => copy_rtl(dest, source),
            }
            from += len;
            end -= len;
        }
    } else if one_level {
        // One odd level: the line reversed.
        for c in clusters.iter().rev() {
            append_rtl(out, symbol(c));
        }
    } else {
        visual_order(clusters, direction, scratch);
        for &k in &scratch.order {
            let c = &clusters[k];
            // The level after rule L1, as in `line`.
            if scratch.levels[k] % 2 == 1 {
                append_rtl(out, symbol(c));
            } else {
                append(out, symbol(c));
            }
        }
    }
    let kept = out[text_start..]
        .iter()
        .rposition(|&b| b != b' ')
        .map_or(line_start, |last| text_start + last + 1);
    out.truncate(kept);
    out.push(b'\n');
}

/// The invisible characters (class BN) that keep their own place in a right-to-left
/// cell's output: ZWSP, ZWNJ, WJ and the invisible operators, BOM. Not ZWJ: tmux
/// takes a ZWJ for the start of an emoji sequence and puts the character after it
/// into the ZWJ's cell, so a ZWJ written before its letter would lose the letter
/// there (docs/layout.md).
#[inline]
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}' | '\u{200C}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}'
    )
}

/// Where the invisible characters that end `symbol` start (`symbol.len()` if it
/// ends with none; never 0: a cluster's first character stays first).
#[inline]
fn invisible_tail(symbol: &[u8]) -> usize {
    let mut tail = symbol.len();
    // Every invisible is three bytes in UTF-8; a symbol of one character has none.
    while tail > 3
        && let Some(c) = std::str::from_utf8(&symbol[tail - 3..tail])
            .ok()
            .and_then(|s| s.chars().next())
        && is_invisible(c)
    {
        tail -= 3;
    }
    tail
}

/// Appends the symbol of a cluster on an odd level (right to left): the invisible
/// characters ([`is_invisible`]) that end it come first, last one first, as rule L2
/// reverses them with the letter they follow (UAX #9 5.2: a character of class BN
/// takes the level of the one before it), so a ZWNJ between two letters stays
/// between them in the output (what a terminal's copy and a screen reader get).
/// Marks stay after their letter, which the terminal needs. Other symbols as they
/// are.
#[inline]
fn append_rtl(out: &mut Vec<u8>, symbol: &[u8]) {
    let tail = if symbol.len() > 3 {
        invisible_tail(symbol)
    } else {
        symbol.len()
    };
    if tail == symbol.len() {
        append(out, symbol);
        return;
    }
    for invisible in symbol[tail..].chunks(3).rev() {
        out.extend_from_slice(invisible);
    }
    out.extend_from_slice(&symbol[..tail]);
}

/// [`append_rtl`] into `dest`, of the symbol's length.
fn copy_rtl(dest: &mut [u8], symbol: &[u8]) {
    let tail = invisible_tail(symbol);
    let invisibles = symbol.len() - tail;
    for (k, invisible) in symbol[tail..].chunks(3).rev().enumerate() {
        dest[3 * k..3 * k + 3].copy_from_slice(invisible);
    }
    dest[invisibles..].copy_from_slice(&symbol[..tail]);
}

/// Appends `c` in UTF-8, with stores of a known length (`String::push` goes
/// through a copy of unknown length).
#[inline(always)]
fn push_char(out: &mut Vec<u8>, c: char) {
    let cp = c as u32;
    if cp < 0x80 {
        out.push(cp as u8);
    } else if cp < 0x800 {
        out.extend_from_slice(&[0xC0 | (cp >> 6) as u8, 0x80 | (cp & 0x3F) as u8]);
    } else if cp < 0x1_0000 {
        out.extend_from_slice(&[
            0xE0 | (cp >> 12) as u8,
            0x80 | ((cp >> 6) & 0x3F) as u8,
            0x80 | (cp & 0x3F) as u8,
        ]);
    } else {
        out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
    }
}

/// A symbol's bytes as text: they are whole characters pushed by [`push_char`]
/// (the fallback, never taken, draws U+FFFD).
fn utf8(bytes: &[u8]) -> &str {
    std::str::from_utf8(bytes).unwrap_or(TOO_WIDE)
}

/// `out.extend_from_slice(bytes)`, the short symbols (a character or two) copied
/// inline rather than by a call.
#[inline]
fn append(out: &mut Vec<u8>, bytes: &[u8]) {
    match *bytes {
        [a] => out.push(a),
        [a, b] => out.extend_from_slice(&[a, b]),
        [a, b, c] => out.extend_from_slice(&[a, b, c]),
        [a, b, c, d] => out.extend_from_slice(&[a, b, c, d]),
        _ => out.extend_from_slice(bytes),
    }
}

/// The lines of a `lines_into` call: reuses the ones already in the vector.
struct LinePool<'a> {
    lines: &'a mut Vec<VisualLine>,
    used: usize,
}

impl LinePool<'_> {
    /// The next line, emptied, for `direction`.
    fn next(&mut self, direction: Direction) -> &mut VisualLine {
        if self.used == self.lines.len() {
            self.lines.push(VisualLine::new(direction));
        }
        let line = &mut self.lines[self.used];
        line.clear(direction);
        self.used += 1;
        line
    }

    /// Drops the lines not used this time.
    fn finish(self) {
        self.lines.truncate(self.used);
    }
}

/// Buffers reused from one line to the next.
#[derive(Default)]
struct LineScratch {
    levels: Vec<u8>,
    order: Vec<usize>,
    /// A symbol rearranged for a right-to-left cell ([`append_rtl`]).
    symbol: Vec<u8>,
}

/// Keeps invisible characters that had no cell to ride on (at the start of the
/// paragraph or of a line) as a cell of their own, on a dotted circle, ending at
/// byte `end`.
fn push_orphan(
    clusters: &mut Vec<Cluster>,
    symbols: &mut Vec<u8>,
    (symbol_start, source_start): (u32, u32),
    end: usize,
    level: u8,
    mandatory_breaks: &mut u32,
) {
    let rest = symbols.split_off(symbol_start as usize);
    push_char(symbols, DOTTED_CIRCLE);
    symbols.extend_from_slice(&rest);
    clusters.push(Cluster {
        source: source_start..end as u32,
        symbol: symbol_start..symbols.len() as u32,
        width: 1,
        level,
        space: false,
        whitespace: false,
        overridden: false,
        break_allowed: false,
        mandatory_breaks: std::mem::take(mandatory_breaks),
    });
}

/// Columns a symbol takes: unicode-width after shaping, at most 2.
fn symbol_width(symbol: &str) -> u8 {
    let mut chars = symbol.chars();
    // The common case first: a narrow letter with Arabic marks or joiners after it.
    if let Some(first) = chars.next()
        && is_narrow_letter(first)
        && chars.all(is_arabic_mark_or_joiner)
    {
        return 1;
    }
    symbol.width().min(2) as u8
}

/// Printable ASCII, Arabic letters and digits, Arabic presentation forms: one column.
#[inline]
fn is_narrow_letter(c: char) -> bool {
    // The presentation forms first: shaped Arabic is mostly made of them.
    let cp = c as u32;
    if cp >= 0xFE70 {
        cp <= 0xFEFC && cp != 0xFE75
    } else if cp < 0x80 {
        cp >= 0x21 && cp != 0x7F
    } else {
        (0x621..=0x64A).contains(&cp) || (0x660..=0x669).contains(&cp)
    }
}

/// Harakat, superscript alef, ZWNJ, ZWJ: no column of their own.
#[inline]
fn is_arabic_mark_or_joiner(c: char) -> bool {
    matches!(
        c,
        '\u{64B}'..='\u{65F}' | '\u{670}' | '\u{200C}' | '\u{200D}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_width_fast_path_agrees_with_unicode_width() {
        let marks = [
            '\u{64B}', '\u{650}', '\u{651}', '\u{65F}', '\u{670}', '\u{200C}', '\u{200D}',
        ];
        for base in (0x21..0x7F).chain(0x621..0x66A).chain(0xFE70..0xFEFD) {
            let Some(base) = char::from_u32(base) else {
                continue;
            };
            for mark in [None, Some(marks[0]), Some(marks[5])]
                .into_iter()
                .chain(marks.map(Some))
            {
                let symbol: String = std::iter::once(base).chain(mark).collect();
                assert_eq!(
                    symbol_width(&symbol),
                    symbol.width().min(2) as u8,
                    "{symbol:?}"
                );
            }
        }
    }

    #[test]
    fn narrow_letters_are_the_ranges_they_say() {
        for c in (0..0x1_0000).filter_map(char::from_u32) {
            let expected = matches!(c, '\u{21}'..='\u{7E}' | '\u{621}'..='\u{64A}' | '\u{660}'..='\u{669}' | '\u{FE70}'..='\u{FE74}' | '\u{FE76}'..='\u{FEFC}');
            assert_eq!(is_narrow_letter(c), expected, "{c:?}");
        }
    }

    #[test]
    fn write_lines_prints_what_display_shows() {
        let texts = [
            "",
            "   ",
            "في عام 2013، زار (تشانغ) البلاد بنسبة 31.5% و13,000 زائر.",
            "  مسافة في البداية",
            "mixed عربي and English\nline two",
            "中文字 wide\tcells",
        ];
        for text in texts {
            for direction in [BaseDirection::Auto, BaseDirection::Rtl, BaseDirection::Ltr] {
                let options = LayoutOptions {
                    direction,
                    shaping: true,
                };
                let paragraph = PreparedParagraph::new(text, &options);
                for width in [0, 1, 2, 7, 20, 80] {
                    let mut expected = String::new();
                    for line in paragraph.lines(width) {
                        expected.push_str(&format!("{line}\n"));
                    }
                    let mut out = Vec::new();
                    paragraph.write_lines(width, &mut out);
                    assert_eq!(
                        String::from_utf8(out).ok(),
                        Some(expected),
                        "{text:?} at {width}"
                    );
                }
            }
        }
    }

    #[test]
    fn print_streams_what_write_lines_writes() {
        // Long enough that done clusters are dropped several times on the way,
        // with invisibles, lam-alef, marks, tabs, isolates and bidi marks across
        // the drains.
        let long = "كلام \u{200B}لًا\tword بَّ (١٢) 2013 \u{64B}x ".repeat(900);
        let isolates = "ل\u{2066}ا \u{2067}abc\u{2069}\u{200B} \u{200F}\u{2060}x\u{2069}\u{2028}\u{2066}\u{200B}y "
            .repeat(700);
        let texts = [
            "",
            "a\u{200B}",
            "\u{200B}",
            "  x  ",
            "abc\u{2028}\u{200B}def\n",
            &long,
            &isolates,
        ];
        for text in texts {
            for direction in [BaseDirection::Auto, BaseDirection::Rtl, BaseDirection::Ltr] {
                let options = LayoutOptions {
                    direction,
                    shaping: true,
                };
                let paragraph = PreparedParagraph::new(text, &options);
                for width in [0, 1, 3, 80] {
                    let mut expected = Vec::new();
                    paragraph.write_lines(width, &mut expected);
                    let (mut flushed, mut out) = (Vec::new(), Vec::new());
                    let mut streaming = PreparedParagraph::new("", &options);
                    let printed = streaming.print(text, &options, width, &mut out, &mut |o| {
                        flushed.append(o);
                        Ok::<(), ()>(())
                    });
                    assert_eq!(printed, Ok(()));
                    flushed.append(&mut out);
                    assert!(flushed == expected, "{text:?} at {width}");
                }
            }
        }
    }

    #[test]
    fn shaping_is_the_same_when_unicode_bidi_takes_the_text() {
        // Our resolver shapes on its way and gives up at the embedding (midway):
        // the text is shaped again whole. RLE is transparent to joining, so the
        // four behs join as if it were not there.
        let options = LayoutOptions::default();
        let symbols = |text: &str| {
            let mut symbols: Vec<String> = layout(text, 0, &options)[0]
                .iter()
                .map(|(symbol, _)| symbol.to_string())
                .collect();
            symbols.sort();
            symbols
        };
        let beh = "\u{0628}";
        assert_eq!(
            symbols(&format!("{beh}{beh}\u{202B}{beh}{beh}")),
            symbols(&beh.repeat(4))
        );
        assert_eq!(
            symbols(&beh.repeat(4)),
            ["\u{FE90}", "\u{FE91}", "\u{FE92}", "\u{FE92}"]
        );
    }

    #[test]
    fn lines_into_reuses_and_trims() {
        let options = LayoutOptions::default();
        let long = PreparedParagraph::new("one two three four five six", &options);
        let short = PreparedParagraph::new("one", &options);
        let mut out = Vec::new();
        long.lines_into(5, &mut out);
        assert_eq!(out, long.lines(5));
        assert!(out.len() > 1);
        short.lines_into(5, &mut out);
        assert_eq!(out, short.lines(5));
        let mut reused = PreparedParagraph::new("سلام", &options);
        reused.prepare("one", &options);
        assert_eq!(reused.lines(0), short.lines(0));
    }
}

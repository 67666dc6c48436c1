//! Inline markup of one paragraph, kept beside its text: which bytes are italic,
//! bold, code, struck through or a link, and where each link points.
//!
//! A paragraph's `String` is the text as shown (no `**`, no `[…](…)`), so layout,
//! search, label detection and plain print read it as they read any paragraph.
//! Only what draws styles looks here: a cell of a laid-out line keeps the logical
//! byte range it came from, and [`Inline::emphasis`] of that range is its style,
//! whatever shaping, wrapping and reordering did to it.

use std::ops::{BitOr, BitOrAssign, Range};

/// A set of inline styles (a run can be bold and italic at once).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Emphasis(u8);

impl Emphasis {
    pub const NONE: Emphasis = Emphasis(0);
    /// `*em*` or `_em_`.
    pub const ITALIC: Emphasis = Emphasis(1);
    /// `**strong**` or `__strong__`, and headings.
    pub const BOLD: Emphasis = Emphasis(1 << 1);
    /// `` `code` `` and code blocks.
    pub const CODE: Emphasis = Emphasis(1 << 2);
    /// `~~struck~~`.
    pub const STRIKE: Emphasis = Emphasis(1 << 3);
    /// The text of a link or the description of an image.
    pub const LINK: Emphasis = Emphasis(1 << 4);

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// Whether every style of `other` is in this set.
    pub fn contains(self, other: Emphasis) -> bool {
        self.0 & other.0 == other.0
    }
}

impl BitOr for Emphasis {
    type Output = Emphasis;

    fn bitor(self, other: Emphasis) -> Emphasis {
        Emphasis(self.0 | other.0)
    }
}

impl BitOrAssign for Emphasis {
    fn bitor_assign(&mut self, other: Emphasis) {
        self.0 |= other.0;
    }
}

/// A run of a paragraph's text with its styles.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Span {
    pub range: Range<usize>,
    pub emphasis: Emphasis,
}

/// A link's text in the paragraph and its destination.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link {
    pub range: Range<usize>,
    pub url: String,
}

/// What kind of block a paragraph is: flowing text, or a block drawn its own way
/// (see `crate::blocks`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Block {
    /// A paragraph, a heading, a list item, a quote's paragraph: text that flows.
    #[default]
    Text,
    /// A code block: the text is its lines joined by `\n`, drawn left to right,
    /// unshaped, each line its own.
    Code {
        /// The fence's info string's first word (`rust`), or empty.
        language: String,
    },
    /// A table: the text is its cells, `\t` between the cells of a row and `\n`
    /// between rows, so that search and copy see them.
    Table(Table),
}

/// A table's cells, as byte ranges of the paragraph's text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Table {
    /// Rows of cells, in logical order (the first cell is the first column).
    pub rows: Vec<Vec<Range<usize>>>,
    /// How many rows at the top are the header: 0 or 1.
    pub header_rows: usize,
}

/// The inline markup of one paragraph: styled runs and links, each sorted by
/// position and disjoint, byte ranges into the paragraph's text; and the kind of
/// block the paragraph is.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Inline {
    spans: Vec<Span>,
    links: Vec<Link>,
    block: Block,
}

/// The markup of a paragraph that has none.
pub static PLAIN: Inline = Inline {
    spans: Vec::new(),
    links: Vec::new(),
    block: Block::Text,
};

impl Inline {
    /// No style, no link, and flowing text.
    pub fn is_empty(&self) -> bool {
        self.spans.is_empty() && self.links.is_empty() && self.block == Block::Text
    }

    /// The kind of block the paragraph is.
    pub fn block(&self) -> &Block {
        &self.block
    }

    pub fn set_block(&mut self, block: Block) {
        self.block = block;
    }

    /// The same block kind, without styles or links.
    pub fn block_only(&self) -> Inline {
        Inline {
            block: self.block.clone(),
            ..Inline::default()
        }
    }

    /// The styled runs, in order, disjoint; unstyled text has no run.
    pub fn spans(&self) -> &[Span] {
        &self.spans
    }

    /// The links, in order, disjoint.
    pub fn links(&self) -> &[Link] {
        &self.links
    }

    /// The styles of the text in `range`: those of every run it meets (a cell
    /// can hold two letters, a lam-alef, of which one is bold).
    pub fn emphasis(&self, range: Range<usize>) -> Emphasis {
        // Runs are sorted and disjoint: the first that ends after the range starts,
        // then those that start before it ends. Logarithmic, so a paragraph of
        // many runs costs little per cell.
        let first = self.spans.partition_point(|s| s.range.end <= range.start);
        let mut emphasis = Emphasis::NONE;
        for span in &self.spans[first..] {
            if span.range.start >= range.end.max(range.start + 1) {
                break;
            }
            emphasis |= span.emphasis;
        }
        emphasis
    }

    /// Marks `range` (after every run so far) with `emphasis`; a run that continues
    /// the previous one with the same styles extends it.
    pub fn push(&mut self, range: Range<usize>, emphasis: Emphasis) {
        if range.is_empty() || emphasis.is_empty() {
            return;
        }
        if let Some(last) = self.spans.last_mut()
            && last.range.end == range.start
            && last.emphasis == emphasis
        {
            last.range.end = range.end;
            return;
        }
        debug_assert!(self.spans.last().is_none_or(|l| l.range.end <= range.start));
        self.spans.push(Span { range, emphasis });
    }

    /// Records a link over `range`, after every link so far; one that would
    /// overlap the last (an image inside a link's text) is not recorded.
    pub fn push_link(&mut self, range: Range<usize>, url: String) {
        if range.is_empty() || self.links.last().is_some_and(|l| l.range.end > range.start) {
            return;
        }
        self.links.push(Link { range, url });
    }

    /// The markup of the text from byte `at` on (what is left when a speaker's
    /// label is cut from the paragraph's start): ranges moved back by `at`, cut at 0.
    pub fn from_offset(&self, at: usize) -> Inline {
        let cut = |r: &Range<usize>| r.start.max(at) - at..r.end.saturating_sub(at);
        Inline {
            spans: self
                .spans
                .iter()
                .filter(|s| s.range.end > at)
                .map(|s| Span {
                    range: cut(&s.range),
                    emphasis: s.emphasis,
                })
                .collect(),
            links: self
                .links
                .iter()
                .filter(|l| l.range.end > at)
                .map(|l| Link {
                    range: cut(&l.range),
                    url: l.url.clone(),
                })
                .collect(),
            // Only a paragraph that flows starts with a label.
            block: self.block.clone(),
        }
    }

    /// The markup of the text cut to its first `len` bytes.
    pub fn truncate(&mut self, len: usize) {
        if let Block::Table(table) = &mut self.block {
            for range in table.rows.iter_mut().flatten() {
                range.end = range.end.min(len);
                range.start = range.start.min(range.end);
            }
        }
        self.spans.retain(|s| s.range.start < len);
        if let Some(last) = self.spans.last_mut() {
            last.range.end = last.range.end.min(len);
        }
        self.links.retain(|l| l.range.start < len);
        if let Some(last) = self.links.last_mut() {
            last.range.end = last.range.end.min(len);
        }
    }
}

/// The markup of paragraph `i` of a list that keeps its markup beside it (shorter
/// when the last paragraphs have none).
pub fn of(markup: &[Inline], i: usize) -> &Inline {
    markup.get(i).unwrap_or(&PLAIN)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inline(spans: &[(Range<usize>, Emphasis)]) -> Inline {
        let mut inline = Inline::default();
        for (range, emphasis) in spans {
            inline.push(range.clone(), *emphasis);
        }
        inline
    }

    #[test]
    fn a_range_gets_the_styles_of_every_run_it_meets() {
        let i = inline(&[
            (2..4, Emphasis::ITALIC),
            (4..6, Emphasis::ITALIC | Emphasis::BOLD),
            (9..10, Emphasis::CODE),
        ]);
        assert_eq!(i.emphasis(0..2), Emphasis::NONE);
        assert_eq!(i.emphasis(1..3), Emphasis::ITALIC);
        assert_eq!(i.emphasis(3..5), Emphasis::ITALIC | Emphasis::BOLD);
        assert_eq!(i.emphasis(6..9), Emphasis::NONE);
        assert_eq!(i.emphasis(9..10), Emphasis::CODE);
        assert_eq!(i.emphasis(10..12), Emphasis::NONE);
        // An empty range (a cell with no source) asks about the byte at its start.
        assert_eq!(i.emphasis(9..9), Emphasis::CODE);
    }

    #[test]
    fn runs_that_continue_each_other_merge() {
        let i = inline(&[(0..2, Emphasis::BOLD), (2..5, Emphasis::BOLD)]);
        assert_eq!(i.spans().len(), 1);
        assert_eq!(i.spans()[0].range, 0..5);
        let i = inline(&[(0..2, Emphasis::NONE), (2..3, Emphasis::BOLD)]);
        assert_eq!(i.spans().len(), 1, "unstyled text has no run");
    }

    #[test]
    fn cutting_a_label_moves_the_runs_back() {
        let mut i = inline(&[(0..4, Emphasis::BOLD), (6..8, Emphasis::ITALIC)]);
        i.push_link(6..8, "u".into());
        let rest = i.from_offset(5);
        assert_eq!(rest.spans()[0].range, 1..3);
        assert_eq!(rest.spans().len(), 1, "the label's bold run is gone");
        assert_eq!(rest.links()[0].range, 1..3);
        let rest = i.from_offset(3);
        assert_eq!(rest.spans()[0].range, 0..1, "a run the cut goes through");
        let mut cut = i.clone();
        cut.truncate(7);
        assert_eq!(cut.spans()[1].range, 6..7);
        assert_eq!(cut.links()[0].range, 6..7);
    }
}

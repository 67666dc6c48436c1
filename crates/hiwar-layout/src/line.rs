//! The layout's output: visual lines of cells, each cell keeping where it came from.

use std::fmt;
use std::ops::Range;

/// A resolved paragraph direction.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Direction {
    /// Left to right.
    Ltr,
    /// Right to left.
    Rtl,
}

impl Direction {
    /// True for [`Direction::Rtl`].
    pub fn is_rtl(self) -> bool {
        self == Direction::Rtl
    }
}

/// One grapheme cluster to draw, after shaping and mirroring.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cell {
    /// Columns it takes on screen: 1 or 2.
    pub width: u8,
    /// The logical byte range of the source paragraph it came from.
    pub source: Range<usize>,
    /// Its resolved UAX #9 embedding level (odd = right-to-left).
    pub level: u8,
    /// The document put it under a directional override (LRO/RLO), which hiwar made
    /// inert; the reader marks such cells.
    pub overridden: bool,
    /// Where its symbol sits in the line's visual text.
    symbol: Range<u32>,
}

impl Cell {
    /// True when its level is odd: it belongs to a right-to-left run.
    pub fn is_rtl(&self) -> bool {
        self.level % 2 == 1
    }
}

/// One screen line in left-to-right screen order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct VisualLine {
    /// Blank columns before the first cell (RTL lines are right-aligned with it).
    pub padding: usize,
    /// The resolved direction of the paragraph the line belongs to.
    pub direction: Option<Direction>,
    cells: Vec<Cell>,
    text: String,
}

impl VisualLine {
    /// An empty line of a paragraph of `direction`.
    pub fn new(direction: Direction) -> Self {
        Self {
            padding: 0,
            direction: Some(direction),
            cells: Vec::new(),
            text: String::new(),
        }
    }

    /// Empties the line, keeping its allocations.
    pub fn clear(&mut self, direction: Direction) {
        self.padding = 0;
        self.direction = Some(direction);
        self.cells.clear();
        self.text.clear();
    }

    /// Appends a cell at the right end of the line.
    pub fn push(&mut self, symbol: &str, width: u8, source: Range<usize>, level: u8) {
        self.push_marked(symbol, width, source, level, false);
    }

    /// Appends a copy of `cell` (from another line) drawing `symbol`.
    pub fn push_cell(&mut self, symbol: &str, cell: &Cell) {
        self.push_marked(
            symbol,
            cell.width,
            cell.source.clone(),
            cell.level,
            cell.overridden,
        );
    }

    pub(crate) fn push_marked(
        &mut self,
        symbol: &str,
        width: u8,
        source: Range<usize>,
        level: u8,
        overridden: bool,
    ) {
        let start = self.text.len() as u32;
        self.text.push_str(symbol);
        let end = self.text.len() as u32;
        self.cells.push(Cell {
            width,
            source,
            level,
            overridden,
            symbol: start..end,
        });
    }

    /// The cells, left to right on screen.
    pub fn cells(&self) -> &[Cell] {
        &self.cells
    }

    /// The symbol a cell draws.
    pub fn symbol(&self, cell: &Cell) -> &str {
        &self.text[cell.symbol.start as usize..cell.symbol.end as usize]
    }

    /// Cells with their symbols, left to right on screen.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Cell)> + '_ {
        self.cells.iter().map(move |c| (self.symbol(c), c))
    }

    /// The symbols of all cells, in screen order, without the padding.
    pub fn visual_text(&self) -> &str {
        &self.text
    }

    /// Columns taken by the cells (padding excluded).
    pub fn width(&self) -> usize {
        self.cells.iter().map(|c| c.width as usize).sum()
    }

    /// Columns taken with the padding.
    pub fn total_width(&self) -> usize {
        self.padding + self.width()
    }

    /// True when it has no cell (an empty line, or one of hanging spaces only).
    pub fn is_empty(&self) -> bool {
        self.cells.is_empty()
    }

    /// The smallest and largest logical byte offsets covered by the line.
    pub fn source_span(&self) -> Option<Range<usize>> {
        let start = self.cells.iter().map(|c| c.source.start).min()?;
        let end = self.cells.iter().map(|c| c.source.end).max()?;
        Some(start..end)
    }
}

/// The padding as spaces, then the symbols in screen order; no trailing spaces.
impl fmt::Display for VisualLine {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = self.text.trim_end_matches(' ');
        if text.is_empty() {
            return Ok(());
        }
        for _ in 0..self.padding {
            f.write_str(" ")?;
        }
        f.write_str(text)
    }
}

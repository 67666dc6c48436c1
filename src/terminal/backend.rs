//! The ratatui backend the reader draws through: it carries out the bidi plan as
//! ratatui draws (the mode before every clear, marks among the cells).

use std::io::{self, Write};

use ratatui::backend::{Backend, ClearType as RegionClear, WindowSize};
use ratatui::buffer::Cell;
use ratatui::layout::{Position, Size};

use super::plan::{BidiPlan, Marks};
use super::qterminal;
use super::sequences::{LRM_LRO, LRO};

/// A ratatui backend that carries out the terminal's bidi plan as ratatui draws:
/// the bidi mode asserted before every full clear (a resize clears), marks among the
/// cells. The buffer ratatui diffs keeps the plain symbols; only what is written
/// carries the marks, which take no column.
pub struct BidiBackend<B> {
    inner: B,
    plan: BidiPlan,
    marks: Marker,
}

impl<B> BidiBackend<B> {
    pub(super) fn new(inner: B, plan: BidiPlan) -> Self {
        BidiBackend {
            inner,
            plan,
            marks: Marker::default(),
        }
    }
}

/// Places the plan's marks. For marks per row it keeps a copy of the screen: a row's
/// mark rides on its first blank cell (before any text, and drawn the same with or
/// without the mark, unlike a border, which terminals draw themselves unless
/// something rides on it), which may not be among the cells ratatui redraws, and
/// which moves when the row's content does.
#[derive(Default)]
struct Marker {
    screen: Vec<Vec<Cell>>,
    /// Per row, the column whose cell carries the row's mark in the terminal.
    marked_at: Vec<Option<u16>>,
    /// The cells of one draw, marked; kept to reuse the allocation.
    out: Vec<(u16, u16, Cell)>,
}

impl Marker {
    fn forget_screen(&mut self) {
        self.screen.clear();
        self.marked_at.clear();
    }

    fn cell_mut(&mut self, x: u16, y: u16) -> &mut Cell {
        let (x, y) = (usize::from(x), usize::from(y));
        if self.screen.len() <= y {
            self.screen.resize_with(y + 1, Vec::new);
            self.marked_at.resize(y + 1, None);
        }
        let row = &mut self.screen[y];
        if row.len() <= x {
            row.resize_with(x + 1, Cell::default);
        }
        &mut row[x]
    }

    fn marked(cell: &Cell, mark: &str) -> Cell {
        let mut marked = cell.clone();
        if !mark.is_empty() {
            let symbol = format!("{}{mark}", cell.symbol());
            marked.set_symbol(&symbol);
        }
        marked
    }

    /// The cells to write for `content` under `plan`, marks added.
    fn mark<'a>(
        &mut self,
        plan: &BidiPlan,
        content: impl Iterator<Item = (u16, u16, &'a Cell)>,
    ) -> &[(u16, u16, Cell)] {
        self.out.clear();
        match plan.marks {
            Marks::None => self.out.extend(content.map(|(x, y, c)| (x, y, c.clone()))),
            Marks::Cells => {
                for (x, y, cell) in content {
                    let mark = if is_drawing(cell.symbol()) { "" } else { LRO };
                    self.out.push((x, y, Self::marked(cell, mark)));
                }
            }
            Marks::Rows => {
                let mut rows = Vec::new();
                for (x, y, cell) in content {
                    *self.cell_mut(x, y) = cell.clone();
                    self.out.push((x, y, cell.clone()));
                    if rows.last() != Some(&y) {
                        rows.push(y);
                    }
                }
                for y in rows {
                    let row = &self.screen[usize::from(y)];
                    // The first blank; else the first cell that is not a border; a
                    // row of borders only has nothing to keep in order.
                    let Some(at) = row
                        .iter()
                        .position(|c| c.symbol() == " ")
                        .or_else(|| row.iter().position(|c| !is_drawing(c.symbol())))
                        .map(|at| at as u16)
                    else {
                        continue;
                    };
                    let drawn = self.out.iter().position(|&(cx, cy, _)| (cx, cy) == (at, y));
                    let mark_cell = Self::marked(&row[usize::from(at)], LRM_LRO);
                    match drawn {
                        Some(i) => self.out[i].2 = mark_cell,
                        // Not redrawn, but the mark must move there.
                        None if self.marked_at[usize::from(y)] != Some(at) => {
                            self.out.push((at, y, mark_cell));
                        }
                        None => {}
                    }
                    self.marked_at[usize::from(y)] = Some(at);
                }
                self.out.sort_by_key(|&(x, y, _)| (y, x));
            }
        }
        &self.out
    }
}

/// `cell` without the combining marks of its symbol (terminology gives each mark a
/// cell of its own).
fn without_combining(cell: &Cell) -> Cell {
    let mut bare = cell.clone();
    if cell.symbol().chars().skip(1).any(is_combining) {
        let symbol: String = cell
            .symbol()
            .chars()
            .filter(|&c| !is_combining(c))
            .collect();
        bare.set_symbol(&symbol);
    }
    bare
}

/// A combining mark: a nonspacing mark (harakat, Hebrew points, accents) or an
/// enclosing one, which draws on the character before it.
pub fn is_combining(c: char) -> bool {
    !c.is_ascii() && crate::layout::levels::bidi_class(c) == unicode_bidi::BidiClass::NSM
}

impl Marker {
    /// The cells to write for `content` where qtermwidget reorders each run of
    /// same-styled cells: every row touched is written whole, each run in the order
    /// that qtermwidget turns back into the one drawn.
    fn qt_runs<'a>(
        &mut self,
        content: impl Iterator<Item = (u16, u16, &'a Cell)>,
        combining_left_out: bool,
    ) -> &[(u16, u16, Cell)] {
        self.out.clear();
        let mut rows = Vec::new();
        for (x, y, cell) in content {
            *self.cell_mut(x, y) = match combining_left_out {
                true => without_combining(cell),
                false => cell.clone(),
            };
            if rows.last() != Some(&y) {
                rows.push(y);
            }
        }
        rows.sort_unstable();
        rows.dedup();
        for y in rows {
            let row = &self.screen[usize::from(y)];
            let mut start = 0;
            while start < row.len() {
                let style = row[start].style();
                let end = row[start..]
                    .iter()
                    .position(|c| c.style() != style)
                    .map_or(row.len(), |n| start + n);
                let symbols: Vec<&str> = row[start..end].iter().map(Cell::symbol).collect();
                for (place, (i, mirror)) in qterminal::sent_order(&symbols).into_iter().enumerate()
                {
                    let mut cell = row[start + i].clone();
                    if mirror {
                        cell.set_symbol(&qterminal::mirrored_symbol(symbols[i]));
                    }
                    self.out.push(((start + place) as u16, y, cell));
                }
                start = end;
            }
        }
        &self.out
    }
}

/// Box and block drawing: borders and scrollbars, which terminals draw themselves
/// (and differently when a mark rides on them), and which no terminal reorders.
fn is_drawing(symbol: &str) -> bool {
    symbol
        .chars()
        .next()
        .is_some_and(|c| ('\u{2500}'..='\u{259F}').contains(&c))
}

impl<B: Backend<Error = io::Error> + Write> Backend for BidiBackend<B> {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        if self.plan.qt_runs {
            let cells = self.marks.qt_runs(content, self.plan.combining_left_out);
            return self.inner.draw(cells.iter().map(|(x, y, c)| (*x, *y, c)));
        }
        if self.plan.combining_left_out {
            let cells: Vec<(u16, u16, Cell)> = content
                .map(|(x, y, cell)| (x, y, without_combining(cell)))
                .collect();
            let cells = self
                .marks
                .mark(&self.plan, cells.iter().map(|(x, y, c)| (*x, *y, c)));
            return self.inner.draw(cells.iter().map(|(x, y, c)| (*x, *y, c)));
        }
        if self.plan.marks == Marks::None {
            return self.inner.draw(content);
        }
        let cells = self.marks.mark(&self.plan, content);
        self.inner.draw(cells.iter().map(|(x, y, c)| (*x, *y, c)))
    }

    fn append_lines(&mut self, n: u16) -> io::Result<()> {
        self.inner.append_lines(n)
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        self.inner.hide_cursor()
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        self.inner.show_cursor()
    }

    fn get_cursor_position(&mut self) -> io::Result<Position> {
        self.inner.get_cursor_position()
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        self.inner.set_cursor_position(position)
    }

    fn clear(&mut self) -> io::Result<()> {
        self.clear_region(RegionClear::All)
    }

    fn clear_region(&mut self, clear_type: RegionClear) -> io::Result<()> {
        if clear_type == RegionClear::All {
            self.inner.write_all(self.plan.before_clear())?;
            self.marks.forget_screen();
        }
        self.inner.clear_region(clear_type)
    }

    fn size(&self) -> io::Result<Size> {
        self.inner.size()
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        self.inner.window_size()
    }

    fn flush(&mut self) -> io::Result<()> {
        Backend::flush(&mut self.inner)
    }
}

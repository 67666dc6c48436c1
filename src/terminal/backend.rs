//! The ratatui backend the reader draws through: it carries out the bidi plan as
//! ratatui draws (the mode before every clear, marks among the cells).

use std::io::{self, Write};

use ratatui::backend::{Backend, ClearType as RegionClear, WindowSize};
use ratatui::buffer::Cell;
use ratatui::layout::{Position, Size};

use super::plan::{BidiPlan, Marks};
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

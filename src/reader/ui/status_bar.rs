//! The status bar: where you are (`3/7`, or the introduction), how far the answer is
//! scrolled, the search (its query and `k/N`), a notice, and key hints at the far
//! end, mirrored like the rest of the screen. Each piece was laid out apart by the
//! view, so that `0%` never takes its bidi order from the Arabic beside it. What
//! does not fit is left out, least needed first.
//!
//! While a search is typed, the bar is the prompt: `/` at the reading-start end, the
//! query laid out by our engine (an Arabic query reads right to left), the cursor on
//! the character after it in logical order.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::text;
use super::theme::Theme;
use crate::layout::{Direction, VisualLine};
use crate::reader::state::{Prompt, State};
use crate::reader::view::View;

const GAP: u16 = 2;

pub fn render(state: &State, view: &View, area: Rect, buf: &mut Buffer) {
    let theme = view.theme();
    text::fill(buf, area, theme.status_bar);
    let inner = Rect::new(
        area.x + 1.min(area.width),
        area.y,
        area.width.saturating_sub(2),
        1,
    );
    match state.prompt() {
        Some(prompt) => render_prompt(prompt, view, inner, buf),
        None => render_status(view, inner, buf),
    }
}

/// Places pieces from the reading-start end of `area`, in reading order.
struct Placer<'a> {
    theme: &'a Theme,
    direction: Direction,
    area: Rect,
    /// Columns used from the reading-start end.
    used: u16,
}

impl Placer<'_> {
    fn left(&self) -> u16 {
        self.area.width.saturating_sub(self.used)
    }

    /// Draws `line` next (after a gap unless it is the first) if it fits.
    fn place(&mut self, buf: &mut Buffer, line: &VisualLine, gap: u16, style: Style) -> bool {
        let width = line.width() as u16;
        if width == 0 {
            return true;
        }
        let gap = if self.used == 0 { 0 } else { gap };
        if gap + width > self.left() {
            return false;
        }
        let x = match self.direction {
            Direction::Rtl => self.area.right() - self.used - gap - width,
            Direction::Ltr => self.area.x + self.used + gap,
        };
        text::draw_line(self.theme, buf, line, x, self.area.y, self.area, |_| style);
        self.used += gap + width;
        true
    }

    /// Draws `line` at the far end, if it fits beside what was placed.
    fn place_far(&mut self, buf: &mut Buffer, line: &VisualLine, style: Style) {
        let width = line.width() as u16;
        if width == 0 || GAP + width > self.left() {
            return;
        }
        let x = match self.direction {
            Direction::Rtl => self.area.x,
            Direction::Ltr => self.area.right() - width,
        };
        text::draw_line(self.theme, buf, line, x, self.area.y, self.area, |_| style);
    }
}

fn render_status(view: &View, area: Rect, buf: &mut Buffer) {
    let theme = view.theme();
    let status = view.status();
    let mut placer = Placer {
        theme,
        direction: view.direction(),
        area,
        used: 0,
    };
    placer.place(buf, status.position.line(), GAP, theme.status_bar);
    // The notice and the search come before the percentage when room is short; the
    // hints only when there is no notice.
    let notice = status.notice.line();
    placer.place(buf, notice, GAP, theme.status_notice);
    if !status.count.line().is_empty() {
        let gap = if placer.place(buf, status.query.line(), GAP, theme.status_query) {
            1
        } else {
            GAP
        };
        placer.place(buf, status.count.line(), gap, theme.status_bar);
    }
    placer.place(buf, status.percent.line(), GAP, theme.status_bar);
    if notice.is_empty() {
        placer.place_far(buf, status.hints.line(), theme.status_hint);
    }
}

fn render_prompt(prompt: &Prompt, view: &View, area: Rect, buf: &mut Buffer) {
    let theme = view.theme();
    let status = view.status();
    let rtl_screen = view.direction() == Direction::Rtl;
    let sign = status.prompt_sign.line();
    let sign_width = sign.width() as u16;
    if area.width < sign_width + 2 {
        return;
    }
    let sign_x = if rtl_screen {
        area.right() - sign_width
    } else {
        area.x
    };
    text::draw_line(theme, buf, sign, sign_x, area.y, area, |_| {
        theme.status_query
    });
    // The field: the rest of the bar after the sign and a space.
    let mut field = if rtl_screen {
        Rect::new(area.x, area.y, area.width - sign_width - 1, 1)
    } else {
        Rect::new(
            sign_x + sign_width + 1,
            area.y,
            area.width - sign_width - 1,
            1,
        )
    };
    let query = status.prompt.line();
    let at_end = prompt.cursor >= prompt.text.len();
    let block_width = query.width() as u16 + u16::from(at_end);
    let hints = status.prompt_hints.line();
    let hints_width = hints.width() as u16;
    if block_width + GAP + hints_width <= field.width {
        let hints_x = if rtl_screen {
            field.x
        } else {
            field.right() - hints_width
        };
        text::draw_line(theme, buf, hints, hints_x, area.y, field, |_| {
            theme.status_hint
        });
        field.width -= hints_width + GAP;
        if rtl_screen {
            field.x += hints_width + GAP;
        }
    }
    // The query's cells, then (at the end of the text) one blank cell for the cursor
    // on the side where the query's reading ends.
    let query_rtl = query.direction == Some(Direction::Rtl);
    let end_cell_first = at_end && query_rtl;
    let cursor_x_in_block = if at_end {
        if query_rtl { 0 } else { query.width() as u16 }
    } else {
        let mut x = u16::from(end_cell_first);
        let mut found = None;
        for cell in query.cells() {
            if cell.source.contains(&prompt.cursor) {
                found = Some(x);
                break;
            }
            x += u16::from(cell.width);
        }
        found.unwrap_or(0)
    };
    // Aligned to the reading-start side; slid so the cursor stays in view.
    let mut start = if rtl_screen {
        field.right() as i32 - block_width as i32
    } else {
        field.x as i32
    };
    let cursor_at = start + cursor_x_in_block as i32;
    if cursor_at < field.x as i32 {
        start += field.x as i32 - cursor_at;
    } else if cursor_at >= field.right() as i32 {
        start -= cursor_at - field.right() as i32 + 1;
    }
    let text_start = start + i32::from(end_cell_first);
    let cursor = prompt.cursor;
    let style_of = |cell: &crate::layout::Cell| {
        if !at_end && cell.source.contains(&cursor) {
            theme.prompt_cursor
        } else {
            theme.status_query
        }
    };
    draw_from(theme, buf, query, text_start, area.y, field, style_of);
    if at_end {
        let x = start + cursor_x_in_block as i32;
        if x >= field.x as i32 && x < field.right() as i32 {
            text::put(buf, x as u16, area.y, " ", theme.prompt_cursor, field);
        }
    }
}

/// Draws a line from a column that may lie left of the clip (its first cells hidden).
fn draw_from(
    theme: &Theme,
    buf: &mut Buffer,
    line: &VisualLine,
    x: i32,
    y: u16,
    clip: Rect,
    style_of: impl Fn(&crate::layout::Cell) -> Style,
) {
    if x >= 0 {
        text::draw_line(theme, buf, line, x as u16, y, clip, style_of);
        return;
    }
    // Skip the cells left of column 0, keep the rest.
    let mut skipped = 0i32;
    let mut rest = VisualLine::new(line.direction.unwrap_or(Direction::Ltr));
    for (symbol, cell) in line.iter() {
        if x + skipped < 0 {
            skipped += i32::from(cell.width);
            continue;
        }
        rest.push_cell(symbol, cell);
    }
    text::draw_line(
        theme,
        buf,
        &rest,
        (x + skipped).max(0) as u16,
        y,
        clip,
        style_of,
    );
}

//! The status bar: where you are (`3/7`, or the introduction), how far the answer is
//! scrolled, and a few key hints, mirrored like the rest of the screen.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::{text, theme};
use crate::app::App;
use crate::layout::Direction;

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    text::fill(buf, area, theme::STATUS_BAR);
    let position = app.position_line();
    let hints = &app.label_lines().hints;
    let inner = Rect::new(
        area.x + 1.min(area.width),
        area.y,
        area.width.saturating_sub(2),
        1,
    );
    let position_width = position.width() as u16;
    let hints_width = hints.width() as u16;
    let show_hints = position_width + hints_width + 3 <= inner.width;
    let (position_x, hints_x) = match app.direction() {
        Direction::Rtl => (inner.right().saturating_sub(position_width), inner.x),
        Direction::Ltr => (inner.x, inner.right().saturating_sub(hints_width)),
    };
    text::draw_line(buf, position, position_x, area.y, inner, |_| {
        theme::STATUS_BAR
    });
    if show_hints {
        text::draw_line(buf, hints, hints_x, area.y, inner, |_| theme::STATUS_HINT);
    }
}

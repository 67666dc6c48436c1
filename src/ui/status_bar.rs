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
    let percent = app.percent_line();
    let hints = &app.label_lines().hints;
    let inner = Rect::new(
        area.x + 1.min(area.width),
        area.y,
        area.width.saturating_sub(2),
        1,
    );
    const GAP: u16 = 2;
    let position_width = position.width() as u16;
    let percent_width = percent.width() as u16;
    let hints_width = hints.width() as u16;
    let show_hints = position_width + percent_width + hints_width + 2 * GAP < inner.width;
    // Position at the reading start, the percentage after it, the hints at the far end.
    let (position_x, percent_x, hints_x) = match app.direction() {
        Direction::Rtl => {
            let position_x = inner.right().saturating_sub(position_width);
            let percent_x = position_x.saturating_sub(GAP + percent_width);
            (position_x, percent_x, inner.x)
        }
        Direction::Ltr => (
            inner.x,
            inner.x + position_width + GAP,
            inner.right().saturating_sub(hints_width),
        ),
    };
    text::draw_line(buf, position, position_x, area.y, inner, |_| {
        theme::STATUS_BAR
    });
    text::draw_line(buf, percent, percent_x, area.y, inner, |_| {
        theme::STATUS_BAR
    });
    if show_hints {
        text::draw_line(buf, hints, hints_x, area.y, inner, |_| theme::STATUS_HINT);
    }
}

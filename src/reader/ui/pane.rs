//! A pane's frame: a border (heavier when focused, so the focus shows without colour)
//! and its title over the top border at the reading-start side.

use ratatui::buffer::Buffer;
use ratatui::layout::{Margin, Rect};
use ratatui::widgets::{Block, BorderType, Borders, Widget};

use super::text;
use super::theme::Theme;
use crate::layout::{Direction, VisualLine};

/// Draws the frame and returns the area inside it.
pub fn render_frame(
    theme: &Theme,
    direction: Direction,
    area: Rect,
    buf: &mut Buffer,
    title: &VisualLine,
    focused: bool,
) -> Rect {
    let (border_type, style) = if focused {
        (BorderType::Thick, theme.border_focused)
    } else {
        (BorderType::Plain, theme.border)
    };
    Block::new()
        .borders(Borders::ALL)
        .border_type(border_type)
        .border_style(style)
        .render(area, buf);
    if area.width > 4 {
        let top = Rect::new(area.x + 2, area.y, area.width - 4, 1);
        let width = title.width() as u16;
        let x = match direction {
            Direction::Rtl => top.right().saturating_sub(width + 1),
            Direction::Ltr => top.x + 1,
        };
        let x = x.max(top.x + 1);
        text::put(buf, x - 1, area.y, " ", theme.pane_title, top);
        let end = text::draw_line(theme, buf, title, x, area.y, top, |_| theme.pane_title);
        text::put(buf, end, area.y, " ", theme.pane_title, top);
    }
    area.inner(Margin::new(1, 1))
}

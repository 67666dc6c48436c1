//! The title bar: the interview's title, centred, cut with an ellipsis if it is long
//! (fitted once per width by the view).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::{text, theme};
use crate::reader::view::View;

pub fn render(view: &View, area: Rect, buf: &mut Buffer) {
    text::fill(buf, area, theme::TITLE_BAR);
    let Some(fitted) = view.title_line() else {
        return;
    };
    let width = text::fitted_width(fitted);
    let x = area.x + area.width.saturating_sub(width) / 2;
    text::draw_fitted(
        buf,
        fitted,
        x,
        area.y,
        area,
        |_| theme::TITLE_BAR,
        theme::TITLE_BAR,
    );
}

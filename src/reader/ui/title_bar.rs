//! The title bar: the interview's title, centred, cut with an ellipsis if it is long
//! (fitted once per width by the view).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::text;
use crate::reader::view::View;

pub fn render(view: &View, area: Rect, buf: &mut Buffer) {
    let theme = view.theme();
    text::fill(buf, area, theme.title_bar);
    let Some(fitted) = view.title_line() else {
        return;
    };
    let width = text::fitted_width(fitted);
    let x = area.x + area.width.saturating_sub(width) / 2;
    text::draw_fitted(
        theme,
        buf,
        fitted,
        (x, area.y),
        area,
        |_| theme.title_bar,
        theme.title_bar,
    );
}

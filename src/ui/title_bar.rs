//! The title bar: the interview's title, centred, cut with an ellipsis if it is long.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::{text, theme};
use crate::app::{App, fit_line};
use crate::layout::PreparedParagraph;

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    text::fill(buf, area, theme::TITLE_BAR);
    let title = app.interview().title.trim();
    let title = if title.is_empty() { "hiwar" } else { title };
    // A margin of one column on each side.
    let room = area.width.saturating_sub(2) as usize;
    let prepared = PreparedParagraph::new(title, &app.document_options());
    let fitted = fit_line(&prepared, room);
    let width = text::fitted_width(&fitted);
    let x = area.x + area.width.saturating_sub(width) / 2;
    text::draw_fitted(
        buf,
        &fitted,
        x,
        area.y,
        area,
        |_| theme::TITLE_BAR,
        theme::TITLE_BAR,
    );
}

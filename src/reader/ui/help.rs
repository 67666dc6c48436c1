//! The help overlay: the key table ([`crate::reader::keys::BINDINGS`]), the same one
//! that dispatches the keys, fitted by the view; a cut line ends in an ellipsis.

use ratatui::buffer::Buffer;
use ratatui::layout::Margin;
use ratatui::widgets::{Block, BorderType, Borders, Clear, Widget};

use super::{text, theme};
use crate::reader::view::{HELP_KEY_COLUMN, View};

pub fn render(view: &View, buf: &mut Buffer) {
    let help = view.help();
    let popup = help.popup.intersection(buf.area);
    if popup.is_empty() {
        return;
    }
    Clear.render(popup, buf);
    Block::new()
        .borders(Borders::ALL)
        .border_type(BorderType::Double)
        .border_style(theme::HELP)
        .style(theme::HELP)
        .render(popup, buf);
    let inner = popup.inner(Margin::new(2, 1));
    if popup.width > 8 {
        let title = &help.title;
        let x = popup.x + (popup.width.saturating_sub(title.width() as u16)) / 2;
        let top = ratatui::layout::Rect::new(popup.x + 1, popup.y, popup.width - 2, 1);
        text::put(buf, x.saturating_sub(1), popup.y, " ", theme::HELP, top);
        let end = text::draw_line(buf, title, x, popup.y, top, |_| theme::HELP_KEY);
        text::put(buf, end, popup.y, " ", theme::HELP, top);
    }
    // When the terminal is too short for the whole table, the last row says so.
    let rows = &help.rows;
    let cut = rows.len() > inner.height as usize;
    let shown = if cut {
        (inner.height as usize).saturating_sub(1)
    } else {
        rows.len()
    };
    for (row, y) in rows[..shown].iter().zip(inner.y..inner.bottom()) {
        text::draw_fitted(
            buf,
            &row.keys,
            inner.x,
            y,
            inner,
            |_| theme::HELP_KEY,
            theme::HELP_KEY,
        );
        text::draw_fitted(
            buf,
            &row.help,
            inner.x + HELP_KEY_COLUMN,
            y,
            inner,
            |_| theme::HELP,
            theme::HELP,
        );
    }
    if cut && !inner.is_empty() {
        text::put(
            buf,
            inner.x,
            inner.bottom() - 1,
            text::ELLIPSIS,
            theme::HELP,
            inner,
        );
    }
}

//! The help overlay: the key table ([`crate::keys::BINDINGS`]), the same one that
//! dispatches the keys.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, BorderType, Borders, Clear, Widget};

use super::{text, theme};
use crate::app::App;
use crate::keys::BINDINGS;

const KEY_COLUMN: u16 = 12;
const TITLE: &str = "keys";

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let options = app.label_options();
    let rows: Vec<_> = BINDINGS
        .iter()
        .map(|b| {
            (
                text::label(b.label, &options),
                text::label(b.help, &options),
            )
        })
        .collect();
    let content_width = rows
        .iter()
        .map(|(_, help)| KEY_COLUMN as usize + help.width())
        .max()
        .unwrap_or(0) as u16;
    let width = (content_width + 4).min(area.width);
    let height = (rows.len() as u16 + 2).min(area.height);
    let popup = Rect::new(
        area.x + (area.width - width) / 2,
        area.y + (area.height - height) / 2,
        width,
        height,
    );
    Clear.render(popup, buf);
    Block::new()
        .borders(Borders::ALL)
        .border_type(BorderType::Double)
        .border_style(theme::HELP)
        .style(theme::HELP)
        .render(popup, buf);
    let inner = popup.inner(ratatui::layout::Margin::new(2, 1));
    if popup.width > 8 {
        let title = text::label(TITLE, &options);
        let x = popup.x + (popup.width - title.width() as u16) / 2;
        let top = Rect::new(popup.x + 1, popup.y, popup.width - 2, 1);
        text::put(buf, x - 1, popup.y, " ", theme::HELP, top);
        let end = text::draw_line(buf, &title, x, popup.y, top, |_| theme::HELP_KEY);
        text::put(buf, end, popup.y, " ", theme::HELP, top);
    }
    // When the terminal is too short for the whole table, the last row says so.
    let cut = rows.len() > inner.height as usize;
    let shown = if cut {
        (inner.height as usize).saturating_sub(1)
    } else {
        rows.len()
    };
    for ((keys, help), y) in rows[..shown].iter().zip(inner.y..inner.bottom()) {
        text::draw_line(buf, keys, inner.x, y, inner, |_| theme::HELP_KEY);
        text::draw_line(buf, help, inner.x + KEY_COLUMN, y, inner, |_| theme::HELP);
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

//! The help overlay: the key table ([`crate::reader::keys::BINDINGS`]), the same one
//! that dispatches the keys, in the interface's language, fitted by the view; a cut
//! line ends in an ellipsis. A right-to-left interface mirrors it: the keys in the
//! right-hand column, what they do to their left, each set against the right.

use ratatui::buffer::Buffer;
use ratatui::layout::{Margin, Rect};
use ratatui::widgets::{Block, BorderType, Borders, Clear, Widget};

use super::text;
use crate::reader::view::{HELP_KEY_COLUMN, View};

pub fn render(view: &View, buf: &mut Buffer) {
    let theme = view.theme();
    let help = view.help();
    let popup = help.popup.intersection(buf.area);
    if popup.is_empty() {
        return;
    }
    Clear.render(popup, buf);
    Block::new()
        .borders(Borders::ALL)
        .border_type(BorderType::Double)
        .border_style(theme.help)
        .style(theme.help)
        .render(popup, buf);
    let inner = popup.inner(Margin::new(2, 1));
    if popup.width > 8 {
        let title = &help.title;
        let x = popup.x + (popup.width.saturating_sub(title.width() as u16)) / 2;
        let top = Rect::new(popup.x + 1, popup.y, popup.width - 2, 1);
        text::put(buf, x.saturating_sub(1), popup.y, " ", theme.help, top);
        let end = text::draw_line(theme, buf, title, x, popup.y, top, |_| theme.help_key);
        text::put(buf, end, popup.y, " ", theme.help, top);
    }
    // When the terminal is too short for the whole table, the last row says so.
    let rows = &help.rows;
    let cut = rows.len() > inner.height as usize;
    let shown = if cut {
        (inner.height as usize).saturating_sub(1)
    } else {
        rows.len()
    };
    // The two columns: the keys' (HELP_KEY_COLUMN wide, a gap included) at the
    // reading-start side, the help beside it.
    let key_column = HELP_KEY_COLUMN.min(inner.width);
    let (keys_area, help_area) = if help.rtl {
        (
            Rect::new(
                inner.right() - key_column,
                inner.y,
                key_column,
                inner.height,
            ),
            Rect::new(inner.x, inner.y, inner.width - key_column, inner.height),
        )
    } else {
        (
            Rect::new(inner.x, inner.y, key_column, inner.height),
            Rect::new(
                inner.x + key_column,
                inner.y,
                inner.width - key_column,
                inner.height,
            ),
        )
    };
    for (row, y) in rows[..shown].iter().zip(inner.y..inner.bottom()) {
        let (keys_x, help_x) = if help.rtl {
            (
                keys_area.right() - text::fitted_width(&row.keys),
                // One column of the key column is the gap: the help ends before it.
                help_area
                    .right()
                    .saturating_sub(text::fitted_width(&row.help)),
            )
        } else {
            (keys_area.x, help_area.x)
        };
        text::draw_fitted(
            theme,
            buf,
            &row.keys,
            (keys_x, y),
            keys_area,
            |_| theme.help_key,
            theme.help_key,
        );
        text::draw_fitted(
            theme,
            buf,
            &row.help,
            (help_x, y),
            help_area,
            |_| theme.help,
            theme.help,
        );
    }
    if cut && !inner.is_empty() {
        let x = if help.rtl { inner.right() - 1 } else { inner.x };
        text::put(
            buf,
            x,
            inner.bottom() - 1,
            text::ELLIPSIS,
            theme.help,
            inner,
        );
    }
}

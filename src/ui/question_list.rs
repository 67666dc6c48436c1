//! The questions pane: the introduction, then each question's opening on one line,
//! numbered, cut with an ellipsis at its logical end. Only the visible rows are laid
//! out (by `App::sync`), so a frame costs the same for 7 questions or 70,000.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::{pane, text, theme};
use crate::app::{App, Focus};
use crate::layout::Direction;

/// Marks the selected item at its reading-start edge (snapshots drop colours).
pub const MARKER_RTL: &str = "◀";
pub const MARKER_LTR: &str = "▶";

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let focused = app.focus == Focus::Questions;
    let inner = pane::render_frame(app, area, buf, &app.label_lines().questions, focused);
    if inner.is_empty() {
        return;
    }
    let rtl = app.direction() == Direction::Rtl;
    let text_width = app.screen().item_text_width();
    for (row, index) in (inner.y..inner.bottom()).zip(app.list_offset()..app.item_count()) {
        let row_area = Rect::new(inner.x, row, inner.width, 1);
        let selected = index == app.selected();
        let base = match (selected, focused) {
            (false, _) => theme::TEXT,
            (true, true) => theme::SELECTED,
            (true, false) => theme::SELECTED_UNFOCUSED,
        };
        if selected {
            text::fill(buf, row_area, base);
            let (x, marker) = if rtl {
                (inner.right() - 1, MARKER_RTL)
            } else {
                (inner.x, MARKER_LTR)
            };
            text::put(buf, x, row, marker, base, row_area);
        }
        let Some((fitted, number_len)) = app.fitted_item(index) else {
            continue;
        };
        let text_area = if rtl {
            Rect::new(inner.x, row, text_width, 1)
        } else {
            Rect::new(inner.x + 2, row, text_width, 1)
        };
        let width = text::fitted_width(fitted);
        let x = if rtl {
            text_area.right().saturating_sub(width)
        } else {
            text_area.x
        };
        let style_of = |cell: &crate::layout::Cell| -> Style {
            if cell.source.start < number_len && !selected {
                theme::NUMBER
            } else {
                base
            }
        };
        text::draw_fitted(buf, fitted, x, row, text_area, style_of, base);
    }
}

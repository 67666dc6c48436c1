//! The questions pane: the introduction, then each question's opening on one line,
//! numbered, cut with an ellipsis at its logical end. Only the visible rows are laid
//! out (by the view), so a frame costs the same for 7 questions or 70,000. During a
//! search, the questions that contain a match are marked, and matches in an opening
//! are highlighted.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::highlight::PassageMatches;
use super::{pane, text};
use crate::layout::{Cell, Direction};
use crate::reader::state::{Focus, State};
use crate::reader::view::View;

/// Marks the selected item at its reading-start edge (snapshots drop colours).
pub const MARKER_RTL: &str = "◀";
pub const MARKER_LTR: &str = "▶";
/// Marks, beside the selection marker, an item with search matches.
pub const MATCH_MARK: &str = "•";

pub fn render(state: &State, view: &View, area: Rect, buf: &mut Buffer) {
    let theme = view.theme();
    let focused = state.focus() == Focus::Questions;
    let inner = pane::render_frame(
        theme,
        view.direction(),
        area,
        buf,
        view.questions_label(),
        focused,
    );
    if inner.is_empty() {
        return;
    }
    let rtl = view.direction() == Direction::Rtl;
    let text_width = view.screen().item_text_width();
    let search = state.search();
    for (item, row) in view.visible_items().zip(inner.y..inner.bottom()) {
        let row_area = Rect::new(inner.x, row, inner.width, 1);
        let selected = item.index == state.selected();
        let base = match (selected, focused) {
            (false, _) => theme.text,
            (true, true) => theme.selected,
            (true, false) => theme.selected_unfocused,
        };
        let (marker_x, mark_x) = if rtl {
            (inner.right() - 1, inner.right().saturating_sub(2))
        } else {
            (inner.x, inner.x + 1)
        };
        if selected {
            text::fill(buf, row_area, base);
            let marker = if rtl { MARKER_RTL } else { MARKER_LTR };
            text::put(buf, marker_x, row, marker, base, row_area);
        }
        if search.is_some_and(|s| !s.in_item(item.index).is_empty()) {
            text::put(
                buf,
                mark_x,
                row,
                MATCH_MARK,
                base.patch(theme.match_mark),
                row_area,
            );
        }
        let text_area = if rtl {
            Rect::new(inner.x, row, text_width, 1)
        } else {
            Rect::new(inner.x + 2, row, text_width, 1)
        };
        let width = text::fitted_width(item.fitted);
        let x = if rtl {
            text_area.right().saturating_sub(width)
        } else {
            text_area.x
        };
        let matches = item
            .passage
            .map(|p| PassageMatches::new(search, item.index, p))
            .unwrap_or_default();
        let number_len = item.number_len;
        let style_of = |cell: &Cell| -> Style {
            let style = if cell.source.start < number_len && !selected {
                theme.number
            } else {
                base
            };
            match matches.after_prefix(&cell.source, number_len) {
                Some(highlight) => style.patch(highlight.style(theme)),
                None => style,
            }
        };
        text::draw_fitted(theme, buf, item.fitted, (x, row), text_area, style_of, base);
    }
}

//! The answer pane: the selected question in full with the interviewer's name, then
//! the answer's paragraphs with the speaker's name, as the view laid them out, a
//! blank row between paragraphs, scrolled, with a scrollbar on the pane's outer
//! edge, and an end mark below the last paragraph. The text is at most the readable
//! width, on the reading side of the pane. Inline emphasis (a Markdown interview's
//! italic, bold, code, links) and search matches are drawn on whatever cells they
//! became.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::{Scrollbar, ScrollbarOrientation, ScrollbarState, StatefulWidget};

use super::highlight::PassageMatches;
use super::{pane, text};
use crate::document::passages::Role;
use crate::layout::{Cell, Direction};
use crate::reader::state::{Focus, State};
use crate::reader::view::{AnswerRow, View};

pub fn render(state: &State, view: &View, area: Rect, buf: &mut Buffer) {
    let theme = view.theme();
    let focused = state.focus() == Focus::Answer;
    let title = view.answer_label(state.selected_item());
    pane::render_frame(theme, view.direction(), area, buf, title, focused);
    let text_area = view.screen().answer_text();
    if text_area.is_empty() {
        return;
    }
    let rows = view.answer_rows();
    let visible = rows
        .iter()
        .skip(view.answer_top())
        .take(text_area.height as usize);
    for (row, y) in visible.zip(text_area.y..) {
        let (role, passage, prefix_len, line) = match row {
            AnswerRow::Line {
                role,
                passage,
                prefix_len,
                line,
            } => (*role, *passage, *prefix_len, line),
            AnswerRow::End => {
                let mark = view.end_mark();
                let x = text_area.x + text_area.width.saturating_sub(mark.width() as u16) / 2;
                text::draw_line(theme, buf, mark, x, y, text_area, |_| theme.end_mark);
                continue;
            }
            AnswerRow::Blank => continue,
        };
        let matches = PassageMatches::new(state.search(), state.selected(), passage);
        let inline = view.passage_inline(passage);
        let style_of = |cell: &Cell| -> Style {
            let base = if cell.source.start < prefix_len {
                theme.speaker
            } else {
                let text = if role == Role::Question {
                    theme.question
                } else {
                    theme.text
                };
                // The cell's logical source, past the name, says its emphasis
                // whatever shaping, wrapping and reordering did to it.
                let source = cell.source.start - prefix_len..cell.source.end - prefix_len;
                text.patch(theme.emphasis(inline.emphasis(source)))
            };
            match matches.after_prefix(&cell.source, prefix_len) {
                Some(highlight) => base.patch(highlight.style(theme)),
                None => base,
            }
        };
        let x = text_area.x.saturating_add(line.padding as u16);
        text::draw_line(theme, buf, line, x, y, text_area, style_of);
    }
    let height = text_area.height as usize;
    if rows.len() > height && area.height > 2 {
        let orientation = match view.direction() {
            // The answer pane is on the left of a right-to-left screen: its outer edge.
            Direction::Rtl => ScrollbarOrientation::VerticalLeft,
            Direction::Ltr => ScrollbarOrientation::VerticalRight,
        };
        let track = Rect::new(area.x, area.y + 1, area.width, area.height - 2);
        let mut state = ScrollbarState::new(rows.len() - height)
            .position(view.answer_top())
            .viewport_content_length(height);
        Scrollbar::new(orientation)
            .begin_symbol(None)
            .end_symbol(None)
            .style(theme.scrollbar)
            .render(track, buf, &mut state);
    }
}

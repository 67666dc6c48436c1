//! The answer pane: the selected question in full with the interviewer's name, then
//! the answer's paragraphs with the speaker's name, laid out at the pane's width
//! (cached by `App::sync`), a blank row between paragraphs, scrolled, with a
//! scrollbar on the pane's outer edge.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::{Scrollbar, ScrollbarOrientation, ScrollbarState, StatefulWidget};

use super::{pane, text, theme};
use crate::app::{AnswerRow, App, Focus, Item, Role};
use crate::layout::{Cell, Direction};

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let focused = app.focus == Focus::Answer;
    let title = match app.selected_item() {
        Item::Intro => &app.label_lines().intro,
        Item::Question(_) => &app.label_lines().answer,
    };
    pane::render_frame(app, area, buf, title, focused);
    let text_area = app.screen().answer_text();
    if text_area.is_empty() {
        return;
    }
    let rows = app.answer_rows();
    let visible = rows
        .iter()
        .skip(app.scroll())
        .take(text_area.height as usize);
    for (row, y) in visible.zip(text_area.y..) {
        let AnswerRow::Line {
            role,
            prefix_len,
            line,
        } = row
        else {
            continue;
        };
        let (role, prefix_len) = (*role, *prefix_len);
        let style_of = |cell: &Cell| -> Style {
            if cell.source.start < prefix_len {
                theme::SPEAKER
            } else if role == Role::Question {
                theme::QUESTION
            } else {
                theme::TEXT
            }
        };
        let x = text_area.x.saturating_add(line.padding as u16);
        text::draw_line(buf, line, x, y, text_area, style_of);
    }
    let height = text_area.height as usize;
    if rows.len() > height && area.height > 2 {
        let orientation = match app.direction() {
            // The answer pane is on the left of a right-to-left screen: its outer edge.
            Direction::Rtl => ScrollbarOrientation::VerticalLeft,
            Direction::Ltr => ScrollbarOrientation::VerticalRight,
        };
        let track = Rect::new(area.x, area.y + 1, area.width, area.height - 2);
        let mut state = ScrollbarState::new(rows.len() - height)
            .position(app.scroll())
            .viewport_content_length(height);
        Scrollbar::new(orientation)
            .begin_symbol(None)
            .end_symbol(None)
            .style(theme::SCROLLBAR)
            .render(track, buf, &mut state);
    }
}

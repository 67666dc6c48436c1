//! Where each part of the screen goes, for one terminal size: pure geometry, shared by
//! the state (to know what a click hit), the view (to lay out at the right widths) and
//! the widgets (to draw).
//!
//! From [`STACK_BELOW`] columns up the panes stand side by side, the questions on the
//! side where reading starts; below it they are stacked, the questions above the
//! answer, so that each question keeps a readable opening instead of one or two
//! words. The answer's text is capped to a readable width and set on the reading
//! side of its pane.

use ratatui::layout::{Margin, Rect};

use crate::layout::Direction;
use crate::settings::DEFAULT_ANSWER_WIDTH;

/// Below this size the panes cannot show anything useful: a short note instead.
pub const MIN_WIDTH: u16 = 24;
pub const MIN_HEIGHT: u16 = 6;

/// Narrower than this, the panes are stacked: side by side, the questions pane
/// would get under 23 columns (one or two words of a question).
pub const STACK_BELOW: u16 = 70;

/// Where each part of the screen goes, for one terminal size.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Screen {
    pub area: Rect,
    pub title: Rect,
    pub questions: Rect,
    pub answer: Rect,
    pub status: Rect,
    pub too_small: bool,
    /// The questions pane is above the answer pane (a narrow terminal).
    pub stacked: bool,
    /// The answer's text is drawn at most this wide (0: no cap).
    pub answer_width: u16,
    pub direction: Direction,
}

impl Default for Screen {
    /// Nothing measured yet: no area.
    fn default() -> Self {
        Screen {
            area: Rect::default(),
            title: Rect::default(),
            questions: Rect::default(),
            answer: Rect::default(),
            status: Rect::default(),
            too_small: false,
            stacked: false,
            answer_width: 0,
            direction: Direction::Ltr,
        }
    }
}

impl Screen {
    /// The screen of a document in `direction`, its answer text capped to the
    /// default width ([`DEFAULT_ANSWER_WIDTH`]).
    pub fn new(area: Rect, direction: Direction) -> Self {
        Screen::with_answer_width(area, direction, DEFAULT_ANSWER_WIDTH)
    }

    /// The screen of a document in `direction`: its questions pane on the side where
    /// reading starts (or on top, when narrow); the answer's text at most
    /// `answer_width` columns (0: as wide as its pane).
    pub fn with_answer_width(area: Rect, direction: Direction, answer_width: u16) -> Self {
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            return Screen {
                area,
                too_small: true,
                direction,
                ..Screen::default()
            };
        }
        let title = Rect { height: 1, ..area };
        let status = Rect {
            y: area.bottom() - 1,
            height: 1,
            ..area
        };
        let body = Rect::new(area.x, area.y + 1, area.width, area.height - 2);
        let stacked = area.width < STACK_BELOW;
        let (questions, answer) = if stacked {
            // A third of the height for the questions (3 to 9 rows), at least three
            // rows left for the answer.
            let height = (body.height / 3)
                .clamp(3, 9)
                .min(body.height.saturating_sub(3));
            (
                Rect { height, ..body },
                Rect {
                    y: body.y + height,
                    height: body.height - height,
                    ..body
                },
            )
        } else {
            let questions_width = (area.width * 32 / 100).clamp(14, 42);
            let answer_width = area.width - questions_width;
            let (questions_x, answer_x) = match direction {
                Direction::Rtl => (area.x + answer_width, area.x),
                Direction::Ltr => (area.x, area.x + questions_width),
            };
            (
                Rect::new(questions_x, body.y, questions_width, body.height),
                Rect::new(answer_x, body.y, answer_width, body.height),
            )
        };
        Screen {
            area,
            title,
            questions,
            answer,
            status,
            too_small: false,
            stacked,
            answer_width,
            direction,
        }
    }

    /// The questions pane inside its border: one row per item.
    pub fn questions_inner(&self) -> Rect {
        self.questions.inner(Margin::new(1, 1))
    }

    /// Columns left for an item's text: the selection marker and the match mark take
    /// one each.
    pub fn item_text_width(&self) -> u16 {
        self.questions_inner().width.saturating_sub(2)
    }

    /// The answer's text: inside the border, with a blank column on each side, at
    /// most `answer_width` wide and then on the side where reading starts.
    pub fn answer_text(&self) -> Rect {
        let text = self.answer.inner(Margin::new(2, 1));
        if self.answer_width == 0 || text.width <= self.answer_width {
            return text;
        }
        let x = match self.direction {
            Direction::Rtl => text.right() - self.answer_width,
            Direction::Ltr => text.x,
        };
        Rect {
            x,
            width: self.answer_width,
            ..text
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn narrow_screens_stack_the_panes() {
        let screen = Screen::new(Rect::new(0, 0, 40, 20), Direction::Rtl);
        assert!(screen.stacked);
        assert_eq!(screen.questions, Rect::new(0, 1, 40, 6));
        assert_eq!(screen.answer, Rect::new(0, 7, 40, 12));
        assert_eq!(screen.item_text_width(), 36);
        let screen = Screen::new(Rect::new(0, 0, 69, 17), Direction::Ltr);
        assert!(screen.stacked);
        let screen = Screen::new(Rect::new(0, 0, 70, 17), Direction::Ltr);
        assert!(!screen.stacked);
        assert_eq!(
            screen.questions.x, 0,
            "questions on the left of an LTR screen"
        );
    }

    #[test]
    fn the_answer_text_is_capped_on_the_reading_side() {
        let area = Rect::new(0, 0, 160, 45);
        let rtl = Screen::with_answer_width(area, Direction::Rtl, 80);
        let pane = rtl.answer.inner(Margin::new(2, 1));
        assert_eq!(rtl.answer_text().width, 80);
        assert_eq!(rtl.answer_text().right(), pane.right(), "on the right");
        let ltr = Screen::with_answer_width(area, Direction::Ltr, 80);
        let pane = ltr.answer.inner(Margin::new(2, 1));
        assert_eq!(ltr.answer_text().x, pane.x, "on the left");
        let uncapped = Screen::with_answer_width(area, Direction::Rtl, 0);
        assert_eq!(
            uncapped.answer_text(),
            uncapped.answer.inner(Margin::new(2, 1))
        );
    }
}

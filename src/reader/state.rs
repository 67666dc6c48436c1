//! The reader's state and the pure [`State::update`] that applies an [`Action`] to it.
//!
//! The state is what the reader *means*: which question is selected, which pane has
//! the focus, how far the answer is scrolled, the search and its current match, the
//! notice on the status bar. It holds no laid-out text: the view ([`super::view`])
//! turns state and size into rows, and reports what it measured as an [`Extent`]
//! (rows of the answer, the pane heights, where the screen's parts are), which
//! `update` takes beside the action. So every change of state is a function of
//! (state, action, extent): testable without a terminal, and data flows one way.

use ratatui::layout::Position;

use crate::document::Interview;
use crate::layout::Direction;
use unicode_segmentation::UnicodeSegmentation;

use super::labels::Notice;
use super::screen::Screen;
use super::search::{self, Match};
use crate::document::passages::{self, Item};

/// Which pane receives the movement keys.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Focus {
    #[default]
    Questions,
    Answer,
}

/// What the keys do: read, look at the help, or type a search.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Mode {
    #[default]
    Reading,
    Help,
    Search(Prompt),
}

/// The search prompt: the query as typed and a cursor in it (a byte offset in logical
/// order, on a character boundary).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Prompt {
    pub text: String,
    pub cursor: usize,
}

/// An edit of the search prompt.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PromptEdit {
    Insert(char),
    /// Backspace: the character before the cursor (a haraka alone, if it is one).
    DeleteBack,
    /// Delete: the grapheme after the cursor.
    DeleteForward,
    /// The arrow keys: one grapheme along the logical order, toward the arrow's side
    /// in the query's own direction (in an Arabic query, ← goes forward).
    Left,
    Right,
    Home,
    End,
    Clear,
    Submit,
    Cancel,
}

/// Everything a user can ask of the reader, independent of the key that asks it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// Previous question in the questions pane, one line up in the answer pane.
    Up,
    /// Next question in the questions pane, one line down in the answer pane.
    Down,
    /// A page up in the answer.
    PageUp,
    /// A page down in the answer; at its end, on to the next question.
    PageDown,
    /// The first question, or the top of the answer.
    First,
    /// The last question, or the end of the answer.
    Last,
    FocusNext,
    FocusPrevious,
    /// Focus the pane on the left side of the screen.
    FocusLeft,
    /// Focus the pane on the right side of the screen.
    FocusRight,
    FocusAnswer,
    /// The next question, whichever pane has the focus.
    NextQuestion,
    /// The previous question, whichever pane has the focus.
    PreviousQuestion,
    /// Question number N (1-based), as the questions pane numbers them.
    Jump(usize),
    ToggleHelp,
    /// Closes the help overlay if it is open, else quits.
    Escape,
    Quit,
    /// Ctrl-Z: handled by the event loop (the state does not change).
    Suspend,
    /// `y`: copy the selected item's text to the clipboard; the event loop writes it
    /// to the terminal (the state does not change).
    Copy,
    /// The mouse wheel over a pane: scroll that pane by `lines` (negative: up).
    Wheel {
        column: u16,
        row: u16,
        lines: i16,
    },
    /// A left click: select the question under the pointer, or focus the answer.
    Click {
        column: u16,
        row: u16,
    },
    /// `/`: open the search prompt.
    OpenSearch,
    Prompt(PromptEdit),
    /// The next match, on to the next question that has one.
    NextMatch,
    /// The previous match.
    PreviousMatch,
    /// Show a notice on the status bar (from outside the keys: a hint, a report).
    Notify(Notice),
}

/// A place in the selected item's text: a byte range of one passage.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Anchor {
    pub passage: usize,
    pub start: usize,
    pub end: usize,
}

/// How far the answer is scrolled, as asked; the view resolves it to a first row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scroll {
    /// From this row (clamped by the view to the last full page).
    Row(usize),
    /// Show `anchor`, with a line of context above it, unless it is already in view
    /// from row `from` (the scroll before the move).
    Reveal { anchor: Anchor, from: usize },
    /// The row showing this byte of this passage at the top (a resumed position,
    /// kept whatever the width).
    Top { passage: usize, byte: usize },
}

/// What the view measured for the current state at the current size: the facts an
/// action needs about the screen (how long the answer is, how tall a page is, where a
/// click lands). Made by [`super::view::View::sync`]; `Extent::default()` before any.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Extent {
    pub screen: Screen,
    /// Rows of the questions pane, and the first item shown.
    pub list_height: usize,
    pub list_top: usize,
    /// The item the answer rows are of.
    pub answer_item: usize,
    /// Rows of the selected item's text (lines and the blanks between paragraphs).
    pub answer_rows: usize,
    /// Rows of the answer pane, and the first shown.
    pub answer_height: usize,
    pub answer_top: usize,
    /// Where the first row shown starts in the text: (passage, byte).
    pub top_anchor: Option<(usize, usize)>,
    /// The direction of the query in the search prompt, as laid out.
    pub prompt_direction: Option<Direction>,
    /// False until a view has measured anything.
    pub measured: bool,
}

impl Extent {
    fn max_scroll(&self) -> usize {
        self.answer_rows.saturating_sub(self.answer_height)
    }

    /// A page of the answer, keeping one line of context.
    fn page(&self) -> usize {
        self.answer_height.saturating_sub(1).max(1)
    }
}

/// A search: its query, every match in reading order, and the current one.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Search {
    pub query: String,
    pub matches: Vec<Match>,
    pub current: Option<usize>,
}

impl Search {
    /// The matches in one item: a slice of `matches` (they are sorted).
    pub fn in_item(&self, item: usize) -> &[Match] {
        let from = self.matches.partition_point(|m| m.item() < item);
        let to = self.matches.partition_point(|m| m.item() <= item);
        &self.matches[from..to]
    }

    /// The matches in one passage of one item.
    pub fn in_passage(&self, item: usize, passage: usize) -> &[Match] {
        let key = (item, passage);
        let from = self
            .matches
            .partition_point(|m| (m.item(), m.passage()) < key);
        let to = self
            .matches
            .partition_point(|m| (m.item(), m.passage()) <= key);
        &self.matches[from..to]
    }

    pub fn current_match(&self) -> Option<&Match> {
        self.matches.get(self.current?)
    }
}

pub struct State {
    interview: Interview,
    /// The document's direction: it mirrors the whole screen.
    direction: Direction,
    focus: Focus,
    mode: Mode,
    selected: usize,
    scroll: Scroll,
    /// First item shown in the questions pane, as last measured or wheeled.
    list_offset: usize,
    /// The questions pane scrolls to show the selection (until the wheel moves it).
    follow_selection: bool,
    search: Option<Search>,
    notice: Option<Notice>,
    should_quit: bool,
    /// The number typed so far with the digit keys (less's count before `G`).
    count: Option<usize>,
    /// The whole document is here: false while a large file's rest is loading.
    complete: bool,
}

impl State {
    pub fn new(interview: Interview, direction: Direction) -> Self {
        State {
            complete: true,
            interview,
            direction,
            focus: Focus::Questions,
            mode: Mode::Reading,
            selected: 0,
            scroll: Scroll::Row(0),
            list_offset: 0,
            follow_selection: true,
            search: None,
            notice: None,
            should_quit: false,
            count: None,
        }
    }

    pub fn interview(&self) -> &Interview {
        &self.interview
    }

    /// A state on the opening of a large file, whose rest is still loading.
    pub fn opening(interview: Interview, direction: Direction) -> Self {
        State {
            complete: false,
            ..State::new(interview, direction)
        }
    }

    /// Whether the whole document is here (else its count of questions is not known).
    pub fn complete(&self) -> bool {
        self.complete
    }

    /// The whole document, arrived: it takes the place of the opening the reader
    /// began with, whose items are its first ones, so the selection, focus, scroll
    /// and mode stay. A search is run again on the whole, keeping its current match.
    pub fn complete_with(&mut self, interview: Interview) {
        self.interview = interview;
        self.complete = true;
        self.selected = self.selected.min(self.item_count().saturating_sub(1));
        if let Some(search) = &mut self.search {
            let key = |m: &Match| (m.item(), m.passage(), m.range().start);
            let current = search.current_match().map(key);
            search.matches = search::search(&self.interview, &search.query);
            search.current =
                current.and_then(|current| search.matches.iter().position(|m| key(m) == current));
        }
    }

    pub fn direction(&self) -> Direction {
        self.direction
    }

    pub fn focus(&self) -> Focus {
        self.focus
    }

    pub fn mode(&self) -> &Mode {
        &self.mode
    }

    pub fn show_help(&self) -> bool {
        self.mode == Mode::Help
    }

    pub fn prompt(&self) -> Option<&Prompt> {
        match &self.mode {
            Mode::Search(prompt) => Some(prompt),
            _ => None,
        }
    }

    pub fn should_quit(&self) -> bool {
        self.should_quit
    }

    pub fn item_count(&self) -> usize {
        passages::item_count(&self.interview)
    }

    pub fn item(&self, index: usize) -> Item {
        passages::item(&self.interview, index)
    }

    pub fn selected(&self) -> usize {
        self.selected
    }

    pub fn selected_item(&self) -> Item {
        self.item(self.selected)
    }

    pub fn scroll(&self) -> Scroll {
        self.scroll
    }

    pub fn list_offset(&self) -> usize {
        self.list_offset
    }

    pub fn follow_selection(&self) -> bool {
        self.follow_selection
    }

    pub fn search(&self) -> Option<&Search> {
        self.search.as_ref()
    }

    pub fn notice(&self) -> Option<Notice> {
        self.notice
    }

    // ---------------------------------------------------------------- update

    /// Applies one action, given what the view measured for the state as it is.
    /// Pure: no terminal, no I/O.
    pub fn update(&mut self, action: Action, extent: &Extent) {
        self.adopt(extent);
        // A notice lasts until the next action.
        self.notice = None;
        match (&self.mode, action) {
            (_, Action::Notify(notice)) => self.notice = Some(notice),
            (Mode::Help, Action::ToggleHelp | Action::Escape) => self.mode = Mode::Reading,
            (Mode::Help, Action::Quit) => self.should_quit = true,
            (Mode::Help, _) => {}
            (Mode::Search(_), Action::Prompt(edit)) => self.edit_prompt(edit, extent),
            // While typing, only the mouse still reads (the keys type).
            (Mode::Search(_), Action::Wheel { .. } | Action::Click { .. }) => {
                self.read(action, extent)
            }
            (Mode::Search(_), _) => {}
            (Mode::Reading, _) => self.read(action, extent),
        }
    }

    /// Takes the positions the view resolved (the list scrolled to the selection, a
    /// match revealed, a scroll clamped) as the state's own.
    fn adopt(&mut self, extent: &Extent) {
        if !extent.measured {
            return;
        }
        self.list_offset = extent.list_top;
        if extent.answer_item == self.selected {
            self.scroll = Scroll::Row(extent.answer_top);
        }
    }

    fn top(&self) -> usize {
        match self.scroll {
            Scroll::Row(row) => row,
            Scroll::Reveal { from, .. } => from,
            Scroll::Top { .. } => 0,
        }
    }

    /// Opens at item `index`, scrolled so that `top` (passage, byte) is on the first
    /// row: where a reader left it. An index past the end is ignored.
    pub fn resume_at(&mut self, index: usize, top: Option<(usize, usize)>) {
        if index >= self.item_count() {
            return;
        }
        self.select(index);
        if let Some((passage, byte)) = top {
            self.scroll = Scroll::Top { passage, byte };
        }
    }

    fn read(&mut self, action: Action, extent: &Extent) {
        // A number typed with the digits is for the key right after it only.
        let count = match action {
            Action::Jump(_) => None,
            _ => self.count.take(),
        };
        if let (Action::First | Action::Last, Some(number)) = (action, count) {
            // `25G` (or `25g`) goes to question 25, as in less.
            self.jump_to_question(number);
            return;
        }
        match action {
            Action::Up => match self.focus {
                Focus::Questions => self.select_previous(),
                Focus::Answer => self.scroll_by(-1, extent),
            },
            Action::Down => match self.focus {
                Focus::Questions => self.select_next(),
                Focus::Answer => self.scroll_by(1, extent),
            },
            Action::PageUp => self.scroll_by(-(extent.page() as isize), extent),
            Action::PageDown => {
                if self.top() >= extent.max_scroll() {
                    if self.selected + 1 < self.item_count() {
                        self.select_next();
                    }
                } else {
                    self.scroll_by(extent.page() as isize, extent);
                }
            }
            Action::First => match self.focus {
                Focus::Questions => self.select(0),
                Focus::Answer => self.scroll = Scroll::Row(0),
            },
            Action::Last => match self.focus {
                Focus::Questions => self.select(self.item_count().saturating_sub(1)),
                Focus::Answer => self.scroll = Scroll::Row(extent.max_scroll()),
            },
            Action::FocusNext | Action::FocusPrevious => self.toggle_focus(),
            // Stacked panes have no sides.
            Action::FocusLeft | Action::FocusRight if extent.screen.stacked => {}
            Action::FocusLeft => self.focus_side(Direction::Ltr),
            Action::FocusRight => self.focus_side(Direction::Rtl),
            Action::FocusAnswer => self.focus = Focus::Answer,
            Action::NextQuestion => self.select_next(),
            Action::PreviousQuestion => self.select_previous(),
            Action::Jump(digit) => self.type_digit(digit),
            Action::ToggleHelp => self.mode = Mode::Help,
            // Esc closes what is open (the help, the prompt); reading, there is
            // nothing to close: less and vim users press it to cancel, not to quit.
            Action::Escape => {}
            Action::Quit => self.should_quit = true,
            Action::Suspend | Action::Copy | Action::Prompt(_) | Action::Notify(_) => {}
            Action::Wheel { column, row, lines } => self.wheel(column, row, lines, extent),
            Action::Click { column, row } => self.click(column, row, extent),
            Action::OpenSearch => self.mode = Mode::Search(Prompt::default()),
            Action::NextMatch => self.step_match(true, extent),
            Action::PreviousMatch => self.step_match(false, extent),
        }
    }

    fn select(&mut self, index: usize) {
        let index = index.min(self.item_count().saturating_sub(1));
        if index != self.selected {
            self.selected = index;
            self.scroll = Scroll::Row(0);
        }
        self.follow_selection = true;
    }

    fn select_next(&mut self) {
        self.select(self.selected + 1);
    }

    fn select_previous(&mut self) {
        self.select(self.selected.saturating_sub(1));
    }

    /// A digit key: the number typed so far grows by the digit (2 then 5 is 25)
    /// and the selection goes there; a number past the last question starts again
    /// from the digit, so in a short document each digit is its own question.
    fn type_digit(&mut self, digit: usize) {
        let numbered = self.interview.exchanges.len() + self.interview.sections.len();
        let number = self
            .count
            .map_or(digit, |n| n.saturating_mul(10).saturating_add(digit));
        let number = if number > numbered { digit } else { number };
        self.count = Some(number);
        self.jump_to_question(number);
    }

    /// Question (or section) `number`, as the list numbers them from 1.
    fn jump_to_question(&mut self, number: usize) {
        let numbered = self.interview.exchanges.len() + self.interview.sections.len();
        if (1..=numbered).contains(&number) {
            self.select(number - 1 + usize::from(passages::has_intro(&self.interview)));
        }
    }

    fn toggle_focus(&mut self) {
        self.focus = match self.focus {
            Focus::Questions => Focus::Answer,
            Focus::Answer => Focus::Questions,
        };
    }

    /// Focuses the pane on one side of the screen: `Rtl` means the right side. The
    /// questions pane is on the side where reading starts.
    fn focus_side(&mut self, right_or_left: Direction) {
        self.focus = if right_or_left == self.direction {
            Focus::Questions
        } else {
            Focus::Answer
        };
    }

    fn scroll_by(&mut self, lines: isize, extent: &Extent) {
        let target = self.top().saturating_add_signed(lines);
        self.scroll = Scroll::Row(target.min(extent.max_scroll()));
    }

    fn wheel(&mut self, column: u16, row: u16, lines: i16, extent: &Extent) {
        let at = Position::new(column, row);
        if extent.screen.answer.contains(at) {
            self.scroll_by(lines as isize, extent);
        } else if extent.screen.questions.contains(at) {
            let max = self.item_count().saturating_sub(extent.list_height.max(1));
            self.list_offset = self
                .list_offset
                .saturating_add_signed(lines as isize)
                .min(max);
            self.follow_selection = false;
        }
    }

    fn click(&mut self, column: u16, row: u16, extent: &Extent) {
        let at = Position::new(column, row);
        let inner = extent.screen.questions_inner();
        if inner.contains(at) {
            let index = self.list_offset + (row - inner.y) as usize;
            if index < self.item_count() {
                self.focus = Focus::Questions;
                self.select(index);
            }
        } else if extent.screen.answer.contains(at) {
            self.focus = Focus::Answer;
        }
    }

    // ---------------------------------------------------------------- search

    fn edit_prompt(&mut self, edit: PromptEdit, extent: &Extent) {
        let Mode::Search(prompt) = &mut self.mode else {
            return;
        };
        let text = &mut prompt.text;
        let cursor = &mut prompt.cursor;
        let forward_is_left = extent.prompt_direction == Some(Direction::Rtl);
        match edit {
            PromptEdit::Insert(c) if !c.is_control() => {
                text.insert(*cursor, c);
                *cursor += c.len_utf8();
            }
            PromptEdit::Insert(_) => {}
            PromptEdit::DeleteBack => {
                if let Some(c) = text[..*cursor].chars().next_back() {
                    *cursor -= c.len_utf8();
                    text.remove(*cursor);
                }
            }
            PromptEdit::DeleteForward => {
                let end = next_boundary(text, *cursor);
                text.replace_range(*cursor..end, "");
            }
            PromptEdit::Left | PromptEdit::Right => {
                let forward = (edit == PromptEdit::Left) == forward_is_left;
                *cursor = if forward {
                    next_boundary(text, *cursor)
                } else {
                    previous_boundary(text, *cursor)
                };
            }
            PromptEdit::Home => *cursor = 0,
            PromptEdit::End => *cursor = text.len(),
            PromptEdit::Clear => {
                text.clear();
                *cursor = 0;
            }
            PromptEdit::Cancel => self.mode = Mode::Reading,
            PromptEdit::Submit => {
                let query = std::mem::take(text);
                self.mode = Mode::Reading;
                self.submit(query, extent);
            }
        }
    }

    /// Runs a search and goes to its first match at or after the top of the answer
    /// shown. An empty query repeats the last search.
    fn submit(&mut self, query: String, extent: &Extent) {
        let query = if query.is_empty() {
            match &self.search {
                Some(search) => search.query.clone(),
                None => return,
            }
        } else {
            query
        };
        let matches = search::search(&self.interview, &query);
        self.search = Some(Search {
            query,
            matches,
            current: None,
        });
        self.step_match(true, extent);
    }

    /// `n` / `N`: from the current match when it is in the selected item, else from
    /// the top of the answer shown; wraps round, and says so.
    fn step_match(&mut self, forward: bool, extent: &Extent) {
        let Some(search) = &self.search else {
            self.notice = Some(Notice::NoSearch);
            return;
        };
        let count = search.matches.len();
        if count == 0 {
            self.notice = Some(Notice::NoMatch);
            return;
        }
        let current = search
            .current
            .filter(|&k| search.matches[k].item() == self.selected);
        let (next, wrapped) = match current {
            Some(k) if forward => ((k + 1) % count, k + 1 == count),
            Some(k) => ((k + count - 1) % count, k == 0),
            None => {
                let (passage, byte) = if extent.answer_item == self.selected {
                    extent.top_anchor.unwrap_or((0, 0))
                } else {
                    (0, 0)
                };
                let here = (self.selected, passage, byte);
                let key = |m: &Match| (m.item(), m.passage(), m.range().start);
                // The first match at or after here, or the last one before it.
                let at_or_after = search.matches.partition_point(|m| key(m) < here);
                if forward {
                    (at_or_after % count, at_or_after == count)
                } else {
                    match at_or_after.checked_sub(1) {
                        Some(k) => (k, false),
                        None => (count - 1, true),
                    }
                }
            }
        };
        if wrapped {
            self.notice = Some(if forward {
                Notice::WrappedToFirst
            } else {
                Notice::WrappedToLast
            });
        }
        self.go_to_match(next);
    }

    fn go_to_match(&mut self, index: usize) {
        let Some(search) = self.search.as_mut() else {
            return;
        };
        let Some(&found) = search.matches.get(index) else {
            return;
        };
        search.current = Some(index);
        self.select(found.item());
        let anchor = Anchor {
            passage: found.passage(),
            start: found.range().start,
            end: found.range().end,
        };
        self.scroll = Scroll::Reveal {
            anchor,
            from: self.top(),
        };
    }
}

fn next_boundary(text: &str, at: usize) -> usize {
    text[at..]
        .grapheme_indices(true)
        .nth(1)
        .map_or(text.len(), |(i, _)| at + i)
}

fn previous_boundary(text: &str, at: usize) -> usize {
    text[..at]
        .grapheme_indices(true)
        .next_back()
        .map_or(0, |(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Exchange, Speaker, TextDirection};
    use ratatui::layout::Rect;

    pub(crate) fn interview(questions: usize, answer_paragraphs: usize) -> Interview {
        Interview {
            title: "t".into(),
            language: "en".into(),
            direction: TextDirection::Ltr,
            speakers: vec![
                Speaker {
                    label: "Q".into(),
                    name: "Asker".into(),
                },
                Speaker {
                    label: "A".into(),
                    name: "Teller".into(),
                },
            ],
            intro: vec!["intro".into()],
            exchanges: (0..questions)
                .map(|i| Exchange {
                    question: vec![format!("question {i}")],
                    answer: (0..answer_paragraphs)
                        .map(|p| format!("answer {i} paragraph {p}"))
                        .collect(),
                    ..Exchange::default()
                })
                .collect(),
            ..Interview::default()
        }
    }

    /// An extent as a view of 80x24 would measure it, with a long answer.
    fn extent(state: &State) -> Extent {
        let screen = Screen::new(Rect::new(0, 0, 80, 24), state.direction());
        Extent {
            screen,
            list_height: screen.questions_inner().height as usize,
            list_top: state.list_offset(),
            answer_item: state.selected(),
            answer_rows: 100,
            answer_height: 20,
            answer_top: match state.scroll() {
                Scroll::Row(row) => row.min(80),
                Scroll::Reveal { anchor, .. } => anchor.start,
                Scroll::Top { byte, .. } => byte.min(80),
            },
            top_anchor: None,
            prompt_direction: Some(Direction::Ltr),
            measured: true,
        }
    }

    fn apply(state: &mut State, actions: &[Action]) {
        for &action in actions {
            let extent = extent(state);
            state.update(action, &extent);
        }
    }

    fn state(questions: usize) -> State {
        State::new(interview(questions, 1), Direction::Ltr)
    }

    #[test]
    fn the_whole_document_takes_the_openings_place() {
        // The opening: the first 5 questions of 45; the reader moved and searched.
        let mut state = State::opening(interview(5, 1), Direction::Ltr);
        assert!(!state.complete());
        apply(&mut state, &[Action::Jump(3), Action::FocusNext]);
        let typed: Vec<Action> = "question 4"
            .chars()
            .map(|c| Action::Prompt(PromptEdit::Insert(c)))
            .collect();
        apply(&mut state, &[Action::OpenSearch]);
        apply(&mut state, &typed);
        apply(&mut state, &[Action::Prompt(PromptEdit::Submit)]);
        let search = state.search().expect("a search");
        assert_eq!(search.matches.len(), 1, "the opening has one match");
        let (selected, focus) = (state.selected(), state.focus());

        state.complete_with(interview(45, 1));
        assert!(state.complete());
        assert_eq!(state.item_count(), 46);
        assert_eq!(
            (state.selected(), state.focus()),
            (selected, focus),
            "nothing moved"
        );
        let search = state.search().expect("the search kept");
        // "question 4" is in questions 4 and 40..44 of the whole: searched again.
        assert_eq!(search.matches.len(), 6);
        let current = search.current_match().expect("the current match kept");
        assert_eq!(current.item(), 5, "the same match stays current");

        // A whole with fewer items than the opening (its labels read otherwise):
        // the selection stays within it.
        let mut state = State::opening(interview(5, 1), Direction::Ltr);
        apply(&mut state, &[Action::Last]);
        state.complete_with(interview(2, 1));
        assert_eq!(state.selected(), 2);
    }

    #[test]
    fn up_and_down_move_the_selection_within_bounds() {
        let mut state = state(3);
        apply(&mut state, &[Action::Up]);
        assert_eq!(state.selected(), 0);
        apply(&mut state, &[Action::Down; 10]);
        assert_eq!(state.selected(), 3);
        apply(&mut state, &[Action::First]);
        assert_eq!(state.selected(), 0);
        apply(&mut state, &[Action::Last]);
        assert_eq!(state.selected(), 3);
    }

    #[test]
    fn jump_counts_questions_not_items() {
        let mut state = state(5);
        apply(&mut state, &[Action::Jump(3)]);
        assert_eq!(state.selected_item(), Item::Question(2));
        apply(&mut state, &[Action::Jump(9)]);
        assert_eq!(
            state.selected_item(),
            Item::Question(2),
            "no ninth question"
        );
    }

    #[test]
    fn focus_follows_tab_sides_and_enter() {
        let mut state = state(2);
        assert_eq!(state.focus(), Focus::Questions);
        apply(&mut state, &[Action::FocusNext]);
        assert_eq!(state.focus(), Focus::Answer);
        apply(&mut state, &[Action::FocusPrevious]);
        assert_eq!(state.focus(), Focus::Questions);
        apply(&mut state, &[Action::FocusAnswer]);
        assert_eq!(state.focus(), Focus::Answer);
        // Left-to-right document: questions on the left.
        apply(&mut state, &[Action::FocusLeft]);
        assert_eq!(state.focus(), Focus::Questions);
        apply(&mut state, &[Action::FocusRight]);
        assert_eq!(state.focus(), Focus::Answer);
    }

    #[test]
    fn right_to_left_document_has_questions_on_the_right() {
        let mut state = State::new(interview(2, 1), Direction::Rtl);
        apply(&mut state, &[Action::FocusLeft]);
        assert_eq!(state.focus(), Focus::Answer);
        apply(&mut state, &[Action::FocusRight]);
        assert_eq!(state.focus(), Focus::Questions);
    }

    #[test]
    fn help_overlay_swallows_movement_and_esc_closes_it() {
        let mut state = state(3);
        apply(&mut state, &[Action::ToggleHelp]);
        assert!(state.show_help());
        apply(&mut state, &[Action::Down]);
        assert_eq!(state.selected(), 0);
        apply(&mut state, &[Action::Escape]);
        assert!(!state.show_help());
        assert!(!state.should_quit());
        // With nothing open, Esc does nothing (it quit before issue 19).
        apply(&mut state, &[Action::Escape]);
        assert!(!state.should_quit());
    }

    #[test]
    fn digits_make_a_number_and_a_count_before_g_goes_there() {
        let mut state = state(30);
        let intro = usize::from(passages::has_intro(state.interview()));
        apply(&mut state, &[Action::Jump(2), Action::Jump(5)]);
        assert_eq!(state.selected(), 25 - 1 + intro, "2 then 5 is question 25");
        // A number past the last starts again from the digit: 25, then 7 is 7.
        apply(&mut state, &[Action::Jump(7)]);
        assert_eq!(state.selected(), 7 - 1 + intro);
        // 1 2 G: question 12, not the last; a G alone is the last.
        apply(
            &mut state,
            &[Action::Down, Action::Jump(1), Action::Jump(2), Action::Last],
        );
        assert_eq!(state.selected(), 12 - 1 + intro);
        apply(&mut state, &[Action::Last]);
        assert_eq!(state.selected(), state.item_count() - 1);
        apply(&mut state, &[Action::Jump(3), Action::First]);
        assert_eq!(state.selected(), 3 - 1 + intro, "3g");
        // Another key between the digits and G ends the count.
        apply(&mut state, &[Action::Jump(4), Action::Down, Action::First]);
        assert_eq!(state.selected(), 0);
    }

    #[test]
    fn quit_from_the_overlay_too() {
        let mut state = state(1);
        apply(&mut state, &[Action::ToggleHelp, Action::Quit]);
        assert!(state.should_quit());
    }

    #[test]
    fn scrolling_stops_at_the_end_and_selecting_resets_it() {
        let mut state = state(3);
        apply(&mut state, &[Action::Down, Action::FocusAnswer]);
        apply(&mut state, &[Action::Down; 3]);
        assert_eq!(state.scroll(), Scroll::Row(3));
        apply(&mut state, &[Action::Last]);
        assert_eq!(state.scroll(), Scroll::Row(80), "100 rows, 20 shown");
        apply(&mut state, &[Action::Down]);
        assert_eq!(state.scroll(), Scroll::Row(80));
        apply(&mut state, &[Action::NextQuestion]);
        assert_eq!(state.selected(), 2);
        assert_eq!(state.scroll(), Scroll::Row(0));
    }

    #[test]
    fn paging_past_the_end_moves_to_the_next_question() {
        let mut state = state(2);
        apply(&mut state, &[Action::Jump(1)]);
        let mut pages = 0;
        while state.selected_item() == Item::Question(0) {
            apply(&mut state, &[Action::PageDown]);
            pages += 1;
            assert!(pages < 100, "paging never reached the next question");
        }
        // 80 rows to scroll by pages of 19, then one more to move on.
        assert_eq!(pages, 6);
        assert_eq!(state.scroll(), Scroll::Row(0));
        apply(&mut state, &[Action::Last]);
        apply(&mut state, &[Action::PageDown; 100]);
        assert_eq!(
            state.selected_item(),
            Item::Question(1),
            "stays on the last"
        );
    }

    #[test]
    fn wheel_scrolls_the_pane_under_the_pointer() {
        let mut state = state(50);
        apply(&mut state, &[Action::Jump(1)]);
        let screen = extent(&state).screen;
        let (answer, questions) = (screen.answer, screen.questions);
        apply(
            &mut state,
            &[Action::Wheel {
                column: answer.x + 3,
                row: answer.y + 2,
                lines: 3,
            }],
        );
        assert_eq!(state.scroll(), Scroll::Row(3));
        apply(
            &mut state,
            &[Action::Wheel {
                column: questions.x + 3,
                row: questions.y + 2,
                lines: 3,
            }],
        );
        assert_eq!(state.list_offset(), 3);
        assert!(!state.follow_selection());
        assert_eq!(state.scroll(), Scroll::Row(3));
    }

    #[test]
    fn click_selects_the_question_under_the_pointer() {
        let mut state = state(5);
        let inner = extent(&state).screen.questions_inner();
        let answer = extent(&state).screen.answer;
        apply(&mut state, &[Action::FocusAnswer]);
        apply(
            &mut state,
            &[Action::Click {
                column: inner.x + 1,
                row: inner.y + 2,
            }],
        );
        assert_eq!(state.selected(), 2);
        assert_eq!(state.focus(), Focus::Questions);
        apply(
            &mut state,
            &[Action::Click {
                column: answer.x + 2,
                row: answer.y + 2,
            }],
        );
        assert_eq!(state.focus(), Focus::Answer);
        // Below the last item: nothing.
        apply(
            &mut state,
            &[Action::Click {
                column: inner.x + 1,
                row: inner.bottom() - 1,
            }],
        );
        assert_eq!(state.selected(), 2);
    }

    #[test]
    fn empty_document_has_one_item_and_survives_every_action() {
        let mut state = State::new(Interview::default(), Direction::Rtl);
        assert_eq!(state.item_count(), 1);
        for action in [
            Action::Down,
            Action::Up,
            Action::PageDown,
            Action::PageUp,
            Action::Last,
            Action::First,
            Action::Jump(1),
            Action::NextQuestion,
            Action::PreviousQuestion,
            Action::NextMatch,
            Action::PreviousMatch,
        ] {
            apply(&mut state, &[action, Action::FocusNext, action]);
        }
        apply(&mut state, &[Action::OpenSearch]);
        for c in "abc".chars() {
            apply(&mut state, &[Action::Prompt(PromptEdit::Insert(c))]);
        }
        apply(&mut state, &[Action::Prompt(PromptEdit::Submit)]);
        assert_eq!(state.notice(), Some(Notice::NoMatch));
        assert_eq!(state.selected(), 0);
    }

    fn type_query(state: &mut State, query: &str) {
        apply(state, &[Action::OpenSearch]);
        for c in query.chars() {
            apply(state, &[Action::Prompt(PromptEdit::Insert(c))]);
        }
    }

    #[test]
    fn the_prompt_edits_in_logical_order() {
        let mut state = state(1);
        type_query(&mut state, "abd");
        apply(&mut state, &[Action::Prompt(PromptEdit::Left)]);
        apply(&mut state, &[Action::Prompt(PromptEdit::Insert('c'))]);
        assert_eq!(state.prompt().map(|p| p.text.as_str()), Some("abcd"));
        apply(&mut state, &[Action::Prompt(PromptEdit::Home)]);
        apply(&mut state, &[Action::Prompt(PromptEdit::DeleteForward)]);
        apply(&mut state, &[Action::Prompt(PromptEdit::End)]);
        apply(&mut state, &[Action::Prompt(PromptEdit::DeleteBack)]);
        assert_eq!(state.prompt().map(|p| p.text.as_str()), Some("bc"));
        // Keys type while the prompt is open: q does not quit.
        apply(&mut state, &[Action::Quit, Action::Down]);
        assert!(!state.should_quit());
        assert_eq!(state.selected(), 0);
        apply(&mut state, &[Action::Prompt(PromptEdit::Cancel)]);
        assert_eq!(state.mode(), &Mode::Reading);
        assert!(state.search().is_none(), "Esc searches nothing");
    }

    #[test]
    fn in_a_right_to_left_query_the_left_arrow_goes_forward() {
        let mut state = state(1);
        type_query(&mut state, "بَت");
        let rtl = |state: &State| Extent {
            prompt_direction: Some(Direction::Rtl),
            ..extent(state)
        };
        let edit = |state: &mut State, edit| {
            let extent = rtl(state);
            state.update(Action::Prompt(edit), &extent);
        };
        edit(&mut state, PromptEdit::Home);
        edit(&mut state, PromptEdit::Left);
        // One grapheme: the beh with its fatha.
        assert_eq!(state.prompt().map(|p| p.cursor), Some("بَ".len()));
        edit(&mut state, PromptEdit::Right);
        assert_eq!(state.prompt().map(|p| p.cursor), Some(0));
        // Backspace takes the haraka alone.
        edit(&mut state, PromptEdit::Left);
        edit(&mut state, PromptEdit::DeleteBack);
        assert_eq!(state.prompt().map(|p| p.text.as_str()), Some("بت"));
    }

    #[test]
    fn n_and_shift_n_walk_the_matches_across_questions_and_wrap() {
        let mut state = state(5);
        type_query(&mut state, "PARAGRAPH 0");
        apply(&mut state, &[Action::Prompt(PromptEdit::Submit)]);
        let search = state.search().expect("a search");
        assert_eq!(search.matches.len(), 5, "one in each answer");
        assert_eq!(search.current, Some(0));
        assert_eq!(state.selected_item(), Item::Question(0));
        apply(&mut state, &[Action::NextMatch]);
        assert_eq!(state.selected_item(), Item::Question(1));
        assert!(matches!(state.scroll(), Scroll::Reveal { anchor, .. } if anchor.passage == 1));
        apply(&mut state, &[Action::NextMatch; 3]);
        assert_eq!(state.selected_item(), Item::Question(4));
        assert_eq!(state.notice(), None);
        apply(&mut state, &[Action::NextMatch]);
        assert_eq!(state.selected_item(), Item::Question(0));
        assert_eq!(state.notice(), Some(Notice::WrappedToFirst));
        apply(&mut state, &[Action::PreviousMatch]);
        assert_eq!(state.selected_item(), Item::Question(4));
        assert_eq!(state.notice(), Some(Notice::WrappedToLast));
        apply(&mut state, &[Action::Up]);
        assert_eq!(state.notice(), None, "a notice lasts one action");
    }

    #[test]
    fn a_new_search_starts_from_the_selected_question() {
        let mut state = state(5);
        apply(&mut state, &[Action::Jump(3)]);
        type_query(&mut state, "paragraph");
        apply(&mut state, &[Action::Prompt(PromptEdit::Submit)]);
        assert_eq!(state.selected_item(), Item::Question(2));
        assert_eq!(state.search().and_then(|s| s.current), Some(2));
        // Moved away: N goes to the last match before the selected question.
        apply(&mut state, &[Action::Jump(5), Action::PreviousMatch]);
        assert_eq!(state.selected_item(), Item::Question(3));
        // An empty query repeats the search.
        type_query(&mut state, "");
        apply(&mut state, &[Action::Prompt(PromptEdit::Submit)]);
        assert_eq!(state.search().map(|s| s.query.as_str()), Some("paragraph"));
    }

    #[test]
    fn no_match_and_no_search_say_so() {
        let mut state = state(2);
        apply(&mut state, &[Action::NextMatch]);
        assert_eq!(state.notice(), Some(Notice::NoSearch));
        type_query(&mut state, "absent");
        apply(&mut state, &[Action::Prompt(PromptEdit::Submit)]);
        assert_eq!(state.notice(), Some(Notice::NoMatch));
        assert_eq!(state.selected(), 0, "nothing moved");
        apply(&mut state, &[Action::Notify(Notice::NoSearch)]);
        assert_eq!(state.notice(), Some(Notice::NoSearch));
    }

    #[test]
    fn matches_per_item_and_passage_are_slices_of_the_sorted_list() {
        let m = |item, passage, start| Match {
            item,
            passage,
            start,
            end: start + 1,
        };
        let search = Search {
            query: "x".into(),
            matches: vec![m(0, 0, 1), m(1, 0, 2), m(1, 2, 0), m(1, 2, 5), m(3, 0, 0)],
            current: None,
        };
        assert_eq!(search.in_item(1).len(), 3);
        assert_eq!(search.in_item(2).len(), 0);
        assert_eq!(search.in_passage(1, 2), &search.matches[2..4]);
        assert!(search.in_passage(1, 1).is_empty());
    }
}

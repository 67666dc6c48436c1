//! The reader's state and the pure `update` that applies named actions to it.
//!
//! `App` owns everything the screen shows: the interview, the selection, the focus,
//! the scroll positions and the layout caches. Drawing borrows it ([`crate::ui`]);
//! key handling ([`crate::keys`]) turns events into [`Action`]s; [`App::update`]
//! applies them without touching a terminal, so every state change is unit-testable.
//! [`run_reader`] is the loop that ties it to a real terminal ([`crate::terminal`]).

use ratatui::layout::{Position, Rect};

use crate::document::{Interview, TextDirection};
use crate::error::Result;
use crate::layout::{BaseDirection, Direction, LayoutOptions, PreparedParagraph, VisualLine};
use crate::ui::Screen;

/// Which pane receives the movement keys.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Focus {
    #[default]
    Questions,
    Answer,
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
    /// Ctrl-Z: handled by the terminal loop (the state does not change).
    Suspend,
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
}

/// One entry of the questions pane.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Item {
    Intro,
    /// An exchange, by index into `Interview::exchanges`.
    Question(usize),
}

/// What part of an exchange a paragraph of the answer pane is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    Intro,
    Question,
    Answer,
}

/// A row of the answer pane: a blank between paragraphs, or one visual line.
#[derive(Clone, Debug)]
pub enum AnswerRow {
    Blank,
    Line {
        role: Role,
        /// Cells whose logical source starts before this offset belong to the speaker's
        /// name prefix (`name: `).
        prefix_len: usize,
        line: VisualLine,
    },
}

/// Strings of the interface, in the document's language.
#[derive(Clone, Copy, Debug)]
pub struct Labels {
    pub questions: &'static str,
    pub answer: &'static str,
    pub intro: &'static str,
    pub too_small: &'static str,
}

impl Labels {
    pub fn for_language(language: &str) -> Self {
        if language == "ar" || language.starts_with("ar-") || language.starts_with("ar_") {
            Labels {
                questions: "الأسئلة",
                answer: "الإجابة",
                intro: "مقدمة",
                too_small: "النافذة صغيرة جدًا",
            }
        } else {
            Labels {
                questions: "Questions",
                answer: "Answer",
                intro: "Introduction",
                too_small: "Window too small",
            }
        }
    }
}

/// The interface's own fixed strings, laid out once.
#[derive(Clone, Debug)]
pub struct LabelLines {
    pub questions: VisualLine,
    pub answer: VisualLine,
    pub intro: VisualLine,
    pub hints: VisualLine,
}

/// The key hints of the status bar.
pub const HINTS: &str = "↑↓ move  Tab pane  ? keys  q quit";

/// The opening of a question fitted to the questions pane: one visual line, and
/// whether the text went on (an ellipsis follows at the logical end).
#[derive(Clone, Debug)]
pub struct FittedLine {
    pub width: usize,
    pub line: VisualLine,
    pub cut: bool,
}

/// A questions-pane entry: its text prepared once, fitted per width.
#[derive(Clone, Debug)]
struct ListEntry {
    prepared: PreparedParagraph,
    /// Logical bytes of the number prefix (`3. `), styled apart.
    number_len: usize,
    fitted: Option<FittedLine>,
}

/// The selected item's paragraphs, prepared once, and their rows at one width.
#[derive(Debug)]
struct AnswerCache {
    item: usize,
    passages: Vec<(Role, usize, PreparedParagraph)>,
    width: usize,
    rows: Vec<AnswerRow>,
}

/// At most this many characters of a question are prepared for the questions pane:
/// an opening never needs more, and a huge first paragraph must not cost a frame.
const OPENING_CHARS: usize = 600;

/// Lines scrolled per wheel notch are given by the event; keys scroll one line.
const LINE: isize = 1;

pub struct App {
    interview: Interview,
    options: LayoutOptions,
    /// The document's direction: it mirrors the whole screen.
    direction: Direction,
    labels: Labels,
    pub focus: Focus,
    selected: usize,
    /// First row of the answer shown.
    scroll: usize,
    /// First item shown in the questions pane.
    list_offset: usize,
    /// Set when the selection moved: the next sync scrolls the list to show it.
    follow_selection: bool,
    pub show_help: bool,
    pub should_quit: bool,
    screen: Screen,
    list: Vec<Option<ListEntry>>,
    answer: Option<AnswerCache>,
    title: PreparedParagraph,
    title_fit: Option<FittedLine>,
    label_lines: LabelLines,
    /// The status bar's position and scroll texts and their layouts, redone when the
    /// text changes. Laid out apart, so that `0%` never takes its bidi order from the
    /// Arabic beside it.
    position: (String, VisualLine),
    percent: (String, VisualLine),
}

impl App {
    pub fn new(interview: Interview, options: LayoutOptions) -> Self {
        let direction = match options.direction {
            BaseDirection::Rtl => Direction::Rtl,
            BaseDirection::Ltr => Direction::Ltr,
            BaseDirection::Auto => match interview.direction {
                TextDirection::Rtl => Direction::Rtl,
                TextDirection::Ltr => Direction::Ltr,
            },
        };
        let labels = Labels::for_language(&interview.language);
        let label_options = LayoutOptions {
            direction: BaseDirection::Auto,
            shaping: options.shaping,
        };
        let label = |text: &str| {
            crate::layout::layout(text, 0, &label_options)
                .into_iter()
                .next()
                .unwrap_or_default()
        };
        let label_lines = LabelLines {
            questions: label(labels.questions),
            answer: label(labels.answer),
            intro: label(labels.intro),
            hints: label(HINTS),
        };
        let title = match interview.title.trim() {
            "" => "hiwar",
            title => title,
        };
        let title_options = LayoutOptions {
            direction: match direction {
                Direction::Rtl => BaseDirection::Rtl,
                Direction::Ltr => BaseDirection::Ltr,
            },
            shaping: options.shaping,
        };
        let title = PreparedParagraph::new(title, &title_options);
        let mut app = App {
            interview,
            options,
            direction,
            labels,
            focus: Focus::Questions,
            selected: 0,
            scroll: 0,
            list_offset: 0,
            follow_selection: true,
            show_help: false,
            should_quit: false,
            screen: Screen::default(),
            list: Vec::new(),
            answer: None,
            title,
            title_fit: None,
            label_lines,
            position: (String::new(), VisualLine::default()),
            percent: (String::new(), VisualLine::default()),
        };
        app.list = vec![None; app.item_count()];
        app
    }

    pub fn interview(&self) -> &Interview {
        &self.interview
    }

    pub fn direction(&self) -> Direction {
        self.direction
    }

    pub fn labels(&self) -> Labels {
        self.labels
    }

    /// Layout options for the interface's own strings: shaping as the document's,
    /// direction from their own letters.
    pub fn label_options(&self) -> LayoutOptions {
        LayoutOptions {
            direction: BaseDirection::Auto,
            shaping: self.options.shaping,
        }
    }

    /// Layout options in the document's direction (the questions pane, the title).
    pub fn document_options(&self) -> LayoutOptions {
        LayoutOptions {
            direction: match self.direction {
                Direction::Rtl => BaseDirection::Rtl,
                Direction::Ltr => BaseDirection::Ltr,
            },
            shaping: self.options.shaping,
        }
    }

    pub fn screen(&self) -> &Screen {
        &self.screen
    }

    fn has_intro(&self) -> bool {
        !self.interview.intro.is_empty() || self.interview.exchanges.is_empty()
    }

    /// Items of the questions pane: the introduction (when there is one), then the
    /// questions. An empty document still has one (empty) introduction.
    pub fn item_count(&self) -> usize {
        usize::from(self.has_intro()) + self.interview.exchanges.len()
    }

    pub fn item(&self, index: usize) -> Item {
        if self.has_intro() {
            match index {
                0 => Item::Intro,
                i => Item::Question(i - 1),
            }
        } else {
            Item::Question(index)
        }
    }

    pub fn selected(&self) -> usize {
        self.selected
    }

    pub fn selected_item(&self) -> Item {
        self.item(self.selected)
    }

    pub fn scroll(&self) -> usize {
        self.scroll
    }

    pub fn list_offset(&self) -> usize {
        self.list_offset
    }

    // ---------------------------------------------------------------- geometry and caches

    /// Brings geometry and layout caches up to date for a frame of `area`: lays out
    /// the selected answer at the pane's width (cached) and only the questions that
    /// are visible. Called before every draw.
    pub fn sync(&mut self, area: Rect) {
        self.screen = Screen::new(area, self.direction);
        self.ensure_answer();
        self.scroll = self.scroll.min(self.max_scroll());
        let height = self.list_height();
        let count = self.item_count();
        if self.follow_selection {
            if self.selected < self.list_offset {
                self.list_offset = self.selected;
            } else if height > 0 && self.selected >= self.list_offset + height {
                self.list_offset = self.selected + 1 - height;
            }
            self.follow_selection = height == 0;
        }
        self.list_offset = self.list_offset.min(count.saturating_sub(height.max(1)));
        let width = self.screen.item_text_width() as usize;
        for index in self.list_offset..(self.list_offset + height).min(count) {
            self.fit_item(index, width);
        }
        // The title, with a margin of one column on each side.
        let title_width = self.screen.title.width.saturating_sub(2) as usize;
        if self
            .title_fit
            .as_ref()
            .is_none_or(|f| f.width != title_width)
        {
            self.title_fit = Some(fit_line(&self.title, title_width));
        }
        let position = match self.selected_item() {
            Item::Intro => self.labels.intro.to_string(),
            Item::Question(i) => format!("{}/{}", i + 1, self.interview.exchanges.len()),
        };
        let percent = self
            .scroll_percent()
            .map_or_else(String::new, |p| format!("{p}%"));
        let options = self.document_options();
        for (text, cached) in [(position, &mut self.position), (percent, &mut self.percent)] {
            if text != cached.0 {
                let line = crate::layout::layout(&text, 0, &options)
                    .into_iter()
                    .next()
                    .unwrap_or_default();
                *cached = (text, line);
            }
        }
    }

    /// Where the reader is, `3/7` or the introduction, laid out (after [`App::sync`]).
    pub fn position_line(&self) -> &VisualLine {
        &self.position.1
    }

    /// How far the answer is scrolled, `42%`, laid out; empty when the answer fits
    /// (after [`App::sync`]).
    pub fn percent_line(&self) -> &VisualLine {
        &self.percent.1
    }

    /// The title fitted to the title bar (after [`App::sync`]).
    pub fn title_line(&self) -> Option<&FittedLine> {
        self.title_fit.as_ref()
    }

    pub fn label_lines(&self) -> &LabelLines {
        &self.label_lines
    }

    fn list_height(&self) -> usize {
        self.screen.questions_inner().height as usize
    }

    fn answer_height(&self) -> usize {
        self.screen.answer_text().height as usize
    }

    fn answer_width(&self) -> usize {
        self.screen.answer_text().width as usize
    }

    /// The paragraphs of an item, each with its role and the length of the speaker's
    /// name prefix: the question with the interviewer's name, then each turn of the
    /// answer with its speaker's name on the turn's first paragraph.
    fn passages(&self, item: Item) -> Vec<(Role, usize, String)> {
        let mut passages = Vec::new();
        let mut push = |role, name: Option<&str>, paragraphs: &[String]| {
            for (i, text) in paragraphs.iter().enumerate() {
                match name.filter(|n| i == 0 && !n.is_empty()) {
                    Some(name) => {
                        let prefix = format!("{name}: ");
                        let len = prefix.len();
                        passages.push((role, len, prefix + text));
                    }
                    None => passages.push((role, 0, text.clone())),
                }
            }
        };
        let interview = &self.interview;
        match item {
            Item::Intro => push(Role::Intro, None, &interview.intro),
            Item::Question(i) => {
                if let Some(exchange) = interview.exchanges.get(i) {
                    let interviewer = interview.interviewer().map(|s| s.name.as_str());
                    push(Role::Question, interviewer, &exchange.question);
                    for (label, paragraphs) in interview.answer_turns(exchange) {
                        push(
                            Role::Answer,
                            Some(interview.speaker_name(label)),
                            paragraphs,
                        );
                    }
                }
            }
        }
        passages
    }

    /// Lays out the selected item at the answer pane's width, reusing what is cached:
    /// the prepared paragraphs while the selection stays, the rows while the width does.
    fn ensure_answer(&mut self) {
        let width = self.answer_width();
        let fresh = match &self.answer {
            Some(cache) if cache.item == self.selected => cache.width != width,
            _ => {
                let passages = self
                    .passages(self.selected_item())
                    .into_iter()
                    .map(|(role, prefix_len, text)| {
                        (
                            role,
                            prefix_len,
                            PreparedParagraph::new(&text, &self.options),
                        )
                    })
                    .collect();
                self.answer = Some(AnswerCache {
                    item: self.selected,
                    passages,
                    width,
                    rows: Vec::new(),
                });
                true
            }
        };
        let Some(cache) = self.answer.as_mut().filter(|_| fresh) else {
            return;
        };
        cache.width = width;
        cache.rows.clear();
        if width == 0 {
            return;
        }
        for (i, (role, prefix_len, prepared)) in cache.passages.iter().enumerate() {
            if i > 0 {
                cache.rows.push(AnswerRow::Blank);
            }
            for line in prepared.lines(width) {
                cache.rows.push(AnswerRow::Line {
                    role: *role,
                    prefix_len: *prefix_len,
                    line,
                });
            }
        }
    }

    /// The rows of the selected item at the current width (after [`App::sync`]).
    pub fn answer_rows(&self) -> &[AnswerRow] {
        self.answer.as_ref().map_or(&[], |cache| &cache.rows)
    }

    fn max_scroll(&self) -> usize {
        self.answer_rows()
            .len()
            .saturating_sub(self.answer_height())
    }

    /// How far the answer is scrolled, in percent; `None` when it fits.
    pub fn scroll_percent(&self) -> Option<usize> {
        let max = self.max_scroll();
        (max > 0).then(|| self.scroll.min(max) * 100 / max)
    }

    fn item_text(&self, index: usize) -> (usize, String) {
        match self.item(index) {
            Item::Intro => (0, self.labels.intro.to_string()),
            Item::Question(i) => {
                let first = self
                    .interview
                    .exchanges
                    .get(i)
                    .and_then(|e| e.question.first())
                    .map_or("", String::as_str);
                let opening = match first.char_indices().nth(OPENING_CHARS) {
                    Some((end, _)) => &first[..end],
                    None => first,
                };
                let number = format!("{}. ", i + 1);
                (number.len(), number + opening)
            }
        }
    }

    fn fit_item(&mut self, index: usize, width: usize) {
        if self.list.len() != self.item_count() {
            self.list = vec![None; self.item_count()];
        }
        if self.list[index].is_none() {
            let (number_len, text) = self.item_text(index);
            let prepared = PreparedParagraph::new(&text, &self.document_options());
            self.list[index] = Some(ListEntry {
                prepared,
                number_len,
                fitted: None,
            });
        }
        if let Some(entry) = self.list[index].as_mut() {
            if entry.fitted.as_ref().is_some_and(|f| f.width == width) {
                return;
            }
            entry.fitted = Some(fit_line(&entry.prepared, width));
        }
    }

    /// A visible item's fitted opening and the length of its number prefix (after
    /// [`App::sync`]).
    pub fn fitted_item(&self, index: usize) -> Option<(&FittedLine, usize)> {
        let entry = self.list.get(index)?.as_ref()?;
        Some((entry.fitted.as_ref()?, entry.number_len))
    }

    // ---------------------------------------------------------------- actions

    /// Applies one action. Pure state: no terminal, no I/O.
    pub fn update(&mut self, action: Action) {
        if self.show_help {
            match action {
                Action::ToggleHelp | Action::Escape => self.show_help = false,
                Action::Quit => self.should_quit = true,
                _ => {}
            }
            return;
        }
        match action {
            Action::Up => match self.focus {
                Focus::Questions => self.select_previous(),
                Focus::Answer => self.scroll_by(-LINE),
            },
            Action::Down => match self.focus {
                Focus::Questions => self.select_next(),
                Focus::Answer => self.scroll_by(LINE),
            },
            Action::PageUp => self.scroll_page_up(),
            Action::PageDown => self.scroll_page_down(),
            Action::First => match self.focus {
                Focus::Questions => self.select(0),
                Focus::Answer => self.scroll = 0,
            },
            Action::Last => match self.focus {
                Focus::Questions => self.select(self.item_count().saturating_sub(1)),
                Focus::Answer => {
                    self.ensure_answer();
                    self.scroll = self.max_scroll();
                }
            },
            Action::FocusNext | Action::FocusPrevious => self.toggle_focus(),
            Action::FocusLeft => self.focus_side(Direction::Ltr),
            Action::FocusRight => self.focus_side(Direction::Rtl),
            Action::FocusAnswer => self.focus = Focus::Answer,
            Action::NextQuestion => self.select_next(),
            Action::PreviousQuestion => self.select_previous(),
            Action::Jump(number) => self.jump_to_question(number),
            Action::ToggleHelp => self.show_help = true,
            Action::Escape | Action::Quit => self.should_quit = true,
            Action::Suspend => {}
            Action::Wheel { column, row, lines } => self.wheel(column, row, lines),
            Action::Click { column, row } => self.click(column, row),
        }
    }

    fn select(&mut self, index: usize) {
        let index = index.min(self.item_count().saturating_sub(1));
        if index != self.selected {
            self.selected = index;
            self.scroll = 0;
        }
        self.follow_selection = true;
    }

    fn select_next(&mut self) {
        self.select(self.selected + 1);
    }

    fn select_previous(&mut self) {
        self.select(self.selected.saturating_sub(1));
    }

    fn jump_to_question(&mut self, number: usize) {
        let exchanges = self.interview.exchanges.len();
        if (1..=exchanges).contains(&number) {
            self.select(number - 1 + usize::from(self.has_intro()));
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

    fn scroll_by(&mut self, lines: isize) {
        self.ensure_answer();
        let target = self.scroll.saturating_add_signed(lines);
        self.scroll = target.min(self.max_scroll());
    }

    fn page(&self) -> isize {
        // Keep one line of context across a page.
        self.answer_height().saturating_sub(1).max(1) as isize
    }

    fn scroll_page_up(&mut self) {
        self.scroll_by(-self.page());
    }

    fn scroll_page_down(&mut self) {
        self.ensure_answer();
        if self.scroll >= self.max_scroll() {
            if self.selected + 1 < self.item_count() {
                self.select_next();
            }
        } else {
            self.scroll_by(self.page());
        }
    }

    fn wheel(&mut self, column: u16, row: u16, lines: i16) {
        let at = Position::new(column, row);
        if self.screen.answer.contains(at) {
            self.scroll_by(lines as isize);
        } else if self.screen.questions.contains(at) {
            let count = self.item_count();
            let max = count.saturating_sub(self.list_height().max(1));
            self.list_offset = self
                .list_offset
                .saturating_add_signed(lines as isize)
                .min(max);
            self.follow_selection = false;
        }
    }

    fn click(&mut self, column: u16, row: u16) {
        let at = Position::new(column, row);
        let inner = self.screen.questions_inner();
        if inner.contains(at) {
            let index = self.list_offset + (row - inner.y) as usize;
            if index < self.item_count() {
                self.focus = Focus::Questions;
                self.select(index);
            }
        } else if self.screen.answer.contains(at) {
            self.focus = Focus::Answer;
        }
    }
}

/// Fits a paragraph on one line of `width` columns: whole when it fits; else cut at
/// its logical end with room left for an ellipsis there. The cut falls between words
/// (the first line at `width - 1`) unless that wastes more than half the room, as a
/// long first word in a narrow pane would: then it falls between characters.
pub fn fit_line(prepared: &PreparedParagraph, width: usize) -> FittedLine {
    let empty = || VisualLine::new(prepared.direction());
    let fitted = |line, cut| FittedLine { width, line, cut };
    if width == 0 {
        return fitted(empty(), false);
    }
    let mut lines = prepared.lines(width);
    if lines.len() <= 1 {
        return fitted(lines.pop().unwrap_or_else(empty), false);
    }
    let room = width - 1;
    let first = prepared
        .lines(room)
        .into_iter()
        .next()
        .unwrap_or_else(empty);
    if first.width() * 2 >= room {
        return fitted(first, true);
    }
    let whole = prepared.lines(0).into_iter().next().unwrap_or_else(empty);
    fitted(logical_prefix(&whole, room), true)
}

/// The cells of `line` that start the paragraph (in logical order) and fit in `room`
/// columns, kept in their visual order.
fn logical_prefix(line: &VisualLine, room: usize) -> VisualLine {
    let mut starts: Vec<(usize, u8)> = line
        .cells()
        .iter()
        .map(|c| (c.source.start, c.width))
        .collect();
    starts.sort_unstable();
    let mut used = 0;
    let cut = starts
        .iter()
        .find(|&&(_, w)| {
            used += usize::from(w);
            used > room
        })
        .map_or(usize::MAX, |&(start, _)| start);
    let mut prefix = VisualLine::new(line.direction.unwrap_or(Direction::Ltr));
    for (symbol, cell) in line.iter().filter(|(_, c)| c.source.start < cut) {
        prefix.push_cell(symbol, cell);
    }
    prefix
}

/// Opens the reader on a terminal and runs it until the user quits.
pub fn run_reader(
    interview: Interview,
    options: LayoutOptions,
    plan: crate::emulator::BidiPlan,
) -> Result<()> {
    let mut app = App::new(interview, options);
    crate::terminal::run(&mut app, plan)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Exchange, Speaker};

    fn interview(questions: usize, answer_paragraphs: usize) -> Interview {
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

    fn app(questions: usize, answer_paragraphs: usize) -> App {
        let mut app = App::new(
            interview(questions, answer_paragraphs),
            LayoutOptions::default(),
        );
        app.sync(Rect::new(0, 0, 80, 24));
        app
    }

    #[test]
    fn intro_comes_first_then_questions() {
        let app = app(3, 1);
        assert_eq!(app.item_count(), 4);
        assert_eq!(app.item(0), Item::Intro);
        assert_eq!(app.item(3), Item::Question(2));
    }

    #[test]
    fn up_and_down_move_the_selection_within_bounds() {
        let mut app = app(3, 1);
        app.update(Action::Up);
        assert_eq!(app.selected(), 0);
        for _ in 0..10 {
            app.update(Action::Down);
        }
        assert_eq!(app.selected(), 3);
        app.update(Action::First);
        assert_eq!(app.selected(), 0);
        app.update(Action::Last);
        assert_eq!(app.selected(), 3);
    }

    #[test]
    fn jump_counts_questions_not_items() {
        let mut app = app(5, 1);
        app.update(Action::Jump(3));
        assert_eq!(app.selected_item(), Item::Question(2));
        app.update(Action::Jump(9));
        assert_eq!(app.selected_item(), Item::Question(2), "no ninth question");
    }

    #[test]
    fn focus_follows_tab_sides_and_enter() {
        let mut app = app(2, 1);
        assert_eq!(app.focus, Focus::Questions);
        app.update(Action::FocusNext);
        assert_eq!(app.focus, Focus::Answer);
        app.update(Action::FocusPrevious);
        assert_eq!(app.focus, Focus::Questions);
        app.update(Action::FocusAnswer);
        assert_eq!(app.focus, Focus::Answer);
        // Left-to-right document: questions on the left.
        app.update(Action::FocusLeft);
        assert_eq!(app.focus, Focus::Questions);
        app.update(Action::FocusRight);
        assert_eq!(app.focus, Focus::Answer);
    }

    #[test]
    fn right_to_left_document_has_questions_on_the_right() {
        let mut doc = interview(2, 1);
        doc.direction = TextDirection::Rtl;
        let mut app = App::new(doc, LayoutOptions::default());
        app.update(Action::FocusLeft);
        assert_eq!(app.focus, Focus::Answer);
        app.update(Action::FocusRight);
        assert_eq!(app.focus, Focus::Questions);
    }

    #[test]
    fn help_overlay_swallows_movement_and_esc_closes_it() {
        let mut app = app(3, 1);
        app.update(Action::ToggleHelp);
        assert!(app.show_help);
        app.update(Action::Down);
        assert_eq!(app.selected(), 0);
        app.update(Action::Escape);
        assert!(!app.show_help);
        assert!(!app.should_quit);
        app.update(Action::Escape);
        assert!(app.should_quit);
    }

    #[test]
    fn quit_from_the_overlay_too() {
        let mut app = app(1, 1);
        app.update(Action::ToggleHelp);
        app.update(Action::Quit);
        assert!(app.should_quit);
    }

    #[test]
    fn selecting_resets_the_scroll() {
        let mut app = app(3, 40);
        app.update(Action::Down);
        app.update(Action::FocusAnswer);
        app.update(Action::Down);
        app.update(Action::Down);
        assert_eq!(app.scroll(), 2, "answer long enough to scroll");
        app.update(Action::NextQuestion);
        assert_eq!(app.selected(), 2);
        assert_eq!(app.scroll(), 0);
    }

    #[test]
    fn scrolling_stops_at_the_end() {
        let mut app = app(1, 40);
        app.update(Action::Down);
        app.update(Action::FocusAnswer);
        app.update(Action::Last);
        let end = app.scroll();
        assert!(end > 0);
        app.update(Action::Down);
        assert_eq!(app.scroll(), end);
        assert_eq!(app.scroll_percent(), Some(100));
        app.update(Action::First);
        assert_eq!(app.scroll(), 0);
        assert_eq!(app.scroll_percent(), Some(0));
    }

    #[test]
    fn paging_past_the_end_moves_to_the_next_question() {
        let mut app = app(2, 40);
        app.update(Action::Jump(1));
        let mut pages = 0;
        while app.selected_item() == Item::Question(0) {
            app.update(Action::PageDown);
            pages += 1;
            assert!(pages < 100, "paging never reached the next question");
        }
        assert!(pages > 2, "the answer took several pages");
        assert_eq!(app.selected_item(), Item::Question(1));
        assert_eq!(app.scroll(), 0);
        // On the last question, paging at the end stays.
        app.update(Action::Last);
        for _ in 0..100 {
            app.update(Action::PageDown);
        }
        assert_eq!(app.selected_item(), Item::Question(1));
    }

    #[test]
    fn the_list_follows_the_selection() {
        let mut app = App::new(interview(50, 1), LayoutOptions::default());
        app.sync(Rect::new(0, 0, 80, 12));
        let height = app.list_height();
        app.update(Action::Last);
        app.sync(Rect::new(0, 0, 80, 12));
        assert_eq!(app.list_offset(), 51 - height);
        app.update(Action::First);
        app.sync(Rect::new(0, 0, 80, 12));
        assert_eq!(app.list_offset(), 0);
    }

    #[test]
    fn wheel_scrolls_the_pane_under_the_pointer() {
        let mut app = App::new(interview(50, 40), LayoutOptions::default());
        app.sync(Rect::new(0, 0, 80, 12));
        app.update(Action::Jump(1));
        let answer = app.screen().answer;
        let questions = app.screen().questions;
        app.update(Action::Wheel {
            column: answer.x + 3,
            row: answer.y + 2,
            lines: 3,
        });
        assert_eq!(app.scroll(), 3);
        assert_eq!(app.list_offset(), 0);
        app.update(Action::Wheel {
            column: questions.x + 3,
            row: questions.y + 2,
            lines: 3,
        });
        assert_eq!(app.list_offset(), 3);
        assert_eq!(app.scroll(), 3);
        app.sync(Rect::new(0, 0, 80, 12));
        assert_eq!(
            app.list_offset(),
            3,
            "wheel scrolling is not undone by a redraw"
        );
    }

    #[test]
    fn click_selects_the_question_under_the_pointer() {
        let mut app = app(5, 1);
        let inner = app.screen().questions_inner();
        app.update(Action::FocusAnswer);
        app.update(Action::Click {
            column: inner.x + 1,
            row: inner.y + 2,
        });
        assert_eq!(app.selected(), 2);
        assert_eq!(app.focus, Focus::Questions);
        let answer = app.screen().answer;
        app.update(Action::Click {
            column: answer.x + 2,
            row: answer.y + 2,
        });
        assert_eq!(app.focus, Focus::Answer);
        // Below the last item: nothing.
        app.update(Action::Click {
            column: inner.x + 1,
            row: inner.bottom() - 1,
        });
        assert_eq!(app.selected(), 2);
    }

    #[test]
    fn empty_document_has_one_item_and_survives_every_action() {
        let mut app = App::new(Interview::default(), LayoutOptions::default());
        app.sync(Rect::new(0, 0, 80, 24));
        assert_eq!(app.item_count(), 1);
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
        ] {
            app.update(action);
            app.update(Action::FocusNext);
            app.update(action);
        }
        assert_eq!(app.selected(), 0);
    }
}

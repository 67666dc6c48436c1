//! The view cache: turns the state and a terminal size into laid-out rows, and
//! measures them ([`Extent`]). Widgets only read it; nothing lays text out while
//! drawing.
//!
//! It lays out only what can be seen, and keeps it while it still holds: the
//! questions shown (each prepared once, fitted per width), the selected item's
//! paragraphs (prepared once per selection, wrapped per width), the title, the
//! status bar's short texts (laid out again only when they change), the help overlay
//! (fitted per width). A frame costs the same for 7 questions or 70,000.

use ratatui::layout::{Margin, Rect};

use crate::blocks;
use crate::document::Inline;
use crate::document::inline::{self, Block, PLAIN};
use crate::layout::{BaseDirection, Direction, LayoutOptions, PreparedParagraph, VisualLine};

use super::keys::BINDINGS;
use super::labels::{Labels, Notice, PROMPT, Text};
use super::screen::Screen;
use super::state::{Extent, Scroll, State};
use super::ui::theme::Theme;
use crate::document::passages::{self, Item, Role};
use crate::settings::{Language, Look};

/// At most this many characters of a question are prepared for the questions pane:
/// an opening never needs more, and a huge first paragraph must not cost a frame.
const OPENING_CHARS: usize = 600;

/// Columns of the help overlay's key column: the longest label (`PgDn Space ^F`)
/// and a space.
pub const HELP_KEY_COLUMN: u16 = 15;

/// A paragraph fitted on one line: the line, and whether the text went on (an
/// ellipsis follows at the logical end).
#[derive(Clone, Debug)]
pub struct FittedLine {
    pub width: usize,
    pub line: VisualLine,
    pub cut: bool,
}

/// A row of the answer pane: a blank between paragraphs, one visual line, or the
/// end mark after the last paragraph.
#[derive(Clone, Debug)]
pub enum AnswerRow {
    Blank,
    /// Nothing follows: the mark is [`View::end_mark`].
    End,
    Line {
        role: Role,
        /// The passage of the item the line is from.
        passage: usize,
        /// Cells whose logical source starts before this offset belong to the speaker's
        /// name prefix (`name: `); the passage's text starts there.
        prefix_len: usize,
        line: VisualLine,
    },
}

/// A short text of our own (a label, a count), laid out again only when it changes.
#[derive(Clone, Debug, Default)]
pub struct Laid {
    text: String,
    line: VisualLine,
}

impl Laid {
    fn new(text: &str, options: &LayoutOptions) -> Self {
        let mut laid = Laid::default();
        laid.text.push('\u{0}'); // differs from any text: the first set lays out
        laid.set(text, options);
        laid
    }

    fn set(&mut self, text: &str, options: &LayoutOptions) {
        if self.text != text {
            self.text = text.to_string();
            self.line = one_line(text, options);
        }
    }

    pub fn line(&self) -> &VisualLine {
        &self.line
    }

    pub fn text(&self) -> &str {
        &self.text
    }
}

/// A questions-pane entry: its text prepared once, fitted per width.
#[derive(Clone, Debug)]
struct ListEntry {
    prepared: PreparedParagraph,
    /// Logical bytes of the number prefix (`3. `), styled apart.
    number_len: usize,
    /// The passage the text after the number is the opening of (matches in it are
    /// highlighted in the list too).
    passage: Option<usize>,
    fitted: Option<FittedLine>,
}

/// A visible item of the questions pane, as the widget draws it.
#[derive(Clone, Copy, Debug)]
pub struct ListItem<'a> {
    pub index: usize,
    pub fitted: &'a FittedLine,
    pub number_len: usize,
    pub passage: Option<usize>,
}

/// The selected item's paragraphs, prepared once, and their rows at one width.
/// A passage drawn as a block (code, a table): its text and its kind.
type DrawnBlock = (String, Block);

#[derive(Debug)]
struct AnswerCache {
    item: usize,
    /// Each passage: its role, the length of the speaker's name before it, the
    /// paragraph prepared (for a block, the name alone), and the block's text and
    /// kind when it is drawn as a block.
    passages: Vec<(Role, usize, PreparedParagraph, Option<DrawnBlock>)>,
    /// Each passage's inline markup (emphasis, links), for the answer pane.
    markup: Vec<Inline>,
    width: usize,
    rows: Vec<AnswerRow>,
}

/// One row of the help overlay.
#[derive(Clone, Debug)]
pub struct HelpRow {
    pub keys: FittedLine,
    pub help: FittedLine,
}

/// The help overlay at one size: where it goes and its rows fitted to it.
#[derive(Clone, Debug, Default)]
pub struct HelpLayout {
    pub popup: Rect,
    pub rows: Vec<HelpRow>,
    pub title: VisualLine,
    /// A right-to-left interface: the keys in the right-hand column, what they do
    /// to their left.
    pub rtl: bool,
}

/// The status bar's texts, laid out.
#[derive(Clone, Debug, Default)]
pub struct StatusLines {
    /// `3/7`, or the introduction.
    pub position: Laid,
    /// How far the answer is scrolled, `42%`; empty when it fits.
    pub percent: Laid,
    /// The search's query and `k/N`; empty without a search that found something.
    pub query: Laid,
    pub count: Laid,
    /// The notice, if there is one.
    pub notice: Laid,
    pub hints: Laid,
    pub prompt_sign: Laid,
    pub prompt_hints: Laid,
    /// The query being typed.
    pub prompt: Laid,
}

pub struct View {
    /// Options of the document's paragraphs.
    options: LayoutOptions,
    direction: Direction,
    labels: Labels,
    theme: Theme,
    answer_width: u16,
    end_mark: VisualLine,
    questions_label: VisualLine,
    answer_label: VisualLine,
    intro_label: VisualLine,
    section_label: VisualLine,
    title: PreparedParagraph,
    title_fit: Option<FittedLine>,
    help_sources: Vec<(PreparedParagraph, PreparedParagraph)>,
    help: HelpLayout,
    help_area: Rect,
    area: Rect,
    screen: Screen,
    list: Vec<Option<ListEntry>>,
    list_top: usize,
    answer: Option<AnswerCache>,
    answer_top: usize,
    too_small: (u16, Vec<VisualLine>),
    status: StatusLines,
    extent: Extent,
}

impl View {
    /// A view of `state`'s interview, with the default look for its language;
    /// nothing is laid out for a size until [`View::sync`].
    pub fn new(state: &State, options: LayoutOptions) -> Self {
        let look = Look::for_document(&state.interview().language);
        View::with_look(state, options, look)
    }

    /// A view of `state`'s interview as `look` says.
    pub fn with_look(state: &State, options: LayoutOptions, look: Look) -> Self {
        let interview = state.interview();
        let direction = state.direction();
        let labels = Labels::new(look.language);
        let label_options = label_options(&options, look.language);
        let title = match interview.title.trim() {
            "" => "hiwar",
            title => title,
        };
        let document = document_options(direction, &options);
        let help_sources = BINDINGS
            .iter()
            .map(|b| {
                (
                    PreparedParagraph::new(b.label, &query_options(&options)),
                    PreparedParagraph::new(labels.help(b.help), &label_options),
                )
            })
            .collect();
        let status = StatusLines {
            hints: Laid::new(labels.text(Text::Hints), &label_options),
            prompt_sign: Laid::new(PROMPT, &label_options),
            prompt_hints: Laid::new(labels.text(Text::PromptHints), &label_options),
            ..StatusLines::default()
        };
        View {
            options,
            direction,
            labels,
            theme: Theme::named(look.theme),
            answer_width: look.answer_width,
            end_mark: one_line(labels.text(Text::EndMark), &label_options),
            questions_label: one_line(
                labels.text(if passages::lists_sections(state.interview()) {
                    Text::Contents
                } else {
                    Text::Questions
                }),
                &label_options,
            ),
            answer_label: one_line(labels.text(Text::Answer), &label_options),
            intro_label: one_line(labels.text(Text::Intro), &label_options),
            section_label: one_line(labels.text(Text::Section), &label_options),
            title: PreparedParagraph::new(title, &document),
            title_fit: None,
            help_sources,
            help: HelpLayout {
                title: one_line(labels.text(Text::KeysTitle), &label_options),
                rtl: look.language.is_rtl(),
                ..HelpLayout::default()
            },
            help_area: Rect::default(),
            area: Rect::default(),
            screen: Screen::default(),
            list: vec![None; state.item_count()],
            list_top: 0,
            answer: None,
            answer_top: 0,
            too_small: (0, Vec::new()),
            status,
            extent: Extent::default(),
        }
    }

    /// Brings the view up to date with `state` at `area`, laying out only what
    /// changed, and measures it.
    pub fn sync(&mut self, state: &State, area: Rect) {
        self.area = area;
        self.screen = Screen::with_answer_width(area, self.direction, self.answer_width);
        if self.screen.too_small {
            if self.too_small.0 != area.width || self.too_small.1.is_empty() {
                let options = label_options(&self.options, self.labels.language);
                let lines = crate::layout::layout(
                    self.labels.text(Text::TooSmall),
                    area.width as usize,
                    &options,
                );
                self.too_small = (area.width, lines);
            }
            self.extent = Extent {
                screen: self.screen,
                answer_item: state.selected(),
                ..Extent::default()
            };
            return;
        }
        self.sync_answer(state);
        self.sync_list(state);
        self.sync_title();
        self.sync_status(state);
        if state.show_help() {
            self.sync_help();
        }
        let answer_text = self.screen.answer_text();
        self.extent = Extent {
            screen: self.screen,
            list_height: self.list_height(),
            list_top: self.list_top,
            answer_item: state.selected(),
            answer_rows: self.answer_rows().len(),
            answer_height: answer_text.height as usize,
            answer_top: self.answer_top,
            top_anchor: self.top_anchor(),
            prompt_direction: state
                .prompt()
                .and_then(|_| self.status.prompt.line().direction),
            measured: true,
        };
    }

    // ------------------------------------------------------------ what widgets read

    pub fn extent(&self) -> &Extent {
        &self.extent
    }

    pub fn area(&self) -> Rect {
        self.area
    }

    pub fn screen(&self) -> &Screen {
        &self.screen
    }

    pub fn direction(&self) -> Direction {
        self.direction
    }

    pub fn theme(&self) -> &Theme {
        &self.theme
    }

    pub fn labels(&self) -> Labels {
        self.labels
    }

    /// The mark drawn below the end of an answer.
    pub fn end_mark(&self) -> &VisualLine {
        &self.end_mark
    }

    pub fn questions_label(&self) -> &VisualLine {
        &self.questions_label
    }

    /// The answer pane's title: the answer, or the introduction.
    pub fn answer_label(&self, item: Item) -> &VisualLine {
        match item {
            Item::Intro => &self.intro_label,
            Item::Question(_) => &self.answer_label,
            Item::Section(_) => &self.section_label,
        }
    }

    /// The title fitted to the title bar.
    pub fn title_line(&self) -> Option<&FittedLine> {
        self.title_fit.as_ref()
    }

    /// The note shown instead of the panes in a terminal too small for them.
    pub fn too_small_lines(&self) -> &[VisualLine] {
        &self.too_small.1
    }

    /// The rows of the selected item at the answer pane's width.
    pub fn answer_rows(&self) -> &[AnswerRow] {
        self.answer.as_ref().map_or(&[], |cache| &cache.rows)
    }

    /// The inline markup of passage `passage` of the selected item (what its
    /// cells are styled by, past the speaker's name).
    pub fn passage_inline(&self, passage: usize) -> &Inline {
        self.answer
            .as_ref()
            .map_or(&PLAIN, |cache| inline::of(&cache.markup, passage))
    }

    /// The first row of the answer shown.
    pub fn answer_top(&self) -> usize {
        self.answer_top
    }

    /// How far the answer is scrolled, in percent; `None` when it fits.
    pub fn scroll_percent(&self) -> Option<usize> {
        let height = self.screen.answer_text().height as usize;
        let max = self.answer_rows().len().saturating_sub(height);
        (max > 0).then(|| self.answer_top.min(max) * 100 / max)
    }

    /// The first item shown in the questions pane.
    pub fn list_top(&self) -> usize {
        self.list_top
    }

    /// The items shown in the questions pane, top to bottom.
    pub fn visible_items(&self) -> impl Iterator<Item = ListItem<'_>> {
        let end = (self.list_top + self.list_height()).min(self.list.len());
        (self.list_top..end).filter_map(|index| {
            let entry = self.list.get(index)?.as_ref()?;
            Some(ListItem {
                index,
                fitted: entry.fitted.as_ref()?,
                number_len: entry.number_len,
                passage: entry.passage,
            })
        })
    }

    pub fn status(&self) -> &StatusLines {
        &self.status
    }

    pub fn help(&self) -> &HelpLayout {
        &self.help
    }

    // ------------------------------------------------------------ the answer

    fn list_height(&self) -> usize {
        self.screen.questions_inner().height as usize
    }

    /// Lays out the selected item at the answer pane's width, reusing what is cached:
    /// the prepared paragraphs while the selection stays, the rows while the width does.
    /// Then resolves the scroll asked for to a first row.
    fn sync_answer(&mut self, state: &State) {
        let width = self.screen.answer_text().width as usize;
        let selected = state.selected();
        let fresh = match &self.answer {
            Some(cache) if cache.item == selected => cache.width != width,
            _ => {
                let passages = passages::passages(state.interview(), state.selected_item());
                let markup = passages.iter().map(|p| p.inline.clone()).collect();
                let passages = passages
                    .into_iter()
                    .map(|passage| {
                        let prefix = passage.shown_prefix();
                        let block = passage.inline.block();
                        if *block != Block::Text {
                            let name = prefix.as_deref().unwrap_or("").trim_end();
                            let prepared = PreparedParagraph::new(name, &self.options);
                            let drawn = (passage.text.to_string(), block.clone());
                            return (passage.role, name.len(), prepared, Some(drawn));
                        }
                        let (prefix_len, text) = match prefix {
                            Some(prefix) => (prefix.len(), prefix + passage.text),
                            None => (0, passage.text.to_string()),
                        };
                        let prepared = PreparedParagraph::new(&text, &self.options);
                        (passage.role, prefix_len, prepared, None)
                    })
                    .collect();
                self.answer = Some(AnswerCache {
                    item: selected,
                    passages,
                    markup,
                    width,
                    rows: Vec::new(),
                });
                true
            }
        };
        if let Some(cache) = self.answer.as_mut().filter(|_| fresh) {
            cache.width = width;
            cache.rows.clear();
            if width > 0 {
                let options = document_options(self.direction, &self.options);
                for (p, (role, prefix_len, prepared, block)) in cache.passages.iter().enumerate() {
                    if p > 0 {
                        cache.rows.push(AnswerRow::Blank);
                    }
                    let name = block.is_none() || *prefix_len > 0;
                    for line in prepared.lines(width).into_iter().filter(|_| name) {
                        cache.rows.push(AnswerRow::Line {
                            role: *role,
                            passage: p,
                            prefix_len: *prefix_len,
                            line,
                        });
                    }
                    let Some((text, block)) = block else {
                        continue;
                    };
                    // A block's cells come from its text alone: no name before it.
                    for line in
                        blocks::block_lines(text, block, width, &options, true).unwrap_or_default()
                    {
                        cache.rows.push(AnswerRow::Line {
                            role: *role,
                            passage: p,
                            prefix_len: 0,
                            line,
                        });
                    }
                }
                if !cache.rows.is_empty() {
                    cache.rows.extend([AnswerRow::Blank, AnswerRow::End]);
                }
            }
        }
        let height = self.screen.answer_text().height as usize;
        let max = self.answer_rows().len().saturating_sub(height);
        self.answer_top = match state.scroll() {
            Scroll::Row(row) => row.min(max),
            Scroll::Reveal { anchor, from } => {
                match self.rows_of(anchor.passage, anchor.start..anchor.end) {
                    // In view already (below the top row, which leaves no context
                    // above, unless the answer starts there): stay.
                    Some((first, last)) if (first > from || from == 0) && last < from + height => {
                        from
                    }
                    // Else its first row second from the top: a line of context.
                    Some((first, _)) => first.saturating_sub(1),
                    None => from,
                }
                .min(max)
            }
            Scroll::Top { passage, byte } => self
                .rows_of(passage, byte..byte)
                .map_or(0, |(first, _)| first)
                .min(max),
        };
    }

    /// The first and last rows showing any of `range` of a passage.
    fn rows_of(&self, passage: usize, range: std::ops::Range<usize>) -> Option<(usize, usize)> {
        let mut found: Option<(usize, usize)> = None;
        for (r, row) in self.answer_rows().iter().enumerate() {
            let AnswerRow::Line {
                passage: p,
                prefix_len,
                line,
                ..
            } = row
            else {
                continue;
            };
            if *p != passage {
                continue;
            }
            let Some(span) = line.source_span() else {
                continue;
            };
            let span = span.start.saturating_sub(*prefix_len)..span.end.saturating_sub(*prefix_len);
            if span.start < range.end.max(range.start + 1) && range.start < span.end {
                found = Some((found.map_or(r, |f| f.0), r));
            }
        }
        found
    }

    /// Where the first row shown starts: (passage, byte of its text).
    fn top_anchor(&self) -> Option<(usize, usize)> {
        self.answer_rows()
            .iter()
            .skip(self.answer_top)
            .find_map(|row| match row {
                AnswerRow::Line {
                    passage,
                    prefix_len,
                    line,
                    ..
                } => {
                    let start = line.source_span().map_or(0, |s| s.start);
                    Some((*passage, start.saturating_sub(*prefix_len)))
                }
                AnswerRow::Blank | AnswerRow::End => None,
            })
    }

    // ------------------------------------------------------------ the list

    /// Scrolls the questions pane to show the selection (unless the wheel moved it)
    /// and fits the items it shows.
    fn sync_list(&mut self, state: &State) {
        let height = self.list_height();
        let count = state.item_count();
        let selected = state.selected();
        let mut top = state.list_offset();
        if state.follow_selection() {
            if selected < top {
                top = selected;
            } else if height > 0 && selected >= top + height {
                top = selected + 1 - height;
            }
        }
        self.list_top = top.min(count.saturating_sub(height.max(1)));
        if self.list.len() != count {
            self.list = vec![None; count];
        }
        let width = self.screen.item_text_width() as usize;
        let options = document_options(self.direction, &self.options);
        for index in self.list_top..(self.list_top + height).min(count) {
            let entry = self.list[index].get_or_insert_with(|| {
                let (number_len, passage, text) = item_text(state, &self.labels, index);
                ListEntry {
                    prepared: PreparedParagraph::new(&text, &options),
                    number_len,
                    passage,
                    fitted: None,
                }
            });
            if entry.fitted.as_ref().is_none_or(|f| f.width != width) {
                entry.fitted = Some(fit_line(&entry.prepared, width));
            }
        }
    }

    // ------------------------------------------------------------ title, status, help

    fn sync_title(&mut self) {
        // A margin of one column on each side.
        let width = self.screen.title.width.saturating_sub(2) as usize;
        if self.title_fit.as_ref().is_none_or(|f| f.width != width) {
            self.title_fit = Some(fit_line(&self.title, width));
        }
    }

    fn sync_status(&mut self, state: &State) {
        let document = document_options(self.direction, &self.options);
        let labels = label_options(&self.options, self.labels.language);
        let query_options = query_options(&self.options);
        let position = match state.selected_item() {
            Item::Intro => self.labels.text(Text::Intro).to_string(),
            // While a large file loads, its count is not known yet.
            Item::Question(i) if !state.complete() => format!("{}/…", i + 1),
            Item::Question(i) => format!("{}/{}", i + 1, state.interview().exchanges.len()),
            Item::Section(i) => format!("{}/{}", i + 1, state.interview().sections.len()),
        };
        self.status.position.set(&position, &document);
        let percent = self
            .scroll_percent()
            .map_or_else(String::new, |p| format!("{p}%"));
        self.status.percent.set(&percent, &document);
        let (query, count) = match state.search().filter(|s| !s.matches.is_empty()) {
            Some(search) => {
                let total = search.matches.len();
                let count = match search.current {
                    Some(k) => format!("{}/{total}", k + 1),
                    None => total.to_string(),
                };
                (search.query.as_str(), count)
            }
            None => ("", String::new()),
        };
        self.status.query.set(query, &query_options);
        self.status.count.set(&count, &document);
        let notice = state.notice().map_or_else(String::new, |notice| {
            let query = state.search().map_or("", |s| s.query.as_str());
            self.labels.notice(notice, query)
        });
        let fresh = self.status.notice.text() != notice;
        self.status.notice.set(&notice, &labels);
        if fresh && state.notice() == Some(Notice::KittyForceLtr) {
            // Shown in kitty only, which mirrors right-to-left words: sent mirrored.
            let line = &mut self.status.notice.line;
            *line = crate::terminal::kitty::mirrored_for_kitty(line);
        }
        if let Some(prompt) = state.prompt() {
            self.status.prompt.set(&prompt.text, &query_options);
        }
    }

    fn sync_help(&mut self) {
        if self.help_area == self.area && !self.help.rows.is_empty() {
            return;
        }
        let area = self.area;
        let content_width = self
            .help_sources
            .iter()
            .map(|(_, help)| HELP_KEY_COLUMN as usize + one_line_width(help))
            .max()
            .unwrap_or(0) as u16;
        let width = (content_width + 4).min(area.width);
        let height = (self.help_sources.len() as u16 + 2).min(area.height);
        let popup = Rect::new(
            area.x + (area.width - width) / 2,
            area.y + (area.height - height) / 2,
            width,
            height,
        );
        let inner = popup.inner(Margin::new(2, 1));
        let keys_width = (HELP_KEY_COLUMN.saturating_sub(1)).min(inner.width) as usize;
        let help_width = inner.width.saturating_sub(HELP_KEY_COLUMN) as usize;
        self.help.rows = self
            .help_sources
            .iter()
            .map(|(keys, help)| HelpRow {
                keys: fit_line(keys, keys_width),
                help: fit_line(help, help_width),
            })
            .collect();
        self.help.popup = popup;
        self.help_area = area;
    }
}

/// The text of a questions-pane item: the number's length, the passage the rest
/// opens, and the text.
fn item_text(state: &State, labels: &Labels, index: usize) -> (usize, Option<usize>, String) {
    match state.item(index) {
        Item::Intro => (0, None, labels.text(Text::Intro).to_string()),
        Item::Question(i) => {
            let first = state
                .interview()
                .exchanges
                .get(i)
                .and_then(|e| e.question.first());
            let opening = first.map_or("", |first| match first.char_indices().nth(OPENING_CHARS) {
                Some((end, _)) => &first[..end],
                None => first,
            });
            let number = format!("{}. ", i + 1);
            (number.len(), first.map(|_| 0), number + opening)
        }
        Item::Section(i) => {
            let sections = &state.interview().sections;
            // Nested levels indented, two columns a level below the document's
            // top level (at most five).
            let top = sections.iter().map(|s| s.level).min().unwrap_or(1);
            let heading = sections.get(i).map_or("", |s| s.heading.as_str());
            let depth = sections.get(i).map_or(0, |s| s.level.saturating_sub(top));
            let indent = "  ".repeat(usize::from(depth));
            let opening = match heading.char_indices().nth(OPENING_CHARS) {
                Some((end, _)) => &heading[..end],
                None => heading,
            };
            (indent.len(), Some(0), indent + opening)
        }
    }
}

/// Layout options for the interface's own strings: shaping as the document's, the
/// direction of the interface's language (so that `Enter بحث` reads right to left,
/// the key before its word, though its first strong letter is Latin).
fn label_options(options: &LayoutOptions, language: Language) -> LayoutOptions {
    LayoutOptions {
        direction: if language.is_rtl() {
            BaseDirection::Rtl
        } else {
            BaseDirection::Ltr
        },
        shaping: options.shaping,
    }
}

/// Layout options for what the reader typed and for key names: shaping as the
/// document's, direction from their own letters.
fn query_options(options: &LayoutOptions) -> LayoutOptions {
    LayoutOptions {
        direction: BaseDirection::Auto,
        shaping: options.shaping,
    }
}

/// Layout options in the document's direction (the questions pane, the title).
fn document_options(direction: Direction, options: &LayoutOptions) -> LayoutOptions {
    LayoutOptions {
        direction: match direction {
            Direction::Rtl => BaseDirection::Rtl,
            Direction::Ltr => BaseDirection::Ltr,
        },
        shaping: options.shaping,
    }
}

/// A short text on one line, unwrapped.
fn one_line(text: &str, options: &LayoutOptions) -> VisualLine {
    crate::layout::layout(text, 0, options)
        .into_iter()
        .next()
        .unwrap_or_default()
}

fn one_line_width(prepared: &PreparedParagraph) -> usize {
    prepared.lines(0).first().map_or(0, VisualLine::width)
}

/// Fits a paragraph on one line of `width` columns: whole when it fits; else cut at
/// its logical end with room left for an ellipsis there, which always marks a cut.
/// The cut falls between words (the first line at `width - 1`) when that leaves the
/// line at least half full; else, as with a long first word in a narrow pane, between
/// characters.
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

#[cfg(test)]
mod tests {
    use super::*;

    fn prepared(text: &str) -> PreparedParagraph {
        PreparedParagraph::new(text, &LayoutOptions::default())
    }

    #[test]
    fn a_line_that_fits_is_not_cut() {
        let fitted = fit_line(&prepared("short text"), 10);
        assert!(!fitted.cut);
        assert_eq!(fitted.line.visual_text(), "short text");
    }

    #[test]
    fn a_cut_falls_between_words_when_that_leaves_the_line_half_full() {
        // Width 12: room 11 for the text, the ellipsis takes the last column.
        let fitted = fit_line(&prepared("page the answer down, then the next"), 12);
        assert!(fitted.cut);
        assert_eq!(fitted.line.visual_text(), "page the");
        // Exactly half: still between words.
        let fitted = fit_line(&prepared("abcd efghijklmn"), 9);
        assert_eq!(fitted.line.visual_text(), "abcd");
        assert!(fitted.cut);
    }

    #[test]
    fn a_cut_falls_between_characters_when_a_word_would_leave_it_mostly_empty() {
        let fitted = fit_line(&prepared("4. cooperation in trade"), 10);
        assert!(fitted.cut);
        assert_eq!(fitted.line.visual_text(), "4. cooper");
        assert_eq!(fitted.line.width(), 9, "one column left for the ellipsis");
    }

    #[test]
    fn an_arabic_cut_keeps_the_logical_start() {
        let fitted = fit_line(
            &PreparedParagraph::new(
                "أهلا وسهلا بكم",
                &LayoutOptions {
                    shaping: false,
                    ..LayoutOptions::default()
                },
            ),
            11,
        );
        assert!(fitted.cut);
        // The first two words, visual order: the second on the left.
        assert_eq!(fitted.line.visual_text(), "الهسو الهأ");
    }
}

//! Colours and emphasis. Snapshots drop styles, so nothing here may be the only sign
//! of a state: the selection also has a marker, the focus a heavier border.

use ratatui::style::{Color, Modifier, Style};

use crate::document::Emphasis;

pub const TEXT: Style = Style::new();
pub const TITLE_BAR: Style = Style::new()
    .fg(Color::Black)
    .bg(Color::Cyan)
    .add_modifier(Modifier::BOLD);
pub const STATUS_BAR: Style = Style::new().fg(Color::Black).bg(Color::Gray);
pub const STATUS_HINT: Style = Style::new().fg(Color::DarkGray).bg(Color::Gray);
pub const BORDER: Style = Style::new().fg(Color::DarkGray);
pub const BORDER_FOCUSED: Style = Style::new().fg(Color::Cyan);
pub const PANE_TITLE: Style = Style::new().add_modifier(Modifier::BOLD);
pub const SELECTED: Style = Style::new()
    .fg(Color::Black)
    .bg(Color::Cyan)
    .add_modifier(Modifier::BOLD);
pub const SELECTED_UNFOCUSED: Style = Style::new().fg(Color::Black).bg(Color::Gray);
pub const NUMBER: Style = Style::new().fg(Color::Cyan);
pub const QUESTION: Style = Style::new().add_modifier(Modifier::BOLD);
pub const SPEAKER: Style = Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD);
/// Text a document put under a directional override (LRO/RLO): shown in its true
/// order, and marked so the reader knows the file tried to reorder it.
pub const OVERRIDDEN: Style = Style::new()
    .fg(Color::LightRed)
    .add_modifier(Modifier::UNDERLINED);
pub const SCROLLBAR: Style = Style::new().fg(Color::Cyan);
pub const HELP: Style = Style::new().fg(Color::White).bg(Color::Black);
pub const HELP_KEY: Style = Style::new()
    .fg(Color::Yellow)
    .bg(Color::Black)
    .add_modifier(Modifier::BOLD);
/// Search matches: every one on screen, and the current one apart.
pub const MATCH: Style = Style::new().fg(Color::Black).bg(Color::Yellow);
pub const CURRENT_MATCH: Style = Style::new()
    .fg(Color::White)
    .bg(Color::Magenta)
    .add_modifier(Modifier::BOLD);
/// The mark of a question that contains matches.
pub const MATCH_MARK: Style = Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD);
pub const STATUS_NOTICE: Style = Style::new()
    .fg(Color::Black)
    .bg(Color::Gray)
    .add_modifier(Modifier::BOLD);
pub const STATUS_QUERY: Style = Style::new().fg(Color::Black).bg(Color::Gray);
/// The cursor of the search prompt (our own: the terminal's stays hidden).
pub const PROMPT_CURSOR: Style = Style::new()
    .fg(Color::Black)
    .bg(Color::Gray)
    .add_modifier(Modifier::REVERSED);

/// Inline emphasis of a Markdown interview, by style: [`emphasis`] combines them.
pub const ITALIC: Style = Style::new().add_modifier(Modifier::ITALIC);
pub const BOLD: Style = Style::new().add_modifier(Modifier::BOLD);
pub const CODE: Style = Style::new().fg(Color::Green);
pub const LINK: Style = Style::new().add_modifier(Modifier::UNDERLINED);
pub const STRIKE: Style = Style::new().add_modifier(Modifier::CROSSED_OUT);

/// The style of text with `emphasis` (the one place the answer pane asks; a theme
/// may answer differently).
pub fn emphasis(emphasis: Emphasis) -> Style {
    let mut style = Style::new();
    for (part, part_style) in [
        (Emphasis::ITALIC, ITALIC),
        (Emphasis::BOLD, BOLD),
        (Emphasis::CODE, CODE),
        (Emphasis::LINK, LINK),
        (Emphasis::STRIKE, STRIKE),
    ] {
        if emphasis.contains(part) {
            style = style.patch(part_style);
        }
    }
    style
}

//! Colours and emphasis, one [`Theme`] per look: `default` (the terminal's own 16
//! colours), `light` and `dark` (fixed 256-colour palettes with their own background,
//! the same in every terminal), `mono` (no colour at all: bold, reverse and
//! underline only; chosen by `NO_COLOR` and `TERM=dumb`).
//!
//! Snapshots drop styles, so nothing here may be the only sign of a state: the
//! selection also has a marker, the focus a heavier border. In every theme the
//! selection, the search matches and the current match look different from the text
//! and from each other (tests/render.rs checks the cells of each theme).

use ratatui::style::{Color, Modifier, Style};

use crate::document::Emphasis;
use crate::settings::ThemeName;

/// The style of each part of the screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Theme {
    pub name: ThemeName,
    /// The whole screen before anything is drawn (a theme's own background).
    pub background: Style,
    pub text: Style,
    pub title_bar: Style,
    pub status_bar: Style,
    pub status_hint: Style,
    pub status_notice: Style,
    pub status_query: Style,
    /// The cursor of the search prompt (our own: the terminal's stays hidden).
    pub prompt_cursor: Style,
    pub border: Style,
    pub border_focused: Style,
    pub pane_title: Style,
    pub selected: Style,
    pub selected_unfocused: Style,
    pub number: Style,
    pub question: Style,
    pub speaker: Style,
    /// Text a document put under a directional override (LRO/RLO): shown in its true
    /// order, and marked so the reader knows the file tried to reorder it.
    pub overridden: Style,
    pub scrollbar: Style,
    pub help: Style,
    pub help_key: Style,
    /// Search matches: every one on screen, and the current one apart.
    pub search_match: Style,
    pub current_match: Style,
    /// The mark of a question that contains matches.
    pub match_mark: Style,
    /// The mark below the end of an answer.
    pub end_mark: Style,
    italic: Style,
    bold: Style,
    code: Style,
}

const fn fg(color: Color) -> Style {
    Style::new().fg(color)
}

const BOLD: Modifier = Modifier::BOLD;

impl Default for Theme {
    fn default() -> Self {
        Theme::named(ThemeName::Default)
    }
}

impl Theme {
    pub fn named(name: ThemeName) -> Theme {
        match name {
            ThemeName::Default => DEFAULT,
            ThemeName::Light => LIGHT,
            ThemeName::Dark => DARK,
            ThemeName::Mono => MONO,
        }
    }

    /// How emphasised text in a document looks (a Markdown interview's italic,
    /// bold, code, links and struck text, any of them together): one entry point,
    /// each theme its own for italic, bold and code.
    pub fn emphasis(&self, emphasis: Emphasis) -> Style {
        let mut style = Style::new();
        for (part, part_style) in [
            (Emphasis::ITALIC, self.italic),
            (Emphasis::BOLD, self.bold),
            (Emphasis::CODE, self.code),
            (
                Emphasis::LINK,
                Style::new().add_modifier(Modifier::UNDERLINED),
            ),
            (
                Emphasis::STRIKE,
                Style::new().add_modifier(Modifier::CROSSED_OUT),
            ),
        ] {
            if emphasis.contains(part) {
                style = style.patch(part_style);
            }
        }
        style
    }
}

/// The terminal's own 16 colours, as hiwar always had them.
const DEFAULT: Theme = Theme {
    name: ThemeName::Default,
    background: Style::new(),
    text: Style::new(),
    title_bar: Style::new()
        .fg(Color::Black)
        .bg(Color::Cyan)
        .add_modifier(BOLD),
    status_bar: Style::new().fg(Color::Black).bg(Color::Gray),
    status_hint: Style::new().fg(Color::DarkGray).bg(Color::Gray),
    status_notice: Style::new()
        .fg(Color::Black)
        .bg(Color::Gray)
        .add_modifier(BOLD),
    status_query: Style::new().fg(Color::Black).bg(Color::Gray),
    prompt_cursor: Style::new()
        .fg(Color::Black)
        .bg(Color::Gray)
        .add_modifier(Modifier::REVERSED),
    border: fg(Color::DarkGray),
    border_focused: fg(Color::Cyan),
    pane_title: Style::new().add_modifier(BOLD),
    selected: Style::new()
        .fg(Color::Black)
        .bg(Color::Cyan)
        .add_modifier(BOLD),
    selected_unfocused: Style::new().fg(Color::Black).bg(Color::Gray),
    number: fg(Color::Cyan),
    question: Style::new().add_modifier(BOLD),
    speaker: fg(Color::Yellow).add_modifier(BOLD),
    overridden: fg(Color::LightRed).add_modifier(Modifier::UNDERLINED),
    scrollbar: fg(Color::Cyan),
    help: Style::new().fg(Color::White).bg(Color::Black),
    help_key: Style::new()
        .fg(Color::Yellow)
        .bg(Color::Black)
        .add_modifier(BOLD),
    search_match: Style::new().fg(Color::Black).bg(Color::Yellow),
    current_match: Style::new()
        .fg(Color::White)
        .bg(Color::Magenta)
        .add_modifier(BOLD),
    match_mark: fg(Color::Yellow).add_modifier(BOLD),
    end_mark: fg(Color::DarkGray),
    italic: Style::new().add_modifier(Modifier::ITALIC),
    bold: Style::new().add_modifier(BOLD),
    code: fg(Color::Green),
};

const fn idx(i: u8) -> Color {
    Color::Indexed(i)
}

/// Dark text on a near-white background (xterm's 256-colour palette).
const LIGHT: Theme = Theme {
    name: ThemeName::Light,
    background: Style::new().fg(idx(236)).bg(idx(255)),
    text: Style::new().fg(idx(236)).bg(idx(255)),
    title_bar: Style::new().fg(idx(231)).bg(idx(31)).add_modifier(BOLD),
    status_bar: Style::new().fg(idx(236)).bg(idx(252)),
    status_hint: Style::new().fg(idx(243)).bg(idx(252)),
    status_notice: Style::new().fg(idx(232)).bg(idx(252)).add_modifier(BOLD),
    status_query: Style::new().fg(idx(236)).bg(idx(252)),
    prompt_cursor: Style::new().fg(idx(231)).bg(idx(236)),
    border: Style::new().fg(idx(248)).bg(idx(255)),
    border_focused: Style::new().fg(idx(31)).bg(idx(255)),
    pane_title: Style::new().fg(idx(232)).bg(idx(255)).add_modifier(BOLD),
    selected: Style::new().fg(idx(231)).bg(idx(31)).add_modifier(BOLD),
    selected_unfocused: Style::new().fg(idx(234)).bg(idx(250)),
    number: fg(idx(31)),
    question: Style::new().fg(idx(232)).add_modifier(BOLD),
    speaker: fg(idx(130)).add_modifier(BOLD),
    overridden: fg(idx(160)).add_modifier(Modifier::UNDERLINED),
    scrollbar: Style::new().fg(idx(31)).bg(idx(255)),
    help: Style::new().fg(idx(236)).bg(idx(254)),
    help_key: Style::new().fg(idx(130)).bg(idx(254)).add_modifier(BOLD),
    search_match: Style::new().fg(idx(232)).bg(idx(222)),
    current_match: Style::new().fg(idx(231)).bg(idx(127)).add_modifier(BOLD),
    match_mark: fg(idx(130)).add_modifier(BOLD),
    end_mark: fg(idx(246)),
    italic: Style::new().add_modifier(Modifier::ITALIC),
    bold: Style::new().fg(idx(232)).add_modifier(BOLD),
    code: fg(idx(28)),
};

/// Light text on a near-black background.
const DARK: Theme = Theme {
    name: ThemeName::Dark,
    background: Style::new().fg(idx(252)).bg(idx(234)),
    text: Style::new().fg(idx(252)).bg(idx(234)),
    title_bar: Style::new().fg(idx(231)).bg(idx(24)).add_modifier(BOLD),
    status_bar: Style::new().fg(idx(250)).bg(idx(237)),
    status_hint: Style::new().fg(idx(244)).bg(idx(237)),
    status_notice: Style::new().fg(idx(231)).bg(idx(237)).add_modifier(BOLD),
    status_query: Style::new().fg(idx(250)).bg(idx(237)),
    prompt_cursor: Style::new().fg(idx(234)).bg(idx(252)),
    border: Style::new().fg(idx(240)).bg(idx(234)),
    border_focused: Style::new().fg(idx(75)).bg(idx(234)),
    pane_title: Style::new().fg(idx(231)).bg(idx(234)).add_modifier(BOLD),
    selected: Style::new().fg(idx(231)).bg(idx(25)).add_modifier(BOLD),
    selected_unfocused: Style::new().fg(idx(252)).bg(idx(239)),
    number: fg(idx(75)),
    question: Style::new().fg(idx(231)).add_modifier(BOLD),
    speaker: fg(idx(179)).add_modifier(BOLD),
    overridden: fg(idx(203)).add_modifier(Modifier::UNDERLINED),
    scrollbar: Style::new().fg(idx(75)).bg(idx(234)),
    help: Style::new().fg(idx(252)).bg(idx(236)),
    help_key: Style::new().fg(idx(179)).bg(idx(236)).add_modifier(BOLD),
    search_match: Style::new().fg(idx(16)).bg(idx(178)),
    current_match: Style::new().fg(idx(231)).bg(idx(162)).add_modifier(BOLD),
    match_mark: fg(idx(178)).add_modifier(BOLD),
    end_mark: fg(idx(243)),
    italic: Style::new().add_modifier(Modifier::ITALIC),
    bold: Style::new().fg(idx(231)).add_modifier(BOLD),
    code: fg(idx(114)),
};

/// No colour at all. The status and title bars are reversed; the search prompt's
/// cursor is the one cell of the bar that is not. The selection is reversed (bold
/// while its pane has the focus); a match is underlined and bold, the current match
/// reversed as well.
const MONO: Theme = Theme {
    name: ThemeName::Mono,
    background: Style::new(),
    text: Style::new(),
    title_bar: Style::new().add_modifier(Modifier::REVERSED.union(BOLD)),
    status_bar: Style::new().add_modifier(Modifier::REVERSED),
    status_hint: Style::new().add_modifier(Modifier::REVERSED),
    status_notice: Style::new().add_modifier(Modifier::REVERSED.union(BOLD)),
    status_query: Style::new().add_modifier(Modifier::REVERSED),
    prompt_cursor: Style::new()
        .remove_modifier(Modifier::REVERSED)
        .add_modifier(Modifier::UNDERLINED),
    border: Style::new(),
    border_focused: Style::new().add_modifier(BOLD),
    pane_title: Style::new().add_modifier(BOLD),
    selected: Style::new().add_modifier(Modifier::REVERSED.union(BOLD)),
    selected_unfocused: Style::new().add_modifier(Modifier::REVERSED),
    number: Style::new(),
    question: Style::new().add_modifier(BOLD),
    speaker: Style::new().add_modifier(BOLD),
    overridden: Style::new().add_modifier(Modifier::UNDERLINED),
    scrollbar: Style::new(),
    help: Style::new(),
    help_key: Style::new().add_modifier(BOLD),
    search_match: Style::new().add_modifier(Modifier::UNDERLINED.union(BOLD)),
    current_match: Style::new()
        .add_modifier(Modifier::REVERSED.union(Modifier::UNDERLINED).union(BOLD)),
    match_mark: Style::new().add_modifier(BOLD),
    end_mark: Style::new().add_modifier(Modifier::DIM),
    italic: Style::new().add_modifier(Modifier::ITALIC),
    bold: Style::new().add_modifier(BOLD),
    code: Style::new().add_modifier(Modifier::UNDERLINED),
};

#[cfg(test)]
mod tests {
    use super::*;

    fn colours(style: Style) -> [Option<Color>; 3] {
        [style.fg, style.bg, style.underline_color]
    }

    #[test]
    fn mono_has_no_colour() {
        let t = Theme::named(ThemeName::Mono);
        for style in [
            t.background,
            t.text,
            t.title_bar,
            t.status_bar,
            t.status_hint,
            t.status_notice,
            t.status_query,
            t.prompt_cursor,
            t.border,
            t.border_focused,
            t.pane_title,
            t.selected,
            t.selected_unfocused,
            t.number,
            t.question,
            t.speaker,
            t.overridden,
            t.scrollbar,
            t.help,
            t.help_key,
            t.search_match,
            t.current_match,
            t.match_mark,
            t.end_mark,
            t.italic,
            t.bold,
            t.code,
        ] {
            assert_eq!(colours(style), [None, None, None], "{style:?}");
        }
    }

    #[test]
    fn emphasis_differs_from_the_text_in_every_theme() {
        for name in [
            ThemeName::Default,
            ThemeName::Light,
            ThemeName::Dark,
            ThemeName::Mono,
        ] {
            let t = Theme::named(name);
            for kind in [
                Emphasis::ITALIC,
                Emphasis::BOLD,
                Emphasis::CODE,
                Emphasis::LINK,
                Emphasis::STRIKE,
            ] {
                let drawn = t.text.patch(t.emphasis(kind));
                assert_ne!(drawn, t.text, "{name:?} {kind:?}");
            }
        }
    }
}

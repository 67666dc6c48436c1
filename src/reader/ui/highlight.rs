//! Search matches painted on cells: a cell is highlighted when its logical source
//! meets a match, whatever shaping, wrapping and reordering made of it (a match cut
//! by a line end, one inside an LTR run of RTL text, a letter inside a lam-alef
//! ligature).

use std::ops::Range;

use ratatui::style::Style;

use super::theme::Theme;
use crate::reader::search::Match;
use crate::reader::state::Search;

/// The matches of one passage, ready to ask about cells.
#[derive(Clone, Copy, Debug, Default)]
pub struct PassageMatches<'a> {
    matches: &'a [Match],
    current: Option<&'a Match>,
}

impl<'a> PassageMatches<'a> {
    pub fn new(search: Option<&'a Search>, item: usize, passage: usize) -> Self {
        let Some(search) = search else {
            return Self::default();
        };
        let matches = search.in_passage(item, passage);
        let current = search
            .current_match()
            .filter(|m| m.item() == item && m.passage() == passage);
        PassageMatches { matches, current }
    }

    /// The highlight of a cell showing `range` of the passage's text, if any.
    pub fn highlight(&self, range: Range<usize>) -> Option<Highlight> {
        if self.matches.is_empty() || range.is_empty() {
            return None;
        }
        if self.current.is_some_and(|m| m.meets(&range)) {
            return Some(Highlight::Current);
        }
        // Matches are sorted and do not overlap: the first that ends after the range
        // starts is the only candidate.
        let i = self
            .matches
            .partition_point(|m| (m.end as usize) <= range.start);
        self.matches
            .get(i)
            .filter(|m| m.meets(&range))
            .map(|_| Highlight::Match)
    }

    /// The highlight of a cell of a line whose first `prefix_len` bytes are not the
    /// passage's (the speaker's name, the item's number).
    pub fn after_prefix(&self, source: &Range<usize>, prefix_len: usize) -> Option<Highlight> {
        if source.end <= prefix_len {
            return None;
        }
        self.highlight(source.start.saturating_sub(prefix_len)..source.end - prefix_len)
    }
}

/// How a cell of a match is marked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Highlight {
    Match,
    /// The match `n` / `N` went to.
    Current,
}

impl Highlight {
    pub fn style(self, theme: &Theme) -> Style {
        match self {
            Highlight::Match => theme.search_match,
            Highlight::Current => theme.current_match,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(start: u32, end: u32) -> Match {
        Match {
            item: 1,
            passage: 2,
            start,
            end,
        }
    }

    #[test]
    fn cells_meeting_a_match_are_highlighted_and_the_current_one_differs() {
        let search = Search {
            query: "x".into(),
            matches: vec![m(4, 8), m(10, 12), m(20, 30)],
            current: Some(1),
        };
        let here = PassageMatches::new(Some(&search), 1, 2);
        assert_eq!(here.highlight(0..4), None);
        assert_eq!(
            here.highlight(3..5),
            Some(Highlight::Match),
            "a cell reaching in"
        );
        assert_eq!(
            here.highlight(7..9),
            Some(Highlight::Match),
            "a cell reaching out"
        );
        assert_eq!(here.highlight(8..10), None);
        assert_eq!(here.highlight(11..12), Some(Highlight::Current));
        assert_eq!(here.highlight(25..26), Some(Highlight::Match));
        assert_eq!(here.highlight(30..31), None);
        // A speaker's name of 5 bytes before the text: its cells never match.
        assert_eq!(here.after_prefix(&(0..5), 5), None);
        assert_eq!(here.after_prefix(&(9..10), 5), Some(Highlight::Match));
        // Another passage has none of these.
        let there = PassageMatches::new(Some(&search), 1, 3);
        assert_eq!(there.highlight(4..8), None);
    }
}

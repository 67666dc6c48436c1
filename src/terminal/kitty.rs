//! kitty, which mirrors right-to-left words whatever an application sends: whether
//! kitty.conf already says `force_ltr yes`, and the hint's line sent so that kitty
//! shows it right ([docs/terminals.md](../../docs/terminals.md), note 2).

use std::path::PathBuf;

use crate::layout::{Cell, Direction, VisualLine};

/// kitty.conf (or a file it names in `KITTY_CONFIG_DIRECTORY`) sets `force_ltr yes`.
pub(super) fn kitty_config_forces_ltr(var: &impl Fn(&str) -> Option<String>) -> bool {
    let dir = var("KITTY_CONFIG_DIRECTORY")
        .map(PathBuf::from)
        .or_else(|| var("XDG_CONFIG_HOME").map(|d| PathBuf::from(d).join("kitty")))
        .or_else(|| var("HOME").map(|h| PathBuf::from(h).join(".config/kitty")));
    let Some(dir) = dir else { return false };
    std::fs::read_to_string(dir.join("kitty.conf")).is_ok_and(|conf| config_forces_ltr(&conf))
}

/// The last `force_ltr` line of a kitty.conf says yes.
fn config_forces_ltr(conf: &str) -> bool {
    conf.lines()
        .filter_map(|line| {
            let mut words = line.split_whitespace();
            (words.next() == Some("force_ltr")).then(|| words.next().unwrap_or(""))
        })
        .next_back()
        .is_some_and(|value| matches!(value, "yes" | "y" | "true"))
}

/// A line as kitty must be sent it to show it in the order hiwar laid it out, for
/// the one line hiwar writes for kitty in particular (its hint). kitty shapes each
/// run of cells between blanks with HarfBuzz, which lays a run whose first letter is
/// of a right-to-left script right to left: each such word comes out mirrored. Sent
/// mirrored, it comes out right. Only safe for words of letters and marks, as the
/// hint's are: punctuation may fall in another font's run, which kitty splits off.
pub fn mirrored_for_kitty(line: &VisualLine) -> VisualLine {
    let cells: Vec<(&str, &Cell)> = line.iter().collect();
    let mut out = VisualLine::new(line.direction.unwrap_or(Direction::Ltr));
    out.padding = line.padding;
    let mut start = 0;
    while start < cells.len() {
        let end = cells[start..]
            .iter()
            .position(|(symbol, _)| symbol.trim().is_empty())
            .map_or(cells.len(), |n| start + n);
        let word = &cells[start..end];
        let rtl = word
            .iter()
            .flat_map(|(symbol, _)| symbol.chars())
            .find(|c| c.is_alphabetic())
            .is_some_and(is_rtl_letter);
        let mut push = |(symbol, cell): &(&str, &Cell)| out.push_cell(symbol, cell);
        if rtl {
            word.iter().rev().for_each(&mut push);
        } else {
            word.iter().for_each(&mut push);
        }
        if let Some(blank) = cells.get(end) {
            push(blank);
        }
        start = end + 1;
    }
    out
}

/// A letter of a script written right to left (Hebrew, Arabic and the scripts
/// between, their presentation forms).
fn is_rtl_letter(c: char) -> bool {
    matches!(c, '\u{0590}'..='\u{08FF}' | '\u{FB1D}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kitty_conf_force_ltr_is_read() {
        assert!(config_forces_ltr("font_size 11\nforce_ltr yes\n"));
        assert!(!config_forces_ltr("# force_ltr yes\n"));
        assert!(!config_forces_ltr("force_ltr yes\nforce_ltr no\n"));
        assert!(!config_forces_ltr("force_ltrx yes\n"));
        assert!(!config_forces_ltr(""));
    }

    #[test]
    fn kitty_gets_its_right_to_left_words_mirrored() {
        let options = crate::layout::LayoutOptions::default();
        let line = crate::layout::layout("أضف force_ltr yes إلى كيتي", 0, &options)
            .pop()
            .expect("a line");
        let sent = mirrored_for_kitty(&line);
        let words = |line: &VisualLine| -> Vec<String> {
            line.visual_text().split(' ').map(str::to_string).collect()
        };
        let (shown, sent) = (words(&line), words(&sent));
        assert_eq!(shown.len(), sent.len());
        for (shown, sent) in shown.iter().zip(&sent) {
            if shown.chars().any(is_rtl_letter) {
                assert_eq!(*sent, shown.chars().rev().collect::<String>());
            } else {
                assert_eq!(sent, shown, "Latin words as they are");
            }
        }
        assert_eq!(
            sent.join(" ").chars().count(),
            line.visual_text().chars().count()
        );
    }
}

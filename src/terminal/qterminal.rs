//! qterminal and the other terminals built on qtermwidget (DA2 `0;115`). Their own
//! bidi is on by default, and no sequence turns it off: they lay out each run of
//! same-styled cells with Qt, which reorders it as a left-to-right paragraph and
//! mirrors brackets at right-to-left levels (and drops zero-width marks, so marks do
//! not help). So each such run is sent in the order that Qt's reordering turns back
//! into hiwar's: [docs/terminals.md](../../docs/terminals.md).

use unicode_bidi::{BidiInfo, Level};

use crate::layout::mirror::mirrored;

/// For a run of cells (their symbols, in the order they are to be seen), the order
/// to send them in: per place sent, the index of the cell, and whether its symbol
/// goes mirrored (Qt mirrors it back). A left-to-right reordering undoes itself on
/// text like hiwar's rows: right-to-left runs reversed, numbers in them kept. Not at
/// a run's very end: a number there (`1.` after a question's words, in one style)
/// follows nothing right-to-left once sent first, and Qt leaves it on the left.
pub fn sent_order(symbols: &[&str]) -> Vec<(usize, bool)> {
    let text: String = symbols.concat();
    let mut starts = Vec::with_capacity(symbols.len());
    let mut at = 0;
    for symbol in symbols {
        starts.push(at);
        at += symbol.len();
    }
    let identity = || (0..symbols.len()).map(|i| (i, false)).collect();
    if symbols.iter().any(|s| s.is_empty()) || text.is_empty() {
        return identity();
    }
    let info = BidiInfo::new(&text, Some(Level::ltr()));
    if info.paragraphs.len() != 1 || !info.has_rtl() {
        return identity();
    }
    let levels: Vec<Level> = starts.iter().map(|&b| info.levels[b]).collect();
    BidiInfo::reorder_visual(&levels)
        .into_iter()
        .map(|i| (i, levels[i].is_rtl()))
        .collect()
}

/// `symbol` as sent at a right-to-left level: a bracket as its mirror.
pub fn mirrored_symbol(symbol: &str) -> String {
    symbol.chars().map(|c| mirrored(c, 1)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Qt's reordering of what is sent, as qtermwidget shows a run.
    fn shown(sent: &[String]) -> Vec<String> {
        let symbols: Vec<&str> = sent.iter().map(String::as_str).collect();
        sent_order(&symbols)
            .into_iter()
            .map(|(i, mirror)| match mirror {
                true => mirrored_symbol(symbols[i]),
                false => symbols[i].to_string(),
            })
            .collect()
    }

    fn sent(symbols: &[&str]) -> Vec<String> {
        sent_order(symbols)
            .into_iter()
            .map(|(i, mirror)| match mirror {
                true => mirrored_symbol(symbols[i]),
                false => symbols[i].to_string(),
            })
            .collect()
    }

    #[test]
    fn what_is_sent_comes_back_as_hiwar_laid_it_out() {
        let layout = |text: &str, direction| {
            let options = crate::layout::LayoutOptions {
                direction,
                ..crate::layout::LayoutOptions::default()
            };
            crate::layout::layout(text, 0, &options)
                .pop()
                .expect("a line")
        };
        use crate::layout::BaseDirection::{Ltr, Rtl};
        for (text, direction) in [
            ("في سبتمبر/أيلول 2013، اقترح الرئيس (الصيني) بناء", Rtl),
            ("تشانغ: نعم 31.5% word (تشانغ)", Rtl),
            ("Belt and Road (مبادرة الحزام) 10 years", Ltr),
            ("يصادف هذا العام 2013 الذكرى", Rtl),
        ] {
            let line = layout(text, direction);
            let symbols: Vec<&str> = line.iter().map(|(s, _)| s).collect();
            let seen: Vec<String> = symbols.iter().map(|s| s.to_string()).collect();
            let sent = sent(&symbols);
            assert_ne!(sent, seen, "{text}: reordered");
            assert_eq!(shown(&sent), seen, "{text}");
        }
    }

    #[test]
    fn runs_without_right_to_left_go_as_they_are() {
        assert_eq!(sent(&["a", " ", "(", "1", ")"]), ["a", " ", "(", "1", ")"]);
        assert_eq!(sent(&["│", " ", "x"]), ["│", " ", "x"]);
    }
}

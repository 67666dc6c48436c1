//! Blocks that are not flowing text, laid out as visual lines: a code block's
//! lines and a table's grid, for print and the reader alike. Their cells keep
//! their byte ranges into the paragraph's text, as the layout's do, so styles,
//! search matches and scrolling to a match find them; what they add (borders, a
//! code block's bar, the mark of a wrapped code line, the spaces that pad a cell)
//! comes from no text (an empty range where it stands).
//!
//! - A code block runs left to right whatever the document's direction (UAX #9:
//!   each of its lines is a paragraph of level 0 of its own, so it neither takes
//!   nor gives direction to the text around it, and an Arabic string inside still
//!   reads right to left within the line). It keeps its own lines, is not shaped,
//!   and is not reflowed: a line wider than the width wraps at its break
//!   opportunities, every row of it but the last ending with [`CODE_WRAP_MARK`].
//!   Wrapped rather than cut: print and the reader then show every character of
//!   the code, where a cut line would need a sideways scroll the reader does not
//!   have.
//! - A table's columns are as wide as their widest cell; when the table is wider
//!   than the width, the columns that fit their share keep their width and the
//!   others share the rest, their cells wrapped inside. Each cell is laid out in
//!   its own direction (its first strong letter) and the columns run in the
//!   table's: an RTL table has its first column on the right and stands at the
//!   right edge. The header row is set apart by a double rule; borders are the
//!   box characters of the reader's panes.

use crate::document::inline::{Block, Table};
use crate::layout::{
    BaseDirection, Direction, LayoutOptions, PreparedParagraph, VisualLine, layout,
};

/// The mark at the end of a code line's row that the next row continues.
pub const CODE_WRAP_MARK: &str = "↩";

/// The lines of a paragraph drawn as a block at `width` (0: unbounded), or `None`
/// for flowing text (the layout's own business). `options` are the document's:
/// their direction is the table's, when it is not `Auto`.
/// `bar`: a code block's rows begin with a bar and a space (the reader's way of
/// drawing it as a block; print leaves code as it is, to be copied).
pub fn block_lines(
    text: &str,
    block: &Block,
    width: usize,
    options: &LayoutOptions,
    bar: bool,
) -> Option<Vec<VisualLine>> {
    match block {
        Block::Text => None,
        Block::Code { .. } if bar => Some(
            code_lines(text, width.saturating_sub(2).max(1))
                .iter()
                .map(|line| {
                    let at = line.source_span().map_or(0, |s| s.start);
                    let mut barred = VisualLine::new(Direction::Ltr);
                    barred.push("▎", 1, at..at, 0);
                    barred.push(" ", 1, at..at, 0);
                    for (symbol, cell) in line.iter() {
                        barred.push_cell(symbol, cell);
                    }
                    barred
                })
                .collect(),
        ),
        Block::Code { .. } => Some(code_lines(text, width)),
        Block::Table(table) => Some(table_lines(text, table, width, options)),
    }
}

/// A code block's lines, left to right, unshaped, each wrapped with a mark when it
/// is wider than `width`.
pub fn code_lines(text: &str, width: usize) -> Vec<VisualLine> {
    let options = LayoutOptions {
        direction: BaseDirection::Ltr,
        shaping: false,
    };
    let mut lines = Vec::new();
    let mut start = 0;
    for line in text.split('\n') {
        let whole = layout(line, 0, &options);
        let natural = whole.iter().map(VisualLine::width).max().unwrap_or(0);
        let rows = if width > 1 && natural > width {
            layout(line, width - 1, &options)
        } else {
            whole
        };
        if rows.is_empty() {
            lines.push(VisualLine::new(Direction::Ltr));
        }
        let count = rows.len();
        for (i, row) in rows.iter().enumerate() {
            let mut shifted = VisualLine::new(Direction::Ltr);
            shifted.padding = row.padding;
            append(&mut shifted, row, start);
            if i + 1 < count {
                let end = start + line.len();
                shifted.push(CODE_WRAP_MARK, 1, end..end, 0);
            }
            lines.push(shifted);
        }
        start += line.len() + 1;
    }
    lines
}

/// Appends `from`'s cells to `line`, their sources moved on by `by`.
fn append(line: &mut VisualLine, from: &VisualLine, by: usize) {
    for (symbol, cell) in from.iter() {
        line.push(
            symbol,
            cell.width,
            cell.source.start + by..cell.source.end + by,
            cell.level,
        );
    }
}

/// A table's grid at `width` (0: every column as wide as its widest cell).
pub fn table_lines(
    text: &str,
    table: &Table,
    width: usize,
    options: &LayoutOptions,
) -> Vec<VisualLine> {
    let columns = table.rows.iter().map(Vec::len).max().unwrap_or(0);
    if columns == 0 {
        return Vec::new();
    }
    let direction = match options.direction {
        BaseDirection::Rtl => Direction::Rtl,
        BaseDirection::Ltr => Direction::Ltr,
        BaseDirection::Auto => PreparedParagraph::new(text, options).direction(),
    };
    let cells: Vec<Vec<PreparedParagraph>> = table
        .rows
        .iter()
        .map(|row| {
            row.iter()
                .map(|range| {
                    let cell = &text[range.clone()];
                    let cell_options = LayoutOptions {
                        direction: cell_direction(cell, direction),
                        shaping: options.shaping,
                    };
                    PreparedParagraph::new(cell, &cell_options)
                })
                .collect()
        })
        .collect();
    // Each column's widest cell, and its widest word (the narrowest it can be
    // without cutting a word).
    let mut natural = vec![1; columns];
    let mut least = vec![1; columns];
    for (row, ranges) in cells.iter().zip(&table.rows) {
        for (c, (cell, range)) in row.iter().zip(ranges).enumerate() {
            let wide = cell
                .lines(0)
                .iter()
                .map(VisualLine::width)
                .max()
                .unwrap_or(0);
            natural[c] = natural[c].max(wide);
            for word in text[range.clone()].split_whitespace() {
                let wide = layout(word, 0, options).iter().map(VisualLine::width).max();
                least[c] = least[c].max(wide.unwrap_or(0));
            }
        }
    }
    // A border before each column and after the last, a space each side of a cell.
    let chrome = 3 * columns + 1;
    let widths = if width == 0 || natural.iter().sum::<usize>() + chrome <= width {
        natural
    } else {
        fit(&natural, &least, width.saturating_sub(chrome).max(columns))
    };
    let order: Vec<usize> = match direction {
        Direction::Rtl => (0..columns).rev().collect(),
        Direction::Ltr => (0..columns).collect(),
    };
    let none = text.len()..text.len();
    let rule = |left: &str, middle: &str, right: &str, fill: &str| {
        let mut line = VisualLine::new(direction);
        line.push(left, 1, none.clone(), 0);
        for (i, &c) in order.iter().enumerate() {
            for _ in 0..widths[c] + 2 {
                line.push(fill, 1, none.clone(), 0);
            }
            line.push(
                if i + 1 < columns { middle } else { right },
                1,
                none.clone(),
                0,
            );
        }
        line
    };
    let mut lines = vec![rule("┌", "┬", "┐", "─")];
    for (r, row) in cells.iter().enumerate() {
        let laid: Vec<Vec<VisualLine>> = (0..columns)
            .map(|c| {
                row.get(c)
                    .map(|cell| cell.lines(widths[c]))
                    .unwrap_or_default()
            })
            .collect();
        let height = laid.iter().map(Vec::len).max().unwrap_or(0).max(1);
        // The row's borders and padding come from its start: the row's span of
        // text stays its own (what scrolling to a match looks at).
        let at = table.rows[r].first().map_or(text.len(), |cell| cell.start);
        let none = at..at;
        for k in 0..height {
            let mut line = VisualLine::new(direction);
            line.push("│", 1, none.clone(), 0);
            for &c in &order {
                line.push(" ", 1, none.clone(), 0);
                let mut used = 0;
                if let Some(cell_line) = laid[c].get(k) {
                    for _ in 0..cell_line.padding {
                        line.push(" ", 1, none.clone(), 0);
                    }
                    append(&mut line, cell_line, table.rows[r][c].start);
                    used = cell_line.total_width();
                }
                for _ in used..widths[c] + 1 {
                    line.push(" ", 1, none.clone(), 0);
                }
                line.push("│", 1, none.clone(), 0);
            }
            lines.push(line);
        }
        if r + 1 == table.header_rows && r + 1 < cells.len() {
            lines.push(rule("╞", "╪", "╡", "═"));
        }
    }
    lines.push(rule("└", "┴", "┘", "─"));
    if direction == Direction::Rtl && width > 0 {
        // At the reading side: the right edge.
        for line in &mut lines {
            line.padding = width.saturating_sub(line.width());
        }
    }
    lines
}

/// A cell's direction: that of its first strong letter (UAX #9 P2–P3), else the
/// table's (a cell of numbers stands as the words of its column do).
fn cell_direction(cell: &str, table: Direction) -> BaseDirection {
    use crate::layout::levels::bidi_class;
    use unicode_bidi::BidiClass;
    let first_strong = cell
        .chars()
        .map(bidi_class)
        .find(|class| matches!(class, BidiClass::L | BidiClass::R | BidiClass::AL));
    match (first_strong, table) {
        (Some(BidiClass::L), _) | (None, Direction::Ltr) => BaseDirection::Ltr,
        _ => BaseDirection::Rtl,
    }
}

/// Column widths that fit `available` columns. When every column can have its
/// widest word, each gets that and a part of the rest in proportion to what its
/// widest cell needs beyond it; otherwise words are cut: the columns whose widest
/// cell is within their share keep it, the others share what is left (at least
/// 1 each).
fn fit(natural: &[usize], least: &[usize], available: usize) -> Vec<usize> {
    let least: Vec<usize> = least.iter().zip(natural).map(|(l, n)| *l.min(n)).collect();
    let needed: usize = least.iter().sum();
    if needed <= available {
        let extra = available - needed;
        let wanted: usize = natural.iter().zip(&least).map(|(n, l)| n - l).sum();
        let mut widths: Vec<usize> = natural
            .iter()
            .zip(&least)
            .map(|(n, l)| l + (n - l) * extra / wanted.max(1))
            .collect();
        // What rounding left, to the columns that still want it, first first.
        let mut left = available - widths.iter().sum::<usize>();
        for (width, n) in widths.iter_mut().zip(natural) {
            let more = left.min(n - *width);
            *width += more;
            left -= more;
        }
        return widths;
    }
    let mut widths = natural.to_vec();
    let mut open: Vec<usize> = (0..natural.len()).collect();
    let mut room = available;
    while !open.is_empty() {
        let share = room / open.len();
        let (fits, wide): (Vec<usize>, Vec<usize>) =
            open.iter().partition(|&&c| natural[c] <= share);
        if fits.is_empty() {
            let extra = room - share * wide.len();
            for (i, &c) in wide.iter().enumerate() {
                widths[c] = (share + usize::from(i < extra)).max(1);
            }
            break;
        }
        for &c in &fits {
            room -= natural[c];
        }
        open = wide;
    }
    widths
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_shrink_to_fit_cutting_no_word_when_they_can() {
        // Words cut: too narrow for the widest words.
        assert_eq!(fit(&[3, 40, 30], &[3, 20, 20], 33), [3, 15, 15]);
        assert_eq!(fit(&[10, 10], &[8, 8], 5), [3, 2]);
        assert_eq!(fit(&[10, 10, 10], &[5, 5, 5], 2), [1, 1, 1]);
        // Whole words: each column its widest word, the rest by what it wants.
        assert_eq!(fit(&[3, 40, 30], &[3, 5, 5], 33), [3, 17, 13]);
        assert_eq!(fit(&[20, 20], &[4, 10], 20), [8, 12]);
        assert_eq!(fit(&[3, 4, 5], &[1, 1, 1], 12), [3, 4, 5]);
    }
}

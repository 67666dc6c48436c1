//! Drawing visual lines cell by cell into a buffer.
//!
//! The layout engine already turned control characters into visible symbols and
//! dropped bidi controls; [`draw_line`] checks again, since whatever it writes goes to
//! the terminal verbatim.

use ratatui::buffer::{Buffer, CellDiffOption};
use ratatui::layout::Rect;
use ratatui::style::Style;
use unicode_width::UnicodeWidthStr;

use super::theme::Theme;
use crate::layout::{Cell, VisualLine};
use crate::reader::view::FittedLine;

/// Shown instead of a symbol that would talk to the terminal.
const REPLACEMENT: &str = "\u{FFFD}";

/// Characters that must never be written: C0, DEL, C1, and the bidi embeddings,
/// overrides, isolates and marks that would make a terminal reorder our visual text.
fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
        )
}

/// Draws `line`'s cells (not its padding) from column `x` on row `y`, left to right,
/// clipped to `clip`; returns the column after the last cell drawn. A wide cell that
/// would straddle the clip edge is not drawn. Text a document put under an override
/// is marked as `theme` says.
pub fn draw_line(
    theme: &Theme,
    buf: &mut Buffer,
    line: &VisualLine,
    mut x: u16,
    y: u16,
    clip: Rect,
    style_of: impl Fn(&Cell) -> Style,
) -> u16 {
    if y < clip.y || y >= clip.bottom() {
        return x;
    }
    for (symbol, cell) in line.iter() {
        let width = u16::from(cell.width.max(1));
        if x < clip.x {
            x = x.saturating_add(width);
            continue;
        }
        if x.saturating_add(width) > clip.right() {
            break;
        }
        let symbol = if symbol.chars().any(is_unsafe) {
            REPLACEMENT
        } else {
            symbol
        };
        let mut style = style_of(cell);
        if cell.overridden {
            // The document tried to reorder this text (an override, made inert).
            style = style.patch(theme.overridden);
        }
        let target = &mut buf[(x, y)];
        target.set_symbol(symbol).set_style(style);
        // The diff that decides what to send skips the columns a wide symbol covers by
        // measuring the symbol: make it agree with the layout's measure.
        if symbol.width() != usize::from(width)
            && let Some(forced) = std::num::NonZeroU16::new(width)
        {
            target.set_diff_option(CellDiffOption::ForcedWidth(forced));
        }
        for hidden in x + 1..x + width {
            buf[(hidden, y)].reset();
            buf[(hidden, y)].set_style(style);
        }
        x += width;
    }
    x
}

/// Fills `area` with `style` (keeps the symbols).
pub fn fill(buf: &mut Buffer, area: Rect, style: Style) {
    buf.set_style(area, style);
}

/// Writes one of our own single-column symbols (marker, ellipsis) at `(x, y)` if it is
/// inside `clip`.
pub fn put(buf: &mut Buffer, x: u16, y: u16, symbol: &str, style: Style, clip: Rect) {
    if x >= clip.x && x < clip.right() && y >= clip.y && y < clip.bottom() {
        buf[(x, y)].set_symbol(symbol).set_style(style);
    }
}

/// Draws a fitted line from column `x` of row `y`: for a cut right-to-left line the ellipsis
/// comes first (its logical end is on the left), for a left-to-right one last.
pub fn draw_fitted(
    theme: &Theme,
    buf: &mut Buffer,
    fitted: &FittedLine,
    (x, y): (u16, u16),
    clip: Rect,
    style_of: impl Fn(&Cell) -> Style,
    ellipsis_style: Style,
) {
    let rtl = fitted.line.direction.is_some_and(|d| d.is_rtl());
    let mut x = x;
    if fitted.cut && rtl {
        put(buf, x, y, ELLIPSIS, ellipsis_style, clip);
        x += 1;
    }
    let end = draw_line(theme, buf, &fitted.line, x, y, clip, style_of);
    if fitted.cut && !rtl {
        put(buf, end, y, ELLIPSIS, ellipsis_style, clip);
    }
}

/// Columns a fitted line takes, its ellipsis included.
pub fn fitted_width(fitted: &FittedLine) -> u16 {
    (fitted.line.width() + usize::from(fitted.cut)) as u16
}

pub const ELLIPSIS: &str = "…";

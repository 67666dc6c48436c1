//! The layout on any text at any width 0–400 with any options: no panic, no line
//! wider than the width, no cell with a control or bidi formatting character, and
//! every cell's source range inside the text on char boundaries.
#![no_main]

use hiwar::layout::{BaseDirection, LayoutOptions, PreparedParagraph};
use libfuzzer_sys::fuzz_target;

#[path = "inert.rs"]
mod inert;

fuzz_target!(|data: &[u8]| {
    let [w0, w1, flags, rest @ ..] = data else {
        return;
    };
    let width = usize::from(u16::from_le_bytes([*w0, *w1]) % 401);
    let options = LayoutOptions {
        direction: match flags % 3 {
            0 => BaseDirection::Auto,
            1 => BaseDirection::Rtl,
            _ => BaseDirection::Ltr,
        },
        shaping: flags & 0x80 == 0,
    };
    let text = String::from_utf8_lossy(rest);
    let prepared = PreparedParagraph::new(&text, &options);
    // A second width, as after a resize, on the same prepared paragraph.
    let second = usize::from(flags >> 3) % 17;
    for width in [width, second] {
        for line in prepared.lines(width) {
            if width > 0 {
                assert!(
                    line.total_width() <= width,
                    "line of {} columns at width {width}",
                    line.total_width()
                );
            }
            inert::assert_inert(line.visual_text(), "layout");
            assert!(!line.visual_text().contains('\n'), "newline in a cell");
            for (symbol, cell) in line.iter() {
                assert!(
                    cell.width == 1 || cell.width == 2,
                    "cell width {}",
                    cell.width
                );
                assert!(!symbol.is_empty(), "empty symbol");
                assert!(cell.source.start <= cell.source.end);
                assert!(cell.source.end <= text.len());
                assert!(text.is_char_boundary(cell.source.start));
                assert!(text.is_char_boundary(cell.source.end));
            }
        }
    }
});

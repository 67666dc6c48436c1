//! The layout on any text at any width 0–400 with any options: no panic, no line
//! wider than the width, no cell with a control or bidi formatting character, and
//! every cell's source range inside the text on char boundaries; the fast paths give
//! what the general path gives (lines and print), and streamed print what the
//! prepared lines write.
#![no_main]

use hiwar_layout::{BaseDirection, LayoutOptions, PreparedParagraph, with_general_paths};
use libfuzzer_sys::fuzz_target;

// The app's fuzz targets share this check of what no output may contain.
#[path = "../../../../fuzz/fuzz_targets/inert.rs"]
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
    let general = with_general_paths(|| PreparedParagraph::new(&text, &options));
    assert_eq!(prepared.lines(width), general.lines(width), "fast and general paths");
    let (mut written, mut streamed) = (Vec::new(), Vec::new());
    prepared.write_lines(width, &mut written);
    let mut streaming = PreparedParagraph::new("", &options);
    let printed = streaming.print(&text, &options, width, &mut streamed, &mut |_| Ok::<(), ()>(()));
    assert_eq!(printed, Ok(()));
    assert!(written == streamed, "print and write_lines");
    let mut general_print = Vec::new();
    let printed = with_general_paths(|| {
        streaming.print(&text, &options, width, &mut general_print, &mut |_| Ok::<(), ()>(()))
    });
    assert_eq!(printed, Ok(()));
    assert!(streamed == general_print, "print: fast and general paths");
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

//! A laid-out Arabic paragraph drawn with plain ratatui: the layout engine
//! (`hiwar-layout`) turns the paragraph into visual lines of cells at the width of the
//! terminal, and a small widget copies each cell's symbol to the buffer. Resize the
//! terminal to see it wrap again (only wrapping and reordering rerun); any key quits.
//!
//! Run: `cargo run --example ratatui_paragraph` (from the workspace root). It lives in
//! the app's package, which has ratatui already, so the engine crate does not depend
//! on it.
//!
//! The terminal must not reorder the text itself (xterm, kitty with its default
//! settings, alacritty, foot); hiwar's own reader also tells VTE, Konsole and mlterm
//! to stop doing so (see docs/terminals.md), which this example does not.

use hiwar_layout::{BaseDirection, LayoutOptions, PreparedParagraph, VisualLine};
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{self, Event};
use ratatui::layout::Rect;
use ratatui::widgets::{Block, Widget};

/// A paragraph of the built-in interview: Arabic with numbers and a bracket.
const PARAGRAPH: &str = "تشانغ: في سبتمبر/أيلول 2013، اقترح الرئيس الصيني شي جين بينج \
بناء “حزام اقتصادي على طول طريق الحرير” (الحزام والطريق) في أستانا، وقد مرّت عشر سنوات \
على ذلك.";

/// Visual lines as they come from the layout: each in screen order, left to right,
/// with its padding (right-to-left lines are right-aligned by it).
struct LaidOut<'a>(&'a [VisualLine]);

impl Widget for LaidOut<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        for (line, y) in self.0.iter().zip(area.top()..area.bottom()) {
            let mut x = area.left() + line.padding as u16;
            for (symbol, cell) in line.iter() {
                if x + u16::from(cell.width) > area.right() {
                    break;
                }
                buf[(x, y)].set_symbol(symbol);
                // A wide cell covers the next column too.
                if cell.width == 2 {
                    buf[(x + 1, y)].set_symbol("");
                }
                x += u16::from(cell.width);
            }
        }
    }
}

fn main() -> std::io::Result<()> {
    let options = LayoutOptions {
        direction: BaseDirection::Rtl,
        shaping: true,
    };
    // The width-independent work (levels, shaping, break opportunities), once.
    let paragraph = PreparedParagraph::new(PARAGRAPH, &options);
    ratatui::run(|terminal| {
        loop {
            terminal.draw(|frame| {
                let block = Block::bordered().title(" hiwar-layout ");
                let inner = block.inner(frame.area());
                frame.render_widget(block, frame.area());
                let lines = paragraph.lines(usize::from(inner.width));
                frame.render_widget(LaidOut(&lines), inner);
            })?;
            if let Event::Key(_) = event::read()? {
                return Ok(());
            }
        }
    })
}

//! The README's figures come from the binary: each figure block follows a marker
//!
//! ```text
//! <!-- figure: hiwar at COLSxROWS, keys KEYS -->
//! ```
//!
//! and this test runs `hiwar` (the built-in interview) in a pseudo-terminal of that
//! size, types the keys, reads the screen through a terminal emulator (vt100), and
//! fails when the block differs. `HIWAR_UPDATE_README=1 cargo test --release --test
//! tty readme` writes the screens into the README instead.

use crate::common;

use std::time::Duration;

use common::pty::{Pty, hints_drawn};

const README: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/README.md");
const MARKER: &str = "<!-- figure: hiwar at ";

/// A figure's request: the terminal's size and the keys typed.
#[derive(Debug)]
struct Figure {
    cols: u16,
    rows: u16,
    keys: String,
}

fn parse_marker(line: &str) -> Option<Figure> {
    let rest = line
        .trim()
        .strip_prefix(MARKER)?
        .strip_suffix("-->")?
        .trim();
    let (size, keys) = rest.split_once(", keys ")?;
    let (cols, rows) = size.split_once('x')?;
    Some(Figure {
        cols: cols.parse().ok()?,
        rows: rows.parse().ok()?,
        keys: keys.trim().trim_matches('`').to_string(),
    })
}

/// The screen of `hiwar` at the figure's size after its keys, rows trimmed at the end.
fn screen(figure: &Figure) -> String {
    let mut pty = Pty::hiwar(&[], &[], figure.rows, figure.cols);
    // A whole first frame: the status bar (the last row drawn) has its hints, or
    // the scroll percentage of a resumed answer; then nothing more for a while.
    let settle = Duration::from_millis(300);
    pty.wait_until_screen("the first frame", |s| {
        s.contains(&hints_drawn()) || s.contains('%')
    });
    pty.wait_quiet_for(settle);
    for key in figure.keys.chars() {
        pty.send(key.to_string().as_bytes());
        pty.wait_quiet_for(settle);
    }
    let screen: Vec<String> = pty
        .parser
        .screen()
        .rows(0, figure.cols)
        .map(|row| row.trim_end().to_string())
        .collect();
    pty.send(b"q");
    pty.wait_exit();
    screen.join("\n")
}

#[test]
fn the_readme_figures_are_what_the_binary_draws() {
    let readme = std::fs::read_to_string(README).expect("README.md");
    let lines: Vec<&str> = readme.lines().collect();
    let update = std::env::var_os("HIWAR_UPDATE_README").is_some();
    let mut out: Vec<String> = Vec::new();
    let mut stale = Vec::new();
    let mut figures = 0;
    let mut i = 0;
    while i < lines.len() {
        out.push(lines[i].to_string());
        let Some(figure) = parse_marker(lines[i]) else {
            i += 1;
            continue;
        };
        figures += 1;
        assert_eq!(
            lines.get(i + 1).copied(),
            Some("```"),
            "a code block follows {figure:?}"
        );
        let close = (i + 2..lines.len())
            .find(|&j| lines[j] == "```")
            .expect("the block is closed");
        let shown = lines[i + 2..close].join("\n");
        let drawn = screen(&figure);
        if shown != drawn {
            stale.push(format!(
                "README figure at line {} ({}x{}, keys {}) differs from the binary:\n{drawn}",
                i + 1,
                figure.cols,
                figure.rows,
                figure.keys
            ));
        }
        out.push("```".into());
        out.extend(drawn.lines().map(String::from));
        out.push("```".into());
        i = close + 1;
    }
    assert!(figures > 0, "no figure marker in the README");
    if update && !stale.is_empty() {
        let mut text = out.join("\n");
        text.push('\n');
        std::fs::write(README, text).expect("write README.md");
        return;
    }
    assert!(
        stale.is_empty(),
        "{}\n(HIWAR_UPDATE_README=1 cargo test --release --test tty readme rewrites them)",
        stale.join("\n\n")
    );
}

#[test]
fn markers_are_read() {
    let figure = parse_marker("<!-- figure: hiwar at 60x17, keys `3` -->").expect("a marker");
    assert_eq!(
        (figure.cols, figure.rows, figure.keys.as_str()),
        (60, 17, "3")
    );
    assert!(parse_marker("<!-- something else -->").is_none());
}

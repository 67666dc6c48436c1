//! The README's figures come from the binary: each figure block follows a marker
//!
//! ```text
//! <!-- figure: hiwar at COLSxROWS, keys KEYS -->
//! ```
//!
//! and this test runs `hiwar` (the built-in interview) in a pseudo-terminal of that
//! size, types the keys, reads the screen through a terminal emulator (vt100), and
//! fails when the block differs. `HIWAR_UPDATE_README=1 cargo test --release --test
//! readme` writes the screens into the README instead.

use std::io::{Read, Write};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

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
    let pty = native_pty_system()
        .openpty(PtySize {
            rows: figure.rows,
            cols: figure.cols,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("open a pseudo-terminal");
    let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_hiwar"));
    command.env_clear();
    command.env("TERM", "xterm-256color");
    command.env("LANG", "C.UTF-8");
    let mut child = pty.slave.spawn_command(command).expect("spawn hiwar");
    drop(pty.slave);
    let mut reader = pty.master.try_clone_reader().expect("pty reader");
    let mut writer = pty.master.take_writer().expect("pty writer");
    let (sender, output): (_, Receiver<Vec<u8>>) = channel();
    std::thread::spawn(move || {
        let mut chunk = [0u8; 8192];
        while let Ok(n) = reader.read(&mut chunk) {
            if n == 0 || sender.send(chunk[..n].to_vec()).is_err() {
                break;
            }
        }
    });
    let mut parser = vt100::Parser::new(figure.rows, figure.cols, 0);
    // Output until `done` holds and nothing more comes for a while.
    let settle = |parser: &mut vt100::Parser, done: &dyn Fn(&str) -> bool| {
        let end = Instant::now() + Duration::from_secs(10);
        loop {
            match output.recv_timeout(Duration::from_millis(300)) {
                Ok(bytes) => parser.process(&bytes),
                Err(_) if done(&parser.screen().contents()) => return,
                Err(_) => assert!(Instant::now() < end, "hiwar did not draw"),
            }
        }
    };
    settle(&mut parser, &|s| {
        s.contains(&hints_drawn()) || s.contains('%')
    });
    for key in figure.keys.chars() {
        writer
            .write_all(key.to_string().as_bytes())
            .expect("type a key");
        writer.flush().expect("flush");
        settle(&mut parser, &|_| true);
    }
    let screen: Vec<String> = parser
        .screen()
        .rows(0, figure.cols)
        .map(|row| row.trim_end().to_string())
        .collect();
    writer.write_all(b"q").expect("quit");
    drop(writer);
    let _ = child.wait();
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
        "{}\n(HIWAR_UPDATE_README=1 cargo test --release --test readme rewrites them)",
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

/// The status bar's key hints as the reader draws them for the built-in interview
/// (its interface is Arabic): right to left, shaped. The status bar is the last row
/// drawn, so its hints on screen mean a whole first frame.
fn hints_drawn() -> String {
    use hiwar::reader::labels::{Labels, Language, Text};
    let options = hiwar::layout::LayoutOptions {
        direction: hiwar::layout::BaseDirection::Rtl,
        ..hiwar::layout::LayoutOptions::default()
    };
    hiwar::layout::layout(Labels::new(Language::Ar).text(Text::Hints), 0, &options)
        .first()
        .map(|line| line.visual_text().to_string())
        .unwrap_or_default()
}

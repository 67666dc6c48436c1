//! End to end: the real binary in a pseudo-terminal, its output fed to a terminal
//! emulator (vt100), driven key by key.

use crate::common;

use common::pty::{Pty, contains, hints_drawn};
use hiwar::layout::{LayoutOptions, layout};

const ROWS: u16 = 30;
const COLS: u16 = 100;

/// `hiwar` with no arguments: the built-in interview, in the reader.
fn start() -> Pty {
    Pty::hiwar(&[], &[], ROWS, COLS)
}

/// A phrase as hiwar draws it (visual order, shaped), so the checks below do not depend
/// on how the shaper renders the letters.
fn drawn(text: &str) -> String {
    layout(text, 0, &LayoutOptions::default())
        .first()
        .map(|line| line.visual_text().to_string())
        .unwrap_or_default()
}

/// The answer pane: the left part of the screen, for a right-to-left interview.
fn answer_pane(session: &Pty) -> String {
    let area = ratatui::layout::Rect::new(0, 0, COLS, ROWS);
    let answer = hiwar::reader::Screen::new(area, hiwar::layout::Direction::Rtl).answer;
    let screen = session.parser.screen();
    screen
        .rows(answer.x, answer.width)
        .collect::<Vec<_>>()
        .join("\n")
}

fn first_screen(session: &mut Pty) {
    session.wait_until_screen("the first screen", |screen| screen.contains(&hints_drawn()));
}

#[test]
fn starts_moves_to_the_next_answer_and_quits_cleanly() {
    let mut session = start();
    first_screen(&mut session);
    let name = drawn("جلوبال تايمز");
    let opening = drawn("يصادف هذا العام");
    let before = answer_pane(&session);
    assert!(
        !before.contains(&name),
        "no interviewer's name in the introduction:\n{before}"
    );

    session.send(b"\x1b[B"); // Down
    session.wait_until_screen("the first question's position", |screen| {
        screen.contains("1/7")
    });
    let after = answer_pane(&session);
    assert!(
        after.contains(&name) && after.contains(&opening),
        "the answer pane shows the first question:\n{after}"
    );

    session.send(b"q");
    let status = session.wait_exit();
    assert!(status.success(), "exit status: {status:?}");
    assert!(
        contains(&session.raw, b"\x1b[?1049h"),
        "alternate screen entered"
    );
    assert!(
        contains(&session.raw, b"\x1b[?1049l"),
        "alternate screen left"
    );
    assert!(contains(&session.raw, b"\x1b[8l"), "CSI 8 l sent on start");
    assert!(contains(&session.raw, b"\x1b[8h"), "CSI 8 h sent on exit");
    let start = session.raw.windows(4).position(|w| w == b"\x1b[8l");
    let end = session.raw.windows(4).rposition(|w| w == b"\x1b[8h");
    assert!(start < end, "CSI 8 h comes after CSI 8 l");
}

#[test]
fn sigterm_restores_the_terminal() {
    let mut session = start();
    first_screen(&mut session);
    session.signal(libc::SIGTERM);
    let status = session.wait_exit();
    assert!(!status.success());
    assert!(
        contains(&session.raw, b"\x1b[?1049l"),
        "alternate screen left"
    );
    assert!(contains(&session.raw, b"\x1b[8h"), "CSI 8 h sent");
}

#[test]
fn closing_the_terminal_ends_the_reader() {
    let mut session = start();
    first_screen(&mut session);
    // The terminal goes away: hiwar must exit rather than spin on a dead input.
    session.hang_up();
    assert!(
        session.wait_exit_or_kill().is_some(),
        "hiwar kept running after a hang-up"
    );
}

/// The status bar: the last row.
fn status_bar(session: &Pty) -> String {
    let screen = session.parser.screen();
    screen
        .rows(0, COLS)
        .nth(usize::from(ROWS) - 1)
        .unwrap_or_default()
}

#[test]
fn an_arabic_query_is_counted_and_n_walks_the_questions_that_have_it() {
    let mut session = start();
    first_screen(&mut session);
    // Typed without hamza or harakat; the interview writes أيضًا.
    session.send("/ايضا".as_bytes());
    session.wait_until_screen("the query in the prompt", |screen| {
        screen.contains(&drawn("ايضا"))
    });
    session.send(b"\r");
    // The first match is in the introduction (where the reader is): 1 of 4.
    session.wait_until_screen("the first match", |screen| {
        screen.lines().last().is_some_and(|l| l.contains("1/4"))
    });
    let bar = status_bar(&session);
    assert!(bar.contains(&drawn("ايضا")), "the query is shown: {bar}");
    assert!(
        bar.contains(&drawn("مقدمة")),
        "still in the introduction: {bar}"
    );
    // n: the next match is in question 1.
    session.send(b"n");
    session.wait_until_screen("the second match", |screen| {
        screen.lines().last().is_some_and(|l| l.contains("2/4"))
    });
    assert!(
        status_bar(&session).contains("1/7"),
        "{}",
        status_bar(&session)
    );
    // n again: question 2 has no match, so on to question 3.
    session.send(b"n");
    session.wait_until_screen("the third match", |screen| {
        screen.lines().last().is_some_and(|l| l.contains("3/4"))
    });
    assert!(
        status_bar(&session).contains("3/7"),
        "{}",
        status_bar(&session)
    );
    // The current match is highlighted in the answer pane, on its four cells (the
    // tanween rides on the dad): magenta, as the theme paints the current match.
    let area = ratatui::layout::Rect::new(0, 0, COLS, ROWS);
    let text = hiwar::reader::Screen::new(area, hiwar::layout::Direction::Rtl).answer_text();
    let screen = session.parser.screen();
    let current: String = (text.y..text.bottom())
        .flat_map(|row| (text.x..text.right()).map(move |col| (row, col)))
        .filter_map(|(row, col)| screen.cell(row, col))
        .filter(|cell| cell.bgcolor() == vt100::Color::Idx(5))
        .map(|cell| cell.contents().to_string())
        .collect();
    assert_eq!(current, drawn("أيضًا"), "the current match's cells");
    session.send(b"q");
    assert!(session.wait_exit().success());
}

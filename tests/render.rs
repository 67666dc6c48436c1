//! Frames of the reader drawn into ratatui's TestBackend: snapshots (reviewed by eye,
//! Arabic in visual order) and exact checks of key rows by code point, since editors
//! re-apply bidi when they show the `.snap` files.

use hiwar::document::Interview;
use hiwar::layout::LayoutOptions;
use hiwar::reader::{Action, Reader as App};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;

fn builtin() -> Interview {
    Interview::builtin()
}

struct Reader {
    app: App,
    terminal: Terminal<TestBackend>,
}

impl Reader {
    fn new(width: u16, height: u16) -> Self {
        Self::with_options(width, height, LayoutOptions::default())
    }

    fn with_options(width: u16, height: u16, options: LayoutOptions) -> Self {
        let terminal = Terminal::new(TestBackend::new(width, height)).expect("test backend");
        let mut reader = Reader {
            app: App::new(builtin(), options),
            terminal,
        };
        reader.draw();
        reader
    }

    fn draw(&mut self) {
        let app = &mut self.app;
        self.terminal.draw(|frame| app.draw(frame)).expect("draw");
    }

    fn press(&mut self, actions: &[Action]) {
        for &action in actions {
            self.app.apply(action);
            self.draw();
        }
    }

    fn backend(&self) -> &TestBackend {
        self.terminal.backend()
    }

    fn buffer(&self) -> &Buffer {
        self.terminal.backend().buffer()
    }

    /// Row `y` as drawn, left to right, the columns hidden by wide symbols left out.
    fn row(&self, y: u16) -> String {
        let buf = self.buffer();
        let mut row = String::new();
        let mut skip = 0;
        for x in 0..buf.area.width {
            let symbol = buf[(x, y)].symbol();
            if skip == 0 {
                row.push_str(symbol);
                skip = unicode_width::UnicodeWidthStr::width(symbol).saturating_sub(1);
            } else {
                skip -= 1;
            }
        }
        row
    }
}

/// Non-ASCII characters as `\u{..}`, so that a failure shows code points in order.
fn escaped(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_ascii() {
                c.to_string()
            } else {
                format!("\\u{{{:X}}}", c as u32)
            }
        })
        .collect()
}

/// Shaping off: the code points below are the letters as typed, whatever the shaper
/// would choose as presentation forms.
fn unshaped() -> LayoutOptions {
    LayoutOptions {
        shaping: false,
        ..LayoutOptions::default()
    }
}

fn is_border(c: char) -> bool {
    matches!(c, '│' | '┃')
}

// ------------------------------------------------------------------ snapshots

#[test]
fn first_screen_80x24() {
    let reader = Reader::new(80, 24);
    insta::assert_snapshot!(reader.backend());
}

#[test]
fn first_screen_120x40() {
    let reader = Reader::new(120, 40);
    insta::assert_snapshot!(reader.backend());
}

#[test]
fn first_screen_40x20() {
    let reader = Reader::new(40, 20);
    insta::assert_snapshot!(reader.backend());
}

#[test]
fn third_question_selected_120x40() {
    let mut reader = Reader::new(120, 40);
    reader.press(&[Action::Jump(3)]);
    insta::assert_snapshot!(reader.backend());
}

#[test]
fn third_question_scrolled_80x24() {
    // At 120x40 the third answer fits without scrolling.
    let mut reader = Reader::new(80, 24);
    reader.press(&[Action::Jump(3), Action::FocusAnswer]);
    reader.press(&[Action::Down; 6]);
    assert_eq!(reader.app.view().answer_top(), 6);
    insta::assert_snapshot!(reader.backend());
}

#[test]
fn focus_on_questions_80x24() {
    let mut reader = Reader::new(80, 24);
    reader.press(&[Action::Down]);
    insta::assert_snapshot!(reader.backend());
}

#[test]
fn focus_on_answer_80x24() {
    let mut reader = Reader::new(80, 24);
    reader.press(&[Action::Down, Action::FocusAnswer]);
    insta::assert_snapshot!(reader.backend());
}

#[test]
fn help_overlay_80x24() {
    let mut reader = Reader::new(80, 24);
    reader.press(&[Action::ToggleHelp]);
    insta::assert_snapshot!(reader.backend());
}

#[test]
fn too_small_12x5() {
    let reader = Reader::new(12, 5);
    insta::assert_snapshot!(reader.backend());
}

#[test]
fn help_overlay_cut_short_at_50x15() {
    let mut reader = Reader::new(50, 15);
    reader.press(&[Action::ToggleHelp]);
    insta::assert_snapshot!(reader.backend());
}

// ------------------------------------------------------------------ code points

#[test]
fn pane_titles_and_intro_item_are_in_visual_order() {
    let reader = Reader::with_options(80, 24, unshaped());
    // The questions pane is on the right; its title is "الأسئلة" reversed:
    // ة ل ئ س أ ل ا, then a space and the corner of the heavy (focused) border.
    let top = escaped(&reader.row(1));
    assert!(
        top.ends_with(
            " \\u{629}\\u{644}\\u{626}\\u{633}\\u{623}\\u{644}\\u{627} \\u{2501}\\u{2513}"
        ),
        "{top}"
    );
    // First item: "مقدمة" reversed (ة م د ق م), the gap, the selection marker ◀,
    // the border.
    let intro = escaped(&reader.row(2));
    assert!(
        intro.ends_with(" \\u{629}\\u{645}\\u{62F}\\u{642}\\u{645} \\u{25C0}\\u{2503}"),
        "{intro}"
    );
}

#[test]
fn question_item_has_its_number_on_the_right_and_ellipsis_on_the_left() {
    let reader = Reader::with_options(80, 24, unshaped());
    let row = reader.row(3);
    // The questions pane: between the answer pane's right border and its own.
    let pane = row.rsplit('│').next().unwrap_or_default();
    let text = pane.trim_matches('┃').trim();
    // "1. يصادف ..." in a right-to-left paragraph: the number is rightmost, its dot to
    // its left, then the first word ي ص ا د ف reversed.
    assert!(
        escaped(text).ends_with("\\u{641}\\u{62F}\\u{627}\\u{635}\\u{64A} .1"),
        "{}",
        escaped(text)
    );
    assert!(text.starts_with('…'), "{}", escaped(text));
}

#[test]
fn answer_starts_with_the_interviewer_name_at_the_right() {
    let mut reader = Reader::with_options(120, 40, unshaped());
    reader.press(&[Action::Jump(3)]);
    let row = reader.row(2);
    let answer_pane: String = row.chars().skip(1).take_while(|&c| !is_border(c)).collect();
    let answer_pane = answer_pane.trim_end();
    // "جلوبال تايمز: " reversed: ':' to the left of ز م ي ا ت, a space, ل ا ب و ل ج.
    assert!(
        escaped(answer_pane).ends_with(
            " :\\u{632}\\u{645}\\u{64A}\\u{627}\\u{62A} \\u{644}\\u{627}\\u{628}\\u{648}\\u{644}\\u{62C}"
        ),
        "{}",
        escaped(answer_pane)
    );
}

#[test]
fn status_bar_shows_position_at_the_right() {
    let mut reader = Reader::with_options(80, 24, unshaped());
    reader.press(&[Action::Jump(3)]);
    let status = reader.row(23);
    assert!(status.trim_end().ends_with("3/7"), "{status}");
    assert!(status.starts_with(" ↑↓ move"), "{status}");
}

// ------------------------------------------------------------------ sizes

#[test]
fn every_small_size_draws_without_panic() {
    for width in [1, 2, 3, 5, 11, 12, 20, 23, 24, 25, 31] {
        for height in [1, 2, 3, 4, 5, 6, 7, 12] {
            let mut reader = Reader::new(width, height);
            reader.press(&[Action::Jump(3), Action::FocusAnswer, Action::PageDown]);
            reader.press(&[Action::ToggleHelp]);
        }
    }
}

#[test]
fn resizing_lays_the_answer_out_again_at_the_new_width() {
    let mut reader = Reader::new(120, 40);
    reader.press(&[Action::Jump(1)]);
    let wide = reader.app.view().answer_rows().len();
    reader.terminal.backend_mut().resize(60, 40);
    reader.draw();
    let narrow = reader.app.view().answer_rows().len();
    assert!(narrow > wide, "{narrow} rows at 60 columns, {wide} at 120");
}

#[test]
fn an_override_in_the_document_is_drawn_in_order_and_marked() {
    use hiwar::document::{Exchange, Interview, Speaker, TextDirection};
    use ratatui::style::Modifier;
    // Trojan Source: RLO would show "nimda" as "admin".
    let interview = Interview {
        title: "t".into(),
        language: "en".into(),
        direction: TextDirection::Ltr,
        speakers: vec![
            Speaker {
                label: "Q".into(),
                name: "Q".into(),
            },
            Speaker {
                label: "A".into(),
                name: "A".into(),
            },
        ],
        intro: vec!["user \u{202E}nimda\u{202C} ok".into()],
        exchanges: vec![Exchange {
            question: vec!["q".into()],
            answer: vec!["a".into()],
            ..Default::default()
        }],
        ..Default::default()
    };
    let mut app = hiwar::reader::Reader::new(interview, hiwar::layout::LayoutOptions::default());
    let backend = ratatui::backend::TestBackend::new(60, 12);
    let mut terminal = ratatui::Terminal::new(backend).expect("test terminal");
    terminal.draw(|frame| app.draw(frame)).expect("draw");
    let buffer = terminal.backend().buffer();
    let rows: Vec<String> = (0..buffer.area.height)
        .map(|y| {
            (0..buffer.area.width)
                .map(|x| buffer[(x, y)].symbol())
                .collect()
        })
        .collect();
    let row = rows
        .iter()
        .position(|r| r.contains("user"))
        .expect("the intro is shown");
    assert!(rows[row].contains("user nimda ok"), "{:?}", rows[row]);
    assert!(!rows.iter().any(|r| r.contains("admin")));
    let x = rows[row]
        .find("nimda")
        .map(|byte| rows[row][..byte].chars().count())
        .expect("nimda");
    for dx in 0..5 {
        let cell = &buffer[(x as u16 + dx, row as u16)];
        assert!(
            cell.modifier.contains(Modifier::UNDERLINED),
            "n-i-m-d-a is marked"
        );
    }
    let ok = rows[row]
        .find(" ok")
        .map(|byte| rows[row][..byte].chars().count())
        .expect("ok");
    assert!(
        !buffer[(ok as u16 + 1, row as u16)]
            .modifier
            .contains(Modifier::UNDERLINED)
    );
}

//! Frames of the reader drawn into ratatui's TestBackend: snapshots (reviewed by eye,
//! Arabic in visual order) and exact checks of key rows by code point, since editors
//! re-apply bidi when they show the `.snap` files.

use hiwar::document::Interview;
use hiwar::layout::LayoutOptions;
use hiwar::reader::state::PromptEdit;
use hiwar::reader::ui::theme::Theme;
use hiwar::reader::{Action, Reader as App};
use hiwar::settings::{Look, ThemeName};
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
        Self::of(builtin(), width, height, options)
    }

    fn of(interview: Interview, width: u16, height: u16, options: LayoutOptions) -> Self {
        let look = Look::for_document(&interview.language);
        Self::looking(interview, width, height, options, look)
    }

    /// A reader with its own look: theme, interface language, answer width.
    fn looking(
        interview: Interview,
        width: u16,
        height: u16,
        options: LayoutOptions,
        look: Look,
    ) -> Self {
        let terminal = Terminal::new(TestBackend::new(width, height)).expect("test backend");
        let mut reader = Reader {
            app: App::with_look(interview, options, look),
            terminal,
        };
        reader.draw();
        reader
    }

    /// `/`, the query typed, Enter.
    fn search(&mut self, query: &str) {
        self.press(&[Action::OpenSearch]);
        for c in query.chars() {
            self.press(&[Action::Prompt(PromptEdit::Insert(c))]);
        }
        self.press(&[Action::Prompt(PromptEdit::Submit)]);
    }

    /// The highlight of the cell at (x, y): '^' a match, '#' the current match.
    fn highlight_at(&self, x: u16, y: u16) -> Option<char> {
        let bg = self.buffer()[(x, y)].bg;
        let theme = Theme::default();
        if Some(bg) == theme.current_match.bg {
            Some('#')
        } else if Some(bg) == theme.search_match.bg {
            Some('^')
        } else {
            None
        }
    }

    /// The frame as text, each row followed by a line that marks its highlighted
    /// cells (snapshots drop colours): `^` a match, `#` the current one.
    fn with_highlights(&self) -> String {
        let buf = self.buffer();
        let mut out = String::new();
        for y in 0..buf.area.height {
            out.push_str(&format!("\"{}\"\n", self.row(y)));
            let mut marks = String::from(" ");
            let mut skip = 0;
            for x in 0..buf.area.width {
                if skip > 0 {
                    skip -= 1;
                    continue;
                }
                let symbol = buf[(x, y)].symbol();
                skip = unicode_width::UnicodeWidthStr::width(symbol).saturating_sub(1);
                marks.push(self.highlight_at(x, y).unwrap_or(' '));
            }
            if !marks.trim().is_empty() {
                out.push_str(marks.trim_end());
                out.push('\n');
            }
        }
        out
    }

    /// The symbols of the highlighted cells of row `y`, left to right, with their
    /// marks.
    fn highlighted(&self, y: u16) -> Vec<(String, char)> {
        let buf = self.buffer();
        (0..buf.area.width)
            .filter_map(|x| {
                self.highlight_at(x, y)
                    .map(|mark| (buf[(x, y)].symbol().to_string(), mark))
            })
            .collect()
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

/// A string of the interface as an Arabic interface lays it out: a right-to-left
/// line, visual order, shaped.
fn drawn_rtl(text: &str) -> String {
    drawn_as(text, LayoutOptions::default())
}

fn drawn_rtl_unshaped(text: &str) -> String {
    drawn_as(text, unshaped())
}

fn drawn_as(text: &str, options: LayoutOptions) -> String {
    let options = LayoutOptions {
        direction: hiwar::layout::BaseDirection::Rtl,
        ..options
    };
    hiwar::layout::layout(text, 0, &options)
        .first()
        .map(|line| line.visual_text().to_string())
        .unwrap_or_default()
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
    // The Arabic hints at the far end (the left), reading right to left: the last
    // pair, "q خروج", is leftmost: the word (its letters reversed), then the key.
    assert!(status.starts_with(" جورخ q  حيتافم ?"), "{status}");
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

// ------------------------------------------------------------------ search

/// Rows of the frame that have highlighted cells.
fn highlighted_rows(reader: &Reader) -> Vec<u16> {
    (0..reader.buffer().area.height)
        .filter(|&y| !reader.highlighted(y).is_empty())
        .collect()
}

#[test]
fn a_match_split_across_two_lines_is_highlighted_in_both_80x17() {
    // In the third question with the answer's text 37 columns wide, "آسيا" ends a
    // line and "الوسطى" starts the next. Typed without hamza, madda or alef maksura.
    let look = Look {
        answer_width: 37,
        ..Look::for_document("ar")
    };
    let mut reader = Reader::looking(builtin(), 80, 17, unshaped(), look);
    reader.search("اسيا الوسطي");
    let search = reader.app.state().search().expect("a search");
    assert!(
        search.matches.len() >= 3,
        "{} matches",
        search.matches.len()
    );
    // Walk to the match that the answer pane shows on two rows.
    let mut split = None;
    for _ in 0..search.matches.len() {
        let rows: Vec<u16> = highlighted_rows(&reader)
            .into_iter()
            .filter(|&y| reader.highlighted(y).iter().any(|(_, m)| *m == '#'))
            .collect();
        if rows.len() == 2 {
            split = Some(rows);
            break;
        }
        reader.press(&[Action::NextMatch]);
    }
    let rows = split.expect("a match drawn on two rows");
    let text = |y| -> String {
        let mut cells = reader.highlighted(y);
        // Visual order left to right is the reverse of the reading order.
        cells.reverse();
        cells.into_iter().map(|(s, _)| s).collect()
    };
    assert_eq!(escaped(&text(rows[0])), escaped("آسيا"));
    assert_eq!(escaped(&text(rows[1])), escaped("الوسطى"));
    insta::assert_snapshot!(reader.with_highlights());
}

#[test]
fn the_current_match_is_drawn_apart_from_the_others_80x24() {
    let mut reader = Reader::new(80, 24);
    reader.search("الحزام والطريق");
    reader.press(&[Action::NextMatch]);
    let cells: Vec<(String, char)> = highlighted_rows(&reader)
        .into_iter()
        .flat_map(|y| reader.highlighted(y))
        .collect();
    let marks: Vec<char> = cells.iter().map(|(_, m)| *m).collect();
    assert!(marks.contains(&'#') && marks.contains(&'^'), "{marks:?}");
    // "الحزام والطريق" has 13 letters (no lam-alef among them), one cell each; the
    // space between them is a cell too unless a line breaks there.
    let current_letters = cells.iter().filter(|(s, m)| *m == '#' && s != " ").count();
    assert_eq!(current_letters, 13);
    let status = reader.row(23);
    let count = reader
        .app
        .state()
        .search()
        .map(|s| s.matches.len())
        .unwrap_or(0);
    assert!(status.contains(&format!("2/{count}")), "{status}");
    insta::assert_snapshot!(reader.with_highlights());
}

/// A right-to-left interview with an English name, digits and a lam-alef inside.
fn mixed() -> Interview {
    use hiwar::document::{Exchange, Speaker, TextDirection};
    Interview {
        title: "حوار".into(),
        language: "ar".into(),
        direction: TextDirection::Rtl,
        speakers: vec![
            Speaker {
                label: "س".into(),
                name: "سائل".into(),
            },
            Speaker {
                label: "ج".into(),
                name: "مجيب".into(),
            },
        ],
        intro: vec![],
        exchanges: vec![Exchange {
            question: vec!["ما هي مبادرة Belt and Road Initiative؟".into()],
            answer: vec!["أُطلقت مبادرة Belt and Road Initiative عام ٢٠١٣ من أجل السلام.".into()],
            ..Exchange::default()
        }],
        ..Interview::default()
    }
}

#[test]
fn a_match_inside_an_ltr_run_of_rtl_text_80x12() {
    let mut reader = Reader::of(mixed(), 80, 12, LayoutOptions::default());
    reader.search("road ini");
    let search = reader.app.state().search().expect("a search");
    assert_eq!(search.matches.len(), 2, "question and answer");
    // The answer pane shows the question, then the answer: each has "Road Ini"
    // highlighted left to right inside the right-to-left line.
    let answer_rows: Vec<String> = highlighted_rows(&reader)
        .into_iter()
        .filter(|&y| y > 0 && y < 11)
        .map(|y| reader.highlighted(y).into_iter().map(|(s, _)| s).collect())
        .collect();
    assert!(
        answer_rows.contains(&"Road Ini".to_string()),
        "{answer_rows:?}"
    );
    insta::assert_snapshot!(reader.with_highlights());
}

#[test]
fn a_match_inside_a_lam_alef_ligature_highlights_the_ligature() {
    let mut reader = Reader::of(mixed(), 80, 12, LayoutOptions::default());
    // "السلام": the query ends on the lam of the lam-alef ligature.
    reader.search("سل");
    let cells: Vec<String> = highlighted_rows(&reader)
        .into_iter()
        .flat_map(|y| reader.highlighted(y))
        .map(|(s, _)| s)
        .collect();
    // Visual order: the ligature (U+FEFC, final form) left of the seen.
    assert_eq!(
        cells.iter().map(|s| escaped(s)).collect::<Vec<_>>(),
        ["\\u{FEFC}", "\\u{FEB4}"],
        "{cells:?}"
    );
}

#[test]
fn digits_match_across_scripts_and_no_match_says_so() {
    let mut reader = Reader::of(mixed(), 80, 12, LayoutOptions::default());
    reader.search("2013");
    let cells: String = highlighted_rows(&reader)
        .into_iter()
        .flat_map(|y| reader.highlighted(y))
        .map(|(s, _)| s)
        .collect();
    assert_eq!(cells, "٢٠١٣", "the Arabic-Indic digits, left to right");
    reader.search("absent");
    let status = reader.row(11);
    // "لا نتائج: absent", right to left: the query on the left.
    assert!(status.contains(&drawn_rtl("لا نتائج: absent")), "{status}");
    assert!(highlighted_rows(&reader).is_empty());
}

#[test]
fn questions_with_matches_are_marked_in_the_list() {
    let mut reader = Reader::with_options(80, 24, unshaped());
    reader.search("ايضا");
    let marked: Vec<usize> = (2..9)
        .filter(|&y| {
            let row = reader.row(y);
            let pane = row.rsplit('│').next().unwrap_or_default().to_string();
            pane.contains('•')
        })
        .map(|y| y as usize - 2)
        .collect();
    // The introduction and questions 1, 3 and 4 say أيضًا (or أيضا).
    assert_eq!(marked, [0, 1, 3, 4]);
}

#[test]
fn the_prompt_shows_an_arabic_query_right_to_left_with_its_cursor() {
    let mut reader = Reader::with_options(80, 24, unshaped());
    reader.press(&[Action::OpenSearch]);
    for c in "سلام".chars() {
        reader.press(&[Action::Prompt(PromptEdit::Insert(c))]);
    }
    let status = reader.row(23);
    // "/" at the right edge, the query to its left in visual order (م ا ل س), and
    // the cursor (a blank at the logical end: the left).
    assert!(
        escaped(&status).ends_with(" \\u{645}\\u{627}\\u{644}\\u{633} / "),
        "{}",
        escaped(&status)
    );
    let buf = reader.buffer();
    let slash = 78;
    let cursor = slash - 2 - 4;
    assert!(
        buf[(cursor, 23)]
            .modifier
            .contains(ratatui::style::Modifier::REVERSED),
        "the cursor at the logical end"
    );
    // Home: the cursor on the first letter, the rightmost.
    reader.press(&[Action::Prompt(PromptEdit::Home)]);
    let buf = reader.buffer();
    assert!(
        buf[(slash - 2, 23)]
            .modifier
            .contains(ratatui::style::Modifier::REVERSED)
    );
    assert!(
        status.contains(&drawn_rtl_unshaped("Enter بحث  Esc إلغاء")),
        "{status}"
    );
}

#[test]
fn n_scrolls_the_answer_to_show_the_match_with_a_line_of_context_above() {
    use hiwar::document::{Exchange, TextDirection};
    let interview = Interview {
        title: "t".into(),
        language: "en".into(),
        direction: TextDirection::Ltr,
        exchanges: vec![Exchange {
            question: vec!["question".into()],
            answer: (0..40).map(|p| format!("answer paragraph {p}")).collect(),
            ..Exchange::default()
        }],
        ..Interview::default()
    };
    let mut reader = Reader::of(interview, 60, 17, LayoutOptions::default());
    reader.search("paragraph 30");
    let text = reader.app.view().screen().answer_text();
    let rows = highlighted_rows(&reader);
    assert_eq!(rows, [text.y + 1], "the match second from the top");
    let answer_row = |y| -> String {
        reader
            .row(y)
            .chars()
            .skip(text.x as usize)
            .take(text.width as usize)
            .collect()
    };
    assert_eq!(
        answer_row(text.y).trim(),
        "",
        "a blank row above: the context"
    );
    assert_eq!(answer_row(text.y + 1).trim(), "answer paragraph 30");
    // The next match already in view: nothing scrolls.
    reader.search("paragraph 3");
    let top = reader.app.view().answer_top();
    reader.press(&[Action::NextMatch]);
    assert_eq!(
        reader.app.view().answer_top(),
        top,
        "paragraph 30 was in view"
    );
}

// ------------------------------------------------------------------ reading comfort

#[test]
fn the_end_of_an_answer_is_marked_80x24() {
    let mut reader = Reader::new(80, 24);
    reader.press(&[Action::Jump(3), Action::FocusAnswer, Action::Last]);
    let rows = reader.app.view().answer_rows();
    assert!(
        matches!(rows.last(), Some(hiwar::reader::view::AnswerRow::End)),
        "the last row is the end mark"
    );
    let text = reader.app.view().screen().answer_text();
    let last_shown = (text.y..text.bottom())
        .rev()
        .map(|y| reader.row(y))
        .find(|row| {
            !row.chars()
                .all(|c| c == ' ' || is_border(c) || c == '█' || c == '║')
        })
        .unwrap_or_default();
    assert!(last_shown.contains(&drawn_rtl("— انتهى —")), "{last_shown}");
    insta::assert_snapshot!(reader.backend());
}

#[test]
fn a_narrow_terminal_stacks_the_questions_above_the_answer_60x17() {
    let mut reader = Reader::new(60, 17);
    reader.press(&[Action::Jump(3)]);
    let screen = *reader.app.view().screen();
    assert!(screen.stacked);
    assert!(
        screen.questions.bottom() <= screen.answer.y,
        "questions above"
    );
    // Each question keeps a readable opening: more than two words.
    let item = reader.row(screen.questions_inner().y + 2);
    assert!(item.split_whitespace().count() > 5, "{item}");
    // Stacked panes have no sides: ← and → leave the focus.
    reader.press(&[Action::FocusLeft]);
    assert_eq!(
        reader.app.state().focus(),
        hiwar::reader::state::Focus::Questions
    );
    insta::assert_snapshot!(reader.backend());
}

#[test]
fn the_answer_is_capped_to_80_columns_on_the_reading_side_160x45() {
    let mut reader = Reader::with_options(160, 45, unshaped());
    reader.press(&[Action::Jump(3)]);
    let screen = *reader.app.view().screen();
    let text = screen.answer_text();
    assert_eq!(text.width, 80);
    let pane_inner_right = screen.answer.right() - 2;
    assert_eq!(text.right(), pane_inner_right, "against the right edge");
    // No line is wider than the cap, and the block's left half of the pane is empty.
    for y in text.y..text.bottom() {
        let row: String = reader.row(y).chars().take(text.x as usize).collect();
        assert!(row.chars().skip(2).all(|c| c == ' '), "{row}");
    }
}

#[test]
fn the_interface_speaks_the_language_asked_for() {
    // --lang en on the Arabic interview: English words, the screen still mirrored.
    let look = Look {
        language: hiwar::settings::Language::En,
        ..Look::for_document("ar")
    };
    let reader = Reader::looking(builtin(), 80, 24, unshaped(), look);
    assert!(
        reader.row(23).starts_with(" ↑↓ move  Tab pane"),
        "{}",
        reader.row(23)
    );
    assert!(reader.row(1).contains("Questions ━┓"), "{}", reader.row(1));
    // A Hebrew document gets Hebrew words, a Persian one Persian.
    for (language, questions) in [
        ("he", "תולאש"),
        // (The ZWNJ of پرسش‌ها keeps its place between ش and ه: issue 23, item 4.)
        ("fa", "\u{627}\u{647}\u{200C}\u{634}\u{633}\u{631}\u{67E}"),
    ] {
        let mut interview = builtin();
        interview.language = language.into();
        let reader = Reader::of(interview, 80, 24, unshaped());
        assert!(
            reader.row(1).contains(questions),
            "{language}: {}",
            escaped(&reader.row(1))
        );
    }
}

/// The frame with its styles: the text rows, then for each row a line of letters, one
/// per cell, naming its style in the legend that follows (snapshots drop colours).
fn styled(reader: &Reader) -> String {
    let buf = reader.buffer();
    let mut styles: Vec<ratatui::style::Style> = Vec::new();
    let mut out = String::new();
    let mut letters = String::new();
    for y in 0..buf.area.height {
        out.push_str(&format!("\"{}\"\n", reader.row(y)));
        letters.push('"');
        let mut skip = 0;
        for x in 0..buf.area.width {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let cell = &buf[(x, y)];
            skip = unicode_width::UnicodeWidthStr::width(cell.symbol()).saturating_sub(1);
            let style = cell.style();
            let index = styles.iter().position(|s| *s == style).unwrap_or_else(|| {
                styles.push(style);
                styles.len() - 1
            });
            letters.push(char::from(b'a' + (index % 26) as u8));
        }
        letters.push_str("\"\n");
    }
    out.push('\n');
    out.push_str(&letters);
    out.push('\n');
    for (i, style) in styles.iter().enumerate() {
        out.push_str(&format!(
            "{}: fg {:?}, bg {:?}, {:?}\n",
            char::from(b'a' + (i % 26) as u8),
            style.fg,
            style.bg,
            style.add_modifier
        ));
    }
    out
}

/// The built-in interview in `theme` at 80x24: the second question selected, a search
/// for "الحزام والطريق" with its second match current.
fn themed(theme: ThemeName) -> Reader {
    let look = Look {
        theme,
        ..Look::for_document("ar")
    };
    let mut reader = Reader::looking(builtin(), 80, 24, LayoutOptions::default(), look);
    reader.search("الحزام والطريق");
    reader.press(&[Action::NextMatch]);
    reader
}

#[test]
fn each_theme_80x24() {
    for theme in [
        ThemeName::Default,
        ThemeName::Light,
        ThemeName::Dark,
        ThemeName::Mono,
    ] {
        let reader = themed(theme);
        insta::assert_snapshot!(format!("theme_{}_80x24", theme.name()), styled(&reader));
    }
}

#[test]
fn every_theme_keeps_the_selection_and_the_matches_visible() {
    for name in [
        ThemeName::Default,
        ThemeName::Light,
        ThemeName::Dark,
        ThemeName::Mono,
    ] {
        let reader = themed(name);
        let theme = Theme::named(name);
        let buf = reader.buffer();
        // What the terminal is told: colours (unset is the default) and modifiers.
        let style = |x: u16, y: u16| {
            let cell = &buf[(x, y)];
            (cell.fg, cell.bg, cell.modifier)
        };
        let seen = |s: ratatui::style::Style| {
            use ratatui::style::Color;
            (
                s.fg.unwrap_or(Color::Reset),
                s.bg.unwrap_or(Color::Reset),
                s.add_modifier - s.sub_modifier,
            )
        };
        let area = buf.area;
        let cells = || (0..area.height).flat_map(move |y| (0..area.width).map(move |x| (x, y)));
        // The selected question's row, found by its marker, against another row's.
        let marker = cells()
            .find(|&(x, y)| buf[(x, y)].symbol() == "◀")
            .expect("the selection marker");
        let selected = style(marker.0 - 3, marker.1);
        let other = style(marker.0 - 3, marker.1 + 1);
        assert_ne!(selected, other, "{name:?}: the selection shows");
        assert_eq!(selected.2, theme.selected.add_modifier);
        // The matches: every one differs from the text, and the current one from them.
        // A highlight is drawn over the text, a question or a speaker's name.
        let bases = [theme.text, theme.question, theme.speaker];
        let drawn_as = |highlight: ratatui::style::Style| {
            move |&(x, y): &(u16, u16)| {
                bases
                    .iter()
                    .any(|b| style(x, y) == seen(b.patch(highlight)))
            }
        };
        let current: Vec<_> = cells().filter(drawn_as(theme.current_match)).collect();
        let others: Vec<_> = cells().filter(drawn_as(theme.search_match)).collect();
        assert!(
            current.len() >= 13,
            "{name:?}: {} current cells",
            current.len()
        );
        assert!(!others.is_empty(), "{name:?}: other matches");
        let text = theme.text;
        for highlight in [theme.current_match, theme.search_match] {
            let drawn = text.patch(highlight);
            assert_ne!(drawn, text, "{name:?}");
        }
        assert_ne!(
            text.patch(theme.current_match),
            text.patch(theme.search_match),
            "{name:?}"
        );
        // Mono: no colour anywhere on screen.
        if name == ThemeName::Mono {
            for (x, y) in cells() {
                let cell = &buf[(x, y)];
                assert_eq!(
                    (cell.fg, cell.bg),
                    (ratatui::style::Color::Reset, ratatui::style::Color::Reset),
                    "({x}, {y}) {:?}",
                    cell.symbol()
                );
            }
        }
    }
}

//! Markdown interviews: the parser on Arabic and English documents (bold and plain
//! labels, headings, lists, quotes, front matter, CRLF, BOM), pandoc's GFM of the
//! built-in interview, the JSON round trip, emphasis on the right cells in the
//! reader (snapshots with a marks row, and exact cells by code point) and in print
//! to a terminal, format detection, and hostile Markdown through print, export and
//! the reader.

mod common;

use std::ops::Range;

use common::{hiwar, hiwar_piped, stdout_of};

use hiwar::document::inline::Block;
use hiwar::document::input::{Format, Source};
use hiwar::document::markdown::{parse_markdown, parse_paragraph, to_markdown};
use hiwar::document::passages::{self, Item, Role};
use hiwar::document::{Emphasis, Inline, Interview, Markup, TextDirection, TextOptions};
use hiwar::layout::{BaseDirection, LayoutOptions, layout};
use hiwar::print::interview_paragraphs;
use hiwar::reader::Action;
use hiwar::reader::Reader as App;
use hiwar::reader::state::PromptEdit;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::{Color, Modifier};

const ARABIC: &str = "\
# حوار مع السفير

مقدمة الحوار، وفيها *كلام مائل* و**كلام عريض**.

## خلفية

**ج.ت:** ما رأيك في مبادرة *الحزام والطريق*؟

**تشانغ:** أرى أنها **ناجحة جدًا**، وقد بلغ حجم التجارة `31.5%` من [الإجمالي](https://example.org/t).

- البند الأول **مهم**
- البند الثاني
  1. فرعي

> اقتباس *داخل* الجواب

**ج.ت:** سؤال ثان عن **مبادرة Belt and Road الصينية**؟

**تشانغ:** جواب.
";

const ENGLISH: &str = "\
---
title: 'Ten years of the Belt and Road: an interview'
lang: en
---

# A heading that is not the title

Introduction with *italic* text.

Q: Why does it *matter*?

**Zhang Xiao**: Because of `trade`, and **much** more.

Q: And next?

Zhang Xiao: More of the same.
";

fn markdown(text: &str) -> Interview {
    parse_markdown(text, &TextOptions::default())
}

/// The text of a run of a paragraph's markup: the bytes it covers.
fn runs(text: &str, inline: &Inline) -> Vec<(String, Emphasis)> {
    inline
        .spans()
        .iter()
        .map(|s| (text[s.range.clone()].to_string(), s.emphasis))
        .collect()
}

fn range_of(text: &str, part: &str) -> Range<usize> {
    let start = text.find(part).expect("part of the text");
    start..start + part.len()
}

#[test]
fn an_arabic_interview_with_bold_labels() {
    let interview = markdown(ARABIC);
    assert_eq!(interview.title, "حوار مع السفير");
    assert_eq!(interview.markup, Markup::Markdown);
    assert_eq!(interview.language, "ar");
    assert_eq!(interview.direction, TextDirection::Rtl);
    let labels: Vec<&str> = interview
        .speakers
        .iter()
        .map(|s| s.label.as_str())
        .collect();
    assert_eq!(labels, ["ج.ت", "تشانغ"]);
    // The heading before the first exchange belongs to the introduction.
    assert_eq!(
        interview.intro,
        ["مقدمة الحوار، وفيها كلام مائل وكلام عريض.", "خلفية"]
    );
    assert_eq!(
        runs(&interview.intro[0], &interview.intro_inline[0]),
        [
            ("كلام مائل".to_string(), Emphasis::ITALIC),
            ("كلام عريض".to_string(), Emphasis::BOLD)
        ]
    );
    assert_eq!(
        runs(&interview.intro[1], &interview.intro_inline[1]),
        [("خلفية".to_string(), Emphasis::BOLD)],
        "a heading is shown bold"
    );
    assert_eq!(interview.exchanges.len(), 2);
    let first = &interview.exchanges[0];
    assert_eq!(first.question, ["ما رأيك في مبادرة الحزام والطريق؟"]);
    // The label is structure: its bold run went with it.
    assert_eq!(
        runs(&first.question[0], &first.question_inline[0]),
        [("الحزام والطريق".to_string(), Emphasis::ITALIC)]
    );
    assert_eq!(
        first.answer,
        [
            "أرى أنها ناجحة جدًا، وقد بلغ حجم التجارة 31.5% من الإجمالي.",
            "• البند الأول مهم",
            "• البند الثاني",
            "  1. فرعي",
            "│ اقتباس داخل الجواب",
        ]
    );
    let answer = &first.answer[0];
    let inline = &first.answer_inline[0];
    assert_eq!(
        runs(answer, inline),
        [
            ("ناجحة جدًا".to_string(), Emphasis::BOLD),
            ("31.5%".to_string(), Emphasis::CODE),
            ("الإجمالي".to_string(), Emphasis::LINK),
        ]
    );
    assert_eq!(inline.links()[0].url, "https://example.org/t");
    assert_eq!(inline.links()[0].range, range_of(answer, "الإجمالي"));
    assert_eq!(
        interview.exchanges[1].question,
        ["سؤال ثان عن مبادرة Belt and Road الصينية؟"]
    );
}

#[test]
fn an_english_interview_with_plain_and_bold_labels_and_front_matter() {
    let interview = markdown(ENGLISH);
    assert_eq!(
        interview.title, "Ten years of the Belt and Road: an interview",
        "front matter's title first"
    );
    assert_eq!(interview.direction, TextDirection::Ltr);
    // With a title from the front matter, the level-1 heading is text.
    assert_eq!(
        interview.intro,
        [
            "A heading that is not the title",
            "Introduction with italic text."
        ]
    );
    let labels: Vec<&str> = interview
        .speakers
        .iter()
        .map(|s| s.label.as_str())
        .collect();
    assert_eq!(
        labels,
        ["Q", "Zhang Xiao"],
        "`**Zhang Xiao**:` and `Zhang Xiao:`"
    );
    assert_eq!(interview.exchanges.len(), 2);
    let first = &interview.exchanges[0];
    assert_eq!(first.question, ["Why does it matter?"]);
    assert_eq!(first.answer, ["Because of trade, and much more."]);
    assert_eq!(
        runs(&first.answer[0], &first.answer_inline[0]),
        [
            ("trade".to_string(), Emphasis::CODE),
            ("much".to_string(), Emphasis::BOLD)
        ]
    );
    assert_eq!(interview.exchanges[1].answer, ["More of the same."]);
}

#[test]
fn labels_start_only_top_level_paragraphs() {
    // Lists, quotes and headings that look like labels stay in their turn.
    let interview = markdown(
        "Q: one?\n\nA: yes.\n\n- Q: not a question\n\n> A: not a turn\n\n## Q: not either\n\nQ: two?\n\nA: no.\n",
    );
    assert_eq!(interview.exchanges.len(), 2);
    assert_eq!(
        interview.exchanges[0].answer,
        [
            "yes.",
            "• Q: not a question",
            "│ A: not a turn",
            "Q: not either"
        ]
    );
}

#[test]
fn crlf_and_a_byte_order_mark_read_the_same() {
    let crlf = format!("\u{feff}{}", ARABIC.replace('\n', "\r\n"));
    assert_eq!(markdown(&crlf), markdown(ARABIC));
    let crlf = ENGLISH.replace('\n', "\r\n");
    assert_eq!(markdown(&crlf), markdown(ENGLISH));
}

/// `pandoc -f html -t gfm` of the built-in interview as a web page shows it
/// (tests/data/make-interview-gfm.sh): the same paragraphs, labels, exchanges and
/// title as the plain text.
#[test]
fn pandoc_gfm_of_the_builtin_interview_reads_as_the_plain_text() {
    let gfm = std::fs::read_to_string("tests/data/interview-ar.gfm.md").expect("vendored");
    let from_markdown = markdown(&gfm);
    let builtin = Interview::builtin();
    assert_eq!(from_markdown.title, builtin.title);
    assert_eq!(from_markdown.intro, builtin.intro);
    assert_eq!(from_markdown.exchanges.len(), 7);
    for (md, text) in from_markdown.exchanges.iter().zip(&builtin.exchanges) {
        assert_eq!(md.question, text.question);
        assert_eq!(md.answer, text.answer);
        assert_eq!(md.answered_by, text.answered_by);
    }
    let labels =
        |i: &Interview| -> Vec<String> { i.speakers.iter().map(|s| s.label.clone()).collect() };
    assert_eq!(labels(&from_markdown), labels(&builtin));
    assert_eq!(from_markdown.language, builtin.language);
    assert_eq!(from_markdown.direction, builtin.direction);
    // pandoc wrapped the lines; nothing is styled but the labels, which went.
    assert!(!from_markdown.has_inline_markup());
}

#[test]
fn export_keeps_inline_markdown_and_reads_back_the_same() {
    for text in [ARABIC, ENGLISH] {
        let interview = markdown(text);
        let json = interview.to_json();
        assert!(json.contains("\"markup\": \"markdown\""));
        let back = Interview::from_json(&json).expect("export reads back");
        assert_eq!(back, interview);
    }
    let json = markdown(ARABIC).to_json();
    assert!(json.contains(
        "أرى أنها **ناجحة جدًا**، وقد بلغ حجم التجارة `31.5%` من [الإجمالي](<https://example.org/t>)."
    ));
    assert!(json.contains("\"• البند الأول **مهم**\""));
    // A text or JSON interview exports as before: no markup field.
    assert!(!Interview::builtin().to_json().contains("markup"));
}

#[test]
fn what_markdown_marks_up_is_written_back_the_same() {
    // Nesting, delimiters side by side, punctuation at the edges, code with
    // backticks, links with markup: each read, written, read again.
    for markdown in [
        "***a** b*",
        "*a **b***",
        "**a***b*",
        "x***y***z",
        "a__b__c _d_e_",
        "**\"q\"**x and *(p)*",
        "[**x** y](<u v>) and ![*alt*](i.png) and [![i](i.png) t](u)",
        "**`c`** and `` a`b `` and ` `` `",
        "~~s~~*i* **b**~~s~~",
        "&#32;**a** &#42;b&#42;",
        "**a**\n**b**  \nc",
        "<https://e.org/a_b> <m@e.org>",
        "**س:** نص *مائل* و**عريض**",
    ] {
        let (text, inline) = parse_paragraph(markdown);
        let written = to_markdown(&text, &inline);
        let (again, again_inline) = parse_paragraph(&written);
        assert_eq!(again, text, "{markdown:?} → {written:?}");
        assert_eq!(again_inline, inline, "{markdown:?} → {written:?}");
    }
}

// ------------------------------------------------------------------ the reader

struct Reader {
    app: App,
    terminal: Terminal<TestBackend>,
}

impl Reader {
    fn of(interview: Interview, width: u16, height: u16) -> Self {
        let mut reader = Reader {
            app: App::new(interview, LayoutOptions::default()),
            terminal: Terminal::new(TestBackend::new(width, height)).expect("test backend"),
        };
        reader.draw();
        reader
    }

    fn draw(&mut self) {
        let app = &mut self.app;
        self.terminal.draw(|frame| app.draw(frame)).expect("draw");
    }

    /// Selects question `question` (0 for the first).
    fn select(&mut self, question: usize) {
        self.app.apply(hiwar::reader::Action::Jump(question + 1));
        self.draw();
    }

    fn buffer(&self) -> &ratatui::buffer::Buffer {
        self.terminal.backend().buffer()
    }

    /// The emphasis a cell is drawn with: `b` bold, `i` italic, `B` both, `c` code,
    /// `u` link (cells of the speaker's name and of the panes' chrome, drawn in
    /// their own colours, get none).
    fn mark(&self, x: u16, y: u16) -> char {
        let cell = &self.buffer()[(x, y)];
        if cell.bg != Color::Reset || cell.fg == Color::Yellow {
            return ' ';
        }
        let m = cell.modifier;
        if cell.fg == Color::Green {
            'c'
        } else if m.contains(Modifier::UNDERLINED) {
            'u'
        } else if m.contains(Modifier::BOLD | Modifier::ITALIC) {
            'B'
        } else if m.contains(Modifier::BOLD) {
            'b'
        } else if m.contains(Modifier::ITALIC) {
            'i'
        } else {
            ' '
        }
    }

    /// The frame, each row followed by a row of its cells' emphasis marks (when it
    /// has any): snapshots drop styles.
    fn with_marks(&self) -> String {
        let buf = self.buffer();
        let mut out = String::new();
        for y in 0..buf.area.height {
            let row: String = (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect();
            out.push_str(&format!("\"{row}\"\n"));
            let mut marks = String::from(" ");
            let mut skip = 0;
            for x in 0..buf.area.width {
                if skip > 0 {
                    skip -= 1;
                    continue;
                }
                skip =
                    unicode_width::UnicodeWidthStr::width(buf[(x, y)].symbol()).saturating_sub(1);
                marks.push(self.mark(x, y));
            }
            if !marks.trim().is_empty() {
                out.push_str(marks.trim_end());
                out.push('\n');
            }
        }
        out
    }

    /// The symbols of row `y`'s cells marked `mark`, left to right.
    fn marked(&self, y: u16, mark: char) -> String {
        let buf = self.buffer();
        (0..buf.area.width)
            .filter(|&x| self.mark(x, y) == mark)
            .map(|x| buf[(x, y)].symbol().to_string())
            .collect()
    }

    /// The row that shows `visual` (a laid-out fragment), from `from` down.
    fn row_with(&self, visual: &str, from: u16) -> u16 {
        let buf = self.buffer();
        (from..buf.area.height)
            .find(|&y| {
                let row: String = (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect();
                row.contains(visual)
            })
            .unwrap_or_else(|| panic!("{visual:?} on screen"))
    }
}

/// How `text` shows on its own in a right-to-left line: its cells, left to right.
fn visual(text: &str) -> String {
    let options = LayoutOptions {
        direction: BaseDirection::Rtl,
        shaping: true,
    };
    layout(text, 0, &options)[0].visual_text().to_string()
}

/// An answer with bold and italic runs in Arabic, one inside and across a Latin
/// run, and a bold run long enough to wrap.
const STYLED: &str = "\
# عرض

**س:** سؤال أول؟

**ج:** نعم، **المبادرة ناجحة** وقد شملت *مشروعات Belt and Road الكبرى* في آسيا، ثم **توسعت حتى شملت دولًا كثيرة في آسيا الوسطى وأوروبا وأفريقيا** خلال عشر سنوات، و`code` هنا.

**س:** سؤال ثان؟

**ج:** جواب.
";

#[test]
fn emphasis_in_a_right_to_left_answer_lands_on_its_cells() {
    let mut reader = Reader::of(markdown(STYLED), 60, 16);
    reader.select(0);
    insta::assert_snapshot!(
        "emphasis_in_a_right_to_left_answer_60x16",
        reader.with_marks()
    );

    // Bold, by code point: the cells of `المبادرة ناجحة` and nothing else on
    // its row.
    let y = reader.row_with(&visual("المبادرة ناجحة"), 0);
    assert_eq!(reader.marked(y, 'b'), visual("المبادرة ناجحة"));
    // Italic across an LTR run: the Arabic words at their ends, the Latin words
    // in their own order between, all the cells of the run.
    let italic = "مشروعات Belt and Road الكبرى";
    let y = reader.row_with("Belt and Road", 0);
    let shown: String = reader.marked(y, 'i');
    assert!(
        visual(italic).contains(&shown) && shown.contains("Belt and Road"),
        "{shown:?} within {:?}",
        visual(italic)
    );
    // The long bold run wraps: its cells on two rows make up its words.
    let long = "توسعت حتى شملت دولًا كثيرة في آسيا الوسطى وأوروبا وأفريقيا";
    let first = reader.row_with(&visual("توسعت"), 0);
    let mut words: Vec<String> = Vec::new();
    for y in first..first + 2 {
        words.extend(
            reader
                .marked(y, 'b')
                .split(' ')
                .filter(|w| !w.is_empty())
                .map(str::to_string),
        );
    }
    let mut expected: Vec<String> = long.split(' ').map(visual).collect();
    words.sort();
    expected.sort();
    assert_eq!(words, expected, "the bold run across two lines");
    // Code.
    let y = reader.row_with("code", 0);
    assert_eq!(reader.marked(y, 'c'), "code");
}

#[test]
fn emphasis_follows_a_narrow_pane() {
    let mut reader = Reader::of(markdown(STYLED), 40, 20);
    reader.select(0);
    insta::assert_snapshot!("emphasis_in_a_narrow_pane_40x20", reader.with_marks());
}

#[test]
fn emphasis_in_an_english_answer() {
    let mut reader = Reader::of(markdown(ENGLISH), 80, 12);
    reader.select(0);
    insta::assert_snapshot!("emphasis_in_an_english_answer_80x12", reader.with_marks());
    let y = reader.row_with("Because", 0);
    assert_eq!(reader.marked(y, 'c'), "trade");
    assert_eq!(reader.marked(y, 'b'), "much");
}

// ------------------------------------------------------------------ sections

/// An Arabic article: headings, no speakers (tests/data/article-ar.md).
const ARTICLE: &str = include_str!("data/article-ar.md");

#[test]
fn an_article_without_speakers_reads_as_sections() {
    let article = markdown(ARTICLE);
    assert_eq!(article.title, "دليل القارئ إلى لغة رست");
    assert!(article.exchanges.is_empty() && article.speakers.is_empty());
    let headings: Vec<(u8, &str)> = article
        .sections
        .iter()
        .map(|s| (s.level, s.heading.as_str()))
        .collect();
    assert_eq!(
        headings,
        [
            (2, "لماذا رست؟"),
            (3, "مثال أول"),
            (2, "مقارنة بين اللغات"),
            (2, "قائمة المهام"),
            (2, "خاتمة"),
        ]
    );
    // What comes before the first heading is the introduction.
    assert_eq!(article.intro.len(), 1);
    assert!(article.intro[0].starts_with("هذه مقالة قصيرة"));

    // The list: the introduction, then each section.
    assert!(passages::lists_sections(&article));
    assert_eq!(passages::item_count(&article), 6);
    assert_eq!(passages::item(&article, 0), Item::Intro);
    assert_eq!(passages::item(&article, 2), Item::Section(1));
    // A section reads from its heading.
    let shown = passages::passages(&article, Item::Section(1));
    assert_eq!((shown[0].role, shown[0].text), (Role::Heading, "مثال أول"));
    assert_eq!(
        (shown[1].role, shown[1].text),
        (Role::Section, "هذا برنامج يطبع تحية بالعربية:")
    );
    assert!(
        shown
            .iter()
            .all(|p| p.speaker.is_none() && p.number.is_none())
    );
    // `y` copies the section: its heading, then its paragraphs.
    let copied = passages::plain_text(&article, Item::Section(1));
    assert!(
        copied.starts_with("مثال أول\n\nهذا برنامج يطبع تحية بالعربية:\n\nfn main() {"),
        "{copied:?}"
    );
    // Print writes what it wrote before sections: every block in order.
    let printed = interview_paragraphs(&article);
    assert_eq!(
        printed.len(),
        1 + 1
            + 5
            + article
                .sections
                .iter()
                .map(|s| s.paragraphs.len())
                .sum::<usize>()
    );
    assert_eq!(
        printed[..3],
        [
            article.title.as_str(),
            article.intro[0].as_str(),
            "لماذا رست؟"
        ]
    );
}

#[test]
fn an_interview_with_headings_keeps_its_exchanges() {
    let interview = markdown(ARABIC);
    assert!(interview.sections.is_empty());
    assert_eq!(interview.exchanges.len(), 2);
    assert!(!passages::lists_sections(&interview));
}

#[test]
fn a_front_matter_title_and_an_equal_heading_show_once() {
    let doc = markdown("---\ntitle: مقالة\n---\n\n# مقالة\n\nنص.\n\n## قسم\n\nنص آخر.\n");
    assert_eq!(doc.title, "مقالة");
    assert_eq!(
        interview_paragraphs(&doc),
        ["مقالة", "نص.", "قسم", "نص آخر."]
    );
    // Another heading under a front matter title stays.
    let doc = markdown("---\ntitle: مقالة\n---\n\n# عنوان آخر\n\nنص.\n");
    assert_eq!(doc.sections[0].heading, "عنوان آخر");
}

#[test]
fn sections_in_json_say_version_2_and_files_of_version_1_still_read() {
    let article = markdown(ARTICLE);
    let json = article.to_json();
    assert!(json.starts_with("{\n  \"version\": 2,\n"), "{json}");
    assert!(json.contains("\"sections\": [\n    {\n      \"level\": 2,\n      \"heading\": "));
    assert_eq!(Interview::from_json(&json).expect("reads back"), article);
    // An interview has no version: its JSON is as before.
    let interview = markdown(ARABIC);
    let old = interview.to_json();
    assert!(!old.contains("\"version\""));
    assert_eq!(Interview::from_json(&old).expect("version 1"), interview);
    let v1 = old.replacen("{\n", "{\n  \"version\": 1,\n", 1);
    assert_eq!(
        Interview::from_json(&v1).expect("version 1, said"),
        interview
    );

    let error = |json: &str| Interview::from_json(json).expect_err("refused").to_string();
    assert_eq!(
        error(&json.replacen("  \"version\": 2,\n", "", 1)),
        "not a hiwar interview: `sections` come with \"version\": 2"
    );
    assert_eq!(
        error(&json.replacen("\"version\": 2", "\"version\": 3", 1)),
        "not a hiwar interview: version 3 of the JSON form; this hiwar reads versions 1 and 2"
    );
    assert!(
        error(&json.replacen("\"level\": 2", "\"level\": 7", 1))
            .ends_with("expected a heading level (1 to 6), found the number 7"),
    );
    let both = json.replacen(
        "\"exchanges\": []",
        &old[old.find("\"exchanges\"").expect("exchanges")..old.rfind(']').expect("end") + 1],
        1,
    );
    assert_eq!(
        error(&both),
        "not a hiwar interview: a document has exchanges (speakers) or sections (headings), not both"
    );
}

#[test]
fn the_contents_list_the_sections_nested_with_matches_marked() {
    let mut reader = Reader::of(markdown(ARTICLE), 100, 24);
    reader.select(1);
    insta::assert_snapshot!("an_article_as_sections_100x24", reader.with_marks());
    // The list's title and the pane's: contents and section.
    let top: String = (0..100)
        .map(|x| reader.buffer()[(x, 1)].symbol().to_string())
        .collect();
    assert!(
        top.contains(&visual("المحتويات")) && top.contains(&visual("القسم")),
        "{top}"
    );
    // A level-3 heading is indented by two columns from the level-2 ones.
    // The list pane: the right 32 columns.
    let indent = |text: &str| {
        let list = |y: u16| -> String {
            (68..100)
                .map(|x| reader.buffer()[(x, y)].symbol().to_string())
                .collect()
        };
        let y = (2..24)
            .find(|&y| list(y).contains(&visual(text)))
            .expect("in the list");
        list(y)
            .trim_end_matches('┃')
            .chars()
            .rev()
            .take_while(|c| *c == ' ' || *c == '◀')
            .count()
    };
    assert_eq!(indent("مثال أول"), indent("لماذا رست؟") + 2);

    // Search counts per section: `رست` is in the title (not searched), the
    // introduction, the first section and the table's.
    let found = hiwar::reader::search::search(&reader.app.state().interview().clone(), "رست");
    let mut items: Vec<usize> = found.iter().map(|m| m.item()).collect();
    items.dedup();
    assert_eq!(items, [0, 1, 3]);
    reader.app.apply(Action::OpenSearch);
    for c in "رست".chars() {
        reader.app.apply(Action::Prompt(PromptEdit::Insert(c)));
    }
    reader.app.apply(Action::Prompt(PromptEdit::Submit));
    reader.draw();
    insta::assert_snapshot!("an_article_searched_100x24", reader.with_marks());
}

#[test]
fn an_article_in_a_narrow_terminal() {
    let mut reader = Reader::of(markdown(ARTICLE), 40, 20);
    reader.select(0);
    insta::assert_snapshot!("an_article_as_sections_40x20", reader.with_marks());
    // Paging on from the end of a section opens the next one.
    assert_eq!(reader.app.state().selected_item(), Item::Section(0));
    reader.app.apply(Action::FocusAnswer);
    for _ in 0..10 {
        if reader.app.state().selected_item() != Item::Section(0) {
            break;
        }
        reader.app.apply(Action::PageDown);
        reader.draw();
    }
    assert_eq!(reader.app.state().selected_item(), Item::Section(1));
}

// ------------------------------------------------------------------ blocks

/// Print of a document as the command line lays it out for a right-to-left one.
fn printed(doc: &Interview, width: usize) -> String {
    let options = LayoutOptions {
        direction: BaseDirection::Rtl,
        shaping: true,
    };
    let mut out = Vec::new();
    hiwar::print::print_interview(&mut out, doc, width, &options).expect("a Vec");
    String::from_utf8(out).expect("UTF-8")
}

#[test]
fn a_code_block_prints_as_written_left_to_right_in_an_arabic_document() {
    let doc = markdown(
        "# عنوان\n\nنص عربي قبل الشيفرة.\n\n```rust\nfn main() {\n    println!(\"مرحبا\");\n}\n```\n",
    );
    assert_eq!(doc.intro[1], "fn main() {\n    println!(\"مرحبا\");\n}");
    assert_eq!(
        doc.intro_inline[1].block(),
        &Block::Code {
            language: "rust".into()
        }
    );
    let out = printed(&doc, 60);
    let lines: Vec<&str> = out.lines().collect();
    // Its own lines, at the left edge, indentation kept, not shaped: the Arabic
    // word reads right to left inside the left-to-right line (ابحرم on screen is
    // مرحبا, letters U+0645 U+0631 U+062D U+0628 U+0627 in logical order).
    let at = lines.iter().position(|l| *l == "fn main() {").expect(&out);
    assert_eq!(
        lines[at + 1],
        "    println!(\"\u{627}\u{628}\u{62d}\u{631}\u{645}\");"
    );
    assert_eq!(lines[at + 2], "}");
    // Before, the issue saw `{ ;("ﺎﺒﺣﺮﻣ")!println } ()fn main`.
    assert!(!out.contains('\u{FE8E}'), "no presentation forms in code");
    // A line wider than the width wraps, each row but the last marked.
    let long = markdown(&format!(
        "نص.\n\n```\n{}\n```\n",
        "let x = 1; ".repeat(8).trim_end()
    ));
    let out = printed(&long, 30);
    let rows: Vec<&str> = out.lines().skip(2).collect();
    assert!(rows.len() >= 3, "{out}");
    for row in &rows[..rows.len() - 1] {
        assert!(row.ends_with('↩') && row.chars().count() <= 30, "{row:?}");
    }
    let joined: String = rows
        .iter()
        .map(|r| r.trim_end_matches('↩'))
        .collect::<Vec<_>>()
        .join("");
    assert_eq!(
        joined.replace(' ', ""),
        "let x = 1; ".repeat(8).replace(' ', "")
    );
}

#[test]
fn an_rtl_table_prints_as_a_table_first_column_on_the_right() {
    let doc = markdown("نص.\n\n| اللغة | السنة |\n|---|---|\n| رست | 2015 |\n| Go | 2009 |\n");
    assert_eq!(doc.intro[1], "اللغة\tالسنة\nرست\t2015\nGo\t2009");
    let Block::Table(table) = doc.intro_inline[1].block() else {
        panic!("a table: {:?}", doc.intro_inline[1]);
    };
    assert_eq!(table.header_rows, 1);
    assert_eq!(table.rows.len(), 3);
    let wide = printed(&doc, 40);
    insta::assert_snapshot!("an_rtl_table_printed_at_40", wide);
    let lines: Vec<&str> = wide.lines().skip(2).collect();
    // The first column (اللغة, رست, Go) on the right; the header set apart.
    let go = lines.iter().find(|l| l.contains("Go")).expect(&wide);
    assert!(go.find("Go") > go.find("2009"), "{go}");
    assert!(lines.iter().any(|l| l.contains('╪')), "{wide}");
    // At the right edge of the width.
    assert!(lines.iter().all(|l| l.chars().count() == 40), "{wide}");
    // Narrower than the table: cells wrap inside their columns.
    let doc = markdown(
        "| العمود الأول | العمود الثاني الطويل جدا |\n|---|---|\n| خلية فيها كلام كثير | قصيرة |\n",
    );
    let narrow = printed(&doc, 24);
    insta::assert_snapshot!("a_wide_table_printed_at_24", narrow);
    assert!(narrow.lines().all(|l| l.chars().count() <= 24), "{narrow}");
}

#[test]
fn images_are_marked_and_links_keep_their_urls() {
    let doc = markdown(
        "نص.\n\n![شعار رست](https://example.org/rust.png)\n\nراجع [الكتاب](https://doc.rust-lang.org/book/).\n",
    );
    assert_eq!(doc.intro[1], "[صورة: شعار رست]");
    assert_eq!(
        doc.intro_inline[1].links()[0].url,
        "https://example.org/rust.png"
    );
    let english = markdown("Text.\n\n![a logo](logo.png)\n");
    assert_eq!(english.intro[1], "[image: a logo]");
    // print --plain shows the URLs.
    let plain: Vec<String> = hiwar::document::markdown::plain_paragraphs(
        "نص.\n\n![شعار رست](https://example.org/rust.png)\n\nراجع [الكتاب](https://doc.rust-lang.org/book/).\n",
    )
    .into_iter()
    .map(|(text, _)| text)
    .collect();
    assert_eq!(
        plain,
        [
            "نص.",
            "[صورة: شعار رست] (https://example.org/rust.png)",
            "راجع الكتاب (https://doc.rust-lang.org/book/).",
        ]
    );
}

#[test]
fn task_lists_footnotes_and_strikethrough_read_as_text() {
    let doc = markdown("نص.\n\n- [x] تم\n- [ ] لم يتم\n- ~~ملغى~~\n\nجملة.[^1]\n\n[^1]: حاشية.\n");
    assert_eq!(
        doc.intro,
        [
            "نص.",
            "• ☑ تم",
            "• ☐ لم يتم",
            "• ملغى",
            "جملة.[1]",
            "[1]: حاشية."
        ]
    );
    assert_eq!(
        runs(&doc.intro[3], &doc.intro_inline[3]),
        [("ملغى".to_string(), Emphasis::STRIKE)]
    );
}

#[test]
fn code_blocks_and_tables_come_back_the_same_from_json() {
    let article = markdown(ARTICLE);
    let json = article.to_json();
    assert!(json.contains("```rust\\nfn main() {"), "{json}");
    assert!(json.contains("| **اللغة** | **سنة الظهور** |"), "{json}");
    let back = Interview::from_json(&json).expect("reads back");
    assert_eq!(back, article);
}

proptest::proptest! {
    /// A code block's text is the code as written, and its laid-out cells, at
    /// any width, hold every byte of it once, in logical order within each line.
    #[test]
    fn code_blocks_come_out_byte_identical(
        lines in proptest::collection::vec("[a-z0-9 (){};=\"،مرحبا]{0,40}", 1..6),
        width in proptest::sample::select(vec![0usize, 5, 13, 40]),
    ) {
        let code = lines.join("\n");
        let code = code.trim_end();
        proptest::prop_assume!(!code.trim().is_empty());
        let doc = markdown(&format!("نص.\n\n```\n{code}\n```\n"));
        proptest::prop_assert_eq!(doc.intro[1].as_str(), code);
        let laid = hiwar::blocks::code_lines(code, width);
        let mut seen: Vec<std::ops::Range<usize>> = laid
            .iter()
            .flat_map(|l| l.cells().iter().map(|c| c.source.clone()))
            .filter(|r| !r.is_empty())
            .collect();
        seen.sort_by_key(|r| r.start);
        let rebuilt: String = seen.iter().map(|r| &code[r.clone()]).collect();
        proptest::prop_assert_eq!(rebuilt.replace(' ', ""), code.replace(['\n', ' '], ""));
        let json = doc.to_json();
        proptest::prop_assert_eq!(Interview::from_json(&json).expect("JSON"), doc);
    }
}

#[test]
fn the_reader_draws_code_as_a_block_and_tables_as_tables() {
    let mut reader = Reader::of(markdown(ARTICLE), 100, 24);
    reader.select(2);
    insta::assert_snapshot!("an_article_table_100x24", reader.with_marks());
    let screen: Vec<String> = (0..24)
        .map(|y| {
            (0..100)
                .map(|x| reader.buffer()[(x, y)].symbol().to_string())
                .collect()
        })
        .collect();
    // The first column (اللغة, then رست, Go, سي) is the rightmost.
    let go = screen
        .iter()
        .find(|r| r.contains("│ Go "))
        .expect("the Go row");
    assert!(go.find("Go") > go.find("2009"), "{go}");
    assert!(
        screen.iter().any(|r| r.contains('╞')),
        "the header set apart"
    );
    // The code: each line its own row, after the bar, left to right.
    reader.select(1);
    let row = |y: u16| -> String {
        (0..100)
            .map(|x| reader.buffer()[(x, y)].symbol().to_string())
            .collect()
    };
    let y = reader.row_with("fn main() {", 0);
    assert!(row(y).starts_with("│ ▎ fn main() {"), "{}", row(y));
    assert!(
        row(y + 1).starts_with("│ ▎     let greeting = \""),
        "{}",
        row(y + 1)
    );
    let mut reader = Reader::of(markdown(ARTICLE), 40, 30);
    reader.select(1);
    insta::assert_snapshot!("an_article_code_40x30", reader.with_marks());
    reader.select(2);
    insta::assert_snapshot!("an_article_table_40x30", reader.with_marks());
}

// ------------------------------------------------------------------ the binary

#[test]
fn the_format_is_chosen_by_name_content_or_flag() {
    let dir = common::scratch("markdown", "format");
    let with_heading = "# Title\n\nQ: a?\n\nA: b.\n\nQ: c?\n\nA: d.\n";
    let source = |name: &str| Source::File(common::write(&dir, name, with_heading.as_bytes()));
    assert_eq!(
        source("talk.md").format(with_heading, None),
        Format::Markdown
    );
    assert_eq!(
        source("talk.MARKDOWN").format(with_heading, None),
        Format::Markdown
    );
    assert_eq!(
        source("talk").format(with_heading, None),
        Format::Markdown,
        "sniffed"
    );
    assert_eq!(
        source("talk.txt").format(with_heading, None),
        Format::Text,
        "named text"
    );
    assert_eq!(
        source("talk.txt").format(with_heading, Some(Format::Markdown)),
        Format::Markdown
    );
    assert_eq!(
        Source::Stdin.format("**Q:** a\n\n**A:** b\n", None),
        Format::Markdown
    );
    assert_eq!(
        Source::Stdin.format("Q: a\nA: b\nQ: c\nA: d\n", None),
        Format::Text
    );
    assert_eq!(
        Source::Stdin.format("a *b* c\n", None),
        Format::Text,
        "too weak a sign"
    );
    // Through the binary: standard input sniffed, --format forcing either way.
    let printed = stdout_of(
        hiwar_piped()
            .args(["--print", "--width", "40", "-"])
            .write_stdin(with_heading),
    );
    assert!(printed.starts_with("Title\n\n1. Q: a?\n"), "{printed:?}");
    let as_text = stdout_of(
        hiwar_piped()
            .args(["--print", "--width", "40", "--format", "text", "-"])
            .write_stdin(with_heading),
    );
    assert!(as_text.starts_with("# Title\n"), "{as_text:?}");
    let out = hiwar()
        .args(["--format", "markdown", "--print"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let out = hiwar()
        .args(["--format", "json", "--print", "--plain", "-"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn print_to_a_pipe_has_no_styles_and_plain_print_shows_urls() {
    let dir = common::scratch("markdown", "pipe");
    let file = common::write(&dir, "talk.md", ARABIC.as_bytes());
    let printed = stdout_of(hiwar().args(["--print", "--width", "60"]).arg(&file));
    assert!(!printed.contains('\u{1b}'));
    assert!(printed.starts_with(&format!("{:>60}\n", visual("حوار مع السفير"))));
    let plain = stdout_of(
        hiwar()
            .args(["--print", "--plain", "--width", "0"])
            .arg(&file),
    );
    assert!(plain.contains("(https://example.org/t)"), "{plain}");
    assert!(!plain.contains('\u{1b}'));
    // Export, then read back: the same printed text.
    let json = stdout_of(hiwar().args(["--export", "json"]).arg(&file));
    let back = common::write(&dir, "talk.json", json.as_bytes());
    let again = stdout_of(hiwar().args(["--print", "--width", "60"]).arg(&back));
    assert_eq!(again, printed);
}

#[test]
fn print_to_a_terminal_styles_exactly_the_emphasised_cells() {
    let dir = common::scratch("markdown", "terminal");
    let file = common::write(&dir, "talk.md", STYLED.as_bytes());
    let path = file.to_string_lossy().into_owned();
    for env in [[("VTE_VERSION", "7006")], [("KONSOLE_VERSION", "221203")]] {
        let mut pty = common::pty::Pty::hiwar(&["--print", "--width", "58", &path], &env, 40, 60);
        assert!(pty.wait_exit().success());
        let raw = String::from_utf8_lossy(&pty.raw).into_owned();
        // Every sequence whole: no mark inside one (a terminal emulator may
        // forgive a mark between ESC and `[`; a real terminal need not).
        for (i, _) in raw.match_indices('\u{1b}') {
            let rest = raw[i + 1..].strip_prefix('[').unwrap_or_else(|| {
                let broken: String = raw[i..].chars().take(6).collect();
                panic!("a broken sequence: {broken:?}")
            });
            let end = rest
                .find(|c: char| ('\u{40}'..='\u{7e}').contains(&c))
                .expect("a final byte");
            assert!(
                rest[..end].chars().all(|c| c.is_ascii_digit() || c == ';'),
                "{:?}",
                &rest[..end + 1]
            );
        }
        // The terminal's cells: bold on the bold words' cells, italic on the italic.
        let screen = pty.parser.screen();
        let (rows, cols) = screen.size();
        let cells = |want: fn(&vt100::Cell) -> bool| -> String {
            (0..rows)
                .flat_map(|r| (0..cols).map(move |c| (r, c)))
                .filter_map(|(r, c)| screen.cell(r, c).filter(|cell| want(cell)))
                // The marks (LROs, and ZWJs and U+206D on joined letters) ride on
                // the cells before them: not the text's.
                .map(|cell| {
                    cell.contents()
                        .replace(['\u{202d}', '\u{200d}', '\u{206d}', ' '], "")
                })
                .collect()
        };
        let bold = cells(|c| c.bold());
        let expected_bold: String = [
            "المبادرة ناجحة",
            "توسعت حتى شملت دولًا كثيرة في آسيا الوسطى وأوروبا وأفريقيا",
        ]
        .iter()
        .flat_map(|run| run.split(' ').map(visual))
        .collect();
        let sorted = |s: &str| {
            let mut v: Vec<char> = s.chars().collect();
            v.sort_unstable();
            v
        };
        assert_eq!(sorted(&bold), sorted(&expected_bold), "{env:?}");
        let italic = cells(|c| c.italic());
        let expected_italic: String = "مشروعات Belt and Road الكبرى"
            .split(' ')
            .map(visual)
            .collect();
        assert_eq!(sorted(&italic), sorted(&expected_italic), "{env:?}");
    }
}

// ------------------------------------------------------------------ hostile

#[test]
fn hostile_markdown_is_inert_in_print_export_and_the_reader() {
    let n = 100_000;
    let cases = [
        (
            "html",
            "**Q:** <script>alert(1)</script> <b onclick=x>b</b>\n\n**A:** <!-- c --> \u{1b}[2J\n\n**Q:** x\n\n**A:** y\n"
                .to_string(),
        ),
        (
            "escapes",
            "[a&#27;]2;t&#7;b](<java&#27;[31mscript:\u{9b}x> \"t&#155;\") and [\\\u{1b}x](&#x202e;u) &#8238;rev &#0; &#x1b;[2J\n"
                .to_string(),
        ),
        ("nested_emphasis", format!("{}x{}\n", "*".repeat(n), "*".repeat(n))),
        ("nested_mixed", format!("{}x{}\n", "*_".repeat(n / 2), "_*".repeat(n / 2))),
        ("nested_lists", format!("{}x\n", "- ".repeat(n))),
        ("nested_quotes", format!("{} x\n", ">".repeat(n))),
        ("nested_links", format!("{}{}\n", "[a".repeat(n), "](u)".repeat(n))),
    ];
    let dir = common::scratch("markdown", "hostile");
    for (name, text) in &cases {
        let file = common::write(&dir, &format!("{name}.md"), text.as_bytes());
        for args in [
            &["--print", "--width", "40"][..],
            &["--print", "--plain", "--width", "40"],
            &["--export", "json"],
        ] {
            let out = stdout_of(hiwar().args(args).arg(&file));
            let forbidden = out.chars().find(|&c| {
                (c < ' ' && c != '\n')
                    || ('\u{7f}'..='\u{9f}').contains(&c)
                    || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}')
            });
            assert_eq!(forbidden, None, "{name} {args:?}");
        }
        // The reader draws it and ends: through its model, a frame and every item.
        let interview = markdown(text);
        let json = interview.to_json();
        assert_eq!(
            Interview::from_json(&json).expect("reads back"),
            interview,
            "{name}"
        );
        let mut reader = Reader::of(interview, 60, 20);
        reader.select(0);
        let frame = reader.with_marks();
        assert!(!frame.contains('\u{1b}'), "{name}");
    }
}

//! Web pages and books: a saved news page holding the built-in interview (menus,
//! sidebar, ads and footer around it), an article page, a windows-1256 page, HTML
//! on standard input, an EPUB 3 made by pandoc and an EPUB 2 with toc.ncx (the
//! fixtures of tests/data/web, written by its make-fixtures.py), and hostile
//! pages and books made here: zip bombs, truncated and corrupt archives, missing
//! files, entity expansion, 100,000 levels of nesting, a 50 MB page, escapes.

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};

use common::{hiwar, hiwar_piped, scratch, stdout_of, write};

use hiwar::document::input::{Format, Source};
use hiwar::document::{Interview, TextDirection};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/web")
        .join(name)
}

fn load(path: &Path) -> Interview {
    Source::File(path.to_path_buf())
        .load(None, None)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Every paragraph of an interview, labels' speakers aside.
fn all_text(interview: &Interview) -> String {
    interview.paragraphs().collect::<Vec<_>>().join("\n")
}

/// The furniture of tests/data/web/news-interview.html: each piece carries a
/// marker, and a few are known by their words.
const FURNITURE: &[&str] = &[
    "_SHOWN",
    "الأكثر قراءة",
    "ملفات تعريف الارتباط",
    "جميع الحقوق",
    "الرئيسية",
    "فيسبوك",
    "مقالات ذات صلة",
    "النشرة البريدية",
    "dataLayer",
];

#[test]
fn a_saved_news_page_reads_as_the_interview_it_holds() {
    let page = load(&fixture("news-interview.html"));
    let builtin = Interview::builtin();
    assert_eq!(
        page.title,
        "السفير الصيني لدى كازاخستان تشانغ شياو: عشر سنوات من مبادرة الحزام والطريق"
    );
    assert_eq!(page.language, "ar");
    assert_eq!(page.direction, TextDirection::Rtl);
    let labels: Vec<&str> = page.speakers.iter().map(|s| s.label.as_str()).collect();
    assert_eq!(labels, ["ج.ت", "تشانغ"]);
    // The exchanges are the built-in interview's, paragraph for paragraph.
    assert_eq!(page.exchanges.len(), builtin.exchanges.len());
    for (from_page, built_in) in page.exchanges.iter().zip(&builtin.exchanges) {
        assert_eq!(from_page.question, built_in.question);
        assert_eq!(from_page.answer, built_in.answer);
    }
    // The introduction: the byline, the picture and its caption, then the text's.
    assert_eq!(page.intro[3..], builtin.intro[..]);
    assert!(page.intro[0].starts_with("بقلم محرر جلوبال تايمز"));
    assert_eq!(page.intro[1], "[السفير تشانغ شياو]");
    let text = all_text(&page);
    let json = page.to_json();
    for furniture in FURNITURE {
        assert!(!text.contains(furniture), "{furniture} shown");
        assert!(!json.contains(furniture), "{furniture} exported");
    }
    assert_eq!(
        page.source.as_deref(),
        Some("https://www.example-news.test/world/interview-zhang-xiao.html")
    );
    // The JSON export reads back to the same interview.
    assert_eq!(Interview::from_json(&json).expect("its own JSON"), page);
}

#[test]
fn html_on_standard_input_reads_as_the_file() {
    let page = std::fs::read(fixture("news-interview.html")).expect("the fixture");
    let from_stdin = stdout_of(
        hiwar_piped()
            .args(["--export", "json", "-"])
            .write_stdin(page.clone()),
    );
    let from_file = stdout_of(
        hiwar()
            .arg("--export")
            .arg("json")
            .arg(fixture("news-interview.html")),
    );
    assert_eq!(from_stdin, from_file);
    // And prints, laid out, with the furniture nowhere.
    let printed = stdout_of(
        hiwar_piped()
            .args(["--print", "--width", "60", "-"])
            .write_stdin(page),
    );
    assert!(printed.lines().count() > 100, "{printed}");
    assert!(!printed.contains("SHOWN"));
}

#[test]
fn a_windows_1256_page_is_decoded_by_its_declaration() {
    let page = load(&fixture("news-1256.html"));
    let utf8 = load(&fixture("news-interview.html"));
    assert_eq!(page.title, "حوار");
    assert_eq!(page.intro[..2], utf8.intro[3..5]);
    // Undeclared bytes that are not UTF-8: one line, exit 1.
    let dir = scratch("web", "undeclared");
    let bytes = std::fs::read(fixture("news-1256.html")).expect("the fixture");
    let mut bad = bytes.clone();
    // Without its declaration: bytes that are not UTF-8, and nothing says what.
    let at = bytes
        .windows(b"; charset=windows-1256".len())
        .position(|w| w == b"; charset=windows-1256")
        .expect("the declaration");
    bad.drain(at..at + b"; charset=windows-1256".len());
    let path = write(&dir, "undeclared.html", &bad);
    let out = hiwar().arg("--print").arg(&path).output().expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains("not UTF-8 and declares no charset"),
        "{stderr}"
    );
}

#[test]
fn an_article_page_keeps_its_blocks_and_no_javascript_link() {
    let page = load(&fixture("article.html"));
    assert_eq!(page.title, "القراءة بالعربية في الطرفية");
    assert!(page.exchanges.is_empty());
    // Its heading cuts it into a section, as a Markdown article's does.
    assert_eq!(page.intro.len(), 1);
    assert_eq!(page.sections.len(), 1);
    let steps = &page.sections[0];
    assert_eq!((steps.level, steps.heading.as_str()), (2, "الخطوات"));
    assert_eq!(
        steps.paragraphs[..10],
        [
            "1. مستويات الاتجاه",
            "2. تشكيل الحروف",
            "  • لام ألف",
            "3. الالتفاف",
            "│ النص الذي يُقرأ جيدًا نصّ مرتّب جيدًا.",
            "الطرفيات",
            "الطرفية │ الاتجاه",
            "xterm │ لا يعيد الترتيب",
            "VTE │ يعيد الترتيب",
            "cargo run --release -- page.html",
        ]
    );
    assert_eq!(
        steps.paragraphs[10],
        "المثال hiwar book.epub يفتح كتابًا.\nسطر ثان بعد فاصل."
    );
    assert_eq!(steps.paragraphs[11], "[رسم الطبقات]");
    assert_eq!(steps.paragraphs.len(), 12, "{:?}", steps.paragraphs);
    let links: Vec<&str> = page.intro_inline[0]
        .links()
        .iter()
        .map(|l| l.url.as_str())
        .collect();
    assert_eq!(links, ["https://www.unicode.org/reports/tr9/"]);
    assert!(page.intro[0].ends_with("أو اضغط هنا."), "shown as text");
    let text = all_text(&page);
    assert!(
        !text.contains("SHOWN") && !text.contains("المدونة"),
        "{text}"
    );
}

#[test]
fn formats_are_known_by_name_and_content() {
    let source = |name: &str| Source::File(PathBuf::from(name));
    assert_eq!(source("a.HTML").format_by_name(None), Format::Html);
    assert_eq!(source("a.htm").format_by_name(None), Format::Html);
    assert_eq!(source("a.xhtml").format_by_name(None), Format::Html);
    assert_eq!(source("b.epub").format_by_name(None), Format::Epub);
    // A page saved without an extension, a book renamed: by their bytes.
    let dir = scratch("web", "sniffed");
    let page = std::fs::read(fixture("article.html")).expect("fixture");
    let noname = write(&dir, "page", &page);
    assert_eq!(load(&noname).title, "القراءة بالعربية في الطرفية");
    let book = std::fs::read(fixture("book-epub3.epub")).expect("fixture");
    let renamed = write(&dir, "book.bin", &book);
    assert_eq!(load(&renamed).title, "حكايات الطريق");
    let from_stdin = stdout_of(
        hiwar_piped()
            .args(["--export", "json", "-"])
            .write_stdin(book),
    );
    assert!(from_stdin.contains("حكايات الطريق"));
    // --format html reads a page whatever its name.
    let txt = write(&dir, "page.txt", &page);
    let forced = stdout_of(
        hiwar()
            .args(["--export", "json", "--format", "html"])
            .arg(&txt),
    );
    assert!(
        forced.contains("\"title\": \"القراءة بالعربية في الطرفية\""),
        "{forced}"
    );
}

#[test]
fn an_epub3_made_by_pandoc_lists_its_chapters_in_spine_order() {
    let book = load(&fixture("book-epub3.epub"));
    assert_eq!(book.title, "حكايات الطريق");
    assert_eq!(book.language, "ar");
    assert_eq!(book.direction, TextDirection::Rtl);
    let list: Vec<(u8, &str)> = book
        .sections
        .iter()
        .map(|s| (s.level, s.heading.as_str()))
        .collect();
    assert_eq!(
        list,
        [
            (1, "الفصل الأول: البداية"),
            (2, "على الطريق"),
            (1, "الفصل الثاني: المدينة"),
            (1, "الفصل الثالث: العودة")
        ]
    );
    assert!(book.exchanges.is_empty());
    // The title page is the introduction; the nested entry starts at its
    // heading, which is shown once (as the section's).
    assert!(
        book.intro.iter().any(|p| p == "كاتب التجربة"),
        "{:?}",
        book.intro
    );
    assert_eq!(
        book.sections[1].paragraphs[0],
        "قال الدليل: «سنصل قبل الغروب»."
    );
    assert!(book.sections[0].paragraphs[0].starts_with("كان الطريق طويلًا"));
    // The footnote is read, without its link back.
    let text = all_text(&book);
    assert!(text.contains("الكثبان تلال من الرمل."), "{text}");
    assert!(!text.contains('↩'));
    assert_eq!(
        book.sections[2].paragraphs[1..],
        ["• سوق التوابل", "• سوق الحرير"]
    );
    // Its JSON reads back the same.
    assert_eq!(Interview::from_json(&book.to_json()).expect("JSON"), book);
}

#[test]
fn an_epub2_lists_its_ncx_entries_and_splits_at_their_anchors() {
    let book = load(&fixture("book-epub2.epub"));
    assert_eq!(book.title, "ديوان قديم");
    assert_eq!(book.direction, TextDirection::Rtl);
    let list: Vec<(u8, &str)> = book
        .sections
        .iter()
        .map(|s| (s.level, s.heading.as_str()))
        .collect();
    assert_eq!(
        list,
        [
            (1, "المقدمة"),
            (1, "القصيدة الأولى"),
            (2, "المطلع"),
            (1, "الخاتمة")
        ]
    );
    assert_eq!(book.intro, ["[غلاف الديوان]"]);
    assert_eq!(book.sections[1].paragraphs, ["قصيدة في وصف الليل."]);
    assert_eq!(
        book.sections[2].paragraphs,
        ["أَلا أَيُّها اللَّيْلُ الطَّويلُ أَلا انْجَلي\nبِصُبْحٍ وَما الإِصْباحُ مِنكَ بِأَمْثَلِ"]
    );
    // Harakat are kept, as everywhere.
    assert!(all_text(&book).contains("اللَّيْلُ"));
}

/// A zip archive of `entries` (name, bytes, deflated or stored).
fn zip(entries: &[(&str, &[u8], bool)]) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    {
        let mut writer = zip::ZipWriter::new(&mut out);
        for (name, bytes, deflated) in entries {
            let method = if *deflated {
                zip::CompressionMethod::Deflated
            } else {
                zip::CompressionMethod::Stored
            };
            let options = zip::write::SimpleFileOptions::default()
                .compression_method(method)
                .large_file(bytes.len() > u32::MAX as usize / 2);
            writer.start_file(*name, options).expect("an entry");
            writer.write_all(bytes).expect("written");
        }
        writer.finish().expect("an archive");
    }
    out.into_inner()
}

const CONTAINER: &[u8] = br#"<?xml version="1.0"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
<rootfiles><rootfile full-path="content.opf" media-type="application/oebps-package+xml"/></rootfiles>
</container>"#;

fn opf(spine: &[&str]) -> Vec<u8> {
    let items: String = spine
        .iter()
        .enumerate()
        .map(|(i, href)| {
            format!(r#"<item id="c{i}" href="{href}" media-type="application/xhtml+xml"/>"#)
        })
        .collect();
    let refs: String = (0..spine.len())
        .map(|i| format!(r#"<itemref idref="c{i}"/>"#))
        .collect();
    format!(
        r#"<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0">
<metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>كتاب</dc:title></metadata>
<manifest>{items}</manifest><spine page-progression-direction="rtl">{refs}</spine></package>"#
    )
    .into_bytes()
}

fn chapter(body: &str) -> Vec<u8> {
    format!(
        r#"<?xml version="1.0" encoding="utf-8"?><html xmlns="http://www.w3.org/1999/xhtml"><head><title>x</title></head><body>{body}</body></html>"#
    )
    .into_bytes()
}

/// Runs hiwar on `path` and returns (exit code, stdout, stderr).
fn run(args: &[&str], path: &Path) -> (Option<i32>, String, String) {
    let out = hiwar().args(args).arg(path).output().expect("hiwar runs");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// One line on stderr, exit code 1, nothing on stdout: what a refused book gets.
fn refused(path: &Path, says: &str) {
    let (code, stdout, stderr) = run(&["--print"], path);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stdout.is_empty());
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains(says), "{stderr}");
    assert!(!stderr.contains("panicked"));
}

#[test]
fn zip_bombs_are_capped_by_ratio_and_by_size() {
    let dir = scratch("web", "bombs");
    // 16 MiB of zeros deflate to some 16 KiB: a thousand to one.
    let zeros = vec![0u8; 16 * 1024 * 1024];
    let ratio = zip(&[
        ("mimetype", b"application/epub+zip", false),
        ("META-INF/container.xml", CONTAINER, true),
        ("content.opf", &opf(&["a.xhtml"]), true),
        ("a.xhtml", &zeros, true),
    ]);
    assert!(ratio.len() < 1024 * 1024);
    refused(
        &write(&dir, "ratio.epub", &ratio),
        "a.xhtml: inflates more than 100 times its compressed size",
    );
    // 80 MiB of text stored as it is: no ratio to speak of, but past the cap.
    let text = "ب".repeat(40 * 1024 * 1024).into_bytes();
    let large = zip(&[
        ("META-INF/container.xml", CONTAINER, true),
        ("content.opf", &opf(&["a.xhtml"]), true),
        ("a.xhtml", &text, false),
    ]);
    refused(
        &write(&dir, "large.epub", &large),
        "a.xhtml: inflates to 80 MiB, more than hiwar reads (64 MiB) (a zip bomb?)",
    );
}

#[test]
fn broken_books_get_one_line() {
    let dir = scratch("web", "broken");
    let book = std::fs::read(fixture("book-epub3.epub")).expect("fixture");
    refused(
        &write(&dir, "truncated.epub", &book[..book.len() / 2]),
        "not a readable EPUB (a zip archive)",
    );
    refused(&write(&dir, "empty.epub", b""), "not a readable EPUB");
    // Bytes flipped inside the entries: a checksum or an inflate error, or the
    // text as it came out, never a panic.
    let mut corrupt = book.clone();
    for i in (200..corrupt.len() / 2).step_by(97) {
        corrupt[i] ^= 0x5a;
    }
    let (code, _, stderr) = run(&["--print"], &write(&dir, "corrupt.epub", &corrupt));
    assert!(code == Some(0) || code == Some(1), "{stderr}");
    assert!(
        stderr.lines().count() <= 1 && !stderr.contains("panicked"),
        "{stderr}"
    );

    let no_container = zip(&[("mimetype", b"application/epub+zip", false)]);
    refused(
        &write(&dir, "no-container.epub", &no_container),
        "not an EPUB: the archive has no META-INF/container.xml",
    );
    let no_opf = zip(&[("META-INF/container.xml", CONTAINER, true)]);
    refused(
        &write(&dir, "no-opf.epub", &no_opf),
        "the package (OPF) named by META-INF/container.xml, `content.opf` is not in the archive",
    );
    let no_spine = zip(&[
        ("META-INF/container.xml", CONTAINER, true),
        ("content.opf", &opf(&[]), true),
    ]);
    refused(
        &write(&dir, "no-spine.epub", &no_spine),
        "lists no chapter in its spine",
    );
    // A chapter the spine names and the archive lacks: the rest reads, and a line
    // says what is missing.
    let missing = zip(&[
        ("META-INF/container.xml", CONTAINER, true),
        ("content.opf", &opf(&["a.xhtml", "gone.xhtml"]), true),
        (
            "a.xhtml",
            &chapter("<h1>الأول</h1><p>نص الفصل الأول.</p>"),
            true,
        ),
    ]);
    let path = write(&dir, "missing.epub", &missing);
    let book = load(&path);
    let text = all_text(&book);
    assert!(text.contains("نص الفصل الأول."));
    assert!(
        text.contains("[gone.xhtml: in the spine, not in the archive]"),
        "{text}"
    );
}

#[test]
fn entities_are_never_expanded_nor_fetched() {
    let dir = scratch("web", "entities");
    let laughs = r#"<!DOCTYPE lolz [
<!ENTITY lol "lol">
<!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
<!ENTITY xxe SYSTEM "file:///etc/passwd">
]>"#;
    let opf = format!(
        r#"<?xml version="1.0"?>{laughs}<package xmlns="http://www.idpf.org/2007/opf" version="3.0">
<metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>&lol9;&xxe;</dc:title></metadata>
<manifest><item id="a" href="a.xhtml" media-type="application/xhtml+xml"/></manifest>
<spine><itemref idref="a"/></spine></package>"#
    );
    let chapter = format!(
        r#"<?xml version="1.0"?>{laughs}<html xmlns="http://www.w3.org/1999/xhtml"><body><p>نص &lol9; &xxe;</p></body></html>"#
    );
    let book = zip(&[
        ("META-INF/container.xml", CONTAINER, true),
        ("content.opf", opf.as_bytes(), true),
        ("a.xhtml", chapter.as_bytes(), true),
    ]);
    let book = load(&write(&dir, "laughs.epub", &book));
    assert_eq!(book.title, "&lol9;&xxe;");
    let text = all_text(&book);
    assert!(text.contains("نص &lol9; &xxe;"), "{text}");
    assert!(
        !text.contains("lollol") && !text.contains("root:"),
        "{text}"
    );
    let page = write(
        &dir,
        "laughs.html",
        format!("<!DOCTYPE html>{chapter}").as_bytes(),
    );
    let text = all_text(&load(&page));
    assert!(
        !text.contains("lollol") && !text.contains("root:"),
        "{text}"
    );
}

#[test]
fn a_page_nested_100000_levels_deep_reads() {
    let dir = scratch("web", "deep");
    let depth = 100_000;
    let mut page = String::from("<!DOCTYPE html><html><body>");
    for _ in 0..depth {
        page.push_str("<div>");
    }
    page.push_str("<p>النص في القاع</p>");
    for _ in 0..depth {
        page.push_str("</div>");
    }
    page.push_str("</body></html>");
    let path = write(&dir, "deep.html", page.as_bytes());
    let (code, stdout, stderr) = run(&["--print", "--width", "40"], &path);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stdout.contains("ﻉﺎﻘﻟﺍ"), "{stdout}");
    // Inline nesting too: 100,000 <b>s, and lists whose indentation is capped.
    let mut page = String::from("<html><body><p>");
    page.push_str(&"<b>".repeat(depth));
    page.push_str("عريض");
    page.push_str("</p><ul>");
    page.push_str(&"<li><ul>".repeat(20_000));
    page.push_str("<li>عميق");
    let path = write(&dir, "inline.html", page.as_bytes());
    let book = load(&path);
    assert!(all_text(&book).contains("عريض"));
    assert!(
        book.intro.iter().all(|p| p.len() < 64),
        "indentation is capped"
    );
}

#[test]
fn a_50_mb_page_reads() {
    let dir = scratch("web", "large");
    let paragraph =
        "<p>في السنوات العشر الماضية، تعمقت <b>الاتصالات</b> السياسية بين البلدين بشكل مستمر.</p>\n";
    let mut page = String::from("<!DOCTYPE html><html lang=ar><body><article>");
    while page.len() < 50 * 1024 * 1024 {
        page.push_str(paragraph);
    }
    page.push_str("</article></body></html>");
    let path = write(&dir, "large.html", page.as_bytes());
    let interview = load(&path);
    assert!(interview.intro.len() > 300_000, "{}", interview.intro.len());
}

#[test]
fn escapes_and_bidi_controls_in_a_page_are_inert() {
    let dir = scratch("web", "escapes");
    let page = "<html><body><p>قبل \u{1b}[2J\u{1b}]0;title\u{7} &#x1b;[31m &#x202E;nimda&#x202C; \u{9b}2J بعد</p>\
                <script>\u{1b}[2J alert(1)</script><style>p{}</style></body></html>";
    let path = write(&dir, "escapes.html", page.as_bytes());
    let (code, stdout, stderr) = run(&["--print", "--width", "60"], &path);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(!stdout.contains('\u{1b}'), "{stdout:?}");
    assert!(!stdout.contains('\u{9b}') && !stdout.contains('\u{7}'));
    assert!(!stdout.contains('\u{202e}') && !stdout.contains('\u{202c}'));
    assert!(stdout.contains('␛'), "{stdout:?}");
    assert!(!stdout.contains("alert"));
    let json = stdout_of(hiwar().args(["--export", "json"]).arg(&path));
    assert!(
        !json.contains('\u{1b}') && !json.contains('\u{202e}'),
        "{json}"
    );
}

#[test]
fn a_large_book_opens_on_its_first_chapters() {
    let dir = scratch("web", "large-book");
    let paragraph =
        "<p>في السنوات العشر الماضية، تعمقت الاتصالات السياسية بين البلدين بشكل مستمر.</p>";
    let chapters: Vec<Vec<u8>> = (1..=60)
        .map(|i| chapter(&format!("<h1>الفصل {i}</h1>{}", paragraph.repeat(80))))
        .collect();
    let names: Vec<String> = (1..=60).map(|i| format!("ch{i}.xhtml")).collect();
    let spine: Vec<&str> = names.iter().map(String::as_str).collect();
    let package = opf(&spine);
    let mut entries: Vec<(&str, &[u8], bool)> = vec![
        ("META-INF/container.xml", CONTAINER, true),
        ("content.opf", &package, true),
    ];
    for (name, bytes) in names.iter().zip(&chapters) {
        entries.push((name, bytes, false));
    }
    let path = write(&dir, "large.epub", &zip(&entries));
    let source = Source::File(path.clone());
    let opening = source
        .open_large(None, None)
        .expect("readable")
        .expect("a large book opens on its beginning");
    let whole = load(&path);
    assert_eq!(whole.sections.len(), 60);
    let shown = opening.sections.len();
    assert!((1..60).contains(&shown), "{shown}");
    assert_eq!(opening.sections[..], whole.sections[..shown]);
    assert_eq!(opening.title, whole.title);
    // A small book loads whole.
    let small = Source::File(fixture("book-epub3.epub"));
    assert!(small.open_large(None, None).expect("readable").is_none());
}

/// The html_parser fuzz target's crash (html5ever's "impossible case in Text mode",
/// reached when the nesting cap dropped a raw-text element's end tag): the exact input,
/// through the binary, reads without a panic.
#[test]
fn the_fuzz_found_text_mode_crash_reads_without_a_panic() {
    let output = hiwar()
        .args(["--print", "--plain", "--format", "html"])
        .arg(fixture("fuzz-crash-text-mode.html.bin"))
        .output()
        .expect("hiwar runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(output.status.success(), "{:?}: {stderr}", output.status);
}

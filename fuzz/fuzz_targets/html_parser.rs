//! The HTML reader: any bytes read into an interview (or one line of error) that
//! prints inertly and whose JSON export reads back to the same interview; the
//! paragraphs' markup stays inside their text.
#![no_main]

use hiwar::document::html::parse_html;
use hiwar::document::{Interview, TextOptions};
use hiwar::layout::LayoutOptions;
use hiwar::print::print_interview;
use libfuzzer_sys::fuzz_target;

#[path = "inert.rs"]
mod inert;

fuzz_target!(|data: &[u8]| {
    let [w, rest @ ..] = data else {
        return;
    };
    let interview = match parse_html(rest, &TextOptions::default()) {
        Ok(interview) => interview,
        Err(message) => {
            assert!(!message.contains('\n'), "one line: {message:?}");
            return;
        }
    };
    let paragraphs = |list: &[String], markup: &[hiwar::document::Inline]| {
        for (text, inline) in list.iter().zip(markup) {
            for span in inline.spans() {
                assert!(text.get(span.range.clone()).is_some(), "{span:?} in {text:?}");
            }
            for link in inline.links() {
                assert!(text.get(link.range.clone()).is_some(), "{link:?} in {text:?}");
                assert!(!link.url.to_ascii_lowercase().trim_start().starts_with("javascript:"));
            }
        }
    };
    paragraphs(&interview.intro, &interview.intro_inline);
    for exchange in &interview.exchanges {
        paragraphs(&exchange.question, &exchange.question_inline);
        paragraphs(&exchange.answer, &exchange.answer_inline);
    }
    let mut out = Vec::new();
    print_interview(&mut out, &interview, usize::from(*w), &LayoutOptions::default())
        .expect("a Vec");
    inert::assert_inert(&String::from_utf8(out).expect("UTF-8"), "print");
    let json = interview.to_json();
    inert::assert_inert(&json.replace('\n', ""), "export");
    let back = Interview::from_json(&json).expect("export reads back");
    assert_eq!(back, interview);
});

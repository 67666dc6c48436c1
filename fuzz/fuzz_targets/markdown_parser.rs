//! The Markdown interview parser: any text reads into an interview that prints
//! inertly (plain, and styled as for a terminal), whose plain print is the styled
//! one without its styles, and whose JSON export reads back to the same interview;
//! plain print of the document is inert too.
#![no_main]

use hiwar::document::markdown::parse_markdown;
use hiwar::document::{Interview, TextOptions};
use hiwar::layout::LayoutOptions;
use hiwar::print::print_interview;
use hiwar::print::styled::{print_interview_styled, print_markdown_plain};
use libfuzzer_sys::fuzz_target;

#[path = "inert.rs"]
mod inert;

fuzz_target!(|data: &[u8]| {
    let [w, rest @ ..] = data else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let width = usize::from(*w);
    let options = LayoutOptions::default();
    let interview = parse_markdown(text, &TextOptions::default());
    let mut out = Vec::new();
    print_interview(&mut out, &interview, width, &options).expect("a Vec");
    let plain = String::from_utf8(out).expect("print writes UTF-8");
    inert::assert_inert(&plain, "print");
    let mut out = Vec::new();
    print_interview_styled(&mut out, &interview, width, &options).expect("a Vec");
    let styled = String::from_utf8(out).expect("print writes UTF-8");
    // The styles are hiwar's SGR sequences and nothing else.
    let mut unstyled = String::new();
    let mut rest = styled.as_str();
    while let Some(i) = rest.find('\u{1b}') {
        unstyled.push_str(&rest[..i]);
        let sequence = &rest[i..];
        let end = sequence.find('m').expect("an SGR sequence ends with m");
        assert!(
            sequence[1..end]
                .strip_prefix('[')
                .is_some_and(|p| p.chars().all(|c| c.is_ascii_digit() || c == ';')),
            "styled print wrote {:?}",
            &sequence[..=end]
        );
        rest = &sequence[end + 1..];
    }
    unstyled.push_str(rest);
    assert_eq!(unstyled, plain, "styled print is print with styles");
    let mut out = Vec::new();
    print_markdown_plain(&mut out, text, width, &options).expect("a Vec");
    inert::assert_inert(&String::from_utf8(out).expect("UTF-8"), "plain print");
    let json = interview.to_json();
    inert::assert_inert(&json.replace('\n', ""), "export");
    let back = Interview::from_json(&json).expect("export reads back");
    assert_eq!(back, interview);
});

//! The plain-text interview parser, then print at a width from the input: no
//! panic, and nothing printed that a terminal would act on.
#![no_main]

use hiwar::document::TextOptions;
use hiwar::document::parse::parse_text;
use hiwar::layout::LayoutOptions;
use hiwar::print::print_interview;
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
    let interview = parse_text(text, &TextOptions::default());
    let mut out = Vec::new();
    print_interview(
        &mut out,
        &interview,
        usize::from(*w),
        &LayoutOptions::default(),
    )
    .expect("printing into a Vec cannot fail");
    let out = String::from_utf8(out).expect("print writes UTF-8");
    inert::assert_inert(&out, "print");
    // The JSON form reads back to the same interview.
    let json = interview.to_json();
    inert::assert_inert(&json.replace('\n', ""), "export");
    let back = hiwar::document::Interview::from_json(&json).expect("export reads back");
    assert_eq!(back, interview);
});

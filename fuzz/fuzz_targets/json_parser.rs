//! The JSON interview reader: any input is either refused with an error or read
//! into an interview that prints inertly and exports to the same JSON again.
#![no_main]

use hiwar::document::Interview;
use hiwar::layout::LayoutOptions;
use hiwar::print::print_interview;
use libfuzzer_sys::fuzz_target;

#[path = "inert.rs"]
mod inert;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let interview = match Interview::from_json(text) {
        Ok(interview) => interview,
        Err(e) => {
            let _ = e.to_string();
            return;
        }
    };
    let mut out = Vec::new();
    print_interview(&mut out, &interview, 40, &LayoutOptions::default())
        .expect("printing into a Vec cannot fail");
    let out = String::from_utf8(out).expect("print writes UTF-8");
    inert::assert_inert(&out, "print");
    let json = interview.to_json();
    inert::assert_inert(&json.replace('\n', ""), "export");
    let back = Interview::from_json(&json).expect("export reads back");
    assert_eq!(back, interview);
});

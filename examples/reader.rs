//! Opens the reader on the built-in interview text, parsed crudely here (the real
//! parser lives in `hiwar::document`): `cargo run --example reader`.

use hiwar::document::{Exchange, Interview, Speaker, TextDirection};
use hiwar::layout::LayoutOptions;

fn builtin() -> Interview {
    let text = include_str!("../assets/interview-ar.txt");
    let mut interview = Interview {
        title: "حوار مع السفير الصيني لدى كازاخستان تشانغ شياو: عشر سنوات من مبادرة الحزام والطريق"
            .into(),
        language: "ar".into(),
        direction: TextDirection::Rtl,
        speakers: vec![
            Speaker {
                label: "ج.ت".into(),
                name: "جلوبال تايمز".into(),
            },
            Speaker {
                label: "تشانغ".into(),
                name: "تشانغ شياو".into(),
            },
        ],
        ..Interview::default()
    };
    let mut answering = false;
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        if let Some(question) = line.strip_prefix("ج.ت: ") {
            interview.exchanges.push(Exchange {
                question: vec![question.to_string()],
                answer: Vec::new(),
            });
            answering = false;
        } else if let Some(answer) = line.strip_prefix("تشانغ: ") {
            answering = true;
            if let Some(exchange) = interview.exchanges.last_mut() {
                exchange.answer.push(answer.to_string());
            }
        } else if let Some(exchange) = interview.exchanges.last_mut() {
            if answering {
                exchange.answer.push(line.to_string());
            } else {
                exchange.question.push(line.to_string());
            }
        } else {
            interview.intro.push(line.to_string());
        }
    }
    interview
}

fn main() {
    if let Err(e) = hiwar::app::run_reader(builtin(), LayoutOptions::default()) {
        eprintln!("hiwar: {e}");
        std::process::exit(e.exit_code());
    }
}

//! Drawing one frame of the reader at 200×60 with the built-in interview:
//! `cargo bench --bench frame`.
//!
//! - `redraw`: caches warm, as on every key that changes nothing but the screen;
//! - `next_question`: select the next question and draw (the new answer is laid out);
//! - `first_frame`: a new reader and its first frame (every layout cold).

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use hiwar::app::{Action, App};
use hiwar::document::{Exchange, Interview, Speaker, TextDirection};
use hiwar::layout::LayoutOptions;
use hiwar::ui;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

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

fn frame(c: &mut Criterion) {
    let interview = builtin();
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).expect("test backend");

    let mut app = App::new(interview.clone(), LayoutOptions::default());
    app.update(Action::Jump(1));
    c.bench_function("redraw 200x60", |b| {
        b.iter(|| {
            terminal
                .draw(|frame| ui::draw(frame, &mut app))
                .expect("draw");
        })
    });

    c.bench_function("next_question 200x60", |b| {
        b.iter(|| {
            app.update(Action::NextQuestion);
            if app.selected() + 1 == app.item_count() {
                app.update(Action::Jump(1));
            }
            terminal
                .draw(|frame| ui::draw(frame, &mut app))
                .expect("draw");
        })
    });

    c.bench_function("first_frame 200x60", |b| {
        b.iter(|| {
            let mut app = App::new(black_box(interview.clone()), LayoutOptions::default());
            terminal
                .draw(|frame| ui::draw(frame, &mut app))
                .expect("draw");
        })
    });
}

criterion_group!(benches, frame);
criterion_main!(benches);

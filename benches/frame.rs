//! Drawing one frame of the reader at 200×60 with the built-in interview:
//! `cargo bench --bench frame`.
//!
//! - `redraw`: caches warm, as on every key that changes nothing but the screen;
//! - `next_question`: select the next question and draw (the new answer is laid out);
//! - `first_frame`: a new reader and its first frame (every layout cold).
//!
//! And search on a 10 MB interview (the built-in exchanges repeated, generated in
//! memory): `search` runs the reader's search (fold every paragraph, find, map back)
//! for a query typed without hamza or harakat; `substring` is its peer in the same
//! run, the same paragraphs searched for the same bytes with no folding (what
//! `grep -F` does), so the ratio is the price of the folding.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use hiwar::document::{BUILTIN_TEXT, Interview, TextOptions, parse::parse_text};
use hiwar::layout::LayoutOptions;
use hiwar::reader::{Action, Reader};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn builtin() -> Interview {
    Interview::builtin()
}

fn frame(c: &mut Criterion) {
    let interview = builtin();
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).expect("test backend");

    let mut app = Reader::new(interview.clone(), LayoutOptions::default());
    app.apply(Action::Jump(1));
    c.bench_function("redraw 200x60", |b| {
        b.iter(|| {
            terminal.draw(|frame| app.draw(frame)).expect("draw");
        })
    });

    c.bench_function("next_question 200x60", |b| {
        b.iter(|| {
            app.apply(Action::NextQuestion);
            if app.state().selected() + 1 == app.state().item_count() {
                app.apply(Action::Jump(1));
            }
            terminal.draw(|frame| app.draw(frame)).expect("draw");
        })
    });

    c.bench_function("first_frame 200x60", |b| {
        b.iter(|| {
            let mut app = Reader::new(black_box(interview.clone()), LayoutOptions::default());
            terminal.draw(|frame| app.draw(frame)).expect("draw");
        })
    });
}

/// The built-in interview, its exchanges repeated to ~10 MB, parsed.
fn large_interview() -> Interview {
    const TARGET_BYTES: usize = 10 * 1000 * 1000;
    let first_turn = BUILTIN_TEXT
        .find("\u{062c}.\u{062a}:") // ج.ت:
        .expect("the built-in text has the interviewer's label");
    let exchanges = &BUILTIN_TEXT[first_turn..];
    let mut text = String::with_capacity(TARGET_BYTES + BUILTIN_TEXT.len());
    text.push_str(BUILTIN_TEXT);
    while text.len() < TARGET_BYTES {
        if !text.ends_with('\n') {
            text.push('\n');
        }
        text.push_str(exchanges);
    }
    parse_text(&text, &TextOptions::default())
}

fn search(c: &mut Criterion) {
    use hiwar::document::passages;
    use hiwar::reader::search;
    let interview = large_interview();
    let count = passages::item_count(&interview);
    let paragraphs: Vec<&str> = (0..count)
        .flat_map(|i| passages::passages(&interview, passages::item(&interview, i)))
        .map(|p| p.text)
        .collect();
    let mut group = c.benchmark_group(format!(
        "search/10MB ({} questions)",
        interview.exchanges.len()
    ));
    group.sample_size(20);
    for query in ["ايضا", "اسيا الوسطي", "2013"] {
        let found = search::search(&interview, query).len();
        group.bench_function(format!("search {query} ({found} matches)"), |b| {
            b.iter(|| search::search(black_box(&interview), black_box(query)))
        });
        group.bench_function(format!("substring {query}"), |b| {
            b.iter(|| {
                paragraphs
                    .iter()
                    .map(|p| p.matches(black_box(query)).count())
                    .sum::<usize>()
            })
        });
    }
    group.finish();
}

criterion_group!(benches, frame, search);
criterion_main!(benches);

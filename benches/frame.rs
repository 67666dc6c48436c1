//! Drawing one frame of the reader at 200×60 with the built-in interview:
//! `cargo bench --bench frame`.
//!
//! - `redraw`: caches warm, as on every key that changes nothing but the screen;
//! - `next_question`: select the next question and draw (the new answer is laid out);
//! - `first_frame`: a new reader and its first frame (every layout cold).

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use hiwar::document::Interview;
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

criterion_group!(benches, frame);
criterion_main!(benches);

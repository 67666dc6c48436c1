//! Parsing a 10 MB plain-text interview: the built-in text, then its exchanges
//! (`ج.ت:` questions, `تشانغ:` answers) repeated, generated in memory.
//!
//! Run: `cargo bench --bench parse`.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use hiwar::document::{BUILTIN_TEXT, TextOptions, parse::parse_text};

const TARGET_BYTES: usize = 10 * 1000 * 1000;

/// The built-in interview, introduction once, exchanges repeated to ~10 MB.
fn large_interview() -> String {
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
    text
}

fn bench_parse(c: &mut Criterion) {
    let text = large_interview();
    let exchanges = parse_text(&text, &TextOptions::default()).exchanges.len();
    assert!(exchanges > 1000, "{exchanges} exchanges");
    let mut group = c.benchmark_group(format!("parse/10MB ({exchanges} exchanges)"));
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.sample_size(20);
    group.bench_function("parse_text", |b| {
        b.iter(|| parse_text(black_box(&text), &TextOptions::default()))
    });
    group.finish();
}

criterion_group!(benches, bench_parse);
criterion_main!(benches);

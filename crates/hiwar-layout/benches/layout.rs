//! Laying out one long paragraph: the width-independent preparation
//! (`PreparedParagraph::new`: sanitize, levels, shaping, break opportunities),
//! wrapping and reordering at a width (`.lines(width)`), and both together
//! (`layout`), at 40, 80 and 200 columns; and printing it at 80 columns
//! (`PreparedParagraph::print`, what `--print` runs), by the simple path and, in
//! the same run, by the general path (`with_general_paths`).
//!
//! Run: `cargo bench -p hiwar-layout --bench layout` (add a filter such as `-- lines/80`).

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use hiwar_layout::{LayoutOptions, PreparedParagraph, layout, with_general_paths};

/// The hiwar app's built-in interview (`hiwar::document::BUILTIN_TEXT`).
const BUILTIN_TEXT: &str = include_str!("../../../assets/interview-ar.txt");

const WIDTHS: [usize; 3] = [40, 80, 200];

/// The built-in interview's longest paragraph (about 1.6 KB), and its paragraphs
/// joined by spaces up to about 50 KB (one paragraph, mixed Arabic, digits and
/// Latin as the interview has them).
fn paragraphs() -> [(&'static str, String); 2] {
    let longest = BUILTIN_TEXT
        .lines()
        .max_by_key(|line| line.len())
        .expect("the built-in text has lines")
        .to_string();
    let mut long = String::new();
    for line in BUILTIN_TEXT
        .lines()
        .cycle()
        .filter(|l| !l.trim().is_empty())
    {
        if long.len() >= 50_000 {
            break;
        }
        if !long.is_empty() {
            long.push(' ');
        }
        long.push_str(line.trim());
    }
    [("longest", longest), ("50k", long)]
}

fn bench_layout(c: &mut Criterion) {
    let options = LayoutOptions::default();
    for (name, text) in paragraphs() {
        let mut group = c.benchmark_group(format!("layout/{name}"));
        group.throughput(Throughput::Bytes(text.len() as u64));

        group.bench_function("prepare", |b| {
            b.iter(|| PreparedParagraph::new(black_box(&text), &options))
        });
        let prepared = PreparedParagraph::new(&text, &options);
        for width in WIDTHS {
            group.bench_with_input(BenchmarkId::new("lines", width), &width, |b, &width| {
                b.iter(|| prepared.lines(black_box(width)))
            });
        }
        for width in WIDTHS {
            group.bench_with_input(BenchmarkId::new("both", width), &width, |b, &width| {
                b.iter(|| layout(black_box(&text), width, &options))
            });
        }
        let mut paragraph = PreparedParagraph::new("", &options);
        let mut out = Vec::new();
        let print = |paragraph: &mut PreparedParagraph, out: &mut Vec<u8>| {
            out.clear();
            let printed = paragraph.print(black_box(&text), &options, 80, out, &mut |_| {
                Ok::<(), ()>(())
            });
            assert_eq!(printed, Ok(()));
        };
        group.bench_function("print/80", |b| b.iter(|| print(&mut paragraph, &mut out)));
        group.bench_function("print-general/80", |b| {
            b.iter(|| with_general_paths(|| print(&mut paragraph, &mut out)))
        });
        group.finish();
    }
}

criterion_group!(benches, bench_layout);
criterion_main!(benches);

//! Lays out each line of a file (or a built-in sample) and prints it, with the
//! logical source of each cell: `cargo run --example layout_demo -- FILE WIDTH`.
use hiwar::layout::{LayoutOptions, layout};

fn main() {
    let mut args = std::env::args().skip(1);
    let text = args
        .next()
        .map(|f| std::fs::read_to_string(f).expect("readable file"))
        .unwrap_or_else(|| "في عام 2013، زار (تشانغ) البلاد بنسبة 31.5% و13,000 زائر.".to_string());
    let width: usize = args.next().map_or(40, |w| w.parse().expect("a width"));
    for para in text.lines() {
        for line in layout(para, width, &LayoutOptions::default()) {
            println!("|{line}|");
        }
    }
}

//! UAX #9 conformance by bidi class: every case of the Unicode 15.0 BidiTest.txt
//! (490,846 class sequences, each under up to three paragraph directions) through the
//! layout's level-and-reorder core, one representative character standing for each
//! class. BidiCharacterTest.txt (tests/conformance.rs) is mostly about brackets and
//! explicit formatting; this file is what exercises rules W1–W7 and N1–N2 on plain
//! text, which is where hiwar's own fast path (`levels::analyze_simple`) runs.
//!
//! Prints `bidi class conformance: PASSED/TOTAL`; any failure fails the test.

use std::io::{BufRead, BufReader};
use std::process::ExitCode;

use flate2::read::GzDecoder;
use hiwar::layout::BaseDirection;
use hiwar::layout::levels::{resolve_line, visual_order};

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/BidiTest.txt.gz");

/// A character of each bidi class (none of them a paired bracket, as the file assumes).
fn representative(class: &str) -> Option<char> {
    Some(match class {
        "L" => 'a',
        "R" => '\u{5D0}',
        "AL" => '\u{627}',
        "EN" => '1',
        "ES" => '+',
        "ET" => '$',
        "AN" => '\u{661}',
        "CS" => ',',
        "NSM" => '\u{300}',
        "BN" => '\u{AD}',
        "B" => '\u{2029}',
        "S" => '\t',
        "WS" => ' ',
        "ON" => '!',
        "LRE" => '\u{202A}',
        "RLE" => '\u{202B}',
        "PDF" => '\u{202C}',
        "LRO" => '\u{202D}',
        "RLO" => '\u{202E}',
        "LRI" => '\u{2066}',
        "RLI" => '\u{2067}',
        "FSI" => '\u{2068}',
        "PDI" => '\u{2069}',
        _ => return None,
    })
}

fn parse_levels(s: &str) -> Option<Vec<Option<u8>>> {
    s.split_whitespace()
        .map(|l| {
            if l == "x" {
                Some(None)
            } else {
                l.parse().ok().map(Some)
            }
        })
        .collect()
}

fn main() -> ExitCode {
    let file = match std::fs::File::open(DATA) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("cannot open {DATA}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let mut levels: Vec<Option<u8>> = Vec::new();
    let mut order: Vec<usize> = Vec::new();
    let (mut passed, mut total) = (0usize, 0usize);
    let mut failures = Vec::new();
    for (n, line) in BufReader::new(GzDecoder::new(file)).lines().enumerate() {
        let Ok(line) = line else {
            eprintln!("unreadable line {}", n + 1);
            return ExitCode::FAILURE;
        };
        let line = line.split('#').next().unwrap_or("").trim();
        if let Some(rest) = line.strip_prefix("@Levels:") {
            levels = parse_levels(rest).expect("well-formed @Levels");
            continue;
        }
        if let Some(rest) = line.strip_prefix("@Reorder:") {
            order = rest
                .split_whitespace()
                .map(|i| i.parse().expect("an index"))
                .collect();
            continue;
        }
        if line.is_empty() || line.starts_with('@') {
            continue;
        }
        let (input, bitset) = line.split_once(';').expect("a data line");
        let text: String = input
            .split_whitespace()
            .map(|class| representative(class).expect("a known class"))
            .collect();
        let bitset = u8::from_str_radix(bitset.trim(), 16).expect("a bitset");
        for (bit, direction) in [
            (1, BaseDirection::Auto),
            (2, BaseDirection::Ltr),
            (4, BaseDirection::Rtl),
        ] {
            if bitset & bit == 0 {
                continue;
            }
            total += 1;
            let got = resolve_line(&text, direction);
            let got_order = visual_order(&got.levels);
            if got.levels == levels && got_order == order {
                passed += 1;
            } else if failures.len() < 10 {
                failures.push(format!(
                    "line {}: {input} ({direction:?}): levels {:?} expected {:?}; order {:?} expected {:?}",
                    n + 1,
                    got.levels,
                    levels,
                    got_order,
                    order
                ));
            }
        }
    }
    println!("bidi class conformance: {passed}/{total}");
    for failure in &failures {
        println!("  {failure}");
    }
    if passed == total && total > 700_000 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

//! UAX #14 conformance: LineBreakTest.txt of Unicode 17.0, every case, through the
//! break opportunities of the general path and through the simple print's breaker
//! (for the cases whose every character is of a class of prose, the classes it
//! knows); and the class table (`wrap/tables.rs`, generated) against the Unicode 17.0
//! data it comes from, code point by code point, derived here again independently.
//!
//! Each line of the file is a string of code points with `÷` where a line may break and
//! `×` where it may not; its comment names the rule deciding each position, e.g.
//! `× [0.3] NUMBER SIGN (AL) × [28.0] NUMBER SIGN (AL) ÷ [0.3]`.
//!
//! A plain `main` (`harness = false` in Cargo.toml) so that the line
//! `linebreak conformance: PASSED/TOTAL` shows in every `cargo test` run.

use std::io::{BufRead, BufReader, Read};
use std::process::ExitCode;

use flate2::read::GzDecoder;
use hiwar_layout::wrap::{
    EAST_ASIAN, break_opportunities, class_of, own_break_opportunities, symbol_of,
};

/// The Unicode 17.0 files, from Debian's unicode-data 17.0.0 (compressed).
const UNICODE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/unicode-17.0");
const DATA: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/data/unicode-17.0/LineBreakTest.txt.gz"
);

/// Number of failing cases shown in full.
const SHOWN_FAILURES: usize = 10;

/// One line of LineBreakTest.txt.
struct Case {
    line_number: usize,
    text: String,
    code_points: Vec<u32>,
    /// Byte offsets before which a break is allowed (the end of the text included).
    breaks: Vec<usize>,
    /// The rule deciding each position: before each character, then the end.
    rules: Vec<String>,
}

fn parse_case(line_number: usize, line: &str) -> Result<Case, String> {
    let bad = |what: &str| format!("line {line_number}: {what}: {line}");
    let (data, comment) = line.split_once('#').ok_or_else(|| bad("no comment"))?;
    let mut text = String::new();
    let mut code_points = Vec::new();
    let mut breaks = Vec::new();
    for token in data.split_whitespace() {
        match token {
            "÷" => breaks.push(text.len()),
            "×" => {}
            hex => {
                let cp = u32::from_str_radix(hex, 16).map_err(|_| bad("bad code point"))?;
                text.push(char::from_u32(cp).ok_or_else(|| bad("not a scalar value"))?);
                code_points.push(cp);
            }
        }
    }
    let rules: Vec<String> = comment
        .split(['×', '÷'])
        .skip(1)
        .map(|part| {
            let rule = part.trim_start();
            let end = rule.find(']').map_or(0, |end| end + 1);
            rule[..end].to_string()
        })
        .collect();
    if rules.len() != code_points.len() + 1 {
        return Err(bad("rule count does not match the code points"));
    }
    Ok(Case {
        line_number,
        text,
        code_points,
        breaks,
        rules,
    })
}

fn read_cases() -> Result<Vec<Case>, String> {
    let file = std::fs::File::open(DATA).map_err(|e| format!("{DATA}: {e}"))?;
    let mut cases = Vec::new();
    for (index, line) in BufReader::new(GzDecoder::new(file)).lines().enumerate() {
        let line = line.map_err(|e| format!("{DATA}: {e}"))?;
        if !line.trim().is_empty() && !line.starts_with('#') {
            cases.push(parse_case(index + 1, &line)?);
        }
    }
    Ok(cases)
}

/// A failing position: the character index it precedes, and what was expected there.
struct Mismatch {
    position: usize,
    expected_break: bool,
}

fn check(case: &Case) -> Result<(), Vec<Mismatch>> {
    check_found(case, &break_opportunities(&case.text).collect::<Vec<_>>())
}

/// `found`, the opportunities of a breaker, against the case.
fn check_found(case: &Case, found: &[(usize, bool)]) -> Result<(), Vec<Mismatch>> {
    let found_offsets: Vec<usize> = found.iter().map(|&(offset, _)| offset).collect();
    let mut mismatches = Vec::new();
    let offsets = case.text.char_indices().map(|(offset, _)| offset);
    for (position, offset) in offsets.chain([case.text.len()]).enumerate() {
        let expected_break = case.breaks.contains(&offset);
        if expected_break != found_offsets.contains(&offset) {
            mismatches.push(Mismatch {
                position,
                expected_break,
            });
        }
    }
    // The end of the text is always a mandatory break (LB3).
    if found.last() != Some(&(case.text.len(), true)) {
        mismatches.push(Mismatch {
            position: case.code_points.len(),
            expected_break: true,
        });
    }
    if mismatches.is_empty() {
        Ok(())
    } else {
        Err(mismatches)
    }
}

/// A file of the Unicode 17.0 data, decompressed.
fn unicode_file(name: &str) -> Result<String, String> {
    let path = format!("{UNICODE}/{name}.gz");
    let file = std::fs::File::open(&path).map_err(|e| format!("{path}: {e}"))?;
    let mut text = String::new();
    GzDecoder::new(file)
        .read_to_string(&mut text)
        .map_err(|e| format!("{path}: {e}"))?;
    Ok(text)
}

/// The `first..=last; value` lines of a UCD property file.
fn property_ranges(text: &str) -> impl Iterator<Item = (u32, u32, &str)> {
    text.lines().filter_map(|line| {
        let data = line.split('#').next()?.trim();
        let (span, value) = data.split_once(';')?;
        let value = value.split(';').next()?.trim();
        let (first, last) = span
            .trim()
            .split_once("..")
            .unwrap_or((span.trim(), span.trim()));
        Some((
            u32::from_str_radix(first, 16).ok()?,
            u32::from_str_radix(last, 16).ok()?,
            value,
        ))
    })
}

/// Every code point's symbol as UAX #14 (17.0) and the data files say, derived here
/// again: LB1, QU by general category Pi or Pf, U+25CC, unassigned
/// Extended_Pictographic, East Asian Width F, W or H.
fn expected_symbols() -> Result<Vec<u8>, String> {
    const CODE_POINTS: usize = 0x11_0000;
    let mut line_break = vec!["XX"; CODE_POINTS];
    let text = unicode_file("LineBreak.txt")?;
    for (first, last, value) in property_ranges(&text) {
        line_break[first as usize..=last as usize].fill(value);
    }
    let mut east_asian = vec![false; CODE_POINTS];
    let text = unicode_file("EastAsianWidth.txt")?;
    for (first, last, value) in property_ranges(&text) {
        if matches!(value, "F" | "W" | "H") {
            east_asian[first as usize..=last as usize].fill(true);
        }
    }
    let mut pictographic = vec![false; CODE_POINTS];
    let text = unicode_file("emoji-data.txt")?;
    for (first, last, value) in property_ranges(&text) {
        if value == "Extended_Pictographic" {
            pictographic[first as usize..=last as usize].fill(true);
        }
    }
    let mut category = vec!["Cn"; CODE_POINTS];
    let text = unicode_file("UnicodeData.txt")?;
    let mut range_start = None;
    for line in text.lines() {
        let fields: Vec<&str> = line.split(';').collect();
        let cp = u32::from_str_radix(fields[0], 16).map_err(|e| format!("{line}: {e}"))? as usize;
        if fields[1].ends_with(", First>") {
            range_start = Some(cp);
            continue;
        }
        let start = if fields[1].ends_with(", Last>") {
            range_start.take().unwrap_or(cp)
        } else {
            cp
        };
        category[start..=cp].fill(fields[2]);
    }
    let names = [
        "AL",
        "HL",
        "NU",
        "SP",
        "GL",
        "BA",
        "HY",
        "HH",
        "B2",
        "BB",
        "IS",
        "EX",
        "QU",
        "QuPi",
        "QuPf",
        "OP",
        "CL",
        "CP",
        "PR",
        "PO",
        "SY",
        "CM",
        "ZWJ",
        "NS",
        "IN",
        "BK",
        "CR",
        "LF",
        "NL",
        "ZW",
        "WJ",
        "CB",
        "ID",
        "EB",
        "EM",
        "H2",
        "H3",
        "JL",
        "JV",
        "JT",
        "RI",
        "AK",
        "AP",
        "AS",
        "VI",
        "VF",
        "DottedCircle",
        "AlExtPictCn",
        "IdExtPictCn",
    ];
    let mut symbols = Vec::with_capacity(CODE_POINTS);
    for cp in 0..CODE_POINTS {
        let mut class = match line_break[cp] {
            "AI" | "SG" | "XX" => "AL",
            "SA" if matches!(category[cp], "Mn" | "Mc") => "CM",
            "SA" => "AL",
            "CJ" => "NS",
            "QU" if category[cp] == "Pi" => "QuPi",
            "QU" if category[cp] == "Pf" => "QuPf",
            class => class,
        };
        if cp == 0x25CC {
            class = "DottedCircle";
        }
        if pictographic[cp] && category[cp] == "Cn" {
            class = match class {
                "AL" => "AlExtPictCn",
                "ID" => "IdExtPictCn",
                other => {
                    return Err(format!(
                        "U+{cp:04X}: unassigned pictographic of class {other}"
                    ));
                }
            };
        }
        let index = names
            .iter()
            .position(|&n| n == class)
            .ok_or_else(|| format!("U+{cp:04X}: unknown class {class}"))?;
        symbols.push(index as u8 | if east_asian[cp] { EAST_ASIAN } else { 0 });
    }
    Ok(symbols)
}

/// The generated table against the data: the code points whose symbol differs.
fn check_table() -> Result<usize, String> {
    let expected = expected_symbols()?;
    let mut differ = 0;
    for (cp, &want) in expected.iter().enumerate() {
        let Some(c) = char::from_u32(cp as u32) else {
            continue;
        };
        let got = symbol_of(c);
        if got != want {
            if differ < SHOWN_FAILURES {
                eprintln!("TABLE U+{cp:04X}: {got:#04x}, the data say {want:#04x}");
            }
            differ += 1;
        }
        // The simple print's classes: those of prose, never East Asian.
        let prose = class_of(c);
        if prose.is_some_and(|class| class as u8 != want) {
            eprintln!("TABLE U+{cp:04X}: prose class {prose:?}, the data say {want:#04x}");
            differ += 1;
        }
    }
    Ok(differ)
}

fn show_code_points(case: &Case) -> String {
    let code_points: Vec<String> = case
        .code_points
        .iter()
        .map(|cp| format!("{cp:04X}"))
        .collect();
    code_points.join(" ")
}

fn main() -> ExitCode {
    let cases = match read_cases() {
        Ok(cases) => cases,
        Err(message) => {
            eprintln!("linebreak conformance: cannot read test data: {message}");
            return ExitCode::FAILURE;
        }
    };
    let mut passed = 0;
    // Cases the simple print's breaker takes (every character of a class of prose),
    // and how many of them pass.
    let (mut own, mut own_passed) = (0, 0);
    let mut failures = Vec::new();
    for case in &cases {
        if let Some(ours) = own_break_opportunities(&case.text) {
            own += 1;
            match check_found(case, &ours) {
                Ok(()) => own_passed += 1,
                Err(mismatches) => failures.push(("simple print's breaker", case, mismatches)),
            }
        }
        match check(case) {
            Ok(()) => passed += 1,
            Err(mismatches) => failures.push(("general path", case, mismatches)),
        }
    }
    for (breaker, case, mismatches) in failures.iter().take(SHOWN_FAILURES) {
        let detail: Vec<String> = mismatches
            .iter()
            .map(|m| {
                let verdict = if m.expected_break {
                    "missed break"
                } else {
                    "wrong break"
                };
                let rule = &case.rules[m.position];
                format!("{verdict} before character {} (rule {rule})", m.position)
            })
            .collect();
        eprintln!(
            "FAIL ({breaker}) line {}: [{}]: {}",
            case.line_number,
            show_code_points(case),
            detail.join("; ")
        );
    }
    if failures.len() > SHOWN_FAILURES {
        eprintln!("... and {} more failures", failures.len() - SHOWN_FAILURES);
    }
    let table = check_table();
    // harness = false: cargo shows this binary's stdout as is, pass or fail.
    println!(
        "linebreak conformance: {passed}/{} (Unicode 17.0 LineBreakTest.txt, no case skipped)",
        cases.len()
    );
    println!(
        "  the simple print's breaker: {own_passed}/{own} (the cases whose every character is of a class of prose)"
    );
    match &table {
        Ok(0) => println!("  class table: every code point as Unicode 17.0's data give it"),
        Ok(differ) => println!("  class table: FAILED, {differ} code points differ from the data"),
        Err(message) => println!("  class table: FAILED, {message}"),
    }
    if failures.is_empty() && passed == cases.len() && own > 0 && table == Ok(0) {
        ExitCode::SUCCESS
    } else {
        println!("  FAILED {} (listed on stderr)", failures.len());
        ExitCode::FAILURE
    }
}

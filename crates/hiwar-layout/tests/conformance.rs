//! UAX #9 conformance: every case of the Unicode 15.0 BidiCharacterTest.txt through the
//! layout's sanitize step and level-and-reorder core, at code-point level (no
//! shaping, mirroring or wrapping).
//!
//! Sanitize makes the overrides LRO and RLO the embeddings LRE and RLE (hiwar shows
//! no text in an order that is not its own): a case with an override is held to the
//! file's expectation for the same code points with the embeddings where the file
//! has that case, and the core alone (without sanitize) to the override's own.
//!
//! The file (vendored gzipped from Debian's `unicode-data`) has one case per line:
//!
//! ```text
//! code points ; paragraph direction (0 LTR, 1 RTL, 2 auto) ; resolved paragraph level ;
//! resolved levels (x = removed by rule X9) ; visual order (removed characters omitted)
//! ```
//!
//! Then every case again through the printed lines (`printed`: the whole pipeline,
//! shaping and wrapping at width 0 included), held to the file's visual order by cell.
//!
//! A plain `main` (`harness = false` in Cargo.toml) so that the lines
//! `bidi conformance: PASSED/TOTAL through sanitize (...)` and
//! `bidi conformance: PASSED/TOTAL through the printed lines (...)` show in every
//! `cargo test` run, not only on failure. Any failing case fails the test: there is
//! no tolerance.

use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::process::ExitCode;

mod printed;

use flate2::read::GzDecoder;
use hiwar_layout::BaseDirection;
use hiwar_layout::levels::{LineLevels, resolve_line, resolve_line_unsanitized, visual_order};

const DATA: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/data/BidiCharacterTest.txt.gz"
);

/// Number of failing cases shown in full.
const SHOWN_FAILURES: usize = 10;

/// One line of BidiCharacterTest.txt.
struct Case {
    line_number: usize,
    code_points: Vec<u32>,
    direction: BaseDirection,
    paragraph_level: u8,
    levels: Vec<Option<u8>>,
    order: Vec<usize>,
}

fn parse_case(line_number: usize, line: &str) -> Result<Case, String> {
    let fields: Vec<&str> = line.split(';').collect();
    let [code_points, direction, paragraph_level, levels, order] = fields[..] else {
        return Err(format!("line {line_number}: expected 5 fields: {line}"));
    };
    let bad = |what: &str| format!("line {line_number}: bad {what}: {line}");
    let code_points = code_points
        .split_whitespace()
        .map(|hex| u32::from_str_radix(hex, 16))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|_| bad("code point"))?;
    let direction = match direction.trim() {
        "0" => BaseDirection::Ltr,
        "1" => BaseDirection::Rtl,
        "2" => BaseDirection::Auto,
        _ => return Err(bad("paragraph direction")),
    };
    let paragraph_level = paragraph_level
        .trim()
        .parse()
        .map_err(|_| bad("paragraph level"))?;
    let levels = levels
        .split_whitespace()
        .map(|level| match level {
            "x" => Ok(None),
            number => number.parse().map(Some),
        })
        .collect::<Result<Vec<_>, _>>()
        .map_err(|_| bad("levels"))?;
    let order = order
        .split_whitespace()
        .map(str::parse)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|_| bad("visual order"))?;
    if levels.len() != code_points.len() {
        return Err(bad("level count"));
    }
    Ok(Case {
        line_number,
        code_points,
        direction,
        paragraph_level,
        levels,
        order,
    })
}

fn read_cases() -> Result<Vec<Case>, String> {
    let file = std::fs::File::open(DATA).map_err(|e| format!("{DATA}: {e}"))?;
    let mut cases = Vec::new();
    for (index, line) in BufReader::new(GzDecoder::new(file)).lines().enumerate() {
        let line = line.map_err(|e| format!("{DATA}: {e}"))?;
        let line = line.split('#').next().unwrap_or("").trim();
        if !line.is_empty() {
            cases.push(parse_case(index + 1, line)?);
        }
    }
    Ok(cases)
}

const LRO: u32 = 0x202D;
const RLO: u32 = 0x202E;

fn has_override(case: &Case) -> bool {
    case.code_points.iter().any(|&cp| cp == LRO || cp == RLO)
}

/// The code points with the overrides as the embeddings sanitize makes them.
fn as_embeddings(code_points: &[u32]) -> Vec<u32> {
    code_points
        .iter()
        .map(|&cp| match cp {
            LRO => 0x202A,
            RLO => 0x202B,
            cp => cp,
        })
        .collect()
}

fn text_of(case: &Case) -> Result<String, String> {
    case.code_points
        .iter()
        .map(|&cp| char::from_u32(cp).ok_or(format!("U+{cp:04X} is not a scalar value")))
        .collect()
}

/// What the layout got wrong for one case, if anything: through sanitize against
/// `expected` (the case itself, or its embedding case), and for a case with an
/// override, the core alone against the case.
fn check(case: &Case, expected: Option<&Case>) -> Result<(), String> {
    let text = text_of(case)?;
    let mut problems = Vec::new();
    if let Some(expected) = expected {
        problems.extend(compare(&resolve_line(&text, case.direction), expected));
    }
    if has_override(case) {
        let core = resolve_line_unsanitized(&text, case.direction);
        problems.extend(compare(&core, case).map(|p| format!("core: {p}")));
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("; "))
    }
}

fn compare(resolved: &LineLevels, case: &Case) -> Option<String> {
    let mut problems = Vec::new();
    if resolved.paragraph_level != case.paragraph_level {
        problems.push(format!(
            "paragraph level {} (expected {})",
            resolved.paragraph_level, case.paragraph_level
        ));
    }
    if resolved.levels != case.levels {
        problems.push(format!(
            "levels [{}] (expected [{}])",
            show_levels(&resolved.levels),
            show_levels(&case.levels)
        ));
    } else {
        // Rule L2 is checked only when the levels match: with wrong levels a wrong
        // order is a consequence, not a second failure.
        let order = visual_order(&resolved.levels);
        if order != case.order {
            problems.push(format!("order {order:?} (expected {:?})", case.order));
        }
    }
    (!problems.is_empty()).then(|| problems.join("; "))
}

fn show_levels(levels: &[Option<u8>]) -> String {
    levels
        .iter()
        .map(|level| level.map_or("x".to_string(), |l| l.to_string()))
        .collect::<Vec<_>>()
        .join(" ")
}

fn main() -> ExitCode {
    let cases = match read_cases() {
        Ok(cases) => cases,
        Err(message) => {
            eprintln!("bidi conformance: cannot read test data: {message}");
            return ExitCode::FAILURE;
        }
    };
    let by_code_points: HashMap<(&[u32], BaseDirection), &Case> = cases
        .iter()
        .filter(|c| !has_override(c))
        .map(|c| ((c.code_points.as_slice(), c.direction), c))
        .collect();
    let mut failures = Vec::new();
    let (mut overrides, mut as_embedding_case) = (0, 0);
    for case in &cases {
        let expected = if has_override(case) {
            overrides += 1;
            let embeddings = as_embeddings(&case.code_points);
            let found = by_code_points
                .get(&(embeddings.as_slice(), case.direction))
                .copied();
            as_embedding_case += usize::from(found.is_some());
            found
        } else {
            Some(case)
        };
        if let Err(problem) = check(case, expected) {
            failures.push((case, problem));
        }
    }
    for (case, problem) in failures.iter().take(SHOWN_FAILURES) {
        let code_points: Vec<String> = case
            .code_points
            .iter()
            .map(|cp| format!("{cp:04X}"))
            .collect();
        eprintln!(
            "FAIL line {}: [{}] direction {:?}: {problem}",
            case.line_number,
            code_points.join(" "),
            case.direction,
        );
    }
    if failures.len() > SHOWN_FAILURES {
        eprintln!("... and {} more failures", failures.len() - SHOWN_FAILURES);
    }
    let summary = format!(
        "bidi conformance: {}/{} through sanitize ({overrides} with LRO/RLO, made LRE/RLE: \
         {as_embedding_case} checked as the file's embedding case, all on the core)",
        cases.len() - failures.len(),
        cases.len()
    );
    // harness = false: cargo shows this binary's stdout as is, pass or fail.
    println!("{summary}");
    let printed_ok = check_printed(&cases, &by_code_points);
    if cases.is_empty() || !failures.is_empty() || !printed_ok {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// Every case through the printed lines; a case with an override is held to its
/// embedding case's order, as above (one without is counted apart). Prints the
/// summary; true when no case failed.
fn check_printed(cases: &[Case], by_code_points: &HashMap<(&[u32], BaseDirection), &Case>) -> bool {
    let (mut passed, mut lines_apart, mut no_embedding_case) = (0, 0, 0);
    let mut failures = Vec::new();
    for case in cases {
        let expected = if has_override(case) {
            let embeddings = as_embeddings(&case.code_points);
            by_code_points
                .get(&(embeddings.as_slice(), case.direction))
                .copied()
        } else {
            Some(case)
        };
        let Some(expected) = expected else {
            no_embedding_case += 1;
            continue;
        };
        let outcome = match text_of(case) {
            Ok(text) => printed::check(
                &text,
                case.direction,
                expected.paragraph_level,
                &expected.levels,
                &expected.order,
            ),
            Err(problem) => printed::Outcome::Failed(problem),
        };
        match outcome {
            printed::Outcome::Passed => passed += 1,
            printed::Outcome::LinesApart => lines_apart += 1,
            printed::Outcome::Failed(problem) => failures.push((case, problem)),
        }
    }
    for (case, problem) in failures.iter().take(SHOWN_FAILURES) {
        let code_points: Vec<String> = case
            .code_points
            .iter()
            .map(|cp| format!("{cp:04X}"))
            .collect();
        eprintln!(
            "FAIL printed, line {}: [{}] direction {:?}: {problem}",
            case.line_number,
            code_points.join(" "),
            case.direction,
        );
    }
    if failures.len() > SHOWN_FAILURES {
        eprintln!("... and {} more failures", failures.len() - SHOWN_FAILURES);
    }
    let compared = passed + failures.len();
    println!(
        "bidi conformance: {passed}/{compared} through the printed lines ({lines_apart} printed \
         on lines cut at a separator not of the paragraph level, {no_embedding_case} with \
         an override and no embedding case: not compared)"
    );
    failures.is_empty() && passed > 0
}

//! Arabic shaping: golden words by code point, properties against a reference written
//! straight from the rules, and the generated tables re-derived from the vendored
//! Unicode data (tests/data/ArabicShaping.txt, tests/data/UnicodeData.txt.gz).
//!
//! To regenerate src/shape/tables.rs after updating the data files:
//! `UPDATE_SHAPE_TABLES=1 cargo test --test shape generated_tables`.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Read as _;
use std::path::Path;
use std::sync::LazyLock;

use hiwar_layout::shape::{JoiningType, joining_type, needs_shaping, shape};
use proptest::prelude::*;

fn shaped(text: &str) -> Vec<Option<char>> {
    let mut out = Vec::new();
    shape(text, &mut out);
    out
}

/// Expected entries written as code points: 0 stands for `None` (absorbed alef).
fn entries(codes: &[u32]) -> Vec<Option<char>> {
    codes
        .iter()
        .map(|&c| (c != 0).then(|| char::from_u32(c).expect("test code point")))
        .collect()
}

/// Asserts with both sides shown as hex code points (editors reorder Arabic).
#[track_caller]
fn assert_shapes(text: &str, expected: &[u32]) {
    let hex = |v: &[Option<char>]| {
        v.iter()
            .map(|e| e.map_or("None".to_string(), |c| format!("{:04X}", c as u32)))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let got = shaped(text);
    assert_eq!(
        hex(&got),
        hex(&entries(expected)),
        "shaping {text:?} ({})",
        text.chars()
            .map(|c| format!("{:04X}", c as u32))
            .collect::<Vec<_>>()
            .join(" ")
    );
}

// ---------------------------------------------------------------------------
// Golden words

#[test]
fn salam_has_a_final_lam_alef() {
    // seen initial, lam-alef final (lam joins the seen), alef absorbed, meem isolated
    assert_shapes("سلام", &[0xFEB3, 0xFEFC, 0, 0xFEE1]);
}

#[test]
fn muhammad_initial_medial_final() {
    assert_shapes("محمد", &[0xFEE3, 0xFEA4, 0xFEE4, 0xFEAA]);
}

#[test]
fn lam_alef_ligatures_isolated() {
    assert_shapes("لا", &[0xFEFB, 0]);
    assert_shapes("لأ", &[0xFEF7, 0]);
    assert_shapes("لإ", &[0xFEF9, 0]);
    assert_shapes("لآ", &[0xFEF5, 0]);
}

#[test]
fn lam_alef_ligatures_final_after_a_joining_letter() {
    assert_shapes("كلا", &[0xFEDB, 0xFEFC, 0]);
    assert_shapes("بلأ", &[0xFE91, 0xFEF8, 0]);
    assert_shapes("بلإ", &[0xFE91, 0xFEFA, 0]);
    assert_shapes("بلآ", &[0xFE91, 0xFEF6, 0]);
}

#[test]
fn lam_alef_after_a_right_joining_letter_is_isolated() {
    // dal does not join forward: the lam starts a new join
    assert_shapes("دلا", &[0xFEA9, 0xFEFB, 0]);
}

#[test]
fn no_ligature_but_lam_alef() {
    // الله: alef, lam, lam, heh; never U+FDF2
    assert_shapes("الله", &[0xFE8D, 0xFEDF, 0xFEE0, 0xFEEA]);
    // lam-meem stays two glyphs
    assert_shapes("لم", &[0xFEDF, 0xFEE2]);
}

#[test]
fn marks_between_lam_and_alef_keep_the_ligature_and_their_entries() {
    // lam, fatha, alef
    assert_shapes("لَا", &[0xFEFB, 0x064E, 0]);
    // kaf, lam, shadda, fatha, alef
    assert_shapes(
        "\u{0643}\u{0644}\u{0651}\u{064E}\u{0627}",
        &[0xFEDB, 0xFEFC, 0x0651, 0x064E, 0],
    );
}

#[test]
fn tanween_keeps_its_entry() {
    // kaf, teh, alef, beh, fathatan, alef
    assert_shapes("كتابًا", &[0xFEDB, 0xFE98, 0xFE8E, 0xFE91, 0x064B, 0xFE8E]);
}

#[test]
fn tatweel_joins_both_sides() {
    assert_shapes("ـبـ", &[0x0640, 0xFE92, 0x0640]);
    assert_shapes("بـ", &[0xFE91, 0x0640]);
    assert_shapes("ـب", &[0x0640, 0xFE90]);
    // tatweel between lam and alef: no ligature, both join it
    assert_shapes("لـا", &[0xFEDF, 0x0640, 0xFE8E]);
}

#[test]
fn zwj_forces_a_join() {
    assert_shapes("ن\u{200D}", &[0xFEE7, 0x200D]);
    assert_shapes("\u{200D}ن", &[0x200D, 0xFEE6]);
    assert_shapes("\u{200D}ن\u{200D}", &[0x200D, 0xFEE8, 0x200D]);
    assert_eq!(joining_type('\u{200D}'), JoiningType::C);
}

#[test]
fn zwnj_breaks_a_join() {
    assert_shapes("نا", &[0xFEE7, 0xFE8E]);
    assert_shapes("ن\u{200C}ا", &[0xFEE5, 0x200C, 0xFE8D]);
    // Persian می‌خواهم: meem, yeh, ZWNJ, khah, waw, alef, heh, meem
    assert_shapes(
        "می\u{200C}خواهم",
        &[
            0xFEE3, 0xFBFD, 0x200C, 0xFEA7, 0xFEEE, 0xFE8D, 0xFEEB, 0xFEE2,
        ],
    );
    // ZWNJ between lam and alef prevents the ligature
    assert_shapes("ل\u{200C}ا", &[0xFEDD, 0x200C, 0xFE8D]);
    assert_eq!(joining_type('\u{200C}'), JoiningType::U);
}

#[test]
fn persian_letters() {
    // peh, farsi yeh, tcheh
    assert_shapes("پیچ", &[0xFB58, 0xFBFF, 0xFB7B]);
    // gaf, tcheh
    assert_shapes("گچ", &[0xFB94, 0xFB7B]);
    // jeh, keheh
    assert_shapes("ژک", &[0xFB8A, 0xFB8E]);
    assert_shapes("کژ", &[0xFB90, 0xFB8B]);
}

#[test]
fn urdu_letters() {
    // heh goal, yeh barree
    assert_shapes("ہے", &[0xFBA8, 0xFBAF]);
    // tteh, ddal, rreh: ٹڈ ڑ
    assert_shapes("ٹڈ ڑ", &[0xFB68, 0xFB89, 0x20, 0xFB8C]);
    // heh doachashmee medial in بھی: beh, heh doachashmee, farsi yeh
    assert_shapes("بھی", &[0xFE91, 0xFBAD, 0xFBFD]);
    // yeh barree with hamza, heh with yeh above
    assert_shapes("بۓ ۀ", &[0xFE91, 0xFBB1, 0x20, 0xFBA4]);
    // noon ghunna has only isolated and final forms: it joins as a right-joining
    // letter, so nothing joins toward it from after (issue 23, item 2; it was
    // `06BA FE90`, a final beh joining toward an unjoined ghunna)
    assert_shapes("ںب", &[0xFB9E, 0xFE8F]);
    assert_shapes("بں", &[0xFE91, 0xFB9F]);
    assert_shapes("بںب", &[0xFE91, 0xFB9F, 0xFE8F]);
}

#[test]
fn hamza_is_non_joining_and_stays_nominal() {
    // jeem, alef, hamza
    assert_shapes("جاء", &[0xFE9F, 0xFE8E, 0x0621]);
    // hamza between two beh breaks the join
    assert_shapes("بءب", &[0xFE8F, 0x0621, 0xFE8F]);
}

#[test]
fn bidi_controls_between_letters_do_not_break_the_join() {
    assert_shapes("ب\u{200F}ب", &[0xFE91, 0x200F, 0xFE90]);
    // ALM, RLE, PDF, LRM: Cf, so transparent
    assert_shapes(
        "ب\u{061C}\u{202B}ب\u{202C}\u{200E}ب",
        &[0xFE91, 0x061C, 0x202B, 0xFE92, 0x202C, 0x200E, 0xFE90],
    );
    assert_shapes("ل\u{200F}ا", &[0xFEFB, 0x200F, 0]);
}

#[test]
fn isolates_break_the_join() {
    // ArabicShaping.txt lists LRI, RLI, FSI, PDI as U: an isolate is a separate run.
    assert_shapes("ب\u{2067}ب\u{2069}", &[0xFE8F, 0x2067, 0xFE8F, 0x2069]);
    assert_eq!(joining_type('\u{2068}'), JoiningType::U);
}

#[test]
fn text_without_arabic_is_unchanged() {
    for text in [
        "",
        "hello, world",
        "שלום עולם",
        "2013 31.5% 13,000",
        "漢字 🙂 e\u{301}",
    ] {
        assert!(!needs_shaping(text), "{text:?}");
        let expected: Vec<Option<char>> = text.chars().map(Some).collect();
        assert_eq!(shaped(text), expected, "{text:?}");
    }
}

#[test]
fn needs_shaping_finds_arabic_letters() {
    assert!(needs_shaping("abc ب"));
    assert!(needs_shaping("لا"));
    assert!(needs_shaping("پ"));
    // marks, digits and punctuation of the Arabic block alone change nothing
    assert!(!needs_shaping("\u{064B}\u{0651} ١٢٣ ، ؟ ء"));
}

#[test]
fn other_joining_scripts_keep_nominal_letters() {
    // Syriac olaph, beth: joining types apply, but no presentation forms exist
    assert_eq!(joining_type('\u{0712}'), JoiningType::D);
    assert_shapes("\u{0710}\u{0712}", &[0x0710, 0x0712]);
}

#[test]
fn joining_types_of_common_characters() {
    use JoiningType::*;
    for (c, jt) in [
        ('ب', D),
        ('ا', R),
        ('د', R),
        ('ء', U),
        ('ـ', C),
        ('\u{064E}', T),
        ('\u{0670}', T),
        ('\u{06D6}', T),
        ('\u{200F}', T),
        ('\u{202B}', T),
        ('\u{00AD}', T),
        ('a', U),
        (' ', U),
        ('\u{A872}', L),
    ] {
        assert_eq!(joining_type(c), jt, "U+{:04X}", c as u32);
    }
}

// ---------------------------------------------------------------------------
// The Unicode data and the tables generated from it

struct Ucd {
    /// Joining type of every code point, with the defaults applied.
    joining: Vec<JoiningType>,
    /// (base letter, position) → presentation form; position 0..4 =
    /// isolated, final, initial, medial.
    forms: BTreeMap<(char, usize), char>,
    /// (first letter, second letter, position) → two-letter ligature.
    ligatures: BTreeMap<(char, char, usize), char>,
    /// Presentation form → the letters it stands for (lam-alef: two).
    decompositions: BTreeMap<char, Vec<char>>,
}

fn data_path(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

fn parse_code(s: &str) -> u32 {
    u32::from_str_radix(s.trim(), 16).expect("hex code point")
}

static UCD: LazyLock<Ucd> = LazyLock::new(|| {
    let mut unicode_data = String::new();
    flate2::read::GzDecoder::new(
        std::fs::File::open(data_path("UnicodeData.txt.gz")).expect("UnicodeData.txt.gz"),
    )
    .read_to_string(&mut unicode_data)
    .expect("gunzip UnicodeData.txt.gz");
    let arabic_shaping =
        std::fs::read_to_string(data_path("ArabicShaping.txt")).expect("ArabicShaping.txt");

    // ArabicShaping.txt: unlisted code points of General Category Mn, Me, Cf are T,
    // all others U.
    let mut joining = vec![JoiningType::U; 0x11_0000];
    let mut forms = BTreeMap::new();
    let mut ligatures = BTreeMap::new();
    let mut decompositions = BTreeMap::new();
    let mut range_start = None;
    for line in unicode_data.lines() {
        let fields: Vec<&str> = line.split(';').collect();
        let code = parse_code(fields[0]);
        let (name, category, decomposition) = (fields[1], fields[2], fields[5]);
        let codes = if name.ends_with(", First>") {
            range_start = Some(code);
            continue;
        } else if name.ends_with(", Last>") {
            range_start.take().expect("First before Last")..=code
        } else {
            code..=code
        };
        if matches!(category, "Mn" | "Me" | "Cf") {
            for c in codes {
                joining[c as usize] = JoiningType::T;
            }
        }
        let mut parts = decomposition.split(' ');
        let position = match parts.next() {
            Some("<isolated>") => 0,
            Some("<final>") => 1,
            Some("<initial>") => 2,
            Some("<medial>") => 3,
            _ => continue,
        };
        let form = char::from_u32(code).expect("form");
        let letters: Vec<char> = parts
            .map(|p| char::from_u32(parse_code(p)).expect("letter"))
            .collect();
        match letters[..] {
            [base] => {
                let previous = forms.insert((base, position), form);
                assert!(previous.is_none(), "two forms for {base:?} at {position}");
            }
            [first, second] => {
                ligatures.insert((first, second, position), form);
            }
            _ => {}
        }
        decompositions.insert(form, letters);
    }
    for line in arabic_shaping.lines() {
        let line = line.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        let fields: Vec<&str> = line.split(';').map(str::trim).collect();
        joining[parse_code(fields[0]) as usize] = match fields[2] {
            "R" => JoiningType::R,
            "L" => JoiningType::L,
            "D" => JoiningType::D,
            "C" => JoiningType::C,
            "U" => JoiningType::U,
            "T" => JoiningType::T,
            other => panic!("unknown joining type {other}"),
        };
    }
    Ucd {
        joining,
        forms,
        ligatures,
        decompositions,
    }
});

fn unicode_version() -> String {
    let text = std::fs::read_to_string(data_path("ArabicShaping.txt")).expect("ArabicShaping");
    let first = text.lines().next().unwrap_or("");
    first
        .trim_start_matches("# ArabicShaping-")
        .trim_end_matches(".txt")
        .to_string()
}

/// The text of src/shape/tables.rs, derived from the vendored data.
fn generate_tables(ucd: &Ucd) -> String {
    const BLOCK_START: u32 = 0x0600;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "// @generated by the `generated_tables_match_unicode_data` test in tests/shape.rs\n\
         // from tests/data/ArabicShaping.txt and tests/data/UnicodeData.txt.gz (Unicode {}).\n\
         // Do not edit: regenerate with\n\
         // `UPDATE_SHAPE_TABLES=1 cargo test --test shape generated_tables`.\n\
         \n\
         use super::JoiningType::{{self, *}};\n",
        unicode_version()
    );

    let _ = writeln!(
        out,
        "/// First code point of [`ARABIC_BLOCK`].\n\
         pub(super) const ARABIC_BLOCK_START: u32 = 0x{BLOCK_START:04X};\n\
         \n\
         /// Joining types of U+0600..=U+06FF (a fast path), indexed by `c - ARABIC_BLOCK_START`.\n\
         #[rustfmt::skip]\n\
         pub(super) static ARABIC_BLOCK: [JoiningType; 256] = ["
    );
    for row in 0..16 {
        let start = BLOCK_START as usize + row * 16;
        let cells: Vec<String> = ucd.joining[start..start + 16]
            .iter()
            .map(|jt| format!("{jt:?},"))
            .collect();
        let _ = writeln!(out, "    {} // {start:04X}", cells.join(" "));
    }
    let _ = writeln!(out, "];\n");

    let _ = writeln!(
        out,
        "/// Every code point whose joining type is not U, as sorted, disjoint, inclusive\n\
         /// ranges of one joining type.\n\
         #[rustfmt::skip]\n\
         pub(super) static JOINING_RANGES: &[(u32, u32, JoiningType)] = &["
    );
    let mut code = 0;
    while code < ucd.joining.len() {
        let jt = ucd.joining[code];
        let mut end = code;
        while end + 1 < ucd.joining.len() && ucd.joining[end + 1] == jt {
            end += 1;
        }
        if jt != JoiningType::U {
            let _ = writeln!(out, "    (0x{code:04X}, 0x{end:04X}, {jt:?}),");
        }
        code = end + 1;
    }
    let _ = writeln!(out, "];\n");

    let bases: Vec<char> = ucd.forms.keys().map(|&(base, _)| base).collect();
    let mut bases = bases;
    bases.dedup();
    let hex = |c: char| format!("'\\u{{{:04X}}}'", c as u32);
    let _ = writeln!(
        out,
        "/// First letter of [`FORMS`].\n\
         pub(super) const FORMS_FIRST: char = {};\n\
         \n\
         /// Presentation forms of each letter that has any, sorted by letter:\n\
         /// `[isolated, final, initial, medial]`, a missing form being the letter itself.\n\
         #[rustfmt::skip]\n\
         pub(super) static FORMS: &[(char, [char; 4])] = &[",
        hex(bases[0]),
    );
    for &base in &bases {
        let slots: Vec<String> = (0..4)
            .map(|position| hex(*ucd.forms.get(&(base, position)).unwrap_or(&base)))
            .collect();
        let _ = writeln!(out, "    ({}, [{}]),", hex(base), slots.join(", "));
    }
    let _ = writeln!(out, "];\n");

    let (first, last) = (bases[0] as u32, bases[bases.len() - 1] as u32);
    assert!(bases.len() < 255, "FORMS_INDEX holds u8 indexes");
    let _ = writeln!(
        out,
        "/// For each code point of FORMS_FIRST..=(the last letter), its index in [`FORMS`], or 255.\n\
         #[rustfmt::skip]\n\
         pub(super) static FORMS_INDEX: [u8; {}] = [",
        last - first + 1
    );
    let indexes: Vec<String> = (first..=last)
        .map(|code| {
            let c = char::from_u32(code).expect("BMP letter");
            bases.binary_search(&c).map_or(255, |i| i).to_string()
        })
        .collect();
    for (row, chunk) in indexes.chunks(16).enumerate() {
        let _ = writeln!(
            out,
            "    {}, // {:04X}",
            chunk.join(", "),
            first as usize + row * 16
        );
    }
    let _ = writeln!(out, "];");
    out
}

#[test]
fn generated_tables_match_unicode_data() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/shape/tables.rs");
    let expected = generate_tables(&UCD);
    if std::env::var_os("UPDATE_SHAPE_TABLES").is_some() {
        std::fs::write(&path, &expected).expect("write tables.rs");
    }
    let committed = std::fs::read_to_string(&path).expect("read tables.rs");
    assert!(
        committed == expected,
        "src/shape/tables.rs differs from the Unicode data; regenerate with \
         UPDATE_SHAPE_TABLES=1 cargo test --test shape generated_tables"
    );
}

#[test]
fn joining_type_of_every_code_point_matches_unicode_data() {
    let mut checked = 0;
    for code in 0..0x11_0000u32 {
        let Some(c) = char::from_u32(code) else {
            continue;
        };
        assert_eq!(joining_type(c), UCD.joining[code as usize], "U+{code:04X}");
        checked += 1;
    }
    assert_eq!(checked, 0x11_0000 - 0x800);
}

#[test]
fn every_letter_with_forms_shapes_to_them_in_each_position() {
    // Tatweel (join-causing) on either side selects the position.
    for (&(base, position), &form) in &UCD.forms {
        if drawn_type(base) == JoiningType::U {
            // Hamza, and U+0677 (right-joining but with no final form, so drawn
            // joining on no side): they stay nominal.
            continue;
        }
        let text = match position {
            0 => format!("{base}"),
            1 => format!("ـ{base}"),
            2 => format!("{base}ـ"),
            _ => format!("ـ{base}ـ"),
        };
        let got = shaped(&text);
        let at = usize::from(position == 1 || position == 3);
        assert_eq!(
            got[at],
            Some(form),
            "U+{:04X} position {position}",
            base as u32
        );
    }
}

// ---------------------------------------------------------------------------
// Properties

const LAM: char = '\u{0644}';
const ALEFS: [char; 4] = ['\u{0622}', '\u{0623}', '\u{0625}', '\u{0627}'];

/// Shaping written straight from the rules, one character at a time, looking both ways
/// for the nearest non-transparent neighbours (quadratic, for tests only).
/// The joining type `c` is drawn with: Unicode's, less the sides on which the UCD
/// gives it no presentation form (a dual-joining letter needs a final or medial
/// form to join before, an initial or medial one to join after).
fn drawn_type(c: char) -> JoiningType {
    use JoiningType::*;
    let unicode = UCD.joining[c as usize];
    let has = |position| UCD.forms.contains_key(&(c, position));
    let (backward, forward) = match unicode {
        D => (has(1) || has(3), has(2) || has(3)),
        R => (has(1), false),
        L => (false, has(2)),
        other => return other,
    };
    match (backward, forward) {
        (true, true) => D,
        (true, false) => R,
        (false, true) => L,
        (false, false) => U,
    }
}

#[test]
fn every_letter_lacking_a_form_breaks_the_joins_around_it() {
    // Issue 23, item 2: for every letter of ArabicShaping.txt that joins (D, R, L),
    // between behs, before one and after one, each two neighbouring letters agree:
    // the first is drawn joining forward exactly when the second is drawn joining
    // back (a nominal letter, with no form for its place, joins neither way).
    let beh = '\u{0628}';
    let joins = |glyph: char| -> (bool, bool) {
        if glyph == '\u{0640}' {
            (true, true)
        } else {
            hiwar_layout::shape::form_joins(glyph)
        }
    };
    let (mut letters, mut lacking) = (0, 0);
    for code in 0..0x11_0000u32 {
        let Some(letter) = char::from_u32(code) else {
            continue;
        };
        if !matches!(
            UCD.joining[code as usize],
            JoiningType::D | JoiningType::R | JoiningType::L
        ) {
            continue;
        }
        letters += 1;
        lacking += usize::from(drawn_type(letter) != UCD.joining[code as usize]);
        for text in [
            format!("{beh}{letter}{beh}"),
            format!("{letter}{beh}"),
            format!("{beh}{letter}"),
        ] {
            let glyphs: Vec<char> = shaped(&text).into_iter().flatten().collect();
            for pair in glyphs.windows(2) {
                let (before, after) = (joins(pair[0]).1, joins(pair[1]).0);
                assert_eq!(
                    before, after,
                    "{text:?} drawn {:?}: U+{:04X} joins forward {before}, U+{:04X} back {after}",
                    glyphs, pair[0] as u32, pair[1] as u32
                );
            }
        }
    }
    // Every joining letter of the file was walked; noon ghunna and the letters with
    // no presentation form at all (Arabic Supplement, Syriac, N'Ko...) among them.
    assert!(letters > 300, "{letters} joining letters");
    assert!(lacking > 100, "{lacking} letters lacking a form");
}

fn reference_shape(text: &str) -> Vec<Option<char>> {
    let chars: Vec<char> = text.chars().collect();
    let types: Vec<JoiningType> = chars.iter().map(|&c| drawn_type(c)).collect();
    let neighbour =
        |mut range: Box<dyn Iterator<Item = usize>>| range.find(|&j| types[j] != JoiningType::T);
    let forward = |jt| matches!(jt, JoiningType::D | JoiningType::L | JoiningType::C);
    let backward = |jt| matches!(jt, JoiningType::D | JoiningType::R | JoiningType::C);
    let mut out = Vec::new();
    for i in 0..chars.len() {
        let (c, jt) = (chars[i], types[i]);
        let before = neighbour(Box::new((0..i).rev()));
        let after = neighbour(Box::new(i + 1..chars.len()));
        let joined_before = before.is_some_and(|j| forward(types[j]) && backward(jt));
        let joined_after = after.is_some_and(|k| forward(jt) && backward(types[k]));
        if jt == JoiningType::T || jt == JoiningType::U {
            out.push(Some(c));
        } else if ALEFS.contains(&c) && before.is_some_and(|j| chars[j] == LAM) {
            out.push(None);
        } else if c == LAM && after.is_some_and(|k| ALEFS.contains(&chars[k])) {
            let alef = chars[after.expect("checked")];
            let position = usize::from(joined_before);
            let ligature = UCD.ligatures.get(&(LAM, alef, position));
            out.push(Some(*ligature.expect("lam-alef ligature in UnicodeData")));
        } else {
            let position = match (joined_before, joined_after) {
                (false, false) => 0,
                (true, false) => 1,
                (false, true) => 2,
                (true, true) => 3,
            };
            out.push(Some(*UCD.forms.get(&(c, position)).unwrap_or(&c)));
        }
    }
    out
}

fn paragraph() -> impl Strategy<Value = String> {
    let pool: Vec<char> = [
        // Arabic letters, with lam and the alefs often
        "ابتثجحخدذرزسشصضطظعغفقكلمنهويىةءآأإؤئ",
        "للللاااأإآ",
        // Persian and Urdu
        "پچژگکیہھےۀۂٹڈڑںۓ",
        // harakat, superscript alef, Quranic marks, tatweel
        "\u{064B}\u{064C}\u{064D}\u{064E}\u{064F}\u{0650}\u{0651}\u{0652}\u{0670}\u{06D6}\u{0640}",
        // ZWJ, ZWNJ, bidi controls
        "\u{200D}\u{200C}\u{200F}\u{200E}\u{061C}\u{202B}\u{202C}\u{2067}\u{2069}",
        // other scripts, digits, punctuation, Syriac
        " a1،.?()«»שׁ漢🙂\u{0710}\u{0712}\u{A872}",
    ]
    .concat()
    .chars()
    .collect();
    proptest::collection::vec(proptest::sample::select(pool), 0..40)
        .prop_map(|chars| chars.into_iter().collect())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn one_entry_per_char_and_every_none_is_an_absorbed_alef(text in paragraph()) {
        let out = shaped(&text);
        let chars: Vec<char> = text.chars().collect();
        prop_assert_eq!(out.len(), chars.len());
        for (i, entry) in out.iter().enumerate() {
            if entry.is_some() {
                continue;
            }
            prop_assert!(ALEFS.contains(&chars[i]), "None on {:?}", chars[i]);
            let lam = (0..i)
                .rev()
                .find(|&j| joining_type(chars[j]) != JoiningType::T)
                .expect("a lam before an absorbed alef");
            prop_assert_eq!(chars[lam], LAM);
            let glyph = out[lam].expect("the lam carries the ligature");
            prop_assert!(('\u{FEF5}'..='\u{FEFC}').contains(&glyph), "{:?}", glyph);
        }
    }

    #[test]
    fn nothing_is_lost(text in paragraph()) {
        // Decomposing every glyph gives the text back: each entry stands for its own
        // char, a ligature for its lam and the absorbed alef.
        let out = shaped(&text);
        let chars: Vec<char> = text.chars().collect();
        let mut restored = String::new();
        for (i, entry) in out.iter().enumerate() {
            if let Some(glyph) = entry {
                match UCD.decompositions.get(glyph) {
                    Some(letters) => {
                        prop_assert_eq!(letters[0], chars[i]);
                        restored.extend(letters);
                    }
                    None => {
                        prop_assert_eq!(*glyph, chars[i]);
                        restored.push(*glyph);
                    }
                }
            }
        }
        // the alef of a ligature comes before the marks that followed the lam
        let sorted = |s: &str| {
            let mut v: Vec<char> = s.chars().collect();
            v.sort_unstable();
            v
        };
        prop_assert_eq!(sorted(&restored), sorted(&text));
    }

    #[test]
    fn matches_the_reference(text in paragraph()) {
        prop_assert_eq!(shaped(&text), reference_shape(&text));
    }

    #[test]
    fn text_that_needs_no_shaping_is_unchanged(text in paragraph()) {
        if !needs_shaping(&text) {
            let identity: Vec<Option<char>> = text.chars().map(Some).collect();
            prop_assert_eq!(shaped(&text), identity);
        }
    }
}

// ---------------------------------------------------------------------------
// A check against FriBidi, run by hand (needs the `fribidi` program):
// `cargo test --test shape -- --ignored --nocapture fribidi`
// Text: $HIWAR_FRIBIDI_TEXT, else the built-in interview, assets/interview-ar.txt.

/// FriBidi's shaping of `paragraph` back in logical order, one glyph per input char:
/// its visual string put back through its visual-to-logical map.
fn fribidi_logical_shaping(paragraph: &str) -> Vec<char> {
    use std::io::Write as _;
    use std::process::{Command, Stdio};
    let mut child = Command::new("fribidi")
        .args([
            "--nobreak",
            "--nopad",
            "--reordernsm",
            "--nomirror",
            "--vtol",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("run fribidi (libfribidi-bin)");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(format!("{paragraph}\n").as_bytes())
        .expect("write to fribidi");
    let output = child.wait_with_output().expect("fribidi output");
    let stdout = String::from_utf8(output.stdout).expect("UTF-8 from fribidi");
    let mut lines = stdout.lines();
    let visual: Vec<char> = lines.next().expect("visual line").chars().collect();
    let vtol: Vec<usize> = lines
        .next()
        .expect("vtol line")
        .split_whitespace()
        .map(|n| n.parse().expect("index"))
        .collect();
    assert_eq!(visual.len(), vtol.len(), "{paragraph:?}");
    let mut logical = vec!['\0'; visual.len()];
    for (v, &l) in vtol.iter().enumerate() {
        logical[l] = visual[v];
    }
    // FriBidi leaves its U+FEFF filler on the lam and puts the ligature on the alef;
    // hiwar keeps the ligature on the lam: swap so the two compare.
    for i in 1..logical.len() {
        if logical[i - 1] == '\u{FEFF}' && ('\u{FEF5}'..='\u{FEFC}').contains(&logical[i]) {
            logical.swap(i - 1, i);
        }
    }
    logical
}

#[test]
#[ignore = "needs the fribidi program; run by hand"]
fn shaping_agrees_with_fribidi() {
    let path = std::env::var("HIWAR_FRIBIDI_TEXT").unwrap_or_else(|_| {
        format!(
            "{}/../../assets/interview-ar.txt",
            env!("CARGO_MANIFEST_DIR")
        )
    });
    let text = std::fs::read_to_string(&path).expect("interview text");
    let is_ligature = |e: Option<char>| e.is_none_or(|g| ('\u{FEF5}'..='\u{FEFC}').contains(&g));
    let (mut paragraphs, mut identical, mut total) = (0, 0, 0);
    let (mut mirrored, mut across_marks, mut other) = (0, 0, 0);
    for paragraph in text.lines().filter(|p| !p.trim().is_empty()) {
        paragraphs += 1;
        let chars: Vec<char> = paragraph.chars().collect();
        let ours = shaped(paragraph);
        let theirs = fribidi_logical_shaping(paragraph);
        assert_eq!(ours.len(), theirs.len());
        let mut same = true;
        for (i, (&o, &t)) in ours.iter().zip(&theirs).enumerate() {
            total += 1;
            // FriBidi writes U+FEFF where a ligature absorbed a char, and the isolated
            // form U+FE80 for hamza, which hiwar leaves nominal.
            let t = match t {
                '\u{FEFF}' => None,
                '\u{FE80}' => Some('\u{0621}'),
                t => Some(t),
            };
            if o == t {
                continue;
            }
            same = false;
            let mark_beside = |j: Option<usize>| {
                j.and_then(|j| chars.get(j))
                    .is_some_and(|&c| joining_type(c) == JoiningType::T)
            };
            let kind = if t.is_some() && t == unicode_bidi_mirroring::get_mirrored(chars[i]) {
                // FriBidi 1.0.8's CLI mirrors even with --nomirror; not shaping.
                mirrored += 1;
                "mirrored by fribidi"
            } else if is_ligature(o)
                && !is_ligature(t)
                && (mark_beside(Some(i + 1)) || mark_beside(i.checked_sub(1)))
            {
                // FriBidi ligates only a lam and alef that are adjacent code points.
                across_marks += 1;
                "lam-alef across a mark"
            } else {
                other += 1;
                "other"
            };
            let context: String = chars[i.saturating_sub(3)..(i + 4).min(chars.len())]
                .iter()
                .collect();
            println!("char {i}: hiwar {o:?}, fribidi {t:?} in {context:?}: {kind}");
        }
        identical += usize::from(same);
    }
    println!(
        "fribidi shaping: {identical}/{paragraphs} paragraphs identical over {total} chars; \
         differing chars: {mirrored} mirrored by fribidi, {across_marks} lam-alef across \
         a mark, {other} other"
    );
    assert_eq!(other, 0);
}

/// Throughput on the interview text repeated to 10 MB, run by hand in release:
/// `cargo test --release --test shape -- --ignored --nocapture throughput`
#[test]
#[ignore = "timing; run by hand in release"]
fn throughput() {
    let path = format!(
        "{}/../../assets/interview-ar.txt",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(path).expect("interview text");
    let paragraphs: Vec<&str> = text.lines().collect();
    let repeats = 10_000_000 / text.len() + 1;
    let mut out = Vec::new();
    let (mut bytes, mut glyphs) = (0, 0);
    let start = std::time::Instant::now();
    for _ in 0..repeats {
        for paragraph in &paragraphs {
            if needs_shaping(paragraph) {
                shape(paragraph, &mut out);
                glyphs += out.len();
            }
            bytes += paragraph.len();
        }
    }
    let elapsed = start.elapsed();
    println!(
        "shaped {bytes} bytes ({glyphs} chars) in {elapsed:?}: {:.0} MB/s",
        bytes as f64 / 1e6 / elapsed.as_secs_f64()
    );
}

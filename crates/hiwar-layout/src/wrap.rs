//! Step 4: where lines may break (UAX #14), on the logical text.
//!
//! The general path asks unicode-linebreak ([`break_opportunities`]). The simple
//! print (text whose every character has one of the line-break classes of prose:
//! letters, Hebrew letters, digits, spaces, glue, punctuation, quotes, brackets,
//! marks; see [`Class`]) asks our own breaker, [`Breaker`], a character at a time
//! in its pass: the rules of UAX #14 for those classes, compiled at first use into
//! a table of states (the class before, or one of the contexts `OP SP*`,
//! `QU SP*`, `CL SP*`, `CP SP*`, `B2 SP*`, `HL (HY | BA)`, each also after a ZWJ)
//! by classes. It gives the same opportunities as unicode-linebreak 0.1.5
//! (Unicode 15.0, the default LB25 rule): LineBreakTest.txt runs through both
//! ([`own_break_opportunities`] for the cases ours takes), tests compare them on
//! every short sequence of classes and on random text, and the property test of
//! the layout's fast paths compares whole layouts.

use std::sync::OnceLock;

use unicode_linebreak::BreakClass;

/// Byte offsets where a line may break before (UAX #14), with whether the break is
/// mandatory. Ends with `text.len()` (mandatory), like `unicode_linebreak::linebreaks`.
/// By unicode-linebreak: the general path's breaker.
pub fn break_opportunities(text: &str) -> impl Iterator<Item = (usize, bool)> + '_ {
    unicode_linebreak::linebreaks(text)
        .map(|(i, op)| (i, op == unicode_linebreak::BreakOpportunity::Mandatory))
}

/// [`break_opportunities`] by our own breaker, if it takes `text` (every
/// character of a class it knows, see [`Class`]).
pub fn own_break_opportunities(text: &str) -> Option<Vec<(usize, bool)>> {
    let mut breaker = Breaker::new();
    let mut found = Vec::new();
    for (i, c) in text.char_indices() {
        if breaker.next(class_of(c)?) {
            found.push((i, false));
        }
    }
    // The end of the text (LB3), unless it is empty (as unicode-linebreak).
    if !text.is_empty() {
        found.push((text.len(), true));
    }
    Some(found)
}

/// The line-break classes our breaker knows, after rule LB1 (AI and XX are AL).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum Class {
    AL,
    HL,
    NU,
    SP,
    GL,
    BA,
    HY,
    B2,
    BB,
    IS,
    EX,
    QU,
    OP,
    CL,
    CP,
    PR,
    PO,
    SY,
    CM,
    ZWJ,
    NS,
    IN,
}

const CLASSES: usize = Class::IN as usize + 1;

impl Class {
    const ALL: [Class; CLASSES] = [
        Class::AL,
        Class::HL,
        Class::NU,
        Class::SP,
        Class::GL,
        Class::BA,
        Class::HY,
        Class::B2,
        Class::BB,
        Class::IS,
        Class::EX,
        Class::QU,
        Class::OP,
        Class::CL,
        Class::CP,
        Class::PR,
        Class::PO,
        Class::SY,
        Class::CM,
        Class::ZWJ,
        Class::NS,
        Class::IN,
    ];

    /// The class of a break class of unicode-linebreak, if our breaker knows it.
    pub fn of(class: BreakClass) -> Option<Class> {
        use BreakClass::*;
        Some(match class {
            Alphabetic | Ambiguous | Unknown => Class::AL,
            HebrewLetter => Class::HL,
            Numeric => Class::NU,
            Space => Class::SP,
            NonBreakingGlue => Class::GL,
            After => Class::BA,
            Hyphen => Class::HY,
            BeforeAndAfter => Class::B2,
            Before => Class::BB,
            InfixSeparator => Class::IS,
            Exclamation => Class::EX,
            Quotation => Class::QU,
            OpenPunctuation => Class::OP,
            ClosePunctuation => Class::CL,
            CloseParenthesis => Class::CP,
            Prefix => Class::PR,
            Postfix => Class::PO,
            Symbol => Class::SY,
            CombiningMark => Class::CM,
            ZeroWidthJoiner => Class::ZWJ,
            NonStarter => Class::NS,
            Inseparable => Class::IN,
            _ => return None,
        })
    }
}

/// `c`'s class, if our breaker knows it.
#[inline]
pub fn class_of(c: char) -> Option<Class> {
    Class::of(unicode_linebreak::break_property(c as u32))
}

/// The state of the breaker: what the rules need to know of the text before.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Context {
    /// The start of the text (LB2).
    Start,
    /// The class of the character before (after LB9 and LB10; never CM or ZWJ).
    After(Class),
    /// An opening punctuation and spaces (LB14).
    OpSpaces,
    /// A quotation mark and spaces (LB15).
    QuSpaces,
    /// A closing punctuation and spaces (LB16).
    ClSpaces,
    /// A closing parenthesis and spaces (LB16).
    CpSpaces,
    /// B2 and spaces (LB17).
    B2Spaces,
    /// A Hebrew letter and a hyphen or BA (LB21a).
    HlHyphen,
}

impl Context {
    /// Spaces were the last characters (LB18 breaks after them).
    fn after_spaces(self) -> bool {
        matches!(
            self,
            Context::After(Class::SP)
                | Context::OpSpaces
                | Context::QuSpaces
                | Context::ClSpaces
                | Context::CpSpaces
                | Context::B2Spaces
        )
    }
}

/// UAX #14 (Unicode 15.0) on one pair: whether a line may break before a
/// character of class `c` in context `s`, and the context after it.
fn rule(s: Context, c: Class) -> (bool, Context) {
    use Class::*;
    use Context::*;
    let mut c = c;
    if matches!(c, CM | ZWJ) {
        // LB9: a mark takes the class of its base, and no break before it;
        // LB10: with no base (at the start, after spaces), it is AL.
        if s == Start || s.after_spaces() {
            c = AL;
        } else {
            return (false, s);
        }
    }
    let after = match (s, c) {
        (OpSpaces | After(OP), SP) => OpSpaces,
        (QuSpaces | After(QU), SP) => QuSpaces,
        (ClSpaces | After(CL), SP) => ClSpaces,
        (CpSpaces | After(CP), SP) => CpSpaces,
        (B2Spaces | After(B2), SP) => B2Spaces,
        (After(HL), HY | BA) => HlHyphen,
        (_, c) => After(c),
    };
    if s == Start {
        // LB2: never at the start.
        return (false, after);
    }
    (allowed(s, c), after)
}

/// Whether a line may break before a character of class `c` (not CM or ZWJ) in
/// context `s` (not the start): the first rule that applies decides.
fn allowed(s: Context, c: Class) -> bool {
    use Class::*;
    use Context::*;
    let before = match s {
        After(class) => Some(class),
        _ => None,
    };
    let is = |x: Class| before == Some(x);
    let rules_against_a_break = [
        c == SP,                                                             // LB7
        is(GL),                                                              // LB12
        c == GL && !s.after_spaces() && !is(BA) && !is(HY) && s != HlHyphen, // LB12a
        matches!(c, CL | CP | EX | IS | SY),                                 // LB13
        s == OpSpaces || is(OP),                                             // LB14
        c == OP && (s == QuSpaces || is(QU)),                                // LB15
        c == NS && matches!(s, ClSpaces | CpSpaces | After(CL) | After(CP)), // LB16
        c == B2 && matches!(s, B2Spaces | After(B2)),                        // LB17
    ];
    if rules_against_a_break.contains(&true) {
        return false;
    }
    if s.after_spaces() {
        return true; // LB18
    }
    let Some(b) = before else {
        // HL (HY | BA): LB21a.
        return false;
    };
    let letter = |x: Class| matches!(x, AL | HL);
    let rules_against_a_break = [
        c == QU || b == QU,                                                         // LB19
        matches!(c, BA | HY | NS) || b == BB,                                       // LB21
        b == SY && c == HL,                                                         // LB21b
        c == IN,                                                                    // LB22
        (letter(b) && c == NU) || (b == NU && letter(c)),                           // LB23
        (matches!(b, PR | PO) && letter(c)) || (letter(b) && matches!(c, PR | PO)), // LB24
        matches!(
            (b, c),
            (CL | CP, PO | PR) | (NU, PO | PR) | (PO | PR, OP | NU) | (HY | IS | NU | SY, NU)
        ), // LB25
        letter(b) && letter(c),                                                     // LB28
        b == IS && letter(c),                                                       // LB29
        (matches!(b, AL | HL | NU) && c == OP) || (b == CP && matches!(c, AL | HL | NU)), // LB30
    ];
    // LB31: everywhere else.
    !rules_against_a_break.contains(&true)
}

/// Contexts as table rows: each of [`Context`], and the same after a ZWJ (LB8a:
/// no break right after one).
const CONTEXTS: usize = 7 + CLASSES;
/// Rows of the table: a power of two, so that a row number masked is in it.
const ROWS: usize = (2 * CONTEXTS).next_power_of_two();
/// A table entry's bit for "a line may break before".
const ALLOWED: u8 = 0x80;

fn row_of(s: Context) -> u8 {
    match s {
        Context::Start => 0,
        Context::OpSpaces => 1,
        Context::QuSpaces => 2,
        Context::ClSpaces => 3,
        Context::CpSpaces => 4,
        Context::B2Spaces => 5,
        Context::HlHyphen => 6,
        Context::After(c) => 7 + c as u8,
    }
}

fn context_of(row: usize) -> Context {
    match row % CONTEXTS {
        0 => Context::Start,
        1 => Context::OpSpaces,
        2 => Context::QuSpaces,
        3 => Context::ClSpaces,
        4 => Context::CpSpaces,
        5 => Context::B2Spaces,
        6 => Context::HlHyphen,
        k => Context::After(Class::ALL[k - 7]),
    }
}

/// Columns of the table: a power of two, so that a class masked is in it.
const COLUMNS: usize = CLASSES.next_power_of_two();

/// The rules as a table: `[row][class]` is the next row, with [`ALLOWED`].
fn table() -> &'static [[u8; COLUMNS]; ROWS] {
    static TABLE: OnceLock<[[u8; COLUMNS]; ROWS]> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table = [[0; COLUMNS]; ROWS];
        for (row, entries) in table.iter_mut().enumerate().take(2 * CONTEXTS) {
            let after_zwj = row >= CONTEXTS;
            for (entry, &class) in entries.iter_mut().zip(&Class::ALL) {
                let (allowed, next) = rule(context_of(row), class);
                let mut next = row_of(next);
                if class == Class::ZWJ {
                    next += CONTEXTS as u8;
                }
                *entry = next | if allowed && !after_zwj { ALLOWED } else { 0 };
            }
        }
        table
    })
}

/// Our UAX #14 breaker, a character at a time.
#[derive(Clone, Copy)]
pub struct Breaker {
    table: &'static [[u8; COLUMNS]; ROWS],
    row: u8,
}

impl Default for Breaker {
    fn default() -> Self {
        Self::new()
    }
}

impl Breaker {
    pub fn new() -> Self {
        Self {
            table: table(),
            row: 0,
        }
    }

    /// Takes the next character, of class `class`: whether a line may break
    /// before it.
    #[inline(always)]
    pub fn next(&mut self, class: Class) -> bool {
        let entry = self.table[usize::from(self.row) & (ROWS - 1)][class as usize & (COLUMNS - 1)];
        self.row = entry & !ALLOWED;
        entry & ALLOWED != 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A character of each class our breaker knows, and some of AI and XX.
    const SAMPLES: &[char] = &[
        'a', '\u{5D0}', '5', ' ', '\u{A0}', '\u{2009}', '-', '\u{2014}', '\u{B4}', ',', '!', '"',
        '(', '}', ')', '$', '%', '/', '\u{301}', '\u{200D}', '\u{203D}', '\u{2026}', '\u{A7}',
        '\u{378}', '\u{35C}', '\u{627}', '\u{660}', '\u{60C}', '\u{61F}', '\u{201C}', '\u{2045}',
    ];

    fn theirs(text: &str) -> Vec<(usize, bool)> {
        unicode_linebreak::linebreaks(text)
            .map(|(i, op)| (i, op == unicode_linebreak::BreakOpportunity::Mandatory))
            .collect()
    }

    #[test]
    fn the_samples_cover_every_class() {
        for class in Class::ALL {
            assert!(
                SAMPLES.iter().any(|&c| class_of(c) == Some(class)),
                "{class:?}"
            );
        }
    }

    #[test]
    fn every_sequence_of_up_to_four_classes_breaks_as_unicode_linebreak_does() {
        let n = SAMPLES.len();
        let mut text = String::new();
        let mut checked = 0;
        for length in 1..=4u32 {
            for mut k in 0..n.pow(length) {
                text.clear();
                for _ in 0..length {
                    text.push(SAMPLES[k % n]);
                    k /= n;
                }
                assert_eq!(
                    own_break_opportunities(&text),
                    Some(theirs(&text)),
                    "{text:?}"
                );
                checked += 1;
            }
        }
        assert!(checked > 900_000);
    }

    #[test]
    fn spaces_and_marks_in_every_context_break_as_unicode_linebreak_does() {
        // The contexts that reach past one character (LB9, LB14–LB17, LB21a):
        // sequences of five with spaces, marks and ZWJ among them.
        let picks = [
            '(', '"', '}', ')', '\u{2014}', '\u{5D0}', '-', '\u{2009}', ' ', '\u{301}', '\u{200D}',
            '\u{203D}', 'a', '\u{A0}', '5',
        ];
        let n = picks.len();
        let mut text = String::new();
        for mut k in 0..n.pow(5) {
            text.clear();
            for _ in 0..5 {
                text.push(picks[k % n]);
                k /= n;
            }
            assert_eq!(
                own_break_opportunities(&text),
                Some(theirs(&text)),
                "{text:?}"
            );
        }
    }

    #[test]
    fn other_text_is_not_for_our_breaker() {
        for text in ["a\nb", "中文", "a\u{200B}b", "😀 x", "a\u{3042}b"] {
            assert_eq!(own_break_opportunities(text), None, "{text:?}");
        }
        let prose = "في عام 2013، “نص” (x) — y…\tz";
        assert_eq!(own_break_opportunities(prose), Some(theirs(prose)));
        assert_eq!(own_break_opportunities(""), Some(Vec::new()));
        assert_eq!(theirs(""), Vec::new());
    }

    proptest::proptest! {
        #[test]
        fn random_prose_breaks_as_unicode_linebreak_does(
            picks in proptest::collection::vec(0usize..SAMPLES.len(), 0..60),
        ) {
            let text: String = picks.iter().map(|&i| SAMPLES[i]).collect();
            proptest::prop_assert_eq!(own_break_opportunities(&text), Some(theirs(&text)));
        }
    }
}

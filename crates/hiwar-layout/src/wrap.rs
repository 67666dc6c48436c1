//! Step 4: where lines may break (UAX #14, Unicode 17.0), on the logical text.
//!
//! One breaker for both paths: the rules of UAX #14 ([`rule`]: LB2–LB31 as Unicode
//! 17.0 gives them, LB20a, LB25 as revised, LB28a and LB30 with East Asian Width among
//! them) are compiled at first use into tables of states by classes, then run a
//! character at a time. The general path ([`break_opportunities`]) runs the table of
//! every class; the simple print, text whose every character has one of the classes
//! of prose ([`class_of`]: letters, digits, spaces, glue, punctuation, quotation
//! marks, brackets, marks), runs [`Breaker`] on a smaller table compiled from the
//! same rules for those classes alone.
//!
//! A state is what the rules need to know of the text before: the class before (after
//! LB9 and LB10), the class before spaces (LB8, LB14–LB18), whether a ZWJ came last
//! (LB8a), and the longer contexts (a quotation mark that opened after a space or a
//! bracket, LB15a; a hyphen at the start of a word, LB20a, or after a Hebrew letter,
//! LB21a; a number so far, LB25; an aksara and a virama, LB28a; regional indicators
//! in pairs, LB30a). Four rules look ahead (LB15b, LB15c, LB19a, LB25's `PO × OP NU`,
//! LB28a's `× (AK | ◌ | AS) VF`): there the state holds the decision back until the
//! next character (or two) and the step says where it lands.
//!
//! The classes come from a table generated from Unicode 17.0's LineBreak.txt,
//! EastAsianWidth.txt, UnicodeData.txt and emoji-data.txt (`tables.rs`); LineBreakTest.txt
//! 17.0 runs through both tables in `tests/linebreak.rs`, every case.

use std::collections::HashMap;

mod prose_table;
mod tables;

/// Byte offsets where a line may break before (UAX #14), with whether the break is
/// mandatory. Ends with `text.len()` (mandatory, LB3) unless `text` is empty.
/// The general path's breaker.
pub fn break_opportunities(text: &str) -> Opportunities<'_> {
    Opportunities {
        chars: text.char_indices(),
        length: text.len(),
        table: LAZY_TABLE.take(),
        row: 0,
        held_at: 0,
        holding: false,
        found: [(0, false); FOUND],
        head: 0,
        tail: 0,
        ended: false,
    }
}

/// Breaks found and not given yet, at most (those after a decision held back).
const FOUND: usize = 4;

/// The iterator of [`break_opportunities`].
pub struct Opportunities<'a> {
    chars: std::str::CharIndices<'a>,
    length: usize,
    /// This thread's table, while the iterator runs (given back when dropped).
    table: LazyTable,
    row: usize,
    /// Where the decision held back is for, while `holding`.
    held_at: usize,
    holding: bool,
    /// Breaks found, `head..tail`: after the one held back, they wait for it.
    found: [(usize, bool); FOUND],
    head: usize,
    tail: usize,
    ended: bool,
}

impl Iterator for Opportunities<'_> {
    type Item = (usize, bool);

    fn next(&mut self) -> Option<(usize, bool)> {
        loop {
            if self.head < self.tail {
                let found = self.found[self.head];
                if !self.holding || found.0 < self.held_at {
                    self.head += 1;
                    return Some(found);
                }
            } else {
                (self.head, self.tail) = (0, 0);
            }
            if let Some((i, c)) = self.chars.next() {
                let column = usize::from(symbol_of(c));
                let mut entry = self.table.entries[self.row * FULL_COLUMNS + column];
                if entry == UNKNOWN {
                    entry = self.table.fill(self.row, column);
                }
                self.row = (entry & ROW_MASK) as usize;
                if entry & PENDING_BREAK != 0 {
                    // Before every break found since it was held back.
                    self.push_front((self.held_at, false));
                }
                if entry & PENDING_START != 0 {
                    self.held_at = i;
                }
                if entry & BREAK != 0 {
                    self.push((i, entry & MANDATORY != 0));
                }
                self.holding = self.table.states[self.row].held.is_some();
            } else if !self.ended {
                self.ended = true;
                if self.holding && held_breaks_at_end(&self.table.states[self.row]) {
                    self.push_front((self.held_at, false));
                }
                self.holding = false;
                if self.length > 0 {
                    self.push((self.length, true));
                }
            } else if self.head == self.tail {
                return None;
            }
        }
    }
}

impl Opportunities<'_> {
    fn push(&mut self, found: (usize, bool)) {
        if self.tail == FOUND {
            self.found.copy_within(self.head..self.tail, 0);
            (self.head, self.tail) = (0, self.tail - self.head);
        }
        self.found[self.tail] = found;
        self.tail += 1;
    }

    fn push_front(&mut self, found: (usize, bool)) {
        if self.head > 0 {
            self.head -= 1;
        } else {
            assert!(self.tail < FOUND, "breaks held back");
            self.found.copy_within(0..self.tail, 1);
            self.tail += 1;
        }
        self.found[self.head] = found;
    }
}

impl Drop for Opportunities<'_> {
    fn drop(&mut self) {
        // The thread's table back, with the states this text met (the larger one,
        // when another iterator ran meanwhile).
        let table = std::mem::take(&mut self.table);
        LAZY_TABLE.with_borrow_mut(|kept| {
            if table.states.len() > kept.states.len() {
                *kept = table;
            }
        });
    }
}

/// A break held back, before the last ones found (they come after it).
fn insert_break(found: &mut Vec<(usize, bool)>, at: usize, mandatory: bool) {
    let k = found.partition_point(|&(i, _)| i < at);
    found.insert(k, (at, mandatory));
}

/// [`break_opportunities`] by the simple print's breaker, if it takes `text` (every
/// character of a class of prose, see [`class_of`]).
pub fn own_break_opportunities(text: &str) -> Option<Vec<(usize, bool)>> {
    let mut breaker = Breaker::new();
    let mut found = Vec::new();
    for (i, c) in text.char_indices() {
        let step = breaker.next(class_of(c)?);
        if step.held_breaks() {
            insert_break(&mut found, breaker.held(), false);
        }
        if step.starts_holding() {
            breaker.hold(i);
        }
        if step.here() {
            found.push((i, false));
        }
    }
    if !text.is_empty() {
        if let Some(held) = breaker.finish() {
            insert_break(&mut found, held, false);
        }
        found.push((text.len(), true));
    }
    Some(found)
}

/// The line-break classes, after rule LB1 (AI, SG and XX are AL; SA is CM for a mark,
/// AL otherwise; CJ is NS), with the distinctions the rules make beyond the class:
/// QU as initial (Pi) or final (Pf) punctuation, the dotted circle (LB28a),
/// unassigned Extended_Pictographic code points (LB30b). East Asian Width F, W or H is
/// a bit beside the class ([`EAST_ASIAN`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[repr(u8)]
pub enum Class {
    // The classes of prose: those of the simple print's table.
    AL,
    HL,
    NU,
    SP,
    GL,
    BA,
    HY,
    HH,
    B2,
    BB,
    IS,
    EX,
    /// QU neither Pi nor Pf.
    QU,
    /// QU and Pi (initial punctuation): “ « ‘.
    QuPi,
    /// QU and Pf (final punctuation): ” » ’.
    QuPf,
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
    // The others.
    BK,
    CR,
    LF,
    NL,
    ZW,
    WJ,
    CB,
    ID,
    EB,
    EM,
    H2,
    H3,
    JL,
    JV,
    JT,
    RI,
    AK,
    AP,
    AS,
    VI,
    VF,
    /// U+25CC DOTTED CIRCLE: AL, and a base of LB28a.
    DottedCircle,
    /// AL (after LB1) that is an unassigned Extended_Pictographic code point.
    AlExtPictCn,
    /// ID that is an unassigned Extended_Pictographic code point.
    IdExtPictCn,
}

/// The number of classes.
const CLASSES: usize = Class::IdExtPictCn as usize + 1;
/// The classes of prose: those below this.
const PROSE: usize = Class::IN as usize + 1;
/// A symbol's bit: the character is East Asian (East_Asian_Width F, W or H).
pub const EAST_ASIAN: u8 = 0x40;

const _: () = assert!(CLASSES <= EAST_ASIAN as usize);
const _: () = assert!(PROSE <= 32);

impl Class {
    const ALL: [Class; CLASSES] = {
        use Class::*;
        [
            AL,
            HL,
            NU,
            SP,
            GL,
            BA,
            HY,
            HH,
            B2,
            BB,
            IS,
            EX,
            QU,
            QuPi,
            QuPf,
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
            BK,
            CR,
            LF,
            NL,
            ZW,
            WJ,
            CB,
            ID,
            EB,
            EM,
            H2,
            H3,
            JL,
            JV,
            JT,
            RI,
            AK,
            AP,
            AS,
            VI,
            VF,
            DottedCircle,
            AlExtPictCn,
            IdExtPictCn,
        ]
    };

    /// AL for the rules (LB1 made AI, SG, XX and SA's letters AL already).
    fn is_al(self) -> bool {
        matches!(self, Class::AL | Class::DottedCircle | Class::AlExtPictCn)
    }

    fn is_letter(self) -> bool {
        self.is_al() || self == Class::HL
    }

    fn is_id(self) -> bool {
        matches!(self, Class::ID | Class::IdExtPictCn)
    }

    fn is_quotation(self) -> bool {
        matches!(self, Class::QU | Class::QuPi | Class::QuPf)
    }

    /// AK, ◌ or AS (LB28a).
    fn is_aksara(self) -> bool {
        matches!(self, Class::AK | Class::DottedCircle | Class::AS)
    }

    fn is_hangul(self) -> bool {
        matches!(
            self,
            Class::JL | Class::JV | Class::JT | Class::H2 | Class::H3
        )
    }

    fn is_mandatory(self) -> bool {
        matches!(self, Class::BK | Class::CR | Class::LF | Class::NL)
    }
}

/// A character's symbol: its [`Class`] as u8, with [`EAST_ASIAN`].
#[inline]
pub fn symbol_of(c: char) -> u8 {
    let cp = c as usize;
    let block = tables::BLOCK_INDEX[cp / tables::BLOCK];
    tables::BLOCKS[usize::from(block)][cp % tables::BLOCK]
}

/// `c`'s class, if it is one of prose (and not East Asian): the simple print's breaker
/// knows it.
#[inline]
pub fn class_of(c: char) -> Option<Class> {
    let symbol = symbol_of(c);
    (usize::from(symbol) < PROSE).then(|| Class::ALL[usize::from(symbol)])
}

/// A symbol as the rules see it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
struct Sym {
    class: Class,
    east_asian: bool,
}

impl Sym {
    fn of(symbol: u8) -> Sym {
        Sym {
            class: Class::ALL[usize::from(symbol & !EAST_ASIAN)],
            east_asian: symbol & EAST_ASIAN != 0,
        }
    }
}

/// How far a number has come (LB25): `NU (SY | IS)*`, then `(CL | CP)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Number {
    None,
    Digits,
    Closed,
}

/// What the rules need to know of the text before a position.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
struct Context {
    /// The class before (after LB9 and LB10); `None` at the start of the text.
    last: Option<Class>,
    /// That character is East Asian.
    last_east_asian: bool,
    /// When `last` is SP: the class before the spaces (`None`: spaces from the start).
    before_spaces: Option<Class>,
    /// A ZWJ came last (LB8a).
    after_zwj: bool,
    /// `last` (or the class before the spaces) is QU and Pi after one of
    /// `BK CR LF NL OP QU GL SP ZW` or the start (LB15a).
    quotation_opens: bool,
    /// `last` is QU and the character before it was not East Asian, or it is the
    /// first (LB19a).
    quotation_after_narrow: bool,
    /// `last` is HY or HH after one of `BK CR LF NL SP ZW CB GL` or the start (LB20a).
    hyphen_starts_word: bool,
    /// `last` is HY or HH after HL (LB21a).
    hyphen_after_hebrew: bool,
    number: Number,
    /// `last` is VI after AK, ◌ or AS (LB28a).
    aksara_virama: bool,
    /// `last` is the odd one of a run of RI (LB30a).
    odd_regional_indicator: bool,
}

const START: Context = Context {
    last: None,
    last_east_asian: false,
    before_spaces: None,
    after_zwj: false,
    quotation_opens: false,
    quotation_after_narrow: false,
    hyphen_starts_word: false,
    hyphen_after_hebrew: false,
    number: Number::None,
    aksara_virama: false,
    odd_regional_indicator: false,
};

/// What follows a position, as far as it is known: the next characters (after
/// LB9: their marks left out), `None` for the end of the text.
type Ahead<'a> = &'a [Option<Sym>];

/// The decision at a position.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Decision {
    Break {
        mandatory: bool,
    },
    NoBreak,
    /// A rule needs to see one more character.
    Ahead,
}

use Decision::{Ahead as NeedAhead, NoBreak};

const fn brk() -> Decision {
    Decision::Break { mandatory: false }
}

/// UAX #14 (Unicode 17.0), rules LB4–LB31: whether a line may break before `c` (a
/// character that is not a mark attaching to the one before: see [`step`]) in
/// context `s` (not the start), knowing `ahead`. The first rule that applies decides;
/// the rule numbers are those of UAX #14.
fn rule(s: &Context, c: Sym, ahead: Ahead) -> Decision {
    use Class::*;
    let Some(b) = s.last else {
        return NoBreak; // LB2
    };
    let cc = c.class;
    let is = |x: Class| b == x;
    let spaces_after =
        |x: &dyn Fn(Class) -> bool| x(b) || (b == SP && s.before_spaces.is_some_and(x));
    // LB4, LB5: after a mandatory break.
    match b {
        BK | LF | NL => return Decision::Break { mandatory: true },
        CR if cc == LF => return NoBreak,
        CR => return Decision::Break { mandatory: true },
        _ => {}
    }
    if cc.is_mandatory() || matches!(cc, SP | ZW) {
        return NoBreak; // LB6, LB7
    }
    if spaces_after(&|x| x == ZW) {
        return brk(); // LB8
    }
    if s.after_zwj {
        return NoBreak; // LB8a
    }
    if cc == WJ || is(WJ) || is(GL) {
        return NoBreak; // LB11, LB12
    }
    if cc == GL && !matches!(b, SP | BA | HY | HH) {
        return NoBreak; // LB12a
    }
    if matches!(cc, EX | CL | CP | SY) {
        return NoBreak; // LB13
    }
    if spaces_after(&|x| x == OP) {
        return NoBreak; // LB14
    }
    if spaces_after(&|x| x == QuPi) && s.quotation_opens {
        return NoBreak; // LB15a
    }
    if cc == QuPf {
        // LB15b: × QU_Pf followed by one of these, or the end.
        match ahead.first() {
            None => return NeedAhead,
            Some(None) => return NoBreak,
            Some(Some(next)) => {
                if matches!(
                    next.class,
                    SP | GL
                        | WJ
                        | CL
                        | QU
                        | QuPi
                        | QuPf
                        | CP
                        | EX
                        | IS
                        | SY
                        | BK
                        | CR
                        | LF
                        | NL
                        | ZW
                ) {
                    return NoBreak;
                }
            }
        }
    }
    if b == SP && cc == IS {
        // LB15c: SP ÷ IS NU.
        match ahead.first() {
            None => return NeedAhead,
            Some(Some(next)) if next.class == NU => return brk(),
            _ => {}
        }
    }
    if cc == IS {
        return NoBreak; // LB15d
    }
    if cc == NS && spaces_after(&|x| matches!(x, CL | CP)) {
        return NoBreak; // LB16
    }
    if cc == B2 && spaces_after(&|x| x == B2) {
        return NoBreak; // LB17
    }
    if b == SP {
        return brk(); // LB18
    }
    if matches!(cc, QU | QuPf) || matches!(b, QU | QuPi) {
        return NoBreak; // LB19
    }
    if cc.is_quotation() {
        // LB19a: [^EastAsian] × QU; × QU ( [^EastAsian] | eot ).
        if !s.last_east_asian {
            return NoBreak;
        }
        match ahead.first() {
            None => return NeedAhead,
            Some(None) => return NoBreak,
            Some(Some(next)) if !next.east_asian => return NoBreak,
            _ => {}
        }
    }
    if b.is_quotation() && (!c.east_asian || s.quotation_after_narrow) {
        return NoBreak; // LB19a: QU × [^EastAsian]; ( sot | [^EastAsian] ) QU ×
    }
    if cc == CB || b == CB {
        return brk(); // LB20
    }
    if matches!(b, HY | HH) && s.hyphen_starts_word && cc.is_letter() {
        return NoBreak; // LB20a
    }
    if matches!(cc, BA | HH | HY | NS) || b == BB {
        return NoBreak; // LB21
    }
    if matches!(b, HY | HH) && s.hyphen_after_hebrew && cc != HL {
        return NoBreak; // LB21a
    }
    if b == SY && cc == HL {
        return NoBreak; // LB21b
    }
    if cc == IN {
        return NoBreak; // LB22
    }
    if (b.is_letter() && cc == NU) || (b == NU && cc.is_letter()) {
        return NoBreak; // LB23
    }
    if (b == PR && (cc.is_id() || matches!(cc, EB | EM)))
        || ((b.is_id() || matches!(b, EB | EM)) && cc == PO)
    {
        return NoBreak; // LB23a
    }
    if (matches!(b, PR | PO) && cc.is_letter()) || (b.is_letter() && matches!(cc, PR | PO)) {
        return NoBreak; // LB24
    }
    // LB25.
    if matches!(cc, PO | PR) && s.number != Number::None {
        return NoBreak; // NU (SY|IS)* (CL|CP)? × (PO|PR)
    }
    if matches!(b, PO | PR) && cc == OP {
        // (PO|PR) × OP NU, (PO|PR) × OP IS NU.
        match ahead {
            [] => return NeedAhead,
            [Some(next), ..] if next.class == NU => return NoBreak,
            [Some(next)] if next.class == IS => return NeedAhead,
            [Some(next), Some(after), ..] if next.class == IS && after.class == NU => {
                return NoBreak;
            }
            _ => {}
        }
    }
    if cc == NU && (matches!(b, PO | PR | HY | IS) || s.number == Number::Digits) {
        return NoBreak; // (PO|PR|HY|IS) × NU, NU (SY|IS)* × NU
    }
    // LB26, LB27: Korean syllables.
    if (b == JL && matches!(cc, JL | JV | H2 | H3))
        || (matches!(b, JV | H2) && matches!(cc, JV | JT))
        || (matches!(b, JT | H3) && cc == JT)
        || (b.is_hangul() && cc == PO)
        || (b == PR && cc.is_hangul())
    {
        return NoBreak;
    }
    if b.is_letter() && cc.is_letter() {
        return NoBreak; // LB28
    }
    // LB28a: Brahmic orthographic syllables.
    if (b == AP && cc.is_aksara())
        || (b.is_aksara() && matches!(cc, VF | VI))
        || (s.aksara_virama && matches!(cc, AK | DottedCircle))
    {
        return NoBreak;
    }
    if b.is_aksara() && cc.is_aksara() {
        // (AK | ◌ | AS) × (AK | ◌ | AS) VF.
        match ahead.first() {
            None => return NeedAhead,
            Some(Some(next)) if next.class == VF => return NoBreak,
            _ => {}
        }
    }
    if b == IS && cc.is_letter() {
        return NoBreak; // LB29
    }
    if (matches!(b, NU) || b.is_letter()) && cc == OP && !c.east_asian {
        return NoBreak; // LB30
    }
    if b == CP && !s.last_east_asian && (cc == NU || cc.is_letter()) {
        return NoBreak; // LB30
    }
    if b == RI && cc == RI && s.odd_regional_indicator {
        return NoBreak; // LB30a
    }
    if (b == EB || matches!(b, AlExtPictCn | IdExtPictCn)) && cc == EM {
        return NoBreak; // LB30b
    }
    brk() // LB31
}

/// The context after a character `c` that does not attach (see [`step`]).
fn after(s: &Context, c: Sym) -> Context {
    use Class::*;
    let b = s.last;
    let cc = c.class;
    let before_spaces = match (cc, b) {
        (SP, Some(SP)) => s.before_spaces,
        (SP, b) => b,
        _ => None,
    };
    let quotation_opens = match cc {
        QuPi => {
            b.is_none_or(|b| matches!(b, BK | CR | LF | NL | OP | QU | QuPi | QuPf | GL | SP | ZW))
        }
        SP => s.quotation_opens && (b == Some(QuPi) || b == Some(SP)),
        _ => false,
    };
    let number = match cc {
        NU => Number::Digits,
        SY | IS if s.number == Number::Digits => Number::Digits,
        CL | CP if s.number == Number::Digits => Number::Closed,
        _ => Number::None,
    };
    Context {
        last: Some(cc),
        last_east_asian: c.east_asian,
        before_spaces,
        after_zwj: false,
        quotation_opens,
        quotation_after_narrow: cc.is_quotation() && (b.is_none() || !s.last_east_asian),
        hyphen_starts_word: matches!(cc, HY | HH)
            && b.is_none_or(|b| matches!(b, BK | CR | LF | NL | SP | ZW | CB | GL)),
        hyphen_after_hebrew: matches!(cc, HY | HH) && b == Some(HL),
        number,
        aksara_virama: cc == VI && b.is_some_and(Class::is_aksara),
        odd_regional_indicator: cc == RI && !(b == Some(RI) && s.odd_regional_indicator),
    }
}

/// A decision held back: the context before the character it is for, the character,
/// and the characters seen after it (marks left out).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
struct Held {
    context: Context,
    at: Sym,
    seen: Option<Sym>,
}

/// A state of the breaker: the context, and a decision held back.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
struct State {
    context: Context,
    held: Option<Held>,
}

/// What a step decided.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Outcome {
    here: Option<bool>,
    starts_holding: bool,
    held_breaks: bool,
}

/// One character, of symbol `sym`, in state `state`: the next state and what it
/// decided.
fn step(state: &State, sym: Sym) -> (State, Outcome) {
    use Class::*;
    let s = &state.context;
    let mut outcome = Outcome::default();
    let zwj = sym.class == ZWJ;
    let mut c = sym;
    if matches!(c.class, CM | ZWJ) {
        if matches!(s.last, None | Some(BK | CR | LF | NL | SP | ZW)) {
            // LB10: with no base (at the start, after spaces or breaks), it is AL.
            c = Sym {
                class: AL,
                east_asian: false,
            };
        } else {
            // LB9: it takes the class of its base, and no break before it; a
            // decision held back still waits for the next base.
            let mut next = *state;
            next.context.after_zwj = zwj;
            return (next, outcome);
        }
    }
    let mut held = None;
    if let Some(h) = state.held {
        // The decision held back, now that one more character has come.
        let ahead = [h.seen, Some(c)];
        let ahead = if h.seen.is_some() {
            &ahead[..]
        } else {
            &ahead[1..]
        };
        match rule(&h.context, h.at, ahead) {
            Decision::Break { .. } => outcome.held_breaks = true,
            NoBreak => {}
            NeedAhead => {
                held = Some(Held { seen: Some(c), ..h });
            }
        }
    }
    match rule(s, c, &[]) {
        Decision::Break { mandatory } => outcome.here = Some(mandatory),
        NoBreak => {}
        NeedAhead => {
            assert!(held.is_none(), "two decisions held back: {state:?} {c:?}");
            outcome.starts_holding = true;
            held = Some(Held {
                context: *s,
                at: c,
                seen: None,
            });
        }
    }
    let mut context = after(s, c);
    // LB8a holds after a ZWJ that LB10 made AL too.
    context.after_zwj = zwj;
    (State { context, held }, outcome)
}

/// Whether the decision held back in `state` is a break, the text ending there.
fn held_breaks_at_end(state: &State) -> bool {
    state.held.is_some_and(|h| {
        let ahead = [h.seen, None];
        let ahead = if h.seen.is_some() {
            &ahead[..]
        } else {
            &ahead[1..]
        };
        matches!(rule(&h.context, h.at, ahead), Decision::Break { .. })
    })
}

/// The states reachable from the start on `symbols`, numbered (the start is 0), and
/// each one's step on each symbol.
#[cfg(test)]
fn compile(symbols: &[u8]) -> (Vec<State>, Vec<Vec<(usize, Outcome)>>) {
    let start = State {
        context: START,
        held: None,
    };
    let mut numbers: HashMap<State, usize> = HashMap::from([(start, 0)]);
    let mut states = vec![start];
    let mut steps = Vec::new();
    let mut k = 0;
    while k < states.len() {
        let state = states[k];
        let mut row = Vec::with_capacity(symbols.len());
        for &symbol in symbols {
            let (next, outcome) = step(&state, Sym::of(symbol));
            let number = *numbers.entry(next).or_insert_with(|| {
                states.push(next);
                states.len() - 1
            });
            row.push((number, outcome));
        }
        steps.push(row);
        k += 1;
    }
    (states, steps)
}

// The full table's entries: the next row, and flags.
const ROW_MASK: u32 = 0x000F_FFFF;
const BREAK: u32 = 1 << 20;
const MANDATORY: u32 = 1 << 21;
const PENDING_START: u32 = 1 << 22;
const PENDING_BREAK: u32 = 1 << 23;
/// The full table's columns: every symbol (a class, and [`EAST_ASIAN`]).
const FULL_COLUMNS: usize = 2 * EAST_ASIAN as usize;

/// An entry not computed yet.
const UNKNOWN: u32 = u32::MAX;

/// The rules for every class, as a table computed as the text needs it (of the
/// states reachable, some 1,800, text in a few scripts meets a few dozen): a row per
/// state met, its entries filled on first use.
struct LazyTable {
    states: Vec<State>,
    numbers: HashMap<State, u32>,
    /// `[row * FULL_COLUMNS + symbol]`: the next row, with the flags, or [`UNKNOWN`].
    entries: Vec<u32>,
}

impl Default for LazyTable {
    fn default() -> Self {
        let start = State {
            context: START,
            held: None,
        };
        LazyTable {
            states: vec![start],
            numbers: HashMap::from([(start, 0)]),
            entries: vec![UNKNOWN; FULL_COLUMNS],
        }
    }
}

impl LazyTable {
    /// Computes the entry of `row` for `symbol`.
    #[cold]
    fn fill(&mut self, row: usize, symbol: usize) -> u32 {
        let (next, outcome) = step(&self.states[row], Sym::of(symbol as u8));
        let number = match self.numbers.get(&next) {
            Some(&number) => number,
            None => {
                let number = self.states.len() as u32;
                assert!(number <= ROW_MASK);
                self.states.push(next);
                self.numbers.insert(next, number);
                self.entries.extend([UNKNOWN; FULL_COLUMNS]);
                number
            }
        };
        let mut entry = number;
        match outcome.here {
            Some(true) => entry |= BREAK | MANDATORY,
            Some(false) => entry |= BREAK,
            None => {}
        }
        if outcome.starts_holding {
            entry |= PENDING_START;
        }
        if outcome.held_breaks {
            entry |= PENDING_BREAK;
        }
        self.entries[row * FULL_COLUMNS + symbol] = entry;
        entry
    }
}

thread_local! {
    static LAZY_TABLE: std::cell::RefCell<LazyTable> = std::cell::RefCell::new(LazyTable::default());
}

// The prose table's entries: the next row in the high byte, flags in the low one.
/// A line may break before the character (the simple print's flag of the same bit).
pub const PROSE_BREAK: u16 = 0x40;
const PROSE_HOLD: u16 = 0x01;
const PROSE_HELD_BREAKS: u16 = 0x02;
const PROSE_ROW_SHIFT: u32 = 8;
/// Rows of the prose table: a power of two, so that a row number masked is in it.
const PROSE_ROWS: usize = 1 << (16 - PROSE_ROW_SHIFT);
/// Columns of the prose table: a power of two, so that a class masked is in it.
const PROSE_COLUMNS: usize = 32;

/// The rules for the classes of prose, as a table: the entries, and per row whether
/// the decision held back is a break at the end of the text. What
/// `prose_table.rs` holds, generated from these rules (a test checks it).
#[cfg(test)]
fn compile_prose_table() -> (Vec<[u16; PROSE_COLUMNS]>, Vec<bool>) {
    let symbols: Vec<u8> = (0..PROSE as u8).collect();
    let (states, steps) = compile(&symbols);
    assert!(states.len() <= PROSE_ROWS, "{} rows", states.len());
    let mut entries = vec![[0u16; PROSE_COLUMNS]; PROSE_ROWS];
    for (row, outcomes) in steps.iter().enumerate() {
        for (&symbol, &(next, outcome)) in symbols.iter().zip(outcomes) {
            assert_ne!(outcome.here, Some(true), "a mandatory break in prose");
            let mut entry = (next as u16) << PROSE_ROW_SHIFT;
            if outcome.here.is_some() {
                entry |= PROSE_BREAK;
            }
            if outcome.starts_holding {
                entry |= PROSE_HOLD;
            }
            if outcome.held_breaks {
                entry |= PROSE_HELD_BREAKS;
            }
            entries[row][usize::from(symbol)] = entry;
        }
    }
    let mut end = vec![false; PROSE_ROWS];
    for (row, state) in states.iter().enumerate() {
        end[row] = held_breaks_at_end(state);
    }
    (entries, end)
}

/// What [`Breaker::next`] decided.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Step(u16);

impl Step {
    /// A line may break before this character.
    #[inline(always)]
    pub fn here(self) -> bool {
        self.0 & PROSE_BREAK != 0
    }

    /// [`PROSE_BREAK`] if a line may break before this character, else 0.
    #[inline(always)]
    pub fn break_bit(self) -> u8 {
        (self.0 & PROSE_BREAK) as u8
    }

    /// A rule looked ahead: [`Step::starts_holding`] or [`Step::held_breaks`] (one
    /// test for the common case, neither).
    #[inline(always)]
    pub fn looks_ahead(self) -> bool {
        self.0 & (PROSE_HOLD | PROSE_HELD_BREAKS) != 0
    }

    /// A rule looks ahead from this character: the decision before it comes later
    /// (call [`Breaker::hold`] with its index).
    #[inline(always)]
    pub fn starts_holding(self) -> bool {
        self.0 & PROSE_HOLD != 0
    }

    /// A line may break before the character whose decision was held back.
    #[inline(always)]
    pub fn held_breaks(self) -> bool {
        self.0 & PROSE_HELD_BREAKS != 0
    }
}

/// The simple print's UAX #14 breaker, a character of prose at a time.
#[derive(Clone, Copy)]
pub struct Breaker {
    table: &'static [[u16; PROSE_COLUMNS]; PROSE_ROWS],
    row: u16,
    held: usize,
}

impl Default for Breaker {
    fn default() -> Self {
        Self::new()
    }
}

impl Breaker {
    pub fn new() -> Self {
        Self {
            table: &prose_table::ENTRIES,
            row: 0,
            held: 0,
        }
    }

    /// Takes the next character, of class `class`: whether a line may break before
    /// it, and whether before the one held back.
    #[inline(always)]
    pub fn next(&mut self, class: Class) -> Step {
        let entry = self.table[usize::from(self.row) & (PROSE_ROWS - 1)]
            [class as usize & (PROSE_COLUMNS - 1)];
        self.row = entry >> PROSE_ROW_SHIFT;
        Step(entry)
    }

    /// Notes the index of the character whose decision a step held back (after
    /// taking that step's [`Step::held_breaks`], which is for the one before).
    #[inline(always)]
    pub fn hold(&mut self, index: usize) {
        self.held = index;
    }

    /// The index noted by [`Breaker::hold`] last.
    #[inline(always)]
    pub fn held(&self) -> usize {
        self.held
    }

    /// At the end of the text: the index of the character whose decision was held
    /// back, if a line may break before it.
    pub fn finish(&self) -> Option<usize> {
        prose_table::END[usize::from(self.row) & (PROSE_ROWS - 1)].then_some(self.held)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A character of each class of prose, and some more of AL.
    const SAMPLES: &[char] = &[
        'a', '\u{5D0}', '5', ' ', '\u{A0}', '\u{2009}', '-', '\u{2010}', '\u{2014}', '\u{B4}', ',',
        '!', '"', '\u{AB}', '\u{BB}', '(', '}', ')', '$', '%', '/', '\u{301}', '\u{200D}',
        '\u{203D}', '\u{2026}', '\u{A7}', '\u{378}', '\u{627}', '\u{660}', '\u{60C}', '\u{61F}',
        '\u{201C}', '\u{201D}', '\u{2045}',
    ];

    fn general(text: &str) -> Vec<(usize, bool)> {
        break_opportunities(text).collect()
    }

    #[test]
    fn the_samples_cover_every_class_of_prose() {
        for class in &Class::ALL[..PROSE] {
            assert!(
                SAMPLES.iter().any(|&c| class_of(c) == Some(*class)),
                "{class:?}"
            );
        }
    }

    #[test]
    fn every_sequence_of_up_to_four_classes_breaks_as_the_general_path() {
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
                    Some(general(&text)),
                    "{text:?}"
                );
                checked += 1;
            }
        }
        assert!(checked > 1_000_000);
    }

    #[test]
    fn spaces_and_marks_in_every_context_break_as_the_general_path() {
        // The contexts that reach past one character (LB9, LB14–LB17, LB15a–d,
        // LB20a, LB21a, LB25): sequences of five with spaces, marks and ZWJ among them.
        let picks = [
            '(', '"', '\u{AB}', '\u{BB}', ')', '\u{2014}', '\u{5D0}', '-', '\u{2010}', ' ',
            '\u{301}', '\u{200D}', ',', 'a', '5', '$',
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
                Some(general(&text)),
                "{text:?}"
            );
        }
    }

    #[test]
    fn other_text_is_not_for_the_simple_breaker() {
        for text in [
            "a\nb",
            "中文",
            "a\u{200B}b",
            "😀 x",
            "a\u{3042}b",
            "\u{FF08}",
        ] {
            assert_eq!(own_break_opportunities(text), None, "{text:?}");
        }
        let prose = "في عام 2013، “نص” (x) — y…\tz";
        assert_eq!(own_break_opportunities(prose), Some(general(prose)));
        assert_eq!(own_break_opportunities(""), Some(Vec::new()));
        assert_eq!(general(""), Vec::new());
    }

    #[test]
    fn the_rules_new_since_unicode_15_0() {
        let breaks = |text: &str| -> Vec<usize> { general(text).iter().map(|&(i, _)| i).collect() };
        // LB20a: a word-initial hyphen stays on its word.
        assert_eq!(breaks("a -b"), [2, 4]);
        // LB25 as revised: a break between a percent sign and an opening bracket
        // that no number follows; none in `$(1`.
        assert_eq!(breaks("%(a"), [1, 3]);
        assert_eq!(breaks("$(1"), [3]);
        // LB15c: a space, then a separator and a number: a break before the separator.
        assert_eq!(breaks("a .5"), [2, 4]);
        // LB30: no break before a wide opening bracket's word, but before the bracket.
        assert_eq!(breaks("a\u{FF08}"), [1, 4]);
        // LB28a: Balinese aksara, virama, aksara: one syllable.
        assert_eq!(breaks("\u{1B13}\u{1B44}\u{1B13}"), [9]);
    }

    /// `prose_table.rs` is the rules compiled (`UPDATE_LINEBREAK_TABLES=1` writes it).
    #[test]
    fn the_prose_table_is_the_rules_compiled() {
        let (entries, end) = compile_prose_table();
        let mut text = String::from(
            "// @generated by the `the_prose_table_is_the_rules_compiled` test in wrap.rs\n\
             // from the rules of UAX #14 (`rule`) for the classes of prose.\n\
             // Do not edit: regenerate with\n\
             // `UPDATE_LINEBREAK_TABLES=1 cargo test --lib the_prose_table`.\n\n\
             use super::{PROSE_COLUMNS, PROSE_ROWS};\n\n\
             /// `[row][class]`: the next row (high byte), with `PROSE_BREAK`, `PROSE_HOLD`, `PROSE_HELD_BREAKS`.\n\
             #[rustfmt::skip]\n\
             pub(super) static ENTRIES: [[u16; PROSE_COLUMNS]; PROSE_ROWS] = [\n",
        );
        for row in &entries {
            let cells: Vec<String> = row.iter().map(|e| format!("{e:#06x}")).collect();
            text.push_str(&format!("    [{}],\n", cells.join(", ")));
        }
        text.push_str(
            "];\n\n/// Per row: whether the decision held back is a break at the end.\n\
             #[rustfmt::skip]\n\
             pub(super) static END: [bool; PROSE_ROWS] = [\n",
        );
        for chunk in end.chunks(16) {
            let cells: Vec<&str> = chunk
                .iter()
                .map(|&b| if b { "true" } else { "false" })
                .collect();
            text.push_str(&format!("    {},\n", cells.join(", ")));
        }
        text.push_str("];\n");
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/wrap/prose_table.rs");
        if std::env::var_os("UPDATE_LINEBREAK_TABLES").is_some() {
            std::fs::write(path, &text).expect("write prose_table.rs");
        }
        let written = std::fs::read_to_string(path).expect("read prose_table.rs");
        assert!(
            written == text,
            "prose_table.rs is not the rules compiled: regenerate it"
        );
        assert_eq!(prose_table::ENTRIES.to_vec(), entries);
        assert_eq!(prose_table::END.to_vec(), end);
    }

    proptest::proptest! {
        #[test]
        fn random_prose_breaks_as_the_general_path(
            picks in proptest::collection::vec(0usize..SAMPLES.len(), 0..60),
        ) {
            let text: String = picks.iter().map(|&i| SAMPLES[i]).collect();
            proptest::prop_assert_eq!(own_break_opportunities(&text), Some(general(&text)));
        }
    }
}

//! Terminal emulators, and what each must be told so that it shows hiwar's text as
//! hiwar laid it out.
//!
//! hiwar writes every row already in visual order and already shaped. A terminal
//! that does no bidi of its own (xterm, alacritty) shows it as it comes. The others
//! reorder (or reshape) it a second time unless told not to, and each needs telling
//! its own way (measured in the real terminals, see docs/terminals.md):
//!
//! - **VTE** (GNOME Terminal, xfce4-terminal, Tilix…) honours `CSI 8 l` (ECMA-48
//!   BDSM reset: explicit mode), but only for the row under the cursor (in column 0)
//!   and for rows created after it: a full clear creates fresh rows, so the mode must
//!   be set before every clear ([`BidiPlan::before_clear`]), and printed output sets
//!   it at the start of every line.
//! - **Konsole** has no bidi mode, but its profile can be changed by `OSC 50`
//!   (`BidiRenderingEnabled=false`). That setting is applied when Konsole paints, to
//!   every row, so it suits the reader (the alternate screen goes away with it) but
//!   not printed output, which would be reordered again once the setting is given
//!   back: there each cell is followed by an LRO (U+202D), which keeps the order,
//!   and a joined letter gets a ZWJ on each joined side ([`joiners`]), which keeps
//!   its form (printed text only: written once, in order).
//! - **mlterm** takes its own configuration sequence (`OSC 5379 ; use_ctl=false`),
//!   also applied when painting; printed lines carry LRM+LRO after their first
//!   character instead, which mlterm honours exactly.
//! - **kitty** shapes each run of text with HarfBuzz, which lays an Arabic run right
//!   to left, so every word comes out mirrored. Nothing an application sends changes
//!   that; the setting `force_ltr yes` in kitty.conf does. hiwar shows a hint once.
//! - **tmux** forwards none of these sequences (unless `allow-passthrough` is on,
//!   and then not while a pane waits for the redraw a screen switch causes: the
//!   settings go before the alternate screen and are given back before leaving it).
//!   Its cells do keep zero-width characters, so marks still reach the terminal
//!   outside: LRM+LRO in each row's first cell for VTE and mlterm, an LRO in every
//!   cell for Konsole.
//!
//! [`detect`] finds the terminal from the environment (and, inside tmux, from tmux's
//! view of its client); [`BidiPlan`] is what follows from it for the reader and for
//! printed output.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use unicode_segmentation::UnicodeSegmentation;

use crate::layout::{Cell, Direction, VisualLine};
use crate::settings::BidiOption;

/// `CSI 8 l`: bidi mode explicit (the application orders the text itself).
pub const BIDI_EXPLICIT: &[u8] = b"\x1b[8l";
/// `CSI 8 h`: bidi mode implicit (the terminal's default).
pub const BIDI_IMPLICIT: &[u8] = b"\x1b[8h";
/// Konsole: turn the profile's bidi rendering off, and back on.
pub const KONSOLE_BIDI_OFF: &[u8] = b"\x1b]50;BidiRenderingEnabled=false\x07";
pub const KONSOLE_BIDI_ON: &[u8] = b"\x1b]50;BidiRenderingEnabled=true\x07";
/// mlterm: complex text layout (bidi and shaping) off, and back on.
pub const MLTERM_CTL_OFF: &[u8] = b"\x1b]5379;use_ctl=false\x07";
pub const MLTERM_CTL_ON: &[u8] = b"\x1b]5379;use_ctl=true\x07";
/// LEFT-TO-RIGHT OVERRIDE: what follows it on the row keeps the order it was sent in.
pub const LRO: &str = "\u{202D}";
/// LRM then LRO: the row is also a left-to-right paragraph (mlterm decides the
/// paragraph's direction from its first strong character).
pub const LRM_LRO: &str = "\u{200E}\u{202D}";
/// A ZWJ (ZERO WIDTH JOINER) on the side after a letter.
const JOINER_AFTER: &str = "\u{200D}";
/// A ZWJ on the side before a letter, then U+206D (ACTIVATE ARABIC FORM SHAPING), a
/// character that draws nothing and that Konsole's shaping (ICU) passes over. tmux
/// takes a ZWJ for the start of an emoji sequence and puts the character after it
/// into the ZWJ's cell: the letter would be lost; after U+206D it keeps its cell.
/// (After a letter the LRO that follows does the same.)
const JOINER_BEFORE: &str = "\u{200D}\u{206D}";

/// What goes before and after a cell's cluster where an LRO follows every cell: a
/// ZWJ on each side its letter joins on. Such a terminal (Konsole) shapes every cell
/// alone, drawing a presentation form as its letter standing alone (a medial heh
/// like ە, a medial yeh like ي); with the ZWJ it draws the form it was sent.
pub fn joiners(cluster: &str) -> (&'static str, &'static str) {
    let (before, after) = cluster
        .chars()
        .next()
        .map_or((false, false), crate::layout::shape::form_joins);
    (
        if before { JOINER_BEFORE } else { "" },
        if after { JOINER_AFTER } else { "" },
    )
}

/// OSC 52 (xterm's "manipulate selection data"): asks the terminal to put `text` on
/// the clipboard (`c`). The text goes base64-encoded, so nothing in it can end the
/// sequence or start another. Terminals honour it over SSH too; tmux passes it on
/// with `set-clipboard on`.
pub fn clipboard_sequence(text: &str) -> Vec<u8> {
    use base64::Engine;
    let mut sequence = b"\x1b]52;c;".to_vec();
    sequence.extend_from_slice(
        base64::engine::general_purpose::STANDARD
            .encode(text)
            .as_bytes(),
    );
    sequence.push(0x07);
    sequence
}

/// The terminal emulators hiwar knows apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Emulator {
    Vte,
    Konsole,
    Mlterm,
    Kitty,
    Xterm,
    Alacritty,
    /// Anything else: treated as a terminal without bidi of its own.
    Unknown,
}

/// What tmux says of the terminal attached to it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TmuxClient {
    /// `#{client_termtype}`: the client's XTVERSION answer (`Konsole 22.12.3`,
    /// `XTerm(379)`, `kitty(0.26.5)`); empty for VTE, mlterm and alacritty.
    pub termtype: String,
    /// `#{client_termname}`: the client's TERM (`mlterm`, `alacritty`, …).
    pub termname: String,
    /// `#{allow-passthrough}`: `ESC P tmux; … ESC \` reaches the terminal.
    pub passthrough: bool,
}

/// Where hiwar runs: the terminal emulator, and tmux between them if there is one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Terminal {
    pub emulator: Emulator,
    /// Inside tmux, what tmux told of its client (default if it would not say).
    pub tmux: Option<TmuxClient>,
    /// kitty only: kitty.conf already says `force_ltr yes`.
    pub kitty_force_ltr: bool,
}

/// Finds the terminal from environment variables (`var`) and, inside tmux, from
/// tmux's view of its client (`ask_tmux`, asked only then).
pub fn detect(
    var: impl Fn(&str) -> Option<String>,
    ask_tmux: impl FnOnce() -> Option<TmuxClient>,
) -> Terminal {
    let set = |name: &str| var(name).is_some_and(|v| !v.is_empty());
    let term = var("TERM").unwrap_or_default();
    let in_tmux = set("TMUX");
    // The terminal's own variables. Inside tmux they are the ones of the terminal that
    // started the tmux server, so tmux's view of the client comes first there.
    let from_env = if set("MLTERM") {
        Emulator::Mlterm
    } else if set("KITTY_WINDOW_ID") || term == "xterm-kitty" {
        Emulator::Kitty
    } else if set("KONSOLE_VERSION") {
        Emulator::Konsole
    } else if set("VTE_VERSION") {
        Emulator::Vte
    } else if term == "alacritty" || set("ALACRITTY_WINDOW_ID") {
        Emulator::Alacritty
    } else if set("XTERM_VERSION") {
        Emulator::Xterm
    } else {
        Emulator::Unknown
    };
    let (emulator, tmux) = if in_tmux {
        let client = ask_tmux().unwrap_or_default();
        let from_client = emulator_of_client(&client);
        (
            if from_client == Emulator::Unknown {
                from_env
            } else {
                from_client
            },
            Some(client),
        )
    } else {
        (from_env, None)
    };
    let kitty_force_ltr = emulator == Emulator::Kitty && kitty_config_forces_ltr(&var);
    Terminal {
        emulator,
        tmux,
        kitty_force_ltr,
    }
}

/// The emulator a tmux client is, by its XTVERSION answer or its TERM.
fn emulator_of_client(client: &TmuxClient) -> Emulator {
    let termtype = client.termtype.to_ascii_lowercase();
    if termtype.starts_with("konsole") {
        Emulator::Konsole
    } else if termtype.starts_with("kitty") || client.termname == "xterm-kitty" {
        Emulator::Kitty
    } else if termtype.starts_with("xterm(") {
        Emulator::Xterm
    } else if client.termname == "mlterm" {
        Emulator::Mlterm
    } else if client.termname == "alacritty" {
        Emulator::Alacritty
    } else if termtype.starts_with("vte") {
        Emulator::Vte
    } else {
        Emulator::Unknown
    }
}

/// Asks the tmux server hiwar runs under about the client showing this pane; `None`
/// if tmux does not answer within a moment.
pub fn ask_tmux() -> Option<TmuxClient> {
    let mut command = Command::new("tmux");
    command.args(["display-message", "-p"]);
    if let Some(pane) = std::env::var_os("TMUX_PANE") {
        command.arg("-t").arg(pane);
    }
    command
        .arg("#{client_termtype}\t#{client_termname}\t#{allow-passthrough}")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    let mut child = command.spawn().ok()?;
    let deadline = Instant::now() + Duration::from_millis(500);
    loop {
        match child.try_wait() {
            Ok(Some(_)) => break,
            Ok(None) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(2)),
            _ => {
                let _ = child.kill();
                let _ = child.wait();
                return None;
            }
        }
    }
    let output = child.wait_with_output().ok()?;
    parse_tmux_answer(&String::from_utf8_lossy(&output.stdout))
}

fn parse_tmux_answer(answer: &str) -> Option<TmuxClient> {
    let mut fields = answer.trim_end_matches('\n').split('\t');
    let termtype = fields.next()?.to_string();
    let termname = fields.next()?.to_string();
    let passthrough = fields.next()?;
    Some(TmuxClient {
        termtype,
        termname,
        passthrough: !matches!(passthrough, "" | "0" | "off"),
    })
}

/// kitty.conf (or a file it names in `KITTY_CONFIG_DIRECTORY`) sets `force_ltr yes`.
fn kitty_config_forces_ltr(var: &impl Fn(&str) -> Option<String>) -> bool {
    let dir = var("KITTY_CONFIG_DIRECTORY")
        .map(PathBuf::from)
        .or_else(|| var("XDG_CONFIG_HOME").map(|d| PathBuf::from(d).join("kitty")))
        .or_else(|| var("HOME").map(|h| PathBuf::from(h).join(".config/kitty")));
    let Some(dir) = dir else { return false };
    std::fs::read_to_string(dir.join("kitty.conf")).is_ok_and(|conf| config_forces_ltr(&conf))
}

/// The last `force_ltr` line of a kitty.conf says yes.
fn config_forces_ltr(conf: &str) -> bool {
    conf.lines()
        .filter_map(|line| {
            let mut words = line.split_whitespace();
            (words.next() == Some("force_ltr")).then(|| words.next().unwrap_or(""))
        })
        .next_back()
        .is_some_and(|value| matches!(value, "yes" | "y" | "true"))
}

/// A line as kitty must be sent it to show it in the order hiwar laid it out, for
/// the one line hiwar writes for kitty in particular (its hint). kitty shapes each
/// run of cells between blanks with HarfBuzz, which lays a run whose first letter is
/// of a right-to-left script right to left: each such word comes out mirrored. Sent
/// mirrored, it comes out right. Only safe for words of letters and marks, as the
/// hint's are: punctuation may fall in another font's run, which kitty splits off.
pub fn mirrored_for_kitty(line: &VisualLine) -> VisualLine {
    let cells: Vec<(&str, &Cell)> = line.iter().collect();
    let mut out = VisualLine::new(line.direction.unwrap_or(Direction::Ltr));
    out.padding = line.padding;
    let mut start = 0;
    while start < cells.len() {
        let end = cells[start..]
            .iter()
            .position(|(symbol, _)| symbol.trim().is_empty())
            .map_or(cells.len(), |n| start + n);
        let word = &cells[start..end];
        let rtl = word
            .iter()
            .flat_map(|(symbol, _)| symbol.chars())
            .find(|c| c.is_alphabetic())
            .is_some_and(is_rtl_letter);
        let mut push = |(symbol, cell): &(&str, &Cell)| out.push_cell(symbol, cell);
        if rtl {
            word.iter().rev().for_each(&mut push);
        } else {
            word.iter().for_each(&mut push);
        }
        if let Some(blank) = cells.get(end) {
            push(blank);
        }
        start = end + 1;
    }
    out
}

/// A letter of a script written right to left (Hebrew, Arabic and the scripts
/// between, their presentation forms).
fn is_rtl_letter(c: char) -> bool {
    matches!(c, '\u{0590}'..='\u{08FF}' | '\u{FB1D}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')
}

/// Marks written into the text itself, for terminals that no sequence reaches.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Marks {
    #[default]
    None,
    /// An LRO after every cell.
    Cells,
    /// LRM+LRO after the first cell of every row.
    Rows,
}

/// A terminal setting turned off while hiwar's text is shown, and back on after.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Setting {
    Konsole,
    Mlterm,
}

/// A hint for the reader to show once: the terminal needs a setting hiwar cannot
/// make for the user.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hint {
    /// kitty: `force_ltr yes` in kitty.conf.
    KittyForceLtr,
    /// tmux between hiwar and Konsole or mlterm: `allow-passthrough on` lets hiwar
    /// switch the terminal's own bidi off (without it, Konsole's letters stay
    /// unjoined and mlterm reorders).
    TmuxPassthrough,
}

/// What hiwar does, for one terminal and one kind of output, so that the terminal
/// shows the text in the order hiwar wrote it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct BidiPlan {
    /// `CSI 8 l` before clearing and at the start of printed lines; `CSI 8 h` after.
    pub explicit_mode: bool,
    /// A setting turned off on entry and on again on the way out.
    pub setting: Option<Setting>,
    /// The setting goes through tmux wrapped for passthrough.
    pub passthrough: bool,
    pub marks: Marks,
    /// Printed lines with marks per cell: a ZWJ on each side a letter joins on
    /// ([`joiners`]). Not in the reader, which redraws a cell without the one before
    /// it, where the joiner before the letter rides (the terminal would pile them
    /// up there).
    pub joiners: bool,
    /// Printed lines: a blank first column that carries the line's first mark, the
    /// text laid out one column narrower. A zero-width mark cannot open a line under
    /// tmux or in Konsole (they attach it to the cell before it), and after a
    /// right-to-left letter it would move that letter to the line's end.
    pub margin: bool,
    /// Printed lines: columns the terminal counts for the marks when it wraps (mlterm
    /// counts an LRM or an LRO as one, though it draws nothing for them).
    pub counted_marks: usize,
    pub hint: Option<Hint>,
}

impl BidiPlan {
    /// The plan for the reader (full screen, alternate screen, left on exit).
    pub fn reader(option: BidiOption, terminal: &Terminal) -> BidiPlan {
        Self::new(option, terminal, false)
    }

    /// The plan for printed output: what stays in the terminal's scrollback after
    /// hiwar ends, so no setting that acts when painting (it would be given back).
    pub fn print(option: BidiOption, terminal: &Terminal) -> BidiPlan {
        Self::new(option, terminal, true)
    }

    fn new(option: BidiOption, terminal: &Terminal, printed: bool) -> BidiPlan {
        let mut plan = Self::chosen(option, terminal, printed);
        // Only mlterm itself keeps a mark that opens a line.
        plan.margin = printed
            && match plan.marks {
                Marks::None => false,
                Marks::Rows => terminal.tmux.is_some() || terminal.emulator != Emulator::Mlterm,
                Marks::Cells => true,
            };
        plan.joiners = printed && plan.marks == Marks::Cells;
        if printed && terminal.emulator == Emulator::Mlterm && plan.marks == Marks::Rows {
            plan.counted_marks = LRM_LRO.chars().count();
        }
        plan
    }

    fn chosen(option: BidiOption, terminal: &Terminal, printed: bool) -> BidiPlan {
        let tmux = terminal.tmux.as_ref();
        let passthrough = tmux.is_some_and(|t| t.passthrough);
        let explicit = BidiPlan {
            explicit_mode: true,
            ..BidiPlan::default()
        };
        let with_marks = |marks| BidiPlan { marks, ..explicit };
        // A setting when it reaches the terminal and will not be given back under
        // printed text; else the marks that do the same job, where marks can; and
        // through tmux, the hint that tmux can let the setting through.
        let setting = |setting, fallback: Option<Marks>| {
            if !printed && (tmux.is_none() || passthrough) {
                return BidiPlan {
                    setting: Some(setting),
                    passthrough: tmux.is_some(),
                    ..explicit
                };
            }
            let mut plan = fallback.map_or(explicit, with_marks);
            if !printed && tmux.is_some() {
                plan.hint = Some(Hint::TmuxPassthrough);
            }
            plan
        };
        // mlterm counts a mark as a column: in printed lines that is room to leave,
        // but through tmux, which places the reader's cells itself, it shifts them.
        let mlterm_marks = (printed || tmux.is_none()).then_some(Marks::Rows);
        match option {
            BidiOption::Off => BidiPlan::default(),
            BidiOption::Explicit => explicit,
            BidiOption::LroCells => with_marks(Marks::Cells),
            BidiOption::LroRows => with_marks(Marks::Rows),
            BidiOption::Konsole => setting(Setting::Konsole, Some(Marks::Cells)),
            BidiOption::Mlterm => setting(Setting::Mlterm, mlterm_marks),
            BidiOption::Auto => match terminal.emulator {
                Emulator::Konsole => setting(Setting::Konsole, Some(Marks::Cells)),
                Emulator::Mlterm => setting(Setting::Mlterm, mlterm_marks),
                // VTE keeps `CSI 8 l` per row: through tmux the rows are tmux's,
                // created before hiwar started, so marks instead.
                Emulator::Vte if tmux.is_some() => with_marks(Marks::Rows),
                Emulator::Kitty => BidiPlan {
                    hint: (!terminal.kitty_force_ltr).then_some(Hint::KittyForceLtr),
                    ..explicit
                },
                // Through tmux to a terminal that did not say what it is (VTE does
                // not answer XTVERSION): the marks VTE needs, invisible elsewhere.
                Emulator::Unknown if tmux.is_some() => with_marks(Marks::Rows),
                Emulator::Vte | Emulator::Xterm | Emulator::Alacritty | Emulator::Unknown => {
                    explicit
                }
            },
        }
    }

    /// Written when hiwar takes the terminal (before its first clear).
    pub fn enter_sequence(&self) -> Vec<u8> {
        match self.explicit_mode {
            true => BIDI_EXPLICIT.to_vec(),
            false => Vec::new(),
        }
    }

    /// The terminal's own bidi switched off: written before the alternate screen.
    /// Through tmux it must come first: tmux drops a passthrough sequence that
    /// arrives while a pane waits to be redrawn, as it does right after switching
    /// screens (seen with Konsole: the setting sent after `?1049h` never arrived).
    pub fn setting_off_sequence(&self) -> Vec<u8> {
        self.setting_sequence(false)
    }

    /// The terminal's own bidi given back: written before leaving the alternate
    /// screen, for the same reason.
    pub fn setting_on_sequence(&self) -> Vec<u8> {
        self.setting_sequence(true)
    }

    fn setting_sequence(&self, on: bool) -> Vec<u8> {
        let mut bytes = Vec::new();
        if let Some(setting) = self.setting {
            let sequence = match (setting, on) {
                (Setting::Konsole, false) => KONSOLE_BIDI_OFF,
                (Setting::Konsole, true) => KONSOLE_BIDI_ON,
                (Setting::Mlterm, false) => MLTERM_CTL_OFF,
                (Setting::Mlterm, true) => MLTERM_CTL_ON,
            };
            self.push_setting(&mut bytes, sequence);
        }
        bytes
    }

    /// Written when hiwar gives the terminal back.
    pub fn leave_sequence(&self) -> Vec<u8> {
        match self.explicit_mode {
            true => BIDI_IMPLICIT.to_vec(),
            false => Vec::new(),
        }
    }

    /// Written before every full clear: VTE gives fresh rows the mode in effect.
    pub fn before_clear(&self) -> &'static [u8] {
        if self.explicit_mode {
            BIDI_EXPLICIT
        } else {
            b""
        }
    }

    fn push_setting(&self, bytes: &mut Vec<u8>, sequence: &[u8]) {
        if self.passthrough {
            // tmux passthrough: the sequence with each ESC doubled, in a DCS.
            bytes.extend_from_slice(b"\x1bPtmux;");
            for &b in sequence {
                if b == 0x1b {
                    bytes.push(0x1b);
                }
                bytes.push(b);
            }
            bytes.extend_from_slice(b"\x1b\\");
        } else {
            bytes.extend_from_slice(sequence);
        }
    }

    /// Nothing of this plan is written into printed text.
    fn is_transparent(&self) -> bool {
        !self.explicit_mode && self.marks == Marks::None && !self.margin
    }

    /// The width to lay printed text out to when `requested` columns were asked for
    /// and the terminal has `columns`: narrower by what the margin and the marks take
    /// when the lines would not fit otherwise.
    pub fn print_width(&self, requested: usize, columns: usize) -> usize {
        let taken = usize::from(self.margin) + self.counted_marks;
        if requested == 0 || taken == 0 {
            return requested;
        }
        requested.min(columns.saturating_sub(taken).max(1))
    }
}

/// Printed output on its way to a terminal: each line gets what the plan asks for
/// (`CSI 8 l` at its start, marks among its characters), and the end gives the
/// terminal its mode back. Lines are held until their newline, so marks fall between
/// whole grapheme clusters, as they fall between cells in the reader.
pub struct PrintWriter<W: Write> {
    out: W,
    plan: BidiPlan,
    line: Vec<u8>,
    finished: bool,
}

impl<W: Write> PrintWriter<W> {
    pub fn new(out: W, plan: BidiPlan) -> Self {
        PrintWriter {
            out,
            plan,
            line: Vec::new(),
            finished: false,
        }
    }

    fn write_line(&mut self, newline: bool) -> io::Result<()> {
        let line = std::mem::take(&mut self.line);
        if self.plan.explicit_mode {
            self.out.write_all(BIDI_EXPLICIT)?;
        }
        if self.plan.margin {
            self.out.write_all(b" ")?;
        }
        match (self.plan.marks, std::str::from_utf8(&line)) {
            (Marks::None, _) | (_, Err(_)) => self.out.write_all(&line)?,
            (Marks::Rows, _) => {
                self.out.write_all(LRM_LRO.as_bytes())?;
                self.out.write_all(&line)?;
            }
            (Marks::Cells, Ok(text)) => {
                if self.plan.margin {
                    self.out.write_all(LRO.as_bytes())?;
                }
                // hiwar's own SGR sequences (styled print) pass whole: a mark
                // goes after a cell, and inside a sequence it would break it.
                let mut rest = text;
                while !rest.is_empty() {
                    if let Some(len) = csi_len(rest) {
                        self.out.write_all(&rest.as_bytes()[..len])?;
                        rest = &rest[len..];
                        continue;
                    }
                    let end = rest
                        .match_indices("\x1b[")
                        .find(|&(i, _)| i > 0)
                        .map_or(rest.len(), |(i, _)| i);
                    for cluster in rest[..end].graphemes(true) {
                        let (before, after) = match self.plan.joiners {
                            true => joiners(cluster),
                            false => ("", ""),
                        };
                        self.out.write_all(before.as_bytes())?;
                        self.out.write_all(cluster.as_bytes())?;
                        self.out.write_all(after.as_bytes())?;
                        self.out.write_all(LRO.as_bytes())?;
                    }
                    rest = &rest[end..];
                }
            }
        }
        if newline {
            self.out.write_all(b"\n")?;
        }
        self.line = line;
        self.line.clear();
        Ok(())
    }

    /// Writes what is left and gives the terminal its mode back.
    pub fn finish(&mut self) -> io::Result<()> {
        if self.finished {
            return Ok(());
        }
        self.finished = true;
        if !self.line.is_empty() {
            self.write_line(false)?;
        }
        if self.plan.explicit_mode {
            self.out.write_all(BIDI_IMPLICIT)?;
        }
        self.out.flush()
    }
}

/// The length of the control sequence (`ESC [` parameters, a final byte) that
/// starts `text`, if one does.
fn csi_len(text: &str) -> Option<usize> {
    let parameters = text.strip_prefix("\x1b[")?;
    let end = parameters
        .bytes()
        .position(|b| (0x40..=0x7e).contains(&b))?;
    Some(2 + end + 1)
}

impl<W: Write> Write for PrintWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.plan.is_transparent() {
            return self.out.write(buf);
        }
        let mut rest = buf;
        while let Some(end) = rest.iter().position(|&b| b == b'\n') {
            self.line.extend_from_slice(&rest[..end]);
            self.write_line(true)?;
            rest = &rest[end + 1..];
        }
        self.line.extend_from_slice(rest);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_clipboard_sequence_carries_the_text_in_base64_only() {
        use base64::Engine;
        let text = "تشانغ: نعم\u{1b}]52;c;evil\u{7}\u{9c}";
        let sequence = clipboard_sequence(text);
        let payload = sequence
            .strip_prefix(b"\x1b]52;c;")
            .and_then(|rest| rest.strip_suffix(b"\x07"))
            .expect("OSC 52 ... BEL");
        assert!(
            payload
                .iter()
                .all(|b| b.is_ascii_alphanumeric() || b"+/=".contains(b)),
            "base64 only"
        );
        let decoded = base64::engine::general_purpose::STANDARD
            .decode(payload)
            .expect("base64");
        assert_eq!(decoded, text.as_bytes());
    }

    fn env<'a>(vars: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |name| {
            vars.iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| v.to_string())
        }
    }

    fn client(termtype: &str, termname: &str, passthrough: bool) -> Option<TmuxClient> {
        Some(TmuxClient {
            termtype: termtype.into(),
            termname: termname.into(),
            passthrough,
        })
    }

    fn no_tmux() -> Option<TmuxClient> {
        panic!("tmux asked outside tmux")
    }

    #[test]
    fn terminals_are_told_apart_by_their_variables() {
        let cases: &[(&[(&str, &str)], Emulator)] = &[
            (
                &[("TERM", "xterm-256color"), ("VTE_VERSION", "7006")],
                Emulator::Vte,
            ),
            (&[("KONSOLE_VERSION", "221203")], Emulator::Konsole),
            (&[("TERM", "mlterm"), ("MLTERM", "3.9.0")], Emulator::Mlterm),
            (
                &[("TERM", "xterm-kitty"), ("KITTY_WINDOW_ID", "1")],
                Emulator::Kitty,
            ),
            (&[("TERM", "alacritty")], Emulator::Alacritty),
            (&[("XTERM_VERSION", "XTerm(379)")], Emulator::Xterm),
            (&[("TERM", "xterm-256color")], Emulator::Unknown),
            (&[("VTE_VERSION", "")], Emulator::Unknown),
        ];
        for (vars, emulator) in cases {
            let found = detect(env(vars), no_tmux);
            assert_eq!(found.emulator, *emulator, "{vars:?}");
            assert_eq!(found.tmux, None);
        }
    }

    #[test]
    fn inside_tmux_the_client_says_what_the_terminal_is() {
        // The server was started in VTE, the client is Konsole: the client wins.
        let found = detect(
            env(&[("TMUX", "/tmp/tmux-0/default,1,0"), ("VTE_VERSION", "7006")]),
            || client("Konsole 22.12.3", "xterm-256color", false),
        );
        assert_eq!(found.emulator, Emulator::Konsole);
        // VTE does not answer XTVERSION: the variables decide.
        let found = detect(env(&[("TMUX", "x"), ("VTE_VERSION", "7006")]), || {
            client("", "xterm-256color", false)
        });
        assert_eq!(found.emulator, Emulator::Vte);
        for (termtype, termname, emulator) in [
            ("XTerm(379)", "xterm", Emulator::Xterm),
            ("", "mlterm", Emulator::Mlterm),
            ("", "alacritty", Emulator::Alacritty),
            ("kitty(0.26.5)", "xterm-kitty", Emulator::Kitty),
        ] {
            let found = detect(env(&[("TMUX", "x")]), || client(termtype, termname, false));
            assert_eq!(found.emulator, emulator, "{termtype} {termname}");
        }
        let silent = detect(env(&[("TMUX", "x")]), || None);
        assert_eq!(silent.emulator, Emulator::Unknown);
        assert_eq!(silent.tmux, Some(TmuxClient::default()));
    }

    #[test]
    fn tmux_answers_are_read_field_by_field() {
        assert_eq!(
            parse_tmux_answer("Konsole 22.12.3\txterm-256color\t1\n"),
            client("Konsole 22.12.3", "xterm-256color", true)
        );
        assert_eq!(
            parse_tmux_answer("\tmlterm\t0\n"),
            client("", "mlterm", false)
        );
        assert_eq!(parse_tmux_answer("garbage"), None);
    }

    #[test]
    fn kitty_conf_force_ltr_is_read() {
        assert!(config_forces_ltr("font_size 11\nforce_ltr yes\n"));
        assert!(!config_forces_ltr("# force_ltr yes\n"));
        assert!(!config_forces_ltr("force_ltr yes\nforce_ltr no\n"));
        assert!(!config_forces_ltr("force_ltrx yes\n"));
        assert!(!config_forces_ltr(""));
    }

    fn terminal(emulator: Emulator, tmux: Option<TmuxClient>) -> Terminal {
        Terminal {
            emulator,
            tmux,
            kitty_force_ltr: false,
        }
    }

    #[test]
    fn each_terminal_gets_its_plan() {
        let auto = BidiOption::Auto;
        let plain = terminal(Emulator::Xterm, None);
        assert_eq!(
            BidiPlan::reader(auto, &plain),
            BidiPlan {
                explicit_mode: true,
                ..BidiPlan::default()
            }
        );
        let konsole = terminal(Emulator::Konsole, None);
        assert_eq!(
            BidiPlan::reader(auto, &konsole).setting,
            Some(Setting::Konsole)
        );
        assert_eq!(BidiPlan::print(auto, &konsole).setting, None);
        assert_eq!(BidiPlan::print(auto, &konsole).marks, Marks::Cells);
        assert!(BidiPlan::print(auto, &konsole).margin);
        assert!(BidiPlan::print(auto, &konsole).joiners);
        let mlterm = terminal(Emulator::Mlterm, None);
        assert_eq!(
            BidiPlan::reader(auto, &mlterm).setting,
            Some(Setting::Mlterm)
        );
        assert_eq!(BidiPlan::print(auto, &mlterm).marks, Marks::Rows);
        assert!(!BidiPlan::print(auto, &mlterm).margin);
        assert_eq!(BidiPlan::print(auto, &mlterm).print_width(80, 80), 78);
        let vte_in_tmux = terminal(Emulator::Vte, client("", "xterm-256color", true));
        assert_eq!(BidiPlan::reader(auto, &vte_in_tmux).marks, Marks::Rows);
        assert!(!BidiPlan::reader(auto, &vte_in_tmux).margin);
        assert!(BidiPlan::print(auto, &vte_in_tmux).margin);
        let konsole_in_tmux = terminal(Emulator::Konsole, client("Konsole", "x", false));
        assert_eq!(BidiPlan::reader(auto, &konsole_in_tmux).marks, Marks::Cells);
        assert!(
            !BidiPlan::reader(auto, &konsole_in_tmux).joiners,
            "the reader"
        );
        assert!(BidiPlan::print(auto, &konsole_in_tmux).joiners, "tmux");
        assert_eq!(
            BidiPlan::reader(auto, &konsole_in_tmux).hint,
            Some(Hint::TmuxPassthrough)
        );
        let mlterm_in_tmux = terminal(Emulator::Mlterm, client("", "mlterm", false));
        let plan = BidiPlan::reader(auto, &mlterm_in_tmux);
        assert_eq!(
            (plan.marks, plan.hint),
            (Marks::None, Some(Hint::TmuxPassthrough))
        );
        let plan = BidiPlan::print(auto, &mlterm_in_tmux);
        assert_eq!(
            (plan.marks, plan.margin, plan.hint),
            (Marks::Rows, true, None)
        );
        let passing = terminal(Emulator::Konsole, client("Konsole", "x", true));
        let plan = BidiPlan::reader(auto, &passing);
        assert_eq!(
            (plan.setting, plan.passthrough),
            (Some(Setting::Konsole), true)
        );
        let kitty = terminal(Emulator::Kitty, None);
        assert_eq!(
            BidiPlan::reader(auto, &kitty).hint,
            Some(Hint::KittyForceLtr)
        );
        let kitty_ltr = Terminal {
            kitty_force_ltr: true,
            ..kitty
        };
        assert_eq!(BidiPlan::reader(auto, &kitty_ltr).hint, None);
        assert_eq!(
            BidiPlan::reader(BidiOption::Off, &konsole),
            BidiPlan::default()
        );
    }

    #[test]
    fn settings_are_given_back_and_wrapped_for_tmux() {
        let konsole = terminal(Emulator::Konsole, None);
        let plan = BidiPlan::reader(BidiOption::Auto, &konsole);
        assert_eq!(plan.enter_sequence(), BIDI_EXPLICIT);
        assert_eq!(plan.setting_off_sequence(), KONSOLE_BIDI_OFF);
        assert_eq!(plan.setting_on_sequence(), KONSOLE_BIDI_ON);
        assert_eq!(plan.leave_sequence(), BIDI_IMPLICIT);
        let mlterm = terminal(Emulator::Mlterm, client("", "mlterm", true));
        let plan = BidiPlan::reader(BidiOption::Auto, &mlterm);
        assert_eq!(
            plan.setting_off_sequence(),
            b"\x1bPtmux;\x1b\x1b]5379;use_ctl=false\x07\x1b\\"
        );
        assert_eq!(
            plan.setting_on_sequence(),
            b"\x1bPtmux;\x1b\x1b]5379;use_ctl=true\x07\x1b\\"
        );
    }

    fn printed(plan: BidiPlan, text: &str) -> String {
        let mut out = Vec::new();
        let mut writer = PrintWriter::new(&mut out, plan);
        // Written in pieces that cut lines and characters apart.
        for chunk in text.as_bytes().chunks(3) {
            writer.write_all(chunk).expect("write");
        }
        writer.finish().expect("finish");
        drop(writer);
        String::from_utf8(out).expect("UTF-8")
    }

    #[test]
    fn kitty_gets_its_right_to_left_words_mirrored() {
        let options = crate::layout::LayoutOptions::default();
        let line = crate::layout::layout("أضف force_ltr yes إلى كيتي", 0, &options)
            .pop()
            .expect("a line");
        let sent = mirrored_for_kitty(&line);
        let words = |line: &VisualLine| -> Vec<String> {
            line.visual_text().split(' ').map(str::to_string).collect()
        };
        let (shown, sent) = (words(&line), words(&sent));
        assert_eq!(shown.len(), sent.len());
        for (shown, sent) in shown.iter().zip(&sent) {
            if shown.chars().any(is_rtl_letter) {
                assert_eq!(*sent, shown.chars().rev().collect::<String>());
            } else {
                assert_eq!(sent, shown, "Latin words as they are");
            }
        }
        assert_eq!(
            sent.join(" ").chars().count(),
            line.visual_text().chars().count()
        );
    }

    #[test]
    fn printed_lines_carry_the_plan() {
        let explicit = BidiPlan {
            explicit_mode: true,
            ..BidiPlan::default()
        };
        assert_eq!(
            printed(explicit, "ﺏﺍ\n\nab"),
            "\x1b[8lﺏﺍ\n\x1b[8l\n\x1b[8lab\x1b[8h"
        );
        let cells = BidiPlan {
            marks: Marks::Cells,
            margin: true,
            ..BidiPlan::default()
        };
        // A haraka stays on its letter: the mark goes after the cluster.
        assert_eq!(
            printed(cells, "ﺏَﺍ b\n"),
            " \u{202D}ﺏَ\u{202D}ﺍ\u{202D} \u{202D}b\u{202D}\n"
        );
        // Where letters are not joined, the marks only.
        assert_eq!(printed(cells, "ﻮﻫ\n"), " \u{202D}ﻮ\u{202D}ﻫ\u{202D}\n");
        let cells = BidiPlan {
            joiners: true,
            ..cells
        };
        // A joined letter gets a ZWJ on each side it joins on, marks and all (the
        // one before it followed by U+206D): هو مهما (visual order: final waw,
        // initial heh; final alef, medial heh, initial meem with a fatha), and a
        // final lam-alef.
        assert_eq!(
            printed(cells, "ﻮﻫ ﺎﻤﻬﻣَ ﻼﺑ\n"),
            concat!(
                " \u{202D}",
                "\u{200D}\u{206D}ﻮ\u{202D}ﻫ\u{200D}\u{202D} \u{202D}",
                "\u{200D}\u{206D}ﺎ\u{202D}\u{200D}\u{206D}ﻤ\u{200D}\u{202D}",
                "\u{200D}\u{206D}ﻬ\u{200D}\u{202D}ﻣَ\u{200D}\u{202D} \u{202D}",
                "\u{200D}\u{206D}ﻼ\u{202D}ﺑ\u{200D}\u{202D}\n"
            )
        );
        let rows = BidiPlan {
            marks: Marks::Rows,
            ..BidiPlan::default()
        };
        assert_eq!(
            printed(rows, "ﺏﺍ\nc\n"),
            "\u{200E}\u{202D}ﺏﺍ\n\u{200E}\u{202D}c\n"
        );
        let margin = BidiPlan {
            margin: true,
            ..rows
        };
        assert_eq!(printed(margin, "ﺏﺍ\n"), " \u{200E}\u{202D}ﺏﺍ\n");
        assert_eq!(margin.print_width(60, 60), 59);
        assert_eq!(margin.print_width(40, 60), 40, "room enough");
        assert_eq!(margin.print_width(0, 60), 0, "no wrapping asked");
        assert_eq!(rows.print_width(60, 60), 60);
        assert_eq!(printed(BidiPlan::default(), "ﺏﺍ\n"), "ﺏﺍ\n");
    }

    #[test]
    fn marks_go_between_cells_never_inside_a_style_sequence() {
        let cells = BidiPlan {
            marks: Marks::Cells,
            ..BidiPlan::default()
        };
        assert_eq!(
            printed(cells, "a\x1b[0;1;3mﺏَ\x1b[0mc\n\x1b[0;32mx\n"),
            "a\u{202D}\x1b[0;1;3mﺏَ\u{202D}\x1b[0mc\u{202D}\n\x1b[0;32mx\u{202D}\n"
        );
        let rows = BidiPlan {
            marks: Marks::Rows,
            ..BidiPlan::default()
        };
        assert_eq!(
            printed(rows, "\x1b[0;1mﺏ\x1b[0m\n"),
            "\u{200E}\u{202D}\x1b[0;1mﺏ\x1b[0m\n"
        );
    }
}

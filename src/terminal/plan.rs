//! The bidi plan: what hiwar does, for one terminal and one kind of output (the
//! reader, or printed text), so that the terminal shows the text in the order hiwar
//! wrote it. The measurements behind each choice: [docs/terminals.md](../../docs/terminals.md).

use super::detect::{Emulator, Terminal};
use super::sequences::{
    BIDI_EXPLICIT, BIDI_IMPLICIT, KONSOLE_BIDI_OFF, KONSOLE_BIDI_ON, LRM_LRO, MLTERM_CTL_OFF,
    MLTERM_CTL_ON,
};
use crate::settings::BidiOption;

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

/// A multiplexer's way of passing a sequence on to the terminal outside it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Passthrough {
    /// `ESC P tmux; …` with each ESC doubled, `ESC \` (only with `allow-passthrough`).
    Tmux,
    /// GNU screen passes a DCS string's content on as it is: `ESC P … ESC \`.
    Screen,
}

/// A hint for the reader to show once: the terminal needs a setting hiwar cannot
/// make for the user.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hint {
    /// kitty: `force_ltr yes` in kitty.conf.
    KittyForceLtr,
    /// terminology: the harakat are not shown (each would take a cell).
    TerminologyCombining,
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
    /// The setting goes wrapped for the multiplexer's passthrough.
    pub passthrough: Option<Passthrough>,
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
    /// terminology: combining marks (harakat, Hebrew points) left out of what is
    /// written, since terminology gives each a cell of its own, which shifts the
    /// rest of the row.
    pub combining_left_out: bool,
    /// qtermwidget: each run of same-styled cells sent in the order its own bidi
    /// turns back into hiwar's ([`super::qterminal`]).
    pub qt_runs: bool,
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
        // mlterm's plan chosen by hand is for mlterm too.
        let mlterm = terminal.emulator == Emulator::Mlterm || option == BidiOption::Mlterm;
        // Only mlterm itself keeps a mark that opens a line.
        plan.margin = printed
            && match plan.marks {
                Marks::None => false,
                Marks::Rows => terminal.multiplexed() || !mlterm,
                Marks::Cells => true,
            };
        plan.joiners = printed && plan.marks == Marks::Cells;
        if printed && mlterm && plan.marks == Marks::Rows {
            plan.counted_marks = LRM_LRO.chars().count();
        }
        plan
    }

    fn chosen(option: BidiOption, terminal: &Terminal, printed: bool) -> BidiPlan {
        let tmux = terminal.tmux.as_ref();
        // tmux or screen draws the terminal's screen from its own cells.
        let between = terminal.multiplexed();
        let passthrough = if terminal.screen {
            Some(Passthrough::Screen)
        } else {
            tmux.filter(|t| t.passthrough).map(|_| Passthrough::Tmux)
        };
        let explicit = BidiPlan {
            explicit_mode: true,
            ..BidiPlan::default()
        };
        let with_marks = |marks| BidiPlan { marks, ..explicit };
        // A setting when it reaches the terminal and will not be given back under
        // printed text; else the marks that do the same job, where marks can; and
        // through tmux, the hint that tmux can let the setting through.
        let setting = |setting, fallback: Option<Marks>| {
            if !printed && (!between || passthrough.is_some()) {
                return BidiPlan {
                    setting: Some(setting),
                    passthrough,
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
        let mlterm_marks = (printed || !between).then_some(Marks::Rows);
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
                // VTE keeps `CSI 8 l` per row: through tmux or screen the rows are
                // theirs, created before hiwar started, so marks instead.
                Emulator::Vte if between => with_marks(Marks::Rows),
                Emulator::Kitty => BidiPlan {
                    hint: (!terminal.kitty_force_ltr).then_some(Hint::KittyForceLtr),
                    ..explicit
                },
                // Through tmux or screen to a terminal that did not say what it is
                // (VTE does not answer XTVERSION): the marks VTE needs, invisible
                // elsewhere.
                Emulator::Unknown if between => with_marks(Marks::Rows),
                Emulator::Terminology => BidiPlan {
                    combining_left_out: true,
                    hint: Some(Hint::TerminologyCombining),
                    ..explicit
                },
                Emulator::Qterminal => BidiPlan {
                    qt_runs: true,
                    ..explicit
                },
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
        match self.passthrough {
            Some(Passthrough::Tmux) => {
                // tmux passthrough: the sequence with each ESC doubled, in a DCS.
                bytes.extend_from_slice(b"\x1bPtmux;");
                for &b in sequence {
                    if b == 0x1b {
                        bytes.push(0x1b);
                    }
                    bytes.push(b);
                }
                bytes.extend_from_slice(b"\x1b\\");
            }
            Some(Passthrough::Screen) => {
                bytes.extend_from_slice(b"\x1bP");
                bytes.extend_from_slice(sequence);
                bytes.extend_from_slice(b"\x1b\\");
            }
            None => bytes.extend_from_slice(sequence),
        }
    }

    /// Nothing of this plan is written into printed text.
    pub(super) fn is_transparent(&self) -> bool {
        !self.explicit_mode
            && self.marks == Marks::None
            && !self.margin
            && !self.combining_left_out
            && !self.qt_runs
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::terminal::detect::TmuxClient;

    fn client(termtype: &str, termname: &str, passthrough: bool) -> Option<TmuxClient> {
        Some(TmuxClient {
            termtype: termtype.into(),
            termname: termname.into(),
            passthrough,
        })
    }

    fn terminal(emulator: Emulator, tmux: Option<TmuxClient>) -> Terminal {
        Terminal {
            emulator,
            tmux,
            screen: false,
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
            (Some(Setting::Konsole), Some(Passthrough::Tmux))
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
    fn inside_screen_settings_pass_through_and_rows_carry_marks() {
        let auto = BidiOption::Auto;
        let in_screen = |emulator| Terminal {
            screen: true,
            ..terminal(emulator, None)
        };
        let konsole = BidiPlan::reader(auto, &in_screen(Emulator::Konsole));
        assert_eq!(
            (
                konsole.setting,
                konsole.passthrough,
                konsole.marks,
                konsole.hint
            ),
            (
                Some(Setting::Konsole),
                Some(Passthrough::Screen),
                Marks::None,
                None
            )
        );
        assert_eq!(
            konsole.setting_off_sequence(),
            b"\x1bP\x1b]50;BidiRenderingEnabled=false\x07\x1b\\"
        );
        let printed = BidiPlan::print(auto, &in_screen(Emulator::Konsole));
        assert_eq!(
            (
                printed.setting,
                printed.marks,
                printed.margin,
                printed.joiners
            ),
            (None, Marks::Cells, true, true)
        );
        for emulator in [Emulator::Vte, Emulator::Unknown] {
            let plan = BidiPlan::reader(auto, &in_screen(emulator));
            assert_eq!(
                (plan.marks, plan.setting),
                (Marks::Rows, None),
                "{emulator:?}"
            );
            assert!(BidiPlan::print(auto, &in_screen(emulator)).margin);
        }
        let mlterm = BidiPlan::reader(auto, &in_screen(Emulator::Mlterm));
        assert_eq!(
            (mlterm.setting, mlterm.marks),
            (Some(Setting::Mlterm), Marks::None)
        );
        let xterm = BidiPlan::reader(auto, &in_screen(Emulator::Xterm));
        assert_eq!(
            xterm,
            BidiPlan::reader(auto, &terminal(Emulator::Xterm, None))
        );
    }

    #[test]
    fn terminology_and_qtermwidget_get_their_own_plans() {
        let auto = BidiOption::Auto;
        for plan in [
            BidiPlan::reader(auto, &terminal(Emulator::Terminology, None)),
            BidiPlan::print(auto, &terminal(Emulator::Terminology, None)),
        ] {
            assert!(plan.combining_left_out && !plan.qt_runs);
            assert_eq!(plan.hint, Some(Hint::TerminologyCombining));
        }
        for plan in [
            BidiPlan::reader(auto, &terminal(Emulator::Qterminal, None)),
            BidiPlan::print(auto, &terminal(Emulator::Qterminal, None)),
        ] {
            assert!(plan.qt_runs && !plan.combining_left_out);
            assert_eq!((plan.marks, plan.hint), (Marks::None, None));
        }
        let chosen = BidiPlan::reader(BidiOption::Explicit, &terminal(Emulator::Qterminal, None));
        assert!(!chosen.qt_runs, "a plan chosen by hand is that plan");
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
}

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
    pub(super) fn is_transparent(&self) -> bool {
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
}

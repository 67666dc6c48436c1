//! The key tables: one list per mode that drives both the dispatch of key presses and
//! the help overlay, so the two can never disagree.

use crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

use super::labels::Help;
use super::state::{Action, Mode, PromptEdit};

/// One key a binding answers to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Key {
    /// A key without Control or Alt (Shift allowed, so `G` and `?` match).
    Code(KeyCode),
    /// A letter with Control held.
    Ctrl(char),
    /// A digit: 1 to 9 go to that question; typed one after another they make a
    /// number (2 then 5 goes to 25), which `G` or `g` after them also takes, as in
    /// less (`25G`).
    Digit,
}

/// A row of a key table: the keys, what they do, and how the help overlay names them.
#[derive(Clone, Copy, Debug)]
pub struct Binding {
    pub keys: &'static [Key],
    pub action: Action,
    /// The keys as the help overlay shows them.
    pub label: &'static str,
    /// What it does, in the interface's language ([`super::labels`]).
    pub help: Help,
}

const fn ch(c: char) -> Key {
    Key::Code(KeyCode::Char(c))
}

/// Every key the reader answers to while reading, in the order the help overlay lists
/// them. `n` / `N` are the matches, as in less and vim; `]` / `[` the questions.
pub const BINDINGS: &[Binding] = &[
    Binding {
        keys: &[Key::Code(KeyCode::Up), ch('k')],
        action: Action::Up,
        label: "↑ k",
        help: Help::Up,
    },
    Binding {
        keys: &[Key::Code(KeyCode::Down), ch('j')],
        action: Action::Down,
        label: "↓ j",
        help: Help::Down,
    },
    Binding {
        keys: &[Key::Code(KeyCode::Tab)],
        action: Action::FocusNext,
        label: "Tab",
        help: Help::FocusNext,
    },
    Binding {
        keys: &[Key::Code(KeyCode::BackTab)],
        action: Action::FocusPrevious,
        label: "Shift-Tab",
        help: Help::FocusPrevious,
    },
    Binding {
        keys: &[Key::Code(KeyCode::Left)],
        action: Action::FocusLeft,
        label: "←",
        help: Help::FocusLeft,
    },
    Binding {
        keys: &[Key::Code(KeyCode::Right)],
        action: Action::FocusRight,
        label: "→",
        help: Help::FocusRight,
    },
    Binding {
        keys: &[Key::Code(KeyCode::Enter)],
        action: Action::FocusAnswer,
        label: "Enter",
        help: Help::ReadAnswer,
    },
    Binding {
        keys: &[Key::Code(KeyCode::PageUp), ch('b'), Key::Ctrl('b')],
        action: Action::PageUp,
        label: "PgUp b ^B",
        help: Help::PageUp,
    },
    Binding {
        keys: &[Key::Code(KeyCode::PageDown), ch(' '), Key::Ctrl('f')],
        action: Action::PageDown,
        label: "PgDn Space ^F",
        help: Help::PageDown,
    },
    Binding {
        keys: &[Key::Code(KeyCode::Home), ch('g')],
        action: Action::First,
        label: "Home g",
        help: Help::First,
    },
    Binding {
        keys: &[Key::Code(KeyCode::End), ch('G')],
        action: Action::Last,
        label: "End G",
        help: Help::Last,
    },
    Binding {
        keys: &[ch(']')],
        action: Action::NextQuestion,
        label: "]",
        help: Help::NextQuestion,
    },
    Binding {
        keys: &[ch('[')],
        action: Action::PreviousQuestion,
        label: "[",
        help: Help::PreviousQuestion,
    },
    Binding {
        keys: &[Key::Digit],
        action: Action::Jump(0),
        label: "1–9",
        help: Help::Jump,
    },
    Binding {
        keys: &[ch('/')],
        action: Action::OpenSearch,
        label: "/",
        help: Help::Search,
    },
    Binding {
        keys: &[ch('n')],
        action: Action::NextMatch,
        label: "n",
        help: Help::NextMatch,
    },
    Binding {
        keys: &[ch('N')],
        action: Action::PreviousMatch,
        label: "N",
        help: Help::PreviousMatch,
    },
    Binding {
        keys: &[ch('y')],
        action: Action::Copy,
        label: "y",
        help: Help::Copy,
    },
    Binding {
        keys: &[ch('?')],
        action: Action::ToggleHelp,
        label: "?",
        help: Help::ToggleHelp,
    },
    Binding {
        keys: &[Key::Ctrl('z')],
        action: Action::Suspend,
        label: "Ctrl-Z",
        help: Help::Suspend,
    },
    Binding {
        keys: &[Key::Code(KeyCode::Esc)],
        action: Action::Escape,
        label: "Esc",
        help: Help::Escape,
    },
    Binding {
        keys: &[ch('q'), Key::Ctrl('c')],
        action: Action::Quit,
        label: "q Ctrl-C",
        help: Help::Quit,
    },
];

/// The keys of the search prompt; any other character is typed into the query.
pub const PROMPT_BINDINGS: &[Binding] = &[
    Binding {
        keys: &[Key::Code(KeyCode::Enter)],
        action: Action::Prompt(PromptEdit::Submit),
        label: "Enter",
        help: Help::Submit,
    },
    Binding {
        keys: &[Key::Code(KeyCode::Esc), Key::Ctrl('c'), Key::Ctrl('g')],
        action: Action::Prompt(PromptEdit::Cancel),
        label: "Esc Ctrl-C",
        help: Help::Cancel,
    },
    Binding {
        keys: &[Key::Code(KeyCode::Backspace), Key::Ctrl('h')],
        action: Action::Prompt(PromptEdit::DeleteBack),
        label: "Backspace",
        help: Help::DeleteBack,
    },
    Binding {
        keys: &[Key::Code(KeyCode::Delete), Key::Ctrl('d')],
        action: Action::Prompt(PromptEdit::DeleteForward),
        label: "Delete",
        help: Help::DeleteForward,
    },
    Binding {
        keys: &[Key::Code(KeyCode::Left)],
        action: Action::Prompt(PromptEdit::Left),
        label: "←",
        help: Help::CursorLeft,
    },
    Binding {
        keys: &[Key::Code(KeyCode::Right)],
        action: Action::Prompt(PromptEdit::Right),
        label: "→",
        help: Help::CursorRight,
    },
    Binding {
        keys: &[Key::Code(KeyCode::Home), Key::Ctrl('a')],
        action: Action::Prompt(PromptEdit::Home),
        label: "Home Ctrl-A",
        help: Help::CursorHome,
    },
    Binding {
        keys: &[Key::Code(KeyCode::End), Key::Ctrl('e')],
        action: Action::Prompt(PromptEdit::End),
        label: "End Ctrl-E",
        help: Help::CursorEnd,
    },
    Binding {
        keys: &[Key::Ctrl('u')],
        action: Action::Prompt(PromptEdit::Clear),
        label: "Ctrl-U",
        help: Help::Clear,
    },
    Binding {
        keys: &[Key::Ctrl('z')],
        action: Action::Suspend,
        label: "Ctrl-Z",
        help: Help::Suspend,
    },
];

impl Key {
    /// `Some` if this key matches `event`, with the digit for [`Key::Digit`] (else 0).
    fn matches(self, event: &KeyEvent) -> Option<u8> {
        let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
        let alt = event.modifiers.contains(KeyModifiers::ALT);
        match (self, event.code) {
            (Key::Ctrl(c), KeyCode::Char(got)) if ctrl && !alt => {
                (got.to_ascii_lowercase() == c).then_some(0)
            }
            (Key::Digit, KeyCode::Char(got @ '0'..='9')) if !ctrl && !alt => Some(got as u8 - b'0'),
            (Key::Code(code), got) if !ctrl && !alt => (code == got).then_some(0),
            _ => None,
        }
    }
}

fn lookup(table: &[Binding], event: &KeyEvent) -> Option<Action> {
    table.iter().find_map(|binding| {
        binding.keys.iter().find_map(|key| {
            key.matches(event).map(|digit| match binding.action {
                Action::Jump(_) => Action::Jump(digit as usize),
                action => action,
            })
        })
    })
}

/// The action bound to a key press in `mode`, if any.
pub fn action_for_key(event: &KeyEvent, mode: &Mode) -> Option<Action> {
    if event.kind == KeyEventKind::Release {
        return None;
    }
    match mode {
        Mode::Search(_) => lookup(PROMPT_BINDINGS, event).or_else(|| {
            let ctrl_or_alt = event
                .modifiers
                .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
            match event.code {
                KeyCode::Char(c) if !ctrl_or_alt && !c.is_control() => {
                    Some(Action::Prompt(PromptEdit::Insert(c)))
                }
                _ => None,
            }
        }),
        // In the help, q closes the help (as in less's help); Ctrl-C still quits.
        Mode::Help if event.code == KeyCode::Char('q') && event.modifiers.is_empty() => {
            Some(Action::ToggleHelp)
        }
        Mode::Reading | Mode::Help => lookup(BINDINGS, event),
    }
}

/// The action for a mouse event: the wheel scrolls, a left click selects.
pub fn action_for_mouse(event: &MouseEvent) -> Option<Action> {
    let (column, row) = (event.column, event.row);
    match event.kind {
        MouseEventKind::ScrollDown => Some(Action::Wheel {
            column,
            row,
            lines: 3,
        }),
        MouseEventKind::ScrollUp => Some(Action::Wheel {
            column,
            row,
            lines: -3,
        }),
        MouseEventKind::Down(MouseButton::Left) => Some(Action::Click { column, row }),
        _ => None,
    }
}

/// The action for any terminal event in `mode`; a resize needs none (the view
/// adapts).
pub fn action_for_event(event: &Event, mode: &Mode) -> Option<Action> {
    match event {
        Event::Key(key) => action_for_key(key, mode),
        Event::Mouse(mouse) => action_for_mouse(mouse),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reader::state::Prompt;

    fn key(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    fn reading(code: KeyCode, modifiers: KeyModifiers) -> Option<Action> {
        action_for_key(&key(code, modifiers), &Mode::Reading)
    }

    fn typing(code: KeyCode, modifiers: KeyModifiers) -> Option<Action> {
        action_for_key(&key(code, modifiers), &Mode::Search(Prompt::default()))
    }

    #[test]
    fn letters_arrows_and_digits_map_to_actions() {
        let none = KeyModifiers::NONE;
        assert_eq!(reading(KeyCode::Char('j'), none), Some(Action::Down));
        assert_eq!(reading(KeyCode::Up, none), Some(Action::Up));
        assert_eq!(
            reading(KeyCode::Char('G'), KeyModifiers::SHIFT),
            Some(Action::Last)
        );
        assert_eq!(reading(KeyCode::Char('7'), none), Some(Action::Jump(7)));
        assert_eq!(reading(KeyCode::Char('0'), none), Some(Action::Jump(0)));
        assert_eq!(
            reading(KeyCode::Char('f'), KeyModifiers::CONTROL),
            Some(Action::PageDown)
        );
        assert_eq!(
            reading(KeyCode::Char('b'), KeyModifiers::CONTROL),
            Some(Action::PageUp)
        );
        assert_eq!(
            reading(KeyCode::Char('c'), KeyModifiers::CONTROL),
            Some(Action::Quit)
        );
        assert_eq!(
            reading(KeyCode::Char('z'), KeyModifiers::CONTROL),
            Some(Action::Suspend)
        );
        // Control changes the meaning: Ctrl-J is not j.
        assert_eq!(reading(KeyCode::Char('j'), KeyModifiers::CONTROL), None);
    }

    #[test]
    fn n_is_the_next_match_and_brackets_the_questions() {
        let none = KeyModifiers::NONE;
        assert_eq!(reading(KeyCode::Char('/'), none), Some(Action::OpenSearch));
        assert_eq!(reading(KeyCode::Char('n'), none), Some(Action::NextMatch));
        assert_eq!(
            reading(KeyCode::Char('N'), KeyModifiers::SHIFT),
            Some(Action::PreviousMatch)
        );
        assert_eq!(
            reading(KeyCode::Char(']'), none),
            Some(Action::NextQuestion)
        );
        assert_eq!(
            reading(KeyCode::Char('['), none),
            Some(Action::PreviousQuestion)
        );
    }

    #[test]
    fn the_prompt_types_letters_and_edits_with_its_own_keys() {
        let none = KeyModifiers::NONE;
        let insert = |c| Some(Action::Prompt(PromptEdit::Insert(c)));
        assert_eq!(typing(KeyCode::Char('q'), none), insert('q'));
        assert_eq!(typing(KeyCode::Char('ا'), none), insert('ا'));
        assert_eq!(typing(KeyCode::Char('?'), KeyModifiers::SHIFT), insert('?'));
        assert_eq!(typing(KeyCode::Char('5'), none), insert('5'));
        assert_eq!(
            typing(KeyCode::Enter, none),
            Some(Action::Prompt(PromptEdit::Submit))
        );
        assert_eq!(
            typing(KeyCode::Esc, none),
            Some(Action::Prompt(PromptEdit::Cancel))
        );
        assert_eq!(
            typing(KeyCode::Char('c'), KeyModifiers::CONTROL),
            Some(Action::Prompt(PromptEdit::Cancel)),
            "Ctrl-C leaves the prompt, not the reader"
        );
        assert_eq!(
            typing(KeyCode::Backspace, none),
            Some(Action::Prompt(PromptEdit::DeleteBack))
        );
        assert_eq!(typing(KeyCode::Char('x'), KeyModifiers::ALT), None);
    }

    #[test]
    fn q_in_the_help_closes_the_help_and_ctrl_c_quits() {
        let in_help = |code, modifiers| action_for_key(&key(code, modifiers), &Mode::Help);
        assert_eq!(
            in_help(KeyCode::Char('q'), KeyModifiers::NONE),
            Some(Action::ToggleHelp)
        );
        assert_eq!(
            in_help(KeyCode::Char('c'), KeyModifiers::CONTROL),
            Some(Action::Quit)
        );
        assert_eq!(
            reading(KeyCode::Char('q'), KeyModifiers::NONE),
            Some(Action::Quit)
        );
    }

    #[test]
    fn releases_are_ignored() {
        let mut event = key(KeyCode::Char('q'), KeyModifiers::NONE);
        event.kind = KeyEventKind::Release;
        assert_eq!(action_for_key(&event, &Mode::Reading), None);
    }

    #[test]
    fn no_key_is_bound_twice() {
        for table in [BINDINGS, PROMPT_BINDINGS] {
            let keys: Vec<Key> = table.iter().flat_map(|b| b.keys.iter().copied()).collect();
            for (i, a) in keys.iter().enumerate() {
                assert!(!keys[i + 1..].contains(a), "{a:?} bound twice");
            }
        }
    }
}

//! The key table: one list that drives both the dispatch of key presses and the help
//! overlay, so the two can never disagree.

use crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

use crate::app::Action;

/// One key a binding answers to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Key {
    /// A key without Control or Alt (Shift allowed, so `G` and `?` match).
    Code(KeyCode),
    /// A letter with Control held.
    Ctrl(char),
    /// Any of the digits 1 to 9.
    Digit,
}

/// A row of the key table: the keys, what they do, and how the help overlay names them.
#[derive(Clone, Copy, Debug)]
pub struct Binding {
    pub keys: &'static [Key],
    pub action: Action,
    /// The keys as the help overlay shows them.
    pub label: &'static str,
    pub help: &'static str,
}

const fn ch(c: char) -> Key {
    Key::Code(KeyCode::Char(c))
}

/// Every key the reader answers to, in the order the help overlay lists them.
pub const BINDINGS: &[Binding] = &[
    Binding {
        keys: &[Key::Code(KeyCode::Up), ch('k')],
        action: Action::Up,
        label: "↑ k",
        help: "previous question / scroll up",
    },
    Binding {
        keys: &[Key::Code(KeyCode::Down), ch('j')],
        action: Action::Down,
        label: "↓ j",
        help: "next question / scroll down",
    },
    Binding {
        keys: &[Key::Code(KeyCode::Tab)],
        action: Action::FocusNext,
        label: "Tab",
        help: "switch pane",
    },
    Binding {
        keys: &[Key::Code(KeyCode::BackTab)],
        action: Action::FocusPrevious,
        label: "Shift-Tab",
        help: "switch pane back",
    },
    Binding {
        keys: &[Key::Code(KeyCode::Left)],
        action: Action::FocusLeft,
        label: "←",
        help: "focus the pane on the left",
    },
    Binding {
        keys: &[Key::Code(KeyCode::Right)],
        action: Action::FocusRight,
        label: "→",
        help: "focus the pane on the right",
    },
    Binding {
        keys: &[Key::Code(KeyCode::Enter)],
        action: Action::FocusAnswer,
        label: "Enter",
        help: "read the answer",
    },
    Binding {
        keys: &[Key::Code(KeyCode::PageUp), ch('b')],
        action: Action::PageUp,
        label: "PgUp b",
        help: "page the answer up",
    },
    Binding {
        keys: &[Key::Code(KeyCode::PageDown), ch(' ')],
        action: Action::PageDown,
        label: "PgDn Space",
        help: "page the answer down, then the next question",
    },
    Binding {
        keys: &[Key::Code(KeyCode::Home), ch('g')],
        action: Action::First,
        label: "Home g",
        help: "first question / top of the answer",
    },
    Binding {
        keys: &[Key::Code(KeyCode::End), ch('G')],
        action: Action::Last,
        label: "End G",
        help: "last question / end of the answer",
    },
    Binding {
        keys: &[ch(']'), ch('n')],
        action: Action::NextQuestion,
        label: "] n",
        help: "next question, from anywhere",
    },
    Binding {
        keys: &[ch('['), ch('p')],
        action: Action::PreviousQuestion,
        label: "[ p",
        help: "previous question, from anywhere",
    },
    Binding {
        keys: &[Key::Digit],
        action: Action::Jump(0),
        label: "1–9",
        help: "go to that question",
    },
    Binding {
        keys: &[ch('?')],
        action: Action::ToggleHelp,
        label: "?",
        help: "show or hide these keys",
    },
    Binding {
        keys: &[Key::Ctrl('z')],
        action: Action::Suspend,
        label: "Ctrl-Z",
        help: "suspend to the shell (fg resumes)",
    },
    Binding {
        keys: &[Key::Code(KeyCode::Esc)],
        action: Action::Escape,
        label: "Esc",
        help: "close this help, else quit",
    },
    Binding {
        keys: &[ch('q'), Key::Ctrl('c')],
        action: Action::Quit,
        label: "q Ctrl-C",
        help: "quit",
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
            (Key::Digit, KeyCode::Char(got @ '1'..='9')) if !ctrl && !alt => Some(got as u8 - b'0'),
            (Key::Code(code), got) if !ctrl && !alt => (code == got).then_some(0),
            _ => None,
        }
    }
}

/// The action bound to a key press, if any.
pub fn action_for_key(event: &KeyEvent) -> Option<Action> {
    if event.kind == KeyEventKind::Release {
        return None;
    }
    BINDINGS.iter().find_map(|binding| {
        binding.keys.iter().find_map(|key| {
            key.matches(event).map(|digit| match binding.action {
                Action::Jump(_) => Action::Jump(digit as usize),
                action => action,
            })
        })
    })
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

/// The action for any terminal event; a resize needs none (the next draw adapts).
pub fn action_for_event(event: &Event) -> Option<Action> {
    match event {
        Event::Key(key) => action_for_key(key),
        Event::Mouse(mouse) => action_for_mouse(mouse),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    #[test]
    fn letters_arrows_and_digits_map_to_actions() {
        let none = KeyModifiers::NONE;
        assert_eq!(
            action_for_key(&key(KeyCode::Char('j'), none)),
            Some(Action::Down)
        );
        assert_eq!(action_for_key(&key(KeyCode::Up, none)), Some(Action::Up));
        assert_eq!(
            action_for_key(&key(KeyCode::Char('G'), KeyModifiers::SHIFT)),
            Some(Action::Last)
        );
        assert_eq!(
            action_for_key(&key(KeyCode::Char('7'), none)),
            Some(Action::Jump(7))
        );
        assert_eq!(action_for_key(&key(KeyCode::Char('0'), none)), None);
        assert_eq!(
            action_for_key(&key(KeyCode::Char('c'), KeyModifiers::CONTROL)),
            Some(Action::Quit)
        );
        assert_eq!(
            action_for_key(&key(KeyCode::Char('z'), KeyModifiers::CONTROL)),
            Some(Action::Suspend)
        );
        // Control changes the meaning: Ctrl-J is not j.
        assert_eq!(
            action_for_key(&key(KeyCode::Char('j'), KeyModifiers::CONTROL)),
            None
        );
    }

    #[test]
    fn releases_are_ignored() {
        let mut event = key(KeyCode::Char('q'), KeyModifiers::NONE);
        event.kind = KeyEventKind::Release;
        assert_eq!(action_for_key(&event), None);
    }

    #[test]
    fn no_key_is_bound_twice() {
        let keys: Vec<Key> = BINDINGS
            .iter()
            .flat_map(|b| b.keys.iter().copied())
            .collect();
        for (i, a) in keys.iter().enumerate() {
            assert!(!keys[i + 1..].contains(a), "{a:?} bound twice");
        }
    }
}

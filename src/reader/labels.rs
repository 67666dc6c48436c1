//! The interface's own words, in the document's language where we have them. Every
//! one of them is laid out by the layout engine like the document's text.

/// Something the status bar tells the reader once, until the next key: the general
/// mechanism for messages (search results, hints, what the reader did on its own).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Notice {
    /// A search found nothing.
    NoMatch,
    /// `n` went past the last match and on to the first.
    WrappedToFirst,
    /// `N` went before the first match and on to the last.
    WrappedToLast,
    /// `n` or `N` before any search.
    NoSearch,
    /// The terminal is kitty, which mirrors right-to-left words unless kitty.conf
    /// says `force_ltr yes`: shown once, when the reader opens.
    KittyForceLtr,
    /// tmux stands between the reader and a terminal that a setting would put right
    /// (Konsole, mlterm), and does not let it through: shown once, when the reader
    /// opens.
    TmuxPassthrough,
}

/// Strings of the interface.
#[derive(Clone, Copy, Debug)]
pub struct Labels {
    pub questions: &'static str,
    pub answer: &'static str,
    pub intro: &'static str,
    pub too_small: &'static str,
    /// The key hints of the status bar.
    pub hints: &'static str,
    /// The key hints beside the search prompt.
    pub prompt_hints: &'static str,
    /// [`Notice::KittyForceLtr`].
    pub kitty_hint: &'static str,
    /// [`Notice::TmuxPassthrough`].
    pub tmux_hint: &'static str,
}

/// The search prompt's sign, at the reading-start end of the status bar.
pub const PROMPT: &str = "/";

impl Labels {
    pub fn for_language(language: &str) -> Self {
        let english = Labels {
            questions: "Questions",
            answer: "Answer",
            intro: "Introduction",
            too_small: "Window too small",
            hints: "↑↓ move  Tab pane  / search  ? keys  q quit",
            prompt_hints: "Enter search  Esc cancel",
            kitty_hint: "kitty mirrors right-to-left words: add force_ltr yes to kitty.conf",
            tmux_hint: "for this terminal's text add set -g allow-passthrough on to tmux.conf",
        };
        if language == "ar" || language.starts_with("ar-") || language.starts_with("ar_") {
            Labels {
                questions: "الأسئلة",
                answer: "الإجابة",
                intro: "مقدمة",
                too_small: "النافذة صغيرة جدًا",
                kitty_hint: "لعرض العربية صحيحة في كيتي أضف force_ltr yes إلى ملف kitty.conf",
                tmux_hint: "لعرض العربية صحيحة عبر tmux أضف set -g allow-passthrough on إلى tmux.conf",
                ..english
            }
        } else {
            english
        }
    }

    /// A notice's words; `query` is the search's, for the notices that name it.
    pub fn notice(&self, notice: Notice, query: &str) -> String {
        match notice {
            Notice::NoMatch => format!("no match: {query}"),
            Notice::WrappedToFirst => "passed the last match: back to the first".into(),
            Notice::WrappedToLast => "passed the first match: on to the last".into(),
            Notice::NoSearch => "no search yet: / searches".into(),
            Notice::KittyForceLtr => self.kitty_hint.into(),
            Notice::TmuxPassthrough => self.tmux_hint.into(),
        }
    }
}

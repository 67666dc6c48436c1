//! The settings' types: the choices a reader makes (theme, interface language, how
//! to keep the terminal from reordering, widths) and the [`Look`] they give the
//! reader. They sit below everything that uses them — the config file
//! ([`crate::config`]), resume, print, the terminal and the reader — and import
//! nothing of the crate, so none of those has to import another to name a setting.
//!
//! Each choice has its names as the command line and the config file spell them
//! (`name`, and `ALL` in the order the help lists them); serde reads the same names.

use serde::Deserialize;

/// The widest print layout accepted (`--width`): beyond it a line is mostly padding.
pub const MAX_WIDTH: usize = 10_000;

/// The widest answer width accepted (`--answer-width`, `answer-width`).
pub const MAX_ANSWER_WIDTH: u16 = 1000;

/// The answer's text is capped to this many columns unless a setting says otherwise.
pub const DEFAULT_ANSWER_WIDTH: u16 = 80;

/// The themes by name (`--theme`, the `theme` setting).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ThemeName {
    /// The terminal's own 16 colours.
    #[default]
    Default,
    /// Dark text on a light background.
    Light,
    /// Light text on a dark background.
    Dark,
    /// No colour: bold, reverse and underline only.
    Mono,
}

impl ThemeName {
    pub const ALL: [ThemeName; 4] = [
        ThemeName::Default,
        ThemeName::Light,
        ThemeName::Dark,
        ThemeName::Mono,
    ];

    pub fn name(self) -> &'static str {
        match self {
            ThemeName::Default => "default",
            ThemeName::Light => "light",
            ThemeName::Dark => "dark",
            ThemeName::Mono => "mono",
        }
    }
}

/// A language the interface speaks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Language {
    #[default]
    En,
    Ar,
    He,
    Fa,
}

impl Language {
    /// The interface for a document in `tag`: its language's catalog when there is
    /// one (the primary subtag decides: `ar-EG` is Arabic; `iw` is Hebrew's old
    /// code), English for any other.
    pub fn for_document(tag: &str) -> Language {
        let primary = tag
            .split(['-', '_'])
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        match primary.as_str() {
            "ar" => Language::Ar,
            "he" | "iw" => Language::He,
            "fa" => Language::Fa,
            _ => Language::En,
        }
    }

    pub fn is_rtl(self) -> bool {
        self != Language::En
    }
}

/// `--lang` and the `lang` setting: a language, or the document's (`auto`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LangChoice {
    /// The document's language when the interface has it, else English.
    #[default]
    Auto,
    /// Arabic.
    Ar,
    /// Hebrew.
    He,
    /// Persian.
    Fa,
    /// English.
    En,
}

impl LangChoice {
    pub const ALL: [LangChoice; 5] = [
        LangChoice::Auto,
        LangChoice::Ar,
        LangChoice::He,
        LangChoice::Fa,
        LangChoice::En,
    ];

    pub fn name(self) -> &'static str {
        match self {
            LangChoice::Auto => "auto",
            LangChoice::Ar => "ar",
            LangChoice::He => "he",
            LangChoice::Fa => "fa",
            LangChoice::En => "en",
        }
    }

    /// The interface's language for a document tagged `document` (BCP 47).
    pub fn resolve(self, document: &str) -> Language {
        match self {
            LangChoice::Auto => Language::for_document(document),
            LangChoice::Ar => Language::Ar,
            LangChoice::He => Language::He,
            LangChoice::Fa => Language::Fa,
            LangChoice::En => Language::En,
        }
    }
}

/// The `--terminal-bidi` choices: how to keep the terminal from reordering again
/// (also the config file's `terminal-bidi`, spelt the same). What each does is the
/// terminal module's (`BidiPlan`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum BidiOption {
    /// Found from the terminal hiwar runs in.
    #[default]
    Auto,
    /// `CSI 8 l` only (VTE; ignored by terminals without bidi).
    Explicit,
    /// Konsole's profile setting (`OSC 50`).
    Konsole,
    /// mlterm's setting (`OSC 5379`).
    Mlterm,
    /// An LRO after every cell.
    LroCells,
    /// LRM+LRO in the first cell of every row.
    LroRows,
    /// Nothing at all.
    Off,
}

impl BidiOption {
    pub const ALL: [BidiOption; 7] = [
        BidiOption::Auto,
        BidiOption::Explicit,
        BidiOption::Konsole,
        BidiOption::Mlterm,
        BidiOption::LroCells,
        BidiOption::LroRows,
        BidiOption::Off,
    ];

    pub fn name(self) -> &'static str {
        match self {
            BidiOption::Auto => "auto",
            BidiOption::Explicit => "explicit",
            BidiOption::Konsole => "konsole",
            BidiOption::Mlterm => "mlterm",
            BidiOption::LroCells => "lro-cells",
            BidiOption::LroRows => "lro-rows",
            BidiOption::Off => "off",
        }
    }
}

/// How the reader looks, beside what it shows: chosen once, when it opens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Look {
    pub theme: ThemeName,
    /// The interface's language.
    pub language: Language,
    /// The widest the answer's text is drawn, in columns; 0: the pane's width.
    pub answer_width: u16,
}

impl Look {
    /// The default look for a document in `language` (a BCP 47 tag).
    pub fn for_document(language: &str) -> Self {
        Look {
            theme: ThemeName::Default,
            language: Language::for_document(language),
            answer_width: DEFAULT_ANSWER_WIDTH,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The names serde reads are the names `name` gives (the command line's).
    #[test]
    fn each_name_reads_back() {
        #[derive(Deserialize)]
        struct One<T> {
            value: T,
        }
        fn back<T: for<'de> Deserialize<'de>>(name: &str) -> T {
            let one: One<T> = toml::from_str(&format!("value = \"{name}\"")).expect(name);
            one.value
        }
        for theme in ThemeName::ALL {
            assert_eq!(back::<ThemeName>(theme.name()), theme);
        }
        for lang in LangChoice::ALL {
            assert_eq!(back::<LangChoice>(lang.name()), lang);
        }
        for option in BidiOption::ALL {
            assert_eq!(back::<BidiOption>(option.name()), option);
        }
    }
}

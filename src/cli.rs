//! The command line: clap's definitions, the library's choices as values of its
//! options, and the mode the options ask for. It is the binary's own: the library
//! knows nothing of clap.

use std::path::PathBuf;

use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use clap::{Parser, ValueEnum};

use hiwar::config::Overrides;
use hiwar::document::input::Format;
use hiwar::error::{Error, Result};
use hiwar::layout::{BaseDirection, LayoutOptions};
use hiwar::settings::{BidiOption, LangChoice, MAX_ANSWER_WIDTH, MAX_WIDTH, ThemeName};

/// hiwar (حوار): read right-to-left interviews in a terminal.
#[derive(Debug, Parser)]
#[command(name = "hiwar", version, about, max_term_width = 100)]
pub struct Cli {
    /// The interview to open: plain text (one paragraph a line), Markdown or JSON;
    /// `-` reads standard input. Without it, standard input when it is a pipe or a
    /// file, else the built-in interview.
    pub file: Option<PathBuf>,

    /// How FILE is written. Default: by its name (.json; .md, .markdown; .html,
    /// .htm, .xhtml; .epub; .txt), else by its content.
    #[arg(long, value_name = "FORMAT", value_parser = choice::<Format>())]
    pub format: Option<Format>,

    /// Print the laid-out text (visual order, shaped: for a terminal or printer
    /// without bidi) instead of opening the reader. When stdout is not a terminal
    /// and no mode is asked, hiwar writes the document's text in logical order.
    #[arg(long)]
    pub print: bool,

    /// With --print: lay out the file as plain paragraphs, one a line, with no
    /// interview structure.
    #[arg(long)]
    pub plain: bool,

    /// Columns to print to, 0–10000 (0: no wrapping and no padding). Default:
    /// the terminal's width, else 80. In the reader: the answer's width, as
    /// --answer-width.
    // Negative numbers are taken as values, so `--width -1` gets the width's
    // message, not clap's hint that `-1` could be the FILE.
    #[arg(long, value_name = "N", value_parser = parse_width, allow_negative_numbers = true)]
    pub width: Option<usize>,

    /// Paragraph direction. Default: the document's.
    #[arg(long, value_name = "DIR", value_parser = choice::<BaseDirection>())]
    pub direction: Option<BaseDirection>,

    /// Arabic shaping (joining forms and lam-alef ligatures). Default: on.
    // An Option, so that an explicit --shaping where it does not apply is caught.
    #[arg(long, value_enum, value_name = "on|off")]
    pub shaping: Option<Switch>,

    /// Write the interview in another format instead of showing it.
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub export: Option<ExportFormat>,

    /// The label of the interviewer in a plain-text interview (default: the first
    /// label met).
    #[arg(long, value_name = "LABEL")]
    pub interviewer: Option<String>,

    /// How to keep a bidi-aware terminal from reordering hiwar's text again
    /// (default: found from the terminal; see docs/terminals.md).
    #[arg(long, value_name = "HOW", value_parser = choice::<BidiOption>())]
    pub terminal_bidi: Option<BidiOption>,

    /// The reader's colours: default (the terminal's 16), light, dark, or mono (no
    /// colour; also when NO_COLOR is set or TERM=dumb).
    #[arg(long, value_name = "THEME", value_parser = choice::<ThemeName>())]
    pub theme: Option<ThemeName>,

    /// The language of the reader's interface (default: the document's, if hiwar
    /// speaks it, else English).
    #[arg(long, value_name = "LANG", value_parser = choice::<LangChoice>())]
    pub lang: Option<LangChoice>,

    /// Open at the top, and do not remember where the reader was left.
    #[arg(long)]
    pub no_resume: bool,

    /// The widest the reader draws the answer's text, 0–1000 columns (0: the
    /// pane's width). Default: 80.
    #[arg(long, value_name = "N", value_parser = parse_answer_width, allow_negative_numbers = true)]
    pub answer_width: Option<u16>,

    /// Read the settings from this file (default: $HIWAR_CONFIG, else
    /// $XDG_CONFIG_HOME/hiwar/config.toml).
    #[arg(long, value_name = "PATH")]
    pub config: Option<PathBuf>,

    /// Show the settings in effect, as a config file, and where each came from.
    #[arg(long)]
    pub print_config: bool,

    /// Write the man page or a shell's completion script to stdout.
    #[arg(long, value_enum, value_name = "WHAT")]
    pub generate: Option<Generate>,
}

fn parse_answer_width(s: &str) -> std::result::Result<u16, String> {
    s.parse()
        .ok()
        .filter(|&width| width <= MAX_ANSWER_WIDTH)
        .ok_or_else(|| format!("the answer width must be 0–{MAX_ANSWER_WIDTH} columns (0: no cap)"))
}

fn parse_width(s: &str) -> std::result::Result<usize, String> {
    s.parse()
        .ok()
        .filter(|&width| width <= MAX_WIDTH)
        .ok_or_else(|| format!("the width must be 0–{MAX_WIDTH} columns (0: no wrapping)"))
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Switch {
    On,
    Off,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Json,
}

/// What hiwar does with the document. Each option applies to some modes only.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// The interactive reader (no mode asked, stdout a terminal).
    Reader,
    /// No mode asked and stdout not a terminal (a pipe, a file): the document's
    /// text in logical order, for grep, editors and files.
    Text,
    /// --print: the interview laid out to stdout.
    Print,
    /// --print --plain: each input line laid out as a paragraph.
    PlainPrint,
    /// --export FORMAT: the model itself, no layout.
    Export(ExportFormat),
    /// --print-config: the settings in effect, no document.
    PrintConfig,
    /// --generate WHAT: the man page or a completion script, no document.
    Generate(Generate),
}

/// What `--generate` writes (ripgrep's names).
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Generate {
    /// The man page (roff), for `man -l` or a man directory.
    Man,
    /// bash's completion script.
    CompleteBash,
    /// zsh's completion script.
    CompleteZsh,
    /// fish's completion script.
    CompleteFish,
}

impl Cli {
    /// Layout options from the flags; `document` is the direction to use when
    /// --direction is not given.
    pub fn layout_options(&self, document: BaseDirection) -> LayoutOptions {
        LayoutOptions {
            direction: self.direction.unwrap_or(document),
            shaping: self.shaping != Some(Switch::Off),
        }
    }

    /// The mode the flags ask for, print when stdout is not a terminal; or a
    /// usage error naming the options that do not apply to it, and why.
    pub fn mode(&self, stdout_is_terminal: bool) -> Result<Mode> {
        if let Some(what) = self.generate {
            let other = [
                (self.print, "--print"),
                (self.plain, "--plain"),
                (self.export.is_some(), "--export"),
                (self.print_config, "--print-config"),
                (self.file.is_some(), "a FILE"),
            ];
            if let Some((_, name)) = other.iter().find(|(given, _)| *given) {
                return Err(Error::Usage(format!(
                    "--generate writes hiwar's own man page or completions and reads no document: give it without {name}"
                )));
            }
            return Ok(Mode::Generate(what));
        }
        if self.print_config {
            let other = [
                (self.print, "--print"),
                (self.plain, "--plain"),
                (self.export.is_some(), "--export"),
                (self.file.is_some(), "a FILE"),
            ];
            if let Some((_, name)) = other.iter().find(|(given, _)| *given) {
                return Err(Error::Usage(format!(
                    "--print-config shows the settings and reads no document: give it without {name}"
                )));
            }
        }
        let mode = match (self.export, self.print, self.plain) {
            _ if self.print_config => Mode::PrintConfig,
            (Some(format), true, _) => {
                return Err(Error::Usage(format!(
                    "--print and --export {} both choose what to write; give one",
                    format.name()
                )));
            }
            (Some(format), false, true) => {
                return Err(Error::Usage(format!(
                    "--plain does not apply to --export {}: it is a way of printing (--print --plain)",
                    format.name()
                )));
            }
            (None, false, true) => {
                return Err(Error::Usage(
                    "--plain applies to --print: --print --plain prints each line as a paragraph"
                        .into(),
                ));
            }
            (Some(format), false, false) => Mode::Export(format),
            (None, true, true) => Mode::PlainPrint,
            (None, true, false) => Mode::Print,
            // No mode asked: the options given are the user's usual ones (an alias
            // or a config), and those that do not apply are let be.
            (None, false, false) if !stdout_is_terminal => return Ok(Mode::Text),
            (None, false, false) => Mode::Reader,
        };
        // Per mode, the options given that do not apply to it, and why.
        let given = |present: bool, name: &'static str| present.then_some(name);
        // The reader's own options, refused by the modes that show no reader.
        let reader_options = [
            given(self.theme.is_some(), "--theme"),
            given(self.lang.is_some(), "--lang"),
            given(self.no_resume, "--no-resume"),
            given(self.answer_width.is_some(), "--answer-width"),
        ];
        let (options, why) = match mode {
            Mode::Export(_) => (
                [
                    given(self.width.is_some(), "--width"),
                    given(self.direction.is_some(), "--direction"),
                    given(self.shaping.is_some(), "--shaping"),
                    given(self.terminal_bidi.is_some(), "--terminal-bidi"),
                ]
                .into_iter()
                .chain(reader_options)
                .collect(),
                "it writes the interview itself, not a layout of it",
            ),
            Mode::PlainPrint if self.interviewer.is_some() || self.format == Some(Format::Json) => {
                (
                    vec![
                        given(self.interviewer.is_some(), "--interviewer"),
                        given(self.format == Some(Format::Json), "--format json"),
                    ],
                    "it reads lines, not speakers",
                )
            }
            Mode::PlainPrint | Mode::Print => (
                reader_options.to_vec(),
                "they set the reader, and printing shows text without its interface",
            ),
            Mode::Reader | Mode::Text | Mode::Generate(_) => (vec![], ""),
            Mode::PrintConfig => (
                vec![
                    given(self.width.is_some(), "--width"),
                    given(self.direction.is_some(), "--direction"),
                    given(self.interviewer.is_some(), "--interviewer"),
                ],
                "they are not settings",
            ),
        };
        let options: Vec<&str> = options.into_iter().flatten().collect();
        let Some((last, first)) = options.split_last() else {
            return Ok(mode);
        };
        let named = match first {
            [] => format!("{last} does"),
            _ => format!("{} and {last} do", first.join(", ")),
        };
        let mode_name = match mode {
            Mode::Export(format) => format!("--export {}", format.name()),
            Mode::PlainPrint => "--print --plain".to_string(),
            Mode::Reader | Mode::Text | Mode::Generate(_) => "the reader".to_string(),
            Mode::Print => "--print".to_string(),
            Mode::PrintConfig => "--print-config".to_string(),
        };
        Err(Error::Usage(format!(
            "{named} not apply to {mode_name}: {why}"
        )))
    }
}

impl ExportFormat {
    /// The name on the command line.
    pub fn name(self) -> &'static str {
        match self {
            ExportFormat::Json => "json",
        }
    }
}

impl Cli {
    /// What the command line says of the settings.
    pub fn overrides(&self) -> Overrides {
        Overrides {
            config: self.config.clone(),
            theme: self.theme,
            no_resume: self.no_resume,
            terminal_bidi: self.terminal_bidi,
            lang: self.lang,
            // In the reader, --width is the answer's width (print lays out at it).
            answer_width: self.answer_width.or_else(|| {
                self.width
                    .map(|width| width.min(usize::from(MAX_ANSWER_WIDTH)) as u16)
            }),
            shaping: self.shaping.map(|s| s == Switch::On),
        }
    }
}

/// A library type whose values an option takes by name: the names are the
/// library's own (the config file reads the same ones), the help lines the command
/// line's.
pub trait Choice: Copy + PartialEq + Send + Sync + 'static {
    /// Every value, in the order the help lists them.
    const ALL: &'static [Self];
    /// The name the command line takes.
    fn name(self) -> &'static str;
    /// A line of help for the value, in `--help` and the man page.
    fn help(self) -> Option<&'static str> {
        None
    }
}

/// The value parser of an option that takes a [`Choice`]: clap's own checks and
/// messages (`[possible values: …]`, "a similar value exists"), then the value.
pub fn choice<T: Choice>() -> impl TypedValueParser<Value = T> {
    let values = T::ALL.iter().map(|&value| {
        let possible = PossibleValue::new(value.name());
        match value.help() {
            Some(help) => possible.help(help),
            None => possible,
        }
    });
    PossibleValuesParser::new(values).try_map(|name| {
        T::ALL
            .iter()
            .copied()
            .find(|value| value.name() == name)
            .ok_or("not one of the possible values")
    })
}

impl Choice for BaseDirection {
    const ALL: &'static [Self] = &[BaseDirection::Auto, BaseDirection::Rtl, BaseDirection::Ltr];

    fn name(self) -> &'static str {
        match self {
            BaseDirection::Auto => "auto",
            BaseDirection::Rtl => "rtl",
            BaseDirection::Ltr => "ltr",
        }
    }
}

impl Choice for Format {
    const ALL: &'static [Self] = &[
        Format::Text,
        Format::Json,
        Format::Markdown,
        Format::Html,
        Format::Epub,
    ];

    fn name(self) -> &'static str {
        Format::name(self)
    }
}

impl Choice for ThemeName {
    const ALL: &'static [Self] = &ThemeName::ALL;

    fn name(self) -> &'static str {
        ThemeName::name(self)
    }

    fn help(self) -> Option<&'static str> {
        Some(match self {
            ThemeName::Default => "The terminal's own 16 colours",
            ThemeName::Light => "Dark text on a light background",
            ThemeName::Dark => "Light text on a dark background",
            ThemeName::Mono => "No colour: bold, reverse and underline only",
        })
    }
}

impl Choice for LangChoice {
    const ALL: &'static [Self] = &LangChoice::ALL;

    fn name(self) -> &'static str {
        LangChoice::name(self)
    }

    fn help(self) -> Option<&'static str> {
        Some(match self {
            LangChoice::Auto => "The document's language when the interface has it, else English",
            LangChoice::Ar => "Arabic",
            LangChoice::He => "Hebrew",
            LangChoice::Fa => "Persian",
            LangChoice::En => "English",
        })
    }
}

impl Choice for BidiOption {
    const ALL: &'static [Self] = &BidiOption::ALL;

    fn name(self) -> &'static str {
        BidiOption::name(self)
    }

    fn help(self) -> Option<&'static str> {
        Some(match self {
            BidiOption::Auto => "Found from the terminal hiwar runs in",
            BidiOption::Explicit => "`CSI 8 l` only (VTE; ignored by terminals without bidi)",
            BidiOption::Konsole => "Konsole's profile setting (`OSC 50`)",
            BidiOption::Mlterm => "mlterm's setting (`OSC 5379`)",
            BidiOption::LroCells => "An LRO after every cell",
            BidiOption::LroRows => "LRM+LRO in the first cell of every row",
            BidiOption::Off => "Nothing at all",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each value of a choice parses back from its name, and names are unique.
    fn round_trip<T: Choice + std::fmt::Debug>() {
        let parser = choice::<T>();
        let command = clap::Command::new("t");
        let names: std::collections::HashSet<_> = T::ALL.iter().map(|v| v.name()).collect();
        assert_eq!(names.len(), T::ALL.len());
        for &value in T::ALL {
            let parsed = parser
                .parse_ref(&command, None, std::ffi::OsStr::new(value.name()))
                .unwrap_or_else(|e| panic!("{}: {e}", value.name()));
            assert_eq!(parsed, value);
        }
        assert!(
            parser
                .parse_ref(&command, None, std::ffi::OsStr::new("nonsense"))
                .is_err()
        );
    }

    #[test]
    fn every_choice_parses_back_from_its_name() {
        round_trip::<BaseDirection>();
        round_trip::<Format>();
        round_trip::<ThemeName>();
        round_trip::<LangChoice>();
        round_trip::<BidiOption>();
    }

    #[test]
    fn the_definitions_hold_together() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }
}

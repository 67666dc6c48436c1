//! Command-line definitions (clap) and the dispatch from them to the library.

use std::io::{self, BufWriter, IsTerminal, StdoutLock, Write};
use std::path::PathBuf;

use clap::{Parser, ValueEnum};

use crate::config::{self, MAX_ANSWER_WIDTH, Overrides, Settings};
use crate::document::Interview;
use crate::document::input::{Format, Source};
use crate::error::{Error, Result};
use crate::layout::{BaseDirection, LayoutOptions};
use crate::print;
use crate::reader::labels::LangChoice;
use crate::reader::ui::theme::ThemeName;
use crate::reader::{Loaded, Look, Session};
use crate::resume::{self, Store};
use crate::terminal::{self, BidiOption, BidiPlan, PrintWriter, print_hint};

/// The widest layout accepted: beyond it a line is mostly padding.
pub const MAX_WIDTH: usize = 10_000;

/// hiwar (حوار): read right-to-left interviews in a terminal.
#[derive(Debug, Parser)]
#[command(name = "hiwar", version, about, max_term_width = 100)]
pub struct Cli {
    /// The interview to open: plain text (one paragraph a line), Markdown or JSON;
    /// `-` reads standard input. Without it, the built-in interview.
    pub file: Option<PathBuf>,

    /// How FILE is written. Default: by its name (.json; .md, .markdown; .html,
    /// .htm, .xhtml; .epub; .txt), else by its content.
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: Option<InputFormat>,

    /// Print the laid-out text instead of opening the reader (the default when
    /// stdout is not a terminal).
    #[arg(long)]
    pub print: bool,

    /// With --print: lay out the file as plain paragraphs, one a line, with no
    /// interview structure.
    #[arg(long)]
    pub plain: bool,

    /// Columns to print to, 0–10000 (0: no wrapping and no padding). Default:
    /// the terminal's width, else 80.
    // Negative numbers are taken as values, so `--width -1` gets the width's
    // message, not clap's hint that `-1` could be the FILE.
    #[arg(long, value_name = "N", value_parser = parse_width, allow_negative_numbers = true)]
    pub width: Option<usize>,

    /// Paragraph direction. Default: the document's.
    #[arg(long, value_enum, value_name = "DIR")]
    pub direction: Option<DirectionArg>,

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
    #[arg(long, value_enum, value_name = "HOW")]
    pub terminal_bidi: Option<BidiOption>,

    /// The reader's colours: default (the terminal's 16), light, dark, or mono (no
    /// colour; also when NO_COLOR is set or TERM=dumb).
    #[arg(long, value_enum, value_name = "THEME")]
    pub theme: Option<ThemeName>,

    /// The language of the reader's interface (default: the document's, if hiwar
    /// speaks it, else English).
    #[arg(long, value_enum, value_name = "LANG")]
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
pub enum DirectionArg {
    Auto,
    Rtl,
    Ltr,
}

impl From<DirectionArg> for BaseDirection {
    fn from(d: DirectionArg) -> Self {
        match d {
            DirectionArg::Auto => BaseDirection::Auto,
            DirectionArg::Rtl => BaseDirection::Rtl,
            DirectionArg::Ltr => BaseDirection::Ltr,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Switch {
    On,
    Off,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum InputFormat {
    Text,
    Json,
    Markdown,
    Html,
    Epub,
}

impl From<InputFormat> for Format {
    fn from(f: InputFormat) -> Self {
        match f {
            InputFormat::Text => Format::Text,
            InputFormat::Json => Format::Json,
            InputFormat::Markdown => Format::Markdown,
            InputFormat::Html => Format::Html,
            InputFormat::Epub => Format::Epub,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Json,
}

/// What hiwar does with the document. Each option applies to some modes only.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// The interactive reader (no --print or --export, stdout a terminal).
    Reader,
    /// The interview laid out to stdout: --print, or stdout not a terminal.
    Print,
    /// --print --plain: each input line laid out as a paragraph.
    PlainPrint,
    /// --export FORMAT: the model itself, no layout.
    Export(ExportFormat),
    /// --print-config: the settings in effect, no document.
    PrintConfig,
}

impl Cli {
    /// Layout options from the flags; `document` is the direction to use when
    /// --direction is not given.
    pub fn layout_options(&self, document: BaseDirection) -> LayoutOptions {
        LayoutOptions {
            direction: self.direction.map_or(document, Into::into),
            shaping: self.shaping != Some(Switch::Off),
        }
    }

    /// The mode the flags ask for, print when stdout is not a terminal; or a
    /// usage error naming the options that do not apply to it, and why.
    pub fn mode(&self, stdout_is_terminal: bool) -> Result<Mode> {
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
            (None, false, false) if !stdout_is_terminal => Mode::Print,
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
            Mode::PlainPrint
                if self.interviewer.is_some() || self.format == Some(InputFormat::Json) =>
            {
                (
                    vec![
                        given(self.interviewer.is_some(), "--interviewer"),
                        given(self.format == Some(InputFormat::Json), "--format json"),
                    ],
                    "it reads lines, not speakers",
                )
            }
            Mode::PlainPrint | Mode::Print => (
                reader_options.to_vec(),
                "they set the reader, and printing shows text without its interface",
            ),
            Mode::Reader => (
                vec![given(self.width.is_some(), "--width")],
                "it fills the terminal (--print --width N prints at a width)",
            ),
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
            Mode::Reader => "the reader".to_string(),
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

/// Runs what the command line asks for: plain print, export, print, or the reader
/// (print when stdout is not a terminal).
///
/// Options are checked against the mode before any input is read. A document
/// with no paragraphs is an empty document: plain print and export write its
/// empty form, the reader and print refuse it (there is nothing to read).
pub fn run(mut cli: Cli) -> Result<()> {
    let source = Source::from_arg(cli.file.as_deref());
    let stdout_is_terminal = io::stdout().is_terminal();
    let mode = cli.mode(stdout_is_terminal)?;
    let settings = Settings::resolve(
        &cli.overrides(),
        |name| std::env::var(name).ok(),
        config::usual_config_path(),
    )?;
    if mode == Mode::PrintConfig {
        return write_stdout(|out| out.write_all(settings.to_toml().as_bytes()));
    }
    // The settings file's shaping, unless the command line said.
    if cli.shaping.is_none() && !settings.shaping.value {
        cli.shaping = Some(Switch::Off);
    }
    let cli = cli;
    let columns = terminal_width(stdout_is_terminal);
    let width = || cli.width.unwrap_or(columns);

    // The terminal is looked at only when it will show laid-out text.
    let bidi = settings.terminal_bidi.value;
    let terminal = || terminal::detect(|name| std::env::var(name).ok(), terminal::ask_tmux);
    let print_plan = || {
        if stdout_is_terminal {
            BidiPlan::print(bidi, &terminal())
        } else {
            BidiPlan::default()
        }
    };

    let format = cli.format.map(Format::from);
    if mode == Mode::PlainPrint {
        let options = cli.layout_options(BaseDirection::Auto);
        let plan = print_plan();
        let width = plan.print_width(width(), columns);
        let markdown = source.format_by_name(format) == Format::Markdown;
        if format.is_some() && source == Source::Builtin {
            // --format without FILE: load says why that is refused.
            source.load(None, format)?;
        }
        let mut out = PrintWriter::new(
            BufWriter::with_capacity(64 * 1024, io::stdout().lock()),
            plan,
        );
        let web = matches!(source.format_by_name(format), Format::Html | Format::Epub);
        let printed = if web {
            // A page or a book has no text as it is to print: its paragraphs.
            source.load(None, format).and_then(|interview| {
                print::styled::print_paragraphs_plain(
                    &mut out,
                    interview.paragraphs(),
                    width,
                    &options,
                )
                .map_err(Error::Output)
            })
        } else if markdown {
            source.read_text().and_then(|text| {
                print::styled::print_markdown_plain(&mut out, &text, width, &options)
                    .map_err(Error::Output)
            })
        } else {
            print::print_plain_source(&mut out, &source, width, &options)
        };
        let finished = out.finish().map_err(Error::Output);
        printed.and(finished)?;
        print_hint(plan);
        return Ok(());
    }

    // The reader opens a large plain-text file on its beginning, at once, and takes
    // the whole when it has loaded (the question count fills in then).
    let opening = match mode {
        Mode::Reader => source.open_large(cli.interviewer.as_deref(), format)?,
        _ => None,
    };
    let large = opening.is_some();
    let interview = match opening {
        Some(opening) => opening,
        None => source.load(cli.interviewer.as_deref(), format)?,
    };
    if let Mode::Export(ExportFormat::Json) = mode {
        return write_stdout(|out| out.write_all(interview.to_json().as_bytes()));
    }
    if interview.is_empty() {
        return Err(Error::input(source.name(), EMPTY_DOCUMENT));
    }
    let options = cli.layout_options(interview.direction.into());
    if mode == Mode::Print {
        let plan = print_plan();
        // Emphasis is drawn with SGR styles, for a terminal only: a pipe gets the
        // same bytes as ever.
        let styled = stdout_is_terminal && interview.has_inline_markup();
        write_stdout(|out| {
            let mut out = PrintWriter::new(out, plan);
            let width = plan.print_width(width(), columns);
            if styled {
                print::styled::print_interview_styled(&mut out, &interview, width, &options)?;
            } else {
                print::print_interview(&mut out, &interview, width, &options)?;
            }
            out.finish()
        })?;
        print_hint(plan);
        return Ok(());
    }
    let plan = BidiPlan::reader(bidi, &terminal());
    let look = Look {
        theme: settings.theme.value,
        language: settings.lang.value.resolve(&interview.language),
        answer_width: settings.answer_width.value,
    };
    // Standard input is never remembered: it has no name to find it by again.
    let store = match &source {
        Source::Builtin | Source::File(_) if settings.resume.value => Store::locate(),
        _ => None,
    };
    let remembered = store.is_some();
    let key_of = move |source: &Source, interview: &Interview| match source {
        _ if !remembered => None,
        Source::Builtin => Some(resume::Key::builtin(interview)),
        Source::File(path) => resume::Key::file(path, interview),
        Source::Stdin => None,
    };
    // A large file's key is a hash of its whole: taken where the whole is loaded.
    let (key, rest) = if large {
        let interviewer = cli.interviewer.clone();
        let load = move || {
            let interview = source.load(interviewer.as_deref(), format)?;
            Ok(Loaded {
                key: key_of(&source, &interview),
                interview,
            })
        };
        (None, Some(Box::new(load) as crate::reader::LoadWhole))
    } else {
        (key_of(&source, &interview), None)
    };
    let session = Session {
        look,
        store,
        key,
        rest,
    };
    crate::reader::run(interview, options, plan, session)
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
            answer_width: self.answer_width,
            shaping: self.shaping.map(|s| s == Switch::On),
        }
    }
}

/// Why the reader and print refuse a document with no paragraphs.
pub const EMPTY_DOCUMENT: &str = "empty document (no paragraphs)";

/// The terminal's width when stdout is one, else 80 (also when it reports 0).
fn terminal_width(stdout_is_terminal: bool) -> usize {
    const DEFAULT: usize = 80;
    if !stdout_is_terminal {
        return DEFAULT;
    }
    match crossterm::terminal::size() {
        Ok((columns, _)) if columns > 0 => usize::from(columns),
        _ => DEFAULT,
    }
}

/// Writes through a buffer on the locked stdout; any failure (a full disk, a
/// closed pipe) becomes [`Error::Output`], flushing included.
fn write_stdout(
    write: impl FnOnce(&mut BufWriter<StdoutLock<'static>>) -> io::Result<()>,
) -> Result<()> {
    let mut out = BufWriter::with_capacity(64 * 1024, io::stdout().lock());
    write(&mut out).map_err(Error::Output)?;
    out.flush().map_err(Error::Output)
}

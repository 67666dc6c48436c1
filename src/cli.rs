//! Command-line definitions (clap) and the dispatch from them to the library.

use std::io::{self, BufWriter, IsTerminal, StdoutLock, Write};
use std::path::PathBuf;

use clap::{Parser, ValueEnum};

use crate::document::input::{Format, Source};
use crate::emulator::{self, BidiOption, BidiPlan, Hint, PrintWriter};
use crate::error::{Error, Result};
use crate::layout::{BaseDirection, LayoutOptions};
use crate::print;

/// The widest layout accepted: beyond it a line is mostly padding.
pub const MAX_WIDTH: usize = 10_000;

/// hiwar (حوار): read right-to-left interviews in a terminal.
#[derive(Debug, Parser)]
#[command(name = "hiwar", version, about, max_term_width = 100)]
pub struct Cli {
    /// The interview to open: plain text (one paragraph a line), Markdown or JSON;
    /// `-` reads standard input. Without it, the built-in interview.
    pub file: Option<PathBuf>,

    /// How FILE is written. Default: by its name (.json; .md, .markdown; .txt),
    /// else by its content.
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
    /// (default: found from the terminal; see the README's Terminals section).
    #[arg(long, value_enum, value_name = "HOW")]
    pub terminal_bidi: Option<BidiOption>,
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
}

impl From<InputFormat> for Format {
    fn from(f: InputFormat) -> Self {
        match f {
            InputFormat::Text => Format::Text,
            InputFormat::Json => Format::Json,
            InputFormat::Markdown => Format::Markdown,
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
        let mode = match (self.export, self.print, self.plain) {
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
        let (options, why) = match mode {
            Mode::Export(_) => (
                vec![
                    given(self.width.is_some(), "--width"),
                    given(self.direction.is_some(), "--direction"),
                    given(self.shaping.is_some(), "--shaping"),
                    given(self.terminal_bidi.is_some(), "--terminal-bidi"),
                ],
                "it writes the interview itself, not a layout of it",
            ),
            Mode::PlainPrint => (
                vec![
                    given(self.interviewer.is_some(), "--interviewer"),
                    given(self.format == Some(InputFormat::Json), "--format json"),
                ],
                "it reads lines, not speakers",
            ),
            Mode::Reader => (
                vec![given(self.width.is_some(), "--width")],
                "it fills the terminal (--print --width N prints at a width)",
            ),
            Mode::Print => (Vec::new(), ""),
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
pub fn run(cli: Cli) -> Result<()> {
    let source = Source::from_arg(cli.file.as_deref());
    let stdout_is_terminal = io::stdout().is_terminal();
    let mode = cli.mode(stdout_is_terminal)?;
    let columns = terminal_width(stdout_is_terminal);
    let width = || cli.width.unwrap_or(columns);

    // The terminal is looked at only when it will show laid-out text.
    let bidi = cli.terminal_bidi.unwrap_or_default();
    let terminal = || emulator::detect(|name| std::env::var(name).ok(), emulator::ask_tmux);
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
        let printed = if markdown {
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

    let interview = source.load(cli.interviewer.as_deref(), format)?;
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
    crate::reader::run(interview, options, plan)
}

/// After printing to a terminal that hiwar cannot set right itself: what the user
/// can set, on standard error.
fn print_hint(plan: BidiPlan) {
    if let Some(Hint::KittyForceLtr) = plan.hint {
        eprintln!(
            "hiwar: kitty draws each right-to-left word mirrored; add `force_ltr yes` to kitty.conf to read it right"
        );
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

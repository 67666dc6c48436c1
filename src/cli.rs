//! Command-line definitions (clap) and the dispatch from them to the library.

use std::io::{self, BufWriter, IsTerminal, StdoutLock, Write};
use std::path::PathBuf;

use clap::{Parser, ValueEnum};

use crate::document::input::Source;
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
    /// The interview to open: plain text (one paragraph a line) or JSON; `-` reads
    /// standard input. Without it, the built-in interview.
    pub file: Option<PathBuf>,

    /// Print the laid-out text instead of opening the reader (the default when
    /// stdout is not a terminal).
    #[arg(long)]
    pub print: bool,

    /// With --print: lay out the file as plain paragraphs, one a line, with no
    /// interview structure.
    #[arg(long, requires = "print")]
    pub plain: bool,

    /// Columns to lay out to (0: no wrapping and no padding). Default: the
    /// terminal's width, else 80.
    #[arg(long, value_name = "N", value_parser = parse_width)]
    pub width: Option<usize>,

    /// Paragraph direction. Default: the document's.
    #[arg(long, value_enum, value_name = "DIR")]
    pub direction: Option<DirectionArg>,

    /// Arabic shaping (joining forms and lam-alef ligatures).
    #[arg(long, value_enum, value_name = "on|off", default_value = "on")]
    pub shaping: Switch,

    /// Write the interview in another format instead of showing it.
    #[arg(long, value_enum, value_name = "FORMAT", conflicts_with = "print")]
    pub export: Option<ExportFormat>,

    /// The label of the interviewer in a plain-text interview (default: the first
    /// label met).
    #[arg(long, value_name = "LABEL", conflicts_with = "plain")]
    pub interviewer: Option<String>,

    /// How to keep a bidi-aware terminal from reordering hiwar's text again
    /// (default: found from the terminal; see the README's Terminals section).
    #[arg(long, value_enum, value_name = "HOW", default_value = "auto")]
    pub terminal_bidi: BidiOption,
}

fn parse_width(s: &str) -> std::result::Result<usize, String> {
    let width: usize = s
        .parse()
        .map_err(|_| format!("`{s}` is not a number of columns"))?;
    if width > MAX_WIDTH {
        return Err(format!("at most {MAX_WIDTH} columns"));
    }
    Ok(width)
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
pub enum ExportFormat {
    Json,
}

impl Cli {
    /// Layout options from the flags; `document` is the direction to use when
    /// --direction is not given.
    pub fn layout_options(&self, document: BaseDirection) -> LayoutOptions {
        LayoutOptions {
            direction: self.direction.map_or(document, Into::into),
            shaping: self.shaping == Switch::On,
        }
    }
}

/// Runs what the command line asks for: plain print, export, print, or the reader
/// (print when stdout is not a terminal).
pub fn run(cli: Cli) -> Result<()> {
    let source = Source::from_arg(cli.file.as_deref());
    let stdout_is_terminal = io::stdout().is_terminal();
    let columns = terminal_width(stdout_is_terminal);
    let width = || cli.width.unwrap_or(columns);

    // The terminal is looked at only when it will show laid-out text.
    let terminal = || emulator::detect(|name| std::env::var(name).ok(), emulator::ask_tmux);
    let print_plan = || {
        if stdout_is_terminal {
            BidiPlan::print(cli.terminal_bidi, &terminal())
        } else {
            BidiPlan::default()
        }
    };

    if cli.plain {
        let options = cli.layout_options(BaseDirection::Auto);
        let plan = print_plan();
        let width = plan.print_width(width(), columns);
        let mut out = PrintWriter::new(
            BufWriter::with_capacity(64 * 1024, io::stdout().lock()),
            plan,
        );
        let printed = print::print_plain_source(&mut out, &source, width, &options);
        let finished = out.finish().map_err(Error::Output);
        printed.and(finished)?;
        print_hint(plan);
        return Ok(());
    }

    let interview = source.load(cli.interviewer.as_deref())?;
    if let Some(ExportFormat::Json) = cli.export {
        return write_stdout(|out| out.write_all(interview.to_json().as_bytes()));
    }
    let options = cli.layout_options(interview.direction.into());
    if cli.print || !stdout_is_terminal {
        let plan = print_plan();
        write_stdout(|out| {
            let mut out = PrintWriter::new(out, plan);
            print::print_interview(
                &mut out,
                &interview,
                plan.print_width(width(), columns),
                &options,
            )?;
            out.finish()
        })?;
        print_hint(plan);
        return Ok(());
    }
    let plan = BidiPlan::reader(cli.terminal_bidi, &terminal());
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

//! The binary: the command line (clap, in [`cli`]) turned into one call of the
//! library per mode, and the outcome into an exit code (1 bad input, 2 bad usage).

mod cli;
mod generate;

use std::io::{self, BufWriter, IsTerminal, StdoutLock, Write};

use clap::Parser;

use hiwar::config::{self, Settings};
use hiwar::document::Interview;
use hiwar::document::input::{self, Format, Source};
use hiwar::error::{Error, Result};
use hiwar::layout::BaseDirection;
use hiwar::print;
use hiwar::reader::{self, Loaded, Session};
use hiwar::resume::{self, Store};
use hiwar::settings::Look;
use hiwar::terminal::{self, BidiPlan, PrintWriter, print_hint};

use cli::{Cli, ExportFormat, Mode, Switch};

fn main() {
    let cli = Cli::parse();
    if let Err(e) = run(cli) {
        if !e.is_broken_pipe() {
            eprintln!("hiwar: {e}");
        }
        std::process::exit(e.exit_code());
    }
}

/// Why the reader and print refuse a document with no paragraphs.
const EMPTY_DOCUMENT: &str = "empty document (no paragraphs)";

/// What every mode is run with: the command line, the settings in effect and
/// where stdout goes.
struct Context {
    cli: Cli,
    settings: Settings,
    source: Source,
    stdout_is_terminal: bool,
    /// The terminal's width when stdout is one, else 80.
    columns: usize,
}

/// Runs what the command line asks for: one function per mode.
///
/// Options are checked against the mode before any input is read. A document
/// with no paragraphs is an empty document: plain print and export write its
/// empty form, the reader and print refuse it (there is nothing to read).
fn run(mut cli: Cli) -> Result<()> {
    let stdout_is_terminal = io::stdout().is_terminal();
    let mode = cli.mode(stdout_is_terminal)?;
    if let Mode::Generate(what) = mode {
        // Before the settings: a broken config file must not stop an install.
        return write_stdout(|out| generate::write(what, out));
    }
    // No FILE: standard input when something is piped or redirected into it (the
    // keys then come from the terminal, /dev/tty, as in less).
    let source = match cli.file.as_deref() {
        None if input::stdin_is_readable() => Source::Stdin,
        file => Source::from_arg(file),
    };
    let settings = Settings::resolve(
        &cli.overrides(),
        |name| std::env::var(name).ok(),
        config::usual_config_path(),
    )?;
    // The settings file's shaping, unless the command line said.
    if cli.shaping.is_none() && !settings.shaping.value {
        cli.shaping = Some(Switch::Off);
    }
    let context = Context {
        cli,
        settings,
        source,
        stdout_is_terminal,
        columns: terminal_width(stdout_is_terminal),
    };
    match mode {
        Mode::PrintConfig => print_config(&context),
        Mode::PlainPrint => plain_print(&context),
        Mode::Export(format) => export(&context, format),
        Mode::Text => text(&context),
        Mode::Print => print(&context),
        // Written before the settings were read.
        Mode::Generate(_) => Ok(()),
        Mode::Reader => read(context),
    }
}

/// `--print-config`: the settings in effect, as a config file.
fn print_config(context: &Context) -> Result<()> {
    write_stdout(|out| out.write_all(context.settings.to_toml().as_bytes()))
}

/// `--print --plain`: each line of the input laid out as a paragraph (a Markdown
/// file's blocks, for Markdown; a web page's or a book's paragraphs).
fn plain_print(context: &Context) -> Result<()> {
    let Context { cli, source, .. } = context;
    let format = cli.format;
    let options = cli.layout_options(BaseDirection::Auto);
    let plan = context.print_plan();
    let width = plan.print_width(context.width(), context.columns);
    let markdown = source.format_by_name(format) == Format::Markdown;
    if format.is_some() && *source == Source::Builtin {
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
            print::styled::print_paragraphs_plain(&mut out, interview.paragraphs(), width, &options)
                .map_err(Error::Output)
        })
    } else if markdown {
        source.read_text().and_then(|text| {
            print::styled::print_markdown_plain(&mut out, &text, width, &options)
                .map_err(Error::Output)
        })
    } else {
        print::print_plain_source(&mut out, source, width, &options)
    };
    let finished = out.finish().map_err(Error::Output);
    printed.and(finished)?;
    print_hint(plan);
    Ok(())
}

/// `--export FORMAT`: the interview itself, no layout.
fn export(context: &Context, format: ExportFormat) -> Result<()> {
    let interview = context.load()?;
    match format {
        ExportFormat::Json => write_stdout(|out| out.write_all(interview.to_json().as_bytes())),
    }
}

/// No mode asked and stdout not a terminal: the document's text in logical order,
/// as the file reads, for grep, editors and files (bat behaves as cat there).
fn text(context: &Context) -> Result<()> {
    let interview = context.load()?;
    context.refuse_empty(&interview)?;
    write_stdout(|out| print::write_logical(out, &interview))
}

/// `--print`: the interview laid out to stdout.
fn print(context: &Context) -> Result<()> {
    let interview = context.load()?;
    context.refuse_empty(&interview)?;
    let options = context.cli.layout_options(interview.direction.into());
    let plan = context.print_plan();
    // Emphasis is drawn with SGR styles, for a terminal only: a pipe gets the
    // same bytes as ever.
    let styled = context.stdout_is_terminal && interview.has_inline_markup();
    write_stdout(|out| {
        let mut out = PrintWriter::new(out, plan);
        let width = plan.print_width(context.width(), context.columns);
        if styled {
            print::styled::print_interview_styled(&mut out, &interview, width, &options)?;
        } else {
            print::print_interview(&mut out, &interview, width, &options)?;
        }
        out.finish()
    })?;
    print_hint(plan);
    Ok(())
}

/// The reader. It opens a large plain-text file on its beginning, at once, and
/// takes the whole when it has loaded (the question count fills in then).
fn read(context: Context) -> Result<()> {
    let Context {
        cli,
        settings,
        source,
        ..
    } = context;
    let format = cli.format;
    let opening = source.open_large(cli.interviewer.as_deref(), format)?;
    let large = opening.is_some();
    let interview = match opening {
        Some(opening) => opening,
        None => source.load(cli.interviewer.as_deref(), format)?,
    };
    if interview.is_empty() {
        return Err(Error::input(source.name(), EMPTY_DOCUMENT));
    }
    let options = cli.layout_options(interview.direction.into());
    let plan = BidiPlan::reader(settings.terminal_bidi.value, &terminal());
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
        (None, Some(Box::new(load) as reader::LoadWhole))
    } else {
        (key_of(&source, &interview), None)
    };
    let session = Session {
        look,
        store,
        key,
        rest,
    };
    reader::run(interview, options, plan, session)
}

impl Context {
    /// The width to print to: `--width`, else the terminal's.
    fn width(&self) -> usize {
        self.cli.width.unwrap_or(self.columns)
    }

    /// The plan for printed text: the terminal is looked at only when it will show
    /// laid-out text.
    fn print_plan(&self) -> BidiPlan {
        if self.stdout_is_terminal {
            BidiPlan::print(self.settings.terminal_bidi.value, &terminal())
        } else {
            BidiPlan::default()
        }
    }

    /// The whole interview, read and parsed.
    fn load(&self) -> Result<Interview> {
        self.source
            .load(self.cli.interviewer.as_deref(), self.cli.format)
    }

    /// The reader and print have nothing to show of an empty document.
    fn refuse_empty(&self, interview: &Interview) -> Result<()> {
        match interview.is_empty() {
            true => Err(Error::input(self.source.name(), EMPTY_DOCUMENT)),
            false => Ok(()),
        }
    }
}

/// The terminal hiwar runs in, from the environment (and tmux).
fn terminal() -> terminal::Terminal {
    terminal::detect(|name| std::env::var(name).ok(), terminal::ask_tmux)
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

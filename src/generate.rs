//! `hiwar --generate`: the man page and the shells' completion scripts, made from
//! the same clap definitions as the command line (as ripgrep's `--generate`), the
//! man page with the reader's keys from its key table and the settings file.

use std::io::{self, Write};

use clap::CommandFactory;
use clap_complete::Shell;
use roff::{Roff, bold, roman};

use hiwar::reader::keys::{BINDINGS, Binding, PROMPT_BINDINGS};
use hiwar::reader::labels::Labels;
use hiwar::settings::Language;

use crate::cli::{Cli, Generate};

/// Writes what `what` names to `out`.
pub fn write(what: Generate, out: &mut impl Write) -> io::Result<()> {
    let mut command = Cli::command();
    let shell = match what {
        Generate::Man => return man_page(command, out),
        Generate::CompleteBash => Shell::Bash,
        Generate::CompleteZsh => Shell::Zsh,
        Generate::CompleteFish => Shell::Fish,
    };
    clap_complete::generate(shell, &mut command, "hiwar", out);
    Ok(())
}

/// The man page: clap's sections (name, synopsis, description, options), then the
/// keys, the settings file, the environment and the exit status.
fn man_page(command: clap::Command, out: &mut impl Write) -> io::Result<()> {
    let man = clap_mangen::Man::new(command).manual("hiwar manual");
    let mut page = Vec::new();
    man.render_title(&mut page)?;
    man.render_name_section(&mut page)?;
    man.render_synopsis_section(&mut page)?;
    man.render_description_section(&mut page)?;
    let mut roff = Roff::new();
    roff.control("PP", []);
    roff.text([roman(
        "hiwar opens an interview in a reader: the questions in one pane, the answer of the \
         selected question in the other, right-to-left text laid out by hiwar itself (bidi \
         levels, Arabic shaping, word wrapping, mirroring) so that any terminal shows it in \
         reading order. Without FILE it reads standard input when that is a pipe or a file, \
         else it opens its built-in interview. When standard output is not a terminal and no \
         mode is asked, it writes the document's text in logical order (title, introduction, \
         numbered questions with their speakers, answers), for grep, editors and files; \
         --print writes the laid-out form instead.",
    )]);
    roff.to_writer(&mut page)?;
    man.render_options_section(&mut page)?;
    let mut roff = Roff::new();
    let labels = Labels::new(Language::En);
    roff.control("SH", ["KEYS"]);
    roff.text([roman(
        "While reading (? shows these keys in the reader; a count before G or g, as in less's \
         50G, goes to that question):",
    )]);
    keys(&mut roff, BINDINGS, &labels);
    roff.control("PP", []);
    roff.text([roman(
        "In the search prompt (/), any other key types into the query:",
    )]);
    keys(&mut roff, PROMPT_BINDINGS, &labels);
    roff.control("SH", ["FILES"]);
    roff.control("TP", []);
    roff.text([bold("$XDG_CONFIG_HOME/hiwar/config.toml")]);
    roff.text([roman(
        "The settings (default ~/.config/hiwar/config.toml; --config PATH or $HIWAR_CONFIG \
         name another). Its keys are the options' names: theme = \"dark\", resume = false, \
         terminal-bidi = \"explicit\", lang = \"ar\", answer-width = 72, shaping = false. \
         The command line overrides the file. hiwar --print-config shows the settings in \
         effect and where each came from.",
    )]);
    roff.control("TP", []);
    roff.text([bold("$XDG_STATE_HOME/hiwar/")]);
    roff.text([roman(
        "Where each document was left (default ~/.local/state/hiwar/), so that it reopens \
         there; --no-resume or resume = false opens at the top.",
    )]);
    roff.control("SH", ["ENVIRONMENT"]);
    roff.control("TP", []);
    roff.text([bold("NO_COLOR"), roman(", "), bold("TERM=dumb")]);
    roff.text([roman(
        "Choose the mono theme, unless the config file or --theme says otherwise.",
    )]);
    roff.control("TP", []);
    roff.text([bold("HIWAR_CONFIG")]);
    roff.text([roman("The settings file to read instead of the usual one.")]);
    roff.control("SH", ["EXIT STATUS"]);
    roff.text([roman(
        "0 on success; 1 for bad input (a file that cannot be read, is not UTF-8 text, or \
         holds no paragraphs); 2 for bad usage (an unknown option, options that contradict, \
         a bad settings file).",
    )]);
    roff.to_writer(&mut page)?;
    man.render_version_section(&mut page)?;
    out.write_all(&page)
}

/// One tagged paragraph per binding: its keys in bold, what it does.
fn keys(roff: &mut Roff, table: &[Binding], labels: &Labels) {
    for binding in table {
        roff.control("TP", []);
        roff.text([bold(binding.label)]);
        roff.text([roman(labels.help(binding.help))]);
    }
}

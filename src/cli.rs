//! Command-line definitions (clap) and the dispatch from them to the library.

use std::path::PathBuf;

use clap::{Parser, ValueEnum};

use crate::layout::{BaseDirection, LayoutOptions};

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
    #[arg(long, value_name = "N")]
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
    #[arg(long, value_name = "LABEL")]
    pub interviewer: Option<String>,
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

/// Runs what the command line asks for.
pub fn run(cli: Cli) -> crate::error::Result<()> {
    let _ = cli;
    Ok(())
}

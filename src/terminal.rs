//! Everything a terminal needs told so that it shows hiwar's text as hiwar laid it
//! out, in one place: which terminal hiwar runs in ([`detect`], asking it when the
//! environment does not say: [`query`]), what follows from it
//! for the reader and for printed output ([`plan`]), the bytes that say it
//! ([`sequences`]), printed output ([`print_writer`]), the reader's ratatui backend
//! ([`backend`]) and its life on the terminal ([`session`]), kitty's case
//! ([`kitty`]), qtermwidget's ([`qterminal`]), and the clipboard ([`clipboard`]).
//!
//! What each terminal does with right-to-left text, and the measurements behind every
//! choice made here, are written once: [docs/terminals.md](../docs/terminals.md).

pub mod backend;
pub mod clipboard;
pub mod detect;
pub mod kitty;
pub mod plan;
pub mod print_writer;
pub mod qterminal;
pub mod query;
pub mod sequences;
pub mod session;

pub use detect::{Emulator, Terminal, TmuxClient, ask_tmux, detect};
pub use plan::{BidiPlan, Hint, Marks, Passthrough, Setting};
pub use print_writer::{PrintWriter, print_hint};
pub use query::Asked;
pub use sequences::{LRM_LRO, LRO};

use crate::settings::BidiOption;

/// Where hiwar runs, as far as the environment, tmux and (when `asking` and they
/// do not say) the terminal itself tell.
fn here(asking: bool) -> Terminal {
    detect(
        |name| std::env::var(name).ok(),
        ask_tmux,
        |asked| asking.then(|| session::ask_terminal(asked)).flatten(),
    )
}

/// The plan for printed output to stdout: none when stdout is not a terminal (a
/// pipe, a file), which is then neither looked at nor asked.
pub fn print_plan(option: BidiOption, stdout_is_terminal: bool) -> BidiPlan {
    if !stdout_is_terminal {
        return BidiPlan::default();
    }
    BidiPlan::print(option, &here(option == BidiOption::Auto))
}

/// The plan for the reader (stdout a terminal). The terminal is asked only when the
/// choice is left to hiwar (`auto`).
pub fn reader_plan(option: BidiOption) -> BidiPlan {
    BidiPlan::reader(option, &here(option == BidiOption::Auto))
}

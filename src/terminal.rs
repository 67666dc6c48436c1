//! Everything a terminal needs told so that it shows hiwar's text as hiwar laid it
//! out, in one place: which terminal hiwar runs in ([`detect`]), what follows from it
//! for the reader and for printed output ([`plan`]), the bytes that say it
//! ([`sequences`]), printed output ([`print_writer`]), the reader's ratatui backend
//! ([`backend`]) and its life on the terminal ([`session`]), kitty's case
//! ([`kitty`]), and the clipboard ([`clipboard`]).
//!
//! What each terminal does with right-to-left text, and the measurements behind every
//! choice made here, are written once: [docs/terminals.md](../docs/terminals.md).

pub mod backend;
pub mod clipboard;
pub mod detect;
pub mod kitty;
pub mod plan;
pub mod print_writer;
pub mod sequences;
pub mod session;

pub use detect::{Emulator, Terminal, TmuxClient, ask_tmux, detect};
pub use plan::{BidiPlan, Hint, Marks, Setting};
pub use print_writer::{PrintWriter, print_hint};
pub use sequences::{LRM_LRO, LRO};

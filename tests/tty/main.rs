//! The app's integration tests that drive hiwar in a pseudo-terminal (and a real tmux),
//! in one binary: the reader's keys and frames, large files, settings, resume, hostile
//! terminals, what each terminal is told, tmux, and the README's figures drawn by the binary.

#[path = "../common/mod.rs"]
mod common;

mod hostile_pty;
mod large;
mod pty;
mod readme;
mod resume;
mod settings;
mod terminal;
mod tmux;

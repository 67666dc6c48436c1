//! The app's integration tests that need no terminal, in one binary (one link instead of
//! one per file): documents, hostile input, print, and the import order of `src/`. Each module is one concern;
//! `common` holds the helpers they share.

#[path = "../common/mod.rs"]
mod common;

mod architecture;
mod document;
mod hostile;
mod print;

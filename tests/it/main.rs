//! The app's integration tests that need no terminal, in one binary (one link instead of
//! one per file): documents, hostile input and print. Each module is one concern;
//! `common` holds the helpers they share.

#[path = "../common/mod.rs"]
mod common;

mod document;
mod hostile;
mod print;

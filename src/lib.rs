//! hiwar (حوار, "dialogue"): a terminal reader for right-to-left interviews.
//!
//! Data flows one way:
//!
//! ```text
//! document ──► layout ──► ui (widgets) ──► ratatui Frame
//! (model)      (logical paragraph → visual lines)
//! ```
//!
//! - [`document`]: the interview model and its parsers; knows nothing of width or bidi.
//! - [`layout`]: one logical paragraph in, visual lines of cells out (UAX #9, Arabic
//!   shaping, UAX #14 wrapping, L1–L4), every cell keeping its logical byte range.
//! - [`print`]: non-interactive output of documents and plain text.
//! - the reader: [`app`] (state and actions), [`keys`], [`ui`], [`terminal`].
//! - [`emulator`]: which terminal hiwar runs in, and how to keep it from reordering
//!   hiwar's text a second time.
#![cfg_attr(not(test), deny(clippy::unwrap_used))]

pub mod app;
pub mod cli;
pub mod document;
pub mod emulator;
pub mod error;
pub mod keys;
pub mod layout;
pub mod print;
pub mod terminal;
pub mod ui;

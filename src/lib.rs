//! hiwar (حوار, "dialogue"): a terminal reader for right-to-left interviews.
//!
//! Data flows one way:
//!
//! ```text
//! document ──► layout ──► print                      (non-interactive)
//! (model)      (logical   └─► reader: event ─► action ─► state ─► view ─► frame
//!               paragraph → visual lines)
//! ```
//!
//! - [`document`]: the interview model and its parsers; knows nothing of width or bidi.
//! - [`layout`]: one logical paragraph in, visual lines of cells out (UAX #9, Arabic
//!   shaping, UAX #14 wrapping, L1–L4), every cell keeping its logical byte range.
//! - [`blocks`]: blocks drawn their own way (code, tables) as visual lines, for
//!   print and the reader.
//! - [`print`]: non-interactive output of documents and plain text.
//! - [`reader`]: the interactive reader (state, view, keys, widgets, the event loop).
//! - [`terminal`]: which terminal hiwar runs in, how to keep it from reordering
//!   hiwar's text a second time, and the reader's life on it; used by the reader and
//!   by print.
//! - [`config`]: the settings (config file, environment, command line).
//! - [`resume`]: where each document was left, kept between runs.
#![cfg_attr(not(test), deny(clippy::unwrap_used))]

pub mod blocks;
pub mod config;
pub mod document;
pub mod error;
/// The layout engine, the `hiwar-layout` crate of this workspace.
pub use hiwar_layout as layout;
pub mod print;
pub mod reader;
pub mod resume;
pub mod settings;
pub mod terminal;

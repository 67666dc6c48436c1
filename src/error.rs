//! One error type for the whole program, and the exit codes it maps to.

use std::borrow::Cow;
use std::fmt;
use std::io;
use std::path::PathBuf;

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug)]
pub enum Error {
    /// Bad input: the file named could not be used (exit code 1).
    Input { path: PathBuf, message: String },
    /// Bad usage that clap could not catch (exit code 2).
    Usage(String),
    /// Writing the output failed (exit code 1); a broken pipe is not reported.
    Output(io::Error),
    /// The terminal could not be set up or driven (exit code 1).
    Terminal(io::Error),
}

impl Error {
    pub fn input(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Error::Input {
            path: path.into(),
            message: message.into(),
        }
    }

    /// The process exit code for this error. A broken pipe is a reader that has
    /// read enough (`hiwar --print | head -1`): success.
    pub fn exit_code(&self) -> i32 {
        match self {
            e if e.is_broken_pipe() => 0,
            Error::Usage(_) => 2,
            _ => 1,
        }
    }

    /// A closed stdout (`hiwar --print | head -1`) is not worth a message.
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, Error::Output(e) if e.kind() == io::ErrorKind::BrokenPipe)
    }
}

impl fmt::Display for Error {
    /// One line for stderr. File names and messages may carry text from the file
    /// (serde_json quotes the offending value), so they are written inert.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Input { path, message } => write!(
                f,
                "{}: {}",
                inert(&path.display().to_string()),
                inert(message)
            ),
            Error::Usage(message) => f.write_str(&inert(message)),
            Error::Output(e) => write!(f, "cannot write output: {e}"),
            Error::Terminal(e) => write!(f, "terminal error: {e}"),
        }
    }
}

impl std::error::Error for Error {}

/// `text` with every character a terminal would act on, or that would reorder
/// the line, written as a `\u{..}` escape: C0 controls (newline included, so an
/// error stays one line), DEL, C1 controls and the bidi formatting characters.
pub fn inert(text: &str) -> Cow<'_, str> {
    let acts = |c: char| {
        c.is_control()
            || matches!(
                c,
                '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
            )
    };
    if !text.chars().any(acts) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if acts(c) {
            out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_from_the_file_are_written_inert() {
        let e = Error::input(
            "/tmp/\u{1b}[31mred",
            "unknown variant `\u{1b}]0;pwned\u{7}\u{9b}2J\u{202e}x\nline`",
        );
        assert_eq!(
            e.to_string(),
            "/tmp/\\u{1b}[31mred: unknown variant `\\u{1b}]0;pwned\\u{7}\\u{9b}2J\\u{202e}x\\u{a}line`"
        );
        let e = Error::Usage("--interviewer \u{2067}x".into());
        assert_eq!(e.to_string(), "--interviewer \\u{2067}x");
        // Arabic, marks and joiners are text, kept as they are.
        assert_eq!(inert("ج.ت: لا\u{200d}"), "ج.ت: لا\u{200d}");
    }
}

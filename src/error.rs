//! One error type for the whole program, and the exit codes it maps to.

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
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Input { path, message } => write!(f, "{}: {}", path.display(), message),
            Error::Usage(message) => f.write_str(message),
            Error::Output(e) => write!(f, "cannot write output: {e}"),
            Error::Terminal(e) => write!(f, "terminal error: {e}"),
        }
    }
}

impl std::error::Error for Error {}

//! Helpers shared by the integration tests that write files for the binary to read.

pub mod pty;

use std::fs;
use std::path::{Path, PathBuf};

/// A fresh scratch directory for one test, named after the test file and the test.
#[allow(dead_code)] // not every test file writes files
pub fn scratch(suite: &str, name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("hiwar-{suite}-{}-{name}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).expect("a scratch directory");
    dir
}

/// Writes `bytes` to `dir/name` and returns the path.
#[allow(dead_code)] // not every test file writes files
pub fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    fs::write(&path, bytes).expect("a scratch file");
    path
}

/// Makes a FIFO `dir/name` (with mkfifo) and returns its path.
#[allow(dead_code)] // not every test file makes FIFOs
pub fn fifo(dir: &Path, name: &str) -> PathBuf {
    let path = dir.join(name);
    let made = std::process::Command::new("mkfifo")
        .arg(&path)
        .status()
        .expect("mkfifo runs");
    assert!(made.success(), "mkfifo {}", path.display());
    path
}

/// The binary with a clean environment (no terminal size hints, no colours, no
/// home: nothing remembered, no config read), its standard input `/dev/null`, as
/// when it is run from a shell with nothing piped in (assert_cmd always gives the
/// child a pipe, which hiwar reads when no FILE is given). `sh` only redirects and
/// `exec`s it: exit codes and output are the binary's own.
#[allow(dead_code)] // not every test file runs the binary this way
pub fn hiwar() -> assert_cmd::Command {
    let binary = assert_cmd::cargo::cargo_bin("hiwar");
    let mut cmd = assert_cmd::Command::new("/bin/sh");
    cmd.env_clear()
        .args(["-c", "exec \"$0\" \"$@\" < /dev/null"])
        .arg(binary);
    cmd
}

/// The binary with a clean environment and a pipe on its standard input: what
/// `write_stdin` writes (nothing, if it is not called).
#[allow(dead_code)] // not every test file runs the binary this way
pub fn hiwar_piped() -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::cargo_bin("hiwar").expect("the hiwar binary");
    cmd.env_clear();
    cmd
}

/// What `cmd` writes to stdout, when it succeeds and writes nothing to stderr.
#[allow(dead_code)] // not every test file runs the binary this way
pub fn stdout_of(cmd: &mut assert_cmd::Command) -> String {
    let output = cmd.output().expect("hiwar runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(output.stderr.is_empty());
    String::from_utf8(output.stdout).expect("UTF-8 output")
}

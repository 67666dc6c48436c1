//! Runs `tests/differential.py` (hiwar against GNU FriBidi on every paragraph of the
//! interview, on paragraphs written for the rules it does not exercise, and on the
//! corpus of real text in `tests/data/corpus`, each difference there classified) with
//! the hiwar binary this `cargo test` built.
//!
//! FriBidi comes from Debian's `libfribidi-bin`, which `.ci/run` installs. Where it is
//! missing the test says so and passes, except under CI (`CI` set), where a missing
//! FriBidi fails: CI must never skip the comparison silently.

use std::process::{Command, ExitCode};

fn main() -> ExitCode {
    let have_fribidi = Command::new("fribidi")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !have_fribidi {
        if std::env::var_os("CI").is_some() {
            println!(
                "differential: FAILED, fribidi is not installed (apt-get install libfribidi-bin)"
            );
            return ExitCode::FAILURE;
        }
        println!(
            "differential: skipped, fribidi is not installed (apt-get install libfribidi-bin)"
        );
        return ExitCode::SUCCESS;
    }
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/differential.py");
    let status = Command::new("python3")
        .arg(script)
        .env("HIWAR", env!("CARGO_BIN_EXE_hiwar"))
        .status();
    match status {
        Ok(s) if s.success() => ExitCode::SUCCESS,
        Ok(_) => ExitCode::FAILURE,
        Err(e) => {
            println!("differential: FAILED, cannot run python3: {e}");
            ExitCode::FAILURE
        }
    }
}

//! Hostile files through the real binary, in `--print` and `--print --plain`:
//! each either prints (exit 0) or is refused in one line (exit 1), and the raw
//! bytes written hold nothing a terminal would act on: no ESC, no C1 control, no
//! BEL/BS/CR/DEL or other C0 but the newline, no bidi formatting character.
//!
//! The files are generated in a scratch directory. Every run has a deadline, far
//! above the time it takes, that only catches a hang.

use crate::common;

use std::fs;
use std::io::Write;
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Child, Command as StdCommand, Output, Stdio};
use std::time::{Duration, Instant};

use assert_cmd::Command;
use unicode_width::UnicodeWidthStr;

/// Catches a hang, not slowness: the largest case takes about 10 s in a debug build.
const DEADLINE: Duration = Duration::from_secs(180);

/// The binary with a clean environment and a deadline.
fn hiwar() -> Command {
    let mut cmd = Command::from_std(StdCommand::new(assert_cmd::cargo::cargo_bin("hiwar")));
    cmd.env_clear().timeout(DEADLINE);
    cmd
}

/// The first thing in `bytes` a terminal would act on, or that would reorder
/// the line, with its offset.
fn leak(bytes: &[u8]) -> Option<(usize, String)> {
    (0..bytes.len()).find_map(|i| {
        let found = match bytes[i..] {
            [b, ..] if (b < 0x20 && b != b'\n') || b == 0x7F => "a C0 control or DEL",
            [0xC2, 0x80..=0x9F, ..] => "a C1 control",
            // U+200E LRM, U+200F RLM, U+202A..U+202E, U+2066..U+2069, U+061C ALM.
            [0xE2, 0x80, 0x8E | 0x8F | 0xAA..=0xAE, ..]
            | [0xE2, 0x81, 0xA6..=0xA9, ..]
            | [0xD8, 0x9C, ..] => "a bidi formatting character",
            _ => return None,
        };
        let end = (i + 3).min(bytes.len());
        Some((i, format!("{found} ({:02X?})", &bytes[i..end])))
    })
}

fn assert_inert(bytes: &[u8], what: &str) {
    if let Some((at, found)) = leak(bytes) {
        let from = at.saturating_sub(40);
        let context = String::from_utf8_lossy(&bytes[from..(at + 40).min(bytes.len())]);
        panic!("{what}: {found} at byte {at}, near {context:?}");
    }
}

/// How a case must end.
enum Expect {
    /// Exit 0; `check` sees the whole output of each mode.
    Prints(fn(&str, &[&str])),
    /// Exit 1 with one line on stderr holding this fragment.
    Refused(&'static str),
}

/// The modes each file goes through.
const MODES: &[&[&str]] = &[
    &["--print", "--width", "80"],
    &["--print", "--width", "0"],
    &["--print", "--plain", "--width", "80"],
    &["--print", "--plain", "--width", "0"],
];

/// Small files also go through a one-column layout.
const NARROW_MODES: &[&[&str]] = &[
    &["--print", "--width", "1"],
    &["--print", "--plain", "--width", "1"],
];

/// Runs `path` through `modes` and checks exit status, raw bytes and outcome.
fn run_case(path: &Path, modes: &[&[&str]], expect: &Expect) {
    for args in modes {
        let what = format!("{} {}", args.join(" "), path.display());
        let output = hiwar()
            .args(*args)
            .arg(path)
            .output()
            .unwrap_or_else(|e| panic!("{what}: {e}"));
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!stderr.contains("panicked"), "{what}: {stderr}");
        assert_inert(&output.stdout, &format!("stdout of {what}"));
        assert_inert(
            stderr.trim_end_matches('\n').as_bytes(),
            &format!("stderr of {what}"),
        );
        match expect {
            Expect::Prints(check) => {
                assert_eq!(output.status.code(), Some(0), "{what}: {stderr}");
                assert!(stderr.is_empty(), "{what}: {stderr}");
                let out = String::from_utf8(output.stdout).expect("UTF-8 output");
                let width: usize = args[args.len() - 1].parse().expect("a width");
                if width > 0 {
                    for line in out.lines() {
                        assert!(line.width() <= width, "{what}: {line:?} wider than {width}");
                    }
                }
                assert!(
                    out.lines().all(|l| !l.ends_with(' ')),
                    "{what}: a trailing space"
                );
                check(&out, args);
            }
            Expect::Refused(fragment) => {
                assert_eq!(output.status.code(), Some(1), "{what}: {stderr}");
                assert!(output.stdout.is_empty(), "{what}: output on failure");
                assert_eq!(stderr.lines().count(), 1, "{what}: {stderr}");
                assert!(stderr.starts_with("hiwar: "), "{what}: {stderr}");
                assert!(
                    stderr.contains(fragment),
                    "{what}: {fragment:?} not in {stderr:?}"
                );
            }
        }
    }
}

/// Waits for a child whose stdout is not ours to capture (assert_cmd would pipe
/// it), killing it at the deadline.
fn wait_with_deadline(mut child: Child) -> Output {
    let start = Instant::now();
    while child.try_wait().expect("waiting for hiwar").is_none() {
        if start.elapsed() > DEADLINE {
            let _ = child.kill();
            panic!("hiwar still running after {DEADLINE:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().expect("hiwar ends")
}

fn is_plain(args: &[&str]) -> bool {
    args.contains(&"--plain")
}

/// The output without spaces and line ends: at width 1 each line holds one
/// cell, so this reads in logical order.
fn squeezed(out: &str) -> String {
    out.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Letters, digits and symbols printed, whatever the layout did with spaces and
/// lines.
fn ink(out: &str) -> usize {
    out.chars().filter(|c| !c.is_whitespace()).count()
}

#[test]
fn empty_and_blank_files() {
    let dir = common::scratch("hostile", "empty");
    let (plain, print): (Vec<&[&str]>, Vec<&[&str]>) = MODES.iter().partition(|m| is_plain(m));
    for (name, bytes) in [
        ("empty.txt", &b""[..]),
        ("blank.txt", &b" \t \n\n\r\n   \n\t\n"[..]),
    ] {
        let path = common::write(&dir, name, bytes);
        // An empty document: nothing to print as an interview.
        run_case(
            &path,
            &print,
            &Expect::Refused("empty document (no paragraphs)"),
        );
        // Plain print is a filter: blank lines in, blank lines out.
        run_case(
            &path,
            &plain,
            &Expect::Prints(|out, args| {
                assert!(out.chars().all(|c| c == '\n'), "{args:?}: {out:?}");
            }),
        );
    }
}

#[test]
fn text_with_no_speaker_labels() {
    let dir = common::scratch("hostile", "nolabels");
    let text = "هذا نص بلا متحدثين، فيه 2013 و(قوسان).\nوسطر ثان: بلا تسمية، لأن الجملة طويلة جدا.\n";
    let path = common::write(&dir, "nolabels.txt", text.as_bytes());
    run_case(
        &path,
        &[MODES, NARROW_MODES].concat(),
        &Expect::Prints(|out, _| {
            assert!(squeezed(out).contains("2013"), "{out}");
            assert!(!out.contains("1."), "no question number: {out}");
        }),
    );
}

#[test]
fn a_six_megabyte_paragraph() {
    let dir = common::scratch("hostile", "big");
    let sentence =
        "في سبتمبر/أيلول 2013، اقترح الرئيس الصيني بناء \"حزام اقتصادي\" word (تشانغ) 31.5% ";
    let text = sentence.repeat(6 * 1024 * 1024 / sentence.len() + 1);
    let path = common::write(&dir, "big.txt", text.as_bytes());
    assert!(text.len() >= 6 * 1024 * 1024);
    run_case(
        &path,
        &[MODES[0], MODES[2]],
        &Expect::Prints(|out, _| {
            assert!(out.lines().count() > 40_000, "wrapped at 80");
            assert!(out.contains("2013"));
        }),
    );
}

#[test]
fn a_200000_letter_word() {
    let dir = common::scratch("hostile", "word");
    let path = common::write(&dir, "word.txt", "ب".repeat(200_000).as_bytes());
    run_case(
        &path,
        MODES,
        &Expect::Prints(|out, args| {
            // Every letter printed once (the title adds its four letters).
            let title = if is_plain(args) { 0 } else { "word".len() };
            assert_eq!(ink(out), 200_000 + title, "{args:?}");
        }),
    );
}

#[test]
fn a_hundred_thousand_exchanges() {
    let dir = common::scratch("hostile", "exchanges");
    let mut text = String::new();
    for i in 1..=100_000 {
        text.push_str(&format!("س: سؤال {i}؟\nج: جواب {i}.\n"));
    }
    let path = common::write(&dir, "many.txt", text.as_bytes());
    run_case(
        &path,
        &[MODES[0], MODES[2]],
        &Expect::Prints(|out, args| {
            if is_plain(args) {
                assert_eq!(out.lines().count(), 200_000);
            } else {
                // Questions numbered to the last.
                assert!(out.contains("100000"), "{}", &out[out.len() - 200..]);
            }
        }),
    );
}

#[test]
fn isolates_nested_130_deep_around_a_digit() {
    let dir = common::scratch("hostile", "nested");
    let mut text = String::new();
    for (open, close) in [
        ("\u{2067}", "\u{2069}"),
        ("\u{2066}\u{2067}", "\u{2069}\u{2069}"),
    ] {
        text.push_str(&format!("{}7{} نص\n", open.repeat(130), close.repeat(130)));
    }
    // Embeddings and overrides past the depth limit of 125, never closed.
    text.push_str(&format!("{}8 end\n", "\u{202B}\u{202D}".repeat(70)));
    let path = common::write(&dir, "nested.txt", text.as_bytes());
    run_case(
        &path,
        &[MODES, NARROW_MODES].concat(),
        &Expect::Prints(|out, _| {
            assert_eq!(out.matches('7').count(), 2, "{out}");
            let squeezed = squeezed(out);
            assert!(squeezed.contains('8') && squeezed.contains("end"), "{out}");
        }),
    );
}

#[test]
fn escape_sequences_and_controls_are_drawn_not_sent() {
    let dir = common::scratch("hostile", "escapes");
    let sequences = [
        "\x1b[2J\x1b[H",                                         // CSI: clear the screen
        "\x1b]0;pwned\x07",                                      // OSC 0: window title, BEL ended
        "\x1b]2;pwned\x1b\\",                                    // OSC 2, ST ended
        "\x1b]8;;https://evil.example/\x1b\\link\x1b]8;;\x1b\\", // OSC 8 hyperlink
        "\x1b]52;c;cHduZWQ=\x07",                                // OSC 52: set the clipboard
        "\x1bP+q544e\x1b\\",                                     // DCS (XTGETTCAP)
        "\x1b_apc\x1b\\\x1b^pm\x1b\\\x1bXsos\x1b\\",             // APC, PM, SOS
        "\u{9b}31m\u{9d}0;t\u{9c}\u{90}dcs\u{85}",               // 8-bit CSI, OSC, ST, DCS, NEL
        "\x7fdel\rcr\x07bel\x08bs\x0e\x0f\x1b", // DEL, bare CR, BEL, BS, SO/SI, ESC
    ];
    let mut text = String::from("عنوان\x1b[31m\n");
    for (i, s) in sequences.iter().enumerate() {
        let who = if i % 2 == 0 { "Q" } else { "A" };
        text.push_str(&format!("{who}: before {s} after\n"));
    }
    text.push_str("\x1b[2J: a label\n\x1b[2J: that recurs\n");
    // (NUL aside: it makes the file binary data.)
    let control_line: String = (1u8..0x20)
        .filter(|&b| b != b'\n')
        .map(char::from)
        .chain('\u{80}'..='\u{9f}')
        .collect();
    text.push_str(&format!("A: {control_line}\n"));
    let path = common::write(&dir, "escapes.txt", text.as_bytes());
    run_case(
        &path,
        &[MODES, NARROW_MODES].concat(),
        &Expect::Prints(|out, args| {
            // Drawn as visible symbols: ESC as ␛, C1 as U+FFFD.
            if args.last() != Some(&"1") {
                assert!(out.contains("␛[2J"), "{out}");
                assert!(out.contains("␛]52;c;cHduZWQ=␇"), "{out}");
                assert!(out.contains("␡del␍cr␇bel␈bs"), "{out}");
            }
            assert!(out.contains('\u{FFFD}'), "{out}");
        }),
    );
    // The same through JSON, where escapes arrive as \u001b.
    let json = r#"{"title":"\u001b]0;t\u0007","language":"\u001b[2J","direction":"ltr","source":"\u009b2J",
"speakers":[{"label":"\u001b[1m","name":"\u001b[31mname\u202e"}],
"intro":["\u001b]52;c;eA==\u0007"],"exchanges":[{"question":["\u0008\u007f\u000d?"],"answer":["\u2066x\u2069"]}]}"#;
    let path = common::write(&dir, "escapes.json", json.as_bytes());
    run_case(
        &path,
        &[MODES[0], MODES[1]],
        &Expect::Prints(|out, _| assert!(out.contains("␛]52;c;eA==␇"), "{out}")),
    );
}

#[test]
fn an_override_is_inert() {
    // Trojan Source (CVE-2021-42574): an override would show `nimda` as `admin`.
    let dir = common::scratch("hostile", "trojan");
    let text = "user = \"\u{202E}nimda\u{202C}\"\nقال \u{202D}مرحبا\u{202C} ثم \u{202E}abc\n";
    let path = common::write(&dir, "trojan.txt", text.as_bytes());
    run_case(
        &path,
        &[MODES, NARROW_MODES].concat(),
        &Expect::Prints(|out, args| {
            if args.last() == Some(&"0") && is_plain(args) {
                // Letters in their own order: the override has no effect.
                let lines: Vec<&str> = out.lines().collect();
                assert_eq!(lines[0], "user = \"nimda\"");
                assert!(lines[1].contains("abc"), "{out}");
                assert!(!lines[1].contains("cba"), "{out}");
            }
        }),
    );
}

#[test]
fn invalid_utf8_is_refused_with_its_offset() {
    let dir = common::scratch("hostile", "utf8");
    let mut bytes = "نص سليم\n".as_bytes().to_vec();
    let offset = bytes.len() + 2;
    bytes.extend_from_slice(b"ok\xC3\x28 then more");
    let path = common::write(&dir, "bad.txt", &bytes);
    let fragment = format!("not UTF-8 text: invalid byte sequence at byte offset {offset}");
    let fragment: &'static str = Box::leak(fragment.into_boxed_str());
    run_case(&path, MODES, &Expect::Refused(fragment));
    // A lone continuation byte, and a truncated sequence at the very end.
    let path = common::write(&dir, "cont.txt", b"\x80abc");
    run_case(&path, MODES, &Expect::Refused("at byte offset 0"));
    let path = common::write(
        &dir,
        "cut.txt",
        "ب".as_bytes().split_last().expect("two bytes").1,
    );
    run_case(&path, MODES, &Expect::Refused("at byte offset 0"));
}

#[test]
fn binary_data_is_refused() {
    let dir = common::scratch("hostile", "binary");
    let mut bytes = b"Q: looks like text\n".to_vec();
    bytes.extend((0..=255u8).cycle().take(4096));
    let path = common::write(&dir, "blob.bin", &bytes);
    run_case(
        &path,
        MODES,
        &Expect::Refused("looks like binary data (a NUL byte at offset 19)"),
    );
}

#[test]
fn a_directory_a_missing_file() {
    let dir = common::scratch("hostile", "dir");
    run_case(&dir, MODES, &Expect::Refused("is a directory"));
    run_case(
        &dir.join("missing.txt"),
        MODES,
        &Expect::Refused("missing.txt: no such file"),
    );
}

#[test]
fn a_file_name_with_escapes_is_reported_inert() {
    let dir = common::scratch("hostile", "name");
    // Missing: the error names it, escaped.
    run_case(
        &dir.join("\x1b]0;pwned\x07\u{9b}2J\u{202e}.txt"),
        MODES,
        &Expect::Refused(r"\u{1b}]0;pwned\u{7}\u{9b}2J\u{202e}.txt: no such file"),
    );
    // Present: its name is the printed title, drawn inert.
    let path = common::write(&dir, "\x1b[2J\u{202e}title.txt", b"Q: a?\nA: b\n");
    run_case(
        &path,
        &[MODES[0]],
        &Expect::Prints(|out, _| assert!(out.starts_with("␛[2Jtitle\n"), "{out}")),
    );
}

#[test]
fn json_errors_quoting_the_file_are_inert() {
    let dir = common::scratch("hostile", "jsonerr");
    let path = common::write(
        &dir,
        "bad.json",
        br#"{"title":"t","language":"ar","direction":"\u001b]0;pwned\u0007\u009b\u202e","speakers":[],"intro":[],"exchanges":[]}"#,
    );
    run_case(
        &path,
        &[MODES[0]],
        &Expect::Refused(r#"found the string "\u{1b}]0;pwned\u{7}\u{9b}\u{202e}""#),
    );
    // An unknown field is named as it is in the file, newline included: still
    // one inert line.
    let path = common::write(
        &dir,
        "field.json",
        br#"{"title":"t","\u001b[2J\n\u202eevil":1}"#,
    );
    run_case(
        &path,
        &[MODES[0]],
        &Expect::Refused(r"unknown field `\u{1b}[2J\u{a}\u{202e}evil`"),
    );
}

#[test]
fn an_unreadable_file() {
    use std::os::unix::fs::PermissionsExt;
    let dir = common::scratch("hostile", "unreadable");
    let path = common::write(&dir, "secret.txt", b"Q: a?\nA: b\n");
    fs::set_permissions(&path, fs::Permissions::from_mode(0o000)).expect("chmod 000");
    // File modes do not stop root: run as nobody then (the error mapping itself
    // has a unit test in document::input). Nobody may not reach the checkout
    // (a clone in a 0700 `mktemp -d`), so it runs a copy of the binary from the
    // scratch directory, made world-readable.
    // SAFETY: geteuid has no preconditions.
    let root = unsafe { libc::geteuid() } == 0;
    let binary = if root {
        let copy = dir.join("hiwar");
        fs::copy(assert_cmd::cargo::cargo_bin("hiwar"), &copy).expect("copy the binary");
        fs::set_permissions(&copy, fs::Permissions::from_mode(0o755)).expect("chmod 755");
        fs::set_permissions(&dir, fs::Permissions::from_mode(0o755)).expect("chmod 755");
        let closed = dir
            .ancestors()
            .skip(1)
            .find(|a| fs::metadata(a).is_ok_and(|m| m.permissions().mode() & 0o001 == 0));
        if let Some(closed) = closed {
            eprintln!(
                "skipped: nobody cannot enter {} (the temporary directory), so cannot run hiwar from it",
                closed.display()
            );
            return;
        }
        copy
    } else {
        assert_cmd::cargo::cargo_bin("hiwar")
    };
    for args in MODES {
        let mut cmd = StdCommand::new(&binary);
        cmd.env_clear().args(*args).arg(&path);
        if root {
            cmd.uid(65534).gid(65534);
        }
        let mut command = Command::from_std(cmd);
        command.timeout(DEADLINE);
        // The copy was just written: a test on another thread that forked meanwhile
        // holds it open for writing until it executes ("text file busy").
        let mut tries = 0;
        let output = loop {
            match command.output() {
                Err(e) if e.kind() == std::io::ErrorKind::ExecutableFileBusy && tries < 100 => {
                    tries += 1;
                    std::thread::sleep(Duration::from_millis(10));
                }
                output => break output.expect("hiwar runs"),
            }
        };
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{stderr}");
        assert!(output.stdout.is_empty());
        assert_eq!(
            stderr.trim_end(),
            format!("hiwar: {}: permission denied", path.display())
        );
    }
}

#[test]
fn a_fifo_with_hostile_text() {
    let dir = common::scratch("hostile", "fifo");
    let fifo = common::fifo(&dir, "fifo");
    for args in MODES {
        let writer = {
            let fifo = fifo.clone();
            std::thread::spawn(move || {
                // The reader may refuse early; a closed FIFO is fine then.
                if let Ok(mut f) = fs::OpenOptions::new().write(true).open(&fifo) {
                    let _ = f.write_all("Q: \x1b[2J\u{202e}a?\nA: b\u{9b}\n".as_bytes());
                }
            })
        };
        let output = hiwar().args(*args).arg(&fifo).output().expect("hiwar runs");
        writer.join().expect("the writer");
        assert_eq!(output.status.code(), Some(0), "{args:?}");
        assert_inert(&output.stdout, "FIFO");
        assert!(String::from_utf8_lossy(&output.stdout).contains("␛[2J"));
    }
}

#[test]
fn a_closed_pipe_and_a_full_disk() {
    let dir = common::scratch("hostile", "pipes");
    let mut text = String::new();
    for i in 0..20_000 {
        text.push_str(&format!("س: سؤال {i}؟\nج: جواب {i}.\n"));
    }
    let path = common::write(&dir, "many.txt", text.as_bytes());
    for args in [MODES[0], MODES[2]] {
        // A reader gone before the first write: quiet, exit 0.
        let mut child = StdCommand::new(assert_cmd::cargo::cargo_bin("hiwar"))
            .env_clear()
            .args(args)
            .arg(&path)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("hiwar starts");
        drop(child.stdout.take());
        let output = wait_with_deadline(child);
        assert_eq!(output.status.code(), Some(0), "{args:?}");
        assert!(
            output.stderr.is_empty(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );

        // A full disk: one clear line, exit 1.
        let full = fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .expect("/dev/full");
        let child = StdCommand::new(assert_cmd::cargo::cargo_bin("hiwar"))
            .env_clear()
            .args(args)
            .arg(&path)
            .stdout(full)
            .stderr(Stdio::piped())
            .spawn()
            .expect("hiwar starts");
        let output = wait_with_deadline(child);
        assert_eq!(output.status.code(), Some(1), "{args:?}");
        assert_eq!(
            String::from_utf8_lossy(&output.stderr).trim_end(),
            "hiwar: cannot write output: No space left on device (os error 28)"
        );
    }
}

#[test]
fn the_leak_check_can_fail() {
    for bad in [
        &b"a\x1bb"[..],
        "a\u{9b}".as_bytes(),
        "\u{202e}".as_bytes(),
        "\u{2069}x".as_bytes(),
        "\u{200f}".as_bytes(),
        b"\x07",
        b"\r\n",
        b"\x7f",
        b"\x08",
    ] {
        assert!(leak(bad).is_some(), "{bad:02X?}");
    }
    assert_eq!(leak("ب ␛ \u{FFFD} لا\n".as_bytes()), None);
}

#[test]
fn export_of_hostile_text_is_inert_and_reads_back() {
    let dir = common::scratch("hostile", "export");
    let text = "Q: \x1b]0;t\x07 \u{9b}2J \u{202e}abc\u{202c} \u{2067}x\u{2069} \x7f\u{200f}\nA: \x08\r\u{85}b\n";
    let path = common::write(&dir, "hostile.txt", text.as_bytes());
    let output = hiwar()
        .args(["--export", "json"])
        .arg(&path)
        .output()
        .expect("hiwar runs");
    assert_eq!(output.status.code(), Some(0));
    // Pretty JSON has its own newlines; nothing else may act on a terminal.
    assert_inert(&output.stdout, "export");
    let json = common::write(&dir, "back.json", &output.stdout);
    let again = hiwar()
        .args(["--export", "json"])
        .arg(&json)
        .output()
        .expect("hiwar runs");
    assert_eq!(
        again.stdout, output.stdout,
        "the round trip keeps everything"
    );
}

//! The real binary: print, plain print, export and read back, and every kind of
//! bad input or usage with its exit code and its one-line message.

mod common;

use std::ffi::OsStr;
use std::fs;
use std::io::{Read, Write};
use std::process::{Command as StdCommand, Stdio};

use assert_cmd::Command;
use common::{hiwar, hiwar_piped, stdout_of};
use predicates::prelude::*;

/// Runs and checks a failure: exit code, and exactly one stderr line that
/// contains every fragment and no panic.
fn fails(cmd: &mut Command, code: i32, fragments: &[&str]) {
    let output = cmd.output().expect("hiwar runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(code), "stderr: {stderr}");
    assert!(output.stdout.is_empty(), "nothing printed on failure");
    assert!(!stderr.contains("panicked"), "{stderr}");
    if code == 1 {
        assert_eq!(stderr.lines().count(), 1, "one line: {stderr}");
        assert!(stderr.starts_with("hiwar: "), "{stderr}");
    }
    for fragment in fragments {
        assert!(stderr.contains(fragment), "{fragment:?} not in {stderr:?}");
    }
}

#[test]
fn print_width_80_of_the_builtin_interview() {
    let out = stdout_of(hiwar().args(["--print", "--width", "80"]));
    insta::assert_snapshot!("print_builtin_width_80", out);
}

/// Issue 19: what goes to a pipe with no mode asked is the document's text in
/// logical order (it was the --print layout): the built-in interview as its file
/// reads, the labels written out as names, a blank line between paragraphs.
#[test]
fn a_pipe_gets_the_logical_text_and_print_the_layout() {
    let text = stdout_of(&mut hiwar());
    let source = include_str!("../assets/interview-ar.txt");
    let paragraphs: Vec<&str> = source.lines().filter(|l| !l.trim().is_empty()).collect();
    let lines: Vec<&str> = text.lines().collect();
    // The title, then the 32 paragraphs, each followed by a blank line but the last.
    assert_eq!(lines.len(), 33 * 2 - 1, "{text}");
    assert!(text.ends_with('\n'), "ends with a newline");
    assert!(lines.iter().skip(1).step_by(2).all(|l| l.is_empty()));
    assert_eq!(
        lines[0],
        "السفير الصيني لدى كازاخستان تشانغ شياو لجلوبال تايمز: عشر سنوات من مبادرة الحزام والطريق"
    );
    // Each paragraph of the file, its label replaced by the speaker's name and a
    // question led by its number.
    let mut question = 0;
    for (paragraph, line) in paragraphs.iter().zip(lines.iter().skip(2).step_by(2)) {
        let expected = if let Some(rest) = paragraph.strip_prefix("ج.ت:") {
            question += 1;
            format!("{question}. جلوبال تايمز: {}", rest.trim_start())
        } else if let Some(rest) = paragraph.strip_prefix("تشانغ:") {
            format!("تشانغ شياو: {}", rest.trim_start())
        } else {
            paragraph.to_string()
        };
        assert_eq!(*line, expected);
    }
    assert_eq!(question, 7);
    // Letters as the file has them: no presentation forms, no reordering marks.
    assert!(!text.chars().any(|c| ('\u{FB50}'..='\u{FEFF}').contains(&c)));
    assert!(!text.chars().any(|c| ('\u{202A}'..='\u{202E}').contains(&c)));

    // --print still asks for the laid-out form, at 80 columns without a terminal.
    let printed = stdout_of(hiwar().arg("--print"));
    assert_ne!(printed, text);
    assert!(
        printed
            .chars()
            .any(|c| ('\u{FE70}'..='\u{FEFF}').contains(&c))
    );
    assert_eq!(
        printed,
        stdout_of(hiwar().args(["--print", "--width", "80"]))
    );
}

/// An alias of reader options must not break `| head`: with no mode asked, the
/// options that do not apply to the text are let be (an explicit --print with a
/// reader option is still refused: tests/settings.rs).
#[test]
fn options_of_the_implicit_mode_are_let_be() {
    let plain = stdout_of(&mut hiwar());
    for args in [
        &["--no-resume"][..],
        &["--theme", "dark", "--lang", "ar", "--answer-width", "50"],
        &["--width", "40", "--shaping", "off", "--direction", "ltr"],
        &["--terminal-bidi", "lro-rows"],
    ] {
        assert_eq!(stdout_of(hiwar().args(args)), plain, "{args:?}");
    }
}

/// No FILE and standard input a pipe or a file: hiwar reads it (it read the
/// built-in interview before), its format found from the content.
#[test]
fn standard_input_is_read_when_something_is_piped_in() {
    let text = "س: لماذا؟\nج: لأن.\nس: حقا؟\nج: نعم.\n";
    let piped = stdout_of(hiwar_piped().write_stdin(text));
    assert_eq!(piped, "1. س: لماذا؟\n\nج: لأن.\n\n2. س: حقا؟\n\nج: نعم.\n");
    // `echo 'مرحبا' | hiwar --print --plain` lays out what was piped.
    let laid = stdout_of(
        hiwar_piped()
            .args(["--print", "--plain", "--width", "10"])
            .write_stdin("مرحبا\n"),
    );
    assert_eq!(laid, "     ﺎﺒﺣﺮﻣ\n");
    // JSON and Markdown are found from the content.
    let json = stdout_of(hiwar().args(["--export", "json"]));
    let back = stdout_of(
        hiwar_piped()
            .args(["--export", "json"])
            .write_stdin(json.clone()),
    );
    assert_eq!(back, json);
    let markdown = "# عنوان\n\n**س:** لماذا؟\n\n**ج:** لأن.\n";
    let read = stdout_of(hiwar_piped().write_stdin(markdown));
    // The heading is the title: Markdown, not a text paragraph `# عنوان`.
    assert_eq!(read, "عنوان\n\nس: لماذا؟\n\nج: لأن.\n");
    // `hiwar < file`: standard input is a file.
    let dir = common::scratch("cli", "stdin-file");
    let path = common::write(&dir, "talk.txt", text.as_bytes());
    let output = std::process::Command::new(assert_cmd::cargo::cargo_bin("hiwar"))
        .env_clear()
        .stdin(std::fs::File::open(&path).expect("the file"))
        .output()
        .expect("hiwar runs");
    assert!(output.status.success());
    assert_eq!(String::from_utf8_lossy(&output.stdout), piped);
    // An empty pipe is an empty document, as `hiwar -` reads it.
    hiwar_piped()
        .write_stdin("")
        .assert()
        .code(1)
        .stderr("hiwar: standard input: empty document (no paragraphs)\n");
}

#[test]
fn print_options_change_the_layout() {
    let wide = stdout_of(hiwar().args(["--print", "--width", "120"]));
    let narrow = stdout_of(hiwar().args(["--print", "--width", "40"]));
    assert!(narrow.lines().count() > wide.lines().count());
    let unwrapped = stdout_of(hiwar().args(["--print", "--width", "0"]));
    // Width 0: one line per paragraph, blank lines between: 33 paragraphs.
    assert_eq!(unwrapped.lines().count(), 33 * 2 - 1);
    assert!(!unwrapped.lines().any(|l| l.starts_with(' ')));
}

#[test]
fn export_json_reads_back_losslessly() {
    let dir = common::scratch("cli", "export");
    let json = stdout_of(hiwar().args(["--export", "json"]));
    assert!(json.starts_with("{\n  \"title\": "));
    let path = common::write(&dir, "interview.json", json.as_bytes());
    let again = stdout_of(hiwar().args(["--export", "json"]).arg(&path));
    assert_eq!(again, json);
    // The same print from JSON as from the built-in text.
    let from_json = stdout_of(hiwar().args(["--print", "--width", "70"]).arg(&path));
    let builtin = stdout_of(hiwar().args(["--print", "--width", "70"]));
    assert_eq!(from_json, builtin);
    // JSON is recognised by content too, on stdin or under another name.
    let renamed = common::write(&dir, "interview.data", json.as_bytes());
    assert_eq!(
        stdout_of(hiwar().args(["--export", "json"]).arg(&renamed)),
        json
    );
    let piped = stdout_of(
        hiwar_piped()
            .args(["--export", "json", "-"])
            .write_stdin(json.clone()),
    );
    assert_eq!(piped, json);
}

#[test]
fn text_from_a_file_and_from_stdin() {
    let dir = common::scratch("cli", "text");
    let text = "Q: Why?\nA: Because.\nQ: Really?\r\nA: Yes.\n";
    let path = common::write(&dir, "talk.txt", text.as_bytes());
    let json = stdout_of(hiwar().args(["--export", "json"]).arg(&path));
    let value: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(value["title"], "talk");
    assert_eq!(value["language"], "und");
    assert_eq!(value["direction"], "ltr");
    assert_eq!(value["exchanges"].as_array().map(Vec::len), Some(2));
    assert_eq!(value["exchanges"][1]["answer"][0], "Yes.");

    let piped = stdout_of(
        hiwar_piped()
            .args(["--export", "json", "-"])
            .write_stdin(text),
    );
    let value: serde_json::Value = serde_json::from_str(&piped).expect("JSON");
    assert_eq!(value["title"], "");

    let printed = stdout_of(hiwar().args(["--print", "--width", "40"]).arg(&path));
    assert_eq!(
        printed,
        "talk\n\n1. Q: Why?\n\nA: Because.\n\n2. Q: Really?\n\nA: Yes.\n"
    );
}

#[test]
fn the_file_name_does_not_vote_on_the_direction() {
    // A tie between L and R letters: right-to-left, from stdin and from a file
    // whose name (the title) is Latin.
    let dir = common::scratch("cli", "tie");
    let path = common::write(&dir, "tie.txt", "abc אבג\n".as_bytes());
    for cmd in [
        hiwar().args(["--export", "json"]).arg(&path),
        hiwar_piped()
            .args(["--export", "json", "-"])
            .write_stdin("abc אבג\n"),
    ] {
        let value: serde_json::Value = serde_json::from_str(&stdout_of(cmd)).expect("JSON");
        assert_eq!(value["direction"], "rtl", "{value}");
    }
    // Printed right-aligned, like any right-to-left paragraph.
    let printed = stdout_of(hiwar().args(["--print", "--width", "12"]).arg(&path));
    assert_eq!(printed, "         tie\n\n     גבא abc\n");
}

#[test]
fn a_plain_text_interview_gets_its_language_from_its_script() {
    let language = |cmd: &mut Command| -> String {
        let value: serde_json::Value = serde_json::from_str(&stdout_of(cmd)).expect("JSON");
        value["language"].as_str().expect("a language").to_string()
    };
    // The built-in interview's text read as a file, without its metadata.
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/interview-ar.txt");
    assert_eq!(language(hiwar().args(["--export", "json", path])), "ar");
    for (text, expected) in [
        ("پرسش: چرا؟\nپاسخ: چون.\nپرسش: کی؟\nپاسخ: دیروز.\n", "fa"),
        ("שאלה: למה?\nתשובה: כי.\nשאלה: מתי?\nתשובה: אתמול.\n", "he"),
        ("Q: Why?\nA: Because.\nQ: When?\nA: Yesterday.\n", "und"),
    ] {
        assert_eq!(
            language(
                hiwar_piped()
                    .args(["--export", "json", "-"])
                    .write_stdin(text)
            ),
            expected,
            "{text}"
        );
    }
}

#[test]
fn interviewer_flag_chooses_who_asks() {
    let dir = common::scratch("cli", "interviewer");
    let path = common::write(&dir, "t.txt", b"A: one\nB: two\nA: three\nB: four\n");
    let json = stdout_of(
        hiwar()
            .args(["--export", "json", "--interviewer", "B"])
            .arg(&path),
    );
    let value: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(value["speakers"][0]["label"], "B");
    assert_eq!(value["exchanges"][1]["question"][0], "two");

    let builtin = stdout_of(hiwar().args(["--export", "json", "--interviewer", "تشانغ:"]));
    let value: serde_json::Value = serde_json::from_str(&builtin).expect("JSON");
    assert_eq!(value["speakers"][0]["name"], "تشانغ شياو");
}

/// An empty input: a file, or standard input with these bytes.
enum Empty {
    File(std::path::PathBuf),
    Stdin(&'static str),
}

impl Empty {
    /// Every kind: empty and blank files, an empty `.json`, a BOM alone, and
    /// standard input empty or blank; with the name errors give each.
    fn all() -> Vec<(String, Empty)> {
        let dir = common::scratch("cli", "empty");
        let mut inputs = Vec::new();
        for (name, bytes) in [
            ("empty.txt", &b""[..]),
            ("blank.txt", &b"  \n\n\t\r\n"[..]),
            ("empty.json", &b""[..]),
            ("bom.txt", &b"\xef\xbb\xbf\n"[..]),
        ] {
            let path = common::write(&dir, name, bytes);
            inputs.push((path.display().to_string(), Empty::File(path)));
        }
        for stdin in ["", " \n\n"] {
            inputs.push(("standard input".to_string(), Empty::Stdin(stdin)));
        }
        inputs
    }

    fn run(&self, args: &[&str]) -> Command {
        let mut cmd = match self {
            Empty::File(_) => hiwar(),
            Empty::Stdin(_) => hiwar_piped(),
        };
        cmd.args(args);
        match self {
            Empty::File(path) => cmd.arg(path),
            Empty::Stdin(bytes) => cmd.arg("-").write_stdin(*bytes),
        };
        cmd
    }
}

#[test]
fn an_empty_document_is_refused_by_print_and_written_by_export_and_plain() {
    for (name, input) in Empty::all() {
        // Print, asked for or because stdout is not a terminal: nothing to read.
        for args in [&["--print"][..], &["--print", "--width", "0"], &[]] {
            fails(
                &mut input.run(args),
                1,
                &[&format!("hiwar: {name}: empty document (no paragraphs)\n")],
            );
        }
        // Plain print is a filter: what comes in goes out, blank lines included.
        let out = stdout_of(&mut input.run(&["--print", "--plain", "--width", "0"]));
        assert!(out.chars().all(|c| c == '\n'), "{name}: {out:?}");
        // Export writes the empty interview, which reads back as one.
        let json = stdout_of(&mut input.run(&["--export", "json"]));
        let value: serde_json::Value = serde_json::from_str(&json).expect("JSON");
        assert_eq!(value["intro"], serde_json::json!([]), "{name}");
        assert_eq!(value["exchanges"], serde_json::json!([]), "{name}");
        let dir = common::scratch("cli", "empty-export");
        let path = common::write(&dir, "exported.json", json.as_bytes());
        fails(
            hiwar().arg("--print").arg(&path),
            1,
            &["exported.json: empty document (no paragraphs)"],
        );
    }
    // JSON whose paragraphs are all blank is empty too; one with a paragraph is not.
    let dir = common::scratch("cli", "blank-json");
    let blank = minimal_json().replace(
        r#""exchanges":[]"#,
        r#""exchanges":[{"question":[" "],"answer":[]}]"#,
    );
    let path = common::write(&dir, "blank.json", blank.as_bytes());
    fails(hiwar().arg("--print").arg(&path), 1, &["empty document"]);
    let path = common::write(
        &dir,
        "one.json",
        blank.replace("[\" \"]", "[\"q?\"]").as_bytes(),
    );
    assert_eq!(
        stdout_of(hiwar().args(["--print", "--width", "10"]).arg(&path)),
        "t\n\n1. q?\n"
    );
}
#[test]
fn plain_prints_line_by_line() {
    let out = stdout_of(
        hiwar_piped()
            .args(["--print", "--plain", "--width", "0", "-"])
            .write_stdin("abc\n\n  \ndef"),
    );
    assert_eq!(out, "abc\n\n\ndef\n");
    let out = stdout_of(hiwar().args(["--print", "--plain", "--width", "0"]));
    assert_eq!(out.lines().count(), 32);
    let out = stdout_of(hiwar().args(["--print", "--plain", "--width", "50"]));
    for line in out.lines() {
        assert!(!line.ends_with(' '));
    }
    // Plain text is never read as JSON.
    let out = stdout_of(
        hiwar_piped()
            .args(["--print", "--plain", "--width", "0", "-"])
            .write_stdin("{\"title\": 1}"),
    );
    assert_eq!(out, "{\"title\": 1}\n");
}

#[test]
fn a_fifo_is_read_like_a_pipe() {
    let dir = common::scratch("cli", "fifo");
    let fifo = common::fifo(&dir, "fifo");
    let writer = {
        let fifo = fifo.clone();
        std::thread::spawn(move || {
            let mut f = fs::OpenOptions::new()
                .write(true)
                .open(&fifo)
                .expect("open the FIFO");
            f.write_all(b"Q: a?\nA: b\nQ: c?\nA: d\n")
                .expect("write the FIFO");
        })
    };
    let out = stdout_of(hiwar().args(["--export", "json"]).arg(&fifo));
    writer.join().expect("the writer");
    assert!(out.contains("\"question\""), "{out}");
}

#[test]
fn missing_file() {
    fails(
        hiwar().args(["--print", "/nonexistent/talk.txt"]),
        1,
        &["/nonexistent/talk.txt: no such file"],
    );
}

#[test]
fn a_directory() {
    let dir = common::scratch("cli", "dir");
    fails(
        hiwar().arg("--print").arg(&dir),
        1,
        &[&format!("{}: is a directory", dir.display())],
    );
}

#[test]
fn an_unreadable_file() {
    use std::os::unix::fs::PermissionsExt;
    let dir = common::scratch("cli", "unreadable");
    let path = common::write(&dir, "secret.txt", b"text");
    fs::set_permissions(&path, fs::Permissions::from_mode(0o000)).expect("chmod");
    if fs::File::open(&path).is_ok() {
        // Running as root: permissions do not apply, nothing to test here.
        eprintln!("skipped: this user can read a file of mode 000");
        return;
    }
    fails(
        hiwar().arg("--print").arg(&path),
        1,
        &["secret.txt: permission denied"],
    );
}

#[test]
fn not_utf8() {
    let dir = common::scratch("cli", "latin1");
    let path = common::write(&dir, "latin1.txt", b"caf\xe9 au lait\n");
    fails(
        hiwar().arg("--print").arg(&path),
        1,
        &["latin1.txt: not UTF-8 text: invalid byte sequence at byte offset 3"],
    );
    // Plain mode and stdin refuse the same way.
    fails(
        hiwar_piped()
            .args(["--print", "--plain", "-"])
            .write_stdin(&b"ok\n\xff"[..]),
        1,
        &["standard input: not UTF-8 text", "offset 3"],
    );
}

#[test]
fn binary_data() {
    let dir = common::scratch("cli", "binary");
    let path = common::write(&dir, "a.out", b"\x7fELF\x02\x01\x01\x00\x00");
    fails(
        hiwar().arg("--print").arg(&path),
        1,
        &["a.out: looks like binary data (a NUL byte at offset 7)"],
    );
    fails(
        hiwar().args(["--print", "/dev/zero"]),
        1,
        &["/dev/zero: looks like binary data"],
    );
    let path = common::write(&dir, "utf16.txt", b"\xff\xfeH\x00i\x00");
    fails(
        hiwar().arg("--print").arg(&path),
        1,
        &["utf16.txt: looks like UTF-16 text"],
    );
}

#[test]
fn json_not_matching_the_schema() {
    let dir = common::scratch("cli", "json");
    let path = common::write(&dir, "bad.json", b"{\n  \"title\": 7\n}\n");
    fails(
        hiwar().arg("--print").arg(&path),
        1,
        &[
            "bad.json: not a hiwar interview (JSON, line 2, column 12): expected a string, found the number 7",
        ],
    );
    let path = common::write(&dir, "missing.json", b"{\"title\": \"t\"}");
    fails(
        hiwar().arg("--print").arg(&path),
        1,
        &[
            "missing.json: ",
            "line 1, column 14",
            "missing field `language`",
        ],
    );
    let path = common::write(&dir, "broken.json", b"{\"title\": \"t\",\n\"lang");
    fails(
        hiwar().args(["--export", "json"]).arg(&path),
        1,
        &["broken.json: ", "line 2, column 5", "EOF while parsing"],
    );
    // Not an object: what an interview is, in the format's words.
    let path = common::write(&dir, "list.json", b"[]");
    fails(
        hiwar().arg("--print").arg(&path),
        1,
        &[
            "list.json: not a hiwar interview (JSON, line 1, column 1): expected an interview: an object with title, language, direction, speakers, intro and exchanges, found an array",
        ],
    );
    // A misspelled optional field is refused, named, with its place.
    let misspelled = minimal_json().replace("\"speakers\"", "\n\"sorce\":\"GT\",\"speakers\"");
    let path = common::write(&dir, "misspelled.json", misspelled.as_bytes());
    fails(
        hiwar().args(["--export", "json"]).arg(&path),
        1,
        &[
            "misspelled.json: not a hiwar interview (JSON, line 2, column 7): unknown field `sorce`, expected one of `version`, `title`, ",
        ],
    );
    let path = common::write(&dir, "notjson.json", b"just text");
    fails(
        hiwar().arg("--print").arg(&path),
        1,
        &["notjson.json: not a hiwar interview (JSON, line 1, column 1)"],
    );
}

#[test]
fn bad_usage_exits_2() {
    fails(hiwar().arg("--plain"), 2, &["--print"]);
    // Every bad width gets the width's range; a negative one is not taken for
    // the FILE (clap's "unexpected argument" with a `-- -1` tip).
    for width in ["-1", "-0", "wide", "100000", "10001", "1.5", ""] {
        let output = hiwar()
            .args(["--width", width])
            .output()
            .expect("hiwar runs");
        assert_eq!(output.status.code(), Some(2), "--width {width:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(
            stderr.lines().next(),
            Some(
                format!(
                    "error: invalid value '{width}' for '--width <N>': the width must be 0–10000 columns (0: no wrapping)"
                )
                .as_str()
            ),
            "{stderr}"
        );
        assert!(!stderr.contains("unexpected argument"), "{stderr}");
    }
    fails(
        hiwar().arg("--width=-1"),
        2,
        &["the width must be 0–10000 columns"],
    );
    // The limits themselves are widths.
    for width in ["0", "10000"] {
        assert!(!stdout_of(hiwar().args(["--print", "--width", width])).is_empty());
    }
    fails(hiwar().args(["--direction", "up"]), 2, &["up"]);
    fails(hiwar().args(["--export", "xml"]), 2, &["xml"]);
    fails(hiwar().args(["a", "b"]), 2, &["unexpected argument"]);
    fails(
        hiwar().args(["--print", "--interviewer", "Nobody"]),
        2,
        &["--interviewer Nobody: no paragraph of built-in interview starts with `Nobody:`"],
    );
    let dir = common::scratch("cli", "usage");
    let path = common::write(&dir, "i.json", minimal_json().as_bytes());
    fails(
        hiwar().args(["--print", "--interviewer", "X"]).arg(&path),
        2,
        &["--interviewer applies to plain-text interviews"],
    );
}

/// Runs and checks a usage error: exit code 2 and exactly this one line.
fn usage_error(cmd: &mut Command, line: &str) {
    let output = cmd.output().expect("hiwar runs");
    assert_eq!(
        (
            output.status.code(),
            String::from_utf8_lossy(&output.stderr).as_ref()
        ),
        (Some(2), format!("hiwar: {line}\n").as_str())
    );
    assert!(output.stdout.is_empty());
}

#[test]
fn options_that_do_not_apply_to_the_mode_are_refused_with_the_reason() {
    usage_error(
        hiwar().args([
            "--export",
            "json",
            "--width",
            "5",
            "--direction",
            "ltr",
            "--shaping",
            "off",
        ]),
        "--width, --direction and --shaping do not apply to --export json: it writes the interview itself, not a layout of it",
    );
    // Any value, the default's included, is an option given.
    usage_error(
        hiwar().args(["--export", "json", "--shaping", "on"]),
        "--shaping does not apply to --export json: it writes the interview itself, not a layout of it",
    );
    usage_error(
        hiwar().args(["--export", "json", "--direction", "rtl", "--width", "0"]),
        "--width and --direction do not apply to --export json: it writes the interview itself, not a layout of it",
    );
    usage_error(
        hiwar().args(["--print", "--plain", "--interviewer", "Q"]),
        "--interviewer does not apply to --print --plain: it reads lines, not speakers",
    );
    usage_error(
        hiwar().args(["--export", "json", "--print"]),
        "--print and --export json both choose what to write; give one",
    );
    usage_error(
        hiwar().args(["--export", "json", "--plain"]),
        "--plain does not apply to --export json: it is a way of printing (--print --plain)",
    );
    usage_error(
        hiwar().arg("--plain"),
        "--plain applies to --print: --print --plain prints each line as a paragraph",
    );
    // Refused before any input is read: a missing file is not the first problem.
    usage_error(
        hiwar().args(["--export", "json", "--width", "5", "/nonexistent.txt"]),
        "--width does not apply to --export json: it writes the interview itself, not a layout of it",
    );
    // What does apply is accepted: --interviewer with export, every layout
    // option with print and plain print, --width when stdout is not a terminal.
    let dir = common::scratch("cli", "modes");
    let path = common::write(&dir, "t.txt", b"A: one\nB: two\nA: three\nB: four\n");
    stdout_of(
        hiwar()
            .args(["--export", "json", "--interviewer", "B"])
            .arg(&path),
    );
    for args in [
        &[
            "--print",
            "--width",
            "5",
            "--direction",
            "ltr",
            "--shaping",
            "off",
            "--interviewer",
            "B",
        ][..],
        &[
            "--print",
            "--plain",
            "--width",
            "5",
            "--direction",
            "auto",
            "--shaping",
            "on",
        ],
        &["--width", "5", "--direction", "rtl", "--shaping", "off"],
    ] {
        stdout_of(hiwar().args(args).arg(&path));
    }
}

/// Runs hiwar in a pseudo-terminal of 24x80 until it exits: its exit code and
/// everything it wrote to the terminal.
fn in_a_terminal(args: &[&OsStr]) -> (u32, String) {
    let args: Vec<&str> = args
        .iter()
        .map(|a| a.to_str().expect("a UTF-8 argument"))
        .collect();
    let mut pty = common::pty::Pty::hiwar(&args, &[], 24, 80);
    let Some(status) = pty.wait_exit_or_kill() else {
        panic!("hiwar {args:?} did not exit: it opened the reader");
    };
    (
        status.exit_code(),
        String::from_utf8_lossy(&pty.raw).into_owned(),
    )
}

#[test]
fn the_reader_refuses_bad_usage_and_empty_documents_before_touching_the_terminal() {
    let dir = common::scratch("cli", "reader");
    let empty = common::write(&dir, "empty.txt", b"\n \n");
    for (args, code, message) in [
        (
            vec![OsStr::new("--plain")],
            2,
            "hiwar: --plain applies to --print: --print --plain prints each line as a paragraph"
                .to_string(),
        ),
        (
            vec![empty.as_os_str()],
            1,
            format!("hiwar: {}: empty document (no paragraphs)", empty.display()),
        ),
    ] {
        let (status, output) = in_a_terminal(&args);
        assert_eq!(status, code, "{args:?}: {output:?}");
        // The terminal turns the newline into CR LF.
        assert_eq!(output, format!("{message}\r\n"), "{args:?}");
    }
}

/// Issue 19: `--width N` in the reader is the answer's width (it was refused):
/// the same screen as `--answer-width N`, another than the default.
#[test]
fn width_in_the_reader_is_the_answer_width() {
    let screen = |args: &[&str]| {
        let mut pty = common::pty::Pty::hiwar(args, &[], 24, 120);
        pty.wait_for_screen("the first screen", &common::pty::hints_drawn());
        pty.wait_quiet();
        let text = pty.screen_text();
        pty.send(b"q");
        assert!(pty.wait_exit().success());
        text
    };
    let width = screen(&["--no-resume", "--width", "40"]);
    assert_eq!(width, screen(&["--no-resume", "--answer-width", "40"]));
    assert_ne!(width, screen(&["--no-resume"]));
}

fn minimal_json() -> String {
    r#"{"title":"t","language":"en","direction":"ltr","speakers":[],"intro":[],"exchanges":[]}"#
        .to_string()
}

#[test]
fn a_closed_pipe_exits_quietly() {
    // Plain print of a large input, its reader gone before the first write.
    let big = "كلمة word ".repeat(20_000) + "\n";
    let mut child = StdCommand::new(assert_cmd::cargo::cargo_bin("hiwar"))
        .args(["--print", "--plain", "--width", "80", "-"])
        .env_clear()
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("hiwar starts");
    drop(child.stdout.take());
    let mut stdin = child.stdin.take().expect("stdin");
    stdin.write_all(big.as_bytes()).expect("feed stdin");
    drop(stdin);
    let status = child.wait().expect("hiwar ends");
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .expect("stderr")
        .read_to_string(&mut stderr)
        .expect("read stderr");
    assert_eq!(status.code(), Some(0), "stderr: {stderr}");
    assert_eq!(stderr, "");
}

#[test]
fn a_full_disk_fails_clearly() {
    let full = fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .expect("/dev/full");
    let output = StdCommand::new(assert_cmd::cargo::cargo_bin("hiwar"))
        .arg("--print")
        .env_clear()
        .stdout(full)
        .output()
        .expect("hiwar runs");
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(
        stderr.trim_end(),
        "hiwar: cannot write output: No space left on device (os error 28)"
    );
}

#[test]
fn help_and_version() {
    hiwar()
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("--export"));
    hiwar()
        .arg("--version")
        .assert()
        .success()
        .stdout(predicate::str::starts_with("hiwar "));
}

#[test]
fn print_writes_no_control_from_the_document() {
    let dir = common::scratch("cli", "hostile");
    let hostile = "عنوان\u{1b}]0;pwned\u{7}\nQ: \u{1b}[2Jclear \u{9b}31m red\u{7f}\nA: \u{202e}evil\u{202c} \u{2067}x\u{2069} bell\u{7}\nQ: again\u{8}\rback\nA: ok\n";
    let path = common::write(&dir, "hostile.txt", hostile.as_bytes());
    for args in [
        &["--print", "--width", "40"][..],
        &["--print", "--width", "0"][..],
        &["--print", "--plain", "--width", "30"][..],
    ] {
        let out = stdout_of(hiwar().args(args).arg(&path));
        for c in out.chars() {
            let control = (c < ' ' && c != '\n') || ('\u{7f}'..='\u{9f}').contains(&c);
            let bidi = matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
            assert!(!control && !bidi, "{c:?} written by {args:?}: {out:?}");
        }
    }
}

/// Runs `program` with `args`; its stdout when it succeeds with nothing on
/// stderr. The tools are installed by .ci/run.
fn tool(program: &str, args: &[&OsStr]) -> String {
    let output = std::process::Command::new(program)
        .args(args)
        .env("MANWIDTH", "80")
        .output()
        .unwrap_or_else(|e| panic!("{program} runs (.ci/run installs it): {e}"));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success() && stderr.is_empty(),
        "{program} {args:?}: {stderr}"
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// `--generate` (ripgrep's interface): a man page that `man -l` renders, with the
/// keys of the reader's key table and the settings file, and completion scripts
/// that bash, zsh and fish accept.
#[test]
fn generate_writes_a_man_page_and_completions_their_tools_accept() {
    let dir = common::scratch("cli", "generate");
    let page = stdout_of(hiwar().args(["--generate", "man"]));
    assert!(
        page.starts_with(".ie \\n(.g .ds Aq"),
        "roff: {}",
        &page[..40]
    );
    let path = common::write(&dir, "hiwar.1", page.as_bytes());
    let rendered = tool("man", &[OsStr::new("-l"), path.as_os_str()]);
    for part in [
        "NAME",
        "SYNOPSIS",
        "--print-config",
        "--generate <WHAT>",
        "KEYS",
        "PgDn Space",
        "copy the question and answer",
        "Ctrl-U",
        "FILES",
        "$XDG_CONFIG_HOME/hiwar/config.toml",
        "EXIT STATUS",
    ] {
        assert!(
            rendered.contains(part),
            "{part} in the man page:\n{rendered}"
        );
    }
    let bash = stdout_of(hiwar().args(["--generate", "complete-bash"]));
    let path = common::write(&dir, "hiwar.bash", bash.as_bytes());
    tool("bash", &[OsStr::new("-n"), path.as_os_str()]);
    // Sourced, it completes hiwar's options.
    let script = format!(
        "source {}; COMP_WORDS=(hiwar --the); COMP_CWORD=1; _hiwar hiwar --the hiwar; echo \"${{COMPREPLY[@]}}\"",
        path.display()
    );
    let offered = tool("bash", &[OsStr::new("-c"), OsStr::new(&script)]);
    assert_eq!(offered.trim(), "--theme", "{offered}");
    let zsh = stdout_of(hiwar().args(["--generate", "complete-zsh"]));
    assert!(zsh.starts_with("#compdef hiwar"));
    let path = common::write(&dir, "_hiwar", zsh.as_bytes());
    tool("zsh", &[OsStr::new("-n"), path.as_os_str()]);
    let fish = stdout_of(hiwar().args(["--generate", "complete-fish"]));
    assert!(fish.contains("complete -c hiwar -l theme"), "{fish}");
    let path = common::write(&dir, "hiwar.fish", fish.as_bytes());
    tool("fish", &[OsStr::new("--no-execute"), path.as_os_str()]);
    // It reads no document and no settings: a broken config file does not stop it.
    let config = common::write(&dir, "config.toml", b"colour = 1\n");
    let again = stdout_of(
        hiwar()
            .env("HIWAR_CONFIG", &config)
            .args(["--generate", "complete-bash"]),
    );
    assert_eq!(again, bash);
    hiwar()
        .args(["--generate", "man", "--print"])
        .assert()
        .code(2)
        .stderr("hiwar: --generate writes hiwar's own man page or completions and reads no document: give it without --print\n");
}

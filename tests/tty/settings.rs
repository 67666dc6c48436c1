//! Settings through the real binary: the config file and its errors, the options
//! that override it, `--print-config`, `NO_COLOR` in a real terminal, and `y`
//! copying the text with OSC 52.

use crate::common;

use std::fs;

use assert_cmd::Command;
use base64::Engine;
use common::pty::{Pty, hints_drawn};

/// The binary with an empty environment but for `env`.
fn hiwar(env: &[(&str, &str)]) -> Command {
    let mut cmd = common::hiwar();
    for (name, value) in env {
        cmd.env(name, value);
    }
    cmd
}

fn run(cmd: &mut Command) -> (i32, String, String) {
    let output = cmd.output().expect("hiwar runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn an_unknown_key_is_bad_usage_naming_the_file_the_line_and_the_key() {
    let dir = common::scratch("settings", "unknown-key");
    let config = common::write(
        &dir,
        "config.toml",
        b"theme = \"dark\"\n\ncolour = \"red\"\n",
    );
    let path = config.display().to_string();
    for args in [
        vec!["--config", path.as_str(), "--print-config"],
        vec!["--config", path.as_str(), "--print", "--width", "40"],
        vec!["--config", path.as_str(), "--export", "json"],
    ] {
        let (code, stdout, stderr) = run(hiwar(&[]).args(&args));
        assert_eq!(code, 2, "{args:?}: {stderr}");
        assert!(stdout.is_empty());
        assert!(
            stderr.starts_with(&format!(
                "hiwar: {path}: line 3, colour: unknown key `colour`, expected one of `theme`"
            )),
            "{stderr}"
        );
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
    }
}

#[test]
fn a_bad_value_is_bad_usage_naming_the_file_the_line_and_the_key() {
    let dir = common::scratch("settings", "bad-value");
    let cases: [(&str, &str); 4] = [
        (
            "resume = true\ntheme = \"blue\"\n",
            "line 2, theme: unknown value `blue`, expected one of `default`, `light`, `dark`, `mono`",
        ),
        (
            "answer-width = 5000\n",
            "line 1, answer-width: 5000 is not a width: 0–1000 columns (0: no cap)",
        ),
        ("shaping = \"off\"\n", "line 1, shaping: invalid type"),
        (
            "terminal-bidi = \"sideways\"\n",
            "line 1, terminal-bidi: unknown value `sideways`",
        ),
    ];
    for (text, message) in cases {
        let config = common::write(&dir, "config.toml", text.as_bytes());
        // Through HIWAR_CONFIG this time.
        let (code, _, stderr) =
            run(hiwar(&[("HIWAR_CONFIG", config.to_str().expect("UTF-8"))]).arg("--print-config"));
        assert_eq!(code, 2, "{text}: {stderr}");
        let expected = format!("hiwar: {}: {message}", config.display());
        assert!(stderr.starts_with(&expected), "{expected}\n{stderr}");
    }
    // A config file named but missing.
    let (code, _, stderr) =
        run(hiwar(&[]).args(["--config", "/nonexistent/hiwar.toml", "--print-config"]));
    assert_eq!(code, 2);
    assert_eq!(
        stderr.trim_end(),
        "hiwar: /nonexistent/hiwar.toml: cannot read the config file: no such file"
    );
}

#[test]
fn print_config_shows_each_setting_and_where_it_came_from() {
    let home = common::scratch("settings", "print-config");
    let config_dir = home.join(".config/hiwar");
    fs::create_dir_all(&config_dir).expect("mkdir");
    fs::write(
        config_dir.join("config.toml"),
        "theme = \"light\"\nanswer-width = 64\nlang = \"fa\"\n",
    )
    .expect("config");
    let home_str = home.to_str().expect("UTF-8");
    let (code, stdout, stderr) = run(hiwar(&[("HOME", home_str), ("NO_COLOR", "1")]).args([
        "--print-config",
        "--lang",
        "he",
        "--no-resume",
    ]));
    assert_eq!(code, 0, "{stderr}");
    let expected = format!(
        "# hiwar: the settings in effect\n\
         # config file: {home_str}/.config/hiwar/config.toml\n\
         theme = \"light\"             # from the config file\n\
         resume = false              # from --no-resume\n\
         terminal-bidi = \"auto\"      # default\n\
         lang = \"he\"                 # from --lang\n\
         answer-width = 64           # from the config file\n\
         shaping = true              # default\n"
    );
    assert_eq!(stdout, expected);
    // NO_COLOR chooses mono when nothing else says.
    let (_, stdout, _) = run(hiwar(&[("NO_COLOR", "1")]).arg("--print-config"));
    assert!(
        stdout.contains("theme = \"mono\"              # from NO_COLOR"),
        "{stdout}"
    );
    assert!(
        stdout.contains("# config file: none (no home directory)"),
        "{stdout}"
    );
    let (_, stdout, _) = run(hiwar(&[("TERM", "dumb")]).arg("--print-config"));
    assert!(stdout.contains("# from TERM=dumb"), "{stdout}");
}

#[test]
fn the_config_file_sets_shaping_and_the_command_line_wins() {
    let dir = common::scratch("settings", "shaping");
    let config = common::write(&dir, "config.toml", b"shaping = false\n");
    let config = config.to_str().expect("UTF-8");
    let print = |extra: &[&str]| -> String {
        let mut cmd = hiwar(&[("HIWAR_CONFIG", config)]);
        cmd.args(["--print", "--width", "60"]).args(extra);
        let (code, stdout, stderr) = run(&mut cmd);
        assert_eq!(code, 0, "{stderr}");
        stdout
    };
    let unshaped = print(&[]);
    // Letters as typed (U+0600 block), no presentation forms.
    assert!(unshaped.contains('\u{0627}'));
    assert!(
        !unshaped
            .chars()
            .any(|c| ('\u{FE70}'..='\u{FEFF}').contains(&c))
    );
    let shaped = print(&["--shaping", "on"]);
    assert!(
        shaped
            .chars()
            .any(|c| ('\u{FE70}'..='\u{FEFF}').contains(&c))
    );
}

#[test]
fn the_reader_s_options_do_not_apply_to_printing() {
    let (code, _, stderr) = run(hiwar(&[]).args(["--print", "--theme", "dark", "--no-resume"]));
    assert_eq!(code, 2);
    assert_eq!(
        stderr.trim_end(),
        "hiwar: --theme and --no-resume do not apply to --print: they set the reader, and printing shows text without its interface"
    );
    let (code, _, stderr) = run(hiwar(&[]).args(["--print-config", "--print"]));
    assert_eq!(code, 2, "{stderr}");
    let (code, _, stderr) = run(hiwar(&[]).args(["--print-config", "notes.txt"]));
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("reads no document"), "{stderr}");
    let (code, _, stderr) = run(hiwar(&[]).args(["--answer-width", "-3"]));
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("the answer width must be 0–1000 columns"),
        "{stderr}"
    );
}

// ------------------------------------------------------------ in a terminal

/// SGR sequences (`CSI … m`) of a byte stream that set a colour: 30–38, 40–48,
/// 58 and the bright 90–97, 100–107 (39, 49 and 59, the defaults, are not colours).
fn colour_sequences(raw: &[u8]) -> Vec<String> {
    let text = String::from_utf8_lossy(raw);
    let mut found = Vec::new();
    for (i, _) in text.match_indices("\u{1b}[") {
        let rest = &text[i + 2..];
        let Some(end) = rest.find(|c: char| !(c.is_ascii_digit() || c == ';' || c == ':')) else {
            continue;
        };
        if !rest[end..].starts_with('m') {
            continue;
        }
        let params = &rest[..end];
        let colour = params.split([';', ':']).any(|p| {
            matches!(
                p.parse::<u16>(),
                Ok(30..=38 | 40..=48 | 58 | 90..=97 | 100..=107)
            )
        });
        if colour {
            found.push(params.to_string());
        }
    }
    found
}

/// The reader on the built-in interview with `env`: the first screen, a search with
/// a match, the help; the stream it wrote.
fn reader_stream(args: &[&str], env: &[(&str, &str)]) -> Vec<u8> {
    let mut pty = Pty::hiwar(args, env, 24, 80);
    pty.wait_for_screen("the first screen", &hints_drawn());
    pty.send("/ايضا\r".as_bytes());
    pty.wait_for_screen("the first match", "1/4");
    pty.send(b"?");
    pty.wait_quiet();
    pty.send(b"?q");
    assert!(pty.wait_exit().success());
    pty.raw.clone()
}

#[test]
fn no_color_frames_have_no_colour_sequences() {
    let coloured = reader_stream(&["--no-resume"], &[]);
    assert!(
        !colour_sequences(&coloured).is_empty(),
        "the check can fail: the default theme has colours"
    );
    let mono = reader_stream(&["--no-resume"], &[("NO_COLOR", "1")]);
    assert_eq!(colour_sequences(&mono), Vec::<String>::new());
    // Still bold and reversed: the selection and the match show.
    let text = String::from_utf8_lossy(&mono);
    assert!(text.contains("\u{1b}[7m"), "reverse");
    assert!(text.contains("\u{1b}[4m"), "underline");
    // --theme overrides NO_COLOR.
    let dark = reader_stream(&["--no-resume", "--theme", "dark"], &[("NO_COLOR", "1")]);
    assert!(
        colour_sequences(&dark)
            .iter()
            .any(|p| p.contains("48;5;234")),
        "the dark theme's background"
    );
    let dumb = reader_stream(&["--no-resume"], &[("TERM", "dumb")]);
    assert_eq!(colour_sequences(&dumb), Vec::<String>::new());
}

/// The payloads of the OSC 52 sequences in a stream, decoded.
fn clipboard_payloads(raw: &[u8]) -> Vec<String> {
    let text = String::from_utf8_lossy(raw);
    text.match_indices("\u{1b}]52;c;")
        .map(|(i, start)| {
            let rest = &text[i + start.len()..];
            let end = rest.find('\u{7}').expect("BEL ends the sequence");
            let payload = &rest[..end];
            assert!(
                payload
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"+/=".contains(&b)),
                "base64 only: {payload:?}"
            );
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(payload)
                .expect("base64");
            String::from_utf8(bytes).expect("UTF-8")
        })
        .collect()
}

#[test]
fn y_copies_the_logical_text_with_osc_52() {
    let mut pty = Pty::hiwar(&["--no-resume"], &[], 24, 80);
    pty.wait_for_screen("the first screen", &hints_drawn());
    pty.send(b"3y");
    let notice = {
        use hiwar::reader::labels::{Labels, Notice};
        use hiwar::settings::Language;
        let text = Labels::new(Language::Ar).notice(
            Notice::Copied(hiwar::document::passages::Item::Question(2)),
            "",
        );
        let options = hiwar::layout::LayoutOptions {
            direction: hiwar::layout::BaseDirection::Rtl,
            ..hiwar::layout::LayoutOptions::default()
        };
        hiwar::layout::layout(&text, 0, &options)[0]
            .visual_text()
            .to_string()
    };
    pty.wait_for_screen("the notice", &notice);
    pty.send(b"q");
    assert!(pty.wait_exit().success());
    let payloads = clipboard_payloads(&pty.raw);
    let interview = hiwar::document::Interview::builtin();
    let exchange = &interview.exchanges[2];
    let expected = format!(
        "جلوبال تايمز: {}\n\nتشانغ شياو: {}",
        exchange.question.join("\n\n"),
        exchange.answer.join("\n\n")
    );
    assert_eq!(payloads, [expected]);
    // The original letters, in logical order: no presentation forms.
    assert!(
        !payloads[0]
            .chars()
            .any(|c| ('\u{FB50}'..='\u{FEFF}').contains(&c))
    );
}

#[test]
fn nothing_from_the_document_escapes_the_clipboard_sequence() {
    let dir = common::scratch("settings", "hostile-copy");
    let text = "Q: what \u{1b}]52;c;ZXZpbA==\u{7} now\u{9c}?\nA: fine \u{1b}[2J\u{1b}\\ done\nQ: again?\nA: yes\n";
    let file = common::write(&dir, "hostile.txt", text.as_bytes());
    let mut pty = Pty::hiwar(&["--no-resume", file.to_str().expect("UTF-8")], &[], 24, 80);
    pty.wait_for_screen("the first screen", "1/2");
    pty.send(b"y");
    pty.wait_for_screen("the notice", "copied to the clipboard: question 1");
    pty.send(b"q");
    assert!(pty.wait_exit().success());
    let payloads = clipboard_payloads(&pty.raw);
    // One sequence: the document's own "OSC 52" is text inside it, controls left out.
    assert_eq!(
        payloads,
        ["Q: what ]52;c;ZXZpbA== now?\n\nA: fine [2J\\ done"]
    );
}

//! Resume: the real binary in a pseudo-terminal with a home of its own, quitting
//! somewhere and opening again; the state file corrupt, a device, in a read-only
//! place, on a full disk; and writers in several processes at once.

use crate::common;

use std::fs;
use std::path::{Path, PathBuf};

use common::pty::{Pty, hints_drawn};
use hiwar::reader::labels::{Labels, Notice};
use hiwar::resume::{Key, Position, Store};
use hiwar::settings::Language;

const ROWS: u16 = 24;
const COLS: u16 = 80;

/// A scratch home: `HOME` for the binary, its state under `.local/state/hiwar`.
struct Home {
    dir: PathBuf,
}

impl Home {
    fn new(name: &str) -> Home {
        Home {
            dir: common::scratch("resume", name),
        }
    }

    fn env(&self) -> Vec<(&str, &str)> {
        vec![("HOME", self.dir.to_str().expect("a UTF-8 path"))]
    }

    fn state_dir(&self) -> PathBuf {
        self.dir.join(".local/state/hiwar")
    }

    fn state_file(&self) -> PathBuf {
        self.state_dir().join("positions.json")
    }

    fn reader(&self, args: &[&str]) -> Pty {
        Pty::hiwar(args, &self.env(), ROWS, COLS)
    }
}

/// An Arabic notice as the reader draws it (right to left, shaped).
fn drawn_notice(notice: Notice) -> String {
    drawn(&Labels::new(Language::Ar).notice(notice, ""))
}

fn drawn(text: &str) -> String {
    let options = hiwar::layout::LayoutOptions {
        direction: hiwar::layout::BaseDirection::Rtl,
        ..hiwar::layout::LayoutOptions::default()
    };
    hiwar::layout::layout(text, 0, &options)
        .first()
        .map(|line| line.visual_text().to_string())
        .unwrap_or_default()
}

/// The answer pane's rows (the left part of the screen, for Arabic).
fn answer_rows(pty: &Pty) -> Vec<String> {
    let area = ratatui::layout::Rect::new(0, 0, COLS, ROWS);
    let text = hiwar::reader::Screen::new(area, hiwar::layout::Direction::Rtl).answer_text();
    pty.parser
        .screen()
        .rows(text.x, text.width)
        .skip(text.y as usize)
        .take(text.height as usize)
        .map(|row| row.trim_end().to_string())
        .collect()
}

fn first_screen(pty: &mut Pty) {
    pty.wait_for_screen("the first screen", "/7");
    pty.wait_quiet();
}

fn quit(pty: &mut Pty) -> String {
    pty.send(b"q");
    let status = pty.wait_exit();
    assert!(status.success(), "exit status {status:?}");
    String::from_utf8_lossy(&pty.raw).into_owned()
}

#[test]
fn quit_on_question_4_and_open_again_on_question_4() {
    let home = Home::new("round-trip");
    let mut pty = home.reader(&[]);
    pty.wait_for_screen("the first screen", &hints_drawn());
    // Question 4, its answer scrolled down five lines.
    pty.send(b"4\t");
    pty.wait_for_screen("question 4", "4/7");
    pty.send(b"jjjjj");
    pty.wait_quiet();
    let before = answer_rows(&pty);
    quit(&mut pty);
    let saved = fs::read_to_string(home.state_file()).expect("a state file");
    assert!(saved.contains("\"built-in\""), "{saved}");

    let mut pty = home.reader(&[]);
    first_screen(&mut pty);
    let screen = pty.screen_text();
    assert!(screen.contains("4/7"), "{screen}");
    let resumed = drawn_notice(Notice::Resumed(hiwar::document::passages::Item::Question(
        3,
    )));
    assert!(screen.contains(&resumed), "the notice: {resumed}\n{screen}");
    assert_eq!(answer_rows(&pty), before, "the same lines at the top");
    // The notice lasts until the next key (Tab: it moves nothing).
    pty.send(b"\t");
    pty.wait_quiet();
    assert!(!pty.screen_text().contains(&resumed));
    quit(&mut pty);

    // --no-resume: the top, and the position kept for next time.
    let mut pty = home.reader(&["--no-resume"]);
    pty.wait_for_screen("the first screen", &hints_drawn());
    assert!(!pty.screen_text().contains("4/7"));
    quit(&mut pty);
    let mut pty = home.reader(&[]);
    first_screen(&mut pty);
    assert!(pty.screen_text().contains("4/7"));
    quit(&mut pty);
}

/// A plain-text Arabic interview, no metadata.
const ARABIC: &str = "مقابلة قصيرة عن القراءة.\n\
المحاور: كيف بدأت علاقتك بالكتب؟\n\
الكاتبة: في مكتبة المدرسة.\n\
المحاور: هل تقرئين على الشاشة؟\n\
الكاتبة: على الاثنين.\n\
المحاور: ما نصيحتك؟\n\
الكاتبة: اقرؤوا ببطء.\n";

#[test]
fn a_file_resumes_by_its_path_and_an_edited_file_opens_at_the_top() {
    let home = Home::new("file");
    let file = common::write(&home.dir, "interview.txt", ARABIC.as_bytes());
    let path = file.to_str().expect("UTF-8");
    let mut pty = home.reader(&[path]);
    pty.wait_for_screen("the first screen", &drawn("مقدمة"));
    pty.send(b"3");
    pty.wait_for_screen("question 3", "3/3");
    quit(&mut pty);
    // Another name for the same file: the canonical path is the same.
    let other = format!("{}/./interview.txt", home.dir.display());
    let mut pty = home.reader(&[&other]);
    pty.wait_for_screen("question 3 again", "3/3");
    quit(&mut pty);
    // Edited: the top.
    fs::write(&file, format!("{ARABIC}الكاتبة: وشكرًا.\n")).expect("edit");
    let mut pty = home.reader(&[path]);
    pty.wait_for_screen("the first screen", &drawn("مقدمة"));
    pty.wait_quiet();
    assert!(!pty.screen_text().contains("3/3"), "{}", pty.screen_text());
    quit(&mut pty);
}

/// Opens the reader with a state file that cannot be read: it opens at the top and
/// says so once; quitting replaces the file with a good one.
fn opens_at_the_top_and_says_so(home: &Home) {
    let unreadable = drawn_notice(Notice::StateUnreadable);
    let mut pty = home.reader(&[]);
    pty.wait_for_screen("the notice", &unreadable);
    pty.wait_quiet();
    let screen = pty.screen_text();
    assert!(screen.contains(&drawn("مقدمة")), "at the top:\n{screen}");
    pty.send(b"2");
    pty.wait_for_screen("question 2", "2/7");
    pty.wait_quiet();
    assert!(!pty.screen_text().contains(&unreadable), "said once");
    quit(&mut pty);
    let store = Store::at(home.state_dir());
    let key = Key::builtin(&hiwar::document::Interview::builtin());
    assert_eq!(
        store.load(&key).expect("a good file now").map(|p| p.item),
        Some(2)
    );
}

#[test]
fn a_corrupt_state_file_opens_at_the_top_and_says_so_once() {
    let home = Home::new("corrupt");
    fs::create_dir_all(home.state_dir()).expect("mkdir");
    fs::write(home.state_file(), b"{\"hiwar_positions\": 1, \"entr").expect("corrupt");
    opens_at_the_top_and_says_so(&home);
    // Not ours: valid JSON of another shape.
    fs::write(home.state_file(), b"{\"recent\": [\"a\", \"b\"]}").expect("foreign");
    opens_at_the_top_and_says_so(&home);
}

#[test]
fn a_state_file_that_is_dev_full_is_read_as_the_zeros_it_gives() {
    // Reading /dev/full gives NUL bytes without end: bounded, refused, replaced.
    let home = Home::new("dev-full");
    fs::create_dir_all(home.state_dir()).expect("mkdir");
    std::os::unix::fs::symlink("/dev/full", home.state_file()).expect("symlink");
    opens_at_the_top_and_says_so(&home);
    assert!(
        !home.state_file().is_symlink(),
        "the link replaced, not written through"
    );
}

#[test]
fn a_state_directory_that_cannot_be_written_is_said_on_quitting() {
    // /proc takes no new directory, not even from root.
    let home = Home::new("read-only");
    let mut env = home.env();
    env.push(("XDG_STATE_HOME", "/proc"));
    let mut pty = Pty::hiwar(&[], &env, ROWS, COLS);
    pty.wait_for_screen("the first screen", &hints_drawn());
    pty.send(b"3");
    pty.wait_for_screen("question 3", "3/7");
    let out = quit(&mut pty);
    // After the terminal is given back: one line.
    let message = "hiwar: could not save the reading position in /proc/hiwar/positions.json: ";
    let Some(at) = out.find(message) else {
        panic!("no line on stderr");
    };
    assert!(
        out[..at].ends_with("\u{1b}[8h"),
        "after the modes are given back"
    );
    let line = out[at..].lines().next().unwrap_or_default();
    assert!(!line.contains('\u{1b}'), "{line:?}");
    common::pty::assert_modes_given_back(&pty.raw, "read-only state");
}

#[test]
fn a_full_disk_keeps_the_old_state_file_whole() {
    let home = Home::new("full-disk");
    // First a good file: question 2.
    let mut pty = home.reader(&[]);
    pty.wait_for_screen("the first screen", &hints_drawn());
    pty.send(b"2");
    pty.wait_for_screen("question 2", "2/7");
    quit(&mut pty);
    let before = fs::read(home.state_file()).expect("a state file");
    // Then a run whose writes to files fail as on a full disk (files may not grow:
    // ulimit -f 0, and SIGXFSZ ignored so that write returns the error).
    let mut command = portable_pty::CommandBuilder::new("/bin/sh");
    command.args([
        "-c",
        &format!(
            "trap '' XFSZ; ulimit -f 0; exec {} \"$@\"",
            env!("CARGO_BIN_EXE_hiwar")
        ),
        "hiwar",
    ]);
    command.env_clear();
    command.env("TERM", "xterm-256color");
    command.env("LANG", "C.UTF-8");
    command.env("HOME", &home.dir);
    let mut pty = Pty::spawn(command, ROWS, COLS);
    pty.wait_for_screen("resumed at question 2", "2/7");
    pty.send(b"5");
    pty.wait_for_screen("question 5", "5/7");
    let out = quit(&mut pty);
    assert!(
        out.contains("hiwar: could not save the reading position in "),
        "{out:?}"
    );
    assert_eq!(fs::read(home.state_file()).expect("still there"), before);
    let left: Vec<_> = fs::read_dir(home.state_dir())
        .expect("the state directory")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        left.iter().all(|name| !name.ends_with(".tmp")),
        "no temporary file left: {left:?}"
    );
}

// ------------------------------------------------------------ writers at once

const WRITERS: usize = 4;
const SAVES: usize = 25;

/// The files the writers keep positions of (positions of missing files are pruned).
fn document(dir: &Path, writer: usize, save: usize) -> PathBuf {
    dir.join(format!("doc-{writer}-{save}.txt"))
}

/// Run as a child process by `writers_in_several_processes_lose_nothing`: saves
/// SAVES positions, one per document, as fast as it can.
#[test]
fn writer_child() {
    let Ok(spec) = std::env::var("HIWAR_TEST_WRITER") else {
        return; // run on its own: nothing to do
    };
    let (dir, writer) = spec.rsplit_once(',').expect("DIR,N");
    let dir = PathBuf::from(dir);
    let writer: usize = writer.parse().expect("N");
    let store = Store::at(dir.join("state"));
    // Start together.
    let go = dir.join("go");
    while !go.exists() {
        std::thread::sleep(std::time::Duration::from_millis(1));
    }
    for save in 0..SAVES {
        let key = Key {
            path: document(&dir, writer, save).to_string_lossy().into_owned(),
            hash: format!("{writer:x}{save:x}"),
        };
        let position = Position {
            item: writer,
            passage: save,
            byte: 7,
        };
        store.save(&key, position).expect("saved");
    }
}

/// `writer_child`'s name as the test harness knows it (`resume::writer_child`).
fn child_test_name() -> String {
    let module = module_path!().split_once("::").map_or("", |(_, m)| m);
    format!("{module}::writer_child")
}

#[test]
fn writers_in_several_processes_lose_nothing() {
    let dir = common::scratch("resume", "writers");
    for writer in 0..WRITERS {
        for save in 0..SAVES {
            fs::write(document(&dir, writer, save), "x").expect("a document");
        }
    }
    let children: Vec<_> = (0..WRITERS)
        .map(|writer| {
            std::process::Command::new(std::env::current_exe().expect("this test binary"))
                // The test's name inside this binary: its module path less the crate.
                .args(["--exact", &child_test_name(), "--test-threads", "1"])
                .env("HIWAR_TEST_WRITER", format!("{},{writer}", dir.display()))
                .stdout(std::process::Stdio::null())
                .spawn()
                .expect("a writer")
        })
        .collect();
    fs::write(dir.join("go"), "").expect("go");
    for mut child in children {
        assert!(child.wait().expect("a writer ends").success());
    }
    let store = Store::at(dir.join("state"));
    let text = fs::read_to_string(store.path()).expect("the state file");
    let json: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
    let entries = json["entries"].as_array().expect("entries").len();
    assert_eq!(entries, WRITERS * SAVES, "every save kept");
    for writer in 0..WRITERS {
        for save in 0..SAVES {
            let key = Key {
                path: document(&dir, writer, save).to_string_lossy().into_owned(),
                hash: format!("{writer:x}{save:x}"),
            };
            assert_eq!(
                store.load(&key).expect("readable"),
                Some(Position {
                    item: writer,
                    passage: save,
                    byte: 7
                })
            );
        }
    }
}

#[test]
fn a_signal_that_ends_the_reader_still_saves_where_it_was() {
    let home = Home::new("signal");
    for (signal, question) in [(libc::SIGTERM, "5/7"), (libc::SIGHUP, "6/7")] {
        let mut pty = home.reader(&[]);
        first_screen_or_hints(&mut pty);
        pty.send(&question.as_bytes()[..1]);
        pty.wait_for_screen("the question", question);
        pty.wait_quiet();
        pty.signal(signal);
        let status = pty.wait_exit();
        assert!(!status.success(), "ended by the signal");
        common::pty::assert_modes_given_back(&pty.raw, "after the signal");
        let mut pty = home.reader(&[]);
        pty.wait_for_screen("the same question", question);
        quit(&mut pty);
    }
}

/// The first screen, whether it opens at the top or where it was left: the
/// questions pane's title is there either way.
fn first_screen_or_hints(pty: &mut Pty) {
    pty.wait_for_screen("the first screen", &drawn("الأسئلة"));
    pty.wait_quiet();
}

//! Which terminal hiwar runs in: from the environment, inside tmux from tmux's view of
//! its client, and when neither says for sure, from the terminal's own answers
//! ([`super::query`]). What is known of each: [docs/terminals.md](../../docs/terminals.md).

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use super::kitty::kitty_config_forces_ltr;
use super::query::{Answers, Asked};

/// The terminal emulators hiwar knows apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Emulator {
    Vte,
    Konsole,
    Mlterm,
    Kitty,
    Xterm,
    Alacritty,
    /// qterminal and the other terminals built on qtermwidget (DA2 `0;115`).
    Qterminal,
    /// Enlightenment's terminology (`TERMINOLOGY=1`, XTVERSION `terminology`).
    Terminology,
    /// Anything else: treated as a terminal without bidi of its own.
    Unknown,
}

/// What tmux says of the terminal attached to it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TmuxClient {
    /// `#{client_termtype}`: the client's XTVERSION answer (`Konsole 22.12.3`,
    /// `XTerm(379)`, `kitty(0.26.5)`); empty for VTE, mlterm and alacritty.
    pub termtype: String,
    /// `#{client_termname}`: the client's TERM (`mlterm`, `alacritty`, …).
    pub termname: String,
    /// `#{allow-passthrough}`: `ESC P tmux; … ESC \` reaches the terminal.
    pub passthrough: bool,
}

/// Where hiwar runs: the terminal emulator, and tmux between them if there is one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Terminal {
    pub emulator: Emulator,
    /// Inside tmux, what tmux told of its client (default if it would not say).
    pub tmux: Option<TmuxClient>,
    /// Inside GNU screen (`STY`, or `TERM=screen…` outside tmux): the emulator is
    /// the terminal outside screen, as it answered through screen's passthrough.
    pub screen: bool,
    /// kitty only: kitty.conf already says `force_ltr yes`.
    pub kitty_force_ltr: bool,
}

impl Terminal {
    /// tmux or screen is between hiwar and the terminal.
    pub fn multiplexed(&self) -> bool {
        self.tmux.is_some() || self.screen
    }
}

/// Finds the terminal from environment variables (`var`), inside tmux from tmux's
/// view of its client (`ask_tmux`, asked only then), and else, when the variables
/// name no terminal (ssh, sudo and `env -i` pass none of them), from the terminal's
/// answers (`ask_terminal`, asked only then).
pub fn detect(
    var: impl Fn(&str) -> Option<String>,
    ask_tmux: impl FnOnce() -> Option<TmuxClient>,
    ask_terminal: impl FnOnce(Asked) -> Option<Answers>,
) -> Terminal {
    let set = |name: &str| var(name).is_some_and(|v| !v.is_empty());
    let term = var("TERM").unwrap_or_default();
    let in_tmux = set("TMUX");
    // tmux may set TERM=screen too; its own variable says which it is.
    let in_screen = !in_tmux && (set("STY") || term.starts_with("screen"));
    // The terminal's own variables. Inside tmux they are the ones of the terminal that
    // started the tmux server, so tmux's view of the client comes first there.
    // TERM=mlterm reaches through ssh and sudo, where MLTERM does not.
    let from_env = if set("MLTERM") || term == "mlterm" {
        Emulator::Mlterm
    } else if set("KITTY_WINDOW_ID") || term == "xterm-kitty" {
        Emulator::Kitty
    } else if set("KONSOLE_VERSION") {
        Emulator::Konsole
    } else if set("VTE_VERSION") {
        Emulator::Vte
    } else if term == "alacritty" || set("ALACRITTY_WINDOW_ID") {
        Emulator::Alacritty
    } else if set("XTERM_VERSION") {
        Emulator::Xterm
    } else if set("TERMINOLOGY") {
        Emulator::Terminology
    } else {
        Emulator::Unknown
    };
    let (emulator, tmux) = if in_tmux {
        let client = ask_tmux().unwrap_or_default();
        let from_client = emulator_of_client(&client);
        (
            if from_client == Emulator::Unknown {
                from_env
            } else {
                from_client
            },
            Some(client),
        )
    } else if in_screen {
        // The variables are those of the terminal screen was started in, which may
        // not be the one it is attached to now: the answers come first.
        let asked = ask_terminal(Asked::ThroughScreen)
            .map_or(Emulator::Unknown, |a| emulator_of_answers(&a));
        (
            if asked == Emulator::Unknown {
                from_env
            } else {
                asked
            },
            None,
        )
    } else if from_env == Emulator::Unknown {
        let asked =
            ask_terminal(Asked::Directly).map_or(Emulator::Unknown, |a| emulator_of_answers(&a));
        (asked, None)
    } else {
        (from_env, None)
    };
    let kitty_force_ltr = emulator == Emulator::Kitty && kitty_config_forces_ltr(&var);
    Terminal {
        emulator,
        tmux,
        screen: in_screen,
        kitty_force_ltr,
    }
}

/// The terminal the query's answers name (XTVERSION first, which names it; then
/// DA2's kind and version), `Unknown` when they name none hiwar knows.
pub fn emulator_of_answers(answers: &Answers) -> Emulator {
    if let Some(version) = &answers.version {
        let version = version.to_ascii_lowercase();
        let by_name = [
            ("konsole", Emulator::Konsole),
            ("xterm(", Emulator::Xterm),
            ("kitty(", Emulator::Kitty),
            ("terminology", Emulator::Terminology),
            ("vte", Emulator::Vte),
            ("mlterm", Emulator::Mlterm),
        ];
        if let Some(&(_, emulator)) = by_name.iter().find(|(name, _)| version.starts_with(name)) {
            return emulator;
        }
    }
    let Some(secondary) = &answers.secondary else {
        return Emulator::Unknown;
    };
    let kind = secondary.first().copied();
    let version = secondary.get(1).copied();
    let third = secondary.get(2).copied();
    match (kind, version, third) {
        (Some(65), _, _) => Emulator::Vte,
        (Some(1), Some(115), _) => Emulator::Konsole,
        // qtermwidget (qterminal, LXQt's and others') began as Konsole's code.
        (Some(0), Some(115), _) => Emulator::Qterminal,
        (Some(24), _, _) => Emulator::Mlterm,
        (Some(1), Some(4000), _) => Emulator::Kitty,
        (Some(41), _, _) => Emulator::Xterm,
        (Some(0), _, Some(1)) => Emulator::Alacritty,
        (Some(61), Some(337), _) => Emulator::Terminology,
        _ => Emulator::Unknown,
    }
}

/// The emulator a tmux client is, by its XTVERSION answer or its TERM.
fn emulator_of_client(client: &TmuxClient) -> Emulator {
    let termtype = client.termtype.to_ascii_lowercase();
    if termtype.starts_with("konsole") {
        Emulator::Konsole
    } else if termtype.starts_with("kitty") || client.termname == "xterm-kitty" {
        Emulator::Kitty
    } else if termtype.starts_with("xterm(") {
        Emulator::Xterm
    } else if client.termname == "mlterm" {
        Emulator::Mlterm
    } else if client.termname == "alacritty" {
        Emulator::Alacritty
    } else if termtype.starts_with("vte") {
        Emulator::Vte
    } else {
        Emulator::Unknown
    }
}

/// Asks the tmux server hiwar runs under about the client showing this pane; `None`
/// if tmux does not answer within a moment.
pub fn ask_tmux() -> Option<TmuxClient> {
    let mut command = Command::new("tmux");
    command.args(["display-message", "-p"]);
    if let Some(pane) = std::env::var_os("TMUX_PANE") {
        command.arg("-t").arg(pane);
    }
    command
        .arg("#{client_termtype}\t#{client_termname}\t#{allow-passthrough}")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    let mut child = command.spawn().ok()?;
    let deadline = Instant::now() + Duration::from_millis(500);
    loop {
        match child.try_wait() {
            Ok(Some(_)) => break,
            Ok(None) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(2)),
            _ => {
                let _ = child.kill();
                let _ = child.wait();
                return None;
            }
        }
    }
    let output = child.wait_with_output().ok()?;
    parse_tmux_answer(&String::from_utf8_lossy(&output.stdout))
}

fn parse_tmux_answer(answer: &str) -> Option<TmuxClient> {
    let mut fields = answer.trim_end_matches('\n').split('\t');
    let termtype = fields.next()?.to_string();
    let termname = fields.next()?.to_string();
    let passthrough = fields.next()?;
    Some(TmuxClient {
        termtype,
        termname,
        passthrough: !matches!(passthrough, "" | "0" | "off"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env<'a>(vars: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |name| {
            vars.iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| v.to_string())
        }
    }

    fn client(termtype: &str, termname: &str, passthrough: bool) -> Option<TmuxClient> {
        Some(TmuxClient {
            termtype: termtype.into(),
            termname: termname.into(),
            passthrough,
        })
    }

    fn no_tmux() -> Option<TmuxClient> {
        panic!("tmux asked outside tmux")
    }

    fn not_asked(_: Asked) -> Option<Answers> {
        panic!("the terminal asked where the environment says what it is")
    }

    /// Every answer the issue measured, parsed into the terminal it names.
    #[test]
    fn each_terminals_answers_name_it() {
        let da1 = "\x1b[?62;22c";
        let cases: &[(&str, &str, Emulator)] = &[
            ("", "\x1b[>65;7006;1c", Emulator::Vte),
            (
                "\x1bP>|Konsole 22.12.3\x1b\\",
                "\x1b[>1;115;0c",
                Emulator::Konsole,
            ),
            ("", "\x1b[>24;279;0c", Emulator::Mlterm),
            (
                "\x1bP>|kitty(0.26.5)\x1b\\",
                "\x1b[>1;4000;26c",
                Emulator::Kitty,
            ),
            (
                "\x1bP>|XTerm(379)\x1b\\",
                "\x1b[>41;379;0c",
                Emulator::Xterm,
            ),
            ("", "\x1b[>0;1700;1c", Emulator::Alacritty),
            ("", "\x1b[>0;115;0c", Emulator::Qterminal),
            ("", "\x1b[>85;95;0c", Emulator::Unknown),
            ("", "\x1b[>64;0;0c", Emulator::Unknown),
            (
                "\x1bP>|terminology 1.13.0\x1b\\",
                "\x1b[>61;337;0c",
                Emulator::Terminology,
            ),
            ("", "\x1b[>83;40900;0c", Emulator::Unknown),
            ("", "", Emulator::Unknown),
        ];
        for (version, secondary, emulator) in cases {
            let answer = format!("{version}{secondary}{da1}");
            let answers = Answers::parse(answer.as_bytes());
            assert!(answers.complete, "{answer:?}");
            assert_eq!(emulator_of_answers(&answers), *emulator, "{answer:?}");
        }
        let konsole = Answers::parse(b"\x1bP>|Konsole 22.12.3\x1b\\\x1b[>1;115;0c\x1b[?62c");
        assert_eq!(konsole.version.as_deref(), Some("Konsole 22.12.3"));
        assert_eq!(konsole.secondary, Some(vec![1, 115, 0]));
        // XTVERSION names the terminal even where DA2 says another kind.
        let answers = Answers::parse(b"\x1bP>|terminology 1.13.0\x1b\\\x1b[>1;0;0c\x1b[?6c");
        assert_eq!(emulator_of_answers(&answers), Emulator::Terminology);
    }

    #[test]
    fn inside_screen_the_terminal_outside_is_asked_through_it() {
        let konsole = |asked| {
            assert_eq!(asked, Asked::ThroughScreen);
            Some(Answers::parse(
                b"\x1bP>|Konsole 22.12.3\x1b\\\x1b[>1;115;0c\x1b[?62c",
            ))
        };
        // screen was started in VTE, and is attached to Konsole now.
        let vars = [
            ("STY", "2896.pts-3.vm"),
            ("TERM", "screen"),
            ("VTE_VERSION", "7006"),
        ];
        let found = detect(env(&vars), no_tmux, konsole);
        assert_eq!((found.emulator, found.screen), (Emulator::Konsole, true));
        assert!(found.tmux.is_none() && found.multiplexed());
        // No answer through screen: the variables, as inside tmux.
        let found = detect(env(&vars), no_tmux, |_| None);
        assert_eq!((found.emulator, found.screen), (Emulator::Vte, true));
        let found = detect(env(&[("TERM", "screen.xterm-256color")]), no_tmux, |_| None);
        assert_eq!((found.emulator, found.screen), (Emulator::Unknown, true));
        // tmux sets TERM=screen as well: TMUX says it is tmux.
        let found = detect(
            env(&[("TMUX", "x"), ("TERM", "screen")]),
            || None,
            not_asked,
        );
        assert!(!found.screen && found.tmux.is_some());
    }

    #[test]
    fn the_terminal_is_asked_only_where_the_environment_does_not_say() {
        let konsole = |_| {
            Some(Answers::parse(
                b"\x1bP>|Konsole 22.12.3\x1b\\\x1b[>1;115;0c\x1b[?62c",
            ))
        };
        // ssh and `env -i`: TERM at most.
        for vars in [&[("TERM", "xterm-256color")][..], &[]] {
            let found = detect(env(vars), no_tmux, konsole);
            assert_eq!(found.emulator, Emulator::Konsole, "{vars:?}");
        }
        let found = detect(env(&[("TERM", "xterm-256color")]), no_tmux, |_| None);
        assert_eq!(found.emulator, Emulator::Unknown, "no answer");
        let mlterm = |_| Some(Answers::parse(b"\x1b[>24;279;0c\x1b[?63;1;2;3;4;7;29c"));
        assert_eq!(detect(env(&[]), no_tmux, mlterm).emulator, Emulator::Mlterm);
        // The variables that name a terminal: not asked.
        for (vars, emulator) in [
            (&[("TERM", "mlterm")][..], Emulator::Mlterm),
            (&[("KONSOLE_VERSION", "221203")], Emulator::Konsole),
            (&[("TERMINOLOGY", "1")], Emulator::Terminology),
            (&[("VTE_VERSION", "8001")], Emulator::Vte),
        ] {
            assert_eq!(detect(env(vars), no_tmux, not_asked).emulator, emulator);
        }
        // Inside tmux, tmux answers for itself: it is asked instead.
        let found = detect(env(&[("TMUX", "x")]), || None, not_asked);
        assert_eq!(found.emulator, Emulator::Unknown);
    }

    #[test]
    fn terminals_are_told_apart_by_their_variables() {
        let cases: &[(&[(&str, &str)], Emulator)] = &[
            (
                &[("TERM", "xterm-256color"), ("VTE_VERSION", "7006")],
                Emulator::Vte,
            ),
            (&[("KONSOLE_VERSION", "221203")], Emulator::Konsole),
            (&[("TERM", "mlterm"), ("MLTERM", "3.9.0")], Emulator::Mlterm),
            (
                &[("TERM", "xterm-kitty"), ("KITTY_WINDOW_ID", "1")],
                Emulator::Kitty,
            ),
            (&[("TERM", "alacritty")], Emulator::Alacritty),
            (&[("XTERM_VERSION", "XTerm(379)")], Emulator::Xterm),
            (&[("TERM", "xterm-256color")], Emulator::Unknown),
            (&[("VTE_VERSION", "")], Emulator::Unknown),
        ];
        for (vars, emulator) in cases {
            let found = detect(env(vars), no_tmux, |_| None);
            assert_eq!(found.emulator, *emulator, "{vars:?}");
            assert_eq!(found.tmux, None);
        }
    }

    #[test]
    fn inside_tmux_the_client_says_what_the_terminal_is() {
        // The server was started in VTE, the client is Konsole: the client wins.
        let found = detect(
            env(&[("TMUX", "/tmp/tmux-0/default,1,0"), ("VTE_VERSION", "7006")]),
            || client("Konsole 22.12.3", "xterm-256color", false),
            not_asked,
        );
        assert_eq!(found.emulator, Emulator::Konsole);
        // VTE does not answer XTVERSION: the variables decide.
        let found = detect(
            env(&[("TMUX", "x"), ("VTE_VERSION", "7006")]),
            || client("", "xterm-256color", false),
            not_asked,
        );
        assert_eq!(found.emulator, Emulator::Vte);
        for (termtype, termname, emulator) in [
            ("XTerm(379)", "xterm", Emulator::Xterm),
            ("", "mlterm", Emulator::Mlterm),
            ("", "alacritty", Emulator::Alacritty),
            ("kitty(0.26.5)", "xterm-kitty", Emulator::Kitty),
        ] {
            let found = detect(
                env(&[("TMUX", "x")]),
                || client(termtype, termname, false),
                not_asked,
            );
            assert_eq!(found.emulator, emulator, "{termtype} {termname}");
        }
        let silent = detect(env(&[("TMUX", "x")]), || None, not_asked);
        assert_eq!(silent.emulator, Emulator::Unknown);
        assert_eq!(silent.tmux, Some(TmuxClient::default()));
    }

    #[test]
    fn tmux_answers_are_read_field_by_field() {
        assert_eq!(
            parse_tmux_answer("Konsole 22.12.3\txterm-256color\t1\n"),
            client("Konsole 22.12.3", "xterm-256color", true)
        );
        assert_eq!(
            parse_tmux_answer("\tmlterm\t0\n"),
            client("", "mlterm", false)
        );
        assert_eq!(parse_tmux_answer("garbage"), None);
    }
}

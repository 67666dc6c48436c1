//! Which terminal hiwar runs in: from the environment and, inside tmux, from tmux's
//! view of its client. What is known of each: [docs/terminals.md](../../docs/terminals.md).

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use super::kitty::kitty_config_forces_ltr;

/// The terminal emulators hiwar knows apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Emulator {
    Vte,
    Konsole,
    Mlterm,
    Kitty,
    Xterm,
    Alacritty,
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
    /// kitty only: kitty.conf already says `force_ltr yes`.
    pub kitty_force_ltr: bool,
}

/// Finds the terminal from environment variables (`var`) and, inside tmux, from
/// tmux's view of its client (`ask_tmux`, asked only then).
pub fn detect(
    var: impl Fn(&str) -> Option<String>,
    ask_tmux: impl FnOnce() -> Option<TmuxClient>,
) -> Terminal {
    let set = |name: &str| var(name).is_some_and(|v| !v.is_empty());
    let term = var("TERM").unwrap_or_default();
    let in_tmux = set("TMUX");
    // The terminal's own variables. Inside tmux they are the ones of the terminal that
    // started the tmux server, so tmux's view of the client comes first there.
    let from_env = if set("MLTERM") {
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
    } else {
        (from_env, None)
    };
    let kitty_force_ltr = emulator == Emulator::Kitty && kitty_config_forces_ltr(&var);
    Terminal {
        emulator,
        tmux,
        kitty_force_ltr,
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
            let found = detect(env(vars), no_tmux);
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
        );
        assert_eq!(found.emulator, Emulator::Konsole);
        // VTE does not answer XTVERSION: the variables decide.
        let found = detect(env(&[("TMUX", "x"), ("VTE_VERSION", "7006")]), || {
            client("", "xterm-256color", false)
        });
        assert_eq!(found.emulator, Emulator::Vte);
        for (termtype, termname, emulator) in [
            ("XTerm(379)", "xterm", Emulator::Xterm),
            ("", "mlterm", Emulator::Mlterm),
            ("", "alacritty", Emulator::Alacritty),
            ("kitty(0.26.5)", "xterm-kitty", Emulator::Kitty),
        ] {
            let found = detect(env(&[("TMUX", "x")]), || client(termtype, termname, false));
            assert_eq!(found.emulator, emulator, "{termtype} {termname}");
        }
        let silent = detect(env(&[("TMUX", "x")]), || None);
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

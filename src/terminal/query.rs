//! Asking the terminal what it is, when the environment does not say (ssh, sudo,
//! `env -i`): XTVERSION and DA2, then DA1 as the sentinel. Every terminal answers
//! DA1, and answers in the order asked, so its answer means nothing more is coming; a
//! terminal that answers nothing costs a short deadline. What each terminal answers:
//! [docs/terminals.md](../../docs/terminals.md).

use std::io::{self, Write};
use std::os::fd::RawFd;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};

/// Where a query goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Asked {
    /// To the terminal itself.
    Directly,
    /// Through GNU screen's passthrough to the terminal outside it (screen answers
    /// DA1 and DA2 for itself and swallows XTVERSION).
    ThroughScreen,
}

/// XTVERSION (`CSI > 0 q`), DA2 (`CSI > c`), DA1 (`CSI c`).
pub const QUERY: &[u8] = b"\x1b[>0q\x1b[>c\x1b[c";

/// How long to wait for a first byte of an answer: a terminal that has sent none by
/// then is taken to answer nothing (through ssh the answers take a round trip).
pub const FIRST_ANSWER: Duration = Duration::from_millis(500);

/// How long to wait for the rest once the terminal has begun to answer.
pub const ALL_ANSWERS: Duration = Duration::from_secs(2);

/// What the terminal answered.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Answers {
    /// XTVERSION's text: `Konsole 22.12.3`, `XTerm(379)`, `kitty(0.26.5)`,
    /// `terminology 1.13.0`.
    pub version: Option<String>,
    /// DA2's parameters: the terminal's kind, its version, one more (`65;7006;1`).
    pub secondary: Option<Vec<u32>>,
    /// DA1's answer came: nothing more is coming.
    pub complete: bool,
}

impl Answers {
    /// Reads the answers in `bytes` (everything read since the query was sent).
    /// Anything else there (a key typed meanwhile) is passed over; an answer cut off
    /// at the end is left for more bytes to complete.
    pub fn parse(bytes: &[u8]) -> Answers {
        let mut answers = Answers::default();
        let mut rest = bytes;
        while let Some(at) = rest.iter().position(|&b| b == 0x1b) {
            rest = &rest[at..];
            match rest.get(1) {
                // DCS … ST: XTVERSION's is `DCS > | text ST`.
                Some(b'P') => {
                    let Some(end) = find(rest, b"\x1b\\") else {
                        break;
                    };
                    if let Some(text) = rest[2..end].strip_prefix(b">|") {
                        answers.version = Some(String::from_utf8_lossy(text).into_owned());
                    }
                    rest = &rest[end + 2..];
                }
                // CSI parameters final: DA2 is `CSI > … c`, DA1 `CSI ? … c`.
                Some(b'[') => {
                    let Some(end) = rest[2..].iter().position(|b| (0x40..=0x7e).contains(b)) else {
                        break;
                    };
                    let (parameters, last) = (&rest[2..2 + end], rest[2 + end]);
                    match (parameters.first(), last) {
                        (Some(b'>'), b'c') => answers.secondary = Some(numbers(&parameters[1..])),
                        (Some(b'?'), b'c') => {
                            answers.complete = true;
                            return answers;
                        }
                        _ => {}
                    }
                    rest = &rest[2 + end + 1..];
                }
                Some(_) => rest = &rest[1..],
                None => break,
            }
        }
        answers
    }

    /// True once any answer has begun to arrive.
    fn begun(bytes: &[u8]) -> bool {
        bytes.contains(&0x1b)
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// `1;115;0` as numbers; a field that is not one counts as 0.
fn numbers(parameters: &[u8]) -> Vec<u32> {
    parameters
        .split(|&b| b == b';')
        .map(|field| {
            std::str::from_utf8(field)
                .ok()
                .and_then(|f| f.parse().ok())
                .unwrap_or(0)
        })
        .collect()
}

/// Where the answers are read from: a terminal's descriptor.
pub trait AnswerSource {
    /// Waits up to `timeout` for bytes, and appends what came to `into`; `false` when
    /// nothing came in time.
    fn read_within(&mut self, timeout: Duration, into: &mut Vec<u8>) -> io::Result<bool>;
}

/// Reads answers until DA1's has come, or until the deadlines pass: [`FIRST_ANSWER`]
/// for a first byte, [`ALL_ANSWERS`] for the rest.
pub fn read_answers(source: &mut impl AnswerSource, first: Duration, all: Duration) -> Answers {
    let start = Instant::now();
    let mut bytes = Vec::new();
    loop {
        let limit = if Answers::begun(&bytes) { all } else { first };
        let Some(left) = limit.checked_sub(start.elapsed()).filter(|d| !d.is_zero()) else {
            break;
        };
        match source.read_within(left, &mut bytes) {
            Ok(true) => {
                let answers = Answers::parse(&bytes);
                if answers.complete {
                    return answers;
                }
            }
            Ok(false) => {}
            Err(_) => break,
        }
    }
    Answers::parse(&bytes)
}

/// A terminal's descriptor in raw mode, for as long as this lives: no echo, no line
/// editing, so that the answers are read as they come and never shown. A signal that
/// ends the process meanwhile (SIGTERM, SIGHUP, SIGINT) gives the modes back first.
struct RawInput {
    fd: RawFd,
    saved: libc::termios,
    on_signals: Vec<signal_hook::SigId>,
}

/// The modes to give back if a signal comes while the terminal is asked (once per
/// process: the terminal is asked once).
static SAVED: OnceLock<(RawFd, libc::termios)> = OnceLock::new();

/// Gives the saved modes back, then ends the process as `signal` would have.
fn restore_and_end(signal: libc::c_int) {
    if let Some((fd, saved)) = SAVED.get() {
        // SAFETY: tcsetattr is async-signal-safe; the termios is the descriptor's own.
        unsafe {
            libc::tcsetattr(*fd, libc::TCSANOW, saved);
        }
    }
    let _ = signal_hook::low_level::emulate_default_handler(signal);
}

impl RawInput {
    fn new(fd: RawFd) -> io::Result<RawInput> {
        // SAFETY: tcgetattr fills a termios we own; it fails on a descriptor that is
        // not a terminal, which is then not asked.
        let saved = unsafe {
            let mut termios = std::mem::zeroed::<libc::termios>();
            if libc::tcgetattr(fd, &mut termios) != 0 {
                return Err(io::Error::last_os_error());
            }
            termios
        };
        if SAVED.set((fd, saved)).is_err() {
            return Err(io::Error::other("the terminal was already asked"));
        }
        let on_signals = [SIGTERM, SIGHUP, SIGINT]
            .into_iter()
            .filter_map(|signal| {
                // SAFETY: the action only calls async-signal-safe functions (an
                // atomic load, tcsetattr, sigaction, sigprocmask, raise).
                unsafe { signal_hook::low_level::register(signal, move || restore_and_end(signal)) }
                    .ok()
            })
            .collect();
        // Made before the modes change, so that its drop gives them back on any way
        // out from here.
        let input = RawInput {
            fd,
            saved,
            on_signals,
        };
        let mut raw = saved;
        raw.c_lflag &= !(libc::ICANON | libc::ECHO | libc::ISIG | libc::IEXTEN);
        raw.c_iflag &= !(libc::ICRNL | libc::IXON);
        raw.c_cc[libc::VMIN] = 1;
        raw.c_cc[libc::VTIME] = 0;
        // SAFETY: tcsetattr with a termios derived from the descriptor's own.
        if unsafe { libc::tcsetattr(fd, libc::TCSANOW, &raw) } != 0 {
            return Err(io::Error::last_os_error());
        }
        Ok(input)
    }
}

impl AnswerSource for RawInput {
    fn read_within(&mut self, timeout: Duration, into: &mut Vec<u8>) -> io::Result<bool> {
        let mut poll = libc::pollfd {
            fd: self.fd,
            events: libc::POLLIN,
            revents: 0,
        };
        let millis = libc::c_int::try_from(timeout.as_millis().max(1)).unwrap_or(libc::c_int::MAX);
        // SAFETY: one valid pollfd for a descriptor that stays open while self lives.
        let ready = unsafe { libc::poll(&mut poll, 1, millis) };
        if ready < 0 {
            let error = io::Error::last_os_error();
            return match error.kind() {
                io::ErrorKind::Interrupted => Ok(false),
                _ => Err(error),
            };
        }
        if ready == 0 || poll.revents & libc::POLLIN == 0 {
            if poll.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0 {
                return Err(io::Error::from(io::ErrorKind::BrokenPipe));
            }
            return Ok(false);
        }
        let mut chunk = [0u8; 256];
        // SAFETY: read into a buffer we own, of the length given.
        let n = unsafe { libc::read(self.fd, chunk.as_mut_ptr().cast(), chunk.len()) };
        if n <= 0 {
            return Err(io::Error::last_os_error());
        }
        into.extend_from_slice(&chunk[..n as usize]);
        Ok(true)
    }
}

impl Drop for RawInput {
    fn drop(&mut self) {
        // SAFETY: tcsetattr gives the descriptor back its own saved modes.
        unsafe {
            libc::tcsetattr(self.fd, libc::TCSANOW, &self.saved);
        }
        for id in self.on_signals.drain(..) {
            signal_hook::low_level::unregister(id);
        }
    }
}

/// Asks the terminal on `input` (its descriptor) and `out` (its output) what it is.
/// Whatever arrived that is not a complete set of answers is dropped from the input
/// before it is given back, so no part of an answer reaches the reader's keys or the
/// shell.
pub fn ask(input: RawFd, out: &mut impl Write, asked: Asked) -> io::Result<Answers> {
    let mut raw = RawInput::new(input)?;
    match asked {
        Asked::Directly => out.write_all(QUERY)?,
        // screen hands a DCS string's content to the terminal outside it, whose
        // answers come back as input.
        Asked::ThroughScreen => out.write_all(&[b"\x1bP", QUERY, b"\x1b\\"].concat())?,
    }
    out.flush()?;
    let answers = read_answers(&mut raw, FIRST_ANSWER, ALL_ANSWERS);
    if !answers.complete {
        // SAFETY: tcflush only drops queued input.
        unsafe {
            libc::tcflush(input, libc::TCIFLUSH);
        }
    }
    drop(raw);
    Ok(answers)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_da1_means_a_terminal_that_says_nothing_more() {
        // st answers DA1 only.
        let answers = Answers::parse(b"\x1b[?6c");
        assert_eq!(
            answers,
            Answers {
                complete: true,
                ..Answers::default()
            }
        );
    }

    #[test]
    fn an_answer_cut_off_waits_for_the_rest() {
        let whole = b"\x1bP>|Konsole 22.12.3\x1b\\\x1b[>1;115;0c\x1b[?62;22c";
        for cut in 0..whole.len() {
            let answers = Answers::parse(&whole[..cut]);
            assert!(!answers.complete, "complete at {cut}");
        }
        // Keys typed before the answers are passed over.
        let mut typed = b"jj\x1b[A".to_vec();
        typed.extend_from_slice(whole);
        assert_eq!(Answers::parse(&typed), Answers::parse(whole));
    }

    /// A terminal that sends its answers in the pieces given, each after a pause.
    struct Scripted {
        pieces: Vec<(Duration, Vec<u8>)>,
        waited: Duration,
    }

    impl AnswerSource for Scripted {
        fn read_within(&mut self, timeout: Duration, into: &mut Vec<u8>) -> io::Result<bool> {
            match self.pieces.first() {
                Some((pause, _)) if *pause <= timeout => {
                    let (pause, piece) = self.pieces.remove(0);
                    std::thread::sleep(pause);
                    self.waited += pause;
                    into.extend_from_slice(&piece);
                    Ok(true)
                }
                _ => {
                    // Nothing within the time: the time passes.
                    std::thread::sleep(timeout);
                    self.waited += timeout;
                    Ok(false)
                }
            }
        }
    }

    #[test]
    fn answers_split_across_reads_are_put_together() {
        let whole: &[u8] = b"\x1bP>|XTerm(379)\x1b\\\x1b[>41;379;0c\x1b[?64;1;2;6;9;15;18;21;22c";
        let pieces = whole
            .chunks(5)
            .map(|piece| (Duration::from_millis(1), piece.to_vec()))
            .collect();
        let mut terminal = Scripted {
            pieces,
            waited: Duration::ZERO,
        };
        let answers = read_answers(&mut terminal, FIRST_ANSWER, ALL_ANSWERS);
        assert!(answers.complete);
        assert_eq!(answers.version.as_deref(), Some("XTerm(379)"));
        assert!(terminal.pieces.is_empty(), "read to the end");
    }

    #[test]
    fn a_terminal_that_answers_nothing_costs_the_deadline_only() {
        let mut silent = Scripted {
            pieces: Vec::new(),
            waited: Duration::ZERO,
        };
        let first = Duration::from_millis(30);
        let start = Instant::now();
        let answers = read_answers(&mut silent, first, ALL_ANSWERS);
        assert_eq!(answers, Answers::default());
        assert!(
            start.elapsed() < ALL_ANSWERS,
            "the first deadline, not the second"
        );
        assert!(start.elapsed() >= first, "waited for the first deadline");
        // One that began to answer is waited for longer, up to the second deadline.
        let mut slow = Scripted {
            pieces: vec![
                (Duration::from_millis(5), b"\x1b[>1;115;0c".to_vec()),
                (Duration::from_millis(60), b"\x1b[?62c".to_vec()),
            ],
            waited: Duration::ZERO,
        };
        let answers = read_answers(&mut slow, first, Duration::from_millis(500));
        assert!(answers.complete, "waited past the first deadline");
        assert_eq!(answers.secondary, Some(vec![1, 115, 0]));
    }
}

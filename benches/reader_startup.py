#!/usr/bin/env python3
"""The reader on small and large documents, timed in a pseudo-terminal.

Starts `hiwar [FILE]` in a pty of 200x60 (TERM=xterm-256color) and measures:

- first frame: from just before the spawn to the last byte of the first frame.
  A frame is "done" when the output has switched to the alternate screen, moved
  the cursor to the status bar's row (the last: ratatui draws top to bottom)
  and then stayed quiet for QUIET ms (a frame comes in one burst, so the quiet
  time only closes the measurement; it is not counted);
- key to redraw: for Down, PageDown, End, Home, ...: from writing the key to the
  last byte of the redraw it causes (again closed by QUIET ms of silence);
  `Search` types `/ايضا` (untimed) and times Enter: the search of the whole
  document and the redraw on its first match; `n` the next match;
- peak memory: the child's VmHWM (peak resident set) from /proc, read just
  before quitting, so the Python parent's pages never count (a forked child's
  ru_maxrss would include them).

Documents: the built-in interview (no FILE; less reads assets/interview-ar.txt) and
generated ~10 MB and ~100 MB interviews (the built-in text, then its exchanges
repeated: thousands of questions) under target/bench/.

Measured beside less (the peer) on the same files, the two alternating run by run:
the first screen, and the same keys where less has them (Down, PageDown, End as G,
Home as g); the ratios hiwar/less are printed (issue 12's goal: at most 1.5).

A FILE written `BOOK=TEXT` is opened by hiwar as BOOK and by less as TEXT: an EPUB
beside its text (benches/make_book.py writes both).

Usage: benches/reader_startup.py [--binary target/release/hiwar] [--runs 5]
       [--size-mb 10 100] [--quiet-ms 50] [--less /usr/bin/less] [FILE|BOOK=TEXT...]
Build first: cargo build --release. Not a pass/fail step of CI.
"""

import argparse
import fcntl
import os
import pty
import re
import select
import signal
import statistics
import struct
import sys
import termios
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
COLUMNS, ROWS = 200, 60
# The cursor sent to the status bar's row: ratatui draws a frame top to bottom.
STATUS_ROW = re.compile(rb"\x1b\[%d;\d+H" % ROWS)
ALTERNATE_SCREEN = b"\x1b[?1049h"
KEYS = {
    "Down": b"\x1b[B",
    "PageDown": b"\x1b[6~",
    "End": b"\x1b[F",
    "Home": b"\x1b[H",
    "Tab": b"\t",
    # A search typed without hamza or harakat (untimed), then Enter: timed from Enter.
    "Search": (("/" + "\u0627\u064a\u0636\u0627").encode(), b"\r"),
    "n": b"n",
}
# Key presses measured, in order: (name, times).
SCRIPT = [("Down", 10), ("PageDown", 5), ("End", 1), ("Home", 1), ("Tab", 1),
          ("Down", 10), ("PageDown", 5), ("End", 1), ("Search", 3), ("n", 10)]


def generate_interview(path, size_mb):
    """The built-in interview, its exchanges repeated up to `size_mb` MB."""
    with open(os.path.join(ROOT, "assets", "interview-ar.txt"), encoding="utf-8") as f:
        text = f.read()
    first_question = text.index("\u062c.\u062a:")  # ج.ت:
    exchanges = text[first_question:].rstrip("\n") + "\n"
    target = size_mb * 1000 * 1000
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as out:
        written = out.write(text.rstrip("\n") + "\n")
        while written < target:
            written += len(exchanges.encode("utf-8"))
            out.write(exchanges)
    return path


class Session:
    """hiwar running in a pseudo-terminal."""

    def __init__(self, argv, quiet, keys=KEYS):
        self.quiet = quiet
        self.keys = keys
        self.output = bytearray()
        self.started = time.perf_counter()
        pid, fd = pty.fork()
        if pid == 0:
            try:
                size = struct.pack("HHHH", ROWS, COLUMNS, 0, 0)
                fcntl.ioctl(0, termios.TIOCSWINSZ, size)
                env = {k: v for k, v in os.environ.items()
                       if k not in ("COLUMNS", "LINES", "NO_COLOR", "LESS", "LESSOPEN",
                                    "LESSCLOSE")}
                env["TERM"] = "xterm-256color"
                env["LESSCHARSET"] = "utf-8"
                # Nothing remembered between runs: each opens at the top.
                env["XDG_STATE_HOME"] = "/nonexistent/hiwar-bench"
                os.execve(argv[0], argv, env)
            finally:
                os._exit(127)
        self.pid, self.fd = pid, fd
        self.exited = None
        self.alternate_at = None

    def read(self, timeout):
        """Output arriving within `timeout` s; answers cursor-position queries."""
        ready, _, _ = select.select([self.fd], [], [], max(timeout, 0))
        if not ready:
            return b""
        try:
            data = os.read(self.fd, 1 << 16)
        except OSError:  # EIO: the child closed the terminal
            data = b""
        if not data:
            self.reap()
            return b""
        if b"\x1b[6n" in data:
            os.write(self.fd, b"\x1b[1;1R")
        self.output.extend(data)
        return data

    def reap(self):
        if self.exited is None:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.exited = os.waitstatus_to_exitcode(status)

    def burst(self, wait_for=None, first_timeout=5.0):
        """Waits for output (in which `wait_for` shows, if given: see
        `frame_shown`), then for `quiet` s of silence. Returns the time of the
        last byte, or None if nothing (or not `wait_for`) came in time."""
        start_len = len(self.output)
        deadline = time.perf_counter() + first_timeout
        last = None
        seen = wait_for is None
        while True:
            now = time.perf_counter()
            if last is not None and seen:
                timeout = last + self.quiet - now
                if timeout <= 0:
                    return last
            else:
                timeout = deadline - now
                if timeout <= 0:
                    return last if seen else None
            data = self.read(timeout)
            if data:
                last = time.perf_counter()
                if not seen:
                    seen = self.frame_shown(wait_for, start_len, len(data))
                if not seen and self.alternate_at is None and len(self.output) > 1 << 20:
                    return None  # a megabyte of output and no alternate screen: printing
            elif self.exited is not None or self.dead():
                return last if seen else None

    def frame_shown(self, pattern, start_len, new):
        """Whether `pattern` shows in the output since `start_len`, after the switch
        to the alternate screen. Searches only the new bytes (and a margin)."""
        begin = max(start_len, len(self.output) - new - 16)
        if self.alternate_at is None:
            at = self.output.find(ALTERNATE_SCREEN, begin)
            if at < 0:
                return False
            self.alternate_at = at
            begin = at
        return pattern.search(self.output, max(begin, self.alternate_at)) is not None

    def dead(self):
        self.reap()
        return self.exited is not None

    def peak_rss_kib(self):
        try:
            with open(f"/proc/{self.pid}/status") as f:
                for line in f:
                    if line.startswith("VmHWM:"):
                        return int(line.split()[1])
        except OSError:
            pass
        return None

    def key(self, name):
        """Milliseconds from sending the key to the last byte of its redraw."""
        keys = self.keys[name]
        if isinstance(keys, tuple):  # typed first, untimed
            before, keys = keys
            os.write(self.fd, before)
            self.burst(first_timeout=1.0)
        self.drain()
        sent = time.perf_counter()
        os.write(self.fd, keys)
        last = self.burst(first_timeout=1.0)
        return None if last is None else (last - sent) * 1000

    def drain(self):
        while self.read(0):
            pass

    def quit(self):
        if not self.dead():
            os.write(self.fd, b"q")
            deadline = time.perf_counter() + 3
            while not self.dead() and time.perf_counter() < deadline:
                self.read(0.05)
        if not self.dead():
            os.kill(self.pid, signal.SIGTERM)
            os.waitpid(self.pid, 0)
        os.close(self.fd)
        return self.exited


# less, the peer: the same key presses where it has them (End and Home are G and g;
# less has no search of ours, no Tab).
LESS_KEYS = {"Down": b"\x1b[B", "PageDown": b"\x1b[6~", "End": b"G", "Home": b"g"}
LESS_SCRIPT = [(name, times) for name, times in SCRIPT if name in LESS_KEYS]
# less writes its screen line after line, then its prompt, ended by an erase to the
# end of the line: its first frame is done there.
LESS_FRAME = re.compile(rb"\x1b\[K")


def measure(argv, runs, quiet, script=SCRIPT, keys_of=KEYS, frame_done=STATUS_ROW):
    """First frame (each run), key to redraw (first run) and peak memory of `argv`."""
    first_frames, rss, keys, notes = [], [], {}, set()
    for run in range(runs):
        session = Session(argv, quiet, keys_of)
        frame = session.burst(wait_for=frame_done)
        if frame is None:
            if session.dead():
                notes.add(f"hiwar exited ({session.exited}) without a reader frame, "
                          f"after writing {len(session.output)} bytes: no reader in this build?")
            elif session.alternate_at is None:
                notes.add("no alternate screen within 5 s or 1 MB of output: no reader in this build?")
            else:
                notes.add("no status-bar row drawn within 5 s")
            session.quit()
            break
        first_frames.append((frame - session.started) * 1000)
        if run == 0:  # keys once per document: each run would repeat the same path
            for name, times in script:
                for _ in range(times):
                    latency = session.key(name)
                    keys.setdefault(name, []).append(latency)
        peak = session.peak_rss_kib()
        if peak:
            rss.append(peak)
        code = session.quit()
        if code not in (0, None):
            notes.add(f"exit status {code}")
    return first_frames, keys, rss, notes


def report(name, first_frames, keys, rss, notes, size):
    print(f"  {name}")
    for note in sorted(notes):
        print(f"    note: {note}")
    if first_frames:
        print(f"    first frame: median {statistics.median(first_frames):.1f} ms "
              f"(runs: {' '.join(f'{t:.1f}' for t in first_frames)})")
    for key, latencies in keys.items():
        seen = [t for t in latencies if t is not None]
        missing = len(latencies) - len(seen)
        text = (f"median {statistics.median(seen):.1f} ms, max {max(seen):.1f} ms"
                if seen else "no redraw")
        extra = f", {missing} without redraw" if seen and missing else ""
        print(f"    {key:<9} x{len(latencies):<3} key to redraw: {text}{extra}")
    if rss:
        peak = max(rss) / 1024
        budget = f" (budget 3 x file + 20 MB = {3 * size / 2**20 + 20:.0f} MB)" if size else ""
        print(f"    peak memory (VmHWM): {peak:.1f} MB{budget}")


def median_of(values):
    seen = [v for v in values if v is not None]
    return statistics.median(seen) if seen else None


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--binary", default=os.path.join(ROOT, "target", "release", "hiwar"))
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--size-mb", type=int, nargs="*", default=[10, 100])
    parser.add_argument("--quiet-ms", type=float, default=50)
    parser.add_argument("--less", default="/usr/bin/less",
                        help="the peer measured beside hiwar ('' for none)")
    parser.add_argument("files", nargs="*")
    args = parser.parse_args()
    if not os.access(args.binary, os.X_OK):
        sys.exit(f"{args.binary}: not built (cargo build --release)")
    less = args.less if args.less and os.access(args.less, os.X_OK) else None
    files = args.files or [None] + [
        generate_interview(os.path.join(ROOT, "target", "bench", f"interview-{mb}mb.txt"), mb)
        for mb in args.size_mb
    ]
    print(f"binary: {args.binary}; terminal {COLUMNS}x{ROWS}; load average "
          f"{os.getloadavg()[0]:.1f}; frame done after {args.quiet_ms:g} ms of quiet; "
          f"peer: {less or 'none'}")
    for file in files:
        peer_file = file
        if file and "=" in file:
            file, peer_file = file.split("=", 1)
        if file:
            size = os.path.getsize(file)
            with open(peer_file, "rb") as f:
                questions = f.read().count("\nج.ت:".encode())
            name = f"{os.path.relpath(file, ROOT)} ({size / 1e6:.1f} MB, ~{questions} questions)"
            if peer_file != file:
                name += f"; less reads {os.path.relpath(peer_file, ROOT)}"
        else:
            name, size = "built-in interview", 0
        hiwar_argv = [args.binary, "--no-resume"] + ([file] if file else [])
        # less reads the built-in interview from its file.
        less_argv = [less, peer_file or os.path.join(ROOT, "assets", "interview-ar.txt")]
        # Alternating, one run each in turn, so both see the same machine.
        results = {"hiwar": ([], {}, [], set()), "less": ([], {}, [], set())}
        for run in range(args.runs):
            for who, argv, script, keys, done in (
                    ("hiwar", hiwar_argv, SCRIPT, KEYS, STATUS_ROW),
                    ("less", less_argv, LESS_SCRIPT, LESS_KEYS, LESS_FRAME)):
                if who == "less" and not less:
                    continue
                frames, by_key, rss, notes = measure(argv, 1, args.quiet_ms / 1000,
                                                     script if run == 0 else [], keys, done)
                got = results[who]
                got[0].extend(frames)
                for key, latencies in by_key.items():
                    got[1].setdefault(key, []).extend(latencies)
                got[2].extend(rss)
                got[3].update(notes)
        print(f"\n{name}")
        for who in ("hiwar", "less"):
            if who == "less" and not less:
                continue
            frames, by_key, rss, notes = results[who]
            report(who, frames, by_key, rss, notes, size if who == "hiwar" else 0)
        if less and results["hiwar"][0] and results["less"][0]:
            ratio = median_of(results["hiwar"][0]) / median_of(results["less"][0])
            print(f"  hiwar/less first frame: {ratio:.2f} (goal <= 1.5)")
            for key in LESS_KEYS:
                h = median_of(results["hiwar"][1].get(key, []))
                l = median_of(results["less"][1].get(key, []))
                if h and l:
                    print(f"  hiwar/less {key}: {h / l:.2f} ({h:.1f} / {l:.1f} ms)")


if __name__ == "__main__":
    main()

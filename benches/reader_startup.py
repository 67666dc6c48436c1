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

Documents: the built-in interview (no FILE) and a generated ~10 MB interview
(the built-in text, then its exchanges repeated: thousands of questions) under
target/bench/.

Usage: benches/reader_startup.py [--binary target/release/hiwar] [--runs 5]
       [--size-mb 10] [--quiet-ms 50] [FILE...]
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

    def __init__(self, argv, quiet):
        self.quiet = quiet
        self.output = bytearray()
        self.started = time.perf_counter()
        pid, fd = pty.fork()
        if pid == 0:
            try:
                size = struct.pack("HHHH", ROWS, COLUMNS, 0, 0)
                fcntl.ioctl(0, termios.TIOCSWINSZ, size)
                env = {k: v for k, v in os.environ.items()
                       if k not in ("COLUMNS", "LINES", "NO_COLOR")}
                env["TERM"] = "xterm-256color"
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
        keys = KEYS[name]
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


def measure(binary, file, runs, quiet):
    argv = [binary] + ([file] if file else [])
    first_frames, rss, keys, notes = [], [], {}, set()
    for run in range(runs):
        session = Session(argv, quiet)
        frame = session.burst(wait_for=STATUS_ROW)
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
            for name, times in SCRIPT:
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


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--binary", default=os.path.join(ROOT, "target", "release", "hiwar"))
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--size-mb", type=int, default=10)
    parser.add_argument("--quiet-ms", type=float, default=50)
    parser.add_argument("files", nargs="*")
    args = parser.parse_args()
    if not os.access(args.binary, os.X_OK):
        sys.exit(f"{args.binary}: not built (cargo build --release)")
    files = args.files or [
        None,
        generate_interview(os.path.join(ROOT, "target", "bench",
                                        f"interview-{args.size_mb}mb.txt"), args.size_mb),
    ]
    print(f"binary: {args.binary}; terminal {COLUMNS}x{ROWS}; load average "
          f"{os.getloadavg()[0]:.1f}; frame done after {args.quiet_ms:g} ms of quiet")
    for file in files:
        if file:
            size = os.path.getsize(file)
            with open(file, "rb") as f:
                questions = f.read().count("\nج.ت:".encode())
            name = f"{os.path.relpath(file, ROOT)} ({size / 1e6:.1f} MB, ~{questions} questions)"
        else:
            name, size = "built-in interview", 0
        first_frames, keys, rss, notes = measure(args.binary, file, args.runs,
                                                 args.quiet_ms / 1000)
        print(f"\n{name}")
        for note in sorted(notes):
            print(f"  note: {note}")
        if first_frames:
            print(f"  first frame: median {statistics.median(first_frames):.1f} ms "
                  f"(runs: {' '.join(f'{t:.1f}' for t in first_frames)})")
        for key, latencies in keys.items():
            seen = [t for t in latencies if t is not None]
            missing = len(latencies) - len(seen)
            text = (f"median {statistics.median(seen):.1f} ms, max {max(seen):.1f} ms"
                    if seen else "no redraw")
            extra = f", {missing} without redraw" if seen and missing else ""
            print(f"  {key:<9} x{len(latencies):<3} key to redraw: {text}{extra}")
        if rss:
            peak = max(rss) / 1024
            budget = f" (budget 3 x file + 20 MB = {3 * size / 2**20 + 20:.0f} MB)" if size else ""
            print(f"  peak memory (VmHWM): {peak:.1f} MB{budget}")


if __name__ == "__main__":
    main()

#!/usr/bin/env bash
# Plain print throughput, side by side with FriBidi's and bidiv's command lines.
#
# Builds hiwar (release), makes a ~10 MB corpus (the built-in interview text
# repeated) under target/bench/, installs Debian's libfribidi-bin and bidiv when
# they are missing, then times the three commands on the corpus, output to
# /dev/null: one warm-up round, then RUNS rounds, the commands alternating within
# each round so that a noisy neighbour hurts all three alike. Each run's wall time
# and peak RSS come from wait4(2) on that very child.
#
# Prints per-command medians, the median of the per-round ratios hiwar/fribidi
# and hiwar/bidiv, and each command's peak memory.
#
# Usage: benches/compare.sh            (env: RUNS=5 WIDTH=80 CORPUS_MB=10)
# Not a pass/fail step of CI: the figures depend on the machine.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
runs=${RUNS:-5}
width=${WIDTH:-80}
corpus_mb=${CORPUS_MB:-10}

cargo build --release --quiet --bin hiwar
hiwar="$root/target/release/hiwar"

missing=()
command -v fribidi >/dev/null || missing+=(libfribidi-bin)
command -v bidiv >/dev/null || missing+=(bidiv)
command -v python3 >/dev/null || missing+=(python3)
if ((${#missing[@]})); then
    sudo=()
    [[ $(id -u) -eq 0 ]] || sudo=(sudo)
    "${sudo[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
fi

corpus="$root/target/bench/corpus-${corpus_mb}mb.txt"
source_text="$root/assets/interview-ar.txt"
if [[ ! -s $corpus || $corpus -ot $source_text ]]; then
    mkdir -p "$(dirname "$corpus")"
    tmp="$corpus.tmp"
    : >"$tmp"
    target=$((corpus_mb * 1000 * 1000))
    while (($(stat -c %s "$tmp") < target)); do
        cat "$source_text" >>"$tmp"
    done
    mv "$tmp" "$corpus"
fi

python3 - "$runs" "$corpus" "$hiwar" "$width" <<'PY'
import os, statistics, sys, time

runs = int(sys.argv[1])
corpus, hiwar, width = sys.argv[2], sys.argv[3], sys.argv[4]
commands = {
    "hiwar": [hiwar, "--print", "--plain", "--width", width, corpus],
    "fribidi": ["fribidi", "--width", width, corpus],
    "bidiv": ["bidiv", "-w", width, corpus],
}

def run(argv):
    """Wall seconds and peak RSS (KiB) of one run, output to /dev/null."""
    devnull_in = os.open(os.devnull, os.O_RDONLY)
    devnull_out = os.open(os.devnull, os.O_WRONLY)
    start = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        try:
            os.dup2(devnull_in, 0)
            os.dup2(devnull_out, 1)
            os.execvp(argv[0], argv)
        finally:
            os._exit(127)
    _, status, usage = os.wait4(pid, 0)
    wall = time.perf_counter() - start
    os.close(devnull_in)
    os.close(devnull_out)
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        sys.exit(f"{' '.join(argv)}: exit status {code}")
    return wall, usage.ru_maxrss

size = os.path.getsize(corpus)
print(f"corpus: {corpus} ({size / 1e6:.1f} MB, {sum(1 for _ in open(corpus, 'rb'))} lines)")
print(f"machine: {os.cpu_count()} CPUs; {runs} rounds after a warm-up, commands alternating")
for argv in commands.values():  # warm-up: page cache, binaries
    run(argv)
walls = {name: [] for name in commands}
rss = {name: [] for name in commands}
for _ in range(runs):
    for name, argv in commands.items():
        wall, peak = run(argv)
        walls[name].append(wall)
        rss[name].append(peak)

print(f"{'command':<10}{'median s':>10}{'min s':>9}{'max s':>9}{'MB/s':>8}{'peak RSS':>12}")
for name in commands:
    median = statistics.median(walls[name])
    print(f"{name:<10}{median:>10.3f}{min(walls[name]):>9.3f}{max(walls[name]):>9.3f}"
          f"{size / 1e6 / median:>8.1f}{max(rss[name]) / 1024:>9.1f} MB")
for peer in ("fribidi", "bidiv"):
    ratios = [h / p for h, p in zip(walls["hiwar"], walls[peer])]
    print(f"hiwar/{peer}: median ratio {statistics.median(ratios):.2f} "
          f"(rounds: {' '.join(f'{r:.2f}' for r in ratios)})")
PY

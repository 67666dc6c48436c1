#!/usr/bin/env bash
# Plain print throughput, side by side with FriBidi's and bidiv's command lines.
#
# Builds hiwar (release), makes a ~10 MB corpus (the built-in interview text
# repeated) under target/bench/, installs Debian's libfribidi-bin and bidiv when
# they are missing, then times the three commands on the corpus, output to
# /dev/null: one warm-up round, then RUNS rounds, the commands alternating within
# each round so that a noisy neighbour hurts all three alike. Each run's wall time
# is taken around it; its CPU time and peak RSS come from GNU time.
#
# Prints per-command medians, the median of the per-round ratios hiwar/fribidi
# and hiwar/bidiv, and each command's peak memory (the largest of its runs). The
# CPU time (user + system) is shown too: on a loaded machine it is steadier than
# wall time, but it counts every thread of a parallel run.
#
# The same rounds also run hiwar and FriBidi pinned to one CPU (`taskset -c 0`,
# RAYON_NUM_THREADS=1 for hiwar): the last two lines put the one-core CPU time
# ratio hiwar/fribidi beside the two-core wall time ratio, each the median of its
# per-round ratios, with the goals of issue 12 (0.5 and 0.35). Last, the peak RSS
# of `hiwar --print --plain` and `hiwar --print` on one paragraph of 6 MB (the
# corpus's lines joined by spaces), against the budget of 3 x input + 20 MB.
#
# Usage: benches/compare.sh            (env: RUNS=5 WIDTH=80 CORPUS_MB=10)
#        HIWAR_BASELINE=/tmp/hiwar-old benches/compare.sh
#          also times another hiwar build (before/after a change) in the rounds.
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
[[ -x /usr/bin/time ]] || missing+=(time)
if ((${#missing[@]})); then
    sudo=()
    [[ $(id -u) -eq 0 ]] || sudo=(sudo)
    "${sudo[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
fi

corpus="$root/target/bench/corpus-${corpus_mb}mb.txt"
source_text="$root/assets/interview-ar.txt"
if [[ ! -s $corpus || $corpus -ot $source_text || $corpus -ot ${BASH_SOURCE[0]} ]]; then
    mkdir -p "$(dirname "$corpus")"
    tmp="$corpus.tmp"
    : >"$tmp"
    target=$((corpus_mb * 1000 * 1000))
    while (($(stat -c %s "$tmp") < target)); do
        cat "$source_text" >>"$tmp"
        # Copies stay whole paragraphs: each starts on a line of its own.
        [[ $(tail -c 1 "$tmp" | od -An -c | tr -d ' ') == '\n' ]] || echo >>"$tmp"
    done
    mv "$tmp" "$corpus"
fi

python3 - "$runs" "$corpus" "$hiwar" "$width" "${HIWAR_BASELINE:-}" <<'PY'
import os, statistics, subprocess, sys, tempfile, time

runs = int(sys.argv[1])
corpus, hiwar, width, baseline = sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5]
commands = {
    "hiwar": [hiwar, "--print", "--plain", "--width", width, corpus],
    "fribidi": ["fribidi", "--width", width, corpus],
    "bidiv": ["bidiv", "-w", width, corpus],
}
if baseline:
    commands["baseline"] = [baseline, "--print", "--plain", "--width", width, corpus]
# One CPU: the same commands pinned to CPU 0, hiwar with one rayon thread.
one_cpu = ["taskset", "-c", "0", "env", "RAYON_NUM_THREADS=1"]
commands["hiwar-1cpu"] = one_cpu + commands["hiwar"]
commands["fribidi-1cpu"] = one_cpu + commands["fribidi"]

def run(argv):
    """Wall seconds, CPU seconds (user + system) and peak RSS (KiB) of one run,
    output to /dev/null. GNU time reports the RSS: a child forked from this
    Python process would count Python's own pages in its ru_maxrss."""
    with tempfile.NamedTemporaryFile("r") as report:
        start = time.perf_counter()
        with open(os.devnull, "rb") as stdin, open(os.devnull, "wb") as stdout:
            done = subprocess.run(["/usr/bin/time", "-o", report.name, "-f", "%U %S %M", *argv],
                                  stdin=stdin, stdout=stdout)
        wall = time.perf_counter() - start
        if done.returncode != 0:
            sys.exit(f"{' '.join(argv)}: exit status {done.returncode}")
        user, system, peak = report.read().split()[-3:]
    return wall, float(user) + float(system), int(peak)

size = os.path.getsize(corpus)
print(f"corpus: {corpus} ({size / 1e6:.1f} MB, {sum(1 for _ in open(corpus, 'rb'))} lines)")
model = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo")
              if line.startswith("model name")), "unknown CPU")
print(f"machine: {model}, {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}; "
      f"{runs} rounds after a warm-up, commands alternating")
for argv in commands.values():  # warm-up: page cache, binaries
    run(argv)
walls = {name: [] for name in commands}
cpus = {name: [] for name in commands}
rss = {name: [] for name in commands}
for _ in range(runs):
    for name, argv in commands.items():
        wall, cpu, peak = run(argv)
        walls[name].append(wall)
        cpus[name].append(cpu)
        rss[name].append(peak)

# CPUs: CPU time over wall time, the parallelism a run got (about 1 for a
# serial tool; below 2 for hiwar on two CPUs shared with other work).
print(f"{'command':<13}{'median s':>10}{'min s':>9}{'max s':>9}{'MB/s':>8}{'cpu s':>8}"
      f"{'CPUs':>6}{'peak RSS':>12}")
for name in commands:
    median = statistics.median(walls[name])
    used = statistics.median(c / w for c, w in zip(cpus[name], walls[name]))
    print(f"{name:<13}{median:>10.3f}{min(walls[name]):>9.3f}{max(walls[name]):>9.3f}"
          f"{size / 1e6 / median:>8.1f}{statistics.median(cpus[name]):>8.2f}{used:>6.2f}"
          f"{max(rss[name]) / 1024:>9.1f} MB")
for peer in [name for name in commands if name in ("fribidi", "bidiv", "baseline")]:
    ratios = [h / p for h, p in zip(walls["hiwar"], walls[peer])]
    cpu_ratio = statistics.median(cpus["hiwar"]) / statistics.median(cpus[peer])
    print(f"hiwar/{peer}: median ratio {statistics.median(ratios):.2f} "
          f"(rounds: {' '.join(f'{r:.2f}' for r in ratios)}; cpu time ratio {cpu_ratio:.2f})")
one = [h / f for h, f in zip(cpus["hiwar-1cpu"], cpus["fribidi-1cpu"])]
two = [h / f for h, f in zip(walls["hiwar"], walls["fribidi"])]
print(f"one core, CPU time hiwar/fribidi: {statistics.median(one):.2f} (goal 0.5; rounds: "
      f"{' '.join(f'{r:.2f}' for r in one)})")
print(f"two cores, wall time hiwar/fribidi: {statistics.median(two):.2f} (goal 0.35; rounds: "
      f"{' '.join(f'{r:.2f}' for r in two)})")

# One paragraph of 6 MB: memory must not grow with a paragraph's clusters.
paragraph = os.path.join(os.path.dirname(corpus), "paragraph-6mb.txt")
if not os.path.exists(paragraph) or os.path.getmtime(paragraph) < os.path.getmtime(corpus):
    words = b" ".join(line.strip() for line in open(corpus, "rb") if line.strip())
    words = words[:6_000_000]
    with open(paragraph, "wb") as out:
        out.write(words[:words.rindex(b" ")] + b"\n")
size = os.path.getsize(paragraph)
budget = 3 * size / 1e6 + 20
for mode in (["--print", "--plain"], ["--print"]):
    _, _, peak = run([hiwar, *mode, "--width", width, paragraph])
    print(f"one {size / 1e6:.1f} MB paragraph, hiwar {' '.join(mode)}: peak RSS "
          f"{peak * 1024 / 1e6:.1f} MB (budget 3 x input + 20 MB = {budget:.1f} MB)")
PY

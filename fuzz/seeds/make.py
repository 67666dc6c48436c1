#!/usr/bin/env python3
"""Writes the seed corpora (seeds/<target>/) from the hostile cases, scaled down.

Run from fuzz/: python3 seeds/make.py. The layout target (the engine crate's,
crates/hiwar-layout/fuzz/, whose seeds it writes too) reads a 2-byte width
(little-endian, mod 401) and a flags byte before the text; the text parser one
width byte.
"""
import json
import os
import struct

RLI, LRI, PDI, RLO, LRO, PDF = "\u2067", "\u2066", "\u2069", "\u202e", "\u202d", "\u202c"

texts = {
    "empty": "",
    "blank": "  \t \n\n   \r\n",
    "no_labels": "هذا نص بلا متحدثين.\nوسطر ثان.\n",
    "interview": "مقدمة.\nج.ت: سؤال أول؟\nتشانغ: جواب (تشانغ) في 2013 بنسبة 31.5%.\nج.ت: سؤال ثان؟\nتشانغ: لا، لأن.\n",
    "long_word": "ب" * 3000,
    "long_paragraph": "كلمة word 123 " * 400,
    "nested_isolates": RLI * 130 + "1" + PDI * 130,
    "nested_isolates_mixed": (RLI + LRI) * 70 + "12" + PDI * 140 + " x",
    "nested_embeddings": ("\u202b\u202a") * 70 + "1" + PDF * 140,
    "escapes": "a\x1b[2Jb\x1b]0;title\x07c\x1b]2;t\x1b\\d\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\"
               "\x1b]52;c;cHduZWQ=\x07\x1bPdcs\x1b\\\x1b_apc\x1b\\\x1b^pm\x1b\\\x1bXsos\x1b\\",
    "c1": "\u009b31m red \u0085 nel \u0090dcs\u009c \u009d osc \u0080\u009f",
    "c0": "".join(chr(i) for i in range(32)) + "\x7f DEL\rCR \x07BEL \x08BS",
    "trojan": "x = 1; /* \u202e } \u2066if (admin)\u2069 \u2066 begin admins only */\n"
              "\"user\u202e \u2066// Check if admin\u2069 \u2066\"",
    "trojan_ar": "قال " + RLO + "abc" + PDF + " ثم " + LRO + "مرحبا" + PDF + ".",
    "marks": "\u064b\u0651ب\u064e\u200d\u200cـ\ufeff\u200b لا لأ لإ لآ",
    "wide": "中文字符 😀👨‍👩‍👧 ﷽ " * 5,
    "brackets": "(«‹[{تشانغ}]›») " * 4,
    "crlf_bom": "\ufeffQ: a?\r\nA: b\r\n",
    "many_exchanges": "".join(f"Q: {i}?\nA: {i}.\n" for i in range(200)),
    "many_speakers": "".join(f"S{i}: x\nS{i}: y\n" for i in range(100)),
    "labels_hostile": "\x1b[2J: a\n\x1b[2J: b\n\u202e: c\n\u202e: d\n",
}

def write(target, name, data):
    # The layout target is the engine crate's (crates/hiwar-layout/fuzz/).
    folder = ("../crates/hiwar-layout/fuzz/seeds/layout" if target == "layout"
              else f"seeds/{target}")
    os.makedirs(folder, exist_ok=True)
    with open(f"{folder}/{name}", "wb") as f:
        f.write(data)

for name, text in texts.items():
    raw = text.encode("utf-8")
    for width, flags in [(80, 0), (1, 1), (0, 2), (7, 0x81)]:
        write("layout", f"{name}_w{width}_f{flags:02x}", struct.pack("<HB", width, flags) + raw)
    write("text_parser", name, bytes([60]) + raw)

def interview(**over):
    doc = {"title": "حوار", "language": "ar", "direction": "rtl",
           "speakers": [{"label": "ج.ت", "name": "جلوبال تايمز"}, {"label": "تشانغ", "name": "تشانغ شياو"}],
           "intro": ["مقدمة"],
           "exchanges": [{"question": ["سؤال؟"], "answer": ["جواب."]}]}
    doc.update(over)
    return doc

jsons = {
    "minimal": json.dumps(interview(), ensure_ascii=False),
    "escaped": json.dumps(interview(title=texts["escapes"], intro=[texts["c1"], texts["trojan"]])),
    "nested": json.dumps(interview(intro=[texts["nested_isolates"]])),
    "empty_lists": json.dumps(interview(speakers=[], intro=[], exchanges=[])),
    "bad_direction": json.dumps(interview(direction="\x1b[2J")),
    "wrong_type": '{"title": 7}',
    "truncated": json.dumps(interview())[:40],
    "deep": "[" * 200 + "]" * 200,
    "deep_object": '{"title":' * 100,
    "not_json": "just text",
    "turns": json.dumps(interview(exchanges=[{"question": ["q"], "answer": ["a", "b"],
                                              "answered_by": [{"speaker": "x", "from": 1}, {"speaker": "y", "from": 99}]}])),
}
for name, text in jsons.items():
    write("json_parser", name, text.encode("utf-8"))

# The Markdown parser: a width byte, then the document.
n = 2000
markdowns = {
    "interview": "---\ntitle: 'حوار'\n---\n\n# عنوان\n\nمقدمة *مائلة*.\n\n**ج.ت:** سؤال **مهم**؟\n\n"
                 "**تشانغ:** جواب فيه `31.5%` و[رابط](https://e.org/a_b) و~~محذوف~~.\n\n- بند\n  1. فرعي\n\n"
                 "> اقتباس\n\n**ج.ت:** سؤال ثان؟\n\n**تشانغ:** جواب.\n",
    "english": "Q: Why *now*?\r\n\r\n**Zhang Xiao**: Because of `trade`.\r\n\r\nQ: Next?\r\n\r\nZhang Xiao: More.\r\n",
    "html": "**Q:** <script>x</script> <b>b</b>\n\n**A:** <!-- c -->\n\n<div>\nblock\n</div>\n",
    "escapes": "[a&#27;]2;t&#7;b](<x&#27;[31m> \"t\") [\\\x1b](&#x202e;u) &#8238;r &#0; &#x1b;[2J \\* \\_",
    "nested_emphasis": "*" * n + "x" + "*" * n,
    "nested_mixed": "*_" * (n // 2) + "x" + "_*" * (n // 2),
    "nested_lists": "- " * n + "x",
    "nested_quotes": ">" * n + " x",
    "nested_links": "[a" * n + "](u)" * n,
    "code": "```\nfn x() {}\n\tindented\n```\n\n    code block\n\n`` a`b `` ` `` `",
    "edges": "***a** b* **\"q\"**x a__b__c &#32;**a** x***y***z",
}
for name, text in markdowns.items():
    write("markdown_parser", name, bytes([40]) + text.encode("utf-8"))

# The web readers: the fixtures of tests/data/web, and hostile pages scaled down.
web = "../tests/data/web"
for name in ("news-interview.html", "article.html", "news-1256.html"):
    with open(f"{web}/{name}", "rb") as f:
        write("html_parser", name.replace(".", "_"), bytes([60]) + f.read())
pages = {
    "deep": "<div>" * 3000 + "<p>قاع</p>" + "</div>" * 3000,
    "deep_inline": "<p>" + "<b><i>" * 1500 + "عريض",
    "deep_lists": "<ul>" + "<li><ul>" * 1000 + "<li>عميق",
    "escapes": "<p>\x1b[2J&#x1b;]0;t&#7; &#x202E;nimda&#x202C; \u009b2J</p><a href='javascript:alert(1)'>x</a>",
    "entities": "<!DOCTYPE x [<!ENTITY a \"aaaa\"><!ENTITY b \"&a;&a;&a;\">]><p>&b; &amp; &nbsp; &#x628;</p>",
    "interview": "<p><strong>س:</strong> سؤال؟</p><p><b>ج:</b> جواب.</p><p><strong>س</strong>: ثان؟</p><p><b>ج</b>: نعم</p>",
    "table": "<table><tr><th>a<td><p>b</p><td><table><tr><td>c</table></table><pre>\n x\n  y</pre>",
    "furniture": "<nav>menu</nav><aside class=most-read>x</aside><article><h1>t</h1><p>" + "نص، " * 40 + "</p></article><footer>f</footer>",
}
for name, page in pages.items():
    write("html_parser", name, bytes([40]) + page.encode("utf-8"))
for name in ("book-epub3.epub", "book-epub2.epub"):
    with open(f"{web}/{name}", "rb") as f:
        write("epub_reader", name.replace(".", "_"), bytes([0]) + f.read())
opf = ('<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0">'
       '<metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>كتاب</dc:title>'
       '<dc:language>ar</dc:language></metadata><manifest>'
       '<item id="nav" href="nav.xhtml" properties="nav" media-type="application/xhtml+xml"/>'
       '<item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/>'
       '<item id="c1" href="ch1.xhtml" media-type="application/xhtml+xml"/>'
       '<item id="c2" href="ch2.xhtml" media-type="application/xhtml+xml"/>'
       '<item id="c3" href="text/ch3.xhtml" media-type="application/xhtml+xml"/></manifest>'
       '<spine toc="ncx" page-progression-direction="rtl"><itemref idref="c1"/><itemref idref="c2"/>'
       '<itemref idref="c3"/></spine></package>')
nav = ('<html xmlns:epub="http://www.idpf.org/2007/ops"><body><nav epub:type="toc"><ol>'
       '<li><a href="ch1.xhtml">الأول</a><ol><li><a href="ch1.xhtml#s">فرع</a></li></ol></li>'
       '<li><a href="ch2.xhtml">الثاني</a></li><li><a href="text/ch3.xhtml">الثالث</a></li></ol></nav></body></html>')
ncx = ('<ncx><navMap><navPoint><navLabel><text>الأول</text></navLabel><content src="ch1.xhtml"/>'
       '</navPoint></navMap></ncx>')
chapters = ['<html dir="rtl"><body><h1>الأول</h1><p>نص.</p><h2 id="s">فرع</h2><p>نص الفرع.</p></body></html>',
            '<html><body><p><img src="a.png" alt="صورة"/> &lol; <a href="#fn1">1</a></p></body></html>',
            '<html><body><ol><li>بند</li></ol></body></html>']
parts = "\0\0".join([opf, nav, ncx] + chapters)
write("epub_reader", "parts", bytes([1]) + parts.encode("utf-8"))

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

#!/usr/bin/env python3
"""Writes the web-page and book fixtures of tests/web.rs from the built-in interview
(assets/interview-ar.txt) and a short Arabic book written here, in the shapes real
sites and books have. Run from the repository's root; commit what it writes:

  news-interview.html   a news site's page: cookie notice, header and menus, a
                        ticker, the interview (bold labels), share buttons, an ad,
                        related links, a "most read" sidebar, a footer, scripts
  article.html          an article page: headings, a list, a quote, a table, code,
                        an image, links (one javascript:), dir="ltr" aside
  news-1256.html        the same interview's start, in windows-1256 with a meta charset
  book-epub3.epub       an EPUB 3 made by pandoc (nav.xhtml, dir="rtl")
  book-epub2.epub       an EPUB 2 with toc.ncx, as older tools made them
"""
import html
import pathlib
import subprocess
import zipfile

root = pathlib.Path(__file__).resolve().parents[3]
out = pathlib.Path(__file__).resolve().parent
lines = [l.strip() for l in (root / "assets/interview-ar.txt").read_text().splitlines() if l.strip()]


def paragraph(line):
    for label in ("ج.ت", "تشانغ"):
        if line.startswith(label + ":"):
            rest = line[len(label) + 1:].strip()
            return f"<p><strong>{label}:</strong> {html.escape(rest)}</p>"
    return f"<p>{html.escape(line)}</p>"


body = "\n".join(paragraph(l) for l in lines)
third = len(lines) // 3
first_part = "\n".join(paragraph(l) for l in lines[:third])
second_part = "\n".join(paragraph(l) for l in lines[third:])

news = f"""<!DOCTYPE html>
<!-- saved from url=(0061)https://www.example-news.test/world/interview-zhang-xiao.html -->
<html lang="ar" dir="rtl">
<head>
<meta charset="utf-8">
<title>السفير الصيني لدى كازاخستان: عشر سنوات من الحزام والطريق | جلوبال تايمز عربي</title>
<meta property="og:title" content="السفير الصيني لدى كازاخستان: عشر سنوات من الحزام والطريق">
<meta property="og:site_name" content="جلوبال تايمز عربي">
<link rel="canonical" href="https://www.example-news.test/world/interview-zhang-xiao.html">
<style>body {{ font-family: "Noto Naskh Arabic"; }} .ad {{ display: block; }} /* CSS_SHOWN */</style>
<script>window.dataLayer = []; function track() {{ return "SCRIPT_SHOWN"; }}</script>
</head>
<body class="article-page">
<div id="cookie-consent" class="cookie-banner">نستخدم ملفات تعريف الارتباط لتحسين تجربتك. <button>موافق</button> COOKIE_SHOWN</div>
<header class="site-header">
  <a class="logo" href="/">جلوبال تايمز عربي</a>
  <nav class="main-menu"><ul>
    <li><a href="/">الرئيسية</a></li><li><a href="/china">الصين</a></li>
    <li><a href="/world">العالم</a></li><li><a href="/economy">اقتصاد</a></li>
    <li><a href="/opinion">رأي</a></li><li><a href="/sport">رياضة MENU_SHOWN</a></li>
  </ul></nav>
  <form class="search" action="/search"><input name="q" placeholder="بحث"><button>بحث</button></form>
</header>
<div class="breaking-news ticker" role="marquee"><span>عاجل:</span> <a href="/n/1">أخبار عاجلة من المنطقة TICKER_SHOWN</a></div>
<div class="container">
<main id="content">
<div class="breadcrumbs"><a href="/">الرئيسية</a> › <a href="/world">العالم</a> BREADCRUMB_SHOWN</div>
<article class="article">
  <header class="article-header">
    <h1>السفير الصيني لدى كازاخستان تشانغ شياو: عشر سنوات من مبادرة الحزام والطريق</h1>
    <div class="byline">بقلم <a href="/authors/staff">محرر جلوبال تايمز</a> · <time datetime="2023-09-07">7 سبتمبر 2023</time></div>
  </header>
  <div class="share-buttons social"><a href="https://facebook.test/share">فيسبوك</a> <a href="https://x.test/share">إكس</a> <a href="javascript:window.print()">طباعة SHARE_SHOWN</a></div>
  <figure><img src="/images/zhang-xiao.jpg" alt="السفير تشانغ شياو"><figcaption>السفير الصيني لدى كازاخستان تشانغ شياو</figcaption></figure>
  <div class="article-body" itemprop="articleBody">
{first_part}
<div class="ad ad-inline" id="div-gpt-ad-1"><span>إعلان</span> ADVERT_SHOWN</div>
{second_part}
  </div>
  <div class="tags">وسوم: <a href="/tag/bri">الحزام والطريق</a></div>
  <section class="related-articles"><h3>مقالات ذات صلة</h3><ul><li><a href="/r/1">الصين وكازاخستان RELATED_SHOWN</a></li></ul></section>
</article>
</main>
<aside class="sidebar">
  <div class="widget most-read"><h3>الأكثر قراءة</h3><ol>
    <li><a href="/m/1">خبر أول من الأكثر قراءة SIDEBAR_SHOWN</a></li>
    <li><a href="/m/2">خبر ثان من الأكثر قراءة</a></li></ol></div>
  <div class="newsletter">اشترك في النشرة البريدية</div>
</aside>
</div>
<footer class="site-footer"><p>© 2023 جلوبال تايمز عربي. جميع الحقوق محفوظة. FOOTER_SHOWN</p>
<ul><li><a href="/about">من نحن</a></li><li><a href="/contact">اتصل بنا</a></li></ul></footer>
<script src="/js/app.js"></script>
<script>document.write("SCRIPT_SHOWN")</script>
</body>
</html>
"""
(out / "news-interview.html").write_text(news)

article = """<!doctype html>
<html lang="ar" dir="rtl">
<head><meta charset="utf-8"><title>دليل القراءة في الطرفية - مدونة التقنية</title></head>
<body>
<nav><a href="/">المدونة</a> <a href="/about">عن الكاتب</a></nav>
<article>
<h1>القراءة بالعربية في الطرفية</h1>
<p>تعرض معظم الطرفيات النص العربي <em>مقطّعًا</em> ومعكوسًا، ولذلك <strong>نرتّب</strong> النص بأنفسنا. اقرأ <a href="https://www.unicode.org/reports/tr9/">معيار UAX #9</a> أو <a href="javascript:alert('x')">اضغط هنا</a>.</p>
<h2>الخطوات</h2>
<ol><li>مستويات الاتجاه</li><li>تشكيل الحروف<ul><li>لام ألف</li></ul></li><li>الالتفاف</li></ol>
<blockquote><p>النص الذي يُقرأ جيدًا نصّ مرتّب جيدًا.</p></blockquote>
<table><caption>الطرفيات</caption><tr><th>الطرفية</th><th>الاتجاه</th></tr><tr><td>xterm</td><td>لا يعيد الترتيب</td></tr><tr><td>VTE</td><td>يعيد الترتيب</td></tr></table>
<pre><code>cargo run --release -- page.html</code></pre>
<p>المثال <code dir="ltr">hiwar book.epub</code> يفتح كتابًا.<br>سطر ثان بعد فاصل.</p>
<p><img src="images/diagram.png" alt="رسم الطبقات"></p>
<aside dir="ltr"><p>A sidebar in English ASIDE_SHOWN</p></aside>
</article>
<footer>حقوق النشر FOOTER_SHOWN</footer>
</body>
</html>
"""
(out / "article.html").write_text(article)

cp1256 = ("""<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1256">
<title>حوار</title></head><body>""" + "\n".join(paragraph(l) for l in lines[:6]) + "</body></html>\n")
(out / "news-1256.html").write_bytes(cp1256.encode("cp1256"))

# An EPUB 3 as pandoc makes it, from Markdown with chapters and a footnote.
book_md = out / "book.md"
book_md.write_text("""---
title: حكايات الطريق
author: كاتب التجربة
lang: ar
dir: rtl
---

# الفصل الأول: البداية

كان الطريق طويلًا، والقافلة تسير **ببطء** بين الكثبان.[^1]

## على الطريق

قال الدليل: «سنصل قبل الغروب».

# الفصل الثاني: المدينة

وصلت القافلة إلى المدينة، فاستقبلها الناس بالتمر والماء.

- سوق التوابل
- سوق الحرير

# الفصل الثالث: العودة

عاد المسافرون وفي قلوبهم حكايات لا تنتهي.

[^1]: الكثبان تلال من الرمل.
""")
subprocess.run(
    ["pandoc", str(book_md), "-o", str(out / "book-epub3.epub"), "--epub-chapter-level=1",
     "-M", "date=2024-01-01", "--metadata", "identifier=urn:uuid:00000000-0000-4000-8000-000000000001"],
    check=True,
)
book_md.unlink()

# An EPUB 2 with toc.ncx and no nav document.
ncx = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE ncx PUBLIC "-//NISO//DTD ncx 2005-1//EN" "http://www.daisy.org/z3986/2005/ncx-2005-1.dtd">
<ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1">
<head><meta name="dtb:uid" content="book-2"/></head>
<docTitle><text>ديوان قديم</text></docTitle>
<navMap>
<navPoint id="n1" playOrder="1"><navLabel><text>المقدمة</text></navLabel><content src="Text/intro.xhtml"/></navPoint>
<navPoint id="n2" playOrder="2"><navLabel><text>القصيدة الأولى</text></navLabel><content src="Text/poems.xhtml"/>
  <navPoint id="n3" playOrder="3"><navLabel><text>المطلع</text></navLabel><content src="Text/poems.xhtml#opening"/></navPoint>
</navPoint>
<navPoint id="n4" playOrder="4"><navLabel><text>الخاتمة</text></navLabel><content src="Text/end.xhtml"/></navPoint>
</navMap>
</ncx>
"""
opf = """<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="2.0" unique-identifier="uid">
<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
<dc:title>ديوان قديم</dc:title><dc:language>ar</dc:language><dc:identifier id="uid">book-2</dc:identifier>
</metadata>
<manifest>
<item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/>
<item id="cover" href="Text/cover.xhtml" media-type="application/xhtml+xml"/>
<item id="intro" href="Text/intro.xhtml" media-type="application/xhtml+xml"/>
<item id="poems" href="Text/poems.xhtml" media-type="application/xhtml+xml"/>
<item id="end" href="Text/end.xhtml" media-type="application/xhtml+xml"/>
</manifest>
<spine toc="ncx"><itemref idref="cover"/><itemref idref="intro"/><itemref idref="poems"/><itemref idref="end"/></spine>
</package>
"""


def xhtml(title, body):
    return f"""<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.1//EN" "http://www.w3.org/TR/xhtml11/DTD/xhtml11.dtd">
<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="ar" dir="rtl">
<head><title>{title}</title><link rel="stylesheet" type="text/css" href="../Styles/style.css"/></head>
<body>{body}</body></html>
"""


with zipfile.ZipFile(out / "book-epub2.epub", "w") as z:
    z.writestr(zipfile.ZipInfo("mimetype", (2024, 1, 1, 0, 0, 0)), "application/epub+zip")
    def add(name, text):
        z.writestr(zipfile.ZipInfo(name, (2024, 1, 1, 0, 0, 0)), text, compress_type=zipfile.ZIP_DEFLATED)
    add("META-INF/container.xml", """<?xml version="1.0"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
<rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles>
</container>
""")
    add("OEBPS/content.opf", opf)
    add("OEBPS/toc.ncx", ncx)
    add("OEBPS/Text/cover.xhtml", xhtml("الغلاف", '<div class="cover"><img src="../Images/cover.jpg" alt="غلاف الديوان"/></div>'))
    add("OEBPS/Text/intro.xhtml", xhtml("المقدمة", "<h2>المقدمة</h2><p>هذا ديوان جمع فيه الراوي ما حفظ من شعر البادية.</p>"))
    add("OEBPS/Text/poems.xhtml", xhtml("القصائد", """<h2>القصيدة الأولى</h2><p>قصيدة في وصف الليل.</p>
<h3 id="opening">المطلع</h3><p class="verse">أَلا أَيُّها اللَّيْلُ الطَّويلُ أَلا انْجَلي<br/>بِصُبْحٍ وَما الإِصْباحُ مِنكَ بِأَمْثَلِ</p>"""))
    add("OEBPS/Text/end.xhtml", xhtml("الخاتمة", "<h2>الخاتمة</h2><p>تمّ الديوان بحمد الله.</p>"))
    add("OEBPS/Styles/style.css", "body { direction: rtl; }")

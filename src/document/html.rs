//! HTML documents: a page saved from a browser, fetched with curl, or piped in.
//!
//! - Bytes are decoded by the page's byte-order mark or declared charset
//!   ([`charset`]), then parsed by html5ever (through scraper) as a browser
//!   would: entities, unclosed tags and misnested markup are the standard's
//!   business, not ours.
//! - The article is found and the page's furniture (menus, sidebars, share
//!   buttons, ads, footers, cookie notices) left out ([`extract`]); scripts,
//!   styles and hidden elements are never read.
//! - The article's blocks become paragraphs as Markdown's do: headings (bold),
//!   paragraphs, list items (`•` or their number, indented by level), block
//!   quotes (after `│ `), preformatted code (code style, lines kept), table rows
//!   (cells between ` │ `), figure captions; `<br>` is a line break. Emphasis,
//!   code, struck text and links are the paragraph's [`Inline`] markup; an image
//!   is its description (`alt`) or its file's name, in brackets. A
//!   `javascript:` (or `vbscript:`, `data:`) link is shown as text and kept as no
//!   link at all, so nothing can act on it.
//! - Speaker labels are found as in plain text ([`super::parse`]): a paragraph
//!   that opens with `<strong>ج.ت:</strong>`, `<b>س:</b>` or a bold name and a
//!   colon starts a turn, so a saved interview reads as an interview. A page
//!   without speakers is cut into sections by its headings (`<h2>`…`<h6>`, and
//!   `<h1>`s after the title), as a Markdown article is.
//! - The title is the article's `<h1>` (taken out of the text), else
//!   `og:title`, else `<title>` without the site's name; the language is the
//!   `lang` of the article or the page, else the text's; the direction is the
//!   `dir` of the article, the body or the page, else the text's majority.
//!
//! A tree of any depth is walked without recursion, so a page nested 100,000
//! levels deep reads as any other.

pub mod charset;
pub mod extract;
pub mod tree;

use ego_tree::NodeRef;
use ego_tree::iter::Edge;
use scraper::{Html, Node};

use super::inline::{Emphasis, Inline};
use super::parse::{self, Paragraph, TextOptions};
use super::{Exchange, Interview, Markup, Section, TextDirection};

/// Nesting shown by indentation or quote bars, at most (as in Markdown).
const MAX_SHOWN_DEPTH: usize = 8;

/// Reads a web page: the article, as an interview when its paragraphs carry
/// speaker labels. `options.title` is the title when the page gives none.
pub fn parse_html(bytes: &[u8], options: &TextOptions) -> Result<Interview, String> {
    let text = charset::decode(bytes)?;
    let html = tree::parse(&text);
    drop(text);
    let page = Page::of(&html);
    let article = extract::find_article(page.body);
    let mut blocks = walk(article, Scope::Article);
    let heading = blocks.iter().position(|b| b.kind == Kind::Heading(1));
    let title = match heading {
        Some(i) => blocks.remove(i).text,
        None => page
            .meta("og:title")
            .or_else(|| page.title())
            .unwrap_or_else(|| options.title.clone()),
    };
    let dir = direction_of(article).or(page.dir);
    let lang = lang_of(article).or_else(|| page.lang.clone());
    let mut interview = interview_of(blocks, options);
    interview.title = title;
    if let Some(dir) = dir {
        interview.direction = dir;
    }
    if let Some(lang) = lang {
        interview.language = lang;
    }
    interview.source = page.source();
    Ok(interview)
}

/// The paragraphs of blocks as an interview: labels, turns and exchanges by the
/// rules of plain text.
pub(crate) fn interview_of(blocks: Vec<Block>, options: &TextOptions) -> Interview {
    let found = parse::structure(blocks, options);
    // No speakers: the headings cut the page into sections, as in Markdown.
    let (intro, sections) = if found.exchanges.is_empty() {
        sections(found.intro)
    } else {
        (found.intro, Vec::new())
    };
    let (intro, intro_inline) = split(intro);
    Interview {
        title: options.title.clone(),
        language: found.counts.language().to_string(),
        direction: found.counts.direction(),
        markup: Markup::Markdown,
        speakers: found.speakers,
        intro,
        intro_inline,
        exchanges: found
            .exchanges
            .into_iter()
            .map(|e| {
                let (question, question_inline) = split(e.question);
                let (answer, answer_inline) = split(e.answer);
                Exchange {
                    question,
                    answer,
                    answered_by: e.answered_by,
                    question_inline,
                    answer_inline,
                }
            })
            .collect(),
        sections,
        ..Interview::default()
    }
}

/// The blocks before the first heading, and a section for each heading with the
/// blocks up to the next one.
fn sections(blocks: Vec<Block>) -> (Vec<Block>, Vec<Section>) {
    let mut intro = Vec::new();
    let mut sections: Vec<Section> = Vec::new();
    for block in blocks {
        match (block.kind, sections.last_mut()) {
            (Kind::Heading(level), _) => sections.push(Section {
                level,
                heading_inline: super::markdown::exportable(&block.text, block.inline),
                heading: block.text,
                ..Section::default()
            }),
            (_, Some(section)) => {
                section
                    .inline
                    .push(super::markdown::exportable(&block.text, block.inline));
                section.paragraphs.push(block.text);
            }
            (_, None) => intro.push(block),
        }
    }
    (intro, sections)
}

/// Texts and their markup, as the model keeps them; markup that JSON export
/// could not write back where it stands is dropped here, as Markdown does.
fn split(blocks: Vec<Block>) -> (Vec<String>, Vec<Inline>) {
    blocks
        .into_iter()
        .map(|b| {
            let inline = super::markdown::exportable(&b.text, b.inline);
            (b.text, inline)
        })
        .unzip()
}

/// What the page says of itself, outside its article.
pub(crate) struct Page<'a> {
    pub root: NodeRef<'a, Node>,
    pub body: NodeRef<'a, Node>,
    pub lang: Option<String>,
    pub dir: Option<TextDirection>,
}

impl<'a> Page<'a> {
    pub fn of(html: &'a Html) -> Self {
        let root = html.tree.root();
        // `<html>` is the document's element child; `<body>` one of its children.
        let element = root
            .children()
            .find(|n| element_named(*n, "html"))
            .unwrap_or(root);
        let body = element
            .children()
            .find(|n| element_named(*n, "body"))
            .unwrap_or(element);
        let lang = lang_of(body).or_else(|| lang_of(element));
        let dir = direction_of(body).or_else(|| direction_of(element));
        Page {
            root: element,
            body,
            lang,
            dir,
        }
    }

    /// The `<head>` element.
    fn head(&self) -> Option<NodeRef<'a, Node>> {
        self.root.children().find(|n| element_named(*n, "head"))
    }

    /// The content of `<meta property=NAME>` (or `name=NAME`).
    pub fn meta(&self, name: &str) -> Option<String> {
        self.head()?.children().find_map(|n| {
            let element = n.value().as_element()?;
            (element.name() == "meta"
                && (element.attr("property") == Some(name) || element.attr("name") == Some(name)))
            .then(|| element.attr("content"))
            .flatten()
            .map(collapse)
            .filter(|c| !c.is_empty())
        })
    }

    /// `<title>`, without the site's name after (or before) a separator.
    pub fn title(&self) -> Option<String> {
        let title = self
            .head()?
            .children()
            .find(|n| element_named(*n, "title"))?;
        let text: String = title
            .descendants()
            .filter_map(|n| n.value().as_text().map(|t| t.to_string()))
            .collect();
        let title = collapse(&text);
        if title.is_empty() {
            return None;
        }
        let site = self
            .meta("og:site_name")
            .or_else(|| self.meta("application-name"));
        Some(trim_site_name(&title, site.as_deref()))
    }

    /// Where the page was published: its canonical link, else `og:url`.
    pub fn source(&self) -> Option<String> {
        let canonical = self.head().and_then(|head| {
            head.children().find_map(|n| {
                let element = n.value().as_element()?;
                (element.name() == "link"
                    && element
                        .attr("rel")
                        .is_some_and(|r| r.split_whitespace().any(|r| r == "canonical")))
                .then(|| element.attr("href"))
                .flatten()
                .map(str::to_string)
            })
        });
        canonical
            .or_else(|| self.meta("og:url"))
            .filter(|url| url.starts_with("http://") || url.starts_with("https://"))
    }
}

/// Separators between an article's title and its site's name.
const TITLE_SEPARATORS: &[&str] = &[" | ", " - ", " – ", " — ", " :: ", " « ", " » ", " · "];

/// A `<title>` without its site's name: the name the page gives
/// (`og:site_name`) on either side of a separator; else the last part after a
/// separator when it is short (four words at most) and the rest is not.
fn trim_site_name(title: &str, site: Option<&str>) -> String {
    for separator in TITLE_SEPARATORS {
        if let Some(site) = site {
            if let Some(rest) = title
                .strip_suffix(site)
                .and_then(|t| t.strip_suffix(separator))
            {
                return rest.trim().to_string();
            }
            if let Some(rest) = title
                .strip_prefix(site)
                .and_then(|t| t.strip_prefix(separator))
            {
                return rest.trim().to_string();
            }
        }
    }
    let last = TITLE_SEPARATORS
        .iter()
        .filter_map(|s| title.rfind(s).map(|i| (i, s.len())))
        .max();
    if let Some((i, len)) = last {
        let (head, tail) = (&title[..i], &title[i + len..]);
        if tail.split_whitespace().count() <= 4 && head.split_whitespace().count() >= 2 {
            return head.trim().to_string();
        }
    }
    title.to_string()
}

fn element_named(node: NodeRef<'_, Node>, name: &str) -> bool {
    node.value().as_element().is_some_and(|e| e.name() == name)
}

/// Text with its whitespace runs as one space, trimmed.
fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The `dir` an element declares (`auto` declares none).
fn direction_of(node: NodeRef<'_, Node>) -> Option<TextDirection> {
    match node
        .value()
        .as_element()?
        .attr("dir")?
        .trim()
        .to_ascii_lowercase()
        .as_str()
    {
        "rtl" => Some(TextDirection::Rtl),
        "ltr" => Some(TextDirection::Ltr),
        _ => None,
    }
}

/// The `lang` (or `xml:lang`) an element declares.
fn lang_of(node: NodeRef<'_, Node>) -> Option<String> {
    let element = node.value().as_element()?;
    element
        .attr("lang")
        .or_else(|| element.attr("xml:lang"))
        .map(str::trim)
        .filter(|l| {
            !l.is_empty()
                && l.len() <= 35
                && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
        .map(str::to_string)
}

/// What a walk leaves out: a web page's furniture too, or only what is never shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Scope {
    /// A web page's article: furniture inside it is skipped too.
    Article,
    /// A book's chapter: everything but what is never shown.
    Body,
}

/// What kind of block a paragraph came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A paragraph outside any list, quote or table: it may start with a label.
    Paragraph,
    Heading(u8),
    /// A list item, a quote, a table row, preformatted code.
    Other,
}

/// One block of a page as a paragraph of the model.
#[derive(Clone, Debug)]
pub(crate) struct Block {
    pub text: String,
    pub inline: Inline,
    pub kind: Kind,
    /// The `id`s of elements that open in this block (a book's table of contents
    /// points at them).
    pub anchors: Vec<String>,
}

impl Paragraph for Block {
    fn text(&self) -> &str {
        &self.text
    }

    fn may_start_with_label(&self) -> bool {
        self.kind == Kind::Paragraph
    }

    fn cut(self, at: usize) -> Self {
        Block {
            text: self.text[at..].to_string(),
            inline: self.inline.from_offset(at),
            kind: self.kind,
            anchors: self.anchors,
        }
    }
}

/// The blocks of the subtree at `root`, in document order.
pub(crate) fn walk(root: NodeRef<'_, Node>, scope: Scope) -> Vec<Block> {
    let mut walker = Walker::default();
    let mut skipping = None;
    for edge in root.traverse() {
        match edge {
            Edge::Open(node) => {
                if skipping.is_some() {
                    continue;
                }
                match node.value() {
                    Node::Element(element) => {
                        let skip = node.id() != root.id()
                            && (extract::never_shown(element)
                                || (scope == Scope::Article
                                    && extract::is_furniture(element, false))
                                || is_backlink(element));
                        if skip {
                            skipping = Some(node.id());
                        } else {
                            walker.open(element);
                        }
                    }
                    Node::Text(text) => walker.text(text),
                    _ => {}
                }
            }
            Edge::Close(node) => {
                if skipping == Some(node.id()) {
                    skipping = None;
                } else if skipping.is_none()
                    && let Node::Element(element) = node.value()
                {
                    walker.close_element(element);
                }
            }
        }
    }
    walker.close();
    walker.blocks
}

/// A footnote's link back to where it was called (`↩`), which reads as noise.
fn is_backlink(element: &scraper::node::Element) -> bool {
    element.name() == "a"
        && (element.attr("role") == Some("doc-backlink")
            || element
                .attr("class")
                .is_some_and(|c| c.split_whitespace().any(|c| c == "footnote-back")))
}

/// A link a reader may follow: not one that runs code.
fn followable(url: &str) -> bool {
    let scheme: String = url
        .trim_start()
        .chars()
        .take(12)
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    !(scheme.starts_with("javascript:")
        || scheme.starts_with("vbscript:")
        || scheme.starts_with("data:"))
}

/// Turns the elements of a tree, met in order, into blocks. Depths are
/// counters, so nesting costs nothing per level.
#[derive(Default)]
struct Walker {
    blocks: Vec<Block>,
    open: Option<Block>,
    bold: usize,
    italic: usize,
    code: usize,
    strike: usize,
    pre: usize,
    /// Links open: where their text starts and the URL (`None`: not followable).
    links: Vec<(usize, Option<String>)>,
    /// Links opened without an `href` (anchors): their `</a>` closes nothing.
    anchors_open: Vec<bool>,
    /// Lists open: the next item's number (`None`: bullets).
    lists: Vec<Option<u64>>,
    quotes: usize,
    /// Inside a table cell: block elements there do not start blocks.
    cells: usize,
    item_marker: Option<String>,
    /// Whitespace met since the last text: one space before the next, in the
    /// styles in force where it was met and still in force after it.
    space: bool,
    space_emphasis: Emphasis,
    /// `id`s met since the last block opened.
    pending_anchors: Vec<String>,
}

impl Walker {
    fn emphasis(&self) -> Emphasis {
        let mut emphasis = Emphasis::NONE;
        for (depth, style) in [
            (self.italic, Emphasis::ITALIC),
            (self.bold, Emphasis::BOLD),
            (self.strike, Emphasis::STRIKE),
            (self.links.len(), Emphasis::LINK),
            (self.code + self.pre, Emphasis::CODE),
        ] {
            if depth > 0 {
                emphasis |= style;
            }
        }
        emphasis
    }

    fn open(&mut self, element: &scraper::node::Element) {
        if let Some(id) = element.id()
            && self.pending_anchors.len() < 64
        {
            self.pending_anchors.push(id.to_string());
        }
        let name = element.name();
        if self.cells > 0 && is_block(name) && !matches!(name, "td" | "th" | "tr" | "table") {
            self.mark_space();
            return;
        }
        match name {
            "p" | "div" | "section" | "article" | "main" | "header" | "address" | "center"
            | "figure" | "details" | "summary" | "fieldset" | "body" | "html" | "hgroup" | "dl"
            | "hr" => {
                self.close();
            }
            "figcaption" | "dt" | "dd" | "caption" | "legend" => {
                self.open_block(Kind::Other);
            }
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                let level = name.as_bytes()[1] - b'0';
                self.open_block(Kind::Heading(level));
                self.bold += 1;
            }
            "blockquote" => {
                self.close();
                self.quotes += 1;
            }
            "pre" => {
                self.open_block(Kind::Other);
                self.pre += 1;
            }
            "ul" | "ol" | "menu" => {
                self.close();
                let start = (name == "ol").then(|| {
                    element
                        .attr("start")
                        .and_then(|s| s.trim().parse::<u64>().ok())
                        .unwrap_or(1)
                });
                self.lists.push(start);
            }
            "li" => {
                self.close();
                let depth = self.lists.len().clamp(1, MAX_SHOWN_DEPTH);
                let mut marker = "  ".repeat(depth - 1);
                match self.lists.last_mut() {
                    Some(Some(number)) => {
                        marker.push_str(&format!("{number}. "));
                        *number = number.saturating_add(1);
                    }
                    _ => marker.push_str("• "),
                }
                self.item_marker = Some(marker);
            }
            "table" => self.close(),
            "tr" => self.open_block(Kind::Other),
            "td" | "th" => {
                let block = self.ensure_open();
                if !block.text.trim().is_empty() {
                    block.text.push_str(" │ ");
                }
                self.space = false;
                self.cells += 1;
                if name == "th" {
                    self.bold += 1;
                }
            }
            "strong" | "b" => self.bold += 1,
            "em" | "i" | "cite" | "dfn" | "var" => self.italic += 1,
            "code" | "kbd" | "samp" | "tt" => self.code += 1,
            "s" | "strike" | "del" => self.strike += 1,
            "a" => {
                let href = element.attr("href");
                self.anchors_open.push(href.is_some());
                if let Some(href) = href {
                    let emphasis = self.emphasis();
                    self.flush_space(emphasis);
                    let at = self.ensure_open().text.len();
                    let url = followable(href).then(|| href.trim().to_string());
                    self.links.push((at, url));
                }
            }
            "br" => {
                self.space = false;
                self.push_text("\n");
            }
            "img" => {
                let alt = element.attr("alt").map(collapse).filter(|a| !a.is_empty());
                let src = element.attr("src").unwrap_or_default();
                let shown = alt.unwrap_or_else(|| {
                    src.rsplit('/')
                        .next()
                        .and_then(|s| s.split(['?', '#']).next())
                        .unwrap_or_default()
                        .to_string()
                });
                if !shown.is_empty() {
                    let emphasis = self.emphasis() | Emphasis::LINK;
                    self.flush_space(emphasis);
                    let start = self.push_styled(&format!("[{shown}]"), emphasis);
                    if self.links.is_empty()
                        && followable(src)
                        && !src.is_empty()
                        && let Some(block) = self.open.as_mut()
                    {
                        let end = block.text.len();
                        block.inline.push_link(start..end, src.trim().to_string());
                    }
                }
            }
            _ => {}
        }
    }

    fn close_element(&mut self, element: &scraper::node::Element) {
        let name = element.name();
        if self.cells > 0 && is_block(name) && !matches!(name, "td" | "th" | "tr" | "table") {
            self.mark_space();
            return;
        }
        match name {
            "p" | "div" | "section" | "article" | "main" | "header" | "address" | "center"
            | "figure" | "details" | "summary" | "fieldset" | "figcaption" | "dt" | "dd"
            | "caption" | "legend" | "hgroup" | "dl" | "table" | "tr" => self.close(),
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                self.bold = self.bold.saturating_sub(1);
                self.close();
            }
            "blockquote" => {
                self.close();
                self.quotes = self.quotes.saturating_sub(1);
            }
            "pre" => {
                self.pre = self.pre.saturating_sub(1);
                self.close();
            }
            "ul" | "ol" | "menu" => {
                self.close();
                self.lists.pop();
            }
            "li" => {
                if self.item_marker.is_some() {
                    self.open_block(Kind::Other);
                }
                self.close();
            }
            "td" | "th" => {
                self.cells = self.cells.saturating_sub(1);
                if name == "th" {
                    self.bold = self.bold.saturating_sub(1);
                }
                self.space = false;
            }
            "strong" | "b" => self.bold = self.bold.saturating_sub(1),
            "em" | "i" | "cite" | "dfn" | "var" => self.italic = self.italic.saturating_sub(1),
            "code" | "kbd" | "samp" | "tt" => self.code = self.code.saturating_sub(1),
            "s" | "strike" | "del" => self.strike = self.strike.saturating_sub(1),
            "a" => {
                if self.anchors_open.pop() == Some(true)
                    && let Some((start, url)) = self.links.pop()
                    && self.links.is_empty()
                    && let (Some(url), Some(block)) = (url, self.open.as_mut())
                {
                    let end = block.text.len();
                    block.inline.push_link(start.min(end)..end, url);
                }
            }
            _ => {}
        }
    }

    /// Text from the document: whitespace collapsed but inside `<pre>`.
    fn text(&mut self, text: &str) {
        if self.pre > 0 {
            let block = self.ensure_open();
            // The standard drops a newline right after `<pre>`.
            let text = if block.text.trim().is_empty() {
                text.strip_prefix('\n').unwrap_or(text)
            } else {
                text
            };
            let emphasis = self.emphasis();
            // Code's style stops at line ends, as in Markdown.
            for (i, line) in text.split('\n').enumerate() {
                if i > 0 {
                    self.push_styled("\n", Emphasis::NONE);
                }
                self.push_styled(line, emphasis);
            }
            return;
        }
        let mut words = text
            .split(is_html_space)
            .filter(|w| !w.is_empty())
            .peekable();
        if text.starts_with(is_html_space) {
            self.mark_space();
        }
        while let Some(word) = words.next() {
            self.push_text(word);
            if words.peek().is_some() {
                self.mark_space();
            }
        }
        if text.ends_with(is_html_space) {
            self.mark_space();
        }
    }

    /// Whitespace: a space before the next text, unless a block starts first.
    fn mark_space(&mut self) {
        if !self.space {
            self.space = true;
            self.space_emphasis = self.emphasis();
        }
    }

    /// A piece of text in the styles in force, after a pending space.
    fn push_text(&mut self, text: &str) {
        let emphasis = self.emphasis();
        self.flush_space(emphasis);
        self.push_styled(text, emphasis);
    }

    /// Writes a pending space, unless the block is empty or ends with a break.
    /// It takes the styles it shares with the text after it (`a <code>b</code>`:
    /// a plain space; `<b>a </b>b`: plain too).
    fn flush_space(&mut self, emphasis: Emphasis) {
        if !self.space {
            return;
        }
        self.space = false;
        let at_start = self
            .open
            .as_ref()
            .is_none_or(|b| b.text.is_empty() || b.text.ends_with(['\n', ' ']));
        if at_start {
            return;
        }
        let shared = [
            Emphasis::ITALIC,
            Emphasis::BOLD,
            Emphasis::CODE,
            Emphasis::STRIKE,
            Emphasis::LINK,
        ]
        .into_iter()
        .filter(|&e| emphasis.contains(e) && self.space_emphasis.contains(e))
        .fold(Emphasis::NONE, |all, e| all | e);
        self.push_styled(" ", shared);
    }

    /// Appends text with a style; where it starts.
    fn push_styled(&mut self, text: &str, emphasis: Emphasis) -> usize {
        let block = self.ensure_open();
        let start = block.text.len();
        block.text.push_str(text);
        let end = block.text.len();
        block.inline.push(start..end, emphasis);
        start
    }

    /// Starts a block, after the quote bars and the list's bullet or indentation.
    fn open_block(&mut self, kind: Kind) {
        self.close();
        let mut text = "│ ".repeat(self.quotes.min(MAX_SHOWN_DEPTH));
        match self.item_marker.take() {
            Some(marker) => text.push_str(&marker),
            None => text.push_str(&"  ".repeat(self.lists.len().min(MAX_SHOWN_DEPTH))),
        }
        self.space = false;
        self.open = Some(Block {
            text,
            inline: Inline::default(),
            kind,
            anchors: std::mem::take(&mut self.pending_anchors),
        });
    }

    /// The block being written; text outside any opens one.
    fn ensure_open(&mut self) -> &mut Block {
        if self.open.is_none() {
            let kind = if self.lists.is_empty() && self.quotes == 0 && self.cells == 0 {
                Kind::Paragraph
            } else {
                Kind::Other
            };
            self.open_block(kind);
        }
        self.open.get_or_insert_with(|| Block {
            text: String::new(),
            inline: Inline::default(),
            kind: Kind::Other,
            anchors: Vec::new(),
        })
    }

    /// Ends the open block; one with no text is dropped (its anchors go to the
    /// next).
    fn close(&mut self) {
        self.space = false;
        let Some(mut block) = self.open.take() else {
            return;
        };
        // Links still open end with the block.
        for (start, url) in self.links.iter_mut() {
            if let Some(url) = url.take() {
                let end = block.text.len();
                block.inline.push_link((*start).min(end)..end, url);
            }
            *start = 0;
        }
        let kept = block.text.trim_end().len();
        block.text.truncate(kept);
        block.inline.truncate(kept);
        if block.text.trim_start().is_empty() {
            let mut anchors = block.anchors;
            anchors.append(&mut self.pending_anchors);
            self.pending_anchors = anchors;
        } else {
            self.blocks.push(block);
        }
    }
}

/// ASCII whitespace, as HTML collapses it (a no-break space is text).
fn is_html_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{c}')
}

/// Elements that start a block of their own.
fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "section"
            | "article"
            | "main"
            | "header"
            | "address"
            | "center"
            | "figure"
            | "figcaption"
            | "details"
            | "summary"
            | "fieldset"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "blockquote"
            | "pre"
            | "ul"
            | "ol"
            | "menu"
            | "li"
            | "dl"
            | "dt"
            | "dd"
            | "table"
            | "tr"
            | "td"
            | "th"
            | "caption"
            | "hr"
            | "hgroup"
            | "legend"
    )
}

/// Whether a text without a telling name looks like an HTML page: after a
/// byte-order mark, whitespace and comments, a doctype or an `<html>` tag.
pub fn looks_like_html(bytes: &[u8]) -> bool {
    let mut rest = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    for _ in 0..16 {
        rest = rest.trim_ascii_start();
        if let Some(comment) = rest.strip_prefix(b"<!--") {
            match comment.windows(3).position(|w| w == b"-->") {
                Some(end) => rest = &comment[end + 3..],
                None => return false,
            }
            continue;
        }
        if rest.starts_with(b"<?xml") {
            match rest.windows(2).position(|w| w == b"?>") {
                Some(end) => rest = &rest[end + 2..],
                None => return false,
            }
            continue;
        }
        break;
    }
    let head: Vec<u8> = rest.iter().take(14).map(u8::to_ascii_lowercase).collect();
    head.starts_with(b"<!doctype html") || head.starts_with(b"<html")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(html: &str) -> Interview {
        parse_html(html.as_bytes(), &TextOptions::default()).expect("a page")
    }

    #[test]
    fn whitespace_collapses_and_inline_styles_keep_their_bytes() {
        let i = read("<p>  قال   <strong>بوضوح</strong>\n إن <em>المبادرة</em><br>نجحت </p>");
        assert_eq!(i.intro, ["قال بوضوح إن المبادرة\nنجحت"]);
        let inline = &i.intro_inline[0];
        let bold = &inline.spans()[0];
        assert_eq!(&i.intro[0][bold.range.clone()], "بوضوح");
        assert_eq!(bold.emphasis, Emphasis::BOLD);
    }

    #[test]
    fn javascript_links_are_text_and_no_link() {
        let i = read(
            "<p><a href=\"javascript:alert(1)\">اضغط</a> و <a href=\" JaVa\tScript:x\">هنا</a> و <a href=\"https://e.org/\">الموقع</a></p>",
        );
        assert_eq!(i.intro, ["اضغط و هنا و الموقع"]);
        let links = i.intro_inline[0].links();
        assert_eq!(links.len(), 1, "{links:?}");
        assert_eq!(links[0].url, "https://e.org/");
        assert_eq!(&i.intro[0][links[0].range.clone()], "الموقع");
    }

    #[test]
    fn titles_come_from_the_article_heading_then_og_then_title() {
        let page = |head: &str, body: &str| {
            read(&format!(
                "<html><head>{head}</head><body>{body}</body></html>"
            ))
            .title
        };
        assert_eq!(
            page(
                "<title>عنوان - الموقع</title><meta property=og:title content='من og'>",
                "<h1>العنوان الأول</h1><p>نص</p>"
            ),
            "العنوان الأول"
        );
        assert_eq!(
            page(
                "<title>x</title><meta property=og:title content='من og'>",
                "<p>نص</p>"
            ),
            "من og"
        );
        assert_eq!(
            page("<title>حوار مع السفير | جلوبال تايمز</title>", "<p>نص</p>"),
            "حوار مع السفير"
        );
        assert_eq!(
            page(
                "<title>الموقع - حوار مع السفير</title><meta property=og:site_name content=الموقع>",
                "<p>نص</p>"
            ),
            "حوار مع السفير"
        );
        assert_eq!(page("<title>a - b</title>", "<p>x</p>"), "a - b");
    }

    #[test]
    fn lists_quotes_tables_and_code_read_as_blocks() {
        let i = read(
            "<ul><li>أول</li><li>ثان<ol start=3><li>داخلي</li></ol></li></ul>\
             <blockquote><p>مقتبس</p></blockquote>\
             <table><tr><th>اسم</th><th>عدد</th></tr><tr><td><p>أ</p></td><td>1</td></tr></table>\
             <pre>\nfn main() {\n    x\n}</pre>",
        );
        assert_eq!(
            i.intro,
            [
                "• أول",
                "• ثان",
                "  3. داخلي",
                "│ مقتبس",
                "اسم │ عدد",
                "أ │ 1",
                "fn main() {\n    x\n}"
            ]
        );
    }

    #[test]
    fn the_page_language_and_direction_are_kept() {
        let i = read("<html lang=ar dir=rtl><body><p>Latin only text here</p></body></html>");
        assert_eq!(i.language, "ar");
        assert_eq!(i.direction, TextDirection::Rtl);
        let i = read("<html><body><p>نص عربي</p></body></html>");
        assert_eq!(i.direction, TextDirection::Rtl);
        assert_eq!(i.language, "ar");
    }

    #[test]
    fn html_is_recognised_by_its_start() {
        assert!(looks_like_html(
            b"\xef\xbb\xbf<!-- saved from url -->\n<!DOCTYPE html><p>"
        ));
        assert!(looks_like_html(b"  <HTML lang=ar>"));
        assert!(looks_like_html(b"<?xml version='1.0'?>\n<html xmlns='x'>"));
        assert!(!looks_like_html(b"<p>a fragment</p>"));
        assert!(!looks_like_html(b"# Markdown"));
    }
}

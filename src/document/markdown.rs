//! Markdown interviews: CommonMark read with pulldown-cmark, never by hand.
//!
//! - The title is the front matter's `title:`, else the first level-1 heading
//!   (taken out of the text), else the file's name.
//! - Every block is a paragraph: a paragraph, a heading (shown bold), a list item
//!   (with its bullet `•` or its number, indented by level), a paragraph of a block
//!   quote (after a `│ ` per level), a code block (code style), an HTML block
//!   (shown as text, never interpreted; inline HTML too).
//! - Speaker labels are found in the paragraphs' text as in plain text (see
//!   [`super::parse`]), bold or not: `**س:** …`, `**Zhang Xiao**: …` and `س: …`
//!   all start a turn. Only top-level paragraphs can start one: headings, list
//!   items and quotes stay in the turn they are in, and headings before the first
//!   exchange belong to the introduction.
//! - Inline markup (`*em*`, `**strong**`, `` `code` ``, `~~struck~~`, links and
//!   images) becomes the paragraph's [`Inline`]: the text keeps the link's text
//!   (an image's description), and the markup keeps the styles and the URL.
//!
//! A paragraph's markup must survive export: [`to_markdown`] writes text and
//! markup back as one line of inline Markdown, and [`parse_paragraph`] reads it
//! again. Every paragraph read here is checked to come back the same; the rare
//! one whose runs CommonMark cannot delimit where they stand (a bold run that
//! begins inside a word right before punctuation) keeps its links and loses its
//! styles, so what the reader shows is what the JSON says.

use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::inline::{self, Block as BlockKind, Emphasis, Inline, Table};
use super::parse::{self, Paragraph, TextOptions};
use super::{Exchange, Interview, Markup, Section};

/// Nesting shown by indentation or quote bars, at most: deeper levels look like
/// this one (a hostile file may nest 100,000 lists).
const MAX_SHOWN_DEPTH: usize = 8;

/// What CommonMark features are read: GitHub's strikethrough (`~~x~~`), tables,
/// task lists and footnotes, and YAML front matter; no smart punctuation.
fn options() -> Options {
    inline_options() | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
}

/// What an exported paragraph may hold: the same, front matter aside.
fn inline_options() -> Options {
    Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TABLES
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES
}

/// Reads a Markdown interview. `options.title` is the title when the document
/// has none (front matter or level-1 heading).
pub fn parse_markdown(text: &str, options: &TextOptions) -> Interview {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let (mut blocks, front_matter) = blocks(text);
    let mut title = front_matter.as_deref().and_then(front_matter_title);
    // The first level-1 heading is the title, unless the front matter has one;
    // a heading that repeats the front matter's title is shown once.
    if let Some(i) = blocks.iter().position(|b| b.kind == Kind::Heading(1))
        && title
            .as_deref()
            .is_none_or(|title| title.trim() == blocks[i].text.trim())
    {
        let heading = blocks.remove(i).text;
        title.get_or_insert(heading);
    }
    for block in &mut blocks {
        keep_what_export_keeps(block);
    }
    let found = parse::structure(blocks, options);
    // No speakers: the headings cut the document into sections.
    let (intro, sections) = if found.exchanges.is_empty() {
        sections(found.intro)
    } else {
        (found.intro, Vec::new())
    };
    let (intro, intro_inline) = split(intro);
    Interview {
        title: title.unwrap_or_else(|| options.title.clone()),
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

/// The blocks before the first heading, and a section for each heading with
/// the blocks up to the next one.
fn sections(blocks: Vec<Block>) -> (Vec<Block>, Vec<Section>) {
    let mut intro = Vec::new();
    let mut sections: Vec<Section> = Vec::new();
    for block in blocks {
        match (block.kind, sections.last_mut()) {
            (Kind::Heading(level), _) => sections.push(Section {
                level,
                heading: block.text,
                heading_inline: block.inline,
                ..Section::default()
            }),
            (_, Some(section)) => {
                section.paragraphs.push(block.text);
                section.inline.push(block.inline);
            }
            (_, None) => intro.push(block),
        }
    }
    (intro, sections)
}

/// Reads one paragraph written in inline Markdown (an exported paragraph): its
/// text and markup. Blocks, if a hand-written one has several, are joined by line
/// breaks.
pub fn parse_paragraph(markdown: &str) -> (String, Inline) {
    let (blocks, _) = blocks_with(markdown, inline_options());
    let mut text = String::new();
    let mut inline = match &blocks[..] {
        // One block (a code block, a table) keeps its kind.
        [block] => block.inline.block_only(),
        _ => Inline::default(),
    };
    for block in blocks {
        if !text.is_empty() {
            text.push('\n');
        }
        let at = text.len();
        text.push_str(&block.text);
        for span in block.inline.spans() {
            inline.push(span.range.start + at..span.range.end + at, span.emphasis);
        }
        for link in block.inline.links() {
            inline.push_link(link.range.start + at..link.range.end + at, link.url.clone());
        }
    }
    let mut block = Block {
        text,
        inline,
        kind: Kind::Paragraph,
    };
    keep_what_export_keeps(&mut block);
    (block.text, block.inline)
}

/// The paragraphs of a Markdown document as plain text, for `--print --plain`:
/// the front matter's title, then every block in order (a level-1 heading
/// included), each link followed by its URL in parentheses (unless its text is
/// the URL).
pub fn plain_paragraphs(text: &str) -> Vec<(String, BlockKind)> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let (blocks, front_matter) = blocks(text);
    let title = front_matter.as_deref().and_then(front_matter_title);
    title
        .into_iter()
        .map(|title| (title, BlockKind::Text))
        .chain(blocks.into_iter().map(|block| {
            let kind = block.inline.block().clone();
            if kind != BlockKind::Text {
                // A code block or a table: its cells are where they stand (a URL
                // put after a link would move them).
                return (block.text, kind);
            }
            let mut text = String::with_capacity(block.text.len());
            let mut at = 0;
            for link in block.inline.links() {
                let shown = &block.text[link.range.clone()];
                if link.url == shown || link.url.strip_prefix("mailto:") == Some(shown) {
                    continue;
                }
                text.push_str(&block.text[at..link.range.end]);
                text.push_str(" (");
                text.push_str(&link.url);
                text.push(')');
                at = link.range.end;
            }
            text.push_str(&block.text[at..]);
            (text, BlockKind::Text)
        }))
        .collect()
}

/// Whether some paragraph that may start a turn begins with `label` and a colon.
pub fn starts_a_paragraph(text: &str, label: &str) -> bool {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    blocks(text).0.iter().any(|b| {
        b.may_start_with_label() && parse::split_label(&b.text).is_some_and(|(l, _)| l == label)
    })
}

/// Whether a text without a telling name looks like Markdown: front matter, a
/// heading (`# `) on its first line, or two lines that open with a bold speaker
/// label (`**Q:**`, `**Q**:`). Plain text rarely does any of these, and a plain
/// text read as Markdown would lose its line structure, so nothing weaker counts.
pub fn looks_like_markdown(text: &str) -> bool {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text.lines().map(str::trim_end);
    if lines.next().is_some_and(|first| first == "---")
        && lines.clone().any(|l| l == "---" || l == "...")
    {
        return true;
    }
    let mut non_blank = text.lines().map(str::trim).filter(|l| !l.is_empty());
    if non_blank.next().is_some_and(is_heading) {
        return true;
    }
    text.lines()
        .map(str::trim_start)
        .filter(|l| starts_with_bold_label(l))
        .nth(1)
        .is_some()
}

/// `# ` to `###### `, or a lone `#`.
fn is_heading(line: &str) -> bool {
    let hashes = line.bytes().take_while(|&b| b == b'#').count();
    (1..=6).contains(&hashes) && line[hashes..].chars().next().is_none_or(|c| c == ' ')
}

/// `**LABEL:**` or `**LABEL**:` (or with `__`) at the start of a line.
fn starts_with_bold_label(line: &str) -> bool {
    let Some(rest) = line.strip_prefix("**").or_else(|| line.strip_prefix("__")) else {
        return false;
    };
    let Some(end) = rest.find(&line[..2]) else {
        return false;
    };
    let (inside, after) = (&rest[..end], &rest[end + 2..]);
    let label = match inside.strip_suffix(':') {
        Some(label) => label,
        None if after.starts_with(':') => inside,
        None => return false,
    };
    parse::split_label(&format!("{label}:")).is_some_and(|(l, _)| l == label.trim())
}

/// The `title:` of YAML front matter, quotes taken off (`'it''s'`, `"a \"b\""`).
fn front_matter_title(yaml: &str) -> Option<String> {
    for line in yaml.lines() {
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        if key.trim() != "title" || line.starts_with(char::is_whitespace) {
            continue;
        }
        let value = value.trim();
        let title = if let Some(inner) = value.strip_prefix('"').and_then(|v| v.strip_suffix('"')) {
            inner.replace("\\\"", "\"").replace("\\\\", "\\")
        } else if let Some(inner) = value.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')) {
            inner.replace("''", "'")
        } else if value.is_empty() || value.starts_with(['|', '>']) {
            // A block scalar: not read.
            continue;
        } else {
            value.to_string()
        };
        return Some(title);
    }
    None
}

/// Texts and their markup, as the model keeps them.
fn split(blocks: Vec<Block>) -> (Vec<String>, Vec<Inline>) {
    blocks.into_iter().map(|b| (b.text, b.inline)).unzip()
}

/// What kind of block a paragraph came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// A paragraph outside any list or quote: it may start with a label.
    Paragraph,
    Heading(u8),
    /// A list item, a quote, a code or HTML block.
    Other,
}

/// One block as a paragraph of the model.
#[derive(Clone, Debug)]
struct Block {
    text: String,
    inline: Inline,
    kind: Kind,
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
        }
    }
}

/// The blocks of a document, and its front matter if it has one.
fn blocks(text: &str) -> (Vec<Block>, Option<String>) {
    blocks_with(text, options())
}

fn blocks_with(text: &str, options: Options) -> (Vec<Block>, Option<String>) {
    let mut walker = Walker {
        image_word: image_word(text),
        ..Walker::default()
    };
    for event in Parser::new_ext(text, options) {
        walker.event(event);
    }
    walker.close();
    (walker.blocks, walker.front_matter)
}

/// The word of an image's placeholder, `[صورة: …]`, in the language of `text`
/// (the interface's own, when it speaks the document's).
fn image_word(text: &str) -> &'static str {
    if !text.contains("![") {
        // No image: no need to know.
        return "image";
    }
    // The language of the text as shown (URLs and syntax left out): a pass of
    // its own, only for a document with an image.
    let shown: Vec<String> = Parser::new_ext(text, options())
        .filter_map(|event| match event {
            Event::Text(text) => Some(text.into_string()),
            _ => None,
        })
        .collect();
    match super::language::TextCounts::of(shown.iter().map(String::as_str)).language() {
        "ar" => "صورة",
        "he" => "תמונה",
        "fa" | "ur" => "تصویر",
        _ => "image",
    }
}

/// Turns pulldown-cmark's events into blocks: the text as shown, styled runs and
/// links. Depths are counters, so nesting costs nothing per level.
#[derive(Default)]
struct Walker {
    blocks: Vec<Block>,
    open: Option<Block>,
    italic: usize,
    bold: usize,
    strike: usize,
    code_block: bool,
    /// Links and images open: where their text starts, and the URL.
    links: Vec<(usize, String)>,
    /// Lists open: the next item's number (`None`: bullets).
    lists: Vec<Option<u64>>,
    quotes: usize,
    /// The bullet or number of an item whose first block has not opened yet.
    item_marker: Option<String>,
    in_front_matter: bool,
    front_matter: Option<String>,
    /// The table being read: its cells so far, and where the open cell starts.
    table: Option<(Table, usize)>,
    /// What an image's placeholder says (`[صورة: …]`), in the document's language.
    image_word: &'static str,
}

impl Walker {
    fn emphasis(&self) -> Emphasis {
        let mut emphasis = Emphasis::NONE;
        for (depth, style) in [
            (self.italic, Emphasis::ITALIC),
            (self.bold, Emphasis::BOLD),
            (self.strike, Emphasis::STRIKE),
            (self.links.len(), Emphasis::LINK),
            (usize::from(self.code_block), Emphasis::CODE),
        ] {
            if depth > 0 {
                emphasis |= style;
            }
        }
        emphasis
    }

    fn event(&mut self, event: Event<'_>) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(text) if self.in_front_matter => {
                self.front_matter
                    .get_or_insert_with(String::new)
                    .push_str(&text);
            }
            Event::Text(text) => {
                if self.code_block {
                    // Code's style stops at line ends: a run of code never holds
                    // one, in a code block as in an exported code span.
                    for (i, line) in text.split('\n').enumerate() {
                        if i > 0 {
                            self.push('\n', Emphasis::NONE);
                        }
                        self.push_str(line, self.emphasis());
                    }
                } else {
                    self.push_str(&text, self.emphasis());
                }
            }
            Event::Code(code) => self.push_str(&code, self.emphasis() | Emphasis::CODE),
            // Raw HTML is text: shown as written, never interpreted.
            Event::Html(html) | Event::InlineHtml(html) => self.push_str(&html, self.emphasis()),
            Event::SoftBreak => self.push(' ', self.emphasis()),
            Event::HardBreak => self.push('\n', self.emphasis()),
            Event::Rule => self.close(),
            Event::TaskListMarker(done) => {
                self.push_str(if done { "☑ " } else { "☐ " }, self.emphasis())
            }
            Event::FootnoteReference(label) => {
                self.push_str(&format!("[{label}]"), self.emphasis())
            }
            // Not enabled (footnotes, task lists, math): nothing comes.
            _ => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::Paragraph => {
                let kind = if self.lists.is_empty() && self.quotes == 0 {
                    Kind::Paragraph
                } else {
                    Kind::Other
                };
                self.open_block(kind);
            }
            Tag::Heading { level, .. } => {
                self.open_block(Kind::Heading(heading_level(level)));
                self.bold += 1;
            }
            Tag::BlockQuote(_) => {
                self.close();
                self.quotes += 1;
            }
            Tag::CodeBlock(kind) => {
                self.open_block(Kind::Other);
                let language = match kind {
                    CodeBlockKind::Fenced(info) => {
                        info.split_whitespace().next().unwrap_or("").to_string()
                    }
                    CodeBlockKind::Indented => String::new(),
                };
                if let Some(block) = self.open.as_mut() {
                    // Its own lines from the first: no bar or indentation before.
                    block.text.clear();
                    block.inline.set_block(BlockKind::Code { language });
                }
                self.code_block = true;
            }
            Tag::Table(_) => {
                self.open_block(Kind::Other);
                if let Some(block) = self.open.as_mut() {
                    block.text.clear();
                }
                self.table = Some((Table::default(), 0));
            }
            Tag::TableHead => {
                self.start_row();
                self.bold += 1;
                if let Some((table, _)) = self.table.as_mut() {
                    table.header_rows = 1;
                }
            }
            Tag::TableRow => self.start_row(),
            Tag::TableCell => {
                let starts_row = self
                    .table
                    .as_ref()
                    .is_some_and(|(t, _)| t.rows.last().is_none_or(Vec::is_empty));
                if !starts_row {
                    self.push('\t', Emphasis::NONE);
                }
                let at = self.ensure_open().text.len();
                if let Some((_, start)) = self.table.as_mut() {
                    *start = at;
                }
            }
            Tag::FootnoteDefinition(label) => {
                self.close();
                self.item_marker = Some(format!("[{label}]: "));
            }
            Tag::HtmlBlock => self.open_block(Kind::Other),
            Tag::List(start) => {
                self.close();
                self.lists.push(start);
            }
            Tag::Item => {
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
            Tag::Emphasis => self.italic += 1,
            Tag::Strong => self.bold += 1,
            Tag::Strikethrough => self.strike += 1,
            Tag::Link { dest_url, .. } => {
                let at = self.ensure_open().text.len();
                self.links.push((at, dest_url.to_string()));
            }
            Tag::Image { dest_url, .. } => {
                let at = self.ensure_open().text.len();
                self.links.push((at, dest_url.to_string()));
                let word = format!("[{}: ", self.image_word);
                self.push_str(&word, self.emphasis());
            }
            Tag::MetadataBlock(_) => self.in_front_matter = true,
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph | TagEnd::HtmlBlock => self.close(),
            TagEnd::Heading(_) => {
                self.bold = self.bold.saturating_sub(1);
                self.close();
            }
            TagEnd::CodeBlock => {
                self.code_block = false;
                self.close();
            }
            TagEnd::BlockQuote(_) => {
                self.close();
                self.quotes = self.quotes.saturating_sub(1);
            }
            TagEnd::List(_) => {
                self.close();
                self.lists.pop();
            }
            TagEnd::Item => {
                // An empty item still shows its bullet.
                if self.item_marker.is_some() {
                    self.open_block(Kind::Other);
                }
                self.close();
            }
            TagEnd::Emphasis => self.italic = self.italic.saturating_sub(1),
            TagEnd::Strong => self.bold = self.bold.saturating_sub(1),
            TagEnd::Strikethrough => self.strike = self.strike.saturating_sub(1),
            TagEnd::TableHead => {
                self.bold = self.bold.saturating_sub(1);
            }
            TagEnd::TableCell => {
                let end = self.ensure_open().text.len();
                if let Some((table, start)) = self.table.as_mut()
                    && let Some(row) = table.rows.last_mut()
                {
                    row.push(*start..end);
                }
            }
            TagEnd::Table => {
                if let Some((table, _)) = self.table.take()
                    && let Some(block) = self.open.as_mut()
                {
                    block.inline.set_block(BlockKind::Table(table));
                }
                self.close();
            }
            TagEnd::FootnoteDefinition => self.close(),
            TagEnd::Image => {
                self.push(']', self.emphasis());
                self.end_link();
            }
            TagEnd::Link => self.end_link(),
            TagEnd::MetadataBlock(_) => self.in_front_matter = false,
            _ => {}
        }
    }

    /// A link's or an image's end. An image inside a link's text: the link's URL
    /// is the one kept.
    fn end_link(&mut self) {
        if let Some((start, url)) = self.links.pop()
            && self.links.is_empty()
            && let Some(block) = self.open.as_mut()
        {
            let end = block.text.len();
            block.inline.push_link(start.min(end)..end, url);
        }
    }

    /// A table's row begins: a line break after the row before.
    fn start_row(&mut self) {
        let first = self.table.as_ref().is_none_or(|(t, _)| t.rows.is_empty());
        if !first {
            self.push('\n', Emphasis::NONE);
        }
        if let Some((table, _)) = self.table.as_mut() {
            table.rows.push(Vec::new());
        }
    }

    /// Starts a block, after the quote bars and the list's bullet or indentation.
    fn open_block(&mut self, kind: Kind) {
        self.close();
        let mut text = "│ ".repeat(self.quotes.min(MAX_SHOWN_DEPTH));
        match self.item_marker.take() {
            Some(marker) => text.push_str(&marker),
            None => text.push_str(&"  ".repeat(self.lists.len().min(MAX_SHOWN_DEPTH))),
        }
        self.open = Some(Block {
            text,
            inline: Inline::default(),
            kind,
        });
    }

    /// The block being written; text outside any (a tight list item's) opens one.
    fn ensure_open(&mut self) -> &mut Block {
        if self.open.is_none() {
            let kind = if self.lists.is_empty() && self.quotes == 0 {
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
        })
    }

    fn push_str(&mut self, text: &str, emphasis: Emphasis) {
        let block = self.ensure_open();
        let start = block.text.len();
        block.text.push_str(text);
        let end = block.text.len();
        block.inline.push(start..end, emphasis);
    }

    fn push(&mut self, c: char, emphasis: Emphasis) {
        self.push_str(c.encode_utf8(&mut [0; 4]), emphasis);
    }

    /// Ends the open block; a block with no text is dropped. A code block's last
    /// line end and a bare item's space go (CommonMark already took a paragraph's
    /// trailing spaces: any left were written as references, and stay).
    fn close(&mut self) {
        let Some(mut block) = self.open.take() else {
            return;
        };
        if block.kind == Kind::Other {
            let kept = block.text.trim_end().len();
            block.text.truncate(kept);
            block.inline.truncate(kept);
        }
        if !block.text.trim_start().is_empty() {
            self.blocks.push(block);
        }
    }
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// Makes sure the block comes back the same from its exported Markdown: if its
/// runs cannot be written where they stand, it keeps its links only, or, failing
/// that too, no markup.
fn keep_what_export_keeps(block: &mut Block) {
    let comes_back = |text: &str, inline: &Inline| {
        inline.is_empty()
            || same(
                &parse_paragraph_unchecked(&to_markdown(text, inline)),
                text,
                inline,
            )
    };
    if comes_back(&block.text, &block.inline) {
        return;
    }
    let block_only = block.inline.block_only();
    let mut links_only = block_only.clone();
    for link in block.inline.links() {
        links_only.push(link.range.clone(), Emphasis::LINK);
        links_only.push_link(link.range.clone(), link.url.clone());
    }
    block.inline = if comes_back(&block.text, &links_only) {
        links_only
    } else if comes_back(&block.text, &block_only) {
        block_only
    } else {
        Inline::default()
    };
}

/// The markup of a paragraph read from elsewhere (HTML) as export can write it
/// back, by the same rule as a Markdown block's.
pub(crate) fn exportable(text: &str, inline: Inline) -> Inline {
    let mut block = Block {
        text: text.to_string(),
        inline,
        kind: Kind::Paragraph,
    };
    keep_what_export_keeps(&mut block);
    block.inline
}

/// [`parse_paragraph`] without the check that the result survives export (the
/// check itself uses it).
fn parse_paragraph_unchecked(markdown: &str) -> (String, Inline) {
    let (blocks, _) = blocks_with(markdown, inline_options());
    let mut blocks = blocks.into_iter();
    match (blocks.next(), blocks.next()) {
        (Some(block), None) => (block.text, block.inline),
        // Not one paragraph: certainly not what was written.
        _ => (String::from("\u{0}"), Inline::default()),
    }
}

fn same(read: &(String, Inline), text: &str, inline: &Inline) -> bool {
    read.0 == text && read.1 == *inline
}

/// Writes a paragraph's text and markup as one line of inline Markdown that
/// [`parse_paragraph`] reads back the same: characters Markdown would take as
/// syntax escaped with `\`, line breaks and edge spaces as character references
/// (`&#10;`), runs delimited with `*`, `**`, `~~` and backticks, links as
/// `[text](<url>)`.
pub fn to_markdown(text: &str, inline: &Inline) -> String {
    match inline.block() {
        BlockKind::Text => inline_markdown(text, inline),
        BlockKind::Code { language } => {
            // A fence longer than any run of backticks in the code.
            let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
            let fence = "`".repeat(longest.max(2) + 1);
            format!("{fence}{language}\n{text}\n{fence}")
        }
        BlockKind::Table(table) => table_markdown(text, inline, table),
    }
}

/// A table as GitHub writes one: a header row, its delimiter row, the others;
/// each cell's inline Markdown with its pipes escaped.
fn table_markdown(text: &str, inline: &Inline, table: &Table) -> String {
    let mut out = String::new();
    for (r, row) in table.rows.iter().enumerate() {
        out.push('|');
        for range in row {
            let mut cell = inline.from_offset(range.start);
            cell.truncate(range.len());
            cell.set_block(BlockKind::Text);
            let written = inline_markdown(&text[range.clone()], &cell);
            out.push(' ');
            let mut previous = ' ';
            for c in written.chars() {
                if c == '|' && previous != '\\' {
                    out.push('\\');
                }
                out.push(c);
                previous = c;
            }
            out.push_str(" |");
        }
        out.push('\n');
        if r == 0 {
            out.push('|');
            for _ in row {
                out.push_str(" --- |");
            }
            out.push('\n');
        }
    }
    out
}

/// A paragraph of flowing text as one line of inline Markdown.
fn inline_markdown(text: &str, inline: &Inline) -> String {
    let mut out = Writer::default();
    // Positions where the markup changes: run and link edges.
    let mut cuts: Vec<usize> = inline
        .spans()
        .iter()
        .flat_map(|s| [s.range.start, s.range.end])
        .chain(
            inline
                .links()
                .iter()
                .flat_map(|l| [l.range.start, l.range.end]),
        )
        .chain([0, text.len()])
        .filter(|&c| c <= text.len() && text.is_char_boundary(c))
        .collect();
    cuts.sort_unstable();
    cuts.dedup();
    let mut links = inline.links().iter().peekable();
    let mut open_link: Option<&inline::Link> = None;
    for pair in cuts.windows(2) {
        let (start, end) = (pair[0], pair[1]);
        if let Some(link) = open_link
            && link.range.end <= start
        {
            out.close_all();
            out.end_link(&link.url);
            open_link = None;
        }
        while links.peek().is_some_and(|l| l.range.end <= start) {
            links.next();
        }
        if open_link.is_none()
            && let Some(link) = links.next_if(|l| l.range.start <= start)
        {
            out.close_all();
            out.raw("[");
            open_link = Some(link);
        }
        let emphasis = inline.emphasis(start..end);
        out.set(emphasis);
        let piece = &text[start..end];
        if emphasis.contains(Emphasis::CODE) {
            out.code(piece);
        } else {
            out.text(piece);
        }
    }
    out.close_all();
    if let Some(link) = open_link {
        out.end_link(&link.url);
    }
    out.finish()
}

/// The inline Markdown being written.
#[derive(Default)]
struct Writer {
    out: String,
    /// Delimiters open, innermost last.
    open: Vec<Emphasis>,
    /// The last thing written was an opening delimiter.
    after_opener: bool,
}

impl Writer {
    fn raw(&mut self, s: &str) {
        self.out.push_str(s);
        self.after_opener = false;
    }

    /// Opens and closes delimiters so that exactly `emphasis` (but code, which is a
    /// span of its own) is in force.
    fn set(&mut self, emphasis: Emphasis) {
        let wanted: Vec<Emphasis> = [Emphasis::STRIKE, Emphasis::BOLD, Emphasis::ITALIC]
            .into_iter()
            .filter(|&e| emphasis.contains(e))
            .collect();
        // Keep the longest prefix of what is open that is still wanted.
        let keep = self.open.iter().take_while(|e| wanted.contains(e)).count();
        while self.open.len() > keep {
            self.close_one();
        }
        for e in wanted {
            if !self.open.contains(&e) {
                self.open_one(e);
            }
        }
    }

    fn delimiter(e: Emphasis) -> &'static str {
        if e == Emphasis::BOLD {
            "**"
        } else if e == Emphasis::STRIKE {
            "~~"
        } else {
            "*"
        }
    }

    fn open_one(&mut self, e: Emphasis) {
        self.out.push_str(Self::delimiter(e));
        self.open.push(e);
        self.after_opener = true;
    }

    fn close_one(&mut self) {
        let Some(e) = self.open.pop() else {
            return;
        };
        // A closer must not follow whitespace: write it as a reference.
        if let Some(last) = self.out.chars().next_back()
            && last.is_whitespace()
            && !self.after_opener
        {
            self.out.truncate(self.out.len() - last.len_utf8());
            self.out.push_str(&format!("&#x{:x};", u32::from(last)));
        }
        self.out.push_str(Self::delimiter(e));
        self.after_opener = false;
    }

    fn close_all(&mut self) {
        while !self.open.is_empty() {
            self.close_one();
        }
    }

    fn end_link(&mut self, url: &str) {
        self.out.push_str("](<");
        for c in url.chars() {
            match c {
                '\\' | '<' | '>' | '&' => {
                    self.out.push('\\');
                    self.out.push(c);
                }
                '\n' | '\r' => self.out.push_str(&format!("&#{};", u32::from(c))),
                c => self.out.push(c),
            }
        }
        self.out.push_str(">)");
        self.after_opener = false;
    }

    /// Text, escaped.
    fn text(&mut self, text: &str) {
        for c in text.chars() {
            let at_start = self.out.is_empty();
            let only_digits = !self.out.is_empty()
                && self.out.len() <= 9
                && self.out.bytes().all(|b| b.is_ascii_digit());
            if c == '\n' || c == '\r' || ((at_start || self.after_opener) && c.is_whitespace()) {
                // Line breaks, leading whitespace and whitespace after an opening
                // delimiter would be syntax: character references.
                self.out.push_str(&format!("&#x{:x};", u32::from(c)));
            } else if matches!(
                c,
                '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '&' | '~'
            ) || (at_start && matches!(c, '#' | '-' | '+' | '=' | '|'))
                || (only_digits && matches!(c, '.' | ')'))
            {
                self.out.push('\\');
                self.out.push(c);
            } else {
                self.out.push(c);
            }
            self.after_opener = false;
        }
    }

    /// A code span: fenced by a run of backticks no run inside has, padded with a
    /// space on each side when its content would lose or merge its edges.
    fn code(&mut self, code: &str) {
        let mut runs = Vec::new();
        let mut run = 0;
        for c in code.chars().chain([' ']) {
            if c == '`' {
                run += 1;
            } else if run > 0 {
                runs.push(run);
                run = 0;
            }
        }
        let fence = (1..).find(|n| !runs.contains(n)).unwrap_or(1);
        let fence = "`".repeat(fence);
        let all_spaces = code.chars().all(|c| c == ' ');
        let pad = code.starts_with('`')
            || code.ends_with('`')
            || (!all_spaces && code.starts_with(' ') && code.ends_with(' '));
        self.out.push_str(&fence);
        if pad {
            self.out.push(' ');
        }
        self.out.push_str(code);
        if pad {
            self.out.push(' ');
        }
        self.out.push_str(&fence);
        self.after_opener = false;
    }

    fn finish(mut self) -> String {
        // Trailing whitespace ends a paragraph unseen: references keep it.
        let kept = self.out.trim_end_matches([' ', '\t']).len();
        let tail: String = self.out[kept..]
            .chars()
            .map(|c| format!("&#x{:x};", u32::from(c)))
            .collect();
        self.out.truncate(kept);
        self.out.push_str(&tail);
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(markdown: &str) -> (String, Inline, String) {
        let (text, inline) = parse_paragraph(markdown);
        let written = to_markdown(&text, &inline);
        let again = parse_paragraph(&written);
        assert!(
            same(&again, &text, &inline),
            "{markdown:?} → {written:?}: {again:?}"
        );
        (text, inline, written)
    }

    #[test]
    fn inline_markup_is_written_back_as_it_reads() {
        let (text, inline, written) = round_trip("قال **بوضوح** إن *المبادرة* `BRI` نجحت");
        assert_eq!(text, "قال بوضوح إن المبادرة BRI نجحت");
        assert_eq!(written, "قال **بوضوح** إن *المبادرة* `BRI` نجحت");
        assert_eq!(inline.spans().len(), 3);
        let (_, _, written) = round_trip("a [link *x*](http://e.org/a_b) b");
        assert_eq!(written, "a [link *x*](<http://e.org/a_b>) b");
        round_trip("***both*** and ~~gone~~");
        round_trip("**bold *and italic* bold**");
        round_trip("`` a`b `` and ` `` `");
    }

    #[test]
    fn text_that_looks_like_syntax_stays_text() {
        for text in [
            "# not a heading",
            "- not a list",
            "1. not a list",
            "2013) a year",
            "> not a quote",
            "  leading and trailing  ",
            "a\nb\r\nc",
            "*stars* _under_ `tick` [x](y) <b>html</b> &amp; \\",
            "~~~",
            "***",
            "\t tab",
            "[ref]: /url",
        ] {
            let written = to_markdown(text, &Inline::default());
            let read = parse_paragraph(&written);
            assert!(
                same(&read, text, &Inline::default()),
                "{text:?} → {written:?}: {read:?}"
            );
        }
    }
}

//! EPUB books (2 and 3): the zip container, `META-INF/container.xml` → the
//! package (OPF) → its spine, read in order, each chapter's XHTML through the
//! same HTML path as a web page ([`super::html`], the whole body, no article
//! extraction).
//!
//! - The list is the table of contents: EPUB 3's `nav.xhtml` (its
//!   `epub:type="toc"` list), else EPUB 2's `toc.ncx`, each entry a section of
//!   the model whose level is its nesting (1 to 6); its text runs from where it
//!   points (a chapter, or an `id` inside one) to where the next entry points, in
//!   spine order, its chapter's heading shown once, as the section's. Chapters
//!   before the first entry (a cover, a title page) are the introduction. A book
//!   without a table of contents has a section per chapter, named by its first
//!   heading.
//! - Title and language from the package's metadata (`dc:title`,
//!   `dc:language`); direction from the spine's `page-progression-direction`,
//!   else the first chapter's `dir`, else the text's majority.
//! - Images are their description in brackets; footnotes are read where the
//!   book puts them, without their links back.
//!
//! Hostile books get one line each: an archive that is truncated or corrupt, an
//! entry that inflates past [`MAX_ENTRY_BYTES`] or more than
//! [`MAX_RATIO`] times its compressed size past a mebibyte (a zip bomb), more
//! than [`MAX_ENTRIES`] entries, a container or package that is missing. XML is
//! read with quick-xml, which expands no entity a document declares and fetches
//! nothing: `&lol9;` stays as written, a `SYSTEM` entity is never opened. A
//! chapter the spine names and the archive lacks reads as a line saying so.

use std::collections::HashMap;
use std::io::{Read, Seek};
use std::path::{Path, PathBuf};

use quick_xml::events::Event;

use super::html::{self, Block, Kind, Page, Scope};
use super::inline::{Emphasis, Inline};
use super::language::TextCounts;
use super::parse::TextOptions;
use super::{Interview, Markup, Section, TextDirection};
use crate::error::{Error, Result};

/// The most one entry may inflate to.
pub const MAX_ENTRY_BYTES: u64 = 64 * 1024 * 1024;
/// The most all entries read may inflate to together.
pub const MAX_TOTAL_BYTES: u64 = 256 * 1024 * 1024;
/// The most an entry may inflate per compressed byte, once past a mebibyte
/// (text compresses 3 to 10 times; a zip bomb a thousand times and more).
pub const MAX_RATIO: u64 = 100;
/// The most entries an archive may hold.
pub const MAX_ENTRIES: usize = 20_000;
/// Table-of-contents nesting kept, at most: a section's level is 1 to 6.
const MAX_LEVEL: usize = 6;

/// Whether bytes start as a zip archive does.
pub fn looks_like_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
}

/// Reads a whole book.
pub fn read<R: Read + Seek>(reader: R, name: &Path, options: &TextOptions) -> Result<Interview> {
    let mut book = Book::open(reader, name)?;
    book.interview(options, None)
}

/// Reads a book's beginning: its chapters until `budget` bytes of text have been
/// read (at least one with text), for a reader that shows it at once and loads
/// the whole after.
pub fn read_opening<R: Read + Seek>(
    reader: R,
    name: &Path,
    options: &TextOptions,
    budget: usize,
) -> Result<Interview> {
    let mut book = Book::open(reader, name)?;
    book.interview(options, Some(budget))
}

/// A book this large (compressed) opens on its first chapters, for a reader that
/// shows them at once and loads the whole after; a smaller one loads whole (in
/// milliseconds).
pub const LARGE_BOOK_BYTES: u64 = 256 * 1024;

/// A large book's opening ([`read_opening`] of `budget` bytes of text), or
/// `None` for a small one (or one whose opening has no text).
pub fn open_large<R: Read + Seek>(
    reader: R,
    size: u64,
    name: &Path,
    options: &TextOptions,
    budget: usize,
) -> Result<Option<Interview>> {
    if size <= LARGE_BOOK_BYTES {
        return Ok(None);
    }
    let opening = read_opening(reader, name, options, budget)?;
    Ok(Some(opening).filter(|o| !o.is_empty()))
}

/// An open archive and what has been inflated from it.
struct Book<R> {
    archive: zip::ZipArchive<R>,
    name: PathBuf,
    inflated: u64,
}

/// The package document's contents that matter here.
#[derive(Default)]
struct Package {
    title: Option<String>,
    language: Option<String>,
    direction: Option<TextDirection>,
    /// Manifest items by id: the path in the archive, media type, properties.
    items: HashMap<String, Item>,
    /// The spine: ids of items, in reading order.
    spine: Vec<String>,
    /// The spine's `toc` attribute: the NCX's id.
    ncx: Option<String>,
}

#[derive(Clone, Debug)]
struct Item {
    path: String,
    media_type: String,
    properties: String,
}

/// One entry of the table of contents.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Entry {
    title: String,
    depth: usize,
    path: String,
    fragment: Option<String>,
}

impl<R: Read + Seek> Book<R> {
    fn open(reader: R, name: &Path) -> Result<Self> {
        let archive = zip::ZipArchive::new(reader)
            .map_err(|e| Error::input(name, format!("not a readable EPUB (a zip archive): {e}")))?;
        if archive.len() > MAX_ENTRIES {
            return Err(Error::input(
                name,
                format!(
                    "holds {} entries, more than hiwar reads ({MAX_ENTRIES})",
                    archive.len()
                ),
            ));
        }
        Ok(Book {
            archive,
            name: name.to_path_buf(),
            inflated: 0,
        })
    }

    fn error(&self, message: impl Into<String>) -> Error {
        Error::input(&self.name, message)
    }

    /// An entry's bytes, inflated within the caps; `None` when the archive does
    /// not hold it.
    fn entry(&mut self, path: &str) -> Result<Option<Vec<u8>>> {
        let mut file = match self.archive.by_name(path) {
            Ok(file) => file,
            Err(zip::result::ZipError::FileNotFound) => return Ok(None),
            Err(e) => return Err(Error::input(&self.name, format!("{path}: {e}"))),
        };
        let compressed = file.compressed_size();
        let declared = file.size();
        let name = self.name.clone();
        let bomb = |what: String| Error::input(&name, format!("{path}: {what} (a zip bomb?)"));
        if declared > MAX_ENTRY_BYTES {
            return Err(bomb(format!(
                "inflates to {} MiB, more than hiwar reads ({} MiB)",
                declared / (1024 * 1024),
                MAX_ENTRY_BYTES / (1024 * 1024)
            )));
        }
        // The declared size is the archive's word: what is read is counted.
        let mut bytes = Vec::with_capacity(declared.min(1024 * 1024) as usize);
        let mut chunk = vec![0u8; 64 * 1024];
        loop {
            let n = match file.read(&mut chunk) {
                Ok(0) => break,
                Ok(n) => n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(Error::input(&self.name, format!("{path}: {e}"))),
            };
            bytes.extend_from_slice(&chunk[..n]);
            let len = bytes.len() as u64;
            if len > MAX_ENTRY_BYTES {
                return Err(bomb(format!(
                    "inflates past {} MiB, more than hiwar reads",
                    MAX_ENTRY_BYTES / (1024 * 1024)
                )));
            }
            if len > 1024 * 1024 && len > MAX_RATIO.saturating_mul(compressed.max(1)) {
                return Err(bomb(format!(
                    "inflates more than {MAX_RATIO} times its compressed size of {compressed} bytes"
                )));
            }
            if self.inflated + len > MAX_TOTAL_BYTES {
                return Err(bomb(format!(
                    "the book inflates past {} MiB, more than hiwar reads",
                    MAX_TOTAL_BYTES / (1024 * 1024)
                )));
            }
        }
        self.inflated += bytes.len() as u64;
        Ok(Some(bytes))
    }

    /// An entry that must be there.
    fn required(&mut self, path: &str, what: &str) -> Result<Vec<u8>> {
        self.entry(path)?
            .ok_or_else(|| self.error(format!("{what} `{path}` is not in the archive")))
    }

    /// The package's path, from the container.
    fn package_path(&mut self) -> Result<String> {
        let container = self
            .entry("META-INF/container.xml")?
            .ok_or_else(|| self.error("not an EPUB: the archive has no META-INF/container.xml"))?;
        let mut path = None;
        xml_elements(&container, |element| {
            if element.name == "rootfile"
                && path.is_none()
                && let Some(full) = element.attr("full-path")
                && element
                    .attr("media-type")
                    .is_none_or(|t| t == "application/oebps-package+xml")
            {
                path = Some(full.to_string());
            }
        });
        path.map(|p| resolve("", &p))
            .filter(|p| !p.is_empty())
            .ok_or_else(|| self.error("not an EPUB: META-INF/container.xml names no package (OPF)"))
    }

    fn package(&mut self, path: &str) -> Result<Package> {
        let bytes = self.required(path, "the package (OPF) named by META-INF/container.xml,")?;
        let base = parent(path);
        let mut package = Package::default();
        let mut text_of: Option<&'static str> = None;
        let mut text = String::new();
        xml_events(&bytes, |event| match event {
            XmlEvent::Start(element) => {
                match element.name.as_str() {
                    "title" if package.title.is_none() => text_of = Some("title"),
                    "language" if package.language.is_none() => text_of = Some("language"),
                    "item" => {
                        if let (Some(id), Some(href)) = (element.attr("id"), element.attr("href")) {
                            package.items.insert(
                                id.to_string(),
                                Item {
                                    path: resolve(base, href),
                                    media_type: element
                                        .attr("media-type")
                                        .unwrap_or_default()
                                        .to_string(),
                                    properties: element
                                        .attr("properties")
                                        .unwrap_or_default()
                                        .to_string(),
                                },
                            );
                        }
                    }
                    "spine" => {
                        package.ncx = element.attr("toc").map(str::to_string);
                        package.direction = match element.attr("page-progression-direction") {
                            Some("rtl") => Some(TextDirection::Rtl),
                            Some("ltr") => Some(TextDirection::Ltr),
                            _ => None,
                        };
                    }
                    "itemref" => {
                        if let Some(id) = element.attr("idref") {
                            package.spine.push(id.to_string());
                        }
                    }
                    _ => {}
                }
                text.clear();
            }
            XmlEvent::Text(t) => {
                if text_of.is_some() && text.len() < 4096 {
                    text.push_str(t);
                }
            }
            XmlEvent::End(name) => {
                if text_of == Some(name) {
                    let value = collapse(&text);
                    if !value.is_empty() {
                        match name {
                            "title" => package.title = Some(value),
                            _ => package.language = Some(value),
                        }
                    }
                    text_of = None;
                }
            }
        });
        Ok(package)
    }

    /// The table of contents: the EPUB 3 navigation document, else the NCX.
    fn contents(&mut self, package: &Package) -> Result<Vec<Entry>> {
        let nav = package
            .items
            .values()
            .find(|i| i.properties.split_whitespace().any(|p| p == "nav"))
            .map(|i| i.path.clone());
        if let Some(path) = nav
            && let Some(bytes) = self.entry(&path)?
        {
            let entries = nav_entries(&bytes, parent(&path));
            if !entries.is_empty() {
                return Ok(entries);
            }
        }
        let ncx = package
            .ncx
            .as_ref()
            .and_then(|id| package.items.get(id))
            .or_else(|| {
                package
                    .items
                    .values()
                    .find(|i| i.media_type == "application/x-dtbncx+xml")
            })
            .map(|i| i.path.clone());
        if let Some(path) = ncx
            && let Some(bytes) = self.entry(&path)?
        {
            return Ok(ncx_entries(&bytes, parent(&path)));
        }
        Ok(Vec::new())
    }

    /// The book as the model: chapters read in spine order (until `budget`
    /// bytes of text, when given), the table of contents as the list.
    fn interview(&mut self, options: &TextOptions, budget: Option<usize>) -> Result<Interview> {
        let package_path = self.package_path()?;
        let package = self.package(&package_path)?;
        let spine: Vec<Item> = package
            .spine
            .iter()
            .filter_map(|id| package.items.get(id).cloned())
            .collect();
        if spine.is_empty() {
            return Err(self.error(format!(
                "its package `{package_path}` lists no chapter in its spine"
            )));
        }
        let entries = self.contents(&package)?;

        let mut blocks: Vec<Block> = Vec::new();
        // Where each chapter's blocks start, by path.
        let mut starts: Vec<(String, usize)> = Vec::new();
        let mut first_dir = None;
        let mut first_lang = None;
        let mut chapter_titles: Vec<(usize, String)> = Vec::new();
        let mut read_bytes = 0usize;
        for item in &spine {
            if budget.is_some_and(|b| read_bytes >= b) {
                break;
            }
            let start = blocks.len();
            starts.push((item.path.clone(), start));
            let Some(bytes) = self.entry(&item.path)? else {
                blocks.push(notice(&format!(
                    "[{}: in the spine, not in the archive]",
                    item.path
                )));
                continue;
            };
            let text = match html::charset::decode(&bytes) {
                Ok(text) => text,
                Err(e) => {
                    blocks.push(notice(&format!("[{}: {e}]", item.path)));
                    continue;
                }
            };
            drop(bytes);
            let document = html::tree::parse(&text);
            drop(text);
            let page = Page::of(&document);
            if first_dir.is_none() {
                first_dir = page.dir;
            }
            if first_lang.is_none() {
                first_lang = page.lang.clone();
            }
            let chapter = html::walk(page.body, Scope::Body);
            let title = chapter
                .iter()
                .find(|b| matches!(b.kind, Kind::Heading(_)))
                .map(|b| b.text.clone())
                .or_else(|| page.title())
                .unwrap_or_else(|| stem(&item.path));
            read_bytes += chapter.iter().map(|b| b.text.len()).sum::<usize>();
            if !chapter.is_empty() {
                chapter_titles.push((start, title));
            }
            blocks.extend(chapter);
        }

        // Each entry's place among the blocks.
        let position = |entry: &Entry| -> Option<usize> {
            let i = starts.iter().position(|(p, _)| *p == entry.path)?;
            let start = starts[i].1;
            let end = starts.get(i + 1).map_or(blocks.len(), |s| s.1);
            let at = entry
                .fragment
                .as_ref()
                .and_then(|f| (start..end).find(|&b| blocks[b].anchors.iter().any(|a| a == f)))
                .unwrap_or(start);
            Some(at)
        };
        let mut sections: Vec<(usize, u8, String)> = entries
            .iter()
            .filter_map(|e| {
                position(e).map(|at| {
                    let level = u8::try_from(e.depth.min(MAX_LEVEL - 1)).unwrap_or(0) + 1;
                    (at, level, e.title.clone())
                })
            })
            .collect();
        if sections.is_empty() {
            sections = chapter_titles
                .into_iter()
                .map(|(at, title)| (at, 1, title))
                .collect();
        }
        // In reading order; entries keep theirs where they point at one place.
        sections.sort_by_key(|(at, _, _)| *at);

        let counts = TextCounts::of(blocks.iter().map(|b| b.text.as_str()));
        let mut interview = Interview {
            title: package
                .title
                .clone()
                .unwrap_or_else(|| options.title.clone()),
            language: package
                .language
                .clone()
                .or(first_lang)
                .unwrap_or_else(|| counts.language().to_string()),
            direction: package
                .direction
                .or(first_dir)
                .unwrap_or_else(|| counts.direction()),
            markup: Markup::Markdown,
            ..Interview::default()
        };
        let mut blocks = blocks.into_iter().enumerate().peekable();
        let first = sections.first().map_or(usize::MAX, |s| s.0);
        while let Some((_, block)) = blocks.next_if(|(i, _)| *i < first) {
            let inline = super::markdown::exportable(&block.text, block.inline);
            interview.intro.push(block.text);
            interview.intro_inline.push(inline);
        }
        for (k, (_, level, title)) in sections.iter().enumerate() {
            let end = sections.get(k + 1).map_or(usize::MAX, |s| s.0);
            let mut section = Section {
                level: *level,
                heading: title.clone(),
                ..Section::default()
            };
            // The chapter's own heading, when it repeats the entry's title, is
            // shown once: as the section's heading.
            if let Some((_, block)) = blocks.next_if(|(i, b)| {
                *i < end && matches!(b.kind, Kind::Heading(_)) && collapse(&b.text) == *title
            }) {
                section.heading_inline = super::markdown::exportable(&block.text, block.inline);
            }
            while let Some((_, block)) = blocks.next_if(|(i, _)| *i < end) {
                let inline = super::markdown::exportable(&block.text, block.inline);
                section.paragraphs.push(block.text);
                section.inline.push(inline);
            }
            interview.sections.push(section);
        }
        Ok(interview)
    }
}

/// A line the book itself does not hold (a chapter missing from the archive).
fn notice(text: &str) -> Block {
    let mut inline = Inline::default();
    inline.push(0..text.len(), Emphasis::ITALIC);
    Block {
        text: text.to_string(),
        inline,
        kind: Kind::Other,
        anchors: Vec::new(),
    }
}

/// The entries of an EPUB 3 navigation document's `epub:type="toc"` list,
/// read with the HTML parser: each `<a href>` of its lists, nested by its lists.
fn nav_entries(bytes: &[u8], base: &str) -> Vec<Entry> {
    let Ok(text) = html::charset::decode(bytes) else {
        return Vec::new();
    };
    let document = html::tree::parse(&text);
    let toc = document.tree.nodes().find(|n| {
        n.value().as_element().is_some_and(|e| {
            e.name() == "nav"
                && e.attr("epub:type")
                    .is_some_and(|t| t.split_whitespace().any(|t| t == "toc"))
        })
    });
    let Some(toc) = toc else {
        return Vec::new();
    };
    let mut entries = Vec::new();
    let mut lists = 0usize;
    let mut link: Option<(String, String)> = None;
    for edge in toc.traverse() {
        match edge {
            ego_tree::iter::Edge::Open(node) => match node.value() {
                scraper::Node::Element(e) if e.name() == "ol" || e.name() == "ul" => lists += 1,
                scraper::Node::Element(e)
                    if (e.name() == "a" || e.name() == "span") && link.is_none() =>
                {
                    link = Some((
                        e.attr("href").unwrap_or_default().to_string(),
                        String::new(),
                    ));
                }
                scraper::Node::Text(t) => {
                    if let Some((_, title)) = link.as_mut()
                        && title.len() < 4096
                    {
                        title.push_str(t);
                    }
                }
                _ => {}
            },
            ego_tree::iter::Edge::Close(node) => match node.value() {
                scraper::Node::Element(e) if e.name() == "ol" || e.name() == "ul" => {
                    lists = lists.saturating_sub(1)
                }
                scraper::Node::Element(e) if e.name() == "a" || e.name() == "span" => {
                    if let Some((href, title)) = link.take() {
                        push_entry(&mut entries, base, &href, &title, lists.saturating_sub(1));
                    }
                }
                _ => {}
            },
        }
    }
    entries
}

/// The entries of an EPUB 2 NCX's `navMap`: nested `navPoint`s, each a
/// `navLabel` and a `content src`.
fn ncx_entries(bytes: &[u8], base: &str) -> Vec<Entry> {
    let mut entries = Vec::new();
    let mut depth = 0usize;
    // The open navPoints' labels and sources, innermost last.
    let mut open: Vec<(String, Option<String>, bool)> = Vec::new();
    let mut in_label = false;
    xml_events(bytes, |event| match event {
        XmlEvent::Start(element) => match element.name.as_str() {
            "navPoint" => {
                depth += 1;
                open.push((String::new(), None, false));
            }
            "navLabel" => in_label = true,
            "content" => {
                if let Some(point) = open.last_mut()
                    && point.1.is_none()
                {
                    point.1 = element.attr("src").map(str::to_string);
                }
                // A point is listed once its label and source are known, so
                // that a parent comes before its children.
                if let Some((label, Some(src), listed)) = open.last_mut()
                    && !*listed
                {
                    push_entry(&mut entries, base, src, label, depth.saturating_sub(1));
                    *listed = true;
                }
            }
            _ => {}
        },
        XmlEvent::Text(t) => {
            if in_label
                && let Some(point) = open.last_mut()
                && point.0.len() < 4096
            {
                point.0.push_str(t);
            }
        }
        XmlEvent::End(name) => match name {
            "navLabel" => in_label = false,
            "navPoint" => {
                depth = depth.saturating_sub(1);
                open.pop();
            }
            _ => {}
        },
    });
    entries
}

fn push_entry(entries: &mut Vec<Entry>, base: &str, href: &str, title: &str, depth: usize) {
    let title = collapse(title);
    if href.is_empty() || title.is_empty() {
        return;
    }
    let (path, fragment) = match href.split_once('#') {
        Some((path, fragment)) => (path, Some(percent_decode(fragment))),
        None => (href, None),
    };
    entries.push(Entry {
        title,
        depth,
        path: resolve(base, path),
        fragment: fragment.filter(|f| !f.is_empty()),
    });
}

/// An element's start as the XML walks below see it.
struct XmlElement {
    /// The local name (no prefix).
    name: String,
    attributes: Vec<(String, String)>,
}

impl XmlElement {
    fn attr(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

enum XmlEvent<'a> {
    Start(&'a XmlElement),
    Text(&'a str),
    End(&'a str),
}

/// Walks an XML document's elements and text with quick-xml, leniently (a bad
/// end tag or attribute does not stop it; an error ends the walk where it is).
/// Entities are never expanded: the five XML predefines and character
/// references are resolved, any other `&name;` stays as written, and a
/// doctype's declarations are skipped unread.
fn xml_events(bytes: &[u8], mut f: impl FnMut(XmlEvent<'_>)) {
    let mut reader = quick_xml::Reader::from_reader(bytes);
    let config = reader.config_mut();
    config.check_end_names = false;
    config.expand_empty_elements = true;
    // Open elements' local names, to close `End` events by name.
    let mut names: Vec<String> = Vec::new();
    let mut buf = Vec::new();
    loop {
        buf.clear();
        let event = match reader.read_event_into(&mut buf) {
            Ok(event) => event,
            Err(_) => break,
        };
        match event {
            Event::Start(start) => {
                let name = String::from_utf8_lossy(start.local_name().as_ref()).into_owned();
                let mut attributes = Vec::new();
                let mut attrs = start.attributes();
                attrs.with_checks(false);
                for attr in attrs.flatten() {
                    let key = String::from_utf8_lossy(attr.key.local_name().as_ref()).into_owned();
                    let value = attr
                        .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                        .map(|v| v.into_owned())
                        .unwrap_or_else(|_| String::from_utf8_lossy(&attr.value).into_owned());
                    attributes.push((key, value));
                }
                let element = XmlElement { name, attributes };
                f(XmlEvent::Start(&element));
                names.push(element.name);
            }
            Event::End(_) => {
                if let Some(name) = names.pop() {
                    f(XmlEvent::End(&name));
                }
            }
            Event::Text(text) => {
                if let Ok(text) = text.decode() {
                    f(XmlEvent::Text(&text));
                }
            }
            Event::CData(data) => {
                if let Ok(text) = data.decode() {
                    f(XmlEvent::Text(&text));
                }
            }
            Event::GeneralRef(reference) => {
                let resolved = match reference.resolve_char_ref() {
                    Ok(Some(c)) => Some(c.to_string()),
                    _ => match &*reference {
                        b"amp" => Some("&".into()),
                        b"lt" => Some("<".into()),
                        b"gt" => Some(">".into()),
                        b"quot" => Some("\"".into()),
                        b"apos" => Some("'".into()),
                        _ => None,
                    },
                };
                let text = resolved.unwrap_or_else(|| {
                    format!("&{};", String::from_utf8_lossy(reference.as_ref()))
                });
                f(XmlEvent::Text(&text));
            }
            Event::Eof => break,
            _ => {}
        }
    }
}

/// The elements' starts of an XML document.
fn xml_elements(bytes: &[u8], mut f: impl FnMut(&XmlElement)) {
    xml_events(bytes, |event| {
        if let XmlEvent::Start(element) = event {
            f(element);
        }
    });
}

/// The folder of an archive path (`OEBPS/content.opf` → `OEBPS`).
fn parent(path: &str) -> &str {
    path.rfind('/').map_or("", |i| &path[..i])
}

/// A file's name without its folder and extension.
fn stem(path: &str) -> String {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.rsplit_once('.').map_or(name, |(s, _)| s).to_string()
}

/// An href relative to `base` as an archive path: percent escapes decoded, the
/// fragment and query dropped, `.` and `..` resolved (never above the root).
fn resolve(base: &str, href: &str) -> String {
    let href = href.split(['#', '?']).next().unwrap_or_default();
    let href = percent_decode(href);
    let mut parts: Vec<&str> = if href.starts_with('/') {
        Vec::new()
    } else {
        base.split('/').filter(|p| !p.is_empty()).collect()
    };
    for part in href.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            part => parts.push(part),
        }
    }
    parts.join("/")
}

/// `%20` and the like decoded (bytes that are not UTF-8 kept as escapes).
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(hex) = s.get(i + 1..i + 3)
            && let Ok(b) = u8::from_str_radix(hex, 16)
        {
            out.push(b);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_string())
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hrefs_resolve_inside_the_archive() {
        assert_eq!(
            resolve("OEBPS", "text/ch%201.xhtml#x"),
            "OEBPS/text/ch 1.xhtml"
        );
        assert_eq!(
            resolve("OEBPS/text", "../images/a.png"),
            "OEBPS/images/a.png"
        );
        assert_eq!(resolve("a", "../../../../etc/passwd"), "etc/passwd");
        assert_eq!(resolve("", "/content.opf"), "content.opf");
    }

    #[test]
    fn entities_are_never_expanded() {
        let xml = br#"<?xml version="1.0"?>
<!DOCTYPE t [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;"><!ENTITY ext SYSTEM "file:///etc/passwd">]>
<t>a &amp; &#x628; &lol2; &ext;</t>"#;
        let mut text = String::new();
        xml_events(xml, |e| {
            if let XmlEvent::Text(t) = e {
                text.push_str(t);
            }
        });
        assert_eq!(text.trim(), "a & ب &lol2; &ext;");
    }

    #[test]
    fn ncx_points_nest_in_order() {
        let ncx = br#"<ncx><navMap>
<navPoint id="a"><navLabel><text>One</text></navLabel><content src="ch1.xhtml"/>
  <navPoint id="b"><navLabel><text>One.1</text></navLabel><content src="ch1.xhtml#s1"/></navPoint>
</navPoint>
<navPoint id="c"><navLabel><text>Two</text></navLabel><content src="ch2.xhtml"/></navPoint>
</navMap></ncx>"#;
        let entries = ncx_entries(ncx, "OEBPS");
        let seen: Vec<(&str, usize, &str, Option<&str>)> = entries
            .iter()
            .map(|e| {
                (
                    e.title.as_str(),
                    e.depth,
                    e.path.as_str(),
                    e.fragment.as_deref(),
                )
            })
            .collect();
        assert_eq!(
            seen,
            [
                ("One", 0, "OEBPS/ch1.xhtml", None),
                ("One.1", 1, "OEBPS/ch1.xhtml", Some("s1")),
                ("Two", 0, "OEBPS/ch2.xhtml", None)
            ]
        );
    }
}

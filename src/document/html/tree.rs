//! Parsing a page into a tree, with html5ever's tokenizer and tree builder and
//! one step between them: nesting is capped at [`MAX_DEPTH`] elements.
//!
//! html5ever's tree builder looks down its stack of open elements for every
//! start tag ("is a `<p>` in button scope?"), so a page nested 100,000 levels
//! deep costs it 100,000 × 100,000 steps: minutes. Browsers cap the depth
//! (Chromium at 512) and put deeper elements beside the last one allowed; here
//! start tags past the cap are dropped and their text kept, which reads the
//! same. The cap follows the tags as they come (an end tag closes what it
//! names, `<p>` and `<li>` close their open namesake nearby, as the standard
//! implies), so a real page, however sloppy, never reaches it.

use std::cell::{Cell, RefCell};

use html5ever::interface::TreeSink;
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use html5ever::tree_builder::{TreeBuilder, TreeBuilderOpts};
use html5ever::{LocalName, TokenizerResult};
use scraper::{Html, HtmlTreeSink};

/// The deepest nesting of elements built.
pub const MAX_DEPTH: usize = 512;

/// Parses a whole document.
pub fn parse(text: &str) -> Html {
    let builder = TreeBuilder::new(
        HtmlTreeSink::new(Html::new_document()),
        TreeBuilderOpts::default(),
    );
    let tokenizer = Tokenizer::new(DepthCap::new(builder), TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(text));
    // A `<script>` hands control back for a script to run: none runs here.
    while !matches!(tokenizer.feed(&input), TokenizerResult::Done) {}
    tokenizer.end();
    tokenizer.sink.inner.sink.finish()
}

/// Elements that never hold others: no end tag comes.
fn is_void(name: &str) -> bool {
    matches!(
        name,
        "area"
            | "base"
            | "br"
            | "col"
            | "embed"
            | "hr"
            | "img"
            | "input"
            | "link"
            | "meta"
            | "source"
            | "track"
            | "wbr"
            | "param"
            | "keygen"
            | "frame"
            | "image"
    )
}

/// Elements whose content the tokenizer reads as raw text: always passed on,
/// so that the tokenizer switches state (a dropped `<script>` would show its
/// code as text).
fn is_raw_text(name: &str) -> bool {
    matches!(
        name,
        "script"
            | "style"
            | "xmp"
            | "iframe"
            | "noembed"
            | "noframes"
            | "noscript"
            | "textarea"
            | "title"
            | "plaintext"
    )
}

/// Elements a start tag of the same name closes (`<p>a<p>b`), when open nearby.
fn closes_namesake(name: &str) -> bool {
    matches!(
        name,
        "p" | "li" | "dt" | "dd" | "option" | "optgroup" | "tr" | "td" | "th" | "rb" | "rt"
    )
}

/// The token sink between tokenizer and tree builder that keeps the nesting
/// within [`MAX_DEPTH`].
struct DepthCap<S> {
    inner: S,
    /// The elements open, as the tags tell it.
    open: RefCell<Vec<LocalName>>,
    /// Start tags dropped whose end tags have not come.
    dropped: Cell<usize>,
}

impl<S> DepthCap<S> {
    fn new(inner: S) -> Self {
        DepthCap {
            inner,
            open: RefCell::new(Vec::new()),
            dropped: Cell::new(0),
        }
    }

    /// Whether the tag goes on to the tree builder.
    fn passes(&self, kind: TagKind, name: &LocalName, self_closing: bool) -> bool {
        let mut open = self.open.borrow_mut();
        match kind {
            TagKind::StartTag => {
                if is_void(name) || self_closing && !is_raw_text(name) {
                    return open.len() < MAX_DEPTH || is_void(name);
                }
                if closes_namesake(name)
                    && let Some(i) = open.iter().rev().take(4).position(|n| n == name)
                {
                    let keep = open.len() - 1 - i;
                    open.truncate(keep);
                }
                if open.len() >= MAX_DEPTH && !is_raw_text(name) {
                    self.dropped.set(self.dropped.get() + 1);
                    return false;
                }
                open.push(name.clone());
                true
            }
            TagKind::EndTag => {
                // A raw-text element's end tag always passes: the tree builder
                // waits for it in its text mode (found by the html_parser fuzz
                // target: a dropped `</title>` past the cap reached html5ever's
                // "impossible case in Text mode").
                if is_raw_text(name) {
                    if let Some(i) = open.iter().rposition(|n| n == name) {
                        open.truncate(i);
                    }
                    return true;
                }
                // Past the cap, end tags close the dropped elements first: they
                // are the deepest.
                if self.dropped.get() > 0 && open.len() >= MAX_DEPTH {
                    self.dropped.set(self.dropped.get() - 1);
                    return false;
                }
                // The stack is at most MAX_DEPTH long: the search is bounded.
                if let Some(i) = open.iter().rposition(|n| n == name) {
                    open.truncate(i);
                }
                true
            }
        }
    }
}

impl<S: TokenSink> TokenSink for DepthCap<S> {
    type Handle = S::Handle;

    fn process_token(&self, token: Token, line_number: u64) -> TokenSinkResult<S::Handle> {
        if let Token::TagToken(tag) = &token
            && !self.passes(tag.kind, &tag.name, tag.self_closing)
        {
            return TokenSinkResult::Continue;
        }
        self.inner.process_token(token, line_number)
    }

    fn end(&self) {
        self.inner.end();
    }

    fn adjusted_current_node_present_but_not_in_html_namespace(&self) -> bool {
        self.inner
            .adjusted_current_node_present_but_not_in_html_namespace()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn depth(html: &Html) -> usize {
        html.tree
            .nodes()
            .map(|n| n.ancestors().count())
            .max()
            .unwrap_or(0)
    }

    #[test]
    fn nesting_past_the_cap_is_flattened_and_its_text_kept() {
        let n = 5 * MAX_DEPTH;
        let page = format!(
            "{}<p>قاع</p>{}<p>بعد</p>",
            "<div>".repeat(n),
            "</div>".repeat(n)
        );
        let html = parse(&page);
        assert!(depth(&html) <= MAX_DEPTH + 8, "{}", depth(&html));
        let text: String = html
            .tree
            .nodes()
            .filter_map(|n| n.value().as_text().map(|t| t.to_string()))
            .collect();
        assert_eq!(text, "قاعبعد");
    }

    #[test]
    fn raw_text_past_the_cap_ends_where_it_ends() {
        // Past the cap, with dropped elements open: a `<title>` and a `<style>`
        // must end for the tree builder too, and what follows is parsed.
        for raw in ["title", "style", "textarea", "script"] {
            let page = format!(
                "{}<p><{raw}>x</{raw}><b>after</b><i>more</i>{}",
                "<div>".repeat(2 * MAX_DEPTH),
                "</div>".repeat(2 * MAX_DEPTH)
            );
            let html = parse(&page);
            let text: String = html
                .tree
                .nodes()
                .filter_map(|n| n.value().as_text().map(|t| t.to_string()))
                .collect();
            assert!(text.ends_with("aftermore"), "{raw}: {text}");
        }
    }

    #[test]
    fn a_sloppy_page_is_parsed_as_the_standard_says() {
        // Unclosed paragraphs and items, many of them, stay siblings.
        let page = format!("<ul>{}</ul>{}", "<li>x".repeat(2000), "<p>y".repeat(2000));
        let html = parse(&page);
        assert!(depth(&html) < 10, "{}", depth(&html));
        let same = Html::parse_document(&page);
        assert_eq!(html.tree.nodes().count(), same.tree.nodes().count());
        // A script's code is never text, at any depth.
        let page = format!(
            "{}<script>var x = 1;</script>",
            "<div>".repeat(2 * MAX_DEPTH)
        );
        let html = parse(&page);
        let script = html
            .tree
            .nodes()
            .find(|n| n.value().as_element().is_some_and(|e| e.name() == "script"));
        assert!(script.is_some());
    }
}

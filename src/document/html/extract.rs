//! Which part of a web page is the article, and which elements are never read.
//!
//! Never shown, anywhere (a book's chapter included): scripts, styles, templates,
//! forms' controls, embedded media and frames, SVG, and anything the page hides
//! (`hidden`, `aria-hidden="true"`, `display: none`).
//!
//! A page's furniture, skipped when reading a web page: navigation, headers
//! outside the article, sidebars (`<aside>`, "الأكثر قراءة"), footers, forms,
//! dialogs, and elements whose ARIA role or class and id say they are menus,
//! share buttons, ads, related links, comments, cookie notices or newsletters.
//!
//! The article is found the way readability (Firefox's reader view) finds it,
//! in one pass over the tree: every paragraph of 25 characters or more scores
//! (1, plus its commas, Latin or Arabic, plus a point per 100 characters up to
//! 3) for its parent, half for its grandparent and less for the levels above;
//! an element's score is weighed by its kind and its class, and by the share of
//! its text that is not links. The best scoring element is the article's text;
//! its innermost `<article>` (or `itemprop="articleBody"`) ancestor, when it has
//! one, is the article (so its heading and byline come along); else, when its
//! siblings score too (a body cut in pieces by ads), its parent. A page with no
//! such paragraph is read from its `<body>`.
//!
//! Chosen over a readability port (dom_smoothie, readability): those return the
//! article as HTML to parse again, count only Latin commas, and clean up with
//! passes whose cost grows with the page's depth; the reader needs the elements
//! themselves (a bold label starts a turn) and bounded time on a hostile page.

use std::collections::HashMap;

use ego_tree::{NodeId, NodeRef};
use scraper::Node;

/// Elements whose content is never text to read.
pub fn never_shown(element: &scraper::node::Element) -> bool {
    if matches!(
        element.name(),
        "script"
            | "style"
            | "noscript"
            | "template"
            | "head"
            | "title"
            | "svg"
            | "math"
            | "iframe"
            | "frame"
            | "frameset"
            | "object"
            | "embed"
            | "canvas"
            | "audio"
            | "video"
            | "button"
            | "input"
            | "select"
            | "textarea"
            | "option"
            | "datalist"
            | "map"
            | "dialog"
            | "rp"
    ) {
        return true;
    }
    if element.attr("hidden").is_some()
        || element
            .attr("aria-hidden")
            .is_some_and(|v| v.trim().eq_ignore_ascii_case("true"))
    {
        return true;
    }
    element.attr("style").is_some_and(|style| {
        let style: String = style
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        style.contains("display:none") || style.contains("visibility:hidden")
    })
}

/// Words in a class or id that name a page's furniture.
const FURNITURE_WORDS: &[&str] = &[
    "nav",
    "navbar",
    "navigation",
    "menu",
    "menubar",
    "sidebar",
    "widget",
    "share",
    "sharing",
    "social",
    "related",
    "recommended",
    "popular",
    "trending",
    "mostread",
    "mostviewed",
    "comment",
    "comments",
    "cookie",
    "cookies",
    "consent",
    "gdpr",
    "banner",
    "ad",
    "ads",
    "adv",
    "advert",
    "adverts",
    "advertisement",
    "sponsor",
    "sponsored",
    "promo",
    "newsletter",
    "subscribe",
    "breadcrumb",
    "breadcrumbs",
    "footer",
    "masthead",
    "toolbar",
    "tags",
    "outbrain",
    "taboola",
    "popup",
    "modal",
];

/// Pairs of words that name furniture together ("most-read", "read-more").
const FURNITURE_PAIRS: &[(&str, &str)] = &[
    ("most", "read"),
    ("most", "viewed"),
    ("most", "popular"),
    ("read", "more"),
    ("see", "also"),
];

/// ARIA roles of furniture.
const FURNITURE_ROLES: &[&str] = &[
    "navigation",
    "banner",
    "contentinfo",
    "complementary",
    "search",
    "menu",
    "menubar",
    "dialog",
    "alertdialog",
];

/// The words of an element's class and id, lower case, split at spaces,
/// hyphens and underscores.
fn words(element: &scraper::node::Element) -> Vec<String> {
    let mut words = Vec::new();
    for value in [element.attr("class"), element.attr("id")]
        .into_iter()
        .flatten()
    {
        for word in value.split(|c: char| c.is_whitespace() || c == '-' || c == '_') {
            if !word.is_empty() && word.len() <= 40 {
                words.push(word.to_ascii_lowercase());
            }
        }
    }
    words
}

/// Whether an element is a page's furniture (see the module's doc); `<header>`
/// counts only outside the article, where the caller asks.
pub fn is_furniture(element: &scraper::node::Element, header_too: bool) -> bool {
    if matches!(element.name(), "nav" | "aside" | "footer" | "form" | "menu")
        || (header_too && element.name() == "header")
    {
        return true;
    }
    if element
        .attr("role")
        .is_some_and(|role| FURNITURE_ROLES.contains(&role.trim().to_ascii_lowercase().as_str()))
    {
        return true;
    }
    let words = words(element);
    words.iter().any(|w| FURNITURE_WORDS.contains(&w.as_str()))
        || FURNITURE_PAIRS
            .iter()
            .any(|(a, b)| words.windows(2).any(|pair| pair[0] == *a && pair[1] == *b))
}

/// Words in a class or id that say an element holds the article.
const CONTENT_WORDS: &[&str] = &[
    "article",
    "body",
    "content",
    "entry",
    "main",
    "post",
    "story",
    "text",
    "blog",
    "interview",
];

/// An element's score for its kind and its class (readability's weights).
fn base_score(element: &scraper::node::Element) -> f64 {
    let kind = match element.name() {
        "div" | "article" | "section" | "main" => 5.0,
        "pre" | "td" | "blockquote" => 3.0,
        "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" => -3.0,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
        _ => 0.0,
    };
    let words = words(element);
    let content = if words.iter().any(|w| CONTENT_WORDS.contains(&w.as_str())) {
        25.0
    } else {
        0.0
    };
    let semantic = if element.name() == "article"
        || element
            .attr("itemprop")
            .is_some_and(|p| p.split_whitespace().any(|p| p == "articleBody"))
    {
        25.0
    } else {
        0.0
    };
    kind + content + semantic
}

/// Elements whose text counts as a paragraph for the score.
fn is_paragraph(name: &str) -> bool {
    matches!(name, "p" | "pre" | "td" | "blockquote" | "dd")
}

/// What is counted of an element while its subtree is walked.
struct Tally {
    id: NodeId,
    /// Characters of text in the subtree (what is shown), and of link text.
    chars: usize,
    link_chars: usize,
    commas: usize,
    /// Characters of text directly inside (a `<div>` used as a paragraph).
    own_chars: usize,
    own_commas: usize,
    /// Score given by paragraphs below.
    score: f64,
}

/// The element of `body` (or of the whole tree) that holds the article.
pub fn find_article<'a>(body: NodeRef<'a, Node>) -> NodeRef<'a, Node> {
    let mut stack: Vec<Tally> = Vec::new();
    let mut scores: HashMap<NodeId, f64> = HashMap::new();
    let mut best: Option<(NodeId, f64)> = None;
    let mut skipping: Option<NodeId> = None;
    let mut links = 0usize;
    for edge in body.traverse() {
        match edge {
            ego_tree::iter::Edge::Open(node) => {
                if skipping.is_some() {
                    continue;
                }
                match node.value() {
                    Node::Element(element) => {
                        if node.id() != body.id()
                            && (never_shown(element) || is_furniture(element, true))
                        {
                            skipping = Some(node.id());
                            continue;
                        }
                        if element.name() == "a" {
                            links += 1;
                        }
                        stack.push(Tally {
                            id: node.id(),
                            chars: 0,
                            link_chars: 0,
                            commas: 0,
                            own_chars: 0,
                            own_commas: 0,
                            score: 0.0,
                        });
                    }
                    Node::Text(text) => {
                        let Some(top) = stack.last_mut() else {
                            continue;
                        };
                        let chars = text.chars().filter(|c| !c.is_whitespace()).count();
                        let commas = text.chars().filter(|&c| c == ',' || c == '،').count();
                        top.chars += chars;
                        top.own_chars += chars;
                        top.commas += commas;
                        top.own_commas += commas;
                        if links > 0 {
                            top.link_chars += chars;
                        }
                    }
                    _ => {}
                }
            }
            ego_tree::iter::Edge::Close(node) => {
                if skipping == Some(node.id()) {
                    skipping = None;
                    continue;
                }
                if skipping.is_some() {
                    continue;
                }
                let Node::Element(element) = node.value() else {
                    continue;
                };
                let Some(tally) = stack.pop() else {
                    continue;
                };
                if element.name() == "a" {
                    links = links.saturating_sub(1);
                }
                let depth = stack.len();
                if let Some(parent) = stack.last_mut() {
                    parent.chars += tally.chars;
                    parent.link_chars += tally.link_chars;
                    parent.commas += tally.commas;
                }
                let name = element.name();
                let paragraph = if is_paragraph(name) {
                    Some((tally.chars, tally.commas))
                } else if matches!(name, "div" | "section" | "article") {
                    Some((tally.own_chars, tally.own_commas))
                } else {
                    None
                };
                if let Some((chars, commas)) = paragraph.filter(|&(chars, _)| chars >= 25) {
                    // Readability's score: it goes to the paragraph's ancestors,
                    // less the further up they are.
                    let score = 1.0 + commas as f64 + (chars as f64 / 100.0).min(3.0);
                    for level in 0..5 {
                        let Some(ancestor) = depth.checked_sub(level + 1).map(|i| &mut stack[i])
                        else {
                            break;
                        };
                        let divider = match level {
                            0 => 1.0,
                            1 => 2.0,
                            l => l as f64 * 3.0,
                        };
                        ancestor.score += score / divider;
                    }
                }
                let score = tally.score;
                if score > 0.0 {
                    let link_density = if tally.chars == 0 {
                        0.0
                    } else {
                        tally.link_chars as f64 / tally.chars as f64
                    };
                    let weighed = (base_score(element) + score) * (1.0 - link_density);
                    scores.insert(tally.id, weighed);
                    if best.is_none_or(|(_, b)| weighed > b) {
                        best = Some((tally.id, weighed));
                    }
                }
            }
        }
    }
    let Some((best_id, best_score)) = best else {
        return body;
    };
    let Some(best) = body.tree().get(best_id) else {
        return body;
    };
    // Its article, when it is inside one.
    for ancestor in best.ancestors() {
        if ancestor.id() == body.id() {
            break;
        }
        if let Node::Element(element) = ancestor.value()
            && (element.name() == "article"
                || element
                    .attr("itemprop")
                    .is_some_and(|p| p.split_whitespace().any(|p| p == "articleBody")))
        {
            return ancestor;
        }
    }
    // A body cut in pieces: siblings that score too make their parent the article.
    let threshold = (best_score * 0.2).max(10.0);
    let scoring_sibling = best
        .prev_siblings()
        .chain(best.next_siblings())
        .any(|s| scores.get(&s.id()).is_some_and(|&s| s >= threshold));
    match best.parent() {
        Some(parent) if scoring_sibling && parent.value().is_element() => parent,
        _ => best,
    }
}

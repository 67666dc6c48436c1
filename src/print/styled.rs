//! Printing with inline emphasis, for a terminal, and Markdown as plain paragraphs.
//!
//! [`print_interview_styled`] prints the same lines as
//! [`print_interview`](super::print_interview), built from the layout's cells
//! ([`PreparedParagraph::lines`]) so that each cell's logical source range finds
//! its emphasis: bold, italic, code, struck-through and link text get their SGR
//! style on exactly the cells that came from them, after shaping, wrapping and
//! reordering. Styles change only between cells (grapheme clusters) and are reset
//! before every line end, so each printed line stands alone (the terminal's
//! per-line bidi handling, [`crate::terminal::PrintWriter`], can put its marks
//! between cells and never inside a sequence). Stripped of its SGR sequences, the
//! output is byte for byte that of `print_interview`.

use std::io::{self, Write};

use crate::blocks;
use crate::document::inline::{Emphasis, Inline};
use crate::document::passages::every_passage;
use crate::document::{Interview, markdown};
use crate::layout::{LayoutOptions, PreparedParagraph, VisualLine};

/// One printed paragraph: its text, how many bytes of it are the number and
/// speaker's name put before the document's text, and the text's markup.
pub struct StyledParagraph<'a> {
    pub text: String,
    pub prefix_len: usize,
    pub inline: &'a Inline,
}

/// The paragraphs [`print_interview_styled`] prints: the texts of
/// [`interview_paragraphs`](super::interview_paragraphs), each with its markup.
pub fn styled_paragraphs(interview: &Interview) -> Vec<StyledParagraph<'_>> {
    let mut paragraphs = Vec::new();
    every_passage(interview, |passage| {
        let prefix = passage.printed_prefix().unwrap_or_default();
        paragraphs.push(StyledParagraph {
            prefix_len: prefix.len(),
            text: prefix + passage.text,
            inline: passage.inline,
        });
    });
    paragraphs
}

/// Prints the interview as [`print_interview`](super::print_interview) does, its
/// emphasis drawn with SGR styles.
pub fn print_interview_styled(
    out: &mut impl Write,
    interview: &Interview,
    width: usize,
    options: &LayoutOptions,
) -> io::Result<()> {
    let mut prepared = PreparedParagraph::new("", options);
    let mut lines = Vec::new();
    let mut text = Vec::new();
    for (i, paragraph) in styled_paragraphs(interview).iter().enumerate() {
        if i > 0 {
            out.write_all(b"\n")?;
        }
        text.clear();
        let at = paragraph.prefix_len;
        let body = &paragraph.text[at..];
        if let Some(block) =
            blocks::block_lines(body, paragraph.inline.block(), width, options, false)
        {
            // A block that opens a turn: the name on a line of its own, as print has it.
            if at > 0 {
                prepared.prepare(paragraph.text[..at].trim_end(), options);
                prepared.lines_into(width, &mut lines);
                for line in &lines {
                    write_styled_line(&mut text, line, |_| Emphasis::NONE);
                }
            }
            for line in &block {
                write_styled_line(&mut text, line, |source| paragraph.inline.emphasis(source));
            }
            out.write_all(&text)?;
            continue;
        }
        prepared.prepare(&paragraph.text, options);
        prepared.lines_into(width, &mut lines);
        for line in &lines {
            write_styled_line(&mut text, line, |source| {
                if source.start < paragraph.prefix_len {
                    return Emphasis::NONE;
                }
                let at = paragraph.prefix_len;
                paragraph
                    .inline
                    .emphasis(source.start - at..source.end - at)
            });
        }
        out.write_all(&text)?;
    }
    Ok(())
}

/// The SGR sequence that sets exactly `emphasis` (after a reset).
pub fn sgr(emphasis: Emphasis) -> String {
    let mut sequence = String::from("\x1b[0");
    for (style, code) in [
        (Emphasis::BOLD, ";1"),
        (Emphasis::ITALIC, ";3"),
        (Emphasis::LINK, ";4"),
        (Emphasis::STRIKE, ";9"),
        (Emphasis::CODE, ";32"),
    ] {
        if emphasis.contains(style) {
            sequence.push_str(code);
        }
    }
    sequence.push('m');
    sequence
}

/// Writes one visual line as `VisualLine`'s `Display` shows it (padding, cells,
/// no trailing space) with a newline, each cell in the style `emphasis_of` its
/// source gives; the style is reset before the newline.
pub fn write_styled_line(
    out: &mut Vec<u8>,
    line: &VisualLine,
    emphasis_of: impl Fn(std::ops::Range<usize>) -> Emphasis,
) {
    // Display trims the spaces at the line's right end, and writes nothing (no
    // padding) for a line of spaces.
    let shown = line
        .cells()
        .iter()
        .rposition(|cell| !line.symbol(cell).trim_end_matches(' ').is_empty())
        .map_or(0, |last| last + 1);
    if shown > 0 {
        out.resize(out.len() + line.padding, b' ');
    }
    let mut current = Emphasis::NONE;
    for cell in &line.cells()[..shown] {
        let emphasis = emphasis_of(cell.source.clone());
        if emphasis != current {
            out.extend_from_slice(sgr(emphasis).as_bytes());
            current = emphasis;
        }
        let symbol = line.symbol(cell);
        // The last cell may end in spaces that Display trims.
        let symbol = if std::ptr::eq(cell, &line.cells()[shown - 1]) {
            symbol.trim_end_matches(' ')
        } else {
            symbol
        };
        out.extend_from_slice(symbol.as_bytes());
    }
    if current != Emphasis::NONE {
        out.extend_from_slice(sgr(Emphasis::NONE).as_bytes());
    }
    out.push(b'\n');
}

/// Prints a Markdown document as plain paragraphs
/// ([`markdown::plain_paragraphs`]: its blocks in order, link URLs in
/// parentheses), separated by a blank line, each laid out at `width`.
pub fn print_markdown_plain(
    out: &mut impl Write,
    text: &str,
    width: usize,
    options: &LayoutOptions,
) -> io::Result<()> {
    let mut prepared = PreparedParagraph::new("", options);
    let mut lines = Vec::new();
    for (i, (paragraph, block)) in markdown::plain_paragraphs(text).iter().enumerate() {
        if i > 0 {
            out.write_all(b"\n")?;
        }
        if let Some(block) = blocks::block_lines(paragraph, block, width, options, false) {
            for line in &block {
                writeln!(out, "{line}")?;
            }
            continue;
        }
        prepared.prepare(paragraph, options);
        lines.clear();
        prepared.write_lines(width, &mut lines);
        out.write_all(&lines)?;
    }
    Ok(())
}

/// Paragraphs laid out one after another, a blank line between them, no style
/// (a web page's or a book's, for `--print --plain`).
pub fn print_paragraphs_plain<'a>(
    out: &mut impl Write,
    paragraphs: impl IntoIterator<Item = &'a str>,
    width: usize,
    options: &LayoutOptions,
) -> io::Result<()> {
    let mut prepared = PreparedParagraph::new("", options);
    let mut lines = Vec::new();
    for (i, paragraph) in paragraphs.into_iter().enumerate() {
        if i > 0 {
            out.write_all(b"\n")?;
        }
        prepared.prepare(paragraph, options);
        lines.clear();
        prepared.write_lines(width, &mut lines);
        out.write_all(&lines)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::TextOptions;

    /// The output with its SGR sequences taken out.
    fn unstyled(bytes: &[u8]) -> String {
        let text = String::from_utf8(bytes.to_vec()).expect("UTF-8");
        let mut out = String::new();
        let mut rest = text.as_str();
        while let Some(i) = rest.find("\x1b[") {
            out.push_str(&rest[..i]);
            let end = rest[i + 2..].find('m').expect("an SGR ends with m");
            rest = &rest[i + 2 + end + 1..];
        }
        out.push_str(rest);
        out
    }

    fn interviews() -> Vec<Interview> {
        let markdown = "# عنوان\n\nمقدمة *مائلة*.\n\n**س:** سؤال **مهم** جدًا؟\n\n**ج:** جواب فيه `code` و[رابط](http://e.org) و*Latin text* هنا، وكلام كثير يلتف على سطرين أو أكثر.\n\n- بند **أول**\n- بند ثان\n\n**س:** سؤال ثان؟\n\n**ج:**   جواب.   ";
        vec![
            Interview::builtin(),
            markdown::parse_markdown(markdown, &TextOptions::default()),
        ]
    }

    #[test]
    fn styled_paragraphs_are_the_printed_paragraphs() {
        for interview in interviews() {
            let texts: Vec<String> = styled_paragraphs(&interview)
                .into_iter()
                .map(|p| p.text)
                .collect();
            assert_eq!(texts, super::super::interview_paragraphs(&interview));
        }
    }

    #[test]
    fn without_its_styles_the_output_is_plain_print() {
        for interview in interviews() {
            for width in [0, 1, 7, 30, 80] {
                let options = LayoutOptions::default();
                let mut plain = Vec::new();
                super::super::print_interview(&mut plain, &interview, width, &options)
                    .expect("a Vec");
                let mut styled = Vec::new();
                print_interview_styled(&mut styled, &interview, width, &options).expect("a Vec");
                assert_eq!(
                    unstyled(&styled),
                    String::from_utf8(plain).expect("UTF-8"),
                    "at {width}"
                );
            }
        }
    }

    #[test]
    fn every_styled_line_ends_reset() {
        let interview = &interviews()[1];
        let mut styled = Vec::new();
        print_interview_styled(&mut styled, interview, 30, &LayoutOptions::default())
            .expect("a Vec");
        let text = String::from_utf8(styled).expect("UTF-8");
        assert!(text.contains("\x1b[0;1m"), "bold is drawn: {text:?}");
        assert!(text.contains("\x1b[0;32m"), "code is drawn");
        for line in text.lines() {
            if let Some(last) = line.rfind("\x1b[") {
                assert!(line[last..].starts_with("\x1b[0m"), "{line:?}");
            }
        }
    }
}

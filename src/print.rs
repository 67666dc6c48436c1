//! Non-interactive output: an interview, or plain text, laid out line by line.
//!
//! An interview prints as its title, its introduction, then each exchange: the
//! question's first paragraph begins `N. INTERVIEWER: `, each answer turn's first
//! paragraph begins `SPEAKER: ` (names, not labels). The number and the name are
//! part of the paragraph, so the layout places them with its text (at the right
//! of an RTL paragraph). Paragraphs are separated by one blank line; no line ends
//! with a space.

use std::collections::HashMap;
use std::io::{self, Write};

use crate::document::Interview;
use crate::layout::{LayoutOptions, PreparedParagraph, VisualLine, layout};

/// The paragraphs an interview prints, in order, speaker names and question
/// numbers prefixed: what [`print_interview`] lays out.
pub fn interview_paragraphs(interview: &Interview) -> Vec<String> {
    let mut paragraphs = Vec::new();
    if !interview.title.trim().is_empty() {
        paragraphs.push(interview.title.clone());
    }
    paragraphs.extend(interview.intro.iter().cloned());
    let interviewer = interview.interviewer().map(|s| s.name.as_str());
    // Names by label, looked up once per turn (an interview may have many speakers).
    let mut names: HashMap<&str, &str> = HashMap::with_capacity(interview.speakers.len());
    for speaker in interview.speakers.iter().rev() {
        names.insert(&speaker.label, &speaker.name);
    }
    for (i, exchange) in interview.exchanges.iter().enumerate() {
        for (j, paragraph) in exchange.question.iter().enumerate() {
            paragraphs.push(match (j, interviewer) {
                (0, Some(name)) => format!("{}. {name}: {paragraph}", i + 1),
                (0, None) => format!("{}. {paragraph}", i + 1),
                _ => paragraph.clone(),
            });
        }
        for (label, turn) in interview.answer_turns(exchange) {
            let name = names.get(label).copied().unwrap_or(label);
            for (j, paragraph) in turn.iter().enumerate() {
                paragraphs.push(if j == 0 && !name.is_empty() {
                    format!("{name}: {paragraph}")
                } else {
                    paragraph.clone()
                });
            }
        }
    }
    paragraphs
}

/// Prints the interview laid out at `width` columns (0: no wrapping, no padding).
pub fn print_interview(
    out: &mut impl Write,
    interview: &Interview,
    width: usize,
    options: &LayoutOptions,
) -> io::Result<()> {
    for (i, paragraph) in interview_paragraphs(interview).iter().enumerate() {
        if i > 0 {
            out.write_all(b"\n")?;
        }
        for line in layout(paragraph, width, options) {
            write_line(out, &line)?;
        }
    }
    Ok(())
}

/// Prints plain text: each input line a paragraph (LF or CRLF; a leading BOM
/// dropped), laid out; an empty line prints as an empty line.
pub fn print_plain(
    out: &mut impl Write,
    text: &str,
    width: usize,
    options: &LayoutOptions,
) -> io::Result<()> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.is_empty() {
        return Ok(());
    }
    // A final newline ends the last line; it does not start an empty one.
    let text = text.strip_suffix('\n').unwrap_or(text);
    // One paragraph and one set of lines, reused for every input line.
    let mut paragraph = PreparedParagraph::new("", options);
    let mut visual_lines = Vec::new();
    for line in text.split('\n') {
        let line = line.strip_suffix('\r').unwrap_or(line);
        let mut printed = false;
        paragraph.prepare(line, options);
        paragraph.lines_into(width, &mut visual_lines);
        for visual in &visual_lines {
            write_line(out, visual)?;
            printed = true;
        }
        if !printed {
            out.write_all(b"\n")?;
        }
    }
    Ok(())
}

const SPACES: &[u8; 64] = &[b' '; 64];

/// One visual line: its padding, its symbols, a newline; never a trailing space
/// (the same text as `VisualLine`'s `Display`, without formatting machinery).
fn write_line(out: &mut impl Write, line: &VisualLine) -> io::Result<()> {
    let text = line.visual_text().trim_end_matches(' ');
    if !text.is_empty() {
        let mut padding = line.padding;
        while padding > 0 {
            let n = padding.min(SPACES.len());
            out.write_all(&SPACES[..n])?;
            padding -= n;
        }
        out.write_all(text.as_bytes())?;
    }
    out.write_all(b"\n")
}

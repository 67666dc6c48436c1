//! Plain-text interviews: one paragraph a line, speaker labels found in general.
//!
//! - Lines end with LF or CRLF; a leading BOM is dropped; blank lines are ignored;
//!   each paragraph is trimmed of surrounding whitespace.
//! - A paragraph that begins `LABEL: ` starts a turn of that speaker; the label is
//!   structure, not text. Unlabelled paragraphs continue the current turn; those
//!   before the first label are the introduction.
//! - A label is short (at most three words, at most 32 characters, at least one
//!   letter; letters, digits, spaces, `-`, `_`, apostrophes and abbreviation dots
//!   as in `ج.ت`, no other punctuation), its colon is followed by a space or ends
//!   the paragraph (so `10:30` and `https://` are not labels), and it must recur:
//!   it starts at least two paragraphs, and at least two such labels exist. A
//!   `ملاحظة: ...` met once, or a single recurring `Note:`, leaves the text as it is.
//! - The interviewer is the first label met, unless [`TextOptions::interviewer`]
//!   names another. Questions are the interviewer's turns; every other turn up to
//!   the next question is the answer.

use std::collections::{HashMap, HashSet};

use super::language::TextCounts;
use super::{Exchange, Interview, Speaker, Turn};

/// Longest label accepted, in characters.
const MAX_LABEL_CHARS: usize = 32;
/// Most words in a label.
const MAX_LABEL_WORDS: usize = 3;

/// How to read a plain-text interview.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TextOptions {
    /// The interview's title (plain text has no place for one).
    pub title: String,
    /// The interviewer's label; `None`: the first label met. A label that starts
    /// no paragraph is ignored (check with [`starts_a_paragraph`] first).
    pub interviewer: Option<String>,
    /// Labels known to be speakers (from metadata): they count from their first
    /// use, without having to recur.
    pub labels: Vec<String>,
}

/// The paragraphs of a text: its non-blank lines, trimmed, BOM and CR dropped.
pub fn paragraphs(text: &str) -> impl Iterator<Item = &str> {
    text.strip_prefix('\u{feff}')
        .unwrap_or(text)
        .split('\n')
        .map(str::trim)
        .filter(|p| !p.is_empty())
}

/// Whether a text has no paragraph: empty, or only whitespace and a BOM.
pub fn is_blank(text: &str) -> bool {
    paragraphs(text).next().is_none()
}

/// Splits `LABEL: text` into the label and the text, if the paragraph begins with
/// something shaped like a label.
pub fn split_label(paragraph: &str) -> Option<(&str, &str)> {
    let colon = paragraph.find(':')?;
    let after = &paragraph[colon + 1..];
    if !(after.is_empty() || after.starts_with(char::is_whitespace)) {
        return None;
    }
    let label = paragraph[..colon].trim();
    is_label(label).then(|| (label, after.trim_start()))
}

/// A short name: at most three words, letters (with their marks), digits, and
/// the few signs names use; a dot only inside or after a word (`ج.ت`, `Dr.`).
fn is_label(s: &str) -> bool {
    !s.is_empty()
        && s.chars().count() <= MAX_LABEL_CHARS
        && s.split_whitespace().count() <= MAX_LABEL_WORDS
        && s.chars().any(char::is_alphabetic)
        && !s.starts_with('.')
        && !s.contains("..")
        && !s.contains(" .")
        && s.chars().all(|c| {
            // Arabic harakat are Alphabetic (Other_Alphabetic), so is_alphanumeric
            // keeps them; ZWNJ/ZWJ appear inside Persian names.
            c.is_alphanumeric()
                || matches!(
                    c,
                    ' ' | '\u{a0}' | '.' | '-' | '_' | '\'' | '’' | '\u{200c}' | '\u{200d}'
                )
        })
}

/// Whether some paragraph of `text` begins with `label` and a colon.
pub fn starts_a_paragraph(text: &str, label: &str) -> bool {
    paragraphs(text).any(|p| split_label(p).is_some_and(|(l, _)| l == label))
}

/// The speaker labels of a text, by the rules of this module.
pub fn find_labels<'a>(text: &'a str, known: &'a [String]) -> HashSet<&'a str> {
    labels_among(paragraphs(text), known)
}

/// The speaker labels among paragraphs that may start with one.
fn labels_among<'a>(
    candidates: impl IntoIterator<Item = &'a str>,
    known: &'a [String],
) -> HashSet<&'a str> {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for paragraph in candidates {
        if let Some((label, _)) = split_label(paragraph) {
            *counts.entry(label).or_default() += 1;
        }
    }
    let mut labels: HashSet<&str> = counts
        .iter()
        .filter(|&(_, &n)| n >= 2)
        .map(|(&l, _)| l)
        .collect();
    if labels.len() < 2 {
        labels.clear();
    }
    labels.extend(
        known
            .iter()
            .map(String::as_str)
            .filter(|l| counts.contains_key(l)),
    );
    labels
}

/// Reads a plain-text interview. Language and direction come from the text,
/// labels included and the title not ([`TextCounts`]: the script's language,
/// and the majority of strong characters, right-to-left on a tie); the caller
/// may set both from metadata. Speakers are named by their labels, interviewer
/// first.
pub fn parse_text(text: &str, options: &TextOptions) -> Interview {
    let mut found = structure(paragraphs(text).collect(), options);
    let strings = |paragraphs: Vec<&str>| paragraphs.into_iter().map(str::to_string).collect();
    // A headline before the interview is its title (else the file's name is).
    let title = match found.intro.first() {
        Some(first) if !found.exchanges.is_empty() && is_headline(first) => {
            found.intro.remove(0).trim().to_string()
        }
        _ => options.title.clone(),
    };
    Interview {
        title,
        language: found.counts.language().to_string(),
        direction: found.counts.direction(),
        speakers: found.speakers,
        intro: strings(found.intro),
        exchanges: found
            .exchanges
            .into_iter()
            .map(|e| Exchange {
                question: strings(e.question),
                answer: strings(e.answer),
                answered_by: e.answered_by,
                ..Exchange::default()
            })
            .collect(),
        ..Interview::default()
    }
}

/// Whether an unlabelled first paragraph reads as a headline: short (under 100
/// characters) and not ended as a sentence is (`.`, `!`, `?`, `؟`, `…`, `:`, `؛`,
/// `۔`, a comma), closing quotes and brackets aside. "حوار مع السفير" is one;
/// "في سبتمبر 2013، اقترح…." is not.
fn is_headline(paragraph: &str) -> bool {
    let text = paragraph.trim();
    let end = text
        .trim_end_matches(['"', '\'', '”', '’', '»', '›', ')', ']', '}'])
        .chars()
        .next_back();
    let ends_a_sentence = end.is_some_and(|c| {
        matches!(
            c,
            '.' | '!' | '?' | '؟' | '…' | ':' | '؛' | ';' | '۔' | ',' | '،' | '。'
        )
    });
    !text.is_empty() && text.chars().count() < 100 && !ends_a_sentence
}

/// A paragraph as the interview's structure sees it: plain text is a `&str`; a
/// Markdown block also carries its inline markup and says whether it may start
/// with a label (a heading or a list item may not).
pub(crate) trait Paragraph: Sized {
    fn text(&self) -> &str;

    fn may_start_with_label(&self) -> bool {
        true
    }

    /// What is left when the first `at` bytes (a label, its colon, the spaces
    /// after them) are cut off.
    fn cut(self, at: usize) -> Self;
}

impl Paragraph for &str {
    fn text(&self) -> &str {
        self
    }

    fn cut(self, at: usize) -> Self {
        &self[at..]
    }
}

/// An exchange of paragraphs of any kind.
pub(crate) struct FoundExchange<P> {
    pub question: Vec<P>,
    pub answer: Vec<P>,
    pub answered_by: Vec<Turn>,
}

/// The structure found in a sequence of paragraphs.
pub(crate) struct Structure<P> {
    pub speakers: Vec<Speaker>,
    pub intro: Vec<P>,
    pub exchanges: Vec<FoundExchange<P>>,
    /// Of every paragraph, labels included: language and direction.
    pub counts: TextCounts,
}

/// Finds the labels, the turns and the exchanges in `paragraphs` by the rules of
/// this module; paragraphs that start a turn lose their label.
pub(crate) fn structure<P: Paragraph>(paragraphs: Vec<P>, options: &TextOptions) -> Structure<P> {
    let interviewer_option: Vec<String> = options.interviewer.iter().cloned().collect();
    let known: Vec<String> = options
        .labels
        .iter()
        .chain(&interviewer_option)
        .cloned()
        .collect();
    // Labels by number, so that paragraphs can be moved while labels are looked up.
    let labels: HashMap<String, usize> = labels_among(
        paragraphs
            .iter()
            .filter(|p| p.may_start_with_label())
            .map(P::text),
        &known,
    )
    .into_iter()
    .enumerate()
    .map(|(id, label)| (label.to_string(), id))
    .collect();
    let mut names = vec![""; labels.len()];
    for (label, &id) in &labels {
        names[id] = label;
    }
    // The document's text alone tells its direction and language: the title
    // comes from outside it (a file name), and the same text must read the same
    // way under any name.
    let counts = TextCounts::of(paragraphs.iter().map(P::text));
    let mut interviewer: Option<usize> = options
        .interviewer
        .as_deref()
        .and_then(|l| labels.get(l).copied());

    let mut intro = Vec::new();
    let mut exchanges: Vec<FoundExchange<P>> = Vec::new();
    let mut speakers: Vec<usize> = Vec::new();
    // A hostile text may hold many labels: membership must not scan `speakers`.
    let mut seen: HashSet<usize> = HashSet::new();
    // Where unlabelled paragraphs go.
    #[derive(PartialEq)]
    enum Section {
        Intro,
        Question,
        Answer,
    }
    let mut current = Section::Intro;
    let new_exchange = || FoundExchange {
        question: Vec::new(),
        answer: Vec::new(),
        answered_by: Vec::new(),
    };

    for paragraph in paragraphs {
        let labelled = if paragraph.may_start_with_label() {
            let text = paragraph.text();
            split_label(text)
                .and_then(|(l, rest)| labels.get(l).map(|&id| (id, text.len() - rest.len())))
        } else {
            None
        };
        let Some((label, cut)) = labelled else {
            match (&current, exchanges.last_mut()) {
                (Section::Question, Some(e)) => e.question.push(paragraph),
                (Section::Answer, Some(e)) => e.answer.push(paragraph),
                _ => intro.push(paragraph),
            }
            continue;
        };
        let rest = paragraph.cut(cut);
        let interviewer = *interviewer.get_or_insert(label);
        if seen.insert(label) {
            speakers.push(label);
        }
        if label == interviewer {
            exchanges.push(new_exchange());
            current = Section::Question;
            if !rest.text().is_empty()
                && let Some(e) = exchanges.last_mut()
            {
                e.question.push(rest);
            }
        } else {
            // An answer before any question (the interviewer was named and speaks
            // later) gets an exchange with an empty question.
            if exchanges.is_empty() {
                exchanges.push(new_exchange());
            }
            let Some(exchange) = exchanges.last_mut() else {
                continue;
            };
            let continues_turn = current == Section::Answer
                && exchange
                    .answered_by
                    .last()
                    .is_some_and(|t| t.speaker == names[label]);
            if !continues_turn {
                // A turn that got no paragraph is replaced.
                if exchange
                    .answered_by
                    .last()
                    .is_some_and(|t| t.from >= exchange.answer.len())
                {
                    exchange.answered_by.pop();
                }
                exchange.answered_by.push(Turn {
                    speaker: names[label].to_string(),
                    from: exchange.answer.len(),
                });
            }
            current = Section::Answer;
            if !rest.text().is_empty() {
                exchange.answer.push(rest);
            }
        }
    }

    // Speakers: the interviewer first, then in order of first turn.
    if let Some(i) = interviewer.and_then(|l| speakers.iter().position(|s| *s == l)) {
        let first = speakers.remove(i);
        speakers.insert(0, first);
    }
    let several_guests = speakers.len() > 2;
    for exchange in &mut exchanges {
        let len = exchange.answer.len();
        exchange.answered_by.retain(|t| t.from < len);
        if !several_guests {
            // With one guest, the model's default says who answers.
            exchange.answered_by.clear();
        }
    }

    Structure {
        speakers: speakers
            .into_iter()
            .map(|id| Speaker {
                label: names[id].to_string(),
                name: names[id].to_string(),
            })
            .collect(),
        intro,
        exchanges,
        counts,
    }
}

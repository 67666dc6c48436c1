//! One walk of a document into passages: what every reader of the model (print,
//! styled print, the reader's answer pane, search, copy) takes paragraph by
//! paragraph, each with the speaker's name and the question's number that go
//! before it. The prefixes are written here only ([`Passage::printed_prefix`],
//! [`Passage::shown_prefix`]); nothing else rebuilds them.
//!
//! The items of the list pane ([`Item`]) are the introduction and each question
//! of an interview, or each section of a document with headings and no speakers;
//! the passages of an item are those the reader shows when it is selected, in
//! order, and [`every_passage`] is the whole document as print writes it: the
//! title, then every item's passages.

use std::borrow::Cow;
use std::collections::HashMap;

use super::{Inline, Interview, inline};

/// One entry of the list pane.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Item {
    Intro,
    /// An exchange, by index into `Interview::exchanges`.
    Question(usize),
    /// A section, by index into `Interview::sections`.
    Section(usize),
}

/// What part of a document a passage is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// The document's title (print only: the reader shows it in its title bar).
    Title,
    Intro,
    Question,
    Answer,
    /// A section's heading.
    Heading,
    /// A paragraph of a section.
    Section,
}

/// One paragraph of a document, with what goes before it: the question's number
/// (on a question's first paragraph) and the speaker's name (on the first
/// paragraph of each turn). Neither is part of the text: search does not see them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Passage<'a> {
    pub role: Role,
    /// The exchange's number, from 1, on its question's first paragraph.
    pub number: Option<usize>,
    /// The speaker's name on the first paragraph of a turn (the interviewer's on a
    /// question's first paragraph, when the interview has one).
    pub speaker: Option<&'a str>,
    pub text: &'a str,
    /// The text's inline markup (emphasis, links): what styled output draws.
    pub inline: &'a Inline,
}

impl<'a> Passage<'a> {
    /// What print writes before the text: `N. NAME: ` on a question's first
    /// paragraph (`N. ` when the interview names no interviewer), `NAME: ` on the
    /// first paragraph of an answer's turn with a named speaker.
    pub fn printed_prefix(&self) -> Option<String> {
        match (self.number, self.speaker) {
            (Some(n), Some(name)) => Some(format!("{n}. {name}: ")),
            (Some(n), None) => Some(format!("{n}. ")),
            (None, Some(name)) if !name.is_empty() => Some(format!("{name}: ")),
            (None, _) => None,
        }
    }

    /// The paragraph as print writes it: [`printed_prefix`](Self::printed_prefix)
    /// and the text (borrowed when there is no prefix).
    pub fn printed(&self) -> Cow<'a, str> {
        match self.printed_prefix() {
            Some(prefix) => Cow::Owned(prefix + self.text),
            None => Cow::Borrowed(self.text),
        }
    }

    /// What the reader shows before the text: the speaker's name and `: ` (no
    /// number: the list pane numbers the questions).
    pub fn shown_prefix(&self) -> Option<String> {
        self.speaker
            .filter(|name| !name.is_empty())
            .map(|name| format!("{name}: "))
    }
}

/// Whether the list pane starts with the introduction. An empty document still
/// has one (empty) introduction, so that there is always an item.
pub fn has_intro(interview: &Interview) -> bool {
    !interview.intro.is_empty() || (interview.exchanges.is_empty() && interview.sections.is_empty())
}

/// Items of the list pane.
pub fn item_count(interview: &Interview) -> usize {
    usize::from(has_intro(interview)) + interview.exchanges.len() + interview.sections.len()
}

/// The item at `index` of the list pane.
pub fn item(interview: &Interview, index: usize) -> Item {
    let index = match (has_intro(interview), index) {
        (true, 0) => return Item::Intro,
        (true, i) => i - 1,
        (false, i) => i,
    };
    // A document has exchanges or sections, not both.
    if interview.sections.is_empty() {
        Item::Question(index)
    } else {
        Item::Section(index)
    }
}

/// Whether the list pane lists sections (its title then says contents).
pub fn lists_sections(interview: &Interview) -> bool {
    !interview.sections.is_empty()
}

/// The passages of an item: the question with the interviewer's name, then each
/// turn of the answer with its speaker's name on the turn's first paragraph.
pub fn passages(interview: &Interview, item: Item) -> Vec<Passage<'_>> {
    let mut passages = Vec::new();
    let name_of = |label| interview.speaker_name(label);
    for_each_passage_of(interview, item, &name_of, |p| passages.push(p));
    passages
}

/// Calls `f` with every passage of the document, in order: the title (when it
/// is not blank), the introduction, then each exchange.
pub fn every_passage<'a>(interview: &'a Interview, mut f: impl FnMut(Passage<'a>)) {
    if !interview.title.trim().is_empty() {
        f(Passage {
            role: Role::Title,
            number: None,
            speaker: None,
            text: &interview.title,
            inline: &inline::PLAIN,
        });
    }
    // Names by label, looked up once per turn (a hostile interview may have many
    // speakers); the first speaker with a label names it.
    let mut names: HashMap<&str, &str> = HashMap::with_capacity(interview.speakers.len());
    for speaker in interview.speakers.iter().rev() {
        names.insert(&speaker.label, &speaker.name);
    }
    let name_of = |label: &'a str| names.get(label).copied().unwrap_or(label);
    for_each_passage_of(interview, Item::Intro, &name_of, &mut f);
    for i in 0..interview.exchanges.len() {
        for_each_passage_of(interview, Item::Question(i), &name_of, &mut f);
    }
    for i in 0..interview.sections.len() {
        for_each_passage_of(interview, Item::Section(i), &name_of, &mut f);
    }
}

fn for_each_passage_of<'a>(
    interview: &'a Interview,
    item: Item,
    name_of: &impl Fn(&'a str) -> &'a str,
    mut f: impl FnMut(Passage<'a>),
) {
    match item {
        Item::Intro => turn(
            Role::Intro,
            None,
            None,
            &interview.intro,
            &interview.intro_inline,
            &mut f,
        ),
        Item::Question(i) => {
            let Some(exchange) = interview.exchanges.get(i) else {
                return;
            };
            let interviewer = interview.interviewer().map(|s| s.name.as_str());
            turn(
                Role::Question,
                Some(i + 1),
                interviewer,
                &exchange.question,
                &exchange.question_inline,
                &mut f,
            );
            for (label, range) in interview.answer_turn_ranges(exchange) {
                let markup = exchange
                    .answer_inline
                    .get(range.clone())
                    .unwrap_or_default();
                turn(
                    Role::Answer,
                    None,
                    Some(name_of(label)),
                    &exchange.answer[range],
                    markup,
                    &mut f,
                );
            }
        }
        Item::Section(i) => {
            let Some(section) = interview.sections.get(i) else {
                return;
            };
            turn(
                Role::Heading,
                None,
                None,
                std::slice::from_ref(&section.heading),
                std::slice::from_ref(&section.heading_inline),
                &mut f,
            );
            turn(
                Role::Section,
                None,
                None,
                &section.paragraphs,
                &section.inline,
                &mut f,
            );
        }
    }
}

/// One speaker's paragraphs, the number and name on the first; `markup` goes
/// with the paragraphs (shorter or empty when they have none).
fn turn<'a>(
    role: Role,
    number: Option<usize>,
    name: Option<&'a str>,
    paragraphs: &'a [String],
    markup: &'a [Inline],
    f: &mut impl FnMut(Passage<'a>),
) {
    for (i, text) in paragraphs.iter().enumerate() {
        f(Passage {
            role,
            number: number.filter(|_| i == 0),
            speaker: name.filter(|_| i == 0),
            text: text.as_str(),
            inline: inline::of(markup, i),
        });
    }
}

/// An item's text as the reader would copy it: logical order, the letters as the
/// file has them (no presentation forms), each turn's first paragraph led by its
/// speaker's name and `: `, paragraphs apart by a blank line. Controls other than
/// tab and line feed are left out: pasted into a terminal, they would act.
pub fn plain_text(interview: &Interview, item: Item) -> String {
    let mut text = String::new();
    for passage in passages(interview, item) {
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        if let Some(prefix) = passage.shown_prefix() {
            text.push_str(&prefix);
        }
        text.extend(
            passage
                .text
                .chars()
                .filter(|&c| !c.is_control() || c == '\t' || c == '\n'),
        );
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Exchange, Speaker, Turn};

    #[test]
    fn plain_text_is_the_logical_text_with_speaker_names() {
        let interview = Interview::builtin();
        let text = plain_text(&interview, item(&interview, 3));
        let exchange = &interview.exchanges[2];
        let expected = format!(
            "جلوبال تايمز: {}\n\nتشانغ شياو: {}",
            exchange.question[0],
            exchange.answer.join("\n\n")
        );
        assert_eq!(text, expected);
        // Original letters: no presentation forms.
        assert!(!text.chars().any(|c| ('\u{FB50}'..='\u{FEFF}').contains(&c)));
        let hostile = Interview {
            intro: vec!["a\u{1b}[2Jb\u{9b}c\td".into()],
            ..Interview::default()
        };
        assert_eq!(plain_text(&hostile, Item::Intro), "a[2Jbc\td");
    }

    fn two_guests() -> Interview {
        Interview {
            title: "T".into(),
            speakers: vec![
                Speaker {
                    label: "Q".into(),
                    name: "Asker".into(),
                },
                Speaker {
                    label: "A".into(),
                    name: "Teller".into(),
                },
                Speaker {
                    label: "B".into(),
                    name: "Other".into(),
                },
            ],
            exchanges: vec![Exchange {
                question: vec!["q1".into(), "q2".into()],
                answer: vec!["a1".into(), "a2".into(), "b1".into()],
                answered_by: vec![
                    Turn {
                        speaker: "A".into(),
                        from: 0,
                    },
                    Turn {
                        speaker: "B".into(),
                        from: 2,
                    },
                ],
                ..Exchange::default()
            }],
            ..Interview::default()
        }
    }

    #[test]
    fn passages_follow_the_answer_turns_in_order() {
        let interview = two_guests();
        assert_eq!(item_count(&interview), 1, "no introduction");
        let passages = passages(&interview, item(&interview, 0));
        let texts: Vec<_> = passages.iter().map(|p| (p.text, p.speaker)).collect();
        assert_eq!(
            texts,
            [
                ("q1", Some("Asker")),
                ("q2", None),
                ("a1", Some("Teller")),
                ("a2", None),
                ("b1", Some("Other")),
            ]
        );
    }

    #[test]
    fn print_numbers_questions_and_the_reader_does_not() {
        let mut interview = two_guests();
        let mut printed = Vec::new();
        every_passage(&interview, |p| printed.push(p.printed().into_owned()));
        assert_eq!(
            printed,
            ["T", "1. Asker: q1", "q2", "Teller: a1", "a2", "Other: b1"]
        );
        let shown: Vec<_> = passages(&interview, Item::Question(0))
            .iter()
            .map(|p| p.shown_prefix())
            .collect();
        assert_eq!(shown[0].as_deref(), Some("Asker: "));
        // No interviewer: the number alone in print, nothing in the reader.
        interview.speakers.clear();
        interview.exchanges[0].answered_by.clear();
        let first = passages(&interview, Item::Question(0))[0];
        assert_eq!(first.printed(), "1. q1");
        assert_eq!(first.shown_prefix(), None);
    }
}

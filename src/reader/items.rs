//! What the reader shows of an interview: the items of the questions pane (the
//! introduction, then each question) and the passages of each item, in the order the
//! answer pane shows them. Search walks the same passages, so a match found in
//! passage `p` of item `i` is drawn on the rows of that passage.

use crate::document::{Inline, Interview, inline};

/// One entry of the questions pane.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Item {
    Intro,
    /// An exchange, by index into `Interview::exchanges`.
    Question(usize),
}

/// What part of an exchange a passage is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    Intro,
    Question,
    Answer,
}

/// One paragraph of an item, with the speaker's name the reader shows before it (on
/// the first paragraph of each turn). The name is not part of the text: search does
/// not see it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Passage<'a> {
    pub role: Role,
    pub speaker: Option<&'a str>,
    pub text: &'a str,
    /// The text's inline markup (emphasis, links): what the answer pane styles.
    pub inline: &'a Inline,
}

/// Whether the questions pane starts with the introduction. An empty document still
/// has one (empty) introduction, so that there is always an item.
pub fn has_intro(interview: &Interview) -> bool {
    !interview.intro.is_empty() || interview.exchanges.is_empty()
}

/// Items of the questions pane.
pub fn item_count(interview: &Interview) -> usize {
    usize::from(has_intro(interview)) + interview.exchanges.len()
}

/// The item at `index` of the questions pane.
pub fn item(interview: &Interview, index: usize) -> Item {
    if has_intro(interview) {
        match index {
            0 => Item::Intro,
            i => Item::Question(i - 1),
        }
    } else {
        Item::Question(index)
    }
}

/// The passages of an item: the question with the interviewer's name, then each turn
/// of the answer with its speaker's name on the turn's first paragraph.
pub fn passages(interview: &Interview, item: Item) -> Vec<Passage<'_>> {
    let mut passages = Vec::new();
    match item {
        Item::Intro => push_turn(
            &mut passages,
            Role::Intro,
            None,
            &interview.intro,
            &interview.intro_inline,
        ),
        Item::Question(i) => {
            if let Some(exchange) = interview.exchanges.get(i) {
                let interviewer = interview.interviewer().map(|s| s.name.as_str());
                push_turn(
                    &mut passages,
                    Role::Question,
                    interviewer,
                    &exchange.question,
                    &exchange.question_inline,
                );
                for (label, range) in interview.answer_turn_ranges(exchange) {
                    let name = Some(interview.speaker_name(label));
                    let markup = exchange
                        .answer_inline
                        .get(range.clone())
                        .unwrap_or_default();
                    push_turn(
                        &mut passages,
                        Role::Answer,
                        name,
                        &exchange.answer[range],
                        markup,
                    );
                }
            }
        }
    }
    passages
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
        if let Some(name) = passage.speaker {
            text.push_str(name);
            text.push_str(": ");
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

/// One speaker's paragraphs, the name on the first; `markup` goes with the
/// paragraphs (shorter or empty when they have none).
fn push_turn<'a>(
    passages: &mut Vec<Passage<'a>>,
    role: Role,
    name: Option<&'a str>,
    paragraphs: &'a [String],
    markup: &'a [Inline],
) {
    for (i, text) in paragraphs.iter().enumerate() {
        passages.push(Passage {
            role,
            speaker: name.filter(|n| i == 0 && !n.is_empty()),
            text: text.as_str(),
            inline: inline::of(markup, i),
        });
    }
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

    #[test]
    fn passages_follow_the_answer_turns_in_order() {
        let interview = Interview {
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
        };
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
}

//! The interview model. Nothing about width, terminals or bidi levels lives here.
//!
//! An [`Interview`] is metadata, introduction paragraphs and [`Exchange`]s, each a
//! question and an answer made of paragraphs in logical order. It is read from
//! plain text ([`parse`]) or JSON ([`Interview::from_json`]), and the built-in
//! interview is compiled in ([`Interview::builtin`]). [`input`] turns a command-line
//! FILE into an interview, with one clear error per kind of bad input.
//!
//! A paragraph is the text as shown. A Markdown interview ([`markdown`]) also
//! keeps each paragraph's inline markup beside it ([`Inline`]: styled runs and
//! links as byte ranges of the text), in lists parallel to the paragraphs, so that
//! everything that reads paragraphs reads them as before and only what draws
//! styles looks at the markup. Its JSON form writes such paragraphs as inline
//! Markdown (`"markup": "markdown"`), which reads back to the same text and markup.
//!
//! Conventions of the model (and of its JSON form):
//! - `speakers[0]` is the interviewer: questions are theirs.
//! - An answer with no `answered_by` is given by the interview's guest, the first
//!   speaker after the interviewer. `answered_by` names the speaker of each turn
//!   when an answer has several, or a speaker other than the guest.

pub mod epub;
pub mod html;
pub mod inline;
pub mod input;
mod json;
pub mod language;
pub mod markdown;
pub mod parse;
pub mod passages;

use serde::{Deserialize, Serialize};

pub use inline::{Emphasis, Inline};
pub use json::JsonError;
pub use parse::TextOptions;

/// The writing direction a document declares.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TextDirection {
    #[default]
    Rtl,
    Ltr,
}

impl From<TextDirection> for crate::layout::BaseDirection {
    fn from(d: TextDirection) -> Self {
        match d {
            TextDirection::Rtl => crate::layout::BaseDirection::Rtl,
            TextDirection::Ltr => crate::layout::BaseDirection::Ltr,
        }
    }
}

/// A speaker: the label used in the text and the name to show.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Speaker {
    pub label: String,
    pub name: String,
}

/// One turn inside an answer: `speaker` (a label) speaks from answer paragraph
/// `from` until the next turn.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Turn {
    pub speaker: String,
    #[serde(deserialize_with = "json::paragraph_number")]
    pub from: usize,
}

/// One question and its answer, each a list of paragraphs in logical order.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Exchange {
    #[serde(deserialize_with = "json::paragraphs")]
    pub question: Vec<String>,
    #[serde(deserialize_with = "json::paragraphs")]
    pub answer: Vec<String>,
    /// Who speaks in the answer, turn by turn; empty when the guest gives it all.
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "json::turns"
    )]
    pub answered_by: Vec<Turn>,
    /// The inline markup of each question paragraph (see [`inline::of`]); empty
    /// for a plain-text interview.
    #[serde(skip)]
    pub question_inline: Vec<Inline>,
    /// The inline markup of each answer paragraph.
    #[serde(skip)]
    pub answer_inline: Vec<Inline>,
}

/// A part of a document under one heading, when the document has no speakers:
/// its heading, then its paragraphs up to the next heading (of any level).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    /// The heading's level as written, 1 (`#`) to 6 (`######`).
    #[serde(deserialize_with = "json::heading_level")]
    pub level: u8,
    #[serde(deserialize_with = "json::paragraph")]
    pub heading: String,
    #[serde(deserialize_with = "json::paragraphs")]
    pub paragraphs: Vec<String>,
    /// The heading's inline markup.
    #[serde(skip)]
    pub heading_inline: Inline,
    /// The inline markup of each paragraph.
    #[serde(skip)]
    pub inline: Vec<Inline>,
}

/// How the paragraphs of a JSON interview are written.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Markup {
    /// Plain text, shown as it is.
    #[default]
    Text,
    /// Inline Markdown (emphasis, code, links), read by [`markdown::parse_paragraph`].
    Markdown,
}

impl Markup {
    fn is_text(&self) -> bool {
        *self == Markup::Text
    }
}

/// An interview (or any document): metadata, an introduction, then exchanges
/// when it has speakers, or sections when it has headings and no speakers.
///
/// Its JSON form is read by [`Interview::from_json`] only: strictly (objects
/// only, no unknown field), with errors in the words of the format.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Interview {
    /// The JSON form's version: absent (1) for the first form, 2 when the file
    /// has `sections`. Set by [`Interview::to_json`]; the model ignores it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<u32>,
    pub title: String,
    /// A BCP 47 language tag; `und` when unknown.
    pub language: String,
    #[serde(deserialize_with = "json::direction")]
    pub direction: TextDirection,
    /// Where the interview was published.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// How the paragraphs are written in JSON: absent for plain text.
    #[serde(default, skip_serializing_if = "Markup::is_text")]
    pub markup: Markup,
    #[serde(deserialize_with = "json::speakers")]
    pub speakers: Vec<Speaker>,
    #[serde(deserialize_with = "json::paragraphs")]
    pub intro: Vec<String>,
    #[serde(deserialize_with = "json::exchanges")]
    pub exchanges: Vec<Exchange>,
    /// The document's sections (none in an interview: see [`Section`]).
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "json::sections"
    )]
    pub sections: Vec<Section>,
    /// The inline markup of each introduction paragraph.
    #[serde(skip)]
    pub intro_inline: Vec<Inline>,
}

/// The built-in interview, as compiled into the binary.
pub const BUILTIN_TEXT: &str = include_str!("../assets/interview-ar.txt");
/// Its metadata (TOML): title, language, direction, source and speakers.
pub const BUILTIN_METADATA: &str = include_str!("../assets/interview.toml");

/// The metadata file that goes with a plain-text interview.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Metadata {
    pub title: String,
    pub language: String,
    pub direction: TextDirection,
    #[serde(default)]
    pub source: Option<String>,
    /// The speakers, interviewer first.
    pub speakers: Vec<Speaker>,
}

impl Interview {
    /// The built-in interview: [`BUILTIN_TEXT`] parsed with [`BUILTIN_METADATA`].
    pub fn builtin() -> Self {
        #[expect(
            clippy::expect_used,
            reason = "a compiled-in asset, checked by the tests"
        )]
        let metadata: Metadata =
            toml::from_str(BUILTIN_METADATA).expect("assets/interview.toml is valid metadata");
        Self::from_text_with_metadata(BUILTIN_TEXT, &metadata)
    }

    /// Parses a plain-text interview and applies its metadata: the interviewer is
    /// the first speaker of the metadata, and speakers are named from it.
    pub fn from_text_with_metadata(text: &str, metadata: &Metadata) -> Self {
        let options = TextOptions {
            title: metadata.title.clone(),
            interviewer: metadata.speakers.first().map(|s| s.label.clone()),
            labels: metadata.speakers.iter().map(|s| s.label.clone()).collect(),
        };
        let mut interview = parse::parse_text(text, &options);
        interview.language = metadata.language.clone();
        interview.direction = metadata.direction;
        interview.source = metadata.source.clone();
        // Speakers named in the metadata come first, in its order; labels found
        // in the text and missing from it keep their label as name.
        let mut speakers = metadata.speakers.clone();
        for found in interview.speakers.drain(..) {
            if !speakers.iter().any(|s| s.label == found.label) {
                speakers.push(found);
            }
        }
        interview.speakers = speakers;
        interview
    }

    /// Reads the JSON form written by [`Interview::to_json`]: one object with
    /// the documented fields and no others, records as objects, lists as arrays.
    pub fn from_json(json: &str) -> Result<Self, JsonError> {
        json::read(json)
    }

    /// Whether any paragraph has inline markup (styles or links).
    pub fn has_inline_markup(&self) -> bool {
        let any = |markup: &[Inline]| markup.iter().any(|m| !m.is_empty());
        any(&self.intro_inline)
            || self
                .exchanges
                .iter()
                .any(|e| any(&e.question_inline) || any(&e.answer_inline))
            || self
                .sections
                .iter()
                .any(|s| !s.heading_inline.is_empty() || any(&s.inline))
    }

    /// The model as pretty JSON, paragraphs in logical order, ending with a newline.
    ///
    /// Characters that could act on a terminal when the JSON is shown in one are
    /// written as `\uXXXX` escapes (serde_json already escapes C0 controls): DEL,
    /// the C1 controls and the bidi formatting characters. JSON readers decode
    /// them back, so nothing is lost.
    ///
    /// A Markdown interview's paragraphs are written as inline Markdown
    /// ([`markdown::to_markdown`]), under `"markup": "markdown"`.
    pub fn to_json(&self) -> String {
        json::write(self)
    }

    /// Every paragraph in reading order: the title, the introduction, then each
    /// exchange's question and answer (a speaker's label is structure, not text),
    /// or each section's heading and paragraphs.
    pub fn paragraphs(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.title.as_str())
            .filter(|t| !t.is_empty())
            .chain(self.intro.iter().map(String::as_str))
            .chain(
                self.exchanges
                    .iter()
                    .flat_map(|e| e.question.iter().chain(&e.answer).map(String::as_str)),
            )
            .chain(self.sections.iter().flat_map(|s| {
                std::iter::once(s.heading.as_str()).chain(s.paragraphs.iter().map(String::as_str))
            }))
    }

    /// The interviewer: the first speaker.
    pub fn interviewer(&self) -> Option<&Speaker> {
        self.speakers.first()
    }

    /// The guest: the first speaker after the interviewer.
    pub fn guest(&self) -> Option<&Speaker> {
        self.speakers.get(1)
    }

    /// The name to show for a label: the speaker's name, else the label itself.
    pub fn speaker_name<'a>(&'a self, label: &'a str) -> &'a str {
        self.speakers
            .iter()
            .find(|s| s.label == label)
            .map_or(label, |s| s.name.as_str())
    }

    /// The turns of an exchange's answer: each speaker's label with their
    /// paragraphs, in order. Without `answered_by`, one turn by the guest (label
    /// `""` when the interview names none).
    pub fn answer_turns<'a>(&'a self, exchange: &'a Exchange) -> Vec<(&'a str, &'a [String])> {
        self.answer_turn_ranges(exchange)
            .into_iter()
            .map(|(label, range)| (label, &exchange.answer[range]))
            .collect()
    }

    /// [`answer_turns`](Self::answer_turns) as ranges of answer paragraphs (to
    /// find the markup that goes with them).
    pub fn answer_turn_ranges<'a>(
        &'a self,
        exchange: &'a Exchange,
    ) -> Vec<(&'a str, std::ops::Range<usize>)> {
        let len = exchange.answer.len();
        if len == 0 {
            return Vec::new();
        }
        let guest = self.guest().map_or("", |s| s.label.as_str());
        if exchange.answered_by.is_empty() {
            return vec![(guest, 0..len)];
        }
        let mut turns = Vec::new();
        // Paragraphs before the first turn (only in hand-written JSON) belong to the guest.
        let first = exchange.answered_by[0].from.min(len);
        if first > 0 {
            turns.push((guest, 0..first));
        }
        for (i, turn) in exchange.answered_by.iter().enumerate() {
            let start = turn.from.min(len);
            let end = exchange
                .answered_by
                .get(i + 1)
                .map_or(len, |next| next.from)
                .clamp(start, len);
            turns.push((turn.speaker.as_str(), start..end));
        }
        turns
    }

    /// Whether there is nothing to read: no paragraph in the introduction, the
    /// questions or the answers holds more than whitespace (the title aside,
    /// which a plain text takes from its file's name).
    pub fn is_empty(&self) -> bool {
        let blank = |paragraphs: &[String]| paragraphs.iter().all(|p| p.trim().is_empty());
        blank(&self.intro)
            && self
                .exchanges
                .iter()
                .all(|e| blank(&e.question) && blank(&e.answer))
            && self
                .sections
                .iter()
                .all(|s| s.heading.trim().is_empty() && blank(&s.paragraphs))
    }
}

/// The direction of a text by the majority of its strong characters (UAX #9
/// classes L against R and AL); right-to-left on a tie or with none.
pub fn majority_direction<'a>(paragraphs: impl IntoIterator<Item = &'a str>) -> TextDirection {
    language::TextCounts::of(paragraphs).direction()
}

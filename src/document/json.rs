//! The JSON form, written and read here: [`write`] the model as pretty JSON
//! whose strings are inert in a terminal, [`read`] it back strictly, with errors
//! in the words of the format.
//!
//! serde's derived readers accept a struct written as an array of its fields
//! (`["title", "ar", ...]`) and say so when one is wrong ("expected struct
//! Interview with 7 elements"). Here every record is read only from a JSON
//! object, every list only from an array, and each says what it expected in a
//! reader's words; unknown fields are refused by the model's
//! `deny_unknown_fields`. Messages then read "expected …, found …".

use std::fmt;
use std::marker::PhantomData;

use serde::de::value::MapAccessDeserializer;
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};

use super::{
    Exchange, Inline, Interview, Markup, Section, Speaker, TextDirection, Turn, inline, markdown,
};

/// What the whole file must be.
pub const INTERVIEW: &str =
    "an interview: an object with title, language, direction, speakers, intro and exchanges";

/// Reads an interview from `json` (see [`Interview::from_json`]): one object,
/// nothing after it, every turn inside its answer; paragraphs written in inline
/// Markdown become their text and markup.
pub fn read(json: &str) -> Result<Interview, JsonError> {
    let mut interview = read_object(json)?;
    check(&interview).map_err(|message| JsonError {
        line: 0,
        column: 0,
        message,
    })?;
    // The version says how to read the file; the model does not keep it.
    interview.version = None;
    if interview.markup == Markup::Markdown {
        interview.intro_inline = read_markdown(&mut interview.intro);
        for exchange in &mut interview.exchanges {
            exchange.question_inline = read_markdown(&mut exchange.question);
            exchange.answer_inline = read_markdown(&mut exchange.answer);
        }
        for section in &mut interview.sections {
            section.heading_inline = read_markdown(std::slice::from_mut(&mut section.heading))
                .pop()
                .unwrap_or_default();
            section.inline = read_markdown(&mut section.paragraphs);
        }
    }
    Ok(interview)
}

/// Writes the model as pretty JSON (see [`Interview::to_json`]).
pub fn write(interview: &Interview) -> String {
    let mut out = Vec::new();
    let formatter = InertFormatter(serde_json::ser::PrettyFormatter::new());
    let mut serializer = serde_json::Serializer::with_formatter(&mut out, formatter);
    // Serializing strings, vectors and enums into a Vec cannot fail.
    let version = (!interview.sections.is_empty()).then_some(SECTIONS_VERSION);
    if interview.markup == Markup::Markdown || interview.version != version {
        let mut written = interview.clone();
        written.version = version;
        if interview.markup == Markup::Markdown {
            write_markdown(&mut written.intro, &interview.intro_inline);
            for (exchange, from) in written.exchanges.iter_mut().zip(&interview.exchanges) {
                write_markdown(&mut exchange.question, &from.question_inline);
                write_markdown(&mut exchange.answer, &from.answer_inline);
            }
            for (section, from) in written.sections.iter_mut().zip(&interview.sections) {
                write_markdown(
                    std::slice::from_mut(&mut section.heading),
                    std::slice::from_ref(&from.heading_inline),
                );
                write_markdown(&mut section.paragraphs, &from.inline);
            }
        }
        let _ = written.serialize(&mut serializer);
    } else {
        let _ = interview.serialize(&mut serializer);
    }
    let mut json = String::from_utf8(out).unwrap_or_default();
    json.push('\n');
    json
}

/// The version of the JSON form that has `sections`; files without `version`
/// are of the first form (exchanges only), and still read.
pub const SECTIONS_VERSION: u32 = 2;

/// Checks what serde cannot: the version, sections only in a file that says
/// version 2 and never beside exchanges, every `answered_by` turn pointing into
/// its answer, in order.
fn check(interview: &Interview) -> Result<(), String> {
    match interview.version {
        None | Some(1 | SECTIONS_VERSION) => {}
        Some(v) => {
            return Err(format!(
                "version {v} of the JSON form; this hiwar reads versions 1 and {SECTIONS_VERSION}"
            ));
        }
    }
    if !interview.sections.is_empty() {
        if interview.version != Some(SECTIONS_VERSION) {
            return Err(format!(
                "`sections` come with \"version\": {SECTIONS_VERSION}"
            ));
        }
        if !interview.exchanges.is_empty() {
            return Err(
                "a document has exchanges (speakers) or sections (headings), not both".into(),
            );
        }
    }
    for (i, exchange) in interview.exchanges.iter().enumerate() {
        let mut previous = None;
        for turn in &exchange.answered_by {
            if turn.from >= exchange.answer.len().max(1) {
                return Err(format!(
                    "exchange {}: a turn of `{}` starts at answer paragraph {}, but the answer has {}",
                    i + 1,
                    turn.speaker,
                    turn.from,
                    exchange.answer.len()
                ));
            }
            if previous.is_some_and(|p| turn.from <= p) {
                return Err(format!(
                    "exchange {}: the turns of `answered_by` are not in order",
                    i + 1
                ));
            }
            previous = Some(turn.from);
        }
    }
    Ok(())
}

/// The object itself, read through the model's derived reader.
fn read_object(json: &str) -> Result<Interview, JsonError> {
    let mut deserializer = serde_json::Deserializer::from_str(json);
    let interview = Object::<Interview>::new(INTERVIEW)
        .deserialize(&mut deserializer)
        .and_then(|interview| deserializer.end().map(|()| interview))
        .map_err(|e| JsonError {
            line: e.line(),
            // serde_json says column 0 for an error on a line's first character.
            column: e.column().max(1),
            message: readable(&e),
        })?;
    Ok(interview)
}

/// serde_json's message without its position (JsonError carries it), and an
/// `invalid type: X, expected Y` turned into `expected Y, found X` with X named
/// as JSON names it (an array, an object, the number 7).
fn readable(e: &serde_json::Error) -> String {
    let message = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    let message = message.strip_suffix(&suffix).unwrap_or(&message);
    let rest = message
        .strip_prefix("invalid type: ")
        .or_else(|| message.strip_prefix("invalid value: "));
    let Some((found, expected)) = rest.and_then(|r| r.split_once(", expected ")) else {
        return message.to_string();
    };
    let quoted = |prefix: &str| {
        found
            .strip_prefix(prefix)
            .and_then(|f| f.strip_prefix('`'))
            .and_then(|f| f.strip_suffix('`'))
    };
    let found = match found {
        "sequence" => "an array".to_string(),
        "map" => "an object".to_string(),
        "null" => "null".to_string(),
        _ => {
            if let Some(n) = quoted("integer ").or_else(|| quoted("floating point ")) {
                format!("the number {n}")
            } else if let Some(b) = quoted("boolean ") {
                b.to_string()
            } else if let Some(s) = found.strip_prefix("string ") {
                format!("the string {s}")
            } else {
                found.to_string()
            }
        }
    };
    format!("expected {expected}, found {found}")
}

/// Reads a `T` from a JSON object only, through its derived reader.
struct Object<T> {
    expecting: &'static str,
    record: PhantomData<T>,
}

impl<T> Object<T> {
    fn new(expecting: &'static str) -> Self {
        Object {
            expecting,
            record: PhantomData,
        }
    }
}

impl<T> Clone for Object<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Object<T> {}

impl<'de, T: Deserialize<'de>> Visitor<'de> for Object<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.expecting)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
        T::deserialize(MapAccessDeserializer::new(map))
    }
}

impl<'de, T: Deserialize<'de>> DeserializeSeed<'de> for Object<T> {
    type Value = T;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<T, D::Error> {
        deserializer.deserialize_map(self)
    }
}

/// A paragraph: a string.
#[derive(Clone, Copy)]
struct Paragraph;

impl Visitor<'_> for Paragraph {
    type Value = String;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a paragraph (a string)")
    }

    fn visit_str<E: de::Error>(self, s: &str) -> Result<String, E> {
        Ok(s.to_string())
    }

    fn visit_string<E: de::Error>(self, s: String) -> Result<String, E> {
        Ok(s)
    }
}

impl<'de> DeserializeSeed<'de> for Paragraph {
    type Value = String;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<String, D::Error> {
        deserializer.deserialize_string(self)
    }
}

/// An array whose every element is read by `element`.
struct ArrayOf<S> {
    expecting: &'static str,
    element: S,
}

impl<'de, S: DeserializeSeed<'de> + Copy> Visitor<'de> for ArrayOf<S> {
    type Value = Vec<S::Value>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.expecting)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        // The size hint comes from the file: a bound, not a promise.
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1024));
        while let Some(item) = seq.next_element_seed(self.element)? {
            items.push(item);
        }
        Ok(items)
    }
}

fn array_of<'de, D, S>(
    deserializer: D,
    expecting: &'static str,
    element: S,
) -> Result<Vec<S::Value>, D::Error>
where
    D: Deserializer<'de>,
    S: DeserializeSeed<'de> + Copy,
{
    deserializer.deserialize_seq(ArrayOf { expecting, element })
}

/// `intro`, `question` and `answer`.
pub fn paragraphs<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<String>, D::Error> {
    array_of(deserializer, "an array of paragraphs (strings)", Paragraph)
}

/// `heading`: one paragraph.
pub fn paragraph<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    Paragraph.deserialize(deserializer)
}

pub fn sections<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<Section>, D::Error> {
    array_of(
        deserializer,
        "an array of sections",
        Object::<Section>::new("a section: an object with level, heading and paragraphs"),
    )
}

/// `sections[].level`: a heading's level, 1 to 6.
pub fn heading_level<'de, D: Deserializer<'de>>(deserializer: D) -> Result<u8, D::Error> {
    struct Level;
    impl Visitor<'_> for Level {
        type Value = u8;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a heading level (1 to 6)")
        }

        fn visit_u64<E: de::Error>(self, n: u64) -> Result<u8, E> {
            match u8::try_from(n) {
                Ok(level @ 1..=6) => Ok(level),
                _ => Err(E::invalid_value(de::Unexpected::Unsigned(n), &self)),
            }
        }

        fn visit_i64<E: de::Error>(self, n: i64) -> Result<u8, E> {
            match u64::try_from(n) {
                Ok(n) => self.visit_u64(n),
                Err(_) => Err(E::invalid_value(de::Unexpected::Signed(n), &self)),
            }
        }
    }
    deserializer.deserialize_u64(Level)
}

pub fn speakers<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<Speaker>, D::Error> {
    array_of(
        deserializer,
        "an array of speakers",
        Object::<Speaker>::new("a speaker: an object with label and name"),
    )
}

pub fn exchanges<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<Exchange>, D::Error> {
    array_of(
        deserializer,
        "an array of exchanges",
        Object::<Exchange>::new("an exchange: an object with question and answer"),
    )
}

pub fn turns<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<Turn>, D::Error> {
    array_of(
        deserializer,
        "an array of turns",
        Object::<Turn>::new("a turn: an object with speaker and from"),
    )
}

/// `answered_by[].from`: an index into the answer's paragraphs.
pub fn paragraph_number<'de, D: Deserializer<'de>>(deserializer: D) -> Result<usize, D::Error> {
    struct Number;
    impl Visitor<'_> for Number {
        type Value = usize;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a paragraph number (0 for the first)")
        }

        fn visit_u64<E: de::Error>(self, n: u64) -> Result<usize, E> {
            usize::try_from(n).map_err(|_| E::invalid_value(de::Unexpected::Unsigned(n), &self))
        }

        fn visit_i64<E: de::Error>(self, n: i64) -> Result<usize, E> {
            usize::try_from(n).map_err(|_| E::invalid_value(de::Unexpected::Signed(n), &self))
        }
    }
    deserializer.deserialize_u64(Number)
}

/// `direction`: `"rtl"` or `"ltr"` (serde_json's enum reader answers a number
/// with a bare "expected value").
pub fn direction<'de, D: Deserializer<'de>>(deserializer: D) -> Result<TextDirection, D::Error> {
    struct Direction;
    impl Visitor<'_> for Direction {
        type Value = TextDirection;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str(r#""rtl" or "ltr""#)
        }

        fn visit_str<E: de::Error>(self, s: &str) -> Result<TextDirection, E> {
            match s {
                "rtl" => Ok(TextDirection::Rtl),
                "ltr" => Ok(TextDirection::Ltr),
                _ => Err(E::invalid_value(de::Unexpected::Str(s), &self)),
            }
        }
    }
    deserializer.deserialize_str(Direction)
}

/// Reads paragraphs written in inline Markdown in place: each becomes its text,
/// and its markup is returned beside.
fn read_markdown(paragraphs: &mut [String]) -> Vec<Inline> {
    paragraphs
        .iter_mut()
        .map(|paragraph| {
            let (text, inline) = markdown::parse_paragraph(paragraph);
            *paragraph = text;
            inline
        })
        .collect()
}

/// Writes paragraphs with their markup as inline Markdown, in place.
fn write_markdown(paragraphs: &mut [String], markup: &[Inline]) {
    for (i, paragraph) in paragraphs.iter_mut().enumerate() {
        *paragraph = markdown::to_markdown(paragraph, inline::of(markup, i));
    }
}

/// Pretty JSON whose strings escape what a terminal could act on.
struct InertFormatter<'a>(serde_json::ser::PrettyFormatter<'a>);

/// DEL, C1 controls, and bidi formatting characters (ALM, LRM, RLM,
/// LRE..RLO, LRI..PDI).
fn needs_escape(c: char) -> bool {
    matches!(c, '\u{7f}'..='\u{9f}' | '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

impl serde_json::ser::Formatter for InertFormatter<'_> {
    fn write_string_fragment<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        let mut rest = fragment;
        while let Some((i, c)) = rest.char_indices().find(|&(_, c)| needs_escape(c)) {
            writer.write_all(&rest.as_bytes()[..i])?;
            write!(writer, "\\u{:04x}", u32::from(c))?;
            rest = &rest[i + c.len_utf8()..];
        }
        writer.write_all(rest.as_bytes())
    }

    // The layout of a pretty formatter, delegated.
    fn begin_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object_value(w)
    }
}

/// JSON that does not match the schema: where and why. Line and column are 0
/// when the fault is found after parsing (a turn pointing outside its answer).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JsonError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl std::fmt::Display for JsonError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.line == 0 {
            write!(f, "not a hiwar interview: {}", self.message)
        } else {
            write!(
                f,
                "not a hiwar interview (JSON, line {}, column {}): {}",
                self.line, self.column, self.message
            )
        }
    }
}

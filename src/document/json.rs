//! Reading the JSON form strictly, with errors in the words of the format.
//!
//! serde's derived readers accept a struct written as an array of its fields
//! (`["title", "ar", ...]`) and say so when one is wrong ("expected struct
//! Interview with 7 elements"). Here every record is read only from a JSON
//! object, every list only from an array, and each says what it expected in a
//! reader's words; unknown fields are refused by the model's
//! `deny_unknown_fields`. Messages then read "expected …, found …".

use std::fmt;
use std::marker::PhantomData;

use serde::Deserialize;
use serde::de::value::MapAccessDeserializer;
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

use super::{Exchange, Interview, JsonError, Speaker, TextDirection, Turn};

/// What the whole file must be.
pub const INTERVIEW: &str =
    "an interview: an object with title, language, direction, speakers, intro and exchanges";

/// Reads an interview from `json`: one object, nothing after it.
pub fn read(json: &str) -> Result<Interview, JsonError> {
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

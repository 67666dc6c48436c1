//! The interview model. Nothing about width, terminals or bidi levels lives here.

use serde::{Deserialize, Serialize};

/// The writing direction a document declares.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TextDirection {
    #[default]
    Rtl,
    Ltr,
}

/// A speaker: the label used in the text and the name to show.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Speaker {
    pub label: String,
    pub name: String,
}

/// One question and its answer, each a list of paragraphs in logical order.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Exchange {
    pub question: Vec<String>,
    pub answer: Vec<String>,
}

/// An interview: metadata, an introduction, then exchanges.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Interview {
    pub title: String,
    pub language: String,
    pub direction: TextDirection,
    pub speakers: Vec<Speaker>,
    pub intro: Vec<String>,
    pub exchanges: Vec<Exchange>,
}

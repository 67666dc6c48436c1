//! What no output of hiwar may contain: anything a terminal acts on, and bidi
//! formatting characters. Shared by the targets (`#[path]` include).

/// True for a char that must never be written from a document: C0 controls other
/// than the newline, DEL, C1 controls, and the bidi embeddings, overrides,
/// isolates and marks.
pub fn forbidden(c: char) -> bool {
    (c < ' ' && c != '\n')
        || ('\u{7f}'..='\u{9f}').contains(&c)
        || matches!(
            c,
            '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{061c}'
        )
}

pub fn assert_inert(out: &str, what: &str) {
    if let Some(c) = out.chars().find(|&c| forbidden(c)) {
        panic!("{what} wrote {c:?}");
    }
}

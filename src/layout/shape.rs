//! Step 3: Arabic shaping (placeholder until the shaping module lands: no change).

/// True if `text` has any character that shaping may change.
pub fn needs_shaping(text: &str) -> bool {
    let _ = text;
    false
}

/// Shapes `text`: one entry per char; `None` = absorbed into a lam-alef ligature.
pub fn shape(text: &str, out: &mut Vec<Option<char>>) {
    out.clear();
    out.extend(text.chars().map(Some));
}

//! OSC 52: the reader's `y` puts the selected text on the terminal's clipboard.

/// OSC 52 (xterm's "manipulate selection data"): asks the terminal to put `text` on
/// the clipboard (`c`). The text goes base64-encoded, so nothing in it can end the
/// sequence or start another. Terminals honour it over SSH too; tmux passes it on
/// with `set-clipboard on`.
pub fn clipboard_sequence(text: &str) -> Vec<u8> {
    use base64::Engine;
    let mut sequence = b"\x1b]52;c;".to_vec();
    sequence.extend_from_slice(
        base64::engine::general_purpose::STANDARD
            .encode(text)
            .as_bytes(),
    );
    sequence.push(0x07);
    sequence
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_clipboard_sequence_carries_the_text_in_base64_only() {
        use base64::Engine;
        let text = "تشانغ: نعم\u{1b}]52;c;evil\u{7}\u{9c}";
        let sequence = clipboard_sequence(text);
        let payload = sequence
            .strip_prefix(b"\x1b]52;c;")
            .and_then(|rest| rest.strip_suffix(b"\x07"))
            .expect("OSC 52 ... BEL");
        assert!(
            payload
                .iter()
                .all(|b| b.is_ascii_alphanumeric() || b"+/=".contains(b)),
            "base64 only"
        );
        let decoded = base64::engine::general_purpose::STANDARD
            .decode(payload)
            .expect("base64");
        assert_eq!(decoded, text.as_bytes());
    }
}

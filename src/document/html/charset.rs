//! The character encoding of an HTML page: its byte-order mark, else the
//! `charset` its `<meta>` (or an XHTML file's `<?xml … encoding=…?>`) declares,
//! else UTF-8. Decoded with encoding_rs, the WHATWG Encoding Standard's tables
//! (windows-1256, ISO-8859-6 and the rest Arabic sites still use).
//!
//! A page that declares nothing and is not UTF-8 is refused, with the offset of
//! the first bad byte, rather than guessed at: the text path refuses such bytes
//! too, and a wrong guess would show the wrong letters.

use encoding_rs::{Encoding, UTF_8};

/// How far into the page a declaration is looked for (the HTML standard's
/// prescan reads 1024 bytes; pages saved by browsers put theirs in the first few
/// hundred, after a comment naming where they were saved from).
const PRESCAN_BYTES: usize = 4096;

/// The page's text, decoded; the error says why it cannot be.
pub fn decode(bytes: &[u8]) -> Result<String, String> {
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom..]);
        return Ok(text.into_owned());
    }
    let declared = declared_charset(&bytes[..bytes.len().min(PRESCAN_BYTES)]);
    let encoding = match declared {
        Some(label) => Encoding::for_label(label.as_bytes())
            .ok_or_else(|| {
                format!(
                    "declares charset `{label}`, which hiwar does not know (convert it to UTF-8 with iconv)"
                )
            })?
            // A page cannot declare UTF-16 in ASCII and mean it: the standard
            // reads such a page as UTF-8, and the replacement encodings too.
            .output_encoding(),
        None => match std::str::from_utf8(bytes) {
            Ok(text) => return Ok(text.to_string()),
            Err(e) => {
                return Err(format!(
                    "not UTF-8 and declares no charset: invalid byte sequence at byte offset {} (declare one with <meta charset=…>, or convert it with iconv)",
                    e.valid_up_to()
                ));
            }
        },
    };
    if encoding == UTF_8 {
        // Declared UTF-8: a bad byte becomes U+FFFD, as a browser shows it.
        return Ok(String::from_utf8_lossy(bytes).into_owned());
    }
    let (text, _) = encoding.decode_without_bom_handling(bytes);
    Ok(text.into_owned())
}

/// The charset a page's head declares: `<meta charset=X>`, `<meta
/// http-equiv="Content-Type" content="text/html; charset=X">`, or an XML
/// declaration's `encoding="X"`.
fn declared_charset(head: &[u8]) -> Option<String> {
    // Declarations are ASCII: a lossy view is enough to find them.
    let head = String::from_utf8_lossy(head).to_ascii_lowercase();
    if let Some(rest) = head.trim_start().strip_prefix("<?xml")
        && let Some(end) = rest.find("?>")
        && let Some((_, value)) = attributes(&rest[..end])
            .into_iter()
            .find(|(n, v)| n == "encoding" && !v.is_empty())
    {
        return Some(value);
    }
    let mut at = 0;
    while let Some(found) = head[at..].find("<meta") {
        let start = at + found + "<meta".len();
        let end = head[start..].find('>').map_or(head.len(), |e| start + e);
        let attributes = attributes(&head[start..end]);
        let value = |name: &str| {
            attributes
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, v)| v.as_str())
        };
        if let Some(charset) = value("charset").filter(|v| !v.is_empty()) {
            return Some(charset.to_string());
        }
        if value("http-equiv").is_some_and(|v| v.trim() == "content-type")
            && let Some(content) = value("content")
            && let Some(i) = content.find("charset")
            && let Some(rest) = content[i + "charset".len()..]
                .trim_start()
                .strip_prefix('=')
        {
            let charset = rest
                .trim_start()
                .trim_start_matches(['"', '\''])
                .split(|c: char| c == ';' || c == '"' || c == '\'' || c.is_whitespace())
                .next()
                .unwrap_or_default();
            if !charset.is_empty() {
                return Some(charset.to_string());
            }
        }
        at = end;
    }
    None
}

/// The attributes of a tag's text after its name, as the HTML tokenizer reads
/// them: names up to `=`, values quoted or not. (`value` of `name` in an XML
/// declaration too.)
fn attributes(tag: &str) -> Vec<(String, String)> {
    let mut attributes = Vec::new();
    let mut rest = tag;
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == '/' || c == '?');
        if rest.is_empty() || attributes.len() > 64 {
            return attributes;
        }
        let name_end = rest
            .find(|c: char| c.is_whitespace() || c == '=' || c == '/')
            .unwrap_or(rest.len())
            .max(1);
        let name = rest[..name_end].to_string();
        rest = rest[name_end..].trim_start();
        let Some(after) = rest.strip_prefix('=') else {
            attributes.push((name, String::new()));
            continue;
        };
        rest = after.trim_start();
        let value = match rest.chars().next() {
            Some(quote @ ('"' | '\'')) => {
                let inner = &rest[1..];
                let end = inner.find(quote).unwrap_or(inner.len());
                let value = &inner[..end];
                rest = inner.get(end + 1..).unwrap_or_default();
                value
            }
            _ => {
                let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
                let value = &rest[..end];
                rest = &rest[end..];
                value
            }
        };
        attributes.push((name, value.trim().to_string()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_declared_windows_1256_page_is_decoded() {
        // "سلام" in windows-1256.
        let mut page = b"<html><head><meta charset=\"windows-1256\"></head><body><p>".to_vec();
        page.extend_from_slice(&[0xd3, 0xe1, 0xc7, 0xe3]);
        page.extend_from_slice(b"</p></body></html>");
        assert!(decode(&page).expect("decoded").contains("سلام"));
        let mut old =
            b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1256\"><p>"
                .to_vec();
        old.extend_from_slice(&[0xd3, 0xe1, 0xc7, 0xe3]);
        assert!(decode(&old).expect("decoded").contains("سلام"));
        let mut xml = b"<?xml version='1.0' encoding='ISO-8859-6'?><p>".to_vec();
        xml.extend_from_slice(&[0xd3, 0xe4, 0xc7, 0xe5]);
        assert!(decode(&xml).expect("decoded").contains("سلام"));
    }

    #[test]
    fn undeclared_bytes_that_are_not_utf8_are_refused() {
        let page = [b"<p>".as_slice(), &[0xd3, 0xe1]].concat();
        let e = decode(&page).expect_err("refused");
        assert!(e.contains("byte offset 3"), "{e}");
        let e = decode(b"<meta charset=klingon><p>x").expect_err("unknown");
        assert!(e.contains("`klingon`"), "{e}");
        // A byte-order mark wins over any declaration.
        let utf16: Vec<u8> = [0xff, 0xfe]
            .into_iter()
            .chain("<p>ي</p>".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(decode(&utf16).expect("utf-16"), "<p>ي</p>");
        assert_eq!(declared_charset(b"<meta data-charset=x name=y>"), None);
    }
}

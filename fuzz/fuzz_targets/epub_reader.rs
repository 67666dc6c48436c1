//! The EPUB reader: any bytes, as an archive (first byte even) or as the parts
//! of a book put in a well-formed archive (odd: the rest cut at `\0\0` into the
//! package, the navigation document, the NCX and chapters), read into a book
//! (or one line of error) that prints inertly and exports and reads back.
#![no_main]

use std::io::{Cursor, Write};
use std::path::Path;

use hiwar::document::epub::read;
use hiwar::document::{Interview, TextOptions};
use hiwar::layout::LayoutOptions;
use hiwar::print::print_interview;
use libfuzzer_sys::fuzz_target;

#[path = "inert.rs"]
mod inert;

const CONTAINER: &[u8] = br#"<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>"#;
const NAMES: [&str; 6] = [
    "OEBPS/content.opf",
    "OEBPS/nav.xhtml",
    "OEBPS/toc.ncx",
    "OEBPS/ch1.xhtml",
    "OEBPS/ch2.xhtml",
    "OEBPS/text/ch3.xhtml",
];

fn archive(parts: &[u8]) -> Vec<u8> {
    let mut out = Cursor::new(Vec::new());
    let mut writer = zip::ZipWriter::new(&mut out);
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let _ = writer.start_file("META-INF/container.xml", stored);
    let _ = writer.write_all(CONTAINER);
    let mut rest = parts;
    for name in NAMES {
        let end = rest.windows(2).position(|w| w == b"\0\0").unwrap_or(rest.len());
        let _ = writer.start_file(name, stored);
        let _ = writer.write_all(&rest[..end]);
        rest = rest.get(end + 2..).unwrap_or_default();
    }
    let _ = writer.finish();
    out.into_inner()
}

fuzz_target!(|data: &[u8]| {
    let [mode, rest @ ..] = data else {
        return;
    };
    let bytes = if mode % 2 == 0 { rest.to_vec() } else { archive(rest) };
    let book = match read(Cursor::new(bytes), Path::new("book.epub"), &TextOptions::default()) {
        Ok(book) => book,
        Err(e) => {
            let message = e.to_string();
            assert!(!message.contains('\n'), "one line: {message:?}");
            return;
        }
    };
    let mut out = Vec::new();
    print_interview(&mut out, &book, usize::from(*mode), &LayoutOptions::default())
        .expect("a Vec");
    inert::assert_inert(&String::from_utf8(out).expect("UTF-8"), "print");
    let json = book.to_json();
    inert::assert_inert(&json.replace('\n', ""), "export");
    assert_eq!(Interview::from_json(&json).expect("export reads back"), book);
});

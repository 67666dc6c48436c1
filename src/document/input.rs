//! Where an interview comes from (a file, standard input, or the built-in one),
//! and the checks every input passes before it is parsed.
//!
//! Refused, with one line naming the file: a missing file, a directory, a file
//! hiwar may not read, data with a NUL byte ("looks like binary data"), UTF-16,
//! bytes that are not UTF-8 (with the offset of the first bad sequence), input
//! over [`MAX_INPUT_BYTES`], and JSON that does not match the schema (with line
//! and column). The format is `--format`'s, else the name's (`.json`; `.md`,
//! `.markdown`; `.txt`), else the content's ([`Source::format`]). A FIFO or any other readable stream is read to its end, like
//! standard input; reading stops early at the first NUL byte, so `/dev/zero` is
//! refused at once. An empty or blank file (`.json` included) is an interview
//! with no paragraphs, an empty document.

use std::borrow::Cow;
use std::fs::File;
use std::io::{self, Read, Seek};
use std::path::{Path, PathBuf};

use super::{Interview, Metadata, TextOptions, markdown, parse};
use crate::error::{Error, Result};

/// The largest input read: past it, hiwar refuses the file rather than fill memory.
pub const MAX_INPUT_BYTES: usize = 256 * 1024 * 1024;

/// How much of a large plain-text file the reader parses before its first frame:
/// dozens of exchanges, about a screen of questions; parsed in a millisecond (a
/// first frame on it took 8–10 ms, against 13–14 ms on 256 KiB).
pub const OPENING_BYTES: usize = 64 * 1024;

/// How an interview file is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// One paragraph a line, speaker labels found in the text.
    Text,
    /// The model's JSON form.
    Json,
    /// CommonMark: paragraphs between blank lines, inline emphasis kept.
    Markdown,
    /// A web page: its article ([`super::html`]).
    Html,
    /// An EPUB 2 or 3 book ([`super::epub`]).
    Epub,
}

impl Format {
    /// The name `--format` takes.
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Json => "json",
            Format::Markdown => "markdown",
            Format::Html => "html",
            Format::Epub => "epub",
        }
    }
}

/// Whether standard input holds something to read: a pipe, a file or a socket
/// (`cat a.txt | hiwar`, `hiwar < a.txt`). A terminal does not, nor does a
/// character device such as `/dev/null`, which is what a cron job or a test
/// harness leaves there: ripgrep asks the same question the same way, so that
/// `hiwar` with no FILE under them still shows the built-in interview.
pub fn stdin_is_readable() -> bool {
    use std::os::fd::AsFd;
    use std::os::unix::fs::FileTypeExt;
    let Ok(fd) = io::stdin().as_fd().try_clone_to_owned() else {
        return false;
    };
    File::from(fd).metadata().is_ok_and(|metadata| {
        let kind = metadata.file_type();
        kind.is_fifo() || kind.is_file() || kind.is_socket()
    })
}

/// An interview's origin, from the command line's FILE argument.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    /// No FILE: the interview compiled into the binary.
    Builtin,
    /// `-`: standard input.
    Stdin,
    File(PathBuf),
}

impl Source {
    pub fn from_arg(file: Option<&Path>) -> Self {
        match file {
            None => Source::Builtin,
            Some(p) if p.as_os_str() == "-" => Source::Stdin,
            Some(p) => Source::File(p.to_path_buf()),
        }
    }

    /// The name errors use.
    pub fn name(&self) -> PathBuf {
        match self {
            Source::Builtin => PathBuf::from("built-in interview"),
            Source::Stdin => PathBuf::from("standard input"),
            Source::File(p) => p.clone(),
        }
    }

    /// The whole input as checked UTF-8 text (BOM kept; the parsers drop it).
    pub fn read_text(&self) -> Result<Cow<'static, str>> {
        let bytes = match self {
            Source::Builtin => return Ok(Cow::Borrowed(super::BUILTIN_TEXT)),
            Source::Stdin => read_limited(io::stdin().lock(), &self.name(), true)?,
            Source::File(path) => read_file(path)?,
        };
        self.checked_utf8(bytes)
    }

    /// The whole input's bytes, up to [`MAX_INPUT_BYTES`]. `any` reads NUL bytes
    /// on; else reading stops at the first, unless the input starts as a web
    /// page or a zip archive would (`<`, or a zip header).
    fn read_bytes(&self, any: bool) -> Result<Vec<u8>> {
        match self {
            Source::Builtin => Ok(super::BUILTIN_TEXT.as_bytes().to_vec()),
            Source::Stdin => read_limited(io::stdin().lock(), &self.name(), !any),
            Source::File(path) => read_limited(open_file(path)?, path, !any),
        }
    }

    /// Bytes as text, or the error that says where they are not UTF-8.
    fn checked_utf8(&self, bytes: Vec<u8>) -> Result<Cow<'static, str>> {
        match String::from_utf8(bytes) {
            Ok(text) => Ok(Cow::Owned(text)),
            Err(e) => Err(not_utf8(&self.name(), e.utf8_error().valid_up_to())),
        }
    }

    /// Reads and parses the interview, in the format [`Source::format`] finds
    /// (`forced` by `--format`). `interviewer` overrides the interviewer's label of
    /// a text or Markdown interview.
    pub fn load(&self, interviewer: Option<&str>, forced: Option<Format>) -> Result<Interview> {
        let interviewer = interviewer.map(|l| l.trim().trim_end_matches(':').trim_end());
        if let (Some(format), Source::Builtin) = (forced, self) {
            return Err(Error::Usage(format!(
                "--format {} says how to read FILE; without one, hiwar shows the built-in interview",
                format.name()
            )));
        }
        let text = match self.read_input(forced)? {
            Input::Text(text) => text,
            Input::Web(bytes) => return self.load_web(bytes, interviewer, forced),
        };
        let format = self.format(&text, forced);
        // A blank file is an empty document whatever its name, not broken JSON.
        if format == Format::Json && !parse::is_blank(&text) {
            if interviewer.is_some() {
                return Err(Error::Usage(format!(
                    "--interviewer applies to plain-text interviews (and Markdown ones); {} is JSON (its first speaker asks the questions)",
                    self.name().display()
                )));
            }
            let json = text.trim_start_matches('\u{feff}');
            return Interview::from_json(json)
                .map_err(|e| Error::input(self.name(), e.to_string()));
        }
        let markdown = format == Format::Markdown;
        if let Some(label) = interviewer {
            let starts = if markdown {
                markdown::starts_a_paragraph(&text, label)
            } else {
                parse::starts_a_paragraph(&text, label)
            };
            if !starts {
                return Err(Error::Usage(format!(
                    "--interviewer {label}: no paragraph of {} starts with `{label}:`",
                    self.name().display()
                )));
            }
        }
        match self {
            Source::Builtin => {
                let Some(label) = interviewer else {
                    return Ok(Interview::builtin());
                };
                // The same metadata, with the chosen interviewer first.
                let mut metadata: Metadata = toml::from_str(super::BUILTIN_METADATA)
                    .map_err(|e| Error::input(self.name(), e.to_string()))?;
                if let Some(i) = metadata.speakers.iter().position(|s| s.label == label) {
                    let speaker = metadata.speakers.remove(i);
                    metadata.speakers.insert(0, speaker);
                } else {
                    metadata.speakers.insert(
                        0,
                        super::Speaker {
                            label: label.to_string(),
                            name: label.to_string(),
                        },
                    );
                }
                Ok(Interview::from_text_with_metadata(&text, &metadata))
            }
            Source::Stdin | Source::File(_) => {
                let options = TextOptions {
                    title: self.title(),
                    interviewer: interviewer.map(str::to_string),
                    labels: Vec::new(),
                };
                Ok(if markdown {
                    markdown::parse_markdown(&text, &options)
                } else {
                    parse::parse_text(&text, &options)
                })
            }
        }
    }

    /// The input, as checked text, or as the bytes of a web page or a book
    /// (by `forced`, the name, or how the bytes start; [`Source::read_text`]'s
    /// checks are the text's alone).
    fn read_input(&self, forced: Option<Format>) -> Result<Input> {
        let by_name = self.format_by_name(forced);
        if matches!(by_name, Format::Html | Format::Epub) {
            return self.read_bytes(true).map(Input::Web);
        }
        if forced.is_some() || matches!(self, Source::Builtin) {
            return self.read_text().map(Input::Text);
        }
        let bytes = self.read_bytes(false)?;
        if super::html::looks_like_html(&bytes) || super::epub::looks_like_zip(&bytes) {
            return Ok(Input::Web(bytes));
        }
        refuse_binary(&bytes, 0, &self.name())?;
        self.checked_utf8(bytes).map(Input::Text)
    }

    /// An HTML page or an EPUB book, by its bytes.
    fn load_web(
        &self,
        bytes: Vec<u8>,
        interviewer: Option<&str>,
        forced: Option<Format>,
    ) -> Result<Interview> {
        let options = TextOptions {
            title: self.title(),
            interviewer: interviewer.map(str::to_string),
            labels: Vec::new(),
        };
        if super::epub::looks_like_zip(&bytes) || self.format_by_name(forced) == Format::Epub {
            return super::epub::read(io::Cursor::new(bytes), &self.name(), &options);
        }
        super::html::parse_html(&bytes, &options).map_err(|m| Error::input(self.name(), m))
    }

    /// A plain-text file larger than [`OPENING_BYTES`], for a reader that shows it at
    /// once and loads the whole ([`Source::load`], with every check) afterwards: its
    /// opening, the paragraphs of its first [`OPENING_BYTES`], checked and parsed as
    /// the whole would be. `None` for anything else (JSON, Markdown, standard input,
    /// the built-in interview, a small file), and when the opening alone cannot
    /// stand for the file's beginning (no paragraph in it, or no `--interviewer`
    /// label): load it whole then.
    pub fn open_large(
        &self,
        interviewer: Option<&str>,
        forced: Option<Format>,
    ) -> Result<Option<Interview>> {
        let Source::File(path) = self else {
            return Ok(None);
        };
        let mut file = open_file(path)?;
        let size = file.metadata().map_err(|e| read_error(path, e))?.len();
        let options = TextOptions {
            title: self.title(),
            interviewer: interviewer.map(str::to_string),
            labels: Vec::new(),
        };
        if self.format_by_name(forced) == Format::Epub {
            return super::epub::open_large(file, size, path, &options, OPENING_BYTES);
        }
        if size <= OPENING_BYTES as u64 {
            return Ok(None);
        }
        let mut bytes = vec![0u8; OPENING_BYTES];
        let mut filled = 0;
        while filled < bytes.len() {
            match file.read(&mut bytes[filled..]) {
                Ok(0) => break,
                Ok(n) => filled += n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(read_error(path, e)),
            }
        }
        bytes.truncate(filled);
        if super::epub::looks_like_zip(&bytes) && forced.is_none() {
            file.seek(io::SeekFrom::Start(0))
                .map_err(|e| read_error(path, e))?;
            return super::epub::open_large(file, size, path, &options, OPENING_BYTES);
        }
        if super::html::looks_like_html(&bytes) && forced.is_none() {
            // A page is read whole: its article may be anywhere in it.
            return Ok(None);
        }
        refuse_binary(&bytes, 0, path)?;
        // Whole lines only: a line is a paragraph, and the cut falls between them.
        let Some(end) = bytes.iter().rposition(|&b| b == b'\n') else {
            return Ok(None);
        };
        bytes.truncate(end + 1);
        let text = String::from_utf8(bytes).map_err(|e| {
            Error::input(
                path,
                format!(
                    "not UTF-8 text: invalid byte sequence at byte offset {}",
                    e.utf8_error().valid_up_to()
                ),
            )
        })?;
        if self.format(&text, forced) != Format::Text {
            return Ok(None);
        }
        let interviewer = interviewer.map(|l| l.trim().trim_end_matches(':').trim_end());
        if interviewer.is_some_and(|label| !parse::starts_a_paragraph(&text, label)) {
            return Ok(None);
        }
        let opening = parse::parse_text(
            &text,
            &TextOptions {
                title: self.title(),
                interviewer: interviewer.map(str::to_string),
                labels: Vec::new(),
            },
        );
        Ok(Some(opening).filter(|opening| !opening.is_empty()))
    }

    /// How the input is written: `forced` if given; else by the file's extension
    /// (any case): `.json` JSON, `.md` and `.markdown` Markdown; else JSON when the
    /// content starts with `{` (after a BOM and whitespace); else, but for a `.txt`
    /// or `.text` file, Markdown when it looks like it
    /// ([`markdown::looks_like_markdown`]); else plain text.
    pub fn format(&self, text: &str, forced: Option<Format>) -> Format {
        if let Some(format) = forced {
            return format;
        }
        let extension = match self {
            Source::File(path) => path
                .extension()
                .map(|e| e.to_string_lossy().to_ascii_lowercase()),
            Source::Builtin => return Format::Text,
            Source::Stdin => None,
        };
        match extension.as_deref() {
            Some("json") => return Format::Json,
            Some("md" | "markdown") => return Format::Markdown,
            Some("html" | "htm" | "xhtml") => return Format::Html,
            Some("epub") => return Format::Epub,
            _ => {}
        }
        if text
            .trim_start_matches('\u{feff}')
            .trim_start()
            .starts_with('{')
        {
            return Format::Json;
        }
        match extension.as_deref() {
            Some("txt" | "text") => Format::Text,
            _ if markdown::looks_like_markdown(text) => Format::Markdown,
            _ => Format::Text,
        }
    }

    /// The format of a file by its name alone (`forced` first): what plain print,
    /// which streams its input, goes by.
    pub fn format_by_name(&self, forced: Option<Format>) -> Format {
        forced.unwrap_or_else(|| {
            let Source::File(path) = self else {
                return Format::Text;
            };
            let extension = path
                .extension()
                .map(|e| e.to_string_lossy().to_ascii_lowercase());
            match extension.as_deref() {
                Some("md" | "markdown") => Format::Markdown,
                Some("html" | "htm" | "xhtml") => Format::Html,
                Some("epub") => Format::Epub,
                _ => Format::Text,
            }
        })
    }

    /// The title of a plain-text interview (and of a Markdown one that names
    /// none): the file name without its extension; none for standard input.
    fn title(&self) -> String {
        match self {
            Source::File(path) => path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default(),
            Source::Builtin | Source::Stdin => String::new(),
        }
    }
}

/// The one-line error for a file that cannot be opened or read.
fn open_error(path: &Path, e: io::Error) -> Error {
    let message = match e.kind() {
        io::ErrorKind::NotFound => "no such file".to_string(),
        io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        io::ErrorKind::IsADirectory => "is a directory".to_string(),
        _ => format!("cannot read: {e}"),
    };
    Error::input(path, message)
}

fn read_file(path: &Path) -> Result<Vec<u8>> {
    read_limited(open_file(path)?, path, true)
}

/// What an input turned out to be.
enum Input {
    Text(Cow<'static, str>),
    /// A web page or a book: bytes, whose encoding the page declares.
    Web(Vec<u8>),
}

/// Opens a file to read, refusing a missing file, a directory or one hiwar may
/// not read, each with its one-line message.
pub fn open_file(path: &Path) -> Result<File> {
    let describe = |e: io::Error| open_error(path, e);
    let metadata = std::fs::metadata(path).map_err(describe)?;
    if metadata.is_dir() {
        return Err(Error::input(path, "is a directory"));
    }
    File::open(path).map_err(describe)
}

/// The error for a failed read of `name` (`Interrupted` is the caller's to retry).
pub fn read_error(name: &Path, e: io::Error) -> Error {
    if e.kind() == io::ErrorKind::IsADirectory {
        return Error::input(name, "is a directory");
    }
    Error::input(name, format!("cannot read: {e}"))
}

/// Refuses bytes that are not text: UTF-16 (by its byte-order mark, when `bytes`
/// starts the input) and any NUL byte. `offset` is where `bytes` starts in the
/// input, for the message.
pub fn refuse_binary(bytes: &[u8], offset: usize, name: &Path) -> Result<()> {
    if offset == 0 && (bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff])) {
        return Err(Error::input(
            name,
            "looks like UTF-16 text; hiwar reads UTF-8 (convert it with `iconv -f UTF-16 -t UTF-8`)",
        ));
    }
    // `contains` on bytes is a memchr: the scan runs over every input byte.
    if bytes.contains(&0)
        && let Some(i) = bytes.iter().position(|&b| b == 0)
    {
        return Err(Error::input(
            name,
            format!(
                "looks like binary data (a NUL byte at offset {}), not text",
                offset + i
            ),
        ));
    }
    Ok(())
}

/// Input read per step of [`check_whole_input`].
const CHECK_BYTES: usize = 1024 * 1024;

/// The error for an input over [`MAX_INPUT_BYTES`].
pub fn too_large(name: &Path) -> Error {
    Error::input(
        name,
        format!(
            "larger than {} MiB, more than hiwar reads",
            MAX_INPUT_BYTES / (1024 * 1024)
        ),
    )
}

/// The error for bytes that are not UTF-8 from byte offset `at` on.
pub fn not_utf8(name: &Path, at: usize) -> Error {
    Error::input(
        name,
        format!("not UTF-8 text: invalid byte sequence at byte offset {at}"),
    )
}

/// Reads `file` to its end, refusing what a whole read refuses (over
/// [`MAX_INPUT_BYTES`], a NUL byte, UTF-16, bytes that are not UTF-8), with the
/// same messages, in chunks of [`CHECK_BYTES`]: memory stays flat.
pub fn check_whole_input(file: &mut File, name: &Path) -> Result<()> {
    if file
        .metadata()
        .is_ok_and(|m| m.len() > MAX_INPUT_BYTES as u64)
    {
        return Err(too_large(name));
    }
    let mut chunk = Vec::with_capacity(CHECK_BYTES + 4);
    // Bytes of a UTF-8 sequence cut by the end of the last read.
    let mut carried = 0;
    // Where `chunk` starts in the input.
    let mut offset = 0;
    loop {
        chunk.truncate(carried);
        let read = Read::by_ref(file)
            .take(CHECK_BYTES as u64)
            .read_to_end(&mut chunk)
            .map_err(|e| read_error(name, e))?;
        if offset + chunk.len() > MAX_INPUT_BYTES {
            return Err(too_large(name));
        }
        if offset == 0 {
            refuse_binary(&chunk[..chunk.len().min(2)], 0, name)?;
        }
        refuse_nul(&chunk[carried..], offset + carried, name)?;
        let at_end = read == 0;
        // A sequence cut by the read waits for the rest of it, with the next read
        // (the fast check takes whole sequences only).
        let whole = if at_end {
            chunk.len()
        } else {
            chunk.len() - cut_sequence(&chunk)
        };
        if let Err((valid, _)) = utf8_valid_prefix(&chunk[..whole]) {
            return Err(not_utf8(name, offset + valid));
        }
        if at_end {
            return Ok(());
        }
        carried = chunk.len() - whole;
        let consumed = whole;
        chunk.copy_within(consumed.., 0);
        offset += consumed;
    }
}

/// Refuses `bytes` (at `offset` in the input) if they hold a NUL byte, with
/// [`refuse_binary`]'s message; the scan for one runs a block at a time, which
/// the compiler vectorizes (`contains` on bytes goes a word at a time: the input
/// is scanned twice, by the whole-file check and as it streams).
pub fn refuse_nul(bytes: &[u8], offset: usize, name: &Path) -> Result<()> {
    let has_nul = bytes
        .chunks(4096)
        .any(|block| block.iter().fold(false, |nul, &b| nul | (b == 0)));
    if has_nul {
        refuse_binary(bytes, offset, name)?;
    }
    Ok(())
}

/// How many bytes at the end of `bytes` start a UTF-8 sequence that does not end
/// there (0 to 3).
fn cut_sequence(bytes: &[u8]) -> usize {
    for back in 1..=bytes.len().min(3) {
        let byte = bytes[bytes.len() - back];
        let length = match byte {
            0xC0..=0xDF => 2,
            0xE0..=0xEF => 3,
            0xF0..=0xF7 => 4,
            // A continuation byte: look further back.
            0x80..=0xBF => continue,
            _ => return 0,
        };
        return if length > back { back } else { 0 };
    }
    0
}

/// Whether `bytes` are UTF-8: `Err((valid_up_to, bad))`, `bad` false when the
/// bytes only end inside a sequence.
fn utf8_valid_prefix(bytes: &[u8]) -> Result<(), (usize, bool)> {
    match from_utf8(bytes) {
        Ok(_) => Ok(()),
        Err(e) => Err((e.valid_up_to(), e.error_len().is_some())),
    }
}

/// `std::str::from_utf8`, with a SIMD check first (simdutf8: several times faster
/// on Arabic text); the standard one runs only on bad input, for the error's
/// position.
pub fn from_utf8(bytes: &[u8]) -> Result<&str, std::str::Utf8Error> {
    match simdutf8::basic::from_utf8(bytes) {
        Ok(text) => Ok(text),
        Err(_) => std::str::from_utf8(bytes),
    }
}

/// Reads to the end, refusing anything over [`MAX_INPUT_BYTES`] and, when
/// `text`, binary data as soon as a NUL byte arrives (but in an input that starts
/// as a web page or a zip archive would, whose checks are their own).
fn read_limited(mut reader: impl Read, name: &Path, text: bool) -> Result<Vec<u8>> {
    let mut text = text;
    let mut bytes = Vec::new();
    let mut chunk = vec![0u8; 64 * 1024];
    loop {
        let n = match reader.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(read_error(name, e)),
        };
        let start = bytes.len();
        bytes.extend_from_slice(&chunk[..n]);
        if start == 0 && (bytes.starts_with(b"<") || super::epub::looks_like_zip(&bytes)) {
            text = false;
        }
        if text {
            // The whole input so far for the UTF-16 mark: a first read may be one byte.
            refuse_binary(&bytes[..bytes.len().min(2)], 0, name)?;
            refuse_binary(&bytes[start..], start, name)?;
        }
        if bytes.len() > MAX_INPUT_BYTES {
            return Err(too_large(name));
        }
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The mapping the binary uses when a file cannot be opened, tested apart
    /// because the tests may run as root, whom file modes do not stop.
    #[test]
    fn open_errors_name_the_file_and_the_problem() {
        let path = Path::new("talk.txt");
        let message = |e: io::Error| open_error(path, e).to_string();
        assert_eq!(
            message(io::Error::from_raw_os_error(libc::EACCES)),
            "talk.txt: permission denied"
        );
        assert_eq!(
            message(io::Error::from_raw_os_error(libc::ENOENT)),
            "talk.txt: no such file"
        );
        assert_eq!(
            message(io::Error::from_raw_os_error(libc::EISDIR)),
            "talk.txt: is a directory"
        );
        assert_eq!(
            message(io::Error::from_raw_os_error(libc::EIO)),
            "talk.txt: cannot read: Input/output error (os error 5)"
        );
    }

    #[test]
    fn a_large_text_opens_on_its_first_paragraphs() {
        let dir = std::env::temp_dir().join(format!("hiwar-open-large-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("a scratch directory");
        let line = "س: سؤال طويل بعض الشيء؟\nج: جواب عنه.\n";
        let repeat = 2 * OPENING_BYTES / line.len() + 1;
        let large = dir.join("large.txt");
        std::fs::write(&large, line.repeat(repeat)).expect("a file");
        let source = Source::File(large);
        let opening = source
            .open_large(None, None)
            .expect("readable")
            .expect("large");
        let whole = source.load(None, None).expect("the whole");
        let shown = opening.exchanges.len();
        assert!(shown > 100 && shown < whole.exchanges.len(), "{shown}");
        assert_eq!(
            opening.exchanges[..],
            whole.exchanges[..shown],
            "the same beginning"
        );
        assert_eq!(opening.speakers, whole.speakers);

        // Small, JSON, or opened on a label it does not have: loaded whole.
        let small = dir.join("small.txt");
        std::fs::write(&small, line).expect("a file");
        assert!(
            Source::File(small)
                .open_large(None, None)
                .expect("ok")
                .is_none()
        );
        let json = dir.join("large.json");
        std::fs::write(
            &json,
            format!("{{\"x\": \"{}\"}}", "a".repeat(2 * OPENING_BYTES)),
        )
        .expect("a file");
        assert!(
            Source::File(json)
                .open_large(None, None)
                .expect("ok")
                .is_none()
        );
        assert!(source.open_large(Some("ز"), None).expect("ok").is_none());
        let markdown = dir.join("large.md");
        std::fs::write(&markdown, line.repeat(repeat)).expect("a file");
        assert!(
            Source::File(markdown)
                .open_large(None, None)
                .expect("ok")
                .is_none()
        );
        // Refused at once when its opening is not text.
        let binary = dir.join("binary.txt");
        let mut bytes = line.repeat(repeat).into_bytes();
        bytes[10] = 0;
        std::fs::write(&binary, bytes).expect("a file");
        assert!(Source::File(binary).open_large(None, None).is_err());
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn reading_stops_at_the_first_nul() {
        let e = read_limited(&b"abc\0def"[..], Path::new("x"), true).expect_err("binary");
        assert!(e.to_string().contains("NUL byte at offset 3"), "{e}");
    }

    #[test]
    fn a_sequence_cut_by_a_read_is_found() {
        let text = "a\u{0628}\u{20AC}\u{1F600}";
        let bytes = text.as_bytes();
        for end in 0..=bytes.len() {
            let cut = cut_sequence(&bytes[..end]);
            assert!(text.is_char_boundary(end - cut), "{end}: {cut}");
            // Only the bytes of the character the end cuts.
            let boundary = (0..=end).rev().find(|&i| text.is_char_boundary(i));
            assert_eq!(Some(end - cut), boundary, "{end}");
        }
        // Bad bytes are not a cut sequence: the check reports them.
        assert_eq!(cut_sequence(b"ab\xff"), 0);
        assert_eq!(cut_sequence(b"\x80\x80\x80"), 0);
    }
}

//! Non-interactive output: an interview, or plain text, laid out line by line.
//!
//! An interview prints as its title, its introduction, then each exchange: the
//! question's first paragraph begins `N. INTERVIEWER: `, each answer turn's first
//! paragraph begins `SPEAKER: ` (names, not labels). The number and the name are
//! part of the paragraph, so the layout places them with its text (at the right
//! of an RTL paragraph). Paragraphs are separated by one blank line; no line ends
//! with a space.

pub mod styled;

use std::convert::Infallible;
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::ops::Range;
use std::path::Path;

use rayon::prelude::*;

use crate::blocks;
use crate::document::input::{
    MAX_INPUT_BYTES, Source, check_whole_input, from_utf8, not_utf8, open_file, read_error,
    refuse_binary, refuse_nul, too_large,
};
use crate::document::passages::every_passage;
use crate::document::{BUILTIN_TEXT, Interview};
use crate::error::{Error, Result};
use crate::layout::{LayoutOptions, PreparedParagraph};

/// The paragraphs an interview prints, in order, speaker names and question
/// numbers prefixed ([`Passage::printed`]): what [`print_interview`] lays out.
pub fn interview_paragraphs(interview: &Interview) -> Vec<String> {
    let mut paragraphs = Vec::new();
    every_passage(interview, |p| paragraphs.push(p.printed().into_owned()));
    paragraphs
}

/// Writes the interview as text in logical order, as a file would hold it: the
/// title, the introduction, each question led by `N. SPEAKER: `, each answer's
/// turn by `SPEAKER: `, one paragraph a line and a blank line between paragraphs.
/// The letters are the document's (no presentation forms, no reordering), so
/// grep, editors and browsers read it; controls other than tab are left out, so
/// that the text cannot act on a terminal it is later shown in.
pub fn write_logical(out: &mut impl Write, interview: &Interview) -> io::Result<()> {
    let mut first = true;
    let mut result = Ok(());
    let mut line = String::new();
    every_passage(interview, |passage| {
        if result.is_err() {
            return;
        }
        line.clear();
        if !std::mem::take(&mut first) {
            line.push('\n');
        }
        let printed = passage.printed();
        line.extend(printed.chars().filter(|&c| !c.is_control() || c == '\t'));
        line.push('\n');
        result = out.write_all(line.as_bytes());
    });
    result
}

/// Prints the interview laid out at `width` columns (0: no wrapping, no padding).
pub fn print_interview(
    out: &mut impl Write,
    interview: &Interview,
    width: usize,
    options: &LayoutOptions,
) -> io::Result<()> {
    // One paragraph and one text buffer, reused for every paragraph.
    let mut paragraph_layout = PreparedParagraph::new("", options);
    let mut text = Vec::new();
    let mut first = true;
    let mut result = Ok(());
    every_passage(interview, |passage| {
        let paragraph = passage.printed();
        if result.is_err() {
            return;
        }
        if !std::mem::take(&mut first) {
            text.push(b'\n');
        }
        let mut flush = |text: &mut Vec<u8>| {
            let written = out.write_all(text);
            text.clear();
            written
        };
        result = match blocks::block_lines(
            passage.text,
            passage.inline.block(),
            width,
            options,
            false,
        ) {
            None => paragraph_layout.print(&paragraph, options, width, &mut text, &mut flush),
            Some(lines) => {
                // A block that opens a turn: the name on a line of its own.
                let prefix = passage.printed_prefix().map_or(Ok(()), |prefix| {
                    paragraph_layout.print(prefix.trim_end(), options, width, &mut text, &mut flush)
                });
                for line in &lines {
                    text.extend_from_slice(line.to_string().as_bytes());
                    text.push(b'\n');
                }
                prefix
            }
        }
        .and_then(|()| flush(&mut text));
    });
    result
}

/// Prints plain text: each input line a paragraph (LF or CRLF; a leading BOM
/// dropped), laid out; an empty line prints as an empty line.
pub fn print_plain(
    out: &mut impl Write,
    text: &str,
    width: usize,
    options: &LayoutOptions,
) -> io::Result<()> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    match PlainPrinter::new(width, *options).print_lines(out, text.as_bytes()) {
        Ok(_) => Ok(()),
        Err(BlockError::Write(e)) => Err(e),
        // A `&str` is UTF-8: not reached.
        Err(BlockError::NotUtf8 { at }) => Err(io::Error::new(
            io::ErrorKind::InvalidData,
            format!("not UTF-8 text at byte offset {at}"),
        )),
    }
}

/// Plain print of a source: the built-in text from memory; a file checked whole
/// first, then streamed; standard input (or a FIFO, a device) streamed as it comes
/// (see [`print_plain_stream`]).
pub fn print_plain_source(
    out: &mut impl Write,
    source: &Source,
    width: usize,
    options: &LayoutOptions,
) -> Result<()> {
    match source {
        Source::Builtin => print_plain(out, BUILTIN_TEXT, width, options).map_err(Error::Output),
        Source::Stdin => {
            print_plain_stream(out, io::stdin().lock(), &source.name(), width, options)
        }
        Source::File(path) => {
            let mut file = open_file(path)?;
            let regular = file.metadata().is_ok_and(|m| m.is_file());
            if regular {
                // A file can be read twice: refuse a bad one before printing
                // anything, as the reader would (the size, then every byte).
                check_whole_input(&mut file, path)?;
                file.seek(SeekFrom::Start(0))
                    .map_err(|e| read_error(path, e))?;
            }
            print_plain_stream(out, file, path, width, options)
        }
    }
}

/// Input read per step of [`print_plain_stream`]: its lines are checked, laid out
/// (in parallel) and written before the next step reads on, so memory stays flat
/// whatever the input's size.
const CHUNK_BYTES: usize = 1024 * 1024;

/// Prints plain text read from `input` as [`print_plain`] does, a chunk at a time.
///
/// Bad input (not UTF-8, a NUL byte, UTF-16, more than [`MAX_INPUT_BYTES`]) is
/// refused with the same one-line errors as a whole read, the offset counted from
/// the start of the input. A stream is printed as it comes (reading it all first
/// would hold it all in memory, and a pipe cannot be read twice): every chunk is
/// checked whole before any of its lines is written, so an input of up to
/// [`CHUNK_BYTES`] (1 MiB) that is refused prints nothing; in a larger one, the
/// lines of the chunks before the bad one have been printed when the error comes,
/// and the message says how many (exit status 1 all the same).
/// [`print_plain_source`] checks a file whole before it streams it.
pub fn print_plain_stream(
    out: &mut impl Write,
    input: impl Read,
    name: &Path,
    width: usize,
    options: &LayoutOptions,
) -> Result<()> {
    print_plain_stream_in_chunks(
        out,
        input,
        name,
        width,
        options,
        CHUNK_BYTES,
        MAX_INPUT_BYTES,
    )
}

/// [`print_plain_stream`] with another chunk size and size limit, for tests of its
/// seams.
#[doc(hidden)]
pub fn print_plain_stream_in_chunks(
    out: &mut impl Write,
    mut input: impl Read,
    name: &Path,
    width: usize,
    options: &LayoutOptions,
    chunk_bytes: usize,
    max_bytes: usize,
) -> Result<()> {
    let chunk_bytes = chunk_bytes.max(4);
    let mut printer = PlainPrinter::new(width, *options);
    // Unprinted input: the end of a line cut by the last read, then a new chunk.
    let mut pending: Vec<u8> = Vec::with_capacity(chunk_bytes);
    // Where `pending` starts in the input.
    let mut offset = 0;
    // Input lines printed so far, for an error that comes after them.
    let mut printed_lines = 0;
    let refused = |e: Error, printed_lines: usize| match e {
        Error::Input { path, message } if printed_lines > 0 => Error::Input {
            path,
            message: format!(
                "{message} (streamed input: its first {printed_lines} lines were printed before this)"
            ),
        },
        e => e,
    };
    loop {
        let before = pending.len();
        let want = chunk_bytes.saturating_sub(before).max(chunk_bytes / 4);
        let read = input
            .by_ref()
            .take(want as u64)
            .read_to_end(&mut pending)
            .map_err(|e| refused(read_error(name, e), printed_lines))?;
        let at_end = read < want;
        if offset + pending.len() > max_bytes {
            return Err(refused(too_large(name), printed_lines));
        }
        if offset == 0 {
            refuse_binary(&pending[..pending.len().min(2)], 0, name)?;
        }
        refuse_nul(&pending[before..], offset + before, name)
            .map_err(|e| refused(e, printed_lines))?;

        // Whole lines go now; a line cut by the read waits for its end. A newline
        // byte never occurs inside a UTF-8 sequence, so the cut is a char boundary.
        let end = if at_end {
            pending.len()
        } else {
            match pending[before..].iter().rposition(|&b| b == b'\n') {
                Some(i) => before + i + 1,
                None => continue,
            }
        };
        let (lines, rest) = pending.split_at(end);
        // The rest too, before anything of this chunk is written; it is checked
        // again with its line's end at the next step (a line's worth of bytes).
        let rest_error = match from_utf8(rest) {
            Err(e) if e.error_len().is_some() => Some(offset + end + e.valid_up_to()),
            _ => None,
        };
        let bom = if offset == 0 && lines.starts_with(BOM) {
            BOM.len()
        } else {
            0
        };
        if let Some(at) = rest_error {
            // Rare: look for an earlier bad byte, the one to report.
            let at = from_utf8(lines)
                .err()
                .map_or(at, |e| offset + e.valid_up_to());
            return Err(refused(not_utf8(name, at), printed_lines));
        }
        match printer.print_lines(out, &lines[bom..]) {
            Ok(count) => printed_lines += count,
            Err(BlockError::NotUtf8 { at }) => {
                return Err(refused(not_utf8(name, offset + bom + at), printed_lines));
            }
            Err(BlockError::Write(e)) => return Err(Error::Output(e)),
        }
        if at_end {
            return Ok(());
        }
        pending.drain(..end);
        offset += end;
    }
}

/// Paragraphs are laid out in batches of about this many input bytes: enough
/// work per task to outweigh scheduling, and many tasks per chunk to share
/// between threads.
const BATCH_BYTES: usize = 32 * 1024;

/// A batch larger than this (one long line) is laid out on the calling thread and
/// written as it goes, so its output is never held whole.
const SERIAL_BATCH_BYTES: usize = 4 * BATCH_BYTES;

/// UTF-8's byte-order mark, dropped at the start of the input.
const BOM: &[u8] = "\u{feff}".as_bytes();

/// Why a block of lines was not printed.
enum BlockError {
    /// Not UTF-8 from this byte offset in the block on; nothing of it written.
    NotUtf8 {
        at: usize,
    },
    Write(io::Error),
}

/// One batch's output, or where its bytes stop being UTF-8.
#[derive(Default)]
struct BatchOutput {
    text: Vec<u8>,
    /// Input lines laid out.
    lines: usize,
    not_utf8_at: Option<usize>,
}

/// Lays out blocks of plain-text lines, batches of lines in parallel (rayon),
/// and writes the output in input order. Its buffers serve block after block.
struct PlainPrinter {
    width: usize,
    options: LayoutOptions,
    /// Byte ranges of the current block's batches, each whole lines.
    batches: Vec<Range<usize>>,
    /// One output buffer per batch, kept (cleared) for the next block.
    outputs: Vec<BatchOutput>,
    /// For a block of one batch, laid out on the calling thread.
    inline: BatchLayout,
}

impl PlainPrinter {
    fn new(width: usize, options: LayoutOptions) -> Self {
        Self {
            width,
            options,
            batches: Vec::new(),
            outputs: Vec::new(),
            inline: BatchLayout::new(&options),
        }
    }

    /// Prints `block`: lines each ended by LF (CRLF), but perhaps the last; a
    /// final LF ends the last line, it does not start an empty one. Each batch
    /// is checked as UTF-8 by the task that lays it out (no serial pass over the
    /// input); if one is not, nothing of the block is written. Returns the number
    /// of input lines printed.
    fn print_lines(&mut self, out: &mut impl Write, block: &[u8]) -> Result<usize, BlockError> {
        split_batches(block, &mut self.batches);
        let count = self.batches.len();
        if self.outputs.len() < count {
            self.outputs.resize_with(count, BatchOutput::default);
        }
        let (width, options) = (self.width, &self.options);
        let outputs = &mut self.outputs[..count];
        let batches = &self.batches;
        if count == 1 || batches.iter().any(|b| b.len() > SERIAL_BATCH_BYTES) {
            // One batch (a short text): no thread pool to wake. Or a huge line:
            // laid out here and written as it goes, so its output is never held
            // whole. Nothing is written unless the whole block is UTF-8.
            if let Err(e) = from_utf8(block) {
                return Err(BlockError::NotUtf8 {
                    at: e.valid_up_to(),
                });
            }
            let output = &mut outputs[0];
            let mut flush = |text: &mut Vec<u8>| {
                let written = out.write_all(text);
                text.clear();
                written
            };
            self.inline
                .lay_out(block, width, options, output, &mut flush)
                .map_err(BlockError::Write)?;
            flush(&mut output.text).map_err(BlockError::Write)?;
            return Ok(output.lines);
        } else {
            outputs
                .par_iter_mut()
                .zip(batches.par_iter())
                .for_each_init(
                    || BatchLayout::new(options),
                    |batch_layout, (output, batch)| {
                        // Each output is written once all are done, in order.
                        let mut keep = |_: &mut Vec<u8>| Ok::<(), Infallible>(());
                        let laid_out = batch_layout.lay_out(
                            &block[batch.clone()],
                            width,
                            options,
                            output,
                            &mut keep,
                        );
                        let Ok(()) = laid_out;
                    },
                );
        }
        // Batches end after a newline, a char boundary: the first batch that is
        // not UTF-8 holds the block's first bad byte.
        for (output, batch) in outputs.iter().zip(batches) {
            if let Some(at) = output.not_utf8_at {
                return Err(BlockError::NotUtf8 {
                    at: batch.start + at,
                });
            }
        }
        let mut lines = 0;
        for output in outputs.iter() {
            out.write_all(&output.text).map_err(BlockError::Write)?;
            lines += output.lines;
        }
        Ok(lines)
    }
}

/// Cuts `block` after a newline every [`BATCH_BYTES`] or so.
fn split_batches(bytes: &[u8], batches: &mut Vec<Range<usize>>) {
    batches.clear();
    let mut start = 0;
    while start < bytes.len() {
        let probe = (start + BATCH_BYTES).min(bytes.len()) - 1;
        let end = bytes[probe..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(bytes.len(), |i| probe + i + 1);
        batches.push(start..end);
        start = end;
    }
}

/// The layout's working memory for one task: a paragraph, reused line after line
/// (no allocation per paragraph once it has grown).
struct BatchLayout {
    paragraph: PreparedParagraph,
}

impl BatchLayout {
    fn new(options: &LayoutOptions) -> Self {
        Self {
            paragraph: PreparedParagraph::new("", options),
        }
    }

    /// Lays out whole lines of plain text into `output`, if they are UTF-8;
    /// `flush` takes the output text as it grows (see [`PreparedParagraph::print`]).
    fn lay_out<E>(
        &mut self,
        lines: &[u8],
        width: usize,
        options: &LayoutOptions,
        output: &mut BatchOutput,
        flush: &mut impl FnMut(&mut Vec<u8>) -> Result<(), E>,
    ) -> Result<(), E> {
        output.text.clear();
        output.lines = 0;
        let lines = match from_utf8(lines) {
            Ok(lines) => lines,
            Err(e) => {
                output.not_utf8_at = Some(e.valid_up_to());
                return Ok(());
            }
        };
        output.not_utf8_at = None;
        for line in lines.split_terminator('\n') {
            let line = line.strip_suffix('\r').unwrap_or(line);
            self.paragraph
                .print(line, options, width, &mut output.text, flush)?;
            output.lines += 1;
        }
        Ok(())
    }
}

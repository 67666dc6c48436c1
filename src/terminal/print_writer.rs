//! Printed output on its way to a terminal, carrying the plan's mode and marks.

use std::io::{self, Write};

use unicode_segmentation::UnicodeSegmentation;

use super::plan::{BidiPlan, Hint, Marks};
use super::sequences::{BIDI_EXPLICIT, BIDI_IMPLICIT, LRM_LRO, LRO, joiners};

/// Printed output on its way to a terminal: each line gets what the plan asks for
/// (`CSI 8 l` at its start, marks among its characters), and the end gives the
/// terminal its mode back. Lines are held until their newline, so marks fall between
/// whole grapheme clusters, as they fall between cells in the reader.
pub struct PrintWriter<W: Write> {
    out: W,
    plan: BidiPlan,
    line: Vec<u8>,
    finished: bool,
}

impl<W: Write> PrintWriter<W> {
    pub fn new(out: W, plan: BidiPlan) -> Self {
        PrintWriter {
            out,
            plan,
            line: Vec::new(),
            finished: false,
        }
    }

    fn write_line(&mut self, newline: bool) -> io::Result<()> {
        let line = std::mem::take(&mut self.line);
        if self.plan.explicit_mode {
            self.out.write_all(BIDI_EXPLICIT)?;
        }
        if self.plan.margin {
            self.out.write_all(b" ")?;
        }
        match (self.plan.marks, std::str::from_utf8(&line)) {
            (Marks::None, _) | (_, Err(_)) => self.out.write_all(&line)?,
            (Marks::Rows, _) => {
                self.out.write_all(LRM_LRO.as_bytes())?;
                self.out.write_all(&line)?;
            }
            (Marks::Cells, Ok(text)) => {
                if self.plan.margin {
                    self.out.write_all(LRO.as_bytes())?;
                }
                // hiwar's own SGR sequences (styled print) pass whole: a mark
                // goes after a cell, and inside a sequence it would break it.
                let mut rest = text;
                while !rest.is_empty() {
                    if let Some(len) = csi_len(rest) {
                        self.out.write_all(&rest.as_bytes()[..len])?;
                        rest = &rest[len..];
                        continue;
                    }
                    let end = rest
                        .match_indices("\x1b[")
                        .find(|&(i, _)| i > 0)
                        .map_or(rest.len(), |(i, _)| i);
                    for cluster in rest[..end].graphemes(true) {
                        let (before, after) = match self.plan.joiners {
                            true => joiners(cluster),
                            false => ("", ""),
                        };
                        self.out.write_all(before.as_bytes())?;
                        self.out.write_all(cluster.as_bytes())?;
                        self.out.write_all(after.as_bytes())?;
                        self.out.write_all(LRO.as_bytes())?;
                    }
                    rest = &rest[end..];
                }
            }
        }
        if newline {
            self.out.write_all(b"\n")?;
        }
        self.line = line;
        self.line.clear();
        Ok(())
    }

    /// Writes what is left and gives the terminal its mode back.
    pub fn finish(&mut self) -> io::Result<()> {
        if self.finished {
            return Ok(());
        }
        self.finished = true;
        if !self.line.is_empty() {
            self.write_line(false)?;
        }
        if self.plan.explicit_mode {
            self.out.write_all(BIDI_IMPLICIT)?;
        }
        self.out.flush()
    }
}

/// The length of the control sequence (`ESC [` parameters, a final byte) that
/// starts `text`, if one does.
fn csi_len(text: &str) -> Option<usize> {
    let parameters = text.strip_prefix("\x1b[")?;
    let end = parameters
        .bytes()
        .position(|b| (0x40..=0x7e).contains(&b))?;
    Some(2 + end + 1)
}

impl<W: Write> Write for PrintWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.plan.is_transparent() {
            return self.out.write(buf);
        }
        let mut rest = buf;
        while let Some(end) = rest.iter().position(|&b| b == b'\n') {
            self.line.extend_from_slice(&rest[..end]);
            self.write_line(true)?;
            rest = &rest[end + 1..];
        }
        self.line.extend_from_slice(rest);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

/// After printing to a terminal that hiwar cannot set right itself: what the user
/// can set, on standard error.
pub fn print_hint(plan: BidiPlan) {
    if let Some(Hint::KittyForceLtr) = plan.hint {
        eprintln!(
            "hiwar: kitty draws each right-to-left word mirrored; add `force_ltr yes` to kitty.conf to read it right"
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn printed(plan: BidiPlan, text: &str) -> String {
        let mut out = Vec::new();
        let mut writer = PrintWriter::new(&mut out, plan);
        // Written in pieces that cut lines and characters apart.
        for chunk in text.as_bytes().chunks(3) {
            writer.write_all(chunk).expect("write");
        }
        writer.finish().expect("finish");
        drop(writer);
        String::from_utf8(out).expect("UTF-8")
    }

    #[test]
    fn printed_lines_carry_the_plan() {
        let explicit = BidiPlan {
            explicit_mode: true,
            ..BidiPlan::default()
        };
        assert_eq!(
            printed(explicit, "ﺏﺍ\n\nab"),
            "\x1b[8lﺏﺍ\n\x1b[8l\n\x1b[8lab\x1b[8h"
        );
        let cells = BidiPlan {
            marks: Marks::Cells,
            margin: true,
            ..BidiPlan::default()
        };
        // A haraka stays on its letter: the mark goes after the cluster.
        assert_eq!(
            printed(cells, "ﺏَﺍ b\n"),
            " \u{202D}ﺏَ\u{202D}ﺍ\u{202D} \u{202D}b\u{202D}\n"
        );
        // Where letters are not joined, the marks only.
        assert_eq!(printed(cells, "ﻮﻫ\n"), " \u{202D}ﻮ\u{202D}ﻫ\u{202D}\n");
        let cells = BidiPlan {
            joiners: true,
            ..cells
        };
        // A joined letter gets a ZWJ on each side it joins on, marks and all (the
        // one before it followed by U+206D): هو مهما (visual order: final waw,
        // initial heh; final alef, medial heh, initial meem with a fatha), and a
        // final lam-alef.
        assert_eq!(
            printed(cells, "ﻮﻫ ﺎﻤﻬﻣَ ﻼﺑ\n"),
            concat!(
                " \u{202D}",
                "\u{200D}\u{206D}ﻮ\u{202D}ﻫ\u{200D}\u{202D} \u{202D}",
                "\u{200D}\u{206D}ﺎ\u{202D}\u{200D}\u{206D}ﻤ\u{200D}\u{202D}",
                "\u{200D}\u{206D}ﻬ\u{200D}\u{202D}ﻣَ\u{200D}\u{202D} \u{202D}",
                "\u{200D}\u{206D}ﻼ\u{202D}ﺑ\u{200D}\u{202D}\n"
            )
        );
        let rows = BidiPlan {
            marks: Marks::Rows,
            ..BidiPlan::default()
        };
        assert_eq!(
            printed(rows, "ﺏﺍ\nc\n"),
            "\u{200E}\u{202D}ﺏﺍ\n\u{200E}\u{202D}c\n"
        );
        let margin = BidiPlan {
            margin: true,
            ..rows
        };
        assert_eq!(printed(margin, "ﺏﺍ\n"), " \u{200E}\u{202D}ﺏﺍ\n");
        assert_eq!(margin.print_width(60, 60), 59);
        assert_eq!(margin.print_width(40, 60), 40, "room enough");
        assert_eq!(margin.print_width(0, 60), 0, "no wrapping asked");
        assert_eq!(rows.print_width(60, 60), 60);
        assert_eq!(printed(BidiPlan::default(), "ﺏﺍ\n"), "ﺏﺍ\n");
    }

    #[test]
    fn marks_go_between_cells_never_inside_a_style_sequence() {
        let cells = BidiPlan {
            marks: Marks::Cells,
            ..BidiPlan::default()
        };
        assert_eq!(
            printed(cells, "a\x1b[0;1;3mﺏَ\x1b[0mc\n\x1b[0;32mx\n"),
            "a\u{202D}\x1b[0;1;3mﺏَ\u{202D}\x1b[0mc\u{202D}\n\x1b[0;32mx\u{202D}\n"
        );
        let rows = BidiPlan {
            marks: Marks::Rows,
            ..BidiPlan::default()
        };
        assert_eq!(
            printed(rows, "\x1b[0;1mﺏ\x1b[0m\n"),
            "\u{200E}\u{202D}\x1b[0;1mﺏ\x1b[0m\n"
        );
    }
}

//! Where each document was left: kept between runs, so that opening a file again
//! returns to the question and the line where the reader quit.
//!
//! - A document is known by its canonical path (`built-in` for the built-in
//!   interview; standard input is never remembered) and a hash of its content: an
//!   edited file opens at the top.
//! - The positions live in one JSON file, `$XDG_STATE_HOME/hiwar/positions.json`
//!   (`~/.local/state/hiwar/positions.json`). It is written atomically: a temporary
//!   file in the same directory, written, synced, then renamed over the old one
//!   (and the directory synced), so a crash or a full disk leaves the old file
//!   whole. Writers take a lock (`flock` on `positions.lock` beside it) and read,
//!   merge and write under it, so two readers quitting at once both keep their
//!   position.
//! - A file that cannot be read (corrupt, not ours, unreadable, a device) is
//!   reported to the caller, which opens at the top and says so; the next save
//!   replaces it. Positions of files that no longer exist are dropped when saving,
//!   and only the [`MAX_ENTRIES`] most recent are kept.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
use std::os::fd::AsRawFd;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use crate::document::Interview;

/// The most positions kept (the most recently read).
pub const MAX_ENTRIES: usize = 500;
/// A state file larger than this is not ours.
const MAX_STATE_BYTES: u64 = 4 * 1024 * 1024;
/// The file's format; a file with another is not read (nor kept).
const FORMAT: u32 = 1;
const STATE_FILE: &str = "positions.json";
const LOCK_FILE: &str = "positions.lock";
/// How long a writer waits for another to finish before giving up.
const LOCK_WAIT: Duration = Duration::from_secs(5);
/// The name of the built-in interview in the state file.
pub const BUILTIN: &str = "built-in";

/// Which document a position is of.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Key {
    /// The canonical path, or [`BUILTIN`].
    pub path: String,
    /// A hash of the document's content, in hex.
    pub hash: String,
}

impl Key {
    /// The key of the built-in interview.
    pub fn builtin(interview: &Interview) -> Key {
        Key {
            path: BUILTIN.into(),
            hash: content_hash(interview),
        }
    }

    /// The key of a file, by its canonical path; `None` if it has none.
    pub fn file(path: &Path, interview: &Interview) -> Option<Key> {
        let canonical = fs::canonicalize(path).ok()?;
        Some(Key {
            path: canonical.to_string_lossy().into_owned(),
            hash: content_hash(interview),
        })
    }
}

/// Where the reader was in a document: the item selected and, in its text, the
/// passage and byte the first row shown starts at (so the place holds at any width).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Position {
    pub item: usize,
    pub passage: usize,
    pub byte: usize,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    path: String,
    hash: String,
    #[serde(flatten)]
    position: Position,
    /// When it was saved (seconds since the epoch): the oldest go first.
    saved: u64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct StateFile {
    hiwar_positions: u32,
    entries: Vec<Entry>,
}

/// Why the saved positions could not be read.
#[derive(Debug)]
pub struct Unreadable {
    pub path: PathBuf,
    pub reason: String,
}

impl std::fmt::Display for Unreadable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}: {}",
            crate::error::inert(&self.path.display().to_string()),
            self.reason
        )
    }
}

/// The directory the positions are kept in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Store {
    dir: PathBuf,
}

impl Store {
    /// `$XDG_STATE_HOME/hiwar`, else `~/.local/state/hiwar`; `None` when the
    /// environment names neither ([`crate::config::environment_has_home`]).
    pub fn locate() -> Option<Store> {
        use etcetera::BaseStrategy;
        if !crate::config::environment_has_home("XDG_STATE_HOME") {
            return None;
        }
        let strategy = etcetera::choose_base_strategy().ok()?;
        Some(Store::at(strategy.state_dir()?.join("hiwar")))
    }

    pub fn at(dir: impl Into<PathBuf>) -> Store {
        Store { dir: dir.into() }
    }

    /// The file of positions.
    pub fn path(&self) -> PathBuf {
        self.dir.join(STATE_FILE)
    }

    /// The position saved for `key`: `None` when there is none (no file yet, a
    /// document never read, or edited since).
    pub fn load(&self, key: &Key) -> Result<Option<Position>, Unreadable> {
        Ok(self.read()?.and_then(|state| {
            state
                .entries
                .into_iter()
                .find(|e| e.path == key.path && e.hash == key.hash)
                .map(|e| e.position)
        }))
    }

    /// Saves `position` for `key`, keeping every other document's: under the
    /// lock, read, merge, prune, write atomically.
    pub fn save(&self, key: &Key, position: Position) -> io::Result<()> {
        fs::create_dir_all(&self.dir)?;
        let _lock = self.lock()?;
        // An unreadable file is replaced: what it held is lost already.
        let mut entries = self.read().ok().flatten().map_or(Vec::new(), |s| s.entries);
        entries.retain(|e| e.path != key.path);
        entries.retain(|e| e.path == BUILTIN || Path::new(&e.path).exists());
        let saved = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        entries.push(Entry {
            path: key.path.clone(),
            hash: key.hash.clone(),
            position,
            saved,
        });
        // The most recent last; the oldest dropped past the cap (a stable sort keeps
        // the order of those saved in the same second).
        entries.sort_by_key(|e| e.saved);
        let excess = entries.len().saturating_sub(MAX_ENTRIES);
        entries.drain(..excess);
        let state = StateFile {
            hiwar_positions: FORMAT,
            entries,
        };
        let mut json = serde_json::to_vec_pretty(&state).map_err(io::Error::other)?;
        json.push(b'\n');
        write_atomically(&self.path(), &json)
    }

    /// The state file, `None` if there is none.
    fn read(&self) -> Result<Option<StateFile>, Unreadable> {
        let path = self.path();
        let unreadable = |reason: String| Unreadable {
            path: path.clone(),
            reason,
        };
        let file = match File::open(&path) {
            Ok(file) => file,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(unreadable(e.to_string())),
        };
        let metadata = file.metadata().map_err(|e| unreadable(e.to_string()))?;
        if metadata.is_dir() {
            return Err(unreadable("is a directory".into()));
        }
        // Bounded: a device (a link to /dev/zero) must not fill memory.
        let mut bytes = Vec::new();
        file.take(MAX_STATE_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| unreadable(e.to_string()))?;
        if bytes.len() as u64 > MAX_STATE_BYTES {
            return Err(unreadable("too large to be hiwar's".into()));
        }
        let state: StateFile = serde_json::from_slice(&bytes)
            .map_err(|e| unreadable(format!("not hiwar's positions ({e})")))?;
        if state.hiwar_positions != FORMAT {
            return Err(unreadable(format!(
                "positions in format {}, not {FORMAT}",
                state.hiwar_positions
            )));
        }
        Ok(Some(state))
    }

    /// Takes the writers' lock, waiting a while for another writer.
    fn lock(&self) -> io::Result<File> {
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(self.dir.join(LOCK_FILE))?;
        let end = Instant::now() + LOCK_WAIT;
        loop {
            // SAFETY: flock on a descriptor this function owns; the lock goes with it.
            let locked = unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) };
            if locked == 0 {
                return Ok(file);
            }
            let error = io::Error::last_os_error();
            if error.kind() != io::ErrorKind::WouldBlock || Instant::now() >= end {
                return Err(error);
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}

/// Replaces `path` with `bytes` so that it is either the old file or the new one,
/// whatever happens: a temporary file in the same directory, synced, renamed over
/// it, then the directory synced. On failure the temporary file is removed.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    let temporary = dir.join(format!(".{name}.{}.{nanos}.tmp", std::process::id()));
    let written = (|| {
        let mut file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temporary)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        fs::rename(&temporary, path)
    })();
    if written.is_err() {
        let _ = fs::remove_file(&temporary);
        return written;
    }
    // The rename itself, made durable.
    File::open(dir)?.sync_all()
}

/// A hash of the document's content (FNV-1a, 64 bits, over its text and structure):
/// stable across runs and versions, which the standard library's hasher is not.
pub fn content_hash(interview: &Interview) -> String {
    let mut hash = Fnv::default();
    hash.write(interview.title.as_bytes());
    for speaker in &interview.speakers {
        hash.write(speaker.label.as_bytes());
        hash.write(speaker.name.as_bytes());
    }
    hash.paragraphs(&interview.intro);
    for exchange in &interview.exchanges {
        hash.write(b"\x01");
        hash.paragraphs(&exchange.question);
        hash.paragraphs(&exchange.answer);
        for turn in &exchange.answered_by {
            hash.write(turn.speaker.as_bytes());
            hash.write(&turn.from.to_le_bytes());
        }
    }
    format!("{:016x}", hash.0)
}

struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv {
    /// `bytes`, then a separator, so that ("ab", "c") and ("a", "bc") differ.
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes.iter().chain(&[0u8]) {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }

    fn paragraphs(&mut self, paragraphs: &[String]) {
        self.write(&paragraphs.len().to_le_bytes());
        for p in paragraphs {
            self.write(p.as_bytes());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("hiwar-resume-{}-{name}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).expect("scratch");
        dir
    }

    fn key(path: &str) -> Key {
        Key {
            path: path.into(),
            hash: "00".into(),
        }
    }

    #[test]
    fn a_position_round_trips_and_an_edit_forgets_it() {
        let dir = scratch("round");
        let store = Store::at(dir.join("hiwar"));
        let builtin = key(BUILTIN);
        assert_eq!(store.load(&builtin).expect("no file yet"), None);
        let here = Position {
            item: 4,
            passage: 2,
            byte: 130,
        };
        store.save(&builtin, here).expect("saved");
        assert_eq!(store.load(&builtin).expect("read"), Some(here));
        let edited = Key {
            hash: "01".into(),
            ..builtin.clone()
        };
        assert_eq!(store.load(&edited).expect("read"), None);
        // No temporary file is left behind.
        let names: Vec<_> = fs::read_dir(dir.join("hiwar"))
            .expect("dir")
            .map(|e| e.expect("entry").file_name())
            .collect();
        assert_eq!(names.len(), 2, "{names:?}");
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn files_gone_are_pruned_and_the_count_is_capped() {
        let dir = scratch("prune");
        let store = Store::at(&dir);
        let kept = dir.join("kept.txt");
        fs::write(&kept, "x").expect("write");
        let gone = dir.join("gone.txt");
        fs::write(&gone, "x").expect("write");
        let key_of = |p: &Path| key(&p.to_string_lossy());
        store
            .save(&key_of(&kept), Position::default())
            .expect("save");
        store
            .save(&key_of(&gone), Position::default())
            .expect("save");
        fs::remove_file(&gone).expect("rm");
        store
            .save(&key(BUILTIN), Position::default())
            .expect("save");
        let state = store.read().expect("readable").expect("a file");
        let paths: Vec<_> = state.entries.iter().map(|e| e.path.as_str()).collect();
        assert_eq!(paths, [kept.to_string_lossy().as_ref(), BUILTIN]);
        // The cap: files that exist, more than MAX_ENTRIES of them.
        for i in 0..MAX_ENTRIES + 5 {
            let path = dir.join(format!("{i}.txt"));
            fs::write(&path, "x").expect("write");
            store
                .save(&key_of(&path), Position::default())
                .expect("save");
        }
        let state = store.read().expect("readable").expect("a file");
        assert_eq!(state.entries.len(), MAX_ENTRIES);
        let last = dir.join(format!("{}.txt", MAX_ENTRIES + 4));
        assert_eq!(
            state.entries.last().map(|e| e.path.clone()),
            Some(last.to_string_lossy().into_owned()),
            "the newest kept"
        );
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_corrupt_or_foreign_file_is_unreadable_and_then_replaced() {
        let dir = scratch("corrupt");
        let store = Store::at(&dir);
        for bytes in [
            &b"{\"hiwar_positions\": 1, \"entries\": ["[..],
            b"\0\0\0\0",
            b"[1, 2, 3]",
            b"{\"hiwar_positions\": 2, \"entries\": []}",
            b"{\"hiwar_positions\": 1, \"entries\": [], \"more\": 1}",
        ] {
            fs::write(store.path(), bytes).expect("write");
            let e = store.load(&key(BUILTIN)).expect_err("unreadable");
            assert!(
                e.to_string()
                    .starts_with(&store.path().display().to_string())
            );
        }
        store
            .save(&key(BUILTIN), Position::default())
            .expect("replaced");
        assert_eq!(
            store.load(&key(BUILTIN)).expect("readable now"),
            Some(Position::default())
        );
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_device_as_the_state_file_is_read_bounded() {
        let dir = scratch("device");
        let store = Store::at(&dir);
        std::os::unix::fs::symlink("/dev/zero", store.path()).expect("symlink");
        assert!(store.load(&key(BUILTIN)).is_err());
        // The save replaces the link, not the device.
        store
            .save(&key(BUILTIN), Position::default())
            .expect("saved");
        assert!(
            !fs::symlink_metadata(store.path())
                .expect("meta")
                .is_symlink()
        );
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn the_hash_sees_every_paragraph_and_where_it_is() {
        let interview = crate::document::Interview::builtin();
        let hash = content_hash(&interview);
        assert_eq!(hash, content_hash(&interview.clone()));
        let mut edited = interview.clone();
        edited.exchanges[6].answer[0].push('.');
        assert_ne!(hash, content_hash(&edited));
        let mut moved = interview.clone();
        let first = moved.exchanges[0].answer.remove(0);
        moved.exchanges[0].question.push(first);
        assert_ne!(hash, content_hash(&moved));
    }
}

//! Settings: an optional config file (TOML), the environment, and the command line,
//! resolved into the [`Settings`] in effect, each value knowing where it came from.
//!
//! The file is `--config PATH`, else `$HIWAR_CONFIG`, else
//! `$XDG_CONFIG_HOME/hiwar/config.toml` (`~/.config/hiwar/config.toml`); only the
//! last may be absent. Its keys are those of the command line, spelt the same:
//!
//! ```toml
//! theme = "dark"             # default, light, dark, mono
//! resume = false             # reopen a file where it was left
//! terminal-bidi = "explicit" # as --terminal-bidi
//! lang = "ar"                # the interface's language: auto, ar, he, fa, en
//! answer-width = 72          # the widest the answer's text is drawn; 0: no cap
//! shaping = false            # Arabic shaping
//! ```
//!
//! An unknown key or a bad value is bad usage (exit code 2), named with the file and
//! the line. The command line overrides the file; the file overrides the
//! environment's `NO_COLOR` and `TERM=dumb` (which choose the `mono` theme), as
//! no-color.org asks.

use std::fmt::Write as _;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Deserializer};

use crate::error::{Error, Result};
use crate::settings::{BidiOption, DEFAULT_ANSWER_WIDTH, LangChoice, MAX_ANSWER_WIDTH, ThemeName};

/// A config file larger than this is not a config file.
const MAX_CONFIG_BYTES: u64 = 1024 * 1024;

/// The config file's keys, all optional.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ConfigFile {
    pub theme: Option<ThemeName>,
    pub resume: Option<bool>,
    pub terminal_bidi: Option<BidiOption>,
    pub lang: Option<LangChoice>,
    #[serde(default, deserialize_with = "answer_width")]
    pub answer_width: Option<u16>,
    pub shaping: Option<bool>,
}

fn answer_width<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<u16>, D::Error> {
    let width = i64::deserialize(deserializer)?;
    u16::try_from(width)
        .ok()
        .filter(|&w| w <= MAX_ANSWER_WIDTH)
        .map(Some)
        .ok_or_else(|| {
            serde::de::Error::custom(format!(
                "{width} is not a width: 0–{MAX_ANSWER_WIDTH} columns (0: no cap)"
            ))
        })
}

impl ConfigFile {
    /// Parses a config file's text; `path` names it in errors, with the line and key.
    pub fn parse(text: &str, path: &Path) -> Result<ConfigFile> {
        toml::from_str(text).map_err(|e| {
            let place = e.span().map(|span| place_of(text, span.start));
            let message = e
                .message()
                .trim()
                .replace("unknown field", "unknown key")
                .replace("unknown variant", "unknown value");
            let message = message.lines().collect::<Vec<_>>().join(" ");
            Error::Usage(match place {
                Some((line, Some(key))) => {
                    format!("{}: line {line}, {key}: {message}", path.display())
                }
                Some((line, None)) => format!("{}: line {line}: {message}", path.display()),
                None => format!("{}: {message}", path.display()),
            })
        })
    }

    /// Reads and parses the file at `path`.
    pub fn read(path: &Path) -> Result<ConfigFile> {
        let unreadable = |why: String| {
            Error::Usage(format!(
                "{}: cannot read the config file: {why}",
                path.display()
            ))
        };
        let file = fs::File::open(path).map_err(|e| unreadable(io_reason(&e)))?;
        if file.metadata().is_ok_and(|m| m.is_dir()) {
            return Err(unreadable("is a directory".into()));
        }
        let mut bytes = Vec::new();
        file.take(MAX_CONFIG_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| unreadable(io_reason(&e)))?;
        if bytes.len() as u64 > MAX_CONFIG_BYTES {
            return Err(unreadable("larger than 1 MiB".into()));
        }
        let text = String::from_utf8(bytes).map_err(|_| unreadable("not UTF-8 text".into()))?;
        ConfigFile::parse(&text, path)
    }
}

/// An I/O error in a few words, as the rest of hiwar words them.
fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        std::io::ErrorKind::IsADirectory => "is a directory".into(),
        _ => e.to_string(),
    }
}

/// The line (1-based) of byte `at` of `text`, and the key its line sets, if it sets
/// one (`key = value`).
fn place_of(text: &str, at: usize) -> (usize, Option<String>) {
    let at = at.min(text.len());
    let line = text[..at].matches('\n').count() + 1;
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    let key = text[start..end]
        .split_once('=')
        .map(|(key, _)| key.trim().trim_matches(['"', '\'']).to_string())
        .filter(|key| !key.is_empty() && !key.starts_with('['));
    (line, key)
}

/// Where a setting's value came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    Default,
    /// An environment variable (`NO_COLOR`, `TERM=dumb`).
    Environment(&'static str),
    ConfigFile,
    /// A command-line option.
    CommandLine(&'static str),
}

/// A setting's value and where it came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Value<T> {
    pub value: T,
    pub origin: Origin,
}

impl<T> Value<T> {
    fn default(value: T) -> Self {
        Value {
            value,
            origin: Origin::Default,
        }
    }

    /// Replaced by `value` when there is one.
    fn or(self, value: Option<T>, origin: Origin) -> Self {
        match value {
            Some(value) => Value { value, origin },
            None => self,
        }
    }
}

/// Which config file was read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ConfigSource {
    /// `--config` or `HIWAR_CONFIG`: it must exist.
    Given(PathBuf),
    /// The usual place, which may hold no file (`present` false).
    Usual { path: PathBuf, present: bool },
    /// No usual place (no home directory).
    Nowhere,
}

/// The command line's say in the settings.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Overrides {
    pub config: Option<PathBuf>,
    pub theme: Option<ThemeName>,
    pub no_resume: bool,
    pub terminal_bidi: Option<BidiOption>,
    pub lang: Option<LangChoice>,
    pub answer_width: Option<u16>,
    pub shaping: Option<bool>,
}

/// The settings in effect.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Settings {
    pub source: ConfigSource,
    pub theme: Value<ThemeName>,
    pub resume: Value<bool>,
    pub terminal_bidi: Value<BidiOption>,
    pub lang: Value<LangChoice>,
    pub answer_width: Value<u16>,
    pub shaping: Value<bool>,
}

/// `$XDG_CONFIG_HOME/hiwar/config.toml`, else `~/.config/hiwar/config.toml`; none
/// when the environment names neither (see [`environment_has_home`]).
pub fn usual_config_path() -> Option<PathBuf> {
    use etcetera::BaseStrategy;
    if !environment_has_home("XDG_CONFIG_HOME") {
        return None;
    }
    let strategy = etcetera::choose_base_strategy().ok()?;
    Some(strategy.config_dir().join("hiwar").join("config.toml"))
}

/// Whether the environment says where home is: `HOME`, or the XDG variable `xdg`
/// (an absolute path, as the XDG spec requires). A process started with no
/// environment (`env -i`, a test harness) has no config file and keeps no state,
/// rather than falling back on the password database's home behind its back.
pub fn environment_has_home(xdg: &str) -> bool {
    let set = |name: &str| std::env::var_os(name).is_some_and(|v| !v.is_empty());
    let absolute = |name: &str| std::env::var_os(name).is_some_and(|v| Path::new(&v).is_absolute());
    set("HOME") || absolute(xdg)
}

impl Settings {
    /// Resolves the settings from the command line, the config file and the
    /// environment (`var`); `usual` is where the config file is when nothing names
    /// one.
    pub fn resolve(
        overrides: &Overrides,
        var: impl Fn(&str) -> Option<String>,
        usual: Option<PathBuf>,
    ) -> Result<Settings> {
        let given = overrides.config.clone().or_else(|| {
            var("HIWAR_CONFIG")
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
        });
        let (source, file) = match (given, usual) {
            (Some(path), _) => {
                let file = ConfigFile::read(&path)?;
                (ConfigSource::Given(path), file)
            }
            (None, Some(path)) => match fs::symlink_metadata(&path) {
                Ok(_) => {
                    let file = ConfigFile::read(&path)?;
                    (
                        ConfigSource::Usual {
                            path,
                            present: true,
                        },
                        file,
                    )
                }
                Err(_) => (
                    ConfigSource::Usual {
                        path,
                        present: false,
                    },
                    ConfigFile::default(),
                ),
            },
            (None, None) => (ConfigSource::Nowhere, ConfigFile::default()),
        };
        let set = |name: &str| var(name).is_some_and(|v| !v.is_empty());
        let environment_theme = if set("NO_COLOR") {
            Some(("NO_COLOR", ThemeName::Mono))
        } else if var("TERM").as_deref() == Some("dumb") {
            Some(("TERM=dumb", ThemeName::Mono))
        } else {
            None
        };
        let theme = match environment_theme {
            Some((name, theme)) => Value {
                value: theme,
                origin: Origin::Environment(name),
            },
            None => Value::default(ThemeName::Default),
        };
        Ok(Settings {
            source,
            theme: theme
                .or(file.theme, Origin::ConfigFile)
                .or(overrides.theme, Origin::CommandLine("--theme")),
            resume: Value::default(true).or(file.resume, Origin::ConfigFile).or(
                overrides.no_resume.then_some(false),
                Origin::CommandLine("--no-resume"),
            ),
            terminal_bidi: Value::default(BidiOption::Auto)
                .or(file.terminal_bidi, Origin::ConfigFile)
                .or(
                    overrides.terminal_bidi,
                    Origin::CommandLine("--terminal-bidi"),
                ),
            lang: Value::default(LangChoice::Auto)
                .or(file.lang, Origin::ConfigFile)
                .or(overrides.lang, Origin::CommandLine("--lang")),
            answer_width: Value::default(DEFAULT_ANSWER_WIDTH)
                .or(file.answer_width, Origin::ConfigFile)
                .or(
                    overrides.answer_width,
                    Origin::CommandLine("--answer-width"),
                ),
            shaping: Value::default(true)
                .or(file.shaping, Origin::ConfigFile)
                .or(overrides.shaping, Origin::CommandLine("--shaping")),
        })
    }

    /// The settings in effect as a config file (`hiwar --print-config`): each key
    /// with its value and, in a comment, where the value came from.
    pub fn to_toml(&self) -> String {
        let mut out = String::from("# hiwar: the settings in effect\n");
        // A path can hold anything: written inert, so the output cannot act on a
        // terminal.
        let shown = |path: &Path| crate::error::inert(&path.display().to_string()).into_owned();
        let _ = match &self.source {
            ConfigSource::Given(path) => writeln!(out, "# config file: {}", shown(path)),
            ConfigSource::Usual {
                path,
                present: true,
            } => writeln!(out, "# config file: {}", shown(path)),
            ConfigSource::Usual {
                path,
                present: false,
            } => writeln!(out, "# config file: {} (none there)", shown(path)),
            ConfigSource::Nowhere => writeln!(out, "# config file: none (no home directory)"),
        };
        let origin = |origin: &Origin| match origin {
            Origin::Default => "default".to_string(),
            Origin::Environment(name) => format!("from {name}"),
            Origin::ConfigFile => "from the config file".to_string(),
            Origin::CommandLine(option) => format!("from {option}"),
        };
        let quoted = |name: &str| format!("\"{name}\"");
        let lines = [
            ("theme", quoted(self.theme.value.name()), &self.theme.origin),
            ("resume", self.resume.value.to_string(), &self.resume.origin),
            (
                "terminal-bidi",
                quoted(self.terminal_bidi.value.name()),
                &self.terminal_bidi.origin,
            ),
            ("lang", quoted(self.lang.value.name()), &self.lang.origin),
            (
                "answer-width",
                self.answer_width.value.to_string(),
                &self.answer_width.origin,
            ),
            (
                "shaping",
                self.shaping.value.to_string(),
                &self.shaping.origin,
            ),
        ];
        for (key, value, from) in lines {
            let setting = format!("{key} = {value}");
            let _ = writeln!(out, "{setting:<28}# {}", origin(from));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<ConfigFile> {
        ConfigFile::parse(text, Path::new("/c/config.toml"))
    }

    fn message(text: &str) -> String {
        match parse(text) {
            Err(e) => e.to_string(),
            Ok(file) => panic!("accepted: {file:?}"),
        }
    }

    #[test]
    fn every_key_is_read() {
        let file = parse(
            "theme = \"dark\"\nresume = false\nterminal-bidi = \"lro-rows\"\nlang = \"he\"\nanswer-width = 72\nshaping = false\n",
        )
        .expect("a good file");
        assert_eq!(
            file,
            ConfigFile {
                theme: Some(ThemeName::Dark),
                resume: Some(false),
                terminal_bidi: Some(BidiOption::LroRows),
                lang: Some(LangChoice::He),
                answer_width: Some(72),
                shaping: Some(false),
            }
        );
        assert_eq!(parse("").expect("empty"), ConfigFile::default());
    }

    #[test]
    fn an_unknown_key_is_named_with_its_line() {
        let e = message("theme = \"dark\"\n\ncolour = \"blue\"\n");
        assert!(
            e.starts_with("/c/config.toml: line 3, colour: unknown key `colour`"),
            "{e}"
        );
        assert!(e.contains("`theme`"), "the keys are listed: {e}");
    }

    #[test]
    fn a_bad_value_is_named_with_its_line_and_key() {
        let e = message("resume = true\ntheme = \"blue\"\n");
        assert!(
            e.starts_with("/c/config.toml: line 2, theme: unknown value `blue`"),
            "{e}"
        );
        assert!(e.contains("`mono`"), "{e}");
        let e = message("answer-width = -3\n");
        assert!(
            e.starts_with("/c/config.toml: line 1, answer-width: -3 is not a width"),
            "{e}"
        );
        let e = message("shaping = \"off\"\n");
        assert!(e.starts_with("/c/config.toml: line 1, shaping: "), "{e}");
        let e = message("[reader]\ntheme = \"dark\"\n");
        assert!(e.contains("line 1"), "{e}");
        assert!(e.contains("unknown key `reader`"), "{e}");
        let e = message("theme = \n");
        assert!(e.starts_with("/c/config.toml: line 1"), "{e}");
    }

    fn env<'a>(vars: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |name| {
            vars.iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| v.to_string())
        }
    }

    #[test]
    fn the_command_line_beats_the_file_which_beats_no_color() {
        let dir = std::env::temp_dir().join(format!("hiwar-config-{}", std::process::id()));
        fs::create_dir_all(&dir).expect("a scratch directory");
        let path = dir.join("config.toml");
        fs::write(&path, "theme = \"light\"\nanswer-width = 60\n").expect("write");
        let none = Overrides::default();
        let settings = Settings::resolve(&none, env(&[("NO_COLOR", "1")]), Some(path.clone()))
            .expect("settings");
        assert_eq!(settings.theme.value, ThemeName::Light);
        assert_eq!(settings.theme.origin, Origin::ConfigFile);
        assert_eq!(settings.answer_width.value, 60);
        let cli = Overrides {
            theme: Some(ThemeName::Dark),
            no_resume: true,
            ..Overrides::default()
        };
        let settings = Settings::resolve(&cli, env(&[]), Some(path.clone())).expect("settings");
        assert_eq!(settings.theme.value, ThemeName::Dark);
        assert_eq!(settings.theme.origin, Origin::CommandLine("--theme"));
        assert!(!settings.resume.value);
        // No file: NO_COLOR (set, non-empty) and TERM=dumb choose mono.
        let nothing = Some(dir.join("absent.toml"));
        let settings =
            Settings::resolve(&none, env(&[("NO_COLOR", "1")]), nothing.clone()).expect("s");
        assert_eq!(settings.theme.value, ThemeName::Mono);
        let settings =
            Settings::resolve(&none, env(&[("NO_COLOR", "")]), nothing.clone()).expect("s");
        assert_eq!(settings.theme.value, ThemeName::Default, "empty NO_COLOR");
        let settings =
            Settings::resolve(&none, env(&[("TERM", "dumb")]), nothing.clone()).expect("s");
        assert_eq!(settings.theme.value, ThemeName::Mono);
        assert!(matches!(
            settings.source,
            ConfigSource::Usual { present: false, .. }
        ));
        // A file named by HIWAR_CONFIG must exist.
        let e = Settings::resolve(&none, env(&[("HIWAR_CONFIG", "/nonexistent/c.toml")]), None)
            .expect_err("missing");
        assert_eq!(
            e.to_string(),
            "/nonexistent/c.toml: cannot read the config file: no such file"
        );
        assert_eq!(e.exit_code(), 2);
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn print_config_is_a_config_file() {
        let settings = Settings::resolve(
            &Overrides {
                lang: Some(LangChoice::Fa),
                ..Overrides::default()
            },
            env(&[("NO_COLOR", "1")]),
            None,
        )
        .expect("settings");
        let text = settings.to_toml();
        assert!(text.contains("theme = \"mono\""), "{text}");
        assert!(text.contains("# from NO_COLOR"), "{text}");
        assert!(text.contains("lang = \"fa\""), "{text}");
        assert!(text.contains("# from --lang"), "{text}");
        let back = parse(&text).expect("reads back");
        assert_eq!(back.theme, Some(ThemeName::Mono));
        assert_eq!(back.terminal_bidi, Some(BidiOption::Auto));
        assert_eq!(back.answer_width, Some(DEFAULT_ANSWER_WIDTH));
    }
}

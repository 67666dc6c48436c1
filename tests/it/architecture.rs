//! The import order of `src/`: no circle between files, and none between the
//! top-level modules (docs/design.md: "no module imports one above it").
//!
//! The test reads every `src/**/*.rs` file (its code before `#[cfg(test)]`), finds
//! each path it names — `use` trees and inline `crate::…`/`super::…`/`self::…`
//! paths, and paths that start with a child module it declares — and resolves each
//! to the deepest file it reaches. An edge `a → b` means file `a` names something in
//! file `b`. A module's declaration of its children (`mod x;`) is not an edge: only
//! what a file uses counts.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// A source file by its module path: `reader::state` for src/reader/state.rs,
/// `` (the crate root) for src/lib.rs.
type Module = Vec<String>;

struct Source {
    /// The module path of the file.
    module: Module,
    /// Its code, comments and tests left out.
    code: String,
    /// The child modules it declares (`mod x;`).
    children: BTreeSet<String>,
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// The library's files, found from `src/lib.rs` through its `mod` declarations
/// (the binary's `main.rs` and `cli.rs` are not the library's).
fn sources() -> Vec<Source> {
    let mut sources = Vec::new();
    let mut files = vec![src().join("lib.rs")];
    while let Some(path) = files.pop() {
        let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path:?}: {e}"));
        let code = code_of(&text);
        let children = declared_children(&code);
        let module = module_of(&path);
        let dir = module.iter().fold(src(), |dir, part| dir.join(part));
        for child in &children {
            let file = dir.join(format!("{child}.rs"));
            files.push(match file.exists() {
                true => file,
                false => dir.join(child).join("mod.rs"),
            });
        }
        sources.push(Source {
            module,
            code,
            children,
        });
    }
    sources
}

/// `src/reader/state.rs` → `reader::state`; `src/reader/mod.rs` → `reader`;
/// `src/lib.rs` → the root.
fn module_of(path: &Path) -> Module {
    let relative = path.strip_prefix(src()).expect("under src/");
    let mut parts: Module = relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    let last = parts.pop().expect("a file name");
    let stem = last.trim_end_matches(".rs");
    if stem != "mod" && stem != "lib" {
        parts.push(stem.to_string());
    }
    parts
}

/// The text without comments, string literals' contents, and the unit tests (from
/// the first `#[cfg(test)]` on: test modules sit at the end of a file).
fn code_of(text: &str) -> String {
    let text = match text.find("#[cfg(test)]") {
        Some(at) => &text[..at],
        None => text,
    };
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '/' if chars.peek() == Some(&'/') => {
                for c in chars.by_ref() {
                    if c == '\n' {
                        out.push('\n');
                        break;
                    }
                }
            }
            '/' if chars.peek() == Some(&'*') => {
                let mut last = ' ';
                for c in chars.by_ref() {
                    if last == '*' && c == '/' {
                        break;
                    }
                    last = c;
                }
            }
            '"' => {
                // A string's text is not code ("crate::" in a message is no import).
                while let Some(c) = chars.next() {
                    match c {
                        '\\' => {
                            chars.next();
                        }
                        '"' => break,
                        _ => {}
                    }
                }
                out.push_str("\"\"");
            }
            _ => out.push(c),
        }
    }
    out
}

fn declared_children(code: &str) -> BTreeSet<String> {
    code.lines()
        .filter_map(|line| {
            let line = line.trim();
            let line = line.strip_prefix("pub ").unwrap_or(line);
            let line = line.strip_prefix("pub(crate) ").unwrap_or(line);
            let name = line.strip_prefix("mod ")?.strip_suffix(';')?;
            Some(name.trim().to_string())
        })
        .collect()
}

fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Every path a file names, as module paths from the crate root (`crate::a::b::C`
/// → `[a, b, C]`), `use` trees expanded.
fn paths_named(source: &Source) -> Vec<Module> {
    let code = &source.code;
    let mut paths = Vec::new();
    let bytes: Vec<char> = code.chars().collect();
    let mut i = 0;
    while i < bytes.len() {
        if !is_ident(bytes[i]) || (i > 0 && (is_ident(bytes[i - 1]) || bytes[i - 1] == ':')) {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && is_ident(bytes[i]) {
            i += 1;
        }
        let word: String = bytes[start..i].iter().collect();
        let followed_by_path = bytes.get(i) == Some(&':') && bytes.get(i + 1) == Some(&':');
        let root: Option<Module> = match word.as_str() {
            _ if !followed_by_path => None,
            "crate" => Some(Vec::new()),
            "super" => {
                let mut parent = source.module.clone();
                parent.pop();
                Some(parent)
            }
            "self" => Some(source.module.clone()),
            child if source.children.contains(child) => {
                let mut module = source.module.clone();
                module.push(child.to_string());
                Some(module)
            }
            _ => None,
        };
        let Some(root) = root else {
            continue;
        };
        let mut tails = Vec::new();
        let mut at = i + 2;
        use_tree(&bytes, &mut at, Vec::new(), &mut tails);
        for tail in tails {
            let mut path = root.clone();
            for part in tail {
                match part.as_str() {
                    "super" => {
                        path.pop();
                    }
                    "self" => {}
                    _ => path.push(part),
                }
            }
            paths.push(path);
        }
        i = at.max(i);
    }
    paths
}

/// Reads a use tree (`a::b`, `a::{b, c::d}`, `a::*`) at `at`, pushing each full
/// path onto `out`.
fn use_tree(chars: &[char], at: &mut usize, prefix: Vec<String>, out: &mut Vec<Vec<String>>) {
    let skip_space = |at: &mut usize| {
        while *at < chars.len() && chars[*at].is_whitespace() {
            *at += 1;
        }
    };
    let mut path = prefix;
    loop {
        skip_space(at);
        match chars.get(*at) {
            Some('{') => {
                *at += 1;
                loop {
                    skip_space(at);
                    match chars.get(*at) {
                        Some('}') => {
                            *at += 1;
                            return;
                        }
                        Some(',') => *at += 1,
                        None => return,
                        _ => {
                            let before = *at;
                            use_tree(chars, at, path.clone(), out);
                            if *at == before {
                                *at += 1;
                            }
                        }
                    }
                }
            }
            Some('*') => {
                *at += 1;
                out.push(path);
                return;
            }
            Some(&c) if is_ident(c) => {
                let start = *at;
                while *at < chars.len() && is_ident(chars[*at]) {
                    *at += 1;
                }
                path.push(chars[start..*at].iter().collect());
                if chars.get(*at) == Some(&':') && chars.get(*at + 1) == Some(&':') {
                    *at += 2;
                    continue;
                }
                // `as name`, generics and the rest of an expression end the path.
                out.push(path);
                return;
            }
            _ => {
                out.push(path);
                return;
            }
        }
    }
}

/// The deepest file a path reaches, given the set of files' modules.
fn file_of(path: &[String], files: &BTreeSet<Module>) -> Option<Module> {
    (0..=path.len())
        .rev()
        .map(|n| path[..n].to_vec())
        .find(|prefix| files.contains(prefix))
}

/// What a file re-exports (`pub use child::Thing;`): each name, with the path it
/// stands for.
fn reexports(source: &Source) -> BTreeMap<String, Module> {
    source
        .code
        .split(';')
        .filter_map(|statement| statement.trim().strip_prefix("pub use "))
        .flat_map(|tree| {
            let statement = Source {
                module: source.module.clone(),
                code: format!("{tree};"),
                children: source.children.clone(),
            };
            paths_named(&statement)
        })
        .filter_map(|path| Some((path.last()?.clone(), path)))
        .collect()
}

/// The file a path's item is defined in: the deepest file it reaches, followed
/// through that file's re-exports.
fn defining_file(
    path: &[String],
    files: &BTreeSet<Module>,
    reexported: &BTreeMap<Module, BTreeMap<String, Module>>,
) -> Option<Module> {
    let mut path = path.to_vec();
    for _ in 0..8 {
        let file = file_of(&path, files)?;
        let Some(target) = path
            .get(file.len())
            .and_then(|name| reexported.get(&file)?.get(name))
        else {
            return Some(file);
        };
        let mut next = target.clone();
        next.extend_from_slice(&path[file.len() + 1..]);
        path = next;
    }
    file_of(&path, files)
}

/// File-level edges: which files each file names something in, each once. A
/// file's use of its own ancestors (a child module using what its parent module
/// defines, Rust's scoping) is not an edge; a parent's re-export is followed to the
/// file that defines the item.
fn file_edges(sources: &[Source]) -> BTreeMap<Module, BTreeSet<Module>> {
    let files: BTreeSet<Module> = sources.iter().map(|s| s.module.clone()).collect();
    let reexported: BTreeMap<Module, BTreeMap<String, Module>> = sources
        .iter()
        .map(|s| (s.module.clone(), reexports(s)))
        .collect();
    let mut edges: BTreeMap<Module, BTreeSet<Module>> = BTreeMap::new();
    for source in sources {
        let targets = edges.entry(source.module.clone()).or_default();
        for path in paths_named(source) {
            if let Some(file) = defining_file(&path, &files, &reexported)
                && !source.module.starts_with(&file)
            {
                targets.insert(file);
            }
        }
    }
    edges
}

/// A circle in `edges`, as the list of nodes around it, if there is one.
fn find_circle<N: Ord + Clone>(edges: &BTreeMap<N, BTreeSet<N>>) -> Option<Vec<N>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        Open,
        Done,
    }
    fn visit<N: Ord + Clone>(
        node: &N,
        edges: &BTreeMap<N, BTreeSet<N>>,
        marks: &mut BTreeMap<N, Mark>,
        stack: &mut Vec<N>,
    ) -> Option<Vec<N>> {
        match marks.get(node) {
            Some(Mark::Done) => return None,
            Some(Mark::Open) => {
                let from = stack.iter().position(|n| n == node).unwrap_or(0);
                let mut circle = stack[from..].to_vec();
                circle.push(node.clone());
                return Some(circle);
            }
            None => {}
        }
        marks.insert(node.clone(), Mark::Open);
        stack.push(node.clone());
        for next in edges.get(node).into_iter().flatten() {
            if let Some(circle) = visit(next, edges, marks, stack) {
                return Some(circle);
            }
        }
        stack.pop();
        marks.insert(node.clone(), Mark::Done);
        None
    }
    let mut marks = BTreeMap::new();
    let mut stack = Vec::new();
    edges
        .keys()
        .find_map(|node| visit(node, edges, &mut marks, &mut stack))
}

fn shown(circle: &[Module]) -> String {
    circle
        .iter()
        .map(|m| match m.is_empty() {
            true => "lib".to_string(),
            false => m.join("::"),
        })
        .collect::<Vec<_>>()
        .join(" → ")
}

#[test]
fn no_circle_between_files() {
    let edges = file_edges(&sources());
    assert!(
        edges.len() > 30,
        "the source files were found: {}",
        edges.len()
    );
    if let Some(circle) = find_circle(&edges) {
        panic!("files import each other in a circle: {}", shown(&circle));
    }
}

#[test]
fn no_circle_between_top_level_modules() {
    let mut edges: BTreeMap<Module, BTreeSet<Module>> = BTreeMap::new();
    for (from, targets) in file_edges(&sources()) {
        let Some(top) = from.first() else { continue };
        let entry = edges.entry(vec![top.clone()]).or_default();
        for target in targets {
            if let Some(other) = target.first()
                && other != top
            {
                entry.insert(vec![other.clone()]);
            }
        }
    }
    if let Some(circle) = find_circle(&edges) {
        panic!("modules import each other in a circle: {}", shown(&circle));
    }
}

/// The checker itself finds a circle where there is one, through each way of
/// naming a path.
#[test]
fn a_circle_is_found() {
    let source = |module: &str, text: &str| {
        let code = code_of(text);
        Source {
            module: module.split("::").map(String::from).collect(),
            children: declared_children(&code),
            code,
        }
    };
    let circle = [
        source("a", "mod b;\nuse b::Thing;\n"),
        source("a::b", "pub fn f() { crate::c::{g, h::i}(); }\n"),
        source("c", "use super::a::{self, b::{Other}};\n"),
    ];
    let edges = file_edges(&circle);
    assert_eq!(
        edges[&vec!["a".to_string()]],
        BTreeSet::from([vec!["a".to_string(), "b".to_string()]])
    );
    let found = find_circle(&edges).expect("a circle");
    assert_eq!(shown(&found), "a → a::b → c → a");
    // Comments, strings and unit tests are not imports.
    let quiet = [
        source(
            "a",
            "// use crate::b::X;\nconst S: &str = \"crate::b::Y\";\n",
        ),
        source(
            "b",
            "pub struct X;\n#[cfg(test)]\nmod tests { use crate::a::S; }\n",
        ),
    ];
    let edges = file_edges(&quiet);
    assert!(edges.values().all(BTreeSet::is_empty), "{edges:?}");
}

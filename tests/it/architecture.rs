//! The architecture's invariants, checked on the source (ARCHITECTURE.md lists them).
//!
//! - The core (`model`, `engine`, `sentiment`, `app`, `sim`) does no I/O: no clock reads, no
//!   terminal, network, disk or async runtime, and no serde (its JSON twin lives in `platform::wire`).
//! - `ui` draws with ratatui and nothing else from the outside.
//! - `untrusted` (the cleaning of outside text) uses nothing of the crate, so every exit can use it.
//! - Dependencies follow the table under "Dependency direction" in ARCHITECTURE.md, both ways:
//!   every edge between top-level modules is allowed by a line of the table, and every entry of
//!   the table is used by some edge, so the table stays true.
//! - No file is in an import cycle with another.
//!
//! Those two are checked on the crate's import graph, parsed with `syn` from every `.rs` file
//! under `src/` (a file the scan did not reach fails the test). Its nodes are files:
//! `src/app/incident/queue.rs` is `crate::app::incident::queue`. An **edge** from file A to file B
//! is a path written in A that names an item (a type, function, constant, trait, macro…) whose
//! definition is in B:
//!
//! - every leaf of a `use` tree (grouped `use crate::{a, b::{c, d}}`, `self`, `super`, renames),
//!   and every path in code: types, expressions, patterns, trait bounds, macro names, and the
//!   paths inside a macro's input (read as expressions where it is a list of them, else every
//!   `a::b` in its tokens);
//! - resolved the way the compiler does, through what is in scope: a name imported (`use
//!   super::record; record::f()`), a child module (`mod queue; queue::f()`), a glob, `self`,
//!   `super`, `crate` (and `floorwatch::` from `src/main.rs`);
//! - a `pub use` re-export is followed to the file that defines the item, so `crate::app::Msg`
//!   is an edge to `app/msg.rs`, not to `app.rs`: what a file depends on is the code that
//!   defines what it uses, wherever that is re-exported from;
//! - not edges: `mod x;` declarations and the re-exports themselves (they are how a module lists
//!   its parts, not a use of them), a path that stops at a module (`use super::record;` is a
//!   name; `record::f()` is the edge), paths to other crates, and method calls through a value
//!   (`floor.health()` names no path; the file that got `floor` named its type).
//!
//! Test modules inside `src/` are part of their file and count like the rest.

mod graph;

use std::collections::btree_map::Entry;
use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use graph::{Graph, Sources};

use super::source_files::{module_files, package, rust_files_under};

fn sources(module: &str) -> Vec<(PathBuf, String)> {
    module_files(module)
        .into_iter()
        .filter_map(|p| {
            fs::read_to_string(&p)
                .ok()
                .map(|text| (p, code_only(&text)))
        })
        .collect()
}

/// The source without its comment lines (they may name what the code must not use).
fn code_only(text: &str) -> String {
    text.lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

fn assert_absent(module: &str, forbidden: &[&str]) {
    let files = sources(module);
    assert!(!files.is_empty(), "no sources found for {module}");
    for (path, text) in files {
        for needle in forbidden {
            assert!(
                !text.contains(needle),
                "{} uses {needle:?}, which {module} must not",
                path.display()
            );
        }
    }
}

const IO: &[&str] = &[
    "Instant::now",
    "SystemTime",
    "chrono::",
    "std::fs",
    "std::net",
    "std::io::stdin",
    "std::env",
    "tokio",
    "reqwest",
    "axum",
    "sled",
    "crossterm",
    "ratatui",
    "serde",
    "std::thread",
    "println!",
    "eprintln!",
];

const OUTER: &[&str] = &[
    "crate::ui",
    "crate::platform",
    "crate::shell",
    "crate::config",
    "crate::cli",
];

#[test]
fn the_core_does_no_io_and_depends_on_nothing_outside_it() {
    for module in ["model", "engine", "sentiment", "app", "sim"] {
        assert_absent(module, IO);
        assert_absent(module, OUTER);
    }
    assert_absent("model", &["crate::engine", "crate::app", "crate::sim"]);
    // Sentiment reads text and nothing else of the crate, so anything may use it.
    assert_absent(
        "sentiment",
        &[
            "crate::model",
            "crate::engine",
            "crate::app",
            "crate::sim",
            "crate::store",
        ],
    );
    assert_absent("engine", &["crate::app", "crate::sim"]);
    // The one cleaning function sits below everything that prints, draws,
    // copies or logs outside text, so it may use nothing of the crate.
    assert_absent("untrusted", IO);
    assert_absent("untrusted", &["crate::"]);
    assert_absent("sim", &["crate::engine", "crate::app"]);
}

#[test]
fn the_view_only_draws() {
    let io: Vec<&str> = IO.iter().copied().filter(|n| *n != "ratatui").collect();
    assert_absent("ui", &io);
    assert_absent(
        "ui",
        &[
            "crate::platform",
            "crate::shell",
            "crate::cli",
            "crate::sim",
        ],
    );
}

#[test]
fn adapters_know_only_their_platform() {
    // An adapter turns an API into the model; the terminal, the app and the
    // config file are none of its business (the CLI hands it plain settings).
    assert_absent(
        "platform",
        &[
            "crate::ui",
            "crate::app",
            "crate::shell",
            "crate::cli",
            "crate::config",
            "crossterm",
            "ratatui",
        ],
    );
    // And only the platform module and the composition know reqwest.
    for module in ["config", "ui", "app", "engine", "model", "sim", "sentiment"] {
        assert_absent(module, &["reqwest::Client", "reqwest::get", ".send()"]);
    }
}

#[test]
fn outside_text_has_one_cleaning_function() {
    // Two cleaners drift apart, and one of them misses a character: every
    // exit uses `untrusted::clean` (or `clean_lines`, built on it).
    for module in [
        "model",
        "engine",
        "sentiment",
        "sim",
        "app",
        "ui",
        "platform",
        "config",
        "store",
        "shell",
        "cli",
    ] {
        assert_absent(module, &["fn clean(", "fn clean_lines(", "fn sanitize"]);
    }
    let untrusted = sources("untrusted");
    assert!(
        untrusted
            .iter()
            .any(|(_, text)| text.contains("pub fn clean("))
    );
}

#[test]
fn this_check_can_fail() {
    // A guard on the guard: the scan really reads the files it names.
    let shell = sources("shell");
    assert!(
        shell.iter().any(|(_, text)| text.contains("crossterm")),
        "the shell is where crossterm lives"
    );
}

/// Every `.rs` file under `src/`, by its path from the package root.
fn all_sources() -> Sources {
    let mut sources = Sources::new();
    for path in rust_files_under(&package().join("src")) {
        let name = path.strip_prefix(package()).unwrap();
        let name = name.to_string_lossy().replace('\\', "/");
        sources.insert(name, fs::read_to_string(&path).unwrap());
    }
    sources
}

/// The crates a path may start with: the standard library's and the package's dependencies.
fn extern_crates() -> BTreeSet<String> {
    let manifest =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml")).unwrap();
    let mut crates: BTreeSet<String> = ["std", "core", "alloc"].map(String::from).into();
    let mut in_dependencies = false;
    for line in manifest.lines() {
        let line = line.trim();
        if line.starts_with('[') {
            in_dependencies = line.ends_with("dependencies]");
        } else if in_dependencies && let Some((name, _)) = line.split_once('=') {
            crates.insert(name.trim().replace('-', "_"));
        }
    }
    crates
}

static CRATE: LazyLock<(Sources, Graph)> = LazyLock::new(|| {
    let sources = all_sources();
    let graph = graph::build(&sources, &extern_crates());
    (sources, graph)
});

fn the_graph() -> &'static Graph {
    let graph = &CRATE.1;
    assert!(
        graph.problems.is_empty() && graph.unresolved.is_empty(),
        "the scan must read every module and resolve every path into the crate:\n{}",
        graph
            .problems
            .iter()
            .chain(&graph.unresolved)
            .map(|p| format!("  {p}"))
            .collect::<Vec<_>>()
            .join("\n")
    );
    graph
}

#[test]
fn every_source_file_is_scanned() {
    let (sources, graph) = &*CRATE;
    let read: BTreeSet<&str> = graph.files.iter().map(String::as_str).collect();
    let missed: Vec<&str> = sources
        .keys()
        .map(String::as_str)
        .filter(|f| !read.contains(f))
        .collect();
    assert!(
        missed.is_empty(),
        "files under src/ that no `mod` reaches, so the import scan never read them: {missed:?}"
    );
    the_graph();
}

/// One line of the table: `from → to` (an entry `platform::wire` allows only that part).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Allowed {
    from: String,
    to: Vec<String>,
}

impl Allowed {
    fn show(&self) -> String {
        format!("{} → {}", self.from, self.to.join("::"))
    }
}

/// The fenced block under "## Dependency direction": lines like `a → b, c::d (why), e`, chained
/// (`main → cli → shell, …` is `main → cli` and `cli → shell, …`); `(nothing)` allows nothing.
fn dependency_table(markdown: &str) -> Result<(BTreeSet<String>, Vec<Allowed>), String> {
    let section = format!("\n{markdown}");
    let section = section
        .split("\n## ")
        .find(|s| s.starts_with("Dependency direction"))
        .ok_or("ARCHITECTURE.md has no \"## Dependency direction\" section")?;
    let block = section
        .split("```")
        .nth(1)
        .ok_or("the Dependency direction section has no fenced block")?;
    let mut sources = BTreeSet::new();
    let mut allowed = Vec::new();
    for line in block.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let links: Vec<&str> = line.split('→').map(str::trim).collect();
        if links.len() < 2 {
            return Err(format!("table line without an arrow: {line:?}"));
        }
        for pair in links.windows(2) {
            let from = pair[0];
            if from.contains([',', '(', ' ']) {
                return Err(format!("{from:?} in {line:?} is not one module"));
            }
            sources.insert(from.to_string());
            for entry in entries(pair[1]) {
                allowed.push(Allowed {
                    from: from.to_string(),
                    to: entry.split("::").map(String::from).collect(),
                });
            }
        }
    }
    Ok((sources, allowed))
}

/// The modules a table cell lists: split at commas outside parentheses, reasons dropped.
fn entries(cell: &str) -> Vec<String> {
    let mut entries = Vec::new();
    let mut depth = 0;
    let mut current = String::new();
    for c in cell.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            ',' if depth == 0 => entries.push(std::mem::take(&mut current)),
            _ if depth == 0 => current.push(c),
            _ => {}
        }
    }
    entries.push(current);
    entries
        .into_iter()
        .map(|e| e.trim().to_string())
        .filter(|e| !e.is_empty())
        .collect()
}

/// Every way the code and the table disagree, one line each.
fn table_violations(graph: &Graph, markdown: &str) -> Vec<String> {
    let (sources, allowed) = match dependency_table(markdown) {
        Ok(table) => table,
        Err(e) => return vec![e],
    };
    let mut used: BTreeSet<&Allowed> = BTreeSet::new();
    let mut violations = Vec::new();
    for edge in &graph.edges {
        let (from, to) = (graph.top(edge.from), graph.top(edge.to));
        if from == to {
            continue;
        }
        let target = &graph.module_of[edge.to];
        let rule = allowed
            .iter()
            .find(|a| a.from == from && target.starts_with(&a.to));
        match rule {
            Some(rule) => {
                used.insert(rule);
            }
            None => {
                let why = if sources.contains(from) {
                    format!("the table has no {from} → {to}")
                } else {
                    format!("the table has no line for {from}")
                };
                violations.push(format!(
                    "{} names {} (defined in {}): {why}",
                    graph.files[edge.from], edge.path, graph.files[edge.to]
                ));
            }
        }
    }
    for rule in &allowed {
        if !used.contains(rule) {
            violations.push(format!(
                "the table allows {} but no file uses it",
                rule.show()
            ));
        }
    }
    violations
}

#[test]
fn dependencies_follow_the_table_and_the_table_is_all_used() {
    let graph = the_graph();
    let markdown =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("ARCHITECTURE.md")).unwrap();
    let violations = table_violations(graph, &markdown);
    assert!(
        violations.is_empty(),
        "the code and ARCHITECTURE.md's dependency table disagree ({}):\n{}",
        violations.len(),
        violations.join("\n")
    );
}

/// Every file-level cycle, each as `a.rs → b.rs → a.rs` with the path behind each arrow. Within
/// each strongly connected set of files, every edge is shown in the shortest cycle through it,
/// so every edge that closes a cycle is listed (not every one of the cycles, which can be many).
fn cycles(graph: &Graph) -> Vec<String> {
    let mut next: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    let mut path_of = BTreeMap::new();
    for edge in &graph.edges {
        next.entry(edge.from).or_default().push(edge.to);
        path_of.insert((edge.from, edge.to), edge.path.as_str());
    }
    let mut seen: BTreeSet<Vec<usize>> = BTreeSet::new();
    let mut shown = Vec::new();
    for edge in &graph.edges {
        let Some(back) = shortest_path(&next, edge.to, edge.from) else {
            continue;
        };
        let mut cycle = vec![edge.to];
        cycle.extend(back);
        // The same cycle entered at another file is one cycle: start it at its least file.
        let start = (0..cycle.len()).min_by_key(|&i| cycle[i]).unwrap_or(0);
        cycle.rotate_left(start);
        if !seen.insert(cycle.clone()) {
            continue;
        }
        let mut line = graph.files[cycle[0]].clone();
        let mut how = Vec::new();
        for (i, &from) in cycle.iter().enumerate() {
            let to = cycle[(i + 1) % cycle.len()];
            line.push_str(&format!(" → {}", graph.files[to]));
            how.push(path_of[&(from, to)].to_string());
        }
        shown.push(format!("{line}  (by {})", how.join("; ")));
    }
    shown
}

/// The files after `from` on a shortest path to `to` (ending with `to`), if there is one.
fn shortest_path(next: &BTreeMap<usize, Vec<usize>>, from: usize, to: usize) -> Option<Vec<usize>> {
    let mut came_from = BTreeMap::from([(from, from)]);
    let mut queue = VecDeque::from([from]);
    while let Some(at) = queue.pop_front() {
        if at == to {
            let mut path = vec![to];
            let mut step = to;
            while step != from {
                step = came_from[&step];
                path.push(step);
            }
            path.pop();
            path.reverse();
            return Some(path);
        }
        for &n in next.get(&at).into_iter().flatten() {
            if let Entry::Vacant(first_visit) = came_from.entry(n) {
                first_visit.insert(at);
                queue.push_back(n);
            }
        }
    }
    None
}

#[test]
fn no_file_is_in_an_import_cycle() {
    let graph = the_graph();
    let cycles = cycles(graph);
    assert!(
        cycles.is_empty(),
        "files that depend on each other ({} cycles); move what both need to the file it belongs to:\n{}",
        cycles.len(),
        cycles.join("\n")
    );
}

/// A small crate in memory, for the checks' own tests.
fn crate_of(files: &[(&str, &str)]) -> Graph {
    let sources: Sources = files
        .iter()
        .map(|(path, text)| (path.to_string(), text.to_string()))
        .collect();
    graph::build(&sources, &["std".to_string()].into())
}

fn edges_of(graph: &Graph) -> BTreeSet<(String, String)> {
    graph
        .edges
        .iter()
        .map(|e| (graph.files[e.from].clone(), graph.files[e.to].clone()))
        .collect()
}

#[test]
fn the_parser_sees_grouped_imports_inline_paths_and_re_exports() {
    let graph = crate_of(&[
        (
            "src/lib.rs",
            "pub mod a; pub mod b; pub mod c; pub mod d; pub mod e; pub mod f; pub mod g;\n\
             pub use b::Thing;\n\
             pub fn start() { c::helper() }",
        ),
        ("src/b.rs", "pub mod inner;\npub use inner::Thing;"),
        (
            "src/b/inner.rs",
            "pub struct Thing;\npub fn make() -> Thing { Thing }",
        ),
        ("src/c.rs", "pub fn helper() {}"),
        ("src/d.rs", "pub enum Colour { Red }"),
        ("src/e.rs", "pub fn checked() -> bool { true }"),
        ("src/f.rs", "pub fn by_glob() {}"),
        ("src/g.rs", "pub const N: usize = 2;"),
        (
            "src/a.rs",
            "use crate::{b::{self, inner::make as build}, f::*};\n\
             use std::collections::HashMap;\n\
             pub fn run() -> HashMap<u32, crate::Thing> {\n\
                 let _ = build();\n\
                 let _ = b::inner::make();\n\
                 let _ = crate::d::Colour::Red;\n\
                 assert!(crate::e::checked());\n\
                 by_glob();\n\
                 let _ = vec![0; crate::g::N];\n\
                 HashMap::new()\n\
             }\n\
             mod nested { pub fn up() { super::super::c::helper(); } }",
        ),
    ]);
    assert!(graph.problems.is_empty(), "{:?}", graph.problems);
    assert!(graph.unresolved.is_empty(), "{:?}", graph.unresolved);
    let to = |file: &str| ("src/a.rs".to_string(), file.to_string());
    // The re-exports in lib.rs and b.rs are followed to b/inner.rs and are no edges themselves;
    // a child module is in scope where it is declared (lib.rs names `c::helper`).
    assert_eq!(
        edges_of(&graph),
        [
            to("src/b/inner.rs"),
            to("src/c.rs"),
            to("src/d.rs"),
            to("src/e.rs"),
            to("src/f.rs"),
            to("src/g.rs"),
            ("src/lib.rs".to_string(), "src/c.rs".to_string()),
        ]
        .into()
    );
}

#[test]
fn the_checks_report_cycles_unused_entries_and_paths_outside_the_table() {
    let graph = crate_of(&[
        ("src/lib.rs", "pub mod low; pub mod high; mod platform;"),
        ("src/low.rs", "pub fn f() { crate::high::g() }"),
        ("src/high.rs", "use super::low::f;\npub fn g() { f() }"),
        ("src/platform.rs", "pub mod wire; pub mod other;"),
        ("src/platform/wire.rs", "pub fn w() {}"),
        ("src/platform/other.rs", "pub fn o() {}"),
    ]);
    assert_eq!(
        cycles(&graph),
        ["src/low.rs → src/high.rs → src/low.rs  (by crate::high::g; super::low::f)"]
    );
    let table = "## Dependency direction\n```\nhigh → low, platform::wire (why, with a comma)\n\
                 low → (nothing)\nplatform → (nothing)\n```\n";
    assert_eq!(
        table_violations(&graph, table),
        [
            "src/low.rs names crate::high::g (defined in src/high.rs): the table has no low → high",
            "the table allows high → platform::wire but no file uses it",
        ]
    );
}

#[test]
fn a_file_no_module_reaches_is_not_read() {
    let graph = crate_of(&[
        ("src/lib.rs", "mod a;"),
        ("src/a.rs", ""),
        ("src/lost.rs", ""),
    ]);
    assert_eq!(graph.files, ["src/lib.rs", "src/a.rs"]);
    let graph = crate_of(&[("src/lib.rs", "mod a; mod gone;"), ("src/a.rs", "")]);
    assert_eq!(graph.problems, ["module gone has no file src/gone.rs"]);
}

/// The team's documents outside the repository: a comment that cites them,
/// or a requirement by number, says nothing to a reader of the code alone.
const DOCUMENTS_ELSEWHERE: &[&str] = &[
    "DESIGN",
    "FIGURES",
    "PLATFORMS",
    "RELIABILITY",
    "CHECKLISTS",
    "UX",
    "STYLE",
];

/// An R and digits: a requirement's number.
fn is_requirement_number(word: &str) -> bool {
    word.len() >= 2 && word.starts_with('R') && word[1..].chars().all(|c| c.is_ascii_digit())
}

fn citations_in(text: &str, file: &str) -> Vec<String> {
    let mut found = Vec::new();
    for (number, line) in text.lines().enumerate() {
        let comment = line.split_once("//").map_or("", |(_, c)| c);
        let prose = if file.ends_with(".md") { line } else { comment };
        let cites_document = DOCUMENTS_ELSEWHERE
            .iter()
            .any(|name| prose.contains(&format!("{name}.md")));
        let cites_number = prose
            .split(|c: char| !c.is_ascii_alphanumeric())
            .any(is_requirement_number);
        if cites_document || cites_number {
            found.push(format!("{file}:{}: {}", number + 1, line.trim()));
        }
    }
    found
}

#[test]
fn no_comment_cites_a_document_that_is_not_in_the_repository() {
    let root = package();
    let mut files: Vec<PathBuf> = vec![root.join("README.md"), root.join("ARCHITECTURE.md")];
    for dir in ["src", "tests", "benches", "fuzz/src"] {
        files.extend(rust_files_under(&root.join(dir)));
    }
    assert!(files.len() > 100, "only {} files read", files.len());
    let found: Vec<String> = files
        .iter()
        .flat_map(|path| {
            let text = fs::read_to_string(path).unwrap_or_default();
            let name = path
                .strip_prefix(root)
                .unwrap_or(path)
                .display()
                .to_string();
            citations_in(&text, &name)
        })
        .collect();
    assert!(
        found.is_empty(),
        "say the reason in place instead:\n{}",
        found.join("\n")
    );
    // The check can fail.
    let cited = format!("let x = 1; // see {}.md, R{}\n", "DESIGN", 35);
    assert_eq!(citations_in(&cited, "a.rs").len(), 1);
    assert!(citations_in("let r2 = R2D; // radius\n", "a.rs").is_empty());
}

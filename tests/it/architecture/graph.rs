//! The crate's import graph, built from its parsed source (what counts as an edge is said in
//! `architecture.rs`, where the checks are).
//!
//! Two passes. The first follows `mod` declarations from each crate root and records, for every
//! module, what it defines (items, child modules) and what it brings into scope (`use` bindings
//! and globs). The second walks every path in every file and resolves it through those scopes
//! to the file whose module defines the item, following re-exports.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use syn::buffer::Cursor;
use syn::parse::ParseStream;
use syn::punctuated::Punctuated;
use syn::visit::{self, Visit};

/// Source files by their path from the package root (`src/lib.rs`).
pub type Sources = BTreeMap<String, String>;

/// One source file named by a path to an item another file defines.
#[derive(Debug, Clone)]
pub struct Edge {
    pub from: usize,
    pub to: usize,
    /// The path as written (re-exports followed from there).
    pub path: String,
}

#[derive(Debug, Default)]
pub struct Graph {
    /// Every file read, by path from the package root.
    pub files: Vec<String>,
    /// Each file's module path below its crate root: `["sim", "agent"]`; `["main"]` for the binary.
    pub module_of: Vec<Vec<String>>,
    /// Every edge, at most one per pair of files (the first path seen).
    pub edges: Vec<Edge>,
    /// Paths into the crate (or naming no known crate) that did not resolve: a gap in the parser.
    pub unresolved: Vec<String>,
    /// Files that would not parse, modules without a file, attributes the scan cannot follow.
    pub problems: Vec<String>,
}

impl Graph {
    /// The top-level module a file belongs to: `sim` for `src/sim/agent.rs`, `crate` for the root.
    pub fn top(&self, file: usize) -> &str {
        self.module_of[file].first().map_or("crate", String::as_str)
    }
}

/// Which namespace a name is looked up in: a path in a type position names a type or module,
/// one in an expression a value, one before `!` a macro.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ns {
    Type,
    Value,
    Macro,
    Any,
}

impl Ns {
    fn admits(self, defined: Ns) -> bool {
        self == Ns::Any || self == defined
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Res {
    Module(usize),
    Item {
        file: usize,
    },
    /// Another crate, a primitive type or `Self`: no edge between files of this crate.
    Outside,
}

#[derive(Debug)]
struct Module {
    file: usize,
    parent: Option<usize>,
    root: usize,
    /// Where `mod x;` looks for `x.rs` or `x/mod.rs`.
    dir: String,
    children: HashMap<String, usize>,
    items: HashMap<String, Vec<Ns>>,
    imports: Vec<(String, Vec<String>)>,
    globs: Vec<Vec<String>>,
}

const PRIMITIVES: &[&str] = &[
    "bool", "char", "str", "u8", "u16", "u32", "u64", "u128", "usize", "i8", "i16", "i32", "i64",
    "i128", "isize", "f32", "f64",
];

/// Builds the graph of the crate rooted at `src/lib.rs`, and of the binary at `src/main.rs` if
/// there is one (where the library is `floorwatch::`). `externs` names the crates a path may
/// start with (the package's dependencies and the standard library).
pub fn build(sources: &Sources, externs: &BTreeSet<String>) -> Graph {
    let mut builder = Builder {
        sources,
        externs,
        graph: Graph::default(),
        modules: Vec::new(),
        parsed: Vec::new(),
        lib_root: None,
        seen: BTreeMap::new(),
    };
    let lib = builder.load("src/lib.rs", Vec::new(), None, "src/".into());
    builder.lib_root = lib;
    if sources.contains_key("src/main.rs") {
        builder.load("src/main.rs", vec!["main".into()], None, "src/".into());
    }
    let parsed = std::mem::take(&mut builder.parsed);
    for (module, file) in &parsed {
        let mut finder = EdgeFinder {
            builder: &mut builder,
            scope: vec![*module],
        };
        finder.visit_file(file);
    }
    let mut graph = builder.graph;
    graph.edges = builder.seen.into_values().collect();
    graph.edges.sort_by_key(|e| (e.from, e.to));
    graph
}

struct Builder<'s> {
    sources: &'s Sources,
    externs: &'s BTreeSet<String>,
    graph: Graph,
    modules: Vec<Module>,
    parsed: Vec<(usize, syn::File)>,
    lib_root: Option<usize>,
    seen: BTreeMap<(usize, usize), Edge>,
}

impl Builder<'_> {
    /// Reads, parses and collects one file-backed module (and, through its `mod` items, its
    /// children). `None` if the file is missing or does not parse (a problem is noted).
    fn load(
        &mut self,
        path: &str,
        module_path: Vec<String>,
        parent: Option<usize>,
        dir: String,
    ) -> Option<usize> {
        let Some(text) = self.sources.get(path) else {
            self.graph.problems.push(format!(
                "module {} has no file {path}",
                module_path.join("::")
            ));
            return None;
        };
        let file = match syn::parse_file(text) {
            Ok(file) => file,
            Err(e) => {
                self.graph
                    .problems
                    .push(format!("{path} does not parse: {e}"));
                return None;
            }
        };
        let file_index = self.graph.files.len();
        self.graph.files.push(path.to_string());
        self.graph.module_of.push(module_path.clone());
        let module = self.new_module(file_index, parent, dir);
        let mut collector = Collector {
            builder: self,
            scope: vec![module],
            module_path,
        };
        collector.visit_file(&file);
        self.parsed.push((module, file));
        Some(module)
    }

    fn new_module(&mut self, file: usize, parent: Option<usize>, dir: String) -> usize {
        let id = self.modules.len();
        let root = parent.map_or(id, |p| self.modules[p].root);
        self.modules.push(Module {
            file,
            parent,
            root,
            dir,
            children: HashMap::new(),
            items: HashMap::new(),
            imports: Vec::new(),
            globs: Vec::new(),
        });
        id
    }

    /// What `segments` names from inside `from`, looking the last segment up in `ns`.
    fn resolve(&self, from: usize, segments: &[String], ns: Ns, depth: u32) -> Option<Res> {
        if depth > 24 {
            return None;
        }
        let (first, rest) = segments.split_first()?;
        let ns_at = |i: usize| {
            if i + 1 == segments.len() {
                ns
            } else {
                Ns::Type
            }
        };
        let mut at = match first.as_str() {
            "crate" => Res::Module(self.modules[from].root),
            "self" => Res::Module(from),
            "super" => Res::Module(self.modules[from].parent?),
            "Self" => Res::Outside,
            "floorwatch" if Some(self.modules[from].root) != self.lib_root => {
                Res::Module(self.lib_root?)
            }
            name => match self.lookup(from, name, ns_at(0), depth) {
                Some(found) => found,
                None if self.externs.contains(name) || PRIMITIVES.contains(&name) => Res::Outside,
                None => return None,
            },
        };
        for (i, segment) in rest.iter().enumerate() {
            at = match at {
                Res::Module(m) => match segment.as_str() {
                    "super" => Res::Module(self.modules[m].parent?),
                    "self" => Res::Module(m),
                    name => self.lookup(m, name, ns_at(i + 1), depth)?,
                },
                // The rest names an associated item, a variant or a field: the edge is to the item.
                item => return Some(item),
            };
        }
        Some(at)
    }

    /// A name in a module's scope: its children and items, then what it imports by name,
    /// then what its globs bring in.
    fn lookup(&self, module: usize, name: &str, ns: Ns, depth: u32) -> Option<Res> {
        let here = &self.modules[module];
        if ns.admits(Ns::Type)
            && let Some(&child) = here.children.get(name)
        {
            return Some(Res::Module(child));
        }
        if let Some(kinds) = here.items.get(name)
            && kinds.iter().any(|&k| ns.admits(k))
        {
            return Some(Res::Item { file: here.file });
        }
        for (bound, path) in &here.imports {
            if bound == name
                && let Some(found) = self.resolve(module, path, ns, depth + 1)
            {
                return Some(found);
            }
        }
        for glob in &here.globs {
            if let Some(Res::Module(source)) = self.resolve(module, glob, Ns::Type, depth + 1)
                && source != module
                && let Some(found) = self.lookup(source, name, ns, depth + 1)
            {
                return Some(found);
            }
        }
        None
    }

    fn record(&mut self, from: usize, segments: &[String], ns: Ns, strict: bool) {
        match self.resolve(from, segments, ns, 0) {
            Some(Res::Item { file }) => {
                let from_file = self.modules[from].file;
                if file != from_file {
                    self.seen.entry((from_file, file)).or_insert_with(|| Edge {
                        from: from_file,
                        to: file,
                        path: segments.join("::"),
                    });
                }
            }
            Some(_) => {}
            None => {
                let first = segments[0].as_str();
                let into_crate = matches!(first, "crate" | "self" | "super");
                let names_a_crate = segments.len() > 1 && first.starts_with(char::is_lowercase);
                if strict && (into_crate || names_a_crate) {
                    let file = &self.graph.files[self.modules[from].file];
                    self.graph
                        .unresolved
                        .push(format!("{file}: {}", segments.join("::")));
                }
            }
        }
    }
}

/// One leaf of a `use` tree: the path it names and the name it binds (`None` for a glob or `_`).
struct UseLeaf {
    path: Vec<String>,
    binds: Option<String>,
    glob: bool,
}

fn flatten(tree: &syn::UseTree, prefix: &mut Vec<String>, leaves: &mut Vec<UseLeaf>) {
    match tree {
        syn::UseTree::Path(p) => {
            prefix.push(p.ident.to_string());
            flatten(&p.tree, prefix, leaves);
            prefix.pop();
        }
        syn::UseTree::Name(n) => {
            let name = n.ident.to_string();
            let (path, binds) = if name == "self" {
                (prefix.clone(), prefix.last().cloned())
            } else {
                let mut path = prefix.clone();
                path.push(name.clone());
                (path, Some(name))
            };
            leaves.push(UseLeaf {
                path,
                binds,
                glob: false,
            });
        }
        syn::UseTree::Rename(r) => {
            let mut path = prefix.clone();
            let name = r.ident.to_string();
            if name != "self" {
                path.push(name);
            }
            let alias = r.rename.to_string();
            leaves.push(UseLeaf {
                path,
                binds: (alias != "_").then_some(alias),
                glob: false,
            });
        }
        syn::UseTree::Glob(_) => leaves.push(UseLeaf {
            path: prefix.clone(),
            binds: None,
            glob: true,
        }),
        syn::UseTree::Group(g) => {
            for tree in &g.items {
                flatten(tree, prefix, leaves);
            }
        }
    }
}

fn use_leaves(item: &syn::ItemUse) -> Vec<UseLeaf> {
    let mut leaves = Vec::new();
    flatten(&item.tree, &mut Vec::new(), &mut leaves);
    leaves
}

fn has_attribute(attrs: &[syn::Attribute], name: &str) -> bool {
    attrs.iter().any(|a| a.path().is_ident(name))
}

/// The first pass: what each module defines and imports. Items inside function bodies are
/// counted as the module's (a local `use` or type resolves the same way, less precisely scoped).
struct Collector<'b, 's> {
    builder: &'b mut Builder<'s>,
    scope: Vec<usize>,
    module_path: Vec<String>,
}

impl Collector<'_, '_> {
    fn current(&self) -> usize {
        *self.scope.last().unwrap_or(&0)
    }

    fn define(&mut self, name: &syn::Ident, kinds: &[Ns]) {
        let module = self.current();
        self.builder.modules[module]
            .items
            .entry(name.to_string())
            .or_default()
            .extend_from_slice(kinds);
    }
}

impl<'ast> Visit<'ast> for Collector<'_, '_> {
    fn visit_item_mod(&mut self, item: &'ast syn::ItemMod) {
        let parent = self.current();
        let name = item.ident.to_string();
        let dir = format!("{}{name}/", self.builder.modules[parent].dir);
        if has_attribute(&item.attrs, "path") {
            let file = &self.builder.graph.files[self.builder.modules[parent].file];
            self.builder.graph.problems.push(format!(
                "{file}: #[path] on mod {name} is not followed by the scan"
            ));
        }
        self.module_path.push(name.clone());
        let child = match &item.content {
            Some((_, items)) => {
                let file = self.builder.modules[parent].file;
                let child = self.builder.new_module(file, Some(parent), dir);
                self.scope.push(child);
                for inner in items {
                    self.visit_item(inner);
                }
                self.scope.pop();
                Some(child)
            }
            None => {
                let parent_dir = self.builder.modules[parent].dir.clone();
                let flat = format!("{parent_dir}{name}.rs");
                let nested = format!("{parent_dir}{name}/mod.rs");
                let path = if self.builder.sources.contains_key(&nested) {
                    nested
                } else {
                    flat
                };
                self.builder
                    .load(&path, self.module_path.clone(), Some(parent), dir)
            }
        };
        self.module_path.pop();
        if let Some(child) = child {
            self.builder.modules[parent].children.insert(name, child);
        }
    }

    fn visit_item_use(&mut self, item: &'ast syn::ItemUse) {
        let module = self.current();
        for leaf in use_leaves(item) {
            let here = &mut self.builder.modules[module];
            match (leaf.glob, leaf.binds) {
                (true, _) => here.globs.push(leaf.path),
                (false, Some(name)) => here.imports.push((name, leaf.path)),
                (false, None) => {}
            }
        }
    }

    fn visit_item_fn(&mut self, item: &'ast syn::ItemFn) {
        self.define(&item.sig.ident, &[Ns::Value]);
        visit::visit_item_fn(self, item);
    }

    fn visit_item_struct(&mut self, item: &'ast syn::ItemStruct) {
        self.define(&item.ident, &[Ns::Type, Ns::Value]);
        visit::visit_item_struct(self, item);
    }

    fn visit_item_enum(&mut self, item: &'ast syn::ItemEnum) {
        self.define(&item.ident, &[Ns::Type]);
        visit::visit_item_enum(self, item);
    }

    fn visit_item_union(&mut self, item: &'ast syn::ItemUnion) {
        self.define(&item.ident, &[Ns::Type]);
    }

    fn visit_item_trait(&mut self, item: &'ast syn::ItemTrait) {
        self.define(&item.ident, &[Ns::Type]);
        visit::visit_item_trait(self, item);
    }

    fn visit_item_trait_alias(&mut self, item: &'ast syn::ItemTraitAlias) {
        self.define(&item.ident, &[Ns::Type]);
    }

    fn visit_item_type(&mut self, item: &'ast syn::ItemType) {
        self.define(&item.ident, &[Ns::Type]);
    }

    fn visit_item_const(&mut self, item: &'ast syn::ItemConst) {
        self.define(&item.ident, &[Ns::Value]);
        visit::visit_item_const(self, item);
    }

    fn visit_item_static(&mut self, item: &'ast syn::ItemStatic) {
        self.define(&item.ident, &[Ns::Value]);
        visit::visit_item_static(self, item);
    }

    fn visit_item_macro(&mut self, item: &'ast syn::ItemMacro) {
        if let Some(name) = &item.ident {
            self.define(name, &[Ns::Macro]);
            if has_attribute(&item.attrs, "macro_export") {
                let root = self.builder.modules[self.current()].root;
                self.builder.modules[root]
                    .items
                    .entry(name.to_string())
                    .or_default()
                    .push(Ns::Macro);
            }
        }
    }
}

/// The second pass: every path in a file, resolved and recorded as an edge.
struct EdgeFinder<'b, 's> {
    builder: &'b mut Builder<'s>,
    scope: Vec<usize>,
}

impl EdgeFinder<'_, '_> {
    fn current(&self) -> usize {
        *self.scope.last().unwrap_or(&0)
    }

    fn name(path: &syn::Path) -> Vec<String> {
        path.segments.iter().map(|s| s.ident.to_string()).collect()
    }

    /// Records the path itself, then looks inside its generic arguments.
    fn path_in(&mut self, path: &syn::Path, ns: Ns) {
        let segments = Self::name(path);
        if path.leading_colon.is_none() {
            self.builder.record(self.current(), &segments, ns, true);
        }
        for segment in &path.segments {
            self.visit_path_arguments(&segment.arguments);
        }
    }

    /// A macro's input is tokens: read as expressions when it is a list of them (`assert_eq!`,
    /// `format!`, `vec!`), else every `a::b` in it is taken as a path.
    fn macro_input(&mut self, mac: &syn::Macro, is_definition: bool) {
        if !is_definition
            && let Ok(exprs) =
                mac.parse_body_with(Punctuated::<syn::Expr, syn::Token![,]>::parse_terminated)
        {
            for expr in &exprs {
                self.visit_expr(expr);
            }
            return;
        }
        if let Ok(paths) = mac.parse_body_with(scan_paths) {
            for path in paths {
                self.builder.record(self.current(), &path, Ns::Any, false);
            }
        }
    }
}

impl<'ast> Visit<'ast> for EdgeFinder<'_, '_> {
    fn visit_attribute(&mut self, _: &'ast syn::Attribute) {
        // Attributes name derives, lints and cfgs, not the crate's items.
    }

    fn visit_item_mod(&mut self, item: &'ast syn::ItemMod) {
        // A declaration is not an edge; an inline module is scanned in its own scope.
        let Some((_, items)) = &item.content else {
            return;
        };
        let name = item.ident.to_string();
        let Some(&child) = self.builder.modules[self.current()].children.get(&name) else {
            return;
        };
        self.scope.push(child);
        for inner in items {
            self.visit_item(inner);
        }
        self.scope.pop();
    }

    fn visit_item_use(&mut self, item: &'ast syn::ItemUse) {
        // A re-export is followed by whoever names it, and is no edge itself.
        if !matches!(item.vis, syn::Visibility::Inherited) {
            return;
        }
        for leaf in use_leaves(item) {
            if leaf.glob {
                // A glob's edges are the names used through it; a glob of an enum's
                // variants is an edge to the enum.
                if let Some(Res::Item { .. }) =
                    self.builder
                        .resolve(self.current(), &leaf.path, Ns::Type, 0)
                {
                    self.builder
                        .record(self.current(), &leaf.path, Ns::Type, true);
                }
                continue;
            }
            self.builder
                .record(self.current(), &leaf.path, Ns::Any, true);
        }
    }

    fn visit_item_macro(&mut self, item: &'ast syn::ItemMacro) {
        let is_definition = item.ident.is_some();
        self.macro_input(&item.mac, is_definition);
    }

    fn visit_macro(&mut self, mac: &'ast syn::Macro) {
        self.path_in(&mac.path, Ns::Macro);
        self.macro_input(mac, false);
    }

    fn visit_expr_path(&mut self, expr: &'ast syn::ExprPath) {
        if let Some(qself) = &expr.qself {
            self.visit_type(&qself.ty);
        }
        self.path_in(&expr.path, Ns::Value);
    }

    fn visit_type_path(&mut self, ty: &'ast syn::TypePath) {
        if let Some(qself) = &ty.qself {
            self.visit_type(&qself.ty);
        }
        self.path_in(&ty.path, Ns::Type);
    }

    fn visit_path(&mut self, path: &'ast syn::Path) {
        self.path_in(path, Ns::Any);
    }
}

/// Every `a::b…` in a token stream, skipping fields and method names (after `.`) and macro
/// variables (after `$`).
fn scan_paths(input: ParseStream) -> syn::Result<Vec<Vec<String>>> {
    input.step(|cursor| {
        let mut found = Vec::new();
        let rest = scan(*cursor, &mut found);
        Ok((found, rest))
    })
}

fn scan<'a>(mut cursor: Cursor<'a>, found: &mut Vec<Vec<String>>) -> Cursor<'a> {
    let mut after_dot_or_dollar = false;
    while !cursor.eof() {
        if let Some((inside, _, _, next)) = cursor.any_group() {
            scan(inside, found);
            cursor = next;
            after_dot_or_dollar = false;
        } else if let Some((ident, next)) = cursor.ident() {
            let mut segments = vec![ident.to_string()];
            let mut at = next;
            while let Some(after) = double_colon(at)
                && let Some((ident, next)) = after.ident()
            {
                segments.push(ident.to_string());
                at = next;
            }
            if !after_dot_or_dollar && segments.len() > 1 {
                found.push(segments);
            }
            cursor = at;
            after_dot_or_dollar = false;
        } else if let Some((punct, next)) = cursor.punct() {
            after_dot_or_dollar = matches!(punct.as_char(), '.' | '$');
            cursor = next;
        } else if let Some((_, next)) = cursor.token_tree() {
            cursor = next;
            after_dot_or_dollar = false;
        } else {
            break;
        }
    }
    cursor
}

fn double_colon(cursor: Cursor<'_>) -> Option<Cursor<'_>> {
    let (first, next) = cursor.punct()?;
    let (second, after) = next.punct()?;
    (first.as_char() == ':' && second.as_char() == ':').then_some(after)
}

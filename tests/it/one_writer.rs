//! `app::update` is the one writer of `AppState`: what the shell and the
//! command line used to set directly (a console's height, a store that
//! cannot be used, the incidents restored, the first notice) now arrives as
//! a message or through the one constructor, and does what it did.

use std::collections::BTreeSet;
use std::path::PathBuf;

use floorwatch::app::hub::Hub;
use floorwatch::app::{AppState, Key, Msg, Setup, update};
use floorwatch::engine::rules::RuleEngine;
use floorwatch::engine::{EngineSettings, Floor};
use floorwatch::model::Timestamp;

use super::floor_fixture::{self, T0};
use super::source_files::rust_files_under;

fn selected_index(state: &AppState) -> usize {
    let rows = floorwatch::app::view::wallboard_rows(state);
    floorwatch::app::view::selected_index(&rows, state).unwrap()
}

#[test]
fn a_console_pages_by_the_rows_its_height_shows() {
    let mut state = floor_fixture::state();
    // Eight rows go to the header, tiles and titles: 10 rows show 2 queues.
    update(&mut state, Msg::Resized { rows: 10 });
    let top = selected_index(&state);
    update(&mut state, Msg::KeyPressed(Key::PageDown));
    assert_eq!(selected_index(&state), top + 2);
    update(&mut state, Msg::KeyPressed(Key::Home));
    update(&mut state, Msg::Resized { rows: 11 });
    update(&mut state, Msg::KeyPressed(Key::PageDown));
    assert_eq!(selected_index(&state), top + 3);
    // A terminal too short for any row still pages by one.
    update(&mut state, Msg::KeyPressed(Key::Home));
    update(&mut state, Msg::Resized { rows: 3 });
    update(&mut state, Msg::KeyPressed(Key::PageDown));
    assert_eq!(selected_index(&state), top + 1);
}

#[test]
fn a_store_that_cannot_be_used_makes_the_console_live_only_and_says_why() {
    let mut state = floor_fixture::state();
    let outcome = update(
        &mut state,
        Msg::StoreUnavailable {
            why: "in use by another floorwatch (pid 7)".into(),
            will_retry: true,
        },
    );
    assert!(outcome.redraw);
    assert!(state.saving.live_only);
    assert!(!state.saving.never, "it will be tried again");
    update(
        &mut state,
        Msg::StoreUnavailable {
            why: "written by a newer floorwatch".into(),
            will_retry: false,
        },
    );
    assert!(state.saving.never);
    assert_eq!(
        state.saving.failing.as_deref(),
        Some("written by a newer floorwatch")
    );
}

fn setup_state(operator: &str) -> AppState {
    let t0 = Timestamp::from_secs(T0);
    let mut setup = Setup::new(Floor::new(EngineSettings::default()), t0, 3600);
    setup.operator = operator.into();
    setup.bell_on_critical = false;
    setup.simulated = true;
    setup.platform_label = "asterisk · 127.0.0.1:8088".into();
    setup.rules = RuleEngine::new(Vec::new());
    AppState::start(setup)
}

#[test]
fn the_one_constructor_starts_the_state_from_its_setup() {
    let state = setup_state("ana");
    assert_eq!(state.view.operator, "ana");
    assert!(!state.view.bell_on_critical);
    assert!(state.simulated);
    assert_eq!(state.platform_label, "asterisk · 127.0.0.1:8088");
    assert!(state.rules.rules().is_empty());
    assert_eq!(state.view.utc_offset_s, 3600);
    assert!(state.incidents.is_empty());
    // `AppState::new` is the same constructor with the shipped defaults.
    let plain = AppState::new(Floor::new(EngineSettings::default()), state.wall_now, 0);
    assert!(!plain.rules.rules().is_empty());
    assert!(plain.view.bell_on_critical);
}

#[test]
fn restored_incidents_come_through_update_with_a_broken_record_named() {
    let mut state = setup_state("ana");
    let outcome = update(
        &mut state,
        Msg::Restored {
            incidents: Vec::new(),
            broken: vec![4, 9],
        },
    );
    assert!(outcome.redraw);
    let notice = state.view.notice.clone().unwrap_or_default();
    assert!(notice.contains("4, 9"), "{notice}");
    // The hub takes that notice to the first console that attaches, not to
    // every console: the others came later and have nothing to restore.
    let mut hub = Hub::new(state);
    hub.greet("no other console can attach".into());
    let first = hub.attach("ana".into(), 0, true);
    let second = hub.attach("bo".into(), 0, true);
    let notice_of = |hub: &mut Hub, id| hub.view_of(id, |s| s.view.notice.clone()).unwrap();
    assert_eq!(notice_of(&mut hub, first), Some(notice));
    assert_eq!(notice_of(&mut hub, second), None);
}

#[test]
fn a_greeting_reaches_the_first_console_when_the_state_has_nothing_to_say() {
    let mut hub = Hub::new(setup_state("ana"));
    hub.greet("the theme file was skipped".into());
    hub.greet("a later word does not replace it".into());
    let first = hub.attach("ana".into(), 0, true);
    let notice = hub.view_of(first, |s| s.view.notice.clone()).unwrap();
    assert_eq!(notice.as_deref(), Some("the theme file was skipped"));
}

// The same, kept by construction: outside `src/app/` no code assigns to a
// field of the state or its view, or changes one in place, and a function
// that takes `&mut AppState` hands it to `update`.

use syn::visit::Visit;

/// What the state holds (`AppState` and `View`), by field name, from the source.
fn state_fields() -> BTreeSet<String> {
    let path = src().join("app/state.rs");
    let file = syn::parse_file(&std::fs::read_to_string(path).unwrap()).unwrap();
    let mut fields = BTreeSet::new();
    for item in file.items {
        if let syn::Item::Struct(s) = item
            && (s.ident == "AppState" || s.ident == "View")
        {
            fields.extend(
                s.fields
                    .iter()
                    .filter_map(|f| Some(f.ident.as_ref()?.to_string())),
            );
        }
    }
    fields
}

fn src() -> PathBuf {
    super::source_files::package().join("src")
}

/// Methods that change what they are called on.
const CHANGING: &[&str] = &[
    "push",
    "insert",
    "remove",
    "take",
    "clear",
    "extend",
    "retain",
    "truncate",
    "get_mut",
    "get_or_insert",
    "get_or_insert_with",
    "replace",
    "drain",
    "append",
    "iter_mut",
];

struct Writes<'a> {
    fields: &'a BTreeSet<String>,
    file: String,
    /// The function being read, to say where a write is.
    function: String,
    found: Vec<String>,
}

impl Writes<'_> {
    /// `state.view.notice`, `self.state.saving`: a path into the state.
    fn reaches_the_state(&self, expr: &syn::Expr) -> bool {
        let mut expr = expr;
        let mut through_field = false;
        loop {
            match expr {
                syn::Expr::Field(f) => {
                    if let syn::Member::Named(name) = &f.member {
                        if name == "state" {
                            return through_field;
                        }
                        through_field |= self.fields.contains(&name.to_string());
                    }
                    expr = &f.base;
                }
                syn::Expr::Index(i) => expr = &i.expr,
                syn::Expr::Paren(p) => expr = &p.expr,
                syn::Expr::Path(p) => {
                    return through_field && p.path.get_ident().is_some_and(|i| i == "state");
                }
                _ => return false,
            }
        }
    }

    fn note(&mut self, what: &str, expr: &syn::Expr) {
        self.found.push(format!(
            "{} fn {}: {what} ({})",
            self.file,
            self.function,
            chain(expr)
        ));
    }
}

impl<'ast> Visit<'ast> for Writes<'_> {
    fn visit_expr_assign(&mut self, node: &'ast syn::ExprAssign) {
        if self.reaches_the_state(&node.left) {
            self.note("assigns to the state", &node.left);
        }
        syn::visit::visit_expr_assign(self, node);
    }

    fn visit_expr_binary(&mut self, node: &'ast syn::ExprBinary) {
        let assigns = matches!(
            node.op,
            syn::BinOp::AddAssign(_) | syn::BinOp::SubAssign(_) | syn::BinOp::MulAssign(_)
        );
        if assigns && self.reaches_the_state(&node.left) {
            self.note("changes the state in place", &node.left);
        }
        syn::visit::visit_expr_binary(self, node);
    }

    fn visit_expr_method_call(&mut self, node: &'ast syn::ExprMethodCall) {
        if CHANGING.contains(&node.method.to_string().as_str())
            && self.reaches_the_state(&node.receiver)
        {
            self.note(
                &format!("calls .{}() on the state", node.method),
                &node.receiver,
            );
        }
        syn::visit::visit_expr_method_call(self, node);
    }

    fn visit_item_fn(&mut self, node: &'ast syn::ItemFn) {
        self.function = node.sig.ident.to_string();
        if takes_state_mutably(&node.sig) && !calls_update(&node.block) {
            self.found.push(format!(
                "{} fn {}: takes &mut AppState and does not hand it to update",
                self.file, self.function
            ));
        }
        syn::visit::visit_item_fn(self, node);
    }

    fn visit_impl_item_fn(&mut self, node: &'ast syn::ImplItemFn) {
        self.function = node.sig.ident.to_string();
        syn::visit::visit_impl_item_fn(self, node);
    }
}

/// `state.view.notice` as written.
fn chain(expr: &syn::Expr) -> String {
    match expr {
        syn::Expr::Field(f) => match &f.member {
            syn::Member::Named(name) => format!("{}.{name}", chain(&f.base)),
            syn::Member::Unnamed(index) => format!("{}.{}", chain(&f.base), index.index),
        },
        syn::Expr::Index(i) => format!("{}[…]", chain(&i.expr)),
        syn::Expr::Paren(p) => chain(&p.expr),
        syn::Expr::Path(p) => p
            .path
            .segments
            .iter()
            .map(|s| s.ident.to_string())
            .collect::<Vec<_>>()
            .join("::"),
        _ => "…".into(),
    }
}

/// A parameter `&mut AppState`.
fn takes_state_mutably(sig: &syn::Signature) -> bool {
    sig.inputs.iter().any(|input| match input {
        syn::FnArg::Typed(arg) => match &*arg.ty {
            syn::Type::Reference(r) => {
                r.mutability.is_some()
                    && matches!(&*r.elem, syn::Type::Path(p)
                        if p.path.segments.last().is_some_and(|s| s.ident == "AppState"))
            }
            _ => false,
        },
        syn::FnArg::Receiver(_) => false,
    })
}

/// Whether `block` calls a function named `update`.
fn calls_update(block: &syn::Block) -> bool {
    struct Calls(bool);
    impl<'ast> Visit<'ast> for Calls {
        fn visit_expr_call(&mut self, node: &'ast syn::ExprCall) {
            if let syn::Expr::Path(p) = &*node.func {
                self.0 |= p.path.segments.last().is_some_and(|s| s.ident == "update");
            }
            syn::visit::visit_expr_call(self, node);
        }
    }
    let mut calls = Calls(false);
    calls.visit_block(block);
    calls.0
}

fn writes_in(text: &str, file: &str, fields: &BTreeSet<String>) -> Vec<String> {
    let parsed = syn::parse_file(text).unwrap();
    let mut writes = Writes {
        fields,
        file: file.to_owned(),
        function: String::new(),
        found: Vec::new(),
    };
    writes.visit_file(&parsed);
    writes.found
}

#[test]
fn nothing_outside_app_writes_the_state() {
    let fields = state_fields();
    assert!(fields.contains("incidents") && fields.contains("page_rows"));
    let mut found = Vec::new();
    let mut scanned = 0;
    let app = src().join("app");
    for path in rust_files_under(&src()) {
        if path.starts_with(&app) || path == src().join("app.rs") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let name = path.strip_prefix(src()).unwrap().display().to_string();
        found.extend(writes_in(&text, &name, &fields));
        scanned += 1;
    }
    assert!(scanned > 50, "only {scanned} files read");
    assert!(
        found.is_empty(),
        "only app::update writes the state:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_writer_check_sees_each_way_of_writing() {
    let fields = state_fields();
    let shell = r#"
        fn draw(state: &AppState) -> usize { state.view.page_rows }
        fn resize(state: &mut AppState, rows: usize) { state.view.page_rows = rows; }
        fn restore(state: &mut AppState, i: Incident) { state.incidents.push(i); update(state, Msg::Resized { rows: 1 }); }
        fn live_only(state: &mut AppState) { update(state, Msg::SavingAgain); }
        impl Loop { fn tell(&mut self) { self.state.view.notice.take(); self.count += 1; } }
    "#;
    let found = writes_in(shell, "shell.rs", &fields);
    assert_eq!(found.len(), 4, "{found:#?}");
    assert_eq!(
        found,
        [
            "shell.rs fn resize: takes &mut AppState and does not hand it to update",
            "shell.rs fn resize: assigns to the state (state.view.page_rows)",
            "shell.rs fn restore: calls .push() on the state (state.incidents)",
            "shell.rs fn tell: calls .take() on the state (self.state.view.notice)",
        ]
    );
}

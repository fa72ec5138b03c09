//! Keys and what they do: one table feeds the key handling, the footer and the help screen.

use super::text::{Texts, fill};

/// A key press, independent of any terminal library.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Key {
    Char(char),
    Ctrl(char),
    Enter,
    Esc,
    Backspace,
    Tab,
    BackTab,
    Up,
    Down,
    Left,
    Right,
    PageUp,
    PageDown,
    Home,
    End,
    F(u8),
}

/// What the operator can ask for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Action {
    Quit,
    ToggleHelp,
    Back,
    MoveUp,
    MoveDown,
    PageUp,
    PageDown,
    Top,
    Bottom,
    Open,
    StartFilter,
    CycleSort,
    ReverseSort,
    CycleWindow,
    ClearFilter,
    ShowWallboard,
    ShowAlerts,
    Acknowledge,
    Snooze,
    ShowChecklist,
    CompleteStep,
    OverrideStep,
    OverrideChecklist,
    NextInQueue,
    PreviousInQueue,
    ShowReasons,
    ShowSites,
    NextScope,
    AddNote,
    Undo,
    CopyMessage,
    StartCommand,
    ToggleTimeline,
    ScrollUp,
    ScrollDown,
}

/// Where a binding applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Context {
    Everywhere,
    Wallboard,
    Detail,
    Alerts,
    Checklist,
    Reasons,
    Sites,
}

/// One row of the table: the keys, the action, where, and whether the footer shows it.
pub struct Binding {
    pub keys: &'static [Key],
    pub action: Action,
    pub context: Context,
    pub in_footer: bool,
}

pub const BINDINGS: &[Binding] = &[
    Binding {
        keys: &[Key::Up, Key::Char('k')],
        action: Action::MoveUp,
        context: Context::Everywhere,
        in_footer: false,
    },
    Binding {
        keys: &[Key::Down, Key::Char('j')],
        action: Action::MoveDown,
        context: Context::Everywhere,
        in_footer: true,
    },
    Binding {
        keys: &[Key::PageUp, Key::Ctrl('u')],
        action: Action::PageUp,
        context: Context::Everywhere,
        in_footer: false,
    },
    Binding {
        keys: &[Key::PageDown, Key::Ctrl('d')],
        action: Action::PageDown,
        context: Context::Everywhere,
        in_footer: false,
    },
    Binding {
        keys: &[Key::Home, Key::Char('g')],
        action: Action::Top,
        context: Context::Everywhere,
        in_footer: false,
    },
    Binding {
        keys: &[Key::End, Key::Char('G')],
        action: Action::Bottom,
        context: Context::Everywhere,
        in_footer: false,
    },
    Binding {
        keys: &[Key::Enter, Key::Char('l'), Key::Right],
        action: Action::Open,
        context: Context::Wallboard,
        in_footer: true,
    },
    Binding {
        keys: &[Key::Esc, Key::Char('h'), Key::Left],
        action: Action::Back,
        context: Context::Detail,
        in_footer: true,
    },
    Binding {
        keys: &[Key::Esc, Key::Char('h'), Key::Left],
        action: Action::Back,
        context: Context::Alerts,
        in_footer: true,
    },
    Binding {
        keys: &[Key::Char(' '), Key::Enter],
        action: Action::Acknowledge,
        context: Context::Alerts,
        in_footer: true,
    },
    Binding {
        keys: &[Key::Char('z')],
        action: Action::Snooze,
        context: Context::Alerts,
        in_footer: true,
    },
    Binding {
        keys: &[Key::Esc, Key::Char('h'), Key::Left],
        action: Action::Back,
        context: Context::Checklist,
        in_footer: false,
    },
    Binding {
        keys: &[Key::Char(' '), Key::Enter],
        action: Action::CompleteStep,
        context: Context::Checklist,
        in_footer: true,
    },
    Binding {
        keys: &[Key::Char('s')],
        action: Action::OverrideStep,
        context: Context::Checklist,
        in_footer: true,
    },
    Binding {
        keys: &[Key::Char('S')],
        action: Action::OverrideChecklist,
        context: Context::Checklist,
        in_footer: false,
    },
    Binding {
        keys: &[Key::Char('n')],
        action: Action::AddNote,
        context: Context::Checklist,
        in_footer: true,
    },
    Binding {
        keys: &[Key::Char('c')],
        action: Action::CopyMessage,
        context: Context::Checklist,
        in_footer: true,
    },
    Binding {
        keys: &[Key::Char('t')],
        action: Action::ToggleTimeline,
        context: Context::Checklist,
        in_footer: false,
    },
    Binding {
        keys: &[Key::Char('u')],
        action: Action::Undo,
        context: Context::Checklist,
        in_footer: true,
    },
    // The step list is short; what runs long is the message or the timeline below it.
    Binding {
        keys: &[Key::PageDown, Key::Ctrl('d')],
        action: Action::ScrollDown,
        context: Context::Checklist,
        in_footer: true,
    },
    Binding {
        keys: &[Key::PageUp, Key::Ctrl('u')],
        action: Action::ScrollUp,
        context: Context::Checklist,
        in_footer: false,
    },
    Binding {
        keys: &[Key::Char(':')],
        action: Action::StartCommand,
        context: Context::Everywhere,
        in_footer: false,
    },
    Binding {
        keys: &[Key::Char(']')],
        action: Action::NextInQueue,
        context: Context::Checklist,
        in_footer: false,
    },
    Binding {
        keys: &[Key::Char('[')],
        action: Action::PreviousInQueue,
        context: Context::Checklist,
        in_footer: false,
    },
    Binding {
        keys: &[Key::Char('3')],
        action: Action::ShowChecklist,
        context: Context::Everywhere,
        in_footer: false,
    },
    Binding {
        keys: &[Key::Char('4')],
        action: Action::ShowReasons,
        context: Context::Everywhere,
        in_footer: false,
    },
    Binding {
        keys: &[Key::Char('5')],
        action: Action::ShowSites,
        context: Context::Everywhere,
        in_footer: false,
    },
    Binding {
        keys: &[Key::Tab],
        action: Action::NextScope,
        context: Context::Reasons,
        in_footer: true,
    },
    Binding {
        keys: &[Key::Char('1')],
        action: Action::ShowWallboard,
        context: Context::Everywhere,
        in_footer: false,
    },
    Binding {
        keys: &[Key::Char('2'), Key::Char('a')],
        action: Action::ShowAlerts,
        context: Context::Everywhere,
        in_footer: true,
    },
    Binding {
        keys: &[Key::Char('/')],
        action: Action::StartFilter,
        context: Context::Wallboard,
        in_footer: true,
    },
    Binding {
        keys: &[Key::Char('s')],
        action: Action::CycleSort,
        context: Context::Wallboard,
        in_footer: true,
    },
    Binding {
        keys: &[Key::Char('S')],
        action: Action::ReverseSort,
        context: Context::Wallboard,
        in_footer: false,
    },
    Binding {
        keys: &[Key::Char('w')],
        action: Action::CycleWindow,
        context: Context::Everywhere,
        in_footer: true,
    },
    Binding {
        keys: &[Key::Esc],
        action: Action::ClearFilter,
        context: Context::Wallboard,
        in_footer: false,
    },
    Binding {
        keys: &[Key::Char('?'), Key::F(1)],
        action: Action::ToggleHelp,
        context: Context::Everywhere,
        in_footer: true,
    },
    Binding {
        keys: &[Key::Char('q'), Key::Ctrl('c')],
        action: Action::Quit,
        context: Context::Everywhere,
        in_footer: true,
    },
];

/// The action a key triggers in a context, if any.
pub fn action_for(key: Key, context: Context) -> Option<Action> {
    BINDINGS
        .iter()
        .filter(|b| b.context == context)
        .chain(BINDINGS.iter().filter(|b| b.context == Context::Everywhere))
        .find(|b| b.keys.contains(&key))
        .map(|b| b.action)
}

/// The bindings that apply in a context, specific ones first.
pub fn bindings_for(context: Context) -> impl Iterator<Item = &'static Binding> {
    BINDINGS
        .iter()
        .filter(move |b| b.context == context)
        .chain(BINDINGS.iter().filter(|b| b.context == Context::Everywhere))
}

/// How a key is written in the footer and help.
pub fn key_label(texts: &Texts, key: Key) -> String {
    let n = &texts.key_names;
    match key {
        Key::Char(' ') => n.space.into(),
        Key::Char(c) => c.to_string(),
        Key::Ctrl(c) => fill(n.ctrl, &[&c.to_string()]),
        Key::Enter => n.enter.into(),
        Key::Esc => n.esc.into(),
        Key::Backspace => n.backspace.into(),
        Key::Tab => n.tab.into(),
        Key::BackTab => n.back_tab.into(),
        Key::Up => "↑".into(),
        Key::Down => "↓".into(),
        Key::Left => "←".into(),
        Key::Right => "→".into(),
        Key::PageUp => n.page_up.into(),
        Key::PageDown => n.page_down.into(),
        Key::Home => n.home.into(),
        Key::End => n.end.into(),
        Key::F(number) => fill(n.function, &[&number.to_string()]),
    }
}

/// What an action is called on screen.
pub fn action_label(action: Action, texts: &Texts) -> &'static str {
    let k = &texts.keys;
    match action {
        Action::Quit => k.quit,
        Action::ToggleHelp => k.help,
        Action::Back => k.back,
        Action::MoveUp => k.move_up,
        Action::MoveDown => k.move_down,
        Action::PageUp => k.page_up,
        Action::PageDown => k.page_down,
        Action::Top => k.top,
        Action::Bottom => k.bottom,
        Action::Open => k.open,
        Action::StartFilter => k.filter,
        Action::CycleSort => k.sort,
        Action::ReverseSort => k.reverse_sort,
        Action::CycleWindow => k.window,
        Action::ClearFilter => k.clear_filter,
        Action::ShowWallboard => k.wallboard,
        Action::ShowAlerts => k.alerts,
        Action::Acknowledge => k.acknowledge,
        Action::Snooze => k.snooze,
        Action::ShowChecklist => k.checklist,
        Action::CompleteStep => k.complete,
        Action::OverrideStep => k.override_step,
        Action::OverrideChecklist => k.override_checklist,
        Action::NextInQueue => k.next_in_queue,
        Action::ShowReasons => k.reasons,
        Action::ShowSites => k.sites,
        Action::NextScope => k.next_scope,
        Action::PreviousInQueue => k.previous_in_queue,
        Action::AddNote => k.note,
        Action::Undo => k.undo,
        Action::CopyMessage => k.copy,
        Action::StartCommand => k.command,
        Action::ToggleTimeline => k.timeline,
        Action::ScrollUp => k.scroll_up,
        Action::ScrollDown => k.scroll_down,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn no_key_is_bound_twice_in_one_context() {
        for context in [
            Context::Wallboard,
            Context::Detail,
            Context::Alerts,
            Context::Checklist,
            Context::Reasons,
            Context::Sites,
        ] {
            let mut seen = HashSet::new();
            for binding in BINDINGS.iter().filter(|b| b.context == context) {
                for key in binding.keys {
                    assert!(seen.insert(*key), "{key:?} bound twice in {context:?}");
                }
            }
        }
    }

    #[test]
    fn vim_keys_and_arrows_agree() {
        for context in [
            Context::Wallboard,
            Context::Detail,
            Context::Alerts,
            Context::Checklist,
            Context::Reasons,
            Context::Sites,
        ] {
            assert_eq!(
                action_for(Key::Char('j'), context),
                action_for(Key::Down, context)
            );
            assert_eq!(
                action_for(Key::Char('k'), context),
                action_for(Key::Up, context)
            );
        }
        assert_eq!(
            action_for(Key::Enter, Context::Wallboard),
            Some(Action::Open)
        );
        assert_eq!(action_for(Key::Esc, Context::Detail), Some(Action::Back));
    }

    #[test]
    fn avoids_multiplexer_prefixes() {
        for binding in BINDINGS {
            for key in binding.keys {
                assert!(
                    !matches!(key, Key::Ctrl('b' | 'a' | 'g' | 'p' | 't' | 'n' | 'o')),
                    "{key:?} is a tmux/screen/zellij prefix"
                );
            }
        }
    }
}

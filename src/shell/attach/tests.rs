use std::sync::{Arc, Mutex};

use tokio::io::DuplexStream;

use super::*;
use crate::shell::protocol::{PROTOCOL, ThemeChoice, WireColorLevel};

/// What the console wrote to its terminal, shared with the test.
#[derive(Clone, Default)]
struct Written(Arc<Mutex<Vec<u8>>>);

impl Write for Written {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Written {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().unwrap()).into_owned()
    }

    /// Waits until the console has written `needle` (the console runs on
    /// its own; the test only waits for it, it does not time it).
    async fn wait_for(&self, needle: &str) {
        for _ in 0..1000 {
            if self.text().contains(needle) {
                return;
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        panic!("never written: {needle}\n{}", self.text());
    }
}

/// The screen those bytes leave on an 80 × 24 terminal, line by line:
/// just enough of a terminal (cursor moves, clearing, text) to read it.
fn screen_after(bytes: &str) -> Vec<String> {
    use unicode_width::UnicodeWidthChar as _;
    let mut grid = vec![vec![' '; 80]; 24];
    let (mut row, mut col) = (0usize, 0usize);
    let mut chars = bytes.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\x1b' {
            if let Some(cell) = grid.get_mut(row).and_then(|r| r.get_mut(col)) {
                *cell = c;
            }
            col += c.width().unwrap_or(0);
            continue;
        }
        if chars.next_if_eq(&']').is_some() {
            // An OSC, to the bell.
            for c in chars.by_ref() {
                if c == '\x07' {
                    break;
                }
            }
            continue;
        }
        chars.next_if_eq(&'[');
        let mut params = String::new();
        let end = loop {
            match chars.next() {
                Some(c) if c.is_ascii_digit() || c == ';' || c == '?' => params.push(c),
                other => break other,
            }
        };
        match end {
            Some('H') => {
                let mut at = params.split(';').map(|p| p.parse::<usize>().unwrap_or(1));
                row = at.next().unwrap_or(1) - 1;
                col = at.next().unwrap_or(1) - 1;
            }
            Some('J') => {
                for (r, line) in grid.iter_mut().enumerate().skip(row) {
                    let from = if r == row { col } else { 0 };
                    line.iter_mut().skip(from).for_each(|c| *c = ' ');
                }
            }
            _ => {}
        }
    }
    grid.into_iter()
        .map(|line| line.into_iter().collect::<String>().trim_end().to_string())
        .collect()
}

fn hello() -> ConsoleHello {
    ConsoleHello {
        cols: 0,
        rows: 0,
        utc_offset_s: -18_000,
        theme: ThemeChoice {
            name: None,
            colours: WireColorLevel::None,
            user_themes: vec![],
        },
        no_bell: false,
    }
}

fn options(socket: Option<PathBuf>, start_hub: Option<StartHub>) -> AttachOptions {
    AttachOptions {
        hello: hello(),
        socket,
        start_hub,
    }
}

/// The hub's side of a console's first exchange: the hello read, the welcome sent.
async fn welcome<S: AsyncRead + AsyncWrite + Unpin>(hub: &mut S) -> ConsoleHello {
    let Some(Hello {
        role: Role::Console(hello),
        ..
    }) = protocol::read_hello(hub).await.unwrap()
    else {
        panic!("not a console");
    };
    let welcome = ToConsole::Welcome {
        protocol: PROTOCOL,
        operator: "ana".to_string(),
    };
    protocol::write_to_console(hub, &welcome).await.unwrap();
    hello
}

async fn output(hub: &mut DuplexStream, bytes: &str) {
    let message = ToConsole::Output(bytes.as_bytes().to_vec());
    protocol::write_to_console(hub, &message).await.unwrap();
}

#[tokio::test]
async fn keys_and_resizes_reach_the_hub_and_its_goodbye_ends_the_console() {
    let written = Written::default();
    let (mut console, events) = Console::in_memory(100, 30, written.clone()).unwrap();
    let (client, mut hub) = tokio::io::duplex(1 << 16);
    let attached =
        tokio::spawn(async move { attach(&mut console, client, options(None, None)).await });

    let said = welcome(&mut hub).await;
    assert_eq!(
        (said.cols, said.rows, said.utc_offset_s),
        (100, 30, -18_000)
    );
    output(&mut hub, "FRAME-ONE").await;
    written.wait_for("FRAME-ONE").await;

    let key = ConsoleEvent::Key {
        key: Key::Char('j'),
        at_ms: 1_764_000_000_123,
    };
    events.send(key).await.unwrap();
    events
        .send(ConsoleEvent::Resize { cols: 80, rows: 24 })
        .await
        .unwrap();
    assert_eq!(
        protocol::read_to_hub(&mut hub).await.unwrap(),
        Some(ToHub::Key {
            key: WireKey::Char('j'),
            at_ms: 1_764_000_000_123
        })
    );
    assert_eq!(
        protocol::read_to_hub(&mut hub).await.unwrap(),
        Some(ToHub::Resize { cols: 80, rows: 24 })
    );
    let bye = ToConsole::Bye {
        reason: "dropped: this console fell too far behind".to_string(),
    };
    protocol::write_to_console(&mut hub, &bye).await.unwrap();
    assert_eq!(
        attached.await.unwrap().unwrap(),
        AttachEnd::Bye {
            reason: "dropped: this console fell too far behind".to_string()
        }
    );
}

#[tokio::test]
async fn when_the_hub_dies_its_figures_are_replaced_at_once_by_the_consoles_own_page() {
    let written = Written::default();
    let (mut console, events) = Console::in_memory(80, 24, written.clone()).unwrap();
    let (client, mut hub) = tokio::io::duplex(1 << 16);
    let attached =
        tokio::spawn(async move { attach(&mut console, client, options(None, None)).await });
    welcome(&mut hub).await;
    output(&mut hub, "Billing waiting 12").await;
    written.wait_for("Billing waiting 12").await;
    drop(hub); // the hub dies: no goodbye

    written.wait_for("HUB STOPPED").await;
    let lines = screen_after(&written.text());
    let page = lines.join("\n");
    assert!(!page.contains("Billing"), "no figure stays up: {page}");
    assert!(
        lines[0].starts_with("✖ HUB STOPPED at ")
            && lines[0].ends_with(" — nothing on this screen is live"),
        "{page}"
    );
    assert!(page.contains("No hub socket to attach to again."), "{page}");
    assert!(lines.iter().any(|l| l == "q  quit"), "{page}");
    assert!(
        !page.contains("start a hub"),
        "no r without a way to start a hub"
    );
    let at = page.split("HUB STOPPED at ").nth(1).unwrap();
    let time: Vec<&str> = at[..8].split(':').collect();
    assert!(
        time.len() == 3 && time.iter().all(|p| p.len() == 2 && p.parse::<u8>().is_ok()),
        "HH:MM:SS: {at}"
    );

    events
        .send(ConsoleEvent::Key {
            key: Key::Char('q'),
            at_ms: 0,
        })
        .await
        .unwrap();
    assert_eq!(attached.await.unwrap().unwrap(), AttachEnd::Quit);
}

#[tokio::test]
async fn the_console_attaches_again_when_a_hub_answers_on_the_socket() {
    let temp = tempfile::tempdir().unwrap();
    let socket = temp.path().join("hub.sock");
    let written = Written::default();
    let (mut console, _events) = Console::in_memory(80, 24, written.clone()).unwrap();
    let (client, mut hub) = tokio::io::duplex(1 << 16);
    let opts = options(Some(socket.clone()), None);
    let attached = tokio::spawn(async move { attach(&mut console, client, opts).await });
    welcome(&mut hub).await;
    drop(hub);
    written.wait_for("HUB STOPPED").await;
    let page = screen_after(&written.text()).join("");
    let retrying = format!("Attaching again every half second to {}", socket.display());
    assert!(page.contains(&retrying), "{page}");

    // A hub comes back (systemd restarted it).
    let listener = tokio::net::UnixListener::bind(&socket).unwrap();
    let (mut hub, _) = listener.accept().await.unwrap();
    let said = welcome(&mut hub).await;
    assert_eq!((said.cols, said.rows), (80, 24));
    let message = ToConsole::Output(b"LIVE AGAIN".to_vec());
    protocol::write_to_console(&mut hub, &message)
        .await
        .unwrap();
    written.wait_for("LIVE AGAIN").await;
    let bye = ToConsole::Bye {
        reason: String::new(),
    };
    protocol::write_to_console(&mut hub, &bye).await.unwrap();
    assert_eq!(
        attached.await.unwrap().unwrap(),
        AttachEnd::Bye {
            reason: String::new()
        }
    );
}

#[tokio::test]
async fn r_starts_a_hub_here_and_the_console_attaches_to_it() {
    let written = Written::default();
    let (mut console, events) = Console::in_memory(80, 24, written.clone()).unwrap();
    let (client, mut hub) = tokio::io::duplex(1 << 16);
    let (started_tx, mut started) = mpsc::channel::<DuplexStream>(1);
    let start: StartHub = Box::new(move || {
        let started_tx = started_tx.clone();
        Box::pin(async move {
            let (client, hub) = tokio::io::duplex(1 << 16);
            started_tx.send(hub).await.map_err(|e| e.to_string())?;
            Ok(Box::new(client) as BoxedStream)
        })
    });
    let attached =
        tokio::spawn(async move { attach(&mut console, client, options(None, Some(start))).await });
    welcome(&mut hub).await;
    drop(hub);
    written.wait_for("HUB STOPPED").await;
    let page = screen_after(&written.text());
    assert!(
        page.iter().any(|l| l.starts_with("r  start a hub here")),
        "{page:#?}"
    );
    events
        .send(ConsoleEvent::Key {
            key: Key::Char('r'),
            at_ms: 0,
        })
        .await
        .unwrap();
    let mut hub = started.recv().await.unwrap();
    welcome(&mut hub).await;
    output(&mut hub, "STARTED HERE").await;
    written.wait_for("STARTED HERE").await;
    drop(hub);
    // It died too: the page again, and a signal ends the console.
    let before = written.text().len();
    for _ in 0..1000 {
        if written.text()[before..].contains("HUB STOPPED") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    assert!(written.text()[before..].contains("HUB STOPPED"));
    events.send(ConsoleEvent::Signal("SIGTERM")).await.unwrap();
    assert_eq!(
        attached.await.unwrap().unwrap(),
        AttachEnd::Signal("SIGTERM")
    );
}

#[tokio::test]
async fn a_refusal_ends_the_console_before_full_screen() {
    let written = Written::default();
    let (mut console, _events) = Console::in_memory(80, 24, written.clone()).unwrap();
    let (client, mut hub) = tokio::io::duplex(1 << 16);
    let attached = tokio::spawn(async move {
        let end = attach(&mut console, client, options(None, None)).await;
        (end, console.full_screen)
    });
    protocol::read_hello(&mut hub).await.unwrap().unwrap();
    let refused = ToConsole::Refused {
        reason: "bob (uid 1002) may not use this hub: only ana may".to_string(),
    };
    protocol::write_to_console(&mut hub, &refused)
        .await
        .unwrap();
    let (end, full_screen) = attached.await.unwrap();
    assert_eq!(
        end.unwrap(),
        AttachEnd::Refused {
            reason: "bob (uid 1002) may not use this hub: only ana may".to_string()
        }
    );
    assert!(!full_screen);
    assert_eq!(written.text(), "", "nothing drawn");
}

#[tokio::test]
async fn a_hub_that_hangs_up_unanswered_is_an_error_not_a_page() {
    let written = Written::default();
    let (mut console, _events) = Console::in_memory(80, 24, written.clone()).unwrap();
    let (client, mut hub) = tokio::io::duplex(1 << 16);
    let attached =
        tokio::spawn(async move { attach(&mut console, client, options(None, None)).await });
    protocol::read_hello(&mut hub).await.unwrap().unwrap();
    drop(hub);
    let error = attached.await.unwrap().unwrap_err();
    assert!(error.to_string().contains("before answering"), "{error}");
    assert_eq!(written.text(), "");
}

#[tokio::test]
async fn a_signal_ends_the_console_while_a_hub_has_not_answered() {
    let written = Written::default();
    let (mut console, events) = Console::in_memory(80, 24, written.clone()).unwrap();
    let (client, mut hub) = tokio::io::duplex(1 << 16);
    let attached =
        tokio::spawn(async move { attach(&mut console, client, options(None, None)).await });
    protocol::read_hello(&mut hub).await.unwrap().unwrap();
    // The hub accepted and says nothing (stuck); the operator presses Ctrl-C.
    events.send(ConsoleEvent::Signal("SIGINT")).await.unwrap();
    assert_eq!(
        attached.await.unwrap().unwrap(),
        AttachEnd::Signal("SIGINT")
    );
    assert_eq!(written.text(), "");
    drop(hub);
}

#[tokio::test]
async fn a_hub_that_stops_reading_does_not_keep_a_signal_from_ending_the_console() {
    let written = Written::default();
    let (mut console, events) = Console::in_memory(80, 24, written.clone()).unwrap();
    // Room for a few keys only between the console and a hub that reads no more.
    let (client, mut hub) = tokio::io::duplex(256);
    let attached =
        tokio::spawn(async move { attach(&mut console, client, options(None, None)).await });
    welcome(&mut hub).await;
    output(&mut hub, "FROZEN").await;
    written.wait_for("FROZEN").await;
    for _ in 0..200 {
        let key = ConsoleEvent::Key {
            key: Key::Char('j'),
            at_ms: 1,
        };
        events.send(key).await.unwrap();
    }
    events.send(ConsoleEvent::Signal("SIGTERM")).await.unwrap();
    assert_eq!(
        attached.await.unwrap().unwrap(),
        AttachEnd::Signal("SIGTERM")
    );
    drop(hub);
}

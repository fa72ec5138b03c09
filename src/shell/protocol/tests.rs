use tokio::io::AsyncWriteExt;
use tokio::net::UnixStream;

use super::*;

fn console_hello() -> Hello {
    Hello::new(Role::Console(ConsoleHello {
        cols: 80,
        rows: 24,
        utc_offset_s: 3600,
        theme: ThemeChoice {
            name: Some("mine".to_string()),
            colours: WireColorLevel::Ansi256,
            user_themes: vec![ThemeSource {
                origin: "/home/ana/.config/floorwatch/themes/mine.toml".to_string(),
                text: "name = \"mine\"\ninherits = \"light\"\n".to_string(),
            }],
        },
        no_bell: true,
    }))
}

#[tokio::test]
async fn every_message_to_the_hub_crosses_a_real_socket_unchanged() {
    let (mut console, mut hub) = UnixStream::pair().unwrap();
    let report = Hello::new(Role::Report(ReportRequest::IncidentsExport {
        id: 7,
        format: ReportFormat::Md,
    }));
    write_to_hub(&mut console, &ToHub::Hello(console_hello()))
        .await
        .unwrap();
    let keys = [
        WireKey::Char('é'),
        WireKey::Ctrl('c'),
        WireKey::F(5),
        WireKey::BackTab,
    ];
    for key in keys {
        write_to_hub(
            &mut console,
            &ToHub::Key {
                key,
                at_ms: 1_700_000_000_123,
            },
        )
        .await
        .unwrap();
    }
    write_to_hub(
        &mut console,
        &ToHub::Resize {
            cols: 120,
            rows: 40,
        },
    )
    .await
    .unwrap();
    write_to_hub(&mut console, &ToHub::Bye).await.unwrap();
    drop(console);

    assert_eq!(read_hello(&mut hub).await.unwrap(), Some(console_hello()));
    for key in keys {
        assert_eq!(
            read_to_hub(&mut hub).await.unwrap(),
            Some(ToHub::Key {
                key,
                at_ms: 1_700_000_000_123
            })
        );
    }
    assert_eq!(
        read_to_hub(&mut hub).await.unwrap(),
        Some(ToHub::Resize {
            cols: 120,
            rows: 40
        })
    );
    assert_eq!(read_to_hub(&mut hub).await.unwrap(), Some(ToHub::Bye));
    assert_eq!(read_to_hub(&mut hub).await.unwrap(), None, "a clean end");

    let (mut asker, mut hub) = UnixStream::pair().unwrap();
    write_to_hub(&mut asker, &ToHub::Hello(report.clone()))
        .await
        .unwrap();
    assert_eq!(read_hello(&mut hub).await.unwrap(), Some(report));
}

#[tokio::test]
async fn every_message_to_a_console_crosses_a_real_socket_unchanged() {
    let (mut hub, mut console) = UnixStream::pair().unwrap();
    let screen: Vec<u8> = (0..=255u8).cycle().take(70_000).collect();
    let after = [
        ToConsole::Output(screen),
        ToConsole::Output(Vec::new()),
        ToConsole::Report {
            text: "#1 queue-down\n".to_string(),
        },
        ToConsole::ReportFailed {
            reason: "no incident 9".to_string(),
        },
        ToConsole::Bye {
            reason: "the hub is stopping".to_string(),
        },
    ];
    let welcome = ToConsole::Welcome {
        protocol: PROTOCOL,
        operator: "ana".to_string(),
    };
    let writer = {
        let after = after.clone();
        let welcome = welcome.clone();
        tokio::spawn(async move {
            write_to_console(&mut hub, &welcome).await.unwrap();
            for message in &after {
                write_to_console(&mut hub, message).await.unwrap();
            }
        })
    };
    assert_eq!(read_welcome(&mut console).await.unwrap(), Some(welcome));
    for message in after {
        assert_eq!(read_to_console(&mut console).await.unwrap(), Some(message));
    }
    writer.await.unwrap();
    assert_eq!(read_to_console(&mut console).await.unwrap(), None);
}

#[test]
fn keys_convert_both_ways_without_loss() {
    let keys = [
        Key::Char('q'),
        Key::Char('中'),
        Key::Ctrl('l'),
        Key::Enter,
        Key::Esc,
        Key::Backspace,
        Key::Tab,
        Key::BackTab,
        Key::Up,
        Key::Down,
        Key::Left,
        Key::Right,
        Key::PageUp,
        Key::PageDown,
        Key::Home,
        Key::End,
        Key::F(12),
    ];
    for key in keys {
        assert_eq!(Key::from(WireKey::from(key)), key);
    }
}

#[tokio::test]
async fn a_frame_over_the_limit_is_refused_before_it_is_read() {
    let (mut peer, mut hub) = UnixStream::pair().unwrap();
    let len = u32::try_from(MAX_FRAME + 1).unwrap();
    peer.write_all(&len.to_be_bytes()).await.unwrap();
    peer.write_all(b"J{").await.unwrap();
    let error = read_to_hub(&mut hub).await.unwrap_err();
    assert!(
        matches!(error, ProtocolError::TooLarge { len, limit } if len == MAX_FRAME + 1 && limit == MAX_FRAME),
        "{error:?}"
    );
    let said = error.to_string();
    assert!(
        said.contains("16777217 bytes") && said.contains("limit of 16777216"),
        "{said}"
    );
}

#[tokio::test]
async fn a_console_of_another_protocol_is_told_both_versions() {
    let (mut console, mut hub) = UnixStream::pair().unwrap();
    // What a future console might send: a role this build cannot decode.
    let future = serde_json::json!({
        "type": "hello", "protocol": 2, "version": "9.0.0",
        "role": {"console": {"size": [80, 24], "palette": "new"}}
    });
    let mut payload = vec![TAG_JSON];
    payload.extend(serde_json::to_vec(&future).unwrap());
    console
        .write_all(&u32::try_from(payload.len()).unwrap().to_be_bytes())
        .await
        .unwrap();
    console.write_all(&payload).await.unwrap();

    let error = read_hello(&mut hub).await.unwrap_err();
    assert!(
        matches!(
            error,
            ProtocolError::OtherVersion {
                ours: 1,
                theirs: 2,
                ..
            }
        ),
        "checked before the rest is decoded: {error:?}"
    );
    let said = error.to_string();
    assert!(
        said.contains("the console speaks floorwatch protocol 2 (floorwatch 9.0.0)")
            && said.contains(&format!("the hub protocol 1 (floorwatch {BUILD})")),
        "{said}"
    );
    assert!(said.contains("run the same floorwatch"), "{said}");
}

#[tokio::test]
async fn a_hub_of_another_protocol_is_named_and_its_refusal_is_shown_whatever_its_version() {
    let (mut hub, mut console) = UnixStream::pair().unwrap();
    for message in [
        serde_json::json!({"type": "welcome", "protocol": 3, "operator": "ana", "extra": 1}),
        serde_json::json!({"type": "refused", "reason": "you are not in group floor"}),
    ] {
        let mut payload = vec![TAG_JSON];
        payload.extend(serde_json::to_vec(&message).unwrap());
        hub.write_all(&u32::try_from(payload.len()).unwrap().to_be_bytes())
            .await
            .unwrap();
        hub.write_all(&payload).await.unwrap();
    }
    let error = read_welcome(&mut console).await.unwrap_err();
    assert!(
        error
            .to_string()
            .contains("the hub speaks floorwatch protocol 3"),
        "{error}"
    );
    assert_eq!(
        read_welcome(&mut console).await.unwrap(),
        Some(ToConsole::Refused {
            reason: "you are not in group floor".to_string()
        })
    );
}

#[tokio::test]
async fn garbage_first_frames_are_refused_without_a_panic() {
    let garbage: [&[u8]; 7] = [
        b"\x00\x00\x00\x05Jnope",
        b"\x00\x00\x00\x03J{}",
        b"\x00\x00\x00\x05O\x1b[2J",
        b"\x00\x00\x00\x00",
        b"\x00\x00\x00\x03Z{}",
        b"\x00\x00\x00\x10J{\"protoc",
        b"GET / HTTP/1.1\r\nHost: x\r\n\r\n",
    ];
    for bytes in garbage {
        let (mut peer, mut hub) = UnixStream::pair().unwrap();
        peer.write_all(bytes).await.unwrap();
        drop(peer);
        let error = read_hello(&mut hub).await.unwrap_err();
        assert!(!error.to_string().is_empty(), "{bytes:?}: {error:?}");
    }
    let (mut hub, mut console) = UnixStream::pair().unwrap();
    hub.write_all(b"\x00\x00\x00\x0bJ{\"type\":1}")
        .await
        .unwrap();
    assert!(read_welcome(&mut console).await.is_err());
}

#[tokio::test]
async fn output_from_a_console_is_refused() {
    let (mut console, mut hub) = UnixStream::pair().unwrap();
    console.write_all(b"\x00\x00\x00\x02Ox").await.unwrap();
    assert!(matches!(
        read_to_hub(&mut hub).await,
        Err(ProtocolError::UnexpectedOutput)
    ));
}

#[tokio::test]
async fn a_report_is_asked_for_and_its_text_or_failure_comes_back() {
    for answer in [
        ToConsole::Report {
            text: "#1 queue-down\n".to_string(),
        },
        ToConsole::ReportFailed {
            reason: "no incident 9".to_string(),
        },
        ToConsole::Refused {
            reason: "bob may not".to_string(),
        },
    ] {
        let (mut asker, mut hub) = UnixStream::pair().unwrap();
        let served = {
            let answer = answer.clone();
            tokio::spawn(async move {
                let hello = read_hello(&mut hub).await.unwrap().unwrap();
                assert_eq!(
                    hello.role,
                    Role::Report(ReportRequest::DrillsList { json: true })
                );
                if !matches!(answer, ToConsole::Refused { .. }) {
                    let welcome = ToConsole::Welcome {
                        protocol: PROTOCOL,
                        operator: "ana".to_string(),
                    };
                    write_to_console(&mut hub, &welcome).await.unwrap();
                }
                write_to_console(&mut hub, &answer).await.unwrap();
            })
        };
        let got = request_report(&mut asker, ReportRequest::DrillsList { json: true }).await;
        served.await.unwrap();
        match (answer, got) {
            (ToConsole::Report { text }, Ok(got)) => assert_eq!(got, text),
            (ToConsole::ReportFailed { reason }, Err(ReportError::Failed(got))) => {
                assert_eq!(got, reason);
            }
            (ToConsole::Refused { reason }, Err(ReportError::Refused(got))) => {
                assert_eq!(got, reason);
            }
            (answer, got) => panic!("{answer:?} gave {got:?}"),
        }
    }
    let (mut asker, hub) = UnixStream::pair().unwrap();
    drop(hub);
    assert!(
        request_report(&mut asker, ReportRequest::Audit { json: false })
            .await
            .is_err()
    );
}

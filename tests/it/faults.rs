//! The fault matrix every adapter must survive, against a real server on
//! 127.0.0.1: connection refused, timeout, 500, 429 with Retry-After, malformed,
//! truncated and oversize bodies, a 404, rejected credentials. Each must give the
//! right condition and a message that says what happened.

use std::sync::Arc;
use std::time::Duration;

use floorwatch::model::PlatformCondition;
use floorwatch::platform::transport::TransportSettings;
use floorwatch::platform::{Platform, PlatformError};

use super::fake::{FakeServer, Reply, Request, refused_url};

/// Short limits so the matrix runs in seconds.
pub fn test_transport() -> TransportSettings {
    TransportSettings {
        connect_timeout: Duration::from_secs(1),
        read_timeout: Duration::from_millis(800),
        total_timeout: Duration::from_millis(1500),
        max_response_bytes: 64 * 1024,
        ca_file: None,
    }
}

pub struct Fault {
    pub name: &'static str,
    pub reply: Reply,
    pub condition: PlatformCondition,
    /// Words the message must contain.
    pub says: &'static str,
}

/// The faults of the matrix, built around a body the adapter would accept.
pub fn standard_faults(valid_body: &str) -> Vec<Fault> {
    let oversize = format!("{}{}", valid_body, " ".repeat(100 * 1024));
    vec![
        Fault {
            name: "500",
            reply: Reply::status(500, "Internal Server Error", &[], "oops"),
            condition: PlatformCondition::Unreachable,
            says: "HTTP 500",
        },
        Fault {
            name: "429 with Retry-After",
            reply: Reply::status(429, "Too Many Requests", &[("Retry-After", "7")], "{}"),
            condition: PlatformCondition::Throttled,
            says: "asked to wait 7s",
        },
        Fault {
            name: "malformed body",
            reply: Reply::json("{\"this is\": not json"),
            condition: PlatformCondition::Garbage,
            says: "line 1",
        },
        Fault {
            name: "truncated body",
            reply: Reply::truncated(valid_body),
            condition: PlatformCondition::Garbage,
            says: "cut off",
        },
        Fault {
            name: "oversize body",
            reply: Reply::json(&oversize),
            condition: PlatformCondition::Garbage,
            says: "64 KiB response cap",
        },
        Fault {
            name: "timeout",
            reply: Reply::silence(Duration::from_secs(5)),
            condition: PlatformCondition::Unreachable,
            says: "in time",
        },
        Fault {
            name: "404",
            reply: Reply::status(404, "Not Found", &[], "{}"),
            condition: PlatformCondition::NotFound,
            says: "not found at this URL",
        },
        Fault {
            name: "401",
            reply: Reply::status(401, "Unauthorized", &[], "{}"),
            condition: PlatformCondition::CredentialsRejected,
            says: "HTTP 401",
        },
    ]
}

/// Runs each fault: `setup` answers the requests that must succeed first
/// (login, token, queue list) and returns `None` for the data request, which
/// gets the fault. `build` makes the adapter for a base URL.
pub async fn check_matrix(
    faults: Vec<Fault>,
    setup: impl Fn(&Request) -> Option<Reply> + Send + Sync + Clone + 'static,
    build: impl Fn(&str) -> Box<dyn Platform>,
) {
    for fault in faults {
        let setup = setup.clone();
        let reply = Arc::new(fault.reply.clone());
        let server = FakeServer::start(move |r| setup(r).unwrap_or_else(|| (*reply).clone())).await;
        let mut platform = build(&server.url());
        let started = std::time::Instant::now();
        let error = platform
            .poll()
            .await
            .expect_err(&format!("{}: the poll must fail", fault.name));
        check(&error, fault.condition, fault.says, fault.name);
        if fault.condition == PlatformCondition::Throttled {
            assert!(
                matches!(error, PlatformError::Throttled { retry_after: Some(d), .. } if d == Duration::from_secs(7)),
                "{}: Retry-After is carried to the poller: {error:?}",
                fault.name
            );
        }
        assert!(
            started.elapsed() < Duration::from_secs(4),
            "{}: the poll gave up within its timeouts",
            fault.name
        );
        assert!(
            error.to_string().contains(&server.addr.to_string()),
            "{}: the message names the server: {error}",
            fault.name
        );
    }
    let mut platform = build(&refused_url().await);
    let error = platform.poll().await.expect_err("nothing listens");
    check(
        &error,
        PlatformCondition::Unreachable,
        "cannot connect",
        "connection refused",
    );
}

pub fn check(error: &PlatformError, condition: PlatformCondition, says: &str, name: &str) {
    assert_eq!(error.condition(), condition, "{name}: {error}");
    assert!(
        error.to_string().contains(says),
        "{name}: {error:?} should say {says:?}"
    );
}

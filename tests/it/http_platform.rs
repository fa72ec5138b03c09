//! The `http` adapter: the snapshot contract from any endpoint, `sim serve` among them.

use floorwatch::model::PlatformCondition;
use floorwatch::platform::Platform;
use floorwatch::platform::http::HttpPlatform;
use floorwatch::platform::secret::Secret;
use floorwatch::platform::transport::Transport;
use reqwest::Url;

use super::fake::{FakeServer, Reply};
use super::faults::{check, check_matrix, standard_faults, test_transport};

fn http_platform(base: &str, username: Option<&str>, secret: Option<&str>) -> Box<dyn Platform> {
    Box::new(HttpPlatform::new(
        Transport::new(test_transport()).unwrap(),
        Url::parse(base).unwrap(),
        username.map(str::to_owned),
        secret.map(Secret::new),
    ))
}

#[tokio::test]
async fn reads_the_simulator_served_over_http() {
    let server = super::serve::start(&["--seed", "3"]);
    let mut platform = http_platform(&server.base, None, None);
    let snapshot = platform.poll().await.expect("sim serve answers");
    assert_eq!(snapshot.platform.kind, "sim");
    assert!(
        snapshot.queues.len() >= 5,
        "{} queues",
        snapshot.queues.len()
    );
    assert!(snapshot.agents.len() > 10);
}

#[tokio::test]
async fn survives_the_fault_matrix() {
    let valid = serde_json::json!({
        "schema": "floorwatch.snapshot.v1",
        "platform": {"kind": "http", "name": "test"},
        "observed_at": "2026-11-23T10:00:00Z",
        "queues": []
    })
    .to_string();
    check_matrix(
        standard_faults(&valid),
        |_| None,
        |base| http_platform(base, None, None),
    )
    .await;
}

#[tokio::test]
async fn a_snapshot_that_breaks_the_contract_is_garbage_and_says_where() {
    let server = FakeServer::start(|_| {
        Reply::json(r#"{"schema": "floorwatch.snapshot.v1", "platform": {"kind": "x", "name": "y"},
            "observed_at": "2026-11-23T10:00:00Z", "queues": [{"id": "q1", "name": "Sales", "waiting": -3}]}"#)
    })
    .await;
    let error = http_platform(&server.url(), None, None)
        .poll()
        .await
        .unwrap_err();
    check(
        &error,
        PlatformCondition::Garbage,
        "queues[0].waiting",
        "negative count",
    );

    let server = FakeServer::start(|_| {
        Reply::json(
            r#"{"schema": "floorwatch.snapshot.v9", "platform": {"kind": "x", "name": "y"},
            "observed_at": "2026-11-23T10:00:00Z", "queues": []}"#,
        )
    })
    .await;
    let error = http_platform(&server.url(), None, None)
        .poll()
        .await
        .unwrap_err();
    check(&error, PlatformCondition::Garbage, "v9", "wrong schema");
}

/// A served snapshot with one conversation in progress, scored `score` by the platform (or not).
fn with_interaction(score: &str) -> String {
    format!(
        r#"{{"schema": "floorwatch.snapshot.v1", "platform": {{"kind": "x", "name": "y"}},
        "observed_at": "2026-11-23T10:00:00Z", "queues": [],
        "interactions": [{{"id": "conv-7", "queue": "billing", "agent": "王芳",
          "started_at": "2026-11-23T09:58:00Z", "customer_turn": "我要投诉！", "sentiment": {score}}}]}}"#
    )
}

#[tokio::test]
async fn conversations_in_progress_come_through_and_a_score_off_the_scale_is_refused() {
    let body = with_interaction("null");
    let server = FakeServer::start(move |_| Reply::json(&body)).await;
    let snapshot = http_platform(&server.url(), None, None)
        .poll()
        .await
        .unwrap();
    let conversation = &snapshot.interactions[0];
    assert_eq!(conversation.id, "conv-7");
    assert_eq!(conversation.agent.as_deref(), Some("王芳"));
    assert_eq!(conversation.customer_turn.as_deref(), Some("我要投诉！"));
    assert_eq!(
        conversation.sentiment, None,
        "the console will score the words"
    );

    let body = with_interaction("-40");
    let server = FakeServer::start(move |_| Reply::json(&body)).await;
    let error = http_platform(&server.url(), None, None)
        .poll()
        .await
        .unwrap_err();
    check(
        &error,
        PlatformCondition::Garbage,
        "interactions[conv-7].sentiment",
        "a score outside -1…1",
    );
}

#[tokio::test]
async fn credentials_travel_in_headers_and_never_in_messages() {
    let server = FakeServer::start(|_| Reply::status(403, "Forbidden", &[], "{}")).await;
    let error = http_platform(&server.url(), Some("floorwatch"), Some("hunter2-secret"))
        .poll()
        .await
        .unwrap_err();
    check(
        &error,
        PlatformCondition::CredentialsRejected,
        "HTTP 403",
        "forbidden",
    );
    assert!(
        !format!("{error} {error:?}").contains("hunter2"),
        "{error:?}"
    );
    let request = &server.requests()[0];
    let auth = request.header("authorization").expect("basic auth sent");
    assert!(auth.starts_with("Basic "), "{auth}");
    assert_eq!(
        request.path(),
        "/v1/snapshot",
        "a base URL gets the contract's path"
    );
}

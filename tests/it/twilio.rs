//! The `twilio` adapter against a fake TaskRouter on 127.0.0.1 whose every
//! answer is first checked against Twilio's own OpenAPI spec.

use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use floorwatch::model::{AgentCounts, PlatformCondition, QueueCounters, Snapshot, Timestamp};
use floorwatch::platform::secret::Secret;
use floorwatch::platform::transport::Transport;
use floorwatch::platform::twilio::{TwilioPlatform, TwilioSettings};
use floorwatch::platform::{Platform, PlatformError};
use futures_util::future::BoxFuture;
use reqwest::Url;
use serde_json::{Value, json};

use super::fake::{FakeServer, Reply, Request};
use super::faults::{check, check_matrix, standard_faults, test_transport};

const ACCOUNT: &str = "AC0123456789abcdef0123456789abcdef";
pub const WORKSPACE: &str = "WS0123456789abcdef0123456789abcdef";
const BILLING: &str = "WQ00000000000000000000000000000001";
const SALES: &str = "WQ00000000000000000000000000000002";
const SUPPORT: &str = "WQ00000000000000000000000000000003";
const AVAILABLE: &str = "WA00000000000000000000000000000001";
const IDLE: &str = "WA00000000000000000000000000000002";
const BREAK: &str = "WA00000000000000000000000000000003";
const OFFLINE: &str = "WA00000000000000000000000000000004";
pub const USERNAME: &str = "SK0123456789abcdef0123456789abcdef";
pub const SECRET: &str = "tw-secret-4f9a1c";
const START_TIME: &str = "2026-11-23T05:00:00Z";
const SERVER_DATE: &str = "Mon, 23 Nov 2026 10:00:00 GMT";

const SPEC: &str = "twilio/twilio_taskrouter_v1.json";
const WORKSPACE_PATH: &str = "/v1/Workspaces/{Sid}";
const QUEUES_PATH: &str = "/v1/Workspaces/{WorkspaceSid}/TaskQueues";
const ACTIVITIES_PATH: &str = "/v1/Workspaces/{WorkspaceSid}/Activities";
const STATISTICS_PATH: &str = "/v1/Workspaces/{WorkspaceSid}/TaskQueues/Statistics";
const REALTIME_SCHEMA: &str = "taskrouter.v1.workspace.task_queue.task_queue_real_time_statistics";
const CUMULATIVE_SCHEMA: &str =
    "taskrouter.v1.workspace.task_queue.task_queue_cumulative_statistics";

// ---------------------------------------------------------------------------
// Twilio's OpenAPI 3.0 spec as a JSON Schema validator.

struct Spec {
    doc: Value,
    components: Value,
}

impl Spec {
    /// The spec from the shared data, or `None` (the test skips) when absent.
    fn load() -> Option<Spec> {
        let path = super::shared::data(SPEC)?;
        let doc: Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
        let components = openapi_to_json_schema(&doc["components"]);
        Some(Spec { doc, components })
    }

    /// Errors of `body` as the 200 answer of `GET path`.
    fn check_response(&self, path: &str, body: &Value) -> Result<(), Vec<String>> {
        let schema = &self.doc["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]
            ["schema"];
        assert!(
            schema.is_object(),
            "the spec has no 200 schema for GET {path}"
        );
        self.check(schema, body)
    }

    /// Errors of `body` against `#/components/schemas/<name>`.
    fn check_component(&self, name: &str, body: &Value) -> Result<(), Vec<String>> {
        assert!(
            self.doc["components"]["schemas"][name].is_object(),
            "no schema {name}"
        );
        self.check(
            &json!({"$ref": format!("#/components/schemas/{name}")}),
            body,
        )
    }

    /// The schema with the spec's components beside it, so its `$ref`s resolve.
    fn check(&self, schema: &Value, body: &Value) -> Result<(), Vec<String>> {
        let mut root = openapi_to_json_schema(schema);
        root["components"] = self.components.clone();
        let validator = jsonschema::draft202012::new(&root).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(body)
            .map(|e| format!("{e} at {}", e.instance_path()))
            .collect();
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }

    /// A statistics page, its envelope and the (spec-untyped) realtime and
    /// cumulative objects of each item, which are checked against the
    /// single-queue schemas of the same figures.
    fn check_statistics(&self, page: &Value) -> Result<(), Vec<String>> {
        self.check_response(STATISTICS_PATH, page)?;
        for item in page["task_queues_statistics"].as_array().unwrap() {
            self.check_component(REALTIME_SCHEMA, &item["realtime"])?;
            self.check_component(CUMULATIVE_SCHEMA, &item["cumulative"])?;
        }
        Ok(())
    }
}

/// OpenAPI 3.0 says `nullable: true` where JSON Schema says the type includes `null`.
fn openapi_to_json_schema(schema: &Value) -> Value {
    match schema {
        Value::Object(map) => {
            let nullable = map.get("nullable") == Some(&Value::Bool(true));
            let mut out: serde_json::Map<String, Value> = map
                .iter()
                .filter(|(k, v)| !(k.as_str() == "nullable" && v.is_boolean()))
                .map(|(k, v)| (k.clone(), openapi_to_json_schema(v)))
                .collect();
            if nullable {
                allow_null(&mut out);
            }
            Value::Object(out)
        }
        Value::Array(items) => items.iter().map(openapi_to_json_schema).collect(),
        other => other.clone(),
    }
}

fn allow_null(schema: &mut serde_json::Map<String, Value>) {
    if let Some(Value::String(t)) = schema.get("type").cloned() {
        schema.insert("type".into(), json!([t, "null"]));
    }
    if let Some(Value::Array(values)) = schema.get_mut("enum") {
        values.push(Value::Null);
    }
    if let Some(reference) = schema.remove("$ref") {
        schema.insert(
            "anyOf".into(),
            json!([{"$ref": reference}, {"type": "null"}]),
        );
    }
}

// ---------------------------------------------------------------------------
// A realistic workspace: three queues, the third on a second statistics page.

fn meta(key: &str, path: &str, next: Option<String>) -> Value {
    let url = format!("https://taskrouter.twilio.com{path}?PageSize=1000&Page=0");
    json!({
        "first_page_url": url, "key": key, "next_page_url": next, "page": 0,
        "page_size": 1000, "previous_page_url": null, "url": url
    })
}

fn workspace_path(rest: &str) -> String {
    format!("/v1/Workspaces/{WORKSPACE}{rest}")
}

fn workspace_body() -> Value {
    json!({
        "account_sid": ACCOUNT, "sid": WORKSPACE, "friendly_name": "Acme Care",
        "date_created": "2025-01-01T00:00:00Z", "date_updated": "2025-01-01T00:00:00Z",
        "default_activity_name": "Offline", "default_activity_sid": OFFLINE,
        "timeout_activity_name": "Offline", "timeout_activity_sid": OFFLINE,
        "event_callback_url": null, "events_filter": null, "multi_task_enabled": true,
        "prioritize_queue_order": "FIFO",
        "url": format!("https://taskrouter.twilio.com{}", workspace_path("")),
        "links": {}
    })
}

fn task_queue(sid: &str, name: &str) -> Value {
    json!({
        "account_sid": ACCOUNT, "workspace_sid": WORKSPACE, "sid": sid, "friendly_name": name,
        "assignment_activity_sid": null, "assignment_activity_name": null,
        "reservation_activity_sid": null, "reservation_activity_name": null,
        "date_created": "2025-01-01T00:00:00Z", "date_updated": "2025-01-01T00:00:00Z",
        "max_reserved_workers": 1, "target_workers": "1==1", "task_order": "FIFO",
        "url": format!("https://taskrouter.twilio.com{}", workspace_path(&format!("/TaskQueues/{sid}"))),
        "links": {}
    })
}

fn queues_body() -> Value {
    json!({
        "task_queues": [
            task_queue(BILLING, "Billing"),
            task_queue(SALES, "Sales"),
            task_queue(SUPPORT, "Support"),
        ],
        "meta": meta("task_queues", &workspace_path("/TaskQueues"), None)
    })
}

fn activity(sid: &str, name: &str, available: bool) -> Value {
    json!({
        "account_sid": ACCOUNT, "workspace_sid": WORKSPACE, "sid": sid,
        "friendly_name": name, "available": available,
        "date_created": "2025-01-01T00:00:00Z", "date_updated": "2025-01-01T00:00:00Z",
        "url": format!("https://taskrouter.twilio.com{}", workspace_path(&format!("/Activities/{sid}"))),
        "links": {}
    })
}

fn activities_body() -> Value {
    json!({
        "activities": [
            activity(AVAILABLE, "Available", true),
            activity(IDLE, "Idle", true),
            activity(BREAK, "Break", false),
            activity(OFFLINE, "Offline", false),
        ],
        "meta": meta("activities", &workspace_path("/Activities"), None)
    })
}

fn workers(counts: &[(&str, &str, u32)]) -> Value {
    counts
        .iter()
        .map(|(sid, name, n)| json!({"sid": sid, "friendly_name": name, "workers": n}))
        .collect()
}

fn statistics(sid: &str, mut realtime: Value, mut cumulative: Value) -> Value {
    let ids = json!({"account_sid": ACCOUNT, "workspace_sid": WORKSPACE, "task_queue_sid": sid});
    for part in [&mut realtime, &mut cumulative] {
        for (k, v) in ids.as_object().unwrap() {
            part[k] = v.clone();
        }
    }
    json!({
        "account_sid": ACCOUNT, "workspace_sid": WORKSPACE, "task_queue_sid": sid,
        "realtime": realtime, "cumulative": cumulative,
        "url": format!("https://taskrouter.twilio.com{}", workspace_path(&format!("/TaskQueues/{sid}/Statistics")))
    })
}

/// Billing: task counts as numeric strings, both wait-time splits.
fn billing() -> Value {
    statistics(
        BILLING,
        json!({
            "total_tasks": 10,
            "tasks_by_status": {"pending": "4", "reserved": "1", "assigned": "3", "wrapping": "2"},
            "tasks_by_priority": {"0": "10"},
            "longest_task_waiting_age": 130,
            "longest_task_waiting_sid": "WT00000000000000000000000000000001",
            "longest_relative_task_age_in_queue": 95,
            "longest_relative_task_sid_in_queue": "WT00000000000000000000000000000001",
            "total_eligible_workers": 17,
            "total_available_workers": 9,
            "activity_statistics": workers(&[
                (AVAILABLE, "Available", 7), (IDLE, "Idle", 2), (BREAK, "Break", 3), (OFFLINE, "Offline", 5)
            ]),
        }),
        json!({
            "start_time": START_TIME, "end_time": "2026-11-23T10:00:00Z",
            "tasks_entered": 120, "tasks_completed": 95, "tasks_canceled": 12,
            "tasks_deleted": 0, "tasks_moved": 3,
            "reservations_created": 110, "reservations_accepted": 100, "reservations_rejected": 4,
            "reservations_timed_out": 6, "reservations_canceled": 0, "reservations_rescinded": 0,
            "avg_task_acceptance_time": 0.0,
            "wait_duration_until_accepted": {"avg": 14, "min": 1, "max": 96, "total": 1400},
            "wait_duration_in_queue_until_accepted": {"avg": 12, "min": 1, "max": 90, "total": 1200},
            "wait_duration_until_canceled": {"avg": 33, "min": 2, "max": 121, "total": 396},
            "split_by_wait_time": {
                "20": {"below": {"tasks_canceled": 5, "reservations_accepted": 80},
                       "above": {"tasks_canceled": 7, "reservations_accepted": 20}},
                "5": {"below": {"tasks_canceled": 2, "reservations_accepted": 30},
                      "above": {"tasks_canceled": 10, "reservations_accepted": 70}}
            }
        }),
    )
}

/// Sales: plain numbers, nobody waiting.
fn sales() -> Value {
    statistics(
        SALES,
        json!({
            "total_tasks": 2,
            "tasks_by_status": {"pending": 0, "reserved": 0, "assigned": 2, "wrapping": 0},
            "tasks_by_priority": {"0": 2},
            "longest_task_waiting_age": 0, "longest_task_waiting_sid": null,
            "longest_relative_task_age_in_queue": 0, "longest_relative_task_sid_in_queue": null,
            "total_eligible_workers": 6, "total_available_workers": 5,
            "activity_statistics": workers(&[(AVAILABLE, "Available", 5), (BREAK, "Break", 1)]),
        }),
        json!({
            "start_time": START_TIME, "end_time": "2026-11-23T10:00:00Z",
            "tasks_entered": 40, "tasks_completed": 37, "tasks_canceled": 1,
            "tasks_deleted": 0, "tasks_moved": 0,
            "reservations_created": 39, "reservations_accepted": 38, "reservations_rejected": 1,
            "reservations_timed_out": 0, "reservations_canceled": 0, "reservations_rescinded": 0,
            "avg_task_acceptance_time": 8,
            "wait_duration_in_queue_until_accepted": {"avg": 8, "min": 0, "max": 40, "total": 300},
            "split_by_wait_time": {
                "20": {"below": {"tasks_canceled": 1, "reservations_accepted": 35},
                       "above": {"tasks_canceled": 0, "reservations_accepted": 3}},
                "5": {"below": {"tasks_canceled": 0, "reservations_accepted": 20},
                      "above": {"tasks_canceled": 1, "reservations_accepted": 18}}
            }
        }),
    )
}

/// Support (second page): no age in queue, more tasks than available workers,
/// no splits and no wait durations.
fn support() -> Value {
    statistics(
        SUPPORT,
        json!({
            "total_tasks": 9,
            "tasks_by_status": {"pending": "2", "reserved": 0, "assigned": 6, "wrapping": 1},
            "tasks_by_priority": {},
            "longest_task_waiting_age": 41,
            "longest_task_waiting_sid": "WT00000000000000000000000000000002",
            "total_eligible_workers": 7, "total_available_workers": 4,
            "activity_statistics": workers(&[
                (AVAILABLE, "Available", 4), (BREAK, "Break", 2), (OFFLINE, "Offline", 1)
            ]),
        }),
        json!({
            "start_time": START_TIME, "end_time": "2026-11-23T10:00:00Z",
            "tasks_entered": 15, "tasks_completed": 9, "tasks_canceled": 4,
            "tasks_deleted": 0, "tasks_moved": 1,
            "reservations_created": 9, "reservations_accepted": 9, "reservations_rejected": 0,
            "reservations_timed_out": 0, "reservations_canceled": 0, "reservations_rescinded": 0,
            "avg_task_acceptance_time": 0.0,
            "wait_duration_in_queue_until_accepted": null,
            "split_by_wait_time": null
        }),
    )
}

fn statistics_page(items: Vec<Value>, next: Option<String>) -> Value {
    json!({
        "task_queues_statistics": items,
        "meta": meta("task_queues_statistics", &workspace_path("/TaskQueues/Statistics"), next)
    })
}

/// The next page as TaskRouter links it: absolute, with a page token.
fn next_page_url(base: &str) -> String {
    format!(
        "{base}{}?PageSize=1000&Page=1&PageToken=PT2",
        workspace_path("/TaskQueues/Statistics")
    )
}

/// Every answer of the fake workspace, checked against the spec.
struct Workspace {
    workspace: Value,
    queues: Value,
    activities: Value,
    first_page: Value,
    second_page: Value,
}

impl Workspace {
    fn new(next_page: String) -> Self {
        Workspace {
            workspace: workspace_body(),
            queues: queues_body(),
            activities: activities_body(),
            first_page: statistics_page(vec![billing(), sales()], Some(next_page)),
            second_page: statistics_page(vec![support()], None),
        }
    }

    fn validate(&self, spec: &Spec) {
        let checks = [
            (
                "workspace",
                spec.check_response(WORKSPACE_PATH, &self.workspace),
            ),
            (
                "task queues",
                spec.check_response(QUEUES_PATH, &self.queues),
            ),
            (
                "activities",
                spec.check_response(ACTIVITIES_PATH, &self.activities),
            ),
            ("statistics page 1", spec.check_statistics(&self.first_page)),
            (
                "statistics page 2",
                spec.check_statistics(&self.second_page),
            ),
        ];
        for (what, result) in checks {
            assert_eq!(result, Ok(()), "{what} does not match Twilio's spec");
        }
    }

    /// The answer to a request, or `None` for an unknown path.
    fn answer(&self, request: &Request) -> Option<Reply> {
        let path = request.path();
        let body = if path == workspace_path("") {
            &self.workspace
        } else if path == workspace_path("/TaskQueues") {
            &self.queues
        } else if path == workspace_path("/Activities") {
            &self.activities
        } else if path == workspace_path("/TaskQueues/Statistics") {
            if request.param("PageToken").as_deref() == Some("PT2") {
                &self.second_page
            } else {
                &self.first_page
            }
        } else {
            return None;
        };
        Some(Reply::status(
            200,
            "OK",
            &[("Content-Type", "application/json"), ("Date", SERVER_DATE)],
            body.to_string(),
        ))
    }
}

fn not_found() -> Reply {
    Reply::status(
        404,
        "Not Found",
        &[("Content-Type", "application/json")],
        r#"{"code": 20404, "message": "The requested resource was not found", "status": 404}"#,
    )
}

/// A fake TaskRouter serving `make(base)`, validated against the spec before
/// the first answer; `None` when the spec is absent (the test skips).
async fn serve_workspace(make: impl FnOnce(&str) -> Workspace) -> Option<FakeServer> {
    let spec = Spec::load()?;
    let ready: Arc<OnceLock<Workspace>> = Arc::new(OnceLock::new());
    let answers = Arc::clone(&ready);
    let server = FakeServer::start(move |request| {
        answers
            .get()
            .and_then(|w| w.answer(request))
            .unwrap_or_else(not_found)
    })
    .await;
    let workspace = make(&server.url());
    workspace.validate(&spec);
    assert!(ready.set(workspace).is_ok());
    Some(server)
}

/// The realistic two-page workspace, for tests elsewhere (the CLI's `poll --config`).
pub async fn serve_test_workspace() -> Option<FakeServer> {
    serve_workspace(|base| Workspace::new(next_page_url(base))).await
}

fn settings(base: &str, queues: &[&str]) -> TwilioSettings {
    TwilioSettings {
        url: Url::parse(base).unwrap(),
        username: USERNAME.into(),
        secret: Secret::new(SECRET),
        workspace_sid: WORKSPACE.into(),
        task_channel: Some("voice".into()),
        queues: queues.iter().map(|q| q.to_string()).collect(),
        sl_threshold: Duration::from_secs(20),
        short_abandon: Duration::from_secs(5),
    }
}

fn twilio(base: &str, queues: &[&str]) -> TwilioPlatform {
    TwilioPlatform::new(
        Transport::new(test_transport()).unwrap(),
        settings(base, queues),
    )
}

fn names(snapshot: &Snapshot) -> Vec<&str> {
    snapshot.queues.iter().map(|q| q.name.as_str()).collect()
}

fn base64(bytes: &[u8]) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

fn basic_auth() -> String {
    format!(
        "Basic {}",
        base64(format!("{USERNAME}:{SECRET}").as_bytes())
    )
}

fn timestamp(rfc3339: &str) -> Timestamp {
    let t = chrono::DateTime::parse_from_rfc3339(rfc3339).unwrap();
    Timestamp::from_millis(t.timestamp_millis())
}

// ---------------------------------------------------------------------------
// The tests.

#[test]
fn the_spec_check_can_fail() {
    let Some(spec) = Spec::load() else { return };
    let good = Workspace::new(next_page_url("http://127.0.0.1:1"));
    good.validate(&spec);

    let mut wrong_envelope = good.first_page.clone();
    wrong_envelope["task_queues_statistics"] = json!({"not": "a list"});
    assert!(spec.check_statistics(&wrong_envelope).is_err());

    let mut wrong_figure = good.first_page.clone();
    wrong_figure["task_queues_statistics"][0]["realtime"]["total_tasks"] = json!("many");
    let errors = spec.check_statistics(&wrong_figure).unwrap_err();
    assert!(
        errors.iter().any(|e| e.contains("total_tasks")),
        "{errors:?}"
    );

    let mut wrong_sid = good.queues.clone();
    wrong_sid["task_queues"][0]["sid"] = json!("QUEUE-1");
    assert!(spec.check_response(QUEUES_PATH, &wrong_sid).is_err());

    let mut wrong_flag = good.activities.clone();
    wrong_flag["activities"][0]["available"] = json!("yes");
    assert!(spec.check_response(ACTIVITIES_PATH, &wrong_flag).is_err());

    let mut wrong_page = good.second_page.clone();
    wrong_page["meta"]["page"] = json!("one");
    assert!(spec.check_response(STATISTICS_PATH, &wrong_page).is_err());
}

#[tokio::test]
async fn maps_a_realistic_workspace_over_two_pages() {
    let Some(server) = serve_workspace(|base| Workspace::new(next_page_url(base))).await else {
        return;
    };
    let mut platform = twilio(&server.url(), &[]);
    let snapshot = platform.poll().await.expect("the workspace answers");

    assert_eq!(snapshot.platform.kind, "twilio");
    assert_eq!(snapshot.platform.name, "twilio · Acme Care");
    assert_eq!(snapshot.observed_at, timestamp("2026-11-23T10:00:00Z"));
    assert_eq!(names(&snapshot), ["Billing", "Sales", "Support"]);
    assert!(snapshot.agents.is_empty() && snapshot.waiting_contacts.is_empty());
    assert!(snapshot.sites.is_empty());
    let since = Some(timestamp(START_TIME));

    let billing = &snapshot.queues[0];
    assert_eq!(billing.id.0, BILLING);
    assert_eq!(billing.waiting, 4, "numeric strings are counts");
    assert_eq!(billing.longest_wait_s, Some(95.0), "age in this queue");
    // 9 available workers, 3 assigned + 1 reserved on tasks, 2 wrapping;
    // Break counts as not ready, Offline not at all.
    let expected = AgentCounts {
        available: 3,
        ringing: 0,
        on_call: 4,
        wrap_up: Some(2),
        not_ready: 3,
    };
    assert_eq!(billing.agents, expected);
    let expected = QueueCounters {
        since,
        offered: Some(120),
        answered: Some(100),
        answered_in_sl: Some(80),
        abandoned: Some(12),
        abandoned_in_sl: Some(5),
        abandoned_short: Some(2),
        flowed_out: Some(3),
        answered_wait_s: Some(1200.0),
        handled: None,
        handle_time_s: None,
    };
    assert_eq!(billing.counters, expected);
    assert_eq!(billing.sl_threshold_s, Some(20.0));
    assert_eq!(billing.short_abandon_s, Some(5.0));
    assert_eq!(billing.sentiment, None);
    assert!(billing.reasons.is_empty());

    let sales = &snapshot.queues[1];
    assert_eq!((sales.waiting, sales.longest_wait_s), (0, Some(0.0)));
    let expected = AgentCounts {
        available: 3,
        ringing: 0,
        on_call: 2,
        wrap_up: Some(0),
        not_ready: 1,
    };
    assert_eq!(sales.agents, expected);
    let c = sales.counters;
    assert_eq!(
        (
            c.offered,
            c.answered,
            c.answered_in_sl,
            c.abandoned,
            c.abandoned_short
        ),
        (Some(40), Some(38), Some(35), Some(1), Some(0))
    );
    assert_eq!((c.answered_wait_s, c.handle_time_s), (Some(300.0), None));

    let support = &snapshot.queues[2];
    assert_eq!(support.id.0, SUPPORT, "the second page is read");
    assert_eq!(support.waiting, 2);
    assert_eq!(
        support.longest_wait_s,
        Some(41.0),
        "age since creation as the fallback"
    );
    // More tasks (6 + 1) than available workers (4): none is idle.
    let expected = AgentCounts {
        available: 0,
        ringing: 0,
        on_call: 6,
        wrap_up: Some(1),
        not_ready: 2,
    };
    assert_eq!(support.agents, expected);
    let expected = QueueCounters {
        since,
        offered: Some(15),
        answered: Some(9),
        abandoned: Some(4),
        flowed_out: Some(1),
        ..QueueCounters::default()
    };
    assert_eq!(support.counters, expected, "missing splits stay missing");

    check_requests(&server.requests(), &server.url());

    let again = platform.poll().await.expect("the second poll");
    assert_eq!(again, snapshot);
    assert_eq!(
        server.requests().len(),
        7,
        "names and activities come from the cache: two statistics pages more"
    );
}

/// Statistics (two pages) then workspace, queue list and activities, each with credentials.
fn check_requests(requests: &[Request], base: &str) {
    let paths: Vec<&str> = requests.iter().map(Request::path).collect();
    let statistics = workspace_path("/TaskQueues/Statistics");
    let expected = [
        statistics.clone(),
        statistics,
        workspace_path(""),
        workspace_path("/TaskQueues"),
        workspace_path("/Activities"),
    ];
    assert_eq!(paths, expected);
    for request in requests {
        assert_eq!(request.method, "GET");
        assert_eq!(request.header("authorization"), Some(basic_auth().as_str()));
    }
    let first = &requests[0];
    assert_eq!(first.param("SplitByWaitTime").as_deref(), Some("20,5"));
    assert_eq!(first.param("PageSize").as_deref(), Some("1000"));
    assert_eq!(first.param("TaskChannel").as_deref(), Some("voice"));
    assert_is_local_midnight(&first.param("StartDate").unwrap());
    let second = format!("{base}{}", requests[1].target);
    assert_eq!(
        second,
        next_page_url(base),
        "the next page is followed verbatim"
    );
    for list in &requests[3..] {
        assert_eq!(list.param("PageSize").as_deref(), Some("1000"));
    }
}

fn assert_is_local_midnight(start: &str) {
    assert!(start.ends_with('Z'), "{start} is UTC");
    let start = chrono::DateTime::parse_from_rfc3339(start).unwrap();
    let local = start.with_timezone(&chrono::Local);
    assert_eq!(local.time(), chrono::NaiveTime::MIN, "{local} is midnight");
    let age = chrono::Local::now().signed_duration_since(local);
    assert!(
        age >= chrono::TimeDelta::zero() && age < chrono::TimeDelta::hours(25),
        "{local} is today"
    );
}

#[tokio::test]
async fn watches_only_the_queues_named_by_name_or_sid() {
    let Some(server) = serve_workspace(|base| Workspace::new(next_page_url(base))).await else {
        return;
    };
    let snapshot = twilio(&server.url(), &["Sales", SUPPORT])
        .poll()
        .await
        .unwrap();
    assert_eq!(names(&snapshot), ["Sales", "Support"]);
    let snapshot = twilio(&server.url(), &["billing"]).poll().await.unwrap();
    assert_eq!(
        names(&snapshot),
        ["Billing"],
        "names match whatever their case"
    );

    let error = twilio(&server.url(), &["Sales", "Salse"])
        .poll()
        .await
        .unwrap_err();
    check(
        &error,
        PlatformCondition::Garbage,
        &format!("queue \"Salse\" is not in workspace {WORKSPACE}"),
        "a typo in the queue list",
    );
    assert!(
        error.to_string().contains("Billing, Sales, Support"),
        "{error}"
    );
}

/// The next page URL from the fake TaskRouter's base and the other server's port.
type NextPage = fn(&str, u16) -> String;

#[tokio::test]
async fn a_next_page_on_another_server_is_not_followed() {
    let elsewhere = FakeServer::start(|_| Reply::json("{}")).await;
    let port = elsewhere.addr.port();
    let cases: [(&str, NextPage); 3] = [
        ("another port", |_, port| {
            next_page_url(&format!("http://127.0.0.1:{port}"))
        }),
        ("another host", |base, _| {
            next_page_url(&base.replace("127.0.0.1", "localhost"))
        }),
        ("another scheme", |base, _| {
            next_page_url(&base.replace("http:", "https:"))
        }),
    ];
    for (case, next) in cases {
        let Some(server) = serve_workspace(|base| Workspace::new(next(base, port))).await else {
            return;
        };
        let error = twilio(&server.url(), &[]).poll().await.unwrap_err();
        check(&error, PlatformCondition::Garbage, "another server", case);
        assert!(!error.to_string().contains("PageToken"), "{case}: {error}");
        assert_eq!(
            server.requests().len(),
            1,
            "{case}: only the first page was asked for"
        );
    }
    assert!(
        elsewhere.requests().is_empty(),
        "no request reached the other server"
    );
}

/// A platform that keeps a copy of every error it returns.
struct Recording {
    inner: TwilioPlatform,
    errors: Arc<Mutex<Vec<PlatformError>>>,
}

impl Platform for Recording {
    fn poll(&mut self) -> BoxFuture<'_, Result<Snapshot, PlatformError>> {
        Box::pin(async move {
            let result = self.inner.poll().await;
            if let Err(e) = &result {
                self.errors.lock().unwrap().push(e.clone());
            }
            result
        })
    }
}

/// Answers the catalogue; the statistics get the fault.
fn catalogue_only(request: &Request) -> Option<Reply> {
    if request.path() == workspace_path("/TaskQueues/Statistics") {
        return None;
    }
    Workspace::new(String::new()).answer(request)
}

/// Answers the statistics and workspace; the queue list gets the fault.
fn all_but_the_queue_list(request: &Request) -> Option<Reply> {
    if request.path() == workspace_path("/TaskQueues") {
        return None;
    }
    let mut workspace = Workspace::new(String::new());
    workspace.first_page = statistics_page(vec![billing()], None);
    workspace.answer(request)
}

#[tokio::test]
async fn survives_the_fault_matrix_and_never_shows_the_secret() {
    let valid = statistics_page(vec![billing(), sales(), support()], None).to_string();
    let errors = Arc::new(Mutex::new(Vec::new()));
    let recorded = Arc::clone(&errors);
    let build = move |base: &str| -> Box<dyn Platform> {
        Box::new(Recording {
            inner: twilio(base, &[]),
            errors: Arc::clone(&recorded),
        })
    };
    check_matrix(standard_faults(&valid), catalogue_only, build.clone()).await;
    let valid = queues_body().to_string();
    check_matrix(standard_faults(&valid), all_but_the_queue_list, build).await;

    let errors = errors.lock().unwrap();
    assert_eq!(errors.len(), 2 * (standard_faults("").len() + 1));
    let credentials = base64(format!("{USERNAME}:{SECRET}").as_bytes());
    for error in errors.iter() {
        let shown = format!("{error} {error:?}");
        assert!(!shown.contains(SECRET), "{shown}");
        assert!(!shown.contains(&credentials), "{shown}");
    }
}

/// Counts so large their sum passes u64: garbage named by field, never a
/// panic or a total wrapped round to a small number.
#[tokio::test]
async fn counts_past_any_floor_are_garbage_named_by_field() {
    let huge = 10_000_000_000_000_000_000u64;
    let Some(server) = serve_workspace(|base| {
        let mut workspace = Workspace::new(next_page_url(base));
        let mut hostile = billing();
        hostile["realtime"]["tasks_by_status"]["assigned"] = json!(huge);
        hostile["realtime"]["tasks_by_status"]["reserved"] = json!(huge);
        workspace.first_page = statistics_page(vec![hostile, sales()], None);
        workspace
    })
    .await
    else {
        return;
    };
    let error = twilio(&server.url(), &[]).poll().await.unwrap_err();
    check(
        &error,
        PlatformCondition::Garbage,
        &format!(
            "queue {BILLING}: tasks_by_status.assigned + reserved = 18446744073709551615 is more than any floor holds"
        ),
        "assigned + reserved past u64",
    );
}

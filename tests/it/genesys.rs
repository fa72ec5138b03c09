//! The `genesys` adapter against a fake Genesys Cloud on 127.0.0.1 that
//! answers in the documented shapes (Genesys Cloud's API reference): OAuth tokens that can
//! be revoked, a paged queue list, queue observations and conversation
//! aggregates, Speech and Text Analytics per conversation, all with a fixed
//! `Date` so waits are deterministic.

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::{Local, TimeZone};
use floorwatch::model::{
    AgentCounts, Interaction, PlatformCondition, QueueCounters, QueueId, QueueObservation,
    Snapshot, Timestamp,
};
use floorwatch::platform::genesys::{GenesysPlatform, GenesysSettings};
use floorwatch::platform::secret::Secret;
use floorwatch::platform::transport::Transport;
use floorwatch::platform::{Platform, PlatformError};
use reqwest::Url;
use serde_json::{Value, json};

use super::fake::{FakeServer, Reply, Request};
use super::faults::{check, check_matrix, standard_faults, test_transport};

pub const CLIENT_ID: &str = "floorwatch-client";
pub const SECRET: &str = "s3cret-value";
/// base64("floorwatch-client:s3cret-value")
const BASIC: &str = "Basic Zmxvb3J3YXRjaC1jbGllbnQ6czNjcmV0LXZhbHVl";
/// A time that is no zone's midnight, so the day interval is never empty.
const DATE: &str = "Sun, 22 Nov 2026 10:07:13 GMT";
const NOW: &str = "2026-11-22T10:07:13.000Z";

const TOKEN_PATH: &str = "/oauth/token";
const QUEUES_PATH: &str = "/api/v2/routing/queues";
const OBSERVATIONS_PATH: &str = "/api/v2/analytics/queues/observations/query";
const AGGREGATES_PATH: &str = "/api/v2/analytics/conversations/aggregates/query";
/// Followed by a conversation id.
const STA_PATH: &str = "/api/v2/speechandtextanalytics/conversations/";

fn server_now() -> Timestamp {
    at(NOW)
}

fn at(rfc3339: &str) -> Timestamp {
    Timestamp::from_millis(
        chrono::DateTime::parse_from_rfc3339(rfc3339)
            .unwrap()
            .timestamp_millis(),
    )
}

fn dated_json(body: &str) -> Reply {
    Reply::status(
        200,
        "OK",
        &[("Content-Type", "application/json"), ("Date", DATE)],
        body,
    )
}

fn token_body(token: &str, expires_in: u64) -> String {
    json!({"access_token": token, "token_type": "bearer", "expires_in": expires_in}).to_string()
}

fn queue_entity(id: &str, name: &str, call_ms: u64) -> Value {
    json!({
        "id": id, "name": name, "memberCount": 12,
        "mediaSettings": {
            "call": {"alertingTimeoutSeconds": 8,
                     "serviceLevel": {"percentage": 0.8, "durationMs": call_ms}},
            "chat": {"alertingTimeoutSeconds": 30,
                     "serviceLevel": {"percentage": 0.9, "durationMs": 60000}},
        }
    })
}

/// The org's queues over two pages: Sales and Support, then Billing.
fn queue_page(number: u32) -> String {
    let entities = match number {
        1 => vec![
            queue_entity("q-sales", "Sales", 20_000),
            queue_entity("q-support", "Support", 30_000),
        ],
        2 => vec![queue_entity("q-billing", "Billing", 15_000)],
        _ => vec![],
    };
    json!({"entities": entities, "pageSize": 100, "pageNumber": number,
           "total": 3, "pageCount": 2})
    .to_string()
}

/// The conversations connected to agents, by queue: what `oInteracting`
/// lists when the query asks for its detail. Only the first names its agent
/// (a `userId` with a `participantName`).
fn conversations_in_progress() -> Vec<(&'static str, Value)> {
    vec![
        (
            "q-sales",
            json!({"observationDate": "2026-11-22T10:01:00.000Z", "conversationId": "conv-angry",
                   "sessionId": "s-angry", "routingPriority": 0, "direction": "inbound",
                   "userId": "u-ana", "participantName": "Ana Ortiz"}),
        ),
        (
            "q-sales",
            json!({"observationDate": "2026-11-22T10:06:30.000Z", "conversationId": "conv-new",
                   "userId": "u-ben"}),
        ),
        (
            "q-support",
            json!({"observationDate": "2026-11-22T10:03:00.000Z", "conversationId": "conv-happy",
                   "participantName": "A. Caller"}),
        ),
    ]
}

/// `oInteracting` for `queue`: the count, and the conversations when `listed`
/// (those not `ended`).
fn interacting(queue: &str, listed: Option<&[String]>) -> Value {
    let on_queue: Vec<Value> = conversations_in_progress()
        .into_iter()
        .filter(|(q, _)| *q == queue)
        .map(|(_, entry)| entry)
        .collect();
    let mut datum = json!({"metric": "oInteracting", "stats": {"count": on_queue.len()}});
    if let Some(ended) = listed {
        let open: Vec<Value> = on_queue
            .into_iter()
            .filter(|e| !ended.iter().any(|id| e["conversationId"] == id.as_str()))
            .collect();
        datum["observations"] = Value::Array(open);
    }
    datum
}

/// Sales: 3 voice + 1 callback waiting, agents in every routing status;
/// Support: nobody waiting, 4 idle; Billing: absent (nothing to observe).
/// With `listed`, the conversations in progress one by one, but those ended.
fn observations_body(listed: Option<&[String]>) -> String {
    json!({"systemToOrganizationMappings": {}, "results": [
        {"group": {"queueId": "q-sales", "mediaType": "voice"},
         "data": [
           {"metric": "oWaiting", "stats": {"count": 3}, "truncated": false,
            "observations": [
              {"observationDate": "2026-11-22T10:05:33.500Z", "conversationId": "c1",
               "sessionId": "s1", "routingPriority": 0, "direction": "inbound",
               "ani": "tel:+15551230001"},
              {"observationDate": "2026-11-22T10:06:13.000Z", "conversationId": "c2"},
              {"observationDate": "2026-11-22T10:06:53.000Z", "conversationId": "c3"}]},
           interacting("q-sales", listed),
           {"metric": "oAlerting", "stats": {"count": 1}}]},
        {"group": {"queueId": "q-sales", "mediaType": "callback"},
         "data": [
           {"metric": "oWaiting", "stats": {"count": 1},
            "observations": [{"observationDate": "2026-11-22T10:07:03.000Z"}]},
           {"metric": "oInteracting", "stats": {"count": 0}}]},
        {"group": {"queueId": "q-sales"},
         "data": [
           {"metric": "oOnQueueUsers", "qualifier": "IDLE", "stats": {"count": 2}},
           {"metric": "oOnQueueUsers", "qualifier": "INTERACTING", "stats": {"count": 5}},
           {"metric": "oOffQueueUsers", "stats": {"count": 3}},
           {"metric": "oUserRoutingStatuses", "qualifier": "IDLE", "stats": {"count": 2}},
           {"metric": "oUserRoutingStatuses", "qualifier": "INTERACTING", "stats": {"count": 5}},
           {"metric": "oUserRoutingStatuses", "qualifier": "COMMUNICATING", "stats": {"count": 1}},
           {"metric": "oUserRoutingStatuses", "qualifier": "NOT_RESPONDING", "stats": {"count": 1}},
           {"metric": "oUserRoutingStatuses", "qualifier": "OFF_QUEUE", "stats": {"count": 3}}]},
        {"group": {"queueId": "q-support", "mediaType": "voice"},
         "data": [
           {"metric": "oWaiting", "stats": {"count": 0}},
           interacting("q-support", listed)]},
        {"group": {"queueId": "q-support"},
         "data": [
           {"metric": "oOffQueueUsers", "stats": {"count": 0}},
           {"metric": "oUserRoutingStatuses", "qualifier": "IDLE", "stats": {"count": 4}}]}
    ]})
    .to_string()
}

/// Sales in two buckets; Support with empty metrics left out; Billing absent.
fn aggregates_body() -> String {
    json!({"results": [
        {"group": {"queueId": "q-sales"}, "data": [
          {"interval": "2026-11-21T23:00:00.000Z/2026-11-22T05:00:00.000Z", "metrics": [
            {"metric": "nOffered", "stats": {"count": 120}},
            {"metric": "tAnswered", "stats": {"max": 241033, "min": 1240, "count": 100, "sum": 1800000}},
            {"metric": "nOverSla", "stats": {"count": 31}},
            {"metric": "tAbandon", "stats": {"max": 190211, "min": 800, "count": 12, "sum": 602300}},
            {"metric": "tShortAbandon", "stats": {"max": 4900, "min": 800, "count": 6, "sum": 15800}},
            {"metric": "tHandle", "stats": {"max": 1320044, "min": 30118, "count": 98, "sum": 27000000}},
            {"metric": "tFlowOut", "stats": {"max": 215000, "min": 214000, "count": 3, "sum": 643000}}]},
          {"interval": "2026-11-22T05:00:00.000Z/2026-11-22T10:00:00.000Z", "metrics": [
            {"metric": "nOffered", "stats": {"count": 92}},
            {"metric": "tAnswered", "stats": {"max": 100000, "min": 2000, "count": 88, "sum": 1584000}},
            {"metric": "tAbandon", "stats": {"max": 100000, "min": 9000, "count": 9, "sum": 500000}},
            {"metric": "tHandle", "stats": {"max": 900000, "min": 40000, "count": 88, "sum": 24336000}}]}]},
        {"group": {"queueId": "q-support"}, "data": [
          {"interval": "2026-11-21T23:00:00.000Z/2026-11-22T10:00:00.000Z", "metrics": [
            {"metric": "nOffered", "stats": {"count": 5}},
            {"metric": "tAnswered", "stats": {"max": 14000, "min": 6000, "count": 5, "sum": 50000}}]}]}
    ]})
    .to_string()
}

/// What Speech and Text Analytics knows: two conversations analysed, the
/// rest not (yet).
fn sta_answer(conversation_id: &str) -> Reply {
    let score = match conversation_id {
        "conv-angry" => -60.0,
        "conv-happy" => 45.0,
        _ => {
            let body = json!({"message": "No analytics found for this conversation",
                              "code": "not.found", "status": 404});
            return Reply::status(404, "Not Found", &[("Date", DATE)], body.to_string());
        }
    };
    dated_json(
        &json!({
            "conversation": {"id": conversation_id,
                             "selfUri": format!("/api/v2/conversations/{conversation_id}")},
            "sentimentScore": score, "sentimentTrend": -0.3, "sentimentTrendClass": "Declining",
            "empathyScores": [], "participantMetrics": {"agentDurationPercentage": 40.0}
        })
        .to_string(),
    )
}

/// A fake Genesys Cloud org: issues tokens, honours only the latest one.
pub struct Org {
    issued: AtomicU32,
    valid: Mutex<Option<String>>,
    expires_in: u64,
    token_reply: Mutex<Option<Reply>>,
    /// Replaces every Speech and Text Analytics answer (a 403, a 429).
    sta_reply: Mutex<Option<Reply>>,
    /// Conversations no longer in progress.
    ended: Mutex<Vec<String>>,
}

impl Org {
    fn new(expires_in: u64) -> Arc<Org> {
        Arc::new(Org {
            issued: AtomicU32::new(0),
            valid: Mutex::new(None),
            expires_in,
            token_reply: Mutex::new(None),
            sta_reply: Mutex::new(None),
            ended: Mutex::new(Vec::new()),
        })
    }

    /// Every token issued so far stops working (revoked, or the org rotated them).
    fn revoke(&self) {
        *self.valid.lock().unwrap() = None;
    }

    fn tokens_issued(&self) -> u32 {
        self.issued.load(Ordering::SeqCst)
    }

    fn answer(&self, request: &Request) -> Reply {
        if request.path() == TOKEN_PATH {
            return self.grant(request);
        }
        let bearer = request.header("authorization").unwrap_or("");
        let valid = self.valid.lock().unwrap().clone();
        if valid.is_none_or(|token| bearer != format!("Bearer {token}")) {
            return Reply::status(401, "Unauthorized", &[("Date", DATE)], "{}");
        }
        match request.path() {
            QUEUES_PATH => {
                let number = request.param("pageNumber").unwrap().parse().unwrap();
                dated_json(&queue_page(number))
            }
            OBSERVATIONS_PATH => self.observations(request),
            AGGREGATES_PATH => dated_json(&aggregates_body()),
            path => match path.strip_prefix(STA_PATH) {
                Some(id) if request.method == "GET" => self.sta(id),
                _ => Reply::status(404, "Not Found", &[], "{}"),
            },
        }
    }

    /// The conversations in progress are listed only when the query asks.
    fn observations(&self, request: &Request) -> Reply {
        let details = json_body(request)["detailMetrics"].clone();
        let asked = details
            .as_array()
            .is_some_and(|d| d.contains(&json!("oInteracting")));
        let ended = self.ended.lock().unwrap().clone();
        dated_json(&observations_body(asked.then_some(ended.as_slice())))
    }

    fn sta(&self, conversation_id: &str) -> Reply {
        match self.sta_reply.lock().unwrap().clone() {
            Some(reply) => reply,
            None => sta_answer(conversation_id),
        }
    }

    fn grant(&self, request: &Request) -> Reply {
        if let Some(reply) = self.token_reply.lock().unwrap().clone() {
            return reply;
        }
        if request.header("authorization") != Some(BASIC)
            || request.param("grant_type").as_deref() != Some("client_credentials")
        {
            return Reply::status(401, "Unauthorized", &[], r#"{"error":"invalid_client"}"#);
        }
        let n = self.issued.fetch_add(1, Ordering::SeqCst) + 1;
        let token = format!("tok-{n}");
        *self.valid.lock().unwrap() = Some(token.clone());
        dated_json(&token_body(&token, self.expires_in))
    }
}

pub async fn start_org(expires_in: u64) -> (Arc<Org>, FakeServer) {
    let org = Org::new(expires_in);
    let answering = Arc::clone(&org);
    let server = FakeServer::start(move |r| answering.answer(r)).await;
    (org, server)
}

fn settings(base: &str, queues: &[&str]) -> GenesysSettings {
    let url = Url::parse(base).unwrap();
    GenesysSettings {
        api_url: url.clone(),
        login_url: url,
        client_id: CLIENT_ID.into(),
        secret: Secret::new(SECRET),
        queues: queues.iter().map(|q| q.to_string()).collect(),
        media_type: None,
        sl_threshold: None,
        sentiment: false,
    }
}

fn with_sentiment(base: &str) -> GenesysSettings {
    GenesysSettings {
        sentiment: true,
        ..settings(base, &[])
    }
}

/// The conversation ids Speech and Text Analytics was asked about, in order.
fn sta_asked(server: &FakeServer) -> Vec<String> {
    server
        .requests()
        .iter()
        .filter_map(|r| r.path().strip_prefix(STA_PATH).map(str::to_owned))
        .collect()
}

fn interaction<'a>(snapshot: &'a Snapshot, id: &str) -> &'a Interaction {
    snapshot.interactions.iter().find(|i| i.id == id).unwrap()
}

fn genesys(settings: GenesysSettings) -> GenesysPlatform {
    GenesysPlatform::new(Transport::new(test_transport()).unwrap(), settings)
}

fn queue<'a>(snapshot: &'a Snapshot, id: &str) -> &'a QueueObservation {
    snapshot.queues.iter().find(|q| q.id.0 == id).unwrap()
}

fn requests_to(server: &FakeServer, path: &str) -> Vec<Request> {
    server
        .requests()
        .into_iter()
        .filter(|r| r.path() == path)
        .collect()
}

fn json_body(request: &Request) -> Value {
    serde_json::from_slice(&request.body).unwrap()
}

/// Local midnight of the server's "now", as the adapter must compute it.
fn local_midnight() -> Timestamp {
    let local = Local
        .timestamp_millis_opt(server_now().as_millis())
        .unwrap();
    let midnight = local
        .date_naive()
        .and_hms_opt(0, 0, 0)
        .unwrap()
        .and_local_timezone(Local)
        .earliest()
        .unwrap();
    Timestamp::from_millis(midnight.timestamp_millis())
}

#[tokio::test]
async fn maps_a_realistic_org_figure_by_figure() {
    let (_org, server) = start_org(86_399).await;
    let snapshot = genesys(settings(&server.url(), &[]))
        .poll()
        .await
        .expect("the org answers");

    assert_eq!(snapshot.platform.kind, "genesys");
    assert_eq!(snapshot.platform.name, format!("genesys · {}", server.addr));
    assert_eq!(snapshot.observed_at, server_now(), "Genesys's Date header");
    let names: Vec<&str> = snapshot.queues.iter().map(|q| q.name.as_str()).collect();
    assert_eq!(names, ["Billing", "Sales", "Support"], "sorted by name");
    assert!(snapshot.agents.is_empty() && snapshot.waiting_contacts.is_empty());
    assert!(snapshot.sites.is_empty());
    let since = Some(local_midnight());

    let sales = queue(&snapshot, "q-sales");
    assert_eq!(sales.waiting, 4, "3 voice + 1 callback");
    assert_eq!(
        sales.longest_wait_s,
        Some(99.5),
        "10:07:13 − 10:05:33.500, the oldest observationDate"
    );
    assert_eq!(
        sales.agents,
        AgentCounts {
            available: 2,
            ringing: 0,
            on_call: 6,
            wrap_up: None,
            not_ready: 4,
        },
        "IDLE; INTERACTING + COMMUNICATING; NOT_RESPONDING + oOffQueueUsers (OFF_QUEUE not twice)"
    );
    assert_eq!(sales.sl_threshold_s, Some(20.0), "call durationMs 20000");
    assert_eq!(sales.short_abandon_s, None);
    assert_eq!(sales.sentiment, None);
    assert!(sales.reasons.is_empty());
    assert_eq!(
        sales.counters,
        QueueCounters {
            since,
            offered: Some(212),
            answered: Some(188),
            answered_in_sl: Some(188 - 31),
            abandoned: Some(21),
            abandoned_in_sl: None,
            abandoned_short: Some(6),
            flowed_out: Some(3),
            answered_wait_s: Some(3384.0),
            handled: Some(186),
            handle_time_s: Some(51336.0),
        }
    );

    let support = queue(&snapshot, "q-support");
    assert_eq!(support.waiting, 0);
    assert_eq!(support.longest_wait_s, Some(0.0), "nobody waits");
    assert_eq!(
        support.agents,
        AgentCounts {
            available: 4,
            wrap_up: None,
            ..AgentCounts::default()
        }
    );
    assert_eq!(support.sl_threshold_s, Some(30.0));
    assert_eq!(
        support.counters,
        QueueCounters {
            since,
            offered: Some(5),
            answered: Some(5),
            answered_in_sl: Some(5),
            abandoned: Some(0),
            abandoned_in_sl: None,
            abandoned_short: Some(0),
            flowed_out: Some(0),
            answered_wait_s: Some(50.0),
            handled: Some(0),
            handle_time_s: Some(0.0),
        },
        "metrics Genesys leaves out are zero"
    );

    let billing = queue(&snapshot, "q-billing");
    assert_eq!(billing.waiting, 0);
    assert_eq!(billing.longest_wait_s, Some(0.0));
    assert_eq!(
        billing.agents,
        AgentCounts {
            wrap_up: None,
            ..AgentCounts::default()
        },
        "wrap-up is unknown on Genesys, never 0"
    );
    assert_eq!(billing.sl_threshold_s, Some(15.0), "from the second page");
    assert_eq!(
        billing.counters,
        QueueCounters {
            since,
            offered: Some(0),
            answered: Some(0),
            answered_in_sl: Some(0),
            abandoned: Some(0),
            abandoned_in_sl: None,
            abandoned_short: Some(0),
            flowed_out: Some(0),
            answered_wait_s: Some(0.0),
            handled: Some(0),
            handle_time_s: Some(0.0),
        },
        "a queue without interactions today"
    );

    check_the_requests(&server);
}

/// One request at a time, in order, each authenticated as documented.
fn check_the_requests(server: &FakeServer) {
    let requests = server.requests();
    let paths: Vec<&str> = requests.iter().map(Request::path).collect();
    assert_eq!(
        paths,
        [
            TOKEN_PATH,
            QUEUES_PATH,
            QUEUES_PATH,
            OBSERVATIONS_PATH,
            AGGREGATES_PATH
        ]
    );

    let token = &requests[0];
    assert_eq!(token.method, "POST");
    assert_eq!(token.header("authorization"), Some(BASIC));
    assert_eq!(
        token.header("content-type"),
        Some("application/x-www-form-urlencoded")
    );
    assert_eq!(token.body, b"grant_type=client_credentials");

    for api in &requests[1..] {
        assert_eq!(
            api.header("authorization"),
            Some("Bearer tok-1"),
            "{}",
            api.target
        );
    }
    assert_eq!(requests[1].param("pageSize").as_deref(), Some("100"));
    assert_eq!(requests[1].param("pageNumber").as_deref(), Some("1"));
    assert_eq!(requests[2].param("pageNumber").as_deref(), Some("2"));

    let observations = json_body(&requests[3]);
    let queue_filter = json!({"type": "or", "predicates": [
        {"dimension": "queueId", "value": "q-sales"},
        {"dimension": "queueId", "value": "q-support"},
        {"dimension": "queueId", "value": "q-billing"}]});
    assert_eq!(observations["filter"], queue_filter);
    assert_eq!(
        observations["metrics"],
        json!([
            "oWaiting",
            "oInteracting",
            "oAlerting",
            "oOnQueueUsers",
            "oOffQueueUsers",
            "oUserRoutingStatuses"
        ])
    );
    assert_eq!(observations["detailMetrics"], json!(["oWaiting"]));

    let aggregates = json_body(&requests[4]);
    let midnight = chrono::DateTime::from_timestamp_millis(local_midnight().as_millis())
        .unwrap()
        .to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    assert_eq!(aggregates["interval"], format!("{midnight}/{NOW}"));
    assert_eq!(aggregates["groupBy"], json!(["queueId"]));
    assert_eq!(aggregates["filter"], queue_filter);
    assert_eq!(
        aggregates["metrics"],
        json!([
            "nOffered",
            "tAnswered",
            "nOverSla",
            "tAbandon",
            "tShortAbandon",
            "tHandle",
            "tFlowOut"
        ])
    );
}

#[tokio::test]
async fn the_token_is_reused_and_replaced_once_when_refused() {
    let (org, server) = start_org(86_399).await;
    let mut platform = genesys(settings(&server.url(), &[]));
    platform.poll().await.expect("first poll");
    platform.poll().await.expect("second poll");
    assert_eq!(org.tokens_issued(), 1, "one token serves both polls");
    assert_eq!(
        requests_to(&server, QUEUES_PATH).len(),
        2,
        "queue list cached"
    );

    org.revoke();
    let snapshot = platform.poll().await.expect("a fresh token is fetched");
    assert_eq!(snapshot.queues.len(), 3);
    assert_eq!(org.tokens_issued(), 2);
    let observations = requests_to(&server, OBSERVATIONS_PATH);
    let last_two: Vec<_> = observations[observations.len() - 2..]
        .iter()
        .map(|r| r.header("authorization").unwrap().to_owned())
        .collect();
    assert_eq!(last_two, ["Bearer tok-1", "Bearer tok-2"], "retried once");
    let aggregates = requests_to(&server, AGGREGATES_PATH);
    assert_eq!(
        aggregates.last().unwrap().header("authorization"),
        Some("Bearer tok-2")
    );
}

#[tokio::test]
async fn a_token_is_renewed_a_minute_before_it_expires() {
    // 30 s of life is within the renewal margin: each poll gets a new token,
    // and uses it for all of its requests.
    let (org, server) = start_org(30).await;
    let mut platform = genesys(settings(&server.url(), &[]));
    platform.poll().await.expect("first poll");
    platform.poll().await.expect("second poll");
    assert_eq!(org.tokens_issued(), 2);
    let aggregates = requests_to(&server, AGGREGATES_PATH);
    assert_eq!(aggregates[1].header("authorization"), Some("Bearer tok-2"));
}

#[tokio::test]
async fn a_refused_client_is_credentials_rejected_without_the_secret() {
    let (_org, server) = start_org(86_399).await;
    let mut wrong = settings(&server.url(), &[]);
    wrong.secret = Secret::new("wrong-hunter2");
    let error = genesys(wrong).poll().await.unwrap_err();
    check(
        &error,
        PlatformCondition::CredentialsRejected,
        "HTTP 401",
        "wrong secret",
    );
    let shown = format!("{error} {error:?}");
    assert!(shown.contains(CLIENT_ID), "names the client: {shown}");
    assert!(!shown.contains("hunter2"), "{shown}");
    assert_eq!(requests_to(&server, OBSERVATIONS_PATH).len(), 0);

    // A disabled or malformed client gets 400 from the token endpoint.
    let (org, server) = start_org(86_399).await;
    *org.token_reply.lock().unwrap() = Some(Reply::status(
        400,
        "Bad Request",
        &[],
        r#"{"error":"invalid_client","description":"client is disabled"}"#,
    ));
    let error = genesys(settings(&server.url(), &[]))
        .poll()
        .await
        .unwrap_err();
    check(
        &error,
        PlatformCondition::CredentialsRejected,
        CLIENT_ID,
        "token 400",
    );
    assert!(!format!("{error} {error:?}").contains(SECRET));

    // A token answer without a token is not a token.
    *org.token_reply.lock().unwrap() = Some(dated_json(
        r#"{"token_type": "bearer", "expires_in": 86399}"#,
    ));
    let error = genesys(settings(&server.url(), &[]))
        .poll()
        .await
        .unwrap_err();
    check(
        &error,
        PlatformCondition::Garbage,
        "access_token",
        "no token",
    );
}

#[tokio::test]
async fn queues_are_selected_by_id() {
    let (_org, server) = start_org(86_399).await;
    let mut chosen = settings(&server.url(), &["q-support"]);
    chosen.media_type = Some("voice".into());
    chosen.sl_threshold = Some(Duration::from_secs(45));
    let snapshot = genesys(chosen).poll().await.expect("the org answers");
    assert_eq!(snapshot.queues.len(), 1);
    let support = &snapshot.queues[0];
    assert_eq!(support.name, "Support");
    assert_eq!(support.sl_threshold_s, Some(45.0), "the config overrides");

    let observations = json_body(&requests_to(&server, OBSERVATIONS_PATH)[0]);
    let voice_support = json!({"type": "and", "clauses": [
        {"type": "or", "predicates": [{"dimension": "queueId", "value": "q-support"}]},
        {"type": "or", "predicates": [{"dimension": "mediaType", "value": "voice"}]}]});
    assert_eq!(observations["filter"], voice_support);
    let aggregates = json_body(&requests_to(&server, AGGREGATES_PATH)[0]);
    assert_eq!(aggregates["filter"], voice_support);

    let error = genesys(settings(&server.url(), &["q-sales", "q-nope"]))
        .poll()
        .await
        .unwrap_err();
    check(
        &error,
        PlatformCondition::Garbage,
        "\"q-nope\"",
        "unknown queue id",
    );
}

#[tokio::test]
async fn the_chat_threshold_applies_to_a_chat_floor() {
    let (_org, server) = start_org(86_399).await;
    let mut chat = settings(&server.url(), &["q-sales"]);
    chat.media_type = Some("chat".into());
    let snapshot = genesys(chat).poll().await.unwrap();
    assert_eq!(snapshot.queues[0].sl_threshold_s, Some(60.0));
}

#[tokio::test]
async fn survives_the_fault_matrix() {
    let setup = |request: &Request| match request.path() {
        TOKEN_PATH => Some(dated_json(&token_body("tok-matrix", 86_399))),
        QUEUES_PATH => Some(dated_json(&queue_page(
            request.param("pageNumber").unwrap().parse().unwrap(),
        ))),
        _ => None,
    };
    check_matrix(standard_faults(&observations_body(None)), setup, |base| {
        Box::new(genesys(settings(base, &[]))) as Box<dyn Platform>
    })
    .await;
}

#[tokio::test]
async fn an_api_that_keeps_refusing_fresh_tokens_is_credentials_rejected() {
    let tokens = Arc::new(AtomicU32::new(0));
    let counting = Arc::clone(&tokens);
    let server = FakeServer::start(move |request| match request.path() {
        TOKEN_PATH => {
            counting.fetch_add(1, Ordering::SeqCst);
            dated_json(&token_body("tok", 86_399))
        }
        _ => Reply::status(403, "Forbidden", &[], "{}"),
    })
    .await;
    let error = genesys(settings(&server.url(), &[]))
        .poll()
        .await
        .unwrap_err();
    assert!(
        matches!(error, PlatformError::CredentialsRejected { .. }),
        "{error:?}"
    );
    assert!(error.to_string().contains(CLIENT_ID), "{error}");
    assert_eq!(
        tokens.load(Ordering::SeqCst),
        2,
        "one fresh token, not a loop"
    );
    assert_eq!(requests_to(&server, QUEUES_PATH).len(), 2, "retried once");
}

#[tokio::test]
async fn sentiment_lists_the_conversations_in_progress_with_their_scores() {
    let (org, server) = start_org(86_399).await;
    let snapshot = genesys(with_sentiment(&server.url()))
        .poll()
        .await
        .expect("the org answers");

    let ids: Vec<&str> = snapshot
        .interactions
        .iter()
        .map(|i| i.id.as_str())
        .collect();
    assert_eq!(
        ids,
        ["conv-angry", "conv-happy", "conv-new"],
        "oldest first"
    );
    assert_eq!(
        interaction(&snapshot, "conv-angry"),
        &Interaction {
            id: "conv-angry".into(),
            queue: QueueId("q-sales".into()),
            agent: Some("Ana Ortiz".into()),
            started_at: at("2026-11-22T10:01:00Z"),
            customer_turn: None,
            sentiment: Some(-0.6),
        },
        "sentimentScore −60 on −100…100 is −0.6"
    );
    let happy = interaction(&snapshot, "conv-happy");
    assert_eq!(happy.queue, QueueId("q-support".into()));
    assert_eq!(happy.sentiment, Some(0.45));
    assert_eq!(
        happy.agent, None,
        "a participantName without a userId is not taken for the agent"
    );
    let new = interaction(&snapshot, "conv-new");
    assert_eq!(new.sentiment, None, "404: not analysed yet, shown unscored");
    assert_eq!(new.started_at, at("2026-11-22T10:06:30Z"));
    assert_eq!(
        queue(&snapshot, "q-sales").waiting,
        4,
        "the figures as ever"
    );

    let observations = json_body(&requests_to(&server, OBSERVATIONS_PATH)[0]);
    assert_eq!(
        observations["detailMetrics"],
        json!(["oWaiting", "oInteracting"])
    );
    assert_eq!(
        sta_asked(&server),
        ["conv-angry", "conv-happy", "conv-new"],
        "never asked, oldest conversation first"
    );
    for asked in server
        .requests()
        .iter()
        .filter(|r| r.path().starts_with(STA_PATH))
    {
        assert_eq!(asked.method, "GET");
        assert_eq!(asked.header("authorization"), Some("Bearer tok-1"));
    }
    assert_eq!(org.tokens_issued(), 1);
}

#[tokio::test]
async fn a_score_is_asked_for_once_a_minute_and_forgotten_when_its_conversation_ends() {
    let (org, server) = start_org(86_399).await;
    let mut platform = genesys(with_sentiment(&server.url()));
    platform.poll().await.expect("first poll");
    let again = platform.poll().await.expect("second poll");
    assert_eq!(sta_asked(&server).len(), 3, "the second poll asks nothing");
    assert_eq!(
        interaction(&again, "conv-angry").sentiment,
        Some(-0.6),
        "the score is kept"
    );

    *org.ended.lock().unwrap() = vec!["conv-angry".into()];
    let ended = platform.poll().await.expect("third poll");
    assert!(ended.interactions.iter().all(|i| i.id != "conv-angry"));
    assert_eq!(sta_asked(&server).len(), 3);

    // Back on a watched queue (transferred back): a conversation we no longer know.
    org.ended.lock().unwrap().clear();
    platform.poll().await.expect("fourth poll");
    let asked = sta_asked(&server);
    assert_eq!(asked.len(), 4, "{asked:?}");
    assert_eq!(asked[3], "conv-angry");
}

#[tokio::test]
async fn without_sta_permission_the_poll_still_brings_the_queue_figures() {
    let (org, server) = start_org(86_399).await;
    let forbidden = json!({"message": "You are missing the following permission(s): \
                                       speechAndTextAnalytics:data:view",
                           "code": "missing.all.permissions", "status": 403});
    *org.sta_reply.lock().unwrap() = Some(Reply::status(
        403,
        "Forbidden",
        &[("Content-Type", "application/json"), ("Date", DATE)],
        forbidden.to_string(),
    ));
    let mut platform = genesys(with_sentiment(&server.url()));
    let snapshot = platform.poll().await.expect("sentiment never fails a poll");

    let sales = queue(&snapshot, "q-sales");
    assert_eq!(sales.waiting, 4);
    assert_eq!(sales.counters.offered, Some(212));
    assert_eq!(snapshot.interactions.len(), 3, "listed, without scores");
    assert!(snapshot.interactions.iter().all(|i| i.sentiment.is_none()));
    assert_eq!(sta_asked(&server).len(), 1, "no more asked after a 403");
    assert_eq!(
        org.tokens_issued(),
        1,
        "a 403 is not taken for a dead token"
    );

    platform.poll().await.expect("next poll");
    assert_eq!(sta_asked(&server).len(), 2, "one try per poll");
}

#[tokio::test]
async fn a_throttled_sta_is_left_alone_for_as_long_as_it_asks() {
    let (org, server) = start_org(86_399).await;
    *org.sta_reply.lock().unwrap() = Some(Reply::status(
        429,
        "Too Many Requests",
        &[("Retry-After", "30"), ("Date", DATE)],
        "{}",
    ));
    let mut platform = genesys(with_sentiment(&server.url()));
    let snapshot = platform.poll().await.expect("sentiment never fails a poll");
    assert_eq!(snapshot.interactions.len(), 3);
    platform.poll().await.expect("next poll");
    assert_eq!(sta_asked(&server).len(), 1, "paused for Retry-After: 30");
}

#[tokio::test]
async fn without_sentiment_no_conversation_is_listed_or_asked_about() {
    let (_org, server) = start_org(86_399).await;
    let mut platform = genesys(settings(&server.url(), &[]));
    let snapshot = platform.poll().await.expect("the org answers");
    platform.poll().await.expect("second poll");
    assert!(snapshot.interactions.is_empty());
    assert!(sta_asked(&server).is_empty());
    let observations = json_body(&requests_to(&server, OBSERVATIONS_PATH)[0]);
    assert_eq!(observations["detailMetrics"], json!(["oWaiting"]));
}

/// An org that answers every call at once, with the queue list, the
/// observations and the aggregates given (hostile numbers among them).
async fn hostile_org(queues: String, aggregates: String) -> FakeServer {
    FakeServer::start(move |request| match request.path() {
        TOKEN_PATH => dated_json(&token_body("tok-1", 3600)),
        QUEUES_PATH => dated_json(&queues),
        OBSERVATIONS_PATH => dated_json(&observations_body(None)),
        AGGREGATES_PATH => dated_json(&aggregates),
        _ => Reply::status(404, "Not Found", &[], "{}"),
    })
    .await
}

fn one_page(entities: Vec<Value>) -> String {
    json!({"entities": entities, "pageSize": 100, "pageNumber": 1, "total": 1, "pageCount": 1})
        .to_string()
}

fn checked_genesys(base: &str) -> Box<dyn Platform> {
    Box::new(floorwatch::platform::checked::Checked::new(Box::new(
        genesys(settings(base, &["q-sales"])),
    )))
}

/// A queue's `durationMs` below zero is a threshold of no length: garbage, named.
#[tokio::test]
async fn a_negative_duration_ms_is_garbage_named_by_field() {
    let mut sales = queue_entity("q-sales", "Sales", 0);
    sales["mediaSettings"]["call"]["serviceLevel"]["durationMs"] = json!(-5000);
    let server = hostile_org(one_page(vec![sales]), aggregates_body()).await;
    let error = checked_genesys(&server.url()).poll().await.unwrap_err();
    check(
        &error,
        PlatformCondition::Garbage,
        "queues[q-sales].sl_threshold_s = -5: must be > 0 s",
        "durationMs -5000",
    );
}

/// Counts of two buckets whose sum passes u64 stop at its largest, never
/// wrapping round to a small count (nor panicking).
#[tokio::test]
async fn counts_summed_past_u64_saturate() {
    let max = u64::MAX;
    let bucket = json!({"interval": "2026-11-21T23:00:00.000Z/2026-11-22T10:00:00.000Z",
        "metrics": [{"metric": "nOffered", "stats": {"count": max}}]});
    let aggregates = json!({"results": [{"group": {"queueId": "q-sales"},
        "data": [bucket.clone(), bucket]}]})
    .to_string();
    let server = hostile_org(
        one_page(vec![queue_entity("q-sales", "Sales", 20_000)]),
        aggregates,
    )
    .await;
    let snapshot = checked_genesys(&server.url()).poll().await.unwrap();
    assert_eq!(queue(&snapshot, "q-sales").counters.offered, Some(u64::MAX));
}

/// A token said to live for u64::MAX seconds is not an instant past the end
/// of time (a panic): it is renewed as a long-lived token would be.
#[tokio::test]
async fn a_token_lifetime_past_the_end_of_time_is_no_crash() {
    let server = FakeServer::start(move |request| match request.path() {
        TOKEN_PATH => dated_json(&token_body("tok-1", u64::MAX)),
        QUEUES_PATH => dated_json(&one_page(vec![queue_entity("q-sales", "Sales", 20_000)])),
        OBSERVATIONS_PATH => dated_json(&observations_body(None)),
        AGGREGATES_PATH => dated_json(&aggregates_body()),
        _ => Reply::status(404, "Not Found", &[], "{}"),
    })
    .await;
    let snapshot = checked_genesys(&server.url()).poll().await.unwrap();
    assert_eq!(snapshot.queues.len(), 1);
}

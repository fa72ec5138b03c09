//! The `genesys` adapter: Genesys Cloud over its public API.
//!
//! A poll is four kinds of request, one at a time: an OAuth client-credentials
//! token (cached, refreshed a minute before it expires), the queue list (names
//! and service-level thresholds, which the analytics answers do not carry;
//! cached for ten minutes), the queue observations (what is true now) and the
//! conversation aggregates since local midnight (today's counters). A token
//! can die before its time (revoked, rotated), so an API call refused with it
//! gets one more try with a fresh token before the poll reports the refusal.
//!
//! The queue-level API has no per-agent or per-caller detail that fits the
//! model, so snapshots carry queues, and with `sentiment` on the
//! conversations in progress with their Speech and Text Analytics scores
//! (`sentiment.rs`: one more request per conversation, rate-limited, and never
//! a reason for a poll to fail).

/// Genesys Cloud regions and their domains (`api.<domain>`, `login.<domain>`).
pub const REGIONS: &[(&str, &str)] = &[
    ("us-east-1", "mypurecloud.com"),
    ("us-east-2", "use2.us-gov-pure.cloud"),
    ("us-west-2", "usw2.pure.cloud"),
    ("ca-central-1", "cac1.pure.cloud"),
    ("eu-west-1", "mypurecloud.ie"),
    ("eu-west-2", "euw2.pure.cloud"),
    ("eu-central-1", "mypurecloud.de"),
    ("ap-south-1", "aps1.pure.cloud"),
    ("ap-northeast-1", "mypurecloud.jp"),
    ("ap-northeast-2", "apne2.pure.cloud"),
    ("ap-southeast-2", "mypurecloud.com.au"),
    ("me-central-1", "mec1.pure.cloud"),
];

/// The domain of a region name, or the domain itself when one is given.
pub fn region_domain(region: &str) -> Option<&str> {
    if let Some((_, domain)) = REGIONS.iter().find(|(name, _)| *name == region) {
        return Some(domain);
    }
    REGIONS
        .iter()
        .find(|(_, domain)| *domain == region)
        .map(|(_, domain)| *domain)
}

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use futures_util::future::BoxFuture;
use reqwest::{RequestBuilder, StatusCode};

use super::secret::{Scrubber, Secret};
use super::sentiment_scale::from_genesys;
use super::transport::{Reply, Transport, host_label, local_now};
use super::{Platform, PlatformError};
use crate::model::{
    Interaction, PlatformInfo, QueueCounters, QueueId, QueueObservation, Snapshot, Timestamp,
};

pub(crate) mod aggregates;
mod auth;
pub(crate) mod observations;
mod query;
pub(crate) mod queues;
mod sentiment;
mod settings;

use observations::Live;
use queues::Queue;
use sentiment::{ConversationMetrics, Outcome, THROTTLED_PAUSE, conversations};
use settings::endpoint;

pub use settings::GenesysSettings;

/// How long the queue list (names, thresholds) is trusted before we ask again.
const QUEUE_LIST_TTL: Duration = Duration::from_secs(600);
/// Queue ids per analytics query: the filter grammar is not meant for
/// hundreds of predicates, so a large org is asked about in slices.
const QUEUES_PER_QUERY: usize = 100;

pub struct GenesysPlatform {
    transport: Transport,
    settings: GenesysSettings,
    token: Option<auth::Token>,
    queues: Option<CachedQueues>,
    /// Conversations' STA scores, so each is asked about at most once a minute.
    scores: sentiment::Scores,
}

/// The watched queues as last listed.
struct CachedQueues {
    queues: Vec<Queue>,
    listed_at: Instant,
}

impl GenesysPlatform {
    pub fn new(transport: Transport, settings: GenesysSettings) -> Self {
        Self {
            transport,
            settings,
            token: None,
            queues: None,
            scores: sentiment::Scores::default(),
        }
    }

    async fn observe(&mut self) -> Result<Snapshot, PlatformError> {
        // Freshness is judged once per poll, so a short-lived token serves a
        // whole poll instead of being renewed before every request.
        if self.token.as_ref().is_some_and(|t| !t.is_fresh()) {
            self.token = None;
        }
        let queues = self.watched_queues().await?;
        let ids: Vec<String> = queues.iter().map(|q| q.id.clone()).collect();
        if ids.is_empty() {
            let (live, counters) = (BTreeMap::new(), BTreeMap::new());
            return Ok(self.snapshot(local_now(), &queues, live, counters, Vec::new()));
        }
        let (now, live) = self.live_figures(&ids).await?;
        let counters = self.day_counters(&ids, now).await?;
        // Last, so the figures are in hand whatever Speech and Text Analytics does.
        let interactions = if self.settings.sentiment {
            self.interactions(&live).await
        } else {
            Vec::new()
        };
        Ok(self.snapshot(now, &queues, live, counters, interactions))
    }

    /// The queues to show, from the cache while it is fresh.
    async fn watched_queues(&mut self) -> Result<Vec<Queue>, PlatformError> {
        if let Some(cache) = &self.queues
            && cache.listed_at.elapsed() < QUEUE_LIST_TTL
        {
            return Ok(cache.queues.clone());
        }
        let (all, shown_url) = self.list_queues().await?;
        let queues = queues::select(all, &self.settings.queues)
            .map_err(|e| PlatformError::garbage(format!("{shown_url}: {e}")))?;
        self.queues = Some(CachedQueues {
            queues: queues.clone(),
            listed_at: Instant::now(),
        });
        Ok(queues)
    }

    /// Every queue the client may see, page by page.
    async fn list_queues(&mut self) -> Result<(Vec<Queue>, String), PlatformError> {
        let url = endpoint(&self.settings.api_url, "/api/v2/routing/queues");
        let media_type = self.settings.media_type.clone();
        let mut all = Vec::new();
        let mut number = 1;
        loop {
            let reply = self
                .api(|client| {
                    client
                        .get(url.clone())
                        .query(&[("pageSize", queues::PAGE_SIZE), ("pageNumber", number)])
                })
                .await?;
            let page: queues::Page = reply.json()?;
            let more = page.continues_after(number);
            all.extend(page.queues(media_type.as_deref(), self.settings.sl_threshold));
            if !more {
                return Ok((all, reply.shown_url));
            }
            number += 1;
        }
    }

    /// What is true now, per queue id, and the platform's clock when it was.
    async fn live_figures(
        &mut self,
        ids: &[String],
    ) -> Result<(Timestamp, BTreeMap<String, Live>), PlatformError> {
        let url = endpoint(
            &self.settings.api_url,
            "/api/v2/analytics/queues/observations/query",
        );
        let mut now = local_now();
        let mut live = BTreeMap::new();
        for slice in ids.chunks(QUEUES_PER_QUERY) {
            let media_type = self.settings.media_type.as_deref();
            let body = observations::query(slice, media_type, self.settings.sentiment);
            let reply = self.api(|c| c.post(url.clone()).json(&body)).await?;
            // Waits are measured on Genesys's clock, so a skewed local clock cannot stretch them.
            now = reply.server_time().unwrap_or_else(local_now);
            let answer: observations::Answer = reply.json()?;
            live.extend(observations::read(answer, now).map_err(|e| garbage(&reply, &e))?);
        }
        Ok((now, live))
    }

    /// Today's counters per queue id (queues without interactions today are absent).
    async fn day_counters(
        &mut self,
        ids: &[String],
        now: Timestamp,
    ) -> Result<BTreeMap<String, QueueCounters>, PlatformError> {
        let url = endpoint(
            &self.settings.api_url,
            "/api/v2/analytics/conversations/aggregates/query",
        );
        let since = aggregates::local_midnight(now);
        let mut counters = BTreeMap::new();
        for slice in ids.chunks(QUEUES_PER_QUERY) {
            let body = aggregates::query(slice, self.settings.media_type.as_deref(), since, now);
            let reply = self.api(|c| c.post(url.clone()).json(&body)).await?;
            let answer: aggregates::Answer = reply.json()?;
            let totals = aggregates::read(answer).map_err(|e| garbage(&reply, &e))?;
            for id in slice {
                let counted = aggregates::counters(totals.get(id), since);
                counters.insert(id.clone(), counted);
            }
        }
        Ok(counters)
    }

    /// Sends an API request with the bearer token; a refused token is replaced once.
    async fn api(
        &mut self,
        build: impl Fn(&reqwest::Client) -> RequestBuilder,
    ) -> Result<Reply, PlatformError> {
        self.api_expecting(build, &[]).await
    }

    /// [`Self::api`], with answers of the `expected` statuses handed back as replies.
    async fn api_expecting(
        &mut self,
        build: impl Fn(&reqwest::Client) -> RequestBuilder,
        expected: &[StatusCode],
    ) -> Result<Reply, PlatformError> {
        let token = self.bearer().await?;
        let first = self
            .transport
            .send_expecting(
                build(self.transport.client()).bearer_auth(token.expose()),
                expected,
            )
            .await;
        if !matches!(first, Err(PlatformError::CredentialsRejected { .. })) {
            return first;
        }
        tracing::info!("genesys refused the access token; fetching a new one and retrying once");
        self.token = None;
        let token = self.bearer().await?;
        self.transport
            .send_expecting(
                build(self.transport.client()).bearer_auth(token.expose()),
                expected,
            )
            .await
            .map_err(|e| self.refused_with_fresh_token(e))
    }

    /// The access token of this poll, fetched when there is none.
    async fn bearer(&mut self) -> Result<Secret, PlatformError> {
        if let Some(token) = &self.token {
            return Ok(token.value().clone());
        }
        let token = auth::request(&self.transport, &self.settings).await?;
        let value = token.value().clone();
        self.token = Some(token);
        Ok(value)
    }

    fn refused_with_fresh_token(&self, e: PlatformError) -> PlatformError {
        match e {
            PlatformError::CredentialsRejected { reason } => PlatformError::credentials(format!(
                "{reason}, even with a fresh token for OAuth client {:?}; \
                 does its role grant the analytics and routing queue permissions?",
                self.settings.client_id
            )),
            other => other,
        }
    }

    fn snapshot(
        &self,
        now: Timestamp,
        queues: &[Queue],
        live: BTreeMap<String, Live>,
        counters: BTreeMap<String, QueueCounters>,
        interactions: Vec<Interaction>,
    ) -> Snapshot {
        let observed = observations_of(queues, live, counters);
        Snapshot {
            platform: PlatformInfo {
                kind: "genesys".into(),
                name: format!("genesys · {}", host_label(&self.settings.api_url)),
            },
            observed_at: now,
            queues: observed,
            // The queue-level API has no per-agent, per-caller or per-site detail.
            agents: Vec::new(),
            waiting_contacts: Vec::new(),
            interactions,
            sites: Vec::new(),
        }
    }
}

/// The watched queues in the model, by name: each with its live figures and
/// today's counters.
pub(crate) fn observations_of(
    queues: &[Queue],
    mut live: BTreeMap<String, Live>,
    mut counters: BTreeMap<String, QueueCounters>,
) -> Vec<QueueObservation> {
    let mut observed: Vec<QueueObservation> = queues
        .iter()
        .map(|q| observation(q, live.remove(&q.id), counters.remove(&q.id)))
        .collect();
    observed.sort_by(|a, b| a.name.cmp(&b.name).then_with(|| a.id.cmp(&b.id)));
    observed
}

/// One queue in the model. A queue the observations leave out has nobody
/// waiting and no agents; one the aggregates leave out had no interactions today.
fn observation(
    queue: &Queue,
    live: Option<Live>,
    counters: Option<QueueCounters>,
) -> QueueObservation {
    let live = live.unwrap_or_default();
    QueueObservation {
        id: QueueId(queue.id.clone()),
        name: queue.name.clone(),
        waiting: live.waiting,
        longest_wait_s: live.longest_wait_s,
        agents: live.agents,
        counters: counters.unwrap_or_default(),
        sl_threshold_s: queue.sl_threshold_s,
        // The short-abandon cut is an org-wide setting this API does not expose.
        short_abandon_s: None,
        sentiment: None,
        reasons: Vec::new(),
    }
}

impl GenesysPlatform {
    /// The conversations in progress on the watched queues, each with its
    /// latest STA score when there is one. Never fails: STA's troubles are
    /// logged and cost only the scores.
    async fn interactions(&mut self, live: &BTreeMap<String, Live>) -> Vec<Interaction> {
        let in_progress = conversations(live);
        let tracked = in_progress
            .iter()
            .map(|(_, c)| (c.conversation_id.as_str(), c.since));
        self.scores.track(tracked);
        for id in self.scores.due(Instant::now()) {
            let outcome = self.ask_sta(&id).await;
            self.log(&id, &outcome);
            if !self.scores.record(&id, &outcome, Instant::now()) {
                break;
            }
        }
        in_progress
            .into_iter()
            .map(|(queue, c)| Interaction {
                id: c.conversation_id.clone(),
                queue: QueueId(queue.to_owned()),
                agent: c.agent.clone(),
                started_at: c.since,
                // STA gives a score for the conversation, not the customer's words.
                customer_turn: None,
                sentiment: self.scores.score(&c.conversation_id),
            })
            .collect()
    }

    /// One STA request. 404 and 403 are answers here, not failures; a 401
    /// still gets the adapter's one retry with a fresh token.
    async fn ask_sta(&mut self, conversation_id: &str) -> Outcome {
        let mut url = endpoint(
            &self.settings.api_url,
            "/api/v2/speechandtextanalytics/conversations",
        );
        // Pushed as a path segment, so an id from the API cannot reshape the URL.
        match url.path_segments_mut() {
            Ok(mut segments) => {
                segments.push(conversation_id);
            }
            Err(()) => return Outcome::Unreadable("the API URL cannot take a path".into()),
        }
        let expected = [StatusCode::NOT_FOUND, StatusCode::FORBIDDEN];
        let reply = self
            .api_expecting(|client| client.get(url.clone()), &expected)
            .await;
        match reply {
            Ok(reply) if reply.status == StatusCode::NOT_FOUND => Outcome::NotAnalysed,
            Ok(reply) if reply.status == StatusCode::FORBIDDEN => Outcome::Forbidden,
            Ok(reply) => match reply.json::<ConversationMetrics>() {
                Ok(metrics) => Outcome::Scored(metrics.sentiment_score.and_then(from_genesys)),
                Err(e) => Outcome::Unreadable(e.to_string()),
            },
            Err(PlatformError::Throttled { retry_after, .. }) => Outcome::Throttled(retry_after),
            Err(e @ PlatformError::Garbage { .. }) => Outcome::Unreadable(e.to_string()),
            Err(e) => Outcome::Unanswered(e.to_string()),
        }
    }

    /// Logs what the operator should know; messages name the client id, never a secret.
    fn log(&mut self, conversation_id: &str, outcome: &Outcome) {
        match outcome {
            Outcome::Scored(_) | Outcome::NotAnalysed => {}
            Outcome::Forbidden => {
                if self.scores.first_refusal() {
                    tracing::warn!(
                        "genesys: Speech and Text Analytics refused OAuth client {:?} (HTTP 403); \
                         it needs recording:recording:view and speechAndTextAnalytics:data:view \
                         and the org an STA licence. Conversations are shown without scores",
                        self.settings.client_id
                    );
                }
            }
            Outcome::Throttled(wait) => tracing::info!(
                "genesys: Speech and Text Analytics throttled us (429); no scores asked for {}",
                humantime::format_duration(wait.unwrap_or(THROTTLED_PAUSE))
            ),
            Outcome::Unreadable(reason) => {
                tracing::warn!("genesys: no sentiment for conversation {conversation_id}: {reason}")
            }
            Outcome::Unanswered(reason) => tracing::warn!(
                "genesys: Speech and Text Analytics failed; scores wait for the next poll: {reason}"
            ),
        }
    }
}

fn garbage(reply: &Reply, what: &str) -> PlatformError {
    PlatformError::garbage(format!("{}: {what}", reply.shown_url))
}

impl Platform for GenesysPlatform {
    fn poll(&mut self) -> BoxFuture<'_, Result<Snapshot, PlatformError>> {
        Box::pin(async move {
            let observed = self.observe().await;
            // The access token is a secret too, but not one the config knows:
            // an answer that echoes it back loses it here.
            observed.map_err(|e| match &self.token {
                Some(token) => Scrubber::new(None, Some(token.value())).scrub_error(e),
                None => e,
            })
        })
    }
}

//! The `twilio` adapter: Twilio TaskRouter.
//!
//! One poll reads `TaskQueues/Statistics` for the whole workspace, every page
//! of it, one request at a time (Twilio asks for few, aggregated calls). The
//! counters cover today since local midnight. Statistics name queues and
//! activities by SID only, so their names come from a catalogue (workspace,
//! `TaskQueues`, `Activities`) kept for ten minutes, and fetched again early
//! when the statistics mention something it does not know.

pub(crate) mod map;
pub(crate) mod wire;

use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{DateTime, NaiveTime, SecondsFormat, TimeZone, Utc};
use futures_util::future::BoxFuture;
use reqwest::Url;

use super::secret::Secret;
use super::transport::{Reply, Transport, local_now, shown_url};
use super::{Platform, PlatformError};
use crate::model::{PlatformInfo, Snapshot, Timestamp};
use map::{Catalogue, Thresholds};
use wire::{ActivityPage, Listing, QueueStatistics, StatisticsPage, TaskQueuePage, Workspace};

/// The public TaskRouter API.
pub const DEFAULT_URL: &str = "https://taskrouter.twilio.com";

/// How long queue names and activities are trusted before they are read again.
const CATALOGUE_LIFETIME: Duration = Duration::from_secs(10 * 60);

/// The most items TaskRouter gives per page.
const PAGE_SIZE: &str = "1000";

/// More pages than any workspace has (100,000 queues): a server that keeps
/// sending next pages is looping.
const MAX_PAGES: usize = 100;

/// What the config file says about a TaskRouter workspace.
#[derive(Clone, Debug)]
pub struct TwilioSettings {
    /// Base URL (`https://taskrouter.twilio.com`, or a test server).
    pub url: Url,
    /// Account SID (`AC…`) or API key SID (`SK…`): the basic-auth user.
    pub username: String,
    /// Auth token or API key secret.
    pub secret: Secret,
    /// The workspace (`WS…`).
    pub workspace_sid: String,
    /// Only tasks of this channel (`voice`), or all.
    pub task_channel: Option<String>,
    /// Queues to watch (SIDs or friendly names); empty = every queue of the workspace.
    pub queues: Vec<String>,
    /// The service-level threshold T (TaskRouter has none of its own).
    pub sl_threshold: Duration,
    /// The short-abandon cut S.
    pub short_abandon: Duration,
}

pub struct TwilioPlatform {
    transport: Transport,
    settings: TwilioSettings,
    catalogue: Option<CachedCatalogue>,
}

struct CachedCatalogue {
    catalogue: Arc<Catalogue>,
    fetched: Instant,
}

/// Every item of a paged list, and the server's clock at its first page.
struct Listed<T> {
    items: Vec<T>,
    server_time: Option<Timestamp>,
    shown_url: String,
}

impl TwilioPlatform {
    pub fn new(transport: Transport, settings: TwilioSettings) -> Self {
        Self {
            transport,
            settings,
            catalogue: None,
        }
    }

    async fn fetch(&mut self) -> Result<Snapshot, PlatformError> {
        let statistics = self.statistics().await?;
        let catalogue = self.catalogue_for(&statistics.items).await?;
        let observed_at = statistics.server_time.unwrap_or_else(local_now);
        self.snapshot(&catalogue, &statistics, observed_at)
    }

    /// Every queue's realtime and cumulative statistics.
    async fn statistics(&self) -> Result<Listed<QueueStatistics>, PlatformError> {
        let url = self.statistics_url(chrono::Local::now());
        self.list::<StatisticsPage>(url).await
    }

    /// The cached catalogue while it is young and explains the statistics;
    /// otherwise a fresh one.
    async fn catalogue_for(
        &mut self,
        statistics: &[QueueStatistics],
    ) -> Result<Arc<Catalogue>, PlatformError> {
        if let Some(cached) = &self.catalogue {
            let young = cached.fetched.elapsed() < CATALOGUE_LIFETIME;
            if young && cached.catalogue.explains(statistics, &self.settings.queues) {
                return Ok(Arc::clone(&cached.catalogue));
            }
        }
        let catalogue = Arc::new(self.read_catalogue().await?);
        self.catalogue = Some(CachedCatalogue {
            catalogue: Arc::clone(&catalogue),
            fetched: Instant::now(),
        });
        Ok(catalogue)
    }

    async fn read_catalogue(&self) -> Result<Catalogue, PlatformError> {
        let workspace: Workspace = self.get(self.workspace_url(&[])).await?.json()?;
        let queues = self
            .list::<TaskQueuePage>(self.listing_url("TaskQueues"))
            .await?;
        let activities = self
            .list::<ActivityPage>(self.listing_url("Activities"))
            .await?;
        Ok(Catalogue::new(
            workspace.friendly_name,
            queues.items,
            activities.items,
        ))
    }

    fn snapshot(
        &self,
        catalogue: &Catalogue,
        statistics: &Listed<QueueStatistics>,
        observed_at: Timestamp,
    ) -> Result<Snapshot, PlatformError> {
        let workspace = &self.settings.workspace_sid;
        let selection = catalogue
            .selection(&self.settings.queues, workspace)
            .map_err(PlatformError::garbage)?;
        let thresholds = Thresholds::new(self.settings.sl_threshold, self.settings.short_abandon);
        let mut queues = statistics
            .items
            .iter()
            .filter(|s| {
                selection
                    .as_ref()
                    .is_none_or(|set| set.contains(&s.task_queue_sid))
            })
            .map(|s| map::queue(s, catalogue, thresholds))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|reason| {
                PlatformError::garbage(format!(
                    "{} answered statistics that cannot be used: {reason}",
                    statistics.shown_url
                ))
            })?;
        queues.sort_by(|a, b| a.name.cmp(&b.name).then_with(|| a.id.cmp(&b.id)));
        let shown_name = catalogue.workspace_name.as_deref().unwrap_or(workspace);
        Ok(Snapshot {
            platform: PlatformInfo {
                kind: "twilio".into(),
                name: format!("twilio · {shown_name}"),
            },
            observed_at,
            queues,
            agents: Vec::new(),
            waiting_contacts: Vec::new(),
            interactions: Vec::new(),
            sites: Vec::new(),
        })
    }

    /// Reads a list page by page, following `meta.next_page_url`.
    async fn list<L: Listing>(&self, first: Url) -> Result<Listed<L::Item>, PlatformError> {
        let mut listed = Listed {
            items: Vec::new(),
            server_time: None,
            shown_url: shown_url(&first),
        };
        let mut url = first;
        for _ in 0..MAX_PAGES {
            let reply = self.get(url).await?;
            listed.server_time = listed.server_time.or_else(|| reply.server_time());
            let (items, next) = reply.json::<L>()?.into_parts();
            listed.items.extend(items);
            match next.filter(|next| !next.trim().is_empty()) {
                None => return Ok(listed),
                Some(next) => url = self.next_page(&reply, &next)?,
            }
        }
        Err(PlatformError::garbage(format!(
            "{} kept sending next pages (more than {MAX_PAGES})",
            listed.shown_url
        )))
    }

    /// The next page's URL, only if it is on the configured server: the
    /// request carries the credentials, which must never go anywhere else.
    fn next_page(&self, reply: &Reply, next: &str) -> Result<Url, PlatformError> {
        let base = &self.settings.url;
        let url = base.join(next.trim()).map_err(|e| {
            PlatformError::garbage(format!(
                "{} sent a next page URL that is not a URL ({e})",
                reply.shown_url
            ))
        })?;
        if url.origin() != base.origin() {
            return Err(PlatformError::garbage(format!(
                "{} sent a next page on another server ({}); not sending the credentials there",
                reply.shown_url,
                shown_url(&url)
            )));
        }
        Ok(url)
    }

    async fn get(&self, url: Url) -> Result<Reply, PlatformError> {
        let request = self
            .transport
            .client()
            .get(url)
            .basic_auth(&self.settings.username, Some(self.settings.secret.expose()));
        self.transport.send(request).await
    }

    /// `…/TaskQueues/Statistics` for today so far, split at T and S.
    fn statistics_url<Tz: TimeZone>(&self, now: DateTime<Tz>) -> Url {
        let thresholds = Thresholds::new(self.settings.sl_threshold, self.settings.short_abandon);
        let mut url = self.workspace_url(&["TaskQueues", "Statistics"]);
        url.query_pairs_mut()
            .append_pair("StartDate", &start_of_day(now))
            .append_pair("SplitByWaitTime", &thresholds.split_by_wait_time())
            .append_pair("PageSize", PAGE_SIZE);
        if let Some(channel) = &self.settings.task_channel {
            url.query_pairs_mut().append_pair("TaskChannel", channel);
        }
        url
    }

    fn listing_url(&self, resource: &str) -> Url {
        let mut url = self.workspace_url(&[resource]);
        url.query_pairs_mut().append_pair("PageSize", PAGE_SIZE);
        url
    }

    /// `<base>/v1/Workspaces/<WS>/<segments…>`, the SID escaped as a path segment.
    fn workspace_url(&self, segments: &[&str]) -> Url {
        let mut url = self.settings.url.clone();
        url.set_query(None);
        url.set_fragment(None);
        if let Ok(mut path) = url.path_segments_mut() {
            path.pop_if_empty()
                .extend(["v1", "Workspaces", self.settings.workspace_sid.as_str()])
                .extend(segments);
        }
        url
    }
}

/// Midnight of `now`'s day in its zone, as UTC ISO 8601. Where midnight does
/// not exist (a zone that springs forward at 00:00) the day starts at the
/// first hour that does.
fn start_of_day<Tz: TimeZone>(now: DateTime<Tz>) -> String {
    let zone = now.timezone();
    let day = now.date_naive();
    let start = (0..24)
        .filter_map(|hour| NaiveTime::from_hms_opt(hour, 0, 0))
        .find_map(|time| zone.from_local_datetime(&day.and_time(time)).earliest())
        .map_or_else(|| now.with_timezone(&Utc), |t| t.with_timezone(&Utc));
    start.to_rfc3339_opts(SecondsFormat::Secs, true)
}

impl Platform for TwilioPlatform {
    fn poll(&mut self) -> BoxFuture<'_, Result<Snapshot, PlatformError>> {
        Box::pin(self.fetch())
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use chrono::FixedOffset;

    #[test]
    fn the_day_starts_at_local_midnight_in_utc() {
        let paris = FixedOffset::east_opt(3600).unwrap();
        let now = paris.with_ymd_and_hms(2026, 11, 23, 0, 30, 0).unwrap();
        assert_eq!(start_of_day(now), "2026-11-22T23:00:00Z");
        let now = Utc.with_ymd_and_hms(2026, 11, 23, 17, 5, 9).unwrap();
        assert_eq!(start_of_day(now), "2026-11-23T00:00:00Z");
    }
}

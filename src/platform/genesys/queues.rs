//! The queue list: names and service-level thresholds, which the analytics
//! answers do not carry.

use std::collections::HashMap;
use std::time::Duration;

use serde::Deserialize;

/// Queues per page; the API allows up to 100.
pub const PAGE_SIZE: u32 = 100;
/// A stop for a platform that always claims another page (10,000 queues).
const MAX_PAGES: u32 = 100;

/// A queue we watch.
#[derive(Clone, Debug, PartialEq)]
pub struct Queue {
    pub id: String,
    pub name: String,
    pub sl_threshold_s: Option<f64>,
}

/// One page of `GET /api/v2/routing/queues`.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Page {
    #[serde(default)]
    entities: Vec<Entity>,
    page_count: Option<u32>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Entity {
    id: String,
    name: Option<String>,
    /// Per media type (`call`, `chat`, `email`, `message`, `callback`, …).
    #[serde(default)]
    media_settings: Option<HashMap<String, Option<MediaSettings>>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct MediaSettings {
    service_level: Option<ServiceLevel>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ServiceLevel {
    duration_ms: Option<f64>,
}

impl Page {
    /// Whether a page follows page `number` (pages count from 1).
    pub fn continues_after(&self, number: u32) -> bool {
        !self.entities.is_empty()
            && self.page_count.is_some_and(|count| number < count)
            && number < MAX_PAGES
    }

    /// The page's queues, each with the threshold of the watched media type,
    /// unless the config overrides it.
    pub fn queues(
        self,
        media_type: Option<&str>,
        sl_override: Option<Duration>,
    ) -> impl Iterator<Item = Queue> {
        let key = media_settings_key(media_type);
        self.entities.into_iter().map(move |entity| Queue {
            sl_threshold_s: sl_override
                .map(|t| t.as_secs_f64())
                .or_else(|| entity.threshold_s(&key)),
            name: entity.name.unwrap_or_else(|| entity.id.clone()),
            id: entity.id,
        })
    }
}

impl Entity {
    fn threshold_s(&self, media_key: &str) -> Option<f64> {
        let settings = self.media_settings.as_ref()?.get(media_key)?.as_ref()?;
        let ms = settings.service_level.as_ref()?.duration_ms?;
        Some(ms / 1000.0)
    }
}

/// Analytics calls telephony `voice`; queue settings call it `call`. Without a
/// media type the console shows a voice floor, so the call threshold applies.
fn media_settings_key(media_type: Option<&str>) -> String {
    match media_type.map(str::to_ascii_lowercase) {
        None => "call".into(),
        Some(media) if media == "voice" => "call".into(),
        Some(media) => media,
    }
}

/// The queues named in the config (by id), or all of them when it names none.
pub fn select(all: Vec<Queue>, wanted: &[String]) -> Result<Vec<Queue>, String> {
    if wanted.is_empty() {
        return Ok(all);
    }
    if let Some(missing) = wanted
        .iter()
        .find(|w| !all.iter().any(|q| q.id.eq_ignore_ascii_case(w)))
    {
        return Err(format!(
            "queue id {missing:?} (from queues = […]) is not among the {} queues this OAuth client can see",
            all.len()
        ));
    }
    Ok(all
        .into_iter()
        .filter(|q| wanted.iter().any(|w| w.eq_ignore_ascii_case(&q.id)))
        .collect())
}

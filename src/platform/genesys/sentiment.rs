//! Each conversation's sentiment from Speech and Text Analytics (STA), for
//! the conversations in progress on the watched queues (`sentiment = true`).
//!
//! `GET /api/v2/speechandtextanalytics/conversations/{id}` answers
//! `ConversationMetrics`, whose `sentimentScore` (−100…+100, weighted towards
//! the end of the conversation) goes onto floorwatch's −1…1. It needs an STA
//! licence and the permissions `recording:recording:view` and
//! `speechAndTextAnalytics:data:view`. Sentiment is an extra: whatever STA
//! answers, the poll still returns the queue figures.
//!
//! One request per conversation adds up on a busy floor, so each is asked
//! about at most once a minute, at most [`MAX_ASKS_PER_POLL`] per poll and
//! [`MAX_ASKS_PER_MINUTE`] per minute (whatever the poll interval), the
//! longest-unasked first; a 429 pauses STA for as long as `Retry-After` says.
//!
//! Unverified against a live org: whether STA scores a conversation while it
//! is still in progress (Genesys describes the score as computed from the
//! transcript). A 404 is read as "not analysed yet", and the conversation is
//! shown without a score.

use std::collections::{BTreeMap, HashMap, HashSet, VecDeque};
use std::time::{Duration, Instant};

use serde::Deserialize;

use super::observations::{InProgress, Live};
use crate::model::Timestamp;

/// A conversation's score is asked for again no sooner than this.
pub const ASK_AGAIN_AFTER: Duration = Duration::from_secs(60);
/// STA requests in one poll, so a poll stays short on a busy floor.
pub const MAX_ASKS_PER_POLL: usize = 20;
/// STA requests in any minute. Genesys limits requests per client per minute
/// (300 is a documented default for one of its limits); this leaves room for
/// the queue figures even with a short poll interval.
pub const MAX_ASKS_PER_MINUTE: usize = 120;
/// How long to leave STA alone after a 429 without `Retry-After`.
pub(super) const THROTTLED_PAUSE: Duration = Duration::from_secs(60);

/// What we know of the scores of the conversations in progress.
#[derive(Debug, Default)]
pub struct Scores {
    known: HashMap<String, Known>,
    /// When each STA request of the last minute was sent.
    recent_asks: VecDeque<Instant>,
    /// After a 429: no STA request before this.
    paused_until: Option<Instant>,
    /// A 403 was logged and nothing has succeeded since, so it is not logged again.
    forbidden_reported: bool,
}

#[derive(Debug)]
struct Known {
    since: Timestamp,
    asked_at: Option<Instant>,
    score: Option<f64>,
}

/// How one STA request went.
#[derive(Debug, PartialEq)]
pub enum Outcome {
    /// Answered; `None` when the answer carries no usable `sentimentScore`.
    Scored(Option<f64>),
    /// 404: not analysed (yet).
    NotAnalysed,
    /// 403: the client lacks the permissions (or the org the licence).
    Forbidden,
    /// 429, with how long Genesys asked us to wait.
    Throttled(Option<Duration>),
    /// No usable answer for this conversation (a malformed body, an odd status).
    Unreadable(String),
    /// STA did not answer, or refused our token: asking others now would fare no better.
    Unanswered(String),
}

impl Outcome {
    /// Whether the other conversations due this poll should still be asked about.
    fn lets_others_be_asked(&self) -> bool {
        matches!(
            self,
            Outcome::Scored(_) | Outcome::NotAnalysed | Outcome::Unreadable(_)
        )
    }
}

impl Scores {
    /// Follows the conversations in progress now: new ones are added, ended
    /// ones forgotten (with their scores).
    pub fn track<'a>(&mut self, in_progress: impl IntoIterator<Item = (&'a str, Timestamp)>) {
        let mut current = HashSet::new();
        for (id, since) in in_progress {
            current.insert(id);
            self.known.entry(id.to_owned()).or_insert(Known {
                since,
                asked_at: None,
                score: None,
            });
        }
        self.known.retain(|id, _| current.contains(id.as_str()));
    }

    /// The conversations to ask about now, in order: never asked before
    /// (oldest conversation first), then the longest since asked.
    pub fn due(&mut self, now: Instant) -> Vec<String> {
        if self.paused_until.is_some_and(|until| now < until) {
            return Vec::new();
        }
        self.paused_until = None;
        while self
            .recent_asks
            .front()
            .is_some_and(|at| now.saturating_duration_since(*at) >= Duration::from_secs(60))
        {
            self.recent_asks.pop_front();
        }
        let budget = MAX_ASKS_PER_MINUTE
            .saturating_sub(self.recent_asks.len())
            .min(MAX_ASKS_PER_POLL);
        let mut due: Vec<(&String, &Known)> = self
            .known
            .iter()
            .filter(|(_, k)| {
                k.asked_at
                    .is_none_or(|at| now.saturating_duration_since(at) >= ASK_AGAIN_AFTER)
            })
            .collect();
        // `None` sorts before any instant: the never-asked come first.
        due.sort_by_key(|(id, k)| (k.asked_at, k.since, *id));
        due.into_iter()
            .take(budget)
            .map(|(id, _)| id.clone())
            .collect()
    }

    /// Notes how asking about `id` went; false when the rest of this poll's
    /// conversations should wait for the next poll.
    pub fn record(&mut self, id: &str, outcome: &Outcome, now: Instant) -> bool {
        self.recent_asks.push_back(now);
        if let Some(known) = self.known.get_mut(id) {
            known.asked_at = Some(now);
            if let Outcome::Scored(score) = outcome {
                known.score = *score;
            }
        }
        match outcome {
            Outcome::Scored(_) | Outcome::NotAnalysed => self.forbidden_reported = false,
            Outcome::Throttled(wait) => {
                self.paused_until = Some(now + wait.unwrap_or(THROTTLED_PAUSE));
            }
            _ => {}
        }
        outcome.lets_others_be_asked()
    }

    /// Whether a 403 should be logged: once, until STA answers again.
    pub fn first_refusal(&mut self) -> bool {
        !std::mem::replace(&mut self.forbidden_reported, true)
    }

    /// The latest score of conversation `id`, on −1…1.
    pub fn score(&self, id: &str) -> Option<f64> {
        self.known.get(id).and_then(|k| k.score)
    }
}

/// What STA answers for one conversation; only the score is read.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct ConversationMetrics {
    pub sentiment_score: Option<f64>,
}

/// Each conversation in progress once, with its queue id, oldest first. A
/// conversation listed on two watched queues (a transfer in flight) is
/// placed on the first by queue id.
pub(super) fn conversations(live: &BTreeMap<String, Live>) -> Vec<(&str, &InProgress)> {
    let mut seen = HashSet::new();
    let mut all: Vec<(&str, &InProgress)> = live
        .iter()
        .flat_map(|(queue, l)| l.in_progress.iter().map(move |c| (queue.as_str(), c)))
        .filter(|(_, c)| seen.insert(c.conversation_id.as_str()))
        .collect();
    all.sort_by(|(_, a), (_, b)| (a.since, &a.conversation_id).cmp(&(b.since, &b.conversation_id)));
    all
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn floor(count: usize) -> Vec<(String, Timestamp)> {
        (0..count)
            .map(|i| (format!("c{i:02}"), Timestamp::from_secs(1_000 + i as i64)))
            .collect()
    }

    fn track(scores: &mut Scores, floor: &[(String, Timestamp)]) {
        scores.track(floor.iter().map(|(id, since)| (id.as_str(), *since)));
    }

    fn ask_all(scores: &mut Scores, now: Instant) -> Vec<String> {
        let due = scores.due(now);
        for id in &due {
            assert!(scores.record(id, &Outcome::NotAnalysed, now));
        }
        due
    }

    #[test]
    fn at_most_twenty_a_poll_and_each_conversation_once_a_minute() {
        let mut scores = Scores::default();
        let start = Instant::now();
        track(&mut scores, &floor(25));
        let first = ask_all(&mut scores, start);
        assert_eq!(first.len(), MAX_ASKS_PER_POLL);
        assert_eq!(first[0], "c00", "never asked, oldest conversation first");
        let second = ask_all(&mut scores, start + Duration::from_secs(5));
        assert_eq!(second, ["c20", "c21", "c22", "c23", "c24"], "the rest");
        assert!(ask_all(&mut scores, start + Duration::from_secs(30)).is_empty());

        // A minute after the first round, the longest-since-asked come first.
        let later = ask_all(&mut scores, start + Duration::from_secs(61));
        assert_eq!(later.len(), MAX_ASKS_PER_POLL);
        assert_eq!(later[..2], ["c00".to_owned(), "c01".to_owned()]);
        assert!(!later.contains(&"c20".to_owned()), "asked only 56 s ago");
    }

    #[test]
    fn no_more_than_the_minute_allows_however_often_we_poll() {
        let mut scores = Scores::default();
        let start = Instant::now();
        track(&mut scores, &floor(200));
        let mut asked = 0;
        for poll in 0..20 {
            asked += ask_all(&mut scores, start + Duration::from_secs(poll)).len();
        }
        assert_eq!(asked, MAX_ASKS_PER_MINUTE);
        let next_minute = ask_all(&mut scores, start + Duration::from_secs(60));
        assert_eq!(next_minute.len(), MAX_ASKS_PER_POLL);
    }

    #[test]
    fn a_score_is_kept_until_its_conversation_ends() {
        let mut scores = Scores::default();
        let now = Instant::now();
        track(&mut scores, &floor(2));
        scores.due(now);
        assert!(scores.record("c00", &Outcome::Scored(Some(-0.6)), now));
        assert!(scores.record("c01", &Outcome::NotAnalysed, now));
        assert_eq!(scores.score("c00"), Some(-0.6));
        assert_eq!(scores.score("c01"), None);

        track(&mut scores, &floor(2)[1..]);
        assert_eq!(scores.score("c00"), None, "ended: forgotten");
        track(&mut scores, &floor(2));
        assert_eq!(scores.due(now), ["c00"], "back: a new conversation to us");
    }

    #[test]
    fn a_refusal_stops_the_round_and_a_429_pauses_for_retry_after() {
        let mut scores = Scores::default();
        let now = Instant::now();
        track(&mut scores, &floor(3));
        assert!(!scores.record("c00", &Outcome::Forbidden, now));
        assert!(scores.first_refusal());
        assert!(!scores.first_refusal(), "logged once");
        assert_eq!(scores.due(now).len(), 2, "the next poll asks the others");

        let wait = Some(Duration::from_secs(30));
        assert!(!scores.record("c01", &Outcome::Throttled(wait), now));
        assert!(scores.due(now + Duration::from_secs(29)).is_empty());
        assert_eq!(scores.due(now + Duration::from_secs(30)), ["c02"]);
        assert!(!scores.record("c02", &Outcome::Unanswered("down".into()), now));
        assert!(scores.record("c02", &Outcome::Scored(None), now));
        assert!(
            scores.first_refusal(),
            "STA answered since: a new 403 is news"
        );
    }
}

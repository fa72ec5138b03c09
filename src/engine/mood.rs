//! How a queue's customers feel, over time: each interaction's latest score
//! (the platform's, or ours from the customer's words), weighted by how
//! recently it was heard, the share that is negative, and the trend.

use std::collections::hash_map::DefaultHasher;
use std::collections::{BTreeMap, VecDeque};
use std::hash::{Hash, Hasher};
use std::time::Duration;

use crate::model::{Interaction, SentimentObservation, Timestamp};
use crate::sentiment::{self, Label};

/// Interactions last heard longer ago than this no longer count.
pub const MOOD_WINDOW: Duration = Duration::from_secs(30 * 60);
/// An interaction's weight halves every this long after it was last heard.
const HALF_LIFE_S: f64 = 10.0 * 60.0;
/// The trend compares now with the mean at least this long ago.
const TREND_AFTER: Duration = Duration::from_secs(10 * 60);

#[derive(Clone, Debug, Default)]
pub struct QueueMood {
    /// Each interaction's latest score, by its id.
    heard: BTreeMap<String, Heard>,
    /// The weighted mean at each minute, oldest first (for the trend).
    minutes: VecDeque<(Timestamp, f64)>,
}

#[derive(Clone, Debug)]
struct Heard {
    score: f64,
    at: Timestamp,
    /// What was scored, so the same words are not scored twice.
    key: u64,
}

impl QueueMood {
    /// Takes in the interactions of one poll at `now`: a new or changed turn
    /// is scored, the platform's own score preferred; one without either is skipped.
    pub fn hear(&mut self, interactions: &[&Interaction], now: Timestamp) {
        for interaction in interactions {
            let key = key_of(interaction);
            match self.heard.get_mut(&interaction.id) {
                Some(heard) if heard.key == key => heard.at = now,
                _ => {
                    if let Some(score) = score_of(interaction) {
                        let heard = Heard {
                            score,
                            at: now,
                            key,
                        };
                        self.heard.insert(interaction.id.clone(), heard);
                    }
                }
            }
        }
        self.heard
            .retain(|_, h| now.saturating_since(h.at) <= MOOD_WINDOW);
        self.note_minute(now);
    }

    /// The score this queue gave interaction `id`, if it was scored.
    pub fn score(&self, id: &str) -> Option<f64> {
        self.heard.get(id).map(|h| h.score)
    }

    /// The recency-weighted mean and negative share of the last 30 minutes.
    pub fn observation(&self, now: Timestamp) -> Option<SentimentObservation> {
        let (mut weights, mut weighted, mut negative, mut samples) = (0.0, 0.0, 0.0, 0u32);
        for heard in self.heard.values() {
            let age = now.saturating_since(heard.at);
            if age > MOOD_WINDOW {
                continue;
            }
            let weight = 0.5f64.powf(age.as_secs_f64() / HALF_LIFE_S);
            weights += weight;
            weighted += weight * heard.score;
            if Label::of_score(heard.score) == Label::Negative {
                negative += weight;
            }
            samples += 1;
        }
        (samples > 0).then(|| SentimentObservation {
            score: weighted / weights,
            samples,
            negative_share: negative / weights,
        })
    }

    /// How much the mean moved over the last half hour (at least ten
    /// minutes of it): negative when customers are getting unhappier.
    pub fn trend(&self, now: Timestamp) -> Option<f64> {
        let latest = self.minutes.back()?.1;
        let (_, then) = self
            .minutes
            .iter()
            .find(|(at, _)| now.saturating_since(*at) <= MOOD_WINDOW)?;
        let (oldest_at, _) = self.minutes.front()?;
        (now.saturating_since(*oldest_at) >= TREND_AFTER).then_some(latest - then)
    }

    fn note_minute(&mut self, now: Timestamp) {
        let Some(mean) = self.observation(now).map(|o| o.score) else {
            return;
        };
        let minute = Timestamp::from_secs(now.as_millis().div_euclid(60_000) * 60);
        match self.minutes.back_mut() {
            Some((at, value)) if *at == minute => *value = mean,
            _ => self.minutes.push_back((minute, mean)),
        }
        while self.minutes.front().is_some_and(|(at, _)| {
            now.saturating_since(*at) > MOOD_WINDOW + Duration::from_secs(60)
        }) {
            self.minutes.pop_front();
        }
    }
}

fn score_of(interaction: &Interaction) -> Option<f64> {
    interaction
        .sentiment
        .filter(|s| s.is_finite())
        .map(|s| s.clamp(-1.0, 1.0))
        .or_else(|| {
            let turn = interaction.customer_turn.as_deref()?;
            (!turn.trim().is_empty()).then(|| sentiment::analyze(turn).score)
        })
}

fn key_of(interaction: &Interaction) -> u64 {
    let mut hasher = DefaultHasher::new();
    interaction.customer_turn.hash(&mut hasher);
    interaction.sentiment.map(f64::to_bits).hash(&mut hasher);
    hasher.finish()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::model::QueueId;

    fn at(minutes: i64) -> Timestamp {
        Timestamp::from_secs(1_767_600_000 + minutes * 60)
    }

    fn said(id: &str, turn: &str) -> Interaction {
        Interaction {
            id: id.into(),
            queue: QueueId("billing".into()),
            agent: None,
            started_at: at(0),
            customer_turn: Some(turn.into()),
            sentiment: None,
        }
    }

    #[test]
    fn recent_turns_weigh_more_and_old_ones_are_forgotten() {
        let mut mood = QueueMood::default();
        let pleased = Interaction {
            sentiment: Some(1.0),
            ..said("a", "")
        };
        let furious = Interaction {
            sentiment: Some(-1.0),
            ..said("b", "")
        };
        mood.hear(&[&pleased], at(0));
        mood.hear(&[&furious], at(20));
        let now = mood.observation(at(20)).unwrap();
        assert_eq!(now.samples, 2);
        // The older one weighs a quarter of the newer: (0.25 − 1) / 1.25.
        assert!((now.score + 0.6).abs() < 1e-9, "{now:?}");
        assert!((now.negative_share - 0.8).abs() < 1e-9, "{now:?}");
        mood.hear(&[], at(45));
        assert_eq!(mood.observation(at(45)).unwrap().samples, 1);
        mood.hear(&[], at(60));
        assert!(mood.observation(at(60)).is_none());
    }

    #[test]
    fn the_platforms_score_wins_and_words_are_scored_once() {
        let mut mood = QueueMood::default();
        let scored = Interaction {
            sentiment: Some(0.4),
            ..said("a", "I want to cancel, this is useless")
        };
        let words = said("b", "I've called three times and nobody fixed it");
        mood.hear(&[&scored, &words], at(0));
        assert_eq!(mood.score("a"), Some(0.4));
        assert!(mood.score("b").unwrap() < -0.25);
        let changed = said("b", "Thank you so much, that's perfect");
        mood.hear(&[&scored, &changed], at(1));
        assert!(mood.score("b").unwrap() > 0.25, "a new turn is scored anew");
        let silent = said("c", "   ");
        mood.hear(&[&silent], at(2));
        assert_eq!(mood.score("c"), None);
    }

    #[test]
    fn the_trend_shows_a_queue_turning_sour() {
        let mut mood = QueueMood::default();
        for minute in 0..20 {
            let turn = if minute < 10 {
                "Thanks, that's great"
            } else {
                "This is ridiculous, I want to make a complaint!"
            };
            let id = format!("call-{minute}");
            mood.hear(&[&said(&id, turn)], at(minute));
        }
        assert!(mood.trend(at(5)).is_none(), "too early to say");
        assert!(
            mood.trend(at(19)).unwrap() < -0.3,
            "{:?}",
            mood.trend(at(19))
        );
    }
}

//! The named situations the simulator can be put in, and what each does to
//! arrivals. Parsing and naming live here; what a scenario does to agents
//! (power cuts, staff stranded by weather) lives in `staffing`, because it
//! needs the floor's agents.

use std::fmt;
use std::str::FromStr;

use thiserror::Error;

/// A situation on the simulated floor. Switchable at any time; `Normal` undoes the others.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Scenario {
    Normal,
    Surge,
    TelephonyOutage,
    SitePowerLoss,
    SevereWeather,
    ComplaintSpike,
}

/// A scenario name that is not one of [`Scenario::ALL`].
#[derive(Clone, Debug, Error, PartialEq, Eq)]
#[error("unknown scenario `{name}`; valid scenarios are: {valid}", valid = valid_names())]
pub struct UnknownScenario {
    pub name: String,
}

impl Scenario {
    pub const ALL: [Scenario; 6] = [
        Scenario::Normal,
        Scenario::Surge,
        Scenario::TelephonyOutage,
        Scenario::SitePowerLoss,
        Scenario::SevereWeather,
        Scenario::ComplaintSpike,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Scenario::Normal => "normal",
            Scenario::Surge => "surge",
            Scenario::TelephonyOutage => "telephony-outage",
            Scenario::SitePowerLoss => "site-power-loss",
            Scenario::SevereWeather => "severe-weather",
            Scenario::ComplaintSpike => "complaint-spike",
        }
    }

    pub fn describe(self) -> &'static str {
        match self {
            Scenario::Normal => {
                "A normal day: arrivals follow the time of day and agents keep their rota."
            }
            Scenario::Surge => {
                "Arrivals triple on two queues (billing and technical support on the standard floor)."
            }
            Scenario::TelephonyOutage => {
                "The telephony platform stops answering polls while the floor carries on unseen."
            }
            Scenario::SitePowerLoss => {
                "The Manchester site loses power: its agents drop offline at once and their calls are cut."
            }
            Scenario::SevereWeather => {
                "Severe weather keeps over a third of on-site staff from work while arrivals rise by half."
            }
            Scenario::ComplaintSpike => {
                "A service outage floods one queue (technical support on the standard floor) with angry complaints."
            }
        }
    }

    /// How much the scenario multiplies arrivals on a queue, given the queue's role in it.
    pub(super) fn arrival_multiplier(self, role: QueueRole) -> f64 {
        match self {
            Scenario::Surge if role.surged => SURGE_FACTOR,
            Scenario::SevereWeather => WEATHER_FACTOR,
            Scenario::ComplaintSpike if role.complaint_target => SPIKE_FACTOR,
            _ => 1.0,
        }
    }
}

/// What part a queue plays in the scenarios that single out queues.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct QueueRole {
    pub surged: bool,
    pub complaint_target: bool,
}

const SURGE_FACTOR: f64 = 3.0;
const WEATHER_FACTOR: f64 = 1.5;
const SPIKE_FACTOR: f64 = 2.0;

/// During a complaint spike, the share of the target queue's arrivals that call about the outage.
pub(super) const SPIKE_COMPLAINT_SHARE: f64 = 0.85;

/// The share of on-site staff that severe weather keeps from work.
pub(super) const WEATHER_STRANDED_SHARE: f64 = 0.38;

impl fmt::Display for Scenario {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Scenario {
    type Err = UnknownScenario;

    /// Accepts the names of [`Scenario::name`], ignoring case and allowing `_` for `-`.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let wanted = text.trim().to_ascii_lowercase().replace('_', "-");
        Scenario::ALL
            .into_iter()
            .find(|scenario| scenario.name() == wanted)
            .ok_or_else(|| UnknownScenario {
                name: text.to_owned(),
            })
    }
}

fn valid_names() -> String {
    Scenario::ALL.map(Scenario::name).join(", ")
}

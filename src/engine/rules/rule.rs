//! What a rule says: a figure, where it is measured, when it trips and when it
//! clears, how bad that is, and which checklist it opens.

use std::time::Duration;

use crate::engine::Window;

/// What a rule watches.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Metric {
    /// Service level over the rule's window (0…1).
    ServiceLevel,
    /// Contacts waiting now.
    Waiting,
    /// The oldest waiting contact's wait now, seconds.
    LongestWait,
    /// Abandoned / (answered + abandoned) over the window (0…1).
    AbandonRate,
    /// Average speed of answer over the window, seconds.
    Asa,
    /// Callers wait and nobody can take them (no agent available, on a call or in wrap-up).
    NoAgentAvailable,
    /// Share of recent interactions scored negative (0…1).
    NegativeShare,
    /// Share of a site's logged-in agents lost within the rule's lookback (0…1).
    SiteAgentsLost,
    /// Staff lost at several sites at once (weather, transport): the share
    /// the second-hardest-hit site lost within the rule's lookback, beyond
    /// what the least-hit site lost (0…1). One site going dark is
    /// `SiteAgentsLost`; this needs two, and not the whole floor.
    StaffLostAcrossSites,
    /// How far the contact reason that jumped most rose above its usual
    /// share, over the last hour (0…1; 0 when none jumped).
    ReasonJump,
    /// The platform does not answer (or polls stopped arriving).
    PlatformUnreachable,
    /// The platform answers with something that is not data.
    PlatformGarbage,
}

impl Metric {
    pub const ALL: [Metric; 12] = [
        Metric::ServiceLevel,
        Metric::Waiting,
        Metric::LongestWait,
        Metric::AbandonRate,
        Metric::Asa,
        Metric::NoAgentAvailable,
        Metric::NegativeShare,
        Metric::SiteAgentsLost,
        Metric::StaffLostAcrossSites,
        Metric::ReasonJump,
        Metric::PlatformUnreachable,
        Metric::PlatformGarbage,
    ];

    /// The name in config files.
    pub fn name(self) -> &'static str {
        match self {
            Metric::ServiceLevel => "service_level",
            Metric::Waiting => "waiting",
            Metric::LongestWait => "longest_wait",
            Metric::AbandonRate => "abandon_rate",
            Metric::Asa => "asa",
            Metric::NoAgentAvailable => "no_agent_available",
            Metric::NegativeShare => "negative_share",
            Metric::SiteAgentsLost => "site_agents_lost",
            Metric::StaffLostAcrossSites => "staff_lost_across_sites",
            Metric::ReasonJump => "reason_jump",
            Metric::PlatformUnreachable => "platform_unreachable",
            Metric::PlatformGarbage => "platform_garbage",
        }
    }

    pub fn from_name(name: &str) -> Option<Metric> {
        Metric::ALL.into_iter().find(|m| m.name() == name)
    }

    /// A yes/no condition: it holds or it does not, no thresholds to set.
    pub fn is_condition(self) -> bool {
        matches!(
            self,
            Metric::NoAgentAvailable | Metric::PlatformUnreachable | Metric::PlatformGarbage
        )
    }

    /// Measured over a window of counts (so the rule names its window).
    pub fn is_windowed(self) -> bool {
        matches!(
            self,
            Metric::ServiceLevel | Metric::AbandonRate | Metric::Asa
        )
    }

    /// A share 0…1, shown as a percentage.
    pub fn is_share(self) -> bool {
        matches!(
            self,
            Metric::ServiceLevel
                | Metric::AbandonRate
                | Metric::NegativeShare
                | Metric::SiteAgentsLost
                | Metric::StaffLostAcrossSites
                | Metric::ReasonJump
        )
    }

    /// About the platform itself, timed on the wall clock (its own clock has stopped).
    pub fn is_about_the_platform(self) -> bool {
        matches!(self, Metric::PlatformUnreachable | Metric::PlatformGarbage)
    }

    /// Whether a checklist's sensed step can watch it. Site losses are
    /// measured against a baseline only a rule keeps, an agent free is a
    /// queue's state not a figure, and a reason's jump means something only
    /// over an hour with enough contacts, which a step cannot ask for.
    pub fn can_be_sensed(self) -> bool {
        !matches!(
            self,
            Metric::SiteAgentsLost
                | Metric::StaffLostAcrossSites
                | Metric::NoAgentAvailable
                | Metric::ReasonJump
        )
    }

    /// Where the metric can be measured.
    pub fn scopes(self) -> &'static [Scope] {
        match self {
            Metric::ServiceLevel
            | Metric::Waiting
            | Metric::LongestWait
            | Metric::AbandonRate
            | Metric::Asa
            | Metric::NegativeShare
            | Metric::ReasonJump => &[Scope::Queue, Scope::Floor],
            Metric::NoAgentAvailable => &[Scope::Queue],
            Metric::SiteAgentsLost => &[Scope::Site],
            Metric::StaffLostAcrossSites => &[Scope::Floor],
            Metric::PlatformUnreachable | Metric::PlatformGarbage => &[Scope::Platform],
        }
    }
}

/// What one rule is evaluated for: each queue, the floor, each site, or the platform.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Scope {
    Queue,
    Floor,
    Site,
    Platform,
}

impl Scope {
    pub fn name(self) -> &'static str {
        match self {
            Scope::Queue => "queue",
            Scope::Floor => "floor",
            Scope::Site => "site",
            Scope::Platform => "platform",
        }
    }

    pub fn from_name(name: &str) -> Option<Scope> {
        [Scope::Queue, Scope::Floor, Scope::Site, Scope::Platform]
            .into_iter()
            .find(|s| s.name() == name)
    }
}

/// Which side of the threshold is trouble.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    /// Trouble when the value falls below the trigger (service level).
    Below,
    /// Trouble when the value rises above the trigger (waits, abandons).
    Above,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Advisory,
    Warning,
    Critical,
}

impl Severity {
    pub fn name(self) -> &'static str {
        match self {
            Severity::Advisory => "advisory",
            Severity::Warning => "warning",
            Severity::Critical => "critical",
        }
    }

    pub fn from_name(name: &str) -> Option<Severity> {
        [Severity::Advisory, Severity::Warning, Severity::Critical]
            .into_iter()
            .find(|s| s.name() == name)
    }
}

/// One rule, checked.
#[derive(Clone, Debug, PartialEq)]
pub struct Rule {
    /// Names the rule in config files, alerts and the audit log (`sl-low`).
    pub id: String,
    pub metric: Metric,
    pub scope: Scope,
    /// For windowed metrics: the window the figure is computed over.
    pub window: Window,
    pub direction: Direction,
    /// The value at which the condition holds (ignored for yes/no conditions).
    pub trigger: f64,
    /// The value past which it is clear again; strictly beyond the trigger, so it cannot flap.
    pub clear: f64,
    /// How long the condition must hold before the alert fires.
    pub hold_for: Duration,
    /// How long it must be clear before the alert resolves.
    pub clear_for: Duration,
    pub severity: Severity,
    /// The checklist an alert of this rule opens.
    pub checklist: Option<String>,
    /// The least volume (contacts offered, sentiment samples, agents on site) for a judgement.
    pub min_volume: u64,
    /// Only these queues (ids or names); empty = all.
    pub queues: Vec<String>,
    /// For `site_agents_lost`: how far back to look for the site's peak.
    pub lookback: Duration,
}

impl Rule {
    /// Whether `value` is trouble.
    pub fn trips(&self, value: f64) -> bool {
        match self.direction {
            Direction::Below => value < self.trigger,
            Direction::Above => value > self.trigger,
        }
    }

    /// Whether `value` is clear of trouble (beyond the clear level).
    pub fn clears(&self, value: f64) -> bool {
        match self.direction {
            Direction::Below => value >= self.clear,
            Direction::Above => value <= self.clear,
        }
    }

    /// A new rule of `metric`, as a config file starts one: measured where
    /// the metric can be, a warning, no waiting; levels to be set.
    pub fn new(id: &str, metric: Metric) -> Rule {
        Rule {
            lookback: Duration::from_secs(300),
            ..Rule::condition(id, metric, metric.scopes()[0], Severity::Warning)
        }
    }

    /// A condition rule: holds at 1, clear at 0.
    fn condition(id: &str, metric: Metric, scope: Scope, severity: Severity) -> Rule {
        Rule {
            id: id.into(),
            metric,
            scope,
            window: Window::Interval,
            direction: Direction::Above,
            trigger: 0.5,
            clear: 0.5,
            hold_for: Duration::ZERO,
            clear_for: Duration::ZERO,
            severity,
            checklist: None,
            min_volume: 0,
            queues: Vec::new(),
            lookback: Duration::ZERO,
        }
    }

    fn threshold(id: &str, metric: Metric, direction: Direction, trigger: f64, clear: f64) -> Rule {
        Rule {
            direction,
            trigger,
            clear,
            ..Rule::condition(id, metric, Scope::Queue, Severity::Warning)
        }
    }

    fn held(mut self, hold_for: u64, clear_for: u64) -> Rule {
        self.hold_for = Duration::from_secs(hold_for);
        self.clear_for = Duration::from_secs(clear_for);
        self
    }

    fn severity(mut self, severity: Severity) -> Rule {
        self.severity = severity;
        self
    }

    fn opens(mut self, checklist: &str) -> Rule {
        self.checklist = Some(checklist.into());
        self
    }

    fn at_least(mut self, volume: u64) -> Rule {
        self.min_volume = volume;
        self
    }

    fn over(mut self, window: Window) -> Rule {
        self.window = window;
        self
    }

    fn scope(mut self, scope: Scope) -> Rule {
        self.scope = scope;
        self
    }
}

/// The rules that ship: what a floor manager expects to be told without configuring anything.
pub fn default_rules() -> Vec<Rule> {
    use Direction::{Above, Below};
    use Metric::*;
    vec![
        // Causes before symptoms: when a site going dark and the surge it
        // brings trip in the same poll, the cause's plan opens first and
        // inhibits the others.
        Rule {
            lookback: Duration::from_secs(300),
            ..Rule::threshold("site-agents-lost", SiteAgentsLost, Above, 0.30, 0.10)
                .scope(Scope::Site)
                .at_least(10)
                .held(0, 300)
                .severity(Severity::Critical)
                .opens("site-power-outage")
        },
        // Staff who cannot reach work show as several sites short at once,
        // more slowly than a site going dark and never at one site alone.
        Rule {
            lookback: Duration::from_secs(30 * 60),
            ..Rule::threshold(
                "staff-lost-across-sites",
                StaffLostAcrossSites,
                Above,
                0.25,
                0.10,
            )
            .scope(Scope::Floor)
            .at_least(10)
            .held(60, 600)
            .severity(Severity::Critical)
            .opens("severe-weather")
        },
        // The same bands as the queue status colours (warning < 80 %, critical < 70 %).
        Rule::threshold("sl-low", ServiceLevel, Below, 0.80, 0.85)
            .held(120, 300)
            .at_least(10),
        Rule::threshold("sl-critical", ServiceLevel, Below, 0.70, 0.75)
            .held(120, 300)
            .at_least(10)
            .severity(Severity::Critical),
        Rule::threshold("floor-sl-critical", ServiceLevel, Below, 0.50, 0.65)
            .scope(Scope::Floor)
            .held(120, 300)
            .at_least(30)
            .severity(Severity::Critical)
            .opens("traffic-surge"),
        Rule::threshold("waiting-high", Waiting, Above, 10.0, 5.0).held(60, 180),
        Rule::threshold("floor-waiting-surge", Waiting, Above, 40.0, 20.0)
            .scope(Scope::Floor)
            .held(120, 300)
            .severity(Severity::Critical)
            .opens("traffic-surge"),
        Rule::threshold("longest-wait-high", LongestWait, Above, 60.0, 40.0).held(30, 180),
        Rule::threshold("longest-wait-critical", LongestWait, Above, 120.0, 90.0)
            .held(30, 180)
            .severity(Severity::Critical),
        Rule::threshold("abandon-high", AbandonRate, Above, 0.10, 0.06)
            .over(Window::Rolling60)
            .held(300, 600)
            .at_least(20),
        Rule::condition(
            "no-agent-available",
            NoAgentAvailable,
            Scope::Queue,
            Severity::Critical,
        )
        .held(30, 60),
        Rule::threshold("negative-sentiment-high", NegativeShare, Above, 0.35, 0.25)
            .held(300, 600)
            .at_least(10)
            .opens("complaint-spike"),
        // A reason far above its usual share: a complaint wave in the making.
        Rule::threshold("reason-jump", ReasonJump, Above, 0.15, 0.05)
            .held(300, 600)
            .at_least(20)
            .opens("complaint-spike"),
        Rule::condition(
            "platform-unreachable",
            PlatformUnreachable,
            Scope::Platform,
            Severity::Critical,
        )
        .held(30, 60)
        .opens("telephony-outage"),
        Rule::condition(
            "platform-garbage",
            PlatformGarbage,
            Scope::Platform,
            Severity::Warning,
        )
        .held(60, 60),
    ]
}

impl Rule {
    /// What is wrong with the rule as written, if anything (bands that touch,
    /// a scope the metric cannot be measured in, a share outside 0…1).
    pub fn problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        if !self.metric.scopes().contains(&self.scope) {
            let allowed: Vec<_> = self.metric.scopes().iter().map(|s| s.name()).collect();
            problems.push(format!(
                "{} cannot be measured for scope = \"{}\" (it can for: {})",
                self.metric.name(),
                self.scope.name(),
                allowed.join(", ")
            ));
        }
        if self.metric.is_condition() {
            return problems;
        }
        let beyond = match self.direction {
            Direction::Below => self.clear > self.trigger,
            Direction::Above => self.clear < self.trigger,
        };
        if !beyond {
            problems.push(format!(
                "clear = {} must be strictly {} the trigger {} (a band between them stops flapping)",
                self.clear,
                match self.direction {
                    Direction::Below => "above",
                    Direction::Above => "below",
                },
                self.trigger
            ));
        }
        let outside_share = |v: f64| !(0.0..=1.0).contains(&v);
        if self.metric.is_share() && (outside_share(self.trigger) || outside_share(self.clear)) {
            problems.push(format!(
                "{} is a share: levels are fractions 0…1 (0.8 for 80 %)",
                self.metric.name()
            ));
        }
        if self.trigger < 0.0 || self.clear < 0.0 {
            problems.push("levels cannot be negative".into());
        }
        problems
    }
}

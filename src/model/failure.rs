//! Why the platform gave no snapshot: the conditions rules and the header can name.

use std::fmt;

/// What kind of trouble the platform is in. Rules match on this; the words
/// for the operator come with [`PollFailure::detail`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PlatformCondition {
    /// No answer: connection refused, timed out, or the platform failing (5xx).
    Unreachable,
    /// An answer that is not data: malformed, truncated, oversize, or an error body.
    Garbage,
    /// The platform asked us to slow down (429). Throttled is not down.
    Throttled,
    /// The platform refused our credentials (401/403, failed login).
    CredentialsRejected,
    /// Nothing is served at the configured address (404): a wrong URL or
    /// path prefix, not a platform in trouble. Retrying soon will not help.
    NotFound,
}

impl PlatformCondition {
    /// A stable name for logs, rules and JSON.
    pub fn name(self) -> &'static str {
        match self {
            PlatformCondition::Unreachable => "platform-unreachable",
            PlatformCondition::Garbage => "platform-garbage",
            PlatformCondition::Throttled => "platform-throttled",
            PlatformCondition::CredentialsRejected => "credentials-rejected",
            PlatformCondition::NotFound => "platform-not-found",
        }
    }
}

/// One failed poll, already free of secrets.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PollFailure {
    pub condition: PlatformCondition,
    /// What happened and where (URL without credentials), for the operator.
    pub detail: String,
}

impl PollFailure {
    pub fn new(condition: PlatformCondition, detail: impl Into<String>) -> Self {
        Self {
            condition,
            detail: detail.into(),
        }
    }
}

impl fmt::Display for PollFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.detail)
    }
}

//! The `genesys` adapter: Genesys Cloud over its public API.

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

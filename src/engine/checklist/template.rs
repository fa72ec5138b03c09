//! `say` templates: `{placeholder}`s filled with live values, or a list of
//! what is missing (a message is never sent half-filled).

use std::collections::BTreeMap;

/// Every placeholder a template may use.
pub const PLACEHOLDERS: [&str; 15] = [
    "queue",
    "service_level",
    "waiting",
    "longest_wait",
    "abandon_rate",
    "agents_available",
    "agents_logged_in",
    "site",
    "trigger",
    "value",
    "started_at",
    "now",
    "next_update",
    "platform",
    "operator",
];

/// The placeholders a template names, in order, with their byte offsets.
pub fn placeholders_in(template: &str) -> Vec<(usize, &str)> {
    let mut found = Vec::new();
    let mut rest = template;
    let mut offset = 0;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else {
            break;
        };
        found.push((offset + open, &rest[open + 1..open + close]));
        offset += open + close + 1;
        rest = &rest[open + close + 1..];
    }
    found
}

/// The template with every placeholder replaced, or the names that have no value.
pub fn fill(template: &str, values: &BTreeMap<&str, String>) -> Result<String, Vec<String>> {
    let mut out = String::with_capacity(template.len());
    let mut missing = Vec::new();
    let mut last = 0;
    for (at, name) in placeholders_in(template) {
        out.push_str(&template[last..at]);
        match values.get(name) {
            Some(value) => out.push_str(value),
            None => {
                if !missing.iter().any(|m| m == name) {
                    missing.push(name.to_owned());
                }
                out.push_str(&template[at..at + name.len() + 2]);
            }
        }
        last = at + name.len() + 2;
    }
    out.push_str(&template[last..]);
    if missing.is_empty() {
        Ok(out)
    } else {
        Err(missing)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn fills_every_placeholder_or_lists_the_missing() {
        let values = BTreeMap::from([("queue", "Sales".to_string()), ("waiting", "12".into())]);
        assert_eq!(
            fill("{queue}: {waiting} waiting", &values).unwrap(),
            "Sales: 12 waiting"
        );
        assert_eq!(
            fill(
                "{queue} at {service_level}, next {next_update} {service_level}",
                &values
            )
            .unwrap_err(),
            ["service_level", "next_update"]
        );
        assert_eq!(fill("no placeholders", &values).unwrap(), "no placeholders");
        let names: Vec<&str> = placeholders_in("{a} and {b}")
            .into_iter()
            .map(|(_, n)| n)
            .collect();
        assert_eq!(names, ["a", "b"]);
    }
}

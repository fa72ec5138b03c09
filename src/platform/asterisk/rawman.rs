//! Asterisk's `rawman` framing: blocks of `Key: Value` lines separated by a
//! blank line (CRLF). The first block is the response (`Response: Success` or
//! `Error`); a list follows as one block per event, closed by an event ending
//! in `Complete` with `ListItems`.

/// One block: its lines in order. Keys are compared without regard to case,
/// since Asterisk spells `Holdtime` and `HoldTime` in different events.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Block(Vec<(String, String)>);

impl Block {
    pub fn get(&self, key: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(key))
            .map(|(_, v)| v.as_str())
    }

    pub fn event(&self) -> Option<&str> {
        self.get("Event")
    }
}

/// Splits a body into blocks; lines without `:` are ignored (Asterisk sends none).
pub fn parse(body: &str) -> Vec<Block> {
    let normalized = body.replace("\r\n", "\n");
    normalized
        .split("\n\n")
        .map(|chunk| {
            Block(
                chunk
                    .lines()
                    .filter_map(|line| line.split_once(':'))
                    // "Key: " with nothing after it is an empty value.
                    .map(|(k, v)| {
                        (
                            k.trim().to_owned(),
                            v.strip_prefix(' ').unwrap_or(v).trim_end().to_owned(),
                        )
                    })
                    .collect(),
            )
        })
        .filter(|block| !block.0.is_empty())
        .collect()
}

/// How the first block answered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    Success,
    /// `Response: Error` with its `Message`.
    Error(String),
    /// No `Response:` line at all: not a rawman answer.
    Unrecognized,
}

pub fn outcome(blocks: &[Block]) -> Outcome {
    match blocks.first().and_then(|b| b.get("Response")) {
        Some(r) if r.eq_ignore_ascii_case("Success") => Outcome::Success,
        Some(r) if r.eq_ignore_ascii_case("Error") => Outcome::Error(
            blocks[0]
                .get("Message")
                .unwrap_or("(no message)")
                .to_owned(),
        ),
        _ => Outcome::Unrecognized,
    }
}

/// The events of a complete list: everything between the response and the
/// `…Complete` event, or why the list is not whole.
pub fn list_events<'a>(blocks: &'a [Block], complete_event: &str) -> Result<&'a [Block], String> {
    let Some(last) = blocks.last() else {
        return Err("an empty answer".into());
    };
    if blocks.len() < 2 || last.event() != Some(complete_event) {
        return Err(format!("the list does not end with {complete_event}"));
    }
    let events = &blocks[1..blocks.len() - 1];
    match last.get("ListItems").map(str::parse::<usize>) {
        Some(Ok(n)) if n == events.len() => Ok(events),
        Some(Ok(n)) => Err(format!(
            "{complete_event} says {n} items, {} arrived",
            events.len()
        )),
        _ => Err(format!("{complete_event} has no ListItems count")),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    const LIST: &str = "Response: Success\r\nEventList: start\r\nMessage: Queue status will follow\r\n\r\nEvent: QueueParams\r\nQueue: support\r\nHoldtime: 17\r\n\r\nEvent: QueueMember\r\nPausedReason: \r\nName: Alice: the agent\r\n\r\nEvent: QueueStatusComplete\r\nEventList: Complete\r\nListItems: 2\r\n\r\n";

    #[test]
    fn blocks_keys_and_empty_values() {
        let blocks = parse(LIST);
        assert_eq!(blocks.len(), 4);
        assert_eq!(outcome(&blocks), Outcome::Success);
        assert_eq!(blocks[1].get("holdTIME"), Some("17"));
        assert_eq!(blocks[2].get("PausedReason"), Some(""));
        assert_eq!(
            blocks[2].get("Name"),
            Some("Alice: the agent"),
            "split on the first colon only"
        );
        assert_eq!(
            list_events(&blocks, "QueueStatusComplete").unwrap().len(),
            2
        );
    }

    #[test]
    fn an_incomplete_list_is_refused() {
        let cut = &LIST[..LIST.find("Event: QueueStatusComplete").unwrap()];
        let e = list_events(&parse(cut), "QueueStatusComplete").unwrap_err();
        assert!(e.contains("does not end"), "{e}");
        let lying = LIST.replace("ListItems: 2", "ListItems: 5");
        let e = list_events(&parse(&lying), "QueueStatusComplete").unwrap_err();
        assert!(e.contains("says 5 items, 2 arrived"), "{e}");
    }

    #[test]
    fn errors_carry_their_message() {
        let blocks = parse("Response: Error\r\nMessage: Permission denied\r\n\r\n");
        assert_eq!(outcome(&blocks), Outcome::Error("Permission denied".into()));
        assert_eq!(outcome(&parse("<html>")), Outcome::Unrecognized);
    }
}

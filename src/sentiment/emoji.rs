//! Emoji, which customers use in both languages alike. Our own valences (on
//! VADER's −4…4 scale) for the common faces, hands and hearts; an emoji not
//! listed counts for nothing. Text emoticons such as `:(` are in VADER's lexicon.

/// Sorted by code point, for the binary search.
const EMOJI: &[(char, f64)] = &[
    ('\u{2639}', -2.0),  // ☹ frowning face
    ('\u{263A}', 2.0),   // ☺ smiling face
    ('\u{2764}', 2.5),   // ❤ heart
    ('\u{1F44C}', 1.8),  // 👌 OK hand
    ('\u{1F44D}', 2.0),  // 👍 thumbs up
    ('\u{1F44E}', -2.0), // 👎 thumbs down
    ('\u{1F44F}', 2.0),  // 👏 clapping
    ('\u{1F494}', -2.5), // 💔 broken heart
    ('\u{1F495}', 2.5),  // 💕 two hearts
    ('\u{1F496}', 2.5),  // 💖 sparkling heart
    ('\u{1F499}', 2.0),  // 💙 blue heart
    ('\u{1F4A9}', -2.0), // 💩 pile of poo
    ('\u{1F4AF}', 2.2),  // 💯 hundred points
    ('\u{1F595}', -3.0), // 🖕 middle finger
    ('\u{1F600}', 2.2),  // 😀 grinning
    ('\u{1F601}', 2.2),  // 😁 beaming
    ('\u{1F602}', 1.5),  // 😂 tears of joy
    ('\u{1F603}', 2.2),  // 😃
    ('\u{1F604}', 2.2),  // 😄
    ('\u{1F605}', 0.5),  // 😅 sweat smile
    ('\u{1F606}', 2.0),  // 😆
    ('\u{1F609}', 1.5),  // 😉 wink
    ('\u{1F60A}', 2.2),  // 😊 smiling eyes
    ('\u{1F60D}', 2.8),  // 😍 heart eyes
    ('\u{1F610}', -0.3), // 😐 neutral face
    ('\u{1F611}', -0.8), // 😑 expressionless
    ('\u{1F612}', -1.8), // 😒 unamused
    ('\u{1F613}', -1.0), // 😓
    ('\u{1F614}', -1.5), // 😔 pensive
    ('\u{1F615}', -1.2), // 😕 confused
    ('\u{1F616}', -2.0), // 😖 confounded
    ('\u{1F618}', 2.5),  // 😘
    ('\u{1F61E}', -2.0), // 😞 disappointed
    ('\u{1F61F}', -1.5), // 😟 worried
    ('\u{1F620}', -2.5), // 😠 angry
    ('\u{1F621}', -3.0), // 😡 pouting
    ('\u{1F622}', -2.0), // 😢 crying
    ('\u{1F623}', -2.0), // 😣 persevering
    ('\u{1F624}', -2.2), // 😤 steam from nose
    ('\u{1F625}', -1.5), // 😥
    ('\u{1F629}', -2.2), // 😩 weary
    ('\u{1F62B}', -2.2), // 😫 tired
    ('\u{1F62D}', -2.2), // 😭 loudly crying
    ('\u{1F630}', -1.8), // 😰
    ('\u{1F631}', -2.0), // 😱 screaming
    ('\u{1F633}', -0.5), // 😳
    ('\u{1F637}', -0.5), // 😷
    ('\u{1F641}', -1.5), // 🙁 slightly frowning
    ('\u{1F642}', 1.2),  // 🙂 slightly smiling
    ('\u{1F644}', -1.8), // 🙄 eye roll
    ('\u{1F64F}', 1.5),  // 🙏 folded hands (thanks)
    ('\u{1F910}', -0.5), // 🤐
    ('\u{1F911}', 0.5),  // 🤑
    ('\u{1F914}', -0.3), // 🤔 thinking
    ('\u{1F91E}', 1.0),  // 🤞 fingers crossed
    ('\u{1F923}', 1.5),  // 🤣 rolling on the floor laughing
    ('\u{1F926}', -1.8), // 🤦 facepalm
    ('\u{1F929}', 2.8),  // 🤩 star-struck
    ('\u{1F92C}', -3.0), // 🤬 swearing
    ('\u{1F970}', 2.8),  // 🥰 smiling with hearts
    ('\u{1F97A}', -0.8), // 🥺 pleading
];

/// The summed valence of the emoji in `text`.
pub fn valence(text: &str) -> f64 {
    text.chars()
        .filter(|c| !c.is_ascii())
        .filter_map(|c| {
            EMOJI
                .binary_search_by(|(e, _)| e.cmp(&c))
                .ok()
                .map(|i| EMOJI[i].1)
        })
        .sum()
}

#[cfg(test)]
pub fn is_sorted() -> bool {
    EMOJI.windows(2).all(|pair| pair[0].0 < pair[1].0)
}

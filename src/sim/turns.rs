//! What simulated customers say: one turn per conversation, in the caller's
//! language, about the reason they called, worded as they feel. A platform
//! that transcribes calls gives floorwatch text like this and no score: the
//! console scores it itself.
//!
//! The mood comes from `caller::draw_sentiment`; the wording is picked from
//! the bucket it falls in. Angry callers (a complaint spike) shout and demand.

use rand::Rng;
use rand_chacha::ChaCha8Rng;

/// How a turn is worded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tone {
    Pleased,
    Matter,
    Unhappy,
    Angry,
}

const ENGLISH: [(Tone, &str); 24] = [
    (
        Tone::Pleased,
        "Thanks so much, that's sorted my {topic} perfectly.",
    ),
    (
        Tone::Pleased,
        "That's brilliant, thank you for your help with the {topic}.",
    ),
    (Tone::Pleased, "Great, you've been really helpful today."),
    (
        Tone::Pleased,
        "Perfect, that's exactly what I needed, thanks.",
    ),
    (Tone::Pleased, "Lovely, much appreciated. Have a good day."),
    (
        Tone::Pleased,
        "Oh that's good news about the {topic}, thank you!",
    ),
    (Tone::Matter, "I'm calling about my {topic}."),
    (Tone::Matter, "Can you tell me where I am with the {topic}?"),
    (
        Tone::Matter,
        "I just need to check something on my account.",
    ),
    (Tone::Matter, "My reference number is 4471 2290."),
    (Tone::Matter, "Okay, and how long will that take?"),
    (Tone::Matter, "Could you send me the details by email?"),
    (
        Tone::Unhappy,
        "I'm not happy, the {topic} still isn't sorted.",
    ),
    (
        Tone::Unhappy,
        "This is the third time I've called about the {topic}.",
    ),
    (
        Tone::Unhappy,
        "I was on hold for forty minutes before anyone answered.",
    ),
    (
        Tone::Unhappy,
        "Nobody has fixed it and I keep getting passed around.",
    ),
    (
        Tone::Unhappy,
        "It's been two weeks and I've heard nothing back about the {topic}.",
    ),
    (
        Tone::Unhappy,
        "That's really disappointing, I was told it would be done by now.",
    ),
    (
        Tone::Angry,
        "This is ridiculous! I want to make a formal complaint.",
    ),
    (Tone::Angry, "I'VE HAD ENOUGH, CANCEL MY ACCOUNT NOW!"),
    (
        Tone::Angry,
        "Absolutely useless. I want a refund and I want it today!!!",
    ),
    (
        Tone::Angry,
        "I'm furious, you've cut me off again and nobody cares.",
    ),
    (
        Tone::Angry,
        "Get me your manager, I'm sick of being lied to.",
    ),
    (
        Tone::Angry,
        "Third outage this month and you still can't tell me why!",
    ),
];

const CHINESE: [(Tone, &str); 22] = [
    (Tone::Pleased, "谢谢你，{topic}的问题解决了。"),
    (Tone::Pleased, "太好了，服务非常好！"),
    (Tone::Pleased, "好的，非常感谢你的帮助。"),
    (Tone::Pleased, "很满意，处理得很快。"),
    (Tone::Pleased, "明白了，谢谢，辛苦了。"),
    (Tone::Matter, "我想问一下{topic}的情况。"),
    (Tone::Matter, "请帮我查一下{topic}。"),
    (Tone::Matter, "我的订单号是 20261202。"),
    (Tone::Matter, "好的，大概需要多长时间？"),
    (Tone::Matter, "能不能发短信给我确认一下？"),
    (Tone::Matter, "我下午三点以后都在家。"),
    (Tone::Unhappy, "{topic}的问题到现在还没有解决。"),
    (Tone::Unhappy, "我已经打了三次电话了，还是没人处理。"),
    (Tone::Unhappy, "我等了四十分钟才有人接电话。"),
    (Tone::Unhappy, "你们说会回电话，结果一直没有消息。"),
    (Tone::Unhappy, "不太满意，{topic}一直有问题。"),
    (Tone::Unhappy, "这已经是第二次了，真的很失望。"),
    (Tone::Angry, "我要投诉！你们太过分了！"),
    (Tone::Angry, "马上给我退款，不然我就投诉到消协！"),
    (Tone::Angry, "我不想再等了，转人工，找你们经理！"),
    (Tone::Angry, "太差劲了，我要解约！"),
    (Tone::Angry, "又断网了，你们到底管不管？！"),
];

/// Picks a turn for a caller: the index of its template.
pub(super) fn pick(rng: &mut ChaCha8Rng, mood: f32, angry: bool, chinese: bool) -> u16 {
    let tone = match mood {
        _ if angry => Tone::Angry,
        m if m > 0.3 => Tone::Pleased,
        // A caller has to be clearly put out to complain in words.
        m if m < -0.35 => Tone::Unhappy,
        _ => Tone::Matter,
    };
    let table: &[(Tone, &str)] = if chinese { &CHINESE } else { &ENGLISH };
    let choices: Vec<usize> = (0..table.len()).filter(|i| table[*i].0 == tone).collect();
    let index = choices[rng.random_range(0..choices.len())];
    u16::try_from(index).unwrap_or(0)
}

/// The words of turn `index` about `reason`.
pub(super) fn text(index: u16, chinese: bool, reason: &str) -> String {
    let table: &[(Tone, &str)] = if chinese { &CHINESE } else { &ENGLISH };
    let template = table.get(usize::from(index)).map_or("", |(_, t)| t);
    let topic = if chinese {
        chinese_topic(reason)
    } else {
        english_topic(reason)
    };
    template.replace("{topic}", &topic)
}

/// "Refund request" → "refund request"; a bilingual name keeps its English half.
fn english_topic(reason: &str) -> String {
    let latin = reason.trim_start_matches(|c: char| !c.is_ascii());
    latin.trim().to_lowercase()
}

/// The reason in the caller's words: the Chinese half of a bilingual name,
/// else a word for what the reason is about.
fn chinese_topic(reason: &str) -> String {
    let cjk: String = reason.chars().take_while(|c| !c.is_ascii()).collect();
    if !cjk.trim().is_empty() {
        return cjk.trim().to_owned();
    }
    let lower = reason.to_lowercase();
    const WORDS: [(&str, &str); 20] = [
        ("refund", "退款"),
        ("payment", "付款"),
        ("bill", "账单"),
        ("debit", "扣款"),
        ("outage", "断网"),
        ("broadband", "宽带"),
        ("speed", "网速"),
        ("router", "路由器"),
        ("email", "邮箱"),
        ("contract", "合同"),
        ("upgrade", "升级"),
        ("line", "号码"),
        ("price", "价格"),
        ("moving", "搬家"),
        ("claim", "理赔"),
        ("device", "手机"),
        ("stolen", "手机丢失"),
        ("order", "订单"),
        ("delivery", "快递"),
        ("password", "密码"),
    ];
    WORDS
        .iter()
        .find(|(key, _)| lower.contains(key))
        .map_or("业务", |(_, word)| word)
        .to_owned()
}

#[cfg(test)]
mod tests {
    use rand::SeedableRng;

    use super::*;

    #[test]
    fn every_tone_has_words_in_both_languages() {
        let mut rng = ChaCha8Rng::seed_from_u64(7);
        for chinese in [false, true] {
            for (mood, angry) in [(0.8, false), (0.0, false), (-0.6, false), (-0.9, true)] {
                let turn = pick(&mut rng, mood, angry, chinese);
                let words = text(turn, chinese, "Refund request");
                assert!(!words.is_empty() && !words.contains('{'), "{words}");
                let has_cjk = words
                    .chars()
                    .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
                assert_eq!(has_cjk, chinese, "{words}");
            }
        }
    }

    /// A caller who only says what they are calling about is making a
    /// request, whatever the request is: a cancellation or a refund is not a
    /// complaint. No matter-of-fact turn about any reason on the floor reads
    /// negative, in either language.
    #[test]
    fn a_matter_of_fact_turn_about_any_reason_is_no_complaint() {
        let mut rng = ChaCha8Rng::seed_from_u64(3);
        let plan = super::super::floor_plan::FloorPlan::build(
            super::super::FloorShape::Standard,
            &mut rng,
        );
        let mut sour = Vec::new();
        for chinese in [false, true] {
            let table: &[(Tone, &str)] = if chinese { &CHINESE } else { &ENGLISH };
            let matter = (0..table.len())
                .filter(|i| table[*i].0 == Tone::Matter)
                .filter_map(|i| u16::try_from(i).ok());
            for index in matter {
                for reason in plan.queues.iter().flat_map(|q| &q.reasons) {
                    let words = text(index, chinese, &reason.name);
                    let sentiment = crate::sentiment::analyze(&words);
                    if sentiment.label == crate::sentiment::Label::Negative {
                        sour.push(format!("{words:?} {:+.2}", sentiment.score));
                    }
                }
            }
        }
        assert!(sour.is_empty(), "read as complaints:\n{}", sour.join("\n"));
    }

    #[test]
    fn topics_come_from_the_reason() {
        assert_eq!(english_topic("Refund request"), "refund request");
        assert_eq!(
            english_topic("投诉升级 Complaint escalation"),
            "complaint escalation"
        );
        assert_eq!(chinese_topic("投诉升级 Complaint escalation"), "投诉升级");
        assert_eq!(chinese_topic("Broadband fault"), "宽带");
        assert_eq!(chinese_topic("Something else"), "业务");
    }
}

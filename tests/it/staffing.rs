//! Staffing against the reference tables in `../shared/data/` (each computed
//! three independent ways), and `floorwatch staffing` through the binary.

use std::time::Duration;

use floorwatch::engine::staffing::{Demand, Target, erlang_a_required, erlang_c_required};

use super::cli::{floorwatch, json_of};

/// Each row of a reference table as named columns.
fn rows(file: &str) -> Option<Vec<std::collections::HashMap<String, f64>>> {
    let path = super::shared::data(file)?;
    let text = std::fs::read_to_string(&path).unwrap();
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split('\t').collect();
    Some(
        lines
            .filter(|l| !l.trim().is_empty())
            .map(|line| {
                header
                    .iter()
                    .zip(line.split('\t'))
                    .map(|(k, v)| ((*k).to_owned(), v.trim().parse::<f64>().unwrap()))
                    .collect()
            })
            .collect(),
    )
}

fn demand(row: &std::collections::HashMap<String, f64>) -> (Demand, Target) {
    let demand = Demand {
        calls: row["calls"],
        period: Duration::from_secs_f64(row["period_s"]),
        aht: Duration::from_secs_f64(row["aht_s"]),
    };
    let target = Target {
        share: row["target"],
        threshold: Duration::from_secs_f64(row["threshold_s"]),
    };
    (demand, target)
}

/// Printed to 4 decimals (2 for seconds): within half a unit of the last place, plus float slack.
fn agrees(got: f64, printed: f64, places: i32) -> bool {
    (got - printed).abs() <= 0.5 * 10f64.powi(-places) + 1e-9
}

#[test]
fn every_erlang_c_reference_row() {
    let Some(rows) = rows("erlang_reference.tsv") else {
        return;
    };
    assert!(rows.len() >= 10);
    for row in &rows {
        let (demand, target) = demand(row);
        let got = erlang_c_required(&demand, &target).unwrap();
        assert_eq!(f64::from(got.agents), row["agents"], "{row:?}");
        assert!(
            agrees(got.service_level, row["service_level"], 4),
            "{row:?} {got:?}"
        );
        assert!(agrees(got.asa_s, row["asa_s"], 2), "{row:?} {got:?}");
        assert!(
            agrees(got.occupancy, row["occupancy"], 4),
            "{row:?} {got:?}"
        );
    }
}

#[test]
fn every_erlang_a_reference_row() {
    let Some(rows) = rows("erlang_a_reference.tsv") else {
        return;
    };
    assert!(!rows.is_empty());
    for row in &rows {
        let (demand, target) = demand(row);
        let patience = Duration::from_secs_f64(row["patience_s"]);
        let got = erlang_a_required(&demand, patience, &target).unwrap();
        assert_eq!(f64::from(got.agents), row["agents_erlang_a"], "{row:?}");
        assert!(
            agrees(got.service_level, row["service_level"], 4),
            "{row:?} {got:?}"
        );
        assert!(
            agrees(got.p_abandon.unwrap(), row["p_abandon"], 4),
            "{row:?} {got:?}"
        );
        assert!(agrees(got.p_wait, row["p_wait"], 4), "{row:?} {got:?}");
        assert!(
            agrees(got.asa_s, row["mean_wait_all_s"], 2),
            "{row:?} {got:?}"
        );
        assert!(
            agrees(got.occupancy, row["occupancy"], 4),
            "{row:?} {got:?}"
        );
        let impatient_free = erlang_c_required(&demand, &target).unwrap();
        assert_eq!(
            f64::from(impatient_free.agents),
            row["agents_erlang_c"],
            "{row:?}"
        );
    }
}

#[test]
fn the_command_answers_the_worked_example_in_json() {
    let answer = json_of(
        floorwatch()
            .args([
                "staffing", "--calls", "100", "--period", "30m", "--aht", "180s",
            ])
            .args(["--target", "80/20", "--json"]),
    );
    assert_eq!(answer["agents"], 14);
    assert_eq!(answer["model"], "erlang_c");
    assert!((answer["service_level"].as_f64().unwrap() - 0.8884).abs() < 5e-5);
    assert!((answer["asa_s"].as_f64().unwrap() - 7.84).abs() < 5e-3);
    assert!((answer["occupancy"].as_f64().unwrap() - 0.7143).abs() < 5e-5);

    let answer = json_of(
        floorwatch()
            .args([
                "staffing", "--calls", "100", "--period", "30m", "--aht", "180s",
            ])
            .args(["--target", "80/20", "--patience", "5m", "--json"]),
    );
    assert_eq!(
        (answer["agents"].as_u64(), answer["model"].as_str()),
        (Some(13), Some("erlang_a"))
    );
    assert!((answer["p_abandon"].as_f64().unwrap() - 0.0250).abs() < 5e-5);
}

#[test]
fn a_bad_target_is_refused_with_the_way_to_write_it() {
    let output = floorwatch()
        .args([
            "staffing", "--calls", "100", "--period", "30m", "--aht", "180s",
        ])
        .args(["--target", "80"])
        .output()
        .unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("PERCENT/SECONDS, e.g. 80/20"), "{stderr}");
}

use super::*;
#[test]
fn probe_margins() {
    for seed in 100..130u64 {
        let mut sim = standard(seed, 9.0);
        sim.advance_to(at_hour(10.5));
        let s = sim.snapshot();
        let l = service_levels(&s);
        let sl = l.iter().sum::<f64>() / l.len() as f64;
        let minl = l.iter().cloned().fold(1.0, f64::min);
        // surge
        let mut n = standard(seed, 10.0); let mut su = standard(seed, 10.0); su.set_scenario(Scenario::Surge);
        advance_minutes(&mut n, 30); advance_minutes(&mut su, 30);
        let f = |s: &Snapshot| offered(s, "billing") + offered(s, "tech-support");
        let ratio = f(&su.snapshot()) as f64 / f(&n.snapshot()) as f64;
        // weather
        let mut n = standard(seed, 10.0); let mut w = standard(seed, 10.0); w.set_scenario(Scenario::SevereWeather);
        advance_minutes(&mut n, 20); advance_minutes(&mut w, 20);
        let drop = 1.0 - logged_in(&w.snapshot()) as f64 / logged_in(&n.snapshot()) as f64;
        advance_minutes(&mut n, 40); advance_minutes(&mut w, 40);
        let wr = total_offered(&w.snapshot()) as f64 / total_offered(&n.snapshot()) as f64;
        // spike
        let mut n = standard(seed, 10.0); let mut c = standard(seed, 10.0); c.set_scenario(Scenario::ComplaintSpike);
        advance_minutes(&mut n, 20); advance_minutes(&mut c, 20);
        let neg = queue(&c.snapshot(), "tech-support").sentiment.unwrap().negative_share;
        let negn = queue(&n.snapshot(), "tech-support").sentiment.unwrap().negative_share;
        println!("seed {seed}: sl {sl:.3} min {minl:.2} surge {ratio:.2} drop {drop:.2} wr {wr:.2} neg {neg:.2} normalneg {negn:.2}");
    }
}

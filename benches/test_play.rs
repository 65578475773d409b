//! Test play's speed: a simulated hour of a full 50-player server (the
//! normal-play scenario on the starter example), and one run of every
//! scenario at its default settings. The target is under 2 s of wall time for
//! the hour in a release build. Run with `cargo bench --bench test_play`.

use std::time::{Duration, Instant};

use datastore_designer::project::{examples, file};
use datastore_designer::sim::scenario::{self, RunControl, Scenario};

fn main() {
    let project = file::parse_str(examples::text("starter").unwrap(), "starter").unwrap();
    // `cargo bench` passes --bench; `cargo test --benches` runs this too: keep that quick.
    let quick = !std::env::args().any(|a| a == "--bench");
    let mut hour = Scenario::NormalPlay.defaults(&project);
    hour.players = 50;
    hour.minutes = if quick { 2.0 } else { 60.0 };
    let mut times = Vec::new();
    let mut last = None;
    for _ in 0..5 {
        let start = Instant::now();
        let report = scenario::run(&project, Scenario::NormalPlay, &hour, &RunControl::new())
            .expect("test play runs");
        times.push(start.elapsed());
        last = Some(report);
    }
    times.sort();
    let report = last.unwrap();
    println!("| measure | figure |");
    println!("|---|---|");
    println!(
        "| simulated {} min, 50 players, one server (median of 5) | {:.2} s (min {:.2} s, max {:.2} s) |",
        hour.minutes,
        secs(times[2]),
        secs(times[0]),
        secs(times[4])
    );
    println!(
        "| ... of which sessions / changes / saves / requests | {} / {} / {} / {} |",
        report.verdict.sessions,
        report.verdict.changes,
        report.verdict.saves,
        report.verdict.requests
    );
    for s in Scenario::ALL {
        let mut settings = s.defaults(&project);
        if quick {
            settings.players = settings.players.min(5);
            settings.minutes = 1.0;
        }
        let start = Instant::now();
        let report =
            scenario::run(&project, s, &settings, &RunControl::new()).expect("test play runs");
        println!(
            "| {} ({} players, {} min) | {:.2} s, {} |",
            s.title(),
            settings.players,
            settings.minutes,
            secs(start.elapsed()),
            report.verdict.headline()
        );
    }
}

fn secs(d: Duration) -> f64 {
    d.as_secs_f64()
}

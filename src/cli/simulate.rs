//! `simulate FILE --scenario NAME [--players N] [--minutes M] [--failure-rate R] [--seed S] [--json]`:
//! test-play the project's export against simulated players, crashes and outages.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::bail;

use super::{EXIT_DATA_LOST, EXIT_PROJECT_ERRORS};
use crate::project::file;
use crate::sim::scenario::{self, RunControl, Scenario, ScenarioError};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The project file (.ron).
    pub file: PathBuf,
    /// What to test: normal-play, rejoin-storm, server-crash, outage, failures,
    /// throttling, shutdown, two-servers, migration, hop-hiccup, lost-messages,
    /// purchases (developer products and gifts, counted receipt by receipt)
    /// or leaderboard-week (eight days pass: daily, weekly and monthly boards
    /// roll over).
    #[arg(long, value_parser = parse_scenario)]
    pub scenario: Scenario,
    /// Players taking part (1 to 200). Default: depends on the scenario and the project's max players.
    #[arg(long)]
    pub players: Option<u32>,
    /// Length of the play in virtual minutes (0.5 to 240); for leaderboard-week,
    /// the minutes each player plays a day.
    #[arg(long)]
    pub minutes: Option<f64>,
    /// Share of DataStore requests that fail at random, from 0 to 0.9 (0.3 = 30 %).
    #[arg(long)]
    pub failure_rate: Option<f64>,
    /// The same seed gives the same run.
    #[arg(long)]
    pub seed: Option<u64>,
    /// Print the whole report (with per-minute requests, samples and events) as JSON.
    #[arg(long)]
    pub json: bool,
}

fn parse_scenario(name: &str) -> Result<Scenario, String> {
    Scenario::from_id(name).ok_or_else(|| {
        let names: Vec<&str> = Scenario::ALL.iter().map(|s| s.id()).collect();
        format!(
            "no scenario \"{name}\"; choose one of: {}",
            names.join(", ")
        )
    })
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let project = file::load(&args.file)?;
    let mut settings = args.scenario.defaults(&project);
    if let Some(players) = args.players {
        settings.players = players;
    }
    if let Some(minutes) = args.minutes {
        settings.minutes = minutes;
    }
    if let Some(rate) = args.failure_rate {
        settings.failure_rate = rate;
    }
    if let Some(seed) = args.seed {
        settings.seed = seed;
    }
    let report = match scenario::run(&project, args.scenario, &settings, &RunControl::new()) {
        Ok(report) => report,
        Err(ScenarioError::Project(message)) => {
            eprintln!("{}: {message}", args.file.display());
            eprintln!(
                "Run `datastore-designer check {}` to see them.",
                args.file.display()
            );
            return Ok(ExitCode::from(EXIT_PROJECT_ERRORS));
        }
        Err(other) => bail!("{other}"),
    };
    if args.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        print!("{}", report.to_text());
    }
    Ok(if report.verdict.passed() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(EXIT_DATA_LOST)
    })
}

//! `look list` and `look apply FILE --leaderboard NAME --look ID`: the
//! gallery of ready-made leaderboard looks, for scripts.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{anyhow, bail};
use serde::Serialize;

use super::check::{print_diagnostics, summary};
use crate::project::diagnostics::error_count;
use crate::project::looks::{self, Look};
use crate::project::{file, validate};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub command: LookCommand,
}

#[derive(Debug, clap::Subcommand)]
pub enum LookCommand {
    /// List the looks: their ids, names and what each suits.
    List {
        /// Print JSON: [ { "id", "title", "about", "on_part" } ].
        #[arg(long)]
        json: bool,
    },
    /// Give a leaderboard a look. Only what players see changes: its stat, periods,
    /// numbers and other settings stay.
    Apply {
        /// The project file (.ron); it is saved in place, keeping the previous version as FILE.bak.
        file: PathBuf,
        /// Which leaderboard gets the look; needed when the project has more than one.
        #[arg(long)]
        leaderboard: Option<String>,
        /// The look's id, as `look list` shows it (e.g. classic-dark).
        #[arg(long, value_name = "ID")]
        look: String,
    },
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    match args.command {
        LookCommand::List { json } => list(json),
        LookCommand::Apply {
            file,
            leaderboard,
            look,
        } => apply(&file, leaderboard.as_deref(), &look),
    }
}

#[derive(Serialize)]
struct Listed {
    id: &'static str,
    title: &'static str,
    about: &'static str,
    on_part: bool,
}

fn list(json: bool) -> anyhow::Result<ExitCode> {
    let all: Vec<Listed> = looks::all()
        .into_iter()
        .map(|l| Listed {
            id: l.id,
            title: l.title,
            about: l.about,
            on_part: l.on_part,
        })
        .collect();
    if json {
        println!("{}", serde_json::to_string_pretty(&all)?);
        return Ok(ExitCode::SUCCESS);
    }
    let width = all.iter().map(|l| l.id.len()).max().unwrap_or(0);
    for l in &all {
        // Said once, if the name doesn't already say it.
        let place = if l.on_part && !l.title.contains("on a part") {
            " (on a part)"
        } else {
            ""
        };
        println!("{:<width$}  {}{place}: {}", l.id, l.title, l.about);
    }
    Ok(ExitCode::SUCCESS)
}

fn apply(path: &std::path::Path, leaderboard: Option<&str>, id: &str) -> anyhow::Result<ExitCode> {
    let mut project = file::load(path)?;
    // The look first: a wrong id is the mistake to fix, whichever board.
    let look = looks::by_id(id).ok_or_else(|| {
        let ids: Vec<&str> = looks::all().iter().map(|l| l.id).collect();
        anyhow!(
            "there is no look called {id}; the looks are: {}",
            ids.join(", ")
        )
    })?;
    let names: Vec<&str> = project
        .leaderboards
        .iter()
        .map(|l| l.name.as_str())
        .collect();
    let index = match leaderboard {
        Some(name) => names.iter().position(|n| *n == name).ok_or_else(|| {
            anyhow!(
                "the project has no leaderboard called {name}; it has: {}",
                if names.is_empty() {
                    "none".to_string()
                } else {
                    names.join(", ")
                }
            )
        })?,
        None if names.len() == 1 => 0,
        None if names.is_empty() => {
            bail!("the project has no leaderboards: add one first, then give it a look")
        }
        None => bail!(
            "the project has several leaderboards ({}): say which with --leaderboard",
            names.join(", ")
        ),
    };
    let board = &mut project.leaderboards[index];
    let was = Look::worn_by(board).map(|l| l.title);
    look.apply_to(board);
    let board_name = board.name.clone();

    file::save(&project, path)?;
    let diagnostics = validate::check(&project);
    print_diagnostics(&diagnostics);
    let errors = error_count(&diagnostics);
    let before = was.map_or(String::new(), |t| format!(" (it had the look {t})"));
    println!(
        "Gave {board_name} the look {}{before} and saved {} ({}).",
        look.title,
        path.display(),
        summary(errors, diagnostics.len() - errors)
    );
    Ok(ExitCode::SUCCESS)
}

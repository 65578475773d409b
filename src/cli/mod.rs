//! The command line: one module per subcommand.

mod check;
mod export;
mod import_gui;
mod layout;
mod look;
mod new;
mod player;
mod simulate;
mod watch;

use std::process::ExitCode;

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::app;

use crate::project::examples;

/// Exit code when the project has errors.
pub const EXIT_PROJECT_ERRORS: u8 = 1;
/// Exit code when a file could not be read or written, or the input was bad.
pub const EXIT_BAD_INPUT: u8 = 2;
/// Exit code of `simulate` when test play lost or duplicated data.
pub const EXIT_DATA_LOST: u8 = 3;
/// Exit code of `player` when a write was refused: the player is in a game,
/// the record changed meanwhile, or the data breaks the game's rules.
pub const EXIT_REFUSED: u8 = 4;

#[derive(Debug, Parser)]
#[command(
    name = "datastore-designer",
    version,
    about = "Design a Roblox game's saved player data, saving and global leaderboards, then export Studio-ready files.",
    after_help = "Without a command, the designer window opens on the last project (the starter example the first time).\n\nExit codes: 0 success, 1 the project has errors, 2 a file could not be read or written (or bad input), 3 test play (simulate) lost or duplicated data, 4 a `player` write was refused (live session, changed meanwhile, or broken rules).",
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// A project file to open in the designer window.
    pub file: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check a project and list its problems.
    Check(check::Args),
    /// Export Studio-ready files: a Rojo project folder and/or model files.
    Export(export::Args),
    /// Start a new project from a template.
    New(new::Args),
    /// Show where every element of a leaderboard GUI lands on a device.
    Layout(layout::Args),
    /// Replace a leaderboard's GUI with one made in Studio (.rbxmx or .rbxm).
    ImportGui(import_gui::Args),
    /// The gallery of ready-made leaderboard looks: list them, or give a leaderboard one.
    Look(look::Args),
    /// Test-play the export against simulated players, crashes and DataStore outages.
    Simulate(simulate::Args),
    /// A live game's saved player data through Open Cloud: get, set, restore, erase.
    Player(player::Args),
    /// Open a project file in the designer window.
    Open {
        /// The project file (.ron).
        file: PathBuf,
    },
}

/// Runs the command line and returns the process exit code.
pub fn run() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        None => open_window(match cli.file {
            Some(file) => app::Startup::File(file),
            None => app::Startup::Remembered,
        }),
        Some(Command::Open { file }) => open_window(app::Startup::File(file)),
        Some(Command::Check(args)) => check::run(args),
        Some(Command::Export(args)) => export::run(args),
        Some(Command::New(args)) => new::run(args),
        Some(Command::Layout(args)) => layout::run(args),
        Some(Command::ImportGui(args)) => import_gui::run(args),
        Some(Command::Look(args)) => look::run(args),
        Some(Command::Simulate(args)) => simulate::run(args),
        Some(Command::Player(args)) => player::run(args),
    };
    result.unwrap_or_else(|error| {
        eprintln!("error: {error:#}");
        ExitCode::from(EXIT_BAD_INPUT)
    })
}

/// Opens the designer window; without a display, says how to use the commands instead.
fn open_window(startup: app::Startup) -> anyhow::Result<ExitCode> {
    match app::run(startup) {
        Ok(()) => Ok(ExitCode::SUCCESS),
        Err(error) => {
            eprintln!("error: the designer window could not open: {error}");
            eprintln!();
            print_welcome();
            Ok(ExitCode::from(EXIT_BAD_INPUT))
        }
    }
}

fn print_welcome() {
    println!("DataStore Designer {}", env!("CARGO_PKG_VERSION"));
    println!();
    println!("Without a window, use the commands:");
    println!();
    println!(
        "  datastore-designer new --template starter my-game.ron   start a project from a template"
    );
    println!(
        "  datastore-designer check my-game.ron                    list the project's problems"
    );
    println!(
        "  datastore-designer export my-game.ron --out my-game     write a Rojo project folder"
    );
    println!();
    println!("Templates:");
    for (name, about, _) in examples::EXAMPLES {
        let marker = if *name == examples::DEFAULT_EXAMPLE {
            " (default)"
        } else {
            ""
        };
        println!("  {name:<20} {about}{marker}");
    }
    println!();
    println!("Run `datastore-designer help <command>` for a command's options.");
}

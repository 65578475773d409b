//! `import-gui FILE --model MODEL --leaderboard NAME`: replace a leaderboard's
//! GUI with a ScreenGui or SurfaceGui made in Studio.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{anyhow, bail};

use super::check::{print_diagnostics, summary};
use crate::project::diagnostics::error_count;
use crate::project::{file, validate};
use crate::studio::model::{ReplaceError, import_leaderboard_gui, use_imported_gui};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The project file (.ron); it is saved in place, keeping the previous version as FILE.bak.
    pub file: PathBuf,
    /// The .rbxmx or .rbxm file saved from Studio ("Save to File..." on the ScreenGui or SurfaceGui).
    #[arg(long, value_name = "MODEL")]
    pub model: PathBuf,
    /// Which leaderboard gets the GUI; needed when the project has more than one.
    #[arg(long)]
    pub leaderboard: Option<String>,
    /// Path of names inside the GUI (below its root) of the object to use as the row template,
    /// e.g. "Panel/List/Row". It is taken out of the GUI; its parent becomes where rows go.
    /// Not needed for a GUI that DataStore Designer exported: it marks its template.
    #[arg(long, value_name = "PATH")]
    pub row_template: Option<String>,
    /// Path of names inside the GUI of the object to use as the period tab template,
    /// e.g. "Panel/Tabs/Tab". It is taken out of the GUI; its parent becomes where tabs go.
    /// Not needed for a GUI that DataStore Designer exported: it marks its tab template.
    #[arg(long, value_name = "PATH")]
    pub tab_template: Option<String>,
    /// For a SurfaceGui: the name of the part in Workspace that shows it.
    #[arg(long)]
    pub part: Option<String>,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let mut project = file::load(&args.file)?;
    // The model first: a file that is no model is the problem to fix, whichever board it was for.
    let mut imported = import_leaderboard_gui(&args.model)?;
    let names: Vec<String> = project
        .leaderboards
        .iter()
        .map(|l| l.name.clone())
        .collect();
    let index = match &args.leaderboard {
        Some(name) => project
            .leaderboards
            .iter()
            .position(|l| &l.name == name)
            .ok_or_else(|| {
                anyhow!(
                    "the project has no leaderboard called {name}; it has: {}",
                    list(&names)
                )
            })?,
        None if names.len() == 1 => 0,
        None if names.is_empty() => {
            bail!("the project has no leaderboards: add one first, then import its GUI")
        }
        None => bail!(
            "the project has several leaderboards ({}): say which with --leaderboard",
            list(&names)
        ),
    };

    let warnings = std::mem::take(&mut imported.warnings);
    let board = &mut project.leaderboards[index];
    use_imported_gui(
        board,
        imported,
        args.row_template.as_deref(),
        args.tab_template.as_deref(),
        args.part.as_deref(),
    )
    .map_err(|e| match e {
        ReplaceError::PartNeeded => anyhow!("{e}: add --part NAME"),
        other => anyhow!("{other}"),
    })?;
    let board_name = board.name.clone();

    for warning in &warnings {
        println!("warning: {warning}");
    }
    file::save(&project, &args.file)?;
    let diagnostics = validate::check(&project);
    print_diagnostics(&diagnostics);
    let errors = error_count(&diagnostics);
    println!(
        "Imported the GUI of {} into {board_name} and saved {} ({}).",
        args.model.display(),
        args.file.display(),
        summary(errors, diagnostics.len() - errors)
    );
    Ok(ExitCode::SUCCESS)
}

fn list(names: &[String]) -> String {
    if names.is_empty() {
        "none".into()
    } else {
        names.join(", ")
    }
}

//! `import-gui FILE --model MODEL --leaderboard NAME`: replace a leaderboard's
//! GUI with a ScreenGui or SurfaceGui made in Studio.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{anyhow, bail};

use super::check::{print_diagnostics, summary};
use crate::project::{Display, GuiNode, file, validate};
use crate::studio::model::import_leaderboard_gui;

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
    /// For a SurfaceGui: the name of the part in Workspace that shows it.
    #[arg(long)]
    pub part: Option<String>,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let mut project = file::load(&args.file)?;
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

    let imported = import_leaderboard_gui(&args.model)?;
    let mut gui = imported.gui;
    let board = &mut project.leaderboards[index];
    let (rows_in, row_template) = match (imported.row_template, &args.row_template) {
        (_, Some(path)) => {
            let (parent, template) = take_node(&mut gui, path).ok_or_else(|| {
                anyhow!(
                    "the GUI in {} has no object at {path}",
                    args.model.display()
                )
            })?;
            (parent, template)
        }
        (Some(found), None) => found,
        (None, None) => (board.rows_in.clone(), board.row_template.clone()),
    };
    let display = match gui.class.as_str() {
        "SurfaceGui" => {
            let part = match (&args.part, &board.display) {
                (Some(part), _) => part.clone(),
                (None, Display::Surface { part }) => part.clone(),
                (None, Display::Screen) => bail!(
                    "{} holds a SurfaceGui, which shows on a part in the world: give the part's name with --part",
                    args.model.display()
                ),
            };
            Display::Surface { part }
        }
        _ => Display::Screen,
    };
    board.gui = gui;
    board.rows_in = rows_in;
    board.row_template = row_template;
    board.display = display;
    let board_name = board.name.clone();

    for warning in &imported.warnings {
        println!("warning: {warning}");
    }
    file::save(&project, &args.file)?;
    let diagnostics = validate::check(&project);
    print_diagnostics(&diagnostics);
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
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

/// Removes the node at `path` below `root`; returns its parent's path and the node.
fn take_node(root: &mut GuiNode, path: &str) -> Option<(String, GuiNode)> {
    let (parent_path, name) = match path.trim_matches('/').rsplit_once('/') {
        Some((parent, name)) => (parent.to_string(), name.to_string()),
        None => (String::new(), path.trim_matches('/').to_string()),
    };
    let mut parent = &mut *root;
    for part in parent_path.split('/').filter(|p| !p.is_empty()) {
        parent = parent.children.iter_mut().find(|c| c.name == part)?;
    }
    let index = parent.children.iter().position(|c| c.name == name)?;
    Some((parent_path, parent.children.remove(index)))
}

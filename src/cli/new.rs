//! `new --template NAME FILE`: start a project from an example.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{anyhow, bail};

use crate::project::{examples, file};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Which example to start from.
    #[arg(long, default_value = examples::DEFAULT_EXAMPLE, value_parser = clap::builder::PossibleValuesParser::new(examples::names()))]
    pub template: String,
    /// Where to write the new project file (.ron).
    pub file: PathBuf,
    /// Replace FILE if it already exists.
    #[arg(long)]
    pub force: bool,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let text = examples::text(&args.template)
        .ok_or_else(|| anyhow!("there is no template called {}", args.template))?;
    if args.file.is_dir() {
        bail!(
            "{} is a folder: give a file name for the new project, such as my-game.ron",
            args.file.display()
        );
    }
    if args.file.exists() && !args.force {
        bail!(
            "{} already exists; choose another name, or add --force to replace it",
            args.file.display()
        );
    }
    file::write_atomically(&args.file, text.as_bytes(), args.force)?;
    println!(
        "Created {} from the \"{}\" template. Next: datastore-designer check {}",
        args.file.display(),
        args.template,
        args.file.display()
    );
    Ok(ExitCode::SUCCESS)
}

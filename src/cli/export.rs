//! `export FILE --out DIR`: write the Studio-ready files (`--format plugin`
//! without `--out`: into Roblox Studio's plugins folder).

use std::path::PathBuf;
use std::process::ExitCode;

use super::EXIT_PROJECT_ERRORS;
use super::check::{print_diagnostics, summary};
use crate::export::{self, ExportError};
use crate::project::diagnostics::error_count;
use crate::project::file;
use crate::project::words::errors_stop_export;
use crate::studio::writer::WriteOptions;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// A Rojo 7 project folder (default.project.json and src/).
    Rojo,
    /// Model files to drag into Studio without Rojo (models/*.rbxmx, XML).
    Rbxmx,
    /// The same model files in Roblox's binary format (models/*.rbxm).
    Rbxm,
    /// The Rojo folder plus both kinds of model file in models/.
    All,
    /// One place file for a new game (<Project name>.rbxlx): a baseplate, a spawn
    /// and every script in its service. Open it in Studio with File > Open.
    Rbxlx,
    /// A local Studio plugin (<Project name>_DataStoreDesigner.rbxmx) holding the
    /// export: its toolbar button puts every script in its service. Without --out
    /// it goes into Roblox Studio's plugins folder.
    Plugin,
}

impl From<Format> for export::Format {
    fn from(format: Format) -> Self {
        match format {
            Format::Rojo => export::Format::Rojo,
            Format::Rbxmx => export::Format::Rbxmx,
            Format::Rbxm => export::Format::Rbxm,
            Format::All => export::Format::All,
            Format::Rbxlx => export::Format::Rbxlx,
            Format::Plugin => export::Format::Plugin,
        }
    }
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The project file (.ron).
    pub file: PathBuf,
    /// The folder to write. It must be new, empty, or an earlier export of this tool.
    /// With --format plugin: the folder to put the plugin in (default: Studio's
    /// plugins folder); other files there are left alone.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// What to write.
    #[arg(long, value_enum, default_value_t = Format::Rojo)]
    pub format: Format,
    /// Replace an earlier export even where its files were changed by hand.
    #[arg(long)]
    pub force: bool,
    /// Keep exporting: look at the project file every second and export again
    /// each time it changes (for a folder `rojo serve` serves). Ctrl+C stops.
    #[arg(long)]
    pub watch: bool,
    /// With --watch, stop after this many seconds.
    #[arg(long, value_name = "SECONDS", requires = "watch")]
    pub stop_after: Option<u64>,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let out = match (&args.out, args.format) {
        (Some(out), _) => out.clone(),
        (None, Format::Plugin) => export::studio_plugins_folder().ok_or_else(|| {
            anyhow::anyhow!(
                "Roblox Studio's plugins folder was not found on this computer (Studio makes it the first time it runs, on Windows and macOS). Name the folder to write the plugin into with --out DIR"
            )
        })?,
        (None, _) => anyhow::bail!("Name the folder to export into with --out DIR"),
    };
    if args.watch {
        return Ok(super::watch::run(&super::watch::Watch {
            file: &args.file,
            out: &out,
            format: args.format.into(),
            force: args.force,
            stop_after: args.stop_after.map(std::time::Duration::from_secs),
        }));
    }
    let project = file::load(&args.file)?;
    let options = WriteOptions {
        force: args.force,
        ..WriteOptions::default()
    };
    match export::export_format(&project, &out, args.format.into(), options) {
        Ok(report) => {
            print_diagnostics(&report.warnings);
            println!("Exported \"{}\" to {}:", project.name, out.display());
            for path in report.manifest.files.keys() {
                println!("  {path}");
            }
            if !report.warnings.is_empty() {
                println!("({})", summary(0, report.warnings.len()));
            }
            if args.format == Format::Plugin {
                println!(
                    "In Roblox Studio, click \"Install {}\" in the Plugins tab to put every script in its service (if Studio was open and the button is missing, restart Studio).",
                    project.name
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        Err(ExportError::ProjectHasErrors(diagnostics)) => {
            print_diagnostics(&diagnostics);
            println!(
                "Nothing was exported from {}. {} (listed above).",
                args.file.display(),
                errors_stop_export(error_count(&diagnostics))
            );
            Ok(ExitCode::from(EXIT_PROJECT_ERRORS))
        }
        Err(ExportError::Write(e)) => Err(e.into()),
        Err(ExportError::Model(e)) => Err(e.into()),
    }
}

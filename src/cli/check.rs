//! `check FILE [--json]`: list a project's problems.

use std::path::PathBuf;
use std::process::ExitCode;

use serde::Serialize;

use super::EXIT_PROJECT_ERRORS;
use crate::project::diagnostics::error_count;
pub use crate::project::words::summary;
use crate::project::{Diagnostic, file, validate};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The project file (.ron).
    pub file: PathBuf,
    /// Print the problems as JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

#[derive(Serialize)]
struct Report<'a> {
    file: String,
    errors: usize,
    warnings: usize,
    diagnostics: &'a [Diagnostic],
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let project = file::load(&args.file)?;
    let diagnostics = validate::check(&project);
    let errors = error_count(&diagnostics);
    let warnings = diagnostics.len() - errors;
    if args.json {
        let report = Report {
            file: args.file.display().to_string(),
            errors,
            warnings,
            diagnostics: &diagnostics,
        };
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        print_diagnostics(&diagnostics);
        println!("{}: {}", args.file.display(), summary(errors, warnings));
    }
    Ok(if errors > 0 {
        ExitCode::from(EXIT_PROJECT_ERRORS)
    } else {
        ExitCode::SUCCESS
    })
}

/// Prints diagnostics one after another, each with its fix.
pub fn print_diagnostics(diagnostics: &[Diagnostic]) {
    for diagnostic in diagnostics {
        println!("{diagnostic}");
    }
}

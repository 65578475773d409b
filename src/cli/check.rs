//! `check FILE [--json] [--luau]`: list a project's problems; with `--luau`,
//! type-check the Luau of an export (or of what the project would export)
//! with Luau's own strict type checker.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use serde::Serialize;

use super::EXIT_PROJECT_ERRORS;
use crate::project::diagnostics::error_count;
pub use crate::project::words::summary;
use crate::project::{Diagnostic, file, validate};
use crate::typecheck::{self, TypeProblem};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The project file (.ron). With --luau also an exported folder, or one
    /// of its .luau files.
    pub file: PathBuf,
    /// Print the problems as JSON instead of text.
    #[arg(long)]
    pub json: bool,
    /// Type-check the exported Luau in strict mode with Luau's own type
    /// checker: of the export folder given, or of what the project given
    /// would export. Needs a build with the `luau-typecheck` feature.
    #[arg(long)]
    pub luau: bool,
}

#[derive(Serialize)]
struct Report<'a> {
    file: String,
    errors: usize,
    warnings: usize,
    diagnostics: &'a [Diagnostic],
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    if args.luau {
        return run_luau(&args);
    }
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

#[derive(Serialize)]
struct LuauReport<'a> {
    export: String,
    scripts: usize,
    errors: usize,
    warnings: usize,
    problems: &'a [TypeProblem],
}

/// `check --luau`: the export folder `args.file` is in (or that the project
/// `args.file` exports), through Luau's strict type checker.
fn run_luau(args: &Args) -> anyhow::Result<ExitCode> {
    let is_project = args.file.extension().is_some_and(|e| e == "ron");
    let (report, checked) = if is_project {
        let project = file::load(&args.file)?;
        let staged = StagedExport::write(&project)?;
        let report = typecheck::check_folder(&staged.dir);
        (report, format!("the export of {}", args.file.display()))
    } else {
        let folder = export_folder(&args.file)?;
        (
            typecheck::check_folder(&folder),
            folder.display().to_string(),
        )
    };
    let report = report.map_err(|e| anyhow::anyhow!("{e}"))?;
    let errors = report.errors().count();
    let warnings = report.warnings().count();
    if args.json {
        let json = LuauReport {
            export: checked,
            scripts: report.scripts,
            errors,
            warnings,
            problems: &report.problems,
        };
        println!("{}", serde_json::to_string_pretty(&json)?);
    } else {
        for problem in &report.problems {
            println!("{problem}");
        }
        println!(
            "Type-checked {} scripts of {checked} in strict mode ({:.1} s): {}",
            report.scripts,
            report.took.as_secs_f64(),
            summary(errors, warnings)
        );
    }
    Ok(if errors > 0 {
        ExitCode::from(EXIT_PROJECT_ERRORS)
    } else {
        ExitCode::SUCCESS
    })
}

/// The Rojo project folder holding `path` (a folder, its
/// default.project.json, or a file inside it).
fn export_folder(path: &Path) -> anyhow::Result<PathBuf> {
    if !path.exists() {
        anyhow::bail!("{} does not exist", path.display());
    }
    let start = if path.is_dir() {
        path.to_path_buf()
    } else {
        path.parent().map(Path::to_path_buf).unwrap_or_default()
    };
    start
        .ancestors()
        .find(|dir| dir.join("default.project.json").is_file())
        .map(Path::to_path_buf)
        .ok_or_else(|| {
            anyhow::anyhow!(
                "{} is not in an exported Rojo project: no default.project.json in it or a folder above it",
                path.display()
            )
        })
}

/// A project's export written to a temporary folder, removed on drop.
struct StagedExport {
    dir: PathBuf,
}

impl StagedExport {
    fn write(project: &crate::project::Project) -> anyhow::Result<Self> {
        let (plan, _) = crate::export::plan(project)?;
        let dir = std::env::temp_dir().join(format!(
            "datastore-designer-typecheck-{}-{}",
            std::process::id(),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_nanos())
        ));
        let staged = StagedExport { dir };
        for (path, bytes) in &plan.files {
            let target = staged.dir.join(path);
            if let Some(parent) = target.parent() {
                std::fs::create_dir_all(parent)?;
            }
            std::fs::write(&target, bytes)?;
        }
        Ok(staged)
    }
}

impl Drop for StagedExport {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

//! Type-checks an export with Luau's own type checker in strict mode, the
//! way Studio and luau-lsp would see it: Roblox's API declared from the
//! reflection database ([`declarations`]), requires followed along the
//! export's instance tree ([`modules`]).
//!
//! The checker itself (C++, slow to build) is the optional `luau-typecheck`
//! feature; without it [`check_folder`] says how to get it.

pub mod declarations;
pub mod modules;

use std::fmt;
use std::path::Path;
use std::time::Duration;

use serde::Serialize;

/// How bad a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// One problem in one exported script.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TypeProblem {
    /// The script's instance path: `ServerScriptService.DataManager.Session`.
    pub script: String,
    pub line: u32,
    pub column: u32,
    pub severity: Severity,
    /// `TypeError`, `SyntaxError`, `NotStrict` or a lint's name.
    pub code: String,
    pub message: String,
    /// Which of Luau's type solvers found it: `old` (luau-lsp's default),
    /// `new` (Studio's new type solver) or `both`.
    pub solver: &'static str,
}

impl fmt::Display for TypeProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(
            f,
            "{}:{}:{}: {what} ({}, {} solver): {}",
            self.script, self.line, self.column, self.code, self.solver, self.message
        )
    }
}

/// What a check found.
#[derive(Debug, Clone, Default)]
pub struct TypeReport {
    /// How many scripts were checked.
    pub scripts: usize,
    pub problems: Vec<TypeProblem>,
    pub took: Duration,
}

impl TypeReport {
    pub fn errors(&self) -> impl Iterator<Item = &TypeProblem> {
        self.problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
    }

    pub fn warnings(&self) -> impl Iterator<Item = &TypeProblem> {
        self.problems
            .iter()
            .filter(|p| p.severity == Severity::Warning)
    }
}

/// The first line every exported script starts with.
pub const STRICT: &str = "--!strict";

/// True when Luau reads the script in strict mode: `--!strict` comes before
/// any code.
pub fn is_strict(source: &str) -> bool {
    source
        .lines()
        .map(str::trim)
        .take_while(|l| l.is_empty() || l.starts_with("--"))
        .any(|l| l == STRICT)
}

/// Checks the Rojo project in `folder` (an export of DataStore Designer, or
/// any Rojo 7 project).
pub fn check_folder(folder: &Path) -> Result<TypeReport, String> {
    let tree = crate::sim::rojo::read_project(folder).map_err(|e| e.to_string())?;
    check_tree(&modules::from_rojo(&tree))
}

/// Checks every script of `tree` with both of Luau's type solvers: the one
/// luau-lsp uses by default and the new one Studio offers. A problem both
/// find is reported once.
#[cfg(feature = "luau-typecheck")]
pub fn check_tree(tree: &modules::ExportTree) -> Result<TypeReport, String> {
    use luau_typecheck::Solver;

    let started = std::time::Instant::now();
    let mut report = TypeReport {
        scripts: tree.modules.len(),
        ..TypeReport::default()
    };
    for module in &tree.modules {
        if !is_strict(&module.source) {
            report.problems.push(TypeProblem {
                script: module.display.clone(),
                line: 1,
                column: 1,
                severity: Severity::Error,
                code: "NotStrict".into(),
                message: format!("the script does not start with {STRICT}"),
                solver: "both",
            });
        }
    }
    for (solver, instance_new) in [
        (Solver::Old, declarations::InstanceNew::Overloads),
        (Solver::New, declarations::InstanceNew::Any),
    ] {
        for problem in check_with(tree, solver, instance_new)? {
            let same = report.problems.iter_mut().find(|p| {
                (&p.script, p.line, p.column, &p.message)
                    == (
                        &problem.script,
                        problem.line,
                        problem.column,
                        &problem.message,
                    )
            });
            match same {
                Some(earlier) => earlier.solver = "both",
                None => report.problems.push(problem),
            }
        }
    }
    report.took = started.elapsed();
    Ok(report)
}

#[cfg(feature = "luau-typecheck")]
fn check_with(
    tree: &modules::ExportTree,
    solver: luau_typecheck::Solver,
    instance_new: declarations::InstanceNew,
) -> Result<Vec<TypeProblem>, String> {
    let mut checker = luau_typecheck::Checker::new(solver)?;
    checker
        .add_definitions("@roblox", &tree.declarations(instance_new))
        .map_err(|e| format!("the Roblox declarations do not load: {e}"))?;
    for module in &tree.modules {
        checker.set_source(&module.name, &module.source)?;
        checker
            .set_environment(&module.name, &module.environment)
            .map_err(|e| {
                format!(
                    "the declarations of {}'s script do not load: {e}",
                    module.display
                )
            })?;
    }
    let mut problems = Vec::new();
    for module in &tree.modules {
        for found in checker.check(&module.name)? {
            problems.push(TypeProblem {
                script: module.display.clone(),
                line: found.line,
                column: found.column,
                severity: match found.severity {
                    luau_typecheck::Severity::Error => Severity::Error,
                    luau_typecheck::Severity::Warning => Severity::Warning,
                },
                code: found.code,
                message: found.message,
                solver: match solver {
                    luau_typecheck::Solver::Old => "old",
                    luau_typecheck::Solver::New => "new",
                },
            });
        }
    }
    Ok(problems)
}

#[cfg(not(feature = "luau-typecheck"))]
pub fn check_tree(_tree: &modules::ExportTree) -> Result<TypeReport, String> {
    Err(
        "this build of DataStore Designer has no Luau type checker: build it with \
         `cargo build --features luau-typecheck`"
            .to_string(),
    )
}

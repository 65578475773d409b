//! Luau's own type checker (`Luau::Frontend`, Luau 0.710) for checking a set
//! of Roblox modules that `require` each other by instance path.
//!
//! This is the one place that knows which binding runs the checker (see
//! `build.rs`): swapping it means reimplementing [`Checker`] only.

use std::ffi::{CStr, CString, c_char, c_void};

/// Which of Luau's two type solvers checks the code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Solver {
    /// Luau's original solver: luau-lsp's default.
    Old,
    /// Luau's new solver (Studio's "New Luau type solver").
    New,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
}

/// One problem the checker found. Lines and columns count from 1.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub module: String,
    pub severity: Severity,
    pub line: u32,
    pub column: u32,
    /// `TypeError`, `SyntaxError` or the name of a lint (`LocalUnused`, ...).
    pub code: String,
    pub message: String,
}

#[repr(C)]
struct RawChecker {
    _private: [u8; 0],
}

type ReportFn = unsafe extern "C" fn(
    *mut c_void,
    *const c_char,
    u32,
    u32,
    u32,
    u32,
    u32,
    *const c_char,
    *const c_char,
);

unsafe extern "C" {
    fn ddluau_new(new_solver: u32) -> *mut RawChecker;
    fn ddluau_free(checker: *mut RawChecker);
    fn ddluau_add_definitions(
        checker: *mut RawChecker,
        name: *const c_char,
        source: *const c_char,
        len: usize,
    ) -> *mut c_char;
    fn ddluau_set_environment(
        checker: *mut RawChecker,
        module: *const c_char,
        source: *const c_char,
        len: usize,
    ) -> *mut c_char;
    fn ddluau_set_source(
        checker: *mut RawChecker,
        name: *const c_char,
        source: *const c_char,
        len: usize,
    );
    fn ddluau_check(
        checker: *mut RawChecker,
        name: *const c_char,
        report: ReportFn,
        ctx: *mut c_void,
    ) -> *mut c_char;
    fn ddluau_free_string(text: *mut c_char);
}

/// A type checker holding declarations and module sources.
pub struct Checker {
    raw: *mut RawChecker,
}

impl Checker {
    pub fn new(solver: Solver) -> Result<Self, String> {
        // SAFETY: no preconditions; null means construction failed.
        let raw = unsafe { ddluau_new(u32::from(solver == Solver::New)) };
        if raw.is_null() {
            return Err("the Luau type checker could not start".to_owned());
        }
        Ok(Checker { raw })
    }

    /// Loads a declaration file (`declare class ... end`, `declare x: T`).
    pub fn add_definitions(&mut self, name: &str, source: &str) -> Result<(), String> {
        let name = c_string(name)?;
        // SAFETY: the pointers are valid for the call; the result is ours to free.
        let error = unsafe {
            ddluau_add_definitions(
                self.raw,
                name.as_ptr(),
                source.as_ptr().cast(),
                source.len(),
            )
        };
        take_error(error)
    }

    /// Loads declarations that only `module` sees, for example its own
    /// `script`. Call before the module's first check.
    pub fn set_environment(&mut self, module: &str, source: &str) -> Result<(), String> {
        let module = c_string(module)?;
        // SAFETY: the pointers are valid for the call; the result is ours to free.
        let error = unsafe {
            ddluau_set_environment(
                self.raw,
                module.as_ptr(),
                source.as_ptr().cast(),
                source.len(),
            )
        };
        take_error(error)
    }

    /// Adds or replaces the source of one module. Modules are named by their
    /// instance path from the DataModel, `/`-separated:
    /// `game/ServerScriptService/DataManager/Session`. A require reaches the
    /// module whose name is the instance path its argument leads to.
    pub fn set_source(&mut self, module: &str, source: &str) -> Result<(), String> {
        let module = c_string(module)?;
        // SAFETY: the pointers are valid for the call; the shim copies them.
        unsafe {
            ddluau_set_source(
                self.raw,
                module.as_ptr(),
                source.as_ptr().cast(),
                source.len(),
            )
        };
        Ok(())
    }

    /// Checks one module and returns what was found in it (not in the
    /// modules it requires: check those on their own).
    pub fn check(&mut self, module: &str) -> Result<Vec<Diagnostic>, String> {
        let name = c_string(module)?;
        let mut ctx = Context {
            diagnostics: Vec::new(),
        };
        // SAFETY: `ctx` outlives the call and the callbacks only use it
        // through the pointer passed here.
        let error = unsafe {
            ddluau_check(
                self.raw,
                name.as_ptr(),
                report_callback,
                (&raw mut ctx).cast(),
            )
        };
        take_error(error)?;
        Ok(ctx.diagnostics)
    }
}

impl Drop for Checker {
    fn drop(&mut self) {
        // SAFETY: `raw` came from ddluau_new and is freed once.
        unsafe { ddluau_free(self.raw) }
    }
}

struct Context {
    diagnostics: Vec<Diagnostic>,
}

#[allow(clippy::too_many_arguments)]
unsafe extern "C" fn report_callback(
    ctx: *mut c_void,
    module: *const c_char,
    severity: u32,
    line: u32,
    column: u32,
    _end_line: u32,
    _end_column: u32,
    code: *const c_char,
    message: *const c_char,
) {
    // SAFETY: `ctx` is the `Context` passed to ddluau_check; the strings are
    // NUL-terminated and live for this call.
    let ctx = unsafe { &mut *ctx.cast::<Context>() };
    let diagnostic = unsafe {
        Diagnostic {
            module: text(module),
            severity: if severity == 0 {
                Severity::Error
            } else {
                Severity::Warning
            },
            line: line + 1,
            column: column + 1,
            code: text(code),
            message: text(message),
        }
    };
    ctx.diagnostics.push(diagnostic);
}

/// # Safety
/// `ptr` is null or a NUL-terminated string.
unsafe fn text(ptr: *const c_char) -> String {
    if ptr.is_null() {
        return String::new();
    }
    // SAFETY: per the function's contract.
    unsafe { CStr::from_ptr(ptr) }
        .to_string_lossy()
        .into_owned()
}

fn take_error(error: *mut c_char) -> Result<(), String> {
    if error.is_null() {
        return Ok(());
    }
    // SAFETY: the shim returns a malloc'd NUL-terminated string, freed here once.
    let message = unsafe { text(error) };
    unsafe { ddluau_free_string(error) };
    Err(message)
}

fn c_string(text: &str) -> Result<CString, String> {
    CString::new(text).map_err(|_| format!("{text:?} contains a NUL character"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_requires_and_reports_type_errors() {
        for solver in [Solver::Old, Solver::New] {
            let mut checker = Checker::new(solver).unwrap();
            checker
                .add_definitions(
                    "@test",
                    "declare class Instance\n    Parent: Instance\nend\n",
                )
                .unwrap();
            checker
                .set_source(
                    "game/Folder/Types",
                    "--!strict\nexport type Data = { coins: number }\nreturn {}\n",
                )
                .unwrap();
            checker
                .set_source(
                    "game/Folder/Main",
                    "--!strict\nlocal Types = require(script.Parent.Types)\nlocal d: Types.Data = { coins = 1 }\nlocal s: string = d.coins\nreturn s\n",
                )
                .unwrap();
            checker
                .set_environment("game/Folder/Main", "declare script: any\n")
                .unwrap();
            let found = checker.check("game/Folder/Main").unwrap();
            let errors: Vec<_> = found
                .iter()
                .filter(|d| d.severity == Severity::Error)
                .collect();
            assert_eq!(errors.len(), 1, "{solver:?}: {found:#?}");
            assert_eq!(errors[0].line, 4);
        }
    }

    #[test]
    fn requires_follow_services_locals_and_wait_for_child() {
        let mut checker = Checker::new(Solver::New).unwrap();
        checker
            .add_definitions(
                "@test",
                "declare class Instance\n\tfunction WaitForChild(self, name: string): Instance\n\
                 \tfunction GetService(self, name: string): Instance\nend\ndeclare game: Instance\n",
            )
            .unwrap();
        checker
            .set_source(
                "game/ServerScriptService/Lib",
                "--!strict\nreturn { n = 1 }\n",
            )
            .unwrap();
        let main = "--!strict\nlocal Service = game:GetService(\"ServerScriptService\")\n\
                    local Lib = require(Service:WaitForChild(\"Lib\"))\nlocal s: string = Lib.n\n\
                    local Missing = require(Service:WaitForChild(\"Missing\"))\nreturn { s, Missing }\n";
        checker.set_source("game/Workspace/Main", main).unwrap();
        let found = checker.check("game/Workspace/Main").unwrap();
        let mut lines: Vec<u32> = found
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .map(|d| d.line)
            .collect();
        lines.sort_unstable();
        // Lib resolved (its field has the wrong type); Missing is not there.
        assert_eq!(lines, vec![4, 5], "{found:#?}");
    }

    #[test]
    fn broken_declarations_are_reported() {
        let mut checker = Checker::new(Solver::New).unwrap();
        let error = checker
            .add_definitions("@broken", "declare class Foo\n")
            .unwrap_err();
        assert!(error.contains("@broken"), "{error}");
    }
}

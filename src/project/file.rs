//! Reading and writing project files (RON).
//!
//! Loading accepts nothing silently: unknown fields, missing fields and
//! malformed text are errors that say where and what. Saving is atomic and
//! keeps the previous file as `NAME.bak`.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use ron::extensions::Extensions;
use ron::ser::PrettyConfig;
use serde::Deserialize;
use thiserror::Error;

use super::{FORMAT_VERSION, Project};

#[derive(Debug, Error)]
pub enum LoadError {
    #[error("{path}: there is no such file")]
    NotFound { path: PathBuf },
    #[error("{path} is a folder, not a project file: give the path of a .ron project file")]
    IsFolder { path: PathBuf },
    #[error("{path}: could not read the file: {error}")]
    Io { path: PathBuf, error: io::Error },
    #[error("{origin}: the file is not text (it is not valid UTF-8); is it really a project file?")]
    NotText { origin: String },
    #[error("{origin}:{line}:{column}: {message}")]
    Syntax {
        origin: String,
        line: usize,
        column: usize,
        message: String,
    },
    #[error(
        "{origin} was saved by a newer DataStore Designer (file format {found}); this version reads file format {supported} and older. Update DataStore Designer to open it."
    )]
    TooNew {
        origin: String,
        found: u32,
        supported: u32,
    },
    #[error(
        "{origin}: file format {found} is not a format DataStore Designer ever wrote (formats start at 1)"
    )]
    UnknownVersion { origin: String, found: u32 },
}

#[derive(Debug, Error)]
pub enum SaveError {
    #[error("could not save {path}: {error}")]
    Io { path: PathBuf, error: io::Error },
    #[error("{path} is a folder: choose a file name to save the project as")]
    IsFolder { path: PathBuf },
}

/// `implicit_some` lets optional settings read `min: 0` instead of
/// `min: Some(0)`; `unwrap_variant_newtypes` lets a UDim read `UDim(0.0, 8)`
/// instead of `UDim((0.0, 8))`.
fn extensions() -> Extensions {
    Extensions::IMPLICIT_SOME | Extensions::UNWRAP_VARIANT_NEWTYPES
}

fn ron_options() -> ron::Options {
    ron::Options::default().with_default_extension(extensions())
}

/// The file as text, exactly as `save` writes it.
pub fn to_ron_string(project: &Project) -> String {
    let config = PrettyConfig::new()
        .indentor("    ")
        .struct_names(false)
        // Texts are written as typed (`couldn't`, emoji), in raw strings
        // where they hold quotes or backslashes; the reader takes both.
        .escape_strings(false)
        .extensions(extensions());
    let mut text = ron_options()
        .to_string_pretty(project, config)
        .expect("a project always serializes: it holds only plain data");
    text.push('\n');
    text
}

/// Reads a project from text. `origin` names the text in messages (a file
/// path, or "pasted text").
pub fn parse_str(text: &str, origin: &str) -> Result<Project, LoadError> {
    // Read the version on its own first: a newer file would otherwise fail
    // on whatever it added, with a message about that instead of the version.
    #[derive(Deserialize)]
    struct VersionOnly {
        format_version: u32,
    }
    let version = ron_options()
        .from_str::<VersionOnly>(text)
        .map_err(|e| syntax_error(origin, e))?
        .format_version;
    match version {
        0 => Err(LoadError::UnknownVersion {
            origin: origin.to_string(),
            found: version,
        }),
        v if v > FORMAT_VERSION => Err(LoadError::TooNew {
            origin: origin.to_string(),
            found: v,
            supported: FORMAT_VERSION,
        }),
        // Each older format gets an arm here that reads it with its own
        // types and converts it up. Format 1 is the first, so none yet.
        _ => ron_options()
            .from_str::<Project>(text)
            .map_err(|e| syntax_error(origin, e)),
    }
}

fn syntax_error(origin: &str, e: ron::error::SpannedError) -> LoadError {
    let message = match &e.code {
        ron::Error::Eof => "the file ends too early: something is not closed".to_string(),
        // The loader's own type names mean nothing to a designer.
        ron::Error::ExpectedDifferentStructName { found, .. } => format!(
            "a project file starts with `(`, not `{found}(`: is this a DataStore Designer project?"
        ),
        ron::Error::MissingStructField {
            field: "format_version",
            ..
        } => "it has no `format_version`: is this a DataStore Designer project?".to_string(),
        other => other.to_string(),
    };
    LoadError::Syntax {
        origin: origin.to_string(),
        line: e.span.start.line,
        column: e.span.start.col,
        message,
    }
}

/// Loads a project file.
pub fn load(path: &Path) -> Result<Project, LoadError> {
    let bytes = fs::read(path).map_err(|source| match source.kind() {
        io::ErrorKind::NotFound => LoadError::NotFound {
            path: path.to_path_buf(),
        },
        io::ErrorKind::IsADirectory => LoadError::IsFolder {
            path: path.to_path_buf(),
        },
        _ if path.is_dir() => LoadError::IsFolder {
            path: path.to_path_buf(),
        },
        _ => LoadError::Io {
            path: path.to_path_buf(),
            error: source,
        },
    })?;
    let origin = path.display().to_string();
    let text = String::from_utf8(bytes).map_err(|_| LoadError::NotText {
        origin: origin.clone(),
    })?;
    parse_str(&text, &origin)
}

/// Saves a project atomically: the new text goes to a temporary file beside
/// the target and is renamed over it, so a crash never leaves half a file.
/// The previous file, if any, is kept as `NAME.bak`.
pub fn save(project: &Project, path: &Path) -> Result<(), SaveError> {
    write_atomically(path, to_ron_string(project).as_bytes(), true)
}

/// Writes `bytes` to `path` through a temporary sibling and a rename.
pub fn write_atomically(path: &Path, bytes: &[u8], keep_backup: bool) -> Result<(), SaveError> {
    let io_err = |source| SaveError::Io {
        path: path.to_path_buf(),
        error: source,
    };
    if path.is_dir() {
        return Err(SaveError::IsFolder {
            path: path.to_path_buf(),
        });
    }
    let file_name = path
        .file_name()
        .ok_or_else(|| io_err(io::Error::new(io::ErrorKind::InvalidInput, "no file name")))?;
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let tmp = dir.join(format!(
        ".{}.{}.tmp",
        file_name.to_string_lossy(),
        std::process::id()
    ));
    let result = (|| {
        let mut file = fs::File::create(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        drop(file);
        if keep_backup && path.is_file() {
            let mut bak = file_name.to_os_string();
            bak.push(".bak");
            fs::copy(path, dir.join(bak))?;
        }
        fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result.map_err(io_err)
}

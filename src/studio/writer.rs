//! Writes an export folder atomically.
//!
//! Everything is written into a hidden sibling folder first and swapped in
//! only when complete, so a failed export leaves the previous one untouched.
//! A manifest inside each export records what this tool wrote (with a hash
//! of each file), so a later export knows the folder is its own and that the
//! designer has not added or changed anything there that a new export would
//! destroy.

use std::collections::BTreeMap;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};
use thiserror::Error;

/// Name of the manifest file at the top of every export folder.
pub const MANIFEST: &str = ".datastore-designer-export.json";
const TOOL: &str = "DataStore Designer";

#[derive(Debug, Error)]
pub enum WriteError {
    #[error("{path} is a file, not a folder: choose a folder to export into")]
    NotAFolder { path: PathBuf },
    #[error(
        "{path} already holds files that DataStore Designer did not write ({examples}); it will not overwrite them. Choose an empty or new folder"
    )]
    ForeignFolder { path: PathBuf, examples: String },
    #[error(
        "{path} is an earlier export, but files in it were changed or added by hand since ({changed}); exporting would replace them. Move them out of the folder first, or export with --force to replace them"
    )]
    ChangedSinceExport { path: PathBuf, changed: String },
    #[error("{path} is a folder: it can't be replaced by a file")]
    NotAFile { path: PathBuf },
    #[error("could not write the export to {path}: {error}")]
    Io { path: PathBuf, error: io::Error },
}

/// What an export folder holds, written as its manifest.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Manifest {
    pub tool: String,
    pub tool_version: String,
    pub project: String,
    /// Relative path -> FNV-1a hash of the contents, as hex.
    pub files: BTreeMap<String, String>,
}

/// Called before each file is written, with the file's path.
pub type FileHook<'a> = &'a mut dyn FnMut(&Path) -> io::Result<()>;

/// Options for one write.
#[derive(Default)]
pub struct WriteOptions<'a> {
    /// Replace files changed by hand in an earlier export.
    pub force: bool,
    /// Called before each file is written; an error aborts the export. Tests
    /// use it to inject failures part-way through.
    pub before_each_file: Option<FileHook<'a>>,
}

/// Writes `files` (relative `/`-separated paths to contents) as the folder
/// `out`, replacing an earlier export there as one step.
pub fn write_folder(
    project_name: &str,
    files: &BTreeMap<String, Vec<u8>>,
    out: &Path,
    mut options: WriteOptions<'_>,
) -> Result<Manifest, WriteError> {
    let io_err = |path: &Path| {
        let path = path.to_path_buf();
        move |source| WriteError::Io {
            path,
            error: source,
        }
    };
    let had_previous = check_target(out, options.force)?;

    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .ok_or_else(|| WriteError::Io {
            path: out.to_path_buf(),
            error: io::Error::new(io::ErrorKind::InvalidInput, "the path has no folder name"),
        })?;
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&parent).map_err(io_err(&parent))?;

    let stamp = unique_stamp();
    let staging = parent.join(format!(".{name}.export-{stamp}"));
    fs::create_dir(&staging).map_err(io_err(&parent))?;

    let manifest = Manifest {
        tool: TOOL.into(),
        tool_version: env!("CARGO_PKG_VERSION").into(),
        project: project_name.into(),
        files: files
            .iter()
            .map(|(path, bytes)| (path.clone(), hash_hex(bytes)))
            .collect(),
    };
    let staged = (|| {
        for (relative, bytes) in files {
            let target = staging.join(relative);
            if let Some(hook) = options.before_each_file.as_mut() {
                hook(&target).map_err(io_err(out))?;
            }
            write_file(&target, bytes).map_err(io_err(out))?;
        }
        let manifest_text =
            serde_json::to_string_pretty(&manifest).expect("a manifest always serializes");
        write_file(&staging.join(MANIFEST), manifest_text.as_bytes()).map_err(io_err(out))
    })();
    if let Err(e) = staged {
        let _ = fs::remove_dir_all(&staging);
        return Err(e);
    }

    if had_previous {
        let old = parent.join(format!(".{name}.previous-{stamp}"));
        if let Err(source) = fs::rename(out, &old) {
            let _ = fs::remove_dir_all(&staging);
            return Err(WriteError::Io {
                path: out.to_path_buf(),
                error: source,
            });
        }
        if let Err(source) = fs::rename(&staging, out) {
            // Put the previous export back where it was.
            let _ = fs::rename(&old, out);
            let _ = fs::remove_dir_all(&staging);
            return Err(WriteError::Io {
                path: out.to_path_buf(),
                error: source,
            });
        }
        // The new export is in place; a leftover old copy is only clutter.
        let _ = fs::remove_dir_all(&old);
    } else {
        // An empty folder may stand there: replace it.
        if out.is_dir() {
            let _ = fs::remove_dir(out);
        }
        if let Err(source) = fs::rename(&staging, out) {
            let _ = fs::remove_dir_all(&staging);
            return Err(WriteError::Io {
                path: out.to_path_buf(),
                error: source,
            });
        }
    }
    Ok(manifest)
}

/// Checks that `out` may be written. Returns whether it holds an earlier
/// export that will be replaced.
fn check_target(out: &Path, force: bool) -> Result<bool, WriteError> {
    let meta = match fs::metadata(out) {
        Ok(meta) => meta,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(false),
        Err(source) => {
            return Err(WriteError::Io {
                path: out.to_path_buf(),
                error: source,
            });
        }
    };
    if !meta.is_dir() {
        return Err(WriteError::NotAFolder {
            path: out.to_path_buf(),
        });
    }
    let entries = list_files(out).map_err(|source| WriteError::Io {
        path: out.to_path_buf(),
        error: source,
    })?;
    if entries.is_empty() {
        return Ok(false);
    }
    let manifest = read_manifest(out);
    let Some(manifest) = manifest else {
        return Err(WriteError::ForeignFolder {
            path: out.to_path_buf(),
            examples: examples(&entries),
        });
    };
    if !force {
        let mut changed = Vec::new();
        for entry in &entries {
            if entry == MANIFEST {
                continue;
            }
            match manifest.files.get(entry) {
                None => changed.push(format!("{entry} (added)")),
                Some(hash) => {
                    let bytes = fs::read(out.join(entry)).unwrap_or_default();
                    if *hash != hash_hex(&bytes) {
                        changed.push(format!("{entry} (changed)"));
                    }
                }
            }
        }
        if !changed.is_empty() {
            return Err(WriteError::ChangedSinceExport {
                path: out.to_path_buf(),
                changed: examples(&changed),
            });
        }
    }
    Ok(true)
}

/// The manifest of an export folder, if it is one.
pub fn read_manifest(folder: &Path) -> Option<Manifest> {
    let text = fs::read_to_string(folder.join(MANIFEST)).ok()?;
    let manifest: Manifest = serde_json::from_str(&text).ok()?;
    (manifest.tool == TOOL).then_some(manifest)
}

fn examples(entries: &[String]) -> String {
    const SHOWN: usize = 3;
    let mut text = entries
        .iter()
        .take(SHOWN)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    if entries.len() > SHOWN {
        text.push_str(&format!(" and {} more", entries.len() - SHOWN));
    }
    text
}

/// Every file below `root`, as sorted `/`-separated relative paths.
fn list_files(root: &Path) -> io::Result<Vec<String>> {
    let mut out = Vec::new();
    let mut stack = vec![PathBuf::new()];
    while let Some(relative) = stack.pop() {
        for entry in fs::read_dir(root.join(&relative))? {
            let entry = entry?;
            let path = relative.join(entry.file_name());
            if entry.file_type()?.is_dir() {
                stack.push(path);
            } else {
                let parts: Vec<String> = path
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect();
                out.push(parts.join("/"));
            }
        }
    }
    out.sort();
    Ok(out)
}

/// Writes one file atomically: into a hidden temporary file next to it,
/// then renamed over `path` in one step, so a failed write leaves what was
/// there (or nothing) untouched. The folder must exist.
pub fn write_file_atomically(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    let io_err = |source| WriteError::Io {
        path: path.to_path_buf(),
        error: source,
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .ok_or_else(|| {
            io_err(io::Error::new(
                io::ErrorKind::InvalidInput,
                "the path has no file name",
            ))
        })?;
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if !folder.is_dir() {
        return Err(io_err(io::Error::new(
            io::ErrorKind::NotFound,
            "the folder does not exist",
        )));
    }
    if path.is_dir() {
        return Err(WriteError::NotAFile {
            path: path.to_path_buf(),
        });
    }
    let staging = folder.join(format!(".{name}.write-{}", unique_stamp()));
    let written = (|| {
        let mut file = fs::File::create(&staging)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        fs::rename(&staging, path)
    })();
    if let Err(source) = written {
        let _ = fs::remove_file(&staging);
        return Err(io_err(source));
    }
    Ok(())
}

fn write_file(path: &Path, bytes: &[u8]) -> io::Result<()> {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir)?;
    }
    let mut file = fs::File::create(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

fn unique_stamp() -> String {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    format!("{}-{nanos}", std::process::id())
}

/// FNV-1a, 64 bit: stable across builds and platforms, which std's hasher
/// does not promise; it only has to notice edits, not resist attacks.
pub fn hash_hex(bytes: &[u8]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{hash:016x}")
}

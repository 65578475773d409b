//! Where Roblox Studio looks for local plugins, and writing one there.
//!
//! Studio loads every model file in its local plugins folder when it starts
//! (or opens a place), running each enabled Script in it as a plugin. The
//! folder is the one Studio's Plugins tab > "Plugins Folder" button opens:
//! `%LOCALAPPDATA%\Roblox\Plugins` on Windows and `~/Documents/Roblox/Plugins`
//! on macOS. Roblox's page on plugins, https://create.roblox.com/docs/studio/plugins,
//! describes local plugins and that button but does not spell the paths out;
//! they are the ones the button opens (and the ones Rojo's `rojo plugin install`
//! writes to). Studio runs on no other system, so elsewhere the app asks.

use std::path::{Path, PathBuf};

use super::writer::{self, WriteError};

/// Studio's local plugins folder on `os` (`std::env::consts::OS`), from
/// `%LOCALAPPDATA%` on Windows and the home folder on macOS; None on systems
/// Studio does not run on, or without the variable it is found from.
pub fn plugins_folder_for(
    os: &str,
    local_app_data: Option<&Path>,
    home: Option<&Path>,
) -> Option<PathBuf> {
    match os {
        "windows" => Some(local_app_data?.join("Roblox").join("Plugins")),
        "macos" => Some(home?.join("Documents").join("Roblox").join("Plugins")),
        _ => None,
    }
}

/// Studio's local plugins folder on this computer, if it exists (Studio makes
/// it the first time it runs; when it is missing, Studio is likely not
/// installed for this user, and the app asks where to write instead).
pub fn studio_plugins_folder() -> Option<PathBuf> {
    let var = |name: &str| {
        std::env::var_os(name)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    let home = if cfg!(windows) {
        var("USERPROFILE")
    } else {
        var("HOME")
    };
    plugins_folder_for(
        std::env::consts::OS,
        var("LOCALAPPDATA").as_deref(),
        home.as_deref(),
    )
    .filter(|folder| folder.is_dir())
}

/// Writes a plugin file into `folder` atomically, replacing an earlier
/// version of it; returns the file's path. Nothing is written on error.
pub fn write_plugin(folder: &Path, file_name: &str, bytes: &[u8]) -> Result<PathBuf, WriteError> {
    if !folder.is_dir() {
        return Err(WriteError::Io {
            path: folder.to_path_buf(),
            error: std::io::Error::new(std::io::ErrorKind::NotFound, "there is no such folder"),
        });
    }
    let path = folder.join(file_name);
    writer::write_file_atomically(&path, bytes)?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_folder_is_studios_on_windows_and_macos_only() {
        let local = Path::new(r"C:\Users\ana\AppData\Local");
        let home = Path::new("/Users/ana");
        assert_eq!(
            plugins_folder_for("windows", Some(local), None),
            Some(local.join("Roblox").join("Plugins"))
        );
        assert_eq!(
            plugins_folder_for("macos", None, Some(home)),
            Some(PathBuf::from("/Users/ana/Documents/Roblox/Plugins"))
        );
        assert_eq!(plugins_folder_for("windows", None, Some(home)), None);
        assert_eq!(plugins_folder_for("linux", Some(local), Some(home)), None);
    }

    #[test]
    fn a_plugin_replaces_its_earlier_version_and_a_missing_folder_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = write_plugin(dir.path(), "P_DataStoreDesigner.rbxmx", b"one").unwrap();
        write_plugin(dir.path(), "P_DataStoreDesigner.rbxmx", b"two").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1, "no temporary file is left behind");
        let missing = dir.path().join("nope");
        assert!(write_plugin(&missing, "P.rbxmx", b"x").is_err());
        assert!(!missing.exists());
    }
}

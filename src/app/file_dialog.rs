//! Every file and folder the app asks for goes through [`pick`]: one place
//! that knows each dialog's title, filter and suggested name, that takes a
//! test's prepared answer ([`Picks`]) instead of opening a real dialog, and
//! that says when no native dialog can open at all, so the app asks with its
//! own path field instead ([`super::path_prompt`]).

use std::path::{Path, PathBuf};

/// Files and folders to use instead of asking with a file dialog (tests).
#[derive(Debug, Clone, Default)]
pub struct Picks {
    pub open_file: Option<PathBuf>,
    pub save_file: Option<PathBuf>,
    pub export_folder: Option<PathBuf>,
    /// Roblox Studio's plugins folder, where "Install into Studio" writes.
    pub plugins_folder: Option<PathBuf>,
    /// The Studio model (.rbxmx, .rbxm) to import a leaderboard GUI from.
    pub gui_model: Option<PathBuf>,
    /// Where "Save preview as PNG…" writes the canvas picture.
    pub preview_png: Option<PathBuf>,
    /// Where the Live data page's audit log export writes.
    pub audit_export: Option<PathBuf>,
    /// Act as if no native file dialog could open, for this reason (tests,
    /// and anyone whose desktop shows none): every dialog without a prepared
    /// answer is asked with the app's path field.
    pub no_native_dialog: Option<String>,
}

/// What the app asks the user for.
#[derive(Debug, Clone)]
pub enum Dialog {
    /// A project file to open.
    OpenProject,
    /// Where to save the project, suggesting a file name and its folder.
    SaveProject {
        name: String,
        folder: Option<PathBuf>,
    },
    /// The folder to export into, starting at the last one.
    ExportFolder { folder: Option<PathBuf> },
    /// Roblox Studio's plugins folder, when it can't be found.
    PluginsFolder { folder: Option<PathBuf> },
    /// A Studio model to import a leaderboard GUI from.
    GuiModel,
    /// Where to save a picture of the preview, suggesting a file name.
    PreviewPng { name: String },
    /// Where to export the live-data audit log, suggesting a file name
    /// (ending in .csv or .json) and the folder of the last export.
    AuditExport {
        name: String,
        folder: Option<PathBuf>,
    },
}

/// What a dialog picks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A file that exists, to read.
    OpenFile,
    /// A file to write, new or replaced, in a folder that exists.
    SaveFile,
    /// A folder to write into, new or existing.
    Folder,
}

/// What came of asking.
#[derive(Debug, Clone, PartialEq)]
pub enum Picked {
    Path(PathBuf),
    /// The user closed the dialog without picking.
    Cancelled,
    /// No native dialog could open, for this reason (plain words).
    NoDialog(String),
}

impl Dialog {
    pub fn title(&self) -> &'static str {
        match self {
            Dialog::OpenProject => "Open a DataStore Designer project",
            Dialog::SaveProject { .. } => "Save the project as",
            Dialog::ExportFolder { .. } => "Export the Studio files into",
            Dialog::PluginsFolder { .. } => {
                "Roblox Studio's plugins folder (in Studio: Plugins tab > Plugins Folder)"
            }
            Dialog::GuiModel => "Import a leaderboard GUI saved from Studio",
            Dialog::PreviewPng { .. } => "Save the preview as a PNG picture",
            Dialog::AuditExport { .. } => "Export the audit log as",
        }
    }

    pub fn kind(&self) -> Kind {
        match self {
            Dialog::OpenProject | Dialog::GuiModel => Kind::OpenFile,
            Dialog::SaveProject { .. } | Dialog::PreviewPng { .. } | Dialog::AuditExport { .. } => {
                Kind::SaveFile
            }
            Dialog::ExportFolder { .. } | Dialog::PluginsFolder { .. } => Kind::Folder,
        }
    }

    /// The path to start from when typing one: the suggested file in the
    /// suggested folder, else in the home folder.
    pub fn suggestion(&self) -> PathBuf {
        let home = home_folder().unwrap_or_default();
        match self {
            Dialog::SaveProject { name, folder } | Dialog::AuditExport { name, folder } => {
                folder.clone().unwrap_or(home).join(name)
            }
            Dialog::PreviewPng { name } => home.join(name),
            Dialog::ExportFolder { folder } | Dialog::PluginsFolder { folder } => {
                folder.clone().unwrap_or(home)
            }
            Dialog::OpenProject | Dialog::GuiModel => home,
        }
    }

    /// The kind of file shown, by name and extensions.
    fn filter(&self) -> Option<(&'static str, &'static [&'static str])> {
        match self {
            Dialog::OpenProject | Dialog::SaveProject { .. } => {
                Some(("DataStore Designer project", &["ron"]))
            }
            Dialog::GuiModel => Some(("Roblox model", &["rbxmx", "rbxm"])),
            Dialog::PreviewPng { .. } => Some(("PNG picture", &["png"])),
            Dialog::AuditExport { name, .. } if name.ends_with(".json") => {
                Some(("JSON file", &["json"]))
            }
            Dialog::AuditExport { .. } => Some(("CSV spreadsheet", &["csv"])),
            Dialog::ExportFolder { .. } | Dialog::PluginsFolder { .. } => None,
        }
    }

    /// The test's prepared answer for this dialog.
    fn prepared<'p>(&self, picks: &'p mut Picks) -> &'p mut Option<PathBuf> {
        match self {
            Dialog::OpenProject => &mut picks.open_file,
            Dialog::SaveProject { .. } => &mut picks.save_file,
            Dialog::ExportFolder { .. } => &mut picks.export_folder,
            Dialog::PluginsFolder { .. } => &mut picks.plugins_folder,
            Dialog::GuiModel => &mut picks.gui_model,
            Dialog::PreviewPng { .. } => &mut picks.preview_png,
            Dialog::AuditExport { .. } => &mut picks.audit_export,
        }
    }
}

/// The file or folder the user picked, or the test's prepared answer (used
/// once); or that they cancelled, or that no dialog could open.
pub fn pick(picks: &mut Picks, dialog: &Dialog) -> Picked {
    if let Some(path) = dialog.prepared(picks).take() {
        return Picked::Path(path);
    }
    if let Some(why) = &picks.no_native_dialog {
        return Picked::NoDialog(why.clone());
    }
    if let Err(why) = native_dialogs() {
        return Picked::NoDialog(why);
    }
    let mut native = rfd::FileDialog::new().set_title(dialog.title());
    if let Some((name, extensions)) = dialog.filter() {
        native = native.add_filter(name, extensions);
    }
    match dialog {
        Dialog::SaveProject { name, .. }
        | Dialog::PreviewPng { name }
        | Dialog::AuditExport { name, .. } => {
            native = native.set_file_name(name);
        }
        _ => {}
    }
    match dialog {
        Dialog::SaveProject {
            folder: Some(dir), ..
        }
        | Dialog::AuditExport {
            folder: Some(dir), ..
        }
        | Dialog::ExportFolder { folder: Some(dir) }
        | Dialog::PluginsFolder { folder: Some(dir) } => native = native.set_directory(dir),
        _ => {}
    }
    let picked = match dialog.kind() {
        Kind::OpenFile => native.pick_file(),
        Kind::SaveFile => native.save_file(),
        Kind::Folder => native.pick_folder(),
    };
    picked.map_or(Picked::Cancelled, Picked::Path)
}

/// The home folder, where typed paths start.
pub fn home_folder() -> Option<PathBuf> {
    let var = if cfg!(windows) { "USERPROFILE" } else { "HOME" };
    std::env::var_os(var)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
}

/// Whether a native file dialog can open here; Err says why not.
///
/// Windows and macOS always have one. On Linux and the BSDs rfd (with its
/// default `xdg-portal` backend) asks the desktop's file-chooser portal over
/// the D-Bus session bus and, when that fails, runs `zenity`. When neither
/// works it returns None, exactly as when the user cancels, so the app could
/// not tell "cancelled" from "nothing opened" by rfd's answer: Export then
/// did nothing visible. So this looks, before asking rfd, for what rfd
/// needs: zenity on the PATH, or a session bus and an installed portal
/// backend that implements the file chooser (its `.portal` file lists
/// `org.freedesktop.impl.portal.FileChooser`). Inside Flatpak the portals
/// are the host's, so they are taken to be there.
#[cfg(all(unix, not(target_os = "macos")))]
fn native_dialogs() -> Result<(), String> {
    if on_path("zenity") || Path::new("/.flatpak-info").exists() {
        return Ok(());
    }
    if !session_bus() {
        return Err(
            "this desktop has no D-Bus session, which Linux file dialogs need (and zenity is not installed)"
                .into(),
        );
    }
    if !file_chooser_portal() {
        return Err(
            "no file chooser portal is installed (xdg-desktop-portal with a backend such as xdg-desktop-portal-gtk), and zenity is not installed either"
                .into(),
        );
    }
    Ok(())
}

#[cfg(not(all(unix, not(target_os = "macos"))))]
fn native_dialogs() -> Result<(), String> {
    Ok(())
}

#[cfg(all(unix, not(target_os = "macos")))]
fn on_path(program: &str) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::env::var_os("PATH").is_some_and(|paths| {
        std::env::split_paths(&paths).any(|dir| {
            std::fs::metadata(dir.join(program))
                .is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
        })
    })
}

/// libdbus finds the session bus from DBUS_SESSION_BUS_ADDRESS, or at
/// `$XDG_RUNTIME_DIR/bus` where systemd puts it.
#[cfg(all(unix, not(target_os = "macos")))]
fn session_bus() -> bool {
    let address = std::env::var("DBUS_SESSION_BUS_ADDRESS").unwrap_or_default();
    if let Some(path) = address.strip_prefix("unix:path=") {
        let path = path.split(',').next().unwrap_or(path);
        return Path::new(path).exists();
    }
    if !address.is_empty() {
        // Abstract sockets and other transports can't be looked at as files.
        return true;
    }
    std::env::var_os("XDG_RUNTIME_DIR").is_some_and(|dir| Path::new(&dir).join("bus").exists())
}

/// Portal backends are listed in `xdg-desktop-portal/portals/` of the data
/// folders (XDG_DATA_HOME and XDG_DATA_DIRS).
#[cfg(all(unix, not(target_os = "macos")))]
fn file_chooser_portal() -> bool {
    let mut dirs: Vec<PathBuf> = Vec::new();
    match std::env::var_os("XDG_DATA_HOME").filter(|v| !v.is_empty()) {
        Some(home) => dirs.push(PathBuf::from(home)),
        None => dirs.extend(home_folder().map(|h| h.join(".local/share"))),
    }
    let data_dirs = std::env::var_os("XDG_DATA_DIRS")
        .filter(|v| !v.is_empty())
        .unwrap_or_else(|| "/usr/local/share:/usr/share".into());
    dirs.extend(std::env::split_paths(&data_dirs));
    dirs.iter().any(|dir| {
        std::fs::read_dir(dir.join("xdg-desktop-portal/portals")).is_ok_and(|entries| {
            entries.filter_map(Result::ok).any(|entry| {
                entry.path().extension().is_some_and(|e| e == "portal")
                    && std::fs::read_to_string(entry.path())
                        .is_ok_and(|text| text.contains("org.freedesktop.impl.portal.FileChooser"))
            })
        })
    })
}

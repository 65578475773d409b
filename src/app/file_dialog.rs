//! Every file and folder the app asks for goes through [`pick`]: one place
//! that knows each dialog's title, filter and suggested name, and that takes
//! a test's prepared answer ([`Picks`]) instead of opening a real dialog.

use std::path::{Path, PathBuf};

/// Files and folders to use instead of asking with a file dialog (tests).
#[derive(Debug, Clone, Default)]
pub struct Picks {
    pub open_file: Option<PathBuf>,
    pub save_file: Option<PathBuf>,
    pub export_folder: Option<PathBuf>,
    /// The Studio model (.rbxmx, .rbxm) to import a leaderboard GUI from.
    pub gui_model: Option<PathBuf>,
    /// Where "Save preview as PNG…" writes the canvas picture.
    pub preview_png: Option<PathBuf>,
}

/// What the app asks the user for.
#[derive(Debug, Clone)]
pub enum Dialog<'a> {
    /// A project file to open.
    OpenProject,
    /// Where to save the project, suggesting a file name and its folder.
    SaveProject {
        name: String,
        folder: Option<&'a Path>,
    },
    /// The folder to export into, starting at the last one.
    ExportFolder { folder: Option<&'a Path> },
    /// A Studio model to import a leaderboard GUI from.
    GuiModel,
    /// Where to save a picture of the preview, suggesting a file name.
    PreviewPng { name: String },
}

enum Kind {
    OpenFile,
    SaveFile,
    Folder,
}

impl Dialog<'_> {
    fn title(&self) -> &'static str {
        match self {
            Dialog::OpenProject => "Open a DataStore Designer project",
            Dialog::SaveProject { .. } => "Save the project as",
            Dialog::ExportFolder { .. } => "Export the Studio files into",
            Dialog::GuiModel => "Import a leaderboard GUI saved from Studio",
            Dialog::PreviewPng { .. } => "Save the preview as a PNG picture",
        }
    }

    fn kind(&self) -> Kind {
        match self {
            Dialog::OpenProject | Dialog::GuiModel => Kind::OpenFile,
            Dialog::SaveProject { .. } | Dialog::PreviewPng { .. } => Kind::SaveFile,
            Dialog::ExportFolder { .. } => Kind::Folder,
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
            Dialog::ExportFolder { .. } => None,
        }
    }

    /// The test's prepared answer for this dialog.
    fn prepared<'p>(&self, picks: &'p mut Picks) -> &'p mut Option<PathBuf> {
        match self {
            Dialog::OpenProject => &mut picks.open_file,
            Dialog::SaveProject { .. } => &mut picks.save_file,
            Dialog::ExportFolder { .. } => &mut picks.export_folder,
            Dialog::GuiModel => &mut picks.gui_model,
            Dialog::PreviewPng { .. } => &mut picks.preview_png,
        }
    }
}

/// The file or folder the user picked (None: cancelled), or the test's
/// prepared answer, which is used once.
pub fn pick(picks: &mut Picks, dialog: Dialog<'_>) -> Option<PathBuf> {
    if let Some(path) = dialog.prepared(picks).take() {
        return Some(path);
    }
    let mut native = rfd::FileDialog::new().set_title(dialog.title());
    if let Some((name, extensions)) = dialog.filter() {
        native = native.add_filter(name, extensions);
    }
    match &dialog {
        Dialog::SaveProject { name, .. } | Dialog::PreviewPng { name } => {
            native = native.set_file_name(name);
        }
        _ => {}
    }
    match &dialog {
        Dialog::SaveProject {
            folder: Some(dir), ..
        }
        | Dialog::ExportFolder { folder: Some(dir) } => native = native.set_directory(dir),
        _ => {}
    }
    match dialog.kind() {
        Kind::OpenFile => native.pick_file(),
        Kind::SaveFile => native.save_file(),
        Kind::Folder => native.pick_folder(),
    }
}

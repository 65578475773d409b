//! The app's own path field, for when no native file dialog can open (see
//! [`file_dialog::pick`](super::file_dialog::pick)): it says why, takes a
//! typed path, and checks it before anything is done with it, so a bad path
//! (a missing folder, one that can't be written to) changes nothing.

use std::path::{Path, PathBuf};

use super::file_dialog::{Dialog, Kind, home_folder};
use super::state::Pending;
use super::widgets;

/// What the typed path is for, with what to do after.
#[derive(Debug, Clone, PartialEq)]
pub enum PathUse {
    OpenProject,
    /// Save the project there, then carry out what waited for the save.
    SaveProject {
        then: Option<Pending>,
    },
    ExportFolder,
    /// Make it the project's Rojo folder and turn Export on save on.
    RojoFolder,
    /// Install the Studio plugin into this folder (Studio's plugins folder).
    PluginsFolder,
    /// Import the GUI of the leaderboard at this index from the model there.
    GuiModel(usize),
    /// Save a picture of the preview of the leaderboard at this index (None:
    /// of the data-status GUI).
    PreviewPng(Option<usize>),
    /// Export the live-data audit log there, in this format.
    AuditExport(super::live_data::ExportFormat),
}

/// The path field being shown.
#[derive(Debug, Clone, PartialEq)]
pub struct PathPrompt {
    pub title: &'static str,
    pub kind: Kind,
    pub purpose: PathUse,
    /// Why no native dialog opened.
    pub why: String,
    pub text: String,
    /// Why the last path typed could not be used.
    pub problem: Option<String>,
}

/// What the user did with the path field this frame.
#[derive(Debug, Clone, PartialEq)]
pub enum Answer {
    Ok(PathBuf),
    Cancel,
}

impl PathPrompt {
    pub fn new(dialog: &Dialog, purpose: PathUse, why: String) -> Self {
        PathPrompt {
            title: dialog.title(),
            kind: dialog.kind(),
            purpose,
            why,
            text: start_text(dialog),
            problem: None,
        }
    }

    fn field_label(&self) -> &'static str {
        match self.kind {
            Kind::OpenFile => "Path of the file to open",
            Kind::SaveFile => "Path of the file to save",
            Kind::Folder => "Path of the folder",
        }
    }

    /// Draws the path field as a modal window; an answer once the user
    /// presses OK (with a path that can be used) or Cancel.
    pub fn show(&mut self, ctx: &egui::Context) -> Option<Answer> {
        let mut answer = None;
        let modal = egui::Modal::new(egui::Id::unique("path-prompt")).show(ctx, |ui| {
            ui.set_max_width(560.0);
            ui.heading(self.title);
            ui.label(format!(
                "No file dialog could open: {}. Type the path here instead.",
                self.why
            ));
            ui.add_space(6.0);
            let label = ui.label(self.field_label());
            let field = ui
                .add(egui::TextEdit::singleline(&mut self.text).desired_width(540.0))
                .labelled_by(label.id);
            if ui.memory(|m| m.focused().is_none()) {
                field.request_focus();
            }
            if field.changed() {
                self.problem = None;
            }
            let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            if let Some(problem) = &self.problem {
                ui.colored_label(widgets::error_color(ui), problem);
            } else if let Some(note) = note(self.kind, &self.text) {
                ui.label(note);
            }
            ui.add_space(6.0);
            ui.horizontal(|ui| {
                if ui.button("OK").clicked() || entered {
                    match check(self.kind, &self.text) {
                        Ok(path) => answer = Some(Answer::Ok(path)),
                        Err(problem) => self.problem = Some(problem),
                    }
                }
                if ui.button("Cancel").clicked() {
                    answer = Some(Answer::Cancel);
                }
            });
        });
        if answer.is_none() && modal.should_close() {
            answer = Some(Answer::Cancel);
        }
        answer
    }
}

/// The path the field starts with; a folder to pick a file from ends with
/// a separator, ready for the file's name.
fn start_text(dialog: &Dialog) -> String {
    let mut text = dialog.suggestion().display().to_string();
    if dialog.kind() == Kind::OpenFile && !text.ends_with(std::path::MAIN_SEPARATOR) {
        text.push(std::path::MAIN_SEPARATOR);
    }
    text
}

/// `~` and `~/…` as the home folder.
fn expand_home(text: &str) -> PathBuf {
    let text = text.trim();
    if let Some(home) = home_folder() {
        if text == "~" {
            return home;
        }
        if let Some(rest) = text.strip_prefix("~/") {
            return home.join(rest);
        }
    }
    PathBuf::from(text)
}

fn shown(path: &Path) -> String {
    path.display().to_string()
}

/// Whether the user may write into the folder, asked without writing.
fn writable(folder: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let Ok(c_path) = std::ffi::CString::new(folder.as_os_str().as_bytes()) else {
            return false;
        };
        // SAFETY: access() only reads the NUL-terminated path it is given.
        unsafe { libc::access(c_path.as_ptr(), libc::W_OK | libc::X_OK) == 0 }
    }
    #[cfg(not(unix))]
    {
        std::fs::metadata(folder).is_ok_and(|m| !m.permissions().readonly())
    }
}

/// The folder a new file or folder at `path` goes into, checked.
fn existing_parent(path: &Path) -> Result<&Path, String> {
    let parent = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .ok_or_else(|| format!("{} has no folder to go into.", shown(path)))?;
    if !parent.exists() {
        return Err(format!(
            "The folder {} does not exist. Create it first, or type another path.",
            shown(parent)
        ));
    }
    if !parent.is_dir() {
        return Err(format!("{} is a file, not a folder.", shown(parent)));
    }
    if !writable(parent) {
        return Err(format!(
            "The folder {} can't be written to. Choose a folder of yours.",
            shown(parent)
        ));
    }
    Ok(parent)
}

/// The typed path if it can be used for `kind`, else why not, in plain
/// words. Looks only: nothing is created or changed.
pub fn check(kind: Kind, text: &str) -> Result<PathBuf, String> {
    if text.trim().is_empty() {
        return Err("Type a path first.".into());
    }
    let path = expand_home(text);
    if !path.is_absolute() {
        let example = home_folder()
            .map(|h| format!(" (like {})", shown(&h.join("Games"))))
            .unwrap_or_default();
        return Err(format!(
            "Type the whole path, starting from the top folder{example}."
        ));
    }
    match kind {
        Kind::OpenFile => {
            if path.is_dir() {
                return Err(format!(
                    "{} is a folder: type the path of a file in it.",
                    shown(&path)
                ));
            }
            if !path.exists() {
                return Err(format!("There is no file at {}.", shown(&path)));
            }
            std::fs::File::open(&path)
                .map_err(|e| format!("{} can't be read ({e}).", shown(&path)))?;
        }
        Kind::SaveFile => {
            if path.is_dir() {
                return Err(format!(
                    "{} is a folder: add the file name at the end.",
                    shown(&path)
                ));
            }
            existing_parent(&path)?;
            if path.exists() && std::fs::metadata(&path).is_ok_and(|m| m.permissions().readonly()) {
                return Err(format!(
                    "{} can't be replaced: it is read-only.",
                    shown(&path)
                ));
            }
        }
        Kind::Folder => {
            if path.exists() && !path.is_dir() {
                return Err(format!("{} is a file, not a folder.", shown(&path)));
            }
            // The export is written beside the folder and swapped in, so the
            // folder around it must take new files too.
            existing_parent(&path)?;
        }
    }
    Ok(path)
}

/// What OK would do that the user may want to know first.
fn note(kind: Kind, text: &str) -> Option<&'static str> {
    let path = expand_home(text);
    if !path.is_absolute() {
        return None;
    }
    match kind {
        Kind::SaveFile if path.is_file() => Some("This file exists: OK replaces it."),
        Kind::Folder if !path.exists() => Some("This folder is new: OK creates it."),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_paths_are_checked_without_changing_anything() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let file = root.join("game.ron");
        std::fs::write(&file, "x").unwrap();
        let missing = root.join("missing");

        assert!(
            check(Kind::OpenFile, "  ")
                .unwrap_err()
                .contains("Type a path")
        );
        assert!(
            check(Kind::OpenFile, "game.ron")
                .unwrap_err()
                .contains("whole path")
        );
        assert_eq!(check(Kind::OpenFile, &shown(&file)), Ok(file.clone()));
        assert!(
            check(Kind::OpenFile, &shown(&missing.join("a.ron")))
                .unwrap_err()
                .contains("There is no file")
        );
        assert!(
            check(Kind::OpenFile, &shown(root))
                .unwrap_err()
                .contains("is a folder")
        );

        let new_file = root.join("new.ron");
        assert_eq!(check(Kind::SaveFile, &shown(&new_file)), Ok(new_file));
        assert_eq!(check(Kind::SaveFile, &shown(&file)), Ok(file.clone()));
        let in_missing = missing.join("new.ron");
        let err = check(Kind::SaveFile, &shown(&in_missing)).unwrap_err();
        assert!(err.contains("does not exist"), "{err}");
        assert!(
            check(Kind::SaveFile, &shown(&file.join("x.ron")))
                .unwrap_err()
                .contains("is a file, not a folder")
        );
        assert!(
            check(Kind::SaveFile, &shown(root))
                .unwrap_err()
                .contains("add the file name")
        );

        assert_eq!(check(Kind::Folder, &shown(&missing)), Ok(missing.clone()));
        assert!(
            check(Kind::Folder, &shown(&file))
                .unwrap_err()
                .contains("is a file")
        );
        assert!(
            check(Kind::Folder, &shown(&missing.join("deeper")))
                .unwrap_err()
                .contains("does not exist")
        );
        assert!(!missing.exists(), "checking made nothing");
        assert_eq!(std::fs::read_to_string(&file).unwrap(), "x");
    }

    #[cfg(unix)]
    #[test]
    fn a_folder_that_cannot_be_written_to_is_refused() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let locked = dir.path().join("locked");
        std::fs::create_dir(&locked).unwrap();
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o555)).unwrap();
        // The superuser may write anywhere, so there is nothing to refuse.
        if writable(&locked) {
            return;
        }
        let err = check(Kind::SaveFile, &shown(&locked.join("a.ron"))).unwrap_err();
        assert!(err.contains("can't be written to"), "{err}");
        let err = check(Kind::Folder, &shown(&locked.join("export"))).unwrap_err();
        assert!(err.contains("can't be written to"), "{err}");
    }
}

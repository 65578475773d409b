//! Export on save: for designers who use Rojo, every successful Save also
//! exports the project to its Rojo folder, so a folder that `rojo serve`
//! serves stays in sync with the project without pressing Export.
//!
//! The switch and the folder are kept in the app's remembered settings, one
//! entry per project file, not in the project's .ron file: the app already
//! keeps its export folder there (`Remembered` in `app/mod.rs`), and a folder
//! is a place on this computer, meaningless on a teammate's computer that
//! opens the same project file.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::export::{self, ExportError, ExportReport, Format};
use crate::project::Project;
use crate::project::diagnostics::error_count;
use crate::project::words::errors_stop_export;
use crate::studio::writer::{WriteError, WriteOptions};

/// One project's Rojo folder and whether saves export into it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RojoFolder {
    /// Whether every Save also exports.
    pub on: bool,
    /// The last Rojo folder the project was exported to.
    pub folder: Option<PathBuf>,
    /// That export had the model files too ("Rojo folder + models"), so the
    /// exports on save write them as well rather than remove them.
    pub with_models: bool,
}

impl RojoFolder {
    /// The format the exports on save write.
    pub fn format(&self) -> Format {
        if self.with_models {
            Format::All
        } else {
            Format::Rojo
        }
    }
}

/// Every project's [`RojoFolder`], by project file.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ExportOnSave {
    pub projects: BTreeMap<PathBuf, RojoFolder>,
    /// The unsaved project's, until its first save gives it a file.
    #[serde(skip)]
    pub unsaved: RojoFolder,
}

impl ExportOnSave {
    /// The setting of the project saved at `path` (None: the unsaved one).
    pub fn of(&self, path: Option<&Path>) -> RojoFolder {
        match path {
            Some(path) => self.projects.get(path).cloned().unwrap_or_default(),
            None => self.unsaved.clone(),
        }
    }

    pub fn of_mut(&mut self, path: Option<&Path>) -> &mut RojoFolder {
        match path {
            Some(path) => self.projects.entry(path.to_path_buf()).or_default(),
            None => &mut self.unsaved,
        }
    }

    /// Remembers that the project at `path` was exported to `folder` in
    /// `format`, when that is a Rojo folder.
    pub fn exported(&mut self, path: Option<&Path>, folder: &Path, format: Format) {
        if !matches!(format, Format::Rojo | Format::All) {
            return;
        }
        let setting = self.of_mut(path);
        setting.folder = Some(folder.to_path_buf());
        setting.with_models = format == Format::All;
    }

    /// The unsaved project was saved as `path` for the first time: its
    /// setting goes with it.
    pub fn first_saved(&mut self, path: &Path) {
        let unsaved = std::mem::take(&mut self.unsaved);
        if unsaved != RojoFolder::default() {
            self.projects.insert(path.to_path_buf(), unsaved);
        }
    }
}

/// Exports `project` into its Rojo folder through the export pipeline (with
/// its manifest and its refusal to replace files changed by hand), or says
/// in plain words (sentences) why it did not. Nothing in the folder changes when it
/// did not.
pub fn export_now(project: &Project, setting: &RojoFolder) -> Result<ExportReport, String> {
    let Some(folder) = setting.folder.as_deref() else {
        return Err("No Rojo folder is chosen yet: use Export to… once to choose it".into());
    };
    // The writer would make a missing folder anew; a served folder that is
    // gone was moved or deleted on purpose, so it is not brought back.
    if !folder.is_dir() {
        return Err(format!(
            "The folder {} is no longer there (it was moved, renamed or deleted). Use Export to… to choose it again",
            folder.display()
        ));
    }
    export::export_format(project, folder, setting.format(), WriteOptions::default())
        .map_err(|error| why_not(&error))
}

/// Why an export did not happen, for a designer.
fn why_not(error: &ExportError) -> String {
    match error {
        ExportError::ProjectHasErrors(d) => {
            format!(
                "{} (see Problems below)",
                errors_stop_export(error_count(d))
            )
        }
        ExportError::Write(WriteError::ChangedSinceExport { changed, .. }) => format!(
            "Files in it were changed by hand since the last export ({changed}), and exporting would replace them. Move your changes out of the folder, then save again"
        ),
        other => capitalized(&other.to_string()),
    }
}

fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_unsaved_projects_setting_follows_its_first_save() {
        let mut all = ExportOnSave::default();
        all.of_mut(None).on = true;
        all.exported(None, Path::new("/tmp/served"), Format::Rojo);
        // A model export is no Rojo folder to keep in sync.
        all.exported(None, Path::new("/tmp/models"), Format::Rbxmx);
        all.first_saved(Path::new("/tmp/game.ron"));
        let saved = all.of(Some(Path::new("/tmp/game.ron")));
        assert!(saved.on);
        assert_eq!(saved.folder.as_deref(), Some(Path::new("/tmp/served")));
        assert_eq!(saved.format(), Format::Rojo);
        assert_eq!(all.of(None), RojoFolder::default());
        assert_eq!(
            all.of(Some(Path::new("/tmp/other.ron"))),
            RojoFolder::default()
        );
    }

    #[test]
    fn a_folder_that_is_gone_is_not_made_again() {
        let dir = tempfile::tempdir().unwrap();
        let gone = dir.path().join("served");
        let setting = RojoFolder {
            on: true,
            folder: Some(gone.clone()),
            with_models: false,
        };
        let why = export_now(&Project::new("Game"), &setting).unwrap_err();
        assert!(why.contains("no longer there"), "{why}");
        assert!(!gone.exists());
    }
}

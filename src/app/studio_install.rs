//! "Install into Studio": the project's Studio plugin written into Roblox
//! Studio's plugins folder, found on Windows and macOS and asked for
//! elsewhere (or when Studio has not made it yet).

use std::path::Path;

use super::file_dialog::Dialog;
use super::path_prompt::PathUse;
use super::state::AppState;
use crate::export::{self, ExportError};
use crate::project::diagnostics::error_count;
use crate::project::words::errors_stop_export;

impl AppState {
    /// Writes the plugin into the plugins folder: the one chosen before,
    /// else Studio's own, else the one the user picks now.
    pub fn install_into_studio(&mut self) {
        // A chosen folder that is gone is forgotten, so the user can choose again.
        if self.plugins_folder.as_deref().is_some_and(|f| !f.is_dir()) {
            self.plugins_folder = None;
        }
        if let Some(folder) = self
            .plugins_folder
            .clone()
            .or_else(export::studio_plugins_folder)
        {
            self.install_plugin_into(&folder);
            return;
        }
        let dialog = Dialog::PluginsFolder { folder: None };
        if let Some(folder) = self.ask(dialog, PathUse::PluginsFolder) {
            self.use_plugins_folder(folder);
        }
    }

    /// Remembers a plugins folder the user chose and installs into it.
    pub(super) fn use_plugins_folder(&mut self, folder: std::path::PathBuf) {
        // A folder typed into the path field may be new ("OK creates it").
        if let Err(error) = std::fs::create_dir_all(&folder) {
            self.notify(
                true,
                format!(
                    "Nothing was installed: could not make the folder {}: {error}.",
                    folder.display()
                ),
            );
            return;
        }
        self.plugins_folder = Some(folder.clone());
        self.install_plugin_into(&folder);
    }

    fn install_plugin_into(&mut self, folder: &Path) {
        match export::install_plugin(&self.project, folder) {
            Ok(installed) => self.notify(
                false,
                format!(
                    "Installed the Studio plugin at {}. In Roblox Studio, click \"Install {}\" in the Plugins tab to put every script in its service (if Studio was open and the button is missing, restart Studio).",
                    installed.path.display(),
                    self.project.name
                ),
            ),
            Err(ExportError::ProjectHasErrors(d)) => self.notify(
                true,
                format!(
                    "Nothing was installed. {} (see Problems below).",
                    errors_stop_export(error_count(&d))
                ),
            ),
            Err(error) => self.notify(true, format!("Nothing was installed: {error}.")),
        }
    }
}

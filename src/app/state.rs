//! Everything the app knows besides the widgets: the document, where it is
//! saved, whether it changed, undo and redo, the problems found in it and
//! what is selected.

use std::path::{Path, PathBuf};

use crate::export::{self, ExportError, Format};
use crate::project::Display;
pub use crate::project::GuiPart;
use crate::project::diagnostics::error_count;
pub use crate::project::gui_addr::DATA_STATUS_BOARD;
use crate::project::words::{count, errors_stop_export};
use crate::project::{Diagnostic, GuiAddr, Project, examples, file, validate};
use crate::studio::model::{ReplaceError, import_leaderboard_gui, use_imported_gui};
use crate::studio::writer::WriteOptions;

use super::edit::{self, Edit};
use super::export_on_save::{self, ExportOnSave};
pub use super::file_dialog::Picks;
use super::file_dialog::{self, Dialog, Picked};
use super::path_prompt::{PathPrompt, PathUse};

/// Undo keeps this many steps.
const UNDO_LIMIT: usize = 200;

/// Open recent lists this many files.
pub const RECENT_LIMIT: usize = 8;

/// The part a SurfaceGui shows on when the leaderboard had none.
const DEFAULT_PART: &str = "LeaderboardPart";

/// The import warnings a notice lists by name; the rest are counted.
const WARNINGS_SHOWN: usize = 3;

/// What the editor in the middle shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selection {
    Data,
    /// A field by its path of indices; the data table shows it highlighted.
    Field(Vec<usize>),
    Saving,
    Versions,
    Backups,
    Leaderboard(usize),
    /// A GUI object: its leaderboard ([`DATA_STATUS_BOARD`] for the
    /// data-status GUI), which GUI, child indices from the root.
    GuiNode(usize, GuiPart, Vec<usize>),
    /// The data-status GUI's page: what players see while their data loads
    /// or isn't saved.
    DataStatus,
    /// The developer products the game sells.
    Products,
    /// The gifts the team can send players.
    Gifts,
    /// Right to erasure: where a player's data is kept.
    Privacy,
    /// The hooks and calls for a game's own scripts.
    Scripting,
    /// The Test play page.
    TestPlay,
    /// A published game's saved player data, through Roblox's Open Cloud.
    LiveData,
}

impl Selection {
    /// The selected GUI object, if one is.
    pub fn gui_addr(&self) -> Option<GuiAddr> {
        match self {
            Selection::GuiNode(b, part, path) => Some(GuiAddr::new(*b, *part, path.clone())),
            _ => None,
        }
    }

    /// Whether this is the GUI object at `addr`.
    pub fn is_gui(&self, addr: &GuiAddr) -> bool {
        matches!(self, Selection::GuiNode(b, part, path)
            if *b == addr.board && *part == addr.part && *path == addr.path)
    }

    /// The leaderboard shown: the selected one or the one of the selected
    /// GUI object (None for the data-status GUI's objects).
    pub fn board(&self) -> Option<usize> {
        match self {
            Selection::Leaderboard(b) => Some(*b),
            Selection::GuiNode(b, part, _) if part.of_leaderboard() => Some(*b),
            _ => None,
        }
    }
}

impl From<GuiAddr> for Selection {
    fn from(addr: GuiAddr) -> Self {
        Selection::GuiNode(addr.board, addr.part, addr.path)
    }
}

/// A message shown under the top bar until dismissed.
#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    pub is_error: bool,
    pub text: String,
}

/// Something waiting for the answer to "save your changes first?".
#[derive(Debug, Clone, PartialEq)]
pub enum Pending {
    New(String),
    Open(PathBuf),
    Close,
}

/// What the window must do after a path typed in the path field was used.
#[derive(Debug, Clone, PartialEq)]
pub enum AfterPath {
    /// The project was saved before closing: close now.
    CloseWindow,
    /// Save the picture of the preview on screen there.
    SavePreview(PathBuf),
    /// Export the live-data audit log there.
    ExportAudit(super::live_data::ExportFormat, PathBuf),
}

/// The result of the last export, shown until dismissed.
#[derive(Debug, Clone)]
pub struct ExportDone {
    pub folder: PathBuf,
    pub files: Vec<String>,
    pub warnings: usize,
}

/// What panels may read of the app besides the project, its problems and
/// the selection, borrowed for one frame ([`AppState::panel_parts`]).
#[derive(Debug, Clone, Copy, Default)]
pub struct Status<'a> {
    /// Where the project is saved; None until it is saved once.
    pub path: Option<&'a Path>,
    pub dirty: bool,
    /// Project files opened or saved lately, the latest first.
    pub recent: &'a [PathBuf],
    pub export_folder: Option<&'a Path>,
    pub export_format: Format,
    /// Whether every Save also exports to the project's Rojo folder.
    pub export_on_save: bool,
    /// The project's Rojo folder, which Export on save keeps in sync.
    pub rojo_folder: Option<&'a Path>,
    pub notice: Option<&'a Notice>,
    pub last_export: Option<&'a ExportDone>,
    /// What Undo would undo; None when there is nothing to undo.
    pub undo_label: Option<&'a str>,
    pub redo_label: Option<&'a str>,
    /// The project's change counter, for caches.
    pub generation: u64,
}

pub struct AppState {
    pub project: Project,
    /// Where the project is saved; None until it is saved once.
    pub path: Option<PathBuf>,
    /// The project as last saved or opened, to tell whether it changed.
    saved: Project,
    pub dirty: bool,
    undo: Vec<(String, Project)>,
    redo: Vec<(String, Project)>,
    /// The widget whose edits are being merged into one undo step.
    open_session: Option<egui::Id>,
    pub diagnostics: Vec<Diagnostic>,
    pub selection: Selection,
    /// Bumped on every change, so caches (the code tab) know to redo.
    pub generation: u64,
    pub notice: Option<Notice>,
    pub pending: Option<Pending>,
    /// Set once the user agreed to lose changes on close.
    pub close_confirmed: bool,
    pub export_folder: Option<PathBuf>,
    pub export_format: Format,
    pub last_export: Option<ExportDone>,
    /// Where "Install into Studio" writes the plugin, when the user chose
    /// the folder (None: Studio's own plugins folder, found each time).
    pub plugins_folder: Option<PathBuf>,
    pub picks: Picks,
    /// The app's own path field, asking for a path because no file dialog
    /// could open.
    pub path_prompt: Option<PathPrompt>,
    /// Project files opened or saved lately, the latest first.
    pub recent: Vec<PathBuf>,
    /// Each project's Rojo folder and whether Save exports into it.
    pub export_on_save: ExportOnSave,
}

impl AppState {
    pub fn new(project: Project, path: Option<PathBuf>) -> Self {
        let diagnostics = validate::check(&project);
        AppState {
            saved: project.clone(),
            project,
            path,
            dirty: false,
            undo: Vec::new(),
            redo: Vec::new(),
            open_session: None,
            diagnostics,
            selection: Selection::Data,
            generation: 0,
            notice: None,
            pending: None,
            close_confirmed: false,
            export_folder: None,
            export_format: Format::Rojo,
            last_export: None,
            plugins_folder: None,
            picks: Picks::default(),
            path_prompt: None,
            recent: Vec::new(),
            export_on_save: ExportOnSave::default(),
        }
    }

    /// The starter example, unsaved.
    pub fn starter() -> Self {
        let project =
            template(examples::DEFAULT_EXAMPLE).unwrap_or_else(|| Project::new("My game"));
        AppState::new(project, None)
    }

    /// Applies one edit: keeps an undo step (merged with the previous one
    /// while the same widget is still in use), marks the project changed and
    /// checks it again.
    pub fn apply(&mut self, edit: Edit) {
        let before = self.project.clone();
        let label = edit.label.clone();
        let session = edit.session;
        edit.run(&mut self.project);
        if self.project == before {
            return;
        }
        let merge = session.is_some() && session == self.open_session && !self.undo.is_empty();
        if !merge {
            self.undo.push((label, before));
            if self.undo.len() > UNDO_LIMIT {
                self.undo.remove(0);
            }
        }
        self.open_session = session;
        self.redo.clear();
        self.changed();
    }

    /// What panels draw from: the project and its problems to read, the
    /// selection to change, and the rest of the app's state to read.
    pub fn panel_parts(&mut self) -> (&Project, &[Diagnostic], &mut Selection, Status<'_>) {
        let rojo = match self.path.as_deref() {
            Some(path) => self.export_on_save.projects.get(path),
            None => Some(&self.export_on_save.unsaved),
        };
        let status = Status {
            export_on_save: rojo.is_some_and(|r| r.on),
            rojo_folder: rojo.and_then(|r| r.folder.as_deref()),
            path: self.path.as_deref(),
            dirty: self.dirty,
            recent: &self.recent,
            export_folder: self.export_folder.as_deref(),
            export_format: self.export_format,
            notice: self.notice.as_ref(),
            last_export: self.last_export.as_ref(),
            undo_label: self.undo.last().map(|(l, _)| l.as_str()),
            redo_label: self.redo.last().map(|(l, _)| l.as_str()),
            generation: self.generation,
        };
        (
            &self.project,
            &self.diagnostics,
            &mut self.selection,
            status,
        )
    }

    /// Ends the merging of edits once their widget is no longer in use.
    pub fn end_sessions(&mut self, ctx: &egui::Context) {
        if let Some(id) = self.open_session {
            let in_use = ctx.memory(|m| m.has_focus(id)) || ctx.dragged_id() == Some(id);
            if !in_use {
                self.open_session = None;
            }
        }
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    pub fn undo_label(&self) -> Option<&str> {
        self.undo.last().map(|(l, _)| l.as_str())
    }

    pub fn redo_label(&self) -> Option<&str> {
        self.redo.last().map(|(l, _)| l.as_str())
    }

    pub fn undo(&mut self) {
        if let Some((label, project)) = self.undo.pop() {
            let now = std::mem::replace(&mut self.project, project);
            self.redo.push((label, now));
            self.open_session = None;
            self.changed();
        }
    }

    pub fn redo(&mut self) {
        if let Some((label, project)) = self.redo.pop() {
            let now = std::mem::replace(&mut self.project, project);
            self.undo.push((label, now));
            self.open_session = None;
            self.changed();
        }
    }

    fn changed(&mut self) {
        self.dirty = self.project != self.saved;
        self.generation += 1;
        self.diagnostics = validate::check(&self.project);
        // A GUI object that is gone (deleted, or undone after adding) leaves
        // the nearest object still there selected, so the tree stays open.
        while !self.selection_exists() {
            self.selection = match self.selection.gui_addr().and_then(|a| a.parent()) {
                Some(parent) => parent.into(),
                None => Selection::Data,
            };
        }
    }

    fn selection_exists(&self) -> bool {
        match &self.selection {
            Selection::Field(path) => edit::field(&self.project, path).is_some(),
            Selection::Leaderboard(i) => *i < self.project.leaderboards.len(),
            Selection::GuiNode(..) => self
                .selection
                .gui_addr()
                .is_some_and(|a| a.node(&self.project).is_some()),
            _ => true,
        }
    }

    /// Replaces the document (New, Open): history starts again.
    fn replace(&mut self, project: Project, path: Option<PathBuf>) {
        self.saved = project.clone();
        self.project = project;
        self.path = path;
        self.undo.clear();
        self.redo.clear();
        self.open_session = None;
        self.selection = Selection::Data;
        self.last_export = None;
        self.export_on_save.unsaved = Default::default();
        self.changed();
    }

    pub fn error_count(&self) -> usize {
        error_count(&self.diagnostics)
    }

    pub fn warning_count(&self) -> usize {
        self.diagnostics.len() - self.error_count()
    }

    pub fn notify(&mut self, is_error: bool, text: impl Into<String>) {
        self.notice = Some(Notice {
            is_error,
            text: text.into(),
        });
    }

    /// Starts a new project from a template, asking first if changes would be lost.
    pub fn request_new(&mut self, template_name: &str) {
        if self.dirty {
            self.pending = Some(Pending::New(template_name.to_string()));
        } else {
            self.new_from_template(template_name);
        }
    }

    pub fn new_from_template(&mut self, template_name: &str) {
        match template(template_name) {
            Some(project) => {
                self.replace(project, None);
                self.notify(
                    false,
                    format!(
                        "New project from the \"{template_name}\" template. Save it to keep it."
                    ),
                );
            }
            None => self.notify(true, format!("There is no template named {template_name}.")),
        }
    }

    /// Asks for a file (or takes the test pick) and opens it, asking first
    /// if changes would be lost.
    pub fn request_open(&mut self) {
        if let Some(path) = self.ask(Dialog::OpenProject, PathUse::OpenProject) {
            self.request_open_path(path);
        }
    }

    /// Opens `path`, asking first if changes would be lost (Open, Open
    /// recent, a dropped file).
    pub fn request_open_path(&mut self, path: PathBuf) {
        if self.dirty {
            self.pending = Some(Pending::Open(path));
        } else {
            self.open(&path);
        }
    }

    /// Opens a file dropped onto the window if it is a project file.
    pub fn open_dropped(&mut self, path: PathBuf) {
        let is_project = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("ron"));
        if is_project {
            self.request_open_path(path);
        } else {
            let name = path.file_name().map_or_else(
                || path.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            );
            self.notify(
                true,
                format!(
                    "Could not open {name}: only DataStore Designer project files (.ron) can be opened this way. Your current project is still open."
                ),
            );
        }
    }

    /// Puts `path` first in the recent files.
    pub fn remember_recent(&mut self, path: &Path) {
        self.recent.retain(|p| p != path);
        self.recent.insert(0, path.to_path_buf());
        self.recent.truncate(RECENT_LIMIT);
    }

    /// Asks for a Studio model (or takes the test pick) and makes its
    /// ScreenGui or SurfaceGui the GUI of leaderboard `b`, as one undo step.
    /// On error nothing changes and the error is shown.
    pub fn import_gui(&mut self, b: usize) {
        if let Some(path) = self.ask(Dialog::GuiModel, PathUse::GuiModel(b)) {
            self.import_gui_from(b, &path);
        }
    }

    /// Asks where to save a picture of leaderboard `b`'s preview, or of the
    /// data-status GUI's when None (or takes the test pick).
    pub fn pick_preview_png(&mut self, b: Option<usize>) -> Option<PathBuf> {
        let name = match b {
            None => "Data status preview.png".to_string(),
            Some(b) => self
                .project
                .leaderboards
                .get(b)
                .map_or("preview".to_string(), |l| {
                    format!("{} preview.png", file_stem(&l.name))
                }),
        };
        self.ask(Dialog::PreviewPng { name }, PathUse::PreviewPng(b))
    }

    pub fn import_gui_from(&mut self, b: usize, path: &Path) {
        let Some(board) = self.project.leaderboards.get(b) else {
            return;
        };
        let name = board.name.clone();
        let mut imported = match import_leaderboard_gui(path) {
            Ok(imported) => imported,
            Err(error) => {
                self.notify(
                    true,
                    format!("Could not import the GUI: {error}. Nothing was changed."),
                );
                return;
            }
        };
        let warnings = std::mem::take(&mut imported.warnings);
        let needs_part =
            imported.gui.class == "SurfaceGui" && matches!(board.display, Display::Screen);
        let part = needs_part.then_some(DEFAULT_PART);
        let mut changed = board.clone();
        if let Err(error) = use_imported_gui(&mut changed, imported, None, None, part) {
            let why = match error {
                ReplaceError::PartNeeded => {
                    "it is a SurfaceGui and no part was named to show it".to_string()
                }
                other => other.to_string(),
            };
            self.notify(
                true,
                format!("Could not import the GUI: {why}. Nothing was changed."),
            );
            return;
        }
        self.apply(Edit::new("import the GUI from Studio", move |p| {
            if let Some(board) = p.leaderboards.get_mut(b) {
                *board = changed;
            }
        }));
        let file = path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        let mut text = format!("Imported the GUI of {file} into {name}.");
        if needs_part {
            text.push_str(&format!(
                " It is a SurfaceGui, so it now shows on a part in the world named \"{DEFAULT_PART}\"; change the part's name in the settings if yours is called something else."
            ));
        }
        if !warnings.is_empty() {
            let n = warnings.len();
            let listed: Vec<String> = warnings
                .iter()
                .take(WARNINGS_SHOWN)
                .map(ToString::to_string)
                .collect();
            text.push_str(&format!(
                " {} in the file could not be kept: {}",
                count(n as u64, "thing", "things"),
                listed.join("; ")
            ));
            if n > WARNINGS_SHOWN {
                text.push_str(&format!(" and {} more", n - WARNINGS_SHOWN));
            }
            text.push('.');
        }
        self.notify(false, text);
    }

    /// Opens a project file. On failure the current project stays open and
    /// the error is shown. Returns whether it opened.
    pub fn open(&mut self, path: &Path) -> bool {
        match file::load(path) {
            Ok(project) => {
                self.replace(project, Some(path.to_path_buf()));
                self.remember_recent(path);
                self.notify(false, format!("Opened {}.", path.display()));
                true
            }
            Err(error) => {
                self.notify(
                    true,
                    format!(
                        "Could not open the project: {error}. Your current project is still open."
                    ),
                );
                false
            }
        }
    }

    /// Saves to the project's file, or asks where first. Returns whether it saved.
    pub fn save(&mut self) -> bool {
        match self.path.clone() {
            Some(path) => self.save_to(&path),
            None => self.save_as(),
        }
    }

    pub fn save_as(&mut self) -> bool {
        let dialog = Dialog::SaveProject {
            name: format!("{}.ron", file_stem(&self.project.name)),
            folder: self
                .path
                .as_deref()
                .and_then(Path::parent)
                .map(Path::to_path_buf),
        };
        match self.ask(dialog, PathUse::SaveProject { then: None }) {
            Some(path) => self.save_to(&path),
            None => false,
        }
    }

    fn save_to(&mut self, path: &Path) -> bool {
        match file::save(&self.project, path) {
            Ok(()) => {
                // A new project keeps its switch on its first save. Save as
                // from a saved project does not carry it over: two project
                // files exporting into one folder would undo each other.
                if self.path.is_none() {
                    self.export_on_save.first_saved(path);
                }
                self.path = Some(path.to_path_buf());
                self.saved = self.project.clone();
                self.dirty = false;
                self.remember_recent(path);
                let saved = format!("Saved {}.", path.display());
                match self.export_after_save() {
                    None => self.notify(false, saved),
                    Some(Ok(exported)) => self.notify(false, format!("{saved} {exported}")),
                    Some(Err(skipped)) => self.notify(true, format!("{saved} {skipped}")),
                }
                true
            }
            Err(error) => {
                self.notify(true, format!("Could not save: {error}."));
                false
            }
        }
    }

    /// Export on save, after a successful save: what it did in words, or
    /// why it did not (an error), or None while the switch is off.
    fn export_after_save(&mut self) -> Option<Result<String, String>> {
        let setting = self.export_on_save.of(self.path.as_deref());
        if !setting.on {
            return None;
        }
        let folder = setting.folder.clone().unwrap_or_default();
        Some(match export_on_save::export_now(&self.project, &setting) {
            Ok(report) => {
                let files: Vec<String> = report.manifest.files.keys().cloned().collect();
                let text = format!("Exported {} files to {}.", files.len(), folder.display());
                self.last_export = Some(ExportDone {
                    folder,
                    files,
                    warnings: report.warnings.len(),
                });
                Ok(text)
            }
            Err(why) => Err(format!(
                "Export on save left {} as it was. {why}.",
                folder.display()
            )),
        })
    }

    /// Turns Export on save on or off for this project. Turned on before
    /// the project was ever exported to a Rojo folder, it asks for one (or
    /// takes the test pick) and exports there.
    pub fn set_export_on_save(&mut self, on: bool) {
        let path = self.path.clone();
        let setting = self.export_on_save.of(path.as_deref());
        if !on {
            self.export_on_save.of_mut(path.as_deref()).on = false;
            self.notify(false, "Export on save is off: saving no longer exports.");
            return;
        }
        match setting.folder {
            Some(folder) => {
                self.export_on_save.of_mut(path.as_deref()).on = true;
                self.notify(
                    false,
                    format!(
                        "Export on save is on: every save also exports to {}.",
                        folder.display()
                    ),
                );
            }
            None => {
                let dialog = Dialog::ExportFolder {
                    folder: self.export_folder.clone(),
                };
                if let Some(folder) = self.ask(dialog, PathUse::RojoFolder) {
                    self.use_rojo_folder(folder);
                }
            }
        }
    }

    /// Makes `folder` the project's Rojo folder, turns Export on save on
    /// and exports there now, so the folder starts in sync.
    fn use_rojo_folder(&mut self, folder: PathBuf) {
        let path = self.path.clone();
        let setting = self.export_on_save.of_mut(path.as_deref());
        setting.on = true;
        setting.folder = Some(folder.clone());
        setting.with_models = false;
        // A new folder is made here, unlike on save: the user just chose it.
        if let Err(error) = std::fs::create_dir_all(&folder) {
            self.notify(
                true,
                format!(
                    "Export on save is on, but {} could not be made: {error}.",
                    folder.display()
                ),
            );
            return;
        }
        self.export_folder = Some(folder);
        match self.export_after_save() {
            Some(Ok(exported)) => self.notify(
                false,
                format!("Export on save is on. {exported} Every save exports there again."),
            ),
            Some(Err(skipped)) => self.notify(
                true,
                format!("Export on save is on, but nothing was exported yet. {skipped}"),
            ),
            None => {}
        }
    }

    /// Asks for a folder (or takes the test pick), remembers it and exports.
    pub fn choose_export_folder_and_export(&mut self) {
        let dialog = Dialog::ExportFolder {
            folder: self.export_folder.clone(),
        };
        if let Some(folder) = self.ask(dialog, PathUse::ExportFolder) {
            self.export_folder = Some(folder);
            self.export();
        }
    }

    /// Asks with a file dialog (or takes the test pick). When no dialog can
    /// open, the app's path field asks instead ([`Self::path_prompt`]) and
    /// [`Self::use_typed_path`] goes on with `purpose` once a path is typed.
    pub(super) fn ask(&mut self, dialog: Dialog, purpose: PathUse) -> Option<PathBuf> {
        match file_dialog::pick(&mut self.picks, &dialog) {
            Picked::Path(path) => Some(path),
            Picked::Cancelled => None,
            Picked::NoDialog(why) => {
                self.path_prompt = Some(PathPrompt::new(&dialog, purpose, why));
                None
            }
        }
    }

    /// Goes on with what the path field asked for, with the path typed
    /// there (already checked).
    pub fn use_typed_path(&mut self, purpose: PathUse, path: PathBuf) -> Option<AfterPath> {
        match purpose {
            PathUse::OpenProject => self.request_open_path(path),
            PathUse::SaveProject { then } => {
                if self.save_to(&path)
                    && let Some(then) = then
                {
                    self.pending = Some(then);
                    if let Some(Pending::Close) = self.resolve_pending(false) {
                        return Some(AfterPath::CloseWindow);
                    }
                }
            }
            PathUse::ExportFolder => {
                self.export_folder = Some(path);
                self.export();
            }
            PathUse::RojoFolder => self.use_rojo_folder(path),
            PathUse::PluginsFolder => self.use_plugins_folder(path),
            PathUse::GuiModel(b) => self.import_gui_from(b, &path),
            PathUse::PreviewPng(_) => return Some(AfterPath::SavePreview(path)),
            PathUse::AuditExport(format) => return Some(AfterPath::ExportAudit(format, path)),
        }
        None
    }

    /// Exports into the remembered folder.
    pub fn export(&mut self) {
        let Some(folder) = self.export_folder.clone() else {
            self.choose_export_folder_and_export();
            return;
        };
        match export::export_format(
            &self.project,
            &folder,
            self.export_format,
            WriteOptions::default(),
        ) {
            Ok(report) => {
                let files: Vec<String> = report.manifest.files.keys().cloned().collect();
                self.export_on_save
                    .exported(self.path.as_deref(), &folder, self.export_format);
                self.notify(
                    false,
                    format!("Exported {} files to {}.", files.len(), folder.display()),
                );
                self.last_export = Some(ExportDone {
                    folder,
                    files,
                    warnings: report.warnings.len(),
                });
            }
            Err(ExportError::ProjectHasErrors(d)) => {
                self.notify(
                    true,
                    format!(
                        "Nothing was exported. {} (see Problems below).",
                        errors_stop_export(error_count(&d))
                    ),
                );
            }
            Err(error) => self.notify(true, format!("Nothing was exported: {error}")),
        }
    }

    /// Carries out what was waiting, after the user chose to save or discard.
    pub fn resolve_pending(&mut self, save_first: bool) -> Option<Pending> {
        let pending = self.pending.take()?;
        if save_first && !self.save() {
            // With no file dialog, the path field asks where to save; what
            // was waiting goes on once the project is saved there.
            if let Some(PathPrompt {
                purpose: PathUse::SaveProject { then },
                ..
            }) = &mut self.path_prompt
            {
                *then = Some(pending);
            }
            return None;
        }
        match &pending {
            Pending::New(name) => self.new_from_template(&name.clone()),
            Pending::Open(path) => {
                self.open(&path.clone());
            }
            Pending::Close => self.close_confirmed = true,
        }
        Some(pending)
    }
}

/// A template project by name.
pub fn template(name: &str) -> Option<Project> {
    let text = examples::text(name)?;
    file::parse_str(text, name).ok()
}

/// A file name made from a project name.
fn file_stem(name: &str) -> String {
    let stem: String = name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if stem.is_empty() {
        "project".into()
    } else {
        stem
    }
}

//! The designer window: an eframe app over [`AppState`]. Each panel is a
//! module that draws from a borrowed [`PanelCtx`] and asks for changes with
//! [`Edit`]s, applied once the frame is drawn.

pub mod canvas;
pub mod code_tab;
pub mod collection_default;
pub mod command;
pub mod commerce_editor;
mod console_window;
pub mod data_editor;
pub mod data_status_editor;
pub mod edit;
pub mod export_on_save;
pub mod file_dialog;
mod grant_editor;
pub mod gui_tree;
pub mod inspector;
pub mod leaderboard_editor;
pub mod live_data;
pub mod look_gallery;
pub mod path_prompt;
pub mod privacy_page;
pub mod problems;
pub mod project_tree;
pub mod publish_dialog;
pub mod saving_editor;
pub mod scripting_page;
mod sequence_editor;
pub mod state;
mod studio_install;
pub mod test_play;
pub mod top_bar;
pub mod tree_ops;
pub mod versions_editor;
pub mod widgets;

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::export::Format;
use crate::project::{Diagnostic, Project};

pub use command::Command;
pub use edit::Edit;
pub use state::{AppState, GuiPart, Pending, Selection, Status};

/// What every panel draws from and what it may change: the same for the top
/// bar, the tree, the editors, the canvas, the problems and test play.
pub struct PanelCtx<'a> {
    pub project: &'a Project,
    pub diagnostics: &'a [Diagnostic],
    pub selection: &'a mut Selection,
    /// The rest of the app's state, to read.
    pub status: Status<'a>,
    pub edits: &'a mut Vec<Edit>,
    /// Things a panel asks for that are not edits of the project.
    pub requests: &'a mut Vec<Request>,
}

impl<'a> PanelCtx<'a> {
    /// What the panels of `state` draw from this frame.
    fn of(
        state: &'a mut AppState,
        edits: &'a mut Vec<Edit>,
        requests: &'a mut Vec<Request>,
    ) -> PanelCtx<'a> {
        let (project, diagnostics, selection, status) = state.panel_parts();
        PanelCtx {
            project,
            diagnostics,
            selection,
            status,
            edits,
            requests,
        }
    }
}

/// What a panel asks the app to do besides editing the project.
#[derive(Debug, Clone, PartialEq)]
pub enum Request {
    /// Pick a Studio model and use its GUI for this leaderboard.
    ImportGui(usize),
    /// Pick a file and save the canvas of this leaderboard into it as a PNG.
    SavePreviewPng(usize),
    /// The same for the data-status GUI.
    SaveDataStatusPng,
    /// Ask where to export the live-data audit log, then export it.
    ExportAudit(live_data::ExportFormat),
    /// Run a command of the top bar.
    Command(Command),
    /// Start a new project from the template of this name, asking first if
    /// changes would be lost.
    NewProject(String),
    /// Open this project file, asking first if changes would be lost.
    OpenPath(PathBuf),
    ExportFormat(Format),
    /// Turn Export on save on or off for this project.
    ExportOnSave(bool),
    /// Hide the message under the top bar.
    HideNotice,
    /// Hide the summary of the last export.
    HideExportSummary,
    /// Open the gallery of leaderboard looks.
    ChooseLook(look_gallery::LookFor),
}

/// Which tab the bottom panel shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum BottomTab {
    #[default]
    Problems,
    Code,
}

/// What the app remembers between runs.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
struct Remembered {
    last_file: Option<PathBuf>,
    export_folder: Option<PathBuf>,
    /// The plugins folder the user chose for "Install into Studio".
    plugins_folder: Option<PathBuf>,
    bottom_tab: BottomTab,
    /// Project files opened or saved lately, the latest first.
    recent_files: Vec<PathBuf>,
    /// The device the leaderboard preview shows (index into the presets).
    device: usize,
    /// Each project's Rojo folder and whether Save exports into it.
    export_on_save: export_on_save::ExportOnSave,
    /// The universe id typed on Live data's Connect tab (its key stays in
    /// the keychain).
    live_universe: String,
}

const STORAGE_KEY: &str = "datastore-designer";

/// What to open at start.
#[derive(Debug, Clone)]
pub enum Startup {
    /// The last opened file, or the starter example on first run.
    Remembered,
    /// This file.
    File(PathBuf),
    /// The starter example, whatever was open last time.
    Starter,
}

pub struct DesignerApp {
    pub state: AppState,
    pub bottom_tab: BottomTab,
    code: code_tab::CodeTab,
    /// The leaderboard preview in the middle.
    pub canvas: canvas::Canvas,
    /// The Test play page: its settings, the run going on and the last report.
    pub test_play: test_play::TestPlay,
    /// The gallery of leaderboard looks, while it is open.
    pub looks: look_gallery::LookGallery,
    /// The Live data page: the connection to a published game and its tabs.
    pub live: live_data::LiveData,
    /// Whether the bundled fonts are registered with egui yet.
    fonts_installed: bool,
    /// The window title last sent, so it is only sent when it changes.
    title: String,
}

impl DesignerApp {
    /// The app as eframe creates it, reading what it remembered from storage.
    ///
    /// Panel sizes and the window's size and place are kept by eframe itself
    /// (its `persistence` feature saves egui's memory and the window).
    pub fn new(cc: &eframe::CreationContext<'_>, startup: Startup) -> Self {
        DesignerApp::restore(cc.storage, startup)
    }

    /// The app with what `storage` remembered from the last run.
    pub fn restore(storage: Option<&dyn eframe::Storage>, startup: Startup) -> Self {
        let remembered: Remembered = storage
            .and_then(|s| eframe::get_value(s, STORAGE_KEY))
            .unwrap_or_default();
        let mut state = AppState::starter();
        state.recent = remembered.recent_files.clone();
        let to_open = match startup {
            Startup::File(path) => Some(path),
            Startup::Remembered => remembered.last_file.clone(),
            Startup::Starter => None,
        };
        if let Some(path) = to_open
            && !state.open(&path)
        {
            // Keep the error message: it says why the starter is showing.
        }
        state.export_folder = remembered.export_folder;
        state.export_on_save = remembered.export_on_save;
        state.plugins_folder = remembered.plugins_folder;
        let mut app = DesignerApp::from_state(state, remembered.bottom_tab);
        // An index past the presets shows the last one (see `Canvas::device`).
        app.canvas.device = remembered.device;
        app.live.connect.universe = remembered.live_universe;
        app
    }

    pub fn from_state(state: AppState, bottom_tab: BottomTab) -> Self {
        DesignerApp {
            state,
            bottom_tab,
            code: code_tab::CodeTab::default(),
            canvas: canvas::Canvas::default(),
            test_play: test_play::TestPlay::default(),
            looks: look_gallery::LookGallery::default(),
            live: live_data::LiveData::default(),
            fonts_installed: false,
            title: String::new(),
        }
    }

    /// Draws the whole window and applies what the user did.
    pub fn show(&mut self, ui: &mut egui::Ui) {
        if !self.fonts_installed {
            canvas::install_fonts(ui.ctx());
            self.fonts_installed = true;
        }
        for command in Command::pressed(ui.ctx()) {
            command.run(&mut self.state);
        }
        self.dropped_files(ui.ctx());
        self.test_play.poll(ui.ctx());
        self.live.poll(ui.ctx());

        let mut edits = Vec::new();
        let mut requests = Vec::new();
        top_bar::show(
            ui,
            &mut PanelCtx::of(&mut self.state, &mut edits, &mut requests),
        );
        // The top bar's commands take effect before the rest is drawn, so
        // the panels below show the project they leave.
        for request in std::mem::take(&mut requests) {
            self.carry_out(request, ui.ctx());
        }
        let state = &mut self.state;

        egui::Panel::bottom("bottom")
            .resizable(true)
            .default_size(220.0)
            .min_size(80.0)
            .show(ui, |ui| {
                ui.horizontal(|ui| {
                    let problems = format!("Problems ({})", state.diagnostics.len());
                    ui.selectable_value(&mut self.bottom_tab, BottomTab::Problems, problems)
                        .on_hover_text(
                            "Everything to fix before exporting, and warnings worth a look",
                        );
                    ui.selectable_value(&mut self.bottom_tab, BottomTab::Code, "Exported files")
                        .on_hover_text("The exact files Export writes for this project");
                });
                ui.separator();
                let mut ctx = PanelCtx::of(state, &mut edits, &mut requests);
                match self.bottom_tab {
                    BottomTab::Problems => problems::show(ui, &mut ctx),
                    BottomTab::Code => self.code.show(ui, &ctx),
                }
            });

        egui::Panel::left("tree")
            .resizable(true)
            .default_size(240.0)
            .min_size(160.0)
            .show(ui, |ui| {
                let mut ctx = PanelCtx::of(state, &mut edits, &mut requests);
                project_tree::show(ui, &mut ctx);
            });

        // A GUI shows its preview in the middle and its settings on the right.
        let gui_page = matches!(
            state.selection,
            Selection::Leaderboard(_) | Selection::GuiNode(..) | Selection::DataStatus
        );
        if gui_page {
            egui::Panel::right("settings")
                .resizable(true)
                .default_size(380.0)
                .min_size(260.0)
                .show(ui, |ui| {
                    let mut ctx = PanelCtx::of(state, &mut edits, &mut requests);
                    if let Some(addr) = ctx.selection.gui_addr() {
                        inspector::show(ui, &mut ctx, &addr);
                    } else if let Selection::Leaderboard(board) = *ctx.selection {
                        leaderboard_editor::show(ui, &mut ctx, board);
                    } else if *ctx.selection == Selection::DataStatus {
                        data_status_editor::show(ui, &mut ctx);
                    }
                });
        }

        let canvas = &mut self.canvas;
        let test_play = &mut self.test_play;
        let live = &mut self.live;
        egui::CentralPanel::default().show(ui, |ui| {
            let mut ctx = PanelCtx::of(state, &mut edits, &mut requests);
            match ctx.selection.clone() {
                Selection::Data | Selection::Field(_) => data_editor::show(ui, &mut ctx),
                Selection::Saving => saving_editor::show_saving(ui, &mut ctx),
                Selection::Backups => saving_editor::show_backups(ui, &mut ctx),
                Selection::Versions => versions_editor::show(ui, &mut ctx),
                Selection::DataStatus | Selection::GuiNode(_, GuiPart::DataStatus, _) => {
                    canvas.show_data_status(ui, &mut ctx)
                }
                Selection::Leaderboard(board) | Selection::GuiNode(board, _, _) => {
                    canvas.show(ui, &mut ctx, board)
                }
                Selection::Products => commerce_editor::show_products(ui, &mut ctx),
                Selection::Gifts => commerce_editor::show_gifts(ui, &mut ctx),
                Selection::Privacy => privacy_page::show(ui, &ctx),
                Selection::Scripting => scripting_page::show(ui, &ctx),
                Selection::TestPlay => test_play.show(ui, &ctx),
                Selection::LiveData => live.show(ui, &mut ctx),
            }
        });

        for edit in edits {
            self.state.apply(edit);
        }
        for request in requests {
            self.carry_out(request, ui.ctx());
        }
        if let Some((is_error, text)) = self.canvas.take_notice() {
            self.state.notify(is_error, text);
        }
        self.state.end_sessions(ui.ctx());
        self.confirm_dialog(ui.ctx());
        self.path_dialog(ui.ctx());
        if let Some(picked) = self.looks.show(ui.ctx(), &self.state.project) {
            self.state.apply(picked.edit);
            self.state.selection = Selection::Leaderboard(picked.board);
        }
    }

    fn carry_out(&mut self, request: Request, ctx: &egui::Context) {
        let state = &mut self.state;
        match request {
            Request::ImportGui(b) => state.import_gui(b),
            Request::SavePreviewPng(b) => {
                if let Some(path) = state.pick_preview_png(Some(b)) {
                    self.canvas.save_preview_to(path, ctx);
                }
            }
            Request::SaveDataStatusPng => {
                if let Some(path) = state.pick_preview_png(None) {
                    self.canvas.save_preview_to(path, ctx);
                }
            }
            Request::ExportAudit(format) => {
                let dialog = self.live.audit_page.export_dialog(format);
                if let Some(path) = state.ask(dialog, path_prompt::PathUse::AuditExport(format)) {
                    self.live.export_audit(format, &path);
                }
            }
            Request::Command(command) => command.run(state),
            Request::NewProject(template) => state.request_new(&template),
            Request::OpenPath(path) => state.request_open_path(path),
            Request::ExportFormat(format) => state.export_format = format,
            Request::ExportOnSave(on) => state.set_export_on_save(on),
            Request::HideNotice => state.notice = None,
            Request::HideExportSummary => state.last_export = None,
            Request::ChooseLook(target) => self.looks.open = Some(target),
        }
    }

    /// Opens a project file dropped onto the window.
    fn dropped_files(&mut self, ctx: &egui::Context) {
        let dropped = ctx.input(|i| i.raw.dropped_files.clone());
        if let Some(file) = dropped.first() {
            self.state.open_dropped(file.path().to_path_buf());
        }
        // While a file is dragged over the window, say what dropping does.
        if ctx.input(|i| !i.raw.hovered_files.is_empty()) {
            let painter = ctx.layer_painter(egui::LayerId::new(
                egui::Order::Foreground,
                egui::Id::unique("drop-hint"),
            ));
            let rect = ctx.content_rect();
            painter.rect_filled(rect, 0.0, egui::Color32::from_black_alpha(160));
            painter.text(
                rect.center(),
                egui::Align2::CENTER_CENTER,
                "Drop a project file (.ron) to open it",
                egui::FontId::proportional(24.0),
                egui::Color32::WHITE,
            );
        }
    }

    /// The path field, while no file dialog could open.
    fn path_dialog(&mut self, ctx: &egui::Context) {
        let Some(prompt) = self.state.path_prompt.as_mut() else {
            return;
        };
        let Some(answer) = prompt.show(ctx) else {
            return;
        };
        let Some(prompt) = self.state.path_prompt.take() else {
            return;
        };
        let path_prompt::Answer::Ok(path) = answer else {
            return;
        };
        match self.state.use_typed_path(prompt.purpose, path) {
            Some(state::AfterPath::CloseWindow) => {
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
            // The preview asked for is still the one on screen: the path
            // field kept the rest of the window from being used.
            Some(state::AfterPath::SavePreview(path)) => self.canvas.save_preview_to(path, ctx),
            Some(state::AfterPath::ExportAudit(format, path)) => {
                self.live.export_audit(format, &path)
            }
            None => {}
        }
    }

    fn confirm_dialog(&mut self, ctx: &egui::Context) {
        let Some(pending) = self.state.pending.clone() else {
            return;
        };
        let what = match &pending {
            Pending::New(_) => "starting a new project",
            Pending::Open(_) => "opening another project",
            Pending::Close => "closing",
        };
        let mut answer = None;
        let modal = egui::Modal::new(egui::Id::unique("unsaved-changes")).show(ctx, |ui| {
            ui.set_max_width(420.0);
            ui.heading("Save your changes?");
            ui.label(format!(
                "\"{}\" has changes that are not saved. They will be lost by {what} unless you save them.",
                self.state.project.name
            ));
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                if ui.button("Save").clicked() {
                    answer = Some(true);
                }
                if ui.button("Don't save").clicked() {
                    answer = Some(false);
                }
                if ui.button("Cancel").clicked() {
                    self.state.pending = None;
                }
            });
        });
        if modal.should_close() {
            self.state.pending = None;
        }
        if let Some(save_first) = answer
            && let Some(Pending::Close) = self.state.resolve_pending(save_first)
        {
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
    }
}

impl eframe::App for DesignerApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        if ctx.input(|i| i.viewport().close_requested())
            && self.state.dirty
            && !self.state.close_confirmed
        {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.state.pending = Some(Pending::Close);
        }
        let title = format!(
            "{}{} - DataStore Designer",
            if self.state.dirty { "• " } else { "" },
            self.state.project.name
        );
        if title != self.title {
            self.title = title.clone();
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title));
        }
        self.show(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        let remembered = Remembered {
            last_file: self.state.path.clone(),
            export_folder: self.state.export_folder.clone(),
            plugins_folder: self.state.plugins_folder.clone(),
            bottom_tab: self.bottom_tab,
            recent_files: self.state.recent.clone(),
            device: self.canvas.device,
            export_on_save: self.state.export_on_save.clone(),
            live_universe: self.live.connect.universe.clone(),
        };
        eframe::set_value(storage, STORAGE_KEY, &remembered);
    }
}

/// The app icon (drawn by assets/icons/draw-icon.sh), shown in the title bar,
/// task bar and window switcher; the installers use the same picture.
const WINDOW_ICON_PNG: &[u8] = include_bytes!("../../assets/icons/icon-256.png");

/// Opens the designer window and returns when it is closed.
pub fn run(startup: Startup) -> eframe::Result {
    console_window::close_own_console();
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("DataStore Designer")
        .with_inner_size([1400.0, 860.0])
        .with_min_inner_size([900.0, 560.0]);
    // The icon is built in, so it always decodes; a window without one still works.
    if let Ok(icon) = eframe::icon_data::from_png_bytes(WINDOW_ICON_PNG) {
        viewport = viewport.with_icon(icon);
    }
    let options = eframe::NativeOptions {
        viewport,
        ..Default::default()
    };
    eframe::run_native(
        "DataStore Designer",
        options,
        Box::new(move |cc| Ok(Box::new(DesignerApp::new(cc, startup)))),
    )
}

//! The export pipeline: check the project, generate every file, write the
//! folder. Generators add files to an [`ExportPlan`]; nothing touches the
//! disk until the whole plan exists.

use std::path::{Path, PathBuf};

use thiserror::Error;

use crate::luau;
use crate::project::diagnostics::{error_count, has_errors};
use crate::project::words::errors_stop_export;
use crate::project::{Diagnostic, Display, Project, migration, validate};
use crate::studio::install;
pub use crate::studio::install::studio_plugins_folder;
use crate::studio::model::{self, ModelError, ModelFormat};
pub use crate::studio::plan::{DATA_MANAGER, ExportPlan};
use crate::studio::rojo::{self, Container, ScriptKind};
use crate::studio::writer::{self, Manifest, WriteError, WriteOptions};

#[derive(Debug, Error)]
pub enum ExportError {
    #[error("{}", errors_stop_export(error_count(.0)))]
    ProjectHasErrors(Vec<Diagnostic>),
    #[error(transparent)]
    Write(#[from] WriteError),
    #[error(transparent)]
    Model(#[from] ModelError),
}

/// What an export writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// A Rojo 7 project folder.
    #[default]
    Rojo,
    /// Model files for Studio without Rojo: `models/DataStoreDesigner.rbxmx`
    /// (everything) and `models/<Leaderboard>.rbxmx` (each GUI).
    Rbxmx,
    /// The same models as binary `.rbxm`.
    Rbxm,
    /// The Rojo folder with both kinds of model in `models/`.
    All,
    /// One place file for a new game, `<Project name>.rbxlx`: a baseplate,
    /// a spawn location and every script in its service, opened in Studio
    /// with File > Open.
    Rbxlx,
    /// One local Studio plugin, `<Project name>_DataStoreDesigner.rbxmx`,
    /// holding the export; its toolbar button installs it into the open place.
    /// Written into Studio's plugins folder (see [`install_plugin`]).
    Plugin,
}

impl Format {
    /// The model formats this export writes.
    pub fn model_formats(self) -> &'static [ModelFormat] {
        match self {
            Format::Rojo | Format::Rbxlx | Format::Plugin => &[],
            Format::Rbxmx => &[ModelFormat::Xml],
            Format::Rbxm => &[ModelFormat::Binary],
            Format::All => &[ModelFormat::Xml, ModelFormat::Binary],
        }
    }
}

/// What an export did.
#[derive(Debug)]
pub struct ExportReport {
    pub manifest: Manifest,
    /// Warnings the project still has; they did not stop the export.
    pub warnings: Vec<Diagnostic>,
}

/// Checks the project and generates every file, without writing anything.
pub fn plan(project: &Project) -> Result<(ExportPlan, Vec<Diagnostic>), ExportError> {
    let diagnostics = validate::check(project);
    if has_errors(&diagnostics) {
        return Err(ExportError::ProjectHasErrors(diagnostics));
    }
    let shipped = migration::as_exported(project);
    let project = &*shipped;
    let mut plan = ExportPlan::default();
    let server = Container::ServerScriptService;
    plan.add_script(
        server,
        &[DATA_MANAGER],
        "Config",
        ScriptKind::Module,
        luau::config::generate(project),
    );
    plan.add_script(
        server,
        &[DATA_MANAGER],
        "Types",
        ScriptKind::Module,
        luau::types::generate(project),
    );
    luau::runtime::add_runtime(&mut plan, project);
    luau::client::add_client_scripts(&mut plan, project);
    luau::data_status::add_client_script(&mut plan, project);

    let synced: Vec<&str> = plan.files.keys().map(String::as_str).collect();
    let project_json = rojo::project_json(&project.name, &synced);
    plan.add("default.project.json", project_json);
    plan.add("README.md", export_readme(project));
    Ok((plan, diagnostics))
}

/// [`plan`] in the given format: the Rojo folder, model files, or both.
/// Models hold the scripts of the Rojo plan, so they are made from it.
pub fn plan_format(
    project: &Project,
    format: Format,
) -> Result<(ExportPlan, Vec<Diagnostic>), ExportError> {
    let (mut plan, diagnostics) = plan(project)?;
    if format == Format::Rbxlx {
        let place = ExportPlan {
            files: [
                (
                    model::place_file_name(&project.name),
                    model::place_file(project, &plan.files)?,
                ),
                ("README.md".to_string(), place_readme(project).into_bytes()),
            ]
            .into(),
        };
        return Ok((place, diagnostics));
    }
    if format == Format::Plugin {
        let plugin = ExportPlan {
            files: [(
                model::plugin_file_name(&project.name),
                model::plugin_file(project, &plan.files)?,
            )]
            .into(),
        };
        return Ok((plugin, diagnostics));
    }
    let formats = format.model_formats();
    if formats.is_empty() {
        return Ok((plan, diagnostics));
    }
    let models = model::model_files(project, &plan.files, formats)?;
    let models_readme = model::models_readme(project, formats);
    if format == Format::All {
        let mut readme = plan.text("README.md").unwrap_or_default().to_string();
        readme.push('\n');
        readme.push_str(&models_readme);
        plan.add("README.md", readme);
    } else {
        plan = ExportPlan::default();
        plan.add(
            "README.md",
            format!(
                "# {}: exported by DataStore Designer\n\n{models_readme}",
                project.name
            ),
        );
    }
    plan.files.extend(models);
    Ok((plan, diagnostics))
}

/// Checks, generates and writes the export folder `out` atomically.
pub fn export(
    project: &Project,
    out: &Path,
    options: WriteOptions<'_>,
) -> Result<ExportReport, ExportError> {
    export_format(project, out, Format::Rojo, options)
}

/// [`export`] in the given format. For [`Format::Plugin`], `out` is the
/// folder the one plugin file goes into (made if missing), as in
/// [`install_plugin`]: other files there are left alone, and `options` do not
/// apply.
pub fn export_format(
    project: &Project,
    out: &Path,
    format: Format,
    options: WriteOptions<'_>,
) -> Result<ExportReport, ExportError> {
    if format == Format::Plugin {
        if out.exists() && !out.is_dir() {
            return Err(WriteError::NotAFolder {
                path: out.to_path_buf(),
            }
            .into());
        }
        std::fs::create_dir_all(out).map_err(|source| WriteError::Io {
            path: out.to_path_buf(),
            error: source,
        })?;
        return install_plugin(project, out).map(|installed| installed.report);
    }
    let (plan, warnings) = plan_format(project, format)?;
    let manifest = writer::write_folder(&project.name, &plan.files, out, options)?;
    Ok(ExportReport { manifest, warnings })
}

/// What [`install_plugin`] did.
#[derive(Debug)]
pub struct InstalledPlugin {
    /// The plugin file written.
    pub path: PathBuf,
    pub report: ExportReport,
}

/// Checks the project, makes its Studio plugin and writes it into `folder`
/// (Studio's plugins folder, see [`studio_plugins_folder`]) atomically,
/// replacing an earlier version of the same project's plugin and touching
/// nothing else there. Nothing is written on error.
pub fn install_plugin(project: &Project, folder: &Path) -> Result<InstalledPlugin, ExportError> {
    let (plan, warnings) = plan(project)?;
    let name = model::plugin_file_name(&project.name);
    let bytes = model::plugin_file(project, &plan.files)?;
    let path = install::write_plugin(folder, &name, &bytes)?;
    let manifest = Manifest {
        tool: "DataStore Designer".into(),
        tool_version: env!("CARGO_PKG_VERSION").into(),
        project: project.name.clone(),
        files: [(name, writer::hash_hex(&bytes))].into(),
    };
    Ok(InstalledPlugin {
        path,
        report: ExportReport { manifest, warnings },
    })
}

/// The README next to a place file: how to open it and what is where.
fn place_readme(project: &Project) -> String {
    let file = model::place_file_name(&project.name);
    let mut text = format!(
        "# {name}: exported by DataStore Designer\n\
         \n\
         `{file}` is a whole place for a new game: Studio's baseplate, a spawn location and every script of\n\
         the project already in its service. Change the project in DataStore Designer and export again rather\n\
         than editing the scripts in Studio: the next export writes them anew.\n\
         \n\
         ## Use it in Roblox Studio\n\
         \n\
         1. In Studio, choose File > Open from File... and pick `{file}`.\n\
         2. Choose File > Publish to Roblox to make it a game of yours (DataStores only work in a published game).\n\
         3. In Game Settings > Security, turn on \"Enable Studio Access to API Services\" to test saving in Studio.\n\
         \n\
         ## What is where\n\
         \n\
         - ServerScriptService > {dm}: the data manager, with its Config (the save policy, defaults, limits and\n  \
           leaderboards) and Types modules, and the Script that starts it.\n\
         - StarterPlayer > StarterPlayerScripts: the LocalScripts that show each player their leaderboards and\n  \
           \"Loading your data...\"; they make the GUIs when a player joins, so StarterGui stays empty.\n\
         - ReplicatedStorage: what the server and the players' scripts share.\n",
        name = project.name,
        dm = DATA_MANAGER,
    );
    let parts: Vec<&str> = project
        .leaderboards
        .iter()
        .filter_map(|b| match &b.display {
            Display::Surface { part, .. } => Some(part.as_str()),
            Display::Screen => None,
        })
        .collect();
    if !parts.is_empty() {
        text.push_str(&format!(
            "- Workspace: the part{} {} that show{} a leaderboard, in front of the spawn. Move or resize them\n  \
             freely, but keep their names.\n",
            if parts.len() == 1 { "" } else { "s" },
            parts.join(", "),
            if parts.len() == 1 { "s" } else { "" },
        ));
    }
    text.push('\n');
    text.push_str(&hooks_readme(project));
    text
}

/// The export README's sections for scripters: purchases, gifts, erasure and
/// the hooks, each with a short example that uses this project's names.
fn hooks_readme(project: &Project) -> String {
    let mut text = String::new();
    text.push_str("## Developer products\n\n");
    if project.products.is_empty() {
        text.push_str(
            "The project sells no developer products yet (add them on the Products page). DataManager still\n\
             answers Roblox's receipts: it owns `MarketplaceService.ProcessReceipt`.\n\n",
        );
    } else {
        text.push_str("DataManager grants these products when they are bought:\n\n");
        for product in &project.products {
            let grants: Vec<String> = product.grants.iter().map(|g| g.describe()).collect();
            text.push_str(&format!(
                "- {} (product id {}): {}\n",
                product.name,
                product.id,
                grants.join(", ")
            ));
        }
        text.push('\n');
    }
    text.push_str(
        "Each receipt is granted once, only into data that is loaded and will be saved, and Roblox hears\n\
         \"PurchaseGranted\" only after the save holding both the grant and the receipt's PurchaseId reached the\n\
         DataStore (the last 100 PurchaseIds are kept in each player's record). Until then Roblox offers the\n\
         receipt again, on whichever server the player is in, and it is never granted twice.\n\n\
         **Do not set `MarketplaceService.ProcessReceipt` in your own scripts**, and do not bind a\n\
         `DeveloperProduct` handler with `MarketplaceService:BindReceiptHandler`: a game answers each receipt in\n\
         one place, and yours would replace DataManager's (or be replaced by it). For a product the project does\n\
         not list, add a handler:\n\n\
         ```lua\n\
         local DataManager = require(game:GetService(\"ServerScriptService\").DataManager)\n\
         DataManager:OnProductPurchase(123456789, function(player, data, receipt)\n\
         \tdata.Coins += 1000 -- change `data`; return false to refuse for now. Do not wait in here.\n\
         end)\n\
         ```\n\n",
    );
    text.push_str("## Gifts\n\n");
    let gift = project
        .gifts
        .first()
        .map(|g| g.name.as_str())
        .unwrap_or("WelcomeBack");
    if project.gifts.is_empty() {
        text.push_str("The project defines no gifts yet (add them on the Gifts page).\n\n");
    } else {
        for g in &project.gifts {
            let grants: Vec<String> = g.grants.iter().map(|g| g.describe()).collect();
            text.push_str(&format!("- {}: {}\n", g.name, grants.join(", ")));
        }
        text.push('\n');
    }
    text.push_str(&format!(
        "Send one to any player who has played, online on any server or offline:\n\n\
         ```lua\n\
         local ok, giftIdOrError = DataManager:Gift(userId, \"{gift}\")\n\
         ```\n\n\
         It waits in their record and is applied exactly once: within seconds if they play now, else when they\n\
         next join. Each gift has its own id, so it can't apply twice.\n\n"
    ));
    text.push_str(
        "## Right to erasure\n\n\
         When Roblox sends a right-to-erasure request for a user, run in a server (the command bar of a live\n\
         server's developer console, or an admin tool):\n\n\
         ```lua\n\
         print(DataManager:Erase(userId)) -- true, or false and what is left to do\n\
         ```\n\n\
         It ends the player's session (here, or by asking the server they play on), then removes their record,\n\
         their backups and their entry in every leaderboard. Every write also names the user (UserIds), so\n\
         Roblox's own tools can find the keys. What to put in the Creator Dashboard's erasure templates:\n\n",
    );
    text.push_str(&crate::project::erasure::ErasureList::of(project).to_text());
    text.push_str(
        "\n## Hooks\n\n\
         ```lua\n\
         DataManager.Loaded:Connect(function(player, data) print(player.Name, \"has\", data) end)\n\
         -- Just before each save; may change data, must not wait.\n\
         DataManager.BeforeSave:Connect(function(player, data) end)\n\
         -- After the final save; saved is false if it did not reach the DataStore.\n\
         DataManager.Left:Connect(function(player, data, saved) end)\n\
         -- DataStores keep failing on this server (5 failed requests within 60 s), or work again (30 s without one).\n\
         DataManager.Outage:Connect(function(active) if active then print(\"saving is delayed\") end end)\n\
         -- A purchase or a gift was granted: source is \"Purchase\" or \"Gift\".\n\
         DataManager.Granted:Connect(function(player, source, name) end)\n\
         -- Saved data of anyone, without taking their lock (admin panels): data or nil, error.\n\
         local data, err = DataManager:Peek(userId)\n\
         ```\n\n",
    );
    text
}

/// What a play test in Studio does with data, in the project's Studio mode.
fn studio_readme(project: &Project) -> String {
    use crate::project::save_policy::{STUDIO_SUFFIX, StudioMode};
    match project.save_policy.studio {
        StudioMode::SeparateTestData => format!(
            "Play tests in Studio\n\
             load and save test data of their own, in DataStores named with `{STUDIO_SUFFIX}` after them (`{}{STUDIO_SUFFIX}`):\n\
             live players' data is never touched.",
            project.save_policy.datastore
        ),
        StudioMode::UseDataStores => "Play tests in Studio load and save\n\
             live players' data, so a test can change a real player's progress; \"Separate test data\" (Saving, In\n\
             Roblox Studio) keeps tests apart."
            .into(),
        StudioMode::LoadOnly => {
            "Play tests in Studio load live data\nbut never save it.".into()
        }
        StudioMode::Offline => "Play tests in Studio never use\nDataStores: everyone starts from the defaults.".into(),
    }
}

fn export_readme(project: &Project) -> String {
    format!(
        "# {name}: exported by DataStore Designer\n\
         \n\
         This folder holds what the DataStore Designer project \"{name}\" puts in a Roblox game: the data\n\
         manager that loads and saves each player's data, its settings, and the leaderboards and screens\n\
         players see. Change the project in DataStore Designer rather than these files: the next export\n\
         replaces them (and refuses to while files here were changed by hand).\n\
         \n\
         ## Four ways into Roblox Studio\n\
         \n\
         1. **Install into Studio (in the app)**, the easiest. In DataStore Designer, press Install into\n   \
            Studio: it adds a plugin holding this project to Roblox Studio. Open your game in Studio and press\n   \
            the plugin's button (Plugins tab): every script and GUI goes into its service. Pressing it again\n   \
            after a change replaces only what the last install put there, never your own scripts, and Ctrl+Z\n   \
            takes the whole install back.\n\
         2. **A place file, for a new game.** In DataStore Designer, pick \"New game place (.rbxlx)\" next to\n   \
            Export and export: one file with a baseplate, a spawn and every script already in its service.\n   \
            Open it in Studio with File > Open from File..., then File > Publish to Roblox.\n\
         3. **Model files, for a game you already have.** Pick \"Studio model (.rbxmx)\" and export. Drag the\n   \
            model into Studio's Explorer, then move what is in each of its folders into the service the folder\n   \
            is named after (the README next to the models lists them).\n\
         4. **Rojo, with Export on save**, if you already use Rojo 7 and its Studio plugin. In this folder run\n   \
            `rojo serve`, then press Connect in the Rojo plugin. Turn on \"Export on save\" next to Export in\n   \
            DataStore Designer: every Save exports to this folder again and Rojo brings the change into Studio\n   \
            at once. When the project has errors, or files here were changed by hand, the save still happens,\n   \
            this folder stays as it was and the app says why. Without the app,\n   \
            `datastore-designer export <project>.ron --out <this folder> --watch` exports again each time the\n   \
            project file changes. Rojo can also build a place file: `rojo build -o {file}.rbxlx`.\n\
         \n\
         Whichever way you pick: DataStores only work in a published game, and to test saving in Studio, turn\n\
         on \"Enable Studio Access to API Services\" in Game Settings > Security. {studio}\n\
         \n\
         ## What is where\n\
         \n\
         - `src/ServerScriptService/{dm}/Config.luau`: the save policy, defaults, limits and leaderboards.\n\
         - `src/ServerScriptService/{dm}/Types.luau`: the type of each player's data, for typed scripts.\n\
         - `src/StarterPlayer/StarterPlayerScripts/DataStatus/`: the LocalScript that shows each player \"Loading your data...\" and, when their data couldn't be loaded, that their progress isn't saved (`Config.luau` holds its GUI and messages).\n\
         \n\
         The data manager itself is the same for every project (it reads Config at run time):\n\
         \n\
         {runtime}\n\
         {hooks}\
         ## Types\n\
         \n\
         Every script here starts with `--!strict` and is made to pass Luau's strict type checker without an error\n\
         or a warning, with both of Luau's type solvers (DataStore Designer's tests check the export of every example\n\
         project with Luau's own checker). After you add or change scripts around it,\n\
         `datastore-designer check --luau .` in this folder runs the same check (in a build with the\n\
         `luau-typecheck` feature).\n\
         \n\
         To see the same in your editor with luau-lsp (Rojo installed, so it can make `sourcemap.json`):\n\
         \n\
         - `\"luau-lsp.platform.type\": \"roblox\"` and `\"luau-lsp.sourcemap.enabled\": true`, so requires of\n\
           `script.Parent.Config` and `game:GetService(\"ServerScriptService\").DataManager` have types;\n\
         - `\"luau-lsp.fflags.enableNewSolver\": true` for the new type solver (Studio's \"New Luau type solver\"),\n\
           or leave it out for the old one.\n\
         \n\
         luau-lsp brings its own declarations of Roblox's API: where they differ from the reflection data checked\n\
         against here, luau-lsp may report something this check does not.\n",
        name = project.name,
        runtime = luau::runtime::readme_lines(),
        hooks = hooks_readme(project),
        studio = studio_readme(project),
        dm = DATA_MANAGER,
        file = project
            .name
            .replace(|c: char| !c.is_ascii_alphanumeric(), "_"),
    )
}

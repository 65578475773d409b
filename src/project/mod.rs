//! The project document: everything a designer makes, as plain data saved in
//! RON. No UI and no generated code live here; validation does.

pub mod budget;
pub mod calendar;
pub mod classes;
pub mod commerce;
pub mod data_status;
pub mod diagnostics;
pub mod erasure;
pub mod examples;
pub mod file;
pub mod gui;
pub mod gui_addr;
pub mod leaderboard;
pub mod looks;
pub mod migration;
pub mod names;
pub mod number_kind;
pub mod periods;
pub mod save_policy;
pub mod schema;
pub mod surface;
pub mod validate;
pub mod words;

use serde::{Deserialize, Serialize};

pub use commerce::{Gift, Grant, Product};
pub use data_status::DataStatusGui;
pub use diagnostics::{Diagnostic, Severity};
pub use file::{LoadError, SaveError};
pub use gui::{GuiNode, PropValue, UDim};
pub use gui_addr::{GuiAddr, GuiPart};
pub use leaderboard::{Display, Leaderboard, NumberFormat, RankOrder, Tabs, YouRow};
pub use number_kind::NumberKind;
pub use periods::{Period, Ranking, Weekday};
pub use save_policy::SavePolicy;
pub use schema::{Change, Conversion, Field, FieldType, PublishedSchema, Schema, Value};

/// Version of the project file format this build reads and writes.
pub const FORMAT_VERSION: u32 = 1;

/// A DataStore Designer project.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Project {
    /// Version of the file format, so older files can be upgraded on load.
    pub format_version: u32,
    /// The game's name, shown in the app and in generated file headers.
    pub name: String,
    /// The player data as it is now.
    pub schema: Schema,
    /// Earlier published schema versions, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub history: Vec<PublishedSchema>,
    pub save_policy: SavePolicy,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub leaderboards: Vec<Leaderboard>,
    /// What players see while their data loads or when it won't be saved.
    /// Left out of the file while it is the default design.
    #[serde(default, skip_serializing_if = "DataStatusGui::is_default")]
    pub data_status: DataStatusGui,
    /// Developer products the game sells and what each grants.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub products: Vec<Product>,
    /// Gifts the game's team can send a player, online or offline.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub gifts: Vec<Gift>,
}

impl Project {
    /// An empty project with the default save policy.
    pub fn new(name: impl Into<String>) -> Self {
        Project {
            format_version: FORMAT_VERSION,
            name: name.into(),
            schema: Schema {
                version: 1,
                fields: Vec::new(),
                changes: Vec::new(),
            },
            history: Vec::new(),
            save_policy: SavePolicy::default(),
            leaderboards: Vec::new(),
            data_status: DataStatusGui::default(),
            products: Vec::new(),
            gifts: Vec::new(),
        }
    }

    /// A top-level field by name.
    pub fn field(&self, name: &str) -> Option<&Field> {
        self.schema.fields.iter().find(|f| f.name == name)
    }

    pub fn leaderboard(&self, name: &str) -> Option<&Leaderboard> {
        self.leaderboards.iter().find(|l| l.name == name)
    }

    pub fn product(&self, id: u64) -> Option<&Product> {
        self.products.iter().find(|p| p.id == id)
    }

    pub fn gift(&self, name: &str) -> Option<&Gift> {
        self.gifts.iter().find(|g| g.name == name)
    }

    /// The published schema version just before the current one, if any.
    pub fn previous_schema(&self) -> Option<&PublishedSchema> {
        self.history.last()
    }
}

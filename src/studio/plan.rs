//! The files of an export before any is written: a map of Rojo paths to
//! contents. Generators add to it and never see the pipeline that calls
//! them (the export module), which hands the finished plan to the writer.

use std::collections::BTreeMap;

use super::rojo::{self, Container, ScriptKind};

/// Folder (below ServerScriptService) that holds the data manager.
pub const DATA_MANAGER: &str = "DataManager";

/// Every file an export writes, by relative path, before any is written.
#[derive(Debug, Default, Clone)]
pub struct ExportPlan {
    pub files: BTreeMap<String, Vec<u8>>,
}

impl ExportPlan {
    pub fn add(&mut self, path: impl Into<String>, contents: impl Into<Vec<u8>>) {
        self.files.insert(path.into(), contents.into());
    }

    /// Adds a Luau script where Rojo will turn it into the right instance.
    pub fn add_script(
        &mut self,
        container: Container,
        folders: &[&str],
        name: &str,
        kind: ScriptKind,
        source: String,
    ) {
        self.add(rojo::script_path(container, folders, name, kind), source);
    }

    /// The text of a planned file, if it is text.
    pub fn text(&self, path: &str) -> Option<&str> {
        self.files
            .get(path)
            .and_then(|b| std::str::from_utf8(b).ok())
    }
}

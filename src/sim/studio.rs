//! Roblox Studio's plugin side, for testing the plugin DataStore Designer
//! exports: a plugin model is loaded as Studio loads a local plugin (each
//! enabled Script runs with the `plugin` global), the place is then in edit
//! mode, toolbar buttons can be clicked from Rust, and
//! ChangeHistoryService's recordings can be undone.
//!
//! Emulated: `plugin:CreateToolbar`, `PluginToolbar:CreateButton` (with its
//! Click event), `plugin:CreateDockWidgetPluginGui` with
//! `DockWidgetPluginGuiInfo.new`, and ChangeHistoryService's
//! TryBeginRecording, FinishRecording (Commit, Append, Cancel),
//! IsRecordingInProgress, GetCanUndo and Undo (one recording is one undo
//! step that puts back the whole tree as it was when the recording began).

use mlua::{Function, Table, Value};
use rbx_dom_weak::{Instance, WeakDom};
use rbx_types::Variant;

use super::SimError;
use super::server::Server;

/// A dock widget a plugin made.
#[derive(Debug, Clone, PartialEq)]
pub struct PluginWidget {
    pub id: String,
    pub title: String,
    /// Whether it is shown.
    pub enabled: bool,
    /// The Text of every TextLabel in it, one per line.
    pub text: String,
}

impl Server {
    /// Loads a plugin model file (.rbxmx or .rbxm) as Studio loads a local
    /// plugin: its instances stay outside the place, and each enabled Script
    /// in it runs with `plugin` set. Returns how many Scripts started. One
    /// plugin at a time: loading another replaces the one before (its
    /// toolbar buttons and widgets go), as when Studio reloads a changed file.
    pub fn load_plugin(&self, bytes: &[u8]) -> Result<usize, SimError> {
        let dom = if bytes.starts_with(b"<roblox!") {
            rbx_binary::from_reader(bytes).map_err(|e| SimError::Other(e.to_string()))?
        } else {
            rbx_xml::from_reader_default(bytes).map_err(|e| SimError::Other(e.to_string()))?
        };
        let loader = ModelLoader {
            server: self,
            dom: &dom,
            make: self.entry.get("make")?,
            set: self
                .lua
                .load("return function(i, k, v) i[k] = v end")
                .eval()?,
            set_attribute: self
                .lua
                .load("return function(i, k, v) i:SetAttribute(k, v) end")
                .eval()?,
        };
        let roots = self.lua.create_table()?;
        for child in dom.root().children() {
            roots.push(loader.build(*child, Value::Nil)?)?;
        }
        let n: usize = self.entry.get::<Function>("load_plugin")?.call(roots)?;
        self.pump();
        Ok(n)
    }

    fn lua_value(&self, value: &Variant) -> Option<Value> {
        Some(match value {
            Variant::Bool(b) => Value::Boolean(*b),
            Variant::Int32(i) => Value::Integer((*i).into()),
            Variant::Int64(i) => Value::Integer(*i),
            Variant::Float32(f) => Value::Number(f64::from(*f)),
            Variant::Float64(f) => Value::Number(*f),
            Variant::String(s) => Value::String(self.lua.create_string(s).ok()?),
            // Attributes read from a file hold their strings as bytes.
            Variant::BinaryString(s) => {
                Value::String(self.lua.create_string(AsRef::<[u8]>::as_ref(s)).ok()?)
            }
            _ => return None,
        })
    }

    /// Clicks the plugin toolbar button with this id (the first argument of
    /// CreateButton), then runs what is due. False if no plugin made one.
    pub fn click_plugin_button(&self, id: &str) -> Result<bool, SimError> {
        let clicked: bool = self
            .entry
            .get::<Function>("click_plugin_button")?
            .call(id)?;
        self.pump();
        Ok(clicked)
    }

    /// The dock widgets plugins made, in the order they were made.
    pub fn plugin_widgets(&self) -> Result<Vec<PluginWidget>, SimError> {
        let list: Table = self.entry.get::<Function>("plugin_widgets")?.call(())?;
        let mut out = Vec::new();
        for entry in list.sequence_values::<Table>() {
            let entry = entry?;
            out.push(PluginWidget {
                id: entry.get("id")?,
                title: entry.get("title")?,
                enabled: entry.get("enabled")?,
                text: entry.get("text")?,
            });
        }
        Ok(out)
    }

    /// Edit > Undo: ChangeHistoryService:Undo().
    pub fn undo(&self) -> Result<(), SimError> {
        self.entry.get::<Function>("undo")?.call::<()>(())?;
        self.pump();
        Ok(())
    }
}

/// Makes a model file's instances in the emulator, with the properties and
/// attributes it can hold.
struct ModelLoader<'a> {
    server: &'a Server,
    dom: &'a WeakDom,
    make: Function,
    set: Function,
    set_attribute: Function,
}

impl ModelLoader<'_> {
    fn build(&self, at: rbx_types::Ref, parent: Value) -> Result<Value, SimError> {
        let Some(instance) = self.dom.get_by_ref(at) else {
            return Ok(Value::Nil);
        };
        let source = match instance.properties.get(&rbx_dom_weak::ustr("Source")) {
            Some(Variant::String(s)) => Some(s.clone()),
            _ => None,
        };
        let made: Value = self.make.call((
            instance.class.as_str(),
            instance.name.as_str(),
            parent,
            source,
        ))?;
        self.set_properties(&made, instance)?;
        for child in instance.children() {
            self.build(*child, made.clone())?;
        }
        Ok(made)
    }

    fn set_properties(&self, made: &Value, instance: &Instance) -> Result<(), SimError> {
        let path = || format!("{}.{}", instance.class, instance.name);
        for (key, value) in &instance.properties {
            let key = key.as_str();
            if key == "Source" {
                continue;
            }
            if let Variant::Attributes(attributes) = value {
                for (name, value) in attributes.iter() {
                    let value = self.server.lua_value(value).ok_or_else(|| {
                        SimError::Other(format!(
                            "{}: the emulator can't hold the attribute {name} ({:?})",
                            path(),
                            value.ty()
                        ))
                    })?;
                    self.set_attribute
                        .call::<()>((made.clone(), name.as_str(), value))?;
                }
                continue;
            }
            let lua_value = self.server.lua_value(value).ok_or_else(|| {
                SimError::Other(format!(
                    "{}: the emulator can't hold the property {key} ({:?})",
                    path(),
                    value.ty()
                ))
            })?;
            self.set.call::<()>((made.clone(), key, lua_value))?;
        }
        Ok(())
    }
}

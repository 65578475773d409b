//! GUI support in the emulator: the designer's class table (classes,
//! properties, kinds) and the enums it uses are handed to the Luau runtime
//! at VM creation, so `Instance.new("Frame")` and every property assignment
//! are checked like Roblox checks them; a local player (the emulated
//! client) can run LocalScripts, receive RemoteEvent fires and build GUIs,
//! which Rust reads back as [`GuiNode`] trees with typed properties.
//!
//! Instance.new defaults are Roblox's (the reflection database's defaults),
//! not Studio's (the class table's), as in game; read-back also lists the
//! class-table properties a script never set.

use mlua::{Function, Lua, Table, Value};
use serde_json::Value as Json;

use super::SimError;
use super::server::Server;
use super::value::json_to_lua;
use crate::project::classes::{self, ENUMS};
use crate::project::gui::{
    ColorKey, FontStyle, FontWeight, GuiNode, NumberKey, PropKind, PropValue, UDim,
};
use crate::studio::model;

/// Enums beyond the class table's that client code uses.
const EXTRA_ENUMS: &[&str] = &["FontWeight", "FontStyle", "ThumbnailType", "ThumbnailSize"];

/// A GUI read back from the emulator.
#[derive(Debug, Clone, PartialEq)]
pub struct GuiSnapshot {
    /// Every instance with every class-table property (instances of other
    /// classes come with none).
    pub tree: GuiNode,
    /// (slash-separated path of names from the root, property) of every
    /// class-table property no script assigned: it still has Instance.new's
    /// default.
    pub unset: Vec<(String, String)>,
}

fn kind_type(kind: PropKind) -> &'static str {
    match kind {
        PropKind::Bool => "boolean",
        PropKind::Int => "int",
        PropKind::Float => "number",
        PropKind::String => "string",
        PropKind::Content => "Content",
        PropKind::UDim => "UDim",
        PropKind::UDim2 => "UDim2",
        PropKind::Vector2 => "Vector2",
        PropKind::Color3 => "Color3",
        PropKind::Font => "Font",
        PropKind::Enum => "Enum",
        PropKind::ColorSequence => "ColorSequence",
        PropKind::NumberSequence => "NumberSequence",
    }
}

fn style_name(style: FontStyle) -> &'static str {
    match style {
        FontStyle::Normal => "Normal",
        FontStyle::Italic => "Italic",
    }
}

/// A class-table value in the encoding runtime.luau decodes.
fn encode(lua: &Lua, value: &PropValue) -> mlua::Result<Value> {
    let list = |items: Vec<Value>| -> mlua::Result<Value> {
        let t = lua.create_table()?;
        for (i, v) in items.into_iter().enumerate() {
            t.raw_set(i + 1, v)?;
        }
        Ok(Value::Table(t))
    };
    let n = |x: f64| Value::Number(x);
    let s = |text: &str| lua.create_string(text).map(Value::String);
    Ok(match value {
        PropValue::Bool(b) => Value::Boolean(*b),
        PropValue::Int(i) => n(*i as f64),
        PropValue::Float(f) => n(f64::from(*f)),
        PropValue::String(text) | PropValue::Content(text) => s(text)?,
        PropValue::UDim(u) => list(vec![n(f64::from(u.0)), n(f64::from(u.1))])?,
        PropValue::UDim2(x, y) => list(vec![
            n(f64::from(x.0)),
            n(f64::from(x.1)),
            n(f64::from(y.0)),
            n(f64::from(y.1)),
        ])?,
        PropValue::Vector2(x, y) => list(vec![n(f64::from(*x)), n(f64::from(*y))])?,
        PropValue::Color3(r, g, b) => {
            list(vec![n(f64::from(*r)), n(f64::from(*g)), n(f64::from(*b))])?
        }
        PropValue::Font {
            family,
            weight,
            style,
        } => list(vec![s(family)?, s(weight.name())?, s(style_name(*style))?])?,
        PropValue::Enum(_, item) => s(item)?,
        // Flat lists: time, red, green, blue (0-255) per keypoint; time,
        // value per keypoint.
        PropValue::ColorSequence(keys) => list(
            keys.iter()
                .flat_map(|k| {
                    let (r, g, b) = k.1;
                    [f64::from(k.0), f64::from(r), f64::from(g), f64::from(b)]
                })
                .map(n)
                .collect(),
        )?,
        PropValue::NumberSequence(keys) => list(
            keys.iter()
                .flat_map(|k| [f64::from(k.0), f64::from(k.1)])
                .map(n)
                .collect(),
        )?,
    })
}

/// The value Instance.new gives a property: the reflection database's
/// default when it is of the table's kind, else the table's default.
fn new_default(class: &str, prop: &classes::PropertyInfo) -> PropValue {
    let from_db = model::property_descriptor(class, prop.name).and_then(|d| {
        let variant = model::database_default(class, prop.name)?;
        model::from_variant(variant, Some(&d.data_type)).ok()
    });
    match from_db {
        Some(v) if v.kind() == prop.kind => v,
        _ => prop.default.clone(),
    }
}

/// Items of an enum with Roblox's values, in value order.
fn enum_items(name: &str) -> Vec<(String, u32)> {
    if let Some(e) = model::database().enums.get(name) {
        let mut items: Vec<(String, u32)> =
            e.items.iter().map(|(k, v)| (k.to_string(), *v)).collect();
        items.sort_by_key(|(k, v)| (*v, k.clone()));
        return items;
    }
    let fallback: Vec<&str> = match name {
        "FontWeight" => {
            return FontWeight::ALL
                .iter()
                .map(|w| (w.name().to_string(), u32::from(w.value())))
                .collect();
        }
        "FontStyle" => vec!["Normal", "Italic"],
        "ThumbnailType" => vec!["HeadShot", "AvatarBust", "AvatarThumbnail"],
        "ThumbnailSize" => vec![
            "Size48x48",
            "Size180x180",
            "Size420x420",
            "Size60x60",
            "Size100x100",
            "Size150x150",
            "Size352x352",
        ],
        other => classes::enum_items(other)
            .map(<[&str]>::to_vec)
            .unwrap_or_default(),
    };
    fallback
        .into_iter()
        .enumerate()
        .map(|(i, k)| (k.to_string(), i as u32))
        .collect()
}

/// Sets `host.gui_classes` and `host.enums` for runtime.luau.
pub(crate) fn add_host_data(lua: &Lua, host: &Table) -> mlua::Result<()> {
    let enums = lua.create_table()?;
    let names = ENUMS
        .iter()
        .map(|(n, _)| *n)
        .chain(EXTRA_ENUMS.iter().copied());
    for name in names {
        let e = lua.create_table()?;
        e.set("name", name)?;
        let items = lua.create_table()?;
        for (item, value) in enum_items(name) {
            let pair = lua.create_table()?;
            pair.raw_set(1, item)?;
            pair.raw_set(2, value)?;
            items.push(pair)?;
        }
        e.set("items", items)?;
        enums.push(e)?;
    }
    host.set("enums", enums)?;

    let list = lua.create_table()?;
    for (name, info) in classes::classes() {
        let c = lua.create_table()?;
        c.set("name", *name)?;
        c.set("isGuiObject", info.is_gui_object)?;
        c.set("isRoot", info.is_root)?;
        let props = lua.create_table()?;
        for p in &info.properties {
            let t = lua.create_table()?;
            t.set("name", p.name)?;
            t.set("kind", kind_type(p.kind))?;
            t.set("type", kind_type(p.kind))?;
            t.set("enumType", p.enum_type)?;
            t.set("default", encode(lua, &new_default(name, p))?)?;
            props.push(t)?;
        }
        c.set("props", props)?;
        list.push(c)?;
    }
    host.set("gui_classes", list)
}

fn num(v: &Value) -> f64 {
    match v {
        Value::Integer(i) => *i as f64,
        Value::Number(n) => *n,
        _ => f64::NAN,
    }
}

fn part(t: &Table, i: usize) -> f64 {
    t.raw_get::<Value>(i).map(|v| num(&v)).unwrap_or(f64::NAN)
}

fn color_part(c: f64) -> u8 {
    (c.clamp(0.0, 1.0) * 255.0).round() as u8
}

/// A property value read back from the encoding of `entry.snapshot`.
fn decode(prop: &classes::PropertyInfo, v: &Value) -> Result<PropValue, String> {
    let bad = || format!("{}: cannot read {v:?} as {:?}", prop.name, prop.kind);
    let table = || match v {
        Value::Table(t) => Ok(t.clone()),
        _ => Err(bad()),
    };
    let string = |v: &Value| match v {
        Value::String(s) => Ok(s.to_string_lossy()),
        _ => Err(bad()),
    };
    let udim = |t: &Table, i: usize| UDim(part(t, i) as f32, part(t, i + 1).round() as i32);
    Ok(match prop.kind {
        PropKind::Bool => match v {
            Value::Boolean(b) => PropValue::Bool(*b),
            _ => return Err(bad()),
        },
        PropKind::Int => PropValue::Int(num(v).round() as i64),
        PropKind::Float => PropValue::Float(num(v) as f32),
        PropKind::String => PropValue::String(string(v)?),
        PropKind::Content => PropValue::Content(string(v)?),
        PropKind::UDim => PropValue::UDim(udim(&table()?, 1)),
        PropKind::UDim2 => {
            let t = table()?;
            PropValue::UDim2(udim(&t, 1), udim(&t, 3))
        }
        PropKind::Vector2 => {
            let t = table()?;
            PropValue::Vector2(part(&t, 1) as f32, part(&t, 2) as f32)
        }
        PropKind::Color3 => {
            let t = table()?;
            PropValue::Color3(
                color_part(part(&t, 1)),
                color_part(part(&t, 2)),
                color_part(part(&t, 3)),
            )
        }
        PropKind::Font => {
            let t = table()?;
            let family = string(&t.raw_get(1).map_err(|_| bad())?)?;
            let weight_name = string(&t.raw_get(2).map_err(|_| bad())?)?;
            let style_name = string(&t.raw_get(3).map_err(|_| bad())?)?;
            PropValue::Font {
                family,
                weight: FontWeight::ALL
                    .into_iter()
                    .find(|w| w.name() == weight_name)
                    .ok_or_else(bad)?,
                style: if style_name == "Italic" {
                    FontStyle::Italic
                } else {
                    FontStyle::Normal
                },
            }
        }
        PropKind::Enum => {
            PropValue::Enum(prop.enum_type.unwrap_or_default().to_string(), string(v)?)
        }
        // Read back as the runtime encodes them: colour parts 0..1.
        PropKind::ColorSequence => {
            let t = table()?;
            let len = t.raw_len();
            PropValue::ColorSequence(
                (1..=len)
                    .step_by(4)
                    .map(|i| {
                        ColorKey(
                            part(&t, i) as f32,
                            (
                                color_part(part(&t, i + 1)),
                                color_part(part(&t, i + 2)),
                                color_part(part(&t, i + 3)),
                            ),
                        )
                    })
                    .collect(),
            )
        }
        PropKind::NumberSequence => {
            let t = table()?;
            let len = t.raw_len();
            PropValue::NumberSequence(
                (1..=len)
                    .step_by(2)
                    .map(|i| NumberKey(part(&t, i) as f32, part(&t, i + 1) as f32))
                    .collect(),
            )
        }
    })
}

fn read_snapshot(
    t: &Table,
    path: &str,
    unset: &mut Vec<(String, String)>,
) -> Result<GuiNode, SimError> {
    let class: String = t.get("class")?;
    let name: String = t.get("name")?;
    let path = if path.is_empty() {
        name.clone()
    } else {
        format!("{path}/{name}")
    };
    let mut node = GuiNode::new(class.clone(), name);
    if let Some(info) = classes::class(&class) {
        let props: Table = t.get("props")?;
        for p in &info.properties {
            let v: Value = props.get(p.name)?;
            let value = decode(p, &v).map_err(|e| SimError::Other(format!("{path}.{e}")))?;
            node.properties.insert(p.name.to_string(), value);
        }
    }
    let never: Table = t.get("unset")?;
    for p in never.sequence_values::<String>() {
        unset.push((path.clone(), p?));
    }
    let children: Table = t.get("children")?;
    for child in children.sequence_values::<Table>() {
        node.children.push(read_snapshot(&child?, &path, unset)?);
    }
    Ok(node)
}

impl Server {
    fn entry_fn(&self, name: &str) -> Result<Function, SimError> {
        Ok(self.entry.get::<Function>(name)?)
    }

    /// A player joins as the local player of this VM (the emulated client):
    /// `Players.LocalPlayer`, with a PlayerGui and PlayerScripts. The VM
    /// stays a server too, so server scripts and LocalScripts can run side
    /// by side; RemoteEvent `FireClient` / `FireAllClients` reach the local
    /// player's `OnClientEvent`.
    pub fn join_as_local_player(
        &self,
        user_id: i64,
        name: &str,
        display: &str,
    ) -> Result<(), SimError> {
        self.join_inner(user_id, name, display, true)
    }

    /// Copies every LocalScript of StarterPlayer.StarterPlayerScripts into
    /// the local player's PlayerScripts and runs it, as Roblox does when the
    /// player joins. Returns how many ran.
    pub fn run_local_scripts(&self) -> Result<usize, SimError> {
        let n: usize = self.entry_fn("run_local_scripts")?.call(())?;
        self.pump();
        Ok(n)
    }

    /// Runs `source` as a LocalScript of the local player.
    pub fn run_local_script(&self, name: &str, source: &str) -> Result<(), SimError> {
        self.entry_fn("run_local_script")?
            .call::<Value>((name, source))?;
        self.pump();
        Ok(())
    }

    fn find(&self, path: &str) -> Result<Value, SimError> {
        let names: Vec<&str> = path.split('.').filter(|p| !p.is_empty()).collect();
        let inst: Value = self.entry_fn("find")?.call(names)?;
        if inst.is_nil() {
            return Err(SimError::Other(format!("no instance at {path}")));
        }
        Ok(inst)
    }

    /// The server fires the RemoteEvent at `path` (dot-separated from
    /// `game`) to the local player with `payload` as its one argument: the
    /// local player's `OnClientEvent` fires (queued until a script listens,
    /// like Roblox).
    pub fn fire_client_event(&self, path: &str, payload: &Json) -> Result<(), SimError> {
        let remote = self.find(path)?;
        let value = json_to_lua(&self.lua, payload)?;
        self.entry_fn("fire_client")?.call::<()>((remote, value))?;
        self.pump();
        Ok(())
    }

    /// The local player presses the GuiButton at `path` (names below their
    /// PlayerGui, dot-separated): its Activated and MouseButton1Click fire.
    pub fn press_gui_button(&self, path: &str) -> Result<(), SimError> {
        let names: Vec<&str> = path.split('.').filter(|p| !p.is_empty()).collect();
        let found: bool = self.entry_fn("press")?.call(names)?;
        if !found {
            return Err(SimError::Other(format!("no button at PlayerGui.{path}")));
        }
        self.pump();
        Ok(())
    }

    /// The instance tree at `path` (dot-separated from `game`), read back.
    pub fn read_gui(&self, path: &str) -> Result<GuiSnapshot, SimError> {
        let inst = self.find(path)?;
        self.snapshot(inst)
    }

    /// A child of the local player's PlayerGui, read back.
    pub fn read_player_gui(&self, name: &str) -> Result<GuiSnapshot, SimError> {
        let gui: Value = self.entry_fn("local_player_gui")?.call(())?;
        let find: Function = self
            .lua
            .load("return function(p, n) return p:FindFirstChild(n) end")
            .eval()?;
        let inst: Value = find.call((gui, name))?;
        if inst.is_nil() {
            return Err(SimError::Other(format!(
                "no {name} in the local player's PlayerGui"
            )));
        }
        self.snapshot(inst)
    }

    /// Names of the children of the local player's PlayerGui.
    pub fn player_gui_children(&self) -> Result<Vec<String>, SimError> {
        let gui: Value = self.entry_fn("local_player_gui")?.call(())?;
        let names: Function = self
            .lua
            .load("return function(p) local out = {} for _, c in p:GetChildren() do table.insert(out, c.Name) end return out end")
            .eval()?;
        Ok(names.call(gui)?)
    }

    fn snapshot(&self, inst: Value) -> Result<GuiSnapshot, SimError> {
        let t: Table = self.entry_fn("snapshot")?.call(inst)?;
        let mut unset = Vec::new();
        let tree = read_snapshot(&t, "", &mut unset)?;
        Ok(GuiSnapshot { tree, unset })
    }
}

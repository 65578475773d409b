//! The simulated game's scripts: what a game's own server code would do with
//! the DataManager API (listen to its signals, change data, ask for saves),
//! plus one measuring tap on RecordStore.save for save latency. The exported
//! files themselves are loaded unmodified.

use crate::project::{FieldType, Project};

/// The fields the simulated game changes, chosen from the project's schema.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Tracked {
    /// A whole-number field every change adds 1 to.
    pub counter: Option<String>,
    pub counter_max: Option<f64>,
    /// A list field purchases append new item ids to.
    pub items: Option<String>,
    pub items_are_text: bool,
    pub max_items: Option<u32>,
    /// Item ids start above this, clear of anything saved before the test
    /// (old saves hold small numbers), so only the test's own items are checked.
    pub item_base: i64,
}

impl Tracked {
    /// Picks the counter and the item list, and says in `notes` what was picked.
    pub(super) fn choose(project: &Project, notes: &mut Vec<String>) -> Tracked {
        Tracked::choose_among(project, &[], true, notes)
    }

    /// For a game that sells developer products instead of items: only a
    /// counter, and not one of `avoid` (the fields purchases and gifts grant
    /// into, whose totals are checked on their own).
    pub(super) fn choose_avoiding(
        project: &Project,
        avoid: &[&str],
        notes: &mut Vec<String>,
    ) -> Tracked {
        Tracked::choose_among(project, avoid, false, notes)
    }

    fn choose_among(
        project: &Project,
        avoid: &[&str],
        with_items: bool,
        notes: &mut Vec<String>,
    ) -> Tracked {
        let saved = || {
            project
                .schema
                .fields
                .iter()
                .filter(|f| f.saved && !avoid.contains(&f.name.as_str()))
        };
        let roomy = |max: Option<f64>| max.is_none_or(|m| m >= 1e6);
        let counter = saved()
            .filter(|f| f.ty == FieldType::Integer && roomy(f.max))
            .chain(saved().filter(|f| f.ty == FieldType::Integer))
            .chain(saved().filter(|f| f.ty == FieldType::Number && roomy(f.max)))
            .next();
        let items = saved()
            .filter(|f| {
                matches!(&f.ty, FieldType::List(item)
                    if matches!(**item, FieldType::Integer | FieldType::Number | FieldType::String))
            })
            .max_by_key(|f| f.max_items.unwrap_or(u32::MAX))
            .filter(|_| with_items);
        match counter {
            Some(f) => notes.push(format!(
                "Every change the simulated players make adds 1 to {}, so an older save coming back shows as {} going down.",
                f.name, f.name
            )),
            None => notes.push(
                "The data has no saved number field, so test play can't tell an older save from a newer one: lost saves are not checked."
                    .into(),
            ),
        }
        match items {
            None if !with_items => {}
            Some(f) => notes.push(format!(
                "Purchases add a new item id to {}; an id stored twice is a duplicated item.",
                f.name
            )),
            None => notes.push(
                "The data has no list of numbers or text, so there are no purchases and duplicated items are not checked."
                    .into(),
            ),
        }
        Tracked {
            counter: counter.map(|f| f.name.clone()),
            counter_max: counter.and_then(|f| f.max),
            items: items.map(|f| f.name.clone()),
            items_are_text: items
                .is_some_and(|f| matches!(&f.ty, FieldType::List(i) if **i == FieldType::String)),
            max_items: items.and_then(|f| f.max_items),
            item_base: items
                .and_then(|f| Some((f.min.unwrap_or(0.0), f.max?)))
                .filter(|(_, max)| *max < 2_000_000.0)
                .map_or(1_000_000, |(min, max)| ((min + max) / 2.0).floor() as i64),
        }
    }

    /// The item as Luau stores it.
    pub(super) fn item_literal(&self, id: i64) -> String {
        if self.items_are_text {
            format!("\"item-{id}\"")
        } else {
            (self.item_base + id).to_string()
        }
    }

    /// Whether a stored item is one the test bought (not from an old save).
    pub(super) fn is_test_item(&self, item: &serde_json::Value) -> bool {
        match item {
            serde_json::Value::String(s) => s.starts_with("item-"),
            other => other.as_f64().is_some_and(|x| x > self.item_base as f64),
        }
    }
}

fn lua_string(s: &str) -> String {
    format!("{s:?}")
}

fn lua_opt_string(s: &Option<String>) -> String {
    s.as_deref().map_or("nil".into(), lua_string)
}

const HEADER: &str = r#"local SSS = game:GetService("ServerScriptService")
local DM = require(SSS.DataManager)
local HttpService = game:GetService("HttpService")
local Players = game:GetService("Players")
"#;

/// Installed once in each server after the export is loaded.
pub(super) fn install(tracked: &Tracked, want_loaded_data: bool) -> String {
    format!(
        r#"{HEADER}
local RS = require(SSS.DataManager.RecordStore)
local COUNTER = {counter}
local TP = {{ events = {{}} }}
DM.__testPlay = TP
local function push(e) table.insert(TP.events, e) end
local function progress(data)
    if COUNTER ~= nil and type(data) == "table" then
        return tonumber(data[COUNTER])
    end
    return nil
end
DM.Loaded:Connect(function(player, data)
    push({{ t = os.clock(), kind = "load", user = player.UserId, counter = progress(data),
        readOnly = DM:IsReadOnly(player), data = if {want} then HttpService:JSONEncode(data) else nil }})
end)
DM.Saved:Connect(function(player, reason)
    push({{ t = os.clock(), kind = "save", user = player.UserId, text = reason }})
end)
DM.Failed:Connect(function(player, what, message)
    push({{ t = os.clock(), kind = "failed", user = player.UserId, what = what, text = tostring(message) }})
end)
local save = RS.save
RS.save = function(userId, data, options)
    local started = os.clock()
    local status, message = save(userId, data, options)
    push({{ t = os.clock(), kind = "write", user = userId, text = status, seconds = os.clock() - started,
        counter = progress(data) }})
    return status, message
end
"#,
        counter = lua_opt_string(&tracked.counter),
        want = want_loaded_data,
    )
}

/// Returns (as JSON) the events since the last call.
pub(super) const DRAIN: &str = r#"local DM = require(game:GetService("ServerScriptService").DataManager)
local TP = DM.__testPlay
if TP == nil or #TP.events == 0 then
    return "[]"
end
local out = game:GetService("HttpService"):JSONEncode(TP.events)
TP.events = {}
return out
"#;

/// One change a player makes: earn (item None) or buy an item.
pub(super) struct Action {
    pub user: i64,
    pub item: Option<i64>,
}

/// Applies the actions through DataManager (AddTo<Field>, SetData) and
/// returns, as JSON, the accepted ones: [user, counter after, item or 0].
pub(super) fn act(tracked: &Tracked, actions: &[Action], save_after_buy: bool) -> String {
    let list: Vec<String> = actions
        .iter()
        .map(|a| match a.item {
            Some(id) if tracked.items.is_some() => {
                format!("{{{}, {}, {id}}}", a.user, tracked.item_literal(id))
            }
            _ => format!("{{{}, nil, 0}}", a.user),
        })
        .collect();
    format!(
        r#"{HEADER}
local COUNTER = {counter}
local COUNTER_MAX = {counter_max}
local ITEMS = {items}
local MAX_ITEMS = {max_items}
local accepted = {{}}
for _, a in {{ {list} }} do
    local player = Players:GetPlayerByUserId(a[1])
    if player == nil or not DM:IsLoaded(player) or DM:IsReadOnly(player) then
        continue
    end
    local current = DM:GetData(player)
    local item = a[2]
    if item ~= nil and (ITEMS == nil or #current[ITEMS] >= MAX_ITEMS) then
        item = nil
    end
    if COUNTER ~= nil and (tonumber(current[COUNTER]) or 0) + 1 > COUNTER_MAX then
        continue
    end
    -- The APIs a game's scripts use most: AddTo<Field> for a purchase, SetData for the rest.
    if item ~= nil and not DM["AddTo" .. ITEMS](DM, player, item) then
        item = nil
    end
    local after = if COUNTER ~= nil then tonumber(current[COUNTER]) or 0 else nil
    local changed = item ~= nil
    if after ~= nil and DM:SetData(player, COUNTER, after + 1) then
        after += 1
        changed = true
    end
    if changed then
        table.insert(accepted, {{ a[1], after or 0, if item ~= nil then a[3] else 0 }})
        if item ~= nil and {save_after_buy} then
            task.spawn(function()
                DM:Save(player)
            end)
        end
    end
end
return HttpService:JSONEncode(accepted)
"#,
        counter = lua_opt_string(&tracked.counter),
        counter_max = tracked
            .counter_max
            .map_or("math.huge".into(), |m| format!("{m}")),
        items = lua_opt_string(&tracked.items),
        max_items = tracked
            .max_items
            .map_or("math.huge".into(), |m| m.to_string()),
        list = list.join(", "),
    )
}

/// Sends a gift from a server the way a game's admin script would; the
/// answer comes back with the other probe events.
pub(super) fn gift(user: i64, name: &str) -> String {
    format!(
        r#"{HEADER}
task.spawn(function()
    local ok, result
    if type(DM.Gift) ~= "function" then
        ok, result = false, "DataManager has no Gift"
    else
        ok, result = DM:Gift({user}, {name})
    end
    table.insert(DM.__testPlay.events, {{ t = os.clock(), kind = "gift", user = {user},
        what = if ok then "ok" else "failed", text = tostring(result), data = {name} }})
end)
"#,
        name = lua_string(name),
    )
}

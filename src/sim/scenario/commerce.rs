//! The purchases scenario's judgement: every developer product receipt and
//! every gift, counted from Roblox's receipt ledger and the stored records
//! (meta.purchases, meta.gifts, meta.giftsApplied), not from what the data
//! layer says. The fields products and gifts grant into are checked too: what
//! a player has there must be what their stored purchases and gifts grant.

use std::collections::BTreeMap;

use serde_json::Value as Json;

use super::driver::Driver;
use super::{Event, EventKind};
use crate::project::{Grant, Project, Value};
use crate::sim::{ReceiptOutcome, ReceiptState};

/// A gift DataManager:Gift reported as sent.
#[derive(Debug, Clone)]
pub(super) struct GiftSent {
    pub user: i64,
    pub id: String,
    pub name: String,
}

/// Every top-level field a product or gift grants into.
pub(super) fn granted_fields(project: &Project) -> Vec<String> {
    let mut fields: Vec<String> = project
        .products
        .iter()
        .flat_map(|p| &p.grants)
        .chain(project.gifts.iter().flat_map(|g| &g.grants))
        .map(|g| g.field().to_string())
        .collect();
    fields.sort();
    fields.dedup();
    fields
}

/// What the scenario can and can't check for this project, in plain words.
pub(super) fn notes(project: &Project, notes: &mut Vec<String>) {
    if project.products.is_empty() {
        notes.push(
            "The project sells no developer products, so the players have nothing to buy: add products on the Products page to test them."
                .into(),
        );
    } else {
        let fields = granted_fields(project).join(", ");
        notes.push(format!(
            "Players buy the project's {} developer product(s) at random; the game's own earning stays out of what they grant ({fields}), so those fields must add up to the purchases and gifts stored.",
            project.products.len()
        ));
    }
    if project.gifts.is_empty() {
        notes.push(
            "The project defines no gifts, so no gifts are sent: add one on the Products page to test them."
                .into(),
        );
    }
}

/// The ids in a list of ids, or in the keys of a map of ids.
fn ids(v: &Json) -> Vec<String> {
    let text = |x: &Json| match x {
        Json::String(s) => Some(s.clone()),
        Json::Object(o) => o.get("id").and_then(Json::as_str).map(str::to_string),
        Json::Null => None,
        other => Some(other.to_string()),
    };
    match v {
        Json::Array(items) => items.iter().filter_map(text).collect(),
        Json::Object(map) => map.keys().cloned().collect(),
        _ => Vec::new(),
    }
}

fn count(list: &[String], id: &str) -> usize {
    list.iter().filter(|x| *x == id).count()
}

/// The default of a field as a number (its type's empty value when unset).
fn default_number(project: &Project, field: &str) -> f64 {
    match project
        .schema
        .fields
        .iter()
        .find(|f| f.name == field)
        .and_then(|f| f.default.as_ref())
    {
        Some(Value::Integer(i)) => *i as f64,
        Some(Value::Number(n)) => *n,
        _ => 0.0,
    }
}

fn same_item(stored: &Json, item: &Value) -> bool {
    match item {
        Value::Integer(i) => stored.as_f64() == Some(*i as f64),
        Value::Number(n) => stored.as_f64() == Some(*n),
        Value::String(s) => stored.as_str() == Some(s.as_str()),
        Value::Boolean(b) => stored.as_bool() == Some(*b),
        _ => false,
    }
}

/// The granted fields that don't hold what `grants`, each applied once to a
/// new player's defaults, add up to: (field, expected, actual).
fn check_totals(project: &Project, data: &Json, grants: &[&Grant]) -> Vec<(String, f64, f64)> {
    let mut adds: BTreeMap<&str, f64> = BTreeMap::new();
    let mut items: BTreeMap<(&str, String), (f64, &Value)> = BTreeMap::new();
    for g in project
        .products
        .iter()
        .flat_map(|p| &p.grants)
        .chain(project.gifts.iter().flat_map(|g| &g.grants))
    {
        // Every granted field is checked, including those nobody bought into.
        match g {
            Grant::Add { field, .. } => {
                adds.entry(field).or_insert(0.0);
            }
            Grant::AddItem { field, item, .. } => {
                items
                    .entry((field, format!("{item:?}")))
                    .or_insert((0.0, item));
            }
            Grant::Set { .. } => {}
        }
    }
    for g in grants {
        match g {
            Grant::Add { field, amount } => *adds.entry(field).or_insert(0.0) += amount,
            Grant::AddItem { field, item, count } => {
                items
                    .entry((field, format!("{item:?}")))
                    .or_insert((0.0, item))
                    .0 += f64::from(*count);
            }
            Grant::Set { .. } => {}
        }
    }
    let field_of = |name: &str| project.schema.fields.iter().find(|f| f.name == name);
    let mut wrong = Vec::new();
    for (field, sum) in adds {
        let expected = default_number(project, field) + sum;
        // A limit may have held the total back; that is not a lost grant.
        if field_of(field)
            .and_then(|f| f.max)
            .is_some_and(|m| expected > m)
        {
            continue;
        }
        let actual = data[field].as_f64().unwrap_or(0.0);
        if (actual - expected).abs() > 1e-6 {
            wrong.push((field.to_string(), expected, actual));
        }
    }
    for ((field, _), (n, item)) in items {
        let stored = data[field].as_array();
        let actual = stored.map_or(0, |l| l.iter().filter(|x| same_item(x, item)).count()) as f64;
        let defaults = match field_of(field).and_then(|f| f.default.as_ref()) {
            Some(Value::List(l)) => l.iter().filter(|x| *x == item).count() as f64,
            _ => 0.0,
        };
        let max_items = field_of(field).and_then(|f| f.max_items);
        let expected = defaults + n;
        if max_items.is_some_and(|m| stored.map_or(0, Vec::len) >= m as usize) {
            continue;
        }
        if (actual - expected).abs() > 1e-6 {
            wrong.push((
                format!("{field} (copies of {})", item_words(item)),
                expected,
                actual,
            ));
        }
    }
    wrong
}

fn item_words(item: &Value) -> String {
    match item {
        Value::Integer(i) => i.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => format!("\"{s}\""),
        Value::Boolean(b) => b.to_string(),
        other => other.kind_name().to_string(),
    }
}

/// Counts receipts and gifts into the verdict and adds their events.
pub(super) fn judge(d: &mut Driver<'_>) {
    let receipts = d.world.receipts();
    let backend = d.world.backend().clone();
    let v = &mut d.verdict;
    v.purchases.bought = receipts.len();
    v.purchases.deliveries = receipts.iter().map(|r| r.deliveries.len()).sum();
    v.gifts.sent = d.gifts_sent.len();
    for r in &receipts {
        for del in &r.deliveries {
            let answer = match &del.outcome {
                ReceiptOutcome::Running => "still running at the end".to_string(),
                ReceiptOutcome::PurchaseGranted => "PurchaseGranted".into(),
                ReceiptOutcome::NotProcessedYet => "NotProcessedYet".into(),
                ReceiptOutcome::NoDecision => "no decision (nil)".into(),
                ReceiptOutcome::Errored(e) => format!("an error: {e}"),
                ReceiptOutcome::NoCallback => "nothing: no ProcessReceipt is set".into(),
                ReceiptOutcome::ServerGone => "nothing: the server went down first".into(),
            };
            d.events.push(Event {
                time: del.time,
                kind: EventKind::Purchase,
                server: Some(del.server),
                player: Some(r.user_id),
                text: format!(
                    "receipt {} for product {} delivered; ProcessReceipt answered {answer}",
                    short(&r.purchase_id),
                    r.product_id
                ),
            });
        }
    }
    let unanswered = receipts
        .iter()
        .flat_map(|r| &r.deliveries)
        .all(|del| del.outcome == ReceiptOutcome::NoCallback);
    if !receipts.is_empty() && unanswered {
        d.notes.push(
            "No server set MarketplaceService.ProcessReceipt, so Roblox could give no purchase to the game: every receipt stayed pending."
                .into(),
        );
    }
    let mut players: Vec<i64> = d.players.iter().map(|p| p.id).collect();
    players.extend(receipts.iter().map(|r| r.user_id));
    players.extend(d.gifts_sent.iter().map(|g| g.user));
    players.sort_unstable();
    players.dedup();
    for user in players {
        let key = d.key(user);
        let record = backend
            .entry(&d.store, &d.scope, &key)
            .and_then(|e| e.value().cloned())
            .unwrap_or(Json::Null);
        let meta = &record["meta"];
        let purchased = ids(&meta["purchases"]);
        let applied = ids(&meta["giftsApplied"]);
        let waiting = ids(&meta["gifts"]);
        let mut grants: Vec<&Grant> = Vec::new();
        let mut unknown = false;
        for r in receipts.iter().filter(|r| r.user_id == user) {
            let n = count(&purchased, &r.purchase_id);
            let product = d.project.product(r.product_id as u64);
            match n {
                0 if r.state == ReceiptState::Granted => {
                    d.verdict.purchases.charged_and_lost += 1;
                    d.verdict.problems.push(format!(
                        "Player {user} paid for product {} (receipt {}): a server answered PurchaseGranted, but their stored data doesn't have it. They were charged and got nothing.",
                        r.product_id,
                        short(&r.purchase_id)
                    ));
                }
                0 => d.verdict.purchases.pending += 1,
                1 => d.verdict.purchases.granted_once += 1,
                _ => {
                    d.verdict.purchases.granted_twice += 1;
                    d.verdict.problems.push(format!(
                        "Player {user}'s purchase of product {} (receipt {}) is stored {n} times: it was granted more than once.",
                        r.product_id,
                        short(&r.purchase_id)
                    ));
                }
            }
            if let Some(p) = product {
                for _ in 0..n {
                    grants.extend(&p.grants);
                }
            }
        }
        // Purchase ids stored that Roblox never sent (a handler of the game's own) can't be totalled.
        unknown |= purchased
            .iter()
            .any(|id| !receipts.iter().any(|r| &r.purchase_id == id));
        for g in d.gifts_sent.iter().filter(|g| g.user == user) {
            let n = count(&applied, &g.id);
            match n {
                0 if count(&waiting, &g.id) > 0 => d.verdict.gifts.pending += 1,
                0 => {
                    d.verdict.gifts.lost += 1;
                    d.verdict.problems.push(format!(
                        "Gift {} ({}) to player {user} was reported sent but is neither waiting nor applied in their stored data: it was lost.",
                        g.name,
                        short(&g.id)
                    ));
                }
                1 => d.verdict.gifts.applied_once += 1,
                _ => {
                    d.verdict.gifts.applied_twice += 1;
                    d.verdict.problems.push(format!(
                        "Gift {} ({}) was applied {n} times to player {user}.",
                        g.name,
                        short(&g.id)
                    ));
                }
            }
            if let Some(gift) = d.project.gifts.iter().find(|x| x.name == g.name) {
                for _ in 0..n {
                    grants.extend(&gift.grants);
                }
            }
        }
        unknown |= applied
            .iter()
            .any(|id| !d.gifts_sent.iter().any(|g| &g.id == id));
        // A record a gift made for someone who never played has no data to total yet.
        if unknown || !record["data"].is_object() {
            continue;
        }
        let wrong = check_totals(d.project, &record["data"], &grants);
        if !wrong.is_empty() {
            d.verdict.grant_totals_wrong += 1;
            let list: Vec<String> = wrong
                .iter()
                .map(|(f, want, got)| {
                    format!("{f} is {got} where its purchases and gifts add up to {want}")
                })
                .collect();
            d.verdict.problems.push(format!(
                "Player {user}'s stored data doesn't add up: {}.",
                list.join("; ")
            ));
        }
    }
}

/// The start of an id, enough to tell receipts apart in a sentence.
fn short(id: &str) -> &str {
    id.get(..8).unwrap_or(id)
}

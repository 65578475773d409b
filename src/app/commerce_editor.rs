//! The Products and Gifts pages: what a player gets for each developer
//! product they buy and for each gift the team sends. Both are lists of
//! grants on saved fields, edited with the same rows.

use egui::{RichText, Ui};

use super::PanelCtx;
use super::edit::{Edit, unique_name};
use super::widgets::{self, explain};
use crate::project::{Field, FieldType, Gift, Grant, Product, Project, Value};

/// Where a list of grants lives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Owner {
    Product(usize),
    Gift(usize),
}

impl Owner {
    fn grants_mut(self, p: &mut Project) -> Option<&mut Vec<Grant>> {
        match self {
            Owner::Product(i) => p.products.get_mut(i).map(|x| &mut x.grants),
            Owner::Gift(i) => p.gifts.get_mut(i).map(|x| &mut x.grants),
        }
    }

    /// An edit of this owner's grants, found again by index when applied.
    fn edit(
        self,
        label: &str,
        session: Option<egui::Id>,
        change: impl FnOnce(&mut Vec<Grant>) + 'static,
    ) -> Edit {
        let edit = Edit::new(label, move |p| {
            if let Some(grants) = self.grants_mut(p) {
                change(grants)
            }
        });
        match session {
            Some(id) => edit.in_session(id),
            None => edit,
        }
    }
}

fn product_edit(
    i: usize,
    label: &str,
    session: Option<egui::Id>,
    change: impl FnOnce(&mut Product) + 'static,
) -> Edit {
    let edit = Edit::new(label, move |p| {
        if let Some(product) = p.products.get_mut(i) {
            change(product)
        }
    });
    match session {
        Some(id) => edit.in_session(id),
        None => edit,
    }
}

fn gift_edit(
    i: usize,
    label: &str,
    session: Option<egui::Id>,
    change: impl FnOnce(&mut Gift) + 'static,
) -> Edit {
    let edit = Edit::new(label, move |p| {
        if let Some(gift) = p.gifts.get_mut(i) {
            change(gift)
        }
    });
    match session {
        Some(id) => edit.in_session(id),
        None => edit,
    }
}

/// The path segment of a product or gift in diagnostics: its name, or
/// `#index` when it has none (as validation writes it).
fn segment(name: &str, index: usize) -> String {
    if name.is_empty() {
        format!("#{index}")
    } else {
        name.to_string()
    }
}

pub fn show_products(ui: &mut Ui, ctx: &mut PanelCtx<'_>) {
    let project = ctx.project;
    let mut edits = Vec::new();
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.heading("Products");
            explain(
                ui,
                "The developer products your game sells and what each one gives the player. Make each product on the Creator Dashboard (Monetization, Developer Products) and copy its id here. The export grants a purchase exactly once: only into a player's loaded data, and Roblox is told it succeeded only after the save that holds it.",
            );
            ui.add_space(8.0);
            if project.products.is_empty() {
                explain(ui, "No products yet.");
            }
            for (i, product) in project.products.iter().enumerate() {
                let path = format!("products/{}", segment(&product.name, i));
                card(ui, ("product", i), |ui| {
                    ui.horizontal(|ui| {
                        label(ui, "Name");
                        if let Some((v, id)) =
                            widgets::text(ui, &format!("Name of product {}", i + 1), &product.name, 180.0)
                        {
                            edits.push(product_edit(i, "rename a product", Some(id), move |p| p.name = v));
                        }
                        ui.add_space(12.0);
                        ui.label(RichText::new("Product id").strong());
                        let id_text = product.id.to_string();
                        if let Some((v, id)) =
                            widgets::text(ui, &format!("Product id of {}", product.name), &id_text, 150.0)
                        {
                            // Anything but digits is dropped; an empty id is 0, which the checks report.
                            let digits: String = v.chars().filter(char::is_ascii_digit).collect();
                            let id_value = digits.parse::<u64>().unwrap_or(if digits.is_empty() { 0 } else { u64::MAX });
                            edits.push(product_edit(i, "change a product id", Some(id), move |p| p.id = id_value));
                        }
                        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                            if ui
                                .button("🗑 Remove")
                                .on_hover_text(format!("Remove the product {} (you can undo this)", product.name))
                                .clicked()
                            {
                                edits.push(Edit::new(format!("remove product {}", product.name), move |p| {
                                    if i < p.products.len() {
                                        p.products.remove(i);
                                    }
                                }));
                            }
                        });
                    });
                    widgets::show_problems(ui, &own_problems(ctx, &path));
                    description(ui, &product.description, &format!("Description of {}", product.name), |v, id| {
                        edits.push(product_edit(i, "change a description", Some(id), move |p| p.description = v));
                    });
                    grants(ui, ctx, project, Owner::Product(i), &product.grants, &path, &mut edits);
                });
                ui.add_space(6.0);
            }
            if ui
                .button("➕ Add product")
                .on_hover_text("Add a developer product that gives 100 of a number field")
                .clicked()
            {
                edits.push(add_product(project));
            }
        });
    ctx.edits.extend(edits);
}

pub fn show_gifts(ui: &mut Ui, ctx: &mut PanelCtx<'_>) {
    let project = ctx.project;
    let mut edits = Vec::new();
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.heading("Gifts");
            explain(
                ui,
                "Things your team can send a player, whether they are playing or not: a welcome-back present, an apology after an outage, a prize. A script sends a gift by its name; the player gets it once, the next time their data loads, or within seconds if they are playing on any server.",
            );
            let example = project.gifts.first().map_or("WelcomeBack", |g| g.name.as_str());
            super::scripting_page::code(
                ui,
                &format!("-- In a server script, with the player's user id:\nlocal ok, giftId = DataManager:Gift(userId, \"{example}\")"),
            );
            ui.add_space(8.0);
            if project.gifts.is_empty() {
                explain(ui, "No gifts yet.");
            }
            for (i, gift) in project.gifts.iter().enumerate() {
                let path = format!("gifts/{}", segment(&gift.name, i));
                card(ui, ("gift", i), |ui| {
                    ui.horizontal(|ui| {
                        label(ui, "Name");
                        if let Some((v, id)) =
                            widgets::text(ui, &format!("Name of gift {}", i + 1), &gift.name, 180.0)
                        {
                            edits.push(gift_edit(i, "rename a gift", Some(id), move |g| g.name = v));
                        }
                        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                            if ui
                                .button("🗑 Remove")
                                .on_hover_text(format!("Remove the gift {} (you can undo this)", gift.name))
                                .clicked()
                            {
                                edits.push(Edit::new(format!("remove gift {}", gift.name), move |p| {
                                    if i < p.gifts.len() {
                                        p.gifts.remove(i);
                                    }
                                }));
                            }
                        });
                    });
                    widgets::show_problems(ui, &own_problems(ctx, &path));
                    description(ui, &gift.description, &format!("Description of {}", gift.name), |v, id| {
                        edits.push(gift_edit(i, "change a description", Some(id), move |g| g.description = v));
                    });
                    grants(ui, ctx, project, Owner::Gift(i), &gift.grants, &path, &mut edits);
                });
                ui.add_space(6.0);
            }
            if ui
                .button("➕ Add gift")
                .on_hover_text("Add a gift that gives 100 of a number field")
                .clicked()
            {
                let names = project.gifts.iter().map(|g| g.name.as_str());
                let gift = Gift {
                    name: unique_name("Gift", names),
                    grants: new_grant(project).into_iter().collect(),
                    description: String::new(),
                };
                edits.push(Edit::new(format!("add gift {}", gift.name), move |p| p.gifts.push(gift)));
            }
        });
    ctx.edits.extend(edits);
}

fn add_product(project: &Project) -> Edit {
    let names = project.products.iter().map(|p| p.name.as_str());
    let product = Product {
        // One past the highest id, so the new product is valid until the
        // designer pastes the real id.
        id: project
            .products
            .iter()
            .map(|p| p.id)
            .max()
            .unwrap_or(0)
            .saturating_add(1),
        name: unique_name("Product", names),
        grants: new_grant(project).into_iter().collect(),
        description: String::new(),
    };
    Edit::new(format!("add product {}", product.name), move |p| {
        p.products.push(product)
    })
}

/// A grant that fits the project: 100 of the first saved number field, else
/// the first saved true/false field set, else an item for the first list.
fn new_grant(project: &Project) -> Option<Grant> {
    [Kind::Add, Kind::Set, Kind::AddItem]
        .into_iter()
        .find_map(|kind| kind.fields(project).first().map(|f| kind.grant_for(f)))
}

/// A framed group, like a card in a desktop settings window. `id` keeps
/// the widgets of one card apart from those of the next.
fn card(ui: &mut Ui, id: impl egui::AsIdSalt, add: impl FnOnce(&mut Ui)) {
    ui.push_id(id, |ui| {
        egui::Frame::group(ui.style())
            .inner_margin(egui::Margin::same(10))
            .corner_radius(6.0)
            .show(ui, |ui| {
                ui.set_width(ui.available_width());
                add(ui)
            });
    });
}

fn label(ui: &mut Ui, title: &str) {
    ui.add_sized(
        [80.0, 18.0],
        egui::Label::new(RichText::new(title).strong()),
    );
}

fn description(ui: &mut Ui, value: &str, name: &str, mut changed: impl FnMut(String, egui::Id)) {
    ui.horizontal(|ui| {
        label(ui, "Description");
        let width = (ui.available_width() - 8.0).clamp(200.0, 640.0);
        if let Some((v, id)) = widgets::text(ui, name, value, width) {
            changed(v, id);
        }
    });
}

/// Problems of the product or gift itself, not of one of its grants.
fn own_problems<'a>(ctx: &PanelCtx<'a>, path: &str) -> Vec<&'a crate::project::Diagnostic> {
    let grants = format!("{path}/grants");
    let mut problems = widgets::problems_at(ctx.diagnostics, path, &["grants"]);
    problems.extend(ctx.diagnostics.iter().filter(|d| d.path == grants));
    problems
}

/// The kinds of grant, as the drop-down offers them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Add,
    AddItem,
    Set,
}

impl Kind {
    fn of(grant: &Grant) -> Kind {
        match grant {
            Grant::Add { .. } => Kind::Add,
            Grant::AddItem { .. } => Kind::AddItem,
            Grant::Set { .. } => Kind::Set,
        }
    }

    /// Whether a field can take this kind of grant.
    fn fits(self, field: &Field) -> bool {
        field.saved
            && match self {
                Kind::Add => field.ty.is_numeric(),
                Kind::AddItem => matches!(&field.ty, FieldType::List(item)
                    if matches!(**item, FieldType::Integer | FieldType::Number | FieldType::String | FieldType::Boolean)),
                Kind::Set => field.ty == FieldType::Boolean,
            }
    }

    /// The saved top-level fields this kind of grant can change.
    fn fields(self, project: &Project) -> Vec<&Field> {
        project
            .schema
            .fields
            .iter()
            .filter(|f| self.fits(f))
            .collect()
    }

    /// A sensible first grant of this kind on `field`.
    fn grant_for(self, field: &Field) -> Grant {
        let name = field.name.clone();
        match self {
            Kind::Add => Grant::Add {
                field: name,
                amount: 100.0,
            },
            Kind::AddItem => Grant::AddItem {
                field: name,
                item: match &field.ty {
                    FieldType::List(item) => item.empty_value(),
                    _ => Value::Integer(0),
                },
                count: 1,
            },
            Kind::Set => Grant::Set {
                field: name,
                value: true,
            },
        }
    }
}

const KINDS: [(Kind, &str); 3] = [
    (Kind::Add, "Add to a number"),
    (Kind::AddItem, "Add an item to a list"),
    (Kind::Set, "Set true/false"),
];

fn grants(
    ui: &mut Ui,
    ctx: &PanelCtx<'_>,
    project: &Project,
    owner: Owner,
    list: &[Grant],
    path: &str,
    edits: &mut Vec<Edit>,
) {
    ui.add_space(4.0);
    ui.label(RichText::new("Gives").strong());
    let noun = match owner {
        Owner::Product(_) => "product",
        Owner::Gift(_) => "gift",
    };
    for (g, grant) in list.iter().enumerate() {
        let name = |what: &str| {
            format!(
                "{what} of grant {} of {noun} {}",
                g + 1,
                path.rsplit('/').next().unwrap_or("")
            )
        };
        ui.push_id(g, |ui| {
            ui.horizontal(|ui| {
                ui.add_space(12.0);
                let kind = Kind::of(grant);
                // A kind no saved field can take is left as it was.
                if let Some(new) = widgets::choice(ui, &name("Kind"), kind, &KINDS, 150.0)
                    && let Some(field) = new.fields(project).first()
                {
                    let grant = new.grant_for(field);
                    edits.push(owner.edit("change the kind of a grant", None, move |gs| {
                        if let Some(slot) = gs.get_mut(g) {
                            *slot = grant;
                        }
                    }));
                }
                field_picker(ui, project, owner, g, grant, &name("Field"), edits);
                value_editor(ui, project, owner, g, grant, &name, edits);
                if ui
                    .small_button("✖")
                    .on_hover_text("Remove this grant")
                    .clicked()
                {
                    edits.push(owner.edit("remove a grant", None, move |gs| {
                        if g < gs.len() {
                            gs.remove(g);
                        }
                    }));
                }
            });
            let grant_path = format!("{path}/grants/{g}");
            widgets::show_problems(ui, &widgets::problems_under(ctx.diagnostics, &grant_path));
        });
    }
    if let Some(grant) = new_grant(project) {
        if ui
            .button("➕ Add grant")
            .on_hover_text(format!("Add another thing this {noun} gives"))
            .clicked()
        {
            edits.push(owner.edit("add a grant", None, move |gs| gs.push(grant)));
        }
    } else {
        explain(
            ui,
            "Add a saved number, true/false or list field to data to give it here.",
        );
    }
}

fn field_picker(
    ui: &mut Ui,
    project: &Project,
    owner: Owner,
    g: usize,
    grant: &Grant,
    name: &str,
    edits: &mut Vec<Edit>,
) {
    let kind = Kind::of(grant);
    let mut picked = None;
    let response = egui::ComboBox::from_id_salt(ui.scope_id().with("field"))
        .selected_text(grant.field())
        .width(140.0)
        .show_ui(ui, |ui| {
            for field in kind.fields(project) {
                if ui
                    .selectable_label(field.name == grant.field(), &field.name)
                    .clicked()
                    && field.name != grant.field()
                {
                    picked = Some(field);
                }
            }
        });
    let _ = response
        .response
        .accessible_name(name)
        .on_hover_text("The saved field this grant changes");
    if let Some(field) = picked {
        // Keep the amount or value; an item is replaced when the item type changes.
        let mut grant = grant.clone();
        match &mut grant {
            Grant::Add { field: f, .. } | Grant::Set { field: f, .. } => *f = field.name.clone(),
            Grant::AddItem { .. } => grant = Kind::AddItem.grant_for(field),
        }
        edits.push(owner.edit("change the field of a grant", None, move |gs| {
            if let Some(slot) = gs.get_mut(g) {
                *slot = grant;
            }
        }));
    }
}

fn value_editor(
    ui: &mut Ui,
    project: &Project,
    owner: Owner,
    g: usize,
    grant: &Grant,
    name: &dyn Fn(&str) -> String,
    edits: &mut Vec<Edit>,
) {
    let field = project.field(grant.field());
    let set = |grant: Grant, session: Option<egui::Id>| {
        owner.edit("change a grant", session, move |gs| {
            if let Some(slot) = gs.get_mut(g) {
                *slot = grant;
            }
        })
    };
    match grant {
        Grant::Add { field: f, amount } => {
            let whole = field.is_none_or(|f| f.ty == FieldType::Integer);
            let changed = if whole {
                widgets::drag_whole_f64(ui, &name("Amount"), *amount)
            } else {
                widgets::drag_f64(ui, &name("Amount"), *amount, "")
            };
            if let Some((amount, id)) = changed {
                edits.push(set(
                    Grant::Add {
                        field: f.clone(),
                        amount,
                    },
                    Some(id),
                ));
            }
        }
        Grant::AddItem {
            field: f,
            item,
            count,
        } => {
            ui.label("item");
            let new_item =
                match item {
                    Value::Integer(i) => widgets::drag_i64(ui, &name("Item"), *i)
                        .map(|(v, id)| (Value::Integer(v), id)),
                    Value::Number(x) => widgets::drag_f64(ui, &name("Item"), *x, "")
                        .map(|(v, id)| (Value::Number(v), id)),
                    Value::String(s) => widgets::text(ui, &name("Item"), s, 120.0)
                        .map(|(v, id)| (Value::String(v), id)),
                    Value::Boolean(b) => {
                        let mut v = *b;
                        let r = ui.checkbox(&mut v, "").accessible_name(name("Item"));
                        r.changed().then_some((Value::Boolean(v), r.id))
                    }
                    Value::List(_) | Value::Map(_) => {
                        ui.label(item.kind_name());
                        None
                    }
                };
            if let Some((item, id)) = new_item {
                edits.push(set(
                    Grant::AddItem {
                        field: f.clone(),
                        item,
                        count: *count,
                    },
                    Some(id),
                ));
            }
            ui.label("×");
            let most = field.and_then(|f| f.max_items).unwrap_or(10_000).max(1);
            if let Some((count, id)) = widgets::drag_u32(ui, &name("Copies"), *count, 1..=most, "")
            {
                edits.push(set(
                    Grant::AddItem {
                        field: f.clone(),
                        item: item.clone(),
                        count,
                    },
                    Some(id),
                ));
            }
        }
        Grant::Set { field: f, value } => {
            let options = [(true, "true"), (false, "false")];
            if let Some(value) = widgets::choice(ui, &name("Value"), *value, &options, 70.0) {
                edits.push(set(
                    Grant::Set {
                        field: f.clone(),
                        value,
                    },
                    None,
                ));
            }
        }
    }
}

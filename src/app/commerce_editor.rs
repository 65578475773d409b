//! The Products and Gifts pages: what a player gets for each developer
//! product they buy and for each gift the team sends. Both are lists of
//! grants on saved fields, edited with the same rows.

use egui::{RichText, Ui};

use super::PanelCtx;
use super::edit::{Edit, unique_name};
use super::grant_editor::{Owner, grants, new_grant};
use super::widgets::{self, explain};
use crate::project::{Gift, Product, Project};

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

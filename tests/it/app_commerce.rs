//! The Products, Gifts, Player privacy and For scripters pages on the
//! starter example, driven through the real window by accessible labels.

use crate::app_common::retype;
use datastore_designer::app::{AppState, BottomTab, DesignerApp, Selection};
use datastore_designer::project::erasure::ErasureList;
use datastore_designer::project::{Grant, Project};
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

fn starter() -> Harness<'static, DesignerApp> {
    let state = AppState::starter();
    let mut h = Harness::builder()
        .with_size(egui::vec2(1400.0, 860.0))
        .build_eframe(move |_cc| DesignerApp::from_state(state, BottomTab::Problems));
    h.run();
    h
}

fn project<'a>(h: &'a Harness<'_, DesignerApp>) -> &'a Project {
    &h.state().state.project
}

fn click(h: &mut Harness<'_, DesignerApp>, label: &str) {
    h.get_by_label(label).click();
    h.run();
}

fn open(h: &mut Harness<'_, DesignerApp>, page: &str, selection: Selection) {
    click(h, page);
    assert_eq!(h.state().state.selection, selection);
}

fn codes(h: &Harness<'_, DesignerApp>) -> Vec<&'static str> {
    h.state().state.diagnostics.iter().map(|d| d.code).collect()
}

#[test]
fn a_product_and_a_grant_are_added_through_the_page_and_undone() {
    let mut h = starter();
    open(&mut h, "💰 Products", Selection::Products);
    let before = project(&h).clone();
    h.remove_cursor();
    h.run();
    h.snapshot("products");

    click(&mut h, "➕ Add product");
    let products = &project(&h).products;
    assert_eq!(products.len(), 3);
    let added = &products[2];
    assert_eq!(added.name, "Product");
    assert_eq!(added.id, 1_000_003, "one past the highest id");
    assert_eq!(
        added.grants,
        vec![Grant::Add {
            field: "Coins".into(),
            amount: 100.0
        }]
    );
    // The new product's own "Add grant" button is the last one.
    h.query_all_by_label("➕ Add grant")
        .last()
        .expect("an Add grant button per product")
        .click();
    h.run();
    assert_eq!(project(&h).products[2].grants.len(), 2);
    assert!(h.state().state.dirty);
    assert!(codes(&h).is_empty(), "{:?}", codes(&h));

    click(&mut h, "⟲ Undo");
    assert_eq!(project(&h).products[2].grants.len(), 1);
    click(&mut h, "⟲ Undo");
    assert_eq!(*project(&h), before);
}

#[test]
fn a_bad_id_is_shown_on_the_product_and_only_digits_are_kept() {
    let mut h = starter();
    open(&mut h, "💰 Products", Selection::Products);
    retype(&mut h, "Product id of Gems100", "0");
    assert_eq!(project(&h).products[0].id, 0);
    assert!(codes(&h).contains(&"product-id-invalid"));
    // The problem shows on the page, next to the product.
    let shown = h
        .query_all_by_label_contains("has the id 0")
        .next()
        .is_some();
    assert!(shown, "the id problem is on the page");

    retype(&mut h, "Product id of Gems100", "1000002");
    assert!(codes(&h).contains(&"product-id-duplicate"));
    retype(&mut h, "Product id of Gems100", "12x34");
    assert_eq!(project(&h).products[0].id, 1234, "only the digits are kept");
    assert!(codes(&h).is_empty(), "{:?}", codes(&h));
}

#[test]
fn a_grant_on_an_unsaved_field_shows_its_problem_and_clicking_it_opens_the_page() {
    let mut project = AppState::starter().project;
    project
        .schema
        .fields
        .iter_mut()
        .find(|f| f.name == "Gems")
        .unwrap()
        .saved = false;
    let state = AppState::new(project, None);
    let mut h = Harness::builder()
        .with_size(egui::vec2(1400.0, 860.0))
        .build_eframe(move |_cc| DesignerApp::from_state(state, BottomTab::Problems));
    h.run();
    assert!(codes(&h).contains(&"grant-field-not-saved"));
    // Clicking the problem in the list below opens the Products page.
    h.query_all_by_label_contains("Gems, which is not saved")
        .next()
        .expect("the problem is listed")
        .click();
    h.run();
    assert_eq!(h.state().state.selection, Selection::Products);
    // There it shows again, under the grant it is about.
    assert_eq!(
        h.query_all_by_label_contains("Gems, which is not saved")
            .count(),
        2
    );
    // Only saved fields are offered for a grant: the menu adds Coins, not Gems.
    let count = |h: &Harness<'_, DesignerApp>, label: &str| h.query_all_by_label(label).count();
    let (coins, gems) = (count(&h, "Coins"), count(&h, "Gems"));
    h.get_by_label("Field of grant 1 of product StarterPack")
        .click();
    h.run();
    assert_eq!(count(&h, "Coins"), coins + 1, "the menu is open");
    assert_eq!(count(&h, "Gems"), gems, "an unsaved field is not offered");
}

#[test]
fn the_budget_planner_shows_what_purchases_and_gifts_cost() {
    let state = AppState::starter();
    let mut h = Harness::builder()
        .with_size(egui::vec2(1400.0, 860.0))
        .build_eframe(move |_cc| DesignerApp::from_state(state, BottomTab::Problems));
    h.run();
    open(&mut h, "💾 Saving", Selection::Saving);
    // The input, not its title.
    let input = h
        .query_all_by_label("Purchases per player")
        .find(|n| n.accesskit_node().role() != Role::Label)
        .expect("an input")
        .accesskit_node()
        .id();
    h.get_by(|n| n.id() == input).focus();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by(|n| n.id() == input).type_text("4");
    h.key_press(egui::Key::Enter);
    h.run();
    h.query_all_by_label("reads of leaderboard top lists")
        .next()
        .expect("the request bars")
        .scroll_to_me();
    h.run();
    h.remove_cursor();
    h.run();
    h.snapshot("budget_planner");
}

#[test]
fn grants_follow_a_renamed_field() {
    let mut h = starter();
    retype(&mut h, "Name of field Coins", "Gold");
    let gold = |g: &Grant| g.field() == "Gold";
    assert!(gold(&project(&h).products[1].grants[0]));
    assert!(gold(&project(&h).gifts[0].grants[0]));
    assert!(codes(&h).is_empty(), "{:?}", codes(&h));
}

#[test]
fn the_gifts_page_explains_and_edits_an_amount() {
    let mut h = starter();
    open(&mut h, "🎁 Gifts", Selection::Gifts);
    assert!(
        h.query_all_by_label_contains("DataManager:Gift(userId, \"WelcomeBack\")")
            .next()
            .is_some()
    );
    h.remove_cursor();
    h.run();
    h.snapshot("gifts");
    retype(&mut h, "Amount of grant 1 of gift WelcomeBack", "300");
    assert_eq!(
        project(&h).gifts[0].grants[0],
        Grant::Add {
            field: "Coins".into(),
            amount: 300.0
        }
    );
}

#[test]
fn the_privacy_page_lists_every_key_and_copies_it() {
    let mut h = starter();
    open(&mut h, "🔒 Player privacy", Selection::Privacy);
    h.remove_cursor();
    h.run();
    h.snapshot("privacy");
    let list = ErasureList::of(project(&h));
    for key in &list.keys {
        assert!(
            h.query_all_by_label(&key.holds).next().is_some(),
            "{} shown",
            key.holds
        );
    }
    h.get_by_label("📋 Copy list").click();
    h.step();
    let copied = h
        .output()
        .platform_output
        .commands
        .iter()
        .any(|c| matches!(c, egui::OutputCommand::CopyText(text) if *text == list.to_text()));
    assert!(copied, "the list is copied as text");
}

#[test]
fn the_scripters_page_shows_every_hook() {
    let mut h = starter();
    open(&mut h, "📜 For scripters", Selection::Scripting);
    for hook in [
        "Loaded",
        "BeforeSave",
        "Left",
        "Outage",
        "Granted",
        "Peek",
        "OnProductPurchase",
        "Gift",
        "Erase",
    ] {
        assert!(h.query_all_by_label(hook).next().is_some(), "{hook} listed");
    }
    h.remove_cursor();
    h.run();
    h.snapshot("for_scripters");
}

#[test]
fn the_budget_planner_asks_how_often_players_buy_and_gifts() {
    let mut h = starter();
    open(&mut h, "💾 Saving", Selection::Saving);
    for input in ["Purchases per player", "Gifts sent", "Peeks", "Erasures"] {
        assert!(
            h.query_all_by_label(input).next().is_some(),
            "{input} asked"
        );
    }
}

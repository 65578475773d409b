//! The rows that say what a product or gift gives: the kind of grant, the
//! saved field it changes (only fields of the right type are offered) and
//! its amount, item or value, each with its problems underneath.

use egui::{RichText, Ui};

use super::PanelCtx;
use super::edit::Edit;
use super::widgets::{self, explain};
use crate::project::{Field, FieldType, Grant, Project, Value};

/// Where a list of grants lives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Owner {
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

/// A grant that fits the project: 100 of the first saved number field, else
/// the first saved true/false field set, else an item for the first list.
pub(super) fn new_grant(project: &Project) -> Option<Grant> {
    [Kind::Add, Kind::Set, Kind::AddItem]
        .into_iter()
        .find_map(|kind| kind.fields(project).first().map(|f| kind.grant_for(f)))
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

pub(super) fn grants(
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

//! The one way the document changes: an [`Edit`] is applied by
//! [`AppState::apply`](super::state::AppState::apply), which keeps an undo
//! snapshot, marks the project changed and checks it again.

use crate::project::{Field, FieldType, Project};

/// One change to the project, made by a panel and applied after the frame's
/// drawing. Edits that share a `session` (the id of the text field being
/// typed in or the number being dragged) while that interaction lasts are
/// undone as one step.
pub struct Edit {
    /// What the change is, in plain words, for the Undo button's tooltip.
    pub label: String,
    pub session: Option<egui::Id>,
    change: Box<dyn FnOnce(&mut Project)>,
}

impl Edit {
    pub fn new(label: impl Into<String>, change: impl FnOnce(&mut Project) + 'static) -> Self {
        Edit {
            label: label.into(),
            session: None,
            change: Box::new(change),
        }
    }

    /// Coalesces this edit with the previous ones made by the same widget
    /// while it is still being typed in or dragged.
    pub fn in_session(mut self, id: egui::Id) -> Self {
        self.session = Some(id);
        self
    }

    pub(super) fn run(self, project: &mut Project) {
        (self.change)(project)
    }
}

/// The list of fields a field path points into: the top-level data for an
/// empty parent, else the fields of the record at `parent`.
pub fn fields_mut<'a>(project: &'a mut Project, parent: &[usize]) -> Option<&'a mut Vec<Field>> {
    let mut fields = &mut project.schema.fields;
    for &index in parent {
        match &mut fields.get_mut(index)?.ty {
            FieldType::Record(inner) => fields = inner,
            _ => return None,
        }
    }
    Some(fields)
}

pub fn fields<'a>(project: &'a Project, parent: &[usize]) -> Option<&'a Vec<Field>> {
    let mut fields = &project.schema.fields;
    for &index in parent {
        match &fields.get(index)?.ty {
            FieldType::Record(inner) => fields = inner,
            _ => return None,
        }
    }
    Some(fields)
}

/// The field at a path of indices (`[4, 1]`: the second field of the fifth
/// field's record).
pub fn field_mut<'a>(project: &'a mut Project, path: &[usize]) -> Option<&'a mut Field> {
    let (last, parent) = path.split_last()?;
    fields_mut(project, parent)?.get_mut(*last)
}

pub fn field<'a>(project: &'a Project, path: &[usize]) -> Option<&'a Field> {
    let (last, parent) = path.split_last()?;
    fields(project, parent)?.get(*last)
}

/// An edit of one field, found again by its path when applied.
pub fn edit_field(
    label: impl Into<String>,
    path: &[usize],
    change: impl FnOnce(&mut Field) + 'static,
) -> Edit {
    let path = path.to_vec();
    Edit::new(label, move |project| {
        if let Some(field) = field_mut(project, &path) {
            change(field);
        }
    })
}

/// A name not yet taken among `taken`: `base`, else `base2`, `base3`, ...
pub fn unique_name<'a>(base: &str, taken: impl Iterator<Item = &'a str> + Clone) -> String {
    if !taken.clone().any(|t| t == base) {
        return base.to_string();
    }
    (2..)
        .map(|n| format!("{base}{n}"))
        .find(|candidate| !taken.clone().any(|t| t == candidate))
        .expect("some numbered name is free")
}

//! The data fields: names at every level, nesting, limits and leaderstats.
//! Defaults are checked in `defaults`.

use super::names::{Named, check_code_names};
use super::text::{a_type, name as show};
use super::{MAX_DEPTH, Report, defaults, join, segment};
use crate::project::{Field, FieldType, Project};

/// Columns Roblox's player list shows.
const PLAYER_LIST_STATS: usize = 4;

pub(super) fn check(project: &Project, out: &mut Report) {
    let fields = &project.schema.fields;
    if fields.is_empty() {
        out.error(
            "empty-schema",
            "data",
            "The project has no data fields, so nothing would be saved for players.",
            "Add a field, for example a whole number called Coins.",
        );
        return;
    }
    if !fields.iter().any(|f| f.saved) {
        out.warning(
            "nothing-saved",
            "data",
            "Every field is set to not saved, so nothing players do is kept after they leave.",
            "Switch saving on for the fields players should keep.",
        );
    }
    check_fields(fields, "data", "in data", 0, out);
    check_leaderstats(fields, out);
}

/// The item type inside any lists and maps, and how many of them wrap it.
/// A loop, not recursion: types of any depth are safe.
pub(super) fn innermost(ty: &FieldType) -> (&FieldType, usize) {
    let mut ty = ty;
    let mut wrappers = 0;
    while let FieldType::List(item) | FieldType::Map(item) = ty {
        ty = item;
        wrappers += 1;
    }
    (ty, wrappers)
}

/// Checks one level of fields. `depth` is how many lists, maps and records
/// hold them (0 at the top).
fn check_fields(fields: &[Field], parent: &str, place: &str, depth: usize, out: &mut Report) {
    let named: Vec<Named<'_>> = fields
        .iter()
        .enumerate()
        .map(|(i, f)| Named {
            name: &f.name,
            path: join(parent, &segment(&f.name, i)),
        })
        .collect();
    check_code_names(&named, "field", place, out);
    for (field, item) in fields.iter().zip(&named) {
        check_field(field, &item.path, depth, out);
    }
}

fn check_field(field: &Field, path: &str, depth: usize, out: &mut Report) {
    let (inner, wrappers) = innermost(&field.ty);
    let record = matches!(inner, FieldType::Record(_));
    let levels = depth
        .saturating_add(wrappers)
        .saturating_add(usize::from(record));
    if levels > MAX_DEPTH {
        out.error(
            "nesting-too-deep",
            path,
            format!(
                "{} puts lists, maps and records inside each other more than {MAX_DEPTH} \
                 levels deep. DataStore Designer can't check or export data nested this deeply.",
                show(&field.name)
            ),
            "Flatten it: move the inner parts into fields of their own.",
        );
        return;
    }
    check_limits(field, inner, path, out);
    defaults::check(field, path, out);
    if depth > 0 && field.leaderstat {
        out.warning(
            "leaderstat-nested",
            join(path, "leaderstat"),
            format!(
                "{} is inside a record, and only top-level fields can be shown in Roblox's \
                 player list, so marking it as a leaderstat has no effect.",
                show(&field.name)
            ),
            "Switch leaderstat off, or move the field to the top level of data.",
        );
    }
    if let FieldType::Record(fields) = inner {
        if fields.is_empty() {
            out.warning(
                "empty-record",
                path,
                format!(
                    "{} is a record with no fields, so it saves nothing.",
                    show(&field.name)
                ),
                "Add fields to the record, or remove it.",
            );
        } else {
            let place = format!("in the record {}", show(&field.name));
            check_fields(fields, path, &place, levels, out);
        }
    }
}

/// Limits that don't fit the type, are not numbers, or contradict each other.
fn check_limits(field: &Field, inner: &FieldType, path: &str, out: &mut Report) {
    let name = show(&field.name);
    let holds = a_type(&field.ty);
    let numeric = inner.is_numeric();
    for (limit, label, key) in [
        (field.min, "smallest allowed value", "min"),
        (field.max, "largest allowed value", "max"),
    ] {
        let Some(limit) = limit else { continue };
        if !numeric {
            out.warning(
                "constraint-ignored",
                join(path, key),
                format!("{name} holds {holds}, so a {label} has no effect on it."),
                format!("Remove the {label}."),
            );
        } else if limit.is_nan() {
            out.error(
                "constraint-invalid",
                join(path, key),
                format!("The {label} of {name} is not a number (NaN)."),
                format!("Set the {label} to a number, or remove it."),
            );
        }
    }
    if let (true, Some(min), Some(max)) = (numeric, field.min, field.max)
        && min > max
    {
        out.error(
            "min-above-max",
            join(path, "min"),
            format!(
                "The smallest allowed value of {name} ({min}) is above its largest ({max}), so \
                 no value would be allowed."
            ),
            "Swap the two limits, or lower the smallest allowed value.",
        );
    }
    let collection = matches!(field.ty, FieldType::List(_) | FieldType::Map(_));
    if let Some(max_length) = field.max_length {
        if *inner != FieldType::String {
            out.warning(
                "constraint-ignored",
                join(path, "max_length"),
                format!("{name} holds {holds}, so a longest text length has no effect on it."),
                "Remove the longest length.",
            );
        } else if max_length == 0 {
            out.warning(
                "limit-zero",
                join(path, "max_length"),
                format!(
                    "The longest length of {name} is 0 characters, so its text must always be \
                     empty."
                ),
                "Raise the longest length, for example to 50 characters.",
            );
        }
    }
    if let Some(max_items) = field.max_items {
        if !collection {
            let also = if field.ty == FieldType::String {
                " To limit how long the text is, set its longest length instead."
            } else {
                ""
            };
            out.warning(
                "constraint-ignored",
                join(path, "max_items"),
                format!("{name} holds {holds}, not a list or map, so an item limit has no effect on it.{also}"),
                "Remove the item limit.",
            );
        } else if max_items == 0 {
            out.warning(
                "limit-zero",
                join(path, "max_items"),
                format!("The item limit of {name} is 0, so it must always be empty."),
                "Raise the item limit, for example to 100 items.",
            );
        }
    }
}

fn check_leaderstats(fields: &[Field], out: &mut Report) {
    let mut shown = 0;
    for (index, field) in fields.iter().enumerate() {
        if !field.leaderstat {
            continue;
        }
        let path = join(&join("data", &segment(&field.name, index)), "leaderstat");
        let kind = match field.ty {
            FieldType::List(_) => "a list",
            FieldType::Map(_) => "a map",
            FieldType::Record(_) => "a record",
            _ => {
                shown += 1;
                if shown == PLAYER_LIST_STATS + 1 {
                    out.warning(
                        "too-many-leaderstats",
                        path,
                        format!(
                            "{} is the 5th leaderstat, but Roblox's player list shows only the \
                             first {PLAYER_LIST_STATS}.",
                            show(&field.name)
                        ),
                        "Switch leaderstat off for the stats players need least.",
                    );
                }
                continue;
            }
        };
        out.error(
            "leaderstat-type",
            path,
            format!(
                "{} is {kind}, but Roblox's player list can only show numbers, text and \
                 true/false values.",
                show(&field.name)
            ),
            "Switch leaderstat off for it, or show a number field instead (for example a count \
             of the items).",
        );
    }
}

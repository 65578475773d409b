//! How large a player's saved record can get: Roblox refuses to save a value
//! longer than 4,194,304 characters of JSON.
//!
//! The estimate is a worst case built from the schema alone: every text at
//! its longest length plus its quotes, every number at 24 characters
//! (`-1.7976931348623157e308`), true/false at 5, every list and map full,
//! map keys at 50 characters, and about 300 characters that the data layer
//! keeps in the same record (session lock, version, save time). Characters
//! that JSON escapes (quotes, control characters) take more room than
//! counted here; the margin is left to the designer.

use super::text::{count, name as show, thousands};
use super::{MAX_DEPTH, Report, join, segment};
use crate::project::{Field, FieldType, Project, Schema};

/// Longest value Roblox saves under one key, in characters of JSON.
pub const MAX_VALUE_CHARS: u64 = 4_194_304;
/// Characters counted for any number.
pub const NUMBER_CHARS: u64 = 24;
/// Characters counted for each map key (keys are the players' own data, so
/// the schema can't limit them; 50 is assumed).
pub const MAP_KEY_CHARS: u64 = 50;
/// Characters the data layer adds to each record for the session lock and
/// other bookkeeping.
pub const RECORD_OVERHEAD_CHARS: u64 = 300;
/// `false`.
const BOOLEAN_CHARS: u64 = 5;

/// The most characters of JSON a player's record can take, counting only
/// saved fields and the data layer's own additions; `None` when some text
/// has no longest length, some list or map no item limit (or the data is
/// nested too deeply to measure), so there is no bound.
pub fn worst_case_record_size(schema: &Schema) -> Option<u64> {
    let mut measure = Measure { notes: None };
    let size = measure.record(&schema.fields, None, 0);
    size.bounded
        .then(|| size.chars.saturating_add(RECORD_OVERHEAD_CHARS))
}

pub(super) fn check(project: &Project, out: &mut Report) {
    let fields = &project.schema.fields;
    if fields.is_empty() {
        return;
    }
    let mut notes = Vec::new();
    let mut measure = Measure {
        notes: Some(&mut notes),
    };
    let mut parts: Vec<(&Field, u64)> = Vec::new();
    let mut total = Size::exact(2 + RECORD_OVERHEAD_CHARS);
    for (index, field) in fields.iter().enumerate() {
        if !field.saved {
            continue;
        }
        let path = join("data", &segment(&field.name, index));
        let size = measure.entry(field, Some(&path), 0);
        parts.push((field, size.chars));
        total = total.plus(size);
    }
    total = total.plus(Size::exact(parts.len().saturating_sub(1) as u64));

    if total.chars > MAX_VALUE_CHARS {
        parts.sort_by_key(|part| std::cmp::Reverse(part.1));
        let largest: Vec<String> = parts
            .iter()
            .take(3)
            .map(|(field, chars)| format!("{} ({})", show(&field.name), thousands(*chars)))
            .collect();
        let biggest = parts
            .first()
            .map(|(f, _)| show(&f.name))
            .unwrap_or_default();
        out.error(
            "record-too-large",
            "data",
            format!(
                "In the worst case a player's saved data would take {}{} characters of JSON, but \
                 Roblox saves at most {} characters (4 MB) per player, so saving would fail. \
                 This counts every text at its longest length, every list and map full, map \
                 keys as {MAP_KEY_CHARS} characters each, and about {RECORD_OVERHEAD_CHARS} \
                 characters the saving code adds. The largest fields, in characters, are {}.",
                if total.bounded { "" } else { "at least " },
                thousands(total.chars),
                thousands(MAX_VALUE_CHARS),
                largest.join(", ")
            ),
            format!(
                "Lower the item limits or longest lengths of {biggest} (and of the lists and \
                 texts inside it)."
            ),
        );
    }
    for note in notes {
        report_unbounded(note, out);
    }
}

fn report_unbounded(note: Note, out: &mut Report) {
    let name = show(&note.field.name);
    let why = format!(
        "so a player's saved data has no size limit and could grow past the {} characters \
         (4 MB) Roblox saves per player, after which saving fails",
        thousands(MAX_VALUE_CHARS)
    );
    let (path, message, fix) = match note.missing {
        Missing::MaxLength => (
            join(&note.path, "max_length"),
            if matches!(note.field.ty, FieldType::String) {
                format!("{name} is text with no longest length, {why}.")
            } else {
                format!("The texts in {name} have no longest length, {why}.")
            },
            "Set a longest length, for example 50 characters.".to_string(),
        ),
        Missing::MaxItems { map } => {
            let what = if map { "map" } else { "list" };
            let keys = if map {
                format!(" (Keys are counted as up to {MAP_KEY_CHARS} characters each.)")
            } else {
                String::new()
            };
            let suggestion = note
                .item_chars
                .filter(|chars| *chars > 0)
                .map_or(100, |chars| (MAX_VALUE_CHARS / 4 / chars).clamp(1, 100));
            (
                join(&note.path, "max_items"),
                format!("{name} is a {what} with no item limit, {why}.{keys}"),
                format!(
                    "Set an item limit, for example {}.",
                    count(suggestion, "item", "items")
                ),
            )
        }
        Missing::Nested => (
            note.path.clone(),
            format!(
                "{name} holds lists or maps inside a list or map, and those inner ones can't \
                 have an item limit, {why}."
            ),
            "Make the items records with a list field of their own, which can have an item \
             limit."
                .to_string(),
        ),
    };
    out.warning("size-unbounded", path, message, fix);
}

#[derive(Clone, Copy)]
struct Size {
    chars: u64,
    /// False when something inside has no limit: `chars` is then a minimum.
    bounded: bool,
}

impl Size {
    fn exact(chars: u64) -> Self {
        Size {
            chars,
            bounded: true,
        }
    }

    fn unbounded(at_least: u64) -> Self {
        Size {
            chars: at_least,
            bounded: false,
        }
    }

    fn plus(self, other: Size) -> Size {
        Size {
            chars: self.chars.saturating_add(other.chars),
            bounded: self.bounded && other.bounded,
        }
    }

    fn times(self, n: u64) -> Size {
        Size {
            chars: self.chars.saturating_mul(n),
            bounded: self.bounded,
        }
    }
}

/// What a field lacks for its size to be bounded.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Missing {
    MaxLength,
    MaxItems {
        map: bool,
    },
    /// A list or map inside a list or map: it can't have an item limit.
    Nested,
}

struct Note<'a> {
    path: String,
    field: &'a Field,
    missing: Missing,
    /// Worst-case size of one item, for lists and maps.
    item_chars: Option<u64>,
}

struct Measure<'n, 'a> {
    /// Where to note what makes the size unbounded; `None` when only the
    /// number is wanted.
    notes: Option<&'n mut Vec<Note<'a>>>,
}

impl<'a> Measure<'_, 'a> {
    fn note(&mut self, path: Option<&str>, field: &'a Field, missing: Missing, item: Option<u64>) {
        let (Some(notes), Some(path)) = (self.notes.as_deref_mut(), path) else {
            return;
        };
        if notes
            .last()
            .is_some_and(|last| last.path == path && last.missing == missing)
        {
            return;
        }
        notes.push(Note {
            path: path.to_string(),
            field,
            missing,
            item_chars: item,
        });
    }

    /// `{"a":...,"b":...}` with the saved fields.
    fn record(&mut self, fields: &'a [Field], parent: Option<&str>, depth: usize) -> Size {
        let mut size = Size::exact(2);
        let mut saved = 0u64;
        for (index, field) in fields.iter().enumerate() {
            if !field.saved {
                continue;
            }
            let path = parent.map(|p| join(p, &segment(&field.name, index)));
            size = size.plus(self.entry(field, path.as_deref(), depth));
            saved += 1;
        }
        size.plus(Size::exact(saved.saturating_sub(1)))
    }

    /// `"name":value`.
    fn entry(&mut self, field: &'a Field, path: Option<&str>, depth: usize) -> Size {
        Size::exact((field.name.len() as u64).saturating_add(3))
            .plus(self.value(&field.ty, field, path, depth, true))
    }

    fn value(
        &mut self,
        ty: &'a FieldType,
        field: &'a Field,
        path: Option<&str>,
        depth: usize,
        outermost: bool,
    ) -> Size {
        if depth > MAX_DEPTH {
            return Size::unbounded(0); // Reported as too deep with the fields.
        }
        match ty {
            FieldType::Integer | FieldType::Number => Size::exact(NUMBER_CHARS),
            FieldType::Boolean => Size::exact(BOOLEAN_CHARS),
            FieldType::String => match field.max_length {
                Some(max) => Size::exact(u64::from(max) + 2),
                None => {
                    self.note(path, field, Missing::MaxLength, None);
                    Size::unbounded(2)
                }
            },
            FieldType::List(item) | FieldType::Map(item) => {
                let map = matches!(ty, FieldType::Map(_));
                let limit = if outermost { field.max_items } else { None };
                if limit == Some(0) {
                    return Size::exact(2);
                }
                let mut per_item = self.value(item, field, path, depth + 1, false);
                if map {
                    per_item = per_item.plus(Size::exact(MAP_KEY_CHARS + 3));
                }
                match limit {
                    Some(n) => {
                        let n = u64::from(n);
                        Size::exact(2 + n - 1).plus(per_item.times(n))
                    }
                    None => {
                        let missing = if outermost {
                            Missing::MaxItems { map }
                        } else {
                            Missing::Nested
                        };
                        let item = per_item.bounded.then_some(per_item.chars);
                        self.note(path, field, missing, item);
                        Size::unbounded(2)
                    }
                }
            }
            FieldType::Record(fields) => self.record(fields, path, depth + 1),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn schema(fields: Vec<Field>) -> Schema {
        Schema {
            version: 1,
            fields,
            changes: Vec::new(),
        }
    }

    #[test]
    fn counts_json_of_the_worst_case() {
        // {"Coins":<24>} + overhead
        let s = schema(vec![Field::new("Coins", FieldType::Integer)]);
        assert_eq!(
            worst_case_record_size(&s),
            Some(2 + 8 + 24 + RECORD_OVERHEAD_CHARS)
        );

        // {"Tags":["..." x3]} with texts of 10: 2 + 7 + (2 + 3*12 + 2) + overhead
        let mut tags = Field::new("Tags", FieldType::List(Box::new(FieldType::String)));
        tags.max_items = Some(3);
        tags.max_length = Some(10);
        let s = schema(vec![tags]);
        assert_eq!(
            worst_case_record_size(&s),
            Some(2 + 7 + 40 + RECORD_OVERHEAD_CHARS)
        );
    }

    #[test]
    fn unlimited_text_is_unbounded() {
        let s = schema(vec![Field::new("Name", FieldType::String)]);
        assert_eq!(worst_case_record_size(&s), None);
        let mut unsaved = Field::new("Name", FieldType::String);
        unsaved.saved = false;
        assert!(worst_case_record_size(&schema(vec![unsaved])).is_some());
    }

    #[test]
    fn huge_limits_saturate() {
        let mut f = Field::new(
            "Grid",
            FieldType::List(Box::new(FieldType::Record(vec![{
                let mut inner = Field::new("Row", FieldType::Map(Box::new(FieldType::String)));
                inner.max_items = Some(u32::MAX);
                inner.max_length = Some(u32::MAX);
                inner
            }]))),
        );
        f.max_items = Some(u32::MAX);
        let size = worst_case_record_size(&schema(vec![f])).unwrap();
        assert!(size > MAX_VALUE_CHARS);
    }
}

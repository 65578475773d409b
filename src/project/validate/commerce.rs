//! Developer products and gifts: ids, names, and grants that name a saved
//! field of the right type and stay within its limits.

use std::collections::HashMap;

use super::defaults::MAX_EXACT_INTEGER;
use super::names::{Named, check_code_names};
use super::text::{a_type, name as show, number, value};
use super::{Report, join, segment};
use crate::project::{Field, FieldType, Grant, Project, Value};

pub(super) fn check(project: &Project, out: &mut Report) {
    let fields: HashMap<&str, &Field> = project
        .schema
        .fields
        .iter()
        .rev() // The first of two fields with one name wins, as elsewhere.
        .map(|f| (f.name.as_str(), f))
        .collect();

    let products: Vec<Named<'_>> = project
        .products
        .iter()
        .enumerate()
        .map(|(i, p)| Named {
            name: &p.name,
            path: join("products", &segment(&p.name, i)),
        })
        .collect();
    check_code_names(&products, "product", "in this project", out);
    let mut ids: HashMap<u64, &str> = HashMap::new();
    for (product, item) in project.products.iter().zip(&products) {
        let owner = format!("The product {}", show(&product.name));
        check_id(product.id, &product.name, &item.path, &mut ids, out);
        check_grants(&product.grants, &owner, &item.path, true, &fields, out);
    }

    let gifts: Vec<Named<'_>> = project
        .gifts
        .iter()
        .enumerate()
        .map(|(i, g)| Named {
            name: &g.name,
            path: join("gifts", &segment(&g.name, i)),
        })
        .collect();
    check_code_names(&gifts, "gift", "in this project", out);
    for (gift, item) in project.gifts.iter().zip(&gifts) {
        let owner = format!("The gift {}", show(&gift.name));
        check_grants(&gift.grants, &owner, &item.path, false, &fields, out);
    }
}

fn check_id<'a>(
    id: u64,
    name: &'a str,
    path: &str,
    ids: &mut HashMap<u64, &'a str>,
    out: &mut Report,
) {
    let path = join(path, "id");
    if id == 0 || id > MAX_EXACT_INTEGER as u64 {
        out.error(
            "product-id-invalid",
            path,
            format!(
                "The product {} has the id {id}, but a developer product's id is a whole number \
                 from 1 up to 9,007,199,254,740,992.",
                show(name)
            ),
            "Copy the product's id from the Creator Dashboard (Monetization, Developer Products).",
        );
        return;
    }
    match ids.get(&id) {
        Some(first) => out.error(
            "product-id-duplicate",
            path,
            format!(
                "The products {} and {} both have the id {id}, so a purchase could not tell \
                 which one was bought.",
                show(first),
                show(name)
            ),
            "Give each product the id of its own developer product from the Creator Dashboard.",
        ),
        None => {
            ids.insert(id, name);
        }
    }
}

fn check_grants(
    grants: &[Grant],
    owner: &str,
    path: &str,
    purchase: bool,
    fields: &HashMap<&str, &Field>,
    out: &mut Report,
) {
    if grants.is_empty() {
        out.error(
            "no-grants",
            join(path, "grants"),
            format!("{owner} gives nothing."),
            "Add a grant: add to a number, add an item to a list, or set a true/false field.",
        );
    }
    for (i, grant) in grants.iter().enumerate() {
        let path = join(&join(path, "grants"), &i.to_string());
        check_grant(grant, owner, &path, purchase, fields, out);
    }
}

fn check_grant(
    grant: &Grant,
    owner: &str,
    path: &str,
    purchase: bool,
    fields: &HashMap<&str, &Field>,
    out: &mut Report,
) {
    let field_path = join(path, "field");
    let Some(field) = fields.get(grant.field()) else {
        let message = if grant.field().is_empty() {
            format!("A grant of {} names no field.", owner.to_lowercase())
        } else {
            format!(
                "{owner} changes {}, but data has no top-level field of that name.",
                show(grant.field())
            )
        };
        out.error(
            "grant-field-missing",
            field_path,
            message,
            "Pick a field from data, or add the field to data first.",
        );
        return;
    };
    let name = show(&field.name);
    if !field.saved {
        out.error(
            "grant-field-not-saved",
            field_path.clone(),
            format!(
                "{owner} changes {name}, which is not saved, so what a player paid for or \
                 was given would be gone when they next join."
            ),
            format!("Switch saving on for {name}, or pick a saved field."),
        );
    }
    match grant {
        Grant::Add { amount, .. } => {
            if !field.ty.is_numeric() {
                return wrong_type(
                    owner,
                    field,
                    "adds a number to",
                    "a number field",
                    path,
                    out,
                );
            }
            check_amount(*amount, field, owner, path, purchase, out);
        }
        Grant::AddItem { item, count, .. } => {
            let FieldType::List(item_ty) = &field.ty else {
                return wrong_type(owner, field, "adds an item to", "a list field", path, out);
            };
            if let Some(why) = item_problem(item, item_ty, field) {
                out.error(
                    "grant-item-wrong-type",
                    join(path, "item"),
                    format!("{owner} adds {} to {name}, but {why}.", value(item)),
                    format!("Add {} that {name} can hold.", a_type(item_ty)),
                );
            }
            let too_many = field.max_items.is_some_and(|max| *count > max);
            if *count == 0 || too_many {
                let limit = field.max_items.map_or(String::new(), |max| {
                    format!(" and no more than {name} holds ({max})")
                });
                out.error(
                    "grant-count-invalid",
                    join(path, "count"),
                    format!(
                        "{owner} adds {count} copies of an item to {name}: it must add at \
                         least 1{limit}."
                    ),
                    "Set how many copies to add to a number in that range.",
                );
            }
        }
        Grant::Set { .. } => {
            if field.ty != FieldType::Boolean {
                wrong_type(owner, field, "sets", "a true/false field", path, out);
            }
        }
    }
}

fn wrong_type(owner: &str, field: &Field, does: &str, needs: &str, path: &str, out: &mut Report) {
    out.error(
        "grant-wrong-type",
        join(path, "field"),
        format!(
            "{owner} {does} {}, which is {}; this kind of grant needs {needs}.",
            show(&field.name),
            a_type(&field.ty)
        ),
        format!("Pick {needs}, or change the kind of grant."),
    );
}

fn check_amount(
    amount: f64,
    field: &Field,
    owner: &str,
    path: &str,
    purchase: bool,
    out: &mut Report,
) {
    let name = show(&field.name);
    let path = join(path, "amount");
    let whole = field.ty == FieldType::Integer;
    let bad = if !amount.is_finite() {
        Some(format!(
            "{} is not a number a player can hold",
            number(amount)
        ))
    } else if amount == 0.0 {
        Some("adding 0 changes nothing".to_string())
    } else if whole && (amount.fract() != 0.0 || amount.abs() > MAX_EXACT_INTEGER as f64) {
        Some(format!("{name} holds whole numbers only"))
    } else {
        None
    };
    if let Some(why) = bad {
        out.error(
            "grant-amount-invalid",
            path,
            format!("{owner} adds {} to {name}, but {why}.", number(amount)),
            if whole {
                "Add a whole number other than 0, such as 100."
            } else {
                "Add a number other than 0, such as 100."
            },
        );
        return;
    }
    if !purchase {
        return;
    }
    // From the lowest (or highest) value a player can have, does this one
    // purchase alone go past the limit?
    let past = if amount > 0.0 {
        field
            .max
            .filter(|max| field.min.unwrap_or(0.0).min(*max) + amount > *max)
            .map(|max| ("largest", max))
    } else {
        field
            .min
            .filter(|min| field.max.unwrap_or(0.0).max(*min) + amount < *min)
            .map(|min| ("smallest", min))
    };
    if let Some((which, limit)) = past {
        out.warning(
            "grant-past-limit",
            path,
            format!(
                "{owner} adds {} to {name}, which alone goes past its {which} allowed value \
                 ({}), so a player would pay for more than they can get.",
                number(amount),
                number(limit)
            ),
            format!("Add less, or change the {which} allowed value of {name}.",),
        );
    }
}

/// Why `item` can't go into a list of `ty` with the limits of `list`.
fn item_problem(item: &Value, ty: &FieldType, list: &Field) -> Option<String> {
    let number = |x: f64| -> Option<String> {
        if list.min.is_some_and(|min| x < min) || list.max.is_some_and(|max| x > max) {
            Some(format!(
                "items of {} must be between {} and {}",
                show(&list.name),
                list.min.map_or("any".into(), super::text::number),
                list.max.map_or("any".into(), super::text::number)
            ))
        } else {
            None
        }
    };
    match (ty, item) {
        (FieldType::Integer, Value::Integer(i)) => {
            if i.unsigned_abs() > MAX_EXACT_INTEGER as u64 {
                Some("whole numbers beyond 2^53 can't be saved exactly".into())
            } else {
                number(*i as f64)
            }
        }
        (FieldType::Number, Value::Integer(i)) => number(*i as f64),
        (FieldType::Number, Value::Number(x)) if x.is_finite() => number(*x),
        (FieldType::String, Value::String(s)) => match list.max_length {
            Some(max) if s.chars().count() > max as usize => Some(format!(
                "items of {} are at most {max} characters long",
                show(&list.name)
            )),
            _ => None,
        },
        (FieldType::Boolean, Value::Boolean(_)) => None,
        (FieldType::Integer | FieldType::Number | FieldType::String | FieldType::Boolean, _) => {
            Some(format!("{} is {}", show(&list.name), a_type(&list.ty)))
        }
        _ => Some(format!(
            "{} is {}, and a grant can add only single values such as numbers or text",
            show(&list.name),
            a_type(&list.ty)
        )),
    }
}

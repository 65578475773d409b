//! Names: fields and leaderboards must be usable in Luau code; GUI objects
//! need a name that is unique among their siblings, since the generated code
//! finds them by name.

use std::collections::{HashMap, HashSet};

use super::Report;
use super::text::{name as show, quote};
use crate::project::names::{is_luau_identifier, is_reserved};

/// Longest name suggested in a fix.
const SUGGESTION_CHARS: usize = 50;

/// One name to check: the name and the path that points at its owner.
pub(super) struct Named<'a> {
    pub name: &'a str,
    pub path: String,
}

/// Checks names that become Luau names (fields, leaderboards): each must be
/// non-empty, a valid name and not reserved, and unique among `siblings`.
/// `noun` is what they are ("field"), `place` where they are ("in data").
pub(super) fn check_code_names(siblings: &[Named<'_>], noun: &str, place: &str, out: &mut Report) {
    let taken: HashSet<&str> = siblings.iter().map(|s| s.name).collect();
    for (index, item) in siblings.iter().enumerate() {
        let name = item.name;
        if name.is_empty() {
            out.error(
                "empty-name",
                item.path.clone(),
                format!("A {noun} {place} has no name."),
                format!(
                    "Give it a name made of English letters, digits and _, such as {}.",
                    unique(&format!("{}{}", capitalized_noun(noun), index + 1), &taken)
                ),
            );
        } else if is_reserved(name) {
            out.error(
                "reserved-name",
                item.path.clone(),
                format!(
                    "The {noun} name \"{name}\" can't be used in code: \"{name}\" is a word that \
                     Luau, Roblox's scripting language, keeps for itself."
                ),
                format!(
                    "Rename it, for example to {}.",
                    unique(&suggest(name), &taken)
                ),
            );
        } else if !is_luau_identifier(name) {
            out.error(
                "invalid-name",
                item.path.clone(),
                format!(
                    "The {noun} name {} can't be used in code ({}): names may only contain \
                     English letters (A-Z, a-z), digits (0-9) and _, and can't start with a digit.",
                    quote(name),
                    why_invalid(name)
                ),
                format!("Rename it to {}.", unique(&suggest(name), &taken)),
            );
        }
    }
    check_duplicates(siblings, noun, place, &taken, out, |noun, name, place| {
        format!(
            "Two {noun}s {place} are called {}: each needs its own name, or one would \
             overwrite the other.",
            show(name)
        )
    });
}

/// Checks the names of sibling GUI objects: non-empty, without `/`, unique.
/// `parent` describes where they are ("inside Panel").
pub(super) fn check_gui_names(siblings: &[Named<'_>], parent: &str, out: &mut Report) {
    let taken: HashSet<&str> = siblings.iter().map(|s| s.name).collect();
    for item in siblings {
        if item.name.is_empty() {
            out.error(
                "empty-name",
                item.path.clone(),
                format!(
                    "An object {parent} has no name; the generated code finds objects by their \
                     names."
                ),
                "Give it a name, as in Studio's Explorer.",
            );
        } else if item.name.contains('/') {
            out.error(
                "gui-name-slash",
                item.path.clone(),
                format!(
                    "The object name {} contains /, which separates names in paths such as the \
                     leaderboard's \"rows in\" setting, so the object can't be found by its path.",
                    quote(item.name)
                ),
                format!(
                    "Rename it to {}.",
                    unique(&item.name.replace('/', "_"), &taken)
                ),
            );
        }
    }
    check_duplicates(siblings, "object", parent, &taken, out, |_, name, place| {
        format!(
            "Two objects {place} are called {}; the generated code finds objects by their \
             names, so it would always find the first one.",
            quote(name)
        )
    });
}

/// Reports each name after its first use among `siblings`.
fn check_duplicates(
    siblings: &[Named<'_>],
    noun: &str,
    place: &str,
    taken: &HashSet<&str>,
    out: &mut Report,
    message: impl Fn(&str, &str, &str) -> String,
) {
    if taken.len() == siblings.len() {
        return;
    }
    let mut seen: HashMap<&str, usize> = HashMap::with_capacity(siblings.len());
    for item in siblings {
        if item.name.is_empty() {
            continue;
        }
        let uses = seen.entry(item.name).or_insert(0);
        *uses += 1;
        if *uses == 2 {
            let base = if is_luau_identifier(item.name) || noun == "object" {
                item.name.to_string()
            } else {
                suggest(item.name)
            };
            out.error(
                "duplicate-name",
                item.path.clone(),
                message(noun, item.name, place),
                format!(
                    "Rename one of them, for example to {}.",
                    unique(&base, taken)
                ),
            );
        }
    }
}

fn capitalized_noun(noun: &str) -> String {
    noun.split(' ')
        .map(super::text::capitalize)
        .collect::<Vec<_>>()
        .join("")
}

/// Why a non-empty, non-reserved name is not a valid Luau name.
fn why_invalid(name: &str) -> String {
    let mut chars = name.chars();
    let first = chars.next().unwrap_or(' ');
    if first.is_ascii_digit() {
        return "it starts with a digit".into();
    }
    let bad = name
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || *c == '_'))
        .unwrap_or(first);
    match bad {
        ' ' => "it contains a space".into(),
        c if c.is_whitespace() || c.is_control() => {
            format!("it contains the invisible character {}", c.escape_unicode())
        }
        c => format!("it contains {}", quote(&c.to_string())),
    }
}

/// A valid Luau name close to `name`: spaces and other signs become `_`,
/// accented letters lose their accents, a leading digit gets a `_` before
/// it, and a reserved word is capitalized (`end` → `End`).
pub(super) fn suggest(name: &str) -> String {
    let mut out = String::new();
    let mut gap = false;
    for c in name.chars() {
        if out.len() >= SUGGESTION_CHARS {
            break;
        }
        if c.is_ascii_alphanumeric() || c == '_' {
            if gap && !out.is_empty() && !out.ends_with('_') {
                out.push('_');
            }
            gap = false;
            out.push(c);
        } else if let Some(plain) = unaccented(c) {
            if gap && !out.is_empty() && !out.ends_with('_') {
                out.push('_');
            }
            gap = false;
            out.push_str(plain);
        } else {
            gap = true;
        }
    }
    if out.is_empty() {
        out.push_str("Name");
    }
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, '_');
    }
    if is_reserved(&out) {
        out = super::text::capitalize(&out);
    }
    out
}

/// `base`, or `base2`, `base3`... whichever is not taken.
fn unique(base: &str, taken: &HashSet<&str>) -> String {
    if !taken.contains(base) {
        return base.to_string();
    }
    // Bounded, so a project full of Coins, Coins2, Coins3... stays fast.
    (2..102)
        .map(|n| format!("{base}{n}"))
        .find(|candidate| !taken.contains(candidate.as_str()))
        .unwrap_or_else(|| format!("{base}_{}", taken.len() + 1))
}

/// The unaccented spelling of common accented Latin letters.
fn unaccented(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => "a",
        'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' => "A",
        'ç' => "c",
        'Ç' => "C",
        'è' | 'é' | 'ê' | 'ë' => "e",
        'È' | 'É' | 'Ê' | 'Ë' => "E",
        'ì' | 'í' | 'î' | 'ï' => "i",
        'Ì' | 'Í' | 'Î' | 'Ï' => "I",
        'ñ' => "n",
        'Ñ' => "N",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' => "o",
        'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' => "O",
        'ù' | 'ú' | 'û' | 'ü' => "u",
        'Ù' | 'Ú' | 'Û' | 'Ü' => "U",
        'ý' | 'ÿ' => "y",
        'Ý' => "Y",
        'ß' => "ss",
        'æ' => "ae",
        'Æ' => "AE",
        'œ' => "oe",
        'Œ' => "OE",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_valid_names() {
        assert_eq!(suggest("my coins"), "my_coins");
        assert_eq!(suggest("Münzen"), "Munzen");
        assert_eq!(suggest("2fast"), "_2fast");
        assert_eq!(suggest("end"), "End");
        assert_eq!(suggest("!!!"), "Name");
        assert_eq!(suggest("a - b"), "a_b");
        assert_eq!(suggest("coins!"), "coins");
        for name in ["my coins", "Münzen", "2fast", "end", "", "🙂", "a\u{0}b"] {
            assert!(is_luau_identifier(&suggest(name)), "{name:?}");
        }
    }

    #[test]
    fn finds_a_free_name() {
        let taken: HashSet<&str> = ["Coins", "Coins2"].into_iter().collect();
        assert_eq!(unique("Coins", &taken), "Coins3");
        assert_eq!(unique("Gems", &taken), "Gems");
    }
}

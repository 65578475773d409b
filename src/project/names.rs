//! What counts as a valid name in generated Luau code.

/// Words Luau reserves: a field or leaderboard named like this would not
/// compile as `data.end`.
pub const LUAU_RESERVED: [&str; 21] = [
    "and", "break", "do", "else", "elseif", "end", "false", "for", "function", "if", "in", "local",
    "nil", "not", "or", "repeat", "return", "then", "true", "until", "while",
];

/// Whether `name` can be written as a plain Luau identifier: a letter or `_`,
/// then letters, digits or `_` (ASCII only), and not a reserved word.
pub fn is_luau_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    match chars.next() {
        Some(c) if c.is_ascii_alphabetic() || c == '_' => {}
        _ => return false,
    }
    chars.all(|c| c.is_ascii_alphanumeric() || c == '_') && !is_reserved(name)
}

pub fn is_reserved(name: &str) -> bool {
    LUAU_RESERVED.contains(&name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers() {
        assert!(is_luau_identifier("Coins"));
        assert!(is_luau_identifier("_private2"));
        assert!(!is_luau_identifier("2fast"));
        assert!(!is_luau_identifier("my coins"));
        assert!(!is_luau_identifier("end"));
        assert!(!is_luau_identifier(""));
        assert!(!is_luau_identifier("Münzen"));
    }
}

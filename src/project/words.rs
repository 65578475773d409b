//! Words every message shares, from the checks to the window and the command
//! line: counts with their plural, and the one sentence that says why a
//! project with errors can't be exported.

/// A whole number with thousands separators: `4,194,304`.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `1 item`, `3 items`.
pub fn count(n: u64, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{} {many}", thousands(n))
    }
}

/// The word that goes with `n` things: `one` for 1, else `many`.
pub fn plural<'a>(n: u64, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}

/// Why a project can't be exported, or anything made from its export (the
/// files, test play): "The project has 2 errors that stop Export". Each
/// place adds where the errors are listed and what it could not do.
pub fn errors_stop_export(errors: usize) -> String {
    let n = errors as u64;
    format!(
        "The project has {} that {} Export",
        count(n, "error", "errors"),
        plural(n, "stops", "stop")
    )
}

/// How a check ends: "no problems", "1 error, 2 warnings".
pub fn summary(errors: usize, warnings: usize) -> String {
    match (errors, warnings) {
        (0, 0) => "no problems".to_string(),
        _ => format!(
            "{}, {}",
            count(errors as u64, "error", "errors"),
            count(warnings as u64, "warning", "warnings")
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_and_the_export_sentence() {
        assert_eq!(count(1, "entry", "entries"), "1 entry");
        assert_eq!(count(0, "entry", "entries"), "0 entries");
        assert_eq!(count(1200, "item", "items"), "1,200 items");
        assert_eq!(
            errors_stop_export(1),
            "The project has 1 error that stops Export"
        );
        assert_eq!(
            errors_stop_export(3),
            "The project has 3 errors that stop Export"
        );
    }
}

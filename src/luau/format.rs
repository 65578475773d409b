//! Formatting generated Luau with StyLua, and parsing it with full_moon to
//! prove it is valid.

use stylua_lib::{
    CallParenType, CollapseSimpleStatement, Config, IndentType, LineEndings, LuaVersion,
    OutputVerification, QuoteStyle,
};

/// Why generated code could not be formatted. Either means a bug in the
/// generator: its output should always parse.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FormatError {
    #[error("the generated Luau does not parse: {0}")]
    Parse(String),
    #[error("StyLua could not format the generated Luau: {0}")]
    Format(String),
}

/// The StyLua settings of every exported file: Luau syntax, tabs (the Roblox
/// convention), 120 columns, double quotes, Unix line endings.
pub fn stylua_config() -> Config {
    Config {
        syntax: LuaVersion::Luau,
        column_width: 120,
        line_endings: LineEndings::Unix,
        indent_type: IndentType::Tabs,
        indent_width: 4,
        quote_style: QuoteStyle::ForceDouble,
        call_parentheses: CallParenType::Always,
        collapse_simple_statement: CollapseSimpleStatement::Never,
        ..Config::default()
    }
}

/// Formats Luau code with StyLua. The code is parsed first (so a syntax error
/// is reported as such), and StyLua checks that its output means the same as
/// its input.
pub fn format_luau(code: &str) -> Result<String, FormatError> {
    // StyLua parses the code itself and refuses what does not parse. Its
    // output is not re-verified here (that doubles the time of an export);
    // the tests parse every generated file and check StyLua is stable on it.
    stylua_lib::format_code(code, stylua_config(), None, OutputVerification::None).map_err(|err| {
        match err {
            stylua_lib::Error::ParseError(_) => FormatError::Parse(err.to_string()),
            other => FormatError::Format(other.to_string()),
        }
    })
}

/// Parses Luau code with full_moon (Luau syntax); the error lists every
/// problem found, with its position.
pub fn parse_luau(code: &str) -> Result<(), String> {
    full_moon::parse_fallible(code, full_moon::LuaVersion::luau())
        .into_result()
        .map(|_| ())
        .map_err(|errors| {
            errors
                .iter()
                .map(|e| e.to_string())
                .collect::<Vec<_>>()
                .join("\n")
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_with_tabs_and_double_quotes() {
        let code = "local t = {a=1,b='x'}\nif t.a then\n  print( 'hi' )\nend\n";
        let out = format_luau(code).unwrap();
        assert_eq!(
            out,
            "local t = { a = 1, b = \"x\" }\nif t.a then\n\tprint(\"hi\")\nend\n"
        );
        assert_eq!(format_luau(&out).unwrap(), out);
    }

    #[test]
    fn luau_syntax_is_accepted() {
        let code = "--!strict\nexport type T = { a: number, b: { string }?, [\"c d\"]: \"x\" | \"y\" }\nlocal x: T? = nil\nlocal n = (x :: any) // 2\nreturn {}\n";
        parse_luau(code).unwrap();
        let out = format_luau(code).unwrap();
        assert!(out.starts_with("--!strict\n"));
        parse_luau(&out).unwrap();
    }

    #[test]
    fn errors_are_reported() {
        let err = parse_luau("local x = ").unwrap_err();
        assert!(!err.is_empty());
        assert!(matches!(
            format_luau("local = 1"),
            Err(FormatError::Parse(_))
        ));
        assert!(parse_luau("x = data.end").is_err());
    }
}

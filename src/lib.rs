//! DataStore Designer: design a Roblox game's saved player data, how it is
//! saved and its global leaderboards, then export Studio-ready files.
//!
//! Data flows one way: the project document ([`project`]) is checked
//! ([`project::validate`]), turned into Luau ([`luau`]) and written as a Rojo
//! project ([`studio`]) by [`export`].
//!
//! The modules are layers, lowest first; each uses only the ones before it,
//! so a change low down never needs one higher up (the `layers` test checks):
//!
//! 1. [`project`]: the document, its file format and its checks.
//! 2. [`layout`]: where each GUI object of a leaderboard lands on a screen.
//! 3. [`studio`]: the plan of an export's files, Rojo paths, Studio models
//!    and the atomic writer.
//! 4. [`luau`]: the generated Luau and the embedded runtime, added to a plan.
//! 5. [`export`]: the pipeline: check, generate, write.
//! 6. [`sim`]: the emulated Roblox server that test-plays an export.
//! 7. [`typecheck`]: Luau's strict type checker over an export (the checker
//!    itself only with the `luau-typecheck` feature).
//! 8. [`live`]: a live game's saved player data through Open Cloud.
//! 9. [`app`]: the designer window.
//! 10. [`cli`]: the command line, which also opens the window.

pub mod app;
pub mod cli;
pub mod export;
pub mod layout;
pub mod live;
pub mod luau;
pub mod project;
pub mod sim;
pub mod studio;
pub mod typecheck;

/// [The layers](self), lowest first.
#[cfg(test)]
const LAYERS: [&str; 10] = [
    "project",
    "layout",
    "studio",
    "luau",
    "export",
    "sim",
    "typecheck",
    "live",
    "app",
    "cli",
];

#[cfg(test)]
mod layers {
    use std::path::Path;

    use super::LAYERS;

    /// Every `crate::<module>` a file names (in code or in doc links); `{`
    /// for a grouped `crate::{…}`, which the test refuses.
    fn named_modules(text: &str) -> Vec<&str> {
        text.match_indices("crate::")
            .map(|(at, _)| {
                let rest = &text[at + "crate::".len()..];
                let end = rest
                    .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                    .unwrap_or(rest.len());
                if end == 0 && rest.starts_with('{') {
                    "{"
                } else {
                    &rest[..end]
                }
            })
            .collect()
    }

    fn rust_files(path: &Path, out: &mut Vec<std::path::PathBuf>) {
        if path.is_dir() {
            for entry in std::fs::read_dir(path).unwrap() {
                rust_files(&entry.unwrap().path(), out);
            }
        } else if path.is_file() && path.extension().is_some_and(|e| e == "rs") {
            out.push(path.to_path_buf());
        }
    }

    #[test]
    fn no_module_uses_one_above_it() {
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut wrong = Vec::new();
        for (level, layer) in LAYERS.iter().enumerate() {
            let mut files = Vec::new();
            rust_files(&src.join(layer), &mut files);
            rust_files(&src.join(format!("{layer}.rs")), &mut files);
            assert!(!files.is_empty(), "no source for layer {layer}");
            for file in files {
                let text = std::fs::read_to_string(&file).unwrap();
                for used in named_modules(&text) {
                    if used == "{" {
                        wrong.push(format!(
                            "{}: name each layer in its own use",
                            file.display()
                        ));
                    } else if let Some(above) = LAYERS.iter().position(|l| *l == used)
                        && above > level
                    {
                        wrong.push(format!("{} uses crate::{used}", file.display()));
                    }
                }
            }
        }
        assert!(
            wrong.is_empty(),
            "layers used upwards:\n{}",
            wrong.join("\n")
        );
    }

    #[test]
    fn every_module_is_a_layer() {
        let lib = include_str!("lib.rs");
        for line in lib.lines() {
            if let Some(name) = line.strip_prefix("pub mod ") {
                let name = name.trim_end_matches(';');
                assert!(LAYERS.contains(&name), "{name} is not in LAYERS");
            }
        }
    }
}

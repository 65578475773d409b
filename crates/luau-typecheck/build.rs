//! Links Luau's type checker into one object that exports nothing but the
//! `ddluau_*` functions of `shim/checker.cpp`.
//!
//! Why not link `luau-analyze`'s libraries as they are: the application also
//! embeds Luau through mlua (the test-play VM, a different Luau version), and
//! both define the same C++ and C symbols (`Luau::Parser::parse`,
//! `lua_newstate`, ...). Linked side by side, the linker would bind one
//! version's callers to the other's code. So the Luau libraries that
//! `luau-analyze` compiled (its build script runs before this one: it declares
//! `links`) are unpacked, partially linked with our shim, and every symbol but
//! ours is made local.
//!
//! Nothing is compiled twice: only the shim is compiled here.

use std::env;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The libraries `luau-analyze` builds, minus its own shim.
const LUAU_LIBS: &[&str] = &[
    "luau_analysis",
    "luau_config",
    "luau_compiler",
    "luau_vm",
    "luau_ast",
    "luau_common",
];

/// The only symbols the combined object keeps global.
const EXPORTS: &[&str] = &[
    "ddluau_new",
    "ddluau_free",
    "ddluau_add_definitions",
    "ddluau_set_environment",
    "ddluau_set_source",
    "ddluau_check",
    "ddluau_free_string",
];

fn main() {
    let out_dir = PathBuf::from(env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=shim/checker.cpp");
    println!("cargo:rerun-if-env-changed=LUAU_ANALYZE_SRC");

    let analyze = LuauAnalyzeBuild::find(&out_dir);
    for lib in LUAU_LIBS {
        println!("cargo:rerun-if-changed={}", analyze.archive(lib).display());
    }

    let mut objects = Vec::new();
    for lib in LUAU_LIBS {
        objects.extend(unpack(
            &analyze.archive(lib),
            &out_dir.join("objects").join(lib),
        ));
    }
    objects.extend(compile_shim(&analyze.luau_source));

    let combined = out_dir.join("ddluau.o");
    // Inline functions and template instances sit in COMDAT groups, which
    // the final link merges by name across objects: it could keep the other
    // Luau's copy and leave our now-local references to the discarded one
    // pointing nowhere. Dissolving the groups here keeps our copies ours.
    run(Command::new("ld")
        .arg("-r")
        .arg("--force-group-allocation")
        .arg("-o")
        .arg(&combined)
        .args(&objects));
    let keep = out_dir.join("exports.txt");
    fs::write(&keep, EXPORTS.join("\n") + "\n").expect("write the export list");
    // GNU "unique" symbols (static members of templates, like the AST node
    // ids `Luau::AstRtti<T>::value`) cannot be made local, and the linker
    // would merge them with the other Luau's: they get names of their own.
    let renames = out_dir.join("renames.txt");
    let unique: Vec<String> = unique_symbols(&combined)
        .into_iter()
        .map(|name| format!("{name} ddluau_{name}"))
        .collect();
    fs::write(&renames, unique.join("\n") + "\n").expect("write the rename list");
    run(Command::new("objcopy")
        .arg(format!("--keep-global-symbols={}", keep.display()))
        .arg(format!("--redefine-syms={}", renames.display()))
        .arg(&combined));
    let archive = out_dir.join("libddluau.a");
    let _ = fs::remove_file(&archive);
    run(Command::new("ar").arg("crs").arg(&archive).arg(&combined));

    println!("cargo:rustc-link-search=native={}", out_dir.display());
    println!("cargo:rustc-link-lib=static=ddluau");
    println!("cargo:rustc-link-lib=stdc++");
}

/// Where `luau-analyze` keeps its Luau sources and the libraries its build
/// script made.
struct LuauAnalyzeBuild {
    luau_source: PathBuf,
    out_dir: PathBuf,
}

impl LuauAnalyzeBuild {
    /// Build scripts of one profile share `target/<profile>/build/`: the
    /// dependency's output directory is a sibling of ours, and the dep-info
    /// file of its build script names the crate's source directory.
    fn find(out_dir: &Path) -> Self {
        let build_root = out_dir
            .parent()
            .and_then(Path::parent)
            .expect("OUT_DIR is target/<profile>/build/<crate>/out");
        let mut newest_out: Option<(std::time::SystemTime, PathBuf)> = None;
        let mut source: Option<PathBuf> = env::var_os("LUAU_ANALYZE_SRC").map(PathBuf::from);
        for entry in fs::read_dir(build_root).expect("read target/<profile>/build") {
            let dir = entry.expect("read a build directory").path();
            let is_analyze = dir
                .file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("luau-analyze-"));
            if !is_analyze {
                continue;
            }
            let lib = dir.join("out").join("libluau_analysis.a");
            if let Ok(modified) = fs::metadata(&lib).and_then(|m| m.modified())
                && newest_out.as_ref().is_none_or(|(t, _)| modified > *t)
            {
                newest_out = Some((modified, dir.join("out")));
            }
            if source.is_none() {
                source = build_script_source(&dir);
            }
        }
        let out_dir = newest_out
            .map(|(_, dir)| dir)
            .expect("luau-analyze's libraries are missing: its build script should have run before this one");
        let crate_dir = source.expect(
            "luau-analyze's source directory was not found; set LUAU_ANALYZE_SRC to the directory holding its build.rs",
        );
        LuauAnalyzeBuild {
            luau_source: crate_dir.join("luau"),
            out_dir,
        }
    }

    fn archive(&self, lib: &str) -> PathBuf {
        self.out_dir.join(format!("lib{lib}.a"))
    }
}

/// The crate directory named by a `build_script_build-*.d` dep-info file.
fn build_script_source(dir: &Path) -> Option<PathBuf> {
    for entry in fs::read_dir(dir).ok()? {
        let path = entry.ok()?.path();
        let is_dep_info = path.extension().is_some_and(|e| e == "d")
            && path
                .file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("build_script_build"));
        if !is_dep_info {
            continue;
        }
        let text = fs::read_to_string(&path).ok()?;
        let build_rs = text
            .split_whitespace()
            .find(|word| word.ends_with("/build.rs"))?;
        let crate_dir = Path::new(build_rs).parent()?.to_path_buf();
        if crate_dir.join("luau").join("Analysis").is_dir() {
            return Some(crate_dir);
        }
    }
    None
}

/// Unpacks a static library's objects into `into` and lists them.
fn unpack(archive: &Path, into: &Path) -> Vec<PathBuf> {
    let _ = fs::remove_dir_all(into);
    fs::create_dir_all(into).expect("create an object directory");
    run(Command::new("ar").arg("x").arg(archive).current_dir(into));
    let mut objects: Vec<PathBuf> = fs::read_dir(into)
        .expect("list unpacked objects")
        .map(|e| e.expect("read an unpacked object").path())
        .filter(|p| p.extension().is_some_and(|e| e == "o"))
        .collect();
    objects.sort();
    objects
}

/// Compiles the shim with the defines `luau-analyze` compiles Luau with, so
/// both sides agree on every Luau type's layout.
fn compile_shim(luau: &Path) -> Vec<PathBuf> {
    let mut build = cc::Build::new();
    build
        .cpp(true)
        .std("c++17")
        .warnings(false)
        .define("LUAI_MAXCSTACK", "1000000")
        .define("LUA_VECTOR_SIZE", "3")
        .define("LUA_API", "extern \"C\"")
        .define("LUACODE_API", "extern \"C\"")
        .file("shim/checker.cpp");
    for part in ["Analysis", "Config", "VM", "Compiler", "Ast", "Common"] {
        build.include(luau.join(part).join("include"));
    }
    build.compile_intermediates()
}

/// The symbols of an object with GNU "unique" binding.
fn unique_symbols(object: &Path) -> Vec<String> {
    let output = Command::new("nm")
        .arg(object)
        .output()
        .expect("could not run nm");
    assert!(output.status.success(), "nm {} failed", object.display());
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|line| {
            let mut parts = line.split_whitespace().rev();
            let name = parts.next()?;
            (parts.next()? == "u").then(|| name.to_string())
        })
        .collect()
}

fn run(command: &mut Command) {
    let status = command
        .status()
        .unwrap_or_else(|e| panic!("could not run {command:?}: {e}"));
    assert!(status.success(), "{command:?} failed with {status}");
}

//! Luau generation: a small typed syntax tree with a printer, StyLua
//! formatting, and the generated modules (config, types).

pub mod ast;
pub mod config;
pub mod format;
pub mod types;

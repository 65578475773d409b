//! DataStore Designer: design a Roblox game's saved player data, how it is
//! saved and its global leaderboards, then export Studio-ready files.
//!
//! Data flows one way: the project document ([`project`]) is checked
//! ([`project::validate`]), turned into Luau ([`luau`]) and written as a Rojo
//! project ([`studio`]) by [`export`].

pub mod app;
pub mod cli;
pub mod export;
pub mod layout;
pub mod luau;
pub mod project;
pub mod sim;
pub mod studio;
pub mod typecheck;

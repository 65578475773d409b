//! The integration tests, as one program with a module per area (as Rojo's
//! `end_to_end` tests are). Each `tests/*.rs` used to be a program of its
//! own, and every one of them linked egui, wgpu and mlua again; one program
//! links them once. Run one area with `cargo test --test it app_tree::`.

mod app_common;
mod common;

mod acceptance_data;
mod app_canvas;
mod app_commerce;
mod app_data_status;
mod app_designer;
mod app_export_on_save;
mod app_files;
mod app_gui_polish;
mod app_install;
mod app_leaderboard_ranking;
mod app_live_data;
mod app_looks;
mod app_test_play;
mod app_tree;
mod cli;
mod cli_watch;
mod client_gui;
mod client_ranking;
mod diagnostics;
mod examples;
mod export;
mod handoff;
mod hostile;
mod layout_geometry;
mod layout_polish;
mod layout_presets;
mod layout_surface;
mod layout_text;
mod leaderboard_numbers;
mod leaderboard_periods;
mod live_data;
mod load;
mod looks;
mod luau_generation;
mod runtime_grants;
mod runtime_luau;
mod runtime_sim;
mod scenarios;
mod sim_datastore;
mod sim_erasure;
mod sim_faults;
mod sim_marketplace;
mod sim_runtime;
mod studio_models;
mod studio_place;
mod studio_plugin;

//! `layout FILE [--leaderboard NAME | --data-status STATE] --device NAME
//! [--json]`: where every element of a leaderboard GUI, or of the
//! data-status screen in one state, lands on a device, as Roblox lays it out.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{anyhow, bail};
use serde::Serialize;

use crate::layout::{self, Device, LayoutOptions, Rect, TopBar, Vec2};
use crate::project::data_status::DataState;
use crate::project::file;
use crate::project::gui::GuiNode;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum TopBarArg {
    /// Roblox's current top bar, 58 px.
    Current,
    /// The old top bar, 36 px.
    Classic,
}

/// A state of the data-status screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum StatusArg {
    /// While the player's data loads.
    Loading,
    /// When it couldn't be loaded and nothing is saved.
    ReadOnly,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The project file (.ron).
    pub file: PathBuf,
    /// Which leaderboard's GUI; the first one if left out.
    #[arg(long)]
    pub leaderboard: Option<String>,
    /// Lay out the data-status screen in this state instead of a leaderboard.
    #[arg(long, value_enum, conflicts_with_all = ["leaderboard", "rows"])]
    pub data_status: Option<StatusArg>,
    /// The device to lay out for.
    #[arg(long, default_value = "desktop", value_parser = clap::builder::PossibleValuesParser::new(Device::names()))]
    pub device: String,
    /// Sample rows to fill the list with; the leaderboard's top count if left out.
    #[arg(long)]
    pub rows: Option<u32>,
    #[arg(long, value_enum, default_value_t = TopBarArg::Current)]
    pub top_bar: TopBarArg,
    /// Print JSON instead of a table.
    #[arg(long)]
    pub json: bool,
}

#[derive(Serialize)]
struct Element<'a> {
    path: &'a str,
    class: &'a str,
    absolute_position: [f32; 2],
    absolute_size: [f32; 2],
    /// The rectangle descendants are clipped to, in screen pixels.
    clip: [f32; 4],
    /// What of the element can be seen after clipping; null when nothing.
    visible_rect: Option<[f32; 4]>,
    /// Position in drawing order (0 first, at the back); null when hidden.
    draw_order: Option<usize>,
    visible: bool,
}

#[derive(Serialize)]
struct Report<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    leaderboard: Option<&'a str>,
    /// The data-status screen's state, when it is what was laid out.
    #[serde(skip_serializing_if = "Option::is_none")]
    data_status: Option<&'a str>,
    device: &'a Device,
    screen: [f32; 2],
    gui_inset: [f32; 2],
    elements: Vec<Element<'a>>,
}

fn pair(v: Vec2) -> [f32; 2] {
    [v.x, v.y]
}
fn quad(r: Rect) -> [f32; 4] {
    [r.x, r.y, r.w, r.h]
}

/// The GUI to lay out, filled as players see it, its title, whether it is
/// the data-status screen, and the size of the part a board is on.
fn gui_to_lay_out(
    project: &crate::project::Project,
    args: &Args,
) -> anyhow::Result<(GuiNode, String, bool, Option<[f32; 3]>)> {
    if let Some(state) = args.data_status {
        let state = match state {
            StatusArg::Loading => DataState::Loading,
            StatusArg::ReadOnly => DataState::ReadOnly,
        };
        let gui = project
            .data_status
            .showing(state, &project.save_policy.messages);
        return Ok((
            gui,
            format!("Data status screen ({})", state.label()),
            true,
            None,
        ));
    }
    let names: Vec<&str> = project
        .leaderboards
        .iter()
        .map(|l| l.name.as_str())
        .collect();
    let board = match &args.leaderboard {
        Some(name) => project.leaderboard(name).ok_or_else(|| {
            anyhow!(
                "the project has no leaderboard called {name}; it has: {}",
                if names.is_empty() {
                    "none".to_string()
                } else {
                    names.join(", ")
                }
            )
        })?,
        None => match project.leaderboards.first() {
            Some(board) => board,
            None => bail!(
                "the project has no leaderboards, so there is no leaderboard GUI to lay out (--data-status lays out the data-status screen)"
            ),
        },
    };
    let entries = layout::sample_entries(args.rows.unwrap_or(board.top), 1_250_000);
    let mut gui = layout::fill_rows(board, &entries, board.number_format);
    layout::preview_ranking(board, &mut gui, &entries);
    Ok((gui, board.name.clone(), false, board.display.part_size()))
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let project = file::load(&args.file)?;
    let (gui, title, is_status, part) = gui_to_lay_out(&project, &args)?;
    let device = Device::by_name(&args.device).expect("clap only accepts preset names");
    let options = LayoutOptions {
        top_bar: match args.top_bar {
            TopBarArg::Current => TopBar::Current,
            TopBarArg::Classic => TopBar::Classic,
        },
        // A SurfaceGui in PixelsPerStud mode is as big as its part's face;
        // positions stay in canvas pixels, as Roblox reports them.
        surface_part_size: part
            .filter(|_| gui.class == "SurfaceGui")
            .map(|p| layout::surface::fit(&gui, p).face),
        current_pages: Vec::new(),
    };
    let result = layout::layout(&gui, &device, &options);
    let mut draw_position = vec![None; result.nodes.len()];
    for (order, &index) in result.draw_order.iter().enumerate() {
        draw_position[index] = Some(order);
    }
    let elements: Vec<Element> = result
        .nodes
        .iter()
        .enumerate()
        .map(|(i, node)| Element {
            path: &node.path,
            class: &node.class,
            absolute_position: pair(node.absolute_position),
            absolute_size: pair(node.size),
            clip: quad(node.clip),
            visible_rect: node.visible_rect.map(quad),
            draw_order: draw_position[i],
            visible: node.visible,
        })
        .collect();

    if args.json {
        let state = args.data_status.map(|s| match s {
            StatusArg::Loading => "loading",
            StatusArg::ReadOnly => "read-only",
        });
        let report = Report {
            leaderboard: (!is_status).then_some(title.as_str()),
            data_status: state,
            device: &device,
            screen: pair(result.screen),
            gui_inset: pair(result.gui_inset),
            elements,
        };
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        println!(
            "{} on {} ({}x{}), GUI inset {}x{}:",
            title,
            device.label,
            result.screen.x,
            result.screen.y,
            result.gui_inset.x,
            result.gui_inset.y
        );
        println!(
            "{:>5}  {:<16} {:>16} {:>16}  path",
            "draw", "class", "position", "size"
        );
        for e in &elements {
            let draw = e.draw_order.map_or("-".to_string(), |d| d.to_string());
            println!(
                "{draw:>5}  {:<16} {:>16} {:>16}  {}",
                e.class,
                format!(
                    "{:.1}, {:.1}",
                    e.absolute_position[0], e.absolute_position[1]
                ),
                format!("{:.1} x {:.1}", e.absolute_size[0], e.absolute_size[1]),
                e.path
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

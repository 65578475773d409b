//! The run over time: requests against their budgets, how long saves took,
//! and how long players waited for their data.

use egui::{Color32, RichText, Ui};
use egui_plot::{
    Corner, HoverPosition, Legend, Line, LineStyle, MarkerShape, Plot, PlotPoints, Points,
    log_grid_spacer,
};

use crate::project::budget::RequestType;
use crate::sim::scenario::{Report, Sample};

const HEIGHT: f32 = 200.0;

/// One colour per request type, the same in the line and its budget.
fn color(t: RequestType) -> Color32 {
    match t {
        RequestType::StandardRead => Color32::from_rgb(80, 150, 230),
        RequestType::StandardWrite => Color32::from_rgb(235, 150, 60),
        RequestType::StandardRemove => Color32::from_rgb(220, 80, 80),
        RequestType::StandardList => Color32::from_rgb(170, 110, 220),
        RequestType::OrderedRead => Color32::from_rgb(60, 190, 180),
        RequestType::OrderedWrite => Color32::from_rgb(120, 200, 90),
        RequestType::OrderedRemove => Color32::from_rgb(180, 130, 90),
        RequestType::OrderedList => Color32::from_rgb(230, 120, 180),
    }
}

/// `budget_lines`: whether the requests plot shows the budgets. They are
/// often far above the requests, which then hug the bottom; without them the
/// plot scales to the requests.
pub(super) fn show(ui: &mut Ui, report: &Report, budget_lines: &mut bool) {
    ui.horizontal(|ui| {
        ui.label(RichText::new("Requests per minute").strong());
        ui.add_space(12.0);
        ui.checkbox(budget_lines, "Show the budgets")
            .on_hover_text("Untick to scale the plot to the requests themselves when they are far below what Roblox allows");
    });
    super::super::widgets::explain(
        ui,
        "Each solid line is one kind of DataStore request; the dashed line of the same colour is what Roblox allows of it in that minute. Drag a box with the right mouse button to zoom in, double-click to zoom out.",
    );
    requests(ui, report, *budget_lines);
    ui.add_space(8.0);
    ui.columns(2, |cols| {
        title(
            &mut cols[0],
            "How long saves took",
            "Each dot is one save that reached the DataStore.",
        );
        samples(
            &mut cols[0],
            "test-play-saves",
            "save",
            &report.save_latency,
            Color32::from_rgb(235, 150, 60),
            "No save reached the DataStore.",
        );
        title(
            &mut cols[1],
            "How long players waited for their data",
            "Each dot is one load, including waiting for another server to let go of the data.",
        );
        samples(
            &mut cols[1],
            "test-play-loads",
            "load",
            &report.load_waits,
            Color32::from_rgb(80, 150, 230),
            "No player data was loaded.",
        );
    });
}

fn title(ui: &mut Ui, text: &str, explanation: &str) {
    ui.label(RichText::new(text).strong());
    super::super::widgets::explain(ui, explanation);
}

fn base(id: &str) -> Plot<'static> {
    Plot::new(id)
        .height(HEIGHT)
        .x_axis_label("minutes")
        // Room for "0.25" from the first frame, before the plot measures.
        .y_axis_min_width(34.0)
        // The page scrolls with the wheel; zoom with a drag box instead.
        .allow_scroll(false)
        .allow_zoom(false)
        .allow_drag(false)
        .include_x(0.0)
        .include_y(0.0)
}

fn requests(ui: &mut Ui, report: &Report, budget_lines: bool) {
    let used: Vec<RequestType> = RequestType::ALL
        .into_iter()
        .filter(|t| {
            report
                .requests_per_minute
                .iter()
                .any(|m| m.sent.iter().any(|(s, n)| s == t && *n > 0))
        })
        .collect();
    if used.is_empty() {
        ui.label(RichText::new("No DataStore requests were sent.").weak());
        return;
    }
    // Another id per choice, so the plot fits its new content at once.
    base(if budget_lines {
        "test-play-requests"
    } else {
        "test-play-requests-only"
    })
    .y_axis_label("requests per minute")
    .legend(Legend::default().position(Corner::RightTop))
    .show(ui, |plot| {
        for t in used {
            // Minute n covers n..n+1: draw each minute as a flat step so
            // a busy minute reads as a plateau, not a spike.
            let sent: Vec<[f64; 2]> = report
                .requests_per_minute
                .iter()
                .flat_map(|m| {
                    let n = m.sent.iter().find(|(s, _)| *s == t).map_or(0, |(_, n)| *n) as f64;
                    let x = f64::from(m.minute);
                    [[x, n], [x + 1.0, n]]
                })
                .collect();
            let budget: Vec<[f64; 2]> = report
                .requests_per_minute
                .iter()
                .filter_map(|m| {
                    let b = m.budget.iter().find(|(s, _)| *s == t)?.1;
                    let x = f64::from(m.minute);
                    Some([[x, b], [x + 1.0, b]])
                })
                .flatten()
                .collect();
            plot.line(
                Line::new(t.describe(), PlotPoints::new(sent))
                    .color(color(t))
                    .width(2.0),
            );
            // The same name puts the budget under the type's legend entry,
            // so hiding the type hides its budget too.
            if !budget_lines {
                continue;
            }
            plot.line(
                Line::new(t.describe(), PlotPoints::new(budget))
                    .color(color(t))
                    .style(LineStyle::dashed_loose())
                    .width(1.5),
            );
        }
    });
}

fn samples(ui: &mut Ui, id: &str, what: &str, data: &[Sample], color: Color32, none: &str) {
    if data.is_empty() {
        ui.label(RichText::new(none).weak());
        return;
    }
    let points: Vec<[f64; 2]> = data.iter().map(|s| [s.time / 60.0, s.seconds]).collect();
    base(id)
        .y_axis_label("seconds")
        // Steps of 5 rather than 10: these plots are small, and a range like
        // 0 to 0.8 seconds would otherwise be labelled with 0 alone.
        .x_grid_spacer(log_grid_spacer(5))
        .y_grid_spacer(log_grid_spacer(5))
        .label_formatter(|pos| {
            let p = match pos {
                HoverPosition::NearDataPoint { position, .. } => position,
                HoverPosition::Elsewhere { position } => position,
            };
            Some(format!("{:.2} seconds at minute {:.1}", p.y, p.x))
        })
        .show(ui, |plot| {
            plot.points(
                Points::new(what.to_string(), PlotPoints::new(points))
                    .color(color)
                    .radius(2.5)
                    .shape(MarkerShape::Circle),
            );
        });
}

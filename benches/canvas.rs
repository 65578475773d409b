//! One frame of the leaderboard canvas with 100 sample rows, headless:
//! layout, painting and tessellation on the CPU, no GPU. Target (release):
//! under 4 ms per frame; measured 1.43 ms on the shared 2-core dev machine.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use datastore_designer::app::canvas::{self, Canvas};
use datastore_designer::app::{PanelCtx, Selection};
use datastore_designer::project::{Project, examples, file};

const ROWS: u32 = 100;

fn project() -> Project {
    let mut project = file::parse_str(examples::text("starter").unwrap(), "starter").unwrap();
    project.leaderboards[0].top = ROWS;
    project
}

fn input() -> egui::RawInput {
    egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1400.0, 860.0),
        )),
        ..Default::default()
    }
}

/// Draws one frame and tessellates it; returns the triangle count.
fn frame(ctx: &egui::Context, canvas: &mut Canvas, project: &Project) -> usize {
    let mut selection = Selection::Leaderboard(0);
    let mut edits = Vec::new();
    let mut requests = Vec::new();
    let output = ctx.run_ui(input(), |ui| {
        egui::CentralPanel::default().show(ui, |ui| {
            let mut pc = PanelCtx {
                project,
                diagnostics: &[],
                selection: &mut selection,
                status: Default::default(),
                edits: &mut edits,
                requests: &mut requests,
            };
            canvas.show(ui, &mut pc, 0);
        });
    });
    // No GPU takes the font atlas' texture updates here; say so, or debug builds
    // (the bench runs once under `cargo test --all-targets`) panic on the drop.
    let mut textures = output.textures_delta;
    textures.clear();
    let prims = ctx.tessellate(output.shapes, output.pixels_per_point);
    prims
        .iter()
        .map(|p| match &p.primitive {
            egui::epaint::Primitive::Mesh(m) => m.indices.len() / 3,
            egui::epaint::Primitive::Callback(_) => 0,
        })
        .sum()
}

fn bench(c: &mut Criterion) {
    let project = project();
    let ctx = egui::Context::default();
    canvas::install_fonts(&ctx);
    let mut canvas = Canvas::default();
    canvas.rows = ROWS;
    // Warm the font atlas and the text-width cache, as the app's first frames do.
    for _ in 0..3 {
        frame(&ctx, &mut canvas, &project);
    }
    let laid = canvas.layout.as_ref().unwrap();
    assert!(
        laid.nodes
            .iter()
            .filter(|n| n.path.contains("Entry"))
            .count()
            >= ROWS as usize,
        "all {ROWS} rows are laid out"
    );
    c.bench_function(
        "canvas frame, 100 rows (layout + paint + tessellate)",
        |b| b.iter(|| black_box(frame(&ctx, &mut canvas, &project))),
    );
}

criterion_group!(benches, bench);
criterion_main!(benches);

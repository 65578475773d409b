//! Layout of a 1,000-instance GUI: the starter's leaderboard filled with
//! rows until the tree holds about 1,000 instances. Target (release): well
//! under 1 ms per layout.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use datastore_designer::layout::{Device, LayoutOptions, fill_rows, layout, sample_entries};
use datastore_designer::project::{examples, file};

fn big_tree() -> datastore_designer::project::GuiNode {
    let project = file::parse_str(examples::text("starter").unwrap(), "starter").unwrap();
    let board = &project.leaderboards[0];
    let per_row = board.row_template.count();
    let rows = (1000 - board.gui.count()) / per_row;
    let gui = fill_rows(
        board,
        &sample_entries(rows as u32, 5_000_000),
        board.number_format,
    );
    assert!(gui.count() >= 990, "tree has {} instances", gui.count());
    gui
}

fn bench(c: &mut Criterion) {
    let gui = big_tree();
    let options = LayoutOptions::default();
    for name in ["desktop", "iphone16"] {
        let device = Device::by_name(name).unwrap();
        // Warm the text-width cache, as the preview does after its first frame.
        let _ = layout(&gui, &device, &options);
        c.bench_function(&format!("layout 1000 instances ({name})"), |b| {
            b.iter(|| layout(black_box(&gui), black_box(&device), &options))
        });
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);

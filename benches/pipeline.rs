//! Load + check + export for every example and for a large generated project.
//! Targets (release build): the starter under 20 ms, the large project
//! (300 fields, 5 leaderboards, 1,000 GUI instances) under 250 ms.

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use datastore_designer::export;
use datastore_designer::project::schema::{Field, FieldType, Value};
use datastore_designer::project::{GuiNode, Project, PropValue, examples, file, validate};
use datastore_designer::studio::writer::WriteOptions;

/// The starter grown to 300 fields and 5 leaderboards whose GUIs hold 1,000
/// instances between them.
fn large_project() -> Project {
    let mut project = file::parse_str(examples::text("starter").unwrap(), "starter").unwrap();
    let mut n = 0;
    while project.schema.fields.len() < 300 {
        n += 1;
        let field =
            match n % 4 {
                0 => Field::new(format!("Count{n}"), FieldType::Integer)
                    .with_default(Value::Integer(0)),
                1 => Field::new(format!("Ratio{n}"), FieldType::Number)
                    .with_default(Value::Number(0.5)),
                2 => {
                    let mut f = Field::new(format!("Label{n}"), FieldType::String);
                    f.max_length = Some(40);
                    f
                }
                _ => {
                    let mut f = Field::new(
                        format!("Items{n}"),
                        FieldType::List(Box::new(FieldType::Integer)),
                    );
                    f.max_items = Some(50);
                    f
                }
            };
        project.schema.fields.push(field);
    }
    let template = project.leaderboards[0].clone();
    project.leaderboards.clear();
    for i in 0..5 {
        let mut board = template.clone();
        board.name = format!("Board{i}");
        board.ordered_datastore = format!("Board{i}Store");
        board.update_seconds = 300;
        // Pad the GUI with decorative frames until the five trees hold 1,000 instances.
        let existing = board.gui.count() + board.row_template.count();
        let container = board
            .gui
            .children
            .iter_mut()
            .find(|c| c.class != "UIListLayout")
            .unwrap();
        for k in existing..200 {
            container.children.push(
                GuiNode::new("Frame", format!("Decor{k}"))
                    .with("Size", PropValue::udim2(0.0, 10, 0.0, 10))
                    .with("BackgroundTransparency", PropValue::Float(0.5)),
            );
        }
        project.leaderboards.push(board);
    }
    project
}

fn pipeline(text: &str, out: &Path) {
    let project = file::parse_str(text, "bench").unwrap();
    let diagnostics = validate::check(&project);
    black_box(&diagnostics);
    let options = WriteOptions {
        force: true,
        ..WriteOptions::default()
    };
    export::export(&project, out, options).unwrap();
}

fn benches(c: &mut Criterion) {
    let tmp = tempfile::tempdir().unwrap();
    for (name, _, text) in examples::EXAMPLES {
        let out = tmp.path().join(name);
        c.bench_function(&format!("load+check+export/{name}"), |b| {
            b.iter(|| pipeline(text, &out))
        });
    }
    let large = large_project();
    let gui: usize = large
        .leaderboards
        .iter()
        .map(|l| l.gui.count() + l.row_template.count())
        .sum();
    assert!(
        gui >= 1000 && large.schema.fields.len() >= 300,
        "large project is large"
    );
    let text = file::to_ron_string(&large);
    let out = tmp.path().join("large");
    c.bench_function("load+check+export/large", |b| {
        b.iter(|| pipeline(&text, &out))
    });
    c.bench_function("check/large", |b| {
        b.iter(|| validate::check(black_box(&large)))
    });
}

criterion_group!(name = group; config = Criterion::default().sample_size(20); targets = benches);
criterion_main!(group);

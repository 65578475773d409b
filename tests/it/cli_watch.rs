//! `export --watch`: the folder follows the project file until stopped.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use datastore_designer::project::examples;

const CONFIG: &str = "src/ServerScriptService/DataManager/Config.luau";

/// Waits up to 10 seconds for `done`.
fn wait_for(what: &str, done: impl Fn() -> bool) {
    let start = Instant::now();
    while !done() {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "waited for {what}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn config_has(served: &Path, text: &str) -> bool {
    std::fs::read_to_string(served.join(CONFIG)).is_ok_and(|c| c.contains(text))
}

#[test]
fn watch_exports_again_when_the_project_file_changes_and_says_why_it_skips() {
    let dir = tempfile::tempdir().unwrap();
    let starter = examples::text("starter").unwrap();
    let project = dir.path().join("game.ron");
    std::fs::write(&project, starter).unwrap();
    let served = dir.path().join("served");
    let child = Command::new(env!("CARGO_BIN_EXE_datastore-designer"))
        .args(["export", "game.ron", "--out", "served", "--watch"])
        .args(["--stop-after", "5"])
        .current_dir(dir.path())
        .stdout(Stdio::piped())
        .spawn()
        .expect("the binary runs");

    wait_for("the first export", || served.join(CONFIG).is_file());
    assert!(!config_has(&served, "4321"));
    let changed = starter.replacen("default: Integer(0)", "default: Integer(4321)", 1);
    assert_ne!(changed, starter);
    std::fs::write(&project, &changed).unwrap();
    wait_for("the export of the change", || config_has(&served, "4321"));

    // A project with an error is skipped, and the folder stays as it was.
    let config = std::fs::read_to_string(served.join(CONFIG)).unwrap();
    std::fs::write(
        &project,
        changed.replacen("name: \"Coins\"", "name: \"\"", 1),
    )
    .unwrap();

    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    assert_eq!(
        std::fs::read_to_string(served.join(CONFIG)).unwrap(),
        config
    );
    let text = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].starts_with("Watching game.ron:"), "{text}");
    let exported = lines
        .iter()
        .filter(|l| l.starts_with("Exported \"Starter\" to served"))
        .count();
    assert_eq!(exported, 2, "{text}");
    assert!(
        lines
            .last()
            .unwrap()
            .starts_with("Skipped: The project has")
            && lines.last().unwrap().contains("that stop")
            && lines.last().unwrap().contains("Export"),
        "{text}"
    );
}

use std::process::ExitCode;

fn main() -> ExitCode {
    restore_default_sigpipe();
    datastore_designer::cli::run()
}

/// Rust ignores SIGPIPE, so `datastore-designer layout ... | head` would fail
/// with an error once `head` stops reading. Command-line tools end quietly
/// instead, as the default signal action does.
fn restore_default_sigpipe() {
    #[cfg(unix)]
    // SAFETY: called first thing in main, before any thread exists; setting a
    // signal's action to its default has no other effect on the program.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

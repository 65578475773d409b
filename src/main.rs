use std::process::ExitCode;

fn main() -> ExitCode {
    datastore_designer::cli::run()
}

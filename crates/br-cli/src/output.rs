//! How results and errors reach the terminal.

use std::io::{self, Write};
use std::process::ExitCode;

/// Prints `value` as one line of JSON on stdout.
pub fn print_json<T: serde::Serialize>(value: &T) -> anyhow::Result<()> {
    let mut out = io::stdout().lock();
    serde_json::to_writer(&mut out, value)?;
    writeln!(out)?;
    Ok(())
}

/// Prints an error chain once, prefixed `barraiser:`, and picks the exit code.
/// A closed pipe (`barraiser ... | head`) is not an error worth reporting.
pub fn report_error(err: &anyhow::Error) -> ExitCode {
    let broken_pipe = err
        .chain()
        .filter_map(|e| e.downcast_ref::<io::Error>())
        .any(|e| e.kind() == io::ErrorKind::BrokenPipe);
    if broken_pipe {
        return ExitCode::SUCCESS;
    }
    let mut msg = format!("barraiser: {err}");
    for cause in err.chain().skip(1) {
        msg.push_str(&format!(": {cause}"));
    }
    eprintln!("{msg}");
    ExitCode::from(1)
}

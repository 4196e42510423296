//! Argument parsers and input helpers shared by several commands.

use anyhow::{bail, Context};
use br_core::{Principle, Role};
use std::io::Read;
use std::path::Path;

/// clap value parser for `--principle`.
pub fn parse_principle(s: &str) -> Result<Principle, String> {
    Principle::parse(s).ok_or_else(|| {
        let known: Vec<&str> = Principle::ALL.iter().map(|p| p.slug()).collect();
        format!(
            "unknown Leadership Principle \"{s}\"; use one of: {}",
            known.join(", ")
        )
    })
}

/// clap value parser for `--role`.
pub fn parse_role(s: &str) -> Result<Role, String> {
    Role::parse(s)
        .ok_or_else(|| format!("unknown role \"{s}\"; use pm, pm-t, tpm or project-manager"))
}

/// Reads an answer's text from a file, or from stdin when `path` is `-`.
/// Rejects invalid UTF-8 and blank input with messages that say what to do.
pub fn read_answer_text(path: &Path) -> anyhow::Result<String> {
    let mut bytes = Vec::new();
    let source = if path == Path::new("-") {
        std::io::stdin()
            .lock()
            .read_to_end(&mut bytes)
            .context("cannot read stdin")?;
        "stdin".to_string()
    } else {
        bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
        path.display().to_string()
    };
    let text = String::from_utf8(bytes).map_err(|e| {
        anyhow::anyhow!(
            "{source} is not UTF-8 text (invalid byte at offset {}); save the transcript as UTF-8",
            e.utf8_error().valid_up_to()
        )
    })?;
    if text.trim().is_empty() {
        bail!("{source} is empty; give the text of an answer");
    }
    Ok(text)
}

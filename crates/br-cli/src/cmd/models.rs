//! `barraiser models`: list, download, add, use, remove and verify Whisper
//! models.
//!
//! An adapter over `br_models::Catalogue`: it picks the models folder
//! (in `--data-dir`, `BARRAISER_DATA_DIR`, else the platform's app-data
//! folder) and the
//! manifest (built in, or `--manifest FILE`), turns download events into an
//! indicatif progress bar on stderr, and prints results for people or, with
//! `--json`, as one JSON object.

use crate::cmd::history::DataDirArgs;
use crate::output::print_json;
use anyhow::{bail, Context};
use br_models::{
    CancelToken, Catalogue, CheckOutcome, DownloadConfig, DownloadEvent, DownloadOutcome,
    InstalledModel, Manifest, ModelSource, Origin, Progress, VerifyReport,
};
use indicatif::{ProgressBar, ProgressStyle};
use serde_json::{json, Value};
use std::path::PathBuf;
use std::time::Duration;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Use this manifest instead of the built-in list (e.g. an internal mirror's).
    #[arg(long, global = true, value_name = "FILE.toml")]
    manifest: Option<PathBuf>,
    #[command(flatten)]
    data: DataDirArgs,
    #[command(subcommand)]
    command: ModelsCommand,
}

#[derive(Debug, clap::Subcommand)]
enum ModelsCommand {
    /// List the models that can be downloaded and the installed ones.
    List {
        /// Print one JSON object.
        #[arg(long)]
        json: bool,
    },
    /// Download a model; an interrupted download resumes, and the file is
    /// installed only after its size and checksums match.
    Download {
        /// A name from `barraiser models list`, e.g. base.en.
        name: String,
        /// Print one JSON object instead of a progress bar.
        #[arg(long)]
        json: bool,
    },
    /// Add your own whisper.cpp ggml model file; its header is checked first.
    Add {
        path: PathBuf,
        /// The name to use (default: the file name without ggml- and .bin).
        #[arg(long)]
        name: Option<String>,
        /// Print one JSON object.
        #[arg(long)]
        json: bool,
    },
    /// Make an installed model the one other commands use.
    Use { name: String },
    /// Delete an installed model (and any unfinished download of it).
    Remove { name: String },
    /// Check installed models against the manifest's sizes and checksums.
    Verify {
        /// Only this model (default: all installed).
        name: Option<String>,
        /// Print one JSON object.
        #[arg(long)]
        json: bool,
    },
}

pub fn run(args: Args) -> anyhow::Result<()> {
    let data_dir = br_models::data_dir(args.data.data_dir.as_deref())?;
    let manifest = match &args.manifest {
        Some(path) => Manifest::from_path(path)?,
        None => Manifest::builtin(),
    };
    let catalogue = Catalogue::new(br_models::models_dir_in(&data_dir), manifest);
    match args.command {
        ModelsCommand::List { json } => list(&catalogue, json),
        ModelsCommand::Download { name, json } => download(&catalogue, &name, json),
        ModelsCommand::Add { path, name, json } => add(&catalogue, &path, name.as_deref(), json),
        ModelsCommand::Use { name } => {
            catalogue.choose(&name)?;
            println!("{name} is now the model Bar Raiser uses.");
            Ok(())
        }
        ModelsCommand::Remove { name } => {
            catalogue.remove(&name)?;
            println!("Removed {name}.");
            Ok(())
        }
        ModelsCommand::Verify { name, json } => verify(&catalogue, name.as_deref(), json),
    }
}

fn list(catalogue: &Catalogue, json: bool) -> anyhow::Result<()> {
    let installed = catalogue.installed()?;
    let chosen = catalogue.chosen()?;
    let default = catalogue.resolve(None, None).ok();
    let is_installed = |name: &str| installed.iter().any(|m| m.name == name);
    if json {
        let mut models: Vec<Value> = catalogue
            .manifest()
            .models()
            .iter()
            .map(|entry| {
                json!({
                    "name": entry.name,
                    "origin": "manifest",
                    "size": entry.size,
                    "installed": is_installed(&entry.name),
                    "partial_bytes": catalogue.partial_download(&entry.name),
                    "note": entry.note,
                })
            })
            .collect();
        models.extend(installed.iter().filter(|m| m.is_user_file()).map(|m| {
            json!({
                "name": m.name,
                "origin": "user",
                "size": m.size,
                "installed": true,
                "partial_bytes": null,
                "note": describe(m),
                "differs_from_published": matches!(m.origin, Origin::UserUnderPublishedName(_)),
            })
        }));
        return print_json(&json!({
            "models_dir": catalogue.models_dir(),
            "chosen": chosen,
            "default": default.map(|d| json!({ "name": d.name, "path": d.path, "source": source_slug(d.source) })),
            "models": models,
        }));
    }
    println!("Downloadable (barraiser models download NAME):");
    for entry in catalogue.manifest().models() {
        let installed_as = installed.iter().find(|m| m.name == entry.name);
        let status = if installed_as.is_some_and(InstalledModel::is_user_file) {
            "own file".to_string()
        } else if installed_as.is_some() {
            "installed".to_string()
        } else if let Some(part) = catalogue.partial_download(&entry.name) {
            format!("{}% fetched", part * 100 / entry.size.max(1))
        } else {
            String::new()
        };
        println!(
            "  {:<15} {:>7}  {:<11} {}",
            entry.name,
            megabytes(entry.size),
            status,
            entry.note
        );
    }
    let own: Vec<&InstalledModel> = installed.iter().filter(|m| m.is_user_file()).collect();
    if !own.is_empty() {
        println!("Added by you:");
        for model in own {
            println!(
                "  {:<15} {:>7}  {}",
                model.name,
                megabytes(model.size),
                describe(model)
            );
        }
    }
    match default {
        Some(default) => println!(
            "In use: {} ({})",
            default.name.unwrap_or_default(),
            match default.source {
                ModelSource::Setting => "chosen with `barraiser models use`",
                _ => "the best installed; change with `barraiser models use NAME`",
            }
        ),
        None if chosen.is_some() => println!(
            "In use: {} is chosen but not installed.",
            chosen.unwrap_or_default()
        ),
        None => println!("In use: none. {}", capitalize(br_models::no_model_hint())),
    }
    println!("Folder: {}", catalogue.models_dir().display());
    Ok(())
}

fn download(catalogue: &Catalogue, name: &str, json: bool) -> anyhow::Result<()> {
    let config = DownloadConfig::from_env()?;
    let cancel = CancelToken::new();
    // The manifest knows the size, so the bar is right before the server answers.
    let total = catalogue.manifest().get(name).map_or(0, |entry| entry.size);
    let bar = if json {
        ProgressBar::hidden()
    } else {
        ProgressBar::new(total)
    };
    bar.set_style(
        ProgressStyle::with_template(
            "{msg:12} [{bar:30}] {decimal_bytes:>8}/{decimal_total_bytes:8} {prefix}",
        )
        .expect("the template is valid")
        .progress_chars("=> "),
    );
    bar.set_message(name.to_string());
    let outcome = catalogue.download(name, &config, &cancel, |event| match event {
        DownloadEvent::Connecting { url } => bar.set_prefix(format!("connecting to {}", host(url))),
        DownloadEvent::Started {
            total,
            resumed_from,
        } => {
            bar.set_length(*total);
            bar.set_position(*resumed_from);
            if *resumed_from > 0 {
                bar.println(format!(
                    "Resuming {name} at {} of {}.",
                    megabytes(*resumed_from),
                    megabytes(*total)
                ));
            }
        }
        DownloadEvent::Progress(progress) => {
            bar.set_position(progress.downloaded);
            bar.set_prefix(rate_and_eta(progress));
        }
        DownloadEvent::Resuming { from, error } => {
            bar.println(format!("{error}; resuming from {}.", megabytes(*from)))
        }
        DownloadEvent::SourceFailed { url, error } => bar.println(format!(
            "{} failed ({error}); trying the mirror.",
            host(url)
        )),
        DownloadEvent::Verifying => bar.set_prefix("verifying checksums"),
    });
    bar.finish_and_clear();
    let outcome = outcome?;
    let (path, status, url, report) = match outcome {
        DownloadOutcome::Installed { path, url, report } => {
            (path, "installed", Some(url), Some(report))
        }
        DownloadOutcome::AlreadyInstalled { path } => (path, "already_installed", None, None),
    };
    if json {
        return print_json(&json!({
            "name": name,
            "status": status,
            "path": path,
            "url": url,
            "checks": report.as_ref().map(checks_json),
        }));
    }
    match report {
        Some(report) => println!("Installed {name} at {} ({report}).", path.display()),
        None => println!(
            "{name} is already installed at {}; `barraiser models verify {name}` checks it.",
            path.display()
        ),
    }
    Ok(())
}

fn add(
    catalogue: &Catalogue,
    path: &std::path::Path,
    name: Option<&str>,
    json: bool,
) -> anyhow::Result<()> {
    let model = catalogue.add(path, name)?;
    if json {
        return print_json(&json!({
            "name": model.name,
            "path": model.path,
            "size": model.size,
            "description": describe(&model),
        }));
    }
    println!(
        "Added {} ({}) at {}.",
        model.name,
        describe(&model),
        model.path.display()
    );
    Ok(())
}

fn verify(catalogue: &Catalogue, name: Option<&str>, json: bool) -> anyhow::Result<()> {
    let installed = catalogue.installed()?;
    let models: Vec<&InstalledModel> = match name {
        Some(name) => {
            let model = installed.iter().find(|m| m.name == name).ok_or_else(|| {
                br_models::Error::NotInstalled {
                    name: name.to_string(),
                }
            })?;
            vec![model]
        }
        None => installed.iter().collect(),
    };
    if models.is_empty() && !json {
        println!("Nothing to verify: {}.", br_models::no_model_hint());
        return Ok(());
    }
    let mut results = Vec::with_capacity(models.len());
    for model in &models {
        let report = catalogue
            .verify(model)
            .with_context(|| format!("cannot verify {}", model.name))?;
        let header_error = model.header.as_ref().err().map(|e| e.to_string());
        let ok = report.is_ok() && header_error.is_none();
        results.push((model, report, header_error, ok));
    }
    let n_failed = results.iter().filter(|r| !r.3).count();
    if json {
        let items: Vec<Value> = results
            .iter()
            .map(|(model, report, header_error, ok)| {
                json!({
                    "name": model.name,
                    "path": model.path,
                    "ok": ok,
                    "header_error": header_error,
                    "checks": checks_json(report),
                })
            })
            .collect();
        print_json(&json!({ "ok": n_failed == 0, "models": items }))?;
    } else {
        for (model, report, header_error, ok) in &results {
            let verdict = if *ok { "ok" } else { "FAILED" };
            match header_error {
                Some(error) => println!(
                    "{:<15} {verdict:<6} not a usable model: {error}",
                    model.name
                ),
                None => println!("{:<15} {verdict:<6} {report}", model.name),
            }
        }
    }
    if n_failed > 0 {
        bail!(
            "{n_failed} model(s) failed verification; remove each (`barraiser models remove NAME`) \
             and download it again"
        );
    }
    Ok(())
}

fn checks_json(report: &VerifyReport) -> Value {
    report
        .checks
        .iter()
        .map(|check| {
            let (outcome, detail) = match &check.outcome {
                CheckOutcome::Passed => ("passed", Value::Null),
                CheckOutcome::Failed { expected, actual } => {
                    ("failed", json!({ "expected": expected, "actual": actual }))
                }
                CheckOutcome::Skipped { reason } => ("skipped", json!({ "reason": reason })),
            };
            json!({ "check": check.kind.label(), "outcome": outcome, "detail": detail })
        })
        .collect()
}

/// "tiny, f16, English-only; your own file", from the header and the file's
/// origin, or why the file is unusable.
fn describe(model: &InstalledModel) -> String {
    match &model.header {
        Ok(header) => format!(
            "{}, {}, {}; {}",
            header.size_class(),
            header.weight_type(),
            if header.is_english_only() {
                "English-only"
            } else {
                "multilingual"
            },
            model.origin_note()
        ),
        Err(error) => format!("unusable: {error}"),
    }
}

fn source_slug(source: ModelSource) -> &'static str {
    match source {
        ModelSource::Explicit => "explicit",
        ModelSource::Environment => "environment",
        ModelSource::Setting => "setting",
        ModelSource::BestInstalled => "best_installed",
    }
}

fn megabytes(bytes: u64) -> String {
    format!("{} MB", bytes.div_ceil(1_000_000))
}

fn rate_and_eta(progress: &Progress) -> String {
    let rate = format!("{:.1} MB/s", progress.bytes_per_second / 1e6);
    match progress.eta {
        Some(eta) => format!("{rate}, {} left", clock(eta)),
        None => rate,
    }
}

fn clock(duration: Duration) -> String {
    let secs = duration.as_secs();
    format!("{}:{:02}", secs / 60, secs % 60)
}

fn host(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    rest.split('/').next().unwrap_or(rest)
}

fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

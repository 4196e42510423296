//! `barraiser devices`: list the microphones a recording can use.

use crate::output::print_json;
use serde::Serialize;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Print exactly one JSON object instead of a list.
    #[arg(long)]
    json: bool,
}

#[derive(Serialize)]
struct DeviceJson<'a> {
    name: &'a str,
    default: bool,
    format: Option<&'a str>,
}

pub fn run(args: Args) -> anyhow::Result<()> {
    let devices = br_audio::list_input_devices()?;
    if args.json {
        let list: Vec<DeviceJson> = devices
            .iter()
            .map(|device| DeviceJson {
                name: &device.name,
                default: device.is_default,
                format: device.default_format.as_deref(),
            })
            .collect();
        return print_json(&serde_json::json!({ "devices": list }));
    }
    if devices.is_empty() {
        eprintln!(
            "barraiser: no input devices found; plug in a microphone or start the sound server"
        );
    }
    for device in &devices {
        let marker = if device.is_default { "*" } else { " " };
        let format = device
            .default_format
            .as_deref()
            .unwrap_or("no default format");
        println!("{marker} {}  ({format})", device.name);
    }
    Ok(())
}

#!/usr/bin/env bash
# Sets up a machine, builds the Bar Raiser desktop app (the Svelte front end,
# then the Tauri shell with the front end embedded) and starts it. Arguments
# go to the app; BARRAISER_DATA_DIR and BARRAISER_MODEL are honoured.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
source "$ROOT/scripts/setup.sh"
(cd ui && npm run build --silent)
cargo build --release -p bar-raiser-app --features custom-protocol
exec "$ROOT/target/release/bar-raiser" "$@"

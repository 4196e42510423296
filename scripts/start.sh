#!/usr/bin/env bash
# Sets up a machine, builds Bar Raiser and starts it.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
source "$ROOT/scripts/setup.sh"
cargo run --release -p br-cli --bin barraiser -- "$@"

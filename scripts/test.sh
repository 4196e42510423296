#!/usr/bin/env bash
# Sets up a machine and runs every test of Bar Raiser: formatting, lints,
# unit and integration tests (with the real Whisper model), the
# virtual-microphone capture test, front-end tests and the end-to-end test of
# the desktop app under Xvfb.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
export BARRAISER_SETUP_TESTS=1
source "$ROOT/scripts/setup.sh"

# The test model: the shared tiny.en unless the caller chose another.
SHARED=${BARRAISER_SHARED:-$(cd "$ROOT/.." && pwd)/shared}
export BARRAISER_SHARED=$SHARED
export BARRAISER_MODEL=${BARRAISER_MODEL:-$SHARED/models/ggml-tiny.en.bin}
if [ ! -f "$BARRAISER_MODEL" ]; then
  echo "test: no Whisper model at $BARRAISER_MODEL; set BARRAISER_MODEL to a ggml model file" >&2
  exit 1
fi

step() { printf '\n==> %s\n' "$*"; }

step "cargo fmt --check"
cargo fmt --all -- --check
step "cargo clippy -D warnings"
# The e2e feature only adds the WebDriver test; lint it too.
cargo clippy --workspace --all-targets --features bar-raiser-app/e2e -- -D warnings

# The virtual microphone must exist before anything opens an audio device.
step "virtual microphone"
"$SHARED/scripts/virtual-mic.sh" up
trap '"$SHARED/scripts/virtual-mic.sh" down' EXIT
export BARRAISER_VMIC=1
# speech-dispatcher (installed above) speaks into the virtual sink: the
# voice tests and the e2e test check that the interviewer is heard.
export BARRAISER_SPEECH=1

# The desktop app's own tests run in the end-to-end step below, built once
# with the features that step needs (a second build of Tauri costs minutes).
step "cargo test"
cargo test --workspace --all-targets --exclude bar-raiser-app

step "front end: type check and unit tests (Vitest)"
(cd ui && npm run check --silent && npm test --silent)

step "end-to-end test of the desktop app (tauri-driver, Xvfb)"
"$ROOT/scripts/e2e.sh"

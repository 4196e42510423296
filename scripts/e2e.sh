#!/usr/bin/env bash
# End-to-end test of the desktop app: builds the UI, then runs the app's
# tests: its unit tests and src-tauri/tests/e2e.rs, which starts tauri-driver
# (with WebKitWebDriver) and the real app under a virtual X server, answers a
# round by playing WAVs into the virtual microphone, and replays it. Screenshots and measurements
# land in target/e2e-screenshots/. Called by scripts/test.sh; runs alone too.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
SHARED=${BARRAISER_SHARED:-$(cd "$ROOT/.." && pwd)/shared}
export BARRAISER_SHARED=$SHARED
export BARRAISER_MODEL=${BARRAISER_MODEL:-$SHARED/models/ggml-tiny.en.bin}
export PATH="$HOME/.cargo/bin:$PATH"

command -v tauri-driver >/dev/null || cargo install tauri-driver --locked
[ -x /usr/bin/WebKitWebDriver ] || { echo "e2e: /usr/bin/WebKitWebDriver missing (Debian package webkit2gtk-driver)" >&2; exit 1; }

(cd ui && npm run build --silent)

# The virtual microphone must run before the app opens its input. Leave it
# running if someone else (scripts/test.sh) started it.
if ! pactl info >/dev/null 2>&1; then
  "$SHARED/scripts/virtual-mic.sh" up
  trap '"$SHARED/scripts/virtual-mic.sh" down' EXIT
fi

rm -rf target/e2e-screenshots
xvfb-run --auto-servernum --server-args="-screen 0 1280x900x24" \
  cargo test -p bar-raiser-app --features custom-protocol,e2e -- --nocapture

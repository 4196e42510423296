#!/usr/bin/env bash
# Installs the .deb that scripts/package.sh built into this machine
# (dpkg -i), starts the installed binary under Xvfb with a scratch data
# folder, checks that its window appears, then removes the package and
# checks that nothing of it is left. Needs root (or sudo). Run it after
# scripts/package.sh; it is not part of scripts/test.sh because the release
# build it needs takes far longer than the rest of the tests (see README).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target}
PACKAGE=bar-raiser
sudo_if_needed() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

deb=$(find "$TARGET_DIR/release/bundle/deb" -maxdepth 1 -name '*.deb' 2>/dev/null | head -n1)
[ -n "$deb" ] || { echo "install-test: no .deb under $TARGET_DIR/release/bundle/deb; run ./scripts/package.sh first" >&2; exit 1; }
command -v xvfb-run >/dev/null && command -v xwininfo >/dev/null \
  || { echo "install-test: needs xvfb and x11-utils (BARRAISER_SETUP_TESTS=1 ./scripts/setup.sh installs them)" >&2; exit 1; }
if dpkg-query -W -f='${Status}' "$PACKAGE" 2>/dev/null | grep -q "install ok installed"; then
  echo "install-test: $PACKAGE is already installed here; remove it first (dpkg -r $PACKAGE)" >&2
  exit 1
fi

started=$(date +%s)
echo "install-test: dpkg -i $deb"
# dpkg does not fetch dependencies; apt resolves any that are missing.
sudo_if_needed dpkg -i "$deb" || sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get install -f -y -qq
remove() { sudo_if_needed dpkg -r "$PACKAGE" >/dev/null 2>&1 || true; }
trap remove EXIT
bin=$(command -v bar-raiser) || { echo "install-test: the package installed no bar-raiser on the PATH" >&2; exit 1; }
desktop=$(dpkg -L "$PACKAGE" | grep '\.desktop$' | head -n1)
[ -n "$desktop" ] || { echo "install-test: the package has no desktop entry" >&2; exit 1; }
grep -q "^Exec=bar-raiser" "$desktop" || { echo "install-test: $desktop does not start bar-raiser" >&2; exit 1; }
dpkg -L "$PACKAGE" | grep -q 'icons/hicolor/.*/bar-raiser.png' || { echo "install-test: the package has no icon" >&2; exit 1; }

data=$(mktemp -d)
# Under a virtual X server: start the installed app, wait up to 30 s for a
# window titled "Bar Raiser", then close the app.
BARRAISER_DATA_DIR=$data xvfb-run --auto-servernum --server-args="-screen 0 1280x900x24" bash -c '
  "$0" >"$1/app.log" 2>&1 &
  app=$!
  for _ in $(seq 60); do
    if xwininfo -root -tree | grep -q "\"Bar Raiser\""; then
      xwininfo -root -tree | grep "\"Bar Raiser\"" | head -n1
      kill "$app"; wait "$app" 2>/dev/null || true
      exit 0
    fi
    kill -0 "$app" 2>/dev/null || { echo "install-test: the app exited:" >&2; cat "$1/app.log" >&2; exit 1; }
    sleep 0.5
  done
  echo "install-test: no Bar Raiser window within 30 s" >&2; cat "$1/app.log" >&2
  kill "$app"; exit 1
' "$bin" "$data"
rm -rf "$data"

trap - EXIT
sudo_if_needed dpkg -r "$PACKAGE" >/dev/null
if dpkg-query -W -f='${Status}' "$PACKAGE" 2>/dev/null | grep -q "ok installed" || [ -e "$bin" ]; then
  echo "install-test: $PACKAGE was not removed cleanly" >&2
  exit 1
fi
echo "install-test: installed, window shown, removed cleanly in $(( $(date +%s) - started )) s"

#!/usr/bin/env bash
# Builds the Linux installers of the desktop app with the Tauri CLI (from
# ui/node_modules): a .deb and an .rpm, and an .AppImage where Tauri's
# AppImage tools can be had. Output: target/release/bundle/{deb,rpm,appimage}/
# (or under CARGO_TARGET_DIR). The Whisper model is not bundled: the app
# offers to download one at first run.
#
# The AppImage: Tauri's bundler downloads linuxdeploy, its GTK plugin and the
# AppImage runtime from GitHub on first use (into ~/.cache/tauri). No
# registry this project may use (Debian, npm, PyPI, crates.io) ships them,
# so where GitHub is unreachable the AppImage is skipped with the reason and
# the script still succeeds with the .deb and .rpm. Set
# BARRAISER_REQUIRE_APPIMAGE=1 to make that a failure.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
source "$ROOT/scripts/setup.sh"
TAURI="$ROOT/ui/node_modules/.bin/tauri"
TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target}
BUNDLE_DIR=$TARGET_DIR/release/bundle

(cd ui && npm run build --silent)
rm -rf "$BUNDLE_DIR"
# --ci: no prompts. The CLI builds the release binary with the
# custom-protocol feature (the UI embedded) and then the packages.
"$TAURI" build --ci --bundles deb,rpm

appimage_log=$TARGET_DIR/appimage-bundle.log
if "$TAURI" bundle --ci --bundles appimage >"$appimage_log" 2>&1; then
  appimage_note="built"
else
  appimage_note="NOT built: $(grep -m1 -iE 'error|failed' "$appimage_log" || tail -n1 "$appimage_log") (full log: $appimage_log)"
fi

echo
echo "package: installers of Bar Raiser $(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n1):"
find "$BUNDLE_DIR" -maxdepth 2 -type f \( -name '*.deb' -o -name '*.rpm' -o -name '*.AppImage' \) -exec du -h {} \;
echo "package: AppImage $appimage_note"
if [ "$appimage_note" != built ] && [ "${BARRAISER_REQUIRE_APPIMAGE:-0}" = 1 ]; then
  exit 1
fi

#!/usr/bin/env bash
# Installs what a fresh Debian 12 machine lacks to build, run and test Bar
# Raiser. Idempotent: a second run only checks. Sourced by start.sh and
# test.sh; run it alone to prepare a machine.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

APT_BUILD=(pkg-config cmake clang libclang-dev libasound2-dev
  libwebkit2gtk-4.1-dev libgtk-3-dev libsoup-3.0-dev librsvg2-dev
  libayatana-appindicator3-dev libspeechd-dev)
APT_TEST=(xvfb webkit2gtk-driver pulseaudio pulseaudio-utils
  libasound2-plugins espeak-ng sox chromium
  speech-dispatcher speech-dispatcher-espeak-ng speech-dispatcher-audio-plugins
  x11-utils
  flite festival festvox-kallpc16k festvox-kdlpc16k festvox-us-slt-hts)

sudo_if_needed() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

install_apt() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "setup: installing ${missing[*]}"
    sudo_if_needed apt-get update -qq
    sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

install_apt "${APT_BUILD[@]}"
if [ "${BARRAISER_SETUP_TESTS:-0}" = 1 ]; then
  install_apt "${APT_TEST[@]}"
fi

# Front-end packages, exactly as locked.
if [ -f "$ROOT/ui/package-lock.json" ]; then
  if [ ! -d "$ROOT/ui/node_modules" ] || [ "$ROOT/ui/package-lock.json" -nt "$ROOT/ui/node_modules/.package-lock.json" ]; then
    (cd "$ROOT/ui" && npm ci --no-audit --no-fund --loglevel=error)
  fi
fi

# The end-to-end test drives the app through tauri-driver (a WebDriver
# proxy to WebKitWebDriver), which only cargo ships.
if [ "${BARRAISER_SETUP_TESTS:-0}" = 1 ] && ! command -v tauri-driver >/dev/null && [ ! -x "$HOME/.cargo/bin/tauri-driver" ]; then
  cargo install tauri-driver --locked
fi

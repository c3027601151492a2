#!/usr/bin/env bash
# Installs what Mentordesk needs on Debian 12 / Ubuntu, and nothing that is already there.
# Safe to run again. Usage: scripts/setup.sh [--for-tests]
set -euo pipefail
cd "$(dirname "$0")/.."

FOR_TESTS=0
[[ "${1:-}" == "--for-tests" ]] && FOR_TESTS=1

SUDO=""
if [[ $(id -u) -ne 0 ]]; then SUDO="sudo"; fi

say() { printf '\033[1;36m==> %s\033[0m\n' "$*"; }

# --- System packages --------------------------------------------------------
BUILD_PACKAGES=(build-essential pkg-config libssl-dev file curl ca-certificates
  libwebkit2gtk-4.1-dev libgtk-3-dev libsoup-3.0-dev librsvg2-dev
  libayatana-appindicator3-dev libxdo-dev)
TEST_PACKAGES=(xvfb xauth webkit2gtk-driver x11-utils imagemagick dbus dbus-x11
  at-spi2-core gnome-keyring libsecret-tools keyutils dunst poppler-utils)
wanted=("${BUILD_PACKAGES[@]}")
if [[ $FOR_TESTS -eq 1 ]]; then wanted+=("${TEST_PACKAGES[@]}"); fi
missing=()
for pkg in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
# Node.js may come from elsewhere (nodesource bundles npm and conflicts with Debian's npm).
if ! command -v npm >/dev/null 2>&1; then missing+=(nodejs npm); fi
if [[ ${#missing[@]} -gt 0 ]]; then
  say "Installing system packages: ${missing[*]}"
  $SUDO apt-get -o DPkg::Lock::Timeout=900 update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get -o DPkg::Lock::Timeout=900 install -y -qq "${missing[@]}" >/dev/null
fi

# --- Rust toolchain and tools -------------------------------------------------
if ! command -v cargo >/dev/null 2>&1; then
  if [[ -x "$HOME/.cargo/bin/cargo" ]]; then
    export PATH="$HOME/.cargo/bin:$PATH"
  else
    say "Installing Rust (rustup)"
    curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal
    export PATH="$HOME/.cargo/bin:$PATH"
  fi
fi
if ! rustup target list --installed | grep -q '^wasm32-unknown-unknown$'; then
  say "Adding the wasm32 target"
  rustup target add wasm32-unknown-unknown
fi
for component in rustfmt clippy; do
  rustup component list --installed | grep -q "^$component" || rustup component add "$component"
done

# wasm-bindgen's CLI must match the wasm-bindgen crate in Cargo.lock exactly.
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if [[ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WASM_BINDGEN_VERSION" ]]; then
  say "Installing wasm-bindgen-cli $WASM_BINDGEN_VERSION"
  # --locked fails: one locked dependency is missing from the registry mirror.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

# The Tauri CLI (for .deb/AppImage bundles) as a prebuilt npm package, kept in .tools/.
if [[ ! -x .tools/node_modules/.bin/tauri ]]; then
  say "Installing the Tauri CLI into .tools/"
  mkdir -p .tools
  npm install --silent --no-audit --no-fund --prefix .tools @tauri-apps/cli@2 >/dev/null
fi

if [[ $FOR_TESTS -eq 1 ]] && ! command -v tauri-driver >/dev/null 2>&1; then
  say "Installing tauri-driver"
  cargo install --locked tauri-driver --version "^2"
fi
say "Setup complete"

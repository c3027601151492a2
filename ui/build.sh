#!/usr/bin/env bash
# Builds the Mentordesk UI into ui/dist:
#   1. cargo build of the Leptos crate for wasm32 (release),
#   2. wasm-bindgen to generate mentordesk_ui.js + mentordesk_ui_bg.wasm,
#   3. copies index.html, main.js and styles.css next to them.
# Run from anywhere: `bash ui/build.sh`. Set WASM_BINDGEN to use a specific binary.
set -euo pipefail

UI_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$UI_DIR/.." && pwd)"
DIST="$UI_DIR/dist"
TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
WANT_BINDGEN="0.2.130"

WASM_BINDGEN="${WASM_BINDGEN:-}"
if [ -z "$WASM_BINDGEN" ]; then
  if command -v wasm-bindgen >/dev/null 2>&1; then
    WASM_BINDGEN="$(command -v wasm-bindgen)"
  elif [ -x "$HOME/.cargo/bin/wasm-bindgen" ]; then
    WASM_BINDGEN="$HOME/.cargo/bin/wasm-bindgen"
  else
    echo "error: wasm-bindgen not found. Install it with: cargo install wasm-bindgen-cli --version $WANT_BINDGEN" >&2
    exit 1
  fi
fi

HAVE_BINDGEN="$("$WASM_BINDGEN" --version | awk '{print $2}')"
if [ "$HAVE_BINDGEN" != "$WANT_BINDGEN" ]; then
  echo "error: wasm-bindgen $HAVE_BINDGEN found, but the UI is pinned to $WANT_BINDGEN." >&2
  echo "       Install it with: cargo install wasm-bindgen-cli --version $WANT_BINDGEN" >&2
  exit 1
fi

cd "$ROOT"
echo "==> cargo build -p mentordesk-ui --target wasm32-unknown-unknown --profile wasm-release"
cargo build -p mentordesk-ui --target wasm32-unknown-unknown --profile wasm-release

# Build into a fresh folder and swap it in, so the shell never embeds a half-written dist.
STAGE="$UI_DIR/.dist-staging"
rm -rf "$STAGE"
mkdir -p "$STAGE"
echo "==> wasm-bindgen -> $DIST"
"$WASM_BINDGEN" --target web --no-typescript --remove-name-section \
  --out-dir "$STAGE" --out-name mentordesk_ui \
  "$TARGET_DIR/wasm32-unknown-unknown/wasm-release/mentordesk_ui.wasm"

echo "==> static files"
cp "$UI_DIR/index.html" "$UI_DIR/main.js" "$UI_DIR/styles.css" "$STAGE/"
rm -rf "$DIST"
mv "$STAGE" "$DIST"

echo "==> done:"
ls -l "$DIST"
